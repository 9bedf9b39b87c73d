"""Counts per layer and per label: what `newsdata info` prints and the build records."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from operator import itemgetter
from typing import Any

from newsdata.models import LABELS, LAYERS, Article

__all__ = ["LAYERS", "Tally", "count"]

_LABEL, _TYPE, _KIND = itemgetter("label"), itemgetter("type"), itemgetter("kind")


class Tally:
    """Counts accumulated one article at a time (memory independent of corpus size).

    Articles may be :class:`~newsdata.Article` objects or their JSON as dicts (the
    validator counts what it has already parsed).
    """

    def __init__(self) -> None:
        self.articles = 0
        self.layers: Counter[str] = Counter(dict.fromkeys(LAYERS, 0))
        self.labels: Counter[str] = Counter(dict.fromkeys(LABELS, 0))
        self.kinds: dict[str, Counter[str]] = {
            "entity_types": Counter(),
            "block_kinds": Counter(),
            "quote_kinds": Counter(),
            "timex_types": Counter(),
        }
        self.languages: Counter[str] = Counter()
        self.verbatim = 0
        self.methods: dict[str, Counter[str]] = {layer: Counter() for layer in LAYERS}

    def add(self, article: Article | dict[str, Any]) -> None:
        """Count one article."""
        if isinstance(article, dict):
            self._add_dict(article)
            return
        self.articles += 1
        for layer in LAYERS:
            self.layers[layer] += len(getattr(article, layer))
        self.labels.update(m.label for m in article.mentions)
        for key, layer, attribute in (
            ("entity_types", "entities", "type"),
            ("block_kinds", "blocks", "kind"),
            ("quote_kinds", "quotes", "kind"),
            ("timex_types", "timexes", "type"),
        ):
            self.kinds[key].update(getattr(x, attribute) for x in getattr(article, layer))
        self.verbatim += sum(len(q.verbatim) for q in article.quotes)
        self.languages[article.language] += 1
        for layer, method in article.annotation.methods.model_dump().items():
            self.methods[layer][method] += 1

    def _add_dict(self, article: dict[str, Any]) -> None:
        # The validator's hot path: item getters instead of per-item calls.
        self.articles += 1
        for layer in LAYERS:
            self.layers[layer] += len(article[layer])
        self.labels.update(map(_LABEL, article["mentions"]))
        self.kinds["entity_types"].update(map(_TYPE, article["entities"]))
        self.kinds["block_kinds"].update(map(_KIND, article["blocks"]))
        self.kinds["quote_kinds"].update(map(_KIND, article["quotes"]))
        self.kinds["timex_types"].update(map(_TYPE, article["timexes"]))
        self.verbatim += sum(len(q.get("verbatim", ())) for q in article["quotes"])
        self.languages[article["language"]] += 1
        for layer, method in article["annotation"]["methods"].items():
            self.methods[layer][method] += 1

    def merge(self, other: Tally) -> None:
        """Add another tally's counts to this one."""
        self.articles += other.articles
        self.layers.update(other.layers)
        self.labels.update(other.labels)
        for key, counter in other.kinds.items():
            self.kinds[key].update(counter)
        self.languages.update(other.languages)
        self.verbatim += other.verbatim
        for layer, counter in other.methods.items():
            self.methods[layer].update(counter)

    def result(self) -> dict[str, Any]:
        """The counts as plain, JSON-ready dicts with a stable key order."""
        return {
            "articles": self.articles,
            "layers": dict(self.layers),
            "verbatim_parts": self.verbatim,
            "mention_labels": {label: self.labels[label] for label in LABELS},
            **{key: dict(sorted(counter.items())) for key, counter in self.kinds.items()},
            "languages": dict(sorted(self.languages.items())),
            "annotation_methods": {
                layer: dict(sorted(counter.items())) for layer, counter in self.methods.items()
            },
        }


def count(articles: Iterable[Article | dict[str, Any]]) -> dict[str, Any]:
    """Count articles, items per layer, and items per label or kind.

    Examples
    --------
    >>> import newsdata
    >>> counts = newsdata.stats.count(newsdata.iter_articles())
    >>> counts["articles"] == len(newsdata.load())
    True
    >>> counts["layers"]["mentions"] == sum(counts["mention_labels"].values())
    True
    """
    tally = Tally()
    for article in articles:
        tally.add(article)
    return tally.result()
