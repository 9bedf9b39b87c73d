"""The CSV table views and `newsdata diff`."""

from __future__ import annotations

import csv
import json
import shutil
from pathlib import Path
from typing import Any

import pytest

import newsdata
from newsdata.build import run_build
from newsdata.cli import main
from newsdata.datapackage.tables import TABLES
from newsdata.diff import LayerChange, diff_corpora


def _rows(root: Path, name: str) -> list[dict[str, str]]:
    with (root / "tables" / f"{name}.csv").open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


@pytest.fixture
def tabled(make_corpus: Any, article_dict: dict[str, Any]) -> Path:
    root: Path = make_corpus([article_dict])
    assert run_build(root, tables=True).fresh is False
    assert run_build(root).fresh is True  # the choice is kept, and a second run changes nothing
    return root


def test_tables_build_deterministically_and_go_stale(tabled: Path) -> None:
    first = {p.name: p.read_bytes() for p in (tabled / "tables").iterdir()}
    assert len(first) == len(TABLES)
    path = tabled / "articles" / "fixture-article.json"
    doc = json.loads(path.read_text("utf-8"))
    doc["topics"] = []
    path.write_text(json.dumps(doc, ensure_ascii=False), encoding="utf-8")
    assert run_build(tabled, check=True).fresh is False
    assert {p.name: p.read_bytes() for p in (tabled / "tables").iterdir()} == first
    assert run_build(tabled).fresh is False
    assert _rows(tabled, "topics") == []
    assert newsdata.validate(tabled).valid


def _record_hash(root: Path, rel: str) -> None:
    """Record a hand-edited table's new size and hash, so that only its rows are wrong."""
    import hashlib

    descriptor = json.loads((root / "datapackage.json").read_text("utf-8"))
    data = (root / rel).read_bytes()
    for resource in descriptor["resources"]:
        if resource["path"] == rel:
            resource["bytes"] = len(data)
            resource["hash"] = "sha256:" + hashlib.sha256(data).hexdigest()
    (root / "datapackage.json").write_text(json.dumps(descriptor), encoding="utf-8")


def test_frictionless_checks_the_table_rows(tabled: Path) -> None:
    table = tabled / "tables" / "mentions.csv"
    table.write_text(table.read_text("utf-8").replace("fixture-article,m1", "ghost,m1"), "utf-8")
    _record_hash(tabled, "tables/mentions.csv")
    problems = newsdata.validate(tabled).problems
    # Frictionless finds the broken foreign key; croissant.json still records the old hash
    assert [p.code for p in problems] == ["package-frictionless", "package-stale"]
    assert "foreign" in problems[0].message.lower()
    assert problems[1].file.endswith("croissant.json")


def test_diff_lists_articles_and_annotations(
    tabled: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    new = tmp_path / "new"
    shutil.copytree(tabled, new)
    path = new / "articles" / "fixture-article.json"
    doc = json.loads(path.read_text("utf-8"))
    doc["title"] = "Geändert"
    doc["mentions"][0]["label"] = "LOC"
    del doc["mentions"][1]
    doc["mentions"].append({**doc["mentions"][0], "id": "m9"})
    path.write_text(json.dumps(doc, ensure_ascii=False), encoding="utf-8")
    other = dict(doc, id="another")
    (new / "articles" / "another.json").write_text(json.dumps(other), encoding="utf-8")
    result = diff_corpora(tabled, new)
    assert result.added == ["another"]
    assert result.removed == []
    change = result.changed["fixture-article"]
    assert change.fields == ["title"]
    assert change.layers == {"mentions": LayerChange(added=["m9"], removed=["m2"], changed=["m1"])}
    assert main(["diff", str(tabled), str(new)]) == 1
    out = capsys.readouterr().out
    assert (
        "+ another" in out and "~ fixture-article" in out and "1 added, 0 removed, 1 changed" in out
    )
    assert main(["diff", "--format", "json", str(tabled), str(tabled)]) == 0
    assert json.loads(capsys.readouterr().out) == {"added": [], "removed": [], "changed": {}}
    assert main(["diff", str(tabled), str(tmp_path / "missing")]) == 2


def test_frictionless_checks_entity_links(tabled: Path) -> None:
    """mentions.entity and quotes.speaker are foreign keys to the same article's entities
    (a quote without a speaker entity breaks nothing: Frictionless checks every table
    view's rows when `newsdata validate` runs it)."""
    descriptor = json.loads((tabled / "datapackage.json").read_text("utf-8"))
    keys = {
        r["name"]: r["schema"].get("foreignKeys", [])
        for r in descriptor["resources"]
        if r.get("format") == "csv"
    }
    assert {
        "fields": "entity_key",
        "reference": {"resource": "table.entities", "fields": "key"},
    } in (keys["table.mentions"])
    table = tabled / "tables" / "entities.csv"
    lines = table.read_text("utf-8").splitlines(keepends=True)
    table.write_text("".join(line for line in lines if "vladimir-putin" not in line), "utf-8")
    _record_hash(tabled, "tables/entities.csv")
    problems = [p for p in newsdata.validate(tabled).problems if p.code == "package-frictionless"]
    assert problems and all(
        "entity_key" in p.message or "speaker_key" in p.message for p in problems
    )


@pytest.mark.parametrize(
    "spoil",
    [
        {"mentions": 5},
        {"mentions": [1, 2]},
        {"mentions": {}},
        {"mentions": {"m1": {}}},
        {"topics": "x"},
        {"quotes": [{"id": ["q"]}]},
        {"text": None},
    ],
)
@pytest.mark.parametrize("side", ["old", "new"])
def test_diff_of_an_invalid_article_is_one_line_naming_the_file(
    tabled: Path,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    spoil: dict[str, Any],
    side: str,
) -> None:
    copy = tmp_path / "copy"
    shutil.copytree(tabled, copy)
    path = copy / "articles" / "fixture-article.json"
    path.write_text(json.dumps({**json.loads(path.read_text("utf-8")), **spoil}), "utf-8")
    old, new = (copy, tabled) if side == "old" else (tabled, copy)
    assert main(["diff", str(old), str(new)]) == 2  # like a file that is not JSON
    err = capsys.readouterr().err
    assert err.startswith(f"newsdata diff: {path}") and err.count("\n") == 1, err
    assert "validate" in err


def test_diff_of_a_file_that_is_not_json_names_the_file(
    tabled: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    copy = tmp_path / "copy"
    shutil.copytree(tabled, copy)
    path = copy / "articles" / "fixture-article.json"
    path.write_text("{", "utf-8")
    assert main(["diff", str(tabled), str(copy)]) == 2
    err = capsys.readouterr().err
    assert err.startswith(f"newsdata diff: {path}") and err.count("\n") == 1, err
