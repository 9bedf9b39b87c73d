"""Candidate temporal expressions: explicit dates, reading times, relative expressions."""

from __future__ import annotations

import datetime
import re
from collections.abc import Callable
from typing import Any

from newsdata.scaffold.dates import (
    MONTHS,
    WEEKDAY_NAMES,
    WEEKDAYS,
    alternation,
    date_forms,
    date_of,
    month_alternation,
)
from newsdata.scaffold.meta import meta_segments

__all__ = ["suggest_timexes", "timex_candidates"]


def _timex_forms(language: str | None) -> list[tuple[re.Pattern[str], str]]:
    months = month_alternation(language)
    forms = [(re.compile(rf"\b{form}\b"), kind) for kind, form in date_forms(months)]
    return [
        *forms,
        (re.compile(rf"\b(?i:(?P<mn>{months}))\s+(?P<y>\d{{4}})\b"), "my-name"),
        (re.compile(r"\b(?P<y>1[0-9]{3}|20[0-9]{2})\b"), "year"),
    ]


def _explicit_value(kind: str, groups: dict[str, str | None]) -> str | None:
    if kind == "year":
        return groups["y"]
    if kind == "my-name":
        return f"{groups['y']}-{MONTHS[(groups['mn'] or '').lower()]:02d}"
    date = date_of(groups)
    return date.isoformat() if date else None


# Relative expressions: (pattern, resolver). A resolver turns the match and the
# publication date into (type, value); the reference values need no date.
_Resolver = Callable[[re.Match[str], datetime.date | None], tuple[str, str] | None]


def _shift_days(days: int) -> _Resolver:
    def resolve(_: re.Match[str], day: datetime.date | None) -> tuple[str, str] | None:
        return ("DATE", (day + datetime.timedelta(days=days)).isoformat()) if day else None

    return resolve


def _reference(value: str) -> _Resolver:
    def resolve(_: re.Match[str], __: datetime.date | None) -> tuple[str, str] | None:
        return "DATE", value

    return resolve


_PAST = {"letzte", "vergangene", "vorige", "last", "dernier", "dernière", "passé", "passée"}
_NEXT = {"nächste", "kommende", "next", "coming", "prochain", "prochaine"}
_UNITS = {"woche": "W", "week": "W", "semaine": "W", "monat": "M", "month": "M",
          "mois": "M", "jahr": "Y", "year": "Y", "année": "Y", "an": "Y"}  # fmt: skip


def _direction(word: str | None) -> int:
    word = (word or "").lower()
    for base in (word, re.sub(r"(?<=e)[nrsm]$", "", word)):  # letzten → letzte
        if base in _PAST or base in _NEXT:
            return -1 if base in _PAST else 1
    return 0


def _unit(match: re.Match[str], day: datetime.date | None) -> tuple[str, str] | None:
    """letzte Woche, next year, le mois prochain: the period before, after or of ``day``."""
    if day is None:
        return None
    step = _direction(match["rel"])
    name = match["unit"].lower()
    unit = _UNITS.get(name) or _UNITS[re.sub(r"e?s$", "", name)]  # Jahres, Monats
    if unit == "Y":
        return "DATE", str(day.year + step)
    if unit == "M":
        month = day.year * 12 + day.month - 1 + step
        return "DATE", f"{month // 12}-{month % 12 + 1:02d}"
    year, week, _ = (day + datetime.timedelta(weeks=step)).isocalendar()
    return "DATE", f"{year}-W{week:02d}"


def _weekday(match: re.Match[str], day: datetime.date | None) -> tuple[str, str] | None:
    """A weekday: with *letzte*/*last*/*dernier* the one before ``day``, with
    *nächste*/*next*/*prochain* the one after; alone, the one nearest ``day`` (news
    report the days around publication), the publication day itself when it is that day."""
    if day is None:
        return None
    forward = (WEEKDAYS[match["wd"].lower()] - day.weekday()) % 7
    step = _direction(match["rel"])
    if step < 0:
        delta = forward - 7 if forward else -7
    elif step > 0:
        delta = forward or 7
    else:
        delta = forward if forward <= 3 else forward - 7
    return "DATE", (day + datetime.timedelta(days=delta)).isoformat()


def _relative_forms(language: str) -> list[tuple[re.Pattern[str], _Resolver]]:
    def rx(pattern: str, flags: int = re.IGNORECASE) -> re.Pattern[str]:
        return re.compile(rf"(?<![\w-])(?:{pattern})(?![\w-])", flags)

    weekdays = alternation(WEEKDAY_NAMES.get(language, []))
    if language == "de":
        rel = r"(?P<rel>(?:letzte|vergangene|vorige|nächste|kommende|diese)[nrsm]?)"
        before = r"(?P<rel>(?:letzte|vergangene|vorige|nächste|kommende)[nrsm]?)"
        return [
            (rx("vorgestern"), _shift_days(-2)),
            (rx("gestern"), _shift_days(-1)),
            (rx("heute"), _shift_days(0)),
            (rx("übermorgen"), _shift_days(2)),
            (rx(r"(?<!heute )(?<!gestern )morgen", 0), _shift_days(1)),  # not "am Morgen"
            (rx(rf"{rel}\s+(?P<unit>Woche|Monats?|Jahr(?:es)?)"), _unit),
            (rx(rf"(?:{before}\s+)?(?P<wd>{weekdays})"), _weekday),
            (rx("jetzt|nun"), _reference("PRESENT_REF")),
            (rx("künftig"), _reference("FUTURE_REF")),
        ]  # fmt: skip
    if language == "en":
        return [
            (rx("today"), _shift_days(0)),
            (rx("yesterday"), _shift_days(-1)),
            (rx("tomorrow"), _shift_days(1)),
            (rx(r"(?P<rel>last|next|this|coming)\s+(?P<unit>week|month|year)"), _unit),
            (rx(rf"(?:(?P<rel>last|next)\s+)?(?P<wd>{weekdays})"), _weekday),
            (rx("now"), _reference("PRESENT_REF")),
        ]
    if language == "fr":
        rel = r"(?P<rel>dernière|dernier|passée|passé|prochaine|prochain)"
        return [
            (rx("aujourd['’]hui"), _shift_days(0)),
            (rx("avant-hier"), _shift_days(-2)),
            (rx("hier"), _shift_days(-1)),
            (rx("après-demain"), _shift_days(2)),
            (rx("demain"), _shift_days(1)),
            (rx(rf"(?P<unit>semaine|mois|année|an)\s+{rel}"), _unit),
            (rx(r"(?P<rel>cette|ce)\s+(?P<unit>semaine|mois|année)"), _unit),
            (rx(rf"(?P<wd>{weekdays})(?:\s+(?P<rel>dernier|prochain))?"), _weekday),
            (rx("maintenant"), _reference("PRESENT_REF")),
        ]  # fmt: skip
    return []


def timex_candidates(
    text: str,
    spans: list[tuple[int, int]],
    language: str | None,
    published: datetime.date | None,
) -> tuple[list[dict[str, Any]], int]:
    """The candidates, and how many relative expressions no date could resolve."""
    found: list[dict[str, Any]] = []
    unresolved = 0

    def free(start: int, end: int) -> bool:
        inside = any(s <= start and end <= e for s, e in spans)
        return inside and not any(t["start"] < end and start < t["end"] for t in found)

    def add(start: int, end: int, kind: str, value: str) -> None:
        found.append({"start": start, "end": end, "text": text[start:end], "type": kind,
                      "value": value, "mod": None})  # fmt: skip

    for start, end in spans:  # the site's reading time is a duration (PT2M)
        for segment in meta_segments(text[start:end], bylines=True) or []:
            if segment.duration is not None:
                a, b = (start + offset for offset in segment.duration)
                minutes = re.match(r"\d+", text[a:b])
                assert minutes is not None
                add(a, b, "DURATION", f"PT{int(minutes.group())}M")
    for pattern, kind in _timex_forms(language):
        for match in pattern.finditer(text):
            value = _explicit_value(kind, match.groupdict())
            if value is not None and free(*match.span()):
                add(*match.span(), "DATE", value)
    primary = (language or "").split("-")[0].lower()
    for relative, resolve in _relative_forms(primary):
        for match in relative.finditer(text):
            if not free(*match.span()):
                continue
            resolved = resolve(match, published)
            if resolved is None:
                unresolved += 1
                continue
            add(*match.span(), *resolved)
    found.sort(key=lambda t: (t["start"], -t["end"]))
    return [{"id": f"t{n}", **t} for n, t in enumerate(found, 1)], unresolved


def suggest_timexes(
    text: str,
    spans: list[tuple[int, int]],
    *,
    language: str | None = None,
    published: datetime.date | None = None,
) -> list[dict[str, Any]]:
    """Candidate temporal expressions inside the given spans.

    Explicit dates and years, the duration of a reading-time line (*2 Minuten* in
    "Lesezeit: 2 Minuten", ``PT2M``) and, for ``de``, ``en`` and ``fr``, relative
    expressions (*heute*, *gestern*, *am Dienstag*, *letzte Woche*, *yesterday*, *next
    year*, *demain*, *la semaine dernière* …), typed ``DATE`` and resolved against
    ``published`` as the guidelines do (news mode). Without a publication date, relative
    expressions are not proposed, except *jetzt*, *nun*, *now*, *maintenant*
    (``PRESENT_REF``) and *künftig* (``FUTURE_REF``), which need none. The language
    also chooses the month names (all three when it is None or another language).

    Examples
    --------
    >>> found = suggest_timexes("Am 19. Juni 2024, nicht 2000.", [(0, 29)])
    >>> [(t["text"], t["value"]) for t in found]
    [('19. Juni 2024', '2024-06-19'), ('2000', '2000')]
    >>> text = "Gestern und letzte Woche."
    >>> found = suggest_timexes(
    ...     text, [(0, 25)], language="de", published=datetime.date(2025, 3, 4)
    ... )
    >>> [(t["text"], t["value"]) for t in found]
    [('Gestern', '2025-03-03'), ('letzte Woche', '2025-W09')]
    """
    return timex_candidates(text, spans, language, published)[0]
