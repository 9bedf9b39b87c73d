"""Whether a corpus's files are what ``datapackage.json`` records and ``newsdata build`` writes.

The one integrity check: ``newsdata validate`` (its package level) and
``newsdata.load(verify=True)`` both run :func:`check_files` and differ only in how they
report its findings (located problems; an :class:`~newsdata.loader.IntegrityError`).
It covers every file the descriptor lists (safe path, present, size and sha256), every
article file (listed), the descriptor itself (what ``build`` would write for these
files and counts) and the files ``build`` derives from the descriptor: ``croissant.json``
and the dataset card when the corpus keeps its table views, and none of the three when
it does not (``newsdata build --no-tables`` removes them). Whether the table views' rows
still match the articles is ``newsdata build --check``'s question: answering it means
writing every table again.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from pathlib import Path, PurePosixPath
from typing import Any

from newsdata._io import read_article_file, sha256_digest
from newsdata.datapackage.card import CARD_MARK, card
from newsdata.datapackage.croissant import croissant_bytes
from newsdata.datapackage.descriptor import PackageInfo, describe, slug
from newsdata.datapackage.tables import TABLES
from newsdata.layout import ARTICLES_DIR, DESCRIPTOR, CorpusLayout

__all__ = ["Finding", "check_files", "generated_files", "leftovers"]

_PROFILES = {"data-package", "tabular-data-package", "data-resource", "tabular-data-resource"}


@dataclass(frozen=True)
class Finding:
    """One way the files differ from what is recorded or what ``build`` writes.

    ``code`` is a validation code (``package-*``); ``file`` the corpus-relative path of
    the file concerned; ``pointer`` a JSON Pointer into ``datapackage.json`` when the
    finding is about one of its values.
    """

    code: str
    message: str
    file: str = DESCRIPTOR
    pointer: str | None = None


def generated_files(
    layout: CorpusLayout, descriptor: PackageInfo | Mapping[str, Any]
) -> dict[Path, bytes]:
    """The files ``build`` derives from the descriptor alone, with their content.

    Examples
    --------
    >>> from newsdata.layout import dataset_dir
    >>> layout = CorpusLayout(dataset_dir())
    >>> sorted(p.name for p in generated_files(layout, PackageInfo()))
    ['README.md', 'croissant.json']
    >>> generated_files(layout, PackageInfo(tables=False))
    {}
    """
    if not isinstance(descriptor, PackageInfo):
        descriptor = PackageInfo.from_json(descriptor)
    if not descriptor.tables:
        return {}
    data_files = {t.name: t.path for t in TABLES}
    return {
        layout.croissant: croissant_bytes(descriptor),
        layout.card: card(descriptor, data_files).encode("utf-8"),
    }


def is_generated_card(path: Path) -> bool:
    """Whether ``path`` is a dataset card ``build`` wrote: the Hub's front matter first
    and the generated sentence, not a hand-written ``README.md`` (which may quote it)."""
    if path.is_symlink() or not path.is_file():
        return False
    with path.open("rb") as handle:
        head = handle.read(1 << 16)
    return head.startswith(b"---\npretty_name: ") and f"{CARD_MARK};".encode() in head


def leftovers(layout: CorpusLayout) -> list[Path]:
    """Files ``build`` writes only with the table views: the tables (or a link where the
    ``tables`` folder goes: the link, never what it points at), ``croissant.json``, and a
    ``README.md`` that is a card ``build`` wrote (a hand-written one is kept)."""
    if layout.tables_dir.is_symlink():
        found = [layout.tables_dir]
    else:
        found = [layout.table_path(t.name) for t in TABLES]
    found.append(layout.croissant)
    found = [p for p in found if p.is_symlink() or p.is_file()]
    if is_generated_card(layout.card):
        found.append(layout.card)
    return found


def _safe(root: Path, rel: Any, inside: dict[Path, bool]) -> Path | None:
    """The file a resource path names, or None when it is not a local path inside ``root``.

    ``inside`` caches, per directory, whether it resolves inside the root (every
    article shares one directory, so the costly resolution runs once).
    """
    if not isinstance(rel, str) or not rel or "://" in rel or "\\" in rel:
        return None
    pure = PurePosixPath(rel)
    if pure.is_absolute() or ".." in pure.parts:
        return None
    target = root / pure
    try:
        parent = target.parent
        if parent not in inside:
            inside[parent] = parent.resolve().is_relative_to(root.resolve())
        if target.is_symlink():
            return target if target.resolve().is_relative_to(root.resolve()) else None
    except (OSError, RuntimeError):  # RuntimeError: a loop of symbolic links
        return None
    return target if inside[parent] else None


def _read_by_caller(
    layout: CorpusLayout,
    rel: Any,
    digests: Mapping[str, tuple[int, str]] | None,
    resolved: dict[Path, bool],
) -> tuple[int, str] | None:
    """The size and digest the caller found for ``rel``, when it is an article file the
    caller read: ``articles/<name>``, opened as a regular file, never through a link. Such
    a path is what :func:`_safe` accepts, provided ``articles/`` lies inside the root and
    the name holds no backslash; the path objects _safe makes per file are then spared."""
    if digests is None or not isinstance(rel, str) or "\\" in rel:
        return None
    known = digests.get(rel)
    if known is None:
        return None
    articles = layout.articles_dir
    if articles not in resolved:
        try:
            resolved[articles] = articles.resolve().is_relative_to(layout.root.resolve())
        except (OSError, RuntimeError):
            resolved[articles] = False
    return known if resolved[articles] else None


def remote_references(descriptor: Mapping[str, Any]) -> list[str]:
    """Pointers to profiles, schemas or dialects given as files or addresses.

    Frictionless would fetch them; nothing that checks a corpus may fetch what it names.
    """
    found = []
    resources = descriptor.get("resources")
    nodes = [("", descriptor)] + [
        (f"/resources/{i}", r)
        for i, r in enumerate(resources if isinstance(resources, list) else [])
        if isinstance(r, dict)
    ]
    for base, node in nodes:
        for key in ("profile", "$schema", "schema", "dialect"):
            value = node.get(key)
            if isinstance(value, str) and not (key == "profile" and value in _PROFILES):
                found.append(f"{base}/{key}")
    return found


Counts = Mapping[str, Any] | Callable[[], Mapping[str, Any] | None] | None


def check_files(
    layout: CorpusLayout,
    descriptor: Mapping[str, Any],
    *,
    counts: Counts = None,
    article: Callable[[Path, bytes], None] | None = None,
    digests: Mapping[str, tuple[int, str]] | None = None,
) -> list[Finding]:
    """Every way the corpus's files differ from the descriptor and from what ``build`` writes.

    Parameters
    ----------
    layout
        The corpus.
    descriptor
        Its ``datapackage.json``, parsed.
    counts
        The articles' counts (:class:`newsdata.stats.Tally`), or a function giving them
        once every listed file was read, or None (the articles are not all valid): the
        descriptor's staleness and the derived files are then not compared.
    article
        Called with each listed article file and its bytes as they are read, so that a
        caller can check or count the articles without reading them again.
    digests
        The size and sha256 digest of the article files the caller has just read (as
        regular files, never through a link), by corpus-relative path
        (``articles/<id>.json``): a resource with one of these paths is not read again.
        Not used with ``article``, which needs every file's bytes.

    Examples
    --------
    >>> from newsdata.layout import dataset_dir
    >>> from newsdata.loader import load_descriptor
    >>> layout = CorpusLayout(dataset_dir())
    >>> check_files(layout, load_descriptor(layout))
    []
    """
    root = layout.root
    out: list[Finding] = []
    resources = descriptor.get("resources")
    if not isinstance(resources, list):
        out.append(
            Finding(
                "package-frictionless",
                "`resources` must be a list of resource objects",
                pointer="/resources",
            )
        )
        resources = []
    listed: set[str] = set()
    hashed: dict[str, tuple[int, str]] = {}
    resolved: dict[Path, bool] = {}
    digests = digests if article is None else None
    for i, resource in enumerate(resources):
        if not isinstance(resource, dict):
            continue
        paths = resource.get("path")
        for j, rel in enumerate(paths if isinstance(paths, list) else [paths]):
            pointer = f"/resources/{i}/path" + (f"/{j}" if isinstance(paths, list) else "")
            read_before = _read_by_caller(layout, rel, digests, resolved)
            if read_before is not None:
                listed.add(rel)
                size, digest = hashed[rel] = read_before
            else:
                target = _safe(root, rel, resolved)
                if target is None:
                    out.append(
                        Finding(
                            "package-unsafe-path",
                            f"resource path {rel!r} is not a local path inside the corpus",
                            pointer=pointer,
                        )
                    )
                    continue
                key = str(PurePosixPath(rel))
                listed.add(key)
                if not target.is_file():
                    message = f"{rel} is listed but does not exist"
                    out.append(Finding("package-missing-file", message, pointer=pointer))
                    continue
                try:
                    data = read_article_file(target)  # the one reader: never through a link
                except OSError as exc:
                    message = f"{rel} is listed but cannot be read ({exc.strerror})"
                    out.append(Finding("package-missing-file", message, pointer=pointer))
                    continue
                size, digest = hashed[key] = (len(data), sha256_digest(data))
                if article is not None and target.parent == layout.articles_dir:
                    article(target, data)
            if not isinstance(paths, list) and (
                resource.get("hash") != digest or resource.get("bytes") != size
            ):
                out.append(
                    Finding(
                        "package-hash",
                        f"{rel}: recorded {resource.get('hash')} and {resource.get('bytes')} "
                        f"bytes, found {digest} and {size} bytes; the file changed after "
                        "the build",
                        pointer=f"/resources/{i}",
                    )
                )
    out += [
        Finding(
            "package-unsafe-path",
            "profiles, schemas and dialects must be built in or inline, not files or addresses",
            pointer=remote,
        )
        for remote in remote_references(descriptor)
    ]
    # as layout.relative names the article files, without a path object per article
    names = [] if layout.articles_problem() else layout.article_names()
    article_paths = [f"{ARTICLES_DIR}/{name}" for name in names]
    for rel in article_paths:  # strays, and articles/ itself, are the corpus level's question
        if rel not in listed:
            out.append(
                Finding(
                    "package-unlisted", f"{rel} is not listed as a resource", pointer="/resources"
                )
            )
    known = counts() if callable(counts) else counts
    if out or known is None:
        return out
    info = PackageInfo.from_json(descriptor)
    tables = None
    if info.tables:
        tables = {t.path: hashed[t.path] for t in TABLES if t.path in hashed}
        if len(tables) != len(TABLES):
            tables = None  # a table is not listed: the comparison below says so
    articles = {rel: hashed[rel] for rel in article_paths}
    name = slug(root.resolve().name)
    expected = describe(info, articles=articles, counts=known, tables=tables, name=name).to_dict()
    if expected != descriptor:
        stale = sorted(
            k for k in set(expected) | set(descriptor) if expected.get(k) != descriptor.get(k)
        )
        message = f"{', '.join(stale)} differ from what `newsdata build` writes"
        return [Finding("package-stale", message, pointer=f"/{stale[0]}")]
    generated = generated_files(layout, info)
    for path, content in generated.items():
        rel = layout.relative(path)
        if path.is_symlink() or not path.is_file():
            out.append(Finding("package-stale", f"{rel} is missing", file=rel))
        elif path.read_bytes() != content:
            message = f"{rel} differs from what `newsdata build` writes from {DESCRIPTOR}"
            out.append(Finding("package-stale", message, file=rel))
    if not generated:
        out += [
            Finding(
                "package-leftover",
                f"{layout.relative(path)} is left from a build with table views, which "
                f"{DESCRIPTOR} no longer has",
                file=layout.relative(path),
            )
            for path in leftovers(layout)
        ]
    return out
