"""Level 3: relations the schema cannot express (offsets, references, tiling, values).

Runs on a document that passed the schema level, so every field has its type. Each
family of codes is one check (:mod:`newsdata.validate.checks`) that declares its codes
and returns what it finds from a read-only view of the article; :func:`check_semantic`
runs them in the order of :data:`SEMANTIC_CHECKS` and locates the findings in the file.
"""

from __future__ import annotations

import copy
import datetime
from typing import Any

from newsdata.models import SPAN_LAYERS, quote_segments
from newsdata.text import OTHER_QUOTATION_MARKS, QUOTATION_MARKS, STRAIGHT_QUOTES, quoted_words
from newsdata.validate.checks.base import ArticleUnderCheck, SemanticCheck
from newsdata.validate.checks.boundaries import (
    content_introducers,
    mention_possessive,
    speaker_prepositions,
)
from newsdata.validate.checks.quotes import cues_and_split_quotes, quotation_marks, quote_parts
from newsdata.validate.checks.references import references
from newsdata.validate.checks.spans import normalisation, spans
from newsdata.validate.checks.structure import blocks, ids, nesting, order_and_boilerplate
from newsdata.validate.checks.values import methods, timex_value_problem, topics, values
from newsdata.validate.filelevel import ParsedFile, lone_surrogate_problems
from newsdata.validate.report import Problem

__all__ = [
    "OTHER_QUOTATION_MARKS",
    "QUOTATION_MARKS",
    "SEMANTIC_CHECKS",
    "STRAIGHT_QUOTES",
    "SemanticCheck",
    "check_semantic",
    "lone_surrogate_problems",
    "quoted_words",
    "timex_value_problem",
]

SEMANTIC_CHECKS: list[SemanticCheck] = [
    normalisation,
    spans,
    ids,
    blocks,
    order_and_boilerplate,
    nesting,
    references,
    quotation_marks,
    quote_parts,
    cues_and_split_quotes,
    content_introducers,
    speaker_prepositions,
    mention_possessive,
    values,
    topics,
    methods,
]
"""Every semantic check, in the order they run."""


def check_semantic(parsed: ParsedFile, today: datetime.date | None = None) -> list[Problem]:
    """Run every semantic check on a schema-valid article; return the problems found."""
    day = today or datetime.date.today()
    try:
        return _run(parsed, ArticleUnderCheck.of(parsed.value, day))
    except TypeError:
        # JSON Schema accepts 5.0 as an integer, and slicing the text with it fails: the
        # rare document with such an offset is checked again as a copy with int offsets.
        return _run(parsed, ArticleUnderCheck.of(_integral_offsets(parsed.value), day))


def _run(parsed: ParsedFile, article: ArticleUnderCheck) -> list[Problem]:
    problems = []
    for check in SEMANTIC_CHECKS:
        for code, message, pointer in check.run(article):
            assert code in check.codes, f"{code} is not declared by the check {check.name}"
            problems.append(parsed.problem(code, message, pointer))
    return problems


def _integral_offsets(doc: dict[str, Any]) -> dict[str, Any]:
    """A copy of ``doc`` whose offsets are ints (JSON Schema accepts 5.0 as an integer)."""
    doc = copy.deepcopy(doc)
    spans = [*doc["blocks"], *(x for layer in SPAN_LAYERS for x in doc[layer])]
    spans += [part for q in doc["quotes"] for _, part in quote_segments(q)]
    for span in spans:
        span["start"], span["end"] = int(span["start"]), int(span["end"])
    return doc
