"""The project's addresses, from their one owner, never invented.

``[project.urls]`` in ``pyproject.toml`` is the one place the maintainers write them.
Until they do, the build derives what the hosting environment states: Read the Docs
sets ``READTHEDOCS_CANONICAL_URL`` (the documentation) and ``READTHEDOCS_GIT_CLONE_URL``
(the repository); GitHub Actions sets ``GITHUB_SERVER_URL`` and ``GITHUB_REPOSITORY``.
Where nothing states an address, the site shows no link: no canonical URL, no "edit
this page", no repository link.
"""

from __future__ import annotations

import re
import sys
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

REPOSITORY = Path(__file__).resolve().parents[2]


@dataclass(frozen=True)
class Addresses:
    """The addresses the docs may show; ``None`` for each one nobody stated."""

    documentation: str | None = None
    repository: str | None = None
    issues: str | None = None
    branch: str | None = None

    def edit_link(self) -> str | None:
        """The template of a page's "edit" link (``{filename}`` below ``docs/``), or None.

        Only for a repository on a forge whose edit address is known (GitHub's
        ``/edit/BRANCH/PATH``), and only when the branch is known.

        Examples
        --------
        >>> Addresses(repository="https://github.com/o/r", branch="main").edit_link()
        'https://github.com/o/r/edit/main/docs/{filename}'
        >>> Addresses(repository="https://example.org/o/r", branch="main").edit_link() is None
        True
        """
        if not self.repository or not self.branch:
            return None
        if not re.match(r"https://github\.com/[^/]+/[^/]+$", self.repository):
            return None
        return f"{self.repository}/edit/{self.branch}/docs/{{filename}}"


def declared_urls(pyproject: Path = REPOSITORY / "pyproject.toml") -> dict[str, str]:
    """``[project.urls]`` of ``pyproject.toml``, labels in lower case (``{}`` when absent)."""
    if sys.version_info >= (3, 11):
        import tomllib

        project = tomllib.loads(pyproject.read_text(encoding="utf-8")).get("project", {})
        urls = project.get("urls", {})
        return {str(k).lower(): str(v).rstrip("/") for k, v in urls.items() if v}
    return {}  # pragma: no cover - Python 3.10 builds the docs with no declared address


def _web(clone_url: str) -> str | None:
    """The web address of a repository from its HTTPS clone address, else None.

    Examples
    --------
    >>> _web("https://github.com/o/r.git")
    'https://github.com/o/r'
    >>> _web("git@github.com:o/r.git") is None
    True
    """
    if not clone_url.startswith("https://"):
        return None
    return clone_url.removesuffix(".git").rstrip("/")


def addresses(
    environ: Mapping[str, str], pyproject: Path = REPOSITORY / "pyproject.toml"
) -> Addresses:
    """The addresses stated by ``[project.urls]``, else by the hosting environment.

    Examples
    --------
    >>> addresses({}, Path("/nowhere/pyproject.toml"))
    Addresses(documentation=None, repository=None, issues=None, branch=None)
    >>> found = addresses({"GITHUB_SERVER_URL": "https://github.com",
    ...                    "GITHUB_REPOSITORY": "o/r", "GITHUB_REF_NAME": "main"})
    >>> found.repository, found.issues, found.documentation
    ('https://github.com/o/r', 'https://github.com/o/r/issues', None)
    """
    declared = declared_urls(pyproject) if pyproject.is_file() else {}
    documentation = declared.get("documentation") or (
        environ.get("READTHEDOCS_CANONICAL_URL", "").rstrip("/") or None
    )
    repository = declared.get("repository") or declared.get("source")
    if not repository and environ.get("GITHUB_SERVER_URL") and environ.get("GITHUB_REPOSITORY"):
        repository = f"{environ['GITHUB_SERVER_URL'].rstrip('/')}/{environ['GITHUB_REPOSITORY']}"
    if not repository and environ.get("READTHEDOCS_GIT_CLONE_URL"):
        repository = _web(environ["READTHEDOCS_GIT_CLONE_URL"])
    issues = declared.get("issues") or declared.get("bug tracker")
    if not issues and repository and repository.startswith("https://github.com/"):
        issues = f"{repository}/issues"
    # the branch being built; Read the Docs names it for branch builds only
    branch = environ.get("GITHUB_REF_NAME") if environ.get("GITHUB_REF_TYPE") != "tag" else None
    if not branch and environ.get("READTHEDOCS_VERSION_TYPE") == "branch":
        branch = environ.get("READTHEDOCS_GIT_IDENTIFIER")
    return Addresses(documentation, repository, issues, branch or None)


def links_line(found: Addresses) -> str:
    """The landing page's line of project links (MyST), empty when none is known.

    Examples
    --------
    >>> links_line(Addresses())
    ''
    >>> links_line(Addresses(repository="https://x.org/r"))
    '**Links:** [repository](https://x.org/r).'
    """
    links = [
        f"[{name}]({url})"
        for name, url in (
            ("documentation", found.documentation),
            ("repository", found.repository),
            ("issues", found.issues),
        )
        if url
    ]
    return f"**Links:** {', '.join(links)}." if links else ""


def configure(config: Any, found: Addresses) -> None:
    """Set what Sphinx and the theme show from ``found``, and nothing else."""
    if found.documentation:
        config.html_baseurl = found.documentation + "/"
    options = dict(config.html_theme_options or {})
    edit = found.edit_link()
    if edit:
        options["source_edit_link"] = edit
        options["source_view_link"] = edit.replace("/edit/", "/blob/", 1)
    if found.repository:
        options["footer_icons"] = [
            {
                "name": "Repository",
                "url": found.repository,
                "html": "Repository",
                "class": "",
            }
        ]
    config.html_theme_options = options
