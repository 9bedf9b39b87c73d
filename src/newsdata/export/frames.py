"""The one Arrow path: see :mod:`newsdata.frames.arrow` (kept for old imports)."""

from __future__ import annotations

from newsdata.frames.arrow import (
    JsonLines,
    arrow_schema,
    layers_of_docs,
    layers_of_lines,
    to_arrow,
)
from newsdata.frames.columns import LAYER_NAMES
from newsdata.frames.columns import table_named as layer_table

__all__ = [
    "LAYER_NAMES",
    "JsonLines",
    "arrow_schema",
    "layer_table",
    "layers_of_docs",
    "layers_of_lines",
    "to_arrow",
]
