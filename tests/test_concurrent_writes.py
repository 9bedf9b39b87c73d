"""Two writers at once, and writers killed half-way: one line, never a vanished-file traceback,
and no temporary file left for good."""

from __future__ import annotations

import json
import signal
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

import newsdata.build
from newsdata.build import run_build
from newsdata.cli import main
from newsdata.loader import CorpusError


def _touch_article(root: Path) -> None:
    """Change an article, so that a build has files to write."""
    path = next((root / "articles").iterdir())
    doc = json.loads(path.read_text("utf-8"))
    doc["rights"] = f"{doc['rights']} (changed)"
    path.write_text(json.dumps(doc, ensure_ascii=False), "utf-8")


@pytest.mark.parametrize("at", ["package_info", "generated_files", "_remove"])
def test_the_loser_of_two_builds_says_so_in_one_line(
    fixture_corpus: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
    at: str,
) -> None:
    # the second build runs, start to end, while the first is at `at`: no timing involved
    original = getattr(newsdata.build, at)
    ran: list[bool] = []

    def meanwhile(*args: Any, **kwargs: Any) -> Any:
        if not ran:
            ran.append(True)
            _touch_article(fixture_corpus)
            assert run_build(fixture_corpus).stale
        return original(*args, **kwargs)

    monkeypatch.setattr(newsdata.build, at, meanwhile)
    _touch_article(fixture_corpus)
    status = main(["build", str(fixture_corpus)])
    err = capsys.readouterr().err
    assert ran
    if status != 0:  # it lost: it says why, in one line
        assert status == 2
        assert err.startswith("newsdata build: ") and err.count("\n") == 1, err
        assert "another `newsdata build`" in err and "Errno" not in err, err
    monkeypatch.setattr(newsdata.build, at, original)
    assert main(["build", str(fixture_corpus)]) == 0  # and the next one repairs everything
    assert main(["build", "--check", str(fixture_corpus)]) == 0
    leftovers = [p for p in fixture_corpus.rglob(".*") if p.name.endswith(".tmp")]
    assert leftovers == []


def test_a_vanished_temporary_file_is_named_as_another_build(
    fixture_corpus: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    original = newsdata.build.package_info

    def meanwhile(*args: Any, **kwargs: Any) -> Any:
        for temporary in (fixture_corpus / "tables").glob(".*.tmp"):
            temporary.unlink()  # what the other build's clean-up of leftovers does
        return original(*args, **kwargs)

    monkeypatch.setattr(newsdata.build, "package_info", meanwhile)
    _touch_article(fixture_corpus)
    with pytest.raises(CorpusError, match="another `newsdata build` is running on this corpus"):
        run_build(fixture_corpus)


_KILLED = """
import os, signal, sys
from pathlib import Path
import newsdata.export.parquet as parquet
from newsdata.export import export

def killed(lines):  # the first batch is being written: every temporary file is open
    os.kill(os.getpid(), signal.SIGKILL)

parquet.layers_of_lines = killed
if sys.argv[1] == "export":
    export("parquet", sys.argv[2], sys.argv[3])
else:
    import newsdata
    parquet.write_parquet(
        (a.model_dump(mode="json") for a in newsdata.iter_articles(sys.argv[3])),
        Path(sys.argv[2]),
    )
"""


def _killed(how: str, out: Path, corpus: Path) -> None:
    run = subprocess.run([sys.executable, "-c", _KILLED, how, str(out), str(corpus)], check=False)
    assert run.returncode == -signal.SIGKILL


def _temporaries(where: Path) -> list[Path]:
    return sorted(p for p in where.rglob("*") if p.name.endswith(".tmp"))


def test_a_killed_parquet_export_is_cleaned_by_the_next(
    fixture_corpus: Path, tmp_path: Path
) -> None:
    pytest.importorskip("pyarrow")
    from newsdata.export import export

    out = tmp_path / "exports" / "out"
    out.mkdir(parents=True)
    _killed("export", out, fixture_corpus)
    assert any(".parquet." in p.name for p in _temporaries(out.parent))  # what a kill leaves
    export("parquet", out, fixture_corpus)
    assert _temporaries(out.parent) == []
    assert sorted(p.name for p in out.iterdir()) == sorted(
        ["README.md", *(f"{layer}.parquet" for layer in _layers())]
    )


def test_a_killed_parquet_writer_is_cleaned_by_the_next(
    fixture_corpus: Path, tmp_path: Path
) -> None:
    pytest.importorskip("pyarrow")
    import newsdata
    from newsdata.export.parquet import write_parquet

    out = tmp_path / "out"
    out.mkdir()
    _killed("write", out, fixture_corpus)
    assert any(".parquet." in p.name for p in _temporaries(out))
    unrelated = out / ".notes.parquet.x.tmp.keep"
    unrelated.write_text("not ours", "utf-8")
    docs = (a.model_dump(mode="json") for a in newsdata.iter_articles(fixture_corpus))
    write_parquet(docs, out)
    assert _temporaries(out) == [] and unrelated.exists()


def test_an_export_running_beside_keeps_its_temporary_files(
    fixture_corpus: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # a second export starts while the first is writing: it removes nothing of the first
    pytest.importorskip("pyarrow")
    import newsdata.export.parquet as parquet
    from newsdata.export import export

    out = tmp_path / "out"
    original = parquet.layers_of_lines  # type: ignore[attr-defined]
    ran: list[bool] = []

    def meanwhile(lines: Any) -> Any:
        if not ran:
            ran.append(True)
            export("parquet", tmp_path / "other", fixture_corpus)
            export("parquet", out.parent / "out", fixture_corpus)
        return original(lines)

    monkeypatch.setattr(parquet, "layers_of_lines", meanwhile)
    export("parquet", out, fixture_corpus)
    assert ran and _temporaries(tmp_path) == []


def _layers() -> list[str]:
    from newsdata.export.frames import LAYER_NAMES

    return list(LAYER_NAMES)
