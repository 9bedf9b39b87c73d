"""Articles as JSON-ready dicts, streamed from a corpus directory or taken from a Corpus."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

from newsdata._progress import Progress
from newsdata.layout import CorpusLayout, dataset_dir
from newsdata.loader import Corpus, iter_articles

Source = Corpus | str | Path | None


def count_articles(source: Source) -> int:
    if isinstance(source, Corpus):
        return len(source)
    root = dataset_dir() if source is None else Path(source)
    return len(CorpusLayout(root).article_names())


def iter_docs(source: Source) -> Iterator[dict[str, Any]]:
    """One article at a time, as the dict its JSON file holds (validated on the way)."""
    articles = source if isinstance(source, Corpus) else iter_articles(source)
    for article in articles:
        yield article.model_dump(mode="json")


def with_progress(
    label: str, source: Source, docs: Iterator[dict[str, Any]]
) -> Iterator[dict[str, Any]]:
    bar = Progress(label)
    if bar.active:  # counting the files is only worth it when a bar is drawn
        bar.total = count_articles(source)
    for doc in docs:
        yield doc
        bar.step()
