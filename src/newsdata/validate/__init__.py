"""`newsdata.validate`: every check, written once, run the same from the CLI, the API and the tests.

Levels, in order: ``file`` (bytes to a JSON object), ``schema`` (the JSON
Schemas), ``semantic`` (offsets, references, tiling, values), ``corpus`` (ids and
files across the corpus) and ``package`` (``datapackage.json``). An article file
is checked up to the semantic level; a corpus directory at every level. A level
runs on a document only when the level before it could read that document.
"""

from __future__ import annotations

import datetime
import multiprocessing
import os
import sys
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from newsdata.layout import ARTICLES_DIR, CorpusLayout, dataset_dir
from newsdata.stats import Tally
from newsdata.validate.codes import CHECKS, LEVELS, Check
from newsdata.validate.filelevel import (
    Parsed,
    article_keys_are_unique,
    duplicate_key_problems,
    parse_bytes,
    parse_file,
)
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

Progress = Callable[[int, int], None]


def check_article(parsed: Parsed, today: datetime.date | None = None) -> list[Problem]:
    """Run the schema and semantic levels on a parsed file; return every problem found."""
    problems = list(parsed.problems)
    if parsed.value is None:
        return problems
    schema_problems = check_schema(parsed)
    if parsed.keys_unchecked and (schema_problems or not article_keys_are_unique(parsed)):
        problems.extend(duplicate_key_problems(parsed))
    problems.extend(schema_problems)
    if not schema_problems:
        problems.extend(check_semantic(parsed, today))
    return problems


def validate_bytes(
    data: bytes, name: str = "<bytes>", *, today: datetime.date | None = None
) -> Report:
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


_CHUNK = 250


@dataclass
class _Checked:
    """What checking a chunk of article files found."""

    files: int = 0
    problems: list[Problem] = field(default_factory=list)
    ids: list[tuple[str, str]] = field(default_factory=list)
    tally: Tally | None = field(default_factory=Tally)


def _check_chunk(job: tuple[str, list[Path], datetime.date | None]) -> _Checked:
    display, files, today = job
    checked = _Checked()
    for file in files:
        rel = f"{display}/{ARTICLES_DIR}/{file.name}"
        parsed = parse_file(file, rel)
        found = check_article(parsed, today)
        checked.files += 1
        checked.problems.extend(found)
        if found or checked.tally is None:
            checked.tally = None
        else:
            checked.tally.add(parsed.value)
        doc = parsed.value
        if isinstance(doc, dict) and isinstance(doc.get("id"), str):
            if doc["id"] != file.stem:
                checked.problems.append(
                    parsed.problem(
                        "corpus-filename",
                        f"file name {file.name!r} differs from id {doc['id']!r}",
                        "/id",
                    )
                )
            checked.ids.append((rel, doc["id"]))
    return checked


def _at_id(rel: str, code: str, message: str) -> Problem:
    """A problem at an article's ``/id``, located by reading the file again (a rare path)."""
    parsed = parse_file(Path(rel), rel)
    return parsed.problem(code, message, "/id")


def _validate_corpus(
    root: Path,
    report: Report,
    today: datetime.date | None,
    progress: Progress | None,
    workers: int,
) -> None:
    display = _display(root)
    problems: list[Problem] = []
    layout = CorpusLayout(root)
    if not layout.articles_dir.is_dir():
        report.problems.append(
            Problem.of("corpus-no-articles", f"no {ARTICLES_DIR}/ directory in {display}", display)
        )
        return
    listing = layout.scan()
    for stray in listing.stray:
        rel = f"{display}/{ARTICLES_DIR}/{stray.name}"
        problems.append(Problem.of("corpus-stray-file", stray.reason, rel))
    files = [layout.articles_dir / name for name in listing.articles]
    chunks = [files[k : k + _CHUNK] for k in range(0, len(files), _CHUNK)]
    jobs = [(display, chunk, today) for chunk in chunks]
    results: Iterable[_Checked]
    pool = None
    if workers > 1 and len(files) >= 500:
        # Articles are checked independently, so large corpora are spread over
        # processes; "fork" starts them without importing anything again.
        pool = multiprocessing.get_context("fork").Pool(min(workers, len(chunks)))
        results = pool.imap(_check_chunk, jobs)
    else:
        results = map(_check_chunk, jobs)
    owners: dict[str, str] = {}
    tally: Tally | None = Tally()
    done = 0
    try:
        for checked in results:
            problems.extend(checked.problems)
            if tally is not None and checked.tally is not None:
                tally.merge(checked.tally)
            else:
                tally = None  # counts are only meaningful when every article is valid
            for rel, article_id in checked.ids:
                if article_id in owners:
                    problems.append(
                        _at_id(
                            rel,
                            "corpus-duplicate-id",
                            f"id {article_id!r} is also used by {owners[article_id]}",
                        )
                    )
                owners.setdefault(article_id, rel)
            done += checked.files
            report.files += checked.files
            report.articles += checked.files
            if progress is not None:
                progress(done, len(files))
    finally:
        if pool is not None:
            pool.close()
            pool.join()
    problems.extend(check_package(root, display, tally.result() if tally else None))
    report.files += 1
    report.problems.extend(_apply_exemptions(root, display, problems))


def _apply_exemptions(root: Path, display: str, problems: list[Problem]) -> list[Problem]:
    """Drop problems the corpus exempts; report exemptions that no longer match anything."""
    file = CorpusLayout(root).exemptions
    if not file.is_file():
        return problems
    name = f"{display}/{file.name}"
    parsed = parse_file(file, name, expect_object=False)
    if parsed.problems:
        return problems + parsed.problems
    entries: Any = parsed.value
    if not isinstance(entries, list) or not all(
        isinstance(e, dict)
        and isinstance(e.get("file"), str)
        and e.get("code") in CHECKS
        and isinstance(e.get("reason"), str)
        for e in entries
    ):
        return [
            *problems,
            Problem.of(
                "exemption-invalid",
                "expected a list of {file, code, reason} with known codes",
                name,
            ),
        ]
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
            kept.append(
                parsed.problem(
                    "exemption-unused",
                    f"no {entry['code']} error in {entry['file']} any more; remove this exemption",
                    f"/{i}",
                )
            )
    return kept


def _workers(asked: int | None) -> int:
    if asked is not None:
        return max(1, asked)
    if sys.platform != "linux":  # "fork" is safe and cheap only there
        return 1
    return max(1, min(4, len(os.sched_getaffinity(0))))


def validate(
    *paths: str | Path,
    today: datetime.date | None = None,
    progress: Progress | None = None,
    workers: int | None = None,
) -> Report:
    """Validate article files and corpus directories; report every problem found.

    Parameters
    ----------
    *paths
        Article files (checked at the file, schema and semantic levels) or corpus
        directories (every level). None given: the corpus shipped with the package.
    today
        The date against which ``published`` may not lie in the future (default: today).
    progress
        Called as ``progress(done, total)`` as the articles of a corpus are checked.
    workers
        Processes to check a large corpus with (default: one per CPU, at most 4;
        corpora of fewer than 500 articles are always checked in this process).

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
            _validate_corpus(target, report, today, progress, _workers(workers))
        else:
            parsed = parse_file(target, _display(target))
            report.problems.extend(check_article(parsed, today))
            report.files += 1
            report.articles += 1
    return report
