"""spaCy: one ``Doc`` per article, tokenised by ``spacy.blank(language)`` (no model download).

``doc.ents`` holds the outer mentions; span groups hold every layer: ``mentions``
(all, nested included), ``nested`` (the inner level), ``quotes``, ``cues``,
``verbatim``, ``speakers``, ``timexes`` and ``blocks``. Each span's ``id_`` is its
newsdata id (a quote's cue, verbatim parts and speaker span carry the quote's), a
mention's ``kb_id_`` its entity and a speaker span's its speaker; sentences come from
spaCy's sentencizer within each block. A span whose boundaries fall inside a token
cannot be a spaCy span: it is listed in
``doc.user_data["newsdata_misaligned"]`` and returned, never dropped silently.
"""

from __future__ import annotations

import functools
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from newsdata._io import atomic_path
from newsdata._optional import require
from newsdata.export._source import outer_mentions

__all__ = ["Misaligned", "blank_pipeline", "to_spacy", "write_docbin"]


@dataclass(frozen=True)
class Misaligned:
    """A span that does not start and end on token boundaries."""

    article: str
    layer: str
    id: str
    start: int
    end: int
    text: str

    def __str__(self) -> str:
        return (
            f"{self.article}: {self.layer} {self.id} [{self.start}:{self.end}] {self.text!r} "
            "does not fall on token boundaries"
        )


def _span(
    doc: Any,
    article: dict[str, Any],
    found: list[Misaligned],
    layer: str,
    item: dict[str, Any],
    label: str,
    kb_id: str | None = None,
) -> Any:
    # span_id carries the newsdata id (m1, q3 ...), kb_id a mention's entity link
    result = doc.char_span(
        item["start"], item["end"], label=label, kb_id=kb_id or "", span_id=str(item.get("id", ""))
    )
    if result is None:
        text = item.get("text") or article["text"][item["start"] : item["end"]]
        found.append(
            Misaligned(
                article["id"], layer, str(item.get("id", "")), item["start"], item["end"], text
            )
        )
    return result


def _sentences(doc: Any, blocks: list[dict[str, Any]]) -> None:
    """Sentence boundaries: spaCy's rule-based sentencizer inside each block, and a new
    sentence at every block start (a heading never runs into the paragraph after it)."""
    pipeline = require("spacy.pipeline")
    pipeline.Sentencizer()(doc)
    starts = {b["start"] for b in blocks}
    for token in doc:
        if token.idx in starts:
            token.is_sent_start = True


def blank_pipeline(language: str) -> Any:
    """``spacy.blank(language)``, or spaCy's multi-language pipeline (``xx``) when spaCy has
    no tokenizer for the language or it needs a library that is not installed (Japanese,
    Korean, Thai, Vietnamese): every valid article converts, whatever its language."""
    spacy = require("spacy")
    try:
        return spacy.blank(language)
    except ImportError:
        return spacy.blank("xx")


def to_spacy(docs: Iterable[dict[str, Any]], nlp: Any = None) -> tuple[list[Any], list[Misaligned]]:
    """Convert articles to spaCy ``Doc`` objects; return them and the misaligned spans."""
    pipelines: dict[str, Any] = {}
    out, misaligned = [], []
    for article in docs:
        language = article["language"].split("-")[0].lower()
        if nlp is None and language not in pipelines:
            pipelines[language] = blank_pipeline(language)
        tokenizer = nlp if nlp is not None else pipelines[language]
        doc = tokenizer.make_doc(article["text"])
        mine: list[Misaligned] = []

        span = functools.partial(_span, doc, article, mine)

        outer = outer_mentions(article["mentions"])
        outer_ids = {m["id"] for m in outer}
        groups: dict[str, list[Any]] = {
            k: []
            for k in (
                "mentions",
                "nested",
                "quotes",
                "cues",
                "verbatim",
                "speakers",
                "timexes",
                "blocks",
            )
        }
        ents: list[Any] = []
        for m in article["mentions"]:
            s = span("mentions", m, m["label"], m["entity"])
            if s is None:
                continue
            groups["mentions"].append(s)
            (ents if m["id"] in outer_ids else groups["nested"]).append(s)
        for q in article["quotes"]:
            s = span("quotes", q, q["kind"])
            if s is not None:
                groups["quotes"].append(s)
            # the segments inside a quote carry the quote's id (and a speaker its entity)
            parts = [("cues", q["cue"], "cue", None)] if q["cue"] is not None else []
            parts += [("verbatim", v, "verbatim", None) for v in q.get("verbatim", [])]
            if q.get("speaker_span") is not None:
                parts.append(("speakers", q["speaker_span"], "speaker", q["speaker"]))
            for group, part, label, link in parts:
                c = span(group, {**part, "id": q["id"]}, label, link)
                if c is not None:
                    groups[group].append(c)
        for t in article["timexes"]:
            s = span("timexes", t, t["type"])
            if s is not None:
                groups["timexes"].append(s)
        for b in article["blocks"]:
            s = span("blocks", b, b["kind"])
            if s is not None:
                groups["blocks"].append(s)
        _sentences(doc, article["blocks"])
        doc.ents = ents
        for name, spans in groups.items():
            doc.spans[name] = spans
        doc.user_data["newsdata_id"] = article["id"]
        doc.user_data["newsdata_misaligned"] = [str(m) for m in mine]
        misaligned.extend(mine)
        out.append(doc)
    return out, misaligned  # fmt: skip


def write_docbin(docs: Iterable[dict[str, Any]], path: Path) -> tuple[int, list[Misaligned]]:
    """Write the articles as a spaCy ``DocBin``; return the count and the misaligned spans."""
    tokens = require("spacy.tokens")
    spacy_docs, misaligned = to_spacy(docs)
    docbin = tokens.DocBin(store_user_data=True)
    for doc in spacy_docs:
        docbin.add(doc)
    with atomic_path(path) as tmp:
        docbin.to_disk(tmp)
    return len(spacy_docs), misaligned
