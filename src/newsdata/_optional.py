"""Import optional libraries with a message that names the extra to install."""

from __future__ import annotations

import importlib
from types import ModuleType

EXTRAS = {
    "pandas": "pandas",
    "pyarrow": "parquet",
    "pyarrow.parquet": "parquet",
    "datasets": "hf",
    "spacy": "spacy",
    "spacy.tokens": "spacy",
}


class MissingDependency(ImportError):
    """An optional library (an extra of newsdata) is not installed."""


def require(module: str) -> ModuleType:
    """Import ``module`` or raise :class:`MissingDependency` naming the extra that provides it."""
    try:
        return importlib.import_module(module)
    except ImportError:
        extra = EXTRAS.get(module, "all")
        raise MissingDependency(
            f"this needs the optional library {module.split('.')[0]!r}: "
            f'pip install "newsdata[{extra}]"'
        ) from None
