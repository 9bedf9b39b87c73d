"""A built columnar store: its key, its manifest, opened (locked, checked fresh) or found
damaged, and its tables read memory-mapped."""

from __future__ import annotations

import contextlib
import os
import stat
import warnings
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from newsdata.columnar import cache
from newsdata.columnar.cache import (
    CONFIRMING,
    DIR_FLAGS,
    FILE_FLAGS,
    MANIFEST,
    CacheLocation,
    Refused,
    make_private,
    private_folder,
    read_file,
    write_file,
)
from newsdata.layout import CorpusLayout
from newsdata.reading import CorpusError

STORE_FORMAT = 5
"""Part of every store's key: bumped whenever what a store holds (its tables' columns and
types, how they are made from the articles) or how it is written changes, so that no
store of another format is read. ``tests/test_frames.py`` fails until it is bumped."""

RACY_NS = 2_000_000_000
"""A file whose times are not older than a build's start by this much (2 s: FAT's clock
tick, and more than a coarse kernel clock lags) is hashed again before a store is trusted."""


class StoreDamaged(CorpusError):
    """A store whose files do not match its manifest (or are gone); already retired."""


@dataclass
class ColumnarStore:
    """The layers of one corpus as Arrow tables.

    On disk, each layer is one Arrow IPC file per shard of articles (``<layer>.<n>.arrow``);
    ``directory`` is None when the store could not be written and lives in memory.
    Reading a store imports neither pydantic nor the models: its manifest names the
    layers it holds. An open store holds its folder open and locked (shared), so
    another process never deletes it while it is read.
    """

    directory: Path | None
    shards: int
    layers: tuple[str, ...]
    _tables: dict[str, Any] = field(default_factory=dict, repr=False)
    key: str = ""
    _fd: int | None = field(default=None, repr=False)
    _digests: dict[str, str] = field(default_factory=dict, repr=False)

    def __post_init__(self) -> None:
        if self._fd is not None:  # the folder stays open (and locked) while the store lives
            import weakref

            weakref.finalize(self, os.close, self._fd)

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
            from newsdata.frames.columns import table_named

            table_named(layer)  # an unknown layer: the ValueError naming the layers
            raise self._damaged(f"no layer {layer!r}")  # the code has it: damaged
        if not self.shards:  # a corpus of no articles
            from newsdata.frames.arrow import arrow_schema

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
        fd = os.open(f"{layer}.{shard}.arrow", FILE_FLAGS, dir_fd=self._fd)
        try:
            if os.fstat(fd).st_uid != os.getuid():  # put there by someone else: not read
                raise Refused(f"{layer}.{shard}.arrow", "owned by another user")
            return pa.py_buffer(mmap.mmap(fd, 0, access=mmap.ACCESS_READ))
        finally:
            os.close(fd)

    def damage(self) -> str | None:
        """What is wrong with the store's files (one that is missing, or whose sha256
        differs from the manifest's), or None when every one is as written."""
        if self._fd is None:
            return None
        return check_digests(self._fd, self._digests)

    def _damaged(self, reason: object) -> StoreDamaged:
        """The error for a read that failed; the store is retired when its files are not
        as written (a read that fails on files as written is not the store's fault)."""
        found = self.damage()
        if found is None and not isinstance(reason, str):
            raise CorpusError(f"{self.directory}: the columnar store cannot be read ({reason})")
        if self.directory is not None and self._fd is not None:
            cache.retire_path(self.directory, self._fd)
        return StoreDamaged(f"{self.directory}: a damaged columnar store ({found or reason})")


def file_times(directory: int, name: str) -> tuple[int, int, int]:
    """Size, modification and change time (ns) of an article file (tests stand in a
    coarse clock here)."""
    s = os.stat(name, dir_fd=directory, follow_symlinks=False)
    return s.st_size, s.st_mtime_ns, s.st_ctime_ns


def fingerprint(layout: CorpusLayout, names: Sequence[str]) -> tuple[str, Any]:
    """The store's key, and each file's size and times (an ``array`` of three numbers a
    file, for the racy check of a build: not looked at on a warm open)."""
    import array
    import hashlib

    import pyarrow

    # the format, not the code: editing a message of the package keeps every store
    digest = hashlib.sha256(f"newsdata columnar store {STORE_FORMAT}\n".encode())
    digest.update(f"pyarrow {pyarrow.__version__}\n".encode())
    # one stat per file is the whole cost of a warm open: gathered in C arrays, hashed once
    times = array.array("q")
    add = times.extend
    stat_of = file_times
    directory = os.open(layout.articles_dir, os.O_RDONLY | os.O_DIRECTORY)
    try:
        for name in names:
            add(stat_of(directory, name))
    except FileNotFoundError as exc:
        from newsdata.reading import removed_error

        raise removed_error(layout.articles_dir / str(exc.filename)) from None
    finally:
        os.close(directory)
    digest.update("\0".join(names).encode("utf-8", "surrogateescape"))
    digest.update(times.tobytes())
    return digest.hexdigest(), times


def now_ns() -> int:
    """The build's start (a test stands in a clock here)."""
    import time

    return time.time_ns()


def read_manifest(folder: int, name: str) -> dict[str, Any] | None:
    """The manifest of the store ``name`` in ``folder`` if it is one of this format,
    consistent with itself; else None. Reads one small file."""
    import orjson

    try:
        store = os.open(name, DIR_FLAGS, dir_fd=folder)
    except OSError:
        return None
    try:
        if os.fstat(store).st_uid != os.getuid():
            return None
        recorded = orjson.loads(read_file(store, MANIFEST))
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
    files = {f"{layer}.{n}.arrow" for layer in layers for n in range(shards)}
    return set(digests) == files and all(isinstance(d, str) for d in digests.values())


def open_existing(
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
        folder = private_folder(where, create=False)
    except OSError:
        return None
    import fcntl

    try:
        recorded = read_manifest(folder, key)
        if recorded is None or recorded["articles"] != articles:
            return None
        try:
            store = os.open(key, DIR_FLAGS, dir_fd=folder)
        except OSError:
            return None
        try:
            # shared: no other process deletes the store while this one reads it
            fcntl.flock(store, fcntl.LOCK_SH | fcntl.LOCK_NB)
        except OSError:  # being retired right now
            os.close(store)
            return None
        make_private(store)
        opened = ColumnarStore(
            where.folder / key,
            recorded["shards"],
            tuple(recorded["layers"]),
            key=key,
            _fd=store,
            _digests=recorded["digests"],
        )
        stale = None if racy_checked else stale_file(layout, recorded["racy"])
        damage = opened.damage() if verify and stale is None else None
        if stale is not None or damage is not None:
            fcntl.flock(store, fcntl.LOCK_UN)  # this reader's own lock would keep it
            cache.retire(folder, key)
            if damage is not None:
                warnings.warn(
                    f"newsdata: {opened.directory}: a damaged columnar store ({damage}); "
                    "removed, it is built again",
                    stacklevel=5,
                )
            return None
        if recorded["racy"] and not racy_checked and now_ns() > recorded["racy_until"]:
            _confirm(store, recorded)
        return opened
    finally:
        os.close(folder)


def _confirm(store: int, recorded: dict[str, Any]) -> None:
    """Record that the store's racy files are racy no more: their bytes were just found
    as built, and their clock has moved on since, so any later edit changes their times
    (git's index does the same). Later opens then hash none of them."""
    import orjson

    confirmed = dict(recorded, racy={}, racy_until=0)
    try:
        write_file(store, CONFIRMING, orjson.dumps(confirmed))
    except OSError:  # another process confirming it: left to that one
        return
    try:  # replaced whole: a reader sees the old manifest or the new
        os.rename(CONFIRMING, MANIFEST, src_dir_fd=store, dst_dir_fd=store)
    except OSError:
        with contextlib.suppress(OSError):
            os.unlink(CONFIRMING, dir_fd=store)


def stale_file(layout: CorpusLayout, racy: dict[str, Any]) -> str | None:
    """The first racy file whose bytes differ from those the store was built from."""
    if not racy:  # the usual case: nothing to import (``_io`` imports tempfile)
        return None
    from newsdata._io import sha256_digest
    from newsdata.reading import read_article_file

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
        key, _ = fingerprint(layout, names)
    except CorpusError:  # the corpus's own check reports its files
        return
    open_existing(location, key, layout, len(names), verify=True)


def check_digests(store: int, digests: dict[str, str]) -> str | None:
    from newsdata._io import sha256_file_digest

    for name, digest in digests.items():
        try:
            fd = os.open(name, FILE_FLAGS, dir_fd=store)
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


def verifies(folder: int, key: str, layout: CorpusLayout) -> bool:
    recorded = read_manifest(folder, key)
    if recorded is None or stale_file(layout, recorded["racy"]) is not None:
        return False
    try:
        store = os.open(key, DIR_FLAGS, dir_fd=folder)
    except OSError:
        return False
    try:
        return check_digests(store, recorded["digests"]) is None
    finally:
        os.close(store)
