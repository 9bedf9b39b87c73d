"""The guidelines and the validator agree: each checkable rule names its code, each code its rule.

Read from the Markdown sources; that every reference resolves is also what the docs build
(nitpicky, warnings as errors) checks.
"""

from __future__ import annotations

import re
from pathlib import Path

from newsdata.validate.codes import CHECKS

GUIDELINES = Path(__file__).resolve().parents[1] / "docs" / "guidelines"
LABEL = re.compile(r"^\((guide-[\w-]+)\)=$", re.M)
REF = re.compile(r"\{ref\}`([\w-]+)`")

# semantic checks no guideline states, and why (a JSON escape is the file level's)
NOT_A_GUIDELINE: dict[str, str] = {}


def _pages() -> dict[str, str]:
    return {page.name: page.read_text("utf-8") for page in sorted(GUIDELINES.glob("*.md"))}


def _labels() -> dict[str, str]:
    """Each guideline label and the page that defines it."""
    found: dict[str, str] = {}
    for name, text in _pages().items():
        for label in LABEL.findall(text):
            assert label not in found, f"{label} defined twice"
            found[label] = name
    return found


def test_every_code_with_a_rule_is_linked_from_that_rule() -> None:
    labels, pages = _labels(), _pages()
    for check in CHECKS.values():
        if not check.guideline:
            continue
        assert check.guideline in labels, f"{check.code}: no section labelled {check.guideline}"
        page = labels[check.guideline]
        assert check.code in REF.findall(pages[page]), f"{page} does not link {check.code}"


def test_every_see_code_link_resolves() -> None:
    """Every {ref} of the guidelines names a code (whose entry then links a rule) or a
    guideline section."""
    labels = _labels()
    for name, text in _pages().items():
        for target in REF.findall(text):
            assert target in labels or target in CHECKS, f"{name}: {target} resolves to nothing"
            if target in CHECKS:
                assert CHECKS[target].guideline in labels, f"{target} names no rule"


def test_every_semantic_check_states_a_guideline_rule() -> None:
    without = {c.code for c in CHECKS.values() if c.level == "semantic" and not c.guideline}
    assert without == set(NOT_A_GUIDELINE)


def test_no_guideline_names_a_code_as_bare_text() -> None:
    """A code in the guidelines is a link (`{ref}`), so that a reader reaches its entry;
    `exemption-unused` in the section on exemptions is about the file, not a rule."""
    for name, text in _pages().items():
        bare = {
            code
            for code in re.findall(r"(?<![`}])`([a-z]+(?:-[a-z]+)+)`", text)
            if code in CHECKS and code != "exemption-unused"
        }
        assert not bare, f"{name}: {sorted(bare)} named without a link"
