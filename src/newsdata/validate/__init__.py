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
import sys
from pathlib import Path

from newsdata.layout import dataset_dir
from newsdata.validate.article import check_article, validate_bytes
from newsdata.validate.codes import CHECKS, LEVELS, Check
from newsdata.validate.corpus import Progress, display_path, validate_corpus
from newsdata.validate.filelevel import parse_file
from newsdata.validate.report import Problem, Report

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
            validate_corpus(target, report, today, progress, _workers(workers))
        else:
            parsed = parse_file(target, display_path(target))
            report.problems.extend(check_article(parsed, today))
            report.files += 1
            report.articles += 1
    return report
