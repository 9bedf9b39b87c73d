"""The articles of a corpus directory, read when asked for, and their tables read from the
columnar store (:mod:`newsdata.columnar`): the file source of a
:class:`~newsdata.corpus.Corpus`.

Only the file names are kept: the ids, the descriptor and the store are made or read when
first asked for, and an article is kept only while the program holds it.
"""

from __future__ import annotations

import os
import weakref
from collections.abc import Iterator, Mapping, Sequence
from pathlib import Path
from types import MappingProxyType
from typing import TYPE_CHECKING, Any

from newsdata.layout import CorpusLayout, article_id
from newsdata.reading import CorpusError, load_descriptor, read_article

if TYPE_CHECKING:
    from newsdata.columnar import CacheLocation, ColumnarStore
    from newsdata.models import Article

__all__ = ["ArticleFiles"]


class ArticleFiles:
    """The articles ``names`` of the corpus at ``layout``; ``location``: its cache's place,
    fixed when it was loaded."""

    def __init__(
        self,
        layout: CorpusLayout,
        names: Sequence[str],
        descriptor: Mapping[str, Any] | None = None,
        location: CacheLocation | None = None,
    ) -> None:
        self._layout = layout
        self._names = names
        # a string prefix: a Path made for each article read slows iterating (profiled)
        self._prefix = f"{layout.articles_dir}{os.sep}"
        self._ids: tuple[str, ...] | None = None
        self._descriptor = None if descriptor is None else MappingProxyType(dict(descriptor))
        self._location = location
        self._live: weakref.WeakValueDictionary[int, Article] = weakref.WeakValueDictionary()
        self._store: ColumnarStore | None = None

    @property
    def ids(self) -> tuple[str, ...]:
        if self._ids is None:
            self._ids = tuple(article_id(n) for n in self._names)
        return self._ids

    @property
    def descriptor(self) -> Mapping[str, Any]:
        if self._descriptor is None:
            self._descriptor = MappingProxyType(load_descriptor(self._layout))
        return self._descriptor

    @property
    def root(self) -> Path:
        return self._layout.root

    def __len__(self) -> int:
        return len(self._names)

    def article(self, position: int, fd: int | None = None) -> Article:
        """The article at ``position``; ``fd``: its file opened ahead (closed here)."""
        article = self._live.get(position)
        if article is not None:
            if fd is not None:
                os.close(fd)
            return article
        article = read_article(self._prefix + self._names[position], fd)
        self._live[position] = article
        return article

    def __iter__(self) -> Iterator[Article]:
        from newsdata._io import opened_ahead

        for position, fd in enumerate(opened_ahead(self._prefix, self._names)):
            yield self.article(position, fd)

    def arrow(self, table: str) -> Any:
        """One table from the store (built on first use).

        An unknown table is a ValueError naming the tables, before anything is read.
        Reading a store already built imports no models. A store found damaged while
        read is built again (a one-line warning) when the files are as they were at the
        first read; else the corpus must be loaded again.
        """
        from newsdata._optional import require

        require("pyarrow")
        from newsdata.columnar import StoreDamaged, open_store

        if self._store is None:
            self._store = open_store(
                self._layout,
                self._names,
                before_build=lambda: _known_table(table),
                location=self._location,
            )
        try:
            return self._store.table(table)
        except StoreDamaged as damage:
            return self._reopened(damage).table(table)

    def pandas(self, table: str) -> Any:
        """One table as a frame whose integer columns are copied shard by shard."""
        from newsdata.columnar import StoreDamaged
        from newsdata.frames.pandas_view import arrow_to_pandas

        arrow = self.arrow(table)
        store = self._store
        assert store is not None  # made by `arrow`
        try:
            return arrow_to_pandas(arrow, lambda column: store.chunks(table, column))
        except StoreDamaged as damage:  # half a frame is given to no one: all again
            again = self._reopened(damage)
        except Exception as error:  # a shard that reads, then fails in pandas: damaged?
            if store.damage() is None:
                raise
            again = self._reopened(store._damaged(error))
        return arrow_to_pandas(again.table(table), lambda column: again.chunks(table, column))

    def _reopened(self, damage: Exception) -> ColumnarStore:
        """The store again, after ``damage`` was found in the one read: built again (a
        one-line warning) when the files are as they were, else CorpusError."""
        from newsdata.columnar import open_store

        read = self._store
        assert read is not None
        self._store = None
        again = open_store(self._layout, self._names, location=self._location, damaged=read.key)
        if again.key != read.key:  # the files changed: tables already given would not match
            raise CorpusError(f"{damage}, and the corpus's files changed since; load it again")
        import warnings

        warnings.warn(f"newsdata: {damage}; built again", stacklevel=4)
        self._store = again
        return again


def _known_table(table: str) -> None:
    from newsdata.frames.columns import table_named

    table_named(table)  # raises the ValueError naming the tables
