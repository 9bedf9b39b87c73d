"""How the items of an article fit together: ids, block tiling, text order, nesting."""

from __future__ import annotations

import bisect
from collections.abc import Iterator
from typing import Any

from newsdata.models import SPAN_LAYERS
from newsdata.validate.checks.base import ArticleUnderCheck, Finding, semantic_check, shorten

__all__ = ["blocks", "ids", "nesting", "order_and_boilerplate"]


@semantic_check("id-duplicate")
def ids(a: ArticleUnderCheck) -> Iterator[Finding]:
    id_layers = ("blocks", "entities", *SPAN_LAYERS)
    all_ids = [item["id"] for layer in id_layers for item in a.doc[layer]]
    if len(set(all_ids)) == len(all_ids):
        return
    seen: dict[str, str] = {}
    for layer in id_layers:
        for i, item in enumerate(a.doc[layer]):
            where = f"/{layer}/{i}/id"
            if item["id"] in seen:
                yield Finding(
                    "id-duplicate",
                    f"id {item['id']!r} is already used at {seen[item['id']]}",
                    where,
                )
            else:
                seen[item["id"]] = where


@semantic_check("block-overlap", "block-gap", "block-title")
def blocks(a: ArticleUnderCheck) -> Iterator[Finding]:
    text, items = a.text, a.doc["blocks"]
    cursor = 0
    for i, block in enumerate(items):
        start, end = block["start"], block["end"]
        if start < cursor:
            yield Finding(
                "block-overlap",
                f"block starts at {start}, before the previous block ends at {cursor}",
                f"/blocks/{i}/start",
            )
        elif text[cursor:start].strip():
            gap = cursor + (len(text[cursor:start]) - len(text[cursor:start].lstrip()))
            yield Finding(
                "block-gap",
                f"text from offset {gap} to {start} ({shorten(text[gap:start])}) is in no block",
                f"/blocks/{i}",
            )
        cursor = max(cursor, end)
    if text[cursor:].strip():
        gap = cursor + (len(text[cursor:]) - len(text[cursor:].lstrip()))
        yield Finding(
            "block-gap",
            f"text from offset {gap} to the end ({shorten(text[gap:])}) is in no block",
            "/blocks",
        )
    titles = [i for i, b in enumerate(items) if b["kind"] == "title"]
    if len(titles) != 1:
        message = f"expected exactly one title block, found {len(titles)}"
        yield Finding("block-title", message, "/blocks")
        return
    block = items[titles[0]]
    if text[block["start"] : block["end"]] != a.doc["title"]:
        yield Finding(
            "block-title",
            f"title {shorten(a.doc['title'])} differs from the title block's text "
            f"{shorten(text[block['start'] : block['end']])}",
            "/title",
        )


@semantic_check("layer-unordered", "span-in-boilerplate")
def order_and_boilerplate(a: ArticleUnderCheck) -> Iterator[Finding]:
    boilerplate = [(b["start"], b["end"]) for b in a.doc["blocks"] if b["kind"] == "boilerplate"]
    starts = [s for s, _ in boilerplate]
    first_boilerplate = starts[0] if starts else len(a.text) + 1
    for layer in SPAN_LAYERS:
        items = a.doc[layer]
        unordered = a.first_unordered[layer]
        if unordered is not None:
            message = f"{layer} item {unordered} starts before the item before it"
            yield Finding("layer-unordered", message, f"/{layer}/{unordered}")
        for i, item in enumerate(items):
            if item["start"] < first_boilerplate:
                continue
            # blocks are disjoint: only the last boilerplate block starting at or
            # before the item can contain it
            k = bisect.bisect_right(starts, item["start"]) - 1
            if k >= 0 and item["end"] <= boilerplate[k][1]:
                yield Finding(
                    "span-in-boilerplate",
                    f"{layer} item {item['id']!r} lies in a boilerplate block",
                    f"/{layer}/{i}",
                )


@semantic_check("mention-duplicate", "mention-crossing")
def nesting(a: ArticleUnderCheck) -> Iterator[Finding]:
    """Mentions may nest, but not cross or repeat a span."""
    mentions = a.doc["mentions"]
    order: Any = range(len(mentions))
    if a.first_unordered["mentions"] is not None:
        order = sorted(order, key=lambda k: (mentions[k]["start"], -mentions[k]["end"]))
    open_spans: list[int] = []
    for k in order:
        m = mentions[k]
        while open_spans and mentions[open_spans[-1]]["end"] <= m["start"]:
            open_spans.pop()
        if open_spans:
            top = mentions[open_spans[-1]]
            if (top["start"], top["end"]) == (m["start"], m["end"]):
                yield Finding(
                    "mention-duplicate",
                    f"mentions {top['id']!r} and {m['id']!r} cover the same span",
                    f"/mentions/{k}",
                )
                continue
            if top["end"] < m["end"]:
                yield Finding(
                    "mention-crossing",
                    f"mention {m['id']!r} [{m['start']}:{m['end']}] crosses "
                    f"{top['id']!r} [{top['start']}:{top['end']}]",
                    f"/mentions/{k}",
                )
                continue
        open_spans.append(k)
