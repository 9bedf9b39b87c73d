"""The pinned IPTC Media Topics release: the shipped vocabulary, its generator, the topic check."""

from __future__ import annotations

import doctest
import hashlib
import importlib.util
import json
import sys
from pathlib import Path
from types import ModuleType
from typing import Any

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
    tags = {"en": "en-GB", "de": "de"}
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
def test_the_shipped_vocabulary_is_the_whole_pinned_release() -> None:
    vocab = _shipped()
    assert vocab["scheme"] == SCHEME
    assert vocab["release"] == vocab["dateReleased"][:10] == "2019-04-06"
    assert vocab["count"] == len(vocab["concepts"]) == 1228  # as the release counts them
    assert vocab["retired"] == sum(1 for e in vocab["concepts"].values() if "retired" in e)
    assert vocab["licence"] == "CC BY 4.0"
    for credit in ("IPTC", vocab["licenceLink"], "2019-04-06", "Changed by newsdata"):
        assert credit in vocab["attribution"]
    tops = [c for c, e in vocab["concepts"].items() if not e["broader"]]
    assert len(tops) == 17 and all(c.endswith("000000") for c in tops)
    for code, entry in vocab["concepts"].items():
        assert entry["labels"]["en"], code
        assert all(b in vocab["concepts"] for b in entry["broader"]), code


def test_every_code_reaches_a_top_level_subject() -> None:
    vocab = vocabulary()
    assert len(vocab) == 1228
    for code in vocab.concepts:
        path = vocab.ancestors(code)
        assert code not in path
        top = path[-1] if path else code
        assert not vocab.concepts[top].broader
    assert vocab.ancestors("medtop:20000602") == (
        "medtop:20000601", "medtop:20000598", "medtop:20000593", "medtop:11000000"
    )  # fmt: skip


# ------------------------------------------------------------------ the generator
def test_the_script_regenerates_the_shipped_file_byte_for_byte(script: ModuleType) -> None:
    vocab = _shipped()
    source = script.Source(**vocab["source"])
    assert source == script.PINNED
    text = script.render(_release_from(vocab), source)
    assert text.encode("utf-8") == SHIPPED.read_bytes()


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
    out.write_text(out.read_text("utf-8").replace("summit meetings", "summits"), "utf-8")
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
    assert script.PINNED.commit in error
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
def _topic(code: str, label: str, version: str | None = "2019-04-06") -> dict[str, Any]:
    return {"scheme": SCHEME, "version": version, "code": code, "label": label}


def test_every_shipped_article_has_verified_topics() -> None:
    for article in newsdata.iter_articles():
        topics = [t.model_dump() for t in article.topics]
        assert check_topics(topics, article.language) == [], article.id


def test_an_unknown_code_is_an_error() -> None:
    problems = check_topics([_topic("medtop:20000640", "summit meetings"), _topic("11000000", "x")])
    assert [(p.code, CHECKS[p.code].severity, p.pointer) for p in problems] == [
        ("topic-unknown", "error", "/topics/1/code")
    ]
    assert "'11000000' is not a code of IPTC Media Topics 2019-04-06" in problems[0].message


def test_a_retired_code_is_an_error_that_names_iptcs_note() -> None:
    vocab = vocabulary()
    code, concept = next((c, e) for c, e in vocab.concepts.items() if e.retired and e.note)
    problems = check_topics([_topic(code, concept.labels["en"])], "en")
    assert [(p.code, CHECKS[p.code].severity, p.pointer) for p in problems] == [
        ("topic-retired", "error", "/topics/0/code")
    ]
    assert str(concept.retired) in problems[0].message
    assert str(concept.note) in problems[0].message


def test_a_wrong_label_is_a_warning_that_gives_the_right_one() -> None:
    problems = check_topics([_topic("medtop:11000000", "politics and government")], "de")
    assert problems == [
        Problem(
            "topic-label",
            "medtop:11000000 is labelled 'politics and government'; "
            "release 2019-04-06 labels it 'politics'",
            "/topics/0/label",
        )
    ]
    assert CHECKS["topic-label"].severity == "warning"


def test_the_label_is_expected_in_the_articles_language_where_the_release_has_one() -> None:
    vocab = Vocabulary(
        {
            "release": "2030-01-01",
            "attribution": "test release",
            "languages": ["de", "en"],
            "concepts": {
                "medtop:1": {"labels": {"en": "politics", "de": "Politik"}, "broader": []},
                "medtop:2": {"labels": {"en": "diplomacy"}, "broader": ["medtop:1"]},
            },
        }
    )
    de = [
        _topic("medtop:1", "Politik", "2030-01-01"),
        _topic("medtop:2", "diplomacy", "2030-01-01"),
    ]
    assert check_topics(de, "de-AT", vocab) == []
    problems = check_topics([_topic("medtop:1", "politics", "2030-01-01")], "de", vocab)
    assert [p.code for p in problems] == ["topic-label"] and "'Politik'" in problems[0].message
    assert check_topics([_topic("medtop:1", "politics", "2030-01-01")], "fr", vocab) == []


def test_another_version_is_a_warning() -> None:
    for version in ("2017 snapshot", None):
        problems = check_topics([_topic("medtop:20000641", "treaty", version)], "de")
        assert [(p.code, CHECKS[p.code].severity, p.pointer) for p in problems] == [
            ("topic-version", "warning", "/topics/0/version")
        ]
        assert "'2019-04-06'" in problems[0].message


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
    assert vocab.attribution in page and "2019-04-06" in page
    assert "<th>German label</th>" not in page and "no German ones" in page
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
    assert "<th>German label</th>" in topics_page(german) and "<td>Politik</td>" in topics_page(
        german
    )


def test_the_vocabulary_is_searchable_offline(capsys: pytest.CaptureFixture[str]) -> None:
    """`python -m newsdata.topics WORD` is the reference page without a docs build: the
    codes in use whose code or label holds the word, and the release to record."""
    from newsdata.topics import main, vocabulary

    assert main(["railway transport"]) == 0
    out = capsys.readouterr().out
    assert "medtop:20000340  en: railway transport" in out
    assert f"release {vocabulary().release}" in out
    assert all(not vocabulary().concepts[c.code].retired for c in vocabulary().search("a"))
    assert main(["no such subject at all"]) == 1
