"""The command line: exit codes and output of every command."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from newsdata.cli import main

INVALID = Path(__file__).parent / "fixtures" / "invalid"


def test_info(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["info"]) == 0
    out = capsys.readouterr().out
    assert "articles: 1" in out and "mention labels:" in out and "LOCderiv 10" in out


def test_info_json(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["info", "--json"]) == 0
    counts = json.loads(capsys.readouterr().out)
    assert counts["layers"]["mentions"] == sum(counts["mention_labels"].values())


def test_schema_check(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    assert main(["schema", "--check"]) == 0
    assert main(["schema", "--check", "--dir", str(tmp_path)]) == 1
    assert main(["schema", "--write", "--dir", str(tmp_path)]) == 0
    assert main(["schema", "--check", "--dir", str(tmp_path)]) == 0


def test_validate_exit_codes(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["validate"]) == 0
    assert capsys.readouterr().out.strip().startswith("valid:")
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


def test_build_check(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["build", "--check"]) == 0


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
