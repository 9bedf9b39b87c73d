"""`newsdata build`: regenerate ``datapackage.json`` from ``articles/``.

The descriptor's own metadata (name, title, description, licences, version) is
kept; the resources (path, size, sha256 of every article) and the counts are
recomputed. The output depends only on the files, so a second run writes the
same bytes.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import orjson

from newsdata._io import dump_json, sha256_digest, write_atomic
from newsdata._paths import dataset_dir, repository_root
from newsdata._version import version
from newsdata.export.croissant import croissant
from newsdata.loader import ARTICLES, DESCRIPTOR, article_files, iter_articles
from newsdata.stats import count
from newsdata.tables import table_resources, write_tables

__all__ = ["CROISSANT", "build_descriptor", "is_repository_corpus", "run_build"]

CROISSANT = "croissant.json"


def is_repository_corpus(root: Path) -> bool:
    """True when ``root`` is this repository's own ``dataset/`` (whose version is the package's)."""
    repo = repository_root()
    return repo is not None and root.resolve() == (repo / "dataset").resolve()


def _resource(file: Path, known: dict[str, tuple[int, str]] | None = None) -> dict[str, Any]:
    rel = f"{ARTICLES}/{file.name}"
    if known is not None and rel in known:
        size, digest = known[rel]
    else:
        data = file.read_bytes()
        size, digest = len(data), sha256_digest(data)
    return {
        "name": file.stem,
        "path": rel,
        "profile": "data-resource",
        "format": "json",
        "mediatype": "application/json",
        "encoding": "utf-8",
        "bytes": size,
        "hash": digest,
    }


def build_descriptor(
    root: Path,
    existing: dict[str, Any] | None = None,
    counts: dict[str, Any] | None = None,
    hashed: dict[str, tuple[int, str]] | None = None,
    tables: dict[str, tuple[int, str]] | None = None,
) -> dict[str, Any]:
    """Return the descriptor ``newsdata build`` would write for the corpus at ``root``.

    ``counts`` (the articles' counts) and ``hashed`` (size and sha256 per path) may
    be passed when the caller has already computed them; ``tables`` (size and sha256
    of each table file) adds the tabular views as resources.

    Examples
    --------
    >>> from newsdata._paths import dataset_dir
    >>> descriptor = build_descriptor(dataset_dir())
    >>> descriptor["resources"][0]["hash"].startswith("sha256:")
    True
    """
    if existing is None:
        file = root / DESCRIPTOR
        existing = json.loads(file.read_text(encoding="utf-8")) if file.is_file() else {}
    descriptor: dict[str, Any] = {"profile": "data-package"}
    descriptor.update({k: v for k, v in existing.items() if k not in ("resources", "newsdata")})
    descriptor.setdefault("name", _slug(root.resolve().name))
    descriptor.setdefault("version", "0.1.0")
    if is_repository_corpus(root):
        descriptor["version"] = version()
    descriptor["resources"] = [_resource(f, hashed) for f in article_files(root)]
    if tables is not None:
        descriptor["resources"] += table_resources(tables)
    if counts is None:
        counts = count(iter_articles(root))
    descriptor["newsdata"] = {
        "format": "newsdata-article/1",
        "tables": tables is not None,
        "counts": counts,
    }
    return descriptor


def _slug(name: str) -> str:
    cleaned = "".join(c if c.isalnum() else "-" for c in name.lower()).strip("-")
    return cleaned or "corpus"


def wants_tables(existing: dict[str, Any]) -> bool:
    """Whether a corpus keeps the tabular views (the default; a descriptor may turn it off)."""
    settings = existing.get("newsdata")
    return not (isinstance(settings, dict) and settings.get("tables") is False)


def run_build(root: Path | None = None, *, check: bool = False, tables: bool | None = None) -> bool:
    """Write (or with ``check``, compare) the descriptor and the tables.

    Returns True when everything was already up to date. ``tables`` turns the tabular
    views on or off; None keeps the corpus's current choice (on by default).
    """
    root = root or dataset_dir()
    target = root / DESCRIPTOR
    existing = json.loads(target.read_text(encoding="utf-8")) if target.is_file() else {}
    files = None
    fresh = True
    if tables if tables is not None else wants_tables(existing):
        docs = (orjson.loads(f.read_bytes()) for f in article_files(root))
        files, fresh = write_tables(root, docs, check=check)
    descriptor = build_descriptor(root, existing, tables=files)
    outputs = {target: dump_json(descriptor)}
    if files is not None:  # Croissant describes the records of the table views
        outputs[root / CROISSANT] = dump_json(croissant(descriptor))
    for path, data in outputs.items():
        current = path.read_bytes() if path.is_file() else None
        if current != data:
            fresh = False
            if not check:
                write_atomic(path, data)
    return fresh
