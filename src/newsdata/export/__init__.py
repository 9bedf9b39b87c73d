"""Exports: the corpus in the formats other tools read, streamed one article at a time.

One registry, :data:`FORMATS`, maps each format's name to a writer with one signature,
``write(docs, out, source) -> Exported``; :func:`export` picks the writer by name, so a
new format is one function and one registry entry. Each writer imports its library when
it runs. Optional libraries sit behind extras: ``newsdata[pandas]``,
``newsdata[parquet]``, ``newsdata[hf]``, ``newsdata[spacy]``, ``newsdata[croissant]``
(for validating the Croissant file), ``newsdata[all]``.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from newsdata.export._optional import MissingDependency
from newsdata.export._source import Source, iter_docs, with_progress
from newsdata.layout import ARTICLES_DIR, CARD, CROISSANT, DESCRIPTOR, TABLES_DIR
from newsdata.loader import Corpus, corpus_layout, load_descriptor

__all__ = ["FORMATS", "Exported", "Format", "MissingDependency", "export"]

Docs = Iterator[dict[str, Any]]


@dataclass
class Exported:
    """What an export wrote."""

    format: str
    articles: int
    files: list[Path] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)


@dataclass(frozen=True)
class Format:
    """An output format: its name, what it writes, and its writer."""

    name: str
    description: str
    write: Callable[[Docs, Path, Source], Exported]


def _jsonl(docs: Docs, out: Path, source: Source) -> Exported:
    from newsdata.export.files import write_jsonl

    path = out / "articles.jsonl"
    return Exported("jsonl", write_jsonl(docs, path), [path])


def _conll(docs: Docs, out: Path, source: Source) -> Exported:
    from newsdata.export.files import write_conll

    path = out / "corpus.tsv"
    return Exported("conll", write_conll(docs, path), [path])


def _parquet(docs: Docs, out: Path, source: Source) -> Exported:
    """One Parquet file per layer, and a dataset card whose configs name them, so that
    ``datasets.load_dataset(out, "mentions")`` reads a layer."""
    from newsdata._io import write_atomic
    from newsdata.datapackage.card import card
    from newsdata.export.frames import LAYER_NAMES
    from newsdata.export.parquet import write_parquet
    from newsdata.stats import Tally

    tally = Tally()

    def counted() -> Docs:
        for doc in docs:
            tally.add(doc)
            yield doc

    articles = write_parquet(counted(), out)
    metadata = _metadata(source)
    descriptor = {**metadata, "newsdata": {"counts": tally.result()}}
    files = {layer: f"{layer}.parquet" for layer in LAYER_NAMES}
    text = card(descriptor, files)
    write_atomic(out / CARD, text.encode("utf-8"))
    return Exported("parquet", articles, [*(out / f for f in files.values()), out / CARD])


def _metadata(source: Source) -> dict[str, Any]:
    """The descriptor's own metadata (name, title, description, version) of ``source``."""
    if isinstance(source, Corpus):
        return dict(source.metadata)
    return dict(load_descriptor(corpus_layout(source)))


def _brat(docs: Docs, out: Path, source: Source) -> Exported:
    from newsdata.export.brat import write_brat

    articles = write_brat(docs, out)
    return Exported("brat", articles, [*sorted(out.glob("*.ann")), out / "annotation.conf"])


def _spacy(docs: Docs, out: Path, source: Source) -> Exported:
    from newsdata.export.spacy_docs import write_docbin

    path = out / "corpus.spacy"
    articles, misaligned = write_docbin(docs, path)
    return Exported("spacy", articles, [path], [f"not a spaCy span: {m}" for m in misaligned])


def _croissant(docs: Docs, out: Path, source: Source) -> Exported:
    """A self-contained Croissant dataset: the articles, their table views, the data
    package descriptor and ``croissant.json``, all inside ``out`` (so it can be moved)."""
    from newsdata._io import WriteBatch, dump_json
    from newsdata.build import run_build
    from newsdata.layout import CorpusLayout

    metadata = _metadata(source)
    layout = CorpusLayout(out)
    if layout.articles_dir.is_dir() and any(layout.articles_dir.iterdir()):
        raise FileExistsError(
            f"{layout.articles_dir}: not empty; export the Croissant dataset to a new directory"
        )
    n = 0
    with WriteBatch(inside=out) as batch:
        for doc in docs:
            batch.add(layout.article_path(doc["id"]), dump_json(doc))
            n += 1
        kept = {k: v for k, v in metadata.items() if k not in ("resources", "newsdata")}
        batch.add(layout.descriptor, dump_json(kept))
    run_build(out, tables=True)
    files = [layout.croissant, layout.descriptor, *sorted(layout.tables_dir.iterdir())]
    return Exported("croissant", n, files)


FORMATS: dict[str, Format] = {
    f.name: f
    for f in (
        Format("jsonl", "one article per line (articles.jsonl)", _jsonl),
        Format("parquet", "one Parquet file per layer", _parquet),
        Format("conll", "GermEval 2014 TSV (corpus.tsv)", _conll),
        Format("brat", "brat standoff: .txt and .ann per article, annotation.conf", _brat),
        Format("spacy", "a spaCy DocBin (corpus.spacy)", _spacy),
        Format(
            "croissant",
            f"a self-contained Croissant dataset: {ARTICLES_DIR}/, {TABLES_DIR}/, "
            f"{DESCRIPTOR} and {CROISSANT}",
            _croissant,
        ),
    )
}
"""Every output format, by name."""


def export(fmt: str, output: str | Path, source: Source = None) -> Exported:
    """Write the corpus (``source``: a directory, a Corpus, or None for the shipped one).

    Every file is written to a temporary name and renamed into place.

    Examples
    --------
    >>> import tempfile, pathlib
    >>> out = pathlib.Path(tempfile.mkdtemp())
    >>> export("jsonl", out).files == [out / "articles.jsonl"]
    True
    """
    chosen = FORMATS.get(fmt)
    if chosen is None:
        raise ValueError(f"unknown format {fmt!r}; one of {', '.join(FORMATS)}")
    if not isinstance(source, Corpus):
        corpus_layout(source)  # a missing corpus is an error before anything is created
    out = Path(output)
    if out.exists() and not out.is_dir():
        raise FileExistsError(f"{out}: exists and is not a directory; name a directory")
    out.mkdir(parents=True, exist_ok=True)
    docs = with_progress(f"export {fmt}", source, iter_docs(source))
    return chosen.write(docs, out, source)
