"""The one counter: an article counts the same whether it is a model or its JSON."""

from __future__ import annotations

import json
from typing import Any

import newsdata
from newsdata.layout import CorpusLayout, dataset_dir
from newsdata.stats import Tally, count


def test_models_and_their_json_count_alike() -> None:
    files = CorpusLayout(dataset_dir()).article_files()
    as_json = [json.loads(f.read_bytes()) for f in files]
    as_models = list(newsdata.iter_articles())
    assert count(as_models) == count(as_json)
    assert count(as_json)["articles"] == len(files) > 0


def test_a_quote_without_verbatim_parts_counts_none(article_dict: dict[str, Any]) -> None:
    for quote in article_dict["quotes"]:
        quote.pop("verbatim", None)
    tally = Tally()
    tally.add(article_dict)
    assert tally.result()["verbatim_parts"] == 0
    model = newsdata.Article.model_validate(article_dict)
    assert count([model]) == tally.result()


def test_merged_tallies_count_as_one(article_dict: dict[str, Any]) -> None:
    one, other, both = Tally(), Tally(), Tally()
    one.add(article_dict)
    other.add(article_dict)
    both.add(article_dict)
    both.add(article_dict)
    one.merge(other)
    assert one.result() == both.result()
    assert both.result()["articles"] == 2
