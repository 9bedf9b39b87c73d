"""Candidate quotes: quotation-mark pairs, their kind, cue and speaker span."""

from __future__ import annotations

import itertools
import re
from dataclasses import dataclass
from typing import Any

from newsdata.scaffold.dates import MONTHS, WEEKDAYS, alternation
from newsdata.text import quoted_words

__all__ = ["suggest_quotes"]


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
        re.compile(rf"(?<![\w-]){alternation(_DE_VERBS)}(?![\w-])", re.IGNORECASE),
        re.compile(r"(?<=, )so(?= )"),  # „…“, so die Ministerin
    ],
    "en": [
        re.compile(rf"(?<![\w-])(?:{alternation(_EN_VERBS)}|according to)(?![\w-])", re.I),
    ],
    "fr": [
        re.compile(
            rf"(?<![\w-])(?:a|ont)-(?:t-)?{_FR_PRONOUNS}\s+(?P<verb>{alternation(_FR_PARTICIPLES)})"
            r"(?![\w-])",
            re.IGNORECASE,
        ),
        re.compile(
            rf"(?<![\w-])(?P<verb>{alternation(_FR_VERBS)})-(?:t-)?{_FR_PRONOUNS}(?![\w-])",
            re.IGNORECASE,
        ),
        re.compile(
            rf"(?<![\w-])(?:(?:a|ont|avait|avaient)\s+{alternation(_FR_PARTICIPLES)}|"
            rf"{alternation(_FR_VERBS)}|selon)(?![\w-])",
            re.IGNORECASE,
        ),
    ],
}
# Verbs whose complement the quoted words can be (*a appelé les syndicats à « … »*,
# *urged voters to "…"*, *rief … zu „…“ auf*): the cue of quoted words right after the
# preposition, though they report no speech of their own.
_COMPLEMENT_VERBS = {
    "de": _words(
        "rief riefen ruft rufen aufgerufen aufgefordert mahnte mahnten ermahnte ermahnten "
        "drängte drängten ermutigte ermutigten"
    ),
    "en": _words(
        "urged urges called calls asked asks invited invites encouraged encourages told tells "
        "pressed presses"
    ),
    "fr": _words(
        "appelle appellent invite invitent exhorte exhortent incite incitent encourage "
        "encouragent pousse poussent"
    ),
}
_FR_COMPLEMENT_PARTICIPLES = _words("appelé invité exhorté incité encouragé poussé engagé")
_COMPLEMENT_CUES: dict[str, re.Pattern[str]] = {
    "de": re.compile(rf"(?<![\w-]){alternation(_COMPLEMENT_VERBS['de'])}(?![\w-])", re.I),
    "en": re.compile(rf"(?<![\w-]){alternation(_COMPLEMENT_VERBS['en'])}(?![\w-])", re.I),
    "fr": re.compile(
        rf"(?<![\w-])(?:(?:a|ont|avait|avaient)\s+{alternation(_FR_COMPLEMENT_PARTICIPLES)}|"
        rf"{alternation(_COMPLEMENT_VERBS['fr'])})(?![\w-])",
        re.IGNORECASE,
    ),
}
# The preposition that makes the quoted words after it a verb's complement.
_COMPLEMENT_MARKER = {
    "de": re.compile(r"(?<![\w-])(?:zu|zur|zum)\s*$", re.I),
    "en": re.compile(r"(?<![\w-])to\s*$", re.I),
    "fr": re.compile(r"(?<![\w-])(?:à|au|aux)\s*$", re.I),
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
    *MONTHS, *WEEKDAYS, "auch", "dann", "doch", "aber", "und", "so", "nun", "jetzt",
    "heute", "gestern", "am", "im", "in", "but", "and", "then", "also", "today", "on",
    "mais", "et", "puis", "aujourd'hui", "hier", "selon", "laut",
}  # fmt: skip
# Lowercase words between an incise's cue and its speaker (*a déclaré mardi soir X*).
_TIME_WORDS = {
    *WEEKDAYS, "hier", "soir", "matin", "midi", "après-midi", "aujourd'hui", "dernier",
    "yesterday", "today", "gestern", "heute", "abend",
}  # fmt: skip
# Words that resume the speech after an incise, never open an apposition to its speaker.
_RESUMING = {
    "et", "mais", "car", "donc", "or", "ni", "puis", "alors", "pourtant", "cependant",
    "enfin", "nous", "je", "j'", "il", "elle", "on", "ils", "elles", "vous", "tu", "c'",
    "ce", "cela", "ça", "ne", "n'", "pas", "non", "oui", "si", "qui", "que", "qu'",
    "parce", "puisque", "quand", "comme", "pour", "sans", "and", "but", "so", "because",
    "we", "i", "he", "she", "it", "they", "you", "this", "that", "not", "no", "yes", "if",
    "when", "und", "aber", "denn", "doch", "wir", "ich", "er", "es", "das", "dies",
    "nicht", "nein", "ja", "wenn", "weil", "dass",
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
    inside = [p for p in pairs if start <= p.marks[0] and p.marks[1] <= end]
    bounds = [start]
    for i in range(start, end):
        char = text[i]
        follows = text[i + 1 : i + 3]
        if any(p.marks[0] <= i < p.marks[1] - 1 for p in inside):
            continue
        # the quoted words' last character, before any space inside the mark (« … . »)
        closing_after_end = any(
            i == p.marks[1] - 1 and text[p.words[1] - 1] in _SENTENCE_END for p in inside
        )
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


def _cues(
    text: str, start: int, end: int, language: str, *, complement: bool = False
) -> list[re.Match[str]]:
    patterns = _CUES.get(language, [])
    if complement and language in _COMPLEMENT_CUES:
        patterns = [*patterns, _COMPLEMENT_CUES[language]]
    found: list[re.Match[str]] = []
    for pattern in patterns:
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


def _incise(
    text: str, pair: _Pair, language: str
) -> tuple[tuple[int, int], tuple[int, int], re.Match[str], tuple[int, int]] | None:
    """An incise inside the pair's words (*« A, a déclaré X, secrétaire du parti, B. »*):
    the two parts, the cue and the speaker. The incise opens with its cue right after a
    comma, names its speaker, and ends at a comma; an apposition to the speaker (a
    segment that does not resume the speech and is followed by another comma) is part
    of it. The commas are the reporter's, outside both parts."""
    start, end = pair.words
    for comma in (m.start() for m in re.finditer(",", text[start:end])):
        opens = start + comma + 1
        cues = _cues(text, opens, end, language)
        if not cues or text[opens : cues[0].start()].strip():
            continue
        cue = cues[0]
        closing = text.find(",", cue.end(), end)
        if closing < 0:
            continue
        if cue.groupdict().get("pron"):
            speaker: tuple[int, int] | None = cue.span("pron")
        else:
            tokens = _tokens(text, cue.end(), closing)
            skip = next(
                (k for k, t in enumerate(tokens) if text[t[0] : t[1]].lower() not in _TIME_WORDS),
                len(tokens),
            )
            at = tokens[skip][0] if skip < len(tokens) else closing
            speaker = _speaker_after(text, at, closing, language)
        if speaker is None or len(_tokens(text, speaker[1], closing)) > 3:
            continue
        resumes = _tokens(text, closing, end)
        if not resumes:
            continue
        first = text[resumes[0][0] : resumes[0][1]].lower()
        further = text.find(",", closing + 1, end)
        appositive = first not in _RESUMING and further > 0 and _tokens(text, further, end)
        if appositive and len(_tokens(text, closing, further)) <= 8:
            closing = further  # the apposition: *Sophie Garnier, secrétaire générale*
            resumes = _tokens(text, closing, end)
        before = text[start : start + comma].rstrip()
        resumed = closing + 1 + len(text[closing + 1 : end]) - len(text[closing + 1 : end].lstrip())
        if before:
            return (start, start + len(before)), (resumed, end), cue, speaker
    return None


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
    text: str,
    start: int,
    end: int,
    language: str,
    *,
    after: bool,
    subject_first: bool = False,
    complement: bool = False,
) -> tuple[re.Match[str] | None, tuple[int, int] | None]:
    """The cue in ``text[start:end]`` nearest the quote, and the speaker next to it."""
    cues = _cues(text, start, end, language, complement=complement)
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

    The pairs are those of the validator (:func:`newsdata.text.quoted_words`);
    a pair nested in another pair's words (‚…‘ inside „…“) is part of the outer
    quote's words, never a quote of its own, and no two candidates overlap. The kind is
    ``direct`` when the pair is the whole utterance: its sentence holds nothing else but
    a reporting clause (*Sie sagte: „…“*, *„…“, sagte sie.*). Otherwise the quoted words
    are inside the reporter's own sentence: ``mixed``, the content running from the
    first quoted word of the sentence to the last (pairs with no reporting verb between
    them are one quote with several verbatim parts). For quoted words inside reported
    speech (a *dass*-clause) the annotator widens the content to the whole clause.
    A pair that holds an incise (*« A, a déclaré X, B. »*) gives two ``direct`` quotes,
    one per side of the incise, sharing its cue and speaker (guidelines 1.2, "One quote
    split by the reporter's words").

    The cue is the reporting verb nearest the pair in its sentence (a small table per
    language: *sagte*, *said*, *a déclaré*, *selon* …), before the pair first for a
    ``mixed`` quote; quoted words that complete a verb before them (*à « … »*, *to "…"*,
    *zu „…“*) take that verb (*a appelé*, *urged*, *rief*) even when it reports no
    speech. ``speaker_span`` is the pronoun or capitalised name next to the cue.
    ``speaker`` and ``speaker_text`` stay null: who speaks is for the annotator to state
    (validation reports ``quote-no-speaker`` until then).

    Examples
    --------
    >>> text = "Er sagte: „Ja.“ Sie nannte das »zu spät«."
    >>> found = suggest_quotes(text, [(0, len(text))], "de")
    >>> [(q["text"], q["kind"], q["cue"]["text"], q["speaker_span"]["text"]) for q in found]
    [('Ja.', 'direct', 'sagte', 'Er'), ('zu spät', 'mixed', 'nannte', 'Sie')]
    >>> text = "« Tout est prêt, a dit Léa Roy, sauf la salle. »"
    >>> [(q["text"], q["cue"]["text"]) for q in suggest_quotes(text, [(0, len(text))], "fr")]
    [('Tout est prêt', 'a dit'), ('sauf la salle.', 'a dit')]
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
            incise = None if cue_after or cue_between else _incise(text, pair, language)
            if incise is not None:  # one quote split by the reporter's words, one cue
                first, second, incise_cue, incise_speaker = incise
                for part in (first, second):
                    quotes.append(_quote(text, part, [part], "direct", incise_cue, incise_speaker))
                continue
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
    opening = pairs[0].marks[0]
    marker = _COMPLEMENT_MARKER.get(language)
    # quoted words that complete a verb (`à «…»`, `to "…"`, `zu „…“`) take that verb as
    # their cue, even one no reporting verb, rather than a cue after (another clause's)
    complement = bool(marker and marker.search(text, start, opening))
    cue, speaker = _attribution(
        text, start, opening, language, after=False, subject_first=True, complement=complement
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
