"""Arrow tables as pandas DataFrames with newsdata's documented dtypes.

Kept apart from :mod:`newsdata.frames.arrow` because it needs no models: a frame of a
loaded corpus comes from the columnar store without importing pydantic.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import Any

from newsdata._optional import require

__all__ = ["arrow_to_pandas"]


def arrow_to_pandas(table: Any, chunks: Callable[[str], Iterable[Any]] | None = None) -> Any:
    """A layer's Arrow table as a ``pandas.DataFrame``: ``string``, ``Int64``, ``datetime64[s]``.

    The one conversion for every Corpus, so a frame's dtypes never depend on where the
    table came from. Integer columns are copied (pandas' ``Int64`` is numpy arrays);
    ``chunks(name)`` gives a column's chunks to copy from, by default the table's own
    (the columnar store gives them from files mapped only while they are copied).
    """
    pd = require("pandas")
    pa = require("pyarrow")
    dtypes = {pa.large_string(): pd.StringDtype("pyarrow"), pa.bool_(): pd.BooleanDtype()}
    integers = [f.name for f in table.schema if f.type == pa.int64()]
    frame = table.drop_columns(integers).to_pandas(types_mapper=dtypes.get, date_as_object=False)
    for field in table.schema:
        if field.type == pa.date32():
            frame[field.name] = frame[field.name].astype("datetime64[s]")
    if chunks is None:
        chunks = lambda name: table.column(name).chunks  # noqa: E731
    columns = {
        n: _integers(chunks(n), table.num_rows) if n in integers else frame[n].array
        for n in table.column_names
    }
    return pd.DataFrame(columns, copy=False)  # in the table's column order, no copy


def _integers(chunks: Iterable[Any], length: int) -> Any:
    """Int64 chunks as pandas' ``Int64`` with one copy of the values (pyarrow's own
    conversion makes three)."""
    import numpy as np

    pd = require("pandas")
    pc = require("pyarrow.compute")
    values = np.empty(length, dtype=np.int64)
    mask = np.zeros(length, dtype=bool)
    at = 0
    for chunk in chunks:
        n = len(chunk)
        if chunk.null_count:
            mask[at : at + n] = chunk.is_null().to_numpy(zero_copy_only=False)
            chunk = pc.fill_null(chunk, 0)
        values[at : at + n] = chunk.to_numpy(zero_copy_only=False)
        at += n
    if at != length:
        raise ValueError(f"an integer column of {at} values in a table of {length} rows")
    return pd.arrays.IntegerArray(values, mask, copy=False)
