"""Time the CoNLL writer on one paragraph of N names (every other one holding a nested
name): ``python benchmarks/conll_scale.py 8000 16000 32000``."""

from __future__ import annotations

import sys
import time
from typing import Any

from newsdata.export.files import conll_lines


def paragraph(n: int) -> dict[str, Any]:
    """One article: ``n`` names "Anna Berlin", separated by commas, in one paragraph."""
    words, mentions, at = [], [], 0
    for i in range(n):
        mentions.append({"id": f"m{i}", "start": at, "end": at + 11, "label": "PER"})
        if i % 2:
            mentions.append({"id": f"n{i}", "start": at + 5, "end": at + 11, "label": "LOC"})
        words.append("Anna Berlin")
        at += 13
    text = ", ".join(words)
    block = {"id": "b1", "start": 0, "end": len(text), "kind": "paragraph"}
    return {"id": "a", "text": text, "blocks": [block], "mentions": mentions}


if __name__ == "__main__":
    for n in map(int, sys.argv[1:] or ["8000", "16000", "32000"]):
        doc = paragraph(n)
        began = time.perf_counter()
        conll_lines(doc)
        print(f"{n} names: {time.perf_counter() - began:.2f} s")
