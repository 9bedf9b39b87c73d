"""The command line: exit codes and output of every command."""

from __future__ import annotations

import json
import subprocess
import sys
from collections import Counter
from pathlib import Path

import pytest

from newsdata.cli import main

INVALID = Path(__file__).parent / "fixtures" / "invalid"


def test_info(capsys: pytest.CaptureFixture[str], fixture_corpus: Path) -> None:
    import newsdata

    corpus = newsdata.load(fixture_corpus)
    assert main(["info", str(fixture_corpus)]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert lines[1] == f"articles: {len(corpus)}"
    assert lines[2] == "languages: " + ", ".join(sorted({a.language for a in corpus}))
    labels = Counter(m.label for a in corpus for m in a.mentions)
    line = next(x for x in lines if x.startswith("mention labels:"))
    shown = dict(item.rsplit(" ", 1) for item in line.split(":", 1)[1].strip().split(", "))
    assert {k: int(v) for k, v in shown.items() if int(v)} == dict(labels)
    parts = sum(len(q.verbatim) for a in corpus for q in a.quotes)
    assert f"verbatim parts of quotes: {parts}" in lines


def test_info_json(capsys: pytest.CaptureFixture[str], fixture_corpus: Path) -> None:
    import newsdata

    assert main(["info", "--json", str(fixture_corpus)]) == 0
    counts = json.loads(capsys.readouterr().out)
    corpus = newsdata.load(fixture_corpus)
    assert counts["articles"] == len(corpus)
    assert counts["layers"]["quotes"] == sum(len(a.quotes) for a in corpus)
    assert counts["layers"]["mentions"] == sum(counts["mention_labels"].values())


def test_info_of_the_shipped_corpus_agrees_with_its_descriptor(
    capsys: pytest.CaptureFixture[str],
) -> None:
    import newsdata

    assert main(["info", "--json"]) == 0
    counts = json.loads(capsys.readouterr().out)
    assert {"version": counts.pop("version"), **counts} == {
        "version": newsdata.load().version,
        **newsdata.load().descriptor["newsdata"]["counts"],
    }


def test_schema_check(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    assert main(["schema", "--check"]) == 0
    assert main(["schema", "--check", "--dir", str(tmp_path)]) == 1
    assert main(["schema", "--write", "--dir", str(tmp_path)]) == 0
    assert main(["schema", "--check", "--dir", str(tmp_path)]) == 0


def test_validate_exit_codes(fixture_corpus: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["validate", str(fixture_corpus)]) == 0
    assert capsys.readouterr().out.strip().splitlines()[-1].startswith("valid:")
    assert main(["validate", str(INVALID / "span-empty.json")]) == 1
    assert main(["validate", "does/not/exist.json"]) == 2
    assert "no such file" in capsys.readouterr().err


def test_validate_reports_every_error(capsys: pytest.CaptureFixture[str]) -> None:
    files = [str(INVALID / f"{c}.json") for c in ("span-empty", "schema-enum", "json-syntax")]
    assert main(["validate", "--format", "json", *files]) == 1
    codes = [p["code"] for p in json.loads(capsys.readouterr().out)]
    assert codes == ["span-empty", "schema-enum", "json-syntax"]


def test_validate_github_format(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["validate", "--format", "github", str(INVALID / "schema-enum.json")]) == 1
    assert capsys.readouterr().out.startswith("::error file=")


def test_build_check(fixture_corpus: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["build", "--check", str(fixture_corpus)]) == 0


def test_python_dash_m_and_no_traceback_on_bad_input() -> None:
    result = subprocess.run(
        [sys.executable, "-m", "newsdata", "validate", str(INVALID / "json-too-deep.json")],
        capture_output=True,
        text=True,
    )
    assert result.returncode == 1
    assert "Traceback" not in result.stderr + result.stdout
    result = subprocess.run(
        [sys.executable, "-m", "newsdata", "info", str(INVALID)], capture_output=True, text=True
    )
    assert result.returncode == 2 and "Traceback" not in result.stderr
