"""Load a newsdata corpus: the one shipped with the package, or any directory laid out alike.

A corpus directory holds ``datapackage.json`` and ``articles/<id>.json``. This module
imports no pydantic and no columnar library: :func:`load` reads the listing only, and
the models (or Arrow) are imported when an article (or a table) is first asked for.
Checking a corpus as it is loaded (``newsdata.load(verify=True)``) is the validator's
work: :mod:`newsdata.api` runs it, then loads through here.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING, TypeVar

from newsdata.article_files import ArticleFiles
from newsdata.corpus import Corpus
from newsdata.layout import CorpusLayout, dataset_dir
from newsdata.reading import (
    CorpusError,
    check_document,
    check_id,
    corpus_layout,
    load_descriptor,
    parse_article,
    read_article,
    read_article_file,
    removed_error,
)

if TYPE_CHECKING:
    from newsdata.models import Article

__all__ = [
    "Corpus",
    "CorpusError",
    "IntegrityError",
    "VersionMismatchError",
    "check_document",
    "check_id",
    "corpus_layout",
    "iter_articles",
    "load",
    "load_descriptor",
    "open_corpus",
    "parse_article",
    "read_article_file",
    "removed_error",
]

C = TypeVar("C", bound=Corpus)


class VersionMismatchError(CorpusError):
    """The corpus found does not satisfy the version that was asked for."""


class IntegrityError(CorpusError):
    """The corpus's files differ from what ``datapackage.json`` records or what
    ``newsdata build`` writes; ``codes`` are the validation codes of what was found."""

    def __init__(self, message: str, codes: tuple[str, ...] = ()) -> None:
        super().__init__(message)
        self.codes = codes


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
    layout = corpus_layout(path)
    from newsdata._io import opened_ahead

    prefix = f"{layout.articles_dir}{os.sep}"
    names = layout.article_names()
    for name, fd in zip(names, opened_ahead(prefix, names), strict=True):
        yield read_article(prefix + name, fd, check_ids=check_ids)


def load(path: str | Path | None = None, *, version: str | None = None) -> Corpus:
    """Open a corpus: its descriptor and its article listing; articles are read when used.

    The read path's own loader; ``newsdata.load`` (:func:`newsdata.api.load`) is the same
    and can also check the corpus first (``verify=True``).

    Examples
    --------
    >>> from newsdata.loader import load
    >>> corpus = load()
    >>> corpus.ids[0] in corpus
    True
    """
    return open_corpus(Corpus, path, version=version)


def open_corpus(kind: type[C], path: str | Path | None = None, *, version: str | None = None) -> C:
    """The corpus at ``path`` as a ``kind`` (:class:`Corpus` or a subclass of it), as
    :func:`load` opens it.

    Raises
    ------
    CorpusError
        When the directory is not a corpus.
    VersionMismatchError
        When the corpus does not satisfy ``version``.
    """
    layout = corpus_layout(path)
    descriptor = None  # read when asked for: it lists every file, so it grows with the corpus
    if version is not None:
        descriptor = load_descriptor(layout)
        found = descriptor.get("version")
        _check_version(layout.root, found if isinstance(found, str) else None, version)
    # the directory and the cache's are fixed now: a later chdir moves neither
    from newsdata.columnar import CacheLocation

    fixed = CorpusLayout(layout.root.absolute())
    files = ArticleFiles(fixed, layout.article_names(), descriptor, CacheLocation.of(fixed))
    return kind.of(files)
