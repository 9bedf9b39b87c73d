"""Exports: the corpus in the formats other tools read, streamed one article at a time.

Optional libraries sit behind extras: ``newsdata[pandas]``, ``newsdata[parquet]``,
``newsdata[hf]``, ``newsdata[spacy]``, ``newsdata[croissant]`` (for validating the
Croissant file), ``newsdata[all]``.
"""

from __future__ import annotations

import json
import os
from dataclasses import dataclass, field
from pathlib import Path

from newsdata._io import write_atomic
from newsdata.export._optional import MissingDependency
from newsdata.export._source import Source, iter_docs, with_progress
from newsdata.layout import dataset_dir

__all__ = ["FORMATS", "Exported", "MissingDependency", "export"]

FORMATS = ("jsonl", "parquet", "conll", "brat", "spacy", "croissant")


@dataclass
class Exported:
    """What an export wrote."""

    format: str
    articles: int
    files: list[Path] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)


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
    if fmt not in FORMATS:
        raise ValueError(f"unknown format {fmt!r}; one of {', '.join(FORMATS)}")
    out = Path(output)
    out.mkdir(parents=True, exist_ok=True)
    docs = with_progress(f"export {fmt}", source, iter_docs(source))
    result = Exported(fmt, 0)
    if fmt == "jsonl":
        from newsdata.export.files import write_jsonl

        result.articles = write_jsonl(docs, out / "articles.jsonl")
        result.files = [out / "articles.jsonl"]
    elif fmt == "conll":
        from newsdata.export.files import write_conll

        result.articles = write_conll(docs, out / "corpus.tsv")
        result.files = [out / "corpus.tsv"]
    elif fmt == "parquet":
        from newsdata.export.frames import LAYER_NAMES
        from newsdata.export.parquet import write_parquet

        result.articles = write_parquet(docs, out)
        result.files = [out / f"{layer}.parquet" for layer in LAYER_NAMES]
    elif fmt == "brat":
        from newsdata.export.brat import write_brat

        result.articles = write_brat(docs, out)
        result.files = [*sorted(out.glob("*.ann")), out / "annotation.conf"]
    elif fmt == "spacy":
        from newsdata.export.spacy_docs import write_docbin

        result.articles, misaligned = write_docbin(docs, out / "corpus.spacy")
        result.files = [out / "corpus.spacy"]
        result.notes = [f"not a spaCy span: {m}" for m in misaligned]
    else:
        result.articles, path = _croissant(source, out)
        result.files = [path]
    return result


def _croissant(source: Source, out: Path) -> tuple[int, Path]:
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
    path = out / "croissant.json"
    write_atomic(path, (json.dumps(meta, ensure_ascii=False, indent=2) + "\n").encode("utf-8"))
    return len(corpus), path
