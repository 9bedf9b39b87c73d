"""Temporary files and folders of an export that was killed: each writer holds an advisory
lock on its own while it works, so the next one removes, by name, only what no live writer
holds.

Without advisory locks (Windows), nothing is removed: a live writer is never broken.
"""

from __future__ import annotations

import contextlib
import os
import re
import shutil
import stat
from collections.abc import Iterator
from pathlib import Path

__all__ = ["held", "remove_orphans"]

try:
    import fcntl
except ImportError:  # pragma: no cover - Windows
    fcntl = None  # type: ignore[assignment]


@contextlib.contextmanager
def held(path: Path) -> Iterator[None]:
    """Hold a lock on ``path`` (a file or folder just made) while the block runs.

    Raises
    ------
    FileNotFoundError
        When a clean-up removed ``path`` before it was locked (make another one).
    """
    if fcntl is None:  # pragma: no cover - Windows
        yield
        return
    fd = os.open(path, os.O_RDONLY | os.O_NOFOLLOW)
    try:
        fcntl.flock(fd, fcntl.LOCK_EX)  # a clean-up holding it finishes first
        mine, now = os.fstat(fd), _lstat(path)
        if now is None or (now.st_dev, now.st_ino) != (mine.st_dev, mine.st_ino):
            raise FileNotFoundError(f"{path}: removed by another export's clean-up")
        yield
    finally:
        os.close(fd)


def _lstat(path: Path) -> os.stat_result | None:
    try:
        return path.lstat()
    except FileNotFoundError:
        return None


def remove_orphans(directory: Path, name: re.Pattern[str]) -> None:
    """Remove the entries of ``directory`` whose names match ``name``, that this user
    owns and that no live writer holds; links are never followed."""
    if fcntl is None:  # pragma: no cover - Windows
        return
    try:
        names = os.listdir(directory)
    except OSError:
        return
    for entry in names:
        path = directory / entry
        info = _lstat(path) if name.fullmatch(entry) else None
        if info is None or stat.S_ISLNK(info.st_mode) or info.st_uid != os.geteuid():
            continue
        try:
            fd = os.open(path, os.O_RDONLY | os.O_NOFOLLOW)
        except OSError:
            continue
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except OSError:  # a live writer's
            os.close(fd)
            continue
        try:  # locked, so no writer can take it meanwhile
            if stat.S_ISDIR(info.st_mode):
                shutil.rmtree(path, ignore_errors=True)
            else:
                path.unlink(missing_ok=True)
        finally:
            os.close(fd)
