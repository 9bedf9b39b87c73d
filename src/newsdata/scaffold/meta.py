"""Meta lines (datelines, dates, reading times, bylines) and what they state."""

from __future__ import annotations

import datetime
import re
from dataclasses import dataclass, field
from typing import Any

from newsdata.scaffold.dates import (
    ALL_MONTHS,
    ANY_DATE,
    SLASHED_DATE,
    WEEKDAYS,
    alternation,
    date_forms,
    date_of,
)

__all__ = ["StatedMetadata", "meta_segments", "read_metadata"]


# A meta line is made of segments (a dateline, a date, a reading time, a byline) joined
# by a separator such as " · " or " | "; nothing else may be on the line, so a body
# sentence that merely contains a date stays a paragraph.

_UPPER = "A-ZÀ-ÖØ-ÞĀ-Ž"
_CAPITALISED = rf"[{_UPPER}][\w'’.-]*"
_SEPARATOR = re.compile(r"\s+[·|•–—-]\s+|\s*[·|•]\s*")
_PUBLISHED_LABEL = (
    r"(?i:(?:veröffentlicht|erschienen)(?:\s+am)?|(?:published|posted)(?:\s+on)?|publié\s+le)"
)
_UPDATED_LABEL = (
    r"(?i:(?:zuletzt\s+)?aktualisiert(?:\s+am)?|stand|(?:last\s+)?updated(?:\s+on)?|"
    r"mis\s+à\s+jour\s+le|modifié\s+le)"
)
_TIME_OF_DAY = r"(?:,?\s*(?i:um|at|à)?\s*\d{1,2}[:.h]\d{2}\s*(?i:uhr|h|am|pm)?)?"
_DATE_SEGMENT = re.compile(
    rf"(?:(?P<published>{_PUBLISHED_LABEL})|(?P<updated>{_UPDATED_LABEL}))?\s*:?\s*"
    rf"(?:{_CAPITALISED}(?:[ -]{_CAPITALISED}){{0,3}}(?:\s*\([^)]{{1,30}}\))?,\s*)?"
    rf"(?:(?i:{alternation(WEEKDAYS)}),?\s+)?"
    rf"(?:(?:(?i:le|am|the|on)\s+)?(?P<date>{ANY_DATE})|(?P<slashed>{SLASHED_DATE})){_TIME_OF_DAY}"
)
_MINUTES = r"(?P<duration>(?P<n>\d+)\s*(?:minuten|minutes?|mins?\.?|min\.?))"
_READING_SEGMENTS = [
    re.compile(p, re.IGNORECASE)
    for p in (
        rf"(?:lesezeit|lesedauer)\s*:?\s*(?:ca\.\s*|etwa\s+|rund\s+)?{_MINUTES}",
        rf"(?:ca\.\s*)?{_MINUTES}\s*(?:lesezeit|lesedauer)",
        rf"{_MINUTES}[\s-]*(?:read|reading\s+time)",
        rf"(?:reading\s+time|read\s+time)\s*:?\s*{_MINUTES}",
        rf"{_MINUTES}\s+de\s+lecture",
        rf"(?:temps\s+de\s+)?lecture\s*:?\s*{_MINUTES}",
    )
]
_BARE_MINUTES = re.compile(_MINUTES, re.IGNORECASE)  # "2 mins" alone: meta, but no claim
_BYLINE = re.compile(rf"(?i:von|by|par)\s+{_CAPITALISED}(?:[\s,]+[\w'’.-]+){{0,6}}")


@dataclass(frozen=True)
class _Segment:
    kind: str  # "date", "reading", "byline"
    start: int  # offsets in the line
    end: int
    date: datetime.date | None = None
    published: bool = True  # False for a date labelled as an update
    minutes: int | None = None  # stated reading time, explicit ones only
    duration: tuple[int, int] | None = None


def _segments(line: str) -> list[tuple[int, int]]:
    pieces: list[tuple[int, int]] = []
    at = 0
    for separator in _SEPARATOR.finditer(line):
        pieces.append((at, separator.start()))
        at = separator.end()
    pieces.append((at, len(line)))
    return pieces


def meta_segments(line: str, *, bylines: bool) -> list[_Segment] | None:
    """The segments of a meta line, or None when the line is not one."""
    found: list[_Segment] = []
    for start, end in _segments(line):
        piece = line[start:end]
        if not piece:
            return None
        date = _DATE_SEGMENT.fullmatch(piece)
        if date is not None:
            if date["date"]:
                inner = next(
                    m for _, form in date_forms(ALL_MONTHS)
                    if (m := re.fullmatch(form, date["date"])) is not None
                )  # fmt: skip
                when = date_of(inner.groupdict())
            else:
                when = date_of(re.fullmatch(SLASHED_DATE, date["slashed"]).groupdict())  # type: ignore[union-attr]
            updated = date["updated"] is not None
            found.append(_Segment("date", start, end, date=when, published=not updated))
            continue
        reading = next((m for p in _READING_SEGMENTS if (m := p.fullmatch(piece))), None)
        bare = _BARE_MINUTES.fullmatch(piece)
        if reading is not None or bare is not None:
            match = reading or bare
            assert match is not None
            span = (start + match.start("duration"), start + match.end("duration"))
            minutes = int(match["n"]) if reading is not None else None
            found.append(_Segment("reading", start, end, minutes=minutes, duration=span))
            continue
        if bylines and _BYLINE.fullmatch(piece) and not piece.endswith("."):
            found.append(_Segment("byline", start, end))
            continue
        return None
    return found


@dataclass(frozen=True)
class StatedMetadata:
    """What the meta lines of a text state about the article, when they state it once.

    ``published`` is the publication date and ``reading_time`` an ISO 8601 duration
    (``PT2M``), each None when the text states none or states it ambiguously (two
    different dates, a slashed date both orders could read); ``notes`` say which.
    """

    published: datetime.date | None = None
    reading_time: str | None = None
    notes: tuple[str, ...] = field(default=())


def read_metadata(text: str, blocks: list[dict[str, Any]]) -> StatedMetadata:
    """Read the publication date and the reading time from the ``meta`` blocks.

    A date labelled as an update ("Aktualisiert am", "Updated", "Mis à jour le") is not a
    publication date; a reading time counts only when the line says it is one
    ("Lesezeit", "read", "de lecture"). Nothing is guessed: when the lines state two
    different dates, or a date only one reading order would give, ``published`` stays
    None.

    Examples
    --------
    >>> from newsdata.scaffold.blocks import detect_blocks
    >>> text = "Titel\\n\\nKiel, 4. März 2025 · Lesezeit: 2 Minuten\\n\\nText."
    >>> stated = read_metadata(text, detect_blocks(text))
    >>> stated.published, stated.reading_time
    (datetime.date(2025, 3, 4), 'PT2M')
    >>> text = "Title\\n\\n03/04/2025\\n\\nText."
    >>> read_metadata(text, detect_blocks(text)).published is None
    True
    """
    dates: set[datetime.date] = set()
    minutes: set[int] = set()
    unreadable: list[str] = []
    for block in blocks:
        if block["kind"] != "meta":
            continue
        line = text[block["start"] : block["end"]]
        for segment in meta_segments(line, bylines=True) or []:
            if segment.kind == "date" and segment.published:
                if segment.date is None:
                    unreadable.append(line[segment.start : segment.end])
                else:
                    dates.add(segment.date)
            elif segment.kind == "reading" and segment.minutes is not None:
                minutes.add(segment.minutes)
    notes: list[str] = []
    published = next(iter(dates)) if len(dates) == 1 and not unreadable else None
    if len(dates) > 1:
        listed = ", ".join(d.isoformat() for d in sorted(dates))
        notes.append(f"the meta lines state several dates ({listed}): `published` left null")
    elif unreadable:
        notes.append(f"the date {unreadable[0]!r} can be read two ways: `published` left null")
    reading_time = f"PT{next(iter(minutes))}M" if len(minutes) == 1 else None
    if len(minutes) > 1:
        notes.append("the meta lines state several reading times: `reading_time` left null")
    return StatedMetadata(published, reading_time, tuple(notes))
