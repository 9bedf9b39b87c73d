"""What every semantic check is built on: its read-only input, its findings, its codes."""

from __future__ import annotations

import datetime
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from typing import Any, NamedTuple

from newsdata.models import SPAN_LAYERS

__all__ = ["ArticleUnderCheck", "Finding", "SemanticCheck", "semantic_check", "shorten"]


class ArticleUnderCheck(NamedTuple):
    """The input of every semantic check: a schema-valid article document, its text, the
    day it is checked on, and what several checks derive from the document (computed once,
    here). No check changes it."""

    doc: Mapping[str, Any]
    text: str
    today: datetime.date
    first_unordered: Mapping[str, int | None]
    """Per span layer, the index of its first item that starts before the item before it
    (by start, then longest first), or None when the layer is in text order."""

    @classmethod
    def of(cls, doc: Mapping[str, Any], today: datetime.date) -> ArticleUnderCheck:
        """The input for ``doc`` checked on ``today``."""
        unordered = {layer: _first_unordered(doc[layer]) for layer in SPAN_LAYERS}
        return cls(doc, doc["text"], today, unordered)


def _first_unordered(items: list[dict[str, Any]]) -> int | None:
    keys = [(x["start"], -x["end"]) for x in items]
    if keys == sorted(keys):
        return None
    return next(i for i in range(1, len(keys)) if keys[i] < keys[i - 1])


class Finding(NamedTuple):
    """One problem a check found, before it is located in the file."""

    code: str
    message: str
    pointer: str


@dataclass(frozen=True)
class SemanticCheck:
    """A family of semantic checks: the codes it may report, and the function that runs it."""

    name: str
    codes: tuple[str, ...]
    run: Callable[[ArticleUnderCheck], Iterable[Finding]]


def semantic_check(
    *codes: str,
) -> Callable[[Callable[[ArticleUnderCheck], Iterable[Finding]]], SemanticCheck]:
    """Make a function from an article to its findings a check reporting ``codes``.

    Examples
    --------
    >>> @semantic_check("text-not-nfc")
    ... def nothing(article: ArticleUnderCheck) -> list[Finding]:
    ...     return []
    >>> nothing.name, nothing.codes
    ('nothing', ('text-not-nfc',))
    """

    def declare(run: Callable[[ArticleUnderCheck], Iterable[Finding]]) -> SemanticCheck:
        return SemanticCheck(run.__name__, codes, run)

    return declare


def shorten(value: str, limit: int = 40) -> str:
    """``value`` quoted for a message, cut to ``limit`` characters.

    Examples
    --------
    >>> shorten("a" * 50, 5)
    "'aaaa…'"
    """
    return repr(value if len(value) <= limit else value[: limit - 1] + "…")
