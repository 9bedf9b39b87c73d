"""One article through the article levels: file, schema, semantic."""

from __future__ import annotations

import datetime

from newsdata.validate.filelevel import (
    Parsed,
    article_keys_are_unique,
    duplicate_key_problems,
    parse_bytes,
)
from newsdata.validate.report import Problem, Report
from newsdata.validate.schemalevel import check_schema
from newsdata.validate.semantic import check_semantic

__all__ = ["check_article", "validate_bytes"]


def check_article(parsed: Parsed, today: datetime.date | None = None) -> list[Problem]:
    """Run the schema and semantic levels on a parsed file; return every problem found."""
    problems = list(parsed.problems)
    if parsed.value is None:
        return problems
    schema_problems = check_schema(parsed)
    if parsed.keys_unchecked and (schema_problems or not article_keys_are_unique(parsed)):
        problems.extend(duplicate_key_problems(parsed))
    problems.extend(schema_problems)
    if not schema_problems:
        problems.extend(check_semantic(parsed, today))
    return problems


def validate_bytes(
    data: bytes, name: str = "<bytes>", *, today: datetime.date | None = None
) -> Report:
    """Validate one article given as bytes (levels file, schema, semantic).

    Examples
    --------
    >>> validate_bytes(b'{"id": "x"').errors[0].code
    'json-syntax'
    """
    return Report(check_article(parse_bytes(name, data), today), files=1, articles=1)
