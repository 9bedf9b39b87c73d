"""The one Arrow path: every table view of articles as an Arrow table with an explicit schema.

Every table has the columns of its CSV view (:data:`newsdata.frames.columns.TABLES`): an
``article_id`` column, then the item's fields. Arrow types: ``large_string``, ``int64``,
``bool`` and ``date32`` (pandas dtypes: :mod:`newsdata.frames.pandas_view`). DuckDB,
Dask, Spark and Polars read the Parquet files written from these schemas without options.

One path makes every Arrow table (the columnar store, ``to_arrow``, the Parquet export):
articles as JSON lines, read by Arrow's JSON reader against a schema derived from the
column definitions, then each column taken out with Arrow's kernels. No value passes
through a Python object on the way, which is what makes the store quick to build.
"""

from __future__ import annotations

import struct
from collections.abc import Iterable, Sequence
from functools import cache
from typing import Any

import orjson

from newsdata._optional import require
from newsdata.frames.columns import LAYER_NAMES, TABLES, Column, Table, table_named

__all__ = [
    "LAYER_NAMES",
    "JsonLines",
    "arrow_schema",
    "layers_of_docs",
    "layers_of_lines",
    "to_arrow",
]


@cache
def _types() -> dict[str, Any]:
    pa = require("pyarrow")
    # large_string is pandas' string storage: a frame shares the store's mapped buffers
    return {
        "string": pa.large_string(),
        "integer": pa.int64(),
        "boolean": pa.bool_(),
        "date": pa.date32(),
        "duration": pa.large_string(),  # Arrow's durations have no months or years
    }


@cache
def arrow_schema(layer: str) -> Any:
    """The explicit Arrow schema of a layer, with each column's description as metadata."""
    pa = require("pyarrow")
    types = _types()
    table = table_named(layer)
    return pa.schema(
        [
            pa.field(
                c.name,
                types[c.type],
                nullable=not c.required,
                metadata={"description": c.description},
            )
            for c in table.columns
        ],
        metadata={"newsdata.layer": layer, "description": table.description},
    )


@cache
def _input_schema() -> Any:
    """The Arrow schema to read articles with: exactly the fields some column reads.

    Dates are read as strings (JSON has no dates) and cast afterwards. In the tree built
    here a dict is an object, and ``{"[]": tree}`` a list of such objects.
    """
    pa = require("pyarrow")
    json_types = {"integer": pa.int64(), "boolean": pa.bool_()}

    def leaf(column: Column) -> Any:
        if column.kind == "list":
            return pa.list_(pa.string())
        return json_types.get(column.type, pa.string())

    def add(tree: dict[str, Any], columns: Iterable[Column]) -> None:
        for column in columns:
            if column.kind in ("article", "parent"):
                continue
            node = tree
            for step in column.path[:-1]:
                node = node.setdefault(step, {})
            node[column.path[-1]] = leaf(column)

    def arrow(tree: Any) -> Any:
        if not isinstance(tree, dict):
            return tree
        if "[]" in tree:
            return pa.list_(arrow(tree["[]"]))
        return pa.struct([(k, arrow(v)) for k, v in sorted(tree.items())])

    top: dict[str, Any] = {"id": pa.string()}  # every row carries its article's id
    for table in TABLES:
        if table.layer is None:
            add(top, table.columns)
            continue
        items = top.setdefault(table.layer, {"[]": {}})["[]"]
        if table.within is not None:  # rows inside items: the items' ids name them
            items["id"] = pa.string()
            items = items.setdefault(table.within, {"[]": {}})["[]"]
        add(items, table.columns)
    return pa.schema([(k, arrow(v)) for k, v in sorted(top.items())])


class JsonLines:
    """Articles gathered for :func:`layers_of_lines`: one JSON object after another.

    :meth:`add` writes a dict as one line; :meth:`add_raw` takes a file's bytes as they
    are (pretty-printed over many lines: the reader then finds where each object ends,
    at about the same speed, and no article is serialised again).
    """

    def __init__(self) -> None:
        self.data = bytearray()
        self.count = 0
        self.longest = 0
        self.multiline = False

    def add(self, doc: dict[str, Any]) -> None:
        self._append(orjson.dumps(doc))

    def add_raw(self, data: bytes) -> None:
        """Add an article file's bytes, which must hold exactly one JSON object."""
        self.multiline = True
        self._append(data)

    def _append(self, data: bytes) -> None:
        self.data += data
        self.data += b"\n"
        self.count += 1
        self.longest = max(self.longest, len(data) + 1)


def layers_of_docs(docs: Iterable[dict[str, Any]], layers: Sequence[str] = LAYER_NAMES) -> Any:
    """The given layers of the given articles (JSON-ready dicts) as Arrow tables, by layer."""
    lines = JsonLines()
    for doc in docs:
        lines.add(doc)
    return layers_of_lines(lines, layers)


def layers_of_lines(lines: JsonLines, layers: Sequence[str] = LAYER_NAMES) -> dict[str, Any]:
    """The given layers of the articles in ``lines`` as Arrow tables, by layer.

    Raises ``pyarrow.ArrowInvalid`` when a value does not have its column's type (an
    offset written ``5.0``): the caller passes such articles through the models first.
    """
    pa = require("pyarrow")
    if lines.count == 0:
        return {layer: arrow_schema(layer).empty_table() for layer in layers}
    from pyarrow import json as pa_json

    articles = pa_json.read_json(
        pa.BufferReader(pa.py_buffer(lines.data)),  # the lines themselves, not a copy
        read_options=pa_json.ReadOptions(block_size=max(1 << 20, lines.longest)),
        parse_options=pa_json.ParseOptions(
            explicit_schema=_input_schema(),
            unexpected_field_behavior="ignore",
            newlines_in_values=lines.multiline,
        ),
    ).combine_chunks()
    return {layer: _layer(table_named(layer), articles) for layer in layers}


def _layer(table: Table, articles: Any) -> Any:
    pa = require("pyarrow")
    pc = require("pyarrow.compute")
    ids = articles.column("id").chunk(0)  # never empty: an empty batch returns earlier
    parent = None
    if table.layer is None:
        owner = ids
        items = pa.StructArray.from_arrays(
            [articles.column(n).chunk(0) for n in articles.column_names],
            names=articles.column_names,
        )
    else:
        lists = articles.column(table.layer).chunk(0)
        owner = ids.take(pc.list_parent_indices(lists))
        items = pc.list_flatten(lists)
        if table.within is not None:
            inner = pc.struct_field(items, [table.within])
            within = pc.list_parent_indices(inner)
            owner = owner.take(within)
            parent = pc.struct_field(items, ["id"]).take(within)
            items = pc.list_flatten(inner)
    types = _types()
    arrays = []
    for column in table.columns:
        if column.kind == "article":
            values = owner
        elif column.kind == "parent":
            values = parent
        else:
            values = pc.struct_field(items, list(column.path))
            if column.kind == "key":
                values = pc.binary_join_element_wise(owner, values, _string_scalar("/"))
            elif column.kind == "list":  # ids joined by spaces; null for an empty list
                joined = pc.binary_join(values, _string_scalar(" "))
                nonempty = pc.list_value_length(values).cast(pa.bool_())
                values = pc.if_else(nonempty, joined, pa.nulls(len(joined), joined.type))
            elif column.default is False:
                # null -> False with no Python scalar (which would make pyarrow import pandas)
                values = pc.and_kleene(values, pc.is_valid(values))
            elif column.default is not None:  # pragma: no cover - a new kind of default
                raise NotImplementedError(f"column {column.name}: default {column.default!r}")
        arrays.append(values.cast(types[column.type]))
    return pa.Table.from_arrays(arrays, schema=arrow_schema(table.name))


@cache
def _string_scalar(text: str) -> Any:
    """An Arrow string scalar made from buffers.

    Converting a Python value (``pa.scalar("/")``, or a ``str``, ``0`` or ``None`` handed
    to a kernel) makes pyarrow import pandas in every process that builds a store; the
    kernels here take Arrow values only (a test checks it).
    """
    pa = require("pyarrow")
    data = text.encode("utf-8")
    offsets = pa.py_buffer(struct.pack("<ii", 0, len(data)))
    return pa.StringArray.from_buffers(1, offsets, pa.py_buffer(data))[0]


def to_arrow(layer: str, docs: Iterable[dict[str, Any]]) -> Any:
    """One layer of the given articles as a ``pyarrow.Table``."""
    table_named(layer)
    return layers_of_docs(docs, [layer])[layer]
