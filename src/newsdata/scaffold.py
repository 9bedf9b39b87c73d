"""`newsdata add`: turn a raw text into an article document with blocks (and suggestions).

Everything detected here is marked ``automatic`` in the article's provenance: it is a
starting point for the annotator, who checks it. What the text states about itself (a
publication date, a reading time in its meta lines) fills ``published`` and
``reading_time`` only when the statement is unambiguous, and a note says where it came
from.
"""

from __future__ import annotations

import datetime
import itertools
import re
import unicodedata
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Any

from newsdata import guidelines

__all__ = [
    "Scaffold",
    "StatedMetadata",
    "detect_blocks",
    "read_metadata",
    "scaffold_article",
    "suggest_quotes",
    "suggest_timexes",
]

# --------------------------------------------------------------------------- words

_MONTH_NAMES = {
    "de": ["januar", "februar", "märz", "april", "mai", "juni", "juli", "august",
           "september", "oktober", "november", "dezember"],
    "en": ["january", "february", "march", "april", "may", "june", "july", "august",
           "september", "october", "november", "december"],
    "fr": ["janvier", "février", "mars", "avril", "mai", "juin", "juillet", "août",
           "septembre", "octobre", "novembre", "décembre"],
}  # fmt: skip
_WEEKDAY_NAMES = {
    "de": ["montag", "dienstag", "mittwoch", "donnerstag", "freitag", "samstag", "sonntag"],
    "en": ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"],
    "fr": ["lundi", "mardi", "mercredi", "jeudi", "vendredi", "samedi", "dimanche"],
}


def _numbered(names: dict[str, list[str]], languages: Iterable[str]) -> dict[str, int]:
    table: dict[str, int] = {}
    for language in languages:
        table.update({name: i for i, name in enumerate(names[language], 1)})
    return table


_MONTHS = {**_numbered(_MONTH_NAMES, _MONTH_NAMES), "jänner": 1}
_WEEKDAYS = {name: n - 1 for name, n in _numbered(_WEEKDAY_NAMES, _WEEKDAY_NAMES).items()}


def _alternation(words: Iterable[str]) -> str:
    return "(?:" + "|".join(sorted(set(words), key=len, reverse=True)) + ")"


def _languages(language: str | None) -> list[str]:
    primary = (language or "").split("-")[0].lower()
    return [primary] if primary in _MONTH_NAMES else list(_MONTH_NAMES)


def _month_alternation(language: str | None) -> str:
    months = _numbered(_MONTH_NAMES, _languages(language))
    return _alternation([*months, *(["jänner"] if "januar" in months else [])])


# --------------------------------------------------------------------------- dates
# A date written out: ISO, day-month-year (de "4. März 2025", en "4 March 2025", fr
# "1er mars 2025"), month-day-year ("March 4, 2025"; "Juni 19, 2024" in translated
# templates) and German numeric "04.03.2025". Slashed dates are read only when one order
# is possible (13/03/2025), since en-US and fr write the same digits in opposite orders.


def _date_forms(months: str) -> list[tuple[str, str]]:
    month, suffix = rf"(?i:(?P<mn>{months}))", "(?:er|st|nd|rd|th)?"
    return [
        ("ymd", r"(?P<y>\d{4})-(?P<m>\d{2})-(?P<d>\d{2})"),
        ("dmy-name", rf"(?P<d>\d{{1,2}})(?:\.\s*|{suffix}\s+){month}\s+(?P<y>\d{{4}})"),
        ("mdy-name", rf"{month}\s+(?P<d>\d{{1,2}}){suffix},?\s+(?P<y>\d{{4}})"),
        ("dmy", r"(?P<d>\d{1,2})\.(?P<m>\d{1,2})\.(?P<y>\d{4})"),
    ]  # fmt: skip


def _date_of(groups: dict[str, str | None]) -> datetime.date | None:
    """The date a match of :func:`_date_forms` (or a slashed date) names, or None."""
    if groups.get("a") and groups.get("b"):  # a slashed date: read only when unambiguous
        a, b = int(groups["a"] or 0), int(groups["b"] or 0)
        if a <= 12 and b <= 12 and a != b:
            return None
        day, month = (a, b) if a > 12 else (b, a)
    else:
        name = groups.get("mn")
        month = _MONTHS[name.lower()] if name else int(groups["m"] or 0)
        day = int(groups["d"] or 0)
    try:
        return datetime.date(int(groups["y"] or 0), month, day)
    except ValueError:
        return None


_ALL_MONTHS = _month_alternation(None)
_DATE = "(?:" + "|".join(
    re.sub(r"\(\?P<\w+>", "(?:", form) for _, form in _date_forms(_ALL_MONTHS)
) + ")"  # fmt: skip
_SLASHED = r"(?P<a>\d{1,2})/(?P<b>\d{1,2})/(?P<y>\d{4})"

# --------------------------------------------------------------------------- meta lines
# A meta line is made of segments (a dateline, a date, a reading time, a byline) joined
# by a separator such as " · " or " | "; nothing else may be on the line, so a body
# sentence that merely contains a date stays a paragraph.

_UPPER = "A-ZÀ-ÖØ-ÞĀ-Ž"
_CAPITALISED = rf"[{_UPPER}][\w'’.-]*"
_SEPARATOR = re.compile(r"\s+[·|•–—-]\s+|\s*[·|•]\s*")
_PUBLISHED_LABEL = (
    r"(?i:(?:veröffentlicht|erschienen)(?:\s+am)?|(?:published|posted)(?:\s+on)?|publié\s+le)"
)
_UPDATED_LABEL = (
    r"(?i:(?:zuletzt\s+)?aktualisiert(?:\s+am)?|stand|(?:last\s+)?updated(?:\s+on)?|"
    r"mis\s+à\s+jour\s+le|modifié\s+le)"
)
_TIME_OF_DAY = r"(?:,?\s*(?i:um|at|à)?\s*\d{1,2}[:.h]\d{2}\s*(?i:uhr|h|am|pm)?)?"
_DATE_SEGMENT = re.compile(
    rf"(?:(?P<published>{_PUBLISHED_LABEL})|(?P<updated>{_UPDATED_LABEL}))?\s*:?\s*"
    rf"(?:{_CAPITALISED}(?:[ -]{_CAPITALISED}){{0,3}}(?:\s*\([^)]{{1,30}}\))?,\s*)?"
    rf"(?:(?i:{_alternation(_WEEKDAYS)}),?\s+)?"
    rf"(?:(?:(?i:le|am|the|on)\s+)?(?P<date>{_DATE})|(?P<slashed>{_SLASHED})){_TIME_OF_DAY}"
)
_MINUTES = r"(?P<duration>(?P<n>\d+)\s*(?:minuten|minutes?|mins?\.?|min\.?))"
_READING_SEGMENTS = [
    re.compile(p, re.IGNORECASE)
    for p in (
        rf"(?:lesezeit|lesedauer)\s*:?\s*(?:ca\.\s*|etwa\s+|rund\s+)?{_MINUTES}",
        rf"(?:ca\.\s*)?{_MINUTES}\s*(?:lesezeit|lesedauer)",
        rf"{_MINUTES}[\s-]*(?:read|reading\s+time)",
        rf"(?:reading\s+time|read\s+time)\s*:?\s*{_MINUTES}",
        rf"{_MINUTES}\s+de\s+lecture",
        rf"(?:temps\s+de\s+)?lecture\s*:?\s*{_MINUTES}",
    )
]
_BARE_MINUTES = re.compile(_MINUTES, re.IGNORECASE)  # "2 mins" alone: meta, but no claim
_BYLINE = re.compile(rf"(?i:von|by|par)\s+{_CAPITALISED}(?:[\s,]+[\w'’.-]+){{0,6}}")


@dataclass(frozen=True)
class _Segment:
    kind: str  # "date", "reading", "byline"
    start: int  # offsets in the line
    end: int
    date: datetime.date | None = None
    published: bool = True  # False for a date labelled as an update
    minutes: int | None = None  # stated reading time, explicit ones only
    duration: tuple[int, int] | None = None


def _segments(line: str) -> list[tuple[int, int]]:
    pieces: list[tuple[int, int]] = []
    at = 0
    for separator in _SEPARATOR.finditer(line):
        pieces.append((at, separator.start()))
        at = separator.end()
    pieces.append((at, len(line)))
    return pieces


def _meta_segments(line: str, *, bylines: bool) -> list[_Segment] | None:
    """The segments of a meta line, or None when the line is not one."""
    found: list[_Segment] = []
    for start, end in _segments(line):
        piece = line[start:end]
        if not piece:
            return None
        date = _DATE_SEGMENT.fullmatch(piece)
        if date is not None:
            if date["date"]:
                inner = next(
                    m for _, form in _date_forms(_ALL_MONTHS)
                    if (m := re.fullmatch(form, date["date"])) is not None
                )  # fmt: skip
                when = _date_of(inner.groupdict())
            else:
                when = _date_of(re.fullmatch(_SLASHED, date["slashed"]).groupdict())  # type: ignore[union-attr]
            updated = date["updated"] is not None
            found.append(_Segment("date", start, end, date=when, published=not updated))
            continue
        reading = next((m for p in _READING_SEGMENTS if (m := p.fullmatch(piece))), None)
        bare = _BARE_MINUTES.fullmatch(piece)
        if reading is not None or bare is not None:
            match = reading or bare
            assert match is not None
            span = (start + match.start("duration"), start + match.end("duration"))
            minutes = int(match["n"]) if reading is not None else None
            found.append(_Segment("reading", start, end, minutes=minutes, duration=span))
            continue
        if bylines and _BYLINE.fullmatch(piece) and not piece.endswith("."):
            found.append(_Segment("byline", start, end))
            continue
        return None
    return found


# --------------------------------------------------------------------------- blocks

_SHORTCODE = re.compile(r"\[/?[a-z][\w-]*(?:\s[^\]]*)?\]", re.IGNORECASE)
_BOILERPLATE = re.compile(
    r"^(?:latest from\b|related (?:posts|articles)|you may also like|share (?:this|on)\b|"
    r"follow us\b|teilen\b|weitere artikel|mehr zum thema|newsletter|advertisement|anzeige$|"
    r"\S+ on (?:instagram|facebook|twitter|x|tiktok|youtube)$|tags?:|"
    r"(?:facebook|twitter|instagram|whatsapp|linkedin|e-?mail)(?:\s*[|·,]\s*\w+)*$)",
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

    The title is the first line. A meta line is a line made only of datelines
    ("Kiel, 4. März 2025", "PARIS, 12 mars 2025"), dates ("March 4, 2025"), reading
    times ("Lesezeit: 2 Minuten", "3 min read", "2 min de lecture") and, right after the
    title, bylines ("Von …", "By …", "Par …"), joined by separators such as " · ". A body
    sentence that merely contains a date is not one. Trailing lines that are
    recognisably the site's (shortcodes such as ``[instagram-feed feed=1]``, "Latest
    from Blog", share widgets) are boilerplate; a short line between blank lines without
    closing punctuation is a heading; other lines are paragraphs, consecutive lines
    forming one paragraph.

    Examples
    --------
    >>> text = "Titel\\n\\nJuni 19, 2024\\n\\nZwischentitel\\n\\nEin Satz. Und mehr.\\n\\n[x id=1]"
    >>> [(b["kind"], text[b["start"]:b["end"]]) for b in detect_blocks(text)]
    ... # doctest: +NORMALIZE_WHITESPACE
    [('title', 'Titel'), ('meta', 'Juni 19, 2024'), ('heading', 'Zwischentitel'),
     ('paragraph', 'Ein Satz. Und mehr.'), ('boilerplate', '[x id=1]')]
    >>> text = "Titre\\n\\nPARIS, 12 mars 2025 · 2 min de lecture\\n\\nLe 12 mars 2025, il pleut."
    >>> [b["kind"] for b in detect_blocks(text)]
    ['title', 'meta', 'paragraph']
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
    leading = True  # bylines count only in the run of meta lines below the title
    for k in range(1, tail):
        if _meta_segments(lines[k].text, bylines=leading) is not None:
            kinds[k] = "meta"
            continue
        leading = False
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


@dataclass(frozen=True)
class StatedMetadata:
    """What the meta lines of a text state about the article, when they state it once.

    ``published`` is the publication date and ``reading_time`` an ISO 8601 duration
    (``PT2M``), each None when the text states none or states it ambiguously (two
    different dates, a slashed date both orders could read); ``notes`` say which.
    """

    published: datetime.date | None = None
    reading_time: str | None = None
    notes: tuple[str, ...] = field(default=())


def read_metadata(text: str, blocks: list[dict[str, Any]]) -> StatedMetadata:
    """Read the publication date and the reading time from the ``meta`` blocks.

    A date labelled as an update ("Aktualisiert am", "Updated", "Mis à jour le") is not a
    publication date; a reading time counts only when the line says it is one
    ("Lesezeit", "read", "de lecture"). Nothing is guessed: when the lines state two
    different dates, or a date only one reading order would give, ``published`` stays
    None.

    Examples
    --------
    >>> text = "Titel\\n\\nKiel, 4. März 2025 · Lesezeit: 2 Minuten\\n\\nText."
    >>> stated = read_metadata(text, detect_blocks(text))
    >>> stated.published, stated.reading_time
    (datetime.date(2025, 3, 4), 'PT2M')
    >>> text = "Title\\n\\n03/04/2025\\n\\nText."
    >>> read_metadata(text, detect_blocks(text)).published is None
    True
    """
    dates: set[datetime.date] = set()
    minutes: set[int] = set()
    unreadable: list[str] = []
    for block in blocks:
        if block["kind"] != "meta":
            continue
        line = text[block["start"] : block["end"]]
        for segment in _meta_segments(line, bylines=True) or []:
            if segment.kind == "date" and segment.published:
                if segment.date is None:
                    unreadable.append(line[segment.start : segment.end])
                else:
                    dates.add(segment.date)
            elif segment.kind == "reading" and segment.minutes is not None:
                minutes.add(segment.minutes)
    notes: list[str] = []
    published = next(iter(dates)) if len(dates) == 1 and not unreadable else None
    if len(dates) > 1:
        listed = ", ".join(d.isoformat() for d in sorted(dates))
        notes.append(f"the meta lines state several dates ({listed}): `published` left null")
    elif unreadable:
        notes.append(f"the date {unreadable[0]!r} can be read two ways: `published` left null")
    reading_time = f"PT{next(iter(minutes))}M" if len(minutes) == 1 else None
    if len(minutes) > 1:
        notes.append("the meta lines state several reading times: `reading_time` left null")
    return StatedMetadata(published, reading_time, tuple(notes))


# --------------------------------------------------------------------------- quotes
# Candidate cues: a small table of reporting expressions per language. A pattern's
# ``verb`` group, when it has one, is the cue (French inversion "dit-il"), and its
# ``pron`` group the speaker.


def _words(listed: str) -> list[str]:
    return listed.split()


_DE_VERBS = _words(
    "sagt sagte sagten gesagt erklärt erklärte erklärten betont betonte betonten meint "
    "meinte meinten ergänzte ergänzten fügte fügten berichtet berichtete berichteten "
    "schreibt schrieb schrieben warnt warnte warnten kritisierte kritisierten fragte "
    "fragten antwortete antworteten forderte forderten nannte nannten bezeichnete "
    "bezeichneten versprach versprachen verkündete verkündeten hieß heißt laut zufolge"
)
_EN_VERBS = _words(
    "said says told tells added adds stated explained explains asked wrote writes warned "
    "warns announced replied insisted noted argued claimed called described"
)
_FR_PARTICIPLES = _words(
    "dit déclaré affirmé expliqué ajouté souligné indiqué estimé assuré précisé annoncé "
    "répondu écrit averti promis"
)
_FR_VERBS = _words(
    "dit déclare affirme explique ajoute souligne indique estime assure précise annonce "
    "répond écrit poursuit insiste lance"
)
_FR_PRONOUNS = r"(?P<pron>il|elle|on|ils|elles)"
_CUES: dict[str, list[re.Pattern[str]]] = {
    "de": [
        re.compile(rf"(?<![\w-]){_alternation(_DE_VERBS)}(?![\w-])", re.IGNORECASE),
        re.compile(r"(?<=, )so(?= )"),  # „…“, so die Ministerin
    ],
    "en": [
        re.compile(rf"(?<![\w-])(?:{_alternation(_EN_VERBS)}|according to)(?![\w-])", re.I),
    ],
    "fr": [
        re.compile(
            rf"(?<![\w-])(?:a|ont)-(?:t-)?{_FR_PRONOUNS}\s+(?P<verb>{_alternation(_FR_PARTICIPLES)})"
            r"(?![\w-])",
            re.IGNORECASE,
        ),
        re.compile(
            rf"(?<![\w-])(?P<verb>{_alternation(_FR_VERBS)})-(?:t-)?{_FR_PRONOUNS}(?![\w-])",
            re.IGNORECASE,
        ),
        re.compile(
            rf"(?<![\w-])(?:(?:a|ont|avait|avaient)\s+{_alternation(_FR_PARTICIPLES)}|"
            rf"{_alternation(_FR_VERBS)}|selon)(?![\w-])",
            re.IGNORECASE,
        ),
    ],
}
_PRONOUNS = {
    "de": {"er", "sie", "wir", "ich", "ihr"},  # not "es": "hieß es" names no one
    "en": {"he", "she", "they", "we", "i", "it"},
    "fr": {"il", "elle", "ils", "elles", "nous", "je", "on"},
}
_DETERMINERS = {
    "de": {"der", "die", "das", "ein", "eine"},  # not "den", "dem": an object, never the speaker
    "en": {"the", "a", "an"},
    "fr": {"le", "la", "les", "l'", "l’", "un", "une"},
}
_NAME_PARTICLES = {"von", "van", "de", "du", "da", "di", "zu"}
# Capitalised words that open a sentence or name a time, never a speaker.
_NOT_SPEAKERS = {
    *_MONTHS, *_WEEKDAYS, "auch", "dann", "doch", "aber", "und", "so", "nun", "jetzt",
    "heute", "gestern", "am", "im", "in", "but", "and", "then", "also", "today", "on",
    "mais", "et", "puis", "aujourd'hui", "hier", "selon", "laut",
}  # fmt: skip
_PREPOSITION_CUES = {"laut", "according to", "selon"}  # the speaker follows them
_WORD = re.compile(r"[^\W\d_]+(?:['’-][^\W\d_]+)*|[lL]['’]")
_SENTENCE_END = ".!?…"
_ABBREVIATIONS = {"dr", "prof", "nr", "mr", "mrs", "ms", "st", "bzw", "vgl", "ca", "mme", "m"}


@dataclass(frozen=True)
class _Pair:
    words: tuple[int, int]  # the quoted words, without marks or inner spaces
    marks: tuple[int, int]  # the words with their marks


def _pairs(text: str, spans: list[tuple[int, int]], language: str) -> list[_Pair]:
    """The outermost quotation-mark pairs inside ``spans``, none overlapping another."""
    from newsdata.validate.semantic import quoted_words

    words = [
        (s, e) for s, e in quoted_words(text, language) if any(a <= s and e <= b for a, b in spans)
    ]
    pairs: list[_Pair] = []
    for start, end in sorted(words, key=lambda w: (w[0], -w[1])):
        if pairs and start < pairs[-1].words[1]:
            continue  # nested in (or crossing) the pair before: part of its words
        opening, closing = start - 1, end
        while opening > 0 and text[opening].isspace():
            opening -= 1
        while closing < len(text) - 1 and text[closing].isspace():
            closing += 1
        pairs.append(_Pair((start, end), (opening, closing + 1)))
    return pairs


def _sentences(text: str, start: int, end: int, pairs: list[_Pair]) -> list[tuple[int, int]]:
    """Split ``text[start:end]`` into sentences, never inside a quotation."""
    inside = [p.marks for p in pairs if start <= p.marks[0] and p.marks[1] <= end]
    bounds = [start]
    for i in range(start, end):
        char = text[i]
        follows = text[i + 1 : i + 3]
        if any(a <= i < b - 1 for a, b in inside):
            continue
        closing_after_end = any(i == b - 1 and text[b - 2] in _SENTENCE_END for a, b in inside)
        if char in _SENTENCE_END or closing_after_end:
            if closing_after_end and not (len(follows) == 2 and follows[1].isupper()):
                continue  # „Ja.“ sagte er: the sentence goes on
            if i + 1 < end and not text[i + 1].isspace():
                continue
            word = re.search(r"(\w+)$", text[max(start, i - 12) : i])
            if char == "." and word and (word[1].isdigit() or word[1].lower() in _ABBREVIATIONS):
                continue  # "4. März", "Dr. Muster"
            bounds.append(i + 1)
    bounds.append(end)
    return [(a, b) for a, b in itertools.pairwise(bounds) if text[a:b].strip()]


def _cues(text: str, start: int, end: int, language: str) -> list[re.Match[str]]:
    found: list[re.Match[str]] = []
    for pattern in _CUES.get(language, []):
        found += pattern.finditer(text, start, end)
    found.sort(key=lambda m: (m.start(), -m.end()))
    kept: list[re.Match[str]] = []
    for match in found:
        if not kept or match.start() >= kept[-1].end():
            kept.append(match)  # "a dit" rather than its "dit"
    return kept


def _tokens(text: str, start: int, end: int) -> list[tuple[int, int]]:
    return [m.span() for m in _WORD.finditer(text, start, end)]


def _is_name(word: str) -> bool:
    return word[:1].isupper() and word.lower() not in _NOT_SPEAKERS


def _speaker_after(text: str, at: int, end: int, language: str) -> tuple[int, int] | None:
    tokens = _tokens(text, at, end)
    if not tokens or text[at : tokens[0][0]].strip():
        return None  # punctuation first: nobody named right after the cue
    first = text[tokens[0][0] : tokens[0][1]]
    if first.lower() in _PRONOUNS.get(language, set()):
        return tokens[0]
    begin, k = tokens[0][0], 0
    if first.lower() in _DETERMINERS.get(language, set()) and len(tokens) > 1:
        k = 1
    run = _name_run(text, tokens, k, +1)
    return (begin if k else run[0], run[1]) if run else None


def _speaker_before(text: str, start: int, at: int, language: str) -> tuple[int, int] | None:
    tokens = _tokens(text, start, at)
    if not tokens or text[tokens[-1][1] : at].strip():
        return None
    last = text[tokens[-1][0] : tokens[-1][1]]
    if last.lower() in _PRONOUNS.get(language, set()):
        return tokens[-1]
    run = _name_run(text, tokens, len(tokens) - 1, -1)
    if run is None:
        return None
    before = [t for t in tokens if t[1] <= run[0]]
    if before and not text[before[-1][1] : run[0]].strip():
        word = text[before[-1][0] : before[-1][1]]
        if word in _DETERMINERS.get(language, set()):  # lowercase only: "die Ministerin"
            return (before[-1][0], run[1])
    return run


def _name_run(
    text: str, tokens: list[tuple[int, int]], k: int, step: int
) -> tuple[int, int] | None:
    """The run of capitalised words from ``tokens[k]`` on, in direction ``step``."""
    if not _is_name(text[tokens[k][0] : tokens[k][1]]):
        return None
    first = last = k
    j = k + step
    while 0 <= j < len(tokens):
        a, b = sorted((tokens[j], tokens[j - step]))
        if text[a[1] : b[0]] != " ":
            break
        word = text[tokens[j][0] : tokens[j][1]]
        nxt = j + step
        particle = word in _NAME_PARTICLES and 0 <= nxt < len(tokens)
        if not (_is_name(word) or particle):
            break
        if _is_name(word):
            last = j
        j = nxt
    low, high = sorted((first, last))
    return tokens[low][0], tokens[high][1]


def _attribution(
    text: str, start: int, end: int, language: str, *, after: bool, subject_first: bool = False
) -> tuple[re.Match[str] | None, tuple[int, int] | None]:
    """The cue in ``text[start:end]`` nearest the quote, and the speaker next to it."""
    cues = _cues(text, start, end, language)
    if not cues:
        return None, None
    cue = cues[0] if after else cues[-1]
    if cue.groupdict().get("pron"):
        return cue, cue.span("pron")
    following = _speaker_after(text, cue.end(), end, language)
    preceding = _speaker_before(text, start, cue.start(), language)
    if cue.group().lower() in _PREPOSITION_CUES:
        return cue, following
    if subject_first:  # the reporter's own sentence: after the verb comes its object,
        # or, in German verb-second order only, the subject ("nannte die Ministerin …")
        return cue, preceding or (following if language == "de" else None)
    return cue, following or preceding


def _reporting_clause(text: str, start: int, end: int, language: str) -> bool:
    """True when ``text[start:end]`` is a short clause around a reporting verb."""
    words = _tokens(text, start, end)
    return 0 < len(words) <= 8 and bool(_cues(text, start, end, language))


def _cue_opens(text: str, start: int, end: int, language: str) -> bool:
    """True when ``text[start:end]`` begins with a reporting clause (a cue among its first
    four words): the quoted words before it are the utterance, whatever follows
    (*„…“, he told reporters, and asked …*)."""
    words = _tokens(text, start, end)
    return bool(words) and bool(_cues(text, start, words[min(3, len(words) - 1)][1], language))


def _segment(text: str, span: tuple[int, int]) -> dict[str, Any]:
    return {"start": span[0], "end": span[1], "text": text[span[0] : span[1]]}


def suggest_quotes(text: str, spans: list[tuple[int, int]], language: str) -> list[dict[str, Any]]:
    """Candidate quotes, one per quotation-mark pair inside the given spans, with a kind,
    a cue and a speaker span proposed by the guidelines' rules.

    The pairs are those of the validator (:func:`newsdata.validate.semantic.quoted_words`);
    a pair nested in another pair's words (‚…‘ inside „…“) is part of the outer
    quote's words, never a quote of its own, and no two candidates overlap. The kind is
    ``direct`` when the pair is the whole utterance: its sentence holds nothing else but
    a reporting clause (*Sie sagte: „…“*, *„…“, sagte sie.*). Otherwise the quoted words
    are inside the reporter's own sentence: ``mixed``, the content running from the
    first quoted word of the sentence to the last (pairs with no reporting verb between
    them are one quote with several verbatim parts). For quoted words inside reported
    speech (a *dass*-clause) the annotator widens the content to the whole clause.

    The cue is the reporting verb nearest the pair in its sentence (a small table per
    language: *sagte*, *said*, *a déclaré*, *selon* …), and ``speaker_span`` the pronoun
    or capitalised name next to it. ``speaker`` and ``speaker_text`` stay null: who
    speaks is for the annotator to state (validation reports ``quote-no-speaker`` until
    then).

    Examples
    --------
    >>> text = "Er sagte: „Ja.“ Sie nannte das »zu spät«."
    >>> found = suggest_quotes(text, [(0, len(text))], "de")
    >>> [(q["text"], q["kind"], q["cue"]["text"], q["speaker_span"]["text"]) for q in found]
    [('Ja.', 'direct', 'sagte', 'Er'), ('zu spät', 'mixed', 'nannte', 'Sie')]
    """
    language = language.split("-")[0].lower()
    pairs = _pairs(text, spans, language)
    found: list[dict[str, Any]] = []
    for block_start, block_end in spans:
        in_block = [p for p in pairs if block_start <= p.words[0] and p.words[1] <= block_end]
        for sent_start, sent_end in _sentences(text, block_start, block_end, in_block):
            group = [p for p in in_block if sent_start <= p.marks[0] and p.marks[1] <= sent_end]
            found += _sentence_quotes(text, sent_start, sent_end, group, language)
    found.sort(key=lambda q: q["start"])
    for n, quote in enumerate(found, 1):
        quote["id"] = f"q{n}"
    return found


def _sentence_quotes(
    text: str, start: int, end: int, pairs: list[_Pair], language: str
) -> list[dict[str, Any]]:
    quotes: list[dict[str, Any]] = []
    mixed: list[_Pair] = []  # the fragments of one mixed quote being gathered
    for k, pair in enumerate(pairs):
        before = (pairs[k - 1].marks[1] if k else start, pair.marks[0])
        after = (pair.marks[1], pairs[k + 1].marks[0] if k + 1 < len(pairs) else end)
        cue_between = bool(_cues(text, *before, language))
        opens = (
            not _tokens(text, *before)
            or (text[slice(*before)].rstrip().endswith(":") and len(_tokens(text, *before)) <= 12)
            or (k > 0 and _reporting_clause(text, *before, language))
        )
        closes = (
            not _tokens(text, *after)
            or _reporting_clause(text, *after, language)
            or (not _tokens(text, *before) and _cue_opens(text, *after, language))
        )
        if mixed and cue_between:  # a new reporting verb: the gathered fragments end
            quotes.append(_mixed(text, start, end, mixed, language))
            mixed = []
        if opens and closes and not mixed:
            cue_after = bool(_cues(text, *after, language))
            cue, speaker = _attribution(
                text, *(after if cue_after else before), language, after=cue_after
            )
            quotes.append(_quote(text, pair.words, [pair.words], "direct", cue, speaker))
            continue
        mixed.append(pair)
    if mixed:
        quotes.append(_mixed(text, start, end, mixed, language))
    return quotes


def _mixed(text: str, start: int, end: int, pairs: list[_Pair], language: str) -> dict[str, Any]:
    cue, speaker = _attribution(
        text, start, pairs[0].marks[0], language, after=False, subject_first=True
    )
    if cue is None:
        cue, speaker = _attribution(text, pairs[-1].marks[1], end, language, after=True)
    content = (pairs[0].words[0], pairs[-1].words[1])
    return _quote(text, content, [p.words for p in pairs], "mixed", cue, speaker)


def _quote(
    text: str,
    content: tuple[int, int],
    parts: list[tuple[int, int]],
    kind: str,
    cue: re.Match[str] | None,
    speaker: tuple[int, int] | None,
) -> dict[str, Any]:
    cue_span = (cue.span("verb") if cue.groupdict().get("verb") else cue.span()) if cue else None
    return {
        "id": "",
        **_segment(text, content),
        "verbatim": [_segment(text, part) for part in parts],
        "speaker": None,
        "co_speakers": [],
        "speaker_text": None,
        "speaker_span": _segment(text, speaker) if speaker else None,
        "inferred": False,
        "cue": _segment(text, cue_span) if cue_span else None,
        "kind": kind,
    }


# --------------------------------------------------------------------------- timexes


def _timex_forms(language: str | None) -> list[tuple[re.Pattern[str], str]]:
    months = _month_alternation(language)
    forms = [(re.compile(rf"\b{form}\b"), kind) for kind, form in _date_forms(months)]
    return [
        *forms,
        (re.compile(rf"\b(?i:(?P<mn>{months}))\s+(?P<y>\d{{4}})\b"), "my-name"),
        (re.compile(r"\b(?P<y>1[0-9]{3}|20[0-9]{2})\b"), "year"),
    ]


def _explicit_value(kind: str, groups: dict[str, str | None]) -> str | None:
    if kind == "year":
        return groups["y"]
    if kind == "my-name":
        return f"{groups['y']}-{_MONTHS[(groups['mn'] or '').lower()]:02d}"
    date = _date_of(groups)
    return date.isoformat() if date else None


# Relative expressions: (pattern, resolver). A resolver turns the match and the
# publication date into (type, value); the reference values need no date.
_Resolver = Callable[[re.Match[str], datetime.date | None], tuple[str, str] | None]


def _shift_days(days: int) -> _Resolver:
    def resolve(_: re.Match[str], day: datetime.date | None) -> tuple[str, str] | None:
        return ("DATE", (day + datetime.timedelta(days=days)).isoformat()) if day else None

    return resolve


def _reference(value: str) -> _Resolver:
    def resolve(_: re.Match[str], __: datetime.date | None) -> tuple[str, str] | None:
        return "DATE", value

    return resolve


_PAST = {"letzte", "vergangene", "vorige", "last", "dernier", "dernière", "passé", "passée"}
_NEXT = {"nächste", "kommende", "next", "coming", "prochain", "prochaine"}
_UNITS = {"woche": "W", "week": "W", "semaine": "W", "monat": "M", "month": "M",
          "mois": "M", "jahr": "Y", "year": "Y", "année": "Y", "an": "Y"}  # fmt: skip


def _direction(word: str | None) -> int:
    word = (word or "").lower()
    for base in (word, re.sub(r"(?<=e)[nrsm]$", "", word)):  # letzten → letzte
        if base in _PAST or base in _NEXT:
            return -1 if base in _PAST else 1
    return 0


def _unit(match: re.Match[str], day: datetime.date | None) -> tuple[str, str] | None:
    """letzte Woche, next year, le mois prochain: the period before, after or of ``day``."""
    if day is None:
        return None
    step = _direction(match["rel"])
    name = match["unit"].lower()
    unit = _UNITS.get(name) or _UNITS[re.sub(r"e?s$", "", name)]  # Jahres, Monats
    if unit == "Y":
        return "DATE", str(day.year + step)
    if unit == "M":
        month = day.year * 12 + day.month - 1 + step
        return "DATE", f"{month // 12}-{month % 12 + 1:02d}"
    year, week, _ = (day + datetime.timedelta(weeks=step)).isocalendar()
    return "DATE", f"{year}-W{week:02d}"


def _weekday(match: re.Match[str], day: datetime.date | None) -> tuple[str, str] | None:
    """A weekday: with *letzte*/*last*/*dernier* the one before ``day``, with
    *nächste*/*next*/*prochain* the one after; alone, the one nearest ``day`` (news
    report the days around publication), the publication day itself when it is that day."""
    if day is None:
        return None
    forward = (_WEEKDAYS[match["wd"].lower()] - day.weekday()) % 7
    step = _direction(match["rel"])
    if step < 0:
        delta = forward - 7 if forward else -7
    elif step > 0:
        delta = forward or 7
    else:
        delta = forward if forward <= 3 else forward - 7
    return "DATE", (day + datetime.timedelta(days=delta)).isoformat()


def _relative_forms(language: str) -> list[tuple[re.Pattern[str], _Resolver]]:
    def rx(pattern: str, flags: int = re.IGNORECASE) -> re.Pattern[str]:
        return re.compile(rf"(?<![\w-])(?:{pattern})(?![\w-])", flags)

    weekdays = _alternation(_WEEKDAY_NAMES.get(language, []))
    if language == "de":
        rel = r"(?P<rel>(?:letzte|vergangene|vorige|nächste|kommende|diese)[nrsm]?)"
        before = r"(?P<rel>(?:letzte|vergangene|vorige|nächste|kommende)[nrsm]?)"
        return [
            (rx("vorgestern"), _shift_days(-2)),
            (rx("gestern"), _shift_days(-1)),
            (rx("heute"), _shift_days(0)),
            (rx("übermorgen"), _shift_days(2)),
            (rx(r"(?<!heute )(?<!gestern )morgen", 0), _shift_days(1)),  # not "am Morgen"
            (rx(rf"{rel}\s+(?P<unit>Woche|Monats?|Jahr(?:es)?)"), _unit),
            (rx(rf"(?:{before}\s+)?(?P<wd>{weekdays})"), _weekday),
            (rx("jetzt|nun"), _reference("PRESENT_REF")),
            (rx("künftig"), _reference("FUTURE_REF")),
        ]  # fmt: skip
    if language == "en":
        return [
            (rx("today"), _shift_days(0)),
            (rx("yesterday"), _shift_days(-1)),
            (rx("tomorrow"), _shift_days(1)),
            (rx(r"(?P<rel>last|next|this|coming)\s+(?P<unit>week|month|year)"), _unit),
            (rx(rf"(?:(?P<rel>last|next)\s+)?(?P<wd>{weekdays})"), _weekday),
            (rx("now"), _reference("PRESENT_REF")),
        ]
    if language == "fr":
        rel = r"(?P<rel>dernière|dernier|passée|passé|prochaine|prochain)"
        return [
            (rx("aujourd['’]hui"), _shift_days(0)),
            (rx("avant-hier"), _shift_days(-2)),
            (rx("hier"), _shift_days(-1)),
            (rx("après-demain"), _shift_days(2)),
            (rx("demain"), _shift_days(1)),
            (rx(rf"(?P<unit>semaine|mois|année|an)\s+{rel}"), _unit),
            (rx(r"(?P<rel>cette|ce)\s+(?P<unit>semaine|mois|année)"), _unit),
            (rx(rf"(?P<wd>{weekdays})(?:\s+(?P<rel>dernier|prochain))?"), _weekday),
            (rx("maintenant"), _reference("PRESENT_REF")),
        ]  # fmt: skip
    return []


def _timex_candidates(
    text: str,
    spans: list[tuple[int, int]],
    language: str | None,
    published: datetime.date | None,
) -> tuple[list[dict[str, Any]], int]:
    """The candidates, and how many relative expressions no date could resolve."""
    found: list[dict[str, Any]] = []
    unresolved = 0

    def free(start: int, end: int) -> bool:
        inside = any(s <= start and end <= e for s, e in spans)
        return inside and not any(t["start"] < end and start < t["end"] for t in found)

    def add(start: int, end: int, kind: str, value: str) -> None:
        found.append({"start": start, "end": end, "text": text[start:end], "type": kind,
                      "value": value, "mod": None})  # fmt: skip

    for start, end in spans:  # the site's reading time is a duration (PT2M)
        for segment in _meta_segments(text[start:end], bylines=True) or []:
            if segment.duration is not None:
                a, b = (start + offset for offset in segment.duration)
                minutes = re.match(r"\d+", text[a:b])
                assert minutes is not None
                add(a, b, "DURATION", f"PT{int(minutes.group())}M")
    for pattern, kind in _timex_forms(language):
        for match in pattern.finditer(text):
            value = _explicit_value(kind, match.groupdict())
            if value is not None and free(*match.span()):
                add(*match.span(), "DATE", value)
    primary = (language or "").split("-")[0].lower()
    for relative, resolve in _relative_forms(primary):
        for match in relative.finditer(text):
            if not free(*match.span()):
                continue
            resolved = resolve(match, published)
            if resolved is None:
                unresolved += 1
                continue
            add(*match.span(), *resolved)
    found.sort(key=lambda t: (t["start"], -t["end"]))
    return [{"id": f"t{n}", **t} for n, t in enumerate(found, 1)], unresolved


def suggest_timexes(
    text: str,
    spans: list[tuple[int, int]],
    *,
    language: str | None = None,
    published: datetime.date | None = None,
) -> list[dict[str, Any]]:
    """Candidate temporal expressions inside the given spans.

    Explicit dates and years, the duration of a reading-time line (*2 Minuten* in
    "Lesezeit: 2 Minuten", ``PT2M``) and, for ``de``, ``en`` and ``fr``, relative
    expressions (*heute*, *gestern*, *am Dienstag*, *letzte Woche*, *yesterday*, *next
    year*, *demain*, *la semaine dernière* …), typed ``DATE`` and resolved against
    ``published`` as the guidelines do (news mode). Without a publication date, relative
    expressions are not proposed, except *jetzt*, *nun*, *now*, *maintenant*
    (``PRESENT_REF``) and *künftig* (``FUTURE_REF``), which need none. The language
    also chooses the month names (all three when it is None or another language).

    Examples
    --------
    >>> found = suggest_timexes("Am 19. Juni 2024, nicht 2000.", [(0, 29)])
    >>> [(t["text"], t["value"]) for t in found]
    [('19. Juni 2024', '2024-06-19'), ('2000', '2000')]
    >>> text = "Gestern und letzte Woche."
    >>> found = suggest_timexes(
    ...     text, [(0, 25)], language="de", published=datetime.date(2025, 3, 4)
    ... )
    >>> [(t["text"], t["value"]) for t in found]
    [('Gestern', '2025-03-03'), ('letzte Woche', '2025-W09')]
    """
    return _timex_candidates(text, spans, language, published)[0]


# --------------------------------------------------------------------------- the article


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
        _timex_candidates(text, content, language, published) if suggest else ([], 0)
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
