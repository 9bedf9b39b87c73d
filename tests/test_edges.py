"""Bad input at the edges: a one-line error with the documented exit status, never a
traceback, and nothing written or created on the way."""

from __future__ import annotations

import json
import os
import shutil
from pathlib import Path
from typing import Any

import pytest

import newsdata
from newsdata import CorpusError, IntegrityError
from newsdata.cli import main


def _one_line_error(capsys: pytest.CaptureFixture[str]) -> str:
    captured = capsys.readouterr()
    assert "Traceback" not in captured.out + captured.err
    assert captured.err.count("\n") == 1, captured.err
    return captured.err


@pytest.mark.parametrize("version", ["", "   ", 1, ["0.1.0"], None])
def test_a_version_that_is_not_a_string_or_is_empty_is_refused(version: Any) -> None:
    if version is None:
        assert len(newsdata.load(version=version)) >= 1  # None: no pin
        return
    with pytest.raises(CorpusError, match="give a version as a string"):
        newsdata.load(version=version)


def test_verify_covers_the_tables(fixture_corpus: Path) -> None:
    assert len(newsdata.load(fixture_corpus, verify=True)) >= 1
    table = fixture_corpus / "tables" / "topics.csv"
    table.write_text(table.read_text("utf-8") + "x,y,z,w,v\n", encoding="utf-8")
    with pytest.raises(IntegrityError, match=r"topics\.csv"):
        newsdata.load(fixture_corpus, verify=True)


def test_verify_covers_croissant(fixture_corpus: Path) -> None:
    (fixture_corpus / "croissant.json").write_text("{}", encoding="utf-8")
    with pytest.raises(IntegrityError, match=r"croissant\.json"):
        newsdata.load(fixture_corpus, verify=True)


def test_an_emptied_croissant_is_a_validation_problem(fixture_corpus: Path) -> None:
    (fixture_corpus / "croissant.json").write_text("{}", encoding="utf-8")
    problems = newsdata.validate(fixture_corpus).problems
    assert [(p.code, Path(p.file).name) for p in problems] == [("package-stale", "croissant.json")]


def test_a_descriptor_linked_from_outside_is_refused(fixture_corpus: Path, tmp_path: Path) -> None:
    outside = tmp_path / "outside.json"
    shutil.move(str(fixture_corpus / "datapackage.json"), outside)
    (fixture_corpus / "datapackage.json").symlink_to(outside)
    assert [p.code for p in newsdata.validate(fixture_corpus).problems] == ["package-unsafe-path"]
    with pytest.raises(CorpusError, match="symbolic link"):
        newsdata.load(fixture_corpus)


def test_a_linked_articles_directory_is_not_read(fixture_corpus: Path, tmp_path: Path) -> None:
    shutil.move(str(fixture_corpus / "articles"), tmp_path / "real")
    (fixture_corpus / "articles").symlink_to(tmp_path / "real")
    with pytest.raises(CorpusError, match="symbolic link"):
        newsdata.load(fixture_corpus)


def test_a_loop_of_links_as_a_resource_is_a_problem(fixture_corpus: Path) -> None:
    (fixture_corpus / "a").symlink_to("b")
    (fixture_corpus / "b").symlink_to("a")
    descriptor = json.loads((fixture_corpus / "datapackage.json").read_text("utf-8"))
    descriptor["resources"].append({"name": "loop", "path": "a"})
    (fixture_corpus / "datapackage.json").write_text(json.dumps(descriptor), encoding="utf-8")
    codes = {p.code for p in newsdata.validate(fixture_corpus).problems}
    assert "package-unsafe-path" in codes


@pytest.mark.parametrize(
    "content",
    ["[" * 5000 + "]" * 5000, '{"version": 1' + "0" * 5000 + "}", "[]"],
    ids=["deep", "huge-integer", "list"],
)
@pytest.mark.parametrize("command", ["info", "build"])
def test_a_broken_descriptor_is_one_line(
    content: str,
    command: str,
    fixture_corpus: Path,
    capsys: pytest.CaptureFixture[str],
) -> None:
    (fixture_corpus / "datapackage.json").write_text(content, encoding="utf-8")
    assert main([command, str(fixture_corpus)]) == 2
    assert "datapackage.json" in _one_line_error(capsys)


def test_diff_of_json_that_is_not_an_article(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    for name, content in (("a", "[1]"), ("b", '{"a": 1}')):
        (tmp_path / name / "articles").mkdir(parents=True)
        (tmp_path / name / "articles" / "x.json").write_text(content, encoding="utf-8")
    assert main(["diff", str(tmp_path / "a"), str(tmp_path / "b")]) == 2
    error = _one_line_error(capsys)
    assert "articles/x.json" in error and "json-not-object" in error


def test_export_onto_a_file_and_of_a_missing_corpus(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    target = tmp_path / "a-file"
    target.write_text("keep", encoding="utf-8")
    assert main(["export", "--format", "jsonl", "--output", str(target)]) == 2
    assert "not a directory" in _one_line_error(capsys)
    assert target.read_text("utf-8") == "keep"
    output = tmp_path / "new"
    assert main(["export", "--format", "jsonl", "--output", str(output), str(tmp_path / "no")]) == 2
    _one_line_error(capsys)
    assert not output.exists()


def test_an_offset_beyond_any_integer_type_is_refused_by_name(
    fixture_corpus: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = fixture_corpus / "articles" / "fixture-article.json"
    doc = json.loads(path.read_text("utf-8"))
    doc["mentions"][0]["start"] = 2**64 + 1
    path.write_text(json.dumps(doc), encoding="utf-8")
    assert main(["export", "--format", "jsonl", "--output", str(tmp_path / "o")]) == 0  # shipped
    capsys.readouterr()
    args = ["export", "--format", "jsonl", "--output", str(tmp_path / "x"), str(fixture_corpus)]
    assert main(args) == 2
    assert "fixture-article.json" in _one_line_error(capsys)
    assert "schema-maximum" in {p.code for p in newsdata.validate(path).problems}


def test_an_overlong_id_is_refused_before_writing(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    raw = tmp_path / "raw.txt"
    raw.write_text("Titel\n\nText.", encoding="utf-8")
    corpus = tmp_path / "corpus"
    args = ["add", str(raw), "--id", "a" * 300, "--language", "de", "--corpus", str(corpus)]
    assert main(args) == 2
    assert "300 characters" in _one_line_error(capsys)
    assert not corpus.exists()


def test_ctrl_c_is_a_short_line_and_status_130(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    import newsdata.stats

    def interrupted(*args: Any, **kwargs: Any) -> Any:
        raise KeyboardInterrupt

    monkeypatch.setattr(newsdata.stats, "count", interrupted)
    assert main(["info"]) == 130
    assert _one_line_error(capsys) == "newsdata info: interrupted\n"


def test_an_unreadable_article_is_one_line(
    fixture_corpus: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    real = os.open

    def denied(path: Any, *args: Any, **kwargs: Any) -> int:
        if Path(path).name == "fixture-article.json":
            raise PermissionError(13, "Permission denied", str(path))
        return real(path, *args, **kwargs)

    monkeypatch.setattr(os, "open", denied)
    for command in (["info"], ["export", "--format", "jsonl", "--output", os.devnull + "-x"]):
        assert main([*command, str(fixture_corpus)]) == 2
        assert "Permission denied" in _one_line_error(capsys)


def test_add_on_a_full_disk_is_one_line_and_leaves_nothing(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    import errno

    raw = tmp_path / "raw.txt"
    raw.write_text("Titel\n\nText.", encoding="utf-8")
    corpus = tmp_path / "corpus"

    def full(fd: int) -> None:
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(os, "fsync", full)
    args = ["add", str(raw), "--id", "a", "--language", "de", "--corpus", str(corpus)]
    assert main(args) == 2
    assert "No space left on device" in _one_line_error(capsys)
    assert list((corpus / "articles").iterdir()) == []


def test_a_linked_articles_directory_is_neither_read_nor_written(
    fixture_corpus: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    real = tmp_path / "real-articles"
    shutil.move(str(fixture_corpus / "articles"), real)
    (fixture_corpus / "articles").symlink_to(real)
    before = sorted(p.name for p in real.iterdir())
    problems = newsdata.validate(fixture_corpus).problems
    assert [(p.code, p.file.endswith("articles")) for p in problems] == [
        ("corpus-stray-file", True)
    ]
    raw = tmp_path / "raw.txt"
    raw.write_text("Titel\n\nText.", encoding="utf-8")
    args = ["add", str(raw), "--id", "new", "--language", "de", "--corpus", str(fixture_corpus)]
    assert main(args) == 2
    assert "symbolic link" in _one_line_error(capsys)
    assert sorted(p.name for p in real.iterdir()) == before
    assert main(["build", str(fixture_corpus)]) == 2


def test_a_read_only_descriptor_is_not_rebuilt(
    fixture_corpus: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    article = fixture_corpus / "articles" / "fixture-article.json"
    article.write_bytes(article.read_bytes() + b"\n")
    descriptor = fixture_corpus / "datapackage.json"
    descriptor.chmod(0o444)
    before = {p: p.read_bytes() for p in fixture_corpus.rglob("*") if p.is_file()}
    assert main(["build", str(fixture_corpus)]) == 2
    assert "read-only" in _one_line_error(capsys)
    assert {p: p.read_bytes() for p in fixture_corpus.rglob("*") if p.is_file()} == before


def test_a_read_only_table_stops_the_build_and_leaves_no_temporary_file(
    fixture_corpus: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    article = fixture_corpus / "articles" / "fixture-article.json"
    doc = json.loads(article.read_text("utf-8"))
    doc["topics"] = []
    article.write_text(json.dumps(doc, ensure_ascii=False), encoding="utf-8")
    (fixture_corpus / "tables" / "topics.csv").chmod(0o444)
    before = {p: p.read_bytes() for p in fixture_corpus.rglob("*") if p.is_file()}
    assert main(["build", str(fixture_corpus)]) == 2
    assert "read-only" in _one_line_error(capsys)
    assert {p: p.read_bytes() for p in fixture_corpus.rglob("*") if p.is_file()} == before


def test_ctrl_c_during_a_parallel_validation_is_one_line(tmp_path: Path) -> None:
    """SIGINT reaches the whole process group while the workers check their chunks: the
    workers stay quiet, the command prints one line and exits with 130. The signal is sent
    once a worker says on a pipe that it is busy (no sleeping: slow machines pass too)."""
    import select
    import signal
    import subprocess
    import sys

    from synthetic import grow

    grow(tmp_path / "corpus", 600, build=False)
    ready, ready_to_write = os.pipe()
    driver = (
        "import os, sys, threading\n"
        "import newsdata._parallel\n"
        "from newsdata.validate import corpus\n"
        "newsdata._parallel.default_workers = lambda asked=None: 2\n"
        "def busy(job):\n"
        f"    os.write({ready_to_write}, b'x')\n"
        "    threading.Event().wait()\n"  # until the parent stops the worker
        "corpus._check_chunk = busy\n"
        "from newsdata.cli import main\n"
        f"sys.exit(main(['validate', {str(tmp_path / 'corpus')!r}]))\n"
    )
    process = subprocess.Popen(
        [sys.executable, "-c", driver],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        start_new_session=True,
        pass_fds=(ready_to_write,),
    )
    os.close(ready_to_write)  # the child's copies alone keep the pipe open
    try:
        # the timeout only stops a hung run; b"" means the child ended before any chunk
        assert select.select([ready], [], [], 300)[0], "no worker started"
        assert os.read(ready, 1) == b"x", process.communicate(timeout=60)
    finally:
        os.close(ready)
    os.killpg(process.pid, signal.SIGINT)
    out, err = process.communicate(timeout=60)
    assert process.returncode == 130, (out, err)
    assert "Traceback" not in out + err
    assert err.strip().splitlines() == ["newsdata validate: interrupted"]
