"""The ``datapackage.json`` that ``newsdata build`` writes for a corpus, computed from what
``build`` read: pure, it reads no file.

The descriptor's own properties (name, title, description, licences, version) are kept
from the existing one; the resources (path, size and sha256 of every article and table)
and the counts are computed from the facts given. The result depends only on them, so a
second build writes the same bytes.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from newsdata.datapackage.info import PackageInfo
from newsdata.datapackage.tables import table_resources
from newsdata.layout import ARTICLE_FORMAT, article_id, is_article_resource

__all__ = ["FORMAT", "Hashes", "describe", "is_article_resource", "wants_tables"]

FORMAT = ARTICLE_FORMAT
"""The article format and its major version, recorded as ``newsdata.format``
(:data:`newsdata.layout.ARTICLE_FORMAT`, kept here for the readers that import it)."""

Hashes = Mapping[str, tuple[int, str]]
"""Size and ``sha256:<hex>`` digest per corpus-relative path."""


def wants_tables(descriptor: Mapping[str, Any] | PackageInfo) -> bool:
    """Whether a corpus keeps the tabular views (the default; a descriptor may turn it off).

    Examples
    --------
    >>> wants_tables({}), wants_tables({"newsdata": {"tables": False}})
    (True, False)
    """
    if not isinstance(descriptor, PackageInfo):
        descriptor = PackageInfo.from_json(descriptor)
    return descriptor.tables


def slug(name: str) -> str:
    """A package name from a directory name: lower case, ``-`` for anything else.

    Examples
    --------
    >>> slug("My Corpus 2"), slug("...")
    ('my-corpus-2', 'corpus')
    """
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
    descriptor: PackageInfo,
    *,
    articles: Hashes,
    counts: Mapping[str, Any],
    tables: Hashes | None = None,
    name: str = "corpus",
    version: str | None = None,
) -> PackageInfo:
    """Return the descriptor ``newsdata build`` writes, from what it read.

    Parameters
    ----------
    descriptor
        The current descriptor (``PackageInfo()`` for none): its properties are kept.
    articles
        Size and digest per article path (``articles/<id>.json``), in the corpus's order.
    counts
        The articles' counts (:class:`newsdata.stats.Tally`).
    tables
        Size and digest of each table file; None: the corpus has no table views.
    name
        The package name when the descriptor has none (build gives the directory's).
    version
        The version to record instead of the existing one (the repository's own
        corpus records the package version).

    Examples
    --------
    >>> digest = "sha256:" + "0" * 64
    >>> info = describe(PackageInfo(), articles={"articles/a.json": (2, digest)}, counts={})
    >>> info.name, info.version, [r["name"] for r in info.resources]
    ('corpus', '0.1.0', ['a'])
    """
    properties: dict[str, Any] = {"profile": "data-package", **descriptor.properties}
    properties.setdefault("name", name)
    properties.setdefault("version", "0.1.0")
    if version is not None:
        properties["version"] = version
    resources = [_article_resource(rel, size, digest) for rel, (size, digest) in articles.items()]
    if tables is not None:
        resources += table_resources(tables)
    return descriptor.computed(
        properties=properties,
        resources=resources,
        tables=tables is not None,
        counts=counts,
        format=FORMAT,
    )
