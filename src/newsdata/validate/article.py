"""One article through the article levels: file, schema, semantic."""

from __future__ import annotations

import datetime

from newsdata.validate.filelevel import (
    ParsedFile,
    article_keys_are_unique,
    character_problems,
    duplicate_key_problems,
    parse_bytes,
)
from newsdata.validate.report import Problem, Report
from newsdata.validate.schemalevel import check_schema
from newsdata.validate.semantic import check_semantic

__all__ = ["check_article", "check_file_name", "check_structure", "validate_bytes"]


def check_structure(parsed: ParsedFile) -> list[Problem]:
    """The file and schema levels of a parsed file: is it an article at all?

    Writers that read an article (``reanchor``, ``import brat``) stop here when this
    finds a problem; the semantic level may legitimately fail on what they repair.
    """
    problems = list(parsed.problems)
    if parsed.value is None:
        return problems
    characters = character_problems(parsed)
    problems += characters
    if any(p.code == "text-lone-surrogate" for p in characters):
        return problems  # the schema validator cannot take half a character
    schema_problems = check_schema(parsed)
    if parsed.keys_unchecked and (schema_problems or not article_keys_are_unique(parsed)):
        problems.extend(duplicate_key_problems(parsed))
    return problems + schema_problems


def check_article(parsed: ParsedFile, today: datetime.date | None = None) -> list[Problem]:
    """Run every article level on a parsed file; return every problem found."""
    problems = check_structure(parsed)
    if reaches_semantic_level(parsed, problems):
        problems.extend(check_semantic(parsed, today))
    return problems


def reaches_semantic_level(parsed: ParsedFile, problems: list[Problem]) -> bool:
    """Whether the semantic level can check a file whose file and schema levels found
    ``problems``: it needs a schema-valid document; file-level findings that still let
    the document be read (a byte-order mark, a repeated key, a control character) do
    not stop it, a lone surrogate does (no string holding one can be encoded), and so
    does nesting the schema check could not follow."""
    return parsed.value is not None and all(
        p.level == "file" and p.code not in ("text-lone-surrogate", "json-too-deep")
        for p in problems
    )


def check_file_name(parsed: ParsedFile, file_name: str) -> list[Problem]:
    """The corpus rule an article file carries alone: its id is its file name
    (``<id>.json``), so that a corpus finds an article by its id.

    Examples
    --------
    >>> from newsdata.validate.filelevel import parse_bytes
    >>> [p.code for p in check_file_name(parse_bytes("a.json", b'{"id": "b"}'), "a.json")]
    ['corpus-filename']
    """
    doc = parsed.value
    if not isinstance(doc, dict) or not isinstance(doc.get("id"), str):
        return []  # no id to compare: the schema level says so
    if f"{doc['id']}.json" == file_name:
        return []
    message = f"file name {file_name!r} differs from id {doc['id']!r}"
    return [parsed.problem("corpus-filename", message, "/id")]


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
