"""Reviewed exemptions: ``validation-exemptions.json`` lists known problems a corpus cannot
fix yet; a listed problem is not reported, and an exemption that matches nothing is.

The file lives at the corpus's root; it applies wherever the corpus's articles are
checked: validating the corpus, validating one of its article files, and
``newsdata build``. An entry names its file relative to the corpus root
(``articles/<id>.json``) and covers one code of the semantic, corpus or package level: a
file the file or schema level rejects is not an article, and nothing can be built from it.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from newsdata.layout import ARTICLES_DIR, CorpusLayout
from newsdata.validate.codes import CHECKS
from newsdata.validate.filelevel import ParsedFile, parse_file
from newsdata.validate.report import Problem

__all__ = ["Exemptions", "apply_exemptions", "exempt_article"]


@dataclass
class Exemptions:
    """A corpus's exemptions: its valid entries, and what is wrong with the file."""

    display: str
    entries: list[dict[str, Any]] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    parsed: ParsedFile | None = None

    @classmethod
    def read(cls, root: Path, display: str) -> Exemptions:
        """The exemptions of the corpus at ``root``, whose problems name it ``display``."""
        file = CorpusLayout(root).exemptions
        found = cls(display)
        if not (file.exists() or file.is_symlink()):
            return found
        name = f"{display}/{file.name}"
        if file.is_symlink() or not file.is_file():
            message = "not a regular file; write a JSON list of {file, code, reason}"
            found.problems.append(Problem.of("exemption-invalid", message, name))
            return found
        found.parsed = parse_file(file, name, expect_object=False)
        if found.parsed.problems:
            found.problems = found.parsed.problems
            return found
        entries: Any = found.parsed.value
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
            found.problems.append(Problem.of("exemption-invalid", message, name))
            return found
        found.entries = entries
        return found

    def match(self, problem: Problem) -> int | None:
        """The index of the entry that covers ``problem``, or None."""
        for i, entry in enumerate(self.entries):
            if problem.code == entry["code"] and problem.file == f"{self.display}/{entry['file']}":
                return i
        return None

    def unused(self, used: set[int]) -> list[Problem]:
        """An ``exemption-unused`` problem for every entry not in ``used``."""
        assert self.parsed is not None or not self.entries
        return [
            self.parsed.problem(
                "exemption-unused",
                f"no {entry['code']} error in {entry['file']} any more; remove this exemption",
                f"/{i}",
            )
            for i, entry in enumerate(self.entries)
            if i not in used and self.parsed is not None
        ]


def apply_exemptions(root: Path, display: str, problems: list[Problem]) -> list[Problem]:
    """Drop problems the corpus exempts; report exemptions that no longer match anything,
    and a malformed exemptions file."""
    exemptions = Exemptions.read(root, display)
    if exemptions.problems:
        return problems + exemptions.problems
    kept = []
    used: set[int] = set()
    for problem in problems:
        i = exemptions.match(problem)
        if i is None:
            kept.append(problem)
        else:
            used.add(i)
    return kept + exemptions.unused(used)


def exempt_article(file: Path, problems: list[Problem]) -> list[Problem]:
    """The problems of one article file, less those its corpus exempts, when the file is
    in a corpus's ``articles/`` (otherwise all of them); a malformed exemptions file is
    reported too."""
    folder = file.absolute().parent
    if folder.name != ARTICLES_DIR:
        return problems
    exemptions = Exemptions.read(folder.parent, str(folder.parent))
    exempt = {e["code"] for e in exemptions.entries if e["file"] == f"{ARTICLES_DIR}/{file.name}"}
    return [p for p in problems if p.code not in exempt] + exemptions.problems
