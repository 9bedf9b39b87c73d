"""The package version, read from the installed package's metadata on first use.

``importlib.metadata`` costs about 30 ms to import, so it is not imported with
``newsdata`` but when the version is first needed.
"""

from __future__ import annotations

from functools import cache


@cache
def version() -> str:
    """The version of the installed ``newsdata`` distribution (``0+unknown`` outside one)."""
    from importlib.metadata import PackageNotFoundError
    from importlib.metadata import version as distribution_version

    try:
        return distribution_version("newsdata")
    except PackageNotFoundError:  # pragma: no cover - a bare source tree
        return "0+unknown"
