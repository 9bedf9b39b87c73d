"""`newsdata reanchor`: spans follow their text after edits elsewhere; edited spans are refused."""

from __future__ import annotations

import copy
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
from newsdata.reanchor import reanchor
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
