"""Level 4, the corpus: files and ids across ``articles/``, checked in chunks (in worker
processes for a large corpus), then the package level and the exemptions."""

from __future__ import annotations

import datetime
import functools
import os
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from newsdata._io import sha256_digest
from newsdata._parallel import spread
from newsdata.layout import ARTICLES_DIR, CorpusLayout, Listing
from newsdata.stats import Tally
from newsdata.validate.article import check_article, check_file_name
from newsdata.validate.exemptions import apply_exemptions
from newsdata.validate.filelevel import parse_file
from newsdata.validate.package import check_package
from newsdata.validate.report import Problem, Report

__all__ = ["ProgressCallback", "display_path", "stray_problems", "validate_corpus"]

ProgressCallback = Callable[[int, int], None]
"""Called with (articles done, articles in all) as validation goes."""


def stray_problems(listing: Listing, display: str) -> list[Problem]:
    """What ``articles/`` holds besides article files, as ``corpus-stray-file`` problems
    (``newsdata build`` refuses them too)."""
    return [
        Problem.of("corpus-stray-file", stray.reason, f"{display}/{ARTICLES_DIR}/{stray.name}")
        for stray in listing.stray
    ]


def display_path(path: Path, *, given: bool = True) -> str:
    """``path`` as problems name it.

    A path the user gave is named as given (absolute stays absolute, ``../x`` stays
    ``../x``), so every name it prints is one the user can type. A path the tool found
    itself (the shipped corpus) is named relative to the working directory where possible,
    so that annotations in CI name files relative to the repository.

    Examples
    --------
    >>> display_path(Path("../x")), display_path(Path("/data/corpus"))
    ('../x', '/data/corpus')
    """
    if given:
        return str(path)
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
    # size and digest of each file read, by corpus-relative path: the package level's
    # hash check then reads no file twice
    digests: dict[str, tuple[int, str]] = field(default_factory=dict)


def _check_chunk(job: tuple[str, list[Path], datetime.date | None]) -> _Checked:
    display, files, today = job
    checked = _Checked()
    digests = checked.digests
    for file in files:
        rel = f"{display}/{ARTICLES_DIR}/{file.name}"
        record = functools.partial(_record_digest, digests, f"{ARTICLES_DIR}/{file.name}")
        parsed = parse_file(file, rel, on_read=record)
        found = check_article(parsed, today)
        checked.files += 1
        checked.problems.extend(found)
        # counted unless unreadable (a control character is read): warnings and exempted
        # errors leave an article in the counts `build` records, so staleness is checked
        if checked.tally is None or any(_unreadable(p) for p in found):
            checked.tally = None
        else:
            checked.tally.add(parsed.value)
        checked.problems.extend(check_file_name(parsed, file.name))
        doc = parsed.value
        if isinstance(doc, dict) and isinstance(doc.get("id"), str):
            checked.ids.append((rel, doc["id"]))
    return checked


def _record_digest(digests: dict[str, tuple[int, str]], key: str, raw: bytes) -> None:
    digests[key] = (len(raw), sha256_digest(raw))


def _unreadable(problem: Problem) -> bool:
    return problem.level in ("file", "schema") and problem.code != "text-control-char"


def _at_id(rel: str, code: str, message: str) -> Problem:
    """A problem at an article's ``/id``, located by reading the file again (a rare path)."""
    parsed = parse_file(Path(rel), rel)
    return parsed.problem(code, message, "/id")


def validate_corpus(
    root: Path,
    report: Report,
    today: datetime.date | None,
    progress: ProgressCallback | None,
    workers: int,
    display: str | None = None,
) -> None:
    """Check the corpus at ``root`` at every level into ``report``; ``display`` names the
    corpus directory in problems (default: :func:`display_path` of a path the tool found)."""
    if display is None:
        display = display_path(root, given=False)
    problems: list[Problem] = []
    layout = CorpusLayout(root)
    unreadable = layout.articles_problem(display)  # the one rule for articles/
    if unreadable is not None:
        linked = layout.articles_dir.is_symlink()  # a link is a stray; nothing is a missing dir
        code = "corpus-stray-file" if linked else "corpus-no-articles"
        where = f"{display}/{ARTICLES_DIR}" if linked else display
        message = unreadable.removeprefix(f"{where}: ")  # the place is the problem's path
        report.problems.append(Problem.of(code, message, where))
        return
    listing = layout.scan()
    problems += stray_problems(listing, display)
    files = [layout.articles_dir / name for name in listing.articles]
    chunks = [files[k : k + _CHUNK] for k in range(0, len(files), _CHUNK)]
    jobs = [(display, chunk, today) for chunk in chunks]
    owners: dict[str, str] = {}
    digests: dict[str, tuple[int, str]] = {}
    tally: Tally | None = Tally()
    done = 0
    with spread(_check_chunk, jobs, workers if len(files) >= 500 else 1) as results:
        for checked in results:
            problems.extend(checked.problems)
            digests.update(checked.digests)
            if tally is not None and checked.tally is not None:
                tally.merge(checked.tally)
            else:
                tally = None  # counts are only meaningful when every article is readable
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
    counts = tally.result() if tally else None
    problems.extend(check_package(root, display, counts, digests=digests))
    report.files += 1
    kept = apply_exemptions(root, display, problems)
    # "run `newsdata build`" names the directory as given, so the hint can be pasted
    report.problems.extend(problem.in_corpus(display) for problem in kept)
