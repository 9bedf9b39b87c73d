"""Articles as JSON-ready dicts, streamed from a corpus directory or taken from a Corpus."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

from newsdata._progress import Progress
from newsdata.layout import CorpusLayout, dataset_dir
from newsdata.loader import Corpus, iter_articles

ArticleSource = Corpus | str | Path | None
"""Where articles are read from: a Corpus, a corpus directory, or None for the shipped corpus."""


def count_articles(source: ArticleSource) -> int:
    if isinstance(source, Corpus):
        return len(source)
    root = dataset_dir() if source is None else Path(source)
    return len(CorpusLayout(root).article_names())


def outer_mentions(mentions: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """The mentions no other mention contains (the outer level), in text order.

    Mentions nest but never cross (the validator sees to it), so one pass over them in
    (start, longest first) order finds the outer level.

    Examples
    --------
    >>> spans = [{"start": 0, "end": 9}, {"start": 0, "end": 4}, {"start": 10, "end": 12}]
    >>> [(m["start"], m["end"]) for m in outer_mentions(spans)]
    [(0, 9), (10, 12)]
    """
    ordered = sorted(mentions, key=lambda m: (m["start"], -m["end"]))
    outer: list[dict[str, Any]] = []
    end = -1
    for m in ordered:
        if m["start"] >= end:
            outer.append(m)
            end = m["end"]
    return outer


def iter_docs(source: ArticleSource) -> Iterator[dict[str, Any]]:
    """One article at a time, as the dict its JSON file holds (validated on the way)."""
    articles = source if isinstance(source, Corpus) else iter_articles(source)
    for article in articles:
        yield article.model_dump(mode="json")


def with_progress(
    label: str, source: ArticleSource, docs: Iterator[dict[str, Any]]
) -> Iterator[dict[str, Any]]:
    bar = Progress(label)
    if bar.active:  # counting the files is only worth it when a bar is drawn
        bar.total = count_articles(source)
    for doc in docs:
        yield doc
        bar.step()
