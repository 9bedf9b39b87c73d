"""The TIMEX3 value grammar (newsdata.timex) and the guidelines' tables generated from it."""

from __future__ import annotations

import calendar
import datetime
import doctest
import json
import re
import sys
import typing
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from newsdata.models import TimexMod, TimexType
from newsdata.timex import FORMS, MODS, TYPES, Form, form_of, value_problem

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "docs" / "_ext"))

import newsdata_timex  # noqa: E402


def _code(kind: str, value: str) -> str:
    problem = value_problem(kind, value)
    return problem[0] if problem else "ok"


# ------------------------------------------------------------------ the forms
@pytest.mark.parametrize(
    ("form", "example", "kind"),
    [(f, e, t) for f in FORMS for e in f.examples for t in f.types],
    ids=lambda x: x.name if isinstance(x, Form) else str(x),
)
def test_every_example_of_every_form_is_accepted_for_each_type_it_serves(
    form: Form, example: str, kind: str
) -> None:
    assert value_problem(kind, example) is None
    assert form_of(kind, example) == form


@pytest.mark.parametrize(
    ("kind", "value", "form"),
    [
        ("DATE", "2025", "year"), ("DATE", "2025-03", "month"), ("DATE", "2025-03-04", "day"),
        ("DATE", "202", "decade"), ("DATE", "20", "century"), ("DATE", "202X", "year"),
        ("DATE", "2025-W10", "week"), ("DATE", "2025-W10-WE", "weekend"),
        ("DATE", "2025-W10-7", "weekday"),
        ("DATE", "2025-SP", "season"), ("DATE", "2025-SU", "season"),
        ("DATE", "2025-FA", "season"), ("DATE", "2025-WI", "season"),
        ("DATE", "2025-Q1", "quarter"), ("DATE", "2025-Q4", "quarter"),
        ("DATE", "2025-H1", "half-year"), ("DATE", "2025-H2", "half-year"),
        ("TIME", "2025-03-04TEV", "part of the day"), ("TIME", "2025-03-04TMO", "part of the day"),
        ("TIME", "2025-03-04TAF", "part of the day"), ("TIME", "2025-03-04TNI", "part of the day"),
        ("TIME", "2025-03-04TMI", "part of the day"), ("TIME", "2025-03-04TDT", "part of the day"),
        ("TIME", "2025-03-04T14", "clock time"), ("TIME", "2025-03-04T14:30", "clock time"),
        ("TIME", "2025-03-04T14:30:15", "clock time"),
        ("TIME", "2025-03-04T14:30:15.5", "clock time"),
        ("TIME", "2025-03-04T14:30Z", "clock time"), ("TIME", "2025-W10-2T09:00", "clock time"),
        ("TIME", "2025-03-04T00:00", "clock time"), ("TIME", "2025-03-04T24:00", "clock time"),
        ("DURATION", "PXM", "duration"), ("DURATION", "P3Y", "duration"),
        ("DURATION", "PT2H", "duration"), ("DURATION", "P1W", "duration"),
        ("DURATION", "PXY", "duration"), ("DURATION", "PTXH", "duration"),
        ("DURATION", "P24Y", "duration"), ("DURATION", "PT2M", "duration"),
        ("DURATION", "P1Y2M3DT4H5M6S", "duration"), ("DURATION", "P0,5D", "duration"),
        ("DURATION", "P1DE", "duration"), ("DURATION", "P1CE", "duration"),
        ("DURATION", "P2WE", "duration"), ("DURATION", "P1Q", "duration"),
        ("DATE", "PRESENT_REF", "reference"), ("DATE", "PAST_REF", "reference"),
        ("DATE", "FUTURE_REF", "reference"), ("TIME", "PRESENT_REF", "reference"),
        ("SET", "P1D", "duration"), ("SET", "P1W", "duration"), ("SET", "XXXX-WXX-2", "weekday"),
        ("SET", "XXXX-XX-XXTMO", "part of the day"), ("SET", "XXXX-12-25", "day"),
    ],
)  # fmt: skip
def test_the_timeml_forms_are_accepted(kind: str, value: str, form: str) -> None:
    found = form_of(kind, value)
    assert found is not None and found.name == form
    assert value_problem(kind, value) is None


@pytest.mark.parametrize(
    ("kind", "value"),
    [
        # not TimeML at all
        ("DATE", "19.06.2024"), ("DURATION", "24 Jahre"), ("DATE", "2025-3-4"),
        ("DATE", "25-03-04"), ("DATE", "2025-03-04 "), ("DATE", "2025-3"), ("DATE", "2"),
        ("DATE", "20251"), ("DATE", "2025-W1"), ("DATE", "2025-W10-8"), ("DATE", "2025-W10-we"),
        ("DATE", "2025-SO"), ("DATE", "2025-Q5"), ("DATE", "2025-Q0"), ("DATE", "2025-H3"),
        ("DATE", "present_ref"), ("DATE", "NOW_REF"),
        # a part of the day or a time names a TIME, a length a DURATION
        ("DATE", "2025-03-04TEV"), ("DATE", "2025-03-04T14:30"), ("DATE", "P3Y"),
        ("TIME", "2025-03-04"), ("TIME", "2025-03-04TAB"), ("TIME", "2025-03-04T1430"),
        ("TIME", "2025-03-04T14:3"), ("TIME", "2025TEV"), ("TIME", "2025-03TNI"),
        ("TIME", "2025-03-04T"), ("TIME", "P3Y"),
        # durations: ISO 8601's order, each unit once, a number before each
        ("DURATION", "P"), ("DURATION", "PT"), ("DURATION", "P1YT"), ("DURATION", "P3"),
        ("DURATION", "3Y"), ("DURATION", "P1D2Y"), ("DURATION", "P1Y1Y"), ("DURATION", "PY"),
        ("DURATION", "PT2D"), ("DURATION", "P2H"), ("DURATION", "P1X2Y"), ("DURATION", "P.5Y"),
        ("DURATION", "p3y"), ("DURATION", "2025"), ("DURATION", "PRESENT_REF"),
        ("SET", "PRESENT_REF"), ("SET", "daily"),
    ],
)  # fmt: skip
def test_near_misses_are_rejected(kind: str, value: str) -> None:
    problem = value_problem(kind, value)
    assert problem is not None and problem[0] == "timex-value"
    assert problem[1].startswith(f"{value!r} is not a well-formed TIMEX3 value of type {kind}")


def test_a_value_of_another_type_says_which() -> None:
    assert value_problem("DATE", "2025-03-04TEV") == (
        "timex-value",
        "'2025-03-04TEV' is not a well-formed TIMEX3 value of type DATE; "
        "as a part of the day it is of type TIME or SET",
    )
    problem = value_problem("DURATION", "19.06.2024")
    assert problem is not None and ";" not in problem[1]  # fits no type: no hint


@pytest.mark.parametrize(
    ("kind", "value", "what"),
    [
        ("DATE", "2024-02-30", "date"), ("DATE", "2025-02-29", "date"), ("DATE", "2024-13", "date"),
        ("DATE", "2024-00", "date"), ("DATE", "2024-06-00", "date"), ("DATE", "2024-04-31", "date"),
        ("DATE", "XXXX-02-30", "date"), ("DATE", "XXXX-XX-32", "date"),
        ("DATE", "2025-W53", "date"), ("DATE", "2025-W00", "date"), ("DATE", "XXXX-W54", "date"),
        ("TIME", "2024-02-30TEV", "date"),
        ("TIME", "2025-03-04T25:00", "time of day"), ("TIME", "T24:30", "time of day"),
        ("TIME", "T14:60", "time of day"), ("TIME", "T14:30:61", "time of day"),
        ("SET", "XXXX-13", "date"),
    ],
)  # fmt: skip
def test_impossible_dates_and_times_are_rejected(kind: str, value: str, what: str) -> None:
    assert value_problem(kind, value) == (
        "timex-invalid-date",
        f"{value!r} names a {what} that does not exist",
    )


@pytest.mark.parametrize(
    "value", ["2024-02-29", "XXXX-02-29", "2026-W53", "2020-W53", "0000-02-29", "2025-XX-31"]
)
def test_rare_but_real_dates_are_accepted(value: str) -> None:
    assert value_problem("DATE", value) is None


def test_an_unknown_type_is_an_error_naming_the_types() -> None:
    with pytest.raises(ValueError, match="unknown TIMEX3 type 'DAY': one of DATE, TIME"):
        value_problem("DAY", "2025")


def test_the_types_and_mods_are_those_of_the_models() -> None:
    assert typing.get_args(TimexType) == TYPES
    assert tuple(m.name for m in MODS) == typing.get_args(TimexMod)
    assert all(set(m.types) <= set(TYPES) and m.meaning for m in MODS)
    assert all(set(f.types) <= set(TYPES) and f.examples for f in FORMS)
    assert len({f.name for f in FORMS}) == len(FORMS)


# --------------------------------------------------------------- shipped data
def _shipped_timexes() -> list[tuple[str, str, str]]:
    found = []
    for path in sorted((ROOT / "dataset" / "articles").glob("*.json")):
        for t in json.loads(path.read_text("utf-8"))["timexes"]:
            found.append((path.name, t["type"], t["value"]))
    return found


def test_every_shipped_value_is_accepted() -> None:
    shipped = _shipped_timexes()
    assert shipped
    assert [(n, k, v) for n, k, v in shipped if value_problem(k, v) is not None] == []


def test_the_fixtures_keep_their_codes() -> None:
    import make_fixtures

    assert [_code(t["type"], t["value"]) for t in make_fixtures.valid_article()["timexes"]] == [
        "ok"
    ] * len(make_fixtures.valid_article()["timexes"])
    for code in ("timex-value", "timex-invalid-date"):
        doc = json.loads((ROOT / "tests" / "fixtures" / "invalid" / f"{code}.json").read_text())
        assert {_code(t["type"], t["value"]) for t in doc["timexes"]} == {"ok", code}


# ------------------------------------------------------------------ properties
_X = st.booleans()


def _digits(number: int, width: int, masked: bool) -> str:
    text = f"{number:0{width}d}"
    return "X" * width if masked else text


@st.composite
def _valid(draw: st.DrawFn) -> tuple[str, str]:
    """A value of a random form, well-formed and real, and a type that takes it."""
    day = draw(st.dates(datetime.date(1, 1, 1), datetime.date(9999, 12, 31)))
    year = _digits(day.year, 4, draw(_X))
    month = f"{day.month:02d}"
    iso_year, week, weekday = day.isocalendar()
    kind = draw(st.sampled_from(["year", "month", "day", "decade", "century", "week",
                                 "weekday", "weekend", "season", "quarter", "half",
                                 "clock", "part", "duration", "reference"]))  # fmt: skip
    clock = f"{draw(st.integers(0, 23)):02d}"
    if draw(st.booleans()):
        clock += f":{draw(st.integers(0, 59)):02d}"
        if draw(st.booleans()):
            clock += f":{draw(st.integers(0, 59)):02d}"
    value = {
        "year": year,
        "month": f"{year}-{month}",
        "day": f"{year}-{month}-{day.day:02d}",
        "decade": year[:3],
        "century": year[:2],
        "week": f"{iso_year:04d}-W{week:02d}",
        "weekday": f"{iso_year:04d}-W{week:02d}-{weekday}",
        "weekend": f"{iso_year:04d}-W{week:02d}-WE",
        "season": f"{year}-{draw(st.sampled_from(['SP', 'SU', 'FA', 'WI']))}",
        "quarter": f"{year}-Q{draw(st.integers(1, 4))}",
        "half": f"{year}-H{draw(st.integers(1, 2))}",
        "clock": f"{day.isoformat()}T{clock}",
        "part": f"{day.isoformat()}T{draw(st.sampled_from(['MO', 'MI', 'AF', 'EV', 'NI']))}",
        "duration": _duration(draw),
        "reference": draw(st.sampled_from(["PRESENT_REF", "PAST_REF", "FUTURE_REF"])),
    }[kind]
    types = {"clock": "TIME", "part": "TIME", "duration": "DURATION", "reference": "DATE"}
    return types.get(kind, "DATE"), value


def _duration(draw: st.DrawFn) -> str:
    amount = st.one_of(st.integers(0, 999).map(str), st.just("X"))
    date_units = [u for u in ("Y", "M", "W", "D") if draw(st.booleans())]
    time_units = [u for u in ("H", "M", "S") if draw(st.booleans())]
    if not date_units and not time_units:
        date_units = ["Y"]
    value = "P" + "".join(draw(amount) + u for u in date_units)
    if time_units:
        value += "T" + "".join(draw(amount) + u for u in time_units)
    return value


@given(_valid())
def test_generated_values_of_every_form_are_accepted(case: tuple[str, str]) -> None:
    kind, value = case
    assert value_problem(kind, value) is None, value


# characters no form uses: one of them anywhere breaks every form
_FOREIGN = st.sampled_from([" ", "/", "a", "e", "#", "ä", "\n", "'"])


@given(_valid(), _FOREIGN, st.integers(min_value=0))
def test_a_foreign_character_anywhere_is_rejected(
    case: tuple[str, str], char: str, where: int
) -> None:
    kind, value = case
    at = where % (len(value) + 1)
    broken = value[:at] + char + value[at:]
    assert _code(kind, broken) == "timex-value", broken


@given(_valid(), st.integers(min_value=0))
def test_a_value_cut_after_a_separator_is_rejected(case: tuple[str, str], where: int) -> None:
    kind, value = case
    cuts = [i + 1 for i, c in enumerate(value) if c in "-T:"]
    if cuts:
        broken = value[: cuts[where % len(cuts)]]
        assert _code(kind, broken) == "timex-value", broken


@given(
    st.integers(1, 9999),
    st.integers(1, 12),
    st.integers(0, 99),
    st.booleans(),
)
def test_impossible_calendar_days_are_rejected(
    year: int, month: int, day: int, unknown_year: bool
) -> None:
    last = calendar.monthrange(2000 if unknown_year else year, month)[1]
    value = f"{_digits(year, 4, unknown_year)}-{month:02d}-{day:02d}"
    expected = "ok" if 1 <= day <= last else "timex-invalid-date"
    assert _code("DATE", value) == expected
    assert _code("TIME", value + "TEV") == expected


@given(st.integers(1, 9999), st.integers(0, 99))
def test_weeks_exist_only_in_their_year(year: int, week: int) -> None:
    weeks = datetime.date(year, 12, 28).isocalendar()[1]  # 28 December is in the last week
    expected = "ok" if 1 <= week <= weeks else "timex-invalid-date"
    assert _code("DATE", f"{year:04d}-W{week:02d}") == expected


@given(st.integers(0, 99), st.integers(0, 99))
def test_times_of_day_exist_up_to_24_00(hour: int, minute: int) -> None:
    real = (hour < 24 and minute < 60) or (hour, minute) == (24, 0)
    assert _code("TIME", f"T{hour:02d}:{minute:02d}") == ("ok" if real else "timex-invalid-date")


# ------------------------------------------------------------ generated tables
def _rows(table: str) -> list[list[str]]:
    lines = table.strip().splitlines()
    assert re.fullmatch(r"\|(---\|)+", lines[1])
    return [[c.strip() for c in line.strip("|").split("|")] for line in lines[2:]]


def test_the_value_table_has_one_row_per_form_with_its_examples_and_types() -> None:
    rows = _rows(newsdata_timex.value_table())
    assert [r[0] for r in rows] == [f.name for f in FORMS]
    for row, form in zip(rows, FORMS, strict=True):
        assert row[1] == f"`{form.syntax}`"
        assert re.findall(r"`([^`]+)`", row[3]) == list(form.examples)
        assert re.findall(r"`([^`]+)`", row[4]) == list(form.types)


def test_the_mod_table_has_one_row_per_mod() -> None:
    rows = _rows(newsdata_timex.mod_table())
    assert [r[0] for r in rows] == [f"`{m.name}`" for m in MODS]
    assert [re.findall(r"`([^`]+)`", r[2]) for r in rows] == [list(m.types) for m in MODS]


def test_a_pipe_in_a_cell_is_refused() -> None:
    with pytest.raises(ValueError, match="pipe"):
        newsdata_timex._cell("a | b")


def test_the_extension_examples_run() -> None:
    failures, tried = doctest.testmod(newsdata_timex)
    assert tried and not failures


def test_the_guidelines_show_the_generated_tables_and_the_build_loads_them() -> None:
    page = (ROOT / "docs" / "guidelines" / "timexes.md").read_text("utf-8")
    for table in newsdata_timex.TABLES:
        assert f"```{{newsdata-timex-table}} {table}\n```" in page
    assert "| form | value |" not in page  # no hand-written copy beside the generated one
    conf = (ROOT / "docs" / "conf.py").read_text("utf-8")
    assert '"newsdata_timex"' in conf


def test_every_worked_example_in_the_guidelines_is_a_value_the_validator_accepts() -> None:
    """The guidelines' worked cases teach values: each row's value is well formed for its
    type, so an annotator copying one never meets `timex-value`."""
    page = (ROOT / "docs" / "guidelines" / "timexes.md").read_text("utf-8")
    rows = re.findall(r"^\| .+ \| (DATE|TIME|DURATION|SET) \| `([^`]+)` \|", page, re.M)
    assert len(rows) > 20
    wrong = [(kind, value, value_problem(kind, value)) for kind, value in rows]
    assert [w for w in wrong if w[2] is not None] == []


@given(st.sampled_from(TYPES), st.sampled_from([e for f in FORMS for e in f.examples]), _FOREIGN)
def test_the_form_found_is_the_first_form_of_the_type_that_matches(
    kind: str, example: str, char: str
) -> None:
    # form_of looks all forms up in one alternation; it must answer as trying them in order
    for value in (example, example + char, example[:-1]):
        in_order = next((f for f in FORMS if kind in f.types and f.regex.fullmatch(value)), None)
        assert form_of(kind, value) == in_order, (kind, value)
