"""Frictionless checks the verbatim parts against their quotes: a part of a quote that
does not exist is a foreign-key error, whether or not the recorded hash is updated."""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

import pytest

import newsdata

VERBATIM = "tables/verbatim.csv"


def _errors(root: Path) -> list[list[str]]:
    import frictionless

    report = frictionless.validate(str(root / "datapackage.json"))
    rows: list[list[str]] = report.flatten(["type", "message"])
    return rows


def _record_hash(root: Path) -> None:
    """Record the edited table's size and hash, so that only its rows are wrong."""
    descriptor = json.loads((root / "datapackage.json").read_text("utf-8"))
    data = (root / VERBATIM).read_bytes()
    for resource in descriptor["resources"]:
        if resource["path"] == VERBATIM:
            resource["bytes"] = len(data)
            resource["hash"] = "sha256:" + hashlib.sha256(data).hexdigest()
    (root / "datapackage.json").write_text(json.dumps(descriptor), encoding="utf-8")


def test_the_verbatim_table_declares_its_quotes(fixture_corpus: Path) -> None:
    descriptor = json.loads((fixture_corpus / "datapackage.json").read_text("utf-8"))
    (verbatim,) = [r for r in descriptor["resources"] if r["path"] == VERBATIM]
    assert {
        "fields": ["article_id", "quote"],
        "reference": {"resource": "table.quotes", "fields": ["article_id", "id"]},
    } in verbatim["schema"]["foreignKeys"]
    assert _errors(fixture_corpus) == []


@pytest.mark.parametrize("rehash", [True, False])
def test_a_dangling_verbatim_row_is_a_foreign_key_error(fixture_corpus: Path, rehash: bool) -> None:
    table = fixture_corpus / VERBATIM
    with table.open("a", encoding="utf-8", newline="") as handle:
        handle.write("fixture-article,q99,0,3,Das\n")  # no quote q99 in that article
    if rehash:
        _record_hash(fixture_corpus)
    errors = _errors(fixture_corpus)
    foreign = [message for kind, message in errors if kind == "foreign-key"]
    assert foreign and "q99" in foreign[0], errors
    # with the hash recorded, the row is all that is wrong; without, the hash says so too
    assert {kind for kind, _ in errors} == (
        {"foreign-key"} if rehash else {"foreign-key", "hash-count", "byte-count"}
    )
    if rehash:
        found = newsdata.validate(fixture_corpus).problems
        problems = [p for p in found if p.code == "package-frictionless"]
        assert problems and "q99" in problems[0].message
