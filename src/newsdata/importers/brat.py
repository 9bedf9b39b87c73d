"""brat standoff read back: the annotations of a brat or INCEpTION project imported into
a corpus's articles (the export is :mod:`newsdata.export.brat`, whose conventions this
reads).

Strict and all or nothing: every line of every ``.ann`` is read (an unknown kind of line
is an error naming the file and line), each span's covered text must equal the article's
text at its offsets, a discontinuous span may only skip line breaks, brat's normalizations
set the linked entity's Wikidata id, free-text annotator notes are kept aside and
reported, and every updated article must pass ``newsdata validate`` before any file is
written.
"""

from __future__ import annotations

import itertools
import json
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from newsdata._io import WriteBatch, dump_json
from newsdata.export.brat import SEGMENT_TYPES
from newsdata.layout import CorpusLayout
from newsdata.models import LABELS, QID, SPAN_LAYERS

__all__ = ["BratError", "Imported", "import_brat", "parse_ann"]

_QID = re.compile(QID)  # the models' own pattern, so an imported id is checked as validate does


class BratError(ValueError):
    """An ``.ann`` file that cannot be read back; the message names the file and line."""


@dataclass
class Parsed:
    """The layers read from one ``.ann`` file, and what brat held that has no place here."""

    layers: dict[str, list[dict[str, Any]]]
    wikidata: dict[str, str] = field(default_factory=dict)  # mention id -> Wikidata id
    notes: list[str] = field(default_factory=list)  # free-text notes, reported


def _offsets(text: str, spec: str, where: str) -> tuple[int, int]:
    """``"3 7"`` or fragments ``"3 7;8 12"``: the start and end, refusing real gaps."""
    try:
        pieces = [tuple(int(x) for x in fragment.split()) for fragment in spec.split(";")]
    except ValueError:
        raise BratError(f"{where}: offsets {spec!r} are not numbers") from None
    if any(len(p) != 2 for p in pieces):
        raise BratError(f"{where}: offsets {spec!r} are not start-end pairs")
    for (_, end), (start, _) in itertools.pairwise(pieces):
        if start < end or text[end:start].strip():
            raise BratError(
                f"{where}: a discontinuous span ({spec}); newsdata spans are contiguous, "
                "so join the fragments in brat or annotate them as separate spans"
            )
    return pieces[0][0], pieces[-1][1]


def _kind_of(label: str) -> str:
    """What a span type is to newsdata: a mention, a quote, a timex, a part, or unknown."""
    if label in LABELS:
        return "mention"
    return {"Quote": "quote", "Timex": "timex", **dict.fromkeys(SEGMENT_TYPES, "part")}.get(
        label, ""
    )


# The keys a JSON note may hold, by the kind of span it is on.
_NOTE_KEYS = {
    "mention": {"id", "entity"},
    "quote": {"id", "speaker", "co_speakers", "speaker_text", "inferred"},
    "timex": {"id", "value", "mod"},
}
# The attributes brat may carry, and the span type each belongs on.
_ATTRIBUTES = {"Kind": "Quote", "Type": "Timex"}


def _lines(ann: str) -> Iterable[tuple[int, str]]:
    """brat's lines: ends at ``\n`` only (U+2028, U+0085, form feeds are text in a span)."""
    for number, line in enumerate(ann.removeprefix("\ufeff").split("\n"), 1):
        yield number, line.removesuffix("\r")


def parse_ann(ann: str, text: str, name: str = "<ann>") -> Parsed:
    """Read the mentions, quotes and timexes of an ``.ann`` file written for ``text``.

    Anything the import would otherwise drop or guess is refused with the file, line
    and identifier: a relation that does not go from a ``Quote`` to a span of its own
    type, an attribute on the wrong type of span or given twice, a second JSON note or
    normalization on one span, a JSON note with a key it does not read, a part of a
    quote that no quote links.

    Raises
    ------
    BratError
        Naming ``name``, the line and what is wrong with it.
    """
    spans: dict[str, dict[str, Any]] = {}
    where_of: dict[str, str] = {}  # identifier -> "file:line: identifier"
    notes: dict[str, dict[str, Any]] = {}
    note_lines: dict[str, str] = {}  # span -> where its JSON note is
    free_notes: list[str] = []
    attributes: dict[str, dict[str, str]] = {}
    attribute_lines: list[tuple[str, str, str]] = []  # (where, attribute, span)
    relations: list[tuple[str, str, str, str]] = []  # (where, kind, quote, part)
    references: dict[str, str] = {}
    reference_lines: dict[str, str] = {}
    for number, line in _lines(ann):
        if not line.strip():
            continue
        ident, _, rest = line.partition("\t")
        where = f"{name}:{number}: {ident}"
        body, _, tail = rest.partition("\t")
        if ident in where_of:
            raise BratError(f"{name}:{number}: the identifier {ident} is used twice")
        where_of[ident] = where
        try:
            if ident.startswith("T"):
                label, offsets = body.split(" ", 1)
                start, end = _offsets(text, offsets, where)
                if not 0 <= start < end <= len(text):
                    raise BratError(f"{where}: span {start}-{end} is not inside the text")
                covered = text[start:end]
                if " ".join(tail.split()) != " ".join(covered.split()):
                    raise BratError(
                        f"{where}: covers {tail!r} in brat but {covered!r} in the "
                        "article; the text changed: run `newsdata export --format brat` again"
                    )
                spans[ident] = {"label": label, "start": start, "end": end}
            elif ident.startswith("#"):
                kind, target = body.split()
                if kind != "AnnotatorNotes":
                    raise BratError(f"{where}: {kind!r} notes are not part of newsdata")
                try:
                    note = json.loads(tail)
                except json.JSONDecodeError:
                    note = None
                if not isinstance(note, dict):  # an annotator's own remark: brat's usual note
                    free_notes.append(f"{name}: note on {target}: {tail}")
                elif target in notes:  # never one note silently replacing another
                    raise BratError(
                        f"{where}: {target} has a second AnnotatorNotes holding JSON (the "
                        f"first: {note_lines[target]}); keep one"
                    )
                else:
                    notes[target], note_lines[target] = note, where
            elif ident.startswith(("A", "M")):
                attribute, target, value = body.split()
                if attribute not in _ATTRIBUTES:
                    raise BratError(f"{where}: the attribute {attribute!r} is not part of newsdata")
                given = attributes.setdefault(target, {})
                if attribute in given:
                    raise BratError(f"{where}: {target} has a second {attribute} attribute")
                given[attribute] = value
                attribute_lines.append((where, attribute, target))
            elif ident.startswith("R"):
                kind, arg1, arg2 = body.split()
                if kind not in SEGMENT_TYPES:
                    raise BratError(f"{where}: relation type {kind!r} is not part of newsdata")
                if not (arg1.startswith("Arg1:") and arg2.startswith("Arg2:")):
                    raise BratError(f"{where}: a relation reads Arg1:<Quote> Arg2:<{kind}>")
                relations.append((where, kind, arg1.removeprefix("Arg1:"), arg2[5:]))
            elif ident.startswith("N"):
                kind, target, reference = body.split()
                source, _, key = reference.partition(":")
                if source.lower() != "wikidata" or not _QID.match(key):
                    raise BratError(
                        f"{where}: only Wikidata normalizations (Wikidata:Q…) are read, "
                        f"not {reference!r}"
                    )
                if target in references:
                    raise BratError(
                        f"{where}: {target} has a second normalization (the first: "
                        f"{reference_lines[target]}); keep one"
                    )
                references[target], reference_lines[target] = key, where
            else:
                raise BratError(
                    f"{name}:{number}: {ident!r} lines (events, equivalences) are not part of "
                    "newsdata"
                )
        except (ValueError, IndexError) as exc:
            if isinstance(exc, BratError):
                raise
            raise BratError(f"{where}: cannot read {line!r} ({exc})") from None

    def label_of(where: str, target: str) -> str:
        if target not in spans:
            raise BratError(f"{where}: {target} is not a span")
        label: str = spans[target]["label"]
        return label

    parts: dict[str, dict[str, list[str]]] = {kind: {} for kind in SEGMENT_TYPES}
    linked: set[str] = set()
    for where, kind, quote, part in relations:
        wrong = [
            f"{target} is a {label_of(where, target)} span"
            for target, wanted in ((quote, "Quote"), (part, kind))
            if label_of(where, target) != wanted
        ]
        if wrong:
            raise BratError(
                f"{where}: a {kind} relation goes from a Quote to a {kind} span, but "
                + " and ".join(wrong)
            )
        found = parts[kind].setdefault(quote, [])
        if found and not SEGMENT_TYPES[kind][1]:
            raise BratError(f"{where}: {quote} has a second {kind} relation")
        found.append(part)
        linked.add(part)
    for where, attribute, target in attribute_lines:
        label = label_of(where, target)
        if label != _ATTRIBUTES[attribute]:
            raise BratError(
                f"{where}: the attribute {attribute} belongs on a {_ATTRIBUTES[attribute]} "
                f"span, but {target} is a {label} span"
            )
    for target, where in note_lines.items():
        kind = _kind_of(label_of(where, target))
        if kind not in _NOTE_KEYS:
            raise BratError(
                f"{where}: a JSON note on {target}, but {target} is a "
                f"{spans[target]['label']} span; JSON notes are read on mentions, quotes "
                "and timexes only"
            )
        unknown = sorted(set(notes[target]) - _NOTE_KEYS[kind])
        if unknown:
            raise BratError(
                f"{where}: the note on {target} holds {', '.join(map(repr, unknown))}, which "
                f"a {kind} does not have (it reads {', '.join(sorted(_NOTE_KEYS[kind]))})"
            )
    for target, where in reference_lines.items():
        if _kind_of(label_of(where, target)) != "mention":
            raise BratError(f"{where}: {target} has a Wikidata normalization but is not a mention")
    for ident, s in spans.items():
        kind = _kind_of(s["label"])
        if not kind:
            raise BratError(
                f"{where_of[ident]}: the span type {s['label']!r} is not part of newsdata "
                "(see annotation.conf)"
            )
        if kind == "part" and ident not in linked:
            raise BratError(
                f"{where_of[ident]}: a {s['label']} span that no Quote links by a "
                f"{s['label']} relation; link it to its quote or delete it"
            )
    layers: dict[str, list[dict[str, Any]]] = {layer: [] for layer in SPAN_LAYERS}

    def segments(kind: str, quote: str) -> list[dict[str, Any]]:
        found = [spans[t] for t in parts[kind].get(quote, [])]
        found.sort(key=lambda x: x["start"])
        return [
            {"start": x["start"], "end": x["end"], "text": text[x["start"] : x["end"]]}
            for x in found
        ]

    mention_of: dict[str, dict[str, Any]] = {}
    for ident, s in spans.items():
        data = notes.get(ident, {})
        covered = text[s["start"] : s["end"]]
        if s["label"] in LABELS:
            mention = {
                "id": data.get("id"),
                "start": s["start"],
                "end": s["end"],
                "text": covered,
                "label": s["label"],
                "entity": data.get("entity"),
            }
            layers["mentions"].append(mention)
            mention_of[ident] = mention
        elif s["label"] == "Quote":
            cue, speaker_span = segments("Cue", ident), segments("Speaker", ident)
            layers["quotes"].append(
                {
                    "id": data.get("id"),
                    "start": s["start"],
                    "end": s["end"],
                    "text": covered,
                    "verbatim": segments("Verbatim", ident),
                    "speaker": data.get("speaker"),
                    "co_speakers": data.get("co_speakers", []),
                    "speaker_text": data.get("speaker_text"),
                    "speaker_span": speaker_span[0] if speaker_span else None,
                    "inferred": data.get("inferred", False),
                    "cue": cue[0] if cue else None,
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
    wikidata = {mention_of[t]["id"]: qid for t, qid in references.items()}
    return Parsed(layers, wikidata, free_notes)


def _link(doc: dict[str, Any], wikidata: dict[str, str], name: str) -> None:
    """Give the entity of each normalized mention its Wikidata id (a new entity if none)."""
    entities = {e["id"]: e for e in doc["entities"]}
    for mention in doc["mentions"]:
        qid = wikidata.get(mention["id"])
        if qid is None:
            continue
        entity = entities.get(mention["entity"] or "")
        if entity is None:
            ident = re.sub(r"[^a-z0-9]+", "-", mention["text"].lower()).strip("-") or "entity"
            base, k = ident, 1
            while ident in entities:
                k += 1
                ident = f"{base}-{k}"
            entity = {"id": ident, "name": mention["text"], "type": mention["label"][:3],
                      "wikidata": None}  # fmt: skip
            entities[ident] = entity
            doc["entities"].append(entity)
            mention["entity"] = ident
        if entity["wikidata"] not in (None, qid):
            raise BratError(
                f"{name}: mention {mention['id']} is normalized to {qid}, but its entity "
                f"{entity['id']} has {entity['wikidata']}"
            )
        entity["wikidata"] = qid


def _read_text(path: Path) -> str:
    try:  # bytes: text mode would turn a "\r" of the text into a line break
        return path.read_bytes().decode("utf-8-sig")  # brat writes UTF-8; a BOM is dropped
    except UnicodeDecodeError as exc:
        raise BratError(f"{path}: not UTF-8 text ({exc.reason} at byte {exc.start})") from None


@dataclass
class Imported:
    """What an import changed: the ids of the updated articles, and notes to report."""

    updated: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)


def import_brat(directory: Path, corpus: Path) -> Imported:
    """Update the articles of ``corpus`` from the ``.ann`` files in ``directory``.

    Each ``<id>.txt`` must equal the article's text, and each span's covered text the
    text at its offsets (otherwise run ``newsdata reanchor`` and export again);
    mentions, quotes and timexes are replaced. Every updated article is validated as
    ``newsdata validate`` would, and nothing is written unless all of them are valid.

    Raises
    ------
    BratError
        Naming the file (and line) of the first problem; no article is changed.
    """
    from newsdata.validate.article import check_article, check_structure
    from newsdata.validate.filelevel import parse_bytes, parse_file

    layout = CorpusLayout(corpus)
    problem = layout.articles_problem()
    if problem is not None:
        raise BratError(problem)
    result = Imported()
    pending: list[tuple[Path, bytes]] = []
    for ann_file in sorted(directory.glob("*.ann")):
        article_id = ann_file.stem
        target = layout.article_path(article_id)
        if not target.is_file():
            raise BratError(f"{ann_file}: there is no article {target}; `newsdata add` it first")
        parsed = parse_file(target, str(target))
        # the schema too: the import reads the text and the entities of a whole article
        problems = check_structure(parsed)
        if problems or not isinstance(parsed.value, dict):
            first = problems[0].as_text() if problems else f"{target}: not an object"
            raise BratError(f"{first}; fix the article before importing into it")
        doc: dict[str, Any] = parsed.value
        txt = ann_file.with_suffix(".txt")
        if txt.is_file() and _read_text(txt) != doc["text"]:
            raise BratError(f"{txt}: differs from the article's text; brat must not change it")
        read = parse_ann(_read_text(ann_file), doc["text"], str(ann_file))
        doc.update(read.layers)
        _link(doc, read.wikidata, str(ann_file))
        data = dump_json(doc)
        problems = [
            p for p in check_article(parse_bytes(str(target), data)) if p.severity == "error"
        ]
        if problems:
            listing = "; ".join(p.as_text() for p in problems[:3])
            more = f" (and {len(problems) - 3} more)" if len(problems) > 3 else ""
            raise BratError(f"{ann_file}: the imported annotations are invalid: {listing}{more}")
        pending.append((target, data))
        result.updated.append(article_id)
        result.notes.extend(read.notes)
    with WriteBatch(inside=layout.root) as batch:
        for target, data in pending:
            batch.add(target, data)
    return result
