"""Generate reference pages from the code at build time, so that they cannot drift.

Writes ``reference/fields.md`` (from the JSON Schema), ``reference/validation-codes.md``
(from the check registry) and ``reference/cli.md`` (from the argument parser).
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from sphinx.application import Sphinx

from newsdata._paths import dataset_dir
from newsdata.schema import load_schema


def _resolve(schema: dict[str, Any], node: dict[str, Any]) -> dict[str, Any]:
    ref = node.get("$ref")
    if ref is None:
        return node
    resolved: dict[str, Any] = schema["$defs"][ref.rsplit("/", 1)[-1]]
    return resolved


def _type(schema: dict[str, Any], node: dict[str, Any]) -> str:
    if "$ref" in node:
        return "object"
    if "anyOf" in node:
        return " or ".join(_type(schema, option) for option in node["anyOf"])
    kind = node.get("type", "any")
    if kind == "array":
        return f"array of {_type(schema, node.get('items', {}))}"
    if isinstance(kind, list):
        return " or ".join(kind)
    return str(kind) + (f" ({node['format']})" if "format" in node else "")


def _constraints(node: dict[str, Any]) -> str:
    parts = []
    for option in [node, *node.get("anyOf", [])]:
        if "enum" in option:
            parts.append("one of " + ", ".join(f"`{json.dumps(v)}`" for v in option["enum"]))
        if "pattern" in option:
            parts.append(f"pattern `{option['pattern']}`")
        if "minimum" in option:
            parts.append(f"minimum {option['minimum']}")
        if "minLength" in option:
            parts.append(f"at least {option['minLength']} character")
    return "; ".join(parts)


def _example(doc: Any, path: list[str]) -> str:
    """The first value at ``path`` in the shipped article (``[]`` steps into lists)."""
    values = [doc]
    for step in path:
        nxt = []
        for value in values:
            if step == "[]" and isinstance(value, list):
                nxt.extend(value)
            elif isinstance(value, dict) and step in value:
                nxt.append(value[step])
        values = nxt
    for value in values:
        if value is not None and not isinstance(value, (dict, list)):
            text = json.dumps(value, ensure_ascii=False)
            return f"`{text[:60] + '…' if len(text) > 60 else text}`"
    return ""


def field_rows(schema: dict[str, Any]) -> list[dict[str, str]]:
    """One row per property path, depth first, e.g. ``quotes[].cue.start``."""
    files = sorted((dataset_dir() / "articles").glob("*.json"))
    doc = json.loads(files[0].read_text(encoding="utf-8")) if files else {}
    rows: list[dict[str, str]] = []

    def walk(node: dict[str, Any], prefix: str, path: list[str]) -> None:
        node = _resolve(schema, node)
        required = set(node.get("required", []))
        for name, prop in node.get("properties", {}).items():
            full = f"{prefix}{name}"
            rows.append(
                {
                    "path": full,
                    "type": _type(schema, prop),
                    "required": "yes" if name in required else "no",
                    "constraints": _constraints(prop),
                    "description": prop.get("description", ""),
                    "example": _example(doc, [*path, name]),
                }
            )
            target = prop
            if "anyOf" in prop:
                target = next((o for o in prop["anyOf"] if "$ref" in o), prop)
            if target.get("type") == "array" and "$ref" in target.get("items", {}):
                walk(target["items"], f"{full}[].", [*path, name, "[]"])
            elif "$ref" in target:
                walk(target, f"{full}.", [*path, name])

    walk(schema, "", [])
    return rows


def _cell(text: str) -> str:
    return text.replace("|", "\\|").replace("\n", " ")


def write_fields(target: Path) -> None:
    schema = load_schema()
    lines = [
        "# Field reference",
        "",
        "Generated at build time from `schemas/article.schema.json` "
        f"(`$id` `{schema['$id']}`); examples are taken from the shipped corpus.",
        "Offsets count Unicode code points; see {doc}`../explanation/design` for what users of",
        "UTF-16 languages (JavaScript, Java) must do.",
        "",
        "| path | type | required | constraints | description | example |",
        "|---|---|---|---|---|---|",
    ]
    for row in field_rows(schema):
        lines.append(
            "| "
            + " | ".join(
                _cell(row[k])
                for k in ("path", "type", "required", "constraints", "description", "example")
            )
            + " |"
        )
    target.write_text("\n".join(lines) + "\n", encoding="utf-8")


def write_codes(target: Path) -> None:
    from newsdata.validate import LEVELS
    from newsdata.validate.codes import CHECKS

    lines = [
        "# Validation codes",
        "",
        "Generated at build time from the validator's check registry. Every problem that",
        "`newsdata validate` reports carries one of these codes, its level, a message and",
        "its place (file, line, column, JSON Pointer).",
        "",
    ]
    for level in LEVELS:
        lines += [
            f"## Level `{level}`",
            "",
            "| code | what it means | how to fix it |",
            "|---|---|---|",
        ]
        for check in CHECKS.values():
            if check.level == level:
                lines.append(
                    f"| `{check.code}` | {_cell(check.description)} | {_cell(check.fix)} |"
                )
        lines.append("")
    target.write_text("\n".join(lines), encoding="utf-8")


def write_cli(target: Path) -> None:
    import argparse

    from newsdata.cli import build_parser

    parser = build_parser()
    lines = [
        "# Command line",
        "",
        "Generated at build time from the argument parser.",
        "",
        "```text",
        parser.format_help().rstrip(),
        "```",
        "",
    ]
    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction):
            for name, sub in action.choices.items():
                lines += [
                    f"## `newsdata {name}`",
                    "",
                    "```text",
                    sub.format_help().rstrip(),
                    "```",
                    "",
                ]
    target.write_text("\n".join(lines), encoding="utf-8")


def _generate(app: Sphinx) -> None:
    out = Path(app.srcdir) / "reference"
    out.mkdir(exist_ok=True)
    write_fields(out / "fields.md")
    write_codes(out / "validation-codes.md")
    write_cli(out / "cli.md")


def setup(app: Sphinx) -> dict[str, Any]:
    app.connect("builder-inited", _generate)
    return {"parallel_read_safe": True, "version": "1"}
