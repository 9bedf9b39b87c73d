"""Reading a corpus's files: its layout checked, an article file's bytes, parsed or
checked against the contract, and ``datapackage.json``; the error every reader raises.

The bottom of the read path: the loader, the :class:`~newsdata.corpus.Corpus` and the
columnar store all read through here, so a file is read the same way (never through a
symbolic link) and an article's id is held to its file name by one rule.
"""

from __future__ import annotations

import errno
import gc
from collections.abc import Callable
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

from newsdata.layout import (
    ARTICLE_FORMAT,
    ARTICLES_DIR,
    DESCRIPTOR,
    CorpusLayout,
    article_id,
    dataset_dir,
    is_article_resource,
)

if TYPE_CHECKING:
    from pydantic import ValidationError

    from newsdata.models import Article

__all__ = [
    "ARTICLE_FORMAT",
    "ArticleTooLarge",
    "CorpusError",
    "check_document",
    "check_id",
    "conforms",
    "corpus_layout",
    "is_article_resource",
    "load_descriptor",
    "parse_article",
    "read_article",
    "read_article_file",
    "removed_error",
    "vouched_articles",
]


class CorpusError(ValueError):
    """A corpus directory or article file cannot be read as newsdata."""


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
    problem = layout.articles_problem()  # the one rule for articles/, and its message
    if problem is not None:
        raise CorpusError(problem)
    if not verifying:
        _refuse_link(layout.descriptor)  # refused now, though it is read only when needed
    return layout


def _refuse_link(file: Path) -> None:
    if file.is_symlink():
        raise _link_error(file)


class ArticleTooLarge(CorpusError):
    """An article file larger than the size limit: not read (``newsdata validate`` reports
    it as ``file-too-large``)."""

    def __init__(self, file: str | Path, size: int, limit: int) -> None:
        super().__init__(
            f"{file}: {size:,} bytes, more than the limit of {limit:,} for one article; "
            f"run `newsdata validate {file}`"
        )
        self.file = str(file)
        self.size = size
        self.limit = limit


def removed_error(file: str | Path) -> CorpusError:
    """The error for an article file listed when the corpus was loaded and gone since."""
    return CorpusError(f"{file}: removed after the corpus was loaded; load it again")


def _link_error(file: str | Path) -> CorpusError:
    return CorpusError(f"{file}: a symbolic link; a corpus never reads outside its directory")


def read_article_file(file: str | Path, fd: int | None = None) -> bytes:
    """The bytes of an article file already listed (:func:`newsdata._io.read_article_file`).

    Never more than the validator's size limit (:data:`newsdata._io.ARTICLE_MAX_BYTES`).

    Raises
    ------
    CorpusError
        When the file is gone, is a symbolic link put there since, is larger than the
        size limit (:class:`ArticleTooLarge`), or cannot be read.
    """
    from newsdata import _io  # its imports only when reading

    try:
        return _io.read_article_file(file, fd, limit=_io.ARTICLE_MAX_BYTES)
    except _io.FileTooLarge as exc:
        raise ArticleTooLarge(file, exc.size, exc.limit) from None
    except FileNotFoundError:
        raise removed_error(file) from None
    except OSError as exc:
        if exc.errno == errno.ELOOP:  # O_NOFOLLOW met a link put there after loading
            raise _link_error(file) from None
        raise CorpusError(f"{file}: cannot be read ({exc.strerror})") from None


def parse_article(file: str | Path, data: bytes) -> Article:
    """Parse and structurally validate one article file's bytes.

    Raises
    ------
    CorpusError
        Naming the file and the first problem's JSON Pointer.
    """
    validate_json, invalid = _article_parser()
    try:
        article = validate_json(data)
    except invalid as exc:
        first = exc.errors()[0]
        where = "/" + "/".join(str(p) for p in first["loc"])
        raise CorpusError(
            f"{file}: {first['msg']} (at {where}); run `newsdata validate {file}` for every error"
        ) from None
    return article


@cache
def _article_parser() -> tuple[Callable[[bytes], Article], type[ValidationError]]:
    """The article model's JSON parser and its error, imported on first use (``load``
    reads a listing without pydantic) and once, not per article."""
    from pydantic import ValidationError as Invalid

    from newsdata.models import Article as Model

    return Model.model_validate_json, Invalid


def check_id(file: Path, found: object) -> None:
    """Refuse an article whose id differs from its file name: a loaded corpus finds an
    article by its file name, so the two must agree."""
    if found != article_id(file.name):
        raise CorpusError(
            f"{file}: the id {found!r} differs from the file name; rename the file to "
            f"{found}.json or change the id (at /id)"
        )


def read_article(file: str, fd: int | None = None, *, check_ids: bool = True) -> Article:
    """The article in ``file`` (``fd``: the file opened ahead, closed here), its id held to
    its file name unless not ``check_ids``.

    Raises
    ------
    CorpusError
        When the file cannot be read, is not a valid article or, with ``check_ids``, holds
        an id that differs from its file name.
    """
    data = read_article_file(file, fd)
    # parsing makes hundreds of objects that live on: the collector would scan them all
    collecting = gc.isenabled()
    gc.disable()
    try:
        article = parse_article(file, data)
    finally:
        if collecting:
            gc.enable()
    if check_ids:
        check_id(Path(file), article.id)
    return article


@cache
def _article_schema() -> Any:
    import jsonschema_rs

    from newsdata.schema import load_schema

    return jsonschema_rs.validator_for(load_schema(), validate_formats=True)


def conforms(doc: object) -> bool:
    """Whether ``doc`` (parsed JSON) is valid against the shipped article schema: the fast
    yes/no, the same verdict as the models'."""
    try:
        return bool(_article_schema().is_valid(doc))
    except UnicodeEncodeError:  # a lone surrogate
        return False


def check_document(file: Path, data: bytes) -> dict[str, Any]:
    """The JSON object of an article file's bytes, checked against the contract.

    The fast path for readers that want dicts, not models (the columnar store, the
    integrity check): the JSON Schema gives the same verdict as the models.

    Raises
    ------
    CorpusError
        Naming the file and the first problem's JSON Pointer.
    """
    import orjson

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
    import json  # the standard library's: importing orjson costs more than it saves here

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


def vouched_articles(layout: CorpusLayout) -> dict[str, str]:
    """The article files ``newsdata build`` checked, by name, with the sha256 it recorded.

    `newsdata build` refuses an article that breaks the contract, so a file whose bytes
    still have the hash the descriptor records passed the same check (of this article
    format: a new format, a new check); a reader need not check it a second time.
    """

    def lean(pairs: list[tuple[str, Any]]) -> Any:
        # the build's forked workers would all carry every dict: keep only what is read
        found = dict(pairs)
        if "path" in found and "hash" in found:
            keep = {"path": found["path"], "hash": found["hash"], "format": found.get("format")}
            return keep if is_article_resource(keep) else None
        return found

    try:
        descriptor = load_descriptor(layout, object_pairs_hook=lean)
    except CorpusError:
        return {}
    built = descriptor.get("newsdata")
    if not isinstance(built, dict) or built.get("format") != ARTICLE_FORMAT:
        return {}
    resources = descriptor.get("resources")
    if not isinstance(resources, list):
        return {}
    return {
        r["path"].rsplit("/", 1)[-1]: r["hash"]
        for r in resources
        if is_article_resource(r) and isinstance(r.get("hash"), str)
    }
