"""Level 2: the JSON Schemas in ``schemas/``, every error with its JSON Pointer.

jsonschema-rs does the bulk work (it is compiled once and reused); the Python
``jsonschema`` package, the reference implementation, is what the tests compare it with.
"""

from __future__ import annotations

from functools import cache
from typing import Any

import jsonschema_rs

from newsdata.schema import load_schema
from newsdata.validate.filelevel import ParsedFile, lone_surrogate_problems
from newsdata.validate.locate import escape_token
from newsdata.validate.report import Problem

__all__ = ["check_schema", "conforms"]


_CODES = {
    "Required": "schema-required",
    "AdditionalProperties": "schema-additional-property",
    "Type": "schema-type",
    "Enum": "schema-enum",
    "Pattern": "schema-pattern",
    "Format": "schema-format",
    "MinLength": "schema-min-length",
    "Minimum": "schema-minimum",
    "Maximum": "schema-maximum",
}


@cache
def _validator(name: str) -> Any:
    return jsonschema_rs.validator_for(load_schema(name), validate_formats=True)


def _pointer(path: Any) -> str:
    return "".join("/" + escape_token(str(p)) for p in path)


def _flatten(error: Any) -> list[Any]:
    # An anyOf over "an object or null" fails as a whole; report why the object
    # branch failed, which is what the contributor has to fix.
    kind = error.kind
    if type(kind).__name__ == "AnyOf":
        branches = [b for b in kind.context if not _only_null_type(b)]
        if len(branches) == 1:
            return [e for sub in branches[0] for e in _flatten(sub)]
    return [error]


def _only_null_type(branch: list[Any]) -> bool:
    return (
        len(branch) == 1 and type(branch[0].kind).__name__ == "Type" and "null" in branch[0].message
    )


def conforms(value: Any, schema: str = "article.schema.json") -> bool:
    """Whether ``value`` (parsed JSON) is valid against a shipped schema: the fast yes/no."""
    try:
        return bool(_validator(schema).is_valid(value))
    except UnicodeEncodeError:  # a lone surrogate
        return False


def check_schema(parsed: ParsedFile, schema: str = "article.schema.json") -> list[Problem]:
    """Validate the parsed document against a shipped schema."""
    validator = _validator(schema)
    try:
        if validator.is_valid(parsed.value):  # much faster than collecting no errors
            return []
        errors = list(validator.iter_errors(parsed.value))
    except UnicodeEncodeError:
        # A lone surrogate (an escape like \ud800) cannot be handed to the schema
        # validator; report each one where it is, and check nothing further.
        return lone_surrogate_problems(parsed)
    except ValueError as exc:  # the schema validator's own nesting limit, below the parser's
        if "recursion" not in str(exc).lower():
            raise
        return [parsed.problem("json-too-deep", f"JSON nests too deeply to be checked ({exc})", "")]
    problems = []
    for error in errors:
        for leaf in _flatten(error):
            kind = type(leaf.kind).__name__
            pointer = _pointer(leaf.instance_path)
            if kind == "AdditionalProperties" and len(leaf.kind.unexpected) == 1:
                # point at the offending key itself, so editors jump to the typo
                pointer = f"{pointer}/{_pointer([leaf.kind.unexpected[0]])[1:]}"
            problems.append(parsed.problem(_CODES.get(kind, "schema-other"), leaf.message, pointer))
    return problems
