"""A contribution, end to end: the shipped corpus plus new valid articles of other shapes.

The repository's ``dataset/`` is copied and grown by generated articles (other languages,
no quotes, no publication date, no mentions) and by hand-written ones (English and French
quotation conventions, scare quotes inside a quotation, an article of guidelines 1.0.0
that the validator warns about); the copy is built, and then the validator, the build
check, the integrity check, every export and every docs generator run over it, as CI
would on the pull request. Whatever the validator accepts must pass here; nothing here
may depend on what the shipped corpus holds.
"""

from __future__ import annotations

import json
import shutil
import sys
from pathlib import Path
from typing import Any

import pytest
from handwritten import HANDWRITTEN
from rules import tables_match_the_articles
from synthetic import Shape, dump, synthetic_article

import newsdata
from newsdata.build import run_build
from newsdata.changelog import add_entry, missing
from newsdata.datapackage.descriptor import is_article_resource
from newsdata.export import FORMATS, export
from newsdata.layout import CorpusLayout, dataset_dir

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "docs" / "_ext"))

NEW = [
    # English, quotes not annotated, no publication date
    synthetic_article(1001, Shape(style=1, quotes=False, published=False, boilerplate=False)),
    # French, no mentions nor entities, no topics, with boilerplate
    synthetic_article(1002, Shape(style=3, mentions=False, topics=False)),
    # Swiss German (a tag spaCy has no tokenizer for), nothing annotated beyond blocks
    synthetic_article(
        1003,
        Shape(
            style=4,
            mentions=False,
            quotes=False,
            timexes=False,
            topics=False,
            published=False,
            language="gsw",
        ),
    ),
    *(write() for write in HANDWRITTEN),
]


@pytest.fixture(scope="module")
def grown(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("contribution") / "dataset"
    shutil.copytree(dataset_dir(), root)
    layout = CorpusLayout(root)
    for doc in NEW:
        layout.article_path(doc["id"]).write_bytes(dump(doc))
    assert run_build(root).fresh is False  # the new articles made it stale; now it is built
    return root


def test_the_grown_corpus_is_valid_built_and_verifiable(grown: Path) -> None:
    report = newsdata.validate(grown)
    assert report.valid, report.to_text()  # warnings allowed: the stated policy
    assert run_build(grown, check=True).fresh is True
    corpus = newsdata.load(grown, verify=True)
    assert set(corpus.ids) == set(newsdata.load().ids) | {doc["id"] for doc in NEW}
    assert tables_match_the_articles(CorpusLayout(grown), list(corpus)) == []


def test_an_invalid_contribution_fails_with_the_validators_message(
    grown: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from newsdata.cli import main

    copy = tmp_path / "copy"
    shutil.copytree(grown, copy)
    doc = dict(NEW[-1], title="Ein anderer Titel")  # block-title: the headline differs
    CorpusLayout(copy).article_path(doc["id"]).write_bytes(dump(doc))
    assert main(["validate", str(copy)]) == 1
    out = capsys.readouterr().out
    assert f"{doc['id']}.json" in out and "error block-title" in out
    assert main(["build", str(copy)]) == 1
    assert "error block-title" in capsys.readouterr().err


def test_a_stale_table_row_is_found(grown: Path, tmp_path: Path) -> None:
    copy = tmp_path / "copy"
    shutil.copytree(grown, copy)
    table = CorpusLayout(copy).table_path("mentions")
    lines = table.read_text("utf-8").splitlines(keepends=True)
    table.write_text("".join(lines[:-1]), encoding="utf-8")  # drop the last row
    problems = tables_match_the_articles(CorpusLayout(copy), list(newsdata.load(copy)))
    assert problems == ["mentions: rows differ from the articles; run `newsdata build`"]


def test_the_changelog_rule_names_the_new_articles_and_the_fix(grown: Path, tmp_path: Path) -> None:
    released = {
        r["name"]: r["hash"]
        for r in json.loads((dataset_dir() / "datapackage.json").read_text("utf-8"))["resources"]
        if is_article_resource(r)
    }
    current = {
        r["name"]: r["hash"]
        for r in newsdata.load(grown).descriptor["resources"]
        if is_article_resource(r)
    }
    changelog = tmp_path / "CHANGELOG.md"
    shutil.copy(ROOT / "CHANGELOG.md", changelog)
    added = [doc for doc in NEW if doc["id"] not in released]  # a corpus may hold some
    found = missing(changelog.read_text("utf-8"), released, current)
    assert found.added == sorted(doc["id"] for doc in added) and found.changed == []
    message = found.message({doc["id"]: doc["title"] for doc in added})
    for doc in added:
        assert f"- Article `{doc['id']}`: {doc['title']}." in message
        add_entry(changelog, doc["id"], doc["title"])
    assert not missing(changelog.read_text("utf-8"), released, current)


def test_the_docs_generators_show_the_new_articles(grown: Path, tmp_path: Path) -> None:
    from newsdata_docs import corpus_facts, field_rows, write_catalog, write_datapackage

    from newsdata.schema import load_schema

    corpus = newsdata.load(grown)
    facts = corpus_facts(grown)
    assert facts["articles"] == f"{len(corpus):,} articles"
    for doc in NEW:
        assert f"`{doc['language']}`" in facts["languages"]
    undated = sum(1 for a in corpus if a.published is None)
    assert facts["undated"] == f"{undated:,} " + (
        "article has" if undated == 1 else "articles have"
    )
    assert facts["quotes"] == f"{sum(len(a.quotes) for a in corpus):,}"
    catalog = tmp_path / "catalog"
    write_catalog(catalog, grown)
    index = (catalog / "index.md").read_text("utf-8")
    for doc in NEW:
        assert (catalog / f"{doc['id']}.md").is_file()
        assert doc["id"] in index
    statistics = (catalog / "statistics.md").read_text("utf-8")
    assert f"Counts over the {len(corpus)} article(s)" in statistics
    assert all(row["example"] for row in field_rows(load_schema(), grown) if row["path"] == "id")
    write_datapackage(tmp_path / "datapackage.md", grown)
    assert "resources" in (tmp_path / "datapackage.md").read_text("utf-8")


def _all_layers_shapes() -> list[dict[str, Any]]:
    return [synthetic_article(n) for n in range(40)]


def test_generated_articles_of_every_shape_are_valid(tmp_path: Path) -> None:
    """The generator the contribution tests rely on makes only valid articles."""
    docs = _all_layers_shapes()
    root = tmp_path / "corpus"
    layout = CorpusLayout(root)
    layout.articles_dir.mkdir(parents=True)
    for doc in docs:
        layout.article_path(doc["id"]).write_bytes(dump(doc))
    run_build(root)
    report = newsdata.validate(root)
    assert report.valid, report.to_text()
    assert len({d["language"] for d in docs}) == 5
    assert any(d["published"] is None for d in docs) and any(not d["quotes"] for d in docs)


@pytest.mark.parametrize("fmt", FORMATS)
def test_every_export_takes_the_grown_corpus(fmt: str, grown: Path, tmp_path: Path) -> None:
    import warnings

    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # spans off token boundaries are reported, not errors
        result = export(fmt, tmp_path / fmt, grown)
    assert result.articles == len(newsdata.load(grown))
    assert all(path.exists() for path in result.files)


def test_hf_round_trip_of_the_grown_corpus(grown: Path) -> None:
    corpus = newsdata.load(grown)
    assert list(newsdata.from_hf_dataset(corpus.to_hf_dataset())) == list(corpus)
