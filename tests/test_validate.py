"""newsdata.validate: one fixture per check code, the shipped corpus, robustness."""

from __future__ import annotations

import builtins
import copy
import datetime
import json
import os
import sys
from pathlib import Path
from typing import Any

import jsonschema_rs
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import newsdata
from newsdata.validate import (
    CHECKS,
    LEVELS,
    check_article,
    filelevel,
    schemalevel,
    validate,
    validate_bytes,
)
from newsdata.validate.filelevel import parse_bytes

INVALID = Path(__file__).parent / "fixtures" / "invalid"
VALID = Path(__file__).parent / "fixtures" / "valid"
EXPECTED: dict[str, dict[str, Any]] = json.loads((INVALID / "expected.json").read_text("utf-8"))
TODAY = datetime.date(2026, 11, 28)


def test_every_code_has_a_fixture_and_every_fixture_a_code() -> None:
    assert set(EXPECTED) == set(CHECKS)
    on_disk = {p.name.removesuffix(".json") for p in INVALID.iterdir() if p.name != "expected.json"}
    assert on_disk == set(CHECKS)


def test_fixtures_are_what_the_generator_writes(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import make_fixtures

    monkeypatch.setattr(make_fixtures, "VALID", tmp_path / "valid")
    monkeypatch.setattr(make_fixtures, "INVALID", tmp_path / "invalid")
    make_fixtures.main()
    for generated in sorted((tmp_path / "invalid").rglob("*")):
        committed = INVALID / generated.relative_to(tmp_path / "invalid")
        if generated.is_file():
            assert committed.read_bytes() == generated.read_bytes(), committed


def _setup(code: str, monkeypatch: pytest.MonkeyPatch, target: Path) -> None:
    if code == "file-unreadable":
        real = os.open

        def failing(path: Any, *args: Any, **kwargs: Any) -> int:
            if Path(path).name == target.name:
                raise PermissionError(13, "Permission denied")
            return real(path, *args, **kwargs)

        monkeypatch.setattr(os, "open", failing)
    elif code == "file-too-large":
        monkeypatch.setattr(filelevel, "MAX_BYTES", 100)
    elif code == "schema-other":
        schema = {"type": "object", "properties": {"title": {"maxLength": 3}}}
        monkeypatch.setattr(
            schemalevel, "_validator", lambda name: jsonschema_rs.validator_for(schema)
        )
    elif code == "package-frictionless-unavailable":
        monkeypatch.setitem(sys.modules, "frictionless", None)


@pytest.mark.parametrize("code", sorted(EXPECTED))
def test_fixture_reports_exactly_its_code(code: str, monkeypatch: pytest.MonkeyPatch) -> None:
    expected = EXPECTED[code]
    target = INVALID / expected["path"]
    _setup(code, monkeypatch, target)
    report = validate(target, today=TODAY)
    codes = {p.code for p in report.problems}
    assert codes == {code, *expected.get("also", [])}, report.to_text()
    mine = [p for p in report.problems if p.code == code]
    assert [p.pointer for p in mine] == [expected["pointer"]], report.to_text()
    assert all(p.level == CHECKS[code].level for p in mine)
    assert report.valid is (CHECKS[code].severity == "warning")
    for problem in mine:
        assert Path(problem.file).resolve().is_relative_to(target.resolve())
        if problem.pointer:
            assert problem.line is not None and problem.column is not None


def test_the_valid_fixture_and_the_fixture_corpus_pass(fixture_corpus: Path) -> None:
    assert validate(VALID / "fixture-article.json", today=TODAY).problems == []
    report = validate(fixture_corpus)
    assert report.valid, report.to_text()
    assert report.errors == []
    assert report.articles == len(newsdata.load(fixture_corpus))


def test_exemption_suppresses_a_listed_error(
    make_corpus: Any, article_dict: dict[str, Any]
) -> None:
    article_dict["topics"].append(dict(article_dict["topics"][0]))
    root = make_corpus([article_dict])
    assert {p.code for p in validate(root).problems} == {"topic-duplicate"}
    (root / "validation-exemptions.json").write_text(
        json.dumps(
            [
                {
                    "file": "articles/fixture-article.json",
                    "code": "topic-duplicate",
                    "reason": "legacy",
                }
            ]
        ),
        encoding="utf-8",
    )
    assert validate(root).problems == []


def test_locations_point_at_the_value() -> None:
    report = validate(INVALID / "schema-enum.json")
    problem = report.problems[0]
    assert problem.line is not None and problem.column is not None
    lines = (INVALID / "schema-enum.json").read_text("utf-8").splitlines()
    assert lines[problem.line - 1][problem.column - 1 :].startswith('"label"')


def test_missing_path_raises() -> None:
    with pytest.raises(FileNotFoundError):
        validate("no/such/path.json")


def test_every_level_has_codes() -> None:
    assert {c.level for c in CHECKS.values()} == set(LEVELS)
    for check in CHECKS.values():
        assert check.description and check.fix


def test_report_renderings() -> None:
    report = validate(INVALID / "span-text-mismatch.json")
    text = report.to_text().splitlines()
    assert (
        text[0].startswith(str(Path("tests/fixtures/invalid/span-text-mismatch.json")))
        or ":" in text[0]
    )
    assert " error span-text-mismatch " in text[0] and text[0].endswith("(at /mentions/2/text)")
    assert text[-1].startswith("INVALID: 1 file(s)")
    as_json = json.loads(report.to_json())
    assert (
        as_json[0]["code"] == "span-text-mismatch" and as_json[0]["pointer"] == "/mentions/2/text"
    )
    github = report.to_github().splitlines()[0]
    assert (
        github.startswith("::error file=")
        and ",line=" in github
        and "title=span-text-mismatch::" in github
    )


def test_github_escapes_newlines_and_percent() -> None:
    from newsdata.validate.report import Problem

    line = Problem("json-syntax", "file", "a%b\nc", "x,y:z.json", 1, 2).as_github()
    assert "\n" not in line and "a%25b%0Ac" in line and "file=x%2Cy%3Az.json" in line


# ------------------------------------------------------------------ robustness


def _mutations() -> st.SearchStrategy[bytes]:
    base = (VALID / "fixture-article.json").read_bytes()
    doc = json.loads(base)

    @st.composite
    def strategy(draw: st.DrawFn) -> bytes:
        choice = draw(st.sampled_from(["bytes", "delete", "retype", "shift", "text"]))
        if choice == "bytes":
            data = bytearray(base)
            for _ in range(draw(st.integers(1, 5))):
                i = draw(st.integers(0, len(data) - 1))
                data[i] = draw(st.integers(0, 255))
            return bytes(data)
        mutated = json.loads(json.dumps(doc))
        layer = draw(st.sampled_from(["blocks", "mentions", "quotes", "timexes", "entities"]))
        items = mutated[layer]
        item = items[draw(st.integers(0, len(items) - 1))]
        key = draw(st.sampled_from(sorted(item)))
        if choice == "delete":
            del item[key]
        elif choice == "retype":
            item[key] = draw(st.sampled_from([None, 1, -3, "x", [], {}, 2.5, True, 10**30]))
        elif choice == "shift" and "start" in item:
            delta = draw(st.integers(-300, 300))
            item["start"] += delta
            item["end"] += draw(st.sampled_from([0, delta, -delta]))
        else:
            i = draw(st.integers(0, len(mutated["text"])))
            mutated["text"] = mutated["text"][:i] + draw(st.text(max_size=5)) + mutated["text"][i:]
        return json.dumps(mutated, ensure_ascii=draw(st.booleans())).encode(
            "utf-8", "surrogatepass"
        )

    return strategy()


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(_mutations())
def test_no_mutation_makes_the_validator_crash(data: bytes) -> None:
    report = validate_bytes(data, "mutated.json", today=TODAY)
    for problem in report.problems:
        assert problem.code in CHECKS


@settings(max_examples=200, deadline=None)
@given(
    st.binary(max_size=300)
    | st.text(max_size=200).map(lambda s: s.encode("utf-8", "surrogatepass"))
)
def test_arbitrary_bytes_never_crash(data: bytes) -> None:
    report = validate_bytes(data, "random.json", today=TODAY)
    assert report.valid is False or data.strip().startswith((b"{", b"\xef\xbb\xbf"))


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(_mutations())
def test_schema_level_verdict_agrees_with_models_and_reference(data: bytes) -> None:
    import jsonschema
    from pydantic import ValidationError

    from newsdata.schema import load_schema

    parsed = parse_bytes("m.json", data)
    if parsed.problems or parsed.value is None:
        return
    problems = check_article(parsed, TODAY)
    schema_ok = not any(p.level == "schema" for p in problems)
    reference = jsonschema.Draft202012Validator(
        load_schema(), format_checker=jsonschema.FormatChecker()
    )
    assert reference.is_valid(parsed.value) == schema_ok
    try:
        newsdata.Article.model_validate_json(json.dumps(parsed.value))
        model_ok = True
    except ValidationError:
        model_ok = False
    assert model_ok == schema_ok


def test_validator_never_imports_what_the_input_names(tmp_path: Path) -> None:
    seen: list[str] = []
    real_import = builtins.__import__

    def spy(name: str, *args: Any, **kwargs: Any) -> Any:
        seen.append(name)
        return real_import(name, *args, **kwargs)

    doc = json.loads((VALID / "fixture-article.json").read_text("utf-8"))
    doc["source"]["url"] = "evil_module_for_newsdata_test"
    doc["id"] = "os"
    builtins.__import__ = spy
    try:
        validate_bytes(json.dumps(doc).encode(), today=TODAY)
    finally:
        builtins.__import__ = real_import
    assert "evil_module_for_newsdata_test" not in seen


def test_unsafe_resource_is_not_read(
    make_corpus: Any, article_dict: dict[str, Any], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    root = make_corpus([article_dict])
    secret = tmp_path / "secret.json"
    secret.write_text("{}", encoding="utf-8")
    descriptor = json.loads((root / "datapackage.json").read_text("utf-8"))
    descriptor["resources"].append({"name": "s", "path": str(secret)})
    descriptor["resources"].append({"name": "r", "path": "https://example.invalid/x.json"})
    (root / "datapackage.json").write_text(json.dumps(descriptor), encoding="utf-8")
    real = Path.read_bytes
    read: list[Path] = []

    def spy(self: Path) -> bytes:
        read.append(self.resolve())
        return real(self)

    monkeypatch.setattr(Path, "read_bytes", spy)
    report = validate(root)
    monkeypatch.undo()
    assert [p.code for p in report.problems] == ["package-unsafe-path", "package-unsafe-path"]
    assert secret.resolve() not in read


def test_symlinked_article_is_not_followed(
    make_corpus: Any, article_dict: dict[str, Any], tmp_path: Path
) -> None:
    root = make_corpus([article_dict])
    outside = tmp_path / "outside.json"
    outside.write_text("{}", encoding="utf-8")
    (root / "articles" / "link.json").symlink_to(outside)
    codes = [p.code for p in validate(root).problems]
    assert codes == ["corpus-stray-file"]


def test_parallel_and_serial_validation_agree(
    make_corpus: Any, article_dict: dict[str, Any]
) -> None:
    docs = []
    for i in range(520):
        doc = json.loads(json.dumps(article_dict))
        doc["id"] = f"article-{i:04d}"
        docs.append(doc)
    docs[7]["mentions"][0]["text"] = "Putn"
    docs[400]["topics"].append(dict(docs[400]["topics"][0]))
    root = make_corpus(docs)
    serial = validate(root, workers=1, today=TODAY)
    parallel = validate(root, workers=2, today=TODAY)
    assert parallel.problems == serial.problems
    assert [p.code for p in serial.problems] == ["span-text-mismatch", "topic-duplicate"]
    assert serial.articles == parallel.articles == 520
    seen: list[tuple[int, int]] = []
    validate(root, workers=2, today=TODAY, progress=lambda d, t: seen.append((d, t)))
    assert seen[-1] == (520, 520)


def test_every_semantic_code_is_declared_by_exactly_one_check() -> None:
    from newsdata.validate.semantic import SEMANTIC_CHECKS

    declared = [code for check in SEMANTIC_CHECKS for code in check.codes]
    assert len(declared) == len(set(declared))
    assert set(declared) == {c.code for c in CHECKS.values() if c.level == "semantic"}


def test_every_check_declares_only_known_codes_of_its_level() -> None:
    from newsdata.validate.semantic import SEMANTIC_CHECKS

    assert len({check.name for check in SEMANTIC_CHECKS}) == len(SEMANTIC_CHECKS)
    for check in SEMANTIC_CHECKS:
        assert check.codes, check.name
        for code in check.codes:
            assert code in CHECKS, f"{check.name} declares {code}, which codes.py lacks"
            assert CHECKS[code].level == "semantic", f"{check.name}: {code}"


def _semantic_fixtures() -> list[Path]:
    return [
        INVALID / EXPECTED[c]["path"] for c in sorted(EXPECTED) if CHECKS[c].level == "semantic"
    ]


@pytest.mark.parametrize("path", _semantic_fixtures(), ids=lambda p: p.stem)
def test_each_check_finds_alone_what_it_finds_among_the_others(path: Path) -> None:
    """No state passes between checks: run alone, in reverse order, each finds the same."""
    from newsdata.validate.checks.base import ArticleUnderCheck
    from newsdata.validate.semantic import SEMANTIC_CHECKS, check_semantic

    parsed = filelevel.parse_file(path, path.name)
    in_order = [(p.code, p.message, p.pointer) for p in check_semantic(parsed, TODAY)]
    article = ArticleUnderCheck.of(parsed.value, TODAY)
    alone = {
        check.name: [tuple(f) for f in check.run(ArticleUnderCheck.of(parsed.value, TODAY))]
        for check in reversed(SEMANTIC_CHECKS)
    }
    assert [f for check in SEMANTIC_CHECKS for f in alone[check.name]] == in_order
    assert [f for check in SEMANTIC_CHECKS for f in check.run(article)] == in_order


def test_a_check_reporting_an_undeclared_code_is_a_bug(monkeypatch: pytest.MonkeyPatch) -> None:
    from newsdata.validate import semantic
    from newsdata.validate.checks.base import ArticleUnderCheck, Finding, semantic_check

    @semantic_check("text-not-nfc")
    def wrong(article: ArticleUnderCheck) -> list[Finding]:
        return [Finding("block-gap", "a gap", "/blocks")]

    monkeypatch.setattr(semantic, "SEMANTIC_CHECKS", [wrong])
    parsed = filelevel.parse_file(VALID / "fixture-article.json", "a.json")
    with pytest.raises(AssertionError, match="block-gap is not declared by the check wrong"):
        semantic.check_semantic(parsed, TODAY)


def test_a_control_character_lets_the_other_levels_run_a_lone_surrogate_does_not(
    article_dict: dict[str, Any],
) -> None:
    article_dict["topics"].append(dict(article_dict["topics"][0]))
    article_dict["rights"] += "\u0007"
    data = json.dumps(article_dict).encode()
    assert [p.code for p in validate_bytes(data).problems] == [
        "text-control-char",
        "topic-duplicate",
    ]
    article_dict["source"]["name"] = "\ud800"
    data = json.dumps(article_dict).encode()
    found = validate_bytes(data).problems
    assert [(p.code, p.level) for p in found] == [
        ("text-lone-surrogate", "file"),
        ("text-control-char", "file"),
    ]


def test_the_renamed_parsed_file_and_its_flag_warn_under_their_old_names() -> None:
    parsed = parse_bytes("a.json", b'{"a": "\\u0007"}')
    with pytest.deprecated_call():
        assert filelevel.Parsed is filelevel.ParsedFile
    with pytest.deprecated_call():
        assert parsed.maybe_control is parsed.may_hold_control_or_surrogate is True
    with pytest.deprecated_call():
        assert parsed.maybe_surrogate is True
    assert parse_bytes("a.json", b'{"a": "b\\n"}').may_hold_control_or_surrogate is False
    with pytest.deprecated_call():
        parsed.maybe_control = parsed.maybe_surrogate = False  # as callers set them before
    assert parsed.may_hold_control_or_surrogate is False


def test_semantic_checks_leave_their_input_unchanged(article_dict: dict[str, Any]) -> None:
    """An offset written as 5.0 is read as 5 without changing the caller's document."""
    article_dict["mentions"][0]["start"] = float(article_dict["mentions"][0]["start"])
    data = json.dumps(article_dict, ensure_ascii=False).encode()
    from newsdata.validate.filelevel import parse_bytes
    from newsdata.validate.semantic import check_semantic

    parsed = parse_bytes("x.json", data)
    before = copy.deepcopy(parsed.value)
    assert check_semantic(parsed) == []
    assert parsed.value == before and type(parsed.value["mentions"][0]["start"]) is float


@pytest.mark.parametrize("where", ["/id", "/mentions/0/label", "/language", "key"])
def test_a_lone_surrogate_anywhere_is_a_problem_of_its_file(
    where: str, article_dict: dict[str, Any], tmp_path: Path
) -> None:
    if where == "key":
        raw = json.dumps(article_dict).replace('"title"', '"tit\\ud800le"', 1)
    else:
        node: Any = article_dict
        *parents, last = where.strip("/").split("/")
        for step in parents:
            node = node[int(step)] if isinstance(node, list) else node[step]
        node[last] += "\ud800"
        raw = json.dumps(article_dict)  # ASCII: the surrogate is written as an escape
    corpus = tmp_path / "corpus"
    (corpus / "articles").mkdir(parents=True)
    (corpus / "articles" / "fixture-article.json").write_text(raw, encoding="utf-8")
    report = validate(corpus)  # a whole corpus: nothing aborts
    found = [p for p in report.problems if p.code == "text-lone-surrogate"]
    assert len(found) == 1 and found[0].file.endswith("fixture-article.json")
    assert "Traceback" not in report.to_text()


def test_line_and_column_index_is_built_once_without_line_breaks(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    import re

    from newsdata.validate import locate

    built = []
    real = re.finditer

    def counting(pattern: Any, text: Any, *args: Any) -> Any:
        built.append(pattern)
        return real(pattern, text, *args)

    monkeypatch.setattr(re, "finditer", counting)
    found = locate.Located('{"a": 1}')
    assert [found.line_col(k) for k in (1, 5, 7)] == [(1, 2), (1, 6), (1, 8)]
    assert built == ["\n"]


@pytest.mark.parametrize("special", ["fifo", "device", "directory"])
def test_a_file_that_is_not_regular_is_reported_not_read(special: str, tmp_path: Path) -> None:
    path = {"fifo": tmp_path / "a.json", "device": Path("/dev/zero"), "directory": tmp_path}[
        special
    ]
    if special == "fifo":
        os.mkfifo(path)  # reading it would wait for a writer forever
    problems = filelevel.parse_file(path, str(path)).problems
    assert [p.code for p in problems] == ["file-unreadable"]


def test_a_number_beyond_a_double_is_reported_as_such() -> None:
    report = validate_bytes(b'{"id": 1e400}')
    assert [p.code for p in report.problems] == ["json-nonfinite"]
    assert "1e400" in report.problems[0].message


def test_every_output_links_to_the_codes_entry_once_the_docs_have_an_address(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    import newsdata._version

    report = validate(INVALID / "schema-enum.json")
    monkeypatch.setattr(newsdata._version, "documentation_url", lambda: None)
    assert "validation-codes.html" not in report.to_github()  # no address, no link
    # the address comes from [project.urls]; this one stands in for it in the test
    monkeypatch.setattr(newsdata._version, "documentation_url", lambda: "https://docs.test")
    entry = "https://docs.test/reference/validation-codes.html#schema-enum"
    assert entry in report.to_github()
    assert entry in report.to_text()
    assert json.loads(report.to_json())[0]["help_url"] == entry


def test_an_empty_pointer_is_the_document_root() -> None:
    report = validate(INVALID / "schema-required.json")
    assert "(at the document root)" in report.to_text() and "(at )" not in report.to_text()


def test_valid_articles_take_the_fast_key_check(
    shipped_articles: tuple[newsdata.Article, ...], tmp_path: Path
) -> None:
    """Counting the written keys recognises every valid article's keys as unique (the
    exact scanner, much slower, is for the suspicious): a new nested object in the
    contract must be counted, or validation quietly slows down for every article."""
    from conftest import fixture_docs

    from newsdata._io import dump_json
    from newsdata.validate.filelevel import article_keys_are_unique, parse_file

    for doc in [*fixture_docs(), *(a.model_dump(mode="json") for a in shipped_articles)]:
        file = tmp_path / f"{doc['id']}.json"
        # as newsdata writes it (the write-back comparison), and compact (the key count)
        for data in (dump_json(doc), json.dumps(doc, ensure_ascii=False).encode("utf-8")):
            file.write_bytes(data)
            parsed = parse_file(file, file.name)
            assert parsed.value is not None and article_keys_are_unique(parsed), doc["id"]


def test_one_article_file_of_a_corpus_is_checked_against_its_name(
    make_corpus: Any, article_dict: dict[str, Any]
) -> None:
    root = make_corpus([article_dict])
    renamed = root / "articles" / "renamed.json"
    (root / "articles" / "fixture-article.json").rename(renamed)
    assert [p.code for p in validate(renamed, today=TODAY).errors] == ["corpus-filename"]


@pytest.mark.parametrize(
    "part", ["„Das ist ein Testsatz.“", "sagte in Moskau: „Das ist ein Testsatz."]
)
def test_a_verbatim_part_that_holds_its_marks_hides_no_pair(
    part: str, article_dict: dict[str, Any]
) -> None:
    quote = article_dict["quotes"][0]
    start = article_dict["text"].index(part)
    span = {"start": start, "end": start + len(part), "text": part}
    quote.update(span, kind="mixed", verbatim=[span])
    quote["speaker_span"] = None
    quote["cue"] = None
    data = json.dumps(article_dict, ensure_ascii=False).encode("utf-8")
    assert "quote-marks-unattributed" in {p.code for p in validate_bytes(data).problems}


@pytest.mark.parametrize("depth", [300, 900])
def test_nesting_the_parser_takes_but_the_schema_check_cannot_is_a_finding(
    depth: int, tmp_path: Path
) -> None:
    """The schema validator stops at a shallower depth than the parser: the file is named
    and the code given, not an internal error."""
    doc = json.loads((VALID / "fixture-article.json").read_text("utf-8"))
    text = json.dumps(doc).replace('"title": ', '"title": ' + "[" * depth, 1)
    text = text.replace(', "language"', "]" * depth + ', "language"', 1)
    file = tmp_path / "fixture-article.json"
    file.write_text(text, "utf-8")
    json.loads(text)  # still JSON the parser reads
    report = validate(file, today=TODAY)
    assert [p.code for p in report.problems] == ["json-too-deep"]
    assert "too deeply to be checked" in report.problems[0].message
