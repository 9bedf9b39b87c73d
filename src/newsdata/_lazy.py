"""The one mechanism that keeps ``import newsdata`` light: a package's public names
resolved on first use (PEP 562).

A package lists which of its names live in which module; the module is imported the first
time one of them is asked for, so that ``import newsdata; newsdata.load()`` pays neither for
pydantic (the models) nor for the checks. Optional libraries (pandas, pyarrow, datasets,
spaCy) are another matter: they are imported inside the function that needs them, through
:func:`newsdata._optional.require`, which names the extra to install.

Examples
--------
>>> getattr_, dir_ = lazy_names("json", {"loads_later": "json:loads"})
>>> getattr_("loads_later") is __import__("json").loads
True
>>> "loads_later" in dir_()
True
"""

from __future__ import annotations

import importlib
from collections.abc import Callable, Mapping
from typing import Any

__all__ = ["lazy_names"]


def lazy_names(
    package: str, names: Mapping[str, str], listed: tuple[str, ...] = ()
) -> tuple[Callable[[str], Any], Callable[[], list[str]]]:
    """A package's ``__getattr__`` and ``__dir__`` for names imported on first use.

    Parameters
    ----------
    package
        The package's ``__name__`` (for the error message).
    names
        Each lazy name and where it lives: ``"module:attribute"``, ``"module"`` for a
        module itself, or ``"module:function()"`` for what a function of it returns.
    listed
        The names the package defines itself, shown by ``dir()`` with the lazy ones.
    """

    def getattr_(name: str) -> Any:
        target = names.get(name)
        if target is None:
            raise AttributeError(f"module {package!r} has no attribute {name!r}")
        module, _, attribute = target.partition(":")
        found = importlib.import_module(module)
        if not attribute:
            return found
        if attribute.endswith("()"):
            return getattr(found, attribute[:-2])()
        return getattr(found, attribute)

    def dir_() -> list[str]:
        return sorted({*names, *listed})

    return getattr_, dir_
