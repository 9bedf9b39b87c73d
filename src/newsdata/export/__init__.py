"""Exports: the corpus in the formats other tools read, streamed one article at a time.

One registry, :data:`FORMATS`, maps each format's name to a writer with one signature,
``write(docs, out, source) -> Exported``; :func:`export` picks the writer by name, so a
new format is one function and one registry entry. Each writer imports its library when
it runs. Optional libraries sit behind extras: ``newsdata[pandas]``,
``newsdata[parquet]``, ``newsdata[hf]``, ``newsdata[spacy]``, ``newsdata[croissant]``
(for validating the Croissant file), ``newsdata[all]``.
"""

from __future__ import annotations

import os
import re
import shutil
import stat
import tempfile
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from newsdata._io import TEMP_SUFFIX, current_umask
from newsdata.datapackage.descriptor import PackageInfo
from newsdata.export._leftovers import held, remove_orphans
from newsdata.export._optional import MissingDependency
from newsdata.export._source import ArticleSource, iter_docs, with_progress
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
    """An output format: its name, what it writes, its writer, and the folders inside the
    output that must be empty (or absent) before it writes."""

    name: str
    description: str
    write: Callable[[Docs, Path, ArticleSource], Exported]
    empty: tuple[str, ...] = ()


def _jsonl(docs: Docs, out: Path, source: ArticleSource) -> Exported:
    from newsdata.export.files import write_jsonl

    path = out / "articles.jsonl"
    return Exported("jsonl", write_jsonl(docs, path), [path])


def _conll(docs: Docs, out: Path, source: ArticleSource) -> Exported:
    from newsdata.export.files import write_conll

    path = out / "corpus.tsv"
    return Exported("conll", write_conll(docs, path), [path])


def _parquet(docs: Docs, out: Path, source: ArticleSource) -> Exported:
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
    descriptor = replace(_descriptor(source), counts=tally.result())
    files = {layer: f"{layer}.parquet" for layer in LAYER_NAMES}
    text = card(descriptor, files)
    write_atomic(out / CARD, text.encode("utf-8"))
    return Exported("parquet", articles, [*(out / f for f in files.values()), out / CARD])


def _descriptor(source: ArticleSource) -> PackageInfo:
    """The descriptor of ``source``: its own properties (name, title, version ...)."""
    if isinstance(source, Corpus):
        return PackageInfo.from_json(source.descriptor)
    return PackageInfo.from_json(load_descriptor(corpus_layout(source)))


def _brat(docs: Docs, out: Path, source: ArticleSource) -> Exported:
    from newsdata.export.brat import write_brat

    articles = write_brat(docs, out)
    return Exported("brat", articles, [*sorted(out.glob("*.ann")), out / "annotation.conf"])


def _spacy(docs: Docs, out: Path, source: ArticleSource) -> Exported:
    from newsdata.export.spacy_docs import write_docbin

    path = out / "corpus.spacy"
    articles, misaligned = write_docbin(docs, path)
    return Exported("spacy", articles, [path], [f"not a spaCy span: {m}" for m in misaligned])


def _croissant(docs: Docs, out: Path, source: ArticleSource) -> Exported:
    """A self-contained Croissant dataset: the articles, their table views, the data
    package descriptor and ``croissant.json``, all inside ``out`` (so it can be moved)."""
    from newsdata._io import WriteBatch, dump_json
    from newsdata.build import run_build
    from newsdata.layout import CorpusLayout

    descriptor = PackageInfo(_descriptor(source).properties)  # build computes the rest
    layout = CorpusLayout(out)
    n = 0
    with WriteBatch(inside=out) as batch:
        for doc in docs:
            batch.add(layout.article_path(doc["id"]), dump_json(doc))
            n += 1
        batch.add(layout.descriptor, descriptor.to_json())
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
            empty=(ARTICLES_DIR,),  # articles already there would join the dataset
        ),
    )
}
"""Every output format, by name."""


def export(fmt: str, output: str | os.PathLike[str], source: ArticleSource = None) -> Exported:
    """Write the corpus (``source``: a directory, a Corpus, or None for the shipped one).

    ``output`` is a directory, relative (``..`` included) or absolute, as ``str`` or
    path-like; it is created when missing. Everything is written into a temporary folder
    beside it and moved into place once complete: a failed export leaves ``output`` as it
    was (absent, or with its earlier files) and no temporary folder behind; the folder of
    an export that was killed is removed by the next export to the same ``output``.

    Raises
    ------
    ValueError
        When ``fmt`` is not one of :data:`FORMATS`.
    FileExistsError
        When ``output`` is a file, or holds a folder the format needs empty.
    OSError
        When reading the corpus or writing fails; ``output`` is unchanged.

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
    asked = Path(output)
    # `..` and links resolved once: every name compared later (temporary files) is resolved
    out = asked.resolve()
    if out.exists() and not out.is_dir():
        raise FileExistsError(f"{asked}: exists and is not a directory; name a directory")
    for name in chosen.empty:
        if (out / name).is_dir() and any((out / name).iterdir()):
            raise FileExistsError(f"{asked / name}: not empty; export to a new directory")
    made = _missing_ancestor(out.parent)
    out.parent.mkdir(parents=True, exist_ok=True)
    # a killed export's folder goes; a live one's is locked, and stays
    orphan = rf"\.{re.escape(out.name)}\.[a-z0-9_]+{re.escape(TEMP_SUFFIX)}"
    remove_orphans(out.parent, re.compile(orphan))
    staging = Path(tempfile.mkdtemp(prefix=f".{out.name}.", suffix=TEMP_SUFFIX, dir=out.parent))
    try:
        with held(staging):
            os.chmod(staging, 0o777 & ~current_umask())  # the mode mkdir gives `out`, not mkdtemp's
            docs = with_progress(f"export {fmt}", source, iter_docs(source))
            result = chosen.write(docs, staging, source)
            _publish(staging, out)
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        if made is not None:
            shutil.rmtree(made, ignore_errors=True)
        raise
    shutil.rmtree(staging, ignore_errors=True)  # only emptied folders are left in it
    result.files = [asked / f.relative_to(staging) for f in result.files]
    return result


def _missing_ancestor(directory: Path) -> Path | None:
    """The outermost folder of ``directory`` that does not exist yet (None: all exist)."""
    missing = None
    while not directory.exists() and directory != directory.parent:
        missing, directory = directory, directory.parent
    return missing


def _publish(staging: Path, out: Path) -> None:
    """Move what ``staging`` holds into ``out``: one rename when ``out`` is absent or
    empty, else file by file after checking that every target may be replaced."""
    from newsdata._io import target_mode

    try:
        os.rename(staging, out)  # absent or an empty folder: replaced in one step
        return
    except OSError:
        if not out.is_dir():
            raise
    moves: list[tuple[Path, Path]] = []
    folders = [staging]
    while folders:
        folder = folders.pop()
        for item in sorted(folder.iterdir()):
            target = out / item.relative_to(staging)
            if item.is_dir() and not item.is_symlink():
                info = target.lstat() if os.path.lexists(target) else None
                if info is not None and not stat.S_ISDIR(info.st_mode):
                    raise FileExistsError(f"{target}: exists and is not a directory")
                target.mkdir(exist_ok=True)
                folders.append(item)
            else:
                target_mode(target)  # no link written through, no read-only file replaced
                moves.append((item, target))
    for item, target in moves:
        os.replace(item, target)
