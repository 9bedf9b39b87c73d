"""Words the guidelines keep outside a span, by the article's language (guidelines 1.2).

A content does not start with the word that introduces it (*dass*, *that*, *que*, French
*de* before an infinitive), a speaker span not with a preposition (*laut*, *according
to*, *selon*), an English mention not end in the possessive *'s*. Each is a warning: the
word lists cannot tell every use of a word apart (a conditional *si* opens a content
rightly), and the guidelines say how such a case is exempted.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping
from typing import Any

from newsdata.validate.checks.base import ArticleUnderCheck, Finding, semantic_check, shorten

__all__ = ["content_introducers", "mention_possessive", "opening_word", "speaker_prepositions"]

_APOSTROPHES = "'’"

# the words that introduce a content clause, by primary language subtag; an elided form
# ends in an apostrophe (qu’il); the guidelines (quotes, languages) list them
_INTRODUCERS: dict[str, frozenset[str]] = {
    "de": frozenset({"dass", "ob"}),
    "en": frozenset({"that", "whether"}),
    "fr": frozenset({"que", "qu'", "si", "s'"}),
}
# French de / à introduce an infinitive clause only: they are flagged before an infinitive
_FRENCH_INFINITIVE_MARKERS = frozenset({"de", "d'", "à"})
# infinitives end in -er, -ir, -re, -oir; a few determiners and prepositions do as well
_INFINITIVE = re.compile(r"\w+(?:er|ir|re)", re.IGNORECASE)
_NOT_INFINITIVES = frozenset({"notre", "votre", "autre", "entre", "contre", "leur", "hier"})
# s’ is si only before il / ils (s’il); elsewhere it is a reflexive pronoun
_SI_ELIDED_BEFORE = frozenset({"il", "ils"})

# prepositions before a speaker: the cue (laut, according to, selon) or nobody's (aus, from)
_PREPOSITIONS: dict[str, tuple[str, ...]] = {
    "de": ("laut", "nach", "aus", "von"),
    "en": ("according to", "from"),
    "fr": ("selon", "d'après"),
}

# a word, elided when an apostrophe joins it to the next (qu’il); then the next word
_FIRST_WORD = re.compile(r"(\w+)([" + _APOSTROPHES + r"](?=\w))?")
_NEXT_WORD = re.compile(r"\W*?(\w+)")


# the letters those words start with: most contents and spans start with another, and
# skip the word split (a quote-heavy corpus has many)
_INTRODUCER_INITIALS = {
    lang: frozenset(w[0] for w in words | (_FRENCH_INFINITIVE_MARKERS if lang == "fr" else set()))
    for lang, words in _INTRODUCERS.items()
}
_PREPOSITION_INITIALS = {lang: frozenset(w[0] for w in ws) for lang, ws in _PREPOSITIONS.items()}


def _primary(language: str) -> str:
    return language.split("-", 1)[0].lower()


def opening_word(text: str) -> tuple[str, str]:
    """The first word of ``text`` in lower case (an elided one with its apostrophe, as
    ``'``) and the word after it (``""`` if none).

    Examples
    --------
    >>> opening_word("Qu’il pleuve")
    ("qu'", 'il')
    >>> opening_word("dass es regnet")
    ('dass', 'es')
    >>> opening_word("Ja.")
    ('ja', '')
    >>> opening_word("«Oui»")
    ('', '')
    """
    first = _FIRST_WORD.match(text)
    if first is None:
        return "", ""
    word = first[1].lower() + ("'" if first[2] else "")
    second = _NEXT_WORD.match(text, first.end())
    return word, (second[1].lower() if second else "")


def _introducer(content: str, language: str) -> str | None:
    """The introducing word ``content`` starts with, or None."""
    primary = _primary(language)
    word, following = opening_word(content)
    if not following:  # the word alone: a pronoun (*He denied that*), not a clause
        return None
    if primary == "fr" and word in _FRENCH_INFINITIVE_MARKERS:
        infinitive = following in ("ne", "n") or (
            _INFINITIVE.fullmatch(following) is not None and following not in _NOT_INFINITIVES
        )
        return word if infinitive else None
    if primary == "fr" and word == "s'" and following not in _SI_ELIDED_BEFORE:
        return None
    return word if word in _INTRODUCERS.get(primary, ()) else None


@semantic_check("quote-content-complementizer")
def content_introducers(a: ArticleUnderCheck) -> Iterator[Finding]:
    """An indirect or mixed content does not start with the word that introduces it,
    unless that word is quoted (the marks decide: a verbatim part holds what it holds)."""
    language = a.doc["language"]
    initials = _INTRODUCER_INITIALS.get(_primary(language))
    if initials is None:
        return
    for k, q in enumerate(a.doc["quotes"]):
        if (
            q["kind"] not in ("indirect", "mixed")
            or a.text[q["start"] : q["start"] + 1].lower() not in initials
        ):
            continue
        if any(part["start"] == q["start"] for part in q.get("verbatim", ())):
            continue
        word = _introducer(a.text[q["start"] : q["end"]], language)
        if word is not None:
            yield Finding(
                "quote-content-complementizer",
                f"the content {shorten(q['text'])} starts with {word!r}, which introduces "
                "it and stays outside",
                f"/quotes/{k}",
            )


def _preposition(span: str, language: str) -> str | None:
    folded = span.lower().replace("’", "'")
    for preposition in _PREPOSITIONS.get(_primary(language), ()):
        if folded.startswith(preposition) and folded[len(preposition) : len(preposition) + 1] in (
            " ",
            "\u00a0",
        ):
            return preposition
    return None


@semantic_check("quote-speaker-span-preposition")
def speaker_prepositions(a: ArticleUnderCheck) -> Iterator[Finding]:
    """A speaker span does not start with a preposition, unless a mention starts there
    (a name that begins with the word, *von der Leyen*)."""
    language = a.doc["language"]
    if _primary(language) not in _PREPOSITIONS:
        return
    initials = _PREPOSITION_INITIALS[_primary(language)]
    names: set[int] | None = None  # where mentions start: asked only after a preposition
    for k, q in enumerate(a.doc["quotes"]):
        span: Mapping[str, Any] | None = q.get("speaker_span")
        if span is None or a.text[span["start"] : span["start"] + 1].lower() not in initials:
            continue
        preposition = _preposition(a.text[span["start"] : span["end"]], language)
        if preposition is not None and names is None:
            names = {m["start"] for m in a.doc["mentions"]}
        if preposition is not None and names is not None and span["start"] not in names:
            yield Finding(
                "quote-speaker-span-preposition",
                f"the speaker span {shorten(span['text'])} starts with {preposition!r}, "
                "which stays outside it",
                f"/quotes/{k}/speaker_span",
            )


@semantic_check("mention-possessive")
def mention_possessive(a: ArticleUnderCheck) -> Iterator[Finding]:
    """An English mention ends before the possessive 's, unless its entity's name ends
    in 's as well (a name such as *McDonald's*)."""
    if _primary(a.doc["language"]) != "en":
        return
    names = {e["id"]: e["name"] for e in a.doc["entities"]}
    for k, m in enumerate(a.doc["mentions"]):
        words = a.text[m["start"] : m["end"]]
        if len(words) < 3 or words[-1] not in "sS" or words[-2] not in _APOSTROPHES:
            continue
        name = names.get(m["entity"] or "", "")
        if len(name) >= 2 and name[-1] in "sS" and name[-2] in _APOSTROPHES:
            continue
        yield Finding(
            "mention-possessive",
            f"the mention {shorten(words)} ends in the possessive {words[-2:]!r}, "
            "which is not part of the name",
            f"/mentions/{k}",
        )
