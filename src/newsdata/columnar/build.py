"""Building a columnar store: the articles cut into shards, each shard's tables made by
the one Arrow path in a worker process, written privately and published all at once."""

from __future__ import annotations

import errno
import os
import stat
import warnings
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from newsdata.columnar import cache, store
from newsdata.columnar.cache import (
    DIR_FLAGS,
    FILE_FLAGS,
    MANIFEST,
    CacheLocation,
    Refused,
    cannot_write,
    clean_leftovers,
    private_folder,
    remove_store_folder,
    retire_others,
    sync_folder,
    write_file,
)
from newsdata.columnar.store import (
    RACY_NS,
    STORE_FORMAT,
    ColumnarStore,
    fingerprint,
    open_existing,
    verifies,
)
from newsdata.layout import CorpusLayout
from newsdata.reading import vouched_articles

SHARD_ARTICLES = 2000
"""Articles per shard, which one process builds in memory and writes as one record batch
per layer: large enough for fast scans, small enough that memory stays flat."""


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
    start = store.now_ns()
    key, times = fingerprint(layout, names)
    where = location or CacheLocation.of(layout)
    found = open_existing(where, key, layout, len(names))
    still_there = found is not None and found.key == damaged  # a read-only cache kept it
    if still_there:
        found = None
    if found is not None:
        return found
    if before_build is not None:
        before_build()
    from newsdata._parallel import default_workers  # multiprocessing: only to build

    # a build waits on the disk as much as it computes: 2 processes a CPU keep both busy
    workers = default_workers(workers) if workers is not None else 2 * default_workers()
    vouched = vouched_articles(layout)
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
        folder = private_folder(where, create=True)
    except OSError as exc:
        return _in_memory(jobs, cannot_write(where.folder, exc), key)
    try:
        return _build(folder, where, key, layout, jobs, workers, racy)
    except OSError as exc:  # a full disk, a folder made read-only meanwhile
        return _in_memory(jobs, cannot_write(where.folder, exc), key)
    finally:
        os.close(folder)


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
    from newsdata.frames.columns import LAYER_NAMES

    clean_leftovers(folder)  # of builds that were killed
    work = f".{key[:16]}.{os.urandom(6).hex()}"
    os.mkdir(work, 0o700, dir_fd=folder)
    try:
        work_fd = os.open(work, DIR_FLAGS, dir_fd=folder)
        try:
            os.fchmod(work_fd, 0o700)  # exactly, whatever the umask
            # held while building: the next build's cleaning leaves a live build alone
            fcntl.flock(work_fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
            hashes: dict[str, str] = {}  # for the racy files' record
            digests: dict[str, str] = {}
            on_disk = [dataclasses.replace(job, work=work_fd) for job in jobs]
            with spread(build_shard, on_disk, workers) as results:
                for built in results:
                    hashes.update(built.hashes)
                    digests.update(built.digests)
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
            write_file(work_fd, MANIFEST, orjson.dumps(recorded))
            os.fsync(work_fd)
        finally:
            os.close(work_fd)
        publish(folder, work, key, layout)
    finally:
        remove_store_folder(folder, work)  # gone already when it was published
    retire_others(folder, key)
    # the racy files were read a moment ago by this build: not read again
    found = open_existing(where, key, layout, len(hashes), racy_checked=True)
    if found is None:  # retired by another process at once: read what was built
        raise OSError(errno.EAGAIN, "the store was replaced while it was opened")
    return found


def publish(folder: int, work: str, key: str, layout: CorpusLayout) -> None:
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
            sync_folder(folder)
            return
        info = os.lstat(key, dir_fd=folder)
        if stat.S_ISLNK(info.st_mode):
            os.unlink(key, dir_fd=folder)
            continue
        if not stat.S_ISDIR(info.st_mode):
            raise Refused(key, "not a columnar store; delete it")
        if verifies(folder, key, layout):
            return  # another process's finished store: ours is removed
        cache.retire(folder, key)
    raise Refused(key, "could not be replaced; delete it")


def _shards(names: Sequence[str], workers: int) -> list[list[str]]:
    """``names`` cut into shards of at most ``SHARD_ARTICLES``, as many as a multiple of
    ``workers``, of equal sizes: no worker is left with a last shard alone."""
    if not names:
        return []
    count = -(-len(names) // SHARD_ARTICLES)
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
    """Files whose recorded hash vouches that the build checked them (see
    :func:`~newsdata.reading.vouched_articles`)."""


@dataclass
class _Built:
    hashes: dict[str, str]
    tables: dict[str, Any]
    digests: dict[str, str] = field(default_factory=dict)


def build_shard(job: _Shard) -> _Built:
    import pyarrow as pa

    from newsdata._io import sha256_digest
    from newsdata.frames.arrow import JsonLines, layers_of_lines
    from newsdata.reading import check_document, check_id, parse_article, read_article_file

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
        # a value Arrow cannot type as written (an offset written 5.0): the models normalise it
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

    flags = os.O_RDWR | os.O_CREAT | os.O_EXCL | FILE_FLAGS
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

    from newsdata.frames.arrow import arrow_schema
    from newsdata.frames.columns import LAYER_NAMES

    warnings.warn(warning, stacklevel=5)
    built = [build_shard(job) for job in jobs]
    tables = {
        layer: pa.concat_tables(
            [arrow_schema(layer).empty_table()] + [b.tables[layer] for b in built]
        )
        for layer in LAYER_NAMES
    }
    return ColumnarStore(None, len(jobs), LAYER_NAMES, _tables=tables, key=key)
