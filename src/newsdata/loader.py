"""Load a newsdata corpus: the one shipped with the package, or any directory laid out alike.

A corpus directory holds ``datapackage.json`` and ``articles/<id>.json``. This module
imports no pydantic and no columnar library: :func:`load` reads the listing only, and
the models (or Arrow) are imported when an article (or a table) is first asked for.
"""

from __future__ import annotations

import contextlib
import errno
import gc
import os
import weakref
from collections import deque
from collections.abc import Callable, Iterator, Mapping, Sequence
from pathlib import Path
from types import MappingProxyType
from typing import TYPE_CHECKING, Any, overload

from newsdata.layout import ARTICLES_DIR, DESCRIPTOR, CorpusLayout, article_id, dataset_dir

if TYPE_CHECKING:
    from newsdata.columnar import CacheLocation, ColumnarStore
    from newsdata.models import Article

__all__ = [
    "Corpus",
    "CorpusError",
    "IntegrityError",
    "VersionMismatchError",
    "from_hf_dataset",
    "iter_articles",
    "load",
]


class CorpusError(ValueError):
    """A corpus directory or article file cannot be read as newsdata."""


class VersionMismatchError(CorpusError):
    """The corpus found does not satisfy the version that was asked for."""


class IntegrityError(CorpusError):
    """The corpus's files differ from what ``datapackage.json`` records or what
    ``newsdata build`` writes; ``codes`` are the validation codes of what was found."""

    def __init__(self, message: str, codes: tuple[str, ...] = ()) -> None:
        super().__init__(message)
        self.codes = codes


def corpus_layout(path: str | Path | None, *, verifying: bool = False) -> CorpusLayout:
    """The layout of the corpus at ``path`` (None: the shipped one), checked to exist.

    A linked ``datapackage.json`` is refused at once, unless ``verifying``: the
    integrity check then reports it with its code."""
    layout = CorpusLayout(dataset_dir() if path is None else Path(path))
    root = layout.root
    if not root.is_dir():
        raise CorpusError(
            f"{root}: not a corpus directory (expected a directory holding "
            f"{DESCRIPTOR} and {ARTICLES_DIR}/)"
        )
    if not layout.articles_dir.is_dir():
        raise CorpusError(
            f"{root}: no {ARTICLES_DIR}/ directory; a corpus keeps one file per article there"
        )
    if layout.articles_dir.is_symlink():
        raise CorpusError(
            f"{layout.articles_dir}: a symbolic link; a corpus never reads outside its "
            "directory, so make it a real directory"
        )
    if not verifying:
        _refuse_link(layout.descriptor)  # refused now, though it is read only when needed
    return layout


def _refuse_link(file: Path) -> None:
    if file.is_symlink():
        raise _link_error(file)


def removed_error(file: str | Path) -> CorpusError:
    """The error for an article file listed when the corpus was loaded and gone since."""
    return CorpusError(f"{file}: removed after the corpus was loaded; load it again")


def _link_error(file: str | Path) -> CorpusError:
    return CorpusError(f"{file}: a symbolic link; a corpus never reads outside its directory")


def parse_article(file: str | Path, data: bytes) -> Article:
    """Parse and structurally validate one article file's bytes.

    Raises
    ------
    CorpusError
        Naming the file and the first problem's JSON Pointer.
    """
    from pydantic import ValidationError

    from newsdata.models import Article

    try:
        article = Article.model_validate_json(data)
    except ValidationError as exc:
        first = exc.errors()[0]
        where = "/" + "/".join(str(p) for p in first["loc"])
        raise CorpusError(
            f"{file}: {first['msg']} (at {where}); run `newsdata validate {file}` for every error"
        ) from None
    return article


def check_id(file: Path, found: object) -> None:
    """Refuse an article whose id differs from its file name: a loaded corpus finds an
    article by its file name, so the two must agree."""
    if found != article_id(file.name):
        raise CorpusError(
            f"{file}: the id {found!r} differs from the file name; rename the file to "
            f"{found}.json or change the id (at /id)"
        )


def check_document(file: Path, data: bytes) -> dict[str, Any]:
    """The JSON object of an article file's bytes, checked against the contract.

    The fast path for readers that want dicts, not models (the columnar store, the
    build, ``verify=True``): the JSON Schema check gives the same verdict as the models.

    Raises
    ------
    CorpusError
        Naming the file and the first problem's JSON Pointer.
    """
    import orjson

    from newsdata.validate.schemalevel import conforms

    try:
        doc = orjson.loads(data)
    except orjson.JSONDecodeError:
        doc = None
    if not conforms(doc):  # the models then say what is wrong, and where
        parse_article(file, data)
        raise CorpusError(f"{file}: not a valid article; run `newsdata validate {file}`")
    assert isinstance(doc, dict)  # the schema says so
    return doc


def load_descriptor(
    layout: CorpusLayout, object_pairs_hook: Callable[[list[tuple[str, Any]]], Any] | None = None
) -> dict[str, Any]:
    """The corpus's ``datapackage.json`` as a dict ({} when there is none).

    ``object_pairs_hook`` builds each object instead of a dict (as in :func:`json.loads`),
    for a reader that needs little of a large descriptor.

    Raises
    ------
    CorpusError
        When it is a symbolic link (a corpus never reads outside its directory), not
        JSON, or not a JSON object.
    """
    file = layout.descriptor
    _refuse_link(file)
    if not file.is_file():
        return {}
    import json  # the standard library's: importing orjson would cost loading ~15 ms

    def refuse(constant: str) -> None:
        raise ValueError(f"{constant} is not JSON")

    try:
        descriptor = json.loads(
            file.read_bytes(), parse_constant=refuse, object_pairs_hook=object_pairs_hook
        )
    except (ValueError, RecursionError) as exc:  # RecursionError: absurdly deep nesting
        reason = "nested too deeply" if isinstance(exc, RecursionError) else str(exc)
        raise CorpusError(
            f"{file}: not valid JSON ({reason}); fix it, or delete it and run `newsdata build`"
        ) from None
    if not isinstance(descriptor, dict):
        raise CorpusError(
            f"{file}: must hold a JSON object; fix it, or delete it and run `newsdata build`"
        )
    return descriptor


def _check_version(root: Path, found: str | None, wanted: object) -> None:
    from packaging.specifiers import InvalidSpecifier, SpecifierSet
    from packaging.version import InvalidVersion, Version

    if not isinstance(wanted, str) or not wanted.strip():
        raise CorpusError(
            f"version={wanted!r}: give a version as a string: an exact version ('1.2.0'), "
            "a wildcard ('1.*') or a PEP 440 specifier ('>=1.2,<2')"
        )
    text = wanted.strip()
    try:
        spec = SpecifierSet(text if text[:1] in "<>=!~" else f"=={text}")
    except InvalidSpecifier:
        raise CorpusError(
            f"version={wanted!r} is neither a version ('1.2.0'), a wildcard ('1.*') "
            f"nor a PEP 440 specifier ('>=1.2,<2')"
        ) from None
    try:
        ok = found is not None and Version(found) in spec
    except InvalidVersion:
        ok = False
    if not ok:
        hint = (
            f'install it with `pip install "newsdata{spec}"`'
            if root == dataset_dir()
            else "point `path` at a corpus of that version"
        )
        raise VersionMismatchError(
            f"the corpus at {root} is version {found or 'unknown'}, which does not satisfy "
            f"{wanted!r}; {hint}"
        )


def _verify(layout: CorpusLayout) -> None:
    """The validator's package level (``newsdata validate``'s own integrity check, with
    the corpus's exemptions), every listed article checked against the contract as it is
    read; any error raises, naming every problem with its code."""
    # verify=True is a check by request: it runs the checks' code, imported only then
    from newsdata.stats import Tally
    from newsdata.validate.article import check_structure
    from newsdata.validate.exemptions import Exemptions
    from newsdata.validate.filelevel import parse_bytes
    from newsdata.validate.package import check_package
    from newsdata.validate.report import Problem

    display = str(layout.root)
    tally = Tally()
    contract: list[Problem] = []

    def article(file: Path, data: bytes) -> None:
        try:
            tally.add(check_document(file, data))
        except CorpusError:  # the validator says what is wrong, with its codes
            name = f"{display}/{ARTICLES_DIR}/{file.name}"
            contract.extend(check_structure(parse_bytes(name, data)))

    found = check_package(
        layout.root, display, counts=lambda: None if contract else tally.result(), article=article
    )
    exemptions = Exemptions.read(layout.root, display)
    errors = [
        p
        for p in [*exemptions.problems, *contract, *found]
        if p.severity == "error" and exemptions.match(p) is None
    ]
    if errors:
        raise IntegrityError(
            "; ".join(f"{p.file}{p.where}: {p.message} [{p.code}]" for p in errors)
            + "; run `newsdata validate` for the details, `newsdata build` to rewrite",
            codes=tuple(p.code for p in errors),
        )
    # the columnar store is a copy: one whose shards differ from its digests is removed
    # (without pyarrow no store was ever built, and none is checked)
    import importlib.util

    if importlib.util.find_spec("pyarrow") is None:
        return
    from newsdata.columnar import CacheLocation, check_store

    check_store(layout, layout.article_names(), CacheLocation.of(layout))


def iter_articles(path: str | Path | None = None, *, check_ids: bool = False) -> Iterator[Article]:
    """Yield the articles of a corpus one at a time, in id order.

    Only one article is held in memory at a time, so memory does not grow with
    the size of the corpus.

    Parameters
    ----------
    path
        A corpus directory; ``None`` means the corpus shipped with the package.
    check_ids
        Refuse, as :func:`load` does, an article whose id differs from its file name
        (readers that match articles by id, such as ``newsdata agree``, need it).

    Yields
    ------
    Article
        Each article, parsed and structurally validated.

    Raises
    ------
    CorpusError
        When the directory is not a corpus or a file is not a valid article (or, with
        ``check_ids``, its id differs from its file name).

    Examples
    --------
    >>> import newsdata
    >>> all(a.text[m.start : m.end] == m.text for a in newsdata.iter_articles() for m in a.mentions)
    True
    """
    # Not through a Corpus: a stream gives the files as they are, an id that differs from
    # its file name included (the build describes such a corpus; the validator names it).
    layout = corpus_layout(path)
    files = f"{layout.articles_dir}{os.sep}"
    names = layout.article_names()
    for name, fd in zip(names, _opened_ahead(files, names), strict=True):
        file = files + name
        article = parse_article(file, read_article_file(file, fd))
        if check_ids and article.id != article_id(name):
            check_id(Path(file), article.id)
        yield article


def load(
    path: str | Path | None = None, *, version: str | None = None, verify: bool = False
) -> Corpus:
    """Open a corpus: its descriptor and its article listing; articles are read when used.

    Loading reads no article: ``corpus[i]``, ``corpus["id"]`` and iteration parse an
    article file when it is asked for (and give the same object back while it is in
    use); :meth:`Corpus.to_arrow` and :meth:`Corpus.to_pandas` read every layer from the
    columnar store (:mod:`newsdata.columnar`), built on first use and memory-mapped.
    So loading costs the same for one article or a hundred thousand, and memory holds
    what the program keeps.

    Parameters
    ----------
    path
        A corpus directory (``datapackage.json`` and ``articles/``); ``None``
        means the corpus shipped with the package.
    version
        Require the corpus version to satisfy this: an exact version
        (``"0.1.0"``), a wildcard (``"0.*"``) or a PEP 440 specifier
        (``">=0.1,<1"``).
    verify
        Check now that every article file is listed in ``datapackage.json`` with its
        size and sha256, and is a valid article; and that every listed file (table
        views, ``croissant.json``) is as recorded. Reads every file, and the
        columnar store's files, if one is built: a store whose files differ from the
        digests it recorded is removed (with a warning) and built again when used.

    Returns
    -------
    Corpus
        The articles, in id order.

    Raises
    ------
    CorpusError
        When the directory is not a corpus (and, when an article is read, when its
        file is not a valid article).
    VersionMismatchError
        When the corpus does not satisfy ``version``.
    IntegrityError
        With ``verify=True``, when a file differs from what was recorded.

    Examples
    --------
    >>> import newsdata
    >>> corpus = newsdata.load()
    >>> len(corpus) >= 1
    True
    >>> corpus.ids[0] in corpus
    True
    """
    layout = corpus_layout(path, verifying=verify)
    descriptor = None  # read when asked for: it lists every file, so it grows with the corpus
    if verify:
        _verify(layout)  # before the descriptor is read: it says what is wrong with it
    if version is not None or verify:
        descriptor = load_descriptor(layout)
    if version is not None:
        assert descriptor is not None
        found = descriptor.get("version")
        _check_version(layout.root, found if isinstance(found, str) else None, version)
    # the directory and the cache's are fixed now: a later chdir moves neither
    from newsdata.columnar import CacheLocation

    fixed = CorpusLayout(layout.root.absolute())
    return Corpus._of_files(fixed, layout.article_names(), descriptor, CacheLocation.of(fixed))


_NOFOLLOW = os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0)
# Iteration opens this many article files ahead and asks the kernel to read them
# (posix_fadvise), so that reading from disk overlaps parsing: a loop over 10,000
# articles from a cold page cache took 435 µs an article instead of 520 (2 CPUs); with
# the files cached it costs one system call more (about 1.5 µs).
_AHEAD = 64


def _open_article_file(file: str | Path) -> int:
    try:
        return os.open(file, _NOFOLLOW)
    except FileNotFoundError:
        raise removed_error(file) from None
    except OSError as exc:
        if exc.errno == errno.ELOOP:  # O_NOFOLLOW met a link put there after loading
            raise _link_error(file) from None
        raise CorpusError(f"{file}: cannot be read ({exc.strerror})") from None


def _open_ahead(file: str) -> int | None:
    """``file`` opened with the kernel asked to read it now; None when it cannot be
    opened (reading it later reports why)."""
    try:
        fd = os.open(file, _NOFOLLOW)
    except OSError:
        return None
    with contextlib.suppress(OSError):  # advice only: a file system may not take it
        os.posix_fadvise(fd, 0, 0, os.POSIX_FADV_WILLNEED)
    return fd


def _opened_ahead(files: str, names: Sequence[str]) -> Iterator[int | None]:
    """For each of ``names`` in order (files ``files + name``), the file opened ahead of
    time, or None (not opened: reading it says why). Whoever takes a file closes it; the
    ones opened ahead are closed when the loop stops early."""
    if not hasattr(os, "posix_fadvise"):  # no read-ahead to ask for (macOS, Windows)
        yield from (None for _ in names)
        return
    ahead: deque[int | None] = deque()
    try:
        for position in range(len(names)):
            while len(ahead) < _AHEAD and position + len(ahead) < len(names):
                ahead.append(_open_ahead(files + names[position + len(ahead)]))
            yield ahead.popleft()
    finally:
        for fd in ahead:
            if fd is not None:
                os.close(fd)


def read_article_file(file: str | Path, fd: int | None = None) -> bytes:
    """The bytes of an article file already listed: one open, never through a link.

    ``fd``: the file already opened (by :func:`_open_ahead`); it is closed here.
    """
    if fd is None:
        fd = _open_article_file(file)
    try:
        size = os.fstat(fd).st_size
        data = os.read(fd, size)
        if len(data) < size:  # a short read: rare, but allowed by read(2)
            parts = [data]
            while chunk := os.read(fd, size):
                parts.append(chunk)
            data = b"".join(parts)
        return data
    finally:
        os.close(fd)


class Corpus(Sequence["Article"]):
    """A read-only, id-ordered sequence of articles, read when used.

    Design, in three lines: the article files are the data, and a Corpus holds only
    their listing; an :class:`Article` is parsed when asked for and kept while in use;
    every columnar view comes from one memory-mapped store derived from the files.

    Index by position (``corpus[0]``) or by id (``corpus["some-id"]``); ``in``
    accepts an id or an :class:`Article`. A Corpus made from articles in memory
    (``Corpus(articles)``, :func:`from_hf_dataset`) holds them.

    Examples
    --------
    >>> import newsdata
    >>> corpus = newsdata.load()
    >>> corpus[corpus.ids[0]] is corpus[0]
    True
    """

    __slots__ = (
        "_files",
        "_held",
        "_ids",
        "_index",
        "_layout",
        "_live",
        "_location",
        "_metadata",
        "_names",
        "_store",
    )

    def __init__(
        self,
        articles: Sequence[Article],
        *,
        metadata: Mapping[str, Any] | None = None,
        root: Path | None = None,
    ) -> None:
        ordered = sorted(articles, key=lambda a: a.id)
        self._held: tuple[Article, ...] | None = tuple(ordered)
        self._ids: tuple[str, ...] | None = tuple(a.id for a in ordered)
        self._index: dict[str, int] | None = None
        if len(self._ids) != len(self._id_index()):
            raise CorpusError("two articles share an id; run `newsdata validate` to find them")
        self._metadata: Mapping[str, Any] | None = MappingProxyType(dict(metadata or {}))
        self._layout = None if root is None else CorpusLayout(root)
        # where article files are, as a string prefix: making a Path for each article
        # read costs a few per cent of iterating over a corpus (profiled)
        self._files = "" if self._layout is None else f"{self._layout.articles_dir}{os.sep}"
        self._names: Sequence[str] = ()
        self._live: weakref.WeakValueDictionary[int, Article] = weakref.WeakValueDictionary()
        self._store: ColumnarStore | None = None
        self._location: CacheLocation | None = None

    @classmethod
    def _of_files(
        cls,
        layout: CorpusLayout,
        names: Sequence[str],
        metadata: Mapping[str, Any] | None,
        location: CacheLocation | None = None,
    ) -> Corpus:
        # Only the file names are kept: the ids, the index by id and the descriptor are
        # made when first asked for.
        corpus = cls((), root=layout.root)
        corpus._held = None
        corpus._names = names
        corpus._ids = None
        corpus._index = None
        corpus._metadata = None if metadata is None else MappingProxyType(dict(metadata))
        corpus._location = location
        return corpus

    def _id_index(self) -> dict[str, int]:
        if self._index is None:
            self._index = {a: i for i, a in enumerate(self.ids)}
        return self._index

    def _article(self, position: int, fd: int | None = None) -> Article:
        """The article at ``position``; ``fd``: its file opened ahead (closed here)."""
        if self._held is not None:
            return self._held[position]
        article = self._live.get(position)
        if article is not None:
            if fd is not None:
                os.close(fd)
        else:
            name = self._names[position]
            file = self._files + name
            data = read_article_file(file, fd)
            # Parsing makes a few hundred objects that live on; the collector would
            # otherwise scan them while they are made (about 5 % of iterating).
            collecting = gc.isenabled()
            gc.disable()
            try:
                article = parse_article(file, data)
            finally:
                if collecting:
                    gc.enable()
            if article.id != article_id(name):
                check_id(Path(file), article.id)
            self._live[position] = article
        return article

    @overload
    def __getitem__(self, key: int | str) -> Article: ...

    @overload
    def __getitem__(self, key: slice) -> tuple[Article, ...]: ...

    def __getitem__(self, key: int | str | slice) -> Article | tuple[Article, ...]:
        if isinstance(key, str):
            try:
                return self._article(self._id_index()[key])
            except KeyError:
                raise KeyError(f"no article with id {key!r} in this corpus") from None
        if isinstance(key, slice):
            return tuple(self._article(i) for i in range(*key.indices(len(self))))
        if not -len(self) <= key < len(self):
            raise IndexError(f"article position {key} out of range for {len(self)} articles")
        return self._article(key % len(self))

    def __len__(self) -> int:
        return len(self._held) if self._held is not None else len(self._names)

    def __iter__(self) -> Iterator[Article]:
        if self._held is not None:
            yield from self._held
            return
        for position, fd in enumerate(_opened_ahead(self._files, self._names)):
            yield self._article(position, fd)

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
        if self._ids is None:
            self._ids = tuple(article_id(n) for n in self._names)
        return self._ids

    @property
    def version(self) -> str | None:
        """The corpus version recorded in ``datapackage.json``, or None."""
        found = self.metadata.get("version")
        return found if isinstance(found, str) else None

    @property
    def metadata(self) -> Mapping[str, Any]:
        """The data package descriptor (``datapackage.json``), read-only.

        Read on first use ({} when the corpus has none).

        Raises
        ------
        CorpusError
            When ``datapackage.json`` is not a JSON object.
        """
        if self._metadata is None:
            assert self._layout is not None
            self._metadata = MappingProxyType(load_descriptor(self._layout))
        return self._metadata

    @property
    def root(self) -> Path | None:
        """The directory the corpus was loaded from, if any."""
        return None if self._layout is None else self._layout.root

    def _docs(self) -> Iterator[dict[str, Any]]:
        for article in self:
            yield article.model_dump(mode="json")

    def _columnar(self, layer: str) -> Any:
        """One layer as an Arrow table: from the store for a loaded corpus.

        An unknown layer is a ValueError naming the layers, before anything is read.
        Reading a store already built imports no models (see :mod:`newsdata.columnar`).
        A store found damaged while read is built again (a one-line warning) when the
        files are as they were at the first read; else the corpus must be loaded again.
        """
        if self._held is not None:
            from newsdata.export.frames import to_arrow

            return to_arrow(layer, self._docs())
        from newsdata.export._optional import require

        require("pyarrow")
        from newsdata.columnar import StoreDamaged, open_store

        assert self._layout is not None
        if self._store is None:
            self._store = open_store(
                self._layout,
                self._names,
                before_build=lambda: _known_layer(layer),
                location=self._location,
            )
        try:
            return self._store.table(layer)
        except StoreDamaged as damage:
            return self._reopened(damage).table(layer)

    def _reopened(self, damage: Exception) -> Any:
        """The store again, after ``damage`` was found in the one this corpus read: built
        again (a one-line warning) when the files are as they were, else CorpusError."""
        from newsdata.columnar import open_store

        read = self._store
        assert read is not None and self._layout is not None
        self._store = None
        again = open_store(self._layout, self._names, location=self._location, damaged=read.key)
        if again.key != read.key:  # the files changed: tables already given would not match
            raise CorpusError(f"{damage}, and the corpus's files changed since; load it again")
        import warnings

        warnings.warn(f"newsdata: {damage}; built again", stacklevel=4)
        self._store = again
        return again

    def to_pandas(self, layer: str = "articles") -> Any:
        """One layer as a ``pandas.DataFrame``: one row per item and an ``article_id`` column.

        Layers: ``articles``, ``blocks``, ``mentions``, ``entities``, ``quotes``,
        ``verbatim`` (the quotes' verbatim parts), ``timexes``, ``topics``; the columns are
        those of the CSV views, with dtypes ``string``, ``Int64``, ``boolean`` and
        ``datetime64[s]``. Needs ``newsdata[pandas]``.

        Examples
        --------
        >>> import newsdata
        >>> frame = newsdata.load().to_pandas("mentions")
        >>> list(frame.columns)
        ['article_id', 'id', 'start', 'end', 'text', 'label', 'entity', 'entity_key']
        >>> len(frame) == sum(len(a.mentions) for a in newsdata.load())
        True
        """
        from newsdata.columnar import StoreDamaged
        from newsdata.export.pandas_view import arrow_to_pandas

        table = self._columnar(layer)
        if self._store is None:  # articles held in memory
            return arrow_to_pandas(table)
        store = self._store
        try:
            return arrow_to_pandas(table, lambda column: store.chunks(layer, column))
        except StoreDamaged as damage:  # half a frame is given to no one: all again
            again = self._reopened(damage)
        except Exception as error:  # a shard that reads, then fails in pandas: damaged?
            if store.damage() is None:
                raise
            again = self._reopened(store._damaged(error))
        return arrow_to_pandas(again.table(layer), lambda column: again.chunks(layer, column))

    def to_arrow(self, layer: str = "articles") -> Any:
        """One layer as a ``pyarrow.Table`` with its explicit schema (``newsdata[parquet]``).

        Examples
        --------
        >>> import newsdata
        >>> newsdata.load().to_arrow("timexes").schema.field("value").type
        DataType(large_string)
        """
        return self._columnar(layer)

    def to_hf_dataset(self) -> Any:
        """The corpus as a Hugging Face ``datasets.Dataset`` with explicit Features.

        Labels are ``ClassLabel``; layers are lists of span structs. Needs
        ``newsdata[hf]``; :func:`newsdata.from_hf_dataset` converts back.
        """
        from newsdata.export.hf import to_hf_dataset

        return to_hf_dataset(self._docs())

    def to_spacy(self, nlp: Any = None) -> list[Any]:
        """The articles as spaCy ``Doc`` objects (``newsdata[spacy]``).

        Tokenised with ``spacy.blank(language)`` unless ``nlp`` is given; ``doc.ents``
        holds the outer mentions and span groups every layer. Spans that do not fall
        on token boundaries are listed in ``doc.user_data["newsdata_misaligned"]``
        and in a warning.
        """
        import warnings

        from newsdata.export.spacy_docs import to_spacy

        docs, misaligned = to_spacy(self._docs(), nlp)
        if misaligned:
            warnings.warn(
                f"{len(misaligned)} span(s) are not on token boundaries and are not spaCy "
                f"spans: " + "; ".join(str(m) for m in misaligned),
                stacklevel=2,
            )
        return docs


def _known_layer(layer: str) -> None:
    from newsdata.export.frames import layer_table

    layer_table(layer)  # raises the ValueError naming the layers


def from_hf_dataset(dataset: Any) -> Corpus:
    """A Corpus from a dataset made by :meth:`Corpus.to_hf_dataset` (round trip equal).

    Examples
    --------
    >>> import newsdata
    >>> corpus = newsdata.load()
    >>> list(newsdata.from_hf_dataset(corpus.to_hf_dataset())) == list(corpus)
    True
    """
    from newsdata.export.hf import from_hf_dataset as decode
    from newsdata.models import Article

    return Corpus([Article.model_validate(doc) for doc in decode(dataset)])
