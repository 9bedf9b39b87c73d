"""Dates as news texts write them: month and weekday names, written-out date forms."""

from __future__ import annotations

import datetime
import re
from collections.abc import Iterable

__all__ = [
    "ALL_MONTHS",
    "ANY_DATE",
    "MONTHS",
    "SLASHED_DATE",
    "WEEKDAYS",
    "WEEKDAY_NAMES",
    "alternation",
    "date_forms",
    "date_of",
    "month_alternation",
]


_MONTH_NAMES = {
    "de": ["januar", "februar", "märz", "april", "mai", "juni", "juli", "august",
           "september", "oktober", "november", "dezember"],
    "en": ["january", "february", "march", "april", "may", "june", "july", "august",
           "september", "october", "november", "december"],
    "fr": ["janvier", "février", "mars", "avril", "mai", "juin", "juillet", "août",
           "septembre", "octobre", "novembre", "décembre"],
}  # fmt: skip
WEEKDAY_NAMES = {
    "de": ["montag", "dienstag", "mittwoch", "donnerstag", "freitag", "samstag", "sonntag"],
    "en": ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"],
    "fr": ["lundi", "mardi", "mercredi", "jeudi", "vendredi", "samedi", "dimanche"],
}


def _numbered(names: dict[str, list[str]], languages: Iterable[str]) -> dict[str, int]:
    table: dict[str, int] = {}
    for language in languages:
        table.update({name: i for i, name in enumerate(names[language], 1)})
    return table


MONTHS = {**_numbered(_MONTH_NAMES, _MONTH_NAMES), "jänner": 1}
WEEKDAYS = {name: n - 1 for name, n in _numbered(WEEKDAY_NAMES, WEEKDAY_NAMES).items()}


def alternation(words: Iterable[str]) -> str:
    return "(?:" + "|".join(sorted(set(words), key=len, reverse=True)) + ")"


def _languages(language: str | None) -> list[str]:
    primary = (language or "").split("-")[0].lower()
    return [primary] if primary in _MONTH_NAMES else list(_MONTH_NAMES)


def month_alternation(language: str | None) -> str:
    months = _numbered(_MONTH_NAMES, _languages(language))
    return alternation([*months, *(["jänner"] if "januar" in months else [])])


# A date written out: ISO, day-month-year (de "4. März 2025", en "4 March 2025", fr
# "1er mars 2025"), month-day-year ("March 4, 2025"; "Juni 19, 2024" in translated
# templates) and German numeric "04.03.2025". Slashed dates are read only when one order
# is possible (13/03/2025), since en-US and fr write the same digits in opposite orders.


def date_forms(months: str) -> list[tuple[str, str]]:
    month, suffix = rf"(?i:(?P<mn>{months}))", "(?:er|st|nd|rd|th)?"
    return [
        ("ymd", r"(?P<y>\d{4})-(?P<m>\d{2})-(?P<d>\d{2})"),
        ("dmy-name", rf"(?P<d>\d{{1,2}})(?:\.\s*|{suffix}\s+){month}\s+(?P<y>\d{{4}})"),
        ("mdy-name", rf"{month}\s+(?P<d>\d{{1,2}}){suffix},?\s+(?P<y>\d{{4}})"),
        ("dmy", r"(?P<d>\d{1,2})\.(?P<m>\d{1,2})\.(?P<y>\d{4})"),
    ]  # fmt: skip


def date_of(groups: dict[str, str | None]) -> datetime.date | None:
    """The date a match of :func:`date_forms` (or a slashed date) names, or None."""
    if groups.get("a") and groups.get("b"):  # a slashed date: read only when unambiguous
        a, b = int(groups["a"] or 0), int(groups["b"] or 0)
        if a <= 12 and b <= 12 and a != b:
            return None
        day, month = (a, b) if a > 12 else (b, a)
    else:
        name = groups.get("mn")
        month = MONTHS[name.lower()] if name else int(groups["m"] or 0)
        day = int(groups["d"] or 0)
    try:
        return datetime.date(int(groups["y"] or 0), month, day)
    except ValueError:
        return None


ALL_MONTHS = month_alternation(None)
ANY_DATE = "(?:" + "|".join(
    re.sub(r"\(\?P<\w+>", "(?:", form) for _, form in date_forms(ALL_MONTHS)
) + ")"  # fmt: skip
SLASHED_DATE = r"(?P<a>\d{1,2})/(?P<b>\d{1,2})/(?P<y>\d{4})"
