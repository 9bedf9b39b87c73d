"""A raw text split into blocks: title, meta lines, headings, paragraphs, boilerplate."""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from newsdata.scaffold.meta import meta_segments

__all__ = ["detect_blocks"]


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
        if meta_segments(lines[k].text, bylines=leading) is not None:
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
