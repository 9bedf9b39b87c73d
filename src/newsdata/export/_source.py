"""Articles as JSON-ready dicts, streamed from a corpus directory or taken from a Corpus."""

from __future__ import annotations

import sys
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any, TextIO

from newsdata._paths import dataset_dir
from newsdata.loader import ARTICLES, Corpus, article_names, iter_articles

Source = Corpus | str | Path | None


def count_articles(source: Source) -> int:
    if isinstance(source, Corpus):
        return len(source)
    root = dataset_dir() if source is None else Path(source)
    return len(article_names(root / ARTICLES))


def iter_docs(source: Source) -> Iterator[dict[str, Any]]:
    """One article at a time, as the dict its JSON file holds (validated on the way)."""
    articles = source if isinstance(source, Corpus) else iter_articles(source)
    for article in articles:
        yield article.model_dump(mode="json")


class Progress:
    """A progress bar on stderr when it is a terminal; silent otherwise."""

    def __init__(self, label: str, total: int, stream: TextIO | None = None) -> None:
        self.label, self.total, self.done = label, total, 0
        self.stream = stream or sys.stderr
        self.active = self.stream.isatty() and total >= 50

    def step(self) -> None:
        self.done += 1
        if self.active and (self.done == self.total or self.done % max(1, self.total // 200) == 0):
            filled = 30 * self.done // self.total
            bar = "#" * filled + "." * (30 - filled)
            self.stream.write(f"\r{self.label} [{bar}] {self.done}/{self.total}")
            if self.done == self.total:
                self.stream.write("\n")
            self.stream.flush()


def with_progress(
    label: str, source: Source, docs: Iterator[dict[str, Any]]
) -> Iterator[dict[str, Any]]:
    bar = Progress(label, count_articles(source))
    for doc in docs:
        yield doc
        bar.step()


Callback = Callable[[int, int], None]
