"""Facts about written text that the validator and ``newsdata add`` share: quotation marks.

A contract-tier module: it imports nothing from newsdata, so that the checks and the
writers read one table of marks and find pairs of them the same way.
"""

from __future__ import annotations

import functools
import re

__all__ = [
    "OTHER_QUOTATION_MARKS",
    "QUOTATION_MARKS",
    "STRAIGHT_QUOTES",
    "quotation_marks",
    "quoted_words",
]

# Quotation-mark pairs (opening, closing) by primary language subtag. A closing mark of
# one convention is an opening mark of another (German „…“ closes with the English
# opening “), so the pairs depend on the language. Single marks are left out where the
# closing one doubles as the apostrophe (English ‘…’, l’automne).
STRAIGHT_QUOTES = ('"', '"')
QUOTATION_MARKS: dict[str, tuple[tuple[str, str], ...]] = {
    "de": (("„", "“"), ("‚", "‘"), ("»", "«"), ("«", "»"), STRAIGHT_QUOTES),
    "en": (("“", "”"), STRAIGHT_QUOTES),
    "fr": (("«", "»"), ("“", "”"), STRAIGHT_QUOTES),
}
"""The quotation marks of each language; :data:`OTHER_QUOTATION_MARKS` for the rest."""
OTHER_QUOTATION_MARKS: tuple[tuple[str, str], ...] = (
    ("«", "»"), ("“", "”"), ("„", "“"), STRAIGHT_QUOTES
)  # fmt: skip


def quotation_marks(language: str) -> tuple[tuple[str, str], ...]:
    """The (opening, closing) quotation-mark pairs of a BCP 47 ``language`` tag.

    Examples
    --------
    >>> quotation_marks("fr-CH")[0]
    ('«', '»')
    >>> quotation_marks("gsw") == OTHER_QUOTATION_MARKS
    True
    """
    return QUOTATION_MARKS.get(language.split("-")[0].lower(), OTHER_QUOTATION_MARKS)


def quoted_words(text: str, language: str) -> list[tuple[int, int]]:
    """The (start, end) of the words inside each quotation-mark pair of ``text`` (no
    line break inside), spaces inside the marks left out (French « Oui »).

    An opening mark pairs with the next closing mark on its line; of several opening
    marks before it, the last one (so ``"a "b"`` pairs around ``b``). One regular
    expression per kind of mark, each scanning the text once: linear in its length,
    whatever the marks.

    Examples
    --------
    >>> text = 'Er sagte: „Ja.“ Sie: »Nein«.'
    >>> [text[s:e] for s, e in quoted_words(text, "de")]
    ['Ja.', 'Nein']
    """
    found: set[tuple[int, int]] = set()
    for opening, closing in quotation_marks(language):
        if opening not in text:  # a plain search, much cheaper than the scan below
            continue
        for pair in _pair_finder(opening, closing).finditer(text):
            start, stop = pair.span(1)
            while start < stop and text[start].isspace():
                start += 1
            while stop > start and text[stop - 1].isspace():
                stop -= 1
            if start < stop:
                found.add((start, stop))
    return sorted(found)


@functools.cache
def _pair_finder(opening: str, closing: str) -> re.Pattern[str]:
    # an opening mark, then no mark of the pair and no line break, then the closing mark:
    # a failed attempt stops at the next mark, so each stretch of text is scanned once
    inside = "[^" + re.escape(opening + closing) + "\n]*"
    return re.compile(re.escape(opening) + "(" + inside + ")" + re.escape(closing))
