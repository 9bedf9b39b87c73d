"""Level 3: relations the schema cannot express (offsets, references, tiling, values).

Runs on a document that passed the schema level, so every field has its type.
"""

from __future__ import annotations

import bisect
import datetime
import re
import unicodedata
from collections.abc import Iterator
from typing import Any

from newsdata.models import SPAN_LAYERS
from newsdata.validate.filelevel import Parsed
from newsdata.validate.report import Problem

__all__ = ["check_semantic", "timex_value_problem"]

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


def _strings(value: Any, pointer: str = "") -> Iterator[tuple[str, str]]:
    stack = [(pointer, value)]
    while stack:
        here, node = stack.pop()
        if isinstance(node, str):
            yield here, node
        elif isinstance(node, dict):
            stack.extend((f"{here}/{k}", v) for k, v in node.items())
        elif isinstance(node, list):
            stack.extend((f"{here}/{i}", v) for i, v in enumerate(node))


def _check_span(add: Any, text: str, pointer: str, span: dict[str, Any], has_text: bool) -> None:
    # JSON Schema accepts 5.0 (and a parser may read a huge integer as a float);
    # offsets are indices, so they become ints here, as in the models.
    start, end = int(span["start"]), int(span["end"])
    span["start"], span["end"] = start, end
    n = len(text)
    if start >= end:
        add("span-empty", f"start {start} is not less than end {end}", f"{pointer}/start")
        return
    if end > n:
        add(
            "span-out-of-range",
            f"end {end} lies beyond the text's {n} code points",
            f"{pointer}/end",
        )
        return
    covered = text[start:end]
    if has_text and span["text"] != covered:
        add(
            "span-text-mismatch",
            f"span text {_short(span['text'])} differs from "
            f"text[{start}:{end}] = {_short(covered)}",
            f"{pointer}/text",
        )
    elif covered != covered.strip():
        add(
            "span-untrimmed",
            f"span [{start}:{end}] {_short(covered)} starts or ends with whitespace",
            pointer,
        )


def check_semantic(parsed: Parsed, today: datetime.date | None = None) -> list[Problem]:
    """Run every semantic check on a schema-valid article."""
    doc: dict[str, Any] = parsed.value
    text: str = doc["text"]
    n = len(text)
    out: list[Problem] = []

    def add(code: str, message: str, pointer: str | None) -> None:
        out.append(parsed.problem(code, message, pointer))

    # characters -----------------------------------------------------------
    if not unicodedata.is_normalized("NFC", text):
        add("text-not-nfc", "text is not NFC-normalised", "/text")
    if parsed.maybe_control or parsed.maybe_surrogate:
        for pointer, value in _strings(doc):
            for code, pattern, what in (
                ("text-control-char", _CONTROL, "control character"),
                ("text-lone-surrogate", _SURROGATE, "lone surrogate"),
            ):
                found = pattern.search(value)
                if found:
                    char = f"U+{ord(found.group()):04X}"
                    add(code, f"{what} {char} at position {found.start()}", pointer)

    # spans ----------------------------------------------------------------
    groups: list[tuple[str, list[Any], bool]] = [
        ("/blocks", doc["blocks"], False),
        ("/mentions", doc["mentions"], True),
        ("/quotes", doc["quotes"], True),
        ("/timexes", doc["timexes"], True),
    ]
    cues = [q["cue"] for q in doc["quotes"] if q["cue"] is not None]
    groups.append(("", cues, True))
    for prefix, items, has_text in groups:
        try:
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
        except TypeError:  # an offset written as 5.0: check each span the slow way
            suspects = list(range(len(items)))
        for i in suspects:
            span = items[i]
            if prefix:
                pointer = f"{prefix}/{i}"
            else:  # a cue: point into its quote
                quote = next(k for k, q in enumerate(doc["quotes"]) if q["cue"] is span)
                pointer = f"/quotes/{quote}/cue"
            _check_span(add, text, pointer, span, has_text)

    # ids --------------------------------------------------------------------
    id_layers = ("blocks", "entities", *SPAN_LAYERS)
    all_ids = [item["id"] for layer in id_layers for item in doc[layer]]
    if len(set(all_ids)) != len(all_ids):
        seen: dict[str, str] = {}
        for layer in id_layers:
            for i, item in enumerate(doc[layer]):
                where = f"/{layer}/{i}/id"
                if item["id"] in seen:
                    add(
                        "id-duplicate",
                        f"id {item['id']!r} is already used at {seen[item['id']]}",
                        where,
                    )
                else:
                    seen[item["id"]] = where

    # blocks -----------------------------------------------------------------
    blocks = doc["blocks"]
    cursor = 0
    for i, block in enumerate(blocks):
        start, end = block["start"], block["end"]
        if start < cursor:
            add(
                "block-overlap",
                f"block starts at {start}, before the previous block ends at {cursor}",
                f"/blocks/{i}/start",
            )
        elif text[cursor:start].strip():
            gap = cursor + (len(text[cursor:start]) - len(text[cursor:start].lstrip()))
            add(
                "block-gap",
                f"text from offset {gap} to {start} ({_short(text[gap:start])}) is in no block",
                f"/blocks/{i}",
            )
        cursor = max(cursor, end)
    if text[cursor:].strip():
        gap = cursor + (len(text[cursor:]) - len(text[cursor:].lstrip()))
        add(
            "block-gap",
            f"text from offset {gap} to the end ({_short(text[gap:])}) is in no block",
            "/blocks",
        )
    titles = [i for i, b in enumerate(blocks) if b["kind"] == "title"]
    if len(titles) != 1:
        add("block-title", f"expected exactly one title block, found {len(titles)}", "/blocks")
    else:
        block = blocks[titles[0]]
        if text[block["start"] : block["end"]] != doc["title"]:
            add(
                "block-title",
                f"title {_short(doc['title'])} differs from the title block's text "
                f"{_short(text[block['start'] : block['end']])}",
                "/title",
            )
    boilerplate = [(b["start"], b["end"]) for b in blocks if b["kind"] == "boilerplate"]
    boilerplate_starts = [s for s, _ in boilerplate]

    # order, boilerplate -----------------------------------------------------
    mentions_sorted = True
    first_boilerplate = boilerplate_starts[0] if boilerplate_starts else n + 1
    for layer in SPAN_LAYERS:
        items = doc[layer]
        keys = [(x["start"], -x["end"]) for x in items]
        if keys != sorted(keys):
            i = next(i for i in range(1, len(keys)) if keys[i] < keys[i - 1])
            add(
                "layer-unordered",
                f"{layer} item {i} starts before the item before it",
                f"/{layer}/{i}",
            )
            mentions_sorted = mentions_sorted and layer != "mentions"
        for i, item in enumerate(items):
            if item["start"] < first_boilerplate:
                continue
            # blocks are disjoint: only the last boilerplate block starting at or
            # before the item can contain it
            k = bisect.bisect_right(boilerplate_starts, item["start"]) - 1
            if k >= 0 and item["end"] <= boilerplate[k][1]:
                add(
                    "span-in-boilerplate",
                    f"{layer} item {item['id']!r} lies in a boilerplate block",
                    f"/{layer}/{i}",
                )

    # mentions: nesting allowed, crossing not --------------------------------
    order: Any = range(len(doc["mentions"]))
    if not mentions_sorted:
        order = sorted(
            order, key=lambda k: (doc["mentions"][k]["start"], -doc["mentions"][k]["end"])
        )
    open_spans: list[int] = []
    for k in order:
        m = doc["mentions"][k]
        while open_spans and doc["mentions"][open_spans[-1]]["end"] <= m["start"]:
            open_spans.pop()
        if open_spans:
            top = doc["mentions"][open_spans[-1]]
            if (top["start"], top["end"]) == (m["start"], m["end"]):
                add(
                    "mention-duplicate",
                    f"mentions {top['id']!r} and {m['id']!r} cover the same span",
                    f"/mentions/{k}",
                )
                continue
            if top["end"] < m["end"]:
                add(
                    "mention-crossing",
                    f"mention {m['id']!r} [{m['start']}:{m['end']}] crosses "
                    f"{top['id']!r} [{top['start']}:{top['end']}]",
                    f"/mentions/{k}",
                )
                continue
        open_spans.append(k)

    # entities ---------------------------------------------------------------
    entities = {e["id"]: e for e in doc["entities"]}
    used: set[str] = set()
    for i, m in enumerate(doc["mentions"]):
        ref = m["entity"]
        if ref is None:
            continue
        used.add(ref)
        entity = entities.get(ref)
        if entity is None:
            add(
                "entity-unknown",
                f"mention {m['id']!r} refers to entity {ref!r}, which is not in entities",
                f"/mentions/{i}/entity",
            )
        elif m["label"][:3] != entity["type"]:
            add(
                "entity-type-mismatch",
                f"mention {m['id']!r} is labelled {m['label']} but entity {ref!r} "
                f"is of type {entity['type']}",
                f"/mentions/{i}/label",
            )
    for i, q in enumerate(doc["quotes"]):
        ref = q["speaker"]
        if ref is not None:
            used.add(ref)
            if ref not in entities:
                add(
                    "entity-unknown",
                    f"quote {q['id']!r} names speaker {ref!r}, which is not in entities",
                    f"/quotes/{i}/speaker",
                )
        elif not (q["speaker_text"] or "").strip():
            add(
                "quote-no-speaker",
                f"quote {q['id']!r} has neither speaker nor speaker_text",
                f"/quotes/{i}",
            )
    qids: dict[str, str] = {}
    for i, e in enumerate(doc["entities"]):
        if e["id"] not in used:
            add(
                "entity-unreferenced",
                f"entity {e['id']!r} is referred to by no mention or quote",
                f"/entities/{i}",
            )
        qid = e["wikidata"]
        if qid is not None:
            if qid in qids:
                add(
                    "wikidata-duplicate",
                    f"entities {qids[qid]!r} and {e['id']!r} both have {qid}",
                    f"/entities/{i}/wikidata",
                )
            qids.setdefault(qid, e["id"])

    # values -----------------------------------------------------------------
    for i, t in enumerate(doc["timexes"]):
        value_problem = timex_value_problem(t["type"], t["value"])
        if value_problem is not None:
            add(*value_problem, f"/timexes/{i}/value")
    published = doc["published"]
    if published is not None:
        day = datetime.date.fromisoformat(published)
        if day > (today or datetime.date.today()):
            add("published-future", f"published {published} lies in the future", "/published")
    if not _BCP47.fullmatch(doc["language"].lower()):
        add("language-tag", f"{doc['language']!r} is not a well-formed BCP 47 tag", "/language")
    listed: set[tuple[str, str]] = set()
    for i, t in enumerate(doc["topics"]):
        if (t["scheme"], t["code"]) in listed:
            add("topic-duplicate", f"topic {t['code']!r} is listed more than once", f"/topics/{i}")
        listed.add((t["scheme"], t["code"]))
    return out


def _short(value: str, limit: int = 40) -> str:
    return repr(value if len(value) <= limit else value[: limit - 1] + "…")
