"""`newsdata.validate`: every check, written once, run the same from the CLI, the API and the tests.

Levels, in order: ``file`` (bytes to a JSON object), ``schema`` (the JSON
Schemas), ``semantic`` (offsets, references, tiling, values), ``corpus`` (ids and
files across the corpus) and ``package`` (``datapackage.json``). An article file
is checked up to the semantic level; a corpus directory at every level. A level
runs on a document only when the level before it could read that document.
"""

from __future__ import annotations

import datetime
import os
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any

from newsdata._paths import dataset_dir
from newsdata.loader import ARTICLES
from newsdata.validate.codes import CHECKS, LEVELS, Check
from newsdata.validate.filelevel import Parsed, parse_bytes, parse_file
from newsdata.validate.package import check_package
from newsdata.validate.report import Problem, Report
from newsdata.validate.schemalevel import check_schema
from newsdata.validate.semantic import check_semantic

__all__ = [
    "CHECKS",
    "LEVELS",
    "Check",
    "Problem",
    "Report",
    "check_article",
    "validate",
    "validate_bytes",
]

EXEMPTIONS = "validation-exemptions.json"
Progress = Callable[[int, int], None]


def check_article(parsed: Parsed, today: datetime.date | None = None) -> list[Problem]:
    """Run the schema and semantic levels on a parsed file; return every problem found."""
    problems = list(parsed.problems)
    if parsed.value is None:
        return problems
    schema_problems = check_schema(parsed)
    problems.extend(schema_problems)
    if not schema_problems:
        problems.extend(check_semantic(parsed, today))
    return problems


def validate_bytes(data: bytes, name: str = "<bytes>", *,
                   today: datetime.date | None = None) -> Report:
    """Validate one article given as bytes (levels file, schema, semantic).

    Examples
    --------
    >>> validate_bytes(b'{"id": "x"').errors[0].code
    'json-syntax'
    """
    return Report(check_article(parse_bytes(name, data), today), files=1, articles=1)


def _display(path: Path) -> str:
    try:
        return os.path.relpath(path)
    except ValueError:  # another drive on Windows
        return str(path)


def _validate_corpus(root: Path, report: Report, today: datetime.date | None,
                     progress: Progress | None) -> None:
    display = _display(root)
    problems: list[Problem] = []
    articles = root / ARTICLES
    if not articles.is_dir():
        report.problems.append(Problem("corpus-no-articles", "corpus",
                                       f"no {ARTICLES}/ directory in {display}", display))
        return
    entries = sorted(articles.iterdir(), key=lambda p: p.name)
    files = []
    for entry in entries:
        rel = f"{display}/{ARTICLES}/{entry.name}"
        if entry.is_symlink():
            problems.append(Problem("corpus-stray-file", "corpus",
                                    "a symbolic link; article files must be regular files", rel))
        elif entry.suffix != ".json" or not entry.is_file() or entry.name.startswith("."):
            problems.append(Problem("corpus-stray-file", "corpus",
                                    f"{entry.name!r} is not an article file (<id>.json)", rel))
        else:
            files.append(entry)
    owners: dict[str, str] = {}
    for done, file in enumerate(files, 1):
        rel = f"{display}/{ARTICLES}/{file.name}"
        parsed = parse_file(file, rel)
        found = check_article(parsed, today)
        problems.extend(found)
        report.files += 1
        report.articles += 1
        doc = parsed.value
        if isinstance(doc, dict) and isinstance(doc.get("id"), str):
            if doc["id"] != file.stem:
                problems.append(parsed.problem(
                    "corpus-filename", f"file name {file.name!r} differs from id {doc['id']!r}", "/id"))
            if doc["id"] in owners:
                problems.append(parsed.problem(
                    "corpus-duplicate-id", f"id {doc['id']!r} is also used by {owners[doc['id']]}", "/id"))
            owners.setdefault(doc["id"], rel)
        if progress is not None:
            progress(done, len(files))
    problems.extend(check_package(root, display))
    report.files += 1
    report.problems.extend(_apply_exemptions(root, display, problems))


def _apply_exemptions(root: Path, display: str, problems: list[Problem]) -> list[Problem]:
    """Drop problems the corpus exempts; report exemptions that no longer match anything."""
    file = root / EXEMPTIONS
    if not file.is_file():
        return problems
    name = f"{display}/{EXEMPTIONS}"
    parsed = parse_file(file, name)
    if parsed.problems:
        return problems + parsed.problems
    entries: Any = parsed.value
    if not isinstance(entries, list) or not all(
        isinstance(e, dict) and isinstance(e.get("file"), str) and e.get("code") in CHECKS
        and isinstance(e.get("reason"), str) for e in entries
    ):
        return [*problems, Problem("exemption-invalid", "package",
                                   "expected a list of {file, code, reason} with known codes", name)]
    kept = []
    used = [False] * len(entries)
    for problem in problems:
        for i, entry in enumerate(entries):
            if problem.code == entry["code"] and problem.file == f"{display}/{entry['file']}":
                used[i] = True
                break
        else:
            kept.append(problem)
    for i, entry in enumerate(entries):
        if not used[i]:
            kept.append(parsed.problem("exemption-unused",
                                       f"no {entry['code']} error in {entry['file']} any more; "
                                       "remove this exemption", f"/{i}"))
    return kept


def validate(*paths: str | Path, today: datetime.date | None = None,
             progress: Progress | None = None) -> Report:
    """Validate article files and corpus directories; report every problem found.

    Parameters
    ----------
    *paths
        Article files (checked at the file, schema and semantic levels) or corpus
        directories (every level). None given: the corpus shipped with the package.
    today
        The date against which ``published`` may not lie in the future (default: today).
    progress
        Called as ``progress(done, total)`` after each article of a corpus.

    Returns
    -------
    Report
        ``valid`` and the located problems.

    Raises
    ------
    FileNotFoundError
        When a path does not exist.

    Examples
    --------
    >>> import newsdata
    >>> report = newsdata.validate()
    >>> report.valid
    True
    """
    targets = [Path(p) for p in paths] or [dataset_dir()]
    for target in targets:
        if not target.exists():
            raise FileNotFoundError(f"{target}: no such file or directory")
    report = Report()
    for target in targets:
        if target.is_dir():
            _validate_corpus(target, report, today, progress)
        else:
            parsed = parse_file(target, _display(target))
            report.problems.extend(check_article(parsed, today))
            report.files += 1
            report.articles += 1
    return report


def iter_codes(level: str | None = None) -> Iterable[Check]:
    """The checks, in level order (optionally only one level's)."""
    return [c for c in CHECKS.values() if level is None or c.level == level]


