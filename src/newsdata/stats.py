"""Counts per layer and per label: what `newsdata info` prints and the build records."""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterable
from operator import attrgetter, itemgetter
from typing import Any

from newsdata.models import LABELS, LAYERS, Article

__all__ = ["LAYERS", "Tally", "count"]

_KINDS = (
    ("entity_types", "entities", "type"),
    ("block_kinds", "blocks", "kind"),
    ("quote_kinds", "quotes", "kind"),
    ("timex_types", "timexes", "type"),
)
"""The kinds counted: the count's key, the layer, and the field of each item."""

Getter = Callable[[str], Callable[[Any], Any]]
"""What reads a field by name: :func:`operator.itemgetter` or :func:`operator.attrgetter`."""


def _dict_verbatim(quote: dict[str, Any]) -> Any:
    return quote.get("verbatim", ())


class Tally:
    """Counts accumulated one article at a time (memory independent of corpus size).

    Articles may be :class:`~newsdata.Article` objects or their JSON as dicts (the
    validator counts what it has already parsed); both are counted by one rule, read
    through attributes or keys.

    Examples
    --------
    >>> import newsdata
    >>> article = next(newsdata.iter_articles())
    >>> by_model, by_dict = Tally(), Tally()
    >>> by_model.add(article)
    >>> by_dict.add(article.model_dump(mode="json", exclude_none=True))
    >>> by_model.result() == by_dict.result()
    True
    """

    def __init__(self) -> None:
        self.articles = 0
        self.layers: Counter[str] = Counter(dict.fromkeys(LAYERS, 0))
        self.labels: Counter[str] = Counter(dict.fromkeys(LABELS, 0))
        self.kinds: dict[str, Counter[str]] = {key: Counter() for key, _, _ in _KINDS}
        self.languages: Counter[str] = Counter()
        self.verbatim = 0
        self.methods: dict[str, Counter[str]] = {layer: Counter() for layer in LAYERS}

    def add(self, article: Article | dict[str, Any]) -> None:
        """Count one article."""
        if isinstance(article, dict):
            # the validator's hot path: item getters (JSON may leave `verbatim` out)
            methods = article["annotation"]["methods"]
            self._add(article, itemgetter, _dict_verbatim, methods)
        else:
            methods = article.annotation.methods.model_dump()
            self._add(article, attrgetter, attrgetter("verbatim"), methods)

    def _add(
        self, article: Any, get: Getter, verbatim: Callable[[Any], Any], methods: dict[str, str]
    ) -> None:
        self.articles += 1
        layers = {layer: get(layer)(article) for layer in LAYERS}
        for layer, items in layers.items():
            self.layers[layer] += len(items)
        self.labels.update(map(get("label"), layers["mentions"]))
        for key, layer, field in _KINDS:
            self.kinds[key].update(map(get(field), layers[layer]))
        self.verbatim += sum(len(verbatim(q)) for q in layers["quotes"])
        self.languages[get("language")(article)] += 1
        for layer, method in methods.items():
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
