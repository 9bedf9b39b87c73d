"""What `newsdata validate` says and `newsdata explain` explains: every format names the code
and its fix, paths are printed as the user gave them, an unbuilt corpus is told to build."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import make_fixtures
import pytest

from newsdata.cli import main
from newsdata.layout import CorpusLayout
from newsdata.validate.codes import CHECKS

INVALID = Path(__file__).parent / "fixtures" / "invalid"


def _out(capsys: pytest.CaptureFixture[str], argv: list[str]) -> tuple[int, str, str]:
    status = main(argv)
    captured = capsys.readouterr()
    return status, captured.out, captured.err


def _corpus(root: Path, *docs: dict[str, Any]) -> Path:
    """An unbuilt corpus: articles only, no datapackage.json."""
    make_fixtures.write_corpus(root, {d["id"]: d for d in docs}, build=False)
    return root


def _span_empty() -> dict[str, Any]:
    doc: dict[str, Any] = json.loads((INVALID / "span-empty.json").read_text("utf-8"))
    return doc


# ---------------------------------------------------------------------- explain


@pytest.mark.parametrize("code", list(CHECKS))
def test_explain_prints_the_meaning_level_severity_and_fix(
    capsys: pytest.CaptureFixture[str], code: str
) -> None:
    check = CHECKS[code]
    status, out, _ = _out(capsys, ["explain", code])
    assert status == 0
    assert out.splitlines()[0] == (
        f"{code}: {'an error' if check.severity == 'error' else 'a warning'} "
        f"of the {check.level} level"
    )
    assert check.description in out and check.fix in out
    assert ("Example message:" in out) == bool(check.example)
    if check.example:
        assert check.example in out


def test_explain_reads_the_code_as_typed_in_any_case(capsys: pytest.CaptureFixture[str]) -> None:
    status, out, _ = _out(capsys, ["explain", "Span-Empty"])
    assert status == 0 and out.startswith("span-empty: ")


def test_explain_without_a_code_or_with_list_lists_every_code(
    capsys: pytest.CaptureFixture[str],
) -> None:
    for argv in (["explain"], ["explain", "--list"]):
        status, out, _ = _out(capsys, argv)
        assert status == 0
        listed = [line.split()[0] for line in out.splitlines()]
        assert listed == list(CHECKS)
        assert all(CHECKS[line.split()[0]].description in line for line in out.splitlines())


def test_an_unknown_code_is_one_line_with_the_close_matches(
    capsys: pytest.CaptureFixture[str],
) -> None:
    status, out, err = _out(capsys, ["explain", "pakage-mising"])
    assert status == 2 and out == ""
    assert err.count("\n") == 1
    assert err.startswith("newsdata explain: unknown code 'pakage-mising'; did you mean ")
    assert "package-missing" in err and "`newsdata explain --list`" in err
    status, _, err = _out(capsys, ["explain", "qqqqqq"])
    assert status == 2 and "did you mean" not in err and "--list" in err


def test_explain_links_the_documentation_only_once_its_address_is_configured(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    import newsdata._version

    monkeypatch.setattr(newsdata._version, "documentation_url", lambda: None)
    _, out, _ = _out(capsys, ["explain", "span-empty"])
    assert "Documentation" not in out and "http" not in out
    # the address comes from [project.urls]; this one stands in for it in the test
    monkeypatch.setattr(newsdata._version, "documentation_url", lambda: "https://docs.test")
    _, out, _ = _out(capsys, ["explain", "span-empty"])
    assert out.splitlines()[-1] == (
        "Documentation: https://docs.test/reference/validation-codes.html#span-empty"
    )


def test_help_lists_explain_and_init(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit):
        main(["--help"])
    out = capsys.readouterr().out
    assert "explain" in out and "init" in out


# ---------------------------------------------------------------------- formats


def test_every_format_names_the_code_and_gives_the_same_fix(
    capsys: pytest.CaptureFixture[str],
) -> None:
    fix = CHECKS["span-empty"].fix
    target = str(INVALID / "span-empty.json")
    _, text, _ = _out(capsys, ["validate", target])
    _, github, _ = _out(capsys, ["validate", "--format", "github", target])
    _, as_json, _ = _out(capsys, ["validate", "--format", "json", target])
    lines = text.splitlines()
    assert " error span-empty " in lines[0]
    assert lines[1] == f"  help: {fix}"
    assert "`newsdata explain CODE`" in text
    assert "title=span-empty::" in github and github.splitlines()[0].endswith(f". {fix}")
    rows = json.loads(as_json)
    assert [(r["code"], r["fix"]) for r in rows] == [("span-empty", fix)]


def test_a_valid_report_prints_no_hint(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    root = tmp_path / "corpus"
    make_fixtures.write_corpus(root, {"fixture-article": make_fixtures.valid_article()})
    status, out, _ = _out(capsys, ["validate", str(root)])
    assert status == 0 and "help:" not in out and "explain" not in out


# ------------------------------------------------------------------------ paths


def test_an_absolute_path_is_printed_absolute(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    root = _corpus(tmp_path / "corpus", _span_empty())
    elsewhere = tmp_path / "a" / "b"
    elsewhere.mkdir(parents=True)
    monkeypatch.chdir(elsewhere)
    _, out, _ = _out(capsys, ["validate", str(root)])
    named = [line.split(":")[0] for line in out.splitlines() if " error " in line]
    assert named == [
        str(root / "articles" / f"{_span_empty()['id']}.json"),
        str(root / "datapackage.json"),
    ]
    assert f"  help: Run `newsdata build {root}`." in out.splitlines()


def test_a_relative_path_is_printed_as_given_not_relative_to_the_working_directory(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    _corpus(tmp_path / "x", _span_empty())
    article = f"../x/articles/{_span_empty()['id']}.json"
    (tmp_path / "work").mkdir()
    monkeypatch.chdir(tmp_path / "work")
    _, out, _ = _out(capsys, ["validate", "../x"])
    assert out.startswith(f"{article}:")
    assert "../x/datapackage.json: error package-missing " in out
    _, out, _ = _out(capsys, ["validate", "--format", "github", article])
    assert out.startswith(f"::error file={article},")
    # through a link to the working directory: still as given, never resolved
    (tmp_path / "here").symlink_to(tmp_path / "work")
    monkeypatch.chdir(tmp_path / "here")
    _, out, _ = _out(capsys, ["validate", "--format", "json", "../x"])
    assert {row["file"] for row in json.loads(out)} == {article, "../x/datapackage.json"}


def test_an_exemption_applies_whatever_path_the_corpus_is_given_by(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    root = _corpus(tmp_path / "x", _span_empty())
    name = f"articles/{_span_empty()['id']}.json"
    exemption = [{"file": name, "code": "span-empty", "reason": "kept as received"}]
    CorpusLayout(root).exemptions.write_text(json.dumps(exemption), "utf-8")
    (tmp_path / "work").mkdir()
    monkeypatch.chdir(tmp_path / "work")
    for given in ("../x", str(root)):
        _, out, _ = _out(capsys, ["validate", "--format", "json", given])
        assert [row["code"] for row in json.loads(out)] == ["package-missing"]


# ------------------------------------------------------------- unbuilt corpus


@pytest.mark.parametrize("fmt", ["text", "github", "json"])
def test_an_unbuilt_corpus_is_told_to_build_the_directory_as_given(
    capsys: pytest.CaptureFixture[str],
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    fmt: str,
) -> None:
    _corpus(tmp_path / "my corpus", make_fixtures.valid_article())
    (tmp_path / "work").mkdir()
    monkeypatch.chdir(tmp_path / "work")
    status, out, _ = _out(capsys, ["validate", "--format", fmt, "../my corpus"])
    assert status == 1
    fix = "Run `newsdata build '../my corpus'`."
    if fmt == "json":
        assert [(r["code"], r["fix"]) for r in json.loads(out)] == [("package-missing", fix)]
    elif fmt == "github":
        explain = "(`newsdata explain package-missing`)"  # every annotation names it
        assert out.splitlines()[0].endswith(
            f"no datapackage.json in the corpus directory {explain}. {fix}"
        )
    else:
        assert out.splitlines()[1] == f"  help: {fix}"


def test_an_unlisted_article_is_told_to_build_the_directory_as_given(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    root = tmp_path / "x"
    make_fixtures.write_corpus(root, {"fixture-article": make_fixtures.valid_article()})
    other = {**make_fixtures.valid_article(), "id": "another-article"}
    CorpusLayout(root).article_path("another-article").write_bytes(make_fixtures.dump(other))
    monkeypatch.chdir(tmp_path)
    status, out, _ = _out(capsys, ["validate", "x"])
    assert status == 1
    lines = out.splitlines()
    at = next(i for i, line in enumerate(lines) if " error package-unlisted " in line)
    assert lines[at + 1] == "  help: Run `newsdata build x`."
    assert main(["build", "x"]) == 0 and main(["validate", "x"]) == 0
