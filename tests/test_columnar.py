"""The columnar store: the same tables as the articles say, never stale, written safely."""

from __future__ import annotations

import json
import os
import shutil
import stat
from pathlib import Path
from typing import Any

import pyarrow as pa
import pytest

import newsdata
from newsdata import columnar
from newsdata.columnar import CACHE_ENV, STORE_FORMAT, open_store
from newsdata.columnar import build as store_build
from newsdata.columnar import store as columnar_store
from newsdata.frames.columns import LAYER_NAMES
from newsdata.frames.columns import table_named as layer_table
from newsdata.layout import CorpusLayout
from newsdata.loader import CorpusError


def _python_rows(root: Path, layer: str) -> list[list[Any]]:
    """The rows of a layer as the column definitions give them, value by value in Python
    (the CSV path): the reference the Arrow kernels must agree with."""
    table = layer_table(layer)
    rows = []
    for article in newsdata.iter_articles(root):
        rows += list(table.values(article.model_dump(mode="json")))
    return rows


def _arrow_rows(table: Any) -> list[list[Any]]:
    columns = table.to_pydict()
    rows = [list(r) for r in zip(*columns.values(), strict=True)]
    # dates come back as datetime.date; the JSON (and the Python path) has ISO strings
    return [[v.isoformat() if hasattr(v, "isoformat") else v for v in r] for r in rows]


@pytest.mark.parametrize("layer", LAYER_NAMES)
def test_every_layer_agrees_with_the_column_definitions(fixture_corpus: Path, layer: str) -> None:
    table = newsdata.load(fixture_corpus).to_arrow(layer)
    assert table.schema.names == [c.name for c in layer_table(layer).columns]
    assert _arrow_rows(table) == _python_rows(fixture_corpus, layer)


def test_a_corpus_held_in_memory_gives_the_same_tables(fixture_corpus: Path) -> None:
    loaded = newsdata.load(fixture_corpus)
    held = newsdata.Corpus(list(loaded))
    for layer in LAYER_NAMES:
        assert held.to_arrow(layer).equals(loaded.to_arrow(layer)), layer


def _stores(cache: Path) -> list[Path]:
    return sorted(p for p in (cache / "columnar").glob("*/*") if not p.name.startswith("."))


def _store_of(root: Path) -> Path:
    """The one store of the corpus at ``root`` (each test has its own corpus copy)."""
    (store,) = _corpus_dir(root).iterdir()
    return store


def _corpus_dir(root: Path) -> Path:
    """The cache folder of the corpus at ``root``: its stores and builds' leftovers."""
    return columnar.CacheLocation.of(CorpusLayout(root)).folder


def _cache() -> Path:
    return Path(os.environ[CACHE_ENV])


def test_built_once_then_read(
    fixture_corpus: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv(CACHE_ENV, str(tmp_path / "cache"))
    first = newsdata.load(fixture_corpus).to_arrow("mentions")
    built = _stores(tmp_path / "cache")
    assert len(built) == 1

    def no_build(job: Any) -> Any:
        raise AssertionError("the store was built again")

    monkeypatch.setattr(store_build, "build_shard", no_build)
    again = newsdata.load(fixture_corpus).to_arrow("mentions")
    assert again.equals(first)
    assert _stores(tmp_path / "cache") == built


def _relabel(file: Path) -> None:
    """Change the first mention's label, keeping the file's size (compact JSON, padded
    with the spaces JSON allows after a value)."""
    size = file.stat().st_size
    doc = json.loads(file.read_text("utf-8"))
    mention = doc["mentions"][0]
    mention["label"] = "OTH" if mention["label"] != "OTH" else "PER"
    mention["entity"] = None  # a mention's class is its entity's: keep the article valid
    data = json.dumps(doc, ensure_ascii=False, separators=(",", ":")).encode()
    assert len(data) <= size
    file.write_bytes(data + b" " * (size - len(data)))


def _with_mentions(root: Path) -> Path:
    layout = CorpusLayout(root)
    return next(f for f in layout.article_files() if json.loads(f.read_bytes())["mentions"])


@pytest.mark.parametrize("keep_times", [False, True])
def test_a_changed_article_is_never_served_stale(fixture_corpus: Path, keep_times: bool) -> None:
    before = newsdata.load(fixture_corpus).to_arrow("mentions")
    file = _with_mentions(fixture_corpus)
    times = file.stat()
    _relabel(file)
    assert file.stat().st_size == times.st_size
    if keep_times:  # even an edit that puts the modification time back is seen
        os.utime(file, ns=(times.st_atime_ns, times.st_mtime_ns))
    after = newsdata.load(fixture_corpus).to_arrow("mentions")
    assert not after.equals(before)
    assert _arrow_rows(after) == _python_rows(fixture_corpus, "mentions")
    assert len(_stores(_cache())) >= 1
    # the earlier state's store is retired: one store per corpus location
    here = _corpus_dir(fixture_corpus)
    assert len([p for p in here.iterdir() if not p.name.startswith(".")]) == 1


def test_added_and_removed_articles_are_seen(fixture_corpus: Path) -> None:
    corpus = newsdata.load(fixture_corpus)
    count = corpus.to_arrow("articles").num_rows
    removed = CorpusLayout(fixture_corpus).article_files()[0]
    removed.unlink()
    assert newsdata.load(fixture_corpus).to_arrow("articles").num_rows == count - 1


def test_an_invalid_article_names_its_file(fixture_corpus: Path) -> None:
    file = _with_mentions(fixture_corpus)
    doc = json.loads(file.read_text("utf-8"))
    doc["mentions"][0]["label"] = "PERSON"
    file.write_text(json.dumps(doc), "utf-8")
    with pytest.raises(CorpusError, match=rf"{file.name}.*at /mentions/0/label"):
        newsdata.load(fixture_corpus).to_arrow("mentions")
    here = _corpus_dir(fixture_corpus)
    assert not here.exists() or list(here.iterdir()) == []  # nothing half-built is left


def test_an_id_that_differs_from_its_file_name_is_refused(fixture_corpus: Path) -> None:
    file = CorpusLayout(fixture_corpus).article_files()[0]
    file.rename(file.with_name("renamed.json"))
    corpus = newsdata.load(fixture_corpus)
    with pytest.raises(CorpusError, match=r"renamed\.json: the id .* differs from the file name"):
        corpus.to_arrow("articles")
    with pytest.raises(CorpusError, match=r"renamed\.json"):
        corpus["renamed"]


def test_integral_float_offsets_are_read_as_integers(make_corpus: Any, article_dict: Any) -> None:
    root = make_corpus([article_dict])
    file = CorpusLayout(root).article_files()[0]
    text = file.read_text("utf-8")
    doc = json.loads(text)
    start = doc["mentions"][0]["start"]
    doc["mentions"][0]["start"] = float(start)  # JSON Schema counts 5.0 as an integer
    file.write_text(json.dumps(doc), "utf-8")
    table = newsdata.load(root).to_arrow("mentions")
    assert table.column("start")[0].as_py() == start
    assert table.schema.field("start").type == pa.int64()


def test_the_parallel_build_equals_the_serial_one(fixture_corpus: Path, tmp_path: Path) -> None:
    layout = CorpusLayout(fixture_corpus)
    names = layout.article_names()
    os.environ[CACHE_ENV], before = str(tmp_path / "serial"), os.environ[CACHE_ENV]
    try:
        serial = open_store(layout, names, workers=1)
        os.environ[CACHE_ENV] = str(tmp_path / "parallel")
        original = store_build.SHARD_ARTICLES
        store_build.SHARD_ARTICLES = 3  # several shards from a small corpus
        try:
            parallel = open_store(layout, names, workers=2)
        finally:
            store_build.SHARD_ARTICLES = original
    finally:
        os.environ[CACHE_ENV] = before
    assert parallel.shards > 1
    for layer in LAYER_NAMES:
        assert parallel.table(layer).equals(serial.table(layer)), layer


def test_a_store_holds_its_manifest_and_shards_only(fixture_corpus: Path) -> None:
    """The articles' hashes are not kept (no reader needs them): the manifest lists
    every file of the store, and the store holds nothing else."""
    layout = CorpusLayout(fixture_corpus)
    store = open_store(layout, layout.article_names())
    assert store.directory is not None
    manifest = json.loads((store.directory / "manifest.json").read_bytes())
    on_disk = {p.name for p in store.directory.iterdir()}
    assert on_disk == {"manifest.json", *manifest["digests"]}
    assert set(manifest["digests"]) == {
        f"{layer}.{n}.arrow" for layer in LAYER_NAMES for n in range(store.shards)
    }


@pytest.mark.parametrize("umask", [0o022, 0o027, 0o000])
def test_the_cache_is_private_whatever_the_umask(
    fixture_corpus: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, umask: int
) -> None:
    """The store holds the full texts: its folders are 0700 and its files 0600 (the one
    exception to the umask's modes), even in a cache folder made looser beforehand."""
    cache = tmp_path / "cache"
    monkeypatch.setenv(CACHE_ENV, str(cache))
    (cache / "columnar").mkdir(parents=True, mode=0o777)
    os.chmod(cache / "columnar", 0o777)
    old = os.umask(umask)
    try:
        layout = CorpusLayout(fixture_corpus)
        store = open_store(layout, layout.article_names())
    finally:
        os.umask(old)
    assert store.directory is not None
    for folder in (cache / "columnar", store.directory.parent, store.directory):
        assert stat.S_IMODE(folder.stat().st_mode) == 0o700, folder
    for file in store.directory.iterdir():
        assert stat.S_IMODE(file.stat().st_mode) == 0o600, file


def test_an_unwritable_cache_builds_in_memory(
    fixture_corpus: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    blocked = tmp_path / "blocked"
    blocked.write_text("a file where the cache directory would be", "utf-8")
    monkeypatch.setenv(CACHE_ENV, str(blocked))
    with pytest.warns(UserWarning, match=f"cannot write the columnar cache.*{CACHE_ENV}"):
        table = newsdata.load(fixture_corpus).to_arrow("quotes")
    assert _arrow_rows(table) == _python_rows(fixture_corpus, "quotes")


def test_a_store_another_process_finished_first_is_kept(
    fixture_corpus: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv(CACHE_ENV, str(tmp_path / "cache"))
    layout = CorpusLayout(fixture_corpus)
    first = open_store(layout, layout.article_names())
    assert first.directory is not None
    winner = first.directory
    late = winner.parent / f".{first.key[:16]}.{'0' * 12}"
    shutil.copytree(winner, late)
    (late / "manifest.json").write_text("{}", "utf-8")  # to tell the two apart
    folder = os.open(winner.parent, os.O_RDONLY)
    try:  # the rename loses to the finished store, which verifies: kept, no error
        store_build.publish(folder, late.name, first.key, layout)
    finally:
        os.close(folder)
    assert (winner / "manifest.json").read_text("utf-8") != "{}"


def test_a_damaged_manifest_is_built_again(
    fixture_corpus: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv(CACHE_ENV, str(tmp_path / "cache"))
    corpus = newsdata.load(fixture_corpus)
    before = corpus.to_arrow("timexes")
    (store,) = _stores(tmp_path / "cache")
    (store / "manifest.json").write_text("{", "utf-8")
    assert newsdata.load(fixture_corpus).to_arrow("timexes").equals(before)


def test_building_tables_imports_no_pandas(fixture_corpus: Path) -> None:
    """pyarrow imports pandas (about 0.2 s) as soon as a Python value is converted: the
    one Arrow path hands its kernels Arrow values only, so store-building processes
    never pay for it."""
    import subprocess
    import sys

    code = (
        "import sys\n"
        "from newsdata.frames.arrow import layers_of_docs\n"
        "import newsdata\n"
        f"articles = newsdata.iter_articles({str(fixture_corpus)!r})\n"
        "docs = [a.model_dump(mode='json') for a in articles]\n"
        "tables = layers_of_docs(docs)\n"
        "assert all(t.num_rows for t in tables.values())\n"
        "print('pandas' in sys.modules)\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"


def test_files_the_build_checked_are_not_parsed_again(
    fixture_corpus: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A file whose bytes have the hash the descriptor records passed `newsdata build`'s
    contract check; the store trusts it. Any other file is checked."""
    import newsdata.reading

    checked: list[str] = []
    real = newsdata.reading.check_document

    def spy(file: Path, data: bytes) -> dict[str, Any]:
        checked.append(file.name)
        return real(file, data)

    monkeypatch.setattr(newsdata.reading, "check_document", spy)
    layout = CorpusLayout(fixture_corpus)
    open_store(layout, layout.article_names(), workers=1)
    assert checked == []
    # an article format the build did not know: nothing is vouched for
    descriptor = json.loads(layout.descriptor.read_bytes())
    descriptor["newsdata"]["format"] = "newsdata-article/0"
    layout.descriptor.write_text(json.dumps(descriptor), "utf-8")
    _relabel(_with_mentions(fixture_corpus))  # and a new state, so a new store
    open_store(layout, layout.article_names(), workers=1)
    assert sorted(checked) == layout.article_names()


def test_a_vouched_file_whose_id_is_not_its_name_is_refused(fixture_corpus: Path) -> None:
    layout = CorpusLayout(fixture_corpus)
    file = layout.article_files()[0]
    doc = json.loads(file.read_bytes())
    other = next(f for f in layout.article_files() if f != file)
    doc["id"] = other.stem  # valid JSON and contract, but another article's id
    file.write_text(json.dumps(doc), "utf-8")
    descriptor = json.loads(layout.descriptor.read_bytes())
    from newsdata._io import sha256_digest

    for resource in descriptor["resources"]:  # as if the build had recorded it
        if resource["path"] == f"articles/{file.name}":
            resource["hash"] = sha256_digest(file.read_bytes())
    layout.descriptor.write_text(json.dumps(descriptor), "utf-8")
    with pytest.raises(CorpusError, match=rf"{file.name}: the id .* differs from the file name"):
        newsdata.load(fixture_corpus).to_arrow("articles")


def test_an_unknown_layer_is_refused_before_a_store_is_built(fixture_corpus: Path) -> None:
    corpus = newsdata.load(fixture_corpus)
    with pytest.raises(ValueError, match="unknown layer 'sentences'; one of articles"):
        corpus.to_arrow("sentences")
    assert not _corpus_dir(fixture_corpus).exists()
    corpus.to_arrow("articles")  # built now: the store's manifest names its layers
    with pytest.raises(ValueError, match="unknown layer 'sentences'"):
        newsdata.load(fixture_corpus).to_pandas("sentences")


def test_a_manifest_without_a_layer_is_built_again(fixture_corpus: Path) -> None:
    before = newsdata.load(fixture_corpus).to_arrow("topics")
    store = _store_of(fixture_corpus)
    manifest = json.loads((store / "manifest.json").read_bytes())
    manifest["layers"].remove("topics")
    (store / "manifest.json").write_text(json.dumps(manifest), "utf-8")
    assert newsdata.load(fixture_corpus).to_arrow("topics").equals(before)


def test_a_store_read_again_gives_the_tables_it_built(fixture_corpus: Path) -> None:
    layout = CorpusLayout(fixture_corpus)
    built = open_store(layout, layout.article_names())
    again = open_store(layout, layout.article_names())
    assert again is not built and again.directory == built.directory
    for layer in LAYER_NAMES:
        assert again.table(layer).equals(built.table(layer)), layer


def test_a_file_removed_before_the_store_is_opened_is_named(fixture_corpus: Path) -> None:
    corpus = newsdata.load(fixture_corpus)
    removed = CorpusLayout(fixture_corpus).article_files()[-1]
    removed.unlink()
    with pytest.raises(CorpusError, match=rf"{removed.name}: removed after the corpus was loaded"):
        corpus.to_arrow("articles")


def test_columns_read_shard_by_shard_equal_the_table(
    fixture_corpus: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(store_build, "SHARD_ARTICLES", 2)  # several shards from a small corpus
    layout = CorpusLayout(fixture_corpus)
    store = open_store(layout, layout.article_names(), workers=1)
    assert store.shards > 1
    for layer in LAYER_NAMES:
        table = store.table(layer)
        for name in table.column_names:
            read = pa.chunked_array(list(store.chunks(layer, name)), table.schema.field(name).type)
            assert read.equals(table.column(name)), (layer, name)


def test_frames_of_a_store_equal_those_of_held_articles(
    fixture_corpus: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import pandas as pd

    monkeypatch.setattr(store_build, "SHARD_ARTICLES", 2)
    loaded = newsdata.load(fixture_corpus)
    held = newsdata.Corpus(list(loaded))
    for layer in LAYER_NAMES:
        pd.testing.assert_frame_equal(loaded.to_pandas(layer), held.to_pandas(layer))


def test_the_key_is_the_store_format_not_the_code(
    fixture_corpus: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Another store format gives another key; the package's sources are no part of it
    (an edited message must not rebuild every store): no module is read to make it."""
    layout = CorpusLayout(fixture_corpus)
    names = layout.article_names()
    key, _ = columnar_store.fingerprint(layout, names)
    real = Path.read_bytes

    def no_source(self: Path) -> bytes:
        assert self.suffix != ".py", f"the key read {self}"
        return real(self)

    monkeypatch.setattr(Path, "read_bytes", no_source)
    assert columnar_store.fingerprint(layout, names)[0] == key
    monkeypatch.setattr(columnar_store, "STORE_FORMAT", STORE_FORMAT + 1)
    assert columnar_store.fingerprint(layout, names)[0] != key


def test_a_store_of_another_format_is_built_again(fixture_corpus: Path) -> None:
    layout = CorpusLayout(fixture_corpus)
    built = open_store(layout, layout.article_names())
    assert built.directory is not None
    manifest_file = built.directory / "manifest.json"
    manifest = json.loads(manifest_file.read_bytes())
    manifest["format"] = STORE_FORMAT - 1
    manifest_file.write_text(json.dumps(manifest), "utf-8")
    del built
    again = open_store(layout, layout.article_names())
    assert again.directory is not None
    assert json.loads((again.directory / "manifest.json").read_bytes())["format"] == STORE_FORMAT


def test_the_article_format_is_the_descriptor_s() -> None:
    """The store trusts files whose hash the descriptor of this article format records."""
    from newsdata.datapackage.descriptor import FORMAT, is_article_resource
    from newsdata.reading import ARTICLE_FORMAT
    from newsdata.reading import is_article_resource as read_path_test

    assert ARTICLE_FORMAT == FORMAT
    for resource in [
        {"path": "articles/a.json", "format": "json"},
        {"path": "tables/a.csv", "format": "csv"},
        {"path": "articles/a.json", "format": "csv"},
        {"path": 3, "format": "json"},
        "articles/a.json",
    ]:
        assert read_path_test(resource) == is_article_resource(resource), resource


def test_a_link_put_in_place_after_loading_is_not_followed_by_a_build(
    fixture_corpus: Path, tmp_path: Path
) -> None:
    corpus = newsdata.load(fixture_corpus)
    file = CorpusLayout(fixture_corpus).article_files()[0]
    outside = tmp_path / "outside.json"
    outside.write_bytes(file.read_bytes())
    file.unlink()
    file.symlink_to(outside)
    with pytest.raises(CorpusError, match=rf"{file.name}: a symbolic link"):
        corpus.to_arrow("articles")


def test_the_store_s_contract_check_is_the_validator_s(article_dict: dict[str, Any]) -> None:
    """The read path checks articles against the same schema as `newsdata validate`."""
    from newsdata.reading import conforms
    from newsdata.validate.schemalevel import conforms as validator_conforms

    broken_label = json.loads(json.dumps(article_dict))
    broken_label["mentions"][0]["label"] = "NOPE"
    extra = dict(article_dict, surprise=1)
    docs: list[object] = [article_dict, broken_label, extra, {}, None, [], "text", {"id": "\ud800"}]
    for doc in docs:
        assert conforms(doc) == validator_conforms(doc), doc
    assert conforms(article_dict) and not conforms(broken_label)
