"""Layers as tables: Arrow tables and pandas DataFrames with explicit, documented types.

Every layer has the columns of its CSV view (:data:`newsdata.datapackage.tables.TABLES`): an
``article_id`` column, then the item's fields. Arrow types: ``large_string``, ``int64`` and
``date32``; pandas dtypes: ``string``, ``Int64`` (nullable integers) and
``datetime64[s]`` (``NaT`` when unknown). DuckDB, Dask, Spark and Polars read the Parquet
files written from these schemas without options.

One path makes every Arrow table (the columnar store, ``to_arrow``, the Parquet export):
articles as JSON lines, read by Arrow's JSON reader against a schema derived from the
column definitions, then each column taken out with Arrow's kernels. No value passes
through a Python object on the way, which is what makes the store quick to build.
"""

from __future__ import annotations

import struct
from collections.abc import Iterable, Sequence
from typing import Any

import orjson

from newsdata.datapackage.tables import TABLES, Column, Table
from newsdata.export._optional import require

__all__ = [
    "LAYER_NAMES",
    "JsonLines",
    "arrow_schema",
    "arrow_to_pandas",
    "layer_table",
    "layers_of_docs",
    "layers_of_lines",
    "to_arrow",
    "to_pandas",
]

LAYER_NAMES = tuple(t.name for t in TABLES)
_TABLES = {t.name: t for t in TABLES}


def layer_table(layer: str) -> Table:
    """The table definition of a layer, or a ValueError naming the layers."""
    try:
        return _TABLES[layer]
    except KeyError:
        raise ValueError(f"unknown layer {layer!r}; one of {', '.join(LAYER_NAMES)}") from None


def _types() -> dict[str, Any]:
    pa = require("pyarrow")
    # Strings are `large_string` (64-bit offsets), the storage of pandas' string dtype:
    # a frame then shares the memory-mapped buffers of the store instead of copying a
    # layer into memory. An ISO 8601 duration stays a string: Arrow's durations have no
    # months or years.
    return {
        "string": pa.large_string(),
        "integer": pa.int64(),
        "date": pa.date32(),
        "duration": pa.large_string(),
    }


def arrow_schema(layer: str) -> Any:
    """The explicit Arrow schema of a layer, with each column's description as metadata."""
    pa = require("pyarrow")
    types = _types()
    table = layer_table(layer)
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


def _input_schema() -> Any:
    """The Arrow schema to read articles with: exactly the fields some column reads.

    Dates are read as strings (JSON has no dates) and cast afterwards.
    """
    pa = require("pyarrow")
    json_types = {"integer": pa.int64()}

    def tree_of(columns: Iterable[Column]) -> dict[str, Any]:
        tree: dict[str, Any] = {}
        for column in columns:
            if column.kind == "article":
                continue
            node = tree
            for step in column.path[:-1]:
                node = node.setdefault(step, {})
            node[column.path[-1]] = json_types.get(column.type, pa.string())
        return tree

    def struct(tree: dict[str, Any]) -> Any:
        return pa.struct(
            [(k, struct(v) if isinstance(v, dict) else v) for k, v in sorted(tree.items())]
        )

    top = tree_of(c for t in TABLES if t.layer is None for c in t.columns)
    top["id"] = pa.string()  # every row carries its article's id
    for table in TABLES:
        if table.layer is not None:
            top[table.layer] = pa.list_(struct(tree_of(table.columns)))
    return pa.schema([(k, struct(v) if isinstance(v, dict) else v) for k, v in sorted(top.items())])


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
        pa.BufferReader(bytes(lines.data)),
        read_options=pa_json.ReadOptions(block_size=max(1 << 20, lines.longest)),
        parse_options=pa_json.ParseOptions(
            explicit_schema=_input_schema(),
            unexpected_field_behavior="ignore",
            newlines_in_values=lines.multiline,
        ),
    ).combine_chunks()
    return {layer: _layer(layer_table(layer), articles) for layer in layers}


def _layer(table: Table, articles: Any) -> Any:
    pa = require("pyarrow")
    pc = require("pyarrow.compute")
    ids = articles.column("id").chunk(0)  # never empty: an empty batch returns earlier

    def at(items: Any, path: tuple[str, ...]) -> Any:
        return pc.struct_field(items, list(path)) if path else items

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
    types = _types()
    arrays = []
    for column in table.columns:
        if column.kind == "article":
            values = owner
        else:
            values = at(items, column.path)
            if column.kind == "key":
                values = pc.binary_join_element_wise(owner, values, _string_scalar("/"))
        arrays.append(values.cast(types[column.type]))
    return pa.Table.from_arrays(arrays, schema=arrow_schema(table.name))


def _string_scalar(text: str) -> Any:
    """An Arrow string scalar made from buffers.

    Converting a Python value (``pa.scalar("/")``, or a ``str`` handed to a kernel) makes
    pyarrow import pandas, about 0.2 s in every process that builds a store.
    """
    pa = require("pyarrow")
    data = text.encode("utf-8")
    offsets = pa.py_buffer(struct.pack("<ii", 0, len(data)))
    return pa.StringArray.from_buffers(1, offsets, pa.py_buffer(data))[0]


def to_arrow(layer: str, docs: Iterable[dict[str, Any]]) -> Any:
    """One layer of the given articles as a ``pyarrow.Table``."""
    layer_table(layer)
    return layers_of_docs(docs, [layer])[layer]


def to_pandas(layer: str, docs: Iterable[dict[str, Any]]) -> Any:
    """One layer of the given articles as a ``pandas.DataFrame`` with documented dtypes."""
    return arrow_to_pandas(to_arrow(layer, docs))


def arrow_to_pandas(table: Any) -> Any:
    """A layer's Arrow table as a ``pandas.DataFrame``: ``string``, ``Int64``, ``datetime64[s]``.

    The one conversion for every Corpus, so a frame's dtypes never depend on where the
    table came from.
    """
    pd = require("pandas")
    pa = require("pyarrow")
    dtypes = {pa.large_string(): pd.StringDtype("pyarrow"), pa.int64(): pd.Int64Dtype()}
    frame = table.to_pandas(types_mapper=dtypes.get, date_as_object=False)
    for field in table.schema:
        if field.type == pa.date32():
            frame[field.name] = frame[field.name].astype("datetime64[s]")
    return frame
