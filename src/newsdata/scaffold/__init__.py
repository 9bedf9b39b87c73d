"""`newsdata add`: turn a raw text into an article document with blocks (and suggestions).

Everything detected here is marked ``automatic`` in the article's provenance: it is a
starting point for the annotator, who checks it. What the text states about itself (a
publication date, a reading time in its meta lines) fills ``published`` and
``reading_time`` only when the statement is unambiguous, and a note says where it came
from. The parts: :mod:`~newsdata.scaffold.blocks` (and the meta lines of
:mod:`~newsdata.scaffold.meta`), :mod:`~newsdata.scaffold.quotes` and
:mod:`~newsdata.scaffold.timexes`.
"""

from __future__ import annotations

import datetime
import unicodedata
from dataclasses import dataclass
from typing import Any

from newsdata import guidelines
from newsdata.scaffold.blocks import detect_blocks
from newsdata.scaffold.meta import StatedMetadata, read_metadata
from newsdata.scaffold.quotes import suggest_quotes
from newsdata.scaffold.timexes import suggest_timexes, timex_candidates

__all__ = [
    "Scaffold",
    "StatedMetadata",
    "detect_blocks",
    "read_metadata",
    "scaffold_article",
    "suggest_quotes",
    "suggest_timexes",
]


@dataclass(frozen=True)
class Scaffold:
    """A new article document and what the contributor still has to do."""

    doc: dict[str, Any]
    notes: list[str]


def scaffold_article(
    raw: str,
    *,
    article_id: str,
    language: str,
    published: datetime.date | None = None,
    source_url: str | None = None,
    suggest: bool = False,
    today: datetime.date | None = None,
) -> Scaffold:
    """Build an article document from a raw text; return it and notes for the contributor.

    ``published`` and ``reading_time`` come from the text's meta lines when they state
    them unambiguously (:func:`read_metadata`); a ``published`` given here wins, and a
    note says when the text states another date. The document follows the guidelines of
    :data:`newsdata.guidelines.GUIDELINES_VERSION`.

    Examples
    --------
    >>> made = scaffold_article("Titel\\n\\nText.", article_id="x", language="de")
    >>> [b["kind"] for b in made.doc["blocks"]], made.doc["rights"], made.notes[0][:30]
    (['title', 'paragraph'], '', 'state the rights in `rights`: ')
    >>> made = scaffold_article(
    ...     "Title\\n\\nMarch 4, 2025 · 3 mins read\\n\\nText.", article_id="x", language="en"
    ... )
    >>> made.doc["published"], made.doc["reading_time"]
    ('2025-03-04', 'PT3M')
    """
    notes: list[str] = []
    if "\r" in raw:
        # CRLF and CR are line ends of the file that carried the text, not of the text:
        # an article keeps LF only (a carriage return is a control character).
        raw = raw.replace("\r\n", "\n").replace("\r", "\n")
        notes.append("line ends were converted to LF (the file used CRLF or CR)")
    text = unicodedata.normalize("NFC", raw)
    if text != raw:
        notes.append("the text was normalised to Unicode NFC (it was not NFC before)")
    blocks = detect_blocks(text)
    stated = read_metadata(text, blocks)
    notes += stated.notes
    if published is None and stated.published is not None:
        published = stated.published
        notes.append(f"`published` {published.isoformat()} was read from a meta line: check it")
    elif published is not None and stated.published not in (None, published):
        notes.append(f"the meta lines state {stated.published}, not the --published {published}")
    if stated.reading_time is not None:
        notes.append(f"`reading_time` {stated.reading_time} was read from a meta line: check it")
    content = [(b["start"], b["end"]) for b in blocks if b["kind"] != "boilerplate"]
    quotes = suggest_quotes(text, content, language) if suggest else []
    timexes, unresolved = (
        timex_candidates(text, content, language, published) if suggest else ([], 0)
    )
    title = next((text[b["start"] : b["end"]] for b in blocks if b["kind"] == "title"), "")
    notes.insert(0, "state the rights in `rights`: the licence, or why it is unknown")
    if quotes:
        notes.append(
            f"{len(quotes)} candidate quote(s): check kind, content, cue and speaker span; "
            "state who speaks (`speaker` or `speaker_text`), or remove"
        )
    if timexes:
        notes.append(f"{len(timexes)} candidate timex(es): check span, type and value")
    if unresolved:
        notes.append(
            f"{unresolved} relative time expression(s) not proposed: no publication date "
            "to resolve them against (give --published)"
        )
    notes.append(
        "set each layer you annotate or review by hand to `manual` in `annotation.methods`"
    )
    method = "automatic" if suggest else "none"
    doc = {
        "id": article_id,
        "title": title,
        "language": language,
        "published": published.isoformat() if published else None,
        "reading_time": stated.reading_time,
        "source": {"name": None, "url": source_url, "retrieved": None},
        "rights": "",
        "text": text,
        "blocks": blocks,
        "mentions": [],
        "entities": [],
        "quotes": quotes,
        "timexes": timexes,
        "topics": [],
        "annotation": {
            "guidelines": guidelines.GUIDELINES_VERSION,
            "date": (today or datetime.date.today()).isoformat(),
            "methods": {
                "blocks": "automatic",
                "mentions": "none",
                "entities": "none",
                "quotes": method,
                "timexes": method,
                "topics": "none",
            },
            "notes": "Scaffolded by `newsdata add`; automatic layers await review.",
        },
    }
    return Scaffold(doc, notes)
