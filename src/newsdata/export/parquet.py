"""Parquet: one file per layer, streamed in batches, with the explicit Arrow schemas."""

from __future__ import annotations

import contextlib
import re
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from newsdata._io import TEMP_SUFFIX, atomic_path
from newsdata.export._leftovers import held, remove_orphans
from newsdata.export._optional import require
from newsdata.export.frames import LAYER_NAMES, JsonLines, arrow_schema, layers_of_lines

__all__ = ["BATCH", "write_parquet"]

BATCH = 500
"""Articles per written row group: memory stays bounded whatever the corpus size."""


def write_parquet(docs: Iterable[dict[str, Any]], directory: Path) -> int:
    """Write ``<layer>.parquet`` for every layer (zstd); return the number of articles."""
    pq = require("pyarrow.parquet")
    n = 0
    # a killed writer's temporary files (`.<layer>.parquet.<random>.tmp`) go, a live one's stay
    layers = "|".join(re.escape(layer) for layer in LAYER_NAMES)
    remove_orphans(directory, re.compile(rf"\.(?:{layers})\.parquet\.[a-z0-9_]+{TEMP_SUFFIX}"))
    # the locks outlive the renames into place (the stack's exits), so no clean-up meets an
    # unlocked temporary file
    with contextlib.ExitStack() as locks, contextlib.ExitStack() as stack:
        writers = {}
        for layer in LAYER_NAMES:
            tmp = stack.enter_context(atomic_path(directory / f"{layer}.parquet"))
            locks.enter_context(held(tmp))
            writers[layer] = stack.enter_context(
                pq.ParquetWriter(str(tmp), arrow_schema(layer), compression="zstd")
            )
        lines = JsonLines()

        def flush() -> None:
            nonlocal lines
            for layer, table in layers_of_lines(lines).items():
                if table.num_rows:
                    writers[layer].write_table(table)
            lines = JsonLines()

        for doc in docs:
            n += 1
            lines.add(doc)
            if n % BATCH == 0:
                flush()
        flush()
        for writer in writers.values():
            writer.close()  # before the atomic rename on leaving the stack
    return n
