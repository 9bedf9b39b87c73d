"""Layers as tables: pandas DataFrames and Arrow tables with explicit, documented types.

Every layer has the columns of its CSV view (:data:`newsdata.datapackage.tables.TABLES`): an
``article_id`` column, then the item's fields. Arrow types: ``string``, ``int64`` and
``date32``; pandas dtypes: ``string``, ``Int64`` (nullable integers) and
``datetime64[s]`` (``NaT`` when unknown). DuckDB, Dask, Spark and Polars read the Parquet
files written from these schemas without options.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable, Iterator
from typing import Any

from newsdata.datapackage.tables import TABLES, Table
from newsdata.export._optional import require

__all__ = ["LAYER_NAMES", "arrow_schema", "layer_table", "rows", "to_arrow", "to_pandas"]

LAYER_NAMES = tuple(t.name for t in TABLES)
_TABLES = {t.name: t for t in TABLES}


def layer_table(layer: str) -> Table:
    """The table definition of a layer, or a ValueError naming the layers."""
    try:
        return _TABLES[layer]
    except KeyError:
        raise ValueError(f"unknown layer {layer!r}; one of {', '.join(LAYER_NAMES)}") from None


def rows(layer: str, docs: Iterable[dict[str, Any]]) -> Iterator[list[Any]]:
    """The rows of one layer over the given articles, as lists of values (None when empty)."""
    table = layer_table(layer)
    for doc in docs:
        for item in table.items(doc):
            yield [column.get(item) for column in table.columns]


def arrow_schema(layer: str) -> Any:
    """The explicit Arrow schema of a layer, with each column's description as metadata."""
    pa = require("pyarrow")
    # an ISO 8601 duration stays a string: Arrow's durations have no months or years
    types = {"string": pa.string(), "integer": pa.int64(), "date": pa.date32()}
    types["duration"] = pa.string()
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


def _column_values(layer: str, batch: list[list[Any]]) -> list[list[Any]]:
    table = layer_table(layer)
    columns: list[list[Any]] = [[] for _ in table.columns]
    for row in batch:
        for values, value in zip(columns, row, strict=True):
            values.append(value)
    for i, column in enumerate(table.columns):
        if column.type == "date":
            columns[i] = [None if v is None else datetime.date.fromisoformat(v) for v in columns[i]]
    return columns


def arrow_batch(layer: str, batch: list[list[Any]]) -> Any:
    """Rows of a layer as an Arrow table with the layer's schema."""
    pa = require("pyarrow")
    schema = arrow_schema(layer)
    columns = _column_values(layer, batch)
    return pa.Table.from_arrays(
        [pa.array(values, type=field.type) for values, field in zip(columns, schema, strict=True)],
        schema=schema,
    )


def to_arrow(layer: str, docs: Iterable[dict[str, Any]]) -> Any:
    """One layer of the given articles as a ``pyarrow.Table``."""
    return arrow_batch(layer, list(rows(layer, docs)))


def to_pandas(layer: str, docs: Iterable[dict[str, Any]]) -> Any:
    """One layer of the given articles as a ``pandas.DataFrame`` with documented dtypes."""
    pd = require("pandas")
    table = layer_table(layer)
    columns = _column_values(layer, list(rows(layer, docs)))
    data = {}
    for column, values in zip(table.columns, columns, strict=True):
        if column.type == "integer":
            data[column.name] = pd.array(values, dtype="Int64")
        elif column.type == "date":
            data[column.name] = pd.to_datetime(pd.Series(values, dtype="object")).astype(
                "datetime64[s]"
            )
        else:
            data[column.name] = pd.array(values, dtype="string")
    return pd.DataFrame(data)
