"""brat standoff: export articles for brat or INCEpTION (the import back is
:mod:`newsdata.importers.brat`).

brat holds the span layers: mentions (text-bound annotations labelled with their
GermEval label), quotes (``Quote``, with a ``Kind`` attribute and relations of the same
names to their ``Cue``, ``Speaker`` span and ``Verbatim`` parts) and timexes (``Timex``,
with a ``Type`` attribute). What brat has no place for (ids, entity links, speakers,
co-speakers, the inferred flag, timex values) travels in ``AnnotatorNotes`` as JSON,
which annotators can read and edit. Blocks, entities, topics and metadata stay in
the article's JSON, which the import updates.

The import is strict and all or nothing: every line of every ``.ann`` is read (an
unknown kind of line is an error naming the file and line), each span's covered text
must equal the article's text at its offsets, a discontinuous span may only skip line
breaks, brat's normalizations (``N1<TAB>Reference T1 Wikidata:Q7747``) set the linked
entity's Wikidata id, free-text annotator notes are kept aside and reported, and every
updated article must pass ``newsdata validate`` before any file is written.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from newsdata._io import write_atomic
from newsdata.models import LABELS

__all__ = ["ANNOTATION_CONF", "SEGMENT_TYPES", "article_ann", "write_brat"]

# The segments inside a quote, each a span of its own linked by a relation of its name:
# brat type -> (the quote's field, whether the field holds a list).
SEGMENT_TYPES = {
    "Cue": ("cue", False),
    "Verbatim": ("verbatim", True),
    "Speaker": ("speaker_span", False),
}

ANNOTATION_CONF = "\n".join(
    [
        "[entities]",
        *LABELS,
        "Quote",
        "Cue",
        "Verbatim",
        "Speaker",
        "Timex",
        "[relations]",
        *(f"{part}\tArg1:Quote, Arg2:{part}" for part in SEGMENT_TYPES),
        "<OVERLAP>\tArg1:<ENTITY>, Arg2:<ENTITY>, <OVL-TYPE>:<ANY>",
        "[events]",
        "[attributes]",
        "Kind\tArg:Quote, Value:direct|indirect|mixed|reported",
        "Type\tArg:Timex, Value:DATE|TIME|DURATION|SET",
        "",
    ]
)


def _fragments(text: str, start: int, end: int) -> str:
    """brat offsets: a span crossing a line break is written as fragments."""
    parts, cursor = [], start
    while True:
        newline = text.find("\n", cursor, end)
        if newline == -1:
            parts.append(f"{cursor} {end}")
            return ";".join(parts)
        if newline > cursor:
            parts.append(f"{cursor} {newline}")
        cursor = newline + 1


def article_ann(doc: dict[str, Any]) -> str:
    """The ``.ann`` file of one article."""
    text: str = doc["text"]
    lines: list[str] = []
    counters = {"T": 0, "A": 0, "R": 0, "#": 0}

    def add(kind: str, body: str) -> str:
        counters[kind] += 1
        ident = f"{kind}{counters[kind]}"
        lines.append(f"{ident}\t{body}")
        return ident

    def span(label: str, item: dict[str, Any]) -> str:
        covered = text[item["start"] : item["end"]].replace("\n", " ")
        return add("T", f"{label} {_fragments(text, item['start'], item['end'])}\t{covered}")

    def note(target: str, data: dict[str, Any]) -> None:
        add("#", f"AnnotatorNotes {target}\t{json.dumps(data, ensure_ascii=False)}")

    for m in doc["mentions"]:
        t = span(m["label"], m)
        note(t, {"id": m["id"], "entity": m["entity"]})
    for q in doc["quotes"]:
        t = span("Quote", q)
        add("A", f"Kind {t} {q['kind']}")
        note(
            t,
            {
                "id": q["id"],
                "speaker": q["speaker"],
                "co_speakers": q.get("co_speakers", []),
                "speaker_text": q["speaker_text"],
                "inferred": q.get("inferred", False),
            },
        )
        for kind, (field_name, many) in SEGMENT_TYPES.items():
            value = q.get(field_name)
            for part in (value or []) if many else [value] if value is not None else []:
                add("R", f"{kind} Arg1:{t} Arg2:{span(kind, part)}")
    for x in doc["timexes"]:
        t = span("Timex", x)
        add("A", f"Type {t} {x['type']}")
        note(t, {"id": x["id"], "value": x["value"], "mod": x.get("mod")})
    return "\n".join(lines) + ("\n" if lines else "")


def write_brat(docs: Iterable[dict[str, Any]], directory: Path) -> int:
    """Write ``<id>.txt`` and ``<id>.ann`` per article and ``annotation.conf``."""
    n = 0
    for doc in docs:
        write_atomic(directory / f"{doc['id']}.txt", doc["text"].encode("utf-8"))
        write_atomic(directory / f"{doc['id']}.ann", article_ann(doc).encode("utf-8"))
        n += 1
    write_atomic(directory / "annotation.conf", ANNOTATION_CONF.encode("utf-8"))
    return n
