"""The shipped annotations: consistent with the text and with each other (every article)."""

from __future__ import annotations

import re

import pytest

import newsdata
from newsdata import Article

ARTICLES = list(newsdata.load())
IDS = [a.id for a in ARTICLES]


def _spans(article: Article) -> list[tuple[str, int, int, str]]:
    out = [("mention", m.start, m.end, m.text) for m in article.mentions]
    out += [("quote", q.start, q.end, q.text) for q in article.quotes]
    out += [("timex", t.start, t.end, t.text) for t in article.timexes]
    out += [("cue", q.cue.start, q.cue.end, q.cue.text) for q in article.quotes if q.cue]
    return out


@pytest.mark.parametrize("article", ARTICLES, ids=IDS)
def test_every_span_text_equals_its_slice(article: Article) -> None:
    for kind, start, end, text in _spans(article):
        assert article.text[start:end] == text, (kind, start, end)


@pytest.mark.parametrize("article", ARTICLES, ids=IDS)
def test_every_quotation_mark_pair_is_covered_by_a_quote(article: Article) -> None:
    pairs = [(m.start(1), m.end(1)) for m in re.finditer(r"„([^„“]*)“", article.text)]
    assert pairs, "the seed has quotation marks"
    for start, end in pairs:
        assert any(q.start <= start and end <= q.end for q in article.quotes), article.text[
            start:end
        ]


@pytest.mark.parametrize("article", ARTICLES, ids=IDS)
def test_blocks_tile_the_non_whitespace_text(article: Article) -> None:
    covered = [False] * len(article.text)
    cursor = 0
    for block in article.blocks:
        assert block.start >= cursor
        cursor = block.end
        for i in range(block.start, block.end):
            covered[i] = True
    assert all(covered[i] or ch.isspace() for i, ch in enumerate(article.text))
    titles = [b for b in article.blocks if b.kind == "title"]
    assert len(titles) == 1 and article.text[titles[0].start : titles[0].end] == article.title


@pytest.mark.parametrize("article", ARTICLES, ids=IDS)
def test_mention_labels_match_entity_types(article: Article) -> None:
    for m in article.mentions:
        assert m.entity is not None, f"{m.id} is not linked"
        assert m.label[:3] == article.entity(m.entity).type, m.id


@pytest.mark.parametrize("article", ARTICLES, ids=IDS)
def test_every_entity_has_a_mention(article: Article) -> None:
    mentioned = {m.entity for m in article.mentions}
    for entity in article.entities:
        assert entity.id in mentioned, entity.id


@pytest.mark.parametrize("article", ARTICLES, ids=IDS)
def test_every_speaker_is_an_entity_or_named(article: Article) -> None:
    ids = {e.id for e in article.entities}
    for q in article.quotes:
        assert (q.speaker in ids) or (q.speaker is None and q.speaker_text), q.id


def test_seed_layers_as_annotated() -> None:
    """Spot checks of decisions recorded in the guidelines."""
    article = newsdata.load()["2024-06-19-putin-kim-allianz"]
    by_text: dict[str, set[str]] = {}
    for m in article.mentions:
        by_text.setdefault(m.text, set()).add(m.label)
    assert by_text["Putins"] == {"PER"}
    assert by_text["Moskaus"] == {"LOC"}
    assert by_text["US-Politik"] == {"LOCpart"}
    assert by_text["Nordkoreanern"] == {"LOCderiv"}
    assert by_text["Kim-Il-Sung"] == {"PER"}  # nested inside the square's name
    assert {
        m.entity for m in article.mentions if m.text in ("Putin", "Putins", "Wladimir Putin")
    } == {"vladimir-putin"}
    assert {m.entity for m in article.mentions if m.text == "Kim"} == {"kim-jong-un"}
    values = {(t.text, t.type, t.value, t.mod) for t in article.timexes}
    assert ("Juni 19, 2024", "DATE", "2024-06-19", None) in values
    assert ("24 Jahren", "DURATION", "P24Y", None) in values
    assert ("späten 1940er Jahren", "DATE", "194", "END") in values
    assert ("heute", "DATE", "2024-06-19", None) in values
    blocks = [b.kind for b in article.blocks]
    assert blocks.count("heading") == 10 and blocks.count("boilerplate") == 3
    assert article.annotation.guidelines == "1.0.0"
    verified = {
        "Q7747",
        "Q56226",
        "Q159",
        "Q423",
        "Q884",
        "Q17",
        "Q30",
        "Q212",
        "Q18808",
        "Q649",
        "Q8684",
        "Q61",
    }
    assert {e.wikidata for e in article.entities} - {None} <= verified
