"""`newsdata build`: write ``datapackage.json``, the CSV views and ``croissant.json``.

What each file should hold is computed by :mod:`newsdata.datapackage` (pure); this
module only writes it. Each article is read once and checked by the validator's
file, schema and semantic levels (the corpus's exemptions applied), so the tables, the
counts and the recorded hashes describe the same bytes even if a file changes during the
build, and nothing is written from an article ``newsdata validate`` rejects. The files
are written all or nothing (:class:`newsdata._io.WriteBatch`), never through a symbolic
link nor outside the corpus. With ``check`` it compares and writes nothing.
"""

from __future__ import annotations

import contextlib
import csv
import os
import tempfile
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from newsdata._io import (
    UnsafeWrite,
    WriteBatch,
    sha256_digest,
    sha256_file_digest,
    target_mode,
    temporaries_of,
)
from newsdata.datapackage.descriptor import Hashes, PackageInfo, describe, slug
from newsdata.datapackage.integrity import generated_files, leftovers
from newsdata.datapackage.tables import TABLES
from newsdata.layout import ARTICLES_DIR, CorpusLayout, dataset_dir, is_repository_corpus
from newsdata.loader import CorpusError, iter_articles, load_descriptor
from newsdata.reading import ArticleTooLarge, read_article_file
from newsdata.stats import Tally, count
from newsdata.validate.article import check_article, check_file_name
from newsdata.validate.corpus import stray_problems
from newsdata.validate.exemptions import Exemptions
from newsdata.validate.filelevel import parse_bytes, too_large
from newsdata.validate.report import Problem

__all__ = ["BuildRefused", "Built", "build_descriptor", "package_info", "run_build"]


class BuildRefused(CorpusError):
    """Articles that ``newsdata validate`` rejects: nothing was written.

    ``problems`` are the validator's errors, located as ``newsdata validate`` locates them.
    """

    def __init__(self, problems: list[Problem]) -> None:
        files = len({p.file for p in problems})
        super().__init__(
            f"{len(problems)} error(s) in {files} article file(s); nothing written: "
            + "; ".join(p.as_text() for p in problems[:3])
            + ("; …" if len(problems) > 3 else "")
        )
        self.problems = problems


@dataclass(frozen=True)
class Built:
    """What a build found: the files whose content differed (written, unless checking),
    and the files left from a build with table views (removed, unless checking)."""

    root: Path
    stale: list[Path] = field(default_factory=list)
    removed: list[Path] = field(default_factory=list)

    @property
    def fresh(self) -> bool:
        """True when every generated file already had exactly the content of this build."""
        return not self.stale and not self.removed


def package_info(
    root: Path,
    descriptor: PackageInfo | None = None,
    tables: Hashes | None = None,
    *,
    counts: Mapping[str, Any] | None = None,
    hashed: Hashes | None = None,
    listed: list[Path] | None = None,
) -> PackageInfo:
    """The descriptor ``newsdata build`` writes for the corpus at ``root``.

    What is not given is read: the current descriptor, the article files, their sizes
    and digests (``hashed``, per corpus-relative path), their counts. The repository's
    own ``dataset/`` records the package version; any other corpus keeps its own.

    Examples
    --------
    >>> from newsdata.layout import dataset_dir
    >>> package_info(dataset_dir()).get("profile")
    'data-package'
    """
    layout = CorpusLayout(root)
    if descriptor is None:
        descriptor = PackageInfo.from_json(load_descriptor(layout))
    files = layout.article_files() if listed is None else listed
    known = hashed or {}
    articles = {}
    for file in files:
        rel = layout.relative(file)
        articles[rel] = known[rel] if rel in known else _article_digest(file)
    if counts is None:
        counts = count(iter_articles(layout.root))
    version = None
    if is_repository_corpus(root):
        from newsdata._version import version as package_version

        version = package_version()
    name = slug(layout.root.resolve().name)
    return describe(
        descriptor, articles=articles, counts=counts, tables=tables, name=name, version=version
    )


def build_descriptor(
    root: Path,
    descriptor: Mapping[str, Any] | None = None,
    tables: Hashes | None = None,
) -> dict[str, Any]:
    """:func:`package_info` as the JSON object ``datapackage.json`` holds.

    Examples
    --------
    >>> from newsdata.layout import dataset_dir
    >>> build_descriptor(dataset_dir())["profile"]
    'data-package'
    """
    info = None if descriptor is None else PackageInfo.from_json(descriptor)
    return package_info(root, info, tables).to_dict()


def _article_digest(file: Path) -> tuple[int, str]:
    """Size and digest of an article file, read by the one reader (never through a link)."""
    data = read_article_file(file)
    return len(data), sha256_digest(data)


def _file_digest(path: Path) -> tuple[int, str]:
    """Size and digest of a file, by the one hash helper (``newsdata._io``)."""
    fd = os.open(path, os.O_RDONLY)
    try:
        return os.fstat(fd).st_size, sha256_file_digest(fd)
    finally:
        os.close(fd)


def _clean_leftovers(layout: CorpusLayout, keep: set[Path]) -> None:
    """Remove the temporary files of a build that was killed half-way (not ``keep``'s)."""
    # by name: the directory is the same, and a path given with `..` spells it otherwise
    kept = {p.name for p in keep}
    targets = [layout.descriptor, layout.croissant, layout.card]
    if layout.tables_dir.is_dir() and not layout.tables_dir.is_symlink():
        targets += [layout.table_path(t.name) for t in TABLES]
    for target in targets:
        for leftover in temporaries_of(target):
            if leftover.name not in kept and not leftover.is_symlink() and leftover.is_file():
                leftover.unlink()


def _checked(name: str, file: Path, data: bytes) -> tuple[dict[str, Any], list[Problem]]:
    """The article's JSON object and the validator's problems with it (every article
    level, and whether its id is its file name), the file named ``name``."""
    parsed = parse_bytes(name, data)
    problems = check_article(parsed) + check_file_name(parsed, file.name)
    doc = parsed.value
    # a document the file or schema level rejects is never built (no exemption covers it)
    readable = isinstance(doc, dict) and not any(p.level in ("file", "schema") for p in problems)
    return (doc if readable else {}), problems


def _uncovered(exemptions: Exemptions, problems: list[Problem]) -> list[Problem]:
    """The errors among ``problems`` that no exemption covers (whether an exemption is
    still used is the validator's question: it sees every level)."""
    return [p for p in problems if p.severity == "error" and exemptions.match(p) is None]


def run_build(
    root: str | os.PathLike[str] | None = None,
    *,
    check: bool = False,
    tables: bool | None = None,
) -> Built:
    """Write (or with ``check``, compare) the descriptor, the tables, ``croissant.json``
    and the card.

    ``tables`` turns the tabular views on or off; None keeps the corpus's current choice
    (on by default). Without them, the views, ``croissant.json`` and a generated card
    left from an earlier build are removed. The result lists the files that were not up
    to date.

    Raises
    ------
    BuildRefused
        When ``newsdata validate`` would report an error in an article (every article
        level, ids against file names, the corpus's exemptions applied); nothing is
        written then.
    CorpusError
        When the directory is not a corpus, or the descriptor is not a JSON object; or
        when another build (or anything else) removed a file this one made or read.
    UnsafeWrite
        When a file to write is a symbolic link, read-only, or outside the corpus
        (``tables/`` linked elsewhere, for example); nothing is written then.

    Examples
    --------
    >>> run_build(check=True).fresh
    True
    """
    layout = CorpusLayout(Path(root) if root is not None else dataset_dir())
    problem = layout.articles_problem()
    if problem is not None:
        raise CorpusError(problem)
    descriptor = PackageInfo.from_json(load_descriptor(layout))
    with_tables = tables if tables is not None else descriptor.tables
    if with_tables and layout.tables_dir.exists() and not layout.tables_dir.is_dir():
        raise UnsafeWrite(f"{layout.tables_dir}: not a directory; move it away to build the views")
    if with_tables and layout.tables_dir.is_symlink():  # neither read nor written through
        raise UnsafeWrite(f"{layout.tables_dir}: a symbolic link; nothing written through it")
    try:
        with contextlib.ExitStack() as stack:
            # the new files are written beside their targets, renamed into place all
            # together at the end; a check writes its tables to a scratch folder instead
            batch = stack.enter_context(WriteBatch(inside=layout.root))
            scratch = Path(stack.enter_context(tempfile.TemporaryDirectory())) if check else None
            temporaries = {
                layout.table_path(t.name): (
                    batch.reserve(layout.table_path(t.name))
                    if scratch is None
                    else scratch / f"{t.name}.csv"
                )
                for t in (TABLES if with_tables else ())
            }
            files, hashed, counts = _read_articles(layout, temporaries)
            table_hashes = None
            if with_tables:
                table_hashes = {
                    layout.relative(target): _file_digest(temp)
                    for target, temp in temporaries.items()
                }
            built = package_info(
                layout.root, descriptor, table_hashes, counts=counts, hashed=hashed, listed=files
            )
            # croissant.json and the card, with the table views; the descriptor last: it
            # vouches for the others
            outputs = generated_files(layout, built)
            outputs[layout.descriptor] = built.to_json()
            stale = [
                target
                for target, temp in temporaries.items()
                if not target.is_file() or _file_digest(target) != _file_digest(temp)
            ]
            stale += [p for p, data in outputs.items() if not p.is_file() or p.read_bytes() != data]
            # without the table views, what a build with them wrote goes; refused (a
            # read-only file, a folder linked outside) before anything is written
            removed = [] if with_tables else leftovers(layout)
            if check:
                return Built(layout.root, stale, removed)
            for file in removed:
                if not file.is_symlink():  # a link is removed itself, never followed
                    target_mode(file, layout.root)
            # an interrupted build's leftovers go, whether or not this one writes
            _clean_leftovers(layout, keep=batch.temporaries())
            for target in temporaries:
                if target not in stale:
                    batch.drop(target)
            for target in stale:
                if target in outputs:
                    batch.add(target, outputs[target])
        _remove(layout, removed)
    except FileNotFoundError as exc:  # a file this build made or listed was removed under it
        raise CorpusError(
            f"{layout.root}: another `newsdata build` is running on this corpus or changed "
            f"its files ({exc.filename or 'a file'} vanished); build again when it is done"
        ) from None
    return Built(layout.root, stale, removed)


def _read_articles(
    layout: CorpusLayout, tables: dict[Path, Path]
) -> tuple[list[Path], dict[str, tuple[int, str]], dict[str, Any]]:
    """Read and check every article once, streaming its rows to the ``tables`` files
    (target -> the file that receives its rows); return the article files, their sizes
    and digests, and their counts.

    Rows are streamed (memory stays flat whatever the corpus size); each article is read
    once, so its hash, counts and rows are all of the same bytes, checked against the
    contract first.

    Raises
    ------
    BuildRefused
        When an article has an error no exemption covers.
    """
    with contextlib.ExitStack() as streams:
        writers = []
        for table in TABLES if tables else ():
            stream = streams.enter_context(
                tables[layout.table_path(table.name)].open("w", encoding="utf-8", newline="")
            )
            writer = csv.writer(stream, lineterminator="\n")
            writer.writerow([c.name for c in table.columns])
            writers.append((table, writer))
        listing = layout.scan()  # once: the articles, and what else is there
        files = [layout.articles_dir / name for name in listing.articles]
        hashed: dict[str, tuple[int, str]] = {}
        tally = Tally()
        display = str(layout.root)
        exemptions = Exemptions.read(layout.root, display)
        strays = stray_problems(listing, display)
        problems = _uncovered(exemptions, exemptions.problems + strays)
        for file in files:
            name = f"{display}/{ARTICLES_DIR}/{file.name}"
            try:
                data = read_article_file(file)
            except ArticleTooLarge as exc:  # not read whole: the validator's line
                problems.append(too_large(name, exc.size))
                continue
            doc, found = _checked(name, file, data)
            unreadable = [p for p in found if p.severity == "error"]
            errors = unreadable if not doc else _uncovered(exemptions, found)
            if errors:
                problems += errors
                continue
            if problems:  # nothing will be written: only look for more problems
                continue
            hashed[layout.relative(file)] = (len(data), sha256_digest(data))
            tally.add(doc)
            for table, writer in writers:
                writer.writerows(table.rows(doc))
    if problems:
        raise BuildRefused(problems)
    return files, hashed, tally.result()


def _remove(layout: CorpusLayout, files: list[Path]) -> None:
    """Remove files left from a build with table views (a link is removed, never followed)."""
    for file in files:
        file.unlink(missing_ok=True)
    with contextlib.suppress(OSError):  # kept when it holds anything else
        if layout.tables_dir.is_dir() and not layout.tables_dir.is_symlink():
            layout.tables_dir.rmdir()
