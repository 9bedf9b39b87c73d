"""The CoNLL export's labels: the same as a scan of every mention per token, in linear work."""

from __future__ import annotations

import itertools
from typing import Any

from hypothesis import given, settings
from hypothesis import strategies as st

from newsdata.export._source import outer_mentions
from newsdata.export.files import TOKEN, _label, conll_lines


def _oracle(doc: dict[str, Any]) -> list[str]:
    """The first writer: for each token, the first overlapping mention of each level."""
    text: str = doc["text"]
    mentions = sorted(doc["mentions"], key=lambda m: (m["start"], -m["end"]))
    outer = outer_mentions(mentions)
    inner = [m for m in mentions if all(m is not o for o in outer)]
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


WORDS = st.sampled_from(["Anna", "Berlin", "und", "x-y", ".", "New", "York's"])


@st.composite
def documents(draw: st.DrawFn) -> dict[str, Any]:
    text = " ".join(draw(st.lists(WORDS, min_size=1, max_size=30)))
    cuts = sorted(draw(st.lists(st.integers(0, len(text)), max_size=4)))
    edges = [0, *cuts, len(text)]
    blocks = [
        {"id": f"b{i}", "start": a, "end": b, "kind": draw(st.sampled_from(["paragraph", "title"]))}
        for i, (a, b) in enumerate(itertools.pairwise(edges))
    ]
    if draw(st.booleans()):  # blocks out of text order are walked too
        blocks.reverse()
    mentions = []
    for i in range(draw(st.integers(0, 12))):
        start = draw(st.integers(0, len(text) - 1))
        end = draw(st.integers(start + 1, len(text)))
        label = draw(st.sampled_from(["PER", "LOC", "ORGderiv", "OTHpart"]))
        mentions.append({"id": f"m{i}", "start": start, "end": end, "label": label})
    return {"id": "a", "text": text, "blocks": blocks, "mentions": mentions}


@settings(max_examples=400, deadline=None)
@given(documents())
def test_the_labels_are_those_of_a_scan_of_every_mention(doc: dict[str, Any]) -> None:
    assert conll_lines(doc) == _oracle(doc)


class _Counted(dict[str, Any]):
    """A mention that counts how often it is read."""

    reads = 0

    def __getitem__(self, key: str) -> Any:
        _Counted.reads += 1
        return super().__getitem__(key)


def _names(n: int) -> dict[str, Any]:
    """``n`` names in one paragraph, every other one holding a nested name."""
    words, mentions, at = [], [], 0
    for i in range(n):
        mentions.append(_Counted(id=f"m{i}", start=at, end=at + 11, label="PER"))
        if i % 2:
            mentions.append(_Counted(id=f"n{i}", start=at + 5, end=at + 11, label="LOC"))
        words.append("Anna Berlin")
        at += 13
    text = ", ".join(words)
    block = {"id": "b1", "start": 0, "end": len(text), "kind": "paragraph"}
    return {"id": "a", "text": text, "blocks": [block], "mentions": mentions}


def test_the_work_grows_linearly_with_the_names_of_a_paragraph() -> None:
    reads = []
    for n in (1000, 2000, 4000):
        doc = _names(n)
        _Counted.reads = 0
        conll_lines(doc)
        reads.append(_Counted.reads)
    # a scan per token would read 4 times as much for twice the names
    assert reads[1] < 2.2 * reads[0] and reads[2] < 2.2 * reads[1], reads
