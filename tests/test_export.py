"""Exports: pandas, Arrow/Parquet (read back by DuckDB and Dask), HF datasets, spaCy, CoNLL,
brat (round trip), JSON Lines and Croissant."""

from __future__ import annotations

import json
import shutil
import sys
from pathlib import Path
from typing import Any

import pytest

import newsdata
from newsdata._paths import dataset_dir
from newsdata.cli import main
from newsdata.export import MissingDependency, export
from newsdata.export.frames import LAYER_NAMES
from newsdata.stats import count

CORPUS = newsdata.load()
COUNTS = count(CORPUS)


def _expected_rows(layer: str) -> int:
    return int(COUNTS["articles"] if layer == "articles" else COUNTS["layers"][layer])


@pytest.mark.parametrize("layer", LAYER_NAMES)
def test_to_pandas_every_layer(layer: str) -> None:
    frame = CORPUS.to_pandas(layer)
    assert len(frame) == _expected_rows(layer)
    assert ("id" if layer == "articles" else "article_id") in frame.columns
    allowed = {"string", "Int64", "datetime64[s]"}
    assert {str(t) for t in frame.dtypes} <= allowed


def test_to_pandas_unknown_layer() -> None:
    with pytest.raises(ValueError, match="one of articles, blocks"):
        CORPUS.to_pandas("sentences")


def test_parquet_export_reads_back_in_pyarrow_duckdb_and_dask(tmp_path: Path) -> None:
    import dask.dataframe as dd
    import duckdb
    import pyarrow.parquet as pq

    result = export("parquet", tmp_path, dataset_dir())
    assert result.articles == len(CORPUS)
    for layer in LAYER_NAMES:
        path = tmp_path / f"{layer}.parquet"
        table = pq.read_table(path)
        assert table.num_rows == _expected_rows(layer)
        assert table.schema.equals(CORPUS.to_arrow(layer).schema)
        assert duckdb.sql(f"select count(*) from '{path}'").fetchall() == [(_expected_rows(layer),)]
        assert len(dd.read_parquet(path)) == _expected_rows(layer)
    by_label = duckdb.sql(
        f"select label, count(*) from '{tmp_path / 'mentions.parquet'}' group by label"
    ).fetchall()
    assert dict(by_label) == {k: v for k, v in COUNTS["mention_labels"].items() if v}
    assert not list(tmp_path.glob(".*tmp"))


def test_published_is_a_date_not_a_string(tmp_path: Path) -> None:
    import datetime

    table = CORPUS.to_arrow("articles")
    assert str(table.schema.field("published").type) == "date32[day]"
    assert table.column("published")[0].as_py() == datetime.date(2024, 6, 19)


def test_hf_dataset_round_trip() -> None:
    import datasets

    dataset = CORPUS.to_hf_dataset()
    assert isinstance(dataset.features["mentions"].feature["label"], datasets.ClassLabel)
    assert dataset.features["mentions"].feature["label"].names == list(newsdata.LABELS)
    back = newsdata.from_hf_dataset(dataset)
    assert list(back) == list(CORPUS)


def test_spacy_docs_and_docbin(tmp_path: Path) -> None:
    import spacy
    from spacy.tokens import DocBin

    with pytest.warns(UserWarning, match="Kim-Il-Sung"):
        docs = CORPUS.to_spacy()
    doc = docs[0]
    assert len(doc.ents) == 67  # the outer mentions
    assert len(doc.spans["quotes"]) == COUNTS["layers"]["quotes"]
    assert len(doc.spans["timexes"]) == COUNTS["layers"]["timexes"]
    assert doc.user_data["newsdata_misaligned"] == [
        "2024-06-19-putin-kim-allianz: mentions m26 [2148:2159] 'Kim-Il-Sung' "
        "does not fall on token boundaries"
    ]
    result = export("spacy", tmp_path)
    assert result.notes and "m26" in result.notes[0]
    loaded = list(DocBin().from_disk(tmp_path / "corpus.spacy").get_docs(spacy.blank("de").vocab))
    assert [e.text for e in loaded[0].ents] == [e.text for e in doc.ents]


def test_conll_export(tmp_path: Path) -> None:
    export("conll", tmp_path)
    lines = (tmp_path / "corpus.tsv").read_text("utf-8").splitlines()
    rows = [line.split("\t") for line in lines if line and not line.startswith("#")]
    assert all(len(r) == 4 for r in rows)
    assert ["1", "Wladimir", "B-PER", "O"] in rows and ["2", "Putin", "I-PER", "O"] in rows
    assert [r[1:] for r in rows if r[1] == "Kim-Il-Sung-Platz"] == [
        ["Kim-Il-Sung-Platz", "B-LOC", "B-PERpart"]
    ]
    begins = sum(1 for r in rows for label in r[2:] if label.startswith("B-"))
    assert begins == COUNTS["layers"]["mentions"]


def test_brat_round_trip(tmp_path: Path) -> None:
    corpus = tmp_path / "corpus"
    shutil.copytree(dataset_dir(), corpus)
    brat = tmp_path / "brat"
    export("brat", brat, corpus)
    assert (brat / "annotation.conf").is_file()
    article = json.loads(next((corpus / "articles").glob("*.json")).read_text("utf-8"))
    # an annotator adds a mention in brat (no id, no entity yet)
    ann = brat / f"{article['id']}.ann"
    start = article["text"].index("mins")
    ann.write_text(ann.read_text("utf-8") + f"T999\tOTH {start} {start + 4}\tmins\n", "utf-8")
    assert main(["import", "brat", str(brat), "--corpus", str(corpus)]) == 0
    imported = json.loads((corpus / "articles" / f"{article['id']}.json").read_text("utf-8"))
    added = [m for m in imported["mentions"] if m["text"] == "mins"]
    assert added == [
        {
            "id": "m69",
            "start": start,
            "end": start + 4,
            "text": "mins",
            "label": "OTH",
            "entity": None,
        }
    ]
    imported["mentions"].remove(added[0])
    assert imported == article


def test_brat_import_refuses_a_changed_text(tmp_path: Path) -> None:
    corpus = tmp_path / "corpus"
    shutil.copytree(dataset_dir(), corpus)
    export("brat", tmp_path / "brat", corpus)
    txt = next((tmp_path / "brat").glob("*.txt"))
    txt.write_text(txt.read_text("utf-8") + " extra", encoding="utf-8")
    assert main(["import", "brat", str(tmp_path / "brat"), "--corpus", str(corpus)]) == 1


def test_jsonl_export(tmp_path: Path) -> None:
    assert main(["export", "--format", "jsonl", "--output", str(tmp_path)]) == 0
    lines = (tmp_path / "articles.jsonl").read_text("utf-8").splitlines()
    assert [newsdata.Article.model_validate_json(line) for line in lines] == list(CORPUS)


def test_croissant_validates_and_its_records_load(tmp_path: Path) -> None:
    import mlcroissant as mlc

    for path in (dataset_dir() / "croissant.json", export("croissant", tmp_path).files[0]):
        dataset = mlc.Dataset(jsonld=str(path))  # validates; raises on errors
        records = list(dataset.records("mentions"))  # reads the CSV, checks its sha256
        assert len(records) == COUNTS["layers"]["mentions"]


def test_missing_extra_names_it(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setitem(sys.modules, "pyarrow", None)
    with pytest.raises(MissingDependency, match=r'pip install "newsdata\[parquet\]"'):
        CORPUS.to_arrow("mentions")
    assert main(["export", "--format", "parquet", "--output", str(tmp_path)]) == 2


@pytest.mark.parametrize("fmt", ["jsonl", "parquet", "conll", "brat", "spacy", "croissant"])
def test_cli_export_every_format(
    fmt: str, tmp_path: Path, capsys: pytest.CaptureFixture[Any]
) -> None:
    assert main(["export", "--format", fmt, "--output", str(tmp_path)]) == 0
    assert "exported 1 article(s)" in capsys.readouterr().out
    assert not [p for p in tmp_path.rglob("*") if p.name.endswith(".tmp")]
