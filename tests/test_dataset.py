"""The shipped corpus: rules every article obeys, checked on every article, whatever it is.

Nothing here knows how many articles there are or what they say; the seed article's own
gold figures live in ``test_seed_gold.py`` alone.
"""

from __future__ import annotations

import copy
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from rules import RULES, Rule, broken, quotation_mark_pairs, tables_match_the_articles

import newsdata
from newsdata import Article
from newsdata.layout import CorpusLayout, dataset_dir


@pytest.mark.parametrize("rule", RULES, ids=lambda r: r.__name__)
def test_every_shipped_article_obeys(rule: Rule, shipped_articles: tuple[Article, ...]) -> None:
    assert broken(rule, shipped_articles) == []


def test_the_shipped_corpus_validates_and_verifies() -> None:
    report = newsdata.validate()
    assert report.valid, report.to_text()
    corpus = newsdata.load(verify=True)
    assert len(corpus) == len(CorpusLayout(dataset_dir()).article_names()) >= 1


def test_shipped_tables_match_the_articles(shipped_articles: tuple[Article, ...]) -> None:
    assert tables_match_the_articles(CorpusLayout(dataset_dir()), shipped_articles) == []


# ---------------------------------------------------------------- the rules can fail
def _article(doc: dict[str, Any]) -> Article:
    return Article.model_validate(doc)


def test_rules_hold_for_the_fixture_articles(article_dict: dict[str, Any]) -> None:
    from conftest import fixture_docs

    articles = [_article(doc) for doc in fixture_docs()]
    for rule in RULES:
        assert broken(rule, articles) == [], rule.__name__


def test_uncovered_quotation_marks_are_found(article_dict: dict[str, Any]) -> None:
    from rules import quotation_marks_are_covered_by_quotes as rule

    assert rule(_article(article_dict)) == []
    doc = copy.deepcopy(article_dict)
    doc["quotes"] = [q for q in doc["quotes"] if q["kind"] != "direct"]
    start = doc["text"].index("Das ist ein Testsatz.")
    assert rule(_article(doc)) == [
        f"quotation marks around 'Das ist ein Testsatz.' [{start}:{start + 21}]"
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
    assert links_are_consistent(_article(doc)) == ["entity x has no mention"]


@settings(max_examples=300, deadline=None)
@given(
    st.text(alphabet='ab „“‚‘»«”"\n', max_size=40),
    st.sampled_from(["de", "en-GB", "fr", "gsw"]),
)
def test_the_validator_finds_the_quotation_marks_the_rules_find(text: str, language: str) -> None:
    """Two independent implementations of one rule (the validator's warning
    `quote-marks-unattributed`, the tests' rule) find the same pairs."""
    from newsdata.validate.semantic import quoted_words

    assert quoted_words(text, language) == quotation_mark_pairs(text, language)
