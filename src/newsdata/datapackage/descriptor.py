"""The ``datapackage.json`` that ``newsdata build`` writes for a corpus, computed without writing.

The descriptor's own metadata (name, title, description, licences, version) is kept
from the existing file; the resources (path, size and sha256 of every article and
table) and the counts are recomputed. The result depends only on the files, so a
second build writes the same bytes.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

from newsdata._io import sha256_digest
from newsdata.datapackage.tables import table_resources
from newsdata.layout import ARTICLES_DIR, CorpusLayout, article_id
from newsdata.stats import count

__all__ = ["FORMAT", "describe", "is_article_resource", "wants_tables"]

FORMAT = "newsdata-article/1"
"""The article format and its major version, recorded as ``newsdata.format``."""

Hashes = Mapping[str, tuple[int, str]]
"""Size and ``sha256:<hex>`` digest per resource path."""


def wants_tables(existing: Mapping[str, Any]) -> bool:
    """Whether a corpus keeps the tabular views (the default; a descriptor may turn it off).

    Examples
    --------
    >>> wants_tables({}), wants_tables({"newsdata": {"tables": False}})
    (True, False)
    """
    settings = existing.get("newsdata")
    return not (isinstance(settings, dict) and settings.get("tables") is False)


def is_article_resource(resource: Any) -> bool:
    """Whether a descriptor resource is an article file (rather than a table view)."""
    return (
        isinstance(resource, dict)
        and isinstance(resource.get("path"), str)
        and resource["path"].startswith(f"{ARTICLES_DIR}/")
        and resource.get("format") == "json"
    )


def _slug(name: str) -> str:
    cleaned = "".join(c if c.isalnum() else "-" for c in name.lower()).strip("-")
    return cleaned or "corpus"


def _article_resource(rel: str, size: int, digest: str) -> dict[str, Any]:
    return {
        "name": article_id(rel.rsplit("/", 1)[-1]),
        "path": rel,
        "profile": "data-resource",
        "format": "json",
        "mediatype": "application/json",
        "encoding": "utf-8",
        "bytes": size,
        "hash": digest,
    }


def describe(
    layout: CorpusLayout,
    existing: Mapping[str, Any],
    *,
    counts: dict[str, Any] | None = None,
    hashed: Hashes | None = None,
    tables: Hashes | None = None,
    version: str | None = None,
    listed: Sequence[Path] | None = None,
) -> dict[str, Any]:
    """Return the descriptor ``newsdata build`` would write for the corpus at ``layout``.

    Parameters
    ----------
    layout
        The corpus.
    existing
        The current descriptor (``{}`` for none): its metadata is kept.
    counts
        The articles' counts (:func:`newsdata.stats.count`), when already computed.
    hashed
        Size and digest per article path, when already computed; other files are read.
    tables
        Size and digest of each table file; None: the corpus has no table views.
    version
        The version to record instead of the existing one (the repository's own
        corpus records the package version).
    listed
        The article files, when the caller has listed them already.

    Examples
    --------
    >>> from newsdata.layout import CorpusLayout, dataset_dir
    >>> descriptor = describe(CorpusLayout(dataset_dir()), {})
    >>> descriptor["resources"][0]["hash"].startswith("sha256:")
    True
    """
    descriptor: dict[str, Any] = {"profile": "data-package"}
    descriptor.update({k: v for k, v in existing.items() if k not in ("resources", "newsdata")})
    descriptor.setdefault("name", _slug(layout.root.resolve().name))
    descriptor.setdefault("version", "0.1.0")
    if version is not None:
        descriptor["version"] = version
    known = hashed or {}
    resources = []
    for file in layout.article_files() if listed is None else listed:
        rel = layout.relative(file)
        if rel in known:
            size, digest = known[rel]
        else:
            data = file.read_bytes()
            size, digest = len(data), sha256_digest(data)
        resources.append(_article_resource(rel, size, digest))
    if tables is not None:
        resources += table_resources(tables)
    descriptor["resources"] = resources
    if counts is None:
        from newsdata.loader import iter_articles

        counts = count(iter_articles(layout.root))
    descriptor["newsdata"] = {"format": FORMAT, "tables": tables is not None, "counts": counts}
    return descriptor
