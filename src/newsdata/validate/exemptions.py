"""Reviewed exemptions: ``validation-exemptions.json`` lists known problems a corpus cannot
fix yet; a listed problem is not reported, and an exemption that matches nothing is.

The file lives at the corpus's root; it applies wherever the corpus's articles are
checked: validating the corpus, validating one of its article files, and
``newsdata build``.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from newsdata.layout import ARTICLES_DIR, CorpusLayout
from newsdata.validate.codes import CHECKS
from newsdata.validate.filelevel import Parsed, parse_file
from newsdata.validate.report import Problem

__all__ = ["apply_exemptions", "exempt_article"]


def _entries(root: Path, display: str) -> tuple[Parsed | None, list[dict[str, Any]], list[Problem]]:
    """The corpus's exemptions: the parsed file (None: there is none), its valid entries,
    and what is wrong with it."""
    file = CorpusLayout(root).exemptions
    if not file.is_file():
        return None, [], []
    name = f"{display}/{file.name}"
    parsed = parse_file(file, name, expect_object=False)
    if parsed.problems:
        return parsed, [], parsed.problems
    entries: Any = parsed.value
    if not isinstance(entries, list) or not all(
        isinstance(e, dict)
        and isinstance(e.get("file"), str)
        and e.get("code") in CHECKS
        and CHECKS[e["code"]].level not in ("file", "schema")
        and isinstance(e.get("reason"), str)
        for e in entries
    ):
        message = (
            "expected a list of {file, code, reason} with known codes of the semantic, "
            "corpus or package level"
        )
        return parsed, [], [Problem.of("exemption-invalid", message, name)]
    return parsed, entries, []


def apply_exemptions(
    root: Path, display: str, problems: list[Problem], *, report_unused: bool = True
) -> list[Problem]:
    """Drop problems the corpus exempts; report exemptions that no longer match anything.

    An exemption covers a problem of the semantic, corpus or package level: a file the
    file or schema level rejects is not an article, and nothing can be built from it.
    ``report_unused=False`` when only part of the corpus was checked (the article
    levels that ``newsdata build`` runs).
    """
    parsed, entries, invalid = _entries(root, display)
    if parsed is None or invalid:
        return problems + invalid
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
        if report_unused and not used[i]:
            kept.append(
                parsed.problem(
                    "exemption-unused",
                    f"no {entry['code']} error in {entry['file']} any more; remove this exemption",
                    f"/{i}",
                )
            )
    return kept


def exempt_article(file: Path, problems: list[Problem]) -> list[Problem]:
    """The problems of one article file, less those its corpus exempts, when the file is
    in a corpus's ``articles/`` (otherwise all of them)."""
    folder = file.absolute().parent
    if folder.name != ARTICLES_DIR or not problems:
        return problems
    _, entries, _ = _entries(folder.parent, str(folder.parent))
    exempt = {e["code"] for e in entries if e["file"] == f"{ARTICLES_DIR}/{file.name}"}
    return [p for p in problems if p.code not in exempt]
