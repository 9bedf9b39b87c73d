"""`newsdata reanchor`: spans follow their text after edits elsewhere; edited spans are refused."""

from __future__ import annotations

import copy
import itertools
import json
from pathlib import Path
from typing import Any

import make_fixtures
import pytest
import synthetic
from conftest import fixture_docs
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import newsdata
from newsdata.cli import main
from newsdata.models import SPAN_LAYERS, quote_segments
from newsdata.reanchor import WINDOW, reanchor
from newsdata.validate import validate_bytes


def _text_spans(doc: dict[str, Any]) -> list[dict[str, Any]]:
    spans = [item for layer in SPAN_LAYERS for item in doc[layer]]
    return spans + [part for q in doc["quotes"] for _, part in quote_segments(q)]


def _safe_positions(doc: dict[str, Any]) -> list[int]:
    """Positions inside a block's line, away from text spans and block edges."""
    text = doc["text"]
    blocked: set[int] = set()
    for span in _text_spans(doc):
        blocked.update(range(span["start"] - 1, span["end"] + 2))
    safe = []
    for block in doc["blocks"]:
        for p in range(block["start"] + 1, block["end"] - 1):
            if p not in blocked and text[p] != "\n" and text[p - 1] != "\n":
                safe.append(p)
    return safe


def _apply(doc: dict[str, Any], edits: list[tuple[int, str]]) -> dict[str, Any]:
    """Apply edits (position, "+x" to insert x or "-" to delete) from right to left,
    moving every offset as a careful annotator would."""
    expected = copy.deepcopy(doc)
    text = doc["text"]
    for p, edit in sorted(edits, reverse=True):
        if edit == "-":
            text = text[:p] + text[p + 1 :]
            delta = -1
        else:
            text = text[:p] + edit[1:] + text[p:]
            delta = len(edit) - 1
        for span in _text_spans(expected):
            if span["start"] > p:
                span["start"] += delta
                span["end"] += delta
        for block in expected["blocks"]:
            if block["start"] > p:
                block["start"] += delta
            if block["end"] > p:
                block["end"] += delta
    expected["text"] = text
    title = next(b for b in expected["blocks"] if b["kind"] == "title")
    expected["title"] = text[title["start"] : title["end"]]
    return expected


@st.composite
def edits_of(draw: st.DrawFn, doc: dict[str, Any]) -> list[tuple[int, str]]:
    positions = _safe_positions(doc)
    assert positions, doc["id"]
    chosen = draw(st.lists(st.sampled_from(positions), min_size=1, max_size=4, unique=True))
    edits = []
    for p in chosen:
        kind = draw(st.sampled_from(["insert", "delete"]))
        if kind == "insert":
            edits.append((p, "+" + draw(st.text(alphabet="abcxyzäöüß", min_size=1, max_size=3))))
        else:
            edits.append((p, "-"))
    # deletions next to each other would merge; keep positions at least 2 apart
    edits.sort()
    return [e for i, e in enumerate(edits) if i == 0 or e[0] - edits[i - 1][0] > 2]


def _candidates() -> list[dict[str, Any]]:
    """Every fixture article (one with blocks only, so no span to follow), and every shipped
    one that has room for an edit."""
    blocks_only = synthetic.Shape(
        style=4, mentions=False, quotes=False, timexes=False, topics=False, published=False
    )
    docs = [*fixture_docs(), synthetic.synthetic_article(900, blocks_only)]
    docs += [a.model_dump(mode="json") for a in newsdata.iter_articles()]
    return [d for d in docs if _safe_positions(d)]


CANDIDATES = _candidates()
FIXTURE = make_fixtures.valid_article()


@st.composite
def article_and_edits(draw: st.DrawFn) -> tuple[dict[str, Any], list[tuple[int, str]]]:
    doc = draw(st.sampled_from(CANDIDATES))
    return doc, draw(edits_of(doc))


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(article_and_edits())
def test_reanchor_restores_the_offsets_after_edits_elsewhere(
    case: tuple[dict[str, Any], list[tuple[int, str]]],
) -> None:
    doc, edits = case
    expected = _apply(doc, edits)
    stale = copy.deepcopy(doc)
    stale["text"] = expected["text"]
    result = reanchor(stale)
    assert result.ok, result.problems
    assert result.doc == expected
    report = validate_bytes(json.dumps(result.doc, ensure_ascii=False).encode())
    assert report.valid, report.to_text()


def test_nothing_moves_when_nothing_changed(shipped_articles: tuple[newsdata.Article, ...]) -> None:
    docs = fixture_docs() + [a.model_dump(mode="json") for a in shipped_articles]
    for doc in docs:
        result = reanchor(doc)
        assert result.ok and result.moved == [] and result.doc == doc, doc["id"]


@pytest.mark.parametrize("doc", fixture_docs(), ids=lambda d: str(d["id"]))
@pytest.mark.parametrize("layer", SPAN_LAYERS)
def test_a_span_whose_own_text_was_edited_is_refused(doc: dict[str, Any], layer: str) -> None:
    for i, span in enumerate(doc[layer]):
        edited = copy.deepcopy(doc)
        middle = (span["start"] + span["end"]) // 2
        replacement = "#" if edited["text"][middle] != "#" else "%"
        edited["text"] = edited["text"][:middle] + replacement + edited["text"][middle + 1 :]
        result = reanchor(edited)
        assert not result.ok, f"{layer}/{i} {span['text']!r} was placed anyway"
        assert f"/{layer}/{i}" in [pointer for pointer, _ in result.problems]


def test_a_title_typo_fix_updates_title_and_blocks() -> None:
    doc = copy.deepcopy(FIXTURE)
    doc["text"] = doc["text"].replace("über", "ueber", 1)
    result = reanchor(doc)
    assert result.ok
    assert result.doc["title"] == "Testartikel ueber Putin in Moskau"
    assert "/title" in result.moved
    assert validate_bytes(json.dumps(result.doc, ensure_ascii=False).encode()).valid


def test_cli_check_and_write(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    doc = copy.deepcopy(FIXTURE)
    doc["text"] = doc["text"].replace("in Moskau:", "in Moskau heute:", 1)
    path = tmp_path / "a.json"
    path.write_text(json.dumps(doc, ensure_ascii=False), encoding="utf-8")
    before = path.read_bytes()
    assert main(["reanchor", "--check", str(path)]) == 1
    assert path.read_bytes() == before
    assert "would move /mentions/" in capsys.readouterr().out
    assert main(["reanchor", str(path)]) == 0
    assert validate_bytes(path.read_bytes()).valid
    assert main(["reanchor", "--check", str(path)]) == 0


def test_cli_refuses_and_writes_nothing(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    doc = copy.deepcopy(FIXTURE)
    doc["text"] = doc["text"].replace("Wladimir Putin", "Wladimir Putim", 1)
    path = tmp_path / "a.json"
    path.write_text(json.dumps(doc, ensure_ascii=False), encoding="utf-8")
    before = path.read_bytes()
    assert main(["reanchor", str(path)]) == 1
    assert path.read_bytes() == before
    out = capsys.readouterr().out
    assert "(at /mentions/2)" in out and "nothing written" in out


def _edited_fixture(tmp_path: Path) -> Path:
    doc = copy.deepcopy(FIXTURE)
    doc["text"] = doc["text"].replace("in Moskau:", "in Moskau heute:", 1)
    path = tmp_path / "a.json"
    path.write_text(json.dumps(doc, ensure_ascii=False), encoding="utf-8")
    return path


def test_a_read_only_article_is_not_rewritten(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = _edited_fixture(tmp_path)
    path.chmod(0o444)
    before = path.read_bytes()
    assert main(["reanchor", str(path)]) == 2
    assert "read-only" in capsys.readouterr().err
    assert path.read_bytes() == before


def test_a_symlinked_article_is_not_replaced(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    target = _edited_fixture(tmp_path)
    link = tmp_path / "link.json"
    link.symlink_to(target)
    before = target.read_bytes()
    assert main(["reanchor", str(link)]) == 2
    assert "symbolic link" in capsys.readouterr().err
    assert link.is_symlink() and target.read_bytes() == before


@pytest.mark.parametrize(
    ("content", "code"),
    [
        (b'{"id": "a", "id": "b"}', "json-duplicate-key"),
        (b'{"id": NaN}', "json-nonfinite"),
        (b'{"id": ' + b"[" * 5000 + b"]" * 5000 + b"}", "json-too-deep"),
        (b"{}", "schema-required"),
    ],
)
def test_reanchor_reads_with_the_validators_reader(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], content: bytes, code: str
) -> None:
    path = tmp_path / "a.json"
    path.write_bytes(content)
    assert main(["reanchor", str(path)]) == 2
    err = capsys.readouterr().err
    assert code in err and "Traceback" not in err and err.count("\n") == 1
    assert path.read_bytes() == content


# ---------------------------------------------------------------- offsets typed by hand

MARSH_TEXT = "Marsh im Interview\n\nVor dem Spiel sagte Marsh: „Wir sind bereit.“"
MARSH_AT = MARSH_TEXT.index("Marsh", 1)


def _span_at(text: str, words: str, start: int) -> dict[str, Any]:
    assert text.startswith(words, start)
    return {"start": start, "end": start + len(words), "text": words}


def _marsh(mention_start: int) -> dict[str, Any]:
    """A small article whose mention and speaker span name the same "Marsh"."""
    text = MARSH_TEXT
    content = _span_at(text, "Wir sind bereit.", text.index("Wir"))
    return {
        "text": text,
        "title": "Marsh im Interview",
        "blocks": [
            {"id": "b1", "start": 0, "end": 18, "kind": "title"},
            {"id": "b2", "start": 20, "end": len(text), "kind": "paragraph"},
        ],
        "mentions": [
            {"id": "m1", "start": mention_start, "end": mention_start + 5, "text": "Marsh"}
        ],
        "quotes": [
            {
                "id": "q1",
                **content,
                "verbatim": [dict(content)],
                "speaker_span": _span_at(text, "Marsh", MARSH_AT),
                "cue": _span_at(text, "sagte", text.index("sagte")),
            }
        ],
        "timexes": [],
    }


def _starts(doc: dict[str, Any]) -> dict[str, tuple[int, int]]:
    """Every span's offsets by JSON Pointer."""
    found = {}
    for layer in SPAN_LAYERS:
        for i, item in enumerate(doc[layer]):
            found[f"/{layer}/{i}"] = (item["start"], item["end"])
            if layer == "quotes":
                for where, part in quote_segments(item):
                    found[f"/quotes/{i}/{where}"] = (part["start"], part["end"])
    return found


@pytest.mark.parametrize("off", [-3, 3])
def test_a_mention_off_by_three_shares_the_speakers_name(off: int) -> None:
    doc = _marsh(MARSH_AT + off)
    result = reanchor(doc)
    assert result.ok, result.problems
    assert result.doc["mentions"][0]["start"] == MARSH_AT
    assert result.doc["quotes"][0]["speaker_span"]["start"] == MARSH_AT
    assert result.moved == ["/mentions/0"]


def test_exact_spans_stay_exactly_where_they_are() -> None:
    doc = copy.deepcopy(FIXTURE)
    doc["mentions"][2]["start"] += 4  # "Wladimir Putin", also q1's speaker span, typed 4 off
    result = reanchor(doc)
    assert result.ok, result.problems
    assert result.moved == ["/mentions/2"]
    assert result.doc == FIXTURE


def test_a_verbatim_part_shares_its_quotes_place() -> None:
    doc = copy.deepcopy(FIXTURE)
    quote = doc["quotes"][0]
    assert quote["verbatim"][0]["start"] == quote["start"]
    quote["start"] -= 2
    quote["verbatim"][0]["start"] += 3
    result = reanchor(doc)
    assert result.ok, result.problems
    assert result.moved == ["/quotes/0", "/quotes/0/verbatim/0"]
    assert result.doc == FIXTURE


def test_offsets_typed_a_few_off_with_any_end_are_all_fixed() -> None:
    doc = copy.deepcopy(FIXTURE)
    offs = itertools.cycle([3, -2, 5, -4, 1, 2, -1])
    for pointer, (start, _) in _starts(doc).items():
        span = _resolve(doc, pointer)
        span["start"], span["end"] = start + next(offs), 0  # the end is not read
    result = reanchor(doc)
    assert result.ok, result.problems
    assert result.doc == FIXTURE
    assert sorted(result.moved) == sorted(_starts(FIXTURE))
    assert validate_bytes(json.dumps(result.doc, ensure_ascii=False).encode()).valid


def test_a_wrong_end_alone_is_recomputed() -> None:
    doc = copy.deepcopy(FIXTURE)
    doc["timexes"][1]["end"] += 7
    result = reanchor(doc)
    assert result.ok and result.moved == ["/timexes/1"]
    assert result.doc == FIXTURE


def test_start_zero_finds_a_text_once_between_its_neighbours() -> None:
    doc = copy.deepcopy(FIXTURE)
    # "Moskau" occurs twice; m4 is the second, and its neighbours m3 and m5 say which
    assert doc["text"].count("Moskau") == 2
    for pointer in ("/mentions/3", "/quotes/1/cue", "/timexes/1"):
        _resolve(doc, pointer)["start"] = 0
    result = reanchor(doc)
    assert result.ok, result.problems
    assert result.doc == FIXTURE


def test_start_zero_with_a_text_found_twice_is_reported() -> None:
    doc = copy.deepcopy(FIXTURE)
    doc["mentions"] = [dict(doc["mentions"][3], start=0)]  # "Moskau", and no neighbour
    first, second = (i for i, _ in enumerate(doc["text"]) if doc["text"].startswith("Moskau", i))
    result = reanchor(doc)
    assert result.problems == [
        (
            "/mentions/0",
            f"mentions item 'm4': text 'Moskau' has start 0 (anywhere) and occurs at {first}, "
            f"{second} from 0 to {len(doc['text']) - 6}; give its start, roughly",
        )
    ]
    assert result.doc["mentions"][0]["start"] == 0


def test_a_span_not_found_says_which_where_and_what() -> None:
    doc = _marsh(MARSH_AT)
    doc["mentions"][0]["text"] = "Marsch"  # a typo in the span's own text
    result = reanchor(doc)
    low, high = max(0, MARSH_AT - WINDOW), len(MARSH_TEXT) - len("Marsch")
    assert result.problems == [
        (
            "/mentions/0",
            f"mentions item 'm1': text 'Marsch' not found (looked for a start from {low} to "
            f"{high}, near {MARSH_AT}; at {MARSH_AT} stands 'Marsh:'), nor anywhere",
        )
    ]


def test_a_span_edited_in_place_is_not_moved_to_a_look_alike() -> None:
    doc = _marsh(MARSH_AT)
    doc["text"] = doc["text"][:MARSH_AT] + "Marsch" + doc["text"][MARSH_AT + 5 :]
    result = reanchor(doc)
    assert [pointer for pointer, _ in result.problems] == ["/mentions/0", "/quotes/0/speaker_span"]
    assert result.problems[0][1].startswith(
        f"mentions item 'm1': text 'Marsh' is not at {MARSH_AT}, where 'Marsc' stands: was "
        "the span's own text edited?"
    )
    assert "the nearest occurrence is at 0" in result.problems[0][1]


def test_two_occurrences_equally_near_are_reported() -> None:
    doc = {
        "text": "Putin und Putin",
        "blocks": [{"id": "b1", "start": 0, "end": 15, "kind": "paragraph"}],
        "mentions": [{"id": "m1", "start": 5, "end": 10, "text": "Putin"}],
        "quotes": [],
        "timexes": [],
    }
    result = reanchor(doc)
    assert result.problems == [
        (
            "/mentions/0",
            "mentions item 'm1': text 'Putin' occurs at 0 and 10, equally near (looked for a "
            "start from 0 to 10, near 5); give its start",
        )
    ]


def test_the_nearest_of_two_occurrences_wins() -> None:
    doc = copy.deepcopy(FIXTURE)
    text = doc["text"]
    first, second = (i for i in range(len(text)) if text.startswith("Moskau", i))
    doc["quotes"][1]["cue"] = {"start": second - 2, "end": 0, "text": "Moskau"}
    result = reanchor(doc)
    assert result.ok and result.doc["quotes"][1]["cue"]["start"] == second
    doc["quotes"][1]["cue"]["start"] = first + 2
    assert reanchor(doc).doc["quotes"][1]["cue"]["start"] == first


def test_cli_fixes_offsets_typed_by_hand(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    doc = copy.deepcopy(FIXTURE)
    doc["mentions"][2]["start"] -= 3
    doc["quotes"][0]["cue"]["start"] = 0
    path = tmp_path / "a.json"
    path.write_text(json.dumps(doc, ensure_ascii=False), encoding="utf-8")
    assert main(["reanchor", str(path)]) == 0
    assert json.loads(path.read_text(encoding="utf-8")) == FIXTURE
    m = FIXTURE["mentions"][2]
    moved = f"moved /mentions/2 from [{m['start'] - 3}:{m['end']}] to [{m['start']}:{m['end']}]"
    assert moved in capsys.readouterr().out


def test_cli_names_a_lost_span_on_one_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    doc = copy.deepcopy(FIXTURE)
    doc["timexes"][0]["text"] = "Juni 20, 2024"
    path = tmp_path / "a.json"
    path.write_text(json.dumps(doc, ensure_ascii=False), encoding="utf-8")
    assert main(["reanchor", str(path)]) == 1
    captured = capsys.readouterr()
    lines = captured.out.splitlines()
    assert lines[0].startswith(f"{path}: error reanchor timexes item 't1': text 'Juni 20, 2024'")
    assert lines[0].endswith("(at /timexes/0)") and "looked for a start from" in lines[0]
    assert len(lines) == 2 and "Traceback" not in captured.err


def _resolve(doc: dict[str, Any], pointer: str) -> dict[str, Any]:
    node: Any = doc
    for step in pointer.strip("/").split("/"):
        node = node[int(step)] if isinstance(node, list) else node[step]
    assert isinstance(node, dict)
    return node


def _alone_near(text: str, words: str, start: int, reach: int) -> bool:
    """Whether ``words`` stands nowhere but at ``start`` within ``reach`` of it."""
    low, high = max(0, start - reach), start + reach + len(words)
    return text.count(words, low, high) == 1


HAND_OFF = 12
"""How far off the property test types a start, at most."""


@st.composite
def hand_typed(draw: st.DrawFn) -> tuple[dict[str, Any], dict[str, Any]]:
    """An article and a copy whose spans, where their text is unique near them, are typed
    up to ``HAND_OFF`` (and less than their length) off, with any end."""
    doc = draw(st.sampled_from(CANDIDATES))
    typed = copy.deepcopy(doc)
    for pointer, (start, _) in _starts(doc).items():
        span = _resolve(typed, pointer)
        reach = WINDOW + 4 * HAND_OFF  # the hints lie within 2 * HAND_OFF of the true start
        if start == 0 or not _alone_near(doc["text"], span["text"], start, reach):
            continue
        most = min(HAND_OFF, len(span["text"]) - 1, start - 1)
        span["start"] = start + draw(st.integers(-most, most))
        span["end"] = draw(st.integers(0, len(doc["text"])))
    return doc, typed


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(hand_typed())
def test_starts_typed_a_little_off_are_restored(
    case: tuple[dict[str, Any], dict[str, Any]],
) -> None:
    doc, typed = case
    result = reanchor(typed)
    assert result.ok, result.problems
    assert result.doc == doc
    changed = [p for p, offsets in _starts(typed).items() if offsets != _starts(doc)[p]]
    assert sorted(result.moved) == sorted(changed)
