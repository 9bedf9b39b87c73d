"""`newsdata agree`: exact-span scores and Cohen's kappa of two annotations of the same texts."""

from __future__ import annotations

import copy
import json
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from newsdata import Article, CorpusError
from newsdata.agreement import AgreementError, agree, cohen_kappa, read_annotations
from newsdata.cli import main


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
    assert set(figures["layers"]) == {"mentions", "quotes", "verbatim", "timexes", "topics"}
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
