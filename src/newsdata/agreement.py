"""`newsdata agree A B`: how far two annotations of the same texts agree, on every field.

B is scored against A, article by article, over the articles both hold. The texts must be
identical: agreement on different texts means nothing, so a difference is an error naming
the article.

**Matching.** Items of a span layer (blocks, mentions, quotes, the quotes' verbatim parts
as the layer ``verbatim``, timexes) match only exactly: same start and same end. Topics
match by :attr:`newsdata.models.Topic.key` (scheme and code). Entities have no span, and
their ids are each annotator's own choice, so they are *aligned* one to one, per article:
a pair of entities scores one *link* for every matched mention that A links to the one and
B to the other, and one for every matched quote that A gives the one as speaker and B the
other; pairs are taken greedily, most links first, then a pair with the same Wikidata id
or the same name before one without, then by ids (so the result is deterministic). Pairs
with no link and neither the same Wikidata id nor the same name are never aligned. An
aligned pair is a matched entity. Per layer: items in A, in B, matched; precision (matched
/ in B), recall (matched / in A) and F1.

**Attributes.** On the matched items, every attribute is compared: the *agreement* of an
attribute is the share of matched items whose values are equal; *differ* counts the
others. Offsets of span-valued attributes must be equal exactly (both null counts as
equal); a reference to an entity is equal when both are null or the two entities are
aligned; a set of references (co-speakers) is equal when it maps to the same set.

=========  ==================================================================================
layer      attributes
=========  ==================================================================================
blocks     ``kind``
mentions   ``label``; ``entity`` (the link)
entities   ``name``, ``type``, ``wikidata``
quotes     ``kind``; ``speaker`` (entity), ``co_speakers``, ``speaker_text``;
           ``speaker_span``, ``cue`` (offsets); ``inferred``; ``verbatim`` (all parts' offsets)
verbatim   none (spans only)
timexes    ``type``, ``value``, ``mod``
topics     ``label``, ``version`` (what the code is called in the version it was checked
           against: they describe the code, they do not identify it)
=========  ==================================================================================

Not compared: ids (local to each annotation), the ``text`` of an item (its offsets and the
identical texts determine it), article metadata and ``annotation`` provenance.
Categorical attributes also get Cohen's kappa (``kappa``): blocks' kind, mentions' label,
entities' type, quotes' kind and speaker, timexes' type, value and mod.

**JSON** (``newsdata agree A B --json``, :meth:`Agreement.to_dict`): per layer the keys
below (the guidelines page "Measuring agreement" shows them for a test fixture)::

    {"articles": 1,
     "layers": {"mentions": {"precision": 1.0, "recall": 0.8, "f1": 0.888888888888889,
                             "in_a": 5, "in_b": 4, "matched": 4,
                             "kappa": {"label": 0.6},
                             "attributes": {"label": {"agreement": 0.75, "compared": 4,
                                                      "differ": 1}, ...}},
                ...}}

A figure with nothing to measure (no item, no matched item) is null.
"""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Callable, Hashable, Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from newsdata.loader import CorpusError, iter_articles
from newsdata.models import Article, Entity
from newsdata.reading import read_article

__all__ = [
    "Agreement",
    "AgreementError",
    "AttributeAgreement",
    "LayerAgreement",
    "agree",
    "align_entities",
    "cohen_kappa",
    "read_annotations",
]


class AgreementError(CorpusError):
    """The two annotations were read but cannot be compared: no article in common, texts
    that differ, a mention's entity or a quote's speaker that is not one of its article's
    entities."""


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
class AttributeAgreement:
    """One attribute of one layer: matched items compared, and how many differ.

    Examples
    --------
    >>> AttributeAgreement(compared=4, differ=1).agreement
    0.75
    >>> AttributeAgreement().agreement is None
    True
    """

    compared: int = 0
    differ: int = 0

    @property
    def agreement(self) -> float | None:
        """Share of the compared items whose values are equal (None when none compared)."""
        return (self.compared - self.differ) / self.compared if self.compared else None

    def to_dict(self) -> dict[str, Any]:
        return {"agreement": self.agreement, "compared": self.compared, "differ": self.differ}


@dataclass
class LayerAgreement:
    """One layer: items in A and in B, matched items, their scores, label kappas, and the
    agreement of every attribute on the matched items."""

    in_a: int = 0
    in_b: int = 0
    matched: int = 0
    kappa: dict[str, float | None] = field(default_factory=dict)
    attributes: dict[str, AttributeAgreement] = field(default_factory=dict)

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
            "in_a": self.in_a,
            "in_b": self.in_b,
            "matched": self.matched,
            "kappa": dict(self.kappa),
            "attributes": {name: a.to_dict() for name, a in self.attributes.items()},
        }


def _show(value: float | None) -> str:
    return "-" if value is None else f"{value:.3f}"


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
        lines = [f"{self.articles} article(s); B scored against A (exact spans; entities aligned)"]
        lines.append(
            f"{'layer':9} {'A':>5} {'B':>5} {'both':>5} {'P':>6} {'R':>6} {'F1':>6}  kappa"
        )
        for name, layer in self.layers.items():
            kappas = ", ".join(f"{k} {_show(v)}" for k, v in layer.kappa.items()) or "-"
            lines.append(
                f"{name:9} {layer.in_a:5} {layer.in_b:5} {layer.matched:5} "
                f"{_show(layer.precision):>6} {_show(layer.recall):>6} {_show(layer.f1):>6}"
                f"  {kappas}"
            )
        lines += ["", "on the matched items: the share with equal values, and how many differ"]
        lines.append(f"{'layer':9} {'attribute':13} {'agree':>6} {'differ':>6}")
        for name, layer in self.layers.items():
            for attribute, counts in layer.attributes.items():
                lines.append(
                    f"{name:9} {attribute:13} {_show(counts.agreement):>6} {counts.differ:6}"
                )
        return "\n".join(lines)


# ------------------------------------------------------------------ entities, aligned

_Ref = tuple[str, str]
"""An entity as both sides name it: ("a", id in A) when it is A's or aligned to one of
A's, ("b", id in B) for an entity of B aligned to none."""


def _check_references(article: Article) -> dict[str, Entity]:
    known = {e.id: e for e in article.entities}
    for mention in article.mentions:
        if mention.entity is not None and mention.entity not in known:
            raise AgreementError(
                f"article {article.id}: mention {mention.id}'s entity {mention.entity!r} is not "
                "one of its entities; run `newsdata validate` on it"
            )
    for quote in article.quotes:
        for ident in (quote.speaker, *quote.co_speakers):
            if ident is not None and ident not in known:
                raise AgreementError(
                    f"article {article.id}: quote {quote.id}'s speaker {ident!r} is not one of "
                    f"its entities; run `newsdata validate` on it"
                )
    return known


def align_entities(a: Article, b: Article) -> dict[str, str]:
    """Pair the entities of two annotations of one text: B's entity id -> A's entity id.

    A pair scores a link per matched mention (same offsets) that A links to the one and B
    to the other, and per matched quote that A gives the one and B the other as speaker.
    Pairs are taken most links first, then those with the same Wikidata id or name, then
    by ids; a pair with no link and neither the same Wikidata id nor the same name is
    never taken.

    Raises
    ------
    AgreementError
        When a mention's entity or a quote's speaker is not one of its article's entities.

    Examples
    --------
    >>> import newsdata
    >>> article = newsdata.load()[0]
    >>> pairs = align_entities(article, article)
    >>> all(b == a for b, a in pairs.items()) and len(pairs) == len(article.entities)
    True
    """
    entities_a, entities_b = _check_references(a), _check_references(b)
    links: Counter[tuple[str, str]] = Counter()
    mentions_b = {(m.start, m.end): m for m in b.mentions}
    for mention in a.mentions:
        other = mentions_b.get((mention.start, mention.end))
        if other is not None and mention.entity and other.entity:
            links[mention.entity, other.entity] += 1
    quotes_b = {(q.start, q.end): q for q in b.quotes}
    for quote in a.quotes:
        other_quote = quotes_b.get((quote.start, quote.end))
        if other_quote is not None and quote.speaker and other_quote.speaker:
            links[quote.speaker, other_quote.speaker] += 1

    def same(pair: tuple[str, str]) -> bool:
        first, second = entities_a[pair[0]], entities_b[pair[1]]
        if first.wikidata is not None and first.wikidata == second.wikidata:
            return True
        return first.name == second.name

    candidates = set(links) | {(x, y) for x in entities_a for y in entities_b if same((x, y))}
    ranked = sorted(candidates, key=lambda p: (-links[p], not same(p), p))
    aligned: dict[str, str] = {}
    taken: set[str] = set()
    for first_id, second_id in ranked:
        if first_id not in taken and second_id not in aligned:
            aligned[second_id] = first_id
            taken.add(first_id)
    return aligned


@dataclass(frozen=True)
class _Side:
    """One annotation of an article, with its entities named as both sides name them."""

    article: Article
    refs: Mapping[str, _Ref]

    def ref(self, entity_id: str | None) -> _Ref | None:
        return None if entity_id is None else self.refs[entity_id]


def _sides(a: Article, b: Article) -> tuple[_Side, _Side]:
    aligned = align_entities(a, b)
    refs_a = {e.id: ("a", e.id) for e in a.entities}
    refs_b = {e.id: ("a", aligned[e.id]) if e.id in aligned else ("b", e.id) for e in b.entities}
    return _Side(a, refs_a), _Side(b, refs_b)


# ------------------------------------------------------------------ layers

_Read = Callable[[_Side, Any], Hashable]


@dataclass(frozen=True)
class _Layer:
    """What a layer compares: its items, what matches them, which attributes they carry,
    and which of those get Cohen's kappa."""

    items: Callable[[Article], Iterable[Any]]
    key: _Read
    attributes: Mapping[str, _Read] = field(default_factory=dict)
    kappa: tuple[str, ...] = ()


def _span(side: _Side, item: Any) -> tuple[int, int]:
    return (item.start, item.end)


def _segment(value: Any) -> tuple[int, int] | None:
    return None if value is None else (value.start, value.end)


def _field(name: str) -> _Read:
    def read(side: _Side, item: Any) -> Hashable:
        value: Hashable = getattr(item, name)
        return value

    return read


def _co_speakers(side: _Side, quote: Any) -> Hashable:
    return frozenset(side.ref(e) for e in quote.co_speakers)


# How `agree` scores each layer: its items, how two match, the attributes compared
SCORING: Mapping[str, _Layer] = {
    "blocks": _Layer(lambda a: a.blocks, _span, {"kind": _field("kind")}, ("kind",)),
    "mentions": _Layer(
        lambda a: a.mentions,
        _span,
        {"label": _field("label"), "entity": lambda s, m: s.ref(m.entity)},
        ("label",),
    ),
    "entities": _Layer(
        lambda a: a.entities,
        lambda s, e: s.ref(e.id),
        {"name": _field("name"), "type": _field("type"), "wikidata": _field("wikidata")},
        ("type",),
    ),
    "quotes": _Layer(
        lambda a: a.quotes,
        _span,
        {
            "kind": _field("kind"),
            "speaker": lambda s, q: s.ref(q.speaker),
            "co_speakers": _co_speakers,
            "speaker_text": _field("speaker_text"),
            "speaker_span": lambda s, q: _segment(q.speaker_span),
            "cue": lambda s, q: _segment(q.cue),
            "inferred": _field("inferred"),
            "verbatim": lambda s, q: tuple(_segment(v) for v in q.verbatim),
        },
        ("kind", "speaker"),
    ),
    # the speakers' exact words as spans of their own, whichever quote holds them
    "verbatim": _Layer(lambda a: [v for q in a.quotes for v in q.verbatim], _span),
    "timexes": _Layer(
        lambda a: a.timexes,
        _span,
        {"type": _field("type"), "value": _field("value"), "mod": _field("mod")},
        ("type", "value", "mod"),
    ),
    "topics": _Layer(
        lambda a: a.topics,
        lambda s, t: t.key,
        {"label": _field("label"), "version": _field("version")},
    ),
}
"""The layers ``newsdata agree`` scores, in the order it reports them."""


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
        articles = [read_article(str(path))]  # the one reader; the id held to the file name
    else:
        raise CorpusError(f"{path}: no such file or directory")
    return {a.id: a for a in articles}


def _label(value: Hashable) -> str:
    # kappa counts labels as strings; None and an entity reference get a readable one
    if value is None:
        return "-"
    if isinstance(value, tuple):
        return ":".join(map(str, value))
    return str(value)


def agree(a: Mapping[str, Article], b: Mapping[str, Article]) -> Agreement:
    """Score B against A over the articles both hold (see the module for the definitions).

    Raises
    ------
    AgreementError
        When the two hold no article in common, an article's text differs, or a mention's
        entity or a quote's speaker is not one of its article's entities.

    Examples
    --------
    >>> import newsdata
    >>> corpus = {article.id: article for article in newsdata.load()}
    >>> result = agree(corpus, corpus)
    >>> result.layers["quotes"].attributes["cue"].agreement
    1.0
    """
    common = sorted(set(a) & set(b))
    if not common:
        raise AgreementError("the two annotations have no article id in common")
    layers = {
        name: LayerAgreement(attributes={k: AttributeAgreement() for k in spec.attributes})
        for name, spec in SCORING.items()
    }
    pairs: dict[str, dict[str, list[tuple[str, str]]]] = {
        name: {k: [] for k in spec.kappa} for name, spec in SCORING.items()
    }
    for article_id in common:
        first, second = a[article_id], b[article_id]
        if first.text != second.text:
            raise AgreementError(
                f"article {article_id}: the texts differ; agreement is measured on "
                "identical texts only"
            )
        side_a, side_b = _sides(first, second)
        for name, spec in SCORING.items():
            items_a = {spec.key(side_a, item): item for item in spec.items(first)}
            items_b = {spec.key(side_b, item): item for item in spec.items(second)}
            layer = layers[name]
            layer.in_a += len(items_a)
            layer.in_b += len(items_b)
            both = [key for key in items_a if key in items_b]
            layer.matched += len(both)
            for key in both:
                for attribute, read in spec.attributes.items():
                    value_a = read(side_a, items_a[key])
                    value_b = read(side_b, items_b[key])
                    counts = layer.attributes[attribute]
                    counts.compared += 1
                    counts.differ += value_a != value_b
                    if attribute in spec.kappa:
                        pairs[name][attribute].append((_label(value_a), _label(value_b)))
    for name, layer in layers.items():
        layer.kappa = {k: cohen_kappa(found) for k, found in pairs[name].items()}
    return Agreement(len(common), layers)
