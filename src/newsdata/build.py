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
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from newsdata._io import (
    TEMP_SUFFIX,
    UnsafeWrite,
    WriteBatch,
    check_target,
    dump_json,
    sha256_digest,
    sha256_file_digest,
    temporary_beside,
)
from newsdata.datapackage.descriptor import describe, wants_tables
from newsdata.datapackage.integrity import generated_files, leftovers
from newsdata.datapackage.tables import TABLES
from newsdata.layout import ARTICLES_DIR, CorpusLayout, dataset_dir, is_repository_corpus
from newsdata.loader import CorpusError, load_descriptor, read_article_file
from newsdata.stats import Tally
from newsdata.validate.article import check_article, check_file_name
from newsdata.validate.corpus import stray_problems
from newsdata.validate.exemptions import Exemptions
from newsdata.validate.filelevel import parse_bytes
from newsdata.validate.report import Problem

__all__ = ["BuildRefused", "Built", "build_descriptor", "run_build"]


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
    checked: bool = False
    removed: list[Path] = field(default_factory=list)

    @property
    def fresh(self) -> bool:
        """True when every generated file already had exactly the content of this build."""
        return not self.stale and not self.removed


def build_descriptor(
    root: Path,
    existing: dict[str, Any] | None = None,
    tables: dict[str, tuple[int, str]] | None = None,
    *,
    counts: dict[str, Any] | None = None,
    hashed: dict[str, tuple[int, str]] | None = None,
    listed: list[Path] | None = None,
) -> dict[str, Any]:
    """The descriptor ``newsdata build`` writes for the corpus at ``root``.

    The repository's own ``dataset/`` records the package version; any other corpus
    keeps its own.

    Examples
    --------
    >>> from newsdata.layout import dataset_dir
    >>> build_descriptor(dataset_dir())["profile"]
    'data-package'
    """
    layout = CorpusLayout(root)
    if existing is None:
        existing = load_descriptor(layout)
    version = None
    if is_repository_corpus(root):
        from newsdata._version import version as package_version

        version = package_version()
    return describe(
        layout,
        existing,
        counts=counts,
        hashed=hashed,
        tables=tables,
        version=version,
        listed=listed,
    )


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
    names = [layout.descriptor.name, layout.croissant.name, layout.card.name]
    for directory, prefixes in (
        (layout.root, names),
        (layout.tables_dir, [f"{t.name}.csv" for t in TABLES]),
    ):
        if not directory.is_dir() or directory.is_symlink():
            continue
        for prefix in prefixes:
            for leftover in directory.glob(f".{prefix}.*{TEMP_SUFFIX}"):
                if leftover.name in kept or leftover.is_symlink():
                    continue
                if leftover.is_file():
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
    if not layout.articles_dir.is_dir() or layout.articles_dir.is_symlink():
        raise CorpusError(
            f"{layout.root}: no {ARTICLES_DIR}/ directory; not a corpus "
            "(`newsdata init DIR` makes a new one)"
        )
    existing = load_descriptor(layout)
    with_tables = tables if tables is not None else wants_tables(existing)
    if with_tables and layout.tables_dir.exists() and not layout.tables_dir.is_dir():
        raise UnsafeWrite(f"{layout.tables_dir}: not a directory; move it away to build the views")
    if with_tables and layout.tables_dir.is_symlink():  # neither read nor written through
        raise UnsafeWrite(f"{layout.tables_dir}: a symbolic link; nothing written through it")
    temporaries: dict[Path, Path] = {}  # table file -> the temporary file with its new content
    try:
        with contextlib.ExitStack() as streams:
            # Rows are streamed to temporary files (memory stays flat whatever the corpus
            # size); each article is read once, so its hash, counts and rows are all of
            # the same bytes, checked against the contract first.
            writers = {}
            for table in TABLES if with_tables else ():
                target = layout.root / table.path
                if check:
                    fd, name = tempfile.mkstemp(suffix=TEMP_SUFFIX)
                    os.close(fd)
                    temporaries[target] = Path(name)
                else:
                    temporaries[target] = temporary_beside(target, inside=layout.root)
                stream = streams.enter_context(
                    temporaries[target].open("w", encoding="utf-8", newline="")
                )
                writers[table.path] = csv.writer(stream, lineterminator="\n")
                writers[table.path].writerow([c.name for c in table.columns])
            listing = layout.scan()  # once: the articles, and what else is there
            files = [layout.articles_dir / name for name in listing.articles]
            hashed: dict[str, tuple[int, str]] = {}
            tally = Tally()
            display = str(layout.root)
            exemptions = Exemptions.read(layout.root, display)
            strays = stray_problems(listing, display)
            problems = _uncovered(exemptions, exemptions.problems + strays)
            for file in files:
                data = read_article_file(file)
                doc, found = _checked(f"{display}/{ARTICLES_DIR}/{file.name}", file, data)
                unreadable = [p for p in found if p.severity == "error"]
                errors = unreadable if not doc else _uncovered(exemptions, found)
                if errors:
                    problems += errors
                    continue
                if problems:  # nothing will be written: only look for more problems
                    continue
                hashed[layout.relative(file)] = (len(data), sha256_digest(data))
                tally.add(doc)
                for table in TABLES if with_tables else ():
                    writers[table.path].writerows(table.rows(doc))
            if problems:
                raise BuildRefused(problems)
        table_hashes = None
        if with_tables:
            table_hashes = {
                layout.relative(target): _file_digest(temp) for target, temp in temporaries.items()
            }
        descriptor = build_descriptor(
            layout.root, existing, table_hashes, counts=tally.result(), hashed=hashed, listed=files
        )
        # croissant.json and the card, with the table views; the descriptor last: it
        # vouches for the others
        outputs = generated_files(layout, descriptor)
        outputs[layout.descriptor] = dump_json(descriptor)
        stale = [
            target
            for target, temp in temporaries.items()
            if not target.is_file() or _file_digest(target) != _file_digest(temp)
        ]
        stale += [p for p, data in outputs.items() if not p.is_file() or p.read_bytes() != data]
        # without the table views, what a build with them wrote goes; refused (a
        # read-only file, a folder linked outside) before anything is written
        removed = [] if with_tables else leftovers(layout)
        for file in removed if not check else ():
            if not file.is_symlink():  # a link is removed itself, never followed
                check_target(file, layout.root)
        if not check:  # an interrupted build's leftovers go, whether or not this one writes
            _clean_leftovers(layout, keep=set(temporaries.values()))
        if not check and stale:
            with WriteBatch(inside=layout.root) as batch:
                for target in stale:
                    if target in temporaries:
                        batch.add_file(target, temporaries.pop(target))
                    else:
                        batch.add(target, outputs[target])
        if not check:
            _remove(layout, removed)
    except FileNotFoundError as exc:  # a file this build made or listed was removed under it
        raise CorpusError(
            f"{layout.root}: another `newsdata build` is running on this corpus or changed "
            f"its files ({exc.filename or 'a file'} vanished); build again when it is done"
        ) from None
    finally:
        for temp in temporaries.values():
            temp.unlink(missing_ok=True)
    return Built(layout.root, stale, check, removed)


def _remove(layout: CorpusLayout, files: list[Path]) -> None:
    """Remove files left from a build with table views (a link is removed, never followed)."""
    for file in files:
        file.unlink(missing_ok=True)
    with contextlib.suppress(OSError):  # kept when it holds anything else
        if layout.tables_dir.is_dir() and not layout.tables_dir.is_symlink():
            layout.tables_dir.rmdir()
