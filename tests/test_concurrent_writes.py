"""Two writers at once, and writers killed half-way: one line, never a vanished-file traceback,
and no temporary file left for good."""

from __future__ import annotations

import json
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


@pytest.mark.parametrize("at", ["build_descriptor", "generated_files", "_remove"])
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
    original = newsdata.build.build_descriptor

    def meanwhile(*args: Any, **kwargs: Any) -> Any:
        for temporary in (fixture_corpus / "tables").glob(".*.tmp"):
            temporary.unlink()  # what the other build's clean-up of leftovers does
        return original(*args, **kwargs)

    monkeypatch.setattr(newsdata.build, "build_descriptor", meanwhile)
    _touch_article(fixture_corpus)
    with pytest.raises(CorpusError, match="another `newsdata build` is running on this corpus"):
        run_build(fixture_corpus)
