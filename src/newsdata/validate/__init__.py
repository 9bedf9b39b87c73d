"""`newsdata.validate`: every check, written once, run the same from the CLI, the API and the tests.

Levels, in order: ``file`` (bytes to a JSON object, its characters), ``schema`` (the JSON
Schemas), ``semantic`` (offsets, references, tiling, values), ``corpus`` (ids and
files across the corpus) and ``package`` (``datapackage.json``). An article file
is checked up to the semantic level; a corpus directory at every level. A level
runs on a document only when the level before it could read that document.
"""

from __future__ import annotations

import datetime
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from newsdata._lazy import lazy_names

if TYPE_CHECKING:
    from newsdata.validate.article import check_article, validate_bytes
    from newsdata.validate.codes import CHECKS, LEVELS, Check
    from newsdata.validate.report import Problem, Report

# Every part is imported on first use (:mod:`newsdata._lazy`): `import newsdata` imports
# this package for `newsdata.validate`, and reading a corpus should not pay for the checks
# (the models, the schema, the table of codes) until something is checked.
__getattr__, _ = lazy_names(
    __name__,
    {
        "CHECKS": f"{__name__}.codes:CHECKS",
        "LEVELS": f"{__name__}.codes:LEVELS",
        "Check": f"{__name__}.codes:Check",
        "Problem": f"{__name__}.report:Problem",
        "Report": f"{__name__}.report:Report",
        "check_article": f"{__name__}.article:check_article",
        "validate_bytes": f"{__name__}.article:validate_bytes",
    },
)

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


def validate(
    *paths: str | Path,
    today: datetime.date | None = None,
    progress: Callable[[int, int], None] | None = None,
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
    from newsdata._parallel import default_workers
    from newsdata.layout import ARTICLES_DIR, dataset_dir
    from newsdata.validate.article import check_article, check_file_name
    from newsdata.validate.corpus import display_path, validate_corpus
    from newsdata.validate.exemptions import exempt_article
    from newsdata.validate.filelevel import parse_file
    from newsdata.validate.report import Report

    targets = [Path(p) for p in paths] or [dataset_dir()]
    for target in targets:
        if not target.exists():
            raise FileNotFoundError(f"{target}: no such file or directory")
    report = Report()
    for target in targets:
        display = display_path(target, given=bool(paths))
        if target.is_dir():
            validate_corpus(target, report, today, progress, default_workers(workers), display)
        else:
            parsed = parse_file(target, display)
            found = check_article(parsed, today)
            if target.absolute().parent.name == ARTICLES_DIR:  # one file of a corpus
                found += check_file_name(parsed, target.name)
            report.problems.extend(exempt_article(target, found))
            report.files += 1
            report.articles += 1
    return report
