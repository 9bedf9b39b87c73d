"""The text and the spans into it: normalisation, offsets in range, span texts, trimming."""

from __future__ import annotations

import unicodedata
from collections.abc import Iterator, Mapping
from typing import Any

from newsdata.models import QUOTE_SEGMENTS, SPAN_LAYERS, quote_segments
from newsdata.validate.checks.base import ArticleUnderCheck, Finding, semantic_check, shorten

__all__ = ["normalisation", "spans"]


@semantic_check("text-not-nfc")
def normalisation(a: ArticleUnderCheck) -> Iterator[Finding]:
    if not unicodedata.is_normalized("NFC", a.text):
        yield Finding("text-not-nfc", "text is not NFC-normalised", "/text")


@semantic_check("span-empty", "span-out-of-range", "span-text-mismatch", "span-untrimmed")
def spans(a: ArticleUnderCheck) -> Iterator[Finding]:
    text, n = a.text, len(a.text)
    doc = a.doc
    groups: list[tuple[str, list[Any], bool]] = [
        ("/blocks", doc["blocks"], False),
        *((f"/{layer}", doc[layer], True) for layer in SPAN_LAYERS),
    ]
    # the segments inside quotes (cue, speaker span, verbatim parts), in quote_segments' order
    groups.append(("", _segments(doc["quotes"]), True))
    for prefix, items, has_text in groups:
        # the common case in one comprehension: in range, text equal, trimmed
        if has_text:
            suspects = [
                i
                for i, x in enumerate(items)
                if not (
                    0 <= (s := x["start"]) < (e := x["end"]) <= n
                    and (t := x["text"]) == text[s:e]
                    and t == t.strip()
                )
            ]
        else:
            suspects = [
                i
                for i, x in enumerate(items)
                if not (
                    0 <= (s := x["start"]) < (e := x["end"]) <= n
                    and not text[s].isspace()
                    and not text[e - 1].isspace()
                )
            ]
        pointers = _segment_pointers(doc["quotes"]) if suspects and not prefix else []
        for i in suspects:
            pointer = f"{prefix}/{i}" if prefix else pointers[i]
            yield from _span_problems(text, pointer, items[i], has_text)


def _segments(quotes: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """The segments of ``quotes``, in the order of :func:`quote_segments`, without pointers."""
    # quote_segments spells out a pointer per segment; only a suspect one needs it
    found: list[dict[str, Any]] = []
    for q in quotes:
        for name in QUOTE_SEGMENTS:
            value = q.get(name)
            if isinstance(value, (list, tuple)):
                found += value
            elif value is not None:
                found.append(value)
    return found


def _segment_pointers(quotes: list[dict[str, Any]]) -> list[str]:
    """The pointers of :func:`_segments`, in its order."""
    return [f"/quotes/{k}/{where}" for k, q in enumerate(quotes) for where, _ in quote_segments(q)]


def _span_problems(
    text: str, pointer: str, span: Mapping[str, Any], has_text: bool
) -> Iterator[Finding]:
    start, end = span["start"], span["end"]
    if start >= end:
        yield Finding("span-empty", f"start {start} is not less than end {end}", f"{pointer}/start")
        return
    if end > len(text):
        yield Finding(
            "span-out-of-range",
            f"end {end} lies beyond the text's {len(text)} code points",
            f"{pointer}/end",
        )
        return
    covered = text[start:end]
    if has_text and span["text"] != covered:
        yield Finding(
            "span-text-mismatch",
            f"span text {shorten(span['text'])} differs from "
            f"text[{start}:{end}] = {shorten(covered)}",
            f"{pointer}/text",
        )
    elif covered != covered.strip():
        yield Finding(
            "span-untrimmed",
            f"span [{start}:{end}] {shorten(covered)} starts or ends with whitespace",
            pointer,
        )
