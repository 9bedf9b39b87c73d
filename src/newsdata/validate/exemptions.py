"""Reviewed exemptions: ``validation-exemptions.json`` lists known problems a corpus cannot
fix yet; a listed problem is not reported, and an exemption that matches nothing is."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from newsdata.layout import CorpusLayout
from newsdata.validate.codes import CHECKS
from newsdata.validate.filelevel import parse_file
from newsdata.validate.report import Problem

__all__ = ["apply_exemptions"]


def apply_exemptions(root: Path, display: str, problems: list[Problem]) -> list[Problem]:
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
