"""The data package descriptor (``datapackage.json``): :class:`PackageInfo`, the descriptor
typed, and :func:`describe`, what ``newsdata build`` writes for a corpus, computed from
what ``build`` read: pure, it reads no file.

One object travels from the file ``build`` reads to the files it writes (the
descriptor, ``croissant.json``, the dataset card) instead of a loose dict: the
descriptor's own properties (name, title, licences, ...) as written by hand, the
resources ``build`` computes, and newsdata's section (format, table views, counts).

The descriptor's own properties (name, title, description, licences, version) are kept
from the existing one; the resources (path, size and sha256 of every article and table)
and the counts are computed from the facts given. The result depends only on them, so a
second build writes the same bytes.
"""

from __future__ import annotations

import json
import warnings
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field, replace
from types import MappingProxyType
from typing import Any

from newsdata._io import dump_json
from newsdata.layout import ARTICLE_FORMAT, article_id, is_article_resource

__all__ = [
    "FORMAT",
    "LANGUAGE_NAMES",
    "Hashes",
    "PackageInfo",
    "describe",
    "is_article_resource",
    "language_keywords",
    "language_name",
    "wants_tables",
]

FORMAT = ARTICLE_FORMAT
"""The article format and its major version, recorded as ``newsdata.format``
(:data:`newsdata.layout.ARTICLE_FORMAT`, kept here for the readers that import it)."""

Hashes = Mapping[str, tuple[int, str]]
"""Size and ``sha256:<hex>`` digest per corpus-relative path."""

_COMPUTED = ("resources", "newsdata")
"""The top-level keys ``build`` computes; every other key is the descriptor's own."""


@dataclass(frozen=True)
class PackageInfo:
    """A corpus's data package descriptor.

    Parameters
    ----------
    properties
        The descriptor's own top-level properties, in file order (``profile``, ``name``,
        ``title``, ``licenses`` ...): everything but ``resources`` and ``newsdata``.
    resources
        The resources (article files and table views), as JSON objects; None when the
        descriptor lists none.
    tables
        Whether the corpus keeps its CSV table views (``newsdata.tables``; on by default).
    counts
        The articles' counts (:class:`newsdata.stats.Tally`), None when not recorded.
    format
        The article format recorded (``newsdata.format``), None when not recorded.

    Examples
    --------
    >>> info = PackageInfo.from_json(b'{"name": "demo", "newsdata": {"tables": false}}')
    >>> info.name, info.tables, info.counts
    ('demo', False, None)
    >>> PackageInfo.from_json(info.to_json()) == info
    True
    """

    properties: Mapping[str, Any] = field(default_factory=dict)
    resources: tuple[Any, ...] | None = None
    tables: bool = True
    counts: Mapping[str, Any] | None = None
    format: str | None = None

    def __post_init__(self) -> None:
        # read-only views of copies: a frozen descriptor stays as it was made
        object.__setattr__(self, "properties", MappingProxyType(dict(self.properties)))
        if self.counts is not None:
            object.__setattr__(self, "counts", MappingProxyType(dict(self.counts)))

    @classmethod
    def from_json(cls, descriptor: bytes | str | Mapping[str, Any]) -> PackageInfo:
        """Read a descriptor from its JSON text or parsed object.

        Lenient, as ``build`` is with a hand-written file: a ``resources`` that is not a
        list reads as none (``build`` computes them again), and of the ``newsdata`` object
        only what newsdata records is kept; a descriptor that is not a JSON object is
        refused.

        Raises
        ------
        ValueError
            When the JSON is not valid or not an object.
        """
        if isinstance(descriptor, (bytes, str)):
            descriptor = json.loads(descriptor)
        if not isinstance(descriptor, Mapping):
            raise ValueError("a data package descriptor is a JSON object")
        resources = descriptor.get("resources")
        section = descriptor.get("newsdata")
        settings = section if isinstance(section, Mapping) else {}
        counts = settings.get("counts")
        found = settings.get("format")
        return cls(
            properties={k: v for k, v in descriptor.items() if k not in _COMPUTED},
            resources=tuple(resources) if isinstance(resources, list) else None,
            tables=settings.get("tables") is not False,
            counts=counts if isinstance(counts, Mapping) else None,
            format=found if isinstance(found, str) else None,
        )

    def to_dict(self) -> dict[str, Any]:
        """The descriptor as a JSON-ready dict (the properties, then the computed keys)."""
        out: dict[str, Any] = dict(self.properties)
        if self.resources is not None:
            out["resources"] = list(self.resources)
        if self.format is not None or self.counts is not None:
            counts = _plain(self.counts)
            out["newsdata"] = {"format": self.format, "tables": self.tables, "counts": counts}
        elif not self.tables:
            out["newsdata"] = {"tables": False}
        return out

    def to_json(self) -> bytes:
        """``datapackage.json``, byte for byte as ``newsdata build`` writes it."""
        return dump_json(self.to_dict())

    def computed(
        self,
        *,
        properties: Mapping[str, Any],
        resources: list[dict[str, Any]],
        tables: bool,
        counts: Mapping[str, Any],
        format: str,
    ) -> PackageInfo:
        """A descriptor with these computed parts (what :func:`describe` returns)."""
        return replace(
            self,
            properties=properties,
            resources=tuple(resources),
            tables=tables,
            counts=counts,
            format=format,
        )

    def get(self, key: str, default: Any = None) -> Any:
        """A top-level property (``title``, ``keywords`` ...), as :meth:`dict.get`."""
        return self.properties.get(key, default)

    @property
    def name(self) -> Any:
        """The package's ``name`` (None when missing)."""
        return self.properties.get("name")

    @property
    def version(self) -> Any:
        """The package's ``version`` (None when missing)."""
        return self.properties.get("version")

    @property
    def title(self) -> Any:
        """The package's ``title`` (None when missing)."""
        return self.properties.get("title")

    @property
    def description(self) -> Any:
        """The package's ``description`` (None when missing)."""
        return self.properties.get("description")


def _plain(value: Any) -> Any:
    """``value`` with every read-only mapping made a dict again (for JSON)."""
    if isinstance(value, Mapping):
        return {k: _plain(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [_plain(v) for v in value]
    return value


def wants_tables(descriptor: Mapping[str, Any]) -> bool:
    """Deprecated: ``PackageInfo.from_json(descriptor).tables`` says whether a corpus
    keeps its table views."""
    warnings.warn(
        "wants_tables is deprecated; use PackageInfo.from_json(descriptor).tables",
        DeprecationWarning,
        stacklevel=2,
    )
    return PackageInfo.from_json(descriptor).tables


LANGUAGE_NAMES: Mapping[str, str] = MappingProxyType(
    {
        "ar": "Arabic", "cs": "Czech", "da": "Danish", "de": "German", "el": "Greek",
        "en": "English", "es": "Spanish", "fi": "Finnish", "fr": "French", "hu": "Hungarian",
        "it": "Italian", "ja": "Japanese", "nl": "Dutch", "no": "Norwegian", "pl": "Polish",
        "pt": "Portuguese", "ro": "Romanian", "ru": "Russian", "sv": "Swedish", "tr": "Turkish",
        "uk": "Ukrainian", "zh": "Chinese",
    }
)  # fmt: skip
"""English names of ISO 639-1 languages, by code: the keywords that name a corpus's
languages. A language not listed is named by its tag."""


def language_name(tag: str) -> str:
    """The English name of a BCP 47 tag's language (its primary subtag), else the tag.

    Examples
    --------
    >>> language_name("de"), language_name("en-GB"), language_name("gsw")
    ('German', 'English', 'gsw')
    """
    return LANGUAGE_NAMES.get(tag.split("-")[0].lower(), tag)


def language_keywords(keywords: Any, languages: Iterable[str]) -> list[Any]:
    """``keywords`` with the names of ``languages`` (BCP 47 tags) as its language keywords.

    ``newsdata build`` applies it to a descriptor that has keywords (it adds none to
    one that has not). The keywords that name a language of :data:`LANGUAGE_NAMES` are
    the corpus's languages as the last build found them: they are replaced, where the
    first of them stood (at the end when there is none), by the names of the languages
    the articles are in now; the other keywords are kept as written.

    Examples
    --------
    >>> language_keywords(["news", "German", "TIMEX3"], ["de", "en"])
    ['news', 'German', 'English', 'TIMEX3']
    >>> language_keywords(["news", "German"], ["fr"])
    ['news', 'French']
    >>> language_keywords(None, ["de"])
    ['German']
    """
    names = list(dict.fromkeys(language_name(tag) for tag in sorted(languages)))
    written = list(keywords) if isinstance(keywords, list) else []
    known = set(LANGUAGE_NAMES.values())

    def is_language(keyword: Any) -> bool:
        return isinstance(keyword, str) and keyword in known

    place = next((i for i, k in enumerate(written) if is_language(k)), len(written))
    kept = [k for k in written if not is_language(k)]
    before = sum(1 for k in written[:place] if not is_language(k))
    fresh = [n for n in names if n not in kept]
    return kept[:before] + fresh + kept[before:]


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
    >>> from newsdata.layout import ARTICLES_DIR
    >>> digest = "sha256:" + "0" * 64
    >>> files = {f"{ARTICLES_DIR}/a.json": (2, digest)}
    >>> info = describe(PackageInfo(), articles=files, counts={})
    >>> info.name, info.version, [r["name"] for r in info.resources]
    ('corpus', '0.1.0', ['a'])
    """
    # the tables' definitions import the models: not loaded by a reader of FORMAT
    from newsdata.datapackage.tables import table_resources

    properties: dict[str, Any] = {"profile": "data-package", **descriptor.properties}
    if isinstance(properties.get("keywords"), list):
        # the languages the articles are in, not the ones someone once wrote down
        languages = counts.get("languages") or {}
        properties["keywords"] = language_keywords(properties["keywords"], languages)
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
