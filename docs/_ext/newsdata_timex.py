"""The guidelines' tables of TIMEX3 values and modifiers, generated from ``newsdata.timex``.

A page writes ``{newsdata-timex-table} values`` (or ``mods``) in a directive block and gets
the table built from the grammar the validator checks values with: a form added to
:data:`newsdata.timex.FORMS` appears in the guidelines without anyone editing them.
"""

from __future__ import annotations

from typing import Any, ClassVar

from docutils import nodes
from sphinx.application import Sphinx
from sphinx.util.docutils import SphinxDirective

from newsdata.timex import FORMS, MODS


def _cell(text: str) -> str:
    # a pipe would end the cell: the tables' sources must not hold one
    if "|" in text:
        raise ValueError(f"a table cell holds a pipe: {text!r}")
    return text


def _code(values: tuple[str, ...]) -> str:
    return ", ".join(f"`{value}`" for value in values)


def value_table() -> str:
    """The Markdown table of the value forms: one row per form of :data:`FORMS`.

    Examples
    --------
    >>> print(value_table().splitlines()[2])
    | year | `YYYY` | a calendar year | `2025`, `19XX` | `DATE`, `SET` |
    """
    rows = [
        "| form | value | meaning | examples | types |",
        "|---|---|---|---|---|",
    ]
    for form in FORMS:
        cells = [form.name, f"`{form.syntax}`", form.note, _code(form.examples),
                 _code(form.types)]  # fmt: skip
        rows.append("| " + " | ".join(_cell(c) for c in cells) + " |")
    return "\n".join(rows) + "\n"


def mod_table() -> str:
    """The Markdown table of the ``mod`` values: one row per modifier of :data:`MODS`.

    Examples
    --------
    >>> print(mod_table().splitlines()[2])
    | `BEFORE` | before the time named, not including it | `DATE`, `TIME` |
    """
    rows = ["| mod | meaning | used with |", "|---|---|---|"]
    for mod in MODS:
        cells = [f"`{mod.name}`", mod.meaning, _code(mod.types)]
        rows.append("| " + " | ".join(_cell(c) for c in cells) + " |")
    return "\n".join(rows) + "\n"


TABLES = {"values": value_table, "mods": mod_table}


class TimexTable(SphinxDirective):
    """``{newsdata-timex-table} values``: the generated table, parsed as the page's Markdown."""

    required_arguments = 1
    option_spec: ClassVar[dict[str, Any]] = {}

    def run(self) -> list[nodes.Node]:
        table = TABLES.get(self.arguments[0])
        if table is None:
            raise self.error(
                f"newsdata-timex-table: {self.arguments[0]!r} is not one of {', '.join(TABLES)}"
            )
        return self.parse_text_to_nodes(table())


def setup(app: Sphinx) -> dict[str, Any]:
    app.add_directive("newsdata-timex-table", TimexTable)
    return {"parallel_read_safe": True, "version": "1"}
