"""Level 3: relations the schema cannot express (offsets, references, tiling, values).

Runs on a document that passed the schema level, so every field has its type. Each
group of checks is one small function registered with the codes it may report
(:data:`SEMANTIC_CHECKS`); :func:`check_semantic` runs them in order on one article.
None of them changes the document it is given.
"""

from __future__ import annotations

import bisect
import collections
import copy
import datetime
import functools
import itertools
import re
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from newsdata.models import LAYERS, QUOTE_SEGMENTS, SPAN_LAYERS, quote_segments
from newsdata.validate.filelevel import Parsed
from newsdata.validate.locate import walk_strings
from newsdata.validate.report import Problem

__all__ = [
    "SEMANTIC_CHECKS",
    "SemanticCheck",
    "check_semantic",
    "lone_surrogate_problems",
    "timex_value_problem",
]

# RFC 5646 well-formedness (grandfathered tags aside); the registry is not consulted.
_BCP47 = re.compile(
    r"""
    (?:[a-z]{2,3}(?:-[a-z]{3}){0,3}|[a-z]{4}|[a-z]{5,8})   # language, extlang
    (?:-[a-z]{4})?                                        # script
    (?:-(?:[a-z]{2}|[0-9]{3}))?                           # region
    (?:-(?:[a-z0-9]{5,8}|[0-9][a-z0-9]{3}))*              # variants
    (?:-[a-wyz0-9](?:-[a-z0-9]{2,8})+)*                   # extensions
    (?:-x(?:-[a-z0-9]{1,8})+)?                            # private use
    """,
    re.VERBOSE,
)

_DATE_PART = (
    r"(?:[0-9X]{2,4}"
    r"|[0-9X]{4}-(?:[0-9X]{2}(?:-[0-9X]{2})?|W[0-9X]{2}(?:-WE)?|SP|SU|FA|WI|Q[1-4X]|H[12X]))"
)
_REF = r"(?:PRESENT|PAST|FUTURE)_REF"
_DURATION = r"P(?:[0-9X.]+[YMWDCLE])*(?:T(?:[0-9X.]+[HMS])+)?"
_TIMEX_FORMS = {
    "DATE": re.compile(rf"{_DATE_PART}|{_REF}"),
    "TIME": re.compile(
        rf"(?:{_DATE_PART})?T(?:[0-9]{{2}}(?::[0-9]{{2}}(?::[0-9]{{2}})?)?|MO|MI|AF|EV|NI|DT)|{_REF}"
    ),
    "DURATION": re.compile(_DURATION),
    "SET": re.compile(rf"{_DURATION}|{_DATE_PART}"),
}
_FULL_DATE = re.compile(r"([0-9]{4})-([0-9]{2})(?:-([0-9]{2}))?")

# Quotation-mark pairs (opening, closing) by primary language subtag. A closing mark of
# one convention is an opening mark of another (German „…“ closes with the English
# opening “), so the pairs depend on the language. Single marks are left out where the
# closing one doubles as the apostrophe (English ‘…’, l’automne).
STRAIGHT_QUOTES = ('"', '"')
QUOTATION_MARKS: dict[str, tuple[tuple[str, str], ...]] = {
    "de": (("„", "“"), ("‚", "‘"), ("»", "«"), ("«", "»"), STRAIGHT_QUOTES),
    "en": (("“", "”"), STRAIGHT_QUOTES),
    "fr": (("«", "»"), ("“", "”"), STRAIGHT_QUOTES),
}
"""The quotation marks of each language; :data:`OTHER_QUOTATION_MARKS` for the rest."""
OTHER_QUOTATION_MARKS: tuple[tuple[str, str], ...] = (
    ("«", "»"), ("“", "”"), ("„", "“"), STRAIGHT_QUOTES
)  # fmt: skip


def quoted_words(text: str, language: str) -> list[tuple[int, int]]:
    """The (start, end) of the words inside each quotation-mark pair of ``text`` (no
    line break inside), spaces inside the marks left out (French « Oui »).

    An opening mark pairs with the next closing mark on its line; of several opening
    marks before it, the last one (so ``"a "b"`` pairs around ``b``). One regular
    expression per kind of mark, each scanning the text once: linear in its length,
    whatever the marks.

    Examples
    --------
    >>> text = 'Er sagte: „Ja.“ Sie: »Nein«.'
    >>> [text[s:e] for s, e in quoted_words(text, "de")]
    ['Ja.', 'Nein']
    """
    marks = QUOTATION_MARKS.get(language.split("-")[0].lower(), OTHER_QUOTATION_MARKS)
    found: set[tuple[int, int]] = set()
    for opening, closing in marks:
        for pair in _pair_finder(opening, closing).finditer(text):
            start, stop = pair.span(1)
            while start < stop and text[start].isspace():
                start += 1
            while stop > start and text[stop - 1].isspace():
                stop -= 1
            if start < stop:
                found.add((start, stop))
    return sorted(found)


@functools.cache
def _pair_finder(opening: str, closing: str) -> re.Pattern[str]:
    # an opening mark, then no mark of the pair and no line break, then the closing mark:
    # a failed attempt stops at the next mark, so each stretch of text is scanned once
    inside = "[^" + re.escape(opening + closing) + "\n]*"
    return re.compile(re.escape(opening) + "(" + inside + ")" + re.escape(closing))


# Control characters can reach a parsed string only through an escape (raw ones are
# a JSON syntax error), except C1 controls; lone surrogates only through escapes.
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")
_SURROGATE = re.compile(r"[\ud800-\udfff]")


def timex_value_problem(kind: str, value: str) -> tuple[str, str] | None:
    """Return ``(code, message)`` when a TIMEX3 value is malformed or impossible, else None.

    Examples
    --------
    >>> timex_value_problem("DATE", "2024-06-19") is None
    True
    >>> timex_value_problem("DATE", "2024-02-30")[0]
    'timex-invalid-date'
    >>> timex_value_problem("DURATION", "24 Jahre")[0]
    'timex-value'
    """
    form = _TIMEX_FORMS[kind]
    if not form.fullmatch(value) or value in ("P", "PT") or value.endswith("T"):
        return "timex-value", f"{value!r} is not a well-formed TIMEX3 value of type {kind}"
    match = _FULL_DATE.match(value)
    if match is not None:
        year, month, day = (int(g) if g else None for g in match.groups())
        try:
            datetime.date(year or 1, month or 1, day or 1)
        except ValueError:
            return "timex-invalid-date", f"{value!r} names a date that does not exist"
    return None


def lone_surrogate_problems(parsed: Parsed) -> list[Problem]:
    """``text-lone-surrogate`` for every key and string holding half a character.

    Used by the schema level too: the schema validator cannot take such a string, so a
    document holding one is reported here and checked no further.
    """
    problems = []
    for pointer, string, is_key in walk_strings(parsed.value):
        found = _SURROGATE.search(string)
        if found:
            where = "in a key" if is_key else f"at position {found.start()}"
            message = f"lone surrogate U+{ord(found.group()):04X} {where}"
            problems.append(parsed.problem("text-lone-surrogate", message, pointer))
    return sorted(problems, key=lambda p: (p.line or 0, p.column or 0))


@dataclass
class _Article:
    """What the checks of one article share: the document, its text, what was found."""

    parsed: Parsed
    doc: dict[str, Any]
    today: datetime.date
    found: list[Problem] = field(default_factory=list)
    codes: frozenset[str] = frozenset()  # the codes the running check declared
    mentions_sorted: bool = False  # found by the order check; spares the nesting check a sort

    @property
    def text(self) -> str:
        text: str = self.doc["text"]
        return text

    def add(self, code: str, message: str, pointer: str | None) -> None:
        assert code in self.codes, f"{code} is not declared by the check that reported it"
        self.found.append(self.parsed.problem(code, message, pointer))


@dataclass(frozen=True)
class SemanticCheck:
    """A group of semantic checks: the codes it may report, and the function that runs it."""

    name: str
    codes: tuple[str, ...]
    run: Callable[[_Article], None]


SEMANTIC_CHECKS: list[SemanticCheck] = []
"""Every semantic check, in the order they run."""


def _check(*codes: str) -> Callable[[Callable[[_Article], None]], Callable[[_Article], None]]:
    def register(run: Callable[[_Article], None]) -> Callable[[_Article], None]:
        SEMANTIC_CHECKS.append(SemanticCheck(run.__name__.strip("_"), codes, run))
        return run

    return register


def check_semantic(parsed: Parsed, today: datetime.date | None = None) -> list[Problem]:
    """Run every semantic check on a schema-valid article; return the problems found."""
    day = today or datetime.date.today()
    try:
        return _run(_Article(parsed, parsed.value, day))
    except TypeError:
        # JSON Schema accepts 5.0 as an integer, and slicing the text with it fails: the
        # rare document with such an offset is checked again as a copy with int offsets.
        return _run(_Article(parsed, _integral_offsets(parsed.value), day))


def _run(article: _Article) -> list[Problem]:
    for check in SEMANTIC_CHECKS:
        article.codes = frozenset(check.codes)
        check.run(article)
    return article.found


@_check("text-not-nfc", "text-control-char", "text-lone-surrogate")
def _characters(a: _Article) -> None:
    if not unicodedata.is_normalized("NFC", a.text):
        a.add("text-not-nfc", "text is not NFC-normalised", "/text")
    if a.parsed.maybe_control or a.parsed.maybe_surrogate:
        for pointer, value, is_key in walk_strings(a.doc):
            if is_key:  # an unknown key is the schema level's, a known one is plain ASCII
                continue
            for code, pattern, what in (
                ("text-control-char", _CONTROL, "control character"),
                ("text-lone-surrogate", _SURROGATE, "lone surrogate"),
            ):
                found = pattern.search(value)
                if found:
                    char = f"U+{ord(found.group()):04X}"
                    a.add(code, f"{what} {char} at position {found.start()}", pointer)


def _integral_offsets(doc: dict[str, Any]) -> dict[str, Any]:
    """A copy of ``doc`` whose offsets are ints (JSON Schema accepts 5.0 as an integer)."""
    doc = copy.deepcopy(doc)
    spans = [*doc["blocks"], *(x for layer in SPAN_LAYERS for x in doc[layer])]
    spans += [part for q in doc["quotes"] for _, part in quote_segments(q)]
    for span in spans:
        span["start"], span["end"] = int(span["start"]), int(span["end"])
    return doc


@_check("span-empty", "span-out-of-range", "span-text-mismatch", "span-untrimmed")
def _spans(a: _Article) -> None:
    text, n = a.text, len(a.text)
    doc = a.doc
    groups: list[tuple[str, list[Any], bool]] = [
        ("/blocks", doc["blocks"], False),
        *((f"/{layer}", doc[layer], True) for layer in SPAN_LAYERS),
    ]
    # the segments inside quotes (cue, speaker span, verbatim parts), in quote_segments' order
    segments = _segments(doc["quotes"])
    groups.append(("", segments, True))
    for prefix, items, has_text in groups:
        # the common case in one comprehension: in range, text equal, trimmed
        if has_text:
            suspects = [
                i
                for i, x in enumerate(items)
                if not (
                    0 <= (s := x["start"]) < (e := x["end"]) <= n
                    and (t := x["text"]) == text[s:e]
                    and t == t.strip()
                )
            ]
        else:
            suspects = [
                i
                for i, x in enumerate(items)
                if not (
                    0 <= (s := x["start"]) < (e := x["end"]) <= n
                    and not text[s].isspace()
                    and not text[e - 1].isspace()
                )
            ]
        pointers = _segment_pointers(doc["quotes"]) if suspects and not prefix else []
        for i in suspects:
            pointer = f"{prefix}/{i}" if prefix else pointers[i]
            _check_span(a, pointer, items[i], has_text)


def _segments(quotes: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """The segments of ``quotes``, in the order of :func:`quote_segments`, without pointers."""
    # quote_segments spells out a pointer per segment; only a suspect one needs it
    found: list[dict[str, Any]] = []
    for q in quotes:
        for name in QUOTE_SEGMENTS:
            value = q.get(name)
            if isinstance(value, (list, tuple)):
                found += value
            elif value is not None:
                found.append(value)
    return found


def _segment_pointers(quotes: list[dict[str, Any]]) -> list[str]:
    """The pointers of :func:`_segments`, in its order."""
    return [f"/quotes/{k}/{where}" for k, q in enumerate(quotes) for where, _ in quote_segments(q)]


def _check_span(a: _Article, pointer: str, span: dict[str, Any], has_text: bool) -> None:
    text = a.text
    start, end = span["start"], span["end"]
    if start >= end:
        a.add("span-empty", f"start {start} is not less than end {end}", f"{pointer}/start")
        return
    if end > len(text):
        a.add(
            "span-out-of-range",
            f"end {end} lies beyond the text's {len(text)} code points",
            f"{pointer}/end",
        )
        return
    covered = text[start:end]
    if has_text and span["text"] != covered:
        a.add(
            "span-text-mismatch",
            f"span text {_short(span['text'])} differs from "
            f"text[{start}:{end}] = {_short(covered)}",
            f"{pointer}/text",
        )
    elif covered != covered.strip():
        a.add(
            "span-untrimmed",
            f"span [{start}:{end}] {_short(covered)} starts or ends with whitespace",
            pointer,
        )


@_check("id-duplicate")
def _ids(a: _Article) -> None:
    id_layers = ("blocks", "entities", *SPAN_LAYERS)
    all_ids = [item["id"] for layer in id_layers for item in a.doc[layer]]
    if len(set(all_ids)) == len(all_ids):
        return
    seen: dict[str, str] = {}
    for layer in id_layers:
        for i, item in enumerate(a.doc[layer]):
            where = f"/{layer}/{i}/id"
            if item["id"] in seen:
                a.add(
                    "id-duplicate",
                    f"id {item['id']!r} is already used at {seen[item['id']]}",
                    where,
                )
            else:
                seen[item["id"]] = where


@_check("block-overlap", "block-gap", "block-title")
def _blocks(a: _Article) -> None:
    text, blocks = a.text, a.doc["blocks"]
    cursor = 0
    for i, block in enumerate(blocks):
        start, end = block["start"], block["end"]
        if start < cursor:
            a.add(
                "block-overlap",
                f"block starts at {start}, before the previous block ends at {cursor}",
                f"/blocks/{i}/start",
            )
        elif text[cursor:start].strip():
            gap = cursor + (len(text[cursor:start]) - len(text[cursor:start].lstrip()))
            a.add(
                "block-gap",
                f"text from offset {gap} to {start} ({_short(text[gap:start])}) is in no block",
                f"/blocks/{i}",
            )
        cursor = max(cursor, end)
    if text[cursor:].strip():
        gap = cursor + (len(text[cursor:]) - len(text[cursor:].lstrip()))
        a.add(
            "block-gap",
            f"text from offset {gap} to the end ({_short(text[gap:])}) is in no block",
            "/blocks",
        )
    titles = [i for i, b in enumerate(blocks) if b["kind"] == "title"]
    if len(titles) != 1:
        a.add("block-title", f"expected exactly one title block, found {len(titles)}", "/blocks")
        return
    block = blocks[titles[0]]
    if text[block["start"] : block["end"]] != a.doc["title"]:
        a.add(
            "block-title",
            f"title {_short(a.doc['title'])} differs from the title block's text "
            f"{_short(text[block['start'] : block['end']])}",
            "/title",
        )


@_check("layer-unordered", "span-in-boilerplate")
def _order_and_boilerplate(a: _Article) -> None:
    boilerplate = [(b["start"], b["end"]) for b in a.doc["blocks"] if b["kind"] == "boilerplate"]
    starts = [s for s, _ in boilerplate]
    first_boilerplate = starts[0] if starts else len(a.text) + 1
    for layer in SPAN_LAYERS:
        items = a.doc[layer]
        keys = [(x["start"], -x["end"]) for x in items]
        if keys == sorted(keys):
            if layer == "mentions":
                a.mentions_sorted = True
        else:
            i = next(i for i in range(1, len(keys)) if keys[i] < keys[i - 1])
            a.add(
                "layer-unordered",
                f"{layer} item {i} starts before the item before it",
                f"/{layer}/{i}",
            )
        for i, item in enumerate(items):
            if item["start"] < first_boilerplate:
                continue
            # blocks are disjoint: only the last boilerplate block starting at or
            # before the item can contain it
            k = bisect.bisect_right(starts, item["start"]) - 1
            if k >= 0 and item["end"] <= boilerplate[k][1]:
                a.add(
                    "span-in-boilerplate",
                    f"{layer} item {item['id']!r} lies in a boilerplate block",
                    f"/{layer}/{i}",
                )


@_check("mention-duplicate", "mention-crossing")
def _nesting(a: _Article) -> None:
    """Mentions may nest, but not cross or repeat a span."""
    mentions = a.doc["mentions"]
    order: Any = range(len(mentions))
    if not a.mentions_sorted:
        order = sorted(order, key=lambda k: (mentions[k]["start"], -mentions[k]["end"]))
    open_spans: list[int] = []
    for k in order:
        m = mentions[k]
        while open_spans and mentions[open_spans[-1]]["end"] <= m["start"]:
            open_spans.pop()
        if open_spans:
            top = mentions[open_spans[-1]]
            if (top["start"], top["end"]) == (m["start"], m["end"]):
                a.add(
                    "mention-duplicate",
                    f"mentions {top['id']!r} and {m['id']!r} cover the same span",
                    f"/mentions/{k}",
                )
                continue
            if top["end"] < m["end"]:
                a.add(
                    "mention-crossing",
                    f"mention {m['id']!r} [{m['start']}:{m['end']}] crosses "
                    f"{top['id']!r} [{top['start']}:{top['end']}]",
                    f"/mentions/{k}",
                )
                continue
        open_spans.append(k)


@_check(
    "entity-unknown",
    "entity-type-mismatch",
    "quote-no-speaker",
    "entity-unreferenced",
    "wikidata-duplicate",
)
def _references(a: _Article) -> None:
    doc = a.doc
    entities = {e["id"]: e for e in doc["entities"]}
    used: set[str] = set()
    for i, m in enumerate(doc["mentions"]):
        ref = m["entity"]
        if ref is None:
            continue
        used.add(ref)
        entity = entities.get(ref)
        if entity is None:
            a.add(
                "entity-unknown",
                f"mention {m['id']!r} refers to entity {ref!r}, which is not in entities",
                f"/mentions/{i}/entity",
            )
        elif m["label"][:3] != entity["type"]:
            a.add(
                "entity-type-mismatch",
                f"mention {m['id']!r} is labelled {m['label']} but entity {ref!r} "
                f"is of type {entity['type']}",
                f"/mentions/{i}/label",
            )
    for i, q in enumerate(doc["quotes"]):
        for j, other in enumerate(q.get("co_speakers", ())):
            used.add(other)
            if other not in entities:
                a.add(
                    "entity-unknown",
                    f"quote {q['id']!r} names co-speaker {other!r}, which is not in entities",
                    f"/quotes/{i}/co_speakers/{j}",
                )
        ref = q["speaker"]
        if ref is not None:
            used.add(ref)
            if ref not in entities:
                a.add(
                    "entity-unknown",
                    f"quote {q['id']!r} names speaker {ref!r}, which is not in entities",
                    f"/quotes/{i}/speaker",
                )
        elif not (q["speaker_text"] or "").strip():
            a.add(
                "quote-no-speaker",
                f"quote {q['id']!r} has neither speaker nor speaker_text",
                f"/quotes/{i}",
            )
    qids: dict[str, str] = {}
    for i, e in enumerate(doc["entities"]):
        if e["id"] not in used:
            a.add(
                "entity-unreferenced",
                f"entity {e['id']!r} is referred to by no mention or quote",
                f"/entities/{i}",
            )
        qid = e["wikidata"]
        if qid is not None:
            if qid in qids:
                a.add(
                    "wikidata-duplicate",
                    f"entities {qids[qid]!r} and {e['id']!r} both have {qid}",
                    f"/entities/{i}/wikidata",
                )
            qids.setdefault(qid, e["id"])


@_check("quote-marks-unattributed")
def _quotation_marks(a: _Article) -> None:
    """Every pair of quotation marks holds exactly one verbatim part, or exactly a name.

    A verbatim part is exactly what stands between the marks: punctuation inside them
    is inside the part, in every language. Marks inside a verbatim part are the
    speaker's own (scare quotes in a quotation) and need no part of their own. Checked
    once verbatim parts are annotated (guidelines 1.1.0: some quote has one) and outside
    boilerplate; a warning, since scare quotes report no one's words and an exemption
    may say so. Linear in the number of pairs and parts (sorted once, looked up by
    bisection).
    """
    doc = a.doc
    parts = sorted((v["start"], v["end"]) for q in doc["quotes"] for v in q.get("verbatim", ()))
    if not parts or doc["annotation"]["methods"]["quotes"] == "none":
        return
    held = collections.Counter(parts)
    pairs = quoted_words(a.text, doc["language"])
    # only a part that is a pair's words holds the speaker's own marks: one that runs
    # past its marks (or holds them) is itself wrong, and must not hide the pair
    inside_part = _Enclosure(sorted(set(parts).intersection(pairs)))
    inside_boilerplate = _Enclosure(
        sorted((b["start"], b["end"]) for b in doc["blocks"] if b["kind"] == "boilerplate")
    )
    names = {(m["start"], m["end"]) for m in doc["mentions"]}
    for start, end in pairs:
        count = held.get((start, end), 0)
        if count == 1 or (start, end) in names or inside_boilerplate.holds(start, end):
            continue
        if count == 0 and inside_part.holds(start, end, strictly=True):
            continue
        words = f"the quoted words {_short(a.text[start:end])} [{start}:{end}]"
        why = (
            "are not a verbatim part of any quote, nor a name"
            if count == 0
            else f"are a verbatim part of {count} quotes, not of one"
        )
        a.add("quote-marks-unattributed", f"{words} {why}", "/text")


class _Enclosure:
    """Whether some span of a sorted list encloses a given span, by bisection."""

    def __init__(self, spans: list[tuple[int, int]]) -> None:
        self.starts = [s for s, _ in spans]
        self.reach = list(itertools.accumulate((e for _, e in spans), max))

    def holds(self, start: int, end: int, *, strictly: bool = False) -> bool:
        # the spans that start at or before `start` (strictly: before), and the furthest
        # any of them reaches
        k = (bisect.bisect_left if strictly else bisect.bisect_right)(self.starts, start)
        return k > 0 and (self.reach[k - 1] > end if strictly else self.reach[k - 1] >= end)


@_check(
    "quote-co-speaker",
    "quote-speaker-text",
    "quote-speaker-span",
    "quote-verbatim",
    "quote-verbatim-missing",
)
def _quote_parts(a: _Article) -> None:
    text = a.text
    occurs: dict[str, bool] = {}  # a speaker_text many quotes repeat is searched for once
    for k, q in enumerate(a.doc["quotes"]):
        at = f"/quotes/{k}"
        others = q.get("co_speakers", [])
        for j, other in enumerate(others):
            if q["speaker"] is None or other == q["speaker"] or other in others[:j]:
                why = "without a speaker" if q["speaker"] is None else "given twice"
                a.add("quote-co-speaker", f"co-speaker {other!r} {why}", f"{at}/co_speakers/{j}")
        said = q["speaker_text"]
        if said is not None and said not in occurs:
            occurs[said] = said in text
        if said is not None and not occurs[said]:
            a.add(
                "quote-speaker-text",
                f"speaker_text {_short(q['speaker_text'])} does not occur in the text",
                f"{at}/speaker_text",
            )
        span = q.get("speaker_span")
        if span is not None and span["start"] < q["end"] and q["start"] < span["end"]:
            a.add(
                "quote-speaker-span",
                f"speaker span [{span['start']}:{span['end']}] overlaps the content "
                f"[{q['start']}:{q['end']}]",
                f"{at}/speaker_span",
            )
        _verbatim(a, q, at)


def _verbatim(a: _Article, q: dict[str, Any], at: str) -> None:
    parts, kind = q.get("verbatim", []), q["kind"]
    if kind in ("indirect", "reported"):
        if parts:
            article = "an" if kind[0] in "aeiou" else "a"
            message = f"{article} {kind} quote with verbatim parts: {kind} speech takes none"
            a.add("quote-verbatim", message, f"{at}/verbatim")
        return
    if not parts:
        a.add("quote-verbatim-missing", f"a {kind} quote without verbatim parts", at)
        return
    if kind == "direct" and [(p["start"], p["end"]) for p in parts] != [(q["start"], q["end"])]:
        a.add(
            "quote-verbatim",
            "a direct quote has one verbatim part: its whole content",
            f"{at}/verbatim",
        )
        return
    previous_end = q["start"]
    for j, part in enumerate(parts):
        if not (previous_end <= part["start"] and part["end"] <= q["end"]):
            a.add(
                "quote-verbatim",
                f"verbatim part [{part['start']}:{part['end']}] lies outside the content "
                f"[{q['start']}:{q['end']}] or before the part preceding it",
                f"{at}/verbatim/{j}",
            )
            return
        previous_end = part["end"]


@_check("timex-value", "timex-invalid-date", "published-future", "language-tag", "topic-duplicate")
def _values(a: _Article) -> None:
    doc = a.doc
    for i, t in enumerate(doc["timexes"]):
        value_problem = timex_value_problem(t["type"], t["value"])
        if value_problem is not None:
            a.add(*value_problem, f"/timexes/{i}/value")
    published = doc["published"]
    if published is not None and datetime.date.fromisoformat(published) > a.today:
        a.add("published-future", f"published {published} lies in the future", "/published")
    if not _BCP47.fullmatch(doc["language"].lower()):
        a.add("language-tag", f"{doc['language']!r} is not a well-formed BCP 47 tag", "/language")
    listed: set[tuple[str, str]] = set()
    for i, t in enumerate(doc["topics"]):
        if (t["scheme"], t["code"]) in listed:
            a.add(
                "topic-duplicate", f"topic {t['code']!r} is listed more than once", f"/topics/{i}"
            )
        listed.add((t["scheme"], t["code"]))


@_check("layer-not-annotated")
def _methods(a: _Article) -> None:
    """A layer marked ``none`` (not annotated) holds no items: an empty layer then means
    "nothing to annotate", never "not looked at"."""
    methods = a.doc["annotation"]["methods"]
    for layer in LAYERS:
        if methods.get(layer) == "none" and a.doc.get(layer):
            a.add(
                "layer-not-annotated",
                f"{layer} is marked 'none' (not annotated) but holds {len(a.doc[layer])} item(s)",
                f"/annotation/methods/{layer}",
            )


def _short(value: str, limit: int = 40) -> str:
    return repr(value if len(value) <= limit else value[: limit - 1] + "…")
