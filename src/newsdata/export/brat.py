"""brat standoff: export articles for brat or INCEpTION, and import the annotations back.

brat holds the span layers: mentions (text-bound annotations labelled with their
GermEval label), quotes (``Quote``, with a ``Kind`` attribute and a ``Cue`` relation to
their cue span) and timexes (``Timex``, with a ``Type`` attribute). What brat has no
place for (ids, entity links, speakers, timex values) travels in ``AnnotatorNotes`` as
JSON, which annotators can read and edit. Blocks, entities, topics and metadata stay in
the article's JSON, which the import updates.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from newsdata._io import dump_json, write_atomic
from newsdata.layout import CorpusLayout
from newsdata.models import LABELS

__all__ = ["ANNOTATION_CONF", "article_ann", "import_brat", "parse_ann", "write_brat"]

ANNOTATION_CONF = "\n".join(
    [
        "[entities]",
        *LABELS,
        "Quote",
        "Cue",
        "Timex",
        "[relations]",
        "Cue\tArg1:Quote, Arg2:Cue",
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
        note(t, {"id": q["id"], "speaker": q["speaker"], "speaker_text": q["speaker_text"]})
        if q["cue"] is not None:
            c = span("Cue", q["cue"])
            add("R", f"Cue Arg1:{t} Arg2:{c}")
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


class BratError(ValueError):
    """An ``.ann`` file that cannot be read back; the message names the file and line."""


def parse_ann(ann: str, text: str, name: str = "<ann>") -> dict[str, list[dict[str, Any]]]:
    """Read the mentions, quotes and timexes of an ``.ann`` file written for ``text``."""
    spans: dict[str, dict[str, Any]] = {}
    notes: dict[str, dict[str, Any]] = {}
    attributes: dict[str, dict[str, str]] = {}
    cues: dict[str, str] = {}
    for number, line in enumerate(ann.splitlines(), 1):
        if not line.strip():
            continue
        try:
            ident, body, *rest = line.split("\t")
            if ident.startswith("T"):
                label, offsets = body.split(" ", 1)
                pieces = [tuple(int(x) for x in f.split()) for f in offsets.split(";")]
                start, end = min(p[0] for p in pieces), max(p[1] for p in pieces)
                spans[ident] = {"label": label, "start": start, "end": end}
            elif ident.startswith("#"):
                target = body.split()[1]
                notes[target] = json.loads(rest[0])
            elif ident.startswith("A"):
                name_, target, value = body.split()
                attributes.setdefault(target, {})[name_] = value
            elif ident.startswith("R"):
                kind, arg1, arg2 = body.split()
                if kind == "Cue":
                    cues[arg1.split(":", 1)[1]] = arg2.split(":", 1)[1]
        except (ValueError, IndexError, json.JSONDecodeError) as exc:
            raise BratError(f"{name}:{number}: cannot read {line!r} ({exc})") from None
    layers: dict[str, list[dict[str, Any]]] = {"mentions": [], "quotes": [], "timexes": []}
    cue_targets = set(cues.values())
    for ident, s in spans.items():
        data = notes.get(ident, {})
        covered = text[s["start"] : s["end"]]
        if s["label"] in LABELS:
            layers["mentions"].append(
                {
                    "id": data.get("id"),
                    "start": s["start"],
                    "end": s["end"],
                    "text": covered,
                    "label": s["label"],
                    "entity": data.get("entity"),
                }
            )
        elif s["label"] == "Quote":
            cue = spans.get(cues.get(ident, ""))
            layers["quotes"].append(
                {
                    "id": data.get("id"),
                    "start": s["start"],
                    "end": s["end"],
                    "text": covered,
                    "speaker": data.get("speaker"),
                    "speaker_text": data.get("speaker_text"),
                    "cue": None
                    if cue is None
                    else {
                        "start": cue["start"],
                        "end": cue["end"],
                        "text": text[cue["start"] : cue["end"]],
                    },
                    "kind": attributes.get(ident, {}).get("Kind", "direct"),
                }
            )
        elif s["label"] == "Timex":
            layers["timexes"].append(
                {
                    "id": data.get("id"),
                    "start": s["start"],
                    "end": s["end"],
                    "text": covered,
                    "type": attributes.get(ident, {}).get("Type", "DATE"),
                    "value": data.get("value") or "",
                    "mod": data.get("mod"),
                }
            )
        elif s["label"] != "Cue" or ident not in cue_targets:
            raise BratError(f"{name}: {ident} has the unknown type {s['label']!r}")
    prefixes = {"mentions": "m", "quotes": "q", "timexes": "t"}
    for layer, items in layers.items():
        items.sort(key=lambda x: (x["start"], -x["end"]))
        used = {x["id"] for x in items if x["id"]}
        n = 0
        for item in items:
            if not item["id"]:  # a span added in brat: give it the next free id
                n += 1
                while f"{prefixes[layer]}{n}" in used:
                    n += 1
                item["id"] = f"{prefixes[layer]}{n}"
                used.add(item["id"])
    return layers


def import_brat(directory: Path, corpus: Path) -> list[str]:
    """Update the articles of ``corpus`` from the ``.ann`` files in ``directory``.

    Each ``<id>.txt`` must equal the article's text (otherwise run ``newsdata
    reanchor`` first); mentions, quotes and timexes are replaced. Returns the ids updated.
    """
    updated = []
    for ann_file in sorted(directory.glob("*.ann")):
        article_id = ann_file.stem
        target = CorpusLayout(corpus).article_path(article_id)
        if not target.is_file():
            raise BratError(f"{ann_file}: there is no article {target}; `newsdata add` it first")
        doc = json.loads(target.read_text(encoding="utf-8"))
        txt = ann_file.with_suffix(".txt")
        if txt.is_file() and txt.read_text(encoding="utf-8") != doc["text"]:
            raise BratError(f"{txt}: differs from the article's text; brat must not change it")
        layers = parse_ann(ann_file.read_text(encoding="utf-8"), doc["text"], str(ann_file))
        doc.update(layers)
        write_atomic(target, dump_json(doc))
        updated.append(article_id)
    return updated
