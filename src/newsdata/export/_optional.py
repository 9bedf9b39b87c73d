"""Optional libraries behind extras: see :mod:`newsdata._optional` (kept for old imports)."""

from __future__ import annotations

from newsdata._optional import EXTRAS, MissingDependency, require

__all__ = ["EXTRAS", "MissingDependency", "require"]
