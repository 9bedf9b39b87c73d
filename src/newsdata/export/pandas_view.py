"""Arrow tables as pandas frames: see :mod:`newsdata.frames.pandas_view` (kept for old imports)."""

from __future__ import annotations

from newsdata.frames.pandas_view import arrow_to_pandas

__all__ = ["arrow_to_pandas"]
