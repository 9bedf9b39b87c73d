"""Safe file writes: nothing half-written, nothing written through a link or onto a
read-only file, nothing outside the directory a command may write to.

One writer, :class:`WriteBatch`: each file's data goes to a temporary file in the
target's own directory, is flushed to disk, and is renamed over the target only when
every file of the batch is complete, so a full disk or an error leaves the old files as
they were. A new file gets the mode the umask allows (as ``open()`` would create it); a
replaced file keeps its mode. :func:`write_atomic` (one file from bytes) and
:func:`atomic_path` (one file written by a library that wants a file name) are batches
of one.
"""

from __future__ import annotations

import contextlib
import errno
import hashlib
import json
import os
import stat
import tempfile
from collections import deque
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import Any

__all__ = [
    "ARTICLE_MAX_BYTES",
    "SHA256_PREFIX",
    "TEMP_SUFFIX",
    "UnsafeWrite",
    "WriteBatch",
    "atomic_path",
    "current_umask",
    "dump_json",
    "opened_ahead",
    "read_article_file",
    "sha256_digest",
    "sha256_file_digest",
    "sha256_hex",
    "target_mode",
    "temporaries_of",
    "write_atomic",
]

TEMP_SUFFIX = ".tmp"
"""The suffix of every temporary file a write makes (``.<target name>.<random>.tmp``)."""


class UnsafeWrite(OSError):
    """A write refused: the target is a symbolic link, read-only, or outside ``inside``."""


def current_umask() -> int:
    """The process's umask (the only portable way to read it is to set it and set it back)."""
    mask = os.umask(0o022)
    os.umask(mask)
    return mask


def target_mode(path: Path, inside: Path | None = None) -> int:
    """The mode the file written at ``path`` should have; refuses an unsafe target.

    A new file gets the mode the umask allows, a replaced file keeps its own.

    Parameters
    ----------
    path
        The file about to be written.
    inside
        When given, the directory the file must lie in (after resolving links).

    Raises
    ------
    UnsafeWrite
        When ``path`` is a symbolic link, an existing read-only file or not a regular
        file, or lies outside ``inside``.

    Examples
    --------
    >>> import tempfile, pathlib
    >>> target = pathlib.Path(tempfile.mkdtemp()) / "new.json"
    >>> target_mode(target) == 0o666 & ~current_umask()
    True
    """
    if inside is not None:
        try:
            root, parent = inside.resolve(), path.parent.resolve()
        except RuntimeError:  # a loop of symbolic links
            raise UnsafeWrite(f"{path}: not written, its directory is a loop of links") from None
        if parent != root and root not in parent.parents:
            raise UnsafeWrite(f"{path}: not written, it lies outside {inside}")
    try:
        info = path.lstat()
    except FileNotFoundError:
        return 0o666 & ~current_umask()
    if stat.S_ISLNK(info.st_mode):
        raise UnsafeWrite(f"{path}: not written, it is a symbolic link")
    if not stat.S_ISREG(info.st_mode):
        raise UnsafeWrite(f"{path}: not written, it is not a regular file")
    if not info.st_mode & 0o222:
        raise UnsafeWrite(f"{path}: not written, the file is read-only")
    return stat.S_IMODE(info.st_mode)


def temporaries_of(path: Path) -> list[Path]:
    """The temporary files a write of ``path`` makes beside it (left by a killed writer)."""
    return sorted(path.parent.glob(f".{path.name}.*{TEMP_SUFFIX}"))


def _sync_directory(directory: Path) -> None:
    with contextlib.suppress(OSError):  # not every file system lets a directory be synced
        fd = os.open(directory, os.O_RDONLY)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)


def _fsync(path: Path) -> None:
    with open(path, "rb+") as handle:
        os.fsync(handle.fileno())


def write_atomic(path: Path, data: bytes, *, inside: Path | None = None) -> None:
    """Write ``data`` to ``path`` through a temporary file renamed into place.

    Raises
    ------
    UnsafeWrite
        See :func:`target_mode`.
    OSError
        When the directory cannot be written or the disk is full; ``path`` is unchanged.

    Examples
    --------
    >>> import tempfile, pathlib
    >>> target = pathlib.Path(tempfile.mkdtemp()) / "a.json"
    >>> write_atomic(target, b"{}")
    >>> target.read_bytes()
    b'{}'
    """
    with WriteBatch(inside) as batch:
        batch.add(path, data)


@contextlib.contextmanager
def atomic_path(path: Path, *, inside: Path | None = None) -> Iterator[Path]:
    """Yield a temporary path beside ``path``; on success it is renamed to ``path``.

    For writers (Parquet, DocBin) that want a file name rather than bytes.

    Examples
    --------
    >>> import tempfile, pathlib
    >>> target = pathlib.Path(tempfile.mkdtemp()) / "a.bin"
    >>> with atomic_path(target) as tmp:
    ...     _ = tmp.write_bytes(b"x")
    >>> target.read_bytes()
    b'x'
    """
    with WriteBatch(inside) as batch:
        yield batch.reserve(path)


class WriteBatch:
    """Several files written all or nothing.

    :meth:`add` writes each file's data to a temporary file at once (so a full disk
    shows up before anything is replaced); :meth:`reserve` gives a streaming writer an
    empty temporary file to fill. Leaving the ``with`` block without an error renames
    them all into place, in the order they were added; an error removes them and leaves
    every target as it was.

    Examples
    --------
    >>> import tempfile, pathlib
    >>> root = pathlib.Path(tempfile.mkdtemp())
    >>> with WriteBatch(root) as batch:
    ...     batch.add(root / "a.txt", b"a")
    ...     batch.add(root / "b.txt", b"b")
    >>> sorted(p.name for p in root.iterdir())
    ['a.txt', 'b.txt']
    """

    def __init__(self, inside: Path | None = None) -> None:
        self.inside = inside
        self._pending: list[tuple[Path, Path]] = []  # (temporary file, target)
        self._synced: set[Path] = set()  # temporary files already flushed to disk

    def reserve(self, path: Path) -> Path:
        """An empty temporary file beside ``path`` (same directory, the mode ``path`` will
        have) for a writer that streams; it replaces ``path`` on commit.

        Raises
        ------
        UnsafeWrite
            See :func:`target_mode`; checked before any directory is made.
        """
        mode = target_mode(path, self.inside)  # before any directory is made
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, name = tempfile.mkstemp(prefix=f".{path.name}.", suffix=TEMP_SUFFIX, dir=path.parent)
        tmp = Path(name)
        self._pending.append((tmp, path))  # owned by the batch before anything can fail
        try:
            os.fchmod(fd, mode)
        finally:
            os.close(fd)
        return tmp

    def add(self, path: Path, data: bytes) -> None:
        """Write ``data`` for ``path`` to a temporary file; it replaces ``path`` on commit."""
        tmp = self.reserve(path)
        with open(tmp, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        self._synced.add(tmp)

    def drop(self, path: Path) -> None:
        """Leave ``path`` as it is: its temporary file is removed, nothing replaces it."""
        for tmp, target in [p for p in self._pending if p[1] == path]:
            tmp.unlink(missing_ok=True)
            self._pending.remove((tmp, target))

    def temporaries(self) -> set[Path]:
        """The temporary files the batch holds (a clean-up of leftovers must spare them)."""
        return {tmp for tmp, _ in self._pending}

    def commit(self) -> None:
        """Rename every temporary file into place."""
        for _, path in self._pending:  # nothing swapped in a link meanwhile
            target_mode(path, self.inside)
        for tmp, _ in self._pending:
            if tmp not in self._synced:
                _fsync(tmp)
        for tmp, path in self._pending:
            os.replace(tmp, path)
        for directory in {path.parent for _, path in self._pending}:
            _sync_directory(directory)
        self._pending.clear()

    def discard(self) -> None:
        """Remove every temporary file; no target is touched."""
        for tmp, _ in self._pending:
            tmp.unlink(missing_ok=True)
        self._pending.clear()

    def __enter__(self) -> WriteBatch:
        return self

    def __exit__(self, kind: object, error: object, trace: object) -> None:
        if kind is None:
            try:
                self.commit()
            finally:
                self.discard()
        else:
            self.discard()


SHA256_PREFIX = "sha256:"
"""How data packages mark a sha256 digest: ``sha256:<hex>``."""


def sha256_hex(digest: str) -> str:
    """The hex digits of a ``sha256:<hex>`` digest (Croissant records them bare).

    Examples
    --------
    >>> sha256_hex(sha256_digest(b""))[:12]
    'e3b0c44298fc'
    """
    return digest.removeprefix(SHA256_PREFIX)


def sha256_digest(data: bytes) -> str:
    """The digest as data packages record it: ``sha256:<hex>``."""
    return SHA256_PREFIX + hashlib.sha256(data).hexdigest()


def sha256_file_digest(fd: int) -> str:
    """The digest of an open file's bytes, as :func:`sha256_digest` gives it for bytes.

    Read in blocks from the start (``pread``: the file's position is left alone), so a
    large file is never held in memory whole.
    """
    digest = hashlib.sha256()
    offset = 0
    while block := os.pread(fd, 1 << 20, offset):
        digest.update(block)
        offset += len(block)
    return SHA256_PREFIX + digest.hexdigest()


def dump_json(value: Any) -> bytes:
    """Serialise ``value`` the way newsdata writes every JSON file (stable, UTF-8)."""
    return (json.dumps(value, ensure_ascii=False, indent=2) + "\n").encode("utf-8")


# Reading: article files, opened once and never through a symbolic link.

# O_NONBLOCK: a FIFO put where an article goes is not waited on (no effect on files)
NO_FOLLOW = (
    os.O_RDONLY
    | getattr(os, "O_NOFOLLOW", 0)
    | getattr(os, "O_NONBLOCK", 0)
    | getattr(os, "O_CLOEXEC", 0)
)
# files opened ahead, the kernel asked to read them: reading from disk overlaps parsing
READ_AHEAD = 64

ARTICLE_MAX_BYTES = 16 * 1024 * 1024
"""The most bytes one article file may hold (16 MiB): the validator reports a larger one
(``file-too-large``) and no reader reads one whole."""


class FileTooLarge(OSError):
    """An article file larger than the reader's limit (its ``size`` in bytes)."""

    def __init__(self, file: str | Path, size: int, limit: int) -> None:
        super().__init__(errno.EFBIG, f"{size:,} bytes, more than the limit of {limit:,}")
        self.filename = str(file)
        self.size = size
        self.limit = limit


def read_article_file(
    file: str | Path, fd: int | None = None, *, limit: int | None = None
) -> bytes:
    """The bytes of an article file: one open, never through a symbolic link.

    ``fd``: the file already opened (by :func:`opened_ahead`); it is closed here. The one
    reader of article bytes, so that no reader follows a link put in a corpus. ``limit``:
    the most bytes read (the validator's size limit); a larger file is not read.

    Raises
    ------
    OSError
        ``FileNotFoundError`` when the file is gone; ``errno.ELOOP`` when it is a link;
        ``errno.EINVAL`` when it is not a regular file (a FIFO, a device);
        :class:`FileTooLarge` when it is larger than ``limit``.

    Examples
    --------
    >>> import tempfile, pathlib
    >>> file = pathlib.Path(tempfile.mkdtemp()) / "a.json"
    >>> _ = file.write_bytes(b"{}")
    >>> read_article_file(file)
    b'{}'
    """
    if fd is None:
        fd = os.open(file, NO_FOLLOW)
    try:
        info = os.fstat(fd)
        if not stat.S_ISREG(info.st_mode):
            raise OSError(errno.EINVAL, "not a regular file", str(file))
        size = info.st_size
        if limit is not None and size > limit:
            raise FileTooLarge(file, size, limit)
        # with a limit, one byte more than the size tells in the same call whether it grew
        data = os.read(fd, size if limit is None else size + 1)
        if limit is not None and len(data) > limit:
            raise FileTooLarge(file, len(data), limit)
        if len(data) != size:  # a short read, or a file that grew
            parts = [data]
            while chunk := os.read(fd, max(size, 1 << 16)):
                parts.append(chunk)
                if limit is not None and sum(map(len, parts)) > limit:
                    raise FileTooLarge(file, sum(map(len, parts)), limit)
            data = b"".join(parts)
        return data
    finally:
        os.close(fd)


def _open_ahead(file: str) -> int | None:
    """``file`` opened with the kernel asked to read it now; None when it cannot be
    opened (reading it later reports why)."""
    try:
        fd = os.open(file, NO_FOLLOW)
    except OSError:
        return None
    with contextlib.suppress(OSError):  # advice only: a file system may not take it
        os.posix_fadvise(fd, 0, 0, os.POSIX_FADV_WILLNEED)
    return fd


def opened_ahead(prefix: str, names: Sequence[str]) -> Iterator[int | None]:
    """For each of ``names`` in order (files ``prefix + name``), the file opened ahead of
    time, or None (not opened: reading it says why). Whoever takes a file closes it; the
    ones opened ahead are closed when the loop stops early."""
    if not hasattr(os, "posix_fadvise"):  # no read-ahead to ask for (macOS, Windows)
        yield from (None for _ in names)
        return
    ahead: deque[int | None] = deque()
    try:
        for position in range(len(names)):
            while len(ahead) < READ_AHEAD and position + len(ahead) < len(names):
                ahead.append(_open_ahead(prefix + names[position + len(ahead)]))
            yield ahead.popleft()
    finally:
        for fd in ahead:
            if fd is not None:
                os.close(fd)
