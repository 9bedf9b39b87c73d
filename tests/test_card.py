"""The dataset card: Hub features that ``datasets`` loads as typed, licence and rights
from the descriptor, keywords from the articles' languages."""

from __future__ import annotations

import csv
import json
from pathlib import Path
from typing import Any

import pytest

import newsdata
from newsdata.build import run_build
from newsdata.datapackage.tables import TABLES, Table

# what each Table Schema type must load as, stated here rather than read from the card
_EXPECTED = {"string": "string", "integer": "int64", "boolean": "bool", "date": "string"}
_EXPECTED["duration"] = "string"


def _front(root: Path) -> dict[str, Any]:
    """The card's front matter as the Hub's own reader parses it."""
    from huggingface_hub.repocard import metadata_load

    found = metadata_load(root / "README.md")
    assert found is not None
    return found


def _card_features(root: Path) -> dict[str, dict[str, str]]:
    return {
        info["config_name"]: {f["name"]: f["dtype"] for f in info["features"]}
        for info in _front(root)["dataset_info"]
    }


def _load(root: Path, config: str, cache: Path, monkeypatch: pytest.MonkeyPatch) -> Any:
    monkeypatch.setenv("HF_DATASETS_OFFLINE", "1")
    monkeypatch.setenv("HF_HUB_OFFLINE", "1")
    datasets = pytest.importorskip("datasets")  # the `hf` extra, in the dev install
    # read once at import: an earlier test may have imported `datasets` online
    monkeypatch.setattr(datasets.config, "HF_HUB_OFFLINE", True, raising=False)
    datasets.disable_progress_bars()
    return datasets.load_dataset(str(root), config, split="train", cache_dir=str(cache))


def _csv_column(root: Path, table: Table, column: str) -> list[str]:
    with (root / table.path).open(encoding="utf-8", newline="") as handle:
        return [row[column] for row in csv.DictReader(handle)]


def test_every_config_loads_with_the_cards_types(
    fixture_corpus: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # one quote without its cue and speaker span: offset columns with gaps
    path = fixture_corpus / "articles" / "fixture-article.json"
    doc = json.loads(path.read_text("utf-8"))
    doc["quotes"][1].update(cue=None, speaker_span=None)
    path.write_text(json.dumps(doc, ensure_ascii=False, indent=2) + "\n", "utf-8")
    run_build(fixture_corpus)
    card = _card_features(fixture_corpus)
    assert list(card) == [t.name for t in TABLES]
    gappy = []  # integer columns with some values missing: int64 with nulls, not float64
    for table in TABLES:
        loaded = _load(fixture_corpus, table.name, tmp_path / "cache", monkeypatch)
        dtypes = {name: feature.dtype for name, feature in loaded.features.items()}
        assert dtypes == card[table.name], table.name
        assert dtypes == {c.name: _EXPECTED[c.type] for c in table.columns}, table.name
        for column in (c.name for c in table.columns if c.type == "integer"):
            written = _csv_column(fixture_corpus, table, column)
            assert loaded[column] == [int(v) if v else None for v in written], column
            if "" in written and any(written):
                gappy.append(column)
    assert gappy  # the fixture corpus has such a column, so the check above means something


def test_a_column_with_no_value_keeps_its_type(
    make_corpus: Any, article_dict: dict[str, Any], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    for quote in article_dict["quotes"]:
        quote["cue"] = None
        quote["speaker_span"] = None
    root = make_corpus([article_dict])
    run_build(root, tables=True)
    assert newsdata.validate(root).valid
    quotes = next(t for t in TABLES if t.name == "quotes")
    articles = next(t for t in TABLES if t.name == "articles")
    assert not any(_csv_column(root, quotes, "cue_start"))
    assert not any(_csv_column(root, articles, "source_retrieved"))
    loaded = _load(root, "quotes", tmp_path / "cache", monkeypatch)
    assert loaded.features["cue_start"].dtype == "int64"
    assert loaded.features["speaker_span_end"].dtype == "int64"
    assert loaded["cue_start"] == [None] * loaded.num_rows
    loaded = _load(root, "articles", tmp_path / "cache", monkeypatch)
    assert loaded.features["source_retrieved"].dtype == "string"
    assert loaded["published"] == [article_dict["published"]]  # the ISO date as written


def _with_licences(root: Path, licences: list[dict[str, str]] | None) -> str:
    descriptor = json.loads((root / "datapackage.json").read_text("utf-8"))
    if licences is None:
        descriptor.pop("licenses", None)
    else:
        descriptor["licenses"] = licences
    (root / "datapackage.json").write_text(json.dumps(descriptor), "utf-8")
    run_build(root, tables=True)
    assert run_build(root, check=True).fresh
    assert newsdata.validate(root).valid
    return (root / "README.md").read_text("utf-8")


def test_the_card_has_the_descriptors_licence_and_rights(fixture_corpus: Path) -> None:
    text = _with_licences(
        fixture_corpus,
        [{"name": "ODbL-1.0", "path": "https://example.org/odbl", "title": "Open Database"}],
    )
    front = _front(fixture_corpus)
    assert front["license"] == "odbl" and "license_name" not in front
    assert "licensed as its descriptor says: Open Database (`ODbL-1.0`, " in text
    assert "https://example.org/odbl" in text and "declares no licence" not in text


def test_a_licence_the_hub_does_not_list_is_other_with_its_name(fixture_corpus: Path) -> None:
    _with_licences(fixture_corpus, [{"name": "Our-Terms", "path": "TERMS.txt"}])
    front = _front(fixture_corpus)
    assert front["license"] == "other"
    assert (front["license_name"], front["license_link"]) == ("our-terms", "TERMS.txt")


def test_several_licences_are_all_listed(fixture_corpus: Path) -> None:
    _with_licences(fixture_corpus, [{"name": "CC-BY-4.0"}, {"name": "CC0-1.0"}])
    assert _front(fixture_corpus)["license"] == ["cc-by-4.0", "cc0-1.0"]


def test_no_licence_is_unknown_and_said_so(fixture_corpus: Path) -> None:
    text = _with_licences(fixture_corpus, None)
    assert _front(fixture_corpus)["license"] == "unknown"
    assert "The data package declares no licence" in text
    croissant = json.loads((fixture_corpus / "croissant.json").read_text("utf-8"))
    assert "license" not in croissant


def test_the_shipped_card_invents_no_licence() -> None:
    """The shipped descriptor declares none (the texts' rights are unknown): the card
    and croissant.json say unknown, not a licence of their own."""
    from newsdata.layout import dataset_dir

    root = dataset_dir()
    assert "licenses" not in json.loads((root / "datapackage.json").read_text("utf-8"))
    assert _front(root)["license"] == "unknown"
    assert "license" not in json.loads((root / "croissant.json").read_text("utf-8"))


def _keywords(root: Path) -> list[Any]:
    keywords: list[Any] = json.loads((root / "datapackage.json").read_text("utf-8"))["keywords"]
    return keywords


def test_keywords_name_the_articles_languages(
    make_corpus: Any, article_dict: dict[str, Any]
) -> None:
    import synthetic

    english = synthetic.synthetic_article(1)
    assert english["language"] == "en"
    root = make_corpus([article_dict])
    descriptor = json.loads((root / "datapackage.json").read_text("utf-8"))
    assert "keywords" not in descriptor  # a build adds none where nobody wrote any
    descriptor["keywords"] = ["news", "German", "TIMEX3"]
    (root / "datapackage.json").write_text(json.dumps(descriptor), "utf-8")
    run_build(root, tables=True)
    assert _keywords(root) == ["news", "German", "TIMEX3"]
    (root / "articles" / f"{english['id']}.json").write_text(json.dumps(english), "utf-8")
    run_build(root, tables=True)
    assert _keywords(root) == ["news", "German", "English", "TIMEX3"]
    croissant = json.loads((root / "croissant.json").read_text("utf-8"))
    assert croissant["keywords"] == _keywords(root) and croissant["inLanguage"] == ["de", "en"]
    (root / "articles" / f"{article_dict['id']}.json").unlink()
    run_build(root, tables=True)
    assert _keywords(root) == ["news", "English", "TIMEX3"]
    assert 'language:\n- "en"\n' in (root / "README.md").read_text("utf-8")
    assert newsdata.validate(root).valid
