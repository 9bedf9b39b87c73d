"""The tests' oracle (``tests/rules.py``) against the validator: one rule, two implementations.

Nothing here gates a corpus: ``newsdata validate`` is the one gate (``make test`` runs
it). These tests show that each oracle rule can fail, and that it finds exactly what
the validator's codes for it find, on generated articles and on mutations of them.
"""

from __future__ import annotations

import contextlib
import copy
import json
from collections.abc import Callable
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from pydantic import ValidationError
from rules import CODES, RULES, broken, quotation_mark_pairs
from synthetic import synthetic_article

from newsdata import Article
from newsdata.validate import validate_bytes
from newsdata.validate.filelevel import parse_bytes


# ---------------------------------------------------------------- the rules can fail
def _article(doc: dict[str, Any]) -> Article:
    return Article.model_validate(doc)


def test_rules_hold_for_the_fixture_articles() -> None:
    from conftest import fixture_docs

    articles = [_article(doc) for doc in fixture_docs()]
    for rule in RULES:
        assert broken(rule, articles) == [], rule.__name__


def test_uncovered_quotation_marks_are_found(article_dict: dict[str, Any]) -> None:
    from rules import quotation_marks_are_covered_by_quotes as rule

    assert rule(_article(article_dict)) == []
    doc = copy.deepcopy(article_dict)
    doc["quotes"] = [q for q in doc["quotes"] if q["kind"] != "direct"]
    doc["quotes"][0]["kind"] = "mixed"  # one verbatim part elsewhere: the marks are checked
    doc["quotes"][0]["verbatim"] = [{k: doc["quotes"][0][k] for k in ("start", "end", "text")}]
    start = doc["text"].index("Das ist ein Testsatz.")
    assert rule(_article(doc)) == [
        f"quotation marks around 'Das ist ein Testsatz.' [{start}:{start + 21}]: "
        "0 verbatim parts, not one"
    ]
    # a name in quotation marks (a title, a newspaper) is a mention, not speech
    doc["mentions"].append(
        {"id": "m9", "start": start, "end": start + 21, "text": "Das ist ein Testsatz.",
         "label": "OTH", "entity": "title"}
    )  # fmt: skip
    doc["entities"].append({"id": "title", "name": "Testsatz", "type": "OTH", "wikidata": None})
    assert rule(_article(doc)) == []
    doc["annotation"]["methods"]["quotes"] = "none"
    doc["quotes"] = []
    assert rule(_article(doc)) == []  # quotes not annotated: nothing to cover


@pytest.mark.parametrize(
    ("language", "text", "inside"),
    [
        ("de", "Er sagte: „Ja, gern.“", ["Ja, gern."]),
        ("de", "Sie sagte ‚nein‘ und »vielleicht«.", ["nein", "vielleicht"]),
        ("de-CH", "Er sagte: «Grüezi.»", ["Grüezi."]),
        ("en", 'He said: “Yes.” She said "no".', ["Yes.", "no"]),
        ("en-GB", "It’s the council’s view.", []),
        ("fr", "Il a dit : « Oui. »", ["Oui."]),
        ("ja", "No quotation marks here.", []),
        ("de", "Keine Anführungszeichen.", []),
    ],
)
def test_quotation_mark_pairs_of_each_language(language: str, text: str, inside: list[str]) -> None:
    assert [text[s:e] for s, e in quotation_mark_pairs(text, language)] == inside


def test_broken_spans_and_tiling_are_found(article_dict: dict[str, Any]) -> None:
    from rules import blocks_tile_the_text, links_are_consistent, spans_equal_their_slices

    doc = copy.deepcopy(article_dict)
    doc["mentions"][0]["start"] += 1
    doc["mentions"][0]["end"] += 1
    assert len(spans_equal_their_slices(_article(doc))) == 1
    doc = copy.deepcopy(article_dict)
    del doc["blocks"][2]
    assert "is in no block" in blocks_tile_the_text(_article(doc))[0]
    doc = copy.deepcopy(article_dict)
    doc["entities"].append({"id": "x", "name": "X", "type": "PER", "wikidata": None})
    assert links_are_consistent(_article(doc)) == ["entity x is referred to by nothing"]


@settings(max_examples=300, deadline=None)
@given(
    st.text(alphabet='ab „“‚‘»«”"\n', max_size=40),
    st.sampled_from(["de", "en-GB", "fr", "gsw"]),
)
def test_the_validator_finds_the_quotation_marks_the_rules_find(text: str, language: str) -> None:
    """Two independent implementations of one rule (the validator's warning
    `quote-marks-unattributed`, the tests' rule) find the same pairs."""
    from newsdata.text import quoted_words

    assert quoted_words(text, language) == quotation_mark_pairs(text, language)


# ------------------------------------------------------- the oracle and the validator agree
def _shift_first_mention(doc: dict[str, Any]) -> None:
    doc["mentions"][0]["start"] += 1
    doc["mentions"][0]["end"] += 1


def _drop_a_block(doc: dict[str, Any]) -> None:
    del doc["blocks"][len(doc["blocks"]) // 2]


def _retitle(doc: dict[str, Any]) -> None:
    doc["title"] += " (neu)"


def _unmentioned_entity(doc: dict[str, Any]) -> None:
    doc["entities"].append({"id": "nobody", "name": "X", "type": "PER", "wikidata": None})


def _relabel(doc: dict[str, Any]) -> None:
    mention = doc["mentions"][0]
    mention["label"] = "ORG" if mention["label"][:3] != "ORG" else "PER"


def _unknown_speaker(doc: dict[str, Any]) -> None:
    doc["quotes"][0]["speaker"] = "nobody"


def _no_speaker(doc: dict[str, Any]) -> None:
    doc["quotes"][0]["speaker"] = None
    doc["quotes"][0]["speaker_text"] = None
    doc["quotes"][0]["co_speakers"] = []


def _short_verbatim(doc: dict[str, Any]) -> None:
    # the verbatim part stops one code point short of the marks' last word
    for q in doc["quotes"]:
        if q["verbatim"] and q["verbatim"][0]["end"] - q["verbatim"][0]["start"] > 1:
            part = q["verbatim"][0]
            part["end"] -= 1
            part["text"] = part["text"][:-1]
            if q["kind"] == "direct":
                q["kind"] = "mixed"
            return


def _no_verbatim(doc: dict[str, Any]) -> None:
    for q in doc["quotes"]:
        if q["verbatim"]:
            q["verbatim"] = []
            q["kind"] = "mixed"
            return


def _layer_not_annotated(doc: dict[str, Any]) -> None:
    doc["annotation"]["methods"]["timexes"] = "none"


MUTATIONS: list[Callable[[dict[str, Any]], None]] = [
    _shift_first_mention, _drop_a_block, _retitle, _unmentioned_entity, _relabel,
    _unknown_speaker, _no_speaker, _short_verbatim, _no_verbatim, _layer_not_annotated,
]  # fmt: skip


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.integers(0, 39), st.lists(st.sampled_from(MUTATIONS), max_size=2))
def test_each_rule_finds_what_its_validation_codes_find(
    seed: int, mutations: list[Callable[[dict[str, Any]], None]]
) -> None:
    doc = synthetic_article(seed)
    for mutate in mutations:
        with contextlib.suppress(IndexError, KeyError):  # a shape without that layer
            mutate(doc)
    try:
        article = Article.model_validate(doc)
    except ValidationError:  # the contract itself refuses it: no rule applies
        return
    data = json.dumps(doc, ensure_ascii=False).encode("utf-8")
    codes = {p.code for p in validate_bytes(data).problems}
    assert parse_bytes("x", data).value == doc
    for rule, its_codes in CODES.items():
        assert bool(rule(article)) == bool(codes & its_codes), (rule.__name__, codes)


def test_every_oracle_rule_but_the_bodys_has_codes() -> None:
    from newsdata.validate.codes import CHECKS

    assert {r.__name__ for r in RULES} - {r.__name__ for r in CODES} == {
        "body_drops_only_boilerplate"
    }
    assert all(code in CHECKS for codes in CODES.values() for code in codes)


@pytest.mark.parametrize("same_speaker", [True, False])
def test_the_oracle_and_the_validator_agree_on_an_incise(same_speaker: bool) -> None:
    """« A, a déclaré X, B »: one pair of guillemets holds two quotes' verbatim parts,
    accepted by both when the quotes share their cue and speaker, by neither otherwise."""
    from handwritten import french_incise
    from rules import quotation_marks_are_covered_by_quotes as rule

    doc = french_incise()
    if not same_speaker:
        doc["quotes"][1]["speaker_span"] = None
    data = json.dumps(doc, ensure_ascii=False).encode("utf-8")
    codes = {p.code for p in validate_bytes(data).problems}
    flagged = not same_speaker
    assert bool(rule(_article(doc))) is flagged
    assert ("quote-marks-unattributed" in codes) is flagged
