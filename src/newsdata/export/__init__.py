"""Exports: the corpus in the formats other tools read, streamed one article at a time.

One registry, :data:`FORMATS`, maps each format's name to a writer with one signature,
``write(docs, out, source) -> Exported``; :func:`export` picks the writer by name, so a
new format is one function and one registry entry. Each writer imports its library when
it runs. Optional libraries sit behind extras: ``newsdata[pandas]``,
``newsdata[parquet]``, ``newsdata[hf]``, ``newsdata[spacy]``, ``newsdata[croissant]``
(for validating the Croissant file), ``newsdata[all]``.
"""

from __future__ import annotations

import json
import os
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from newsdata._io import write_atomic
from newsdata.export._optional import MissingDependency
from newsdata.export._source import Source, iter_docs, with_progress
from newsdata.layout import CROISSANT, dataset_dir

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
    from newsdata.export.frames import LAYER_NAMES
    from newsdata.export.parquet import write_parquet

    articles = write_parquet(docs, out)
    return Exported("parquet", articles, [out / f"{layer}.parquet" for layer in LAYER_NAMES])


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
    from newsdata.datapackage.croissant import croissant
    from newsdata.loader import Corpus, load

    corpus = source if isinstance(source, Corpus) else load(source)
    root = corpus.root or dataset_dir()
    meta = croissant(dict(corpus.metadata))
    for item in meta["distribution"]:
        if "contentUrl" in item:  # relative to where the Croissant file is written
            item["contentUrl"] = os.path.relpath(root / item["contentUrl"], out)
        if "includes" in item:
            item["includes"] = os.path.relpath(root / item["includes"], out)
    path = out / CROISSANT
    write_atomic(path, (json.dumps(meta, ensure_ascii=False, indent=2) + "\n").encode("utf-8"))
    return Exported("croissant", len(corpus), [path])


FORMATS: dict[str, Format] = {
    f.name: f
    for f in (
        Format("jsonl", "one article per line (articles.jsonl)", _jsonl),
        Format("parquet", "one Parquet file per layer", _parquet),
        Format("conll", "GermEval 2014 TSV (corpus.tsv)", _conll),
        Format("brat", "brat standoff: .txt and .ann per article, annotation.conf", _brat),
        Format("spacy", "a spaCy DocBin (corpus.spacy)", _spacy),
        Format("croissant", "Croissant metadata of the table views (croissant.json)", _croissant),
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
    out = Path(output)
    out.mkdir(parents=True, exist_ok=True)
    docs = with_progress(f"export {fmt}", source, iter_docs(source))
    return chosen.write(docs, out, source)
