"""Exports: pandas, Arrow/Parquet (read back by DuckDB and Dask), HF datasets, spaCy, CoNLL,
brat (round trip), JSON Lines and Croissant.

Every test exports the fixture corpus (``conftest.fixture_docs``: hand-written articles and
synthetic ones in several languages and shapes) and compares with counts computed from it,
so the shipped corpus may grow without changing any expectation here.
"""

from __future__ import annotations

import json
import os
import sys
from collections import Counter
from pathlib import Path
from typing import Any

import pytest

import newsdata
from newsdata import Corpus
from newsdata.cli import main
from newsdata.export import FORMATS, MissingDependency, export
from newsdata.frames.columns import LAYER_NAMES
from newsdata.stats import count


@pytest.fixture(scope="module")
def corpus(fixture_corpus_template: Path) -> Corpus:
    return newsdata.load(fixture_corpus_template)


@pytest.fixture(scope="module")
def counts(corpus: Corpus) -> dict[str, Any]:
    return count(corpus)


def _expected_rows(counts: dict[str, Any], layer: str) -> int:
    if layer == "verbatim":  # a table of the parts inside quotes, not a layer
        return int(counts["verbatim_parts"])
    return int(counts["articles"] if layer == "articles" else counts["layers"][layer])


@pytest.mark.parametrize("layer", LAYER_NAMES)
def test_to_pandas_every_layer(layer: str, corpus: Corpus, counts: dict[str, Any]) -> None:
    frame = corpus.to_pandas(layer)
    assert len(frame) == _expected_rows(counts, layer)
    assert ("id" if layer == "articles" else "article_id") in frame.columns
    allowed = {"string", "Int64", "boolean", "datetime64[s]"}
    assert {str(t) for t in frame.dtypes} <= allowed


def test_to_pandas_unknown_layer(corpus: Corpus) -> None:
    with pytest.raises(ValueError, match="one of articles, blocks"):
        corpus.to_pandas("sentences")


def test_parquet_export_reads_back_in_pyarrow_duckdb_and_dask(
    tmp_path: Path, fixture_corpus: Path, corpus: Corpus, counts: dict[str, Any]
) -> None:
    import dask.dataframe as dd
    import duckdb
    import pyarrow.parquet as pq

    result = export("parquet", tmp_path, fixture_corpus)
    assert result.articles == len(corpus)
    for layer in LAYER_NAMES:
        path = tmp_path / f"{layer}.parquet"
        table = pq.read_table(path)
        expected = _expected_rows(counts, layer)
        assert table.num_rows == expected
        assert table.schema.equals(corpus.to_arrow(layer).schema)
        relation = duckdb.sql(f"select count(*) from '{path}'")
        assert relation is not None and relation.fetchall() == [(expected,)]
        assert len(dd.read_parquet(path)) == expected
    by_label = duckdb.sql(
        f"select label, count(*) from '{tmp_path / 'mentions.parquet'}' group by label"
    )
    assert by_label is not None
    assert dict(by_label.fetchall()) == {k: v for k, v in counts["mention_labels"].items() if v}
    assert not list(tmp_path.glob(".*tmp"))


def test_published_is_a_date_not_a_string(corpus: Corpus) -> None:
    table = corpus.to_arrow("articles")
    assert str(table.schema.field("published").type) == "date32[day]"
    assert table.column("published").to_pylist() == [a.published for a in corpus]
    assert None in table.column("published").to_pylist()  # an article without a date


def test_hf_dataset_round_trip(corpus: Corpus) -> None:
    import datasets

    dataset = corpus.to_hf_dataset()
    assert isinstance(dataset.features["mentions"].feature["label"], datasets.ClassLabel)
    assert dataset.features["mentions"].feature["label"].names == list(newsdata.LABELS)
    back = newsdata.from_hf_dataset(dataset)
    assert list(back) == list(corpus)


def test_spacy_docs_and_docbin(tmp_path: Path, fixture_corpus: Path, corpus: Corpus) -> None:
    import spacy
    from spacy.tokens import DocBin

    with pytest.warns(UserWarning, match="Anna-Beispiel"):
        docs = corpus.to_spacy()
    assert [d.user_data["newsdata_id"] for d in docs] == list(corpus.ids)
    for doc, article in zip(docs, corpus, strict=True):
        assert doc.text == article.text
        misaligned = Counter(m.split()[1] for m in doc.user_data["newsdata_misaligned"])
        for layer in ("mentions", "quotes", "timexes"):
            # every span is a spaCy span, or listed as not on token boundaries
            spans = len(doc.spans[layer]) + misaligned[layer]
            assert spans == len(getattr(article, layer)), (article.id, layer)
    nested = docs[corpus.ids.index("fixture-nested")]
    # the PER inside the token "Anna-Beispiel-Platz" cannot be a spaCy span
    assert [e.text for e in nested.ents] == [
        "Beispielstadt", "Anna Beispiel", "Anna-Beispiel-Platz", "Beispielstadt"
    ]  # fmt: skip
    assert nested.user_data["newsdata_misaligned"] == [
        "fixture-nested: mentions m4 [38:51] 'Anna-Beispiel' does not fall on token boundaries"
    ]
    result = export("spacy", tmp_path, fixture_corpus)
    assert any("fixture-nested: mentions m4" in note for note in result.notes)
    vocab = spacy.blank("xx").vocab
    loaded = list(DocBin().from_disk(tmp_path / "corpus.spacy").get_docs(vocab))
    assert [[e.text for e in d.ents] for d in loaded] == [[e.text for e in d.ents] for d in docs]


def test_spacy_falls_back_to_the_multilanguage_tokenizer() -> None:
    from newsdata.export.spacy_docs import blank_pipeline

    assert blank_pipeline("de").lang == "de"
    assert blank_pipeline("qaa").lang == "xx"  # a private-use tag spaCy does not know


def test_conll_export(tmp_path: Path, fixture_corpus: Path, counts: dict[str, Any]) -> None:
    export("conll", tmp_path, fixture_corpus)
    lines = (tmp_path / "corpus.tsv").read_text("utf-8").splitlines()
    rows = [line.split("\t") for line in lines if line and not line.startswith("#")]
    assert all(len(r) == 4 for r in rows)
    assert ["1", "Wladimir", "B-PER", "O"] in rows and ["2", "Putin", "I-PER", "O"] in rows
    assert [r[1:] for r in rows if r[1] == "Anna-Beispiel-Platz"] == [
        ["Anna-Beispiel-Platz", "B-LOC", "B-PERpart"]
    ]
    begins = sum(1 for r in rows for label in r[2:] if label.startswith("B-"))
    assert begins == counts["layers"]["mentions"]
    articles = [line for line in lines if line.startswith("# article = ")]
    assert len(articles) == counts["articles"]


def test_brat_round_trip(tmp_path: Path, fixture_corpus: Path) -> None:
    brat = tmp_path / "brat"
    export("brat", brat, fixture_corpus)
    assert (brat / "annotation.conf").is_file()
    path = fixture_corpus / "articles" / "fixture-article.json"
    article = json.loads(path.read_text("utf-8"))
    # an annotator adds a mention in brat (no id, no entity yet)
    ann = brat / f"{article['id']}.ann"
    start = article["text"].index("Agentur")
    ann.write_text(ann.read_text("utf-8") + f"T999\tORG {start} {start + 7}\tAgentur\n", "utf-8")
    before = {p.name: p.read_bytes() for p in (fixture_corpus / "articles").iterdir()}
    assert main(["import", "brat", str(brat), "--corpus", str(fixture_corpus)]) == 0
    imported = json.loads(path.read_text("utf-8"))
    added = [m for m in imported["mentions"] if m["text"] == "Agentur"]
    new_id = f"m{len(article['mentions']) + 1}"
    assert added == [
        {"id": new_id, "start": start, "end": start + 7, "text": "Agentur", "label": "ORG",
         "entity": None}
    ]  # fmt: skip
    imported["mentions"].remove(added[0])
    assert imported == article
    after = {p.name: p.read_bytes() for p in (fixture_corpus / "articles").iterdir()}
    changed = {name for name in before if before[name] != after[name]}
    assert changed == {"fixture-article.json"}  # every other article is unchanged


def test_brat_import_refuses_a_changed_text(tmp_path: Path, fixture_corpus: Path) -> None:
    export("brat", tmp_path / "brat", fixture_corpus)
    txt = tmp_path / "brat" / "fixture-article.txt"
    txt.write_text(txt.read_text("utf-8") + " extra", encoding="utf-8")
    assert main(["import", "brat", str(tmp_path / "brat"), "--corpus", str(fixture_corpus)]) == 1


def test_jsonl_export(tmp_path: Path, fixture_corpus: Path, corpus: Corpus) -> None:
    assert (
        main(["export", "--format", "jsonl", "--output", str(tmp_path), str(fixture_corpus)]) == 0
    )
    lines = (tmp_path / "articles.jsonl").read_text("utf-8").splitlines()
    assert [newsdata.Article.model_validate_json(line) for line in lines] == list(corpus)


def test_croissant_validates_and_its_records_load(
    tmp_path: Path, fixture_corpus: Path, counts: dict[str, Any]
) -> None:
    import shutil

    import mlcroissant as mlc

    exported = export("croissant", tmp_path / "out", fixture_corpus)
    assert exported.files[0] == tmp_path / "out" / "croissant.json"
    moved = tmp_path / "elsewhere" / "moved"
    shutil.move(str(tmp_path / "out"), moved)  # self-contained: nothing points back
    for path in (fixture_corpus / "croissant.json", moved / "croissant.json"):
        dataset = mlc.Dataset(jsonld=str(path))  # validates; raises on errors
        records = list(dataset.records("mentions"))  # reads the CSV, checks its sha256
        assert len(records) == counts["layers"]["mentions"]
    assert "../" not in (moved / "croissant.json").read_text("utf-8")
    assert newsdata.validate(moved).valid


def test_missing_extra_names_it(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path, corpus: Corpus, fixture_corpus: Path
) -> None:
    monkeypatch.setitem(sys.modules, "pyarrow", None)
    with pytest.raises(MissingDependency, match=r'pip install "newsdata\[parquet\]"'):
        corpus.to_arrow("mentions")
    args = ["export", "--format", "parquet", "--output", str(tmp_path), str(fixture_corpus)]
    assert main(args) == 2


@pytest.mark.parametrize("fmt", FORMATS)
def test_cli_export_every_format(
    fmt: str,
    tmp_path: Path,
    fixture_corpus: Path,
    corpus: Corpus,
    capsys: pytest.CaptureFixture[Any],
) -> None:
    out = tmp_path / "out"
    assert main(["export", "--format", fmt, "--output", str(out), str(fixture_corpus)]) == 0
    assert f"exported {len(corpus)} article(s)" in capsys.readouterr().out
    assert not [p for p in out.rglob("*") if p.name.endswith(".tmp")]


def test_every_language_in_the_fixture_corpus(corpus: Corpus) -> None:
    """The fixture corpus exercises what the exports must handle: several languages, an
    article without a date, and articles with no quotes and no mentions."""
    assert len({a.language for a in corpus}) >= 4
    shapes = Counter((bool(a.quotes), bool(a.mentions), a.published is None) for a in corpus)
    assert len(shapes) >= 5


def test_spacy_spans_carry_ids_entity_links_and_sentences(corpus: Corpus) -> None:
    import warnings

    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        doc = corpus.to_spacy()[corpus.ids.index("fixture-article")]
    article = corpus["fixture-article"]
    mentions = {m.id: m for m in article.mentions}
    for span in doc.spans["mentions"]:
        assert span.kb_id_ == mentions[span.id_].entity
        assert span.text == mentions[span.id_].text
    assert {s.id_ for s in doc.spans["quotes"]} <= {q.id for q in article.quotes}
    quotes = {q.id: q for q in article.quotes}
    words = [(s.id_, s.text) for s in doc.spans["verbatim"]]
    assert words == [(q.id, v.text) for q in article.quotes for v in q.verbatim]
    for span in doc.spans["speakers"]:  # the words naming the speaker, linked to it
        speaker_span = quotes[span.id_].speaker_span
        assert speaker_span is not None and span.text == speaker_span.text
        assert span.kb_id_ == (quotes[span.id_].speaker or "")
    assert len(doc.spans["speakers"]) == sum(q.speaker_span is not None for q in quotes.values())
    sentences = [s.text.strip() for s in doc.sents]
    assert sentences[0] == article.title  # a block start is a sentence start
    assert any(s.startswith("Die Agentur TASS") for s in sentences)


def test_jsonl_round_trips_through_hf_load_dataset(
    tmp_path: Path, fixture_corpus: Path, corpus: Corpus
) -> None:
    import datasets

    export("jsonl", tmp_path / "out", fixture_corpus)
    loaded = datasets.load_dataset(
        "json", data_files=str(tmp_path / "out" / "articles.jsonl"), cache_dir=str(tmp_path / "c")
    )["train"]
    assert list(newsdata.from_hf_dataset(loaded)) == list(corpus)


@pytest.mark.parametrize("layer", ["articles", "mentions", "quotes"])
def test_hf_load_dataset_reads_each_layer_of_the_parquet_export(
    layer: str, tmp_path: Path, fixture_corpus: Path, counts: dict[str, Any]
) -> None:
    import datasets

    export("parquet", tmp_path / "out", fixture_corpus)
    card = (tmp_path / "out" / "README.md").read_text("utf-8")
    assert card.startswith("---\n") and f'- config_name: "{layer}"' in card
    loaded = datasets.load_dataset(str(tmp_path / "out"), layer, cache_dir=str(tmp_path / "c"))
    assert loaded["train"].num_rows == _expected_rows(counts, layer)


def test_the_corpus_card_names_a_config_per_table_view(fixture_corpus: Path) -> None:
    import datasets

    from newsdata.datapackage.tables import TABLES

    card = (fixture_corpus / "README.md").read_text("utf-8")
    for table in TABLES:
        assert f'path: "{table.path}"' in card
    assert 'license: "unknown"' in card  # the descriptor names no licence
    builder = datasets.load_dataset_builder(str(fixture_corpus), "timexes")
    assert builder.config.name == "timexes"


def _tree(root: Path) -> dict[str, bytes | None]:
    """Every path under ``root`` (relative), with a file's bytes (None for a folder)."""
    return {
        str(p.relative_to(root)): (None if p.is_dir() else p.read_bytes())
        for p in sorted(root.rglob("*"))
    }


@pytest.mark.parametrize("fmt", FORMATS)
def test_every_format_exports_to_a_relative_path_through_dotdot(
    fmt: str,
    tmp_path: Path,
    fixture_corpus: Path,
    corpus: Corpus,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    work = tmp_path / "work"
    work.mkdir()
    monkeypatch.chdir(work)
    args = ["export", "--format", fmt, "--output", "../exp", str(fixture_corpus)]
    assert main(args) == 0, capsys.readouterr().err
    out = capsys.readouterr().out
    assert f"exported {len(corpus)} article(s) as {fmt}: ../exp/" in out  # named as asked
    assert sorted(p.name for p in tmp_path.iterdir()) == ["exp", "fixture-corpus", "work"]
    assert not [p for p in (tmp_path / "exp").rglob("*") if p.name.endswith(".tmp")]
    assert list(work.iterdir()) == []


@pytest.mark.parametrize("kind", ["str", "Path", "PathLike", "relative str", "relative Path"])
def test_the_api_takes_an_output_as_str_or_pathlike(
    kind: str, tmp_path: Path, fixture_corpus: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    class Where:
        def __fspath__(self) -> str:
            return str(tmp_path / "exp")

    (tmp_path / "work").mkdir()
    monkeypatch.chdir(tmp_path / "work")
    outputs: dict[str, str | os.PathLike[str]] = {
        "str": str(tmp_path / "exp"),
        "Path": tmp_path / "exp",
        "PathLike": Where(),
        "relative str": "../exp",
        "relative Path": Path("..") / "exp",
    }
    output = outputs[kind]
    for fmt in ("croissant", "jsonl"):
        exported = export(fmt, output, fixture_corpus)
        assert exported.files and all(Path(output) in f.parents for f in exported.files)
        assert all(
            (tmp_path / "exp" / f.relative_to(Path(output))).is_file() for f in exported.files
        )
    assert newsdata.validate(tmp_path / "exp").valid  # the Croissant dataset is a corpus


@pytest.mark.parametrize("fmt", FORMATS)
@pytest.mark.parametrize("before", ["absent", "with a file of its own"])
def test_a_failed_export_leaves_the_output_as_it_was(
    fmt: str,
    before: str,
    tmp_path: Path,
    fixture_corpus: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    import errno

    import newsdata.export
    from newsdata.export._source import iter_docs as real

    def full_disk_after_one(source: Any) -> Any:
        docs = real(source)
        yield next(docs)  # the writer has begun
        raise OSError(errno.ENOSPC, "No space left on device")

    out = tmp_path / "parent" / "out"
    if before != "absent":
        out.mkdir(parents=True)
        (out / "notes.txt").write_text("mine", encoding="utf-8")
    state = _tree(tmp_path)
    monkeypatch.setattr(newsdata.export, "iter_docs", full_disk_after_one)
    assert main(["export", "--format", fmt, "--output", str(out), str(fixture_corpus)]) == 2
    assert "No space left on device" in capsys.readouterr().err
    assert _tree(tmp_path) == state  # no half-written file, no temporary folder, no parent
    monkeypatch.setattr(newsdata.export, "iter_docs", real)
    assert main(["export", "--format", fmt, "--output", str(out), str(fixture_corpus)]) == 0
    if before != "absent":
        assert (out / "notes.txt").read_text("utf-8") == "mine"


def test_a_croissant_export_refuses_a_folder_with_articles_and_writes_nothing(
    tmp_path: Path, fixture_corpus: Path
) -> None:
    out = tmp_path / "out"
    (out / "articles").mkdir(parents=True)
    (out / "articles" / "x.json").write_text("{}", encoding="utf-8")
    state = _tree(tmp_path)
    with pytest.raises(FileExistsError, match="not empty"):
        export("croissant", out, fixture_corpus)
    assert _tree(tmp_path) == state
