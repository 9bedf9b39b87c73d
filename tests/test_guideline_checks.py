"""The checks of guidelines 1.2's rules, both ways: what they flag, and the correct
annotations they leave alone (French incises, names that begin with a preposition or end
in 's, a conditional *si*); the topics check's codes; the codes page's wording."""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any

import handwritten
import make_fixtures
import pytest

from newsdata.validate import validate, validate_bytes
from newsdata.validate.checks.boundaries import _introducer
from newsdata.validate.codes import CHECKS


def _codes(doc: dict[str, Any]) -> list[str]:
    data = json.dumps(doc, ensure_ascii=False).encode("utf-8")
    return [p.code for p in validate_bytes(data).problems]


# ------------------------------------------------------------------ handwritten articles
@pytest.mark.parametrize("write", handwritten.HANDWRITTEN, ids=lambda w: w.__name__)
def test_the_handwritten_articles_are_clean(write: Any) -> None:
    before_verbatim_parts = write is handwritten.german_before_verbatim_parts
    assert _codes(write()) == (["quote-verbatim-missing"] if before_verbatim_parts else [])


# ------------------------------------------------------------------------- the incise
def test_an_incise_inside_one_pair_of_guillemets_is_accepted() -> None:
    assert _codes(handwritten.french_incise()) == []


def test_an_incise_whose_quotes_differ_in_speaker_is_not() -> None:
    doc = handwritten.french_incise()
    doc["quotes"][1]["speaker_span"] = None
    assert sorted(_codes(doc)) == ["quote-marks-unattributed", "quote-split-speaker"]


def test_an_incise_needs_its_cue_between_the_parts() -> None:
    doc = handwritten.french_incise()
    for q in doc["quotes"]:  # one cue and speaker, but no reporter's words split the parts
        q["cue"] = {**q["cue"], "start": 19, "end": 25, "text": "hésite"}
    assert doc["text"][19:25] == "hésite"
    assert _codes(doc) == ["quote-marks-unattributed"]


def test_two_direct_quotes_of_one_cue_in_two_pairs_share_their_speaker(
    article_dict: dict[str, Any],
) -> None:
    q = article_dict["quotes"][1]
    q.update(kind="direct", cue=article_dict["quotes"][0]["cue"])
    q["verbatim"] = [{k: q[k] for k in ("start", "end", "text")}]
    assert _codes(article_dict) == ["quote-split-speaker"]
    q.update(speaker="vladimir-putin", speaker_span=article_dict["quotes"][0]["speaker_span"])
    assert _codes(article_dict) == []


# ----------------------------------------------------------------------------- cues
def test_a_cue_inside_the_content_is_an_error(article_dict: dict[str, Any]) -> None:
    q = article_dict["quotes"][0]
    q["cue"] = {**q["verbatim"][0], "end": q["start"] + 3, "text": q["text"][:3]}
    assert _codes(article_dict) == ["quote-cue-overlap"]
    assert CHECKS["quote-cue-overlap"].severity == "error"


# ------------------------------------------------------------- words kept outside spans
@pytest.mark.parametrize(
    ("language", "content", "flagged"),
    [
        ("de", "dass der Besuch endet", "dass"),
        ("de-CH", "Ob der Zug fährt", "ob"),
        ("de", "der Besuch ende", None),
        ("en", "that the line reopens", "that"),
        ("en-GB", "whether the line reopens", "whether"),
        ("en", "that", None),  # a pronoun standing for earlier content
        ("en", "to reopen the line", None),  # the infinitive's own marker stays inside
        ("fr", "que la ligne rouvrirait", "que"),
        ("fr", "qu’elle rouvrirait", "qu'"),
        ("fr", "s’il pleut", "s'"),
        ("fr", "s’est trompé", None),  # a reflexive pronoun, not si
        ("fr", "si la ligne rouvre", "si"),
        ("fr", "de rouvrir la ligne", "de"),
        ("fr", "d’augmenter les tarifs", "d'"),
        ("fr", "de ne pas fermer", "de"),
        ("fr", "à baisser les tarifs", "à"),
        ("fr", "de nombreux trains sont annulés", None),  # a determiner, no infinitive
        ("fr", "de notre côté", None),
        ("it", "che la linea riapre", None),  # no list for the language
    ],
)
def test_the_words_that_introduce_a_content(
    language: str, content: str, flagged: str | None
) -> None:
    assert _introducer(content, language) == flagged


def _paragraph_quote(
    doc: dict[str, Any], words: str, content: str, speaker_span: str, cue: str, **extra: Any
) -> dict[str, Any]:
    span = make_fixtures._paragraph(doc, words)
    quote = make_fixtures._quote(
        3, span(content), "tass", speaker_span=span(speaker_span), cue=span(cue), **extra
    )
    doc["quotes"].append(quote)
    return quote


def test_a_content_starting_with_quoted_words_is_not_flagged(article_dict: dict[str, Any]) -> None:
    quote = _paragraph_quote(article_dict, "TASS meldete, „dass es endet“.", "dass es endet",
                             "TASS", "meldete")  # fmt: skip
    assert _codes(article_dict) == ["quote-marks-unattributed", "quote-content-complementizer"]
    # the marks decide: quoted words are inside whatever they are
    quote.update(kind="mixed", verbatim=[{k: quote[k] for k in ("start", "end", "text")}])
    assert _codes(article_dict) == []


def test_reported_content_is_a_noun_phrase_and_not_checked(article_dict: dict[str, Any]) -> None:
    article_dict["language"] = "en"
    _paragraph_quote(article_dict, "TASS denied that claim.", "that claim", "TASS", "denied",
                     kind="reported")  # fmt: skip
    assert _codes(article_dict) == []


def test_an_exemption_covers_a_content_that_rightly_starts_with_si(
    make_corpus: Any, article_dict: dict[str, Any]
) -> None:
    article_dict["language"] = "fr"
    _paragraph_quote(article_dict, "TASS a averti que si la grève continue, tout fermera.",
                     "si la grève continue, tout fermera", "TASS", "a averti")  # fmt: skip
    root = make_corpus([article_dict])
    assert [p.code for p in validate(root).problems] == ["quote-content-complementizer"]
    exemption = {"file": "articles/fixture-article.json", "code": "quote-content-complementizer",
                 "reason": "a conditional si opens the content"}  # fmt: skip
    (root / "validation-exemptions.json").write_text(json.dumps([exemption]), encoding="utf-8")
    assert validate(root).problems == []


@pytest.mark.parametrize(
    ("language", "words", "speaker_span", "cue", "flagged"),
    [
        ("de", "Aus der Bahn hieß es, die Strecke bleibe zu.", "Aus der Bahn", "hieß es", True),
        ("de", "Von der Bahn hieß es, die Strecke bleibe zu.", "Von der Bahn", "hieß es", True),
        ("de", "Laut der Bahn bleibt die Strecke zu.", "Laut der Bahn", "bleibt", True),
        ("de", "Nach Angaben der Bahn bleibt sie zu.", "Nach Angaben der Bahn", "bleibt", True),
        ("de", "Die Bahn sagte, die Strecke bleibe zu.", "Die Bahn", "sagte", False),
        ("de", "Nachbarn sagten, die Strecke bleibe zu.", "Nachbarn", "sagten", False),
        ("en", "According to the firm, it stays shut.", "According to the firm", "stays", True),
        ("en", "From the ministry came word: it stays shut.", "From the ministry", "came word",
         True),
        ("en", "Fromm said it stays shut.", "Fromm", "said", False),
        ("fr", "D’après l’entreprise, elle reste fermée.", "D’après l’entreprise", "reste", True),
        ("fr", "Selon l’entreprise, elle reste fermée.", "Selon l’entreprise", "reste", True),
        ("fr", "L’entreprise a dit : elle reste fermée.", "L’entreprise", "a dit", False),
    ],
)  # fmt: skip
def test_a_speaker_span_starting_with_a_preposition(
    article_dict: dict[str, Any],
    language: str,
    words: str,
    speaker_span: str,
    cue: str,
    flagged: bool,
) -> None:
    article_dict["language"] = language
    content = words[words.index(cue) + len(cue) :].strip(" ,:.")
    _paragraph_quote(article_dict, words, content, speaker_span, cue)
    assert _codes(article_dict) == (["quote-speaker-span-preposition"] if flagged else [])


def test_a_name_that_starts_with_a_preposition_is_not_flagged(
    article_dict: dict[str, Any],
) -> None:
    quote = _paragraph_quote(article_dict, "Von Moskau aus sagte TASS, es gehe weiter.",
                             "es gehe weiter", "Von Moskau", "sagte")  # fmt: skip
    assert _codes(article_dict) == ["quote-speaker-span-preposition"]
    # a mention starting where the span starts: a name that begins with the word
    article_dict["mentions"].append(
        {"id": "m7", **{k: quote["speaker_span"][k] for k in ("start", "end", "text")},
         "label": "LOC", "entity": "moscow"}
    )  # fmt: skip
    assert _codes(article_dict) == []


@pytest.mark.parametrize(
    ("language", "mention", "name", "flagged"),
    [
        ("en", "TASS's", "TASS", True),
        ("en-GB", "TASS’s", "TASS", True),
        ("en", "TASS’s", "TASS’s", False),  # the name itself ends in 's
        ("de", "TASS's", "TASS", False),  # English only
        ("en", "TASS", "TASS", False),
    ],
)
def test_an_english_mention_ending_in_the_possessive(
    article_dict: dict[str, Any], language: str, mention: str, name: str, flagged: bool
) -> None:
    article_dict["language"] = language
    span = make_fixtures._paragraph(article_dict, f"{mention} report followed.")
    article_dict["mentions"].append({"id": "m6", **span(mention), "label": "ORG",
                                     "entity": "tass"})  # fmt: skip
    article_dict["entities"][2]["name"] = name
    assert _codes(article_dict) == (["mention-possessive"] if flagged else [])


# ----------------------------------------------------------------------------- topics
def test_the_topics_check_declares_every_code_check_topics_reports() -> None:
    from newsdata.validate.checks.values import topics

    named = ("topic-unknown", "topic-retired", "topic-label", "topic-version", "topic-scheme")
    assert set(named) < set(topics.codes)
    assert [CHECKS[c].severity for c in named] == ["error", "error", "warning", "warning",
                                                   "warning"]  # fmt: skip


# ------------------------------------------------------------------ the codes page
def test_every_description_states_the_problem_once_without_its_severity() -> None:
    for check in CHECKS.values():
        assert "(a warning)" not in check.description, check.code
        assert "warning" not in check.description.lower(), check.code
        assert check.description.endswith("."), check.code


def test_the_codes_page_shows_each_codes_severity_exactly_once(tmp_path: Path) -> None:
    sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "docs" / "_ext"))
    from newsdata_docs import write_codes

    page = tmp_path / "validation-codes.md"
    write_codes(page)
    entries = page.read_text("utf-8").split("````{validation-code} ")[1:]
    assert [e.split("\n", 1)[0] for e in entries] == list(CHECKS)
    for entry, check in zip(entries, CHECKS.values(), strict=True):
        severities = entry.count("**Error.**") + entry.count("**Warning.**")
        assert severities == 1, check.code
        assert f"**{check.severity.capitalize()}.**" in entry, check.code
