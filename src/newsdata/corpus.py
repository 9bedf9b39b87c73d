"""The :class:`Corpus`: a read-only, id-ordered sequence of articles over one of two
sources, a corpus directory (:class:`~newsdata.article_files.ArticleFiles`) or articles
held in memory (:class:`HeldArticles`), behind one interface (:class:`Articles`)."""

from __future__ import annotations

import warnings
from collections.abc import Iterator, Mapping, Sequence
from pathlib import Path
from types import MappingProxyType
from typing import TYPE_CHECKING, Any, Protocol, TypeVar, overload

from newsdata.reading import CorpusError

if TYPE_CHECKING:
    from newsdata.models import Article

__all__ = ["Articles", "Corpus", "HeldArticles"]

C = TypeVar("C", bound="Corpus")


class Articles(Protocol):
    """Where a :class:`Corpus` takes its articles and tables from."""

    @property
    def ids(self) -> tuple[str, ...]:
        """The article ids, in order."""
        ...

    @property
    def descriptor(self) -> Mapping[str, Any]:
        """The data package descriptor, read-only."""
        ...

    @property
    def root(self) -> Path | None:
        """The corpus directory, if any."""
        ...

    def __len__(self) -> int: ...

    def __iter__(self) -> Iterator[Article]: ...

    def article(self, position: int) -> Article:
        """The article at ``position`` (``0 <= position < len(self)``)."""
        ...

    def arrow(self, table: str) -> Any:
        """One table as a ``pyarrow.Table``; a ValueError naming the tables for an unknown one."""
        ...

    def pandas(self, table: str) -> Any:
        """One table as a ``pandas.DataFrame``."""
        ...


class HeldArticles:
    """Articles in memory, in id order; their tables made by the one Arrow path."""

    def __init__(
        self,
        articles: Sequence[Article],
        descriptor: Mapping[str, Any] | None = None,
        root: Path | None = None,
    ) -> None:
        self._held = tuple(sorted(articles, key=lambda a: a.id))
        self.ids = tuple(a.id for a in self._held)
        if len(set(self.ids)) != len(self.ids):
            raise CorpusError("two articles share an id; run `newsdata validate` to find them")
        self.descriptor: Mapping[str, Any] = MappingProxyType(dict(descriptor or {}))
        self.root = root

    def __len__(self) -> int:
        return len(self._held)

    def __iter__(self) -> Iterator[Article]:
        return iter(self._held)

    def article(self, position: int) -> Article:
        return self._held[position]

    def arrow(self, table: str) -> Any:
        from newsdata.frames.arrow import to_arrow

        return to_arrow(table, (a.model_dump(mode="json") for a in self._held))

    def pandas(self, table: str) -> Any:
        from newsdata.frames.pandas_view import arrow_to_pandas

        return arrow_to_pandas(self.arrow(table))


def _renamed(old: str, new: str) -> None:
    warnings.warn(f"{old} is deprecated; use {new}", DeprecationWarning, stacklevel=3)


def _table_argument(table: str, layer: str | None, method: str) -> str:
    """``table``, or the ``layer`` of a caller using the old name (with a warning)."""
    if layer is None:
        return table
    warnings.warn(
        f"Corpus.{method}(layer=...) is deprecated; use table=... (a layer is an "
        "article's list of annotations, a table the view of it)",
        DeprecationWarning,
        stacklevel=3,
    )
    return layer


class Corpus(Sequence["Article"]):
    """A read-only, id-ordered sequence of articles, read when used.

    Design, in three lines: the article files are the data, and a Corpus holds only
    their listing; an :class:`Article` is parsed when asked for and kept while in use;
    every columnar view comes from one memory-mapped store derived from the files.

    Index by position (``corpus[0]``) or by id (``corpus["some-id"]``); ``in``
    accepts an id or an :class:`Article`. A Corpus made from articles in memory
    (``Corpus(articles)``) holds them. The read path's Corpus: ``newsdata.Corpus`` adds
    the conversions to other libraries' formats.

    Examples
    --------
    >>> from newsdata.loader import load
    >>> corpus = load()
    >>> corpus[corpus.ids[0]] is corpus[0]
    True
    """

    __slots__ = ("_articles", "_index")

    def __init__(
        self,
        articles: Sequence[Article],
        *,
        descriptor: Mapping[str, Any] | None = None,
        root: Path | None = None,
        metadata: Mapping[str, Any] | None = None,
    ) -> None:
        if metadata is not None:
            _renamed("Corpus(metadata=...)", "Corpus(descriptor=...)")
            descriptor = metadata if descriptor is None else descriptor
        self._articles: Articles = HeldArticles(articles, descriptor, root)
        self._index: dict[str, int] | None = None

    @classmethod
    def of(cls: type[C], articles: Articles) -> C:
        """A Corpus over ``articles`` (a directory's files, or articles held in memory)."""
        corpus = cls.__new__(cls)
        corpus._articles = articles
        corpus._index = None
        return corpus

    def _id_index(self) -> dict[str, int]:
        if self._index is None:  # made when first asked for: loading reads no id
            self._index = {a: i for i, a in enumerate(self.ids)}
        return self._index

    @overload
    def __getitem__(self, key: int | str) -> Article: ...

    @overload
    def __getitem__(self, key: slice) -> tuple[Article, ...]: ...

    def __getitem__(self, key: int | str | slice) -> Article | tuple[Article, ...]:
        if isinstance(key, str):
            try:
                return self._articles.article(self._id_index()[key])
            except KeyError:
                raise KeyError(f"no article with id {key!r} in this corpus") from None
        if isinstance(key, slice):
            return tuple(self._articles.article(i) for i in range(*key.indices(len(self))))
        if not -len(self) <= key < len(self):
            raise IndexError(f"article position {key} out of range for {len(self)} articles")
        return self._articles.article(key % len(self))

    def __len__(self) -> int:
        return len(self._articles)

    def __iter__(self) -> Iterator[Article]:
        return iter(self._articles)

    def __contains__(self, item: object) -> bool:
        if isinstance(item, str):
            return item in self._id_index()
        found = getattr(item, "id", None)
        if not isinstance(found, str) or found not in self._id_index():
            return False
        from newsdata.models import Article

        return isinstance(item, Article) and self[found] == item

    def __repr__(self) -> str:
        return f"<Corpus {len(self)} articles, version {self.version or 'unknown'}>"

    @property
    def ids(self) -> tuple[str, ...]:
        """The article ids, in order."""
        return self._articles.ids

    @property
    def version(self) -> str | None:
        """The corpus version recorded in ``datapackage.json``, or None."""
        found = self.descriptor.get("version")
        return found if isinstance(found, str) else None

    @property
    def descriptor(self) -> Mapping[str, Any]:
        """The data package descriptor (``datapackage.json``), read-only.

        Read on first use ({} when the corpus has none).

        Raises
        ------
        CorpusError
            When ``datapackage.json`` is not a JSON object.
        """
        return self._articles.descriptor

    @property
    def metadata(self) -> Mapping[str, Any]:
        """Deprecated name of :attr:`descriptor` (one thing, one name)."""
        _renamed("Corpus.metadata", "Corpus.descriptor")
        return self.descriptor

    @property
    def root(self) -> Path | None:
        """The directory the corpus was loaded from, if any."""
        return self._articles.root

    def _docs(self) -> Iterator[dict[str, Any]]:
        for article in self:
            yield article.model_dump(mode="json")

    def to_pandas(self, table: str = "articles", *, layer: str | None = None) -> Any:
        """One table as a ``pandas.DataFrame``: one row per item and an ``article_id`` column.

        Tables: ``articles``, ``blocks``, ``mentions``, ``entities``, ``quotes``,
        ``verbatim`` (the quotes' verbatim parts), ``timexes``, ``topics``; the columns are
        those of the CSV views, with dtypes ``string``, ``Int64``, ``boolean`` and
        ``datetime64[s]``. Needs ``newsdata[pandas]``. ``layer=``: the old name of
        ``table``, deprecated.

        Examples
        --------
        >>> import newsdata
        >>> frame = newsdata.load().to_pandas("mentions")
        >>> list(frame.columns)
        ['article_id', 'id', 'start', 'end', 'text', 'label', 'entity', 'entity_key']
        >>> len(frame) == sum(len(a.mentions) for a in newsdata.load())
        True
        """
        return self._articles.pandas(_table_argument(table, layer, "to_pandas"))

    def to_arrow(self, table: str = "articles", *, layer: str | None = None) -> Any:
        """One table as a ``pyarrow.Table`` with its explicit schema (``newsdata[parquet]``).

        ``layer=``: the old name of ``table``, deprecated.

        Examples
        --------
        >>> import newsdata
        >>> newsdata.load().to_arrow("timexes").schema.field("value").type
        DataType(large_string)
        """
        return self._articles.arrow(_table_argument(table, layer, "to_arrow"))
