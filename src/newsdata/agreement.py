"""`newsdata agree A B`: how far two annotations of the same texts agree, layer by layer.

B is scored against A. Spans match only exactly (same start and end): precision, recall
and F1 per layer (and for the quotes' verbatim parts). On the matched spans, the labels
are compared with Cohen's kappa (mentions' labels; quotes' kinds and speakers, all
speakers of a joint statement; timexes' types and values); topics match by scheme and
code. The texts must be identical: agreement on different texts means
nothing, so a difference is an error naming the article.
"""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Callable, Iterable, Mapping
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

from newsdata.loader import CorpusError, check_id, iter_articles, parse_article
from newsdata.models import Article

__all__ = [
    "Agreement",
    "AgreementError",
    "LayerAgreement",
    "agree",
    "cohen_kappa",
    "read_annotations",
]


class AgreementError(CorpusError):
    """The two annotations were read but cannot be compared: no article in common, texts
    that differ, a quote's speaker that is not one of its article's entities."""


def cohen_kappa(pairs: Iterable[tuple[str, str]]) -> float | None:
    """Cohen's kappa of two annotators' labels on the same items (None for no items).

    When both annotators use one and the same label throughout, chance agreement is 1
    and kappa is undefined; it is reported as 1.0 (they agree on every item).

    Examples
    --------
    >>> cohen_kappa([("a", "a"), ("b", "b")])
    1.0
    >>> round(cohen_kappa([("a", "a"), ("a", "b"), ("b", "b"), ("b", "a")]), 3)
    0.0
    >>> cohen_kappa([]) is None
    True
    """
    items = list(pairs)
    if not items:
        return None
    n = len(items)
    observed = sum(1 for a, b in items if a == b) / n
    first, second = Counter(a for a, _ in items), Counter(b for _, b in items)
    expected = sum(first[label] * second[label] for label in first) / (n * n)
    if expected == 1.0:
        return 1.0
    return (observed - expected) / (1.0 - expected)


@dataclass
class LayerAgreement:
    """One layer: spans in A and in B, matched spans, their scores, and label kappas."""

    in_a: int = 0
    in_b: int = 0
    matched: int = 0
    kappa: dict[str, float | None] = field(default_factory=dict)

    @property
    def precision(self) -> float | None:
        return self.matched / self.in_b if self.in_b else None

    @property
    def recall(self) -> float | None:
        return self.matched / self.in_a if self.in_a else None

    @property
    def f1(self) -> float | None:
        p, r = self.precision, self.recall
        if p is None or r is None:
            return None
        return 0.0 if p + r == 0 else 2 * p * r / (p + r)

    def to_dict(self) -> dict[str, Any]:
        return {
            "precision": self.precision,
            "recall": self.recall,
            "f1": self.f1,
            **asdict(self),
        }


@dataclass
class Agreement:
    """Agreement of B with A over the articles both hold."""

    articles: int
    layers: dict[str, LayerAgreement]

    def to_dict(self) -> dict[str, Any]:
        return {
            "articles": self.articles,
            "layers": {k: v.to_dict() for k, v in self.layers.items()},
        }

    def to_json(self) -> str:
        return json.dumps(self.to_dict(), indent=2)

    def to_text(self) -> str:
        def show(value: float | None) -> str:
            return "-" if value is None else f"{value:.3f}"

        lines = [f"{self.articles} article(s); B scored against A (exact spans)"]
        lines.append(
            f"{'layer':9} {'A':>5} {'B':>5} {'both':>5} {'P':>6} {'R':>6} {'F1':>6}  kappa"
        )
        for name, layer in self.layers.items():
            kappas = ", ".join(f"{k} {show(v)}" for k, v in layer.kappa.items()) or "-"
            lines.append(
                f"{name:9} {layer.in_a:5} {layer.in_b:5} {layer.matched:5} "
                f"{show(layer.precision):>6} {show(layer.recall):>6} {show(layer.f1):>6}  {kappas}"
            )
        return "\n".join(lines)


def _speaker(article: Article, quote: Any) -> str:
    # Entity ids are each annotator's own choice: compare the entities' names or Wikidata
    # ids (all speakers of a joint statement, in any order).
    if quote.speaker is not None:
        known = {e.id: e for e in article.entities}
        for ident in (quote.speaker, *quote.co_speakers):
            if ident not in known:
                raise AgreementError(
                    f"article {article.id}: quote {quote.id}'s speaker {ident!r} is not one of "
                    f"its entities; run `newsdata validate` on it"
                )
        entities = [known[e] for e in (quote.speaker, *quote.co_speakers)]
        return " & ".join(sorted(e.wikidata or e.name for e in entities))
    return str(quote.speaker_text or "")


_Labels = Mapping[str, Callable[[Article, Any], str]]


@dataclass(frozen=True)
class _Layer:
    """What a layer compares: its items, how an item is keyed, which labels it carries."""

    items: Callable[[Article], Iterable[Any]]
    key: Callable[[Any], tuple[Any, ...]]
    labels: _Labels = field(default_factory=dict)


def _span(item: Any) -> tuple[int, int]:
    return (item.start, item.end)


LAYERS: dict[str, _Layer] = {
    "mentions": _Layer(lambda a: a.mentions, _span, {"label": lambda a, m: m.label}),
    "quotes": _Layer(lambda a: a.quotes, _span, {"kind": lambda a, q: q.kind, "speaker": _speaker}),
    # the speakers' exact words, whichever quote holds them
    "verbatim": _Layer(lambda a: [v for q in a.quotes for v in q.verbatim], _span),
    "timexes": _Layer(
        lambda a: a.timexes, _span, {"type": lambda a, t: t.type, "value": lambda a, t: t.value}
    ),
    "topics": _Layer(lambda a: a.topics, lambda t: (t.scheme, t.code)),
}


def read_annotations(path: Path) -> dict[str, Article]:
    """The articles of a corpus directory, or of one article file, by id.

    Raises
    ------
    CorpusError
        When ``path`` is missing, a file is not a valid article, or an article's id
        differs from its file name (as :func:`newsdata.load` refuses it: articles are
        matched by id, so a file must be what its name says).
    """
    if path.is_dir():
        articles = list(iter_articles(path, check_ids=True))  # the one read path of a corpus
    elif path.is_file():
        article = parse_article(path, path.read_bytes())
        check_id(path, article.id)
        articles = [article]
    else:
        raise CorpusError(f"{path}: no such file or directory")
    return {a.id: a for a in articles}


def agree(a: Mapping[str, Article], b: Mapping[str, Article]) -> Agreement:
    """Score B against A over the articles both hold.

    Raises
    ------
    AgreementError
        When the two hold no article in common, an article's text differs, or a quote's
        speaker is not one of its article's entities.
    """
    common = sorted(set(a) & set(b))
    if not common:
        raise AgreementError("the two annotations have no article id in common")
    layers = {name: LayerAgreement() for name in LAYERS}
    labels: dict[str, dict[str, list[tuple[str, str]]]] = {
        name: {label: [] for label in spec.labels} for name, spec in LAYERS.items()
    }
    for article_id in common:
        first, second = a[article_id], b[article_id]
        if first.text != second.text:
            raise AgreementError(
                f"article {article_id}: the texts differ; agreement is measured on "
                "identical texts only"
            )
        for name, spec in LAYERS.items():
            items_a = {spec.key(item): item for item in spec.items(first)}
            items_b = {spec.key(item): item for item in spec.items(second)}
            layer = layers[name]
            layer.in_a += len(items_a)
            layer.in_b += len(items_b)
            both = set(items_a) & set(items_b)
            layer.matched += len(both)
            for span in sorted(both):
                for label, read in spec.labels.items():
                    labels[name][label].append(
                        (read(first, items_a[span]), read(second, items_b[span]))
                    )
    for name, layer in layers.items():
        layer.kappa = {label: cohen_kappa(pairs) for label, pairs in labels[name].items()}
    return Agreement(len(common), layers)
