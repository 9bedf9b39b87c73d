"""The columnar cache is a copy, never a truth: never wrong, never dangerous (issue 22).

Each test plants what a careless or hostile neighbour could (a link, a store of another
user, an edited shard or manifest, a racy file, a killed build) and checks that the cache
neither serves it nor writes or deletes through it.
"""

from __future__ import annotations

import errno
import fcntl
import json
import os
import shutil
import stat
import warnings
from pathlib import Path
from typing import Any

import pytest

import newsdata
from newsdata.columnar import CACHE_ENV, RACY_NS, CacheLocation, open_store
from newsdata.columnar import build as store_build
from newsdata.columnar import cache as store_cache
from newsdata.columnar import store as columnar_store
from newsdata.layout import CorpusLayout
from newsdata.loader import CorpusError


@pytest.fixture
def cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A cache of this test's own."""
    place = tmp_path / "cache"
    monkeypatch.setenv(CACHE_ENV, str(place))
    return place


def _folder(root: Path) -> Path:
    return CacheLocation.of(CorpusLayout(root)).folder


def _store(root: Path) -> Path:
    (found,) = [p for p in _folder(root).iterdir() if not p.name.startswith(".")]
    return found


def _key(root: Path) -> str:
    layout = CorpusLayout(root)
    return columnar_store.fingerprint(layout, layout.article_names())[0]


def _victim(tmp_path: Path) -> tuple[Path, list[str]]:
    """A user's folder that looks like the cache's own inside: stores, leftovers, files."""
    victim = tmp_path / "projects"
    for name in ["a" * 64, ".0123456789abcdef.abcdefgh", "thesis"]:
        (victim / name).mkdir(parents=True)
        (victim / name / "manifest.json").write_text("{}", "utf-8")
        (victim / name / "mentions.0.arrow").write_bytes(b"mine")
    (victim / "manifest.json").write_text("{}", "utf-8")
    (victim / "notes.txt").write_text("precious", "utf-8")
    return victim, _listing(victim)


def _listing(folder: Path) -> list[str]:
    return sorted(str(p.relative_to(folder)) for p in folder.rglob("*"))


def _edit(root: Path) -> None:
    """Change one article (another state of the corpus: a build retires the old store)."""
    file = next(CorpusLayout(root).article_files().__iter__())
    doc = json.loads(file.read_bytes())
    doc["title"] = (doc.get("title") or "") + " (edited)"
    file.write_text(json.dumps(doc), "utf-8")


def _rows(root: Path, layer: str) -> Any:
    """The layer as the articles say, built in memory (the reference)."""
    return newsdata.Corpus(list(newsdata.load(root))).to_arrow(layer)


# -- 1. links: never written or deleted through ------------------------------------------


@pytest.mark.parametrize("level", ["columnar", "corpus folder"])
def test_a_link_where_a_cache_folder_goes_is_never_followed(
    fixture_corpus: Path, tmp_path: Path, cache: Path, level: str
) -> None:
    victim, before = _victim(tmp_path)
    folder = _folder(fixture_corpus)
    link = folder.parent if level == "columnar" else folder
    link.parent.mkdir(parents=True, exist_ok=True)
    link.symlink_to(victim, target_is_directory=True)
    table = newsdata.load(fixture_corpus).to_arrow("mentions")
    assert table.equals(_rows(fixture_corpus, "mentions"))
    _edit(fixture_corpus)  # a new state: the build retires the stores it finds
    newsdata.load(fixture_corpus).to_arrow("mentions")
    assert _listing(victim) == before
    assert not link.is_symlink() and link.is_dir()


def test_a_link_where_the_store_goes_is_replaced_not_written_through(
    fixture_corpus: Path, tmp_path: Path, cache: Path
) -> None:
    victim, before = _victim(tmp_path)
    place = _folder(fixture_corpus) / _key(fixture_corpus)
    place.parent.mkdir(parents=True)
    place.symlink_to(victim, target_is_directory=True)
    table = newsdata.load(fixture_corpus).to_arrow("mentions")
    assert _listing(victim) == before
    assert not place.is_symlink() and (place / "manifest.json").is_file()
    assert table.equals(_rows(fixture_corpus, "mentions"))


def test_links_shaped_like_stores_and_leftovers_are_left_alone(
    fixture_corpus: Path, tmp_path: Path, cache: Path
) -> None:
    victim, before = _victim(tmp_path)
    folder = _folder(fixture_corpus)
    folder.mkdir(parents=True)
    for name in ["b" * 64, ".0123456789abcdef.0123456789ab", ".fedcba9876543210.abcdefgh"]:
        (folder / name).symlink_to(victim, target_is_directory=True)
    newsdata.load(fixture_corpus).to_arrow("articles")
    assert _listing(victim) == before


def test_only_folders_proven_to_be_stores_are_deleted(fixture_corpus: Path, cache: Path) -> None:
    newsdata.load(fixture_corpus).to_arrow("articles")
    folder = _folder(fixture_corpus)
    old = _store(fixture_corpus)
    kept = {  # the right name, not a store's content: someone's files
        "c" * 64: {"notes.txt": b"precious"},
        "d" * 64: {"mentions.0.arrow": b"no manifest"},
        ".0123456789abcdef.0123456789ab": {"thesis.tex": b"precious"},
        "not-a-store": {"manifest.json": b"{}"},
    }
    for name, files in kept.items():
        (folder / name).mkdir()
        for file, data in files.items():
            (folder / name / file).write_bytes(data)
    _edit(fixture_corpus)
    newsdata.load(fixture_corpus).to_arrow("articles")
    assert not old.exists()  # the earlier state's store: proven, retired
    for name, files in kept.items():
        for file, data in files.items():
            assert (folder / name / file).read_bytes() == data


def test_a_killed_builds_leftovers_are_cleaned_by_the_next_build(
    fixture_corpus: Path, cache: Path
) -> None:
    newsdata.load(fixture_corpus).to_arrow("articles")
    folder = _folder(fixture_corpus)
    killed = [folder / ".0123456789abcdef.0123456789ab", folder / ".0123456789abcdef.x_y1z2w3"]
    for leftover in killed:  # this version's name, and tempfile's of earlier versions
        leftover.mkdir()
        (leftover / "mentions.0.arrow").write_bytes(b"\0" * 1000)
    live = folder / ".fedcba9876543210.fedcba987654"
    live.mkdir()
    (live / "articles.0.arrow").write_bytes(b"being written")
    held = os.open(live, os.O_RDONLY)
    try:
        fcntl.flock(held, fcntl.LOCK_EX)  # a build still running in another process
        _edit(fixture_corpus)
        newsdata.load(fixture_corpus).to_arrow("articles")
        assert [p.exists() for p in killed] == [False, False]
        assert (live / "articles.0.arrow").read_bytes() == b"being written"
    finally:
        os.close(held)


# -- 2. ownership and privacy ------------------------------------------------------------


def _as_another_user(monkeypatch: pytest.MonkeyPatch) -> None:
    """Every file of the cache now belongs to someone else (the test cannot chown)."""
    real = os.getuid()
    monkeypatch.setattr(os, "getuid", lambda: real + 1)


def _relabel_shard(store: Path) -> None:
    """Another user's edit of a built store: every PER mention made ORG (same size)."""
    for shard in store.glob("mentions.0.arrow"):
        data = shard.read_bytes()
        assert b"PER" in data
        shard.write_bytes(data.replace(b"PER", b"ORG"))


def test_a_cache_of_another_user_is_not_used(
    fixture_corpus: Path, cache: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    newsdata.load(fixture_corpus).to_arrow("mentions")
    truth = _rows(fixture_corpus, "mentions")  # not the store's pages: they are edited
    _relabel_shard(_store(fixture_corpus))  # planted by the cache's owner
    _as_another_user(monkeypatch)
    with pytest.warns(UserWarning, match=r"cannot write the columnar cache .*another user"):
        served = newsdata.load(fixture_corpus).to_arrow("mentions")
    assert served.equals(truth)


@pytest.mark.skipif(os.getuid() != 0, reason="chown needs root")
def test_a_store_planted_by_another_uid_is_not_served(fixture_corpus: Path, cache: Path) -> None:
    newsdata.load(fixture_corpus).to_arrow("mentions")
    truth = _rows(fixture_corpus, "mentions")  # not the store's pages: they are edited
    store = _store(fixture_corpus)
    _relabel_shard(store)
    for path in [cache / "columnar", *(cache / "columnar").rglob("*")]:
        os.chown(path, 65534, 65534, follow_symlinks=False)  # nobody's
    with pytest.warns(UserWarning, match="another user"):
        served = newsdata.load(fixture_corpus).to_arrow("mentions")
    assert served.equals(truth)


def test_a_private_corpus_is_not_copied_where_others_can_read_it(
    fixture_corpus: Path, cache: Path
) -> None:
    old = os.umask(0o022)
    try:
        newsdata.load(fixture_corpus).to_arrow("articles")
    finally:
        os.umask(old)
    made = [cache / "columnar", *(cache / "columnar").rglob("*")]
    for path in made:
        mode = stat.S_IMODE(path.lstat().st_mode)
        assert mode == (0o700 if path.is_dir() else 0o600), path


# -- 3. digests: a damaged store is never served -------------------------------------------


def test_an_edited_shard_is_caught_by_verify(fixture_corpus: Path, cache: Path) -> None:
    newsdata.load(fixture_corpus).to_arrow("mentions")
    truth = _rows(fixture_corpus, "mentions")  # not the store's pages: they are edited
    _relabel_shard(_store(fixture_corpus))
    with pytest.warns(UserWarning, match="damaged columnar store") as caught:
        corpus = newsdata.load(fixture_corpus, verify=True)
    assert all("\n" not in str(w.message) for w in caught)
    assert corpus.to_arrow("mentions").equals(truth)


@pytest.mark.parametrize(
    "edit",
    [
        {"shards": 0},
        {"shards": 0, "articles": 0, "layers": []},
        {"shards": 0, "articles": 0, "digests": {"hashes.json": ""}},
    ],
)
def test_an_edited_manifest_never_yields_an_empty_table(
    fixture_corpus: Path, cache: Path, edit: dict[str, Any]
) -> None:
    newsdata.load(fixture_corpus).to_arrow("mentions")
    truth = _rows(fixture_corpus, "mentions")  # not the store's pages: they are edited
    manifest = _store(fixture_corpus) / "manifest.json"
    manifest.write_text(json.dumps({**json.loads(manifest.read_bytes()), **edit}), "utf-8")
    served = newsdata.load(fixture_corpus).to_arrow("mentions")
    assert served.num_rows == truth.num_rows > 0
    assert served.equals(truth)


@pytest.mark.parametrize("size", [0, 100, -8])
def test_a_truncated_shard_is_built_again_with_one_line(
    fixture_corpus: Path, cache: Path, size: int
) -> None:
    newsdata.load(fixture_corpus).to_arrow("mentions")
    truth = _rows(fixture_corpus, "mentions")  # not the store's pages: they are edited
    (shard,) = _store(fixture_corpus).glob("mentions.0.arrow")
    os.truncate(shard, size if size >= 0 else shard.stat().st_size + size)
    with pytest.warns(UserWarning, match=r"damaged columnar store .*built again") as caught:
        served = newsdata.load(fixture_corpus).to_arrow("mentions")
    assert [str(w.message).count("\n") for w in caught] == [0]
    assert served.equals(truth)
    with warnings.catch_warnings():
        warnings.simplefilter("error")  # built again whole: read without a word now
        assert newsdata.load(fixture_corpus).to_arrow("mentions").equals(truth)


def test_a_shard_damaged_while_a_corpus_reads_the_store_is_built_again(
    fixture_corpus: Path, cache: Path
) -> None:
    newsdata.load(fixture_corpus).to_arrow("quotes")
    truth = _rows(fixture_corpus, "quotes")
    corpus = newsdata.load(fixture_corpus)
    corpus.to_arrow("articles")  # the store is open
    (shard,) = _store(fixture_corpus).glob("quotes.0.arrow")
    os.truncate(shard, 10)
    with pytest.warns(UserWarning, match="built again"):
        assert corpus.to_arrow("quotes").equals(truth)


def test_a_store_retired_by_another_process_keeps_being_read(
    fixture_corpus: Path, cache: Path
) -> None:
    corpus = newsdata.load(fixture_corpus)
    first = corpus.to_arrow("articles")
    mentions = _rows(fixture_corpus, "mentions")
    _edit(fixture_corpus)
    newsdata.load(fixture_corpus).to_arrow("articles")  # a new state retires the old store
    assert corpus.to_arrow("mentions").equals(mentions)  # read from the store it opened
    assert corpus.to_arrow("articles") is first


def test_a_store_deleted_under_a_corpus_says_load_it_again(
    fixture_corpus: Path, cache: Path
) -> None:
    corpus = newsdata.load(fixture_corpus)
    corpus.to_arrow("articles")
    shutil.rmtree(_store(fixture_corpus))  # by hand, say
    _edit(fixture_corpus)
    with pytest.raises(CorpusError, match=r"columnar store .*; load it again$"):
        corpus.to_arrow("mentions")


def test_a_store_deleted_under_a_corpus_whose_files_did_not_change_is_built_again(
    fixture_corpus: Path, cache: Path
) -> None:
    corpus = newsdata.load(fixture_corpus)
    corpus.to_arrow("articles")
    shutil.rmtree(_store(fixture_corpus))
    with pytest.warns(UserWarning, match="built again"):
        assert corpus.to_arrow("mentions").equals(_rows(fixture_corpus, "mentions"))


def test_publish_replaces_a_store_that_does_not_verify(fixture_corpus: Path, cache: Path) -> None:
    layout = CorpusLayout(fixture_corpus)
    built = open_store(layout, layout.article_names())
    assert built.directory is not None
    place = built.directory
    work = place.parent / f".{built.key[:16]}.{'1' * 12}"
    shutil.copytree(place, work)
    del built  # closes the store (its lock would keep it)
    (shard,) = place.glob("mentions.0.arrow")
    os.truncate(shard, 0)  # a finished-looking store whose shard is empty
    folder = os.open(place.parent, os.O_RDONLY)
    try:
        store_build.publish(folder, work.name, place.name, layout)
    finally:
        os.close(folder)
    assert shard.stat().st_size > 0
    assert not work.exists()


@pytest.mark.parametrize("where", ["_write_shard", "write_file"])
def test_a_full_disk_falls_back_to_memory_with_the_warning(
    fixture_corpus: Path, cache: Path, monkeypatch: pytest.MonkeyPatch, where: str
) -> None:
    def full(*args: Any) -> str:
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))

    monkeypatch.setattr(store_build, where, full)
    with pytest.warns(UserWarning, match=r"cannot write the columnar cache .*No space left"):
        served = newsdata.load(fixture_corpus).to_arrow("mentions")
    assert served.equals(_rows(fixture_corpus, "mentions"))
    assert list(_folder(fixture_corpus).iterdir()) == []  # nothing half-written is left


# -- 4. racy timestamps (git's rule) -----------------------------------------------------


def _coarse_clock(monkeypatch: pytest.MonkeyPatch, tick: int) -> None:
    """A file system whose clock did not move: every time it reports is ``tick`` (set
    with os.utime), the change time too; the build starts in that same tick."""

    def times(directory: int, name: str) -> tuple[int, int, int]:
        s = os.stat(name, dir_fd=directory, follow_symlinks=False)
        return s.st_size, s.st_mtime_ns, s.st_mtime_ns

    monkeypatch.setattr(columnar_store, "file_times", times)
    monkeypatch.setattr(columnar_store, "now_ns", lambda: tick)


def _same_size_edit(file: Path) -> None:
    data = file.read_bytes()
    assert b'"PER"' in data
    file.write_bytes(data.replace(b'"PER"', b'"ORG"', 1))


def _racy_corpus(make_corpus: Any, article_dict: dict[str, Any]) -> Path:
    article_dict["entities"] = []
    for mention in article_dict["mentions"]:
        mention["entity"] = None
    article_dict["quotes"] = []
    article_dict["mentions"] = [m for m in article_dict["mentions"] if m["label"] == "PER"][:1]
    assert article_dict["mentions"]
    return make_corpus([article_dict])  # type: ignore[no-any-return]


@pytest.mark.parametrize("age", [0, -1, RACY_NS // 2])
def test_a_file_edited_in_the_builds_tick_is_hashed_again(
    make_corpus: Any,
    article_dict: dict[str, Any],
    cache: Path,
    monkeypatch: pytest.MonkeyPatch,
    age: int,
) -> None:
    """A file whose time is not strictly older than the build's start (``age`` ns before
    it; -1: after it) may change again unseen in the same tick: hashed before trusted."""
    root = _racy_corpus(make_corpus, article_dict)
    tick = 1_700_000_000_000_000_000
    (file,) = CorpusLayout(root).article_files()
    os.utime(file, ns=(tick - age, tick - age))
    _coarse_clock(monkeypatch, tick)
    before = newsdata.load(root).to_arrow("mentions")
    _same_size_edit(file)
    os.utime(file, ns=(tick - age, tick - age))  # size and times as when it was built
    after = newsdata.load(root).to_arrow("mentions")
    assert before.column("label").to_pylist() == ["PER"]
    assert after.column("label").to_pylist() == ["ORG"]


def test_files_older_than_the_build_are_not_hashed_again(
    fixture_corpus: Path, cache: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import newsdata.reading

    tick = 1_700_000_000_000_000_000
    for file in CorpusLayout(fixture_corpus).article_files():
        os.utime(file, ns=(tick - 3 * RACY_NS, tick - 3 * RACY_NS))
    _coarse_clock(monkeypatch, tick)
    newsdata.load(fixture_corpus).to_arrow("articles")
    manifest = json.loads((_store(fixture_corpus) / "manifest.json").read_bytes())
    assert manifest["racy"] == {}
    read: list[str] = []
    real = newsdata.reading.read_article_file

    def spy(file: str | Path, fd: int | None = None) -> bytes:
        read.append(str(file))
        return real(file, fd)

    monkeypatch.setattr(newsdata.reading, "read_article_file", spy)
    newsdata.load(fixture_corpus).to_arrow("articles")
    assert read == []


def test_racy_files_found_unchanged_once_the_clock_moved_on_are_confirmed(
    fixture_corpus: Path, cache: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    tick = 1_700_000_000_000_000_000
    _coarse_clock(monkeypatch, tick)
    for file in CorpusLayout(fixture_corpus).article_files():
        os.utime(file, ns=(tick, tick))
    newsdata.load(fixture_corpus).to_arrow("articles")
    manifest = _store(fixture_corpus) / "manifest.json"
    assert len(json.loads(manifest.read_bytes())["racy"]) == len(
        CorpusLayout(fixture_corpus).article_files()
    )
    newsdata.load(fixture_corpus).to_arrow("articles")  # the same tick: still racy
    assert json.loads(manifest.read_bytes())["racy"]
    monkeypatch.setattr(columnar_store, "now_ns", lambda: tick + RACY_NS + 1)
    newsdata.load(fixture_corpus).to_arrow("articles")
    assert json.loads(manifest.read_bytes())["racy"] == {}


# -- 5. the working directory ------------------------------------------------------------


def test_a_loaded_corpus_does_not_follow_the_working_directory(
    make_corpus: Any,
    article_dict: dict[str, Any],
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    here = make_corpus([article_dict], name="one/corpus")
    other = dict(article_dict, id="another-article")
    make_corpus([other], name="two/corpus")
    monkeypatch.setenv(CACHE_ENV, "relative-cache")  # relative, as a user may set it
    monkeypatch.chdir(here.parent)
    corpus = newsdata.load("corpus")
    monkeypatch.chdir(tmp_path / "two")
    assert corpus.to_arrow("articles").column("id").to_pylist() == [article_dict["id"]]
    assert [a.id for a in corpus] == [article_dict["id"]]
    assert (here.parent / "relative-cache" / "columnar").is_dir()
    assert not (tmp_path / "two" / "relative-cache").exists()


def test_a_store_whose_manifest_is_a_link_is_neither_followed_nor_served(
    fixture_corpus: Path, tmp_path: Path, cache: Path
) -> None:
    newsdata.load(fixture_corpus).to_arrow("articles")
    store = _store(fixture_corpus)
    (shard,) = store.glob("mentions.0.arrow")
    os.truncate(shard, 0)  # damaged, and its manifest not one this code can prove its own
    mine = tmp_path / "mine.json"
    mine.write_bytes((store / "manifest.json").read_bytes())
    (store / "manifest.json").unlink()
    (store / "manifest.json").symlink_to(mine)
    kept = mine.read_bytes()
    with pytest.warns(UserWarning, match=rf"cache in {store} \(.*delete it\)"):
        served = newsdata.load(fixture_corpus).to_arrow("mentions")
    assert served.equals(_rows(fixture_corpus, "mentions"))
    assert mine.read_bytes() == kept and (store / "manifest.json").is_symlink()


def test_a_file_where_a_cache_folder_goes_is_named(fixture_corpus: Path, cache: Path) -> None:
    folder = _folder(fixture_corpus)
    folder.parent.mkdir(parents=True)
    folder.write_text("a user's file", "utf-8")
    with pytest.warns(UserWarning, match=rf"cache in {folder} \(not a folder; delete it\)"):
        served = newsdata.load(fixture_corpus).to_arrow("mentions")
    assert served.equals(_rows(fixture_corpus, "mentions"))
    assert folder.read_text("utf-8") == "a user's file"


def test_a_system_that_cannot_refuse_links_builds_in_memory(
    fixture_corpus: Path, cache: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(store_cache, "SAFE", False)  # as on Windows: no openat, no O_NOFOLLOW
    with pytest.warns(UserWarning, match="cannot open folders without following links"):
        served = newsdata.load(fixture_corpus).to_arrow("mentions")
    assert served.equals(_rows(fixture_corpus, "mentions"))
    assert not cache.exists()


@pytest.mark.skipif(os.getuid() != 0, reason="chown needs root")
def test_a_shard_of_another_uid_in_the_users_store_is_not_served(
    fixture_corpus: Path, cache: Path
) -> None:
    newsdata.load(fixture_corpus).to_arrow("articles")
    truth = _rows(fixture_corpus, "mentions")
    (shard,) = _store(fixture_corpus).glob("mentions.0.arrow")
    planted = shard.with_name("planted")
    planted.write_bytes(shard.read_bytes())  # even the same bytes: not the user's
    os.chown(planted, 65534, 65534)
    planted.replace(shard)
    with pytest.warns(UserWarning, match="damaged columnar store .*another user"):
        assert newsdata.load(fixture_corpus).to_arrow("mentions").equals(truth)
    assert shard.stat().st_uid == os.getuid()  # built again, by the user


def test_a_store_deleted_while_a_frame_is_made_is_built_again(
    fixture_corpus: Path, cache: Path
) -> None:
    corpus = newsdata.load(fixture_corpus)
    expected = corpus.to_pandas("mentions")
    shutil.rmtree(_store(fixture_corpus))  # the files are as they were: built again
    with pytest.warns(UserWarning, match="built again"):
        frame = corpus.to_pandas("mentions")
    assert frame.equals(expected)
    shutil.rmtree(_store(fixture_corpus))
    article = sorted((fixture_corpus / "articles").glob("*.json"))[0]
    article.write_bytes(article.read_bytes() + b"\n")  # and now they are not
    with pytest.raises(CorpusError, match="load it again"):
        corpus.to_pandas("mentions")


# ----------------------------------------------------------- found by the red-team pass
def _modes(root: Path) -> set[tuple[str, int]]:
    return {
        ("dir" if p.is_dir() else "file", stat.S_IMODE(p.stat().st_mode))
        for p in _folder(root).rglob("*")
        if not p.is_symlink()
    }


@pytest.mark.parametrize("umask", [0o022, 0o277, 0o000])
def test_the_store_is_exactly_private_whatever_the_umask(
    umask: int, fixture_corpus: Path, cache: Path
) -> None:
    before = os.umask(umask)
    try:
        newsdata.load(fixture_corpus).to_arrow("mentions")
    finally:
        os.umask(before)
    assert _modes(fixture_corpus) == {("dir", 0o700), ("file", 0o600)}


def test_a_store_left_readable_by_others_is_made_private_when_opened(
    fixture_corpus: Path, cache: Path
) -> None:
    newsdata.load(fixture_corpus).to_arrow("mentions")
    for path in [_store(fixture_corpus), *_store(fixture_corpus).iterdir()]:
        path.chmod(0o755 if path.is_dir() else 0o644)  # as `cp -r` or `rsync -a` may leave it
    newsdata.load(fixture_corpus).to_arrow("mentions")
    assert _modes(fixture_corpus) == {("dir", 0o700), ("file", 0o600)}


def test_a_cache_gone_under_a_corpus_gives_its_tables_from_memory(
    fixture_corpus: Path, cache: Path
) -> None:
    corpus = newsdata.load(fixture_corpus)
    corpus.to_arrow("mentions")
    shutil.rmtree(cache)
    cache.write_text("a file where the cache was\n")  # nothing can be written there now
    with pytest.warns(UserWarning, match="memory"):
        blocks = corpus.to_arrow("blocks")
    assert blocks.num_rows == sum(len(a.blocks) for a in newsdata.load(fixture_corpus))


def test_a_damaged_store_that_cannot_be_removed_is_replaced_in_memory(
    fixture_corpus: Path, cache: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    newsdata.load(fixture_corpus).to_arrow("mentions")
    shard = _store(fixture_corpus) / "mentions.0.arrow"
    os.truncate(shard, 8)
    # a read-only cache: nothing is renamed aside or removed
    monkeypatch.setattr(store_cache, "retire_path", lambda directory, store: None)
    monkeypatch.setattr(store_cache, "retire", lambda folder, key: None)
    expected = sum(len(a.mentions) for a in newsdata.load(fixture_corpus))
    for _ in range(2):
        with warnings.catch_warnings(record=True) as said:
            warnings.simplefilter("always")
            assert newsdata.load(fixture_corpus).to_arrow("mentions").num_rows == expected
        assert any("in memory" in str(w.message) for w in said)


def test_a_relative_cache_without_a_working_directory_is_one_line(
    fixture_corpus: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    gone = tmp_path / "gone"
    gone.mkdir()
    monkeypatch.chdir(gone)
    gone.rmdir()
    monkeypatch.setenv(CACHE_ENV, "relative-cache")
    with pytest.raises(CorpusError, match="relative path needs a working directory"):
        newsdata.load(fixture_corpus)


def test_a_fifo_where_a_shard_goes_is_not_waited_on(fixture_corpus: Path, cache: Path) -> None:
    newsdata.load(fixture_corpus).to_arrow("mentions")
    shard = _store(fixture_corpus) / "mentions.0.arrow"
    shard.unlink()
    os.mkfifo(shard)  # nobody writes to it: a blocking open would wait for ever
    expected = sum(len(a.mentions) for a in newsdata.load(fixture_corpus))
    with pytest.warns(UserWarning, match="damaged"):
        assert newsdata.load(fixture_corpus).to_arrow("mentions").num_rows == expected
