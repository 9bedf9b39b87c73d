"""The package version and its documentation address, read from the installed package's
metadata on first use.

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


@cache
def documentation_url() -> str | None:
    """The documentation's address from ``[project.urls]`` (``Documentation``), or None.

    The one place the address is written is ``pyproject.toml``; links to the validation
    codes' reference are made from it, and left out while the project has none.
    """
    from importlib.metadata import PackageNotFoundError, metadata

    try:
        urls = metadata("newsdata").get_all("Project-URL") or []
    except PackageNotFoundError:  # pragma: no cover - a bare source tree
        return None
    for entry in urls:
        label, _, url = str(entry).partition(",")
        if label.strip().lower() == "documentation" and url.strip():
            return url.strip().rstrip("/")
    return None
