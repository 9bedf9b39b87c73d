"""What validation found: located problems, and their text, JSON and GitHub renderings."""

from __future__ import annotations

import json
import shlex
from dataclasses import asdict, dataclass, field, replace

from newsdata.validate.codes import CHECKS, Check, Level, Severity

__all__ = ["Problem", "Report", "Severity", "explain", "list_checks"]

_BUILD = "`newsdata build`"


@dataclass(frozen=True)
class Problem:
    """One finding: a check code, where it is, and what to do about it."""

    code: str
    level: Level
    message: str
    file: str
    line: int | None = None
    column: int | None = None
    pointer: str | None = None
    severity: Severity = "error"
    fix: str | None = None
    """What to do about it, when it says more than the check's own fix (the corpus to build)."""

    @classmethod
    def of(
        cls,
        code: str,
        message: str,
        file: str,
        line: int | None = None,
        column: int | None = None,
        pointer: str | None = None,
    ) -> Problem:
        """The problem of check ``code``: its level and severity come from the check table.

        Examples
        --------
        >>> Problem.of("span-empty", "start 5 is not less than end 5", "a.json").level
        'semantic'
        """
        check = CHECKS[code]
        return cls(code, check.level, message, file, line, column, pointer, check.severity)

    @property
    def where(self) -> str:
        """`` (at /pointer)``, `` (at the document root)`` for ``""``, or nothing."""
        if self.pointer is None:
            return ""
        return f" (at {self.pointer or 'the document root'})"

    @property
    def hint(self) -> str:
        """What to do about this problem: its own fix, else its check's ("" for an unknown code)."""
        if self.fix is not None:
            return self.fix
        return CHECKS[self.code].fix if self.code in CHECKS else ""

    def in_corpus(self, directory: str) -> Problem:
        """This problem with a fix that names the corpus directory where it tells to build.

        Examples
        --------
        >>> found = Problem.of("package-missing", "no descriptor", "my corpus/x.json")
        >>> found.in_corpus("my corpus").hint
        "Run `newsdata build 'my corpus'`."
        """
        if _BUILD not in self.hint:
            return self
        named = f"`newsdata build {shlex.quote(directory)}`"
        return replace(self, fix=self.hint.replace(_BUILD, named))

    @property
    def help_url(self) -> str | None:
        """The address of this code's entry in the validation-code reference, when the
        project's documentation address is known (``[project.urls]``)."""
        from newsdata._version import documentation_url

        base = documentation_url()
        return f"{base}/reference/validation-codes.html#{self.code}" if base else None

    def as_text(self) -> str:
        """Render like a compiler diagnostic: ``path:line:col: error CODE message (at /ptr)``.

        Examples
        --------
        >>> found = Problem.of("schema-required", "'rights' is missing", "a.json", 1, 1, "")
        >>> found.as_text()
        "a.json:1:1: error schema-required 'rights' is missing (at the document root)"
        """
        place = self.file
        if self.line is not None:
            place += f":{self.line}:{self.column or 1}"
        link = f" [{self.help_url}]" if self.help_url else ""
        return f"{place}: {self.severity} {self.code} {self.message}{self.where}{link}"

    def as_github(self) -> str:
        """Render as a GitHub Actions workflow command, shown on the pull request's diff.

        The annotation always names the command that explains the code offline, and the
        code's page when the documentation's address is known.

        Examples
        --------
        >>> found = Problem.of("entity-unknown", "no entity 'x'", "a.json", 3, 7, "/m")
        >>> "`newsdata explain entity-unknown`" in found.as_github()
        True
        """
        props = [f"file={_escape_property(self.file)}"]
        if self.line is not None:
            props += [f"line={self.line}", f"col={self.column or 1}"]
        props.append(f"title={_escape_property(self.code)}")
        explain = f" (`newsdata explain {self.code}`)"
        link = f" See {self.help_url}" if self.help_url else ""
        body = _escape_data(f"{self.message}{self.where}{explain}. {self.hint}{link}".strip())
        return f"::{self.severity} {','.join(props)}::{body}"


def _escape_data(text: str) -> str:
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _escape_property(text: str) -> str:
    return _escape_data(text).replace(":", "%3A").replace(",", "%2C")


@dataclass
class Report:
    """The result of :func:`newsdata.validate`.

    Examples
    --------
    >>> import newsdata
    >>> report = newsdata.validate()
    >>> report.valid, report.errors
    (True, [])
    """

    problems: list[Problem] = field(default_factory=list)
    files: int = 0
    articles: int = 0

    @property
    def errors(self) -> list[Problem]:
        """Problems of severity ``error``: any makes the input invalid."""
        return [p for p in self.problems if p.severity == "error"]

    @property
    def warnings(self) -> list[Problem]:
        """Problems of severity ``warning``: reported, but the input stays valid."""
        return [p for p in self.problems if p.severity == "warning"]

    @property
    def valid(self) -> bool:
        """True when there is no error."""
        return not self.errors

    def summary(self) -> str:
        """One line: the verdict and the counts."""
        verdict = "valid" if self.valid else "INVALID"
        return (
            f"{verdict}: {self.files} file(s), {self.articles} article(s) checked; "
            f"{len(self.errors)} error(s), {len(self.warnings)} warning(s)"
        )

    def to_text(self) -> str:
        """Every problem as a compiler-style line and an indented ``help:`` line with its fix
        (the hint ``--format github`` gives), then the summary."""
        lines = []
        for problem in self.problems:
            lines.append(problem.as_text())
            if problem.hint:
                lines.append(f"  help: {problem.hint}")
        if self.problems:  # the codes' meanings are offline, one command away
            lines.append("`newsdata explain CODE` tells what a code means and how to fix it")
        return "\n".join([*lines, self.summary()])

    def to_json(self) -> str:
        """The problems as a JSON list of objects, each with its ``fix`` (and ``help_url``
        when the documentation's address is known)."""
        rows = [{**asdict(p), "fix": p.hint, "help_url": p.help_url} for p in self.problems]
        return json.dumps(rows, ensure_ascii=False, indent=2)

    def to_github(self) -> str:
        """The problems as GitHub Actions workflow commands, then the summary."""
        return "\n".join([p.as_github() for p in self.problems] + [self.summary()])


def explain(code: str) -> str:
    """What ``newsdata explain CODE`` prints: the check's meaning, an example and the fix.

    Raises
    ------
    KeyError
        When no check has the code ``code``.

    Examples
    --------
    >>> print(explain("span-empty").splitlines()[0])
    span-empty: an error of the semantic level
    """
    check = CHECKS[code]
    lines = [f"{check.code}: {_article(check.severity)} of the {check.level} level", ""]
    lines += [check.description, ""]
    if check.example:
        lines += ["Example message:", f"  {check.example}", ""]
    lines += ["How to fix it:", f"  {check.fix}"]
    probe = Problem(check.code, check.level, "", "", severity=check.severity)
    if probe.help_url:
        lines += ["", f"Documentation: {probe.help_url}"]
    return "\n".join(lines)


def _article(severity: Severity) -> str:
    return "an error" if severity == "error" else f"a {severity}"


def list_checks() -> str:
    """Every check, one line each: code, level, severity and meaning, level by level.

    Examples
    --------
    >>> list_checks().splitlines()[0].split()[:3]
    ['file-unreadable', 'file', 'error']
    """
    checks: list[Check] = list(CHECKS.values())  # the registry's order: level by level
    width = max(len(c.code) for c in checks)
    return "\n".join(
        f"{c.code:<{width}}  {c.level:<8}  {c.severity:<7}  {c.description}" for c in checks
    )
