"""The on-disk layout of a corpus directory: its file names, and the one rule for listing articles.

Every other module asks this one where things are, so a name is written once::

    <root>/
        datapackage.json            the Frictionless descriptor (``newsdata build``)
        articles/<id>.json          one article per file: the only hand-edited files
        tables/<layer>.csv          CSV views of every layer (``newsdata build``)
        croissant.json              Croissant metadata of the tables (``newsdata build``)
        README.md                   the dataset card (``newsdata build``)
        validation-exemptions.json  optional, reviewed exemptions from checks

The shipped corpus is found beside the package's own files: inside a wheel it is
package data (``newsdata/_data/dataset``); in a source checkout, the repository's
``dataset/``.
"""

from __future__ import annotations

import operator
import os
from dataclasses import dataclass
from functools import cache
from pathlib import Path

__all__ = [
    "ARTICLES_DIR",
    "ARTICLE_FORMAT",
    "ARTICLE_SUFFIX",
    "CARD",
    "CROISSANT",
    "DESCRIPTOR",
    "EXEMPTIONS",
    "TABLES_DIR",
    "CorpusLayout",
    "Listing",
    "Stray",
    "article_id",
    "dataset_dir",
    "is_article_resource",
    "is_repository_corpus",
    "repository_root",
    "schemas_dir",
    "table_path",
]

ARTICLES_DIR = "articles"
ARTICLE_SUFFIX = ".json"
DESCRIPTOR = "datapackage.json"
TABLES_DIR = "tables"
CROISSANT = "croissant.json"
CARD = "README.md"
EXEMPTIONS = "validation-exemptions.json"
TABLE_SUFFIX = ".csv"

ARTICLE_FORMAT = "newsdata-article/1"
"""The article format and its major version, recorded as ``newsdata.format`` in the descriptor."""


def table_path(name: str) -> str:
    """The corpus-relative path of the CSV view named ``name``, as resources record it.

    Examples
    --------
    >>> table_path("mentions")
    'tables/mentions.csv'
    """
    return f"{TABLES_DIR}/{name}{TABLE_SUFFIX}"


def is_article_resource(resource: object) -> bool:
    """Whether a descriptor resource is an article file (rather than a table view).

    Examples
    --------
    >>> is_article_resource({"path": "articles/a.json", "format": "json"})
    True
    >>> is_article_resource({"path": "tables/articles.csv", "format": "csv"})
    False
    """
    return (
        isinstance(resource, dict)
        and isinstance(resource.get("path"), str)
        and resource["path"].startswith(f"{ARTICLES_DIR}/")
        and resource.get("format") == "json"
    )


@cache
def _package_dir() -> Path:
    # Where the package lives does not change while it runs: resolved once. The corpus
    # is read as plain files (memory-mapped, listed, stat-ed), so the package must be
    # installed as files, which pip always does.
    return Path(__file__).resolve().parent


def _locate(name: str) -> Path:
    # A wheel carries the data inside the package (hatchling force-include);
    # an editable install or a source checkout has it at the repository's top.
    packaged = _package_dir() / "_data" / name
    if packaged.is_dir():
        return packaged
    return _package_dir().parent.parent / name


def dataset_dir() -> Path:
    """Return the directory of the corpus shipped with the package."""
    return _locate("dataset")


def schemas_dir() -> Path:
    """Return the directory of the shipped JSON Schemas."""
    return _locate("schemas")


def repository_root() -> Path | None:
    """Return the source checkout's top directory, or None in an installed wheel."""
    package = _package_dir()
    root = package.parent.parent
    if (root / "pyproject.toml").is_file() and not (package / "_data").is_dir():
        return root
    return None


def is_repository_corpus(root: Path) -> bool:
    """True when ``root`` is this repository's own ``dataset/`` (whose version is the package's)."""
    repo = repository_root()
    return repo is not None and root.resolve() == (repo / "dataset").resolve()


def article_id(name: str) -> str:
    """The article id a file name stands for (``"a-b.json"`` → ``"a-b"``)."""
    return name[: -len(ARTICLE_SUFFIX)] if name.endswith(ARTICLE_SUFFIX) else name


@dataclass(frozen=True)
class Stray:
    """An entry of ``articles/`` that is not an article file, and why."""

    name: str
    reason: str


@dataclass(frozen=True)
class Listing:
    """What ``articles/`` holds: article file names sorted by id, and the stray entries."""

    articles: list[str]
    stray: list[Stray]


@dataclass(frozen=True)
class CorpusLayout:
    """Where each part of the corpus at ``root`` lives.

    Examples
    --------
    >>> layout = CorpusLayout(Path("corpus"))
    >>> layout.article_path("a-1").as_posix(), layout.relative(layout.article_path("a-1"))
    ('corpus/articles/a-1.json', 'articles/a-1.json')
    """

    root: Path

    @property
    def articles_dir(self) -> Path:
        """The directory holding one JSON file per article."""
        return self.root / ARTICLES_DIR

    @property
    def descriptor(self) -> Path:
        """``datapackage.json``."""
        return self.root / DESCRIPTOR

    @property
    def tables_dir(self) -> Path:
        """The directory of the CSV views."""
        return self.root / TABLES_DIR

    @property
    def croissant(self) -> Path:
        """``croissant.json``."""
        return self.root / CROISSANT

    @property
    def card(self) -> Path:
        """``README.md``: the dataset card (Hugging Face Hub metadata and a summary)."""
        return self.root / CARD

    @property
    def exemptions(self) -> Path:
        """``validation-exemptions.json``."""
        return self.root / EXEMPTIONS

    def article_path(self, article: str) -> Path:
        """The file of the article with id ``article``."""
        return self.articles_dir / f"{article}{ARTICLE_SUFFIX}"

    def table_path(self, layer: str) -> Path:
        """The CSV view of ``layer`` (the table named ``layer``)."""
        return self.root / table_path(layer)

    def articles_problem(self, shown: str | None = None) -> str | None:
        """Why ``articles/`` cannot be read as a corpus's articles, or None when it can.

        The one rule, with one message per case: the directory must exist and be a real
        directory (a link is never followed, so a corpus reads only itself). ``shown``: the
        corpus directory as the user named it (default: the root's path).

        Examples
        --------
        >>> CorpusLayout(Path("/nonexistent")).articles_problem()
        '/nonexistent: no articles/ directory; not a corpus (`newsdata init DIR` makes a new one)'
        """
        root = self.root if shown is None else shown
        if self.articles_dir.is_symlink():
            return (
                f"{root}/{ARTICLES_DIR}: a symbolic link; a corpus never reads outside its "
                "directory, so make it a real directory"
            )
        if not self.articles_dir.is_dir():
            return (
                f"{root}: no {ARTICLES_DIR}/ directory; not a corpus "
                "(`newsdata init DIR` makes a new one)"
            )
        return None

    def relative(self, path: Path) -> str:
        """``path`` relative to the root, with ``/`` (as resource paths are written)."""
        return path.relative_to(self.root).as_posix()

    def scan(self) -> Listing:
        """List ``articles/`` with the one rule for what is an article.

        An article is a regular file (not a symbolic link, so a corpus never reads
        outside its directory) named ``<id>.json`` whose name does not start with a
        dot. Everything else is stray: readers skip it, the validator reports it.
        """
        names: list[str] = []
        stray: list[Stray] = []
        suffix = ARTICLE_SUFFIX
        # The common case first, with as few calls per entry as possible: listing is
        # all that loading a corpus does (100,000 entries: 0.32 s before, see benchmarks/).
        # `is_file(follow_symlinks=False)` is false for a link: links fall to the else.
        with os.scandir(self.articles_dir) as entries:
            for e in entries:
                name = e.name
                if name.endswith(suffix) and name[0] != "." and e.is_file(follow_symlinks=False):
                    names.append(name)
                elif e.is_symlink():
                    stray.append(
                        Stray(name, "a symbolic link; article files must be regular files")
                    )
                else:
                    stray.append(Stray(name, f"{name!r} is not an article file (<id>.json)"))
        # by id, not by file name ("a-b.json" < "a.json" but "a" < "a-b"): the name
        # without its suffix, sliced in C
        names.sort(key=operator.itemgetter(slice(None, -len(suffix))))
        stray.sort(key=lambda s: s.name)
        return Listing(names, stray)

    def article_names(self) -> list[str]:
        """The file names of the articles, sorted by id (see :meth:`scan` for the rule).

        Names only, not paths: streaming keeps just this list in memory.
        """
        return self.scan().articles

    def article_files(self) -> list[Path]:
        """The article files, sorted by id (see :meth:`article_names` for the rule)."""
        directory = self.articles_dir
        return [directory / name for name in self.article_names()]
