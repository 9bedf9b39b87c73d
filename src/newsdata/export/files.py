"""Writers of the text formats: JSON Lines and GermEval-style CoNLL."""

from __future__ import annotations

import heapq
import itertools
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
    blocks = doc["blocks"]
    in_order = all(a["end"] <= b["start"] for a, b in itertools.pairwise(blocks))
    levels = (_Overlapping(outer), _Overlapping(inner))
    for block in blocks:
        if block["kind"] == "boilerplate":
            continue
        if not in_order:  # tokens must come in text order for the walk: start it again
            levels = (_Overlapping(outer), _Overlapping(inner))
        lines.append(f"# block = {block['id']} ({block['kind']})")
        previous: list[dict[str, Any] | None] = [None, None]
        for n, token in enumerate(TOKEN.finditer(text, block["start"], block["end"]), 1):
            start, end = token.span()
            labels = []
            for level, pool in enumerate(levels):
                hit = pool.first(start, end)
                labels.append(_label(hit, start, end, hit is not previous[level]))
                previous[level] = hit
            lines.append(f"{n}\t{token.group()}\t{labels[0]}\t{labels[1]}")
        lines.append("")
    return lines


class _Overlapping:
    """The first mention (in ``(start, -end)`` order) overlapping each token, for tokens
    asked for in text order: each mention enters and leaves a heap once, so a paragraph
    costs O(m log m) rather than a scan of every mention per token.

    ``mentions`` must be sorted by ``(start, -end)``.
    """

    def __init__(self, mentions: list[dict[str, Any]]) -> None:
        self._mentions = mentions
        self._next = 0  # the first mention not yet in the heap
        self._heap: list[tuple[int, int, int]] = []  # (start, -end, position in mentions)

    def first(self, start: int, end: int) -> dict[str, Any] | None:
        """The first mention with ``m.start < end`` and ``start < m.end``, or None."""
        mentions, heap = self._mentions, self._heap
        while self._next < len(mentions) and mentions[self._next]["start"] < end:
            m = mentions[self._next]
            heapq.heappush(heap, (m["start"], -m["end"], self._next))
            self._next += 1
        # a mention ending before this token ends before every later token too
        while heap and -heap[0][1] <= start:
            heapq.heappop(heap)
        return mentions[heap[0][2]] if heap else None


def write_conll(docs: Iterable[dict[str, Any]], path: Path) -> int:
    """Every article as GermEval-style TSV in one file; return the number of articles."""
    n = 0
    with atomic_path(path) as tmp, tmp.open("w", encoding="utf-8", newline="\n") as out:
        for doc in docs:
            out.write("\n".join(conll_lines(doc)) + "\n")
            n += 1
    return n
