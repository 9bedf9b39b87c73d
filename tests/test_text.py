"""newsdata.text: the quotation marks the validator and `newsdata add` share."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

from newsdata.text import OTHER_QUOTATION_MARKS, QUOTATION_MARKS, quotation_marks, quoted_words

SOURCE = Path(__file__).resolve().parents[1] / "src" / "newsdata" / "text.py"


@pytest.mark.parametrize(
    ("language", "marks"),
    [
        ("de", QUOTATION_MARKS["de"]),
        ("DE-at", QUOTATION_MARKS["de"]),
        ("it", OTHER_QUOTATION_MARKS),
    ],
)
def test_the_marks_of_a_language_are_those_of_its_primary_subtag(
    language: str, marks: tuple[tuple[str, str], ...]
) -> None:
    assert quotation_marks(language) == marks


@pytest.mark.parametrize(
    ("language", "text", "inside"),
    [
        ("fr", "Il a dit : « Oui »", ["Oui"]),  # the spaces inside the marks are left out
        ("de", "„Ja\nnein“", []),  # no pair across a line break
        ("de", "„a „b“", ["b"]),  # the last opening mark before the closing one
        ("de", "„ “", []),  # nothing but spaces inside
        ("en", "It’s the council’s view.", []),  # the closing single mark is an apostrophe
    ],
)
def test_quoted_words(language: str, text: str, inside: list[str]) -> None:
    assert [text[s:e] for s, e in quoted_words(text, language)] == inside


def test_the_module_imports_nothing_from_newsdata() -> None:
    tree = ast.parse(SOURCE.read_text("utf-8"))
    imported = [
        n.module if isinstance(n, ast.ImportFrom) else a.name
        for n in ast.walk(tree)
        if isinstance(n, (ast.Import, ast.ImportFrom))
        for a in n.names
    ]
    assert not [m for m in imported if m and m.startswith("newsdata")]
