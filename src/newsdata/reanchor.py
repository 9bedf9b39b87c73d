"""`newsdata reanchor`: put every span back on its text after the article's text was edited.

Each span stores its own ``text``, so after a correction elsewhere in the article the
span is still findable; its old offsets say roughly where. Spans are walked in text
order while tracking how far the text has shifted so far: a span found exactly where
the current shift puts it is certain; otherwise the nearest occurrence of its text
within a small window is taken, and the next span must confirm the new shift (if the
next span still sits at the old shift, the candidate was a look-alike, and the span
is reported as lost). Blocks, which store no text, are moved by the shift around them
and snapped to the line they cover.
"""

from __future__ import annotations

import bisect
import copy
import itertools
from dataclasses import dataclass, field
from typing import Any

from newsdata.models import SPAN_LAYERS, quote_segments

__all__ = ["WINDOW", "Reanchored", "reanchor"]

WINDOW = 200
"""How far (in code points) from its expected place a span's text is looked for."""


@dataclass
class Reanchored:
    """The article with new offsets, what moved, and what could not be placed."""

    doc: dict[str, Any]
    moved: list[str] = field(default_factory=list)
    problems: list[tuple[str, str]] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        """True when every span was placed."""
        return not self.problems


@dataclass
class _Span:
    pointer: str
    obj: dict[str, Any]
    old: int
    text: str
    new: int | None = None


def _text_spans(doc: dict[str, Any]) -> list[_Span]:
    spans = []
    for layer in SPAN_LAYERS:
        for i, item in enumerate(doc.get(layer, [])):
            spans.append(_Span(f"/{layer}/{i}", item, item["start"], item["text"]))
            if layer == "quotes":  # its cue, speaker span and verbatim parts move with it
                for where, part in quote_segments(item):
                    spans.append(_Span(f"/quotes/{i}/{where}", part, part["start"], part["text"]))
    spans.sort(key=lambda s: (s.old, -len(s.text)))
    return spans


def _occurrences(text: str, needle: str, low: int, high: int) -> list[int]:
    found = []
    at = text.find(needle, max(low, 0))
    while at != -1 and at <= high:
        found.append(at)
        at = text.find(needle, at + 1)
    return found


def _place_spans(text: str, spans: list[_Span], problems: list[tuple[str, str]]) -> None:
    shift = 0
    floor = 0  # spans keep their order: none may start before the last one placed
    taken: set[tuple[int, str]] = set()  # a place and text already given to a span
    for k, span in enumerate(spans):
        expected = span.old + shift
        if text.startswith(span.text, expected) and expected >= floor:
            span.new = expected
            floor = expected
            taken.add((expected, span.text))
            continue
        # a look-alike where another span already stands is that span, not this one
        candidates = [
            p
            for p in _occurrences(text, span.text, expected - WINDOW, expected + WINDOW)
            if p >= floor and (p, span.text) not in taken
        ]
        if not candidates:
            problems.append(
                (
                    span.pointer,
                    f"text {span.text!r} not found near offset {expected}: "
                    "was the span's own text edited?",
                )
            )
            continue
        candidates.sort(key=lambda p: (abs(p - expected), p))
        if len(candidates) > 1 and abs(candidates[0] - expected) == abs(candidates[1] - expected):
            problems.append(
                (
                    span.pointer,
                    f"text {span.text!r} occurs at {candidates[0]} and "
                    f"{candidates[1]}, equally near; place it by hand",
                )
            )
            continue
        best = candidates[0]
        new_shift = best - span.old
        if abs(best - expected) > len(span.text) and _fits_old_shift(
            text, spans, k, shift, new_shift
        ):
            # The candidate does not overlap where the span was expected, and the spans
            # after it still sit where the old shift puts them: the span's own text
            # changed, and the candidate is another occurrence of the same words.
            problems.append(
                (
                    span.pointer,
                    f"text {span.text!r} is no longer at offset {expected}; "
                    f"the nearest look-alike at {best} does not fit its "
                    "neighbours: was the span's own text edited?",
                )
            )
            continue
        span.new = best
        shift = new_shift
        floor = best
        taken.add((best, span.text))


def _fits_old_shift(text: str, spans: list[_Span], k: int, old: int, new: int) -> bool:
    """Whether the next few spans after ``spans[k]`` agree with shift ``old`` more than ``new``."""
    # the next three spans that start after this one, without copying the rest of the list
    later = (spans[i] for i in range(k + 1, len(spans)))
    following = list(itertools.islice((s for s in later if s.old > spans[k].old), 3))
    with_old = sum(text.startswith(s.text, s.old + old) for s in following)
    with_new = sum(text.startswith(s.text, s.old + new) for s in following)
    return with_old > with_new


def _line_bounds(text: str) -> tuple[list[int], list[int]]:
    """Starts and ends (exclusive) of the trimmed non-blank lines."""
    starts, ends = [], []
    pos = 0
    for piece in text.split("\n"):
        stripped = piece.strip()
        if stripped:
            lead = len(piece) - len(piece.lstrip())
            starts.append(pos + lead)
            ends.append(pos + lead + len(stripped))
        pos += len(piece) + 1
    return starts, ends


def _nearest_from(values: list[int], target: int, floor: int) -> int | None:
    """The value nearest to ``target`` among those at or after ``floor`` (sorted values)."""
    i = bisect.bisect_left(values, floor)
    if i == len(values):
        return None
    j = bisect.bisect_left(values, target, lo=i)
    options = values[max(i, j - 1) : j + 1]
    return min(options, key=lambda v: (abs(v - target), v))


def _shift_at(anchors: list[tuple[int, int]], old: int) -> int:
    """The shift of the last placed span starting at or before ``old``."""
    i = bisect.bisect_right(anchors, (old, 1 << 62)) - 1
    return anchors[i][1] if i >= 0 else 0


def reanchor(doc: dict[str, Any]) -> Reanchored:
    """Recompute every span's offsets from its text; return the result without writing.

    Examples
    --------
    >>> doc = {"text": "Ein neuer Titel\\n\\nHeute sprach Putin.", "title": "Ein Titel",
    ...        "blocks": [{"id": "b1", "start": 0, "end": 9, "kind": "title"},
    ...                   {"id": "b2", "start": 11, "end": 30, "kind": "paragraph"}],
    ...        "mentions": [{"id": "m1", "start": 24, "end": 29, "text": "Putin",
    ...                      "label": "PER", "entity": None}], "quotes": [], "timexes": []}
    >>> result = reanchor(doc)
    >>> result.ok, result.doc["mentions"][0]["start"], result.doc["blocks"][1]["start"]
    (True, 30, 17)
    >>> result.doc["title"]
    'Ein neuer Titel'
    """
    doc = copy.deepcopy(doc)
    text: str = doc["text"]
    result = Reanchored(doc)
    spans = _text_spans(doc)
    _place_spans(text, spans, result.problems)
    if result.problems:
        return result
    anchors = sorted((s.old, s.new - s.old) for s in spans if s.new is not None)
    for span in spans:
        assert span.new is not None
        if span.new != span.old:
            result.moved.append(span.pointer)
        span.obj["start"], span.obj["end"] = span.new, span.new + len(span.text)

    starts, ends = _line_bounds(text)
    if not starts:
        if doc.get("blocks"):
            result.problems.append(("/blocks", "the text is empty"))
        return result
    # Blocks are placed in order, each on the line bound nearest to where the shift so far
    # puts it and never before the block before it; every bound placed becomes an anchor
    # itself, so a block far from any span still follows the edits before it.
    blocks = doc.get("blocks", [])
    floor = 0
    for i, block in enumerate(blocks):
        start = _nearest_from(starts, block["start"] + _shift_at(anchors, block["start"]), floor)
        if start is not None:
            bisect.insort(anchors, (block["start"], start - block["start"]))
            wanted = block["end"] + _shift_at(anchors, block["end"] - 1)
            end = _nearest_from(ends, wanted, start + 1)
        if start is None or end is None:
            result.problems.append(
                (
                    f"/blocks/{i}",
                    "blocks could not be placed on distinct lines; "
                    "did the edit add or remove a line break?",
                )
            )
            return result
        bisect.insort(anchors, (block["end"] - 1, end - block["end"]))
        if (start, end) != (block["start"], block["end"]):
            result.moved.append(f"/blocks/{i}")
        block["start"], block["end"] = start, end
        floor = end
    title = next((b for b in blocks if b["kind"] == "title"), None)
    if title is not None and doc.get("title") != text[title["start"] : title["end"]]:
        doc["title"] = text[title["start"] : title["end"]]
        result.moved.append("/title")
    return result
