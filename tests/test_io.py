"""The one safe writer: atomic, umask-respecting, never through a link, never half a batch."""

from __future__ import annotations

import errno
import os
import stat
from collections.abc import Iterator
from pathlib import Path

import pytest

from newsdata._io import UnsafeWrite, WriteBatch, atomic_path, write_atomic


@pytest.fixture
def umask_027() -> Iterator[None]:
    old = os.umask(0o027)
    try:
        yield
    finally:
        os.umask(old)


def _mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


def test_a_new_file_gets_the_mode_the_umask_allows(tmp_path: Path, umask_027: None) -> None:
    write_atomic(tmp_path / "a.json", b"{}")
    assert _mode(tmp_path / "a.json") == 0o640
    with atomic_path(tmp_path / "b.bin") as tmp:
        tmp.write_bytes(b"x")
    assert _mode(tmp_path / "b.bin") == 0o640


def test_a_replaced_file_keeps_its_mode(tmp_path: Path) -> None:
    path = tmp_path / "a.json"
    path.write_bytes(b"old")
    path.chmod(0o604)
    write_atomic(path, b"new")
    assert path.read_bytes() == b"new" and _mode(path) == 0o604


def test_a_symbolic_link_is_never_written_through(tmp_path: Path) -> None:
    outside = tmp_path / "outside.txt"
    outside.write_bytes(b"keep")
    link = tmp_path / "corpus" / "a.json"
    link.parent.mkdir()
    link.symlink_to(outside)
    with pytest.raises(UnsafeWrite, match="symbolic link"):
        write_atomic(link, b"new")
    assert outside.read_bytes() == b"keep" and link.is_symlink()


def test_a_read_only_file_is_not_replaced(tmp_path: Path) -> None:
    path = tmp_path / "a.json"
    path.write_bytes(b"keep")
    path.chmod(0o444)
    with pytest.raises(UnsafeWrite, match="read-only"):
        write_atomic(path, b"new")
    assert path.read_bytes() == b"keep"


def test_nothing_is_written_outside_the_allowed_directory(tmp_path: Path) -> None:
    corpus = tmp_path / "corpus"
    (corpus).mkdir()
    (tmp_path / "elsewhere").mkdir()
    (corpus / "tables").symlink_to(tmp_path / "elsewhere")
    with pytest.raises(UnsafeWrite, match="outside"):
        write_atomic(corpus / "tables" / "x.csv", b"x", inside=corpus)
    assert list((tmp_path / "elsewhere").iterdir()) == []


def test_a_batch_that_fails_half_way_changes_nothing(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    first, second = tmp_path / "a.txt", tmp_path / "b.txt"
    first.write_bytes(b"old a")
    real_fsync = os.fsync
    calls = []

    def full_disk(fd: int) -> None:
        calls.append(fd)
        if len(calls) == 2:
            raise OSError(errno.ENOSPC, "No space left on device")
        real_fsync(fd)

    monkeypatch.setattr(os, "fsync", full_disk)

    def write_both() -> None:
        with WriteBatch(tmp_path) as batch:
            batch.add(first, b"new a")
            batch.add(second, b"new b")

    with pytest.raises(OSError, match="No space"):
        write_both()
    assert first.read_bytes() == b"old a" and not second.exists()
    assert sorted(p.name for p in tmp_path.iterdir()) == ["a.txt"]  # no temporary left


def test_an_error_inside_the_block_discards_the_batch(tmp_path: Path) -> None:
    def fail_half_way() -> None:
        with WriteBatch(tmp_path) as batch:
            batch.add(tmp_path / "a.txt", b"a")
            raise RuntimeError("stop")

    with pytest.raises(RuntimeError):
        fail_half_way()
    assert list(tmp_path.iterdir()) == []


def test_a_refused_path_creates_no_directory(tmp_path: Path) -> None:
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    with pytest.raises(UnsafeWrite, match="outside"):
        write_atomic(corpus / ".." / "elsewhere" / "deep" / "x.json", b"{}", inside=corpus)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["corpus"]


@pytest.mark.parametrize(("seen", "limit", "refused"), [(5, 8, True), (8, 8, True), (5, 20, False)])
def test_a_file_that_grew_after_its_size_was_taken_is_read_whole_or_refused(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, seen: int, limit: int, refused: bool
) -> None:
    from newsdata._io import FileTooLarge, read_article_file

    file = tmp_path / "a.json"
    file.write_bytes(b"0123456789")
    real = os.fstat

    def smaller(fd: int) -> os.stat_result:  # the size as taken before the file grew
        info = list(real(fd))
        info[6] = seen  # st_size
        return os.stat_result(info)

    monkeypatch.setattr(os, "fstat", smaller)
    if refused:
        with pytest.raises(FileTooLarge):
            read_article_file(file, limit=limit)
    else:
        assert read_article_file(file, limit=limit) == b"0123456789"
