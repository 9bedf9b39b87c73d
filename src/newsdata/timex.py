"""The TIMEX3 value grammar: which ``value`` each ``type`` of temporal expression may take.

TimeML 1.2.1 (section 2.3, TIMEX3,
http://timeml.org/site/publications/timeMLdocs/timeml_1.2.1.html) defines ``value ::=
Duration | Date | Time | WeekDate | WeekTime | Season | PartOfYear | PaPrFu`` on top of ISO
8601, and the twelve ``mod`` values of :data:`MODS`. The tokens inside the values (``MO``,
``AF``, ``EV``, ``NI``, ``WE``, ``SU``, ``Q1``, ``X`` for an unknown digit, a decade
written ``194``) come from the TIDES TIMEX2 guidelines (Ferro et al., MITRE 2001) that
TIMEX3 took them from; the duration units ``DE`` (decade), ``CE`` (century), ``Q``
(quarter) and ``WE`` (weekend) from HeidelTime's normalisation resources, whose
conventions the corpus follows.

The grammar is a few named productions composed into one :class:`Form` per kind of
value (:data:`FORMS`); each form lists the types it serves. :func:`value_problem` is the
one check the validator runs, and the guidelines' value table is generated from
:data:`FORMS`, so the rule, the check and its documentation cannot drift apart. This
module imports nothing from newsdata: the contract tier.

Examples
--------
>>> value_problem("TIME", "2025-03-04TEV") is None
True
>>> value_problem("DATE", "2025-03-04TEV")[0]
'timex-value'
>>> value_problem("DATE", "2025-W53")[1]
"'2025-W53' names a date that does not exist"
>>> form_of("DURATION", "PXM").name
'duration'
"""

from __future__ import annotations

import calendar
import datetime
import re
from dataclasses import dataclass, field

__all__ = ["FORMS", "MODS", "TYPES", "Form", "Mod", "form_of", "value_problem"]

TYPES = ("DATE", "TIME", "DURATION", "SET")
"""The four TIMEX3 types, in the order TimeML lists them."""

# ------------------------------------------------------------------ productions
# X stands for a digit the text leaves open (XXXX-12-25: a 25 December of no known year)
_DIGIT = "[0-9X]"
_YEAR = rf"(?P<year>{_DIGIT}{{4}})"
_MONTH = rf"(?P<month>{_DIGIT}{{2}})"
_DAY = rf"(?P<day>{_DIGIT}{{2}})"
# a week-based year is its own group: its weeks are checked against the ISO calendar
_WEEK_YEAR = rf"(?P<wyear>{_DIGIT}{{4}})"
_WEEK = rf"W(?P<week>{_DIGIT}{{2}})"
_WEEKDAY = "(?P<weekday>[1-7X])"  # ISO 8601: 1 is Monday, 7 Sunday
_CALENDAR_DAY = rf"{_YEAR}-{_MONTH}-{_DAY}"
_WEEK_DAY = rf"{_WEEK_YEAR}-{_WEEK}-{_WEEKDAY}"
_CLOCK = (
    "(?P<hour>[0-9]{2})"
    "(?::(?P<minute>[0-9]{2})(?::(?P<second>[0-9]{2})(?:[.,][0-9]+)?)?)?"
    "(?:Z|[+-][0-9]{2}(?::?[0-9]{2})?)?"  # ISO 8601 UTC offset
)
_PARTS_OF_DAY = ("MO", "MI", "AF", "EV", "NI", "DT")
_SEASONS = ("SP", "SU", "FA", "WI")
_REFERENCES = ("PRESENT_REF", "PAST_REF", "FUTURE_REF")
# a number of units: digits (a decimal fraction allowed, as in ISO 8601) or X, "some"
_AMOUNT = "(?:[0-9]+(?:[.,][0-9]+)?|X+)"
# duration units, largest first, as ISO 8601 orders them; each at most once
_DATE_UNITS = ("CE", "DE", "Y", "Q", "M", "W", "WE", "D")
_TIME_UNITS = ("H", "M", "S")


def _units(units: tuple[str, ...]) -> str:
    # a unit must not be read as the start of a longer one (W of WE, D of DE)
    longer = {u: [v[len(u) :] for v in units if v != u and v.startswith(u)] for u in units}
    return "".join(
        f"(?:{_AMOUNT}{u}{''.join(f'(?!{rest})' for rest in longer[u])})?" for u in units
    )


_DURATION = rf"P(?=[0-9X]|T[0-9X]){_units(_DATE_UNITS)}(?:T(?=[0-9X]){_units(_TIME_UNITS)})?"


@dataclass(frozen=True)
class Form:
    """One kind of TIMEX3 value: its syntax, in a regular expression and in words."""

    name: str
    """What the value names (``day``, ``part of the day``, ``duration``)."""
    syntax: str
    """The value's shape as the guidelines write it (``YYYY-MM-DD``)."""
    pattern: str
    """The regular expression, composed from the module's productions."""
    examples: tuple[str, ...]
    """Values of this form, each accepted (the tests check them)."""
    types: tuple[str, ...]
    """The TIMEX3 types whose values may take this form."""
    note: str = ""
    """What the form means, for the value table."""
    regex: re.Pattern[str] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "regex", re.compile(self.pattern))


_POINT = ("DATE", "SET")
_TIME = ("TIME", "SET")
_alternation = "|".join

FORMS: tuple[Form, ...] = (
    Form("year", "YYYY", _YEAR, ("2025", "19XX"), _POINT, "a calendar year"),
    Form("month", "YYYY-MM", rf"{_YEAR}-{_MONTH}", ("2025-03", "XXXX-03"), _POINT,
         "a month of a year"),
    Form("day", "YYYY-MM-DD", _CALENDAR_DAY, ("2025-03-04", "XXXX-12-25"), _POINT,
         "a calendar day"),
    Form("decade", "YYY", rf"(?P<decade>{_DIGIT}{{3}})", ("202", "194"), _POINT,
         "a decade: the year's first three digits (194 is the 1940s)"),
    Form("century", "YY", rf"(?P<century>{_DIGIT}{{2}})", ("20", "19"), _POINT,
         "a century: the year's first two digits (19 is 1900 to 1999)"),
    Form("week", "YYYY-Www", rf"{_WEEK_YEAR}-{_WEEK}", ("2025-W10", "XXXX-WXX"), _POINT,
         "an ISO 8601 week (Monday to Sunday)"),
    Form("weekday", "YYYY-Www-D", _WEEK_DAY, ("2025-W10-2", "XXXX-WXX-2"), _POINT,
         "a day of an ISO week, 1 Monday to 7 Sunday; XXXX-WXX-2 is any Tuesday"),
    Form("weekend", "YYYY-Www-WE", rf"{_WEEK_YEAR}-{_WEEK}-WE", ("2025-W10-WE",), _POINT,
         "the weekend of an ISO week"),
    Form("season", "YYYY-SP, -SU, -FA, -WI", rf"{_YEAR}-(?:{_alternation(_SEASONS)})",
         ("2025-SU", "2025-WI"), _POINT, "spring, summer, autumn (fall), winter"),
    Form("quarter", "YYYY-Qn", rf"{_YEAR}-Q[1-4X]", ("2025-Q1", "2025-QX"), _POINT,
         "a quarter of a year, 1 to 4"),
    Form("half-year", "YYYY-Hn", rf"{_YEAR}-H[12X]", ("2025-H2",), _POINT,
         "a half of a year, 1 or 2"),
    Form("clock time", "[day]Thh[:mm[:ss]][offset]",
         rf"(?:{_CALENDAR_DAY}|{_WEEK_DAY})?T{_CLOCK}",
         ("2025-03-04T14:30", "2025-03-04T14:30:15", "2025-03-04T24:00", "T09:00",
          "2025-03-04T14:30+01:00"), _TIME,
         "a time of day, on a day when it is known; 24:00 is the end of the day"),
    Form("part of the day", "[day]TMO, TMI, TAF, TEV, TNI, TDT",
         rf"(?:{_CALENDAR_DAY}|{_WEEK_DAY})?T(?:{_alternation(_PARTS_OF_DAY)})",
         ("2025-03-04TEV", "2025-03-04TMO", "TNI", "XXXX-WXX-5TEV"), _TIME,
         "morning, midday, afternoon, evening, night, daytime"),
    Form("duration", "PnYnMnWnDTnHnMnS", _DURATION,
         ("P3Y", "PXM", "P1W", "PT2H", "PT2M", "P1DT12H", "P1.5Y", "P2DE", "P1Q"),
         ("DURATION", "SET"),
         "a length of time; n is a number or X (PXM: some months); also DE decades, "
         "CE centuries, Q quarters, WE weekends"),
    Form("reference", "PRESENT_REF, PAST_REF, FUTURE_REF", _alternation(_REFERENCES),
         _REFERENCES, ("DATE", "TIME"), "the present, the past, the future, undated"),
)  # fmt: skip
"""Every form a TIMEX3 value may take, with the types it serves."""

_BY_TYPE = {kind: tuple(f for f in FORMS if kind in f.types) for kind in TYPES}


def _unnamed(pattern: str) -> str:
    # the forms share group names, which one alternation may not repeat
    return re.sub(r"\(\?P<\w+>", "(?:", pattern)


# per type, its forms as one alternation of one group each, in order: the first form that
# matches is the group that took part (``lastindex``), found in one call
_ANY_FORM = {
    kind: re.compile("|".join(f"({_unnamed(f.pattern)})" for f in forms))
    for kind, forms in _BY_TYPE.items()
}
# the groups the calendar can refute; a form without any (a year, a duration) always exists
_CALENDAR_GROUPS = ("month", "day", "week", "hour")
_DATED = frozenset(f.name for f in FORMS if any(g in f.regex.groupindex for g in _CALENDAR_GROUPS))


@dataclass(frozen=True)
class Mod:
    """A TIMEX3 ``mod`` value and what it says of the expression's value."""

    name: str
    meaning: str
    types: tuple[str, ...]
    """The types it is used with in these guidelines."""


_POINTS = ("DATE", "TIME")
MODS: tuple[Mod, ...] = (
    Mod("BEFORE", "before the time named, not including it", _POINTS),
    Mod("AFTER", "after the time named, not including it", _POINTS),
    Mod("ON_OR_BEFORE", "the time named or before it", _POINTS),
    Mod("ON_OR_AFTER", "the time named or after it", _POINTS),
    Mod("LESS_THAN", "shorter than the length named", ("DURATION",)),
    Mod("MORE_THAN", "longer than the length named", ("DURATION",)),
    Mod("EQUAL_OR_LESS", "the length named or shorter", ("DURATION",)),
    Mod("EQUAL_OR_MORE", "the length named or longer", ("DURATION",)),
    Mod("START", "the beginning of the period named (*Anfang*, *early*, *début*)", _POINTS),
    Mod("MID", "the middle of the period named (*Mitte*, *mid-*, *mi-*)", _POINTS),
    Mod("END", "the end of the period named (*Ende*, *late*, *fin*)", _POINTS),
    Mod("APPROX", "about the time or length named (*etwa*, *about*, *environ*)", TYPES),
)
"""The twelve ``mod`` values of TimeML 1.2.1, in its order."""


def form_of(kind: str, value: str) -> Form | None:
    """The form of ``value`` among those its type ``kind`` allows, or None.

    Examples
    --------
    >>> form_of("DATE", "2025-W10-WE").name
    'weekend'
    >>> form_of("DATE", "2025-03-04TEV") is None
    True
    """
    return _match(kind, value)


def _match(kind: str, value: str) -> Form | None:
    try:
        forms = _BY_TYPE[kind]
    except KeyError:
        raise ValueError(f"unknown TIMEX3 type {kind!r}: one of {', '.join(TYPES)}") from None
    which = _ANY_FORM[kind].fullmatch(value)
    return None if which is None else forms[(which.lastindex or 1) - 1]


def value_problem(kind: str, value: str) -> tuple[str, str] | None:
    """``(code, message)`` when ``value`` is no TIMEX3 value of type ``kind``, else None.

    ``timex-value`` when no form of the type matches (the message names the type the
    value would fit, if any); ``timex-invalid-date`` when it matches but names a day,
    week or time of day the calendar does not have (30 February, week 53 of a year of
    52 weeks, 25:00).

    Examples
    --------
    >>> value_problem("DATE", "2024-06-19") is None
    True
    >>> value_problem("DATE", "2024-02-30")[0]
    'timex-invalid-date'
    >>> value_problem("DURATION", "24 Jahre")[1]
    "'24 Jahre' is not a well-formed TIMEX3 value of type DURATION"
    >>> value_problem("DATE", "PT2H")[1].split("; ")[1]
    'as a duration it is of type DURATION or SET'
    """
    form = _match(kind, value)
    if form is None:
        message = f"{value!r} is not a well-formed TIMEX3 value of type {kind}"
        other = next((f for f in FORMS if f.regex.fullmatch(value)), None)
        if other is not None:
            message += f"; as a {other.name} it is of type {' or '.join(other.types)}"
        return "timex-value", message
    if form.name not in _DATED:
        return None
    match = form.regex.fullmatch(value)
    assert match is not None, f"the {form.name} form and its alternation disagree on {value!r}"
    what = _impossible(match)
    if what is not None:
        return "timex-invalid-date", f"{value!r} names a {what} that does not exist"
    return None


# the numbers _impossible reads, in its order
_NUMBERS = ("year", "month", "day", "wyear", "week", "hour", "minute", "second")
# the days of each month (index 1 to 12) in a common year
_MONTH_DAYS = (0, 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31)


def _impossible(match: re.Match[str]) -> str | None:
    """``"date"`` or ``"time of day"`` when the matched value does not exist, else None."""
    # a group the form lacks, or holding an X, cannot be checked (None)
    year, month, day, week_year, week, hour, minute, second = [
        int(t) if t and t.isdigit() else None for t in map(match.groupdict().get, _NUMBERS)
    ]
    # the year 0 (1 BC in ISO 8601) is a leap year, as 2000 is; datetime starts at 1
    leap_proxy = 2000
    if month is not None and not 1 <= month <= 12:
        return "date"
    if day is not None:
        if month is not None:
            # a month of no known year may be a February of a leap year
            leap = calendar.isleap(year or leap_proxy)
            days = _MONTH_DAYS[month] + (month == 2 and leap)
        else:
            days = 31
        if not 1 <= day <= days:
            return "date"
    if week is not None:
        try:
            datetime.date.fromisocalendar(week_year or 2020, week, 1)  # 2020 has 53 weeks
        except ValueError:
            return "date"
    if hour is not None and (
        hour > 24
        or (minute or 0) > 59
        or (second or 0) > 60  # 60: a leap second
        or (hour == 24 and (minute or second))
    ):
        return "time of day"
    return None
