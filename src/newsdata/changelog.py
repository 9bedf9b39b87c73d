"""The changelog rule: every article added or changed since the last release is named
under ``## [Unreleased]`` in ``CHANGELOG.md`` (Keep a Changelog format).

This module owns the rule and the line a contributor adds, so the test that enforces
the rule, its failure message and ``newsdata add --changelog`` all say the same thing.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

__all__ = [
    "ChangelogError",
    "Missing",
    "add_entry",
    "entry",
    "missing",
    "read_unreleased",
    "unreleased",
]

UNRELEASED = "## [Unreleased]"
_SECTION = re.compile(r"(?ms)^## \[Unreleased\][ \t]*\n(.*?)(?=^## \[|\Z)")


class ChangelogError(ValueError):
    """``CHANGELOG.md`` is missing or has no ``## [Unreleased]`` section."""


def entry(article_id: str, title: str | None = None) -> str:
    """The changelog line that names an article.

    Examples
    --------
    >>> entry("2024-06-19-some-words", "Some words")
    '- Article `2024-06-19-some-words`: Some words.'
    >>> entry("x")
    '- Article `x`: say what changed.'
    """
    what = title.strip().rstrip(".") if title and title.strip() else "say what changed"
    return f"- Article `{article_id}`: {what}."


def unreleased(text: str) -> str | None:
    """The body of the ``## [Unreleased]`` section, or None when there is none."""
    found = _SECTION.search(text)
    return found.group(1) if found else None


@dataclass(frozen=True)
class Missing:
    """Articles added or changed since a release that the changelog does not name."""

    added: list[str]
    changed: list[str]

    def __bool__(self) -> bool:
        return bool(self.added or self.changed)

    def message(self, titles: Mapping[str, str] | None = None) -> str:
        """What to add, line for line, under ``## [Unreleased]``."""
        titles = titles or {}
        lines = [f"CHANGELOG.md: name every new or changed article under {UNRELEASED}; add:"]
        if self.added:
            lines += ["### Added", *(entry(i, titles.get(i)) for i in self.added)]
        if self.changed:
            lines += ["### Changed", *(entry(i) for i in self.changed)]
        return "\n".join(lines)


def missing(changelog: str, released: Mapping[str, str], current: Mapping[str, str]) -> Missing:
    """The articles whose hash differs from the release (or that are new or gone) and that
    the ``[Unreleased]`` section does not name.

    Parameters
    ----------
    changelog
        The text of ``CHANGELOG.md``.
    released, current
        Article id to sha256 digest, in the last release and now.

    Examples
    --------
    >>> text = "## [Unreleased]\\n- Article `b`: B.\\n\\n## [0.1.0]\\n"
    >>> missing(text, {"a": "1"}, {"a": "2", "b": "3", "c": "4"})
    Missing(added=['c'], changed=['a'])
    """
    section = unreleased(changelog)
    if section is None:
        raise ChangelogError(f"CHANGELOG.md has no {UNRELEASED} section above the releases")
    changed = sorted(i for i in set(released) | set(current) if released.get(i) != current.get(i))
    named = set(re.findall(r"`([^`]+)`", section)) | set(re.findall(r"[\w-]+", section))
    absent = [i for i in changed if i not in named]
    return Missing(
        added=[i for i in absent if i not in released],
        changed=[i for i in absent if i in released],
    )


def read_unreleased(path: Path) -> tuple[str, re.Match[str]]:
    """The changelog's text and its ``[Unreleased]`` section, or why it cannot take a line.

    Raises
    ------
    ChangelogError
        When the file does not exist, is not UTF-8, or has no ``## [Unreleased]`` section.
    """
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise ChangelogError(
            f"{path}: no such file; create it with a {UNRELEASED} section"
        ) from None
    except (OSError, UnicodeDecodeError) as exc:
        raise ChangelogError(f"{path}: cannot be read ({exc})") from None
    found = _SECTION.search(text)
    if found is None:
        raise ChangelogError(f"{path}: no {UNRELEASED} section; add one above the releases")
    return text, found


def add_entry(path: Path, article_id: str, title: str | None) -> bool:
    """Add the line naming a new article under ``### Added`` in ``[Unreleased]``.

    Returns False when the article is named there already. The file is rewritten
    atomically.

    Raises
    ------
    ChangelogError
        When the file does not exist or has no ``## [Unreleased]`` section.
    """
    from newsdata._io import write_atomic

    text, found = read_unreleased(path)
    body = found.group(1)
    if f"`{article_id}`" in body:
        return False
    line = entry(article_id, title)
    added = re.search(r"(?m)^### Added[ \t]*\n", body)
    if added:
        # after the last list item of the Added subsection
        rest = body[added.end() :]
        end_of_list = re.match(r"(?:(?:- |  ).*\n)*", rest)
        at = added.end() + (end_of_list.end() if end_of_list else 0)
        body = body[:at] + line + "\n" + body[at:]
    else:
        body = "\n### Added\n" + line + "\n" + ("\n" + body.lstrip("\n") if body.strip() else "\n")
    new = text[: found.start(1)] + body + text[found.end(1) :]
    write_atomic(path, new.encode("utf-8"))
    return True
