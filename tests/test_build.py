"""`newsdata build`: deterministic, atomic, and stale detection."""

from __future__ import annotations

import errno
import json
import os
import stat
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

import newsdata
from newsdata._io import UnsafeWrite
from newsdata.build import BuildRefused, build_descriptor, run_build
from newsdata.cli import main


def test_build_is_deterministic(make_corpus: Any, article_dict: dict[str, Any]) -> None:
    root = make_corpus([article_dict])
    (root / "datapackage.json").unlink()
    assert run_build(root).fresh is False
    first = (root / "datapackage.json").read_bytes()
    assert run_build(root).fresh is True
    assert (root / "datapackage.json").read_bytes() == first
    assert not [p for p in root.iterdir() if p.name.endswith(".tmp")]


def test_check_reports_stale_without_writing(
    make_corpus: Any, article_dict: dict[str, Any]
) -> None:
    root = make_corpus([article_dict])
    path = root / "articles" / "fixture-article.json"
    path.write_bytes(path.read_bytes() + b"\n")
    before = (root / "datapackage.json").read_bytes()
    assert run_build(root, check=True).fresh is False
    assert (root / "datapackage.json").read_bytes() == before


def test_descriptor_keeps_metadata_and_counts(
    make_corpus: Any, article_dict: dict[str, Any]
) -> None:
    root = make_corpus([article_dict])
    descriptor = json.loads((root / "datapackage.json").read_text("utf-8"))
    descriptor["title"] = "My corpus"
    rebuilt = build_descriptor(Path(root), descriptor)
    assert rebuilt["title"] == "My corpus"
    assert rebuilt["resources"][0]["path"] == "articles/fixture-article.json"
    assert rebuilt["newsdata"]["counts"]["layers"]["mentions"] == 5


def test_frictionless_accepts_what_build_writes(fixture_corpus: Path) -> None:
    import frictionless

    report = frictionless.validate(str(fixture_corpus / "datapackage.json"))
    assert report.valid, report.flatten(["type", "message"])


# ------------------------------------------------------------------ the write side is safe
def test_a_symlinked_tables_directory_is_refused(
    make_corpus: Any, article_dict: dict[str, Any], tmp_path: Path
) -> None:
    root = make_corpus([article_dict])
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    (root / "tables").symlink_to(elsewhere)
    before = (root / "datapackage.json").read_bytes()
    with pytest.raises(UnsafeWrite, match="symbolic link"):
        run_build(root, tables=True)
    assert list(elsewhere.iterdir()) == []
    assert (root / "datapackage.json").read_bytes() == before
    assert main(["build", "--tables", str(root)]) == 2


def _files(root: Path) -> dict[Path, bytes]:
    return {p: p.read_bytes() for p in sorted(root.rglob("*")) if p.is_file()}


@pytest.mark.parametrize(
    ("code", "spoil"),
    [
        ("schema-required", lambda data: b"{}"),
        ("json-duplicate-key", lambda data: data.replace(b"{", b'{"rights": "x",', 1)),
        ("span-text-mismatch", lambda data: data.replace(b'"text": "Putin"', b'"text": "Putn"', 1)),
        ("layer-not-annotated",
         lambda data: data.replace(b'"timexes": "manual"', b'"timexes": "none"', 1)),
    ],
)  # fmt: skip
def test_build_refuses_what_validate_rejects_and_writes_nothing(
    code: str,
    spoil: Callable[[bytes], bytes],
    make_corpus: Any,
    article_dict: dict[str, Any],
    capsys: pytest.CaptureFixture[str],
) -> None:
    root = make_corpus([article_dict])
    run_build(root, tables=True)
    file = root / "articles" / f"{article_dict['id']}.json"
    file.write_bytes(spoil(file.read_bytes()))
    assert code in {p.code for p in newsdata.validate(root).errors}
    before = _files(root)
    capsys.readouterr()
    assert main(["build", str(root)]) == 1
    err = capsys.readouterr().err
    assert "Traceback" not in err and f"error {code} " in err
    assert all(line.startswith(str(file)) for line in err.splitlines()[:-1])
    assert "nothing written" in err.splitlines()[-1]
    assert _files(root) == before  # no table, descriptor, card or temporary file
    with pytest.raises(BuildRefused) as refused:
        run_build(root, check=True)
    assert code in {p.code for p in refused.value.problems}


def test_build_refuses_a_file_over_the_size_limit(
    make_corpus: Any, article_dict: dict[str, Any], monkeypatch: pytest.MonkeyPatch
) -> None:
    from newsdata.validate import filelevel

    root = make_corpus([article_dict])
    monkeypatch.setattr(filelevel, "MAX_BYTES", 100)
    with pytest.raises(BuildRefused) as refused:
        run_build(root)
    assert [p.code for p in refused.value.problems] == ["file-too-large"]


def test_build_refuses_an_article_over_the_limit_without_reading_it_whole(
    make_corpus: Any, article_dict: dict[str, Any]
) -> None:
    """Over the real limit, the reader stops: build still refuses with the validator's
    line (exit 1), not with a read error."""
    from newsdata._io import ARTICLE_MAX_BYTES

    root = make_corpus([article_dict])
    with (root / "articles" / "fixture-article.json").open("ab") as grown:
        grown.write(b" " * ARTICLE_MAX_BYTES)
    with pytest.raises(BuildRefused) as refused:
        run_build(root)
    assert [p.code for p in refused.value.problems] == ["file-too-large"]
    assert [p.message for p in refused.value.problems] == [
        p.message for p in newsdata.validate(root).problems if p.code == "file-too-large"
    ]


def test_build_takes_what_the_corpus_exempts_and_warnings(
    make_corpus: Any, article_dict: dict[str, Any]
) -> None:
    article_dict["mentions"][0]["text"] += " "  # span-text-mismatch, exempted below
    root = make_corpus([article_dict])
    (root / "validation-exemptions.json").write_text(
        json.dumps(
            [
                {
                    "file": f"articles/{article_dict['id']}.json",
                    "code": "span-text-mismatch",
                    "reason": "kept as received",
                }
            ]
        ),
        encoding="utf-8",
    )
    run_build(root)
    assert newsdata.validate(root).valid
    assert newsdata.validate(root / "articles" / f"{article_dict['id']}.json").valid


def test_an_exemption_cannot_cover_a_schema_error(
    make_corpus: Any, article_dict: dict[str, Any]
) -> None:
    root = make_corpus([article_dict])
    entry = {
        "file": f"articles/{article_dict['id']}.json",
        "code": "schema-required",
        "reason": "x",
    }
    (root / "validation-exemptions.json").write_text(json.dumps([entry]), encoding="utf-8")
    assert [p.code for p in newsdata.validate(root).errors] == ["exemption-invalid"]


def test_a_full_disk_leaves_the_old_build_and_no_temporary_file(
    make_corpus: Any, article_dict: dict[str, Any], monkeypatch: pytest.MonkeyPatch
) -> None:
    root = make_corpus([article_dict])
    run_build(root, tables=True)
    before = {p: p.read_bytes() for p in root.rglob("*") if p.is_file()}
    article_dict["title"] = "Testartikel über Putin in Moskau"
    article_dict["topics"] = []
    (root / "articles" / "fixture-article.json").write_text(
        json.dumps(article_dict, ensure_ascii=False), encoding="utf-8"
    )
    before[root / "articles" / "fixture-article.json"] = (
        root / "articles" / "fixture-article.json"
    ).read_bytes()
    calls = []
    real = os.fsync

    def full(fd: int) -> None:
        calls.append(fd)
        if len(calls) == 2:  # the second file of the batch
            raise OSError(errno.ENOSPC, "No space left on device")
        real(fd)

    monkeypatch.setattr(os, "fsync", full)
    with pytest.raises(OSError, match="No space"):
        run_build(root, tables=True)
    after = {p: p.read_bytes() for p in root.rglob("*") if p.is_file()}
    assert after == before  # every file as it was, and no temporary file beside them


def test_leftovers_of_a_killed_build_are_cleaned(
    make_corpus: Any, article_dict: dict[str, Any]
) -> None:
    root = make_corpus([article_dict])
    run_build(root, tables=True)
    leftover = root / "tables" / ".mentions.csv.abc123.tmp"
    leftover.write_text("half", encoding="utf-8")
    assert run_build(root, tables=True).fresh is True  # nothing to write, still cleaned
    assert not leftover.exists()


def test_each_article_is_read_once(
    make_corpus: Any, article_dict: dict[str, Any], monkeypatch: pytest.MonkeyPatch
) -> None:
    import newsdata.build
    import newsdata.loader

    root = make_corpus([article_dict])
    reads: list[str] = []
    real = Path.read_bytes
    real_reader = newsdata.loader.read_article_file

    def counting(self: Path) -> bytes:
        if self.parent.name == "articles":
            reads.append(self.name)
        return real(self)

    def counting_reader(file: str | Path, fd: int | None = None) -> bytes:
        reads.append(Path(file).name)
        return real_reader(file, fd)

    monkeypatch.setattr(Path, "read_bytes", counting)
    for module in (newsdata.build, newsdata.loader):  # the article reader, wherever called
        monkeypatch.setattr(module, "read_article_file", counting_reader)
    run_build(root, tables=True)
    assert reads == ["fixture-article.json"]


def test_new_build_files_follow_the_umask(make_corpus: Any, article_dict: dict[str, Any]) -> None:
    root = make_corpus([article_dict])
    old = os.umask(0o022)
    try:
        run_build(root, tables=True)
    finally:
        os.umask(old)
    for path in [root / "datapackage.json", root / "croissant.json", *(root / "tables").iterdir()]:
        assert stat.S_IMODE(path.stat().st_mode) == 0o644, path


def test_a_build_of_a_relative_path(
    make_corpus: Any, article_dict: dict[str, Any], monkeypatch: pytest.MonkeyPatch
) -> None:
    root = make_corpus([article_dict])
    monkeypatch.chdir(root.parent)
    assert run_build(Path(root.name), tables=True).fresh is False
    assert run_build(Path(root.name)).fresh is True
    assert not [p for p in root.rglob("*") if p.name.endswith(".tmp")]


def test_a_build_killed_before_it_commits_leaves_the_old_files(
    make_corpus: Any, article_dict: dict[str, Any]
) -> None:
    """SIGKILL after every new file is written but before any replaces an old one: the old
    build stays whole, and the next build removes the orphaned temporary files."""
    import signal
    import subprocess
    import sys

    root = make_corpus([article_dict])
    run_build(root, tables=True)
    article = root / "articles" / "fixture-article.json"
    article.write_bytes(article.read_bytes() + b"\n")
    before = {p: p.read_bytes() for p in root.rglob("*") if p.is_file()}
    code = (
        "import os, signal, sys\n"
        "from pathlib import Path\n"
        "from newsdata import _io\n"
        "from newsdata.build import run_build\n"
        "_io.WriteBatch.commit = lambda self: os.kill(os.getpid(), signal.SIGKILL)\n"
        f"run_build(Path({str(root)!r}), tables=True)\n"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True)
    assert done.returncode == -signal.SIGKILL
    leftovers = list(root.rglob("*.tmp"))
    assert leftovers  # the killed build's temporary files ...
    assert {p: p.read_bytes() for p in root.rglob("*") if p.is_file() and p.suffix != ".tmp"} == (
        before
    )  # ... and every real file as it was
    assert run_build(root, tables=True).fresh is False
    assert not list(root.rglob("*.tmp"))
    assert newsdata.validate(root).valid


@pytest.mark.parametrize("spelling", ["dotdot", "absolute", "str", "pathlike"])
def test_any_spelling_of_a_new_corpus_builds(
    spelling: str,
    make_corpus: Any,
    article_dict: dict[str, Any],
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    root = make_corpus([article_dict])
    (root / "datapackage.json").unlink()  # a new corpus: articles only
    (tmp_path / "elsewhere").mkdir()
    monkeypatch.chdir(tmp_path / "elsewhere")
    if spelling == "dotdot":
        assert main(["build", f"../{root.name}"]) == 0
    elif spelling == "absolute":
        assert main(["build", str(root.resolve())]) == 0
    else:
        run_build(f"../{root.name}" if spelling == "str" else root)
    assert newsdata.validate(root).valid
    assert run_build(root, check=True).fresh
    assert not [p for p in root.rglob("*") if p.name.endswith(".tmp")]


def _exempt(root: Path, file: str, code: str) -> None:
    entry = {"file": file, "code": code, "reason": "kept as received"}
    (root / "validation-exemptions.json").write_text(json.dumps([entry]), encoding="utf-8")


@pytest.mark.parametrize("spelling", [".", "./", "absolute"])
def test_exemptions_hold_however_the_corpus_is_named(
    spelling: str, make_corpus: Any, article_dict: dict[str, Any], monkeypatch: pytest.MonkeyPatch
) -> None:
    article_dict["mentions"][0]["text"] = "Putix"  # span-text-mismatch, exempted
    root = make_corpus([article_dict])
    _exempt(root, "articles/fixture-article.json", "span-text-mismatch")
    monkeypatch.chdir(root)
    name = str(root) if spelling == "absolute" else spelling
    assert main(["validate", name]) == 0
    assert main(["build", name]) == 0
    assert main(["build", "--check", name]) == 0


def test_an_exempted_file_name_builds_as_it_validates(
    make_corpus: Any, article_dict: dict[str, Any]
) -> None:
    root = make_corpus([article_dict])
    (root / "articles" / "fixture-article.json").rename(root / "articles" / "renamed.json")
    _exempt(root, "articles/renamed.json", "corpus-filename")
    run_build(root)
    assert newsdata.validate(root).valid


@pytest.mark.parametrize(
    ("code", "spoil"),
    [
        ("corpus-stray-file", lambda root: (root / "articles" / "NOTES.txt").write_text("x")),
        ("exemption-invalid",
         lambda root: (root / "validation-exemptions.json").write_text('[{"file": 5}]')),
        ("exemption-invalid", lambda root: (root / "validation-exemptions.json").mkdir()),
    ],
)  # fmt: skip
def test_build_refuses_what_the_corpus_level_rejects(
    code: str, spoil: Callable[[Path], object], make_corpus: Any, article_dict: dict[str, Any]
) -> None:
    root = make_corpus([article_dict])
    spoil(root)
    assert code in {p.code for p in newsdata.validate(root).errors}
    with pytest.raises(BuildRefused) as refused:
        run_build(root)
    assert [p.code for p in refused.value.problems] == [code]


def test_the_cards_rows_are_the_tables_rows(fixture_corpus: Path) -> None:
    """Every table the card lists shows the number of rows its CSV view holds."""
    import csv
    import re

    from newsdata.datapackage.tables import TABLES

    card = (fixture_corpus / "README.md").read_text("utf-8")
    for table in TABLES:
        found = re.search(rf"^\| `{table.name}` \| ([\d,]+) \| (.+?) \|", card, re.M)
        assert found, table.name
        with (fixture_corpus / table.path).open(encoding="utf-8", newline="") as handle:
            rows = sum(1 for _ in csv.reader(handle)) - 1
        assert int(found.group(1).replace(",", "")) == rows, table.name
        assert found.group(2) == table.description


def test_the_card_states_the_descriptors_licence(fixture_corpus: Path) -> None:
    descriptor = json.loads((fixture_corpus / "datapackage.json").read_text("utf-8"))
    descriptor["licenses"] = [{"name": "CC-BY-4.0", "path": "https://example.org/licence"}]
    (fixture_corpus / "datapackage.json").write_text(json.dumps(descriptor), "utf-8")
    run_build(fixture_corpus)
    assert 'license: "cc-by-4.0"' in (fixture_corpus / "README.md").read_text("utf-8")
    assert newsdata.validate(fixture_corpus).valid


def test_wants_tables_is_deprecated_for_the_descriptor_s_own_answer() -> None:
    from newsdata.datapackage.descriptor import wants_tables

    with pytest.warns(DeprecationWarning, match="PackageInfo"):
        assert wants_tables({"newsdata": {"tables": False}}) is False
    with pytest.warns(DeprecationWarning, match="deprecated"):
        assert wants_tables({}) is True


def test_package_info_writes_what_build_wrote(fixture_corpus: Path) -> None:
    from newsdata.datapackage.descriptor import PackageInfo

    data = (fixture_corpus / "datapackage.json").read_bytes()
    info = PackageInfo.from_json(data)
    assert info.to_json() == data
    assert info.tables and info.counts is not None and info.counts["articles"] >= 1
    assert PackageInfo.from_json(json.loads(data)) == info
    assert run_build(fixture_corpus, tables=False).stale
    data = (fixture_corpus / "datapackage.json").read_bytes()
    assert PackageInfo.from_json(data).to_json() == data
    assert PackageInfo.from_json(data).tables is False


def test_package_info_refuses_what_is_not_an_object() -> None:
    from newsdata.datapackage.descriptor import PackageInfo

    with pytest.raises(ValueError, match="JSON object"):
        PackageInfo.from_json(b"[]")
    assert PackageInfo.from_json({"resources": 3}).resources is None


def test_the_shipped_descriptor_reads_and_writes_byte_for_byte() -> None:
    from newsdata.datapackage.descriptor import PackageInfo
    from newsdata.layout import CorpusLayout, dataset_dir

    data = CorpusLayout(dataset_dir()).descriptor.read_bytes()
    assert PackageInfo.from_json(data).to_json() == data
