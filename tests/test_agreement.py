"""`newsdata agree`: exact-span scores, Cohen's kappa and the agreement of every attribute."""

from __future__ import annotations

import copy
import json
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any

import make_fixtures  # tests/fixtures is on the path: see conftest
import pytest
from handwritten import HANDWRITTEN
from hypothesis import given, settings
from hypothesis import strategies as st
from synthetic import synthetic_article

from newsdata import Article, CorpusError
from newsdata.agreement import SCORING as SCORED
from newsdata.agreement import (
    Agreement,
    AgreementError,
    agree,
    align_entities,
    cohen_kappa,
    read_annotations,
)
from newsdata.cli import main
from newsdata.models import LABELS, LAYERS


def _corpus(*docs: dict[str, Any]) -> dict[str, Article]:
    return {d["id"]: Article.model_validate(d) for d in docs}


def test_an_annotation_agrees_with_itself(article_dict: dict[str, Any]) -> None:
    result = agree(_corpus(article_dict), _corpus(article_dict))
    for name, layer in result.layers.items():
        assert (layer.precision, layer.recall, layer.f1) == (1.0, 1.0, 1.0), name
        assert all(k == 1.0 for k in layer.kappa.values()), name


def test_a_missing_span_lowers_recall_and_a_changed_label_the_kappa(
    article_dict: dict[str, Any],
) -> None:
    other = copy.deepcopy(article_dict)
    del other["mentions"][4]  # TASS
    other["entities"] = [e for e in other["entities"] if e["id"] != "tass"]
    other["quotes"][1]["speaker"] = None  # the agency is no longer linked
    other["quotes"][1]["speaker_text"] = "die Agentur"
    other["mentions"][1]["label"] = "LOCderiv"
    result = agree(_corpus(article_dict), _corpus(other)).layers
    assert (result["mentions"].in_a, result["mentions"].in_b) == (5, 4)
    assert result["mentions"].precision == 1.0 and result["mentions"].recall == 4 / 5
    assert result["mentions"].f1 == pytest.approx(2 * 0.8 / 1.8)
    assert result["mentions"].kappa["label"] is not None
    assert result["mentions"].kappa["label"] < 1.0
    speaker = result["quotes"].kappa["speaker"]
    assert result["quotes"].kappa["kind"] == 1.0 and speaker is not None and speaker < 1.0


def test_different_texts_are_an_error_naming_the_article(article_dict: dict[str, Any]) -> None:
    other = copy.deepcopy(article_dict)
    other["text"] = other["text"].replace("Testsatz", "Testsätz")
    for quote in other["quotes"]:
        quote["text"] = other["text"][quote["start"] : quote["end"]]
    with pytest.raises(CorpusError, match="article fixture-article: the texts differ"):
        agree(_corpus(article_dict), _corpus(other))


def test_cli_json_and_exit_codes(
    make_corpus: Any,
    article_dict: dict[str, Any],
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
) -> None:
    a = make_corpus([article_dict], name="a")
    assert main(["agree", str(a), str(a), "--json"]) == 0
    figures = json.loads(capsys.readouterr().out)
    # the layers scored before issue 24, and those added with it
    assert set(figures["layers"]) >= {"mentions", "quotes", "verbatim", "timexes", "topics"}
    assert set(figures["layers"]) == set(LAYERS) | {"verbatim"}
    assert figures["layers"]["verbatim"]["f1"] == 1.0  # the fixture's direct quote has one part
    assert figures["layers"]["mentions"]["f1"] == 1.0
    single = a / "articles" / "fixture-article.json"
    assert main(["agree", str(single), str(a)]) == 0  # a file against a corpus
    assert "mentions" in capsys.readouterr().out
    assert main(["agree", str(a), str(tmp_path / "missing")]) == 2


@settings(max_examples=200, deadline=None)
@given(st.lists(st.tuples(st.sampled_from("abc"), st.sampled_from("abc")), min_size=1))
def test_kappa_is_at_most_one_and_one_for_identical_labels(pairs: list[tuple[str, str]]) -> None:
    kappa = cohen_kappa(pairs)
    assert kappa is not None and kappa <= 1.0 + 1e-12
    assert cohen_kappa([(a, a) for a, _ in pairs]) == 1.0


def test_cli_exit_codes_are_the_documented_ones(
    make_corpus: Any, article_dict: dict[str, Any], capsys: pytest.CaptureFixture[str]
) -> None:
    a = make_corpus([article_dict], name="a")
    other = copy.deepcopy(article_dict)
    other["text"] = other["text"].replace("Testsatz", "Testsätz")
    for quote in other["quotes"]:
        quote["text"] = other["text"][quote["start"] : quote["end"]]
        for part in quote["verbatim"]:
            part["text"] = other["text"][part["start"] : part["end"]]
    b = make_corpus([other], name="b")
    assert main(["agree", str(a), str(b)]) == 1  # docs/guidelines: "a difference is an error"
    err = capsys.readouterr().err
    assert err == (
        "newsdata agree: article fixture-article: the texts differ; agreement is measured "
        "on identical texts only\n"
    )
    other = copy.deepcopy(article_dict)
    other["id"] = "another"
    c = make_corpus([other], name="c")
    assert main(["agree", str(a), str(c)]) == 1
    assert "no article id in common" in capsys.readouterr().err


def _renamed(root: Path, old: str, new: str) -> Path:
    (root / "articles" / f"{old}.json").rename(root / "articles" / f"{new}.json")
    return root / "articles" / f"{new}.json"


def test_a_file_whose_id_differs_from_its_name_is_refused_in_every_reader(
    make_corpus: Any, article_dict: dict[str, Any], capsys: pytest.CaptureFixture[str]
) -> None:
    a = make_corpus([article_dict], name="a")
    # B holds the annotator's file and a stale copy under another name: which one is scored?
    stale = copy.deepcopy(article_dict)
    stale["mentions"] = []
    b = make_corpus([article_dict], name="b")
    (b / "articles" / "zz-old-copy.json").write_text(json.dumps(stale), "utf-8")
    single = _renamed(make_corpus([article_dict], name="c"), "fixture-article", "renamed")
    for args in ([str(a), str(b)], [str(b), str(a)], [str(single), str(a)], [str(a), str(single)]):
        assert main(["agree", *args]) == 2, args
        err = capsys.readouterr().err
        assert err.startswith("newsdata agree: ") and err.count("\n") == 1, err
        assert "the id 'fixture-article' differs from the file name" in err, err
    with pytest.raises(CorpusError, match=r"zz-old-copy\.json: the id .* differs"):
        read_annotations(b)


def test_a_speaker_that_is_not_an_entity_is_an_error_not_a_traceback(
    make_corpus: Any, article_dict: dict[str, Any], capsys: pytest.CaptureFixture[str]
) -> None:
    a = make_corpus([article_dict], name="a")
    for field, value in (("speaker", "nobody"), ("co_speakers", ["nobody"])):
        other = copy.deepcopy(article_dict)
        other["quotes"][0][field] = value
        b = a.parent / f"b-{field}"
        (b / "articles").mkdir(parents=True)
        (b / "articles" / "fixture-article.json").write_text(json.dumps(other), "utf-8")
        with pytest.raises(AgreementError, match="quote q1's speaker 'nobody' is not one of"):
            agree(read_annotations(a), read_annotations(b))
        assert main(["agree", str(a), str(b)]) == 1
        err = capsys.readouterr().err
        assert err.startswith("newsdata agree: article fixture-article: quote q1") and (
            err.count("\n") == 1
        )


# ------------------------------------------------------------------ every field (issue 24)

DOCS: tuple[dict[str, Any], ...] = (
    *(synthetic_article(n) for n in range(60)),
    *(write() for write in HANDWRITTEN),
    make_fixtures.valid_article(),
)

Draw = Callable[[st.SearchStrategy[Any]], Any]
Mutate = Callable[[dict[str, Any], dict[str, Any], Draw], None]


def _other(value: Any, choices: Iterable[Any]) -> Any:
    return next(c for c in choices if c != value)


def _relink(doc: dict[str, Any], current: str | None, draw: Draw) -> str | None:
    # another entity (every entity of a valid article is linked from a mention or a quote,
    # so the alignment keeps pairing the rest by those links), or none
    others: list[str | None] = [e["id"] for e in doc["entities"] if e["id"] != current]
    if current is not None:
        others.append(None)
    choice: str | None = draw(st.sampled_from(others))
    return choice


def _segment_or_none(quote: dict[str, Any], name: str) -> None:
    # a segment dropped, or one added where there was none (the content's own offsets)
    if quote.get(name) is None:
        quote[name] = {k: quote[k] for k in ("start", "end", "text")}
    else:
        quote[name] = None


def _co_speakers(doc: dict[str, Any], quote: dict[str, Any], draw: Draw) -> None:
    joint = list(quote.get("co_speakers", []))
    if joint:
        quote["co_speakers"] = joint[:-1]
    else:
        others = [e["id"] for e in doc["entities"] if e["id"] != quote["speaker"]]
        quote["co_speakers"] = [draw(st.sampled_from(others))]


def _verbatim(quote: dict[str, Any]) -> None:
    parts = list(quote.get("verbatim", []))
    content = {k: quote[k] for k in ("start", "end", "text")}
    quote["verbatim"] = parts[:-1] if parts else [content]


def _wikidata(entity: dict[str, Any], draw: Draw) -> None:
    # any id, as another annotator might write it: no claim about the item
    number = draw(st.integers(1, 10**8))
    entity["wikidata"] = None if entity["wikidata"] else f"Q{number}"


def _set(key: str, value: Callable[[Any], Any]) -> Mutate:
    def mutate(doc: dict[str, Any], item: dict[str, Any], draw: Draw) -> None:
        item[key] = value(item.get(key))

    return mutate


BLOCK_KINDS = ("title", "meta", "heading", "paragraph", "boilerplate")
QUOTE_KINDS = ("direct", "indirect", "mixed", "reported")
# one way to change each attribute `agree` compares: (layer, attribute) -> change of an item
MUTATIONS: dict[tuple[str, str], Mutate] = {
    ("blocks", "kind"): _set("kind", lambda v: _other(v, BLOCK_KINDS)),
    ("mentions", "label"): _set("label", lambda v: _other(v, LABELS)),
    ("mentions", "entity"): lambda d, m, draw: m.update(entity=_relink(d, m["entity"], draw)),
    ("entities", "name"): _set("name", lambda v: f"{v} (B)"),
    ("entities", "type"): _set("type", lambda v: _other(v, ("PER", "LOC", "ORG", "OTH"))),
    ("entities", "wikidata"): lambda d, e, draw: _wikidata(e, draw),
    ("quotes", "kind"): _set("kind", lambda v: _other(v, QUOTE_KINDS)),
    ("quotes", "speaker"): lambda d, q, draw: q.update(speaker=_relink(d, q["speaker"], draw)),
    ("quotes", "co_speakers"): _co_speakers,
    ("quotes", "speaker_text"): _set("speaker_text", lambda v: None if v else "jemand"),
    ("quotes", "speaker_span"): lambda d, q, draw: _segment_or_none(q, "speaker_span"),
    ("quotes", "cue"): lambda d, q, draw: _segment_or_none(q, "cue"),
    ("quotes", "inferred"): _set("inferred", lambda v: not v),
    ("quotes", "verbatim"): lambda d, q, draw: _verbatim(q),
    ("timexes", "type"): _set("type", lambda v: _other(v, ("DATE", "TIME", "DURATION", "SET"))),
    ("timexes", "value"): _set("value", lambda v: f"{v}-01"),
    ("timexes", "mod"): _set("mod", lambda v: "APPROX" if v is None else None),
    ("topics", "label"): _set("label", lambda v: f"{v} (B)"),
    ("topics", "version"): _set("version", lambda v: "another version" if v is None else None),
}


def _changeable(doc: dict[str, Any], layer: str, attribute: str) -> bool:
    if not doc[layer]:
        return False
    if (layer, attribute) in {("mentions", "entity"), ("quotes", "speaker")}:
        return bool(doc["entities"])
    if (layer, attribute) == ("quotes", "co_speakers"):
        return len(doc["entities"]) > 1 or any(q.get("co_speakers") for q in doc["quotes"])
    return True


def _agree(first: dict[str, Any], second: dict[str, Any]) -> Agreement:
    return agree(_corpus(first), _corpus(second))


def test_every_attribute_of_every_layer_is_scored() -> None:
    scored = {(layer, a) for layer, spec in SCORED.items() for a in spec.attributes}
    assert scored == set(MUTATIONS)  # a new attribute needs a mutation in the property test


@settings(max_examples=300, deadline=None)
@given(st.sampled_from(DOCS), st.data())
def test_agree_reports_a_changed_attribute_and_only_that_one(
    doc: dict[str, Any], data: st.DataObject
) -> None:
    same = _agree(doc, copy.deepcopy(doc))
    for name, layer in same.layers.items():
        assert {layer.precision, layer.recall, layer.f1} <= {1.0, None}, name
        assert set(layer.kappa.values()) <= {1.0, None}, name
        for attribute, counts in layer.attributes.items():
            assert counts.differ == 0 and counts.agreement in (1.0, None), (name, attribute)

    options = [target for target in MUTATIONS if _changeable(doc, *target)]
    layer_name, attribute = target = data.draw(st.sampled_from(options), label="attribute")
    other = copy.deepcopy(doc)
    index = data.draw(st.integers(0, len(other[layer_name]) - 1), label="item")
    MUTATIONS[target](other, other[layer_name][index], data.draw)
    result = _agree(doc, other)

    for name, layer in result.layers.items():
        if (target, name) == (("quotes", "verbatim"), "verbatim"):
            assert layer.matched < max(layer.in_a, layer.in_b)  # the same parts, as spans
        else:
            assert {layer.precision, layer.recall, layer.f1} <= {1.0, None}, name
        for key, kappa in layer.kappa.items():
            if (name, key) == target:
                assert kappa is not None and kappa < 1.0
            else:
                assert kappa in (1.0, None), (name, key)
        for key, counts in layer.attributes.items():
            if (name, key) == target:
                assert counts.differ == 1 and counts.agreement is not None
                assert counts.agreement < 1.0
            else:
                assert counts.differ == 0, (target, name, key)
    shown = result.to_dict()["layers"][layer_name]["attributes"][attribute]
    assert shown["differ"] == 1 and shown["agreement"] < 1.0
    row = next(r for r in result.to_text().splitlines() if r.split()[:2] == list(target))
    assert row.split()[-1] == "1"


def _renamed_entities(doc: dict[str, Any]) -> dict[str, Any]:
    other = copy.deepcopy(doc)
    new = {e["id"]: f"b-{e['id']}" for e in other["entities"]}
    for entity in other["entities"]:
        entity["id"] = new[entity["id"]]
    for mention in other["mentions"]:
        mention["entity"] = new.get(mention["entity"])
    for quote in other["quotes"]:
        quote["speaker"] = new.get(quote["speaker"])
        quote["co_speakers"] = [new[e] for e in quote.get("co_speakers", [])]
    return other


@pytest.mark.parametrize("doc", DOCS[:6] + DOCS[-5:], ids=lambda d: str(d["id"]))
def test_entity_ids_are_each_annotators_own(doc: dict[str, Any]) -> None:
    other = _renamed_entities(doc)
    pairs = align_entities(Article.model_validate(doc), Article.model_validate(other))
    assert pairs == {f"b-{e['id']}": e["id"] for e in doc["entities"]}
    result = _agree(doc, other)
    assert all(c.differ == 0 for layer in result.layers.values() for c in layer.attributes.values())
    assert result.layers["entities"].f1 in (1.0, None)


def test_entities_align_by_their_links_then_by_wikidata_or_name(
    article_dict: dict[str, Any],
) -> None:
    other = _renamed_entities(article_dict)
    # B names Putin differently and links none of his mentions: the Wikidata id pairs them
    other["entities"][0]["name"] = "Vladimir Putin"
    for mention in other["mentions"]:
        if mention["entity"] == "b-vladimir-putin":
            mention["entity"] = None
    other["quotes"][0]["speaker"] = None
    result = _agree(article_dict, other).layers
    assert result["entities"].matched == 3
    assert result["entities"].attributes["name"].differ == 1
    assert result["mentions"].attributes["entity"].differ == 2  # the two Putin mentions
    assert result["quotes"].attributes["speaker"].differ == 1
    # an entity B adds with another name and no link is paired with nothing
    other["entities"].append({"id": "b-extra", "name": "X", "type": "PER", "wikidata": None})
    entities = _agree(article_dict, other).layers["entities"]
    assert (entities.in_a, entities.in_b, entities.matched) == (3, 4, 3)


def test_a_dangling_entity_link_is_an_error_naming_the_mention(
    article_dict: dict[str, Any],
) -> None:
    other = copy.deepcopy(article_dict)
    other["mentions"][0]["entity"] = "nobody"
    with pytest.raises(AgreementError, match="mention m1's entity 'nobody' is not one of"):
        _agree(article_dict, other)


def test_cues_alone_differing_no_longer_score_one_everywhere(
    article_dict: dict[str, Any], make_corpus: Any, capsys: pytest.CaptureFixture[str]
) -> None:
    other = copy.deepcopy(article_dict)
    for quote in other["quotes"]:
        quote["cue"] = None
    a, b = make_corpus([article_dict], name="a"), make_corpus([other], name="b")
    assert main(["agree", str(a), str(b), "--json"]) == 0
    quotes = json.loads(capsys.readouterr().out)["layers"]["quotes"]
    assert quotes["f1"] == 1.0
    assert quotes["attributes"]["cue"] == {"agreement": 0.0, "compared": 2, "differ": 2}
    assert main(["agree", str(a), str(b)]) == 0
    assert "quotes    cue            0.000      2" in capsys.readouterr().out


def test_the_documented_json_is_what_agree_prints(article_dict: dict[str, Any]) -> None:
    page = (Path(__file__).parents[1] / "docs" / "guidelines" / "index.md").read_text("utf-8")
    section = page[page.index("## Measuring agreement") :]
    documented = json.loads(section.split("```json\n")[1].split("```")[0])
    other = copy.deepcopy(article_dict)  # as the page says: a mention left out, one relabelled
    del other["mentions"][4]
    other["entities"] = [e for e in other["entities"] if e["id"] != "tass"]
    other["quotes"][1].update(speaker=None, speaker_text="die Agentur")
    other["mentions"][1]["label"] = "LOCderiv"
    printed = _agree(article_dict, other).to_dict()
    assert documented["articles"] == printed["articles"]
    assert documented["layers"]["mentions"] == printed["layers"]["mentions"]
    assert set(documented["layers"]) - {"…"} <= set(printed["layers"])
