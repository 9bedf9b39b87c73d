"""The columnar store: every layer of a corpus as an Arrow table, kept in a per-user cache.

The article files are the data; this store is derived from them, the way Hugging Face
``datasets`` derives its Arrow cache from data files. Three rules make it safe:

* **Keyed by what it was made from.** The key is a fingerprint of every article file's
  name, size, modification and change times (what ``datasets`` and ``git`` use to see
  that a file changed), the code that makes the tables (the package's modules) and the
  store format. A file changed, added or removed gives another key, so a stale store is
  never served.
* **Written once, all or nothing.** A store is built in a temporary directory beside
  its place and renamed into it; a reader sees a whole store or none. Two processes
  building the same store at once both succeed; one of the renames wins.
* **Read memory-mapped.** A table read from the store costs no copy and no parse, and
  the operating system shares its pages between processes.

The cache lives in ``$NEWSDATA_CACHE_DIR``, else ``$XDG_CACHE_HOME/newsdata``, else
``~/.cache/newsdata``; delete it at any time. When it cannot be written (a read-only
home, say), the tables are built in memory for the process and a warning says so.
"""

from __future__ import annotations

import array
import dataclasses
import hashlib
import os
import shutil
import tempfile
import warnings
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Any

import orjson

from newsdata._io import sha256_digest
from newsdata._parallel import spread
from newsdata.layout import CorpusLayout

__all__ = ["CACHE_ENV", "STORE_FORMAT", "ColumnarStore", "cache_home", "open_store"]

CACHE_ENV = "NEWSDATA_CACHE_DIR"
STORE_FORMAT = 2
"""Bumped whenever the way a store is written changes, so old stores are not read."""

_MANIFEST = "manifest.json"
_HASHES = "hashes.json"
# Articles per shard: a shard is built by one process, in memory, and written as one
# Arrow record batch per layer; large enough for fast scans, small enough that memory
# stays flat whatever the corpus size.
_SHARD = 2000


def cache_home() -> Path:
    """The directory of newsdata's per-user cache (see the module's documentation)."""
    chosen = os.environ.get(CACHE_ENV)
    if chosen:
        return Path(chosen)
    xdg = os.environ.get("XDG_CACHE_HOME")
    base = Path(xdg) if xdg else Path.home() / ".cache"
    return base / "newsdata"


@dataclass
class ColumnarStore:
    """The layers of one corpus as Arrow tables, and the sha256 of each article it read.

    On disk, each layer is one Arrow IPC file per shard of articles (``<layer>.<n>.arrow``);
    ``directory`` is None when the store could not be written and lives in memory.
    Reading a store imports neither pydantic nor the models: its manifest names the
    layers it holds.
    """

    directory: Path | None
    shards: int
    layers: tuple[str, ...]
    _hashes: dict[str, str] | None = field(default=None, repr=False)
    _tables: dict[str, Any] = field(default_factory=dict, repr=False)

    @property
    def hashes(self) -> dict[str, str]:
        """The sha256 of each article file the store was built from, by file name."""
        if self._hashes is None:  # kept apart from the manifest: 100,000 make 10 MB
            assert self.directory is not None  # an in-memory store holds its hashes
            self._hashes = orjson.loads((self.directory / _HASHES).read_bytes())
        return self._hashes

    def table(self, layer: str) -> Any:
        """One layer as a ``pyarrow.Table`` (memory-mapped when the store is on disk).

        Raises
        ------
        ValueError
            Naming the layers, for a layer that is not one.
        CorpusError
            For a layer this store lacks (a damaged store), saying to delete it.
        """
        if layer in self._tables:
            return self._tables[layer]
        if layer not in self.layers:
            from newsdata.export.frames import layer_table
            from newsdata.loader import CorpusError

            layer_table(layer)  # an unknown layer: the ValueError naming the layers
            raise CorpusError(  # a layer of the code that this store lacks: damaged
                f"{self.directory}: a columnar store without the layer {layer!r}; "
                "delete it (it is a cache, built again when needed)"
            )
        if not self.shards:  # a corpus of no articles
            from newsdata.export.frames import arrow_schema

            self._tables[layer] = arrow_schema(layer).empty_table()
            return self._tables[layer]
        import pyarrow as pa

        assert self.directory is not None  # an in-memory store holds every layer
        parts = []
        for shard in range(self.shards):
            with pa.memory_map(str(self.directory / f"{layer}.{shard}.arrow")) as source:
                parts.append(pa.ipc.open_file(source).read_all())
        self._tables[layer] = pa.concat_tables(parts)
        return self._tables[layer]

    def chunks(self, layer: str, column: str) -> Iterator[Any]:
        """The chunks of one column, each from its shard's file mapped only while the
        chunk is in use: a copy made chunk by chunk (pandas' ``Int64``) leaves no page
        of the store in the process's memory."""
        table = self.table(layer)
        if self.directory is None or not self.shards:
            yield from table.column(column).chunks
            return
        import pyarrow as pa

        only = pa.ipc.IpcReadOptions(included_fields=[table.schema.get_field_index(column)])
        for shard in range(self.shards):
            with pa.memory_map(str(self.directory / f"{layer}.{shard}.arrow")) as source:
                reader = pa.ipc.open_file(source, options=only)
                for batch in range(reader.num_record_batches):
                    yield reader.get_batch(batch).column(0)


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
    import pyarrow

    digest = hashlib.sha256(f"pyarrow {pyarrow.__version__}\n".encode())
    top = Path(__file__).resolve().parent
    for path in _code_files():
        digest.update(f"{path.relative_to(top).as_posix()}\0".encode())
        digest.update(path.read_bytes())
    return digest.digest()


def _fingerprint(layout: CorpusLayout, names: Sequence[str]) -> str:
    digest = hashlib.sha256(f"newsdata columnar store {STORE_FORMAT}\n".encode())
    digest.update(_code_digest())
    # One stat per file is the whole cost of a fresh store's check (100,000 files: about
    # 0.25 s); the numbers are gathered in C arrays and hashed once.
    times = array.array("q")
    add = times.extend
    stat = os.stat
    directory = os.open(layout.articles_dir, os.O_RDONLY | os.O_DIRECTORY)
    try:
        for name in names:
            s = stat(name, dir_fd=directory, follow_symlinks=False)
            add((s.st_size, s.st_mtime_ns, s.st_ctime_ns))
    except FileNotFoundError as exc:
        from newsdata.loader import removed_error

        raise removed_error(layout.articles_dir / str(exc.filename)) from None
    finally:
        os.close(directory)
    digest.update("\0".join(names).encode("utf-8", "surrogateescape"))
    digest.update(times.tobytes())
    return digest.hexdigest()


def _corpus_dir(layout: CorpusLayout) -> Path:
    # one directory per corpus location, so a new store can retire the old ones
    where = hashlib.sha256(os.fsencode(layout.root.resolve())).hexdigest()[:24]
    return cache_home() / "columnar" / where


def open_store(
    layout: CorpusLayout,
    names: Sequence[str],
    workers: int | None = None,
    *,
    before_build: Callable[[], object] | None = None,
) -> ColumnarStore:
    """The store of the articles ``names`` of the corpus at ``layout``: read or built.

    ``before_build`` is called when the store must be built, before anything is read:
    a caller's last chance to refuse (an unknown layer, say) what would cost a build.

    Raises
    ------
    CorpusError
        When an article file is not a valid article (building reads every one).
    """
    from newsdata._parallel import default_workers

    key = _fingerprint(layout, names)
    home = _corpus_dir(layout)
    place = home / key
    found = _read_manifest(place)
    if found is not None:
        return found
    if before_build is not None:
        before_build()
    # Building waits on the disk as much as it computes: twice as many processes as CPUs
    # keep both busy (100,000 uncached articles on 2 CPUs: 40.7 s with 2, 31.1 s with 4).
    workers = default_workers(workers) if workers is not None else 2 * default_workers()
    vouched = _vouched(layout)
    jobs = [
        _Shard(layout.articles_dir, part, None, n, {k: vouched[k] for k in part if k in vouched})
        for n, part in enumerate(_shards(names, workers))
    ]
    try:
        home.mkdir(parents=True, exist_ok=True)
        work = Path(tempfile.mkdtemp(prefix=f".{key[:16]}.", dir=home))
    except OSError as exc:
        warnings.warn(
            f"newsdata: cannot write the columnar cache in {home} ({exc.strerror}); "
            f"building the tables in memory for this process. Set {CACHE_ENV} to a "
            "writable directory to keep them between runs.",
            stacklevel=3,
        )
        return _in_memory(jobs)
    from newsdata.export.frames import LAYER_NAMES

    try:
        hashes: dict[str, str] = {}
        on_disk = [dataclasses.replace(job, work=work) for job in jobs]
        with spread(_build_shard, on_disk, workers) as results:
            for built in results:
                hashes.update(built.hashes)
        (work / _HASHES).write_bytes(orjson.dumps(hashes))
        # the manifest last: a store without one is not a store
        recorded = {"format": STORE_FORMAT, "shards": len(jobs), "layers": LAYER_NAMES}
        (work / _MANIFEST).write_bytes(orjson.dumps(recorded))
        _publish(work, place)
    finally:
        shutil.rmtree(work, ignore_errors=True)
    for old in home.iterdir():  # stores of earlier states of this corpus
        if old.name != key and not old.name.startswith("."):
            shutil.rmtree(old, ignore_errors=True)
    return ColumnarStore(place, len(jobs), LAYER_NAMES, hashes)


def _read_manifest(place: Path) -> ColumnarStore | None:
    """The store at ``place`` if one is there, whole and of this format; else None."""
    try:
        recorded = orjson.loads((place / _MANIFEST).read_bytes())
    except (OSError, orjson.JSONDecodeError):
        return None  # none there, or unreadable: built again
    if not isinstance(recorded, dict) or recorded.get("format") != STORE_FORMAT:
        return None
    shards, layers = recorded.get("shards"), recorded.get("layers")
    if not isinstance(shards, int) or not isinstance(layers, list):
        return None
    return ColumnarStore(place, shards, tuple(str(x) for x in layers))


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


def _publish(work: Path, place: Path) -> None:
    # The directory appears whole or not at all. The files take the mode the umask
    # gives (mkdtemp made the directory private).
    mask = os.umask(0)
    os.umask(mask)
    os.chmod(work, 0o777 & ~mask)
    for file in work.iterdir():
        os.chmod(file, 0o666 & ~mask)
    try:
        os.rename(work, place)
    except OSError:
        if not (place / _MANIFEST).is_file():  # not another process's finished store
            raise


@dataclass(frozen=True)
class _Shard:
    """A job: build the tables of ``names`` into ``<layer>.<number>.arrow`` in ``work``
    (kept in memory when ``work`` is None)."""

    articles: Path
    names: list[str]
    work: Path | None
    number: int
    vouched: dict[str, str] = field(default_factory=dict)
    """Files whose recorded hash vouches that the build checked them (see `_vouched`)."""


@dataclass
class _Built:
    hashes: dict[str, str]
    tables: dict[str, Any]


def _build_shard(job: _Shard) -> _Built:
    import pyarrow as pa

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
    for layer, table in tables.items():
        with pa.ipc.new_file(str(job.work / f"{layer}.{job.number}.arrow"), table.schema) as out:
            out.write_table(table)
    return _Built(hashes, {})


def _in_memory(jobs: list[_Shard]) -> ColumnarStore:
    import pyarrow as pa

    from newsdata.export.frames import LAYER_NAMES, arrow_schema

    built = [_build_shard(job) for job in jobs]
    hashes = {name: digest for b in built for name, digest in b.hashes.items()}
    tables = {
        layer: pa.concat_tables(
            [arrow_schema(layer).empty_table()] + [b.tables[layer] for b in built]
        )
        for layer in LAYER_NAMES
    }
    return ColumnarStore(None, len(jobs), LAYER_NAMES, hashes, tables)
