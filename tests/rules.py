"""An independent oracle: validator rules restated in the simplest code, to compare with it.

Each rule takes one article and returns what breaks it (empty: the article obeys it),
and names the validation codes that report the same thing (:data:`CODES`).
``tests/test_rules.py`` compares each rule with the validator on generated and mutated
articles: two implementations of one rule that must agree. Nothing runs these rules as a
gate over a corpus: the validator is the rulebook, and ``newsdata validate`` the gate.
"""

from __future__ import annotations

import csv
from collections.abc import Callable, Sequence

from newsdata import Article
from newsdata.datapackage.tables import TABLES
from newsdata.layout import CorpusLayout

# the quotation marks of each language are newsdata.text's (one table); finding the pairs
# is done here again, independently
from newsdata.text import quotation_marks

Rule = Callable[[Article], list[str]]


def quotation_mark_pairs(text: str, language: str) -> list[tuple[int, int]]:
    """The (start, end) of the words inside each quotation-mark pair on one line, inner
    spaces trimmed: a walk over the text that remembers the last opening mark of its line
    (the validator uses regular expressions).

    Examples
    --------
    >>> quotation_mark_pairs('Er sagte: „Ja.“ Sie: "Nein."', "de")
    [(11, 14), (22, 27)]
    >>> quotation_mark_pairs("Il a dit : « Oui. »", "fr")
    [(13, 17)]
    >>> quotation_mark_pairs("No marks at all.", "en-GB")
    []
    """
    pairs = set()
    for opening, closing in quotation_marks(language):
        pending = -1  # the opening mark waiting for its closing one
        for at, char in enumerate(text):
            if char == "\n":
                pending = -1
            elif pending != -1 and char == closing:
                inner = text[pending + 1 : at]
                start = pending + 1 + len(inner) - len(inner.lstrip())
                end = at - (len(inner) - len(inner.rstrip()))
                if start < end:
                    pairs.add((start, end))
                pending = -1
            elif char == opening:
                pending = at
    return sorted(pairs)


def spans_equal_their_slices(article: Article) -> list[str]:
    """Every span's ``text`` is the slice of the article's text it points at."""
    spans = [("mention", m.id, m.start, m.end, m.text) for m in article.mentions]
    spans += [("quote", q.id, q.start, q.end, q.text) for q in article.quotes]
    spans += [("timex", t.id, t.start, t.end, t.text) for t in article.timexes]
    spans += [("cue", q.id, q.cue.start, q.cue.end, q.cue.text) for q in article.quotes if q.cue]
    spans += [
        ("verbatim", q.id, v.start, v.end, v.text) for q in article.quotes for v in q.verbatim
    ]
    spans += [
        ("speaker span", q.id, s.start, s.end, s.text)
        for q in article.quotes
        if (s := q.speaker_span) is not None
    ]
    return [
        f"{kind} {ident} [{start}:{end}] {text!r} != {article.text[start:end]!r}"
        for kind, ident, start, end, text in spans
        if article.text[start:end] != text
    ]


def quotation_marks_are_covered_by_quotes(article: Article) -> list[str]:
    """Once verbatim parts are annotated (some quote has one), every quotation-mark pair
    outside boilerplate holds exactly one verbatim part of a quote, punctuation inside
    the marks included (the words in quotation marks are someone's words), or exactly a
    name (a title or a newspaper in quotation marks is a mention, not speech), or the
    parts of an incise, or lies inside a verbatim part (the speaker's own quotation
    marks)."""
    if article.annotation.methods.quotes == "none":
        return []
    parts = [(v.start, v.end) for q in article.quotes for v in q.verbatim]
    if not parts:
        return []
    boilerplate = [(b.start, b.end) for b in article.blocks if b.kind == "boilerplate"]
    names = {(m.start, m.end) for m in article.mentions}
    out = []
    pairs = quotation_mark_pairs(article.text, article.language)
    for start, end in pairs:
        held = parts.count((start, end))
        if held == 1 or (start, end) in names:
            continue
        if any(s <= start and end <= e for s, e in boilerplate):
            continue
        if held == 0 and any(s < start and end < e for s, e in parts if (s, e) in pairs):
            continue
        if held == 0 and _is_an_incise(article, start, end):
            continue
        out.append(
            f"quotation marks around {article.text[start:end]!r} [{start}:{end}]: "
            f"{held} verbatim parts, not one"
        )
    return out


def _is_an_incise(article: Article, start: int, end: int) -> bool:
    """Whether the words [start:end] run from the first to the last verbatim part of
    quotes with one cue and one speaker (speaker span, co-speakers), the cue between
    the parts: a French incise, « A, a déclaré X, B »."""
    for q in article.quotes:
        if q.cue is None:
            continue
        same = [
            o
            for o in article.quotes
            if o.cue == q.cue
            and (o.speaker, o.co_speakers, o.speaker_text, o.speaker_span)
            == (q.speaker, q.co_speakers, q.speaker_text, q.speaker_span)
        ]
        parts = sorted((v.start, v.end) for o in same for v in o.verbatim)
        if (
            len(parts) > 1
            and parts[0][0] == start
            and parts[-1][1] == end
            and parts[0][1] <= q.cue.start
            and q.cue.end <= parts[-1][0]
        ):
            return True
    return False


def blocks_tile_the_text(article: Article) -> list[str]:
    """Blocks are ordered, disjoint, cover every non-space character; one title block equals
    the title."""
    out = []
    cursor = 0
    covered = [False] * len(article.text)
    for block in article.blocks:
        if block.start < cursor:
            out.append(f"block {block.id} overlaps the block before it")
        cursor = max(cursor, block.end)
        covered[block.start : block.end] = [True] * (block.end - block.start)
    out += [
        f"character {i} {ch!r} is in no block"
        for i, ch in enumerate(article.text)
        if not covered[i] and not ch.isspace()
    ]
    titles = [b for b in article.blocks if b.kind == "title"]
    if len(titles) != 1 or article.text[titles[0].start : titles[0].end] != article.title:
        out.append("there must be one title block, and its text must equal `title`")
    return out


def links_are_consistent(article: Article) -> list[str]:
    """Every link names an entity of the article, of the mention's label class; every
    entity is referred to (by a mention, a speaker or a co-speaker); every quote has a
    speaker entity or names one in ``speaker_text``."""
    entities = {e.id: e for e in article.entities}
    out = []
    for m in article.mentions:
        if m.entity is None:
            continue
        if m.entity not in entities:
            out.append(f"mention {m.id} links unknown {m.entity}")
        elif m.label[:3] != entities[m.entity].type:
            out.append(
                f"mention {m.id} {m.label} links {m.entity} of type {entities[m.entity].type}"
            )
    referred = {m.entity for m in article.mentions}
    for q in article.quotes:
        referred.update([q.speaker, *q.co_speakers])
        out += [f"quote {q.id} names unknown {s}" for s in [q.speaker, *q.co_speakers]
                if s is not None and s not in entities]  # fmt: skip
        if q.speaker is None and not q.speaker_text:
            out.append(f"quote {q.id} has no speaker")
    out += [f"entity {e.id} is referred to by nothing" for e in article.entities
            if e.id not in referred]  # fmt: skip
    return out


def body_drops_only_boilerplate(article: Article) -> list[str]:
    """``Article.body`` keeps every block but boilerplate, and only those."""
    body = article.body
    out = [
        f"block {b.id} ({b.kind}) is missing from the body"
        for b in article.blocks
        if b.kind != "boilerplate" and article.text[b.start : b.end] not in body
    ]
    if any(b.kind == "boilerplate" for b in article.blocks) and len(body) >= len(article.text):
        out.append("the body keeps the boilerplate")
    return out


def unannotated_layers_are_empty(article: Article) -> list[str]:
    """A layer whose method is ``none`` holds no items."""
    methods = article.annotation.methods.model_dump()
    return [
        f"{layer} is marked 'none' but holds {len(getattr(article, layer))} item(s)"
        for layer, method in methods.items()
        if method == "none" and getattr(article, layer)
    ]


RULES: tuple[Rule, ...] = (
    spans_equal_their_slices,
    quotation_marks_are_covered_by_quotes,
    blocks_tile_the_text,
    links_are_consistent,
    body_drops_only_boilerplate,
    unannotated_layers_are_empty,
)

CODES: dict[Rule, frozenset[str]] = {
    spans_equal_their_slices: frozenset({"span-text-mismatch"}),
    quotation_marks_are_covered_by_quotes: frozenset({"quote-marks-unattributed"}),
    blocks_tile_the_text: frozenset({"block-overlap", "block-gap", "block-title"}),
    links_are_consistent: frozenset(
        {"entity-unknown", "entity-type-mismatch", "entity-unreferenced", "quote-no-speaker"}
    ),
    unannotated_layers_are_empty: frozenset({"layer-not-annotated"}),
}
"""The validation codes that report what each rule finds (``body_drops_only_boilerplate``
is about the code's ``Article.body``, not about data: no code)."""


def broken(rule: Rule, articles: tuple[Article, ...] | list[Article]) -> list[str]:
    """Every violation of ``rule`` in ``articles``, each prefixed with its article id."""
    return [f"{a.id}: {problem}" for a in articles for problem in rule(a)]


def tables_match_the_articles(layout: CorpusLayout, articles: Sequence[Article]) -> list[str]:
    """Every row of every CSV view is what the articles say, in order, and nothing else;
    every span row's text is the slice of its article's text."""
    docs = [a.model_dump(mode="json") for a in articles]
    texts = {a.id: a.text for a in articles}
    out = []
    for table in TABLES:
        with layout.table_path(table.name).open(encoding="utf-8", newline="") as handle:
            rows = list(csv.reader(handle))
        header = [c.name for c in table.columns]
        if rows[0] != header:
            out.append(f"{table.name}: header {rows[0]} != {header}")
            continue
        expected = [[str(v) for v in row] for doc in docs for row in table.rows(doc)]
        if rows[1:] != expected:
            out.append(f"{table.name}: rows differ from the articles; run `newsdata build`")
        if {"start", "end", "text"} <= set(header):
            i, j, k = (header.index(c) for c in ("start", "end", "text"))
            out += [
                f"{table.name}: {row[0]} {row[1]} text {row[k]!r} is not its slice"
                for row in rows[1:]
                if texts.get(row[0], "")[int(row[i]) : int(row[j])] != row[k]
            ]
    return out
