"""`newsdata reanchor`: spans follow their text after edits elsewhere; edited spans are refused."""

from __future__ import annotations

import copy
import json
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from newsdata.cli import main
from newsdata.reanchor import reanchor
from newsdata.validate import validate_bytes


def _text_spans(doc: dict[str, Any]) -> list[dict[str, Any]]:
    spans = [*doc["mentions"], *doc["quotes"], *doc["timexes"]]
    return spans + [q["cue"] for q in doc["quotes"] if q["cue"]]


def _safe_positions(doc: dict[str, Any]) -> list[int]:
    """Positions inside a block's line, away from text spans and block edges."""
    text = doc["text"]
    blocked = set()
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


def _seed() -> dict[str, Any]:
    from newsdata._paths import dataset_dir

    path = next((dataset_dir() / "articles").glob("*.json"))
    loaded: dict[str, Any] = json.loads(path.read_text("utf-8"))
    return loaded


SEED = _seed()


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(edits_of(SEED))
def test_reanchor_restores_the_offsets_after_edits_elsewhere(edits: list[tuple[int, str]]) -> None:
    expected = _apply(SEED, edits)
    stale = copy.deepcopy(SEED)
    stale["text"] = expected["text"]
    result = reanchor(stale)
    assert result.ok, result.problems
    assert result.doc == expected
    report = validate_bytes(json.dumps(result.doc, ensure_ascii=False).encode())
    assert report.valid, report.to_text()


def test_nothing_moves_when_nothing_changed() -> None:
    result = reanchor(SEED)
    assert result.ok and result.moved == [] and result.doc == SEED


@pytest.mark.parametrize("layer", ["mentions", "quotes", "timexes"])
def test_a_span_whose_own_text_was_edited_is_refused(layer: str) -> None:
    for i, span in enumerate(SEED[layer]):
        doc = copy.deepcopy(SEED)
        middle = (span["start"] + span["end"]) // 2
        replacement = "#" if doc["text"][middle] != "#" else "%"
        doc["text"] = doc["text"][:middle] + replacement + doc["text"][middle + 1 :]
        result = reanchor(doc)
        assert not result.ok, f"{layer}/{i} {span['text']!r} was placed anyway"
        assert f"/{layer}/{i}" in [pointer for pointer, _ in result.problems]


def test_a_title_typo_fix_updates_title_and_blocks() -> None:
    doc = copy.deepcopy(SEED)
    doc["text"] = doc["text"].replace("stärken", "stärkten", 1)
    result = reanchor(doc)
    assert result.ok
    assert result.doc["title"] == "Putin und Kim stärkten Allianz bei historischem Besuch"
    assert "/title" in result.moved
    assert validate_bytes(json.dumps(result.doc, ensure_ascii=False).encode()).valid


def test_cli_check_and_write(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    doc = copy.deepcopy(SEED)
    doc["text"] = doc["text"].replace("Boulevards", "Boulevards und Straßen", 1)
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
    doc = copy.deepcopy(SEED)
    doc["text"] = doc["text"].replace("Wladimir Putin", "Wladimir Putim", 1)
    path = tmp_path / "a.json"
    path.write_text(json.dumps(doc, ensure_ascii=False), encoding="utf-8")
    before = path.read_bytes()
    assert main(["reanchor", str(path)]) == 1
    assert path.read_bytes() == before
    out = capsys.readouterr().out
    assert "(at /mentions/2)" in out and "nothing written" in out
