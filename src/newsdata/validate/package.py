"""Level 5: ``datapackage.json``: files, sizes, hashes, safe paths, Frictionless, staleness.

Whether the versions of the repository agree (pyproject, changelog, citation) is the
release script's question, not the library's: the validator reads only the corpus.
"""

from __future__ import annotations

from pathlib import Path, PurePosixPath
from typing import Any

from newsdata._io import sha256_digest
from newsdata.datapackage.descriptor import describe, is_article_resource, wants_tables
from newsdata.datapackage.tables import TABLES
from newsdata.layout import DESCRIPTOR, CorpusLayout
from newsdata.validate.filelevel import parse_file
from newsdata.validate.report import Problem

__all__ = ["check_package"]

_PROFILES = {"data-package", "tabular-data-package", "data-resource", "tabular-data-resource"}


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


def _remote_references(descriptor: dict[str, Any]) -> list[str]:
    # Frictionless would fetch a profile, schema or dialect given as a URL; the
    # validator must never fetch what its input names.
    found = []
    nodes = [("", descriptor)] + [
        (f"/resources/{i}", r)
        for i, r in enumerate(descriptor.get("resources") or [])
        if isinstance(r, dict)
    ]
    for base, node in nodes:
        for key in ("profile", "$schema", "schema", "dialect"):
            value = node.get(key)
            if isinstance(value, str) and not (key == "profile" and value in _PROFILES):
                found.append(f"{base}/{key}")
    return found


def check_package(root: Path, display: str, counts: dict[str, Any] | None = None) -> list[Problem]:
    """Check the corpus's data package descriptor and the files it lists.

    ``counts`` are the counts of the corpus's articles when every article is valid
    (the staleness check needs them); None skips that check.
    """
    layout = CorpusLayout(root)
    file = layout.descriptor
    name = f"{display}/{DESCRIPTOR}"
    if file.is_symlink():
        message = f"{DESCRIPTOR} is a symbolic link; a corpus never reads outside its directory"
        return [Problem.of("package-unsafe-path", message, name)]
    if not file.is_file():
        return [Problem.of("package-missing", f"no {DESCRIPTOR} in the corpus directory", name)]
    parsed = parse_file(file, name)
    if parsed.problems or not isinstance(parsed.value, dict):
        return parsed.problems
    descriptor: dict[str, Any] = parsed.value
    out: list[Problem] = []

    def add(code: str, message: str, pointer: str | None = None) -> None:
        out.append(parsed.problem(code, message, pointer))

    resources = descriptor.get("resources")
    if not isinstance(resources, list):
        add("package-frictionless", "`resources` must be a list of resource objects", "/resources")
        resources = []
    listed: set[str] = set()
    hashed: dict[str, tuple[int, str]] = {}
    resolved: dict[Path, bool] = {}
    safe = True
    for i, resource in enumerate(resources):
        if not isinstance(resource, dict):
            continue
        paths = resource.get("path")
        for j, rel in enumerate(paths if isinstance(paths, list) else [paths]):
            pointer = f"/resources/{i}/path" + (f"/{j}" if isinstance(paths, list) else "")
            target = _safe(root, rel, resolved)
            if target is None:
                safe = False
                add(
                    "package-unsafe-path",
                    f"resource path {rel!r} is not a local path inside the corpus",
                    pointer,
                )
                continue
            listed.add(str(PurePosixPath(rel)))
            if not target.is_file():
                add("package-missing-file", f"{rel} is listed but does not exist", pointer)
                continue
            data = target.read_bytes()
            digest = sha256_digest(data)
            hashed[str(PurePosixPath(rel))] = (len(data), digest)
            if not isinstance(paths, list) and (
                resource.get("hash") != digest or resource.get("bytes") != len(data)
            ):
                add(
                    "package-hash",
                    f"{rel}: recorded {resource.get('hash')} and "
                    f"{resource.get('bytes')} bytes, found {digest} and {len(data)} bytes",
                    f"/resources/{i}",
                )
    for remote in _remote_references(descriptor):
        safe = False
        add(
            "package-unsafe-path",
            "profiles, schemas and dialects must be built in or inline, not files or addresses",
            remote,
        )
    if layout.articles_dir.is_dir():
        for article in layout.article_files():  # strays are reported at the corpus level
            rel = layout.relative(article)
            if rel not in listed:
                add("package-unlisted", f"{rel} is not listed as a resource", "/resources")
    derived: list[Problem] = []  # about files derived from the descriptor (croissant.json)
    if not out and counts is not None:
        # Table files are checked against their recorded size and hash above; whether
        # their rows still match the articles is `newsdata build --check`'s question.
        tables = None
        if wants_tables(descriptor):
            tables = {t.path: hashed[t.path] for t in TABLES if t.path in hashed}
            if len(tables) != len(TABLES):
                tables = None  # a table is not listed: the comparison below says so
        expected = describe(layout, descriptor, counts=counts, hashed=hashed, tables=tables)
        if expected != descriptor:
            stale = sorted(
                k for k in set(expected) | set(descriptor) if expected.get(k) != descriptor.get(k)
            )
            add(
                "package-stale",
                f"{', '.join(stale)} differ from what `newsdata build` writes",
                f"/{stale[0]}",
            )
        elif tables is not None:
            derived = _croissant_problems(layout, descriptor, display)
    if safe and not out:
        # Frictionless repeats the size, hash and missing-file findings above in
        # its own words; it runs when newsdata's own checks pass.
        out.extend(_frictionless(root, descriptor, name))
    out.extend(derived)
    return out


def _croissant_problems(
    layout: CorpusLayout, descriptor: dict[str, Any], display: str
) -> list[Problem]:
    """``croissant.json`` must be exactly what the descriptor describes."""
    from newsdata.datapackage.croissant import croissant_bytes

    file = layout.croissant
    name = f"{display}/{file.name}"
    if file.is_symlink() or not file.is_file():
        return [
            Problem.of("package-stale", "croissant.json is missing; run `newsdata build`", name)
        ]
    if file.read_bytes() != croissant_bytes(descriptor):
        message = "croissant.json differs from what `newsdata build` writes"
        return [Problem.of("package-stale", message, name)]
    return []


def _frictionless(root: Path, descriptor: dict[str, Any], name: str) -> list[Problem]:
    """Frictionless's own validation of the descriptor and its resources.

    For a JSON resource Frictionless checks only its size and hash, which newsdata
    has just checked for every article; handing it thousands of article resources
    costs about 2.5 ms each, so the copy it validates keeps one of them (all are
    written alike by `newsdata build`, and a hand-edit of any other is reported as
    package-stale). `frictionless validate datapackage.json` still checks them all.
    """
    try:
        import frictionless
    except ImportError:
        return [
            Problem.of(
                "package-frictionless-unavailable",
                "frictionless is not installed; its descriptor check was skipped "
                '(pip install "newsdata[validate]")',
                name,
            )
        ]
    resources = descriptor.get("resources", [])
    articles = [r for r in resources if is_article_resource(r)]
    checked = dict(descriptor)
    checked["resources"] = [r for r in resources if not is_article_resource(r)] + articles[:1]
    report = frictionless.validate(checked, type="package", basepath=str(root))
    errors = list(report.errors)
    for task in report.tasks:
        errors.extend(task.errors)
    return [Problem.of("package-frictionless", f"{e.type}: {e.message}", name) for e in errors]
