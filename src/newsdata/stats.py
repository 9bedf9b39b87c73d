"""Counts per layer and per label: what `newsdata info` prints and the build records."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from typing import Any

from newsdata.models import LABELS, Article

__all__ = ["LAYERS", "count"]

LAYERS = ("blocks", "mentions", "entities", "quotes", "timexes", "topics")


def count(articles: Iterable[Article]) -> dict[str, Any]:
    """Count articles, items per layer, and items per label or kind.

    Examples
    --------
    >>> import newsdata
    >>> counts = newsdata.stats.count(newsdata.iter_articles())
    >>> counts["articles"], counts["layers"]["mentions"] == sum(counts["mention_labels"].values())
    (1, True)
    """
    layers: Counter[str] = Counter({layer: 0 for layer in LAYERS})
    labels: Counter[str] = Counter({label: 0 for label in LABELS})
    blocks: Counter[str] = Counter()
    quotes: Counter[str] = Counter()
    timexes: Counter[str] = Counter()
    entities: Counter[str] = Counter()
    n = 0
    for article in articles:
        n += 1
        for layer in LAYERS:
            layers[layer] += len(getattr(article, layer))
        labels.update(m.label for m in article.mentions)
        blocks.update(b.kind for b in article.blocks)
        quotes.update(q.kind for q in article.quotes)
        timexes.update(t.type for t in article.timexes)
        entities.update(e.type for e in article.entities)
    return {
        "articles": n,
        "layers": dict(layers),
        "mention_labels": {label: labels[label] for label in LABELS},
        "entity_types": dict(sorted(entities.items())),
        "block_kinds": dict(sorted(blocks.items())),
        "quote_kinds": dict(sorted(quotes.items())),
        "timex_types": dict(sorted(timexes.items())),
    }
