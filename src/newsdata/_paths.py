"""Where the shipped corpus and schemas are, in a wheel and in a source checkout."""

from __future__ import annotations

from pathlib import Path

_PACKAGE = Path(__file__).resolve().parent


def _locate(name: str) -> Path:
    # A wheel carries the data inside the package (hatchling force-include);
    # an editable install or a source checkout has it at the repository's top.
    packaged = _PACKAGE / "_data" / name
    if packaged.is_dir():
        return packaged
    return _PACKAGE.parent.parent / name


def dataset_dir() -> Path:
    """Return the directory of the corpus shipped with the package."""
    return _locate("dataset")


def schemas_dir() -> Path:
    """Return the directory of the shipped JSON Schemas."""
    return _locate("schemas")


def repository_root() -> Path | None:
    """Return the source checkout's top directory, or None in an installed wheel."""
    root = _PACKAGE.parent.parent
    if (root / "pyproject.toml").is_file() and not (_PACKAGE / "_data").is_dir():
        return root
    return None
