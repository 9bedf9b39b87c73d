"""Writers of the text formats: JSON Lines and GermEval-style CoNLL."""

from __future__ import annotations

import re
from collections.abc import Iterable
from pathlib import Path
from typing import Any

import orjson

from newsdata._io import atomic_path
from newsdata.export._source import outer_mentions

__all__ = ["TOKEN", "conll_lines", "write_conll", "write_jsonl"]

TOKEN = re.compile(r"\w+(?:[-'’.]\w+)*|[^\w\s]", re.UNICODE)
"""Tokens for the CoNLL export: words (hyphenated compounds stay one token) and punctuation."""


def write_jsonl(docs: Iterable[dict[str, Any]], path: Path) -> int:
    """One article per line, in id order; return the number of articles."""
    n = 0
    with atomic_path(path) as tmp, tmp.open("wb") as out:
        for doc in docs:
            out.write(orjson.dumps(doc) + b"\n")
            n += 1
    return n


def _label(mention: dict[str, Any] | None, start: int, end: int, first: bool) -> str:
    if mention is None:
        return "O"
    label = str(mention["label"])
    if (start < mention["start"] or end > mention["end"]) and label in ("PER", "LOC", "ORG", "OTH"):
        label += "part"  # the name is only part of this token (GermEval's convention)
    return f"{'B' if first else 'I'}-{label}"


def conll_lines(doc: dict[str, Any]) -> list[str]:
    """The article as GermEval 2014 TSV: token number, token, outer and inner IOB2 labels.

    Each non-boilerplate block is one "sentence" (blank line between them), preceded
    by ``# article = <id>`` and ``# block = <id>``. A token takes the label of the
    outermost mention overlapping it (outer column) and of a mention nested in that one
    (inner column); a token only partly covered by a name gets the ``part`` label.
    """
    text: str = doc["text"]
    mentions = sorted(doc["mentions"], key=lambda m: (m["start"], -m["end"]))
    outer = outer_mentions(mentions)
    outer_ids = {id(m) for m in outer}
    inner = [m for m in mentions if id(m) not in outer_ids]
    lines = [f"# article = {doc['id']}"]
    for block in doc["blocks"]:
        if block["kind"] == "boilerplate":
            continue
        lines.append(f"# block = {block['id']} ({block['kind']})")
        previous: dict[str, Any] = {"outer": None, "inner": None}
        for n, token in enumerate(TOKEN.finditer(text, block["start"], block["end"]), 1):
            start, end = token.span()
            labels = []
            for level, pool in (("outer", outer), ("inner", inner)):
                hit = next((m for m in pool if m["start"] < end and start < m["end"]), None)
                labels.append(_label(hit, start, end, hit is not previous[level]))
                previous[level] = hit
            lines.append(f"{n}\t{token.group()}\t{labels[0]}\t{labels[1]}")
        lines.append("")
    return lines


def write_conll(docs: Iterable[dict[str, Any]], path: Path) -> int:
    """Every article as GermEval-style TSV in one file; return the number of articles."""
    n = 0
    with atomic_path(path) as tmp, tmp.open("w", encoding="utf-8", newline="\n") as out:
        for doc in docs:
            out.write("\n".join(conll_lines(doc)) + "\n")
            n += 1
    return n
