"""`newsdata build`: write ``datapackage.json``, the CSV views and ``croissant.json``.

What each file should hold is computed by :mod:`newsdata.datapackage` (pure); this
module only writes it, each file through a temporary file renamed into place. With
``check`` it compares instead and writes nothing.
"""

from __future__ import annotations

import contextlib
import csv
import os
import tempfile
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import orjson

from newsdata._io import dump_json, sha256_digest, write_atomic
from newsdata.datapackage.croissant import croissant
from newsdata.datapackage.descriptor import describe, wants_tables
from newsdata.datapackage.tables import TABLES
from newsdata.layout import CorpusLayout, dataset_dir, is_repository_corpus

__all__ = ["Built", "build_descriptor", "run_build", "write_tables"]


@dataclass(frozen=True)
class Built:
    """What a build found: the files whose content differed (written, unless checking)."""

    root: Path
    stale: list[Path] = field(default_factory=list)
    checked: bool = False

    @property
    def fresh(self) -> bool:
        """True when every generated file already had exactly the content of this build."""
        return not self.stale


def _read_existing(layout: CorpusLayout) -> dict[str, Any]:
    file = layout.descriptor
    if not file.is_file():
        return {}
    loaded = orjson.loads(file.read_bytes())
    return loaded if isinstance(loaded, dict) else {}


def build_descriptor(
    root: Path,
    existing: dict[str, Any] | None = None,
    tables: dict[str, tuple[int, str]] | None = None,
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
        existing = _read_existing(layout)
    version = None
    if is_repository_corpus(root):
        from newsdata._version import version as package_version

        version = package_version()
    return describe(layout, existing, tables=tables, version=version)


def write_tables(
    root: Path, articles: Iterable[dict[str, Any]], *, check: bool = False
) -> tuple[dict[str, tuple[int, str]], list[Path]]:
    """Write every table from the articles (streamed); return sizes and hashes, and the
    table files whose content differed.

    Each table goes to a temporary file renamed into place, so nothing is half-written;
    with ``check`` nothing is written.
    """
    layout = CorpusLayout(root)
    directory = layout.tables_dir
    if not check:
        directory.mkdir(exist_ok=True)
    with contextlib.ExitStack() as stack:
        outputs = []
        for table in TABLES:
            fd, name = tempfile.mkstemp(
                prefix=f".{table.name}.", suffix=".tmp", dir=directory if not check else None
            )
            temporary = Path(name)
            stack.callback(temporary.unlink, missing_ok=True)
            stream = stack.enter_context(open(fd, "w", encoding="utf-8", newline=""))
            writer = csv.writer(stream, lineterminator="\n")
            writer.writerow([c.name for c in table.columns])
            outputs.append((table, temporary, stream, writer))
        for doc in articles:
            for table, _, _, writer in outputs:
                writer.writerows(table.rows(doc))
        files: dict[str, tuple[int, str]] = {}
        stale: list[Path] = []
        for table, temporary, stream, _ in outputs:
            stream.close()
            data = temporary.read_bytes()
            files[table.path] = (len(data), sha256_digest(data))
            target = root / table.path
            if not target.is_file() or target.read_bytes() != data:
                stale.append(target)
                if not check:
                    os.replace(temporary, target)
    return files, stale


def run_build(
    root: Path | None = None, *, check: bool = False, tables: bool | None = None
) -> Built:
    """Write (or with ``check``, compare) the descriptor, the tables and ``croissant.json``.

    ``tables`` turns the tabular views on or off; None keeps the corpus's current choice
    (on by default). The result lists the files that were not up to date.

    Examples
    --------
    >>> run_build(check=True).fresh
    True
    """
    layout = CorpusLayout(root or dataset_dir())
    existing = _read_existing(layout)
    files = None
    stale: list[Path] = []
    if tables if tables is not None else wants_tables(existing):
        docs = (orjson.loads(f.read_bytes()) for f in layout.article_files())
        files, stale = write_tables(layout.root, docs, check=check)
    descriptor = build_descriptor(layout.root, existing, tables=files)
    outputs = {layout.descriptor: dump_json(descriptor)}
    if files is not None:  # Croissant describes the records of the table views
        outputs[layout.croissant] = dump_json(croissant(descriptor))
    for path, data in outputs.items():
        current = path.read_bytes() if path.is_file() else None
        if current != data:
            stale.append(path)
            if not check:
                write_atomic(path, data)
    return Built(layout.root, stale, check)
