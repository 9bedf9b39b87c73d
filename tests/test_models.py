"""The article model: immutability, helpers, serialisation round trips."""

from __future__ import annotations

import datetime
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from pydantic import ValidationError

from newsdata import Article


def test_models_are_frozen(article_dict: dict[str, Any]) -> None:
    article = Article.model_validate(article_dict)
    with pytest.raises(ValidationError):
        article.title = "x"
    assert isinstance(article.mentions, tuple)
    with pytest.raises(ValidationError):
        article.mentions[0].label = "LOC"


def test_unknown_fields_are_rejected(article_dict: dict[str, Any]) -> None:
    article_dict["mentions"][0]["lable"] = "PER"
    with pytest.raises(ValidationError, match="lable"):
        Article.model_validate(article_dict)


def test_integral_floats_are_integers_like_in_json_schema(article_dict: dict[str, Any]) -> None:
    article_dict["mentions"][0]["start"] = float(article_dict["mentions"][0]["start"])
    article = Article.model_validate(article_dict)
    assert type(article.mentions[0].start) is int
    article_dict["mentions"][0]["start"] = 1.5
    with pytest.raises(ValidationError):
        Article.model_validate(article_dict)


def test_strings_and_booleans_are_not_integers(article_dict: dict[str, Any]) -> None:
    for bad in ("5", True):
        article_dict["mentions"][0]["start"] = bad
        with pytest.raises(ValidationError):
            Article.model_validate(article_dict)


def test_body_drops_boilerplate_only(article_dict: dict[str, Any]) -> None:
    article = Article.model_validate(article_dict)
    assert "Teilen auf Facebook" in article.text
    assert "Teilen auf Facebook" not in article.body
    assert article.body.startswith(article.title)
    assert article.body.endswith("19. Juni 2024.")


def test_entity_lookup(article_dict: dict[str, Any]) -> None:
    article = Article.model_validate(article_dict)
    assert article.entity("moscow").name == "Moskau"
    with pytest.raises(KeyError, match="nobody"):
        article.entity("nobody")


@st.composite
def articles(draw: st.DrawFn) -> Article:
    """Valid articles with random text, spans and metadata."""
    from make_fixtures import valid_article

    doc = valid_article()
    doc["title"] = draw(st.text(min_size=1, max_size=30))
    doc["rights"] = draw(st.text(min_size=1, max_size=30))
    doc["published"] = draw(st.none() | st.dates().map(lambda d: d.isoformat()))
    doc["text"] = draw(st.text(min_size=1, max_size=200))
    n = len(doc["text"])
    mentions = []
    for i in range(draw(st.integers(0, 5))):
        start = draw(st.integers(0, n - 1))
        end = draw(st.integers(start + 1, n))
        mentions.append(
            {
                "id": f"m{i}",
                "start": start,
                "end": end,
                "text": doc["text"][start:end],
                "label": draw(st.sampled_from(["PER", "LOCderiv", "OTHpart"])),
                "entity": None,
            }
        )
    doc["mentions"] = mentions
    return Article.model_validate(doc)


@settings(max_examples=60, deadline=None)
@given(articles())
def test_serialise_then_load_gives_the_same_article(article: Article) -> None:
    again = Article.model_validate_json(article.model_dump_json())
    assert again == article
    for m in again.mentions:
        assert again.text[m.start : m.end] == m.text


@pytest.mark.parametrize("written", ["2024-06-19\n", "20240619", "2024-6-19", 1718755200])
def test_a_date_is_read_only_as_written_in_the_one_iso_date_pattern(
    written: object, article_dict: dict[str, Any]
) -> None:
    """The models and the JSON Schema take dates by the same pattern (models.ISO_DATE)."""
    from newsdata.validate.schemalevel import conforms

    article_dict["published"] = written
    with pytest.raises(ValidationError):
        Article.model_validate(article_dict)
    assert not conforms(article_dict)
    article_dict["published"] = "2024-06-19"
    assert Article.model_validate(article_dict).published == datetime.date(2024, 6, 19)


def test_a_topic_is_its_scheme_and_code_for_validate_diff_and_agree(tmp_path: Path) -> None:
    """One definition (`models.topic_key`): a relabelled topic is the same topic for the
    validator (listed twice), for `diff` (changed, not added and removed) and for `agree`
    (matched, its label differing)."""
    import copy

    import make_fixtures

    from newsdata.agreement import agree
    from newsdata.diff import diff_corpora
    from newsdata.models import topic_key
    from newsdata.validate import validate_bytes

    doc = make_fixtures.valid_article()
    topic = doc["topics"][0]
    relabelled = copy.deepcopy(doc)
    relabelled["topics"][0] = {**topic, "label": "another label"}
    assert topic_key(relabelled["topics"][0]) == topic_key(topic)

    twice = copy.deepcopy(doc)
    twice["topics"].append(relabelled["topics"][0])
    codes = {p.code for p in validate_bytes(make_fixtures.dump(twice)).problems}
    assert "topic-duplicate" in codes

    make_fixtures.write_corpus(tmp_path / "a", {doc["id"]: doc})
    make_fixtures.write_corpus(tmp_path / "b", {doc["id"]: relabelled})
    change = diff_corpora(tmp_path / "a", tmp_path / "b").changed[doc["id"]].layers["topics"]
    assert (change.added, change.removed, len(change.changed)) == ([], [], 1)

    a, b = Article.model_validate(doc), Article.model_validate(relabelled)
    topics = agree({a.id: a}, {b.id: b}).layers["topics"]
    assert (topics.matched, topics.attributes["label"].differ) == (1, 1)
