"""The per-user cache of columnar stores: where it is, its folders opened private and never
through a link, a store's files written and read, and stores retired once no one reads them.

Only a folder whose name and content show it is a store (or a build's leftover) is ever
deleted; a folder of another user is never used.
"""

from __future__ import annotations

import contextlib
import errno
import os
import stat
from dataclasses import dataclass
from pathlib import Path

from newsdata.layout import CorpusLayout
from newsdata.reading import CorpusError

CACHE_ENV = "NEWSDATA_CACHE_DIR"

MANIFEST = "manifest.json"

CONFIRMING = "manifest.new"
# a file of the stores of format 3, which are still removed as stores
_FORMAT_3_HASHES = "hashes.json"

DIR_FLAGS = (
    os.O_RDONLY | os.O_DIRECTORY | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_CLOEXEC", 0)
)

# O_NONBLOCK: a FIFO put where a file goes is not waited on (no effect on regular files)
FILE_FLAGS = (
    os.O_RDONLY
    | getattr(os, "O_NOFOLLOW", 0)
    | getattr(os, "O_CLOEXEC", 0)
    | getattr(os, "O_NONBLOCK", 0)
)

_HEX = frozenset("0123456789abcdef")

# where folders cannot be opened without following links (Windows): tables in memory
SAFE = (
    os.open in os.supports_dir_fd
    and os.scandir in os.supports_fd
    and hasattr(os, "O_NOFOLLOW")
    and os.name == "posix"
)


def cache_home() -> Path:
    """The directory of newsdata's per-user cache (see the module's documentation), as an
    absolute path: a relative ``$NEWSDATA_CACHE_DIR`` is taken from the working directory
    of the moment."""
    chosen = os.environ.get(CACHE_ENV)
    if chosen:
        try:
            return Path(chosen).absolute()
        except FileNotFoundError:  # a relative path, and the working directory is gone
            raise CorpusError(
                f"{CACHE_ENV}={chosen}: a relative path needs a working directory, and this "
                "one was removed; give an absolute path"
            ) from None
    xdg = os.environ.get("XDG_CACHE_HOME")
    base = Path(xdg) if xdg else Path.home() / ".cache"
    return base.absolute() / "newsdata"


@dataclass(frozen=True)
class CacheLocation:
    """Where a corpus's stores go, fixed when the corpus is loaded: a later ``chdir`` or
    change of the environment moves neither the corpus nor its cache."""

    home: Path
    corpus: Path
    """The corpus directory, resolved: its stores are found by this path's digest."""

    @classmethod
    def of(cls, layout: CorpusLayout) -> CacheLocation:
        """The location of the corpus at ``layout``, resolved now."""
        return cls(cache_home(), layout.root.resolve())

    @property
    def folder(self) -> Path:
        """The folder of this corpus's stores (one per corpus location, so a new store
        can retire the old ones)."""
        import hashlib

        return self.home / "columnar" / hashlib.sha256(os.fsencode(self.corpus)).hexdigest()[:24]


class Refused(OSError):
    """A folder of the cache that is not the user's own, or not a folder: not used."""

    def __init__(self, path: Path | str, reason: str) -> None:
        super().__init__(errno.EPERM, reason, str(path))


def private_folder(where: CacheLocation, *, create: bool) -> int:
    """The corpus's folder of the cache, opened: every level below the cache's home
    opened without following a link, owned by the user and private.

    Raises
    ------
    OSError
        When it does not exist (and not ``create``) or cannot be made; `Refused` for a
        folder of another user.
    """
    if not SAFE:
        raise Refused(where.home, "this system cannot open folders without following links")
    if create and not where.home.exists():
        where.home.mkdir(parents=True, exist_ok=True, mode=0o700)
        with contextlib.suppress(OSError):  # made now, by newsdata: exactly 0700
            where.home.chmod(0o700)
    # the home is the user's choice (it may be a link they made); it must be theirs
    home = os.open(where.home, os.O_RDONLY | os.O_DIRECTORY | getattr(os, "O_CLOEXEC", 0))
    try:
        if os.fstat(home).st_uid != os.getuid():
            raise Refused(where.home, "owned by another user")
        top = _private_child(home, "columnar", where.home / "columnar", create=create)
    finally:
        os.close(home)
    try:
        return _private_child(top, where.folder.name, where.folder, create=create)
    finally:
        os.close(top)


def _private_child(parent: int, name: str, path: Path, *, create: bool) -> int:
    """The folder ``name`` of ``parent``, opened without following a link; made 0700 if
    missing (and ``create``). A link found there is removed (with ``create``): never
    followed."""
    for _ in range(3):
        try:
            fd = os.open(name, DIR_FLAGS, dir_fd=parent)
        except FileNotFoundError:
            if not create:
                raise
            with contextlib.suppress(FileExistsError):  # made meanwhile: opened again
                os.mkdir(name, 0o700, dir_fd=parent)
            continue
        except OSError as exc:
            if exc.errno not in (errno.ELOOP, errno.ENOTDIR):
                raise
            if not stat.S_ISLNK(os.lstat(name, dir_fd=parent).st_mode):
                raise Refused(path, "not a folder; delete it") from None
            if not create:
                raise
            os.unlink(name, dir_fd=parent)  # a link where a folder goes: removed, not followed
            continue
        info = os.fstat(fd)
        if info.st_uid != os.getuid():
            os.close(fd)
            raise Refused(path, "owned by another user")
        if stat.S_IMODE(info.st_mode) != 0o700:  # the store holds the full texts
            with contextlib.suppress(OSError):  # a read-only cache stays as it is
                os.fchmod(fd, 0o700)
        return fd
    raise Refused(path, "replaced again and again while it was opened")


def read_file(folder: int, name: str) -> bytes:
    """A file of the store: a regular file of the user, opened without following a link."""
    fd = os.open(name, FILE_FLAGS, dir_fd=folder)
    try:
        info = os.fstat(fd)
        if not stat.S_ISREG(info.st_mode) or info.st_uid != os.getuid():
            raise Refused(name, "not a file of the user's own")
        parts = []
        while block := os.read(fd, max(info.st_size, 1 << 16)):
            parts.append(block)
        return b"".join(parts)
    finally:
        os.close(fd)


def write_file(folder: int, name: str, data: bytes) -> str:
    """Write a new file of the store (0600, flushed to disk); its sha256."""
    from newsdata._io import sha256_digest

    fd = os.open(name, os.O_WRONLY | os.O_CREAT | os.O_EXCL | FILE_FLAGS, 0o600, dir_fd=folder)
    try:
        os.fchmod(fd, 0o600)  # exactly, whatever the umask (0277 would make it unwritable)
        view = memoryview(data)
        while view:
            view = view[os.write(fd, view) :]
        os.fsync(fd)
    finally:
        os.close(fd)
    return sha256_digest(data)


def make_private(store: int) -> None:
    """A store made readable by others (copied with a tool that kept loose modes) is made
    private again: its folder 0700, its files 0600, never through a link."""
    if stat.S_IMODE(os.fstat(store).st_mode) == 0o700:
        return  # the usual case: one fstat
    with contextlib.suppress(OSError):  # a read-only cache stays as it is
        os.fchmod(store, 0o700)
        for entry in os.scandir(store):
            fd = os.open(entry.name, FILE_FLAGS, dir_fd=store)
            try:
                os.fchmod(fd, 0o600)
            finally:
                os.close(fd)


def sync_folder(folder: int) -> None:
    with contextlib.suppress(OSError):  # not every file system lets a directory be synced
        os.fsync(folder)


def cannot_write(folder: Path, exc: OSError) -> str:
    if isinstance(exc, Refused) and exc.filename and not os.path.isabs(exc.filename):
        folder = folder / exc.filename  # the store folder in the way, to be deleted
    return (
        f"newsdata: cannot write the columnar cache in {folder} ({exc.strerror or exc}); "
        f"building the tables in memory for this process. Set {CACHE_ENV} to a "
        "writable directory of your own to keep them between runs."
    )


def is_hex(text: str, length: int) -> bool:
    return len(text) == length and set(text) <= _HEX


def _is_leftover(name: str) -> bool:
    """A build's temporary folder, or a store set aside: ``.<16 hex>.<suffix>`` (older
    versions made 8 characters of ``tempfile``'s alphabet)."""
    parts = name.split(".")
    return (
        len(parts) == 3
        and parts[0] == ""
        and is_hex(parts[1], 16)
        and (len(parts[2]) == 8 or is_hex(parts[2], 12))
        and all(c.isalnum() or c == "_" for c in parts[2])
    )


def _is_store_file(name: str) -> bool:
    if name in (MANIFEST, CONFIRMING, _FORMAT_3_HASHES):
        return True
    parts = name.split(".")
    return (
        len(parts) == 3
        and parts[2] == "arrow"
        and parts[1].isdigit()
        and all(c.islower() or c == "_" for c in parts[0])
    )


def retire(folder: int, key: str) -> None:
    """Set the store ``key`` of ``folder`` aside (readers keep reading it) and delete it
    once no one does. Only a folder of the user holding a manifest it can read (whole or
    damaged) and nothing but a store's files is touched."""
    try:
        store = os.open(key, DIR_FLAGS, dir_fd=folder)
    except OSError:
        return
    try:
        if os.fstat(store).st_uid != os.getuid():
            return
        read_file(store, MANIFEST)
        if not all(_is_store_file(name) for name in os.listdir(store)):
            return
    except OSError:
        return  # not a store this code can prove its own: left alone
    finally:
        os.close(store)
    aside = f".{key[:16]}.{os.urandom(6).hex()}"
    try:
        os.rename(key, aside, src_dir_fd=folder, dst_dir_fd=folder)
    except OSError:
        return
    remove_store_folder(folder, aside)


def retire_path(directory: Path, store: int) -> None:
    """`retire` for a store found damaged while read: ``directory`` if it is still the
    folder ``store`` holds open (not a store built since in its place)."""
    import fcntl

    try:
        fcntl.flock(store, fcntl.LOCK_UN)  # this reader's own lock would keep it
        folder = os.open(directory.parent, DIR_FLAGS)
    except OSError:
        return
    try:
        here, held = os.lstat(directory.name, dir_fd=folder), os.fstat(store)
        if os.fstat(folder).st_uid == os.getuid() and here.st_ino == held.st_ino:
            retire(folder, directory.name)
    except OSError:
        return
    finally:
        os.close(folder)


def retire_others(folder: int, key: str) -> None:
    """Retire the stores of earlier states of this corpus (64 hex digits and a manifest)."""
    for entry in os.scandir(folder):
        if entry.name != key and is_hex(entry.name, 64):
            retire(folder, entry.name)


def clean_leftovers(folder: int) -> None:
    """Delete what killed builds left (``.<key>.*`` folders no live process holds)."""
    for entry in os.scandir(folder):
        if _is_leftover(entry.name):
            remove_store_folder(folder, entry.name)


def remove_store_folder(folder: int, name: str) -> None:
    """Delete the folder ``name`` of ``folder`` if it is the user's, no process holds it
    (``flock``) and it holds only a store's files; never through a link. Else left."""
    import fcntl

    try:
        fd = os.open(name, DIR_FLAGS, dir_fd=folder)
    except OSError:
        return  # gone, or a link: never followed
    try:
        if os.fstat(fd).st_uid != os.getuid():
            return
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)  # a live build or reader: left
        entries = os.listdir(fd)
        for entry in entries:
            info = os.lstat(entry, dir_fd=fd)
            if not _is_store_file(entry) or stat.S_ISDIR(info.st_mode):
                return  # not a store's content: left as it is
        for entry in entries:
            os.unlink(entry, dir_fd=fd)  # a link among them is removed, not followed
        os.rmdir(name, dir_fd=folder)
    except OSError:
        return
    finally:
        os.close(fd)
