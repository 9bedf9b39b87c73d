"""The changelog rule, its message and `newsdata add --changelog`."""

from __future__ import annotations

from pathlib import Path

import pytest

from newsdata.changelog import ChangelogError, Missing, add_entry, entry, missing

CHANGELOG = "# Changelog\n\n## [Unreleased]\n\n## [0.1.0] - 2026-11-28\n\n### Added\n- x\n"


def test_missing_articles_are_found_and_the_message_gives_the_lines() -> None:
    found = missing(CHANGELOG, {"old": "h1", "gone": "h2"}, {"old": "h9", "new": "h3"})
    assert found == Missing(added=["new"], changed=["gone", "old"])
    assert found.message({"new": "A new title"}).splitlines() == [
        "CHANGELOG.md: name every new or changed article under ## [Unreleased]; add:",
        "### Added",
        "- Article `new`: A new title.",
        "### Changed",
        "- Article `gone`: say what changed.",
        "- Article `old`: say what changed.",
    ]
    assert not missing(CHANGELOG, {"a": "1"}, {"a": "1"})


def test_a_named_article_satisfies_the_rule(tmp_path: Path) -> None:
    path = tmp_path / "CHANGELOG.md"
    path.write_text(CHANGELOG, encoding="utf-8")
    assert add_entry(path, "new", "A new title") is True
    assert add_entry(path, "new", "A new title") is False  # already named
    text = path.read_text("utf-8")
    assert "### Added\n- Article `new`: A new title.\n" in text
    assert text.index("`new`") < text.index("## [0.1.0]")
    assert not missing(text, {}, {"new": "h"})


def test_an_article_named_only_in_a_release_does_not_count() -> None:
    text = CHANGELOG + "- Article `new`: named in 0.1.0.\n"
    assert missing(text, {}, {"new": "h"}).added == ["new"]


def test_no_unreleased_section(tmp_path: Path) -> None:
    with pytest.raises(ChangelogError, match="Unreleased"):
        missing("# Changelog\n", {}, {})
    path = tmp_path / "CHANGELOG.md"
    with pytest.raises(ChangelogError, match="no such file"):
        add_entry(path, "a", None)
    path.write_text("# Changelog\n", encoding="utf-8")
    with pytest.raises(ChangelogError, match="Unreleased"):
        add_entry(path, "a", None)


def test_entry_format() -> None:
    assert entry("a", "Title.") == "- Article `a`: Title."
