"""`newsdata add`: turn a raw text into an article document with blocks (and suggestions).

Everything detected here is marked ``automatic`` in the article's provenance: it is a
starting point for the annotator, who checks it.
"""

from __future__ import annotations

import datetime
import re
import unicodedata
from dataclasses import dataclass
from typing import Any

__all__ = [
    "GUIDELINES_VERSION",
    "Scaffold",
    "detect_blocks",
    "scaffold_article",
    "suggest_quotes",
    "suggest_timexes",
]

GUIDELINES_VERSION = "1.0.0"

_MONTHS = {
    **{m: i for i, m in enumerate(
        ["januar", "februar", "märz", "april", "mai", "juni", "juli", "august", "september",
         "oktober", "november", "dezember"], 1)},
    **{m: i for i, m in enumerate(
        ["january", "february", "march", "april", "may", "june", "july", "august",
         "september", "october", "november", "december"], 1)},
    "jänner": 1,
}  # fmt: skip
_MONTH = "(?:" + "|".join(sorted(_MONTHS, key=len, reverse=True)) + ")"

_SHORTCODE = re.compile(r"\[/?[a-z][\w-]*(?:\s[^\]]*)?\]", re.IGNORECASE)
_BOILERPLATE = re.compile(
    r"^(?:latest from\b|related (?:posts|articles)|you may also like|share (?:this|on)\b|"
    r"follow us\b|teilen\b|weitere artikel|mehr zum thema|newsletter|advertisement|anzeige$|"
    r"\S+ on (?:instagram|facebook|twitter|x|tiktok|youtube)$|tags?:|"
    r"(?:facebook|twitter|instagram|whatsapp|linkedin|e-?mail)(?:\s*[|·,]\s*\w+)*$)",
    re.IGNORECASE,
)
_READING_TIME = re.compile(r"^\d+\s*(?:mins?|minutes?|min\.?|minuten)\s*(?:read|lesezeit)?$", re.I)
_BYLINE = re.compile(r"^(?:von|by)\s+\S", re.IGNORECASE)
_DATE_LINE = re.compile(
    rf"^(?:\w+,\s*)?(?:\d{{1,2}}\.?\s*{_MONTH}\s+\d{{4}}|{_MONTH}\s+\d{{1,2}},?\s+\d{{4}}|"
    r"\d{1,2}\.\d{1,2}\.\d{4}|\d{4}-\d{2}-\d{2})(?:[,\s]+\d{1,2}[:.]\d{2}(?:\s*uhr)?)?$",
    re.IGNORECASE,
)
_CLOSING = tuple('.!?:;,"“”»«…)')


@dataclass(frozen=True)
class _Line:
    start: int
    end: int
    text: str
    blank_before: bool
    blank_after: bool


def _lines(text: str) -> list[_Line]:
    raw: list[tuple[int, int, str] | None] = []
    pos = 0
    for piece in text.split("\n"):
        stripped = piece.strip()
        if stripped:
            lead = len(piece) - len(piece.lstrip())
            raw.append((pos + lead, pos + lead + len(stripped), stripped))
        else:
            raw.append(None)
        pos += len(piece) + 1
    lines = []
    for i, item in enumerate(raw):
        if item is None:
            continue
        before = i == 0 or raw[i - 1] is None
        after = i == len(raw) - 1 or raw[i + 1] is None
        lines.append(_Line(item[0], item[1], item[2], before, after))
    return lines


def _is_boilerplate(line: str) -> bool:
    return bool(_SHORTCODE.fullmatch(line) or _BOILERPLATE.match(line))


def _is_meta(line: str) -> bool:
    return bool(_DATE_LINE.match(line) or _READING_TIME.match(line) or _BYLINE.match(line))


def _is_heading(line: _Line) -> bool:
    words = line.text.split()
    return (
        line.blank_before
        and line.blank_after
        and len(words) <= 12
        and len(line.text) <= 100
        and not line.text.endswith(_CLOSING)
    )


def detect_blocks(text: str) -> list[dict[str, Any]]:
    """Split a raw text into blocks: title, meta lines, headings, paragraphs, boilerplate.

    The title is the first line; meta lines (dates, reading times, bylines) follow it;
    trailing lines that are recognisably the site's (shortcodes such as
    ``[instagram-feed feed=1]``, "Latest from Blog", share widgets) are boilerplate; a
    short line between blank lines without closing punctuation is a heading; other
    lines are paragraphs, consecutive lines forming one paragraph.

    Examples
    --------
    >>> text = "Titel\\n\\nJuni 19, 2024\\n\\nZwischentitel\\n\\nEin Satz. Und mehr.\\n\\n[x id=1]"
    >>> [(b["kind"], text[b["start"]:b["end"]]) for b in detect_blocks(text)]
    ... # doctest: +NORMALIZE_WHITESPACE
    [('title', 'Titel'), ('meta', 'Juni 19, 2024'), ('heading', 'Zwischentitel'),
     ('paragraph', 'Ein Satz. Und mehr.'), ('boilerplate', '[x id=1]')]
    """
    lines = _lines(text)
    if not lines:
        return []
    kinds = ["paragraph"] * len(lines)
    kinds[0] = "title"
    tail = len(lines)
    while tail > 1 and _is_boilerplate(lines[tail - 1].text):
        tail -= 1
    for i in range(tail, len(lines)):
        kinds[i] = "boilerplate"
    i = 1
    while i < tail and _is_meta(lines[i].text):
        kinds[i] = "meta"
        i += 1
    for k in range(i, tail):
        if _is_heading(lines[k]):
            kinds[k] = "heading"
    blocks: list[dict[str, Any]] = []
    for k, line in enumerate(lines):
        previous = blocks[-1] if blocks else None
        if (
            previous is not None
            and kinds[k] == "paragraph"
            and previous["kind"] == "paragraph"
            and not line.blank_before
        ):
            previous["end"] = line.end  # a paragraph broken over several lines
            continue
        blocks.append({"id": "", "start": line.start, "end": line.end, "kind": kinds[k]})
    for n, block in enumerate(blocks, 1):
        block["id"] = f"b{n}"
    return blocks


def suggest_quotes(text: str, spans: list[tuple[int, int]], language: str) -> list[dict[str, Any]]:
    """Candidate quotes: the words in each pair of the language's quotation marks (the
    validator's own rule, :func:`newsdata.validate.semantic.quoted_words`), inside the
    given spans.

    Each candidate's words are its one verbatim part. The speaker, cue and kind are for
    the annotator to decide: the candidates are ``direct`` with no speaker, which
    validation reports until they are completed; for a ``mixed`` quote the annotator
    widens the content to the reported clause and keeps the verbatim part.

    Examples
    --------
    >>> found = suggest_quotes("Er sagte: „Ja.“ Sie: »Nein«.", [(0, 28)], "de")
    >>> [(q["text"], [v["text"] for v in q["verbatim"]]) for q in found]
    [('Ja.', ['Ja.']), ('Nein', ['Nein'])]
    """
    from newsdata.validate.semantic import quoted_words

    found: list[dict[str, Any]] = []
    for start, end in quoted_words(text, language):
        if not any(s <= start and end <= e for s, e in spans):
            continue
        words = {"start": start, "end": end, "text": text[start:end]}
        found.append(
            {
                "id": f"q{len(found) + 1}",
                **words,
                "verbatim": [dict(words)],
                "speaker": None,
                "co_speakers": [],
                "speaker_text": None,
                "speaker_span": None,
                "inferred": False,
                "cue": None,
                "kind": "direct",
            }
        )
    return found


_TIMEX_PATTERNS = [
    (re.compile(r"\b(\d{4})-(\d{2})-(\d{2})\b"), "ymd"),
    (re.compile(rf"\b(\d{{1,2}})\.\s*({_MONTH})\s+(\d{{4}})\b", re.IGNORECASE), "dmy-name"),
    (re.compile(rf"\b({_MONTH})\s+(\d{{1,2}}),\s+(\d{{4}})\b", re.IGNORECASE), "mdy-name"),
    (re.compile(r"\b(\d{1,2})\.(\d{1,2})\.(\d{4})\b"), "dmy"),
    (re.compile(rf"\b({_MONTH})\s+(\d{{4}})\b", re.IGNORECASE), "my-name"),
    (re.compile(r"\b(1[0-9]{3}|20[0-9]{2})\b"), "year"),
]


def _timex_value(kind: str, groups: tuple[str, ...]) -> str | None:
    if kind == "year":
        return groups[0]
    if kind == "my-name":
        return f"{groups[1]}-{_MONTHS[groups[0].lower()]:02d}"
    if kind == "ymd":
        year, month, day = (int(g) for g in groups)
    elif kind == "dmy-name":
        year, month, day = int(groups[2]), _MONTHS[groups[1].lower()], int(groups[0])
    elif kind == "mdy-name":
        year, month, day = int(groups[2]), _MONTHS[groups[0].lower()], int(groups[1])
    else:
        year, month, day = int(groups[2]), int(groups[1]), int(groups[0])
    try:
        return datetime.date(year, month, day).isoformat()
    except ValueError:
        return None


def suggest_timexes(text: str, spans: list[tuple[int, int]]) -> list[dict[str, Any]]:
    """Candidate temporal expressions: explicit dates and years, inside the given spans.

    Examples
    --------
    >>> found = suggest_timexes("Am 19. Juni 2024, nicht 2000.", [(0, 29)])
    >>> [(t["text"], t["value"]) for t in found]
    [('19. Juni 2024', '2024-06-19'), ('2000', '2000')]
    """
    found: list[dict[str, Any]] = []
    for pattern, kind in _TIMEX_PATTERNS:
        for match in pattern.finditer(text):
            start, end = match.span()
            if any(t["start"] < end and start < t["end"] for t in found):
                continue  # part of a longer expression already found
            if not any(s <= start and end <= e for s, e in spans):
                continue
            value = _timex_value(kind, match.groups())
            if value is None:
                continue
            found.append(
                {
                    "start": start,
                    "end": end,
                    "text": match.group(),
                    "type": "DATE",
                    "value": value,
                    "mod": None,
                }
            )
    found.sort(key=lambda t: (t["start"], -t["end"]))
    return [{"id": f"t{n}", **t} for n, t in enumerate(found, 1)]


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

    Examples
    --------
    >>> made = scaffold_article("Titel\\n\\nText.", article_id="x", language="de")
    >>> [b["kind"] for b in made.doc["blocks"]], made.doc["rights"], made.notes[0][:30]
    (['title', 'paragraph'], '', 'state the rights in `rights`: ')
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
    content = [(b["start"], b["end"]) for b in blocks if b["kind"] != "boilerplate"]
    quotes = suggest_quotes(text, content, language) if suggest else []
    timexes = suggest_timexes(text, content) if suggest else []
    title = next((text[b["start"] : b["end"]] for b in blocks if b["kind"] == "title"), "")
    notes.insert(0, "state the rights in `rights`: the licence, or why it is unknown")
    if quotes:
        notes.append(f"{len(quotes)} candidate quote(s): add speaker, cue and kind, or remove")
    if timexes:
        notes.append(f"{len(timexes)} candidate timex(es): check type and value")
    method = "automatic" if suggest else "none"
    doc = {
        "id": article_id,
        "title": title,
        "language": language,
        "published": published.isoformat() if published else None,
        "reading_time": None,
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
            "guidelines": GUIDELINES_VERSION,
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
