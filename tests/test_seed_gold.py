"""The seed article's own gold figures: the one test that knows the seed.

Every other test states a rule that any article obeys. This one pins what the seed
article's annotation is (its counts and the decisions recorded in the guidelines), so
that an accidental change to it is noticed. Adding an article never touches this file;
a deliberate correction of the seed updates it together with the changelog entry.
"""

from __future__ import annotations

from collections import Counter

import newsdata
from newsdata.scaffold import detect_blocks

SEED = "2024-06-19-putin-kim-allianz"

# Wikidata ids verified for the seed's entities (docs/guidelines/entities.md).
VERIFIED_QIDS = {
    "Q7747", "Q56226", "Q159", "Q423", "Q884", "Q17", "Q30", "Q212", "Q18808", "Q649",
    "Q8684", "Q61", "Q15180",
}  # fmt: skip


def test_seed_gold_figures() -> None:
    article = newsdata.load()[SEED]
    # the text and its metadata
    assert article.language == "de"
    assert str(article.published) == "2024-06-19"
    assert article.reading_time == "PT2M"
    assert article.title == "Putin und Kim stärken Allianz bei historischem Besuch"
    assert len(article.text) == 5022
    # the counts per layer and per label
    sizes = {layer: len(getattr(article, layer)) for layer in newsdata.models.LAYERS}
    assert sizes == {
        "blocks": 28, "mentions": 68, "entities": 19, "quotes": 17, "timexes": 11, "topics": 6
    }  # fmt: skip
    labels = Counter(m.label for m in article.mentions)
    assert (labels["LOC"], labels["PER"], labels["LOCderiv"]) == (32, 23, 10)
    assert sum(1 for e in article.entities if e.wikidata) == 13
    assert {e.wikidata for e in article.entities} - {None} <= VERIFIED_QIDS
    blocks = [b.kind for b in article.blocks]
    assert blocks.count("heading") == 10 and blocks.count("boilerplate") == 3
    assert article.annotation.guidelines == "1.2.0"
    # `newsdata add` detects exactly the blocks annotated by hand
    assert detect_blocks(article.text) == [b.model_dump() for b in article.blocks]
    # decisions recorded in the guidelines
    by_text: dict[str, set[str]] = {}
    for m in article.mentions:
        by_text.setdefault(m.text, set()).add(m.label)
    assert by_text["Putins"] == {"PER"}
    assert by_text["Moskaus"] == {"LOC"}
    assert by_text["US-Politik"] == {"LOCpart"}
    assert by_text["Nordkoreanern"] == {"LOCderiv"}
    assert by_text["Kim-Il-Sung"] == {"PER"}  # nested inside the square's name
    assert all(m.entity is not None for m in article.mentions)
    putin = {m.entity for m in article.mentions if m.text in ("Putin", "Putins", "Wladimir Putin")}
    assert putin == {"vladimir-putin"}
    assert {m.entity for m in article.mentions if m.text == "Kim"} == {"kim-jong-un"}
    values = {(t.text, t.type, t.value, t.mod) for t in article.timexes}
    assert ("Juni 19, 2024", "DATE", "2024-06-19", None) in values
    assert ("24 Jahren", "DURATION", "P24Y", None) in values
    assert ("späten 1940er Jahren", "DATE", "194", "END") in values
    assert ("heute", "DATE", "2024-06-19", None) in values


def test_seed_quote_decisions() -> None:
    """Guidelines 1.1.0: one rule for quoted fragments, verbatim parts, speakers in the
    article's words, joint statements, and the inferred attribution."""
    quotes = {q.id: q for q in newsdata.load()[SEED].quotes}
    kinds = Counter(q.kind for q in quotes.values())
    assert kinds == {"mixed": 10, "indirect": 3, "reported": 2, "direct": 2}
    # a fragment in the reporter's own sentence: from its first quoted word to its last
    assert [quotes[q].text for q in ("q8", "q9", "q10")] == [
        "wirklich bahnbrechendes Dokument", "feindlich", "konfrontativ"
    ]  # fmt: skip
    assert quotes["q14"].text.startswith("volle Unterstützung")
    assert quotes["q15"].text.startswith("um seine eigene Souveränität")
    # the reporter's "unterdessen" stays inside q11's content, outside its verbatim parts
    assert [v.text for v in quotes["q11"].verbatim] == [
        "Allianz", "Wendepunkt in der Entwicklung der bilateralen Beziehungen"
    ]  # fmt: skip
    assert "unterdessen" in quotes["q11"].text
    assert sum(len(q.verbatim) for q in quotes.values()) == 13
    # joint statements: both countries, named in the text by "sie" and "beide Länder"
    for q, words in (("q3", "sie"), ("q13", "beide Länder")):
        assert (quotes[q].speaker, quotes[q].co_speakers) == ("russia", ("north-korea",))
        span = quotes[q].speaker_span
        assert span is not None and span.text == words
    assert [q for q in quotes.values() if q.inferred] == [quotes["q2"]]
