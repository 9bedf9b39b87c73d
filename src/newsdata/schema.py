"""Generate the JSON Schemas in ``schemas/`` from the pydantic models."""

from __future__ import annotations

import json
from functools import cache
from pathlib import Path
from typing import Any

from newsdata._io import dump_json, write_atomic
from newsdata._version import version
from newsdata.layout import schemas_dir
from newsdata.models import Article, schema_pattern

__all__ = ["SCHEMA_FILES", "check_schemas", "generate_schemas", "load_schema", "write_schemas"]

DIALECT = "https://json-schema.org/draft/2020-12/schema"
SCHEMA_FILES = {"article.schema.json": Article}


def schema_id(name: str) -> str:
    """The ``$id`` of a schema: a URN carrying the contract's major version."""
    major = version().split(".")[0]
    return f"urn:newsdata:schema:v{major}:{name.removesuffix('.schema.json')}"


def generate_schemas() -> dict[str, dict[str, Any]]:
    """Return every schema, keyed by file name, as generated from the models.

    Examples
    --------
    >>> from newsdata.schema import generate_schemas
    >>> schema = generate_schemas()["article.schema.json"]
    >>> schema["additionalProperties"], "text" in schema["required"]
    (False, True)
    """
    schemas: dict[str, dict[str, Any]] = {}
    for name, model in SCHEMA_FILES.items():
        body = _simplify_nullable(_schema_patterns(model.model_json_schema(mode="validation")))
        schemas[name] = {"$schema": DIALECT, "$id": schema_id(name), **body}
    return schemas


def _schema_patterns(node: Any) -> Any:
    # every `pattern` in its JSON Schema form (see `newsdata.models.schema_pattern`)
    if isinstance(node, list):
        return [_schema_patterns(item) for item in node]
    if not isinstance(node, dict):
        return node
    return {
        key: schema_pattern(value)
        if key == "pattern" and isinstance(value, str)
        else _schema_patterns(value)
        for key, value in node.items()
    }


def _simplify_nullable(node: Any) -> Any:
    # pydantic writes `X | None` as anyOf[X, null]; a validator then reports only
    # "not valid under any of the schemas". A type list says the same thing and
    # lets validators report the real problem (a pattern, an enum).
    if isinstance(node, list):
        return [_simplify_nullable(item) for item in node]
    if not isinstance(node, dict):
        return node
    node = {key: _simplify_nullable(value) for key, value in node.items()}
    options = node.get("anyOf")
    if isinstance(options, list) and len(options) == 2 and {"type": "null"} in options:
        other = next(o for o in options if o != {"type": "null"})
        if isinstance(other.get("type"), str) and "$ref" not in other:
            merged = {k: v for k, v in node.items() if k != "anyOf"}
            merged.update(other)
            merged["type"] = [other["type"], "null"]
            if "enum" in other:
                merged["enum"] = [*other["enum"], None]
            return merged
    return node


def _stale(directory: Path | None) -> dict[Path, bytes]:
    """The schema files that are missing or differ from the models, with their content."""
    target = directory or schemas_dir()
    stale = {}
    for name, schema in generate_schemas().items():
        path, data = target / name, dump_json(schema)
        if not path.is_file() or path.read_bytes() != data:
            stale[path] = data
    return stale


def write_schemas(directory: Path | None = None) -> list[Path]:
    """Write the generated schemas; return the files that changed."""
    stale = _stale(directory)
    for path, data in stale.items():
        write_atomic(path, data)
    return list(stale)


def check_schemas(directory: Path | None = None) -> list[Path]:
    """Return the schema files that are missing or differ from the models."""
    return list(_stale(directory))


@cache
def load_schema(name: str = "article.schema.json") -> dict[str, Any]:
    """Read a shipped schema file (the one the validator uses)."""
    loaded: dict[str, Any] = json.loads((schemas_dir() / name).read_text(encoding="utf-8"))
    return loaded
