"""The columnar store: every layer of a corpus as an Arrow table, kept in a per-user cache.

The article files are the data; this store is derived from them, the way Hugging Face
``datasets`` derives its Arrow cache from data files. The store is a copy, never a
truth: it is never served when it could be wrong, and it never writes or deletes
anything but its own files.

* **Keyed by what it was made from.** The key is a fingerprint of every article file's
  name, size, modification and change times (what ``datasets`` and ``git`` use to see
  that a file changed), the code that makes the tables (the package's modules) and the
  store format. A file changed, added or removed gives another key. A file whose times
  are not older than the build's start by more than `RACY_NS` (git's "racy" files: a
  second edit in the same clock tick leaves its times as they were) is hashed again
  before the store is trusted.
* **Checked by digest.** The manifest records every file's sha256 and how many
  articles and shards the store holds; ``load(verify=True)`` and any failed read check
  the shards against it, and a damaged store is built again with a one-line warning.
  An ordinary open checks the manifest only (hashing every shard would cost as much
  as reading them).
* **Private and never through a link.** The cache's folders are made 0700 and its
  files 0600 (the store holds the full texts); each folder is opened relative to its
  parent without following a symbolic link and must belong to the user. A link where
  a folder of the cache goes is removed, never followed; a cache owned by another user
  is not used. Only a folder whose name and content show it is a store (or a build's
  leftover) is ever deleted.
* **Written once, all or nothing.** A store is built in a temporary folder beside its
  place, flushed to disk and renamed into place; a reader sees a whole store or none.
  A store in use is locked (``flock``, shared), so another process retires it by
  renaming it aside and deletes it only once no one reads it.

The cache lives in ``$NEWSDATA_CACHE_DIR``, else ``$XDG_CACHE_HOME/newsdata``, else
``~/.cache/newsdata``; delete it at any time. When it cannot be written (a read-only
home, a full disk, a folder of another user), the tables are built in memory for the
process and a warning says so.
"""

from __future__ import annotations

import contextlib
import errno
import os
import stat
import warnings
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Any

from newsdata.layout import CorpusLayout
from newsdata.loader import CorpusError

__all__ = [
    "CACHE_ENV",
    "RACY_NS",
    "STORE_FORMAT",
    "CacheLocation",
    "ColumnarStore",
    "StoreDamaged",
    "cache_home",
    "check_store",
    "open_store",
]

CACHE_ENV = "NEWSDATA_CACHE_DIR"
STORE_FORMAT = 3
"""Bumped whenever the way a store is written changes, so old stores are not read."""

RACY_NS = 2_000_000_000
"""A file whose times are not older than a build's start by this much (2 s: FAT's clock
tick, and more than a coarse kernel clock lags) is hashed again before a store is trusted."""

_MANIFEST = "manifest.json"
_HASHES = "hashes.json"
_CONFIRMING = "manifest.new"
# Articles per shard: a shard is built by one process, in memory, and written as one
# Arrow record batch per layer; large enough for fast scans, small enough that memory
# stays flat whatever the corpus size.
_SHARD = 2000
_DIR = os.O_RDONLY | os.O_DIRECTORY | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_CLOEXEC", 0)
# O_NONBLOCK: a FIFO put where a file goes is not waited on (no effect on regular files)
_FILE = (
    os.O_RDONLY
    | getattr(os, "O_NOFOLLOW", 0)
    | getattr(os, "O_CLOEXEC", 0)
    | getattr(os, "O_NONBLOCK", 0)
)
_HEX = frozenset("0123456789abcdef")
# folders opened relative to their parent, never through a link, and locked: where the
# system cannot (Windows), the tables are built in memory
_SAFE = (
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


class StoreDamaged(CorpusError):
    """A store whose files do not match its manifest (or are gone); already retired."""


class _Refused(OSError):
    """A folder of the cache that is not the user's own, or not a folder: not used."""

    def __init__(self, path: Path | str, reason: str) -> None:
        super().__init__(errno.EPERM, reason, str(path))


@dataclass
class ColumnarStore:
    """The layers of one corpus as Arrow tables, and the sha256 of each article it read.

    On disk, each layer is one Arrow IPC file per shard of articles (``<layer>.<n>.arrow``);
    ``directory`` is None when the store could not be written and lives in memory.
    Reading a store imports neither pydantic nor the models: its manifest names the
    layers it holds. An open store holds its folder open and locked (shared), so
    another process never deletes it while it is read.
    """

    directory: Path | None
    shards: int
    layers: tuple[str, ...]
    _hashes: dict[str, str] | None = field(default=None, repr=False)
    _tables: dict[str, Any] = field(default_factory=dict, repr=False)
    key: str = ""
    _fd: int | None = field(default=None, repr=False)
    _digests: dict[str, str] = field(default_factory=dict, repr=False)

    def __post_init__(self) -> None:
        if self._fd is not None:  # the folder stays open (and locked) while the store lives
            import weakref

            weakref.finalize(self, os.close, self._fd)

    @property
    def hashes(self) -> dict[str, str]:
        """The sha256 of each article file the store was built from, by file name."""
        if self._hashes is None:  # kept apart from the manifest: 100,000 make 10 MB
            import orjson

            assert self._fd is not None  # an in-memory store holds its hashes
            try:
                self._hashes = orjson.loads(_read_file(self._fd, _HASHES))
            except (OSError, orjson.JSONDecodeError) as exc:
                raise self._damaged(exc) from None
        return self._hashes

    def table(self, layer: str) -> Any:
        """One layer as a ``pyarrow.Table`` (memory-mapped when the store is on disk).

        Raises
        ------
        ValueError
            Naming the layers, for a layer that is not one.
        StoreDamaged
            When a file of the store cannot be read as written (the store is retired).
        """
        if layer in self._tables:
            return self._tables[layer]
        if layer not in self.layers:
            from newsdata.export.frames import layer_table

            layer_table(layer)  # an unknown layer: the ValueError naming the layers
            raise self._damaged(f"no layer {layer!r}")  # the code has it: damaged
        if not self.shards:  # a corpus of no articles
            from newsdata.export.frames import arrow_schema

            self._tables[layer] = arrow_schema(layer).empty_table()
            return self._tables[layer]
        import pyarrow as pa

        try:
            parts = [pa.ipc.open_file(self._map(layer, s)).read_all() for s in range(self.shards)]
            self._tables[layer] = pa.concat_tables(parts)
        except Exception as exc:  # any failed read asks the digests (ArrowInvalid: truncated)
            raise self._damaged(exc) from None
        return self._tables[layer]

    def chunks(self, layer: str, column: str) -> Iterator[Any]:
        """The chunks of one column, each from its shard's file mapped only while the
        chunk is in use: a copy made chunk by chunk (pandas' ``Int64``) leaves no page
        of the store in the process's memory."""
        table = self.table(layer)
        if self._fd is None or not self.shards:
            yield from table.column(column).chunks
            return
        import pyarrow as pa

        only = pa.ipc.IpcReadOptions(included_fields=[table.schema.get_field_index(column)])
        for shard in range(self.shards):
            try:
                reader = pa.ipc.open_file(self._map(layer, shard), options=only)
                batches = [reader.get_batch(b) for b in range(reader.num_record_batches)]
            except Exception as exc:  # any failed read asks the digests
                raise self._damaged(exc) from None
            for batch in batches:
                yield batch.column(0)

    def _map(self, layer: str, shard: int) -> Any:
        """A shard's file memory-mapped, opened in the store's folder, never through a link."""
        import mmap

        import pyarrow as pa

        assert self._fd is not None  # an in-memory store holds every layer
        fd = os.open(f"{layer}.{shard}.arrow", _FILE, dir_fd=self._fd)
        try:
            if os.fstat(fd).st_uid != os.getuid():  # put there by someone else: not read
                raise _Refused(f"{layer}.{shard}.arrow", "owned by another user")
            return pa.py_buffer(mmap.mmap(fd, 0, access=mmap.ACCESS_READ))
        finally:
            os.close(fd)

    def damage(self) -> str | None:
        """What is wrong with the store's files (one that is missing, or whose sha256
        differs from the manifest's), or None when every one is as written."""
        if self._fd is None:
            return None
        return _check_digests(self._fd, self._digests)

    def _damaged(self, reason: object) -> StoreDamaged:
        """The error for a read that failed; the store is retired when its files are not
        as written (a read that fails on files as written is not the store's fault)."""
        found = self.damage()
        if found is None and not isinstance(reason, str):
            raise CorpusError(f"{self.directory}: the columnar store cannot be read ({reason})")
        if self.directory is not None and self._fd is not None:
            _retire_path(self.directory, self._fd)
        return StoreDamaged(f"{self.directory}: a damaged columnar store ({found or reason})")


def _code_files() -> list[Path]:
    """Every module of the package: the code that makes the tables (see `_code_digest`)."""
    top = Path(__file__).resolve().parent
    found = []
    for folder, subfolders, files in os.walk(top):
        # packages only: the shipped corpus lives in the package too, in a data folder
        subfolders[:] = sorted(
            d for d in subfolders if os.path.isfile(os.path.join(folder, d, "__init__.py"))
        )
        found += [Path(folder, f) for f in sorted(files) if f.endswith(".py")]
    return found


@cache
def _code_digest() -> bytes:
    """A digest of the code that makes the tables: every module of the package, and the
    version of pyarrow.

    The tables' columns derive from the models; digesting the package's sources (a few
    milliseconds) instead of the Arrow schemas (which import pydantic and build the
    models, about 0.2 s) lets a built store be opened without either. Any change of the
    code makes new stores: safe, and rare outside development.
    """
    import hashlib

    import pyarrow

    digest = hashlib.sha256(f"pyarrow {pyarrow.__version__}\n".encode())
    top = Path(__file__).resolve().parent
    for path in _code_files():
        digest.update(f"{path.relative_to(top).as_posix()}\0".encode())
        digest.update(path.read_bytes())
    return digest.digest()


def _file_times(directory: int, name: str) -> tuple[int, int, int]:
    """Size, modification and change time (ns) of an article file (tests stand in a
    coarse clock here)."""
    s = os.stat(name, dir_fd=directory, follow_symlinks=False)
    return s.st_size, s.st_mtime_ns, s.st_ctime_ns


def _fingerprint(layout: CorpusLayout, names: Sequence[str]) -> tuple[str, Any]:
    """The store's key, and each file's size and times (an ``array`` of three numbers a
    file, for the racy check of a build: not looked at on a warm open)."""
    import array
    import hashlib

    digest = hashlib.sha256(f"newsdata columnar store {STORE_FORMAT}\n".encode())
    digest.update(_code_digest())
    # One stat per file is the whole cost of a fresh store's check (100,000 files: about
    # 0.25 s); the numbers are gathered in C arrays and hashed once.
    times = array.array("q")
    add = times.extend
    stat_of = _file_times
    directory = os.open(layout.articles_dir, os.O_RDONLY | os.O_DIRECTORY)
    try:
        for name in names:
            add(stat_of(directory, name))
    except FileNotFoundError as exc:
        from newsdata.loader import removed_error

        raise removed_error(layout.articles_dir / str(exc.filename)) from None
    finally:
        os.close(directory)
    digest.update("\0".join(names).encode("utf-8", "surrogateescape"))
    digest.update(times.tobytes())
    return digest.hexdigest(), times


def _now_ns() -> int:
    """The build's start (a test stands in a clock here)."""
    import time

    return time.time_ns()


def open_store(
    layout: CorpusLayout,
    names: Sequence[str],
    workers: int | None = None,
    *,
    before_build: Callable[[], object] | None = None,
    location: CacheLocation | None = None,
    damaged: str | None = None,
) -> ColumnarStore:
    """The store of the articles ``names`` of the corpus at ``layout``: read or built.

    ``before_build`` is called when the store must be built, before anything is read:
    a caller's last chance to refuse (an unknown layer, say) what would cost a build.
    ``location``: where the cache is, fixed when the corpus was loaded (else now).
    ``damaged``: the key of a store found damaged a moment ago; if it is still there (a
    read-only cache could not retire it), the tables are built in memory instead.

    Raises
    ------
    CorpusError
        When an article file is not a valid article (building reads every one).
    """
    start = _now_ns()
    key, times = _fingerprint(layout, names)
    where = location or CacheLocation.of(layout)
    found = _open_existing(where, key, layout, len(names))
    still_there = found is not None and found.key == damaged  # a read-only cache kept it
    if still_there:
        found = None
    if found is not None:
        return found
    if before_build is not None:
        before_build()
    from newsdata._parallel import default_workers  # multiprocessing: only to build

    # Building waits on the disk as much as it computes: twice as many processes as CPUs
    # keep both busy (100,000 uncached articles on 2 CPUs: 40.7 s with 2, 31.1 s with 4).
    workers = default_workers(workers) if workers is not None else 2 * default_workers()
    vouched = _vouched(layout)
    jobs = [
        _Shard(layout.articles_dir, part, None, n, {k: vouched[k] for k in part if k in vouched})
        for n, part in enumerate(_shards(names, workers))
    ]
    latest = map(max, times[1::3], times[2::3])  # a file's later time: modified or changed
    racy = {n: t for n, t in zip(names, latest, strict=True) if t >= start - RACY_NS}
    if still_there:  # not built where it cannot be replaced: in memory, once
        return _in_memory(
            jobs,
            f"newsdata: {where.folder / key}: a damaged columnar store could not be "
            "replaced; building the tables in memory for this process (delete that folder)",
            key,
        )
    try:
        folder = _private_folder(where, create=True)
    except OSError as exc:
        return _in_memory(jobs, _cannot_write(where.folder, exc), key)
    try:
        return _build(folder, where, key, layout, jobs, workers, racy)
    except OSError as exc:  # a full disk, a folder made read-only meanwhile
        return _in_memory(jobs, _cannot_write(where.folder, exc), key)
    finally:
        os.close(folder)


def _cannot_write(folder: Path, exc: OSError) -> str:
    if isinstance(exc, _Refused) and exc.filename and not os.path.isabs(exc.filename):
        folder = folder / exc.filename  # the store folder in the way, to be deleted
    return (
        f"newsdata: cannot write the columnar cache in {folder} ({exc.strerror or exc}); "
        f"building the tables in memory for this process. Set {CACHE_ENV} to a "
        "writable directory of your own to keep them between runs."
    )


def _build(
    folder: int,
    where: CacheLocation,
    key: str,
    layout: CorpusLayout,
    jobs: list[_Shard],
    workers: int,
    racy: dict[str, int],
) -> ColumnarStore:
    """Build the store in a temporary folder of ``folder`` and publish it as ``key``."""
    import dataclasses
    import fcntl

    import orjson

    from newsdata._parallel import spread
    from newsdata.export.frames import LAYER_NAMES

    _clean_leftovers(folder)  # of builds that were killed
    work = f".{key[:16]}.{os.urandom(6).hex()}"
    os.mkdir(work, 0o700, dir_fd=folder)
    try:
        work_fd = os.open(work, _DIR, dir_fd=folder)
        try:
            os.fchmod(work_fd, 0o700)  # exactly, whatever the umask
            # held while building: the next build's cleaning leaves a live build alone
            fcntl.flock(work_fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
            hashes: dict[str, str] = {}
            digests: dict[str, str] = {}
            on_disk = [dataclasses.replace(job, work=work_fd) for job in jobs]
            with spread(_build_shard, on_disk, workers) as results:
                for built in results:
                    hashes.update(built.hashes)
                    digests.update(built.digests)
            digests[_HASHES] = _write_file(work_fd, _HASHES, orjson.dumps(hashes))
            recorded = {
                "format": STORE_FORMAT,
                "key": key,
                "articles": sum(len(job.names) for job in jobs),
                "shards": len(jobs),
                "layers": LAYER_NAMES,
                "digests": digests,
                "racy": {name: hashes[name] for name in sorted(racy)},
                "racy_until": max(racy.values(), default=0) + RACY_NS,
            }
            # the manifest last: a store without one is not a store
            _write_file(work_fd, _MANIFEST, orjson.dumps(recorded))
            os.fsync(work_fd)
        finally:
            os.close(work_fd)
        _publish(folder, work, key, layout)
    finally:
        _remove_store_folder(folder, work)  # gone already when it was published
    _retire_others(folder, key)
    # the racy files were read a moment ago by this build: not read again
    found = _open_existing(where, key, layout, len(hashes), racy_checked=True)
    if found is None:  # retired by another process at once: read what was built
        raise OSError(errno.EAGAIN, "the store was replaced while it was opened")
    found._hashes = hashes
    return found


def _write_file(folder: int, name: str, data: bytes) -> str:
    """Write a new file of the store (0600, flushed to disk); its sha256."""
    from newsdata._io import sha256_digest

    fd = os.open(name, os.O_WRONLY | os.O_CREAT | os.O_EXCL | _FILE, 0o600, dir_fd=folder)
    try:
        os.fchmod(fd, 0o600)  # exactly, whatever the umask (0277 would make it unwritable)
        view = memoryview(data)
        while view:
            view = view[os.write(fd, view) :]
        os.fsync(fd)
    finally:
        os.close(fd)
    return sha256_digest(data)


def _private_folder(where: CacheLocation, *, create: bool) -> int:
    """The corpus's folder of the cache, opened: every level below the cache's home
    opened without following a link, owned by the user and private.

    Raises
    ------
    OSError
        When it does not exist (and not ``create``) or cannot be made; `_Refused` for a
        folder of another user.
    """
    if not _SAFE:
        raise _Refused(where.home, "this system cannot open folders without following links")
    if create and not where.home.exists():
        where.home.mkdir(parents=True, exist_ok=True, mode=0o700)
        with contextlib.suppress(OSError):  # made now, by newsdata: exactly 0700
            where.home.chmod(0o700)
    # the home is the user's choice (it may be a link they made); it must be theirs
    home = os.open(where.home, os.O_RDONLY | os.O_DIRECTORY | getattr(os, "O_CLOEXEC", 0))
    try:
        if os.fstat(home).st_uid != os.getuid():
            raise _Refused(where.home, "owned by another user")
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
            fd = os.open(name, _DIR, dir_fd=parent)
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
                raise _Refused(path, "not a folder; delete it") from None
            if not create:
                raise
            os.unlink(name, dir_fd=parent)  # a link where a folder goes: removed, not followed
            continue
        info = os.fstat(fd)
        if info.st_uid != os.getuid():
            os.close(fd)
            raise _Refused(path, "owned by another user")
        if stat.S_IMODE(info.st_mode) != 0o700:  # the store holds the full texts
            with contextlib.suppress(OSError):  # a read-only cache stays as it is
                os.fchmod(fd, 0o700)
        return fd
    raise _Refused(path, "replaced again and again while it was opened")


def _read_file(folder: int, name: str) -> bytes:
    """A file of the store: a regular file of the user, opened without following a link."""
    fd = os.open(name, _FILE, dir_fd=folder)
    try:
        info = os.fstat(fd)
        if not stat.S_ISREG(info.st_mode) or info.st_uid != os.getuid():
            raise _Refused(name, "not a file of the user's own")
        parts = []
        while block := os.read(fd, max(info.st_size, 1 << 16)):
            parts.append(block)
        return b"".join(parts)
    finally:
        os.close(fd)


def _manifest(folder: int, name: str) -> dict[str, Any] | None:
    """The manifest of the store ``name`` in ``folder`` if it is one of this format,
    consistent with itself; else None. Reads one small file."""
    import orjson

    try:
        store = os.open(name, _DIR, dir_fd=folder)
    except OSError:
        return None
    try:
        if os.fstat(store).st_uid != os.getuid():
            return None
        recorded = orjson.loads(_read_file(store, _MANIFEST))
    except (OSError, orjson.JSONDecodeError):
        return None  # none there, or unreadable: built again
    finally:
        os.close(store)
    return recorded if _consistent(recorded, name) else None


def _consistent(recorded: Any, key: str) -> bool:
    """A manifest of this format that names its own store, and a digest for every file
    its layers and shards make (a manifest edited to ``"shards": 0`` is not one)."""
    if not isinstance(recorded, dict) or recorded.get("format") != STORE_FORMAT:
        return False
    shards, layers, digests = (
        recorded.get("shards"),
        recorded.get("layers"),
        recorded.get("digests"),
    )
    articles, racy = recorded.get("articles"), recorded.get("racy")
    if recorded.get("key") != key or not isinstance(articles, int):
        return False
    if not isinstance(shards, int) or not 0 <= shards <= articles or (articles > 0) != (shards > 0):
        return False
    if not isinstance(layers, list) or not all(isinstance(x, str) for x in layers):
        return False
    if not isinstance(racy, dict) or not isinstance(digests, dict):
        return False
    if not isinstance(recorded.get("racy_until"), int):
        return False
    files = {f"{layer}.{n}.arrow" for layer in layers for n in range(shards)} | {_HASHES}
    return set(digests) == files and all(isinstance(d, str) for d in digests.values())


def _open_existing(
    where: CacheLocation,
    key: str,
    layout: CorpusLayout,
    articles: int,
    *,
    verify: bool = False,
    racy_checked: bool = False,
) -> ColumnarStore | None:
    """The store ``key`` if it is there, whole, of ``articles`` articles and fresh (its
    racy files hashed again), opened and locked; else None. With ``verify``, its shards'
    digests are checked too, and a store that fails is retired with a warning."""
    try:
        folder = _private_folder(where, create=False)
    except OSError:
        return None
    import fcntl

    try:
        recorded = _manifest(folder, key)
        if recorded is None or recorded["articles"] != articles:
            return None
        try:
            store = os.open(key, _DIR, dir_fd=folder)
        except OSError:
            return None
        try:
            # shared: no other process deletes the store while this one reads it
            fcntl.flock(store, fcntl.LOCK_SH | fcntl.LOCK_NB)
        except OSError:  # being retired right now
            os.close(store)
            return None
        _make_private(store)
        opened = ColumnarStore(
            where.folder / key,
            recorded["shards"],
            tuple(recorded["layers"]),
            key=key,
            _fd=store,
            _digests=recorded["digests"],
        )
        stale = None if racy_checked else _stale(layout, recorded["racy"])
        damage = opened.damage() if verify and stale is None else None
        if stale is not None or damage is not None:
            fcntl.flock(store, fcntl.LOCK_UN)  # this reader's own lock would keep it
            _retire(folder, key)
            if damage is not None:
                warnings.warn(
                    f"newsdata: {opened.directory}: a damaged columnar store ({damage}); "
                    "removed, it is built again",
                    stacklevel=5,
                )
            return None
        if recorded["racy"] and not racy_checked and _now_ns() > recorded["racy_until"]:
            _confirm(store, recorded)
        return opened
    finally:
        os.close(folder)


def _make_private(store: int) -> None:
    """A store made readable by others (copied with a tool that kept loose modes) is made
    private again: its folder 0700, its files 0600, never through a link."""
    if stat.S_IMODE(os.fstat(store).st_mode) == 0o700:
        return  # the usual case: one fstat
    with contextlib.suppress(OSError):  # a read-only cache stays as it is
        os.fchmod(store, 0o700)
        for entry in os.scandir(store):
            fd = os.open(entry.name, _FILE, dir_fd=store)
            try:
                os.fchmod(fd, 0o600)
            finally:
                os.close(fd)


def _confirm(store: int, recorded: dict[str, Any]) -> None:
    """Record that the store's racy files are racy no more: their bytes were just found
    as built, and their clock has moved on since, so any later edit changes their times
    (git's index does the same). Later opens then hash none of them."""
    import orjson

    confirmed = dict(recorded, racy={}, racy_until=0)
    try:
        _write_file(store, _CONFIRMING, orjson.dumps(confirmed))
    except OSError:  # another process confirming it: left to that one
        return
    try:  # replaced whole: a reader sees the old manifest or the new
        os.rename(_CONFIRMING, _MANIFEST, src_dir_fd=store, dst_dir_fd=store)
    except OSError:
        with contextlib.suppress(OSError):
            os.unlink(_CONFIRMING, dir_fd=store)


def _stale(layout: CorpusLayout, racy: dict[str, Any]) -> str | None:
    """The first racy file whose bytes differ from those the store was built from."""
    if not racy:  # the usual case: nothing to import (``_io`` imports tempfile)
        return None
    from newsdata._io import sha256_digest
    from newsdata.loader import CorpusError, read_article_file

    for name, digest in racy.items():
        try:
            now = sha256_digest(read_article_file(layout.articles_dir / name))
        except CorpusError:
            return name
        if now != digest:
            return name
    return None


def check_store(layout: CorpusLayout, names: Sequence[str], location: CacheLocation) -> None:
    """Check the store of the corpus's present state (if one is built) against its
    digests: a store that fails is removed, with a one-line warning, and built again
    when next used (``load(verify=True)``)."""
    try:
        key, _ = _fingerprint(layout, names)
    except CorpusError:  # the corpus's own check reports its files
        return
    _open_existing(location, key, layout, len(names), verify=True)


def _check_digests(store: int, digests: dict[str, str]) -> str | None:
    from newsdata._io import sha256_file_digest

    for name, digest in digests.items():
        try:
            fd = os.open(name, _FILE, dir_fd=store)
        except OSError as exc:
            return f"{name}: {exc.strerror}"
        try:
            info = os.fstat(fd)
            if not stat.S_ISREG(info.st_mode):
                return f"{name}: not a regular file"
            if info.st_uid != os.getuid():
                return f"{name}: owned by another user"
            if sha256_file_digest(fd) != digest:
                return f"{name}: not the bytes it was written with"
        except OSError as exc:
            return f"{name}: {exc.strerror}"
        finally:
            os.close(fd)
    return None


def _is_hex(text: str, length: int) -> bool:
    return len(text) == length and set(text) <= _HEX


def _is_leftover(name: str) -> bool:
    """A build's temporary folder, or a store set aside: ``.<16 hex>.<suffix>`` (older
    versions made 8 characters of ``tempfile``'s alphabet)."""
    parts = name.split(".")
    return (
        len(parts) == 3
        and parts[0] == ""
        and _is_hex(parts[1], 16)
        and (len(parts[2]) == 8 or _is_hex(parts[2], 12))
        and all(c.isalnum() or c == "_" for c in parts[2])
    )


def _is_store_file(name: str) -> bool:
    if name in (_MANIFEST, _HASHES, _CONFIRMING):
        return True
    parts = name.split(".")
    return (
        len(parts) == 3
        and parts[2] == "arrow"
        and parts[1].isdigit()
        and all(c.islower() or c == "_" for c in parts[0])
    )


def _retire(folder: int, key: str) -> None:
    """Set the store ``key`` of ``folder`` aside (readers keep reading it) and delete it
    once no one does. Only a folder of the user holding a manifest it can read (whole or
    damaged) and nothing but a store's files is touched."""
    try:
        store = os.open(key, _DIR, dir_fd=folder)
    except OSError:
        return
    try:
        if os.fstat(store).st_uid != os.getuid():
            return
        _read_file(store, _MANIFEST)
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
    _remove_store_folder(folder, aside)


def _retire_path(directory: Path, store: int) -> None:
    """`_retire` for a store found damaged while read: ``directory`` if it is still the
    folder ``store`` holds open (not a store built since in its place)."""
    import fcntl

    try:
        fcntl.flock(store, fcntl.LOCK_UN)  # this reader's own lock would keep it
        folder = os.open(directory.parent, _DIR)
    except OSError:
        return
    try:
        here, held = os.lstat(directory.name, dir_fd=folder), os.fstat(store)
        if os.fstat(folder).st_uid == os.getuid() and here.st_ino == held.st_ino:
            _retire(folder, directory.name)
    except OSError:
        return
    finally:
        os.close(folder)


def _retire_others(folder: int, key: str) -> None:
    """Retire the stores of earlier states of this corpus (64 hex digits and a manifest)."""
    for entry in os.scandir(folder):
        if entry.name != key and _is_hex(entry.name, 64):
            _retire(folder, entry.name)


def _clean_leftovers(folder: int) -> None:
    """Delete what killed builds left (``.<key>.*`` folders no live process holds)."""
    for entry in os.scandir(folder):
        if _is_leftover(entry.name):
            _remove_store_folder(folder, entry.name)


def _remove_store_folder(folder: int, name: str) -> None:
    """Delete the folder ``name`` of ``folder`` if it is the user's, no process holds it
    (``flock``) and it holds only a store's files; never through a link. Else left."""
    import fcntl

    try:
        fd = os.open(name, _DIR, dir_fd=folder)
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


def _publish(folder: int, work: str, key: str, layout: CorpusLayout) -> None:
    """Rename the finished ``work`` to ``key``. What is there already is kept only if it
    is a store that verifies (another process finished first); a damaged store is
    retired, a link removed (never followed), anything else refused."""
    for _ in range(3):
        try:
            os.rename(work, key, src_dir_fd=folder, dst_dir_fd=folder)
        except OSError as exc:
            if exc.errno not in (errno.EEXIST, errno.ENOTEMPTY, errno.ENOTDIR, errno.EISDIR):
                raise
        else:
            _sync(folder)
            return
        info = os.lstat(key, dir_fd=folder)
        if stat.S_ISLNK(info.st_mode):
            os.unlink(key, dir_fd=folder)
            continue
        if not stat.S_ISDIR(info.st_mode):
            raise _Refused(key, "not a columnar store; delete it")
        if _verifies(folder, key, layout):
            return  # another process's finished store: ours is removed
        _retire(folder, key)
    raise _Refused(key, "could not be replaced; delete it")


def _verifies(folder: int, key: str, layout: CorpusLayout) -> bool:
    recorded = _manifest(folder, key)
    if recorded is None or _stale(layout, recorded["racy"]) is not None:
        return False
    try:
        store = os.open(key, _DIR, dir_fd=folder)
    except OSError:
        return False
    try:
        return _check_digests(store, recorded["digests"]) is None
    finally:
        os.close(store)


def _sync(folder: int) -> None:
    with contextlib.suppress(OSError):  # not every file system lets a directory be synced
        os.fsync(folder)


def _vouched(layout: CorpusLayout) -> dict[str, str]:
    """The article files ``newsdata build`` checked, by name, with the sha256 it recorded.

    `newsdata build` refuses an article that breaks the contract, so a file whose bytes
    still have the hash the descriptor records passed the same check (of this article
    format: a new format, a new check); the store does not parse it a second time.
    """
    from newsdata.datapackage.descriptor import FORMAT, is_article_resource
    from newsdata.loader import CorpusError, load_descriptor

    def lean(pairs: list[tuple[str, Any]]) -> Any:
        # A descriptor lists every file: 100,000 articles make 100 MB of dicts, which
        # the worker processes forked next would all carry. Keep what is read here.
        found = dict(pairs)
        if "path" in found and "hash" in found:
            keep = {"path": found["path"], "hash": found["hash"], "format": found.get("format")}
            return keep if is_article_resource(keep) else None
        return found

    try:
        descriptor = load_descriptor(layout, object_pairs_hook=lean)
    except CorpusError:
        return {}
    built = descriptor.get("newsdata")
    if not isinstance(built, dict) or built.get("format") != FORMAT:
        return {}
    resources = descriptor.get("resources")
    if not isinstance(resources, list):
        return {}
    return {
        r["path"].rsplit("/", 1)[-1]: r["hash"]
        for r in resources
        if is_article_resource(r) and isinstance(r.get("hash"), str)
    }


def _shards(names: Sequence[str], workers: int) -> list[list[str]]:
    """``names`` cut into shards of at most ``_SHARD``, as many as a multiple of
    ``workers``, of equal sizes: no worker is left with a last shard alone."""
    if not names:
        return []
    count = -(-len(names) // _SHARD)
    count = -(-count // workers) * workers
    size = -(-len(names) // count)
    return [list(names[k : k + size]) for k in range(0, len(names), size)]


@dataclass(frozen=True)
class _Shard:
    """A job: build the tables of ``names`` into ``<layer>.<number>.arrow`` in the open
    folder ``work`` (kept in memory when ``work`` is None)."""

    articles: Path
    names: list[str]
    work: int | None
    number: int
    vouched: dict[str, str] = field(default_factory=dict)
    """Files whose recorded hash vouches that the build checked them (see `_vouched`)."""


@dataclass
class _Built:
    hashes: dict[str, str]
    tables: dict[str, Any]
    digests: dict[str, str] = field(default_factory=dict)


def _build_shard(job: _Shard) -> _Built:
    import pyarrow as pa

    from newsdata._io import sha256_digest
    from newsdata.export.frames import JsonLines, layers_of_lines
    from newsdata.loader import check_document, check_id, parse_article, read_article_file

    lines = JsonLines()
    hashes = {}
    for name in job.names:
        file = job.articles / name
        data = read_article_file(file)  # never through a link put there since listing
        hashes[name] = sha256_digest(data)
        if job.vouched.get(name) != hashes[name]:  # not checked by the build: check now
            check_document(file, data)
        lines.add_raw(data)
    try:
        tables = layers_of_lines(lines)
    except pa.ArrowInvalid:
        # a value the reader cannot type as written (an offset written 5.0, which the
        # contract accepts): the models normalise it
        lines = JsonLines()
        for name in job.names:
            file = job.articles / name
            lines.add(parse_article(file, read_article_file(file)).model_dump(mode="json"))
        tables = layers_of_lines(lines)
    # every id must be its file's name (the contract check does not look at that)
    for name, found in zip(job.names, tables["articles"].column("id").to_pylist(), strict=True):
        check_id(job.articles / name, found)
    if job.work is None:
        return _Built(hashes, tables)
    digests = {}
    for layer, table in tables.items():
        digests[f"{layer}.{job.number}.arrow"] = _write_shard(job.work, layer, job.number, table)
    return _Built(hashes, {}, digests)


def _write_shard(work: int, layer: str, number: int, table: Any) -> str:
    """Write one shard file (0600) in the open folder ``work``, flushed to disk; its sha256."""
    import pyarrow as pa

    from newsdata._io import sha256_file_digest

    flags = os.O_RDWR | os.O_CREAT | os.O_EXCL | _FILE
    fd = os.open(f"{layer}.{number}.arrow", flags, 0o600, dir_fd=work)
    os.fchmod(fd, 0o600)  # exactly, whatever the umask
    with os.fdopen(fd, "wb") as handle:
        with pa.ipc.new_file(pa.PythonFile(handle, mode="w"), table.schema) as out:
            out.write_table(table)
        handle.flush()
        os.fsync(fd)  # on disk before the store is published
        return sha256_file_digest(fd)


def _in_memory(jobs: list[_Shard], warning: str, key: str) -> ColumnarStore:
    import pyarrow as pa

    from newsdata.export.frames import LAYER_NAMES, arrow_schema

    warnings.warn(warning, stacklevel=5)
    built = [_build_shard(job) for job in jobs]
    hashes = {name: digest for b in built for name, digest in b.hashes.items()}
    tables = {
        layer: pa.concat_tables(
            [arrow_schema(layer).empty_table()] + [b.tables[layer] for b in built]
        )
        for layer in LAYER_NAMES
    }
    return ColumnarStore(None, len(jobs), LAYER_NAMES, hashes, tables, key=key)
