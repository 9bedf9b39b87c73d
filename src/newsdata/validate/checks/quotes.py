"""Quotes: quotation marks in the text against verbatim parts, and the parts of each quote."""

from __future__ import annotations

import bisect
import collections
import itertools
from collections.abc import Iterator, Mapping
from typing import Any

from newsdata.text import quoted_words
from newsdata.validate.checks.base import ArticleUnderCheck, Finding, semantic_check, shorten

__all__ = ["cues_and_split_quotes", "quotation_marks", "quote_parts"]


@semantic_check("quote-marks-unattributed")
def quotation_marks(a: ArticleUnderCheck) -> Iterator[Finding]:
    """Every pair of quotation marks holds exactly one verbatim part, or exactly a name.

    A verbatim part is exactly what stands between the marks: punctuation inside them
    is inside the part, in every language. Marks inside a verbatim part are the
    speaker's own (scare quotes in a quotation) and need no part of their own. A pair may
    also hold an incise (French *« A, a déclaré X, B »*): the verbatim parts of quotes
    that share one cue and one speaker, from its first word to its last, with the cue
    between them. Checked
    once verbatim parts are annotated (guidelines 1.1.0: some quote has one) and outside
    boilerplate; a warning, since scare quotes report no one's words and an exemption
    may say so. Linear in the number of pairs and parts (sorted once, looked up by
    bisection).
    """
    doc = a.doc
    parts = sorted((v["start"], v["end"]) for q in doc["quotes"] for v in q.get("verbatim", ()))
    if not parts or doc["annotation"]["methods"]["quotes"] == "none":
        return
    held = collections.Counter(parts)
    pairs = quoted_words(a.text, doc["language"])
    # what explains a pair that is not one part is made only when such a pair occurs
    names: set[tuple[int, int]] | None = None
    inside_part: _Enclosure | None = None
    inside_boilerplate: _Enclosure | None = None
    incises: set[tuple[int, int]] | None = None
    for start, end in pairs:
        count = held.get((start, end), 0)
        if count == 1:
            continue
        if names is None or inside_part is None or inside_boilerplate is None:
            names = {(m["start"], m["end"]) for m in doc["mentions"]}
            # only a part that is a pair's words holds the speaker's own marks: one that
            # runs past its marks (or holds them) is itself wrong, and must not hide the pair
            inside_part = _Enclosure(sorted(set(parts).intersection(pairs)))
            inside_boilerplate = _Enclosure(
                sorted((b["start"], b["end"]) for b in doc["blocks"] if b["kind"] == "boilerplate")
            )
        if (start, end) in names or inside_boilerplate.holds(start, end):
            continue
        if count == 0 and inside_part.holds(start, end, strictly=True):
            continue
        if count == 0:
            if incises is None:
                incises = _incises(doc["quotes"])
            if (start, end) in incises:
                continue
        words = f"the quoted words {shorten(a.text[start:end])} [{start}:{end}]"
        why = (
            "are not a verbatim part of any quote, nor a name"
            if count == 0
            else f"are a verbatim part of {count} quotes, not of one"
        )
        yield Finding("quote-marks-unattributed", f"{words} {why}", "/text")


def _incises(quotes: list[dict[str, Any]]) -> set[tuple[int, int]]:
    """The (start, end) of the words from the first to the last verbatim part of each
    group of quotes that share one cue and one speaker, when the cue lies between them:
    what a pair of quotation marks around an incise holds."""
    groups: dict[tuple[Any, ...], list[tuple[int, int]]] = collections.defaultdict(list)
    for q in quotes:
        cue = q.get("cue")
        if cue is None:
            continue
        key = (cue["start"], cue["end"], *_speaker(q))
        groups[key] += [(v["start"], v["end"]) for v in q.get("verbatim", ())]
    found = set()
    for (cue_start, cue_end, *_), parts in groups.items():
        parts.sort()
        if len(parts) >= 2 and parts[0][1] <= cue_start and cue_end <= parts[-1][0]:
            found.add((parts[0][0], parts[-1][1]))
    return found


class _Enclosure:
    """Whether some span of a sorted list encloses a given span, by bisection."""

    def __init__(self, spans: list[tuple[int, int]]) -> None:
        self.starts = [s for s, _ in spans]
        self.reach = list(itertools.accumulate((e for _, e in spans), max))

    def holds(self, start: int, end: int, *, strictly: bool = False) -> bool:
        # the spans that start at or before `start` (strictly: before), and the furthest
        # any of them reaches
        k = (bisect.bisect_left if strictly else bisect.bisect_right)(self.starts, start)
        return k > 0 and (self.reach[k - 1] > end if strictly else self.reach[k - 1] >= end)


@semantic_check(
    "quote-co-speaker",
    "quote-speaker-text",
    "quote-speaker-span",
    "quote-verbatim",
    "quote-verbatim-missing",
)
def quote_parts(a: ArticleUnderCheck) -> Iterator[Finding]:
    text = a.text
    occurs: dict[str, bool] = {}  # a speaker_text many quotes repeat is searched for once
    for k, q in enumerate(a.doc["quotes"]):
        at = f"/quotes/{k}"
        others = q.get("co_speakers", [])
        for j, other in enumerate(others):
            if q["speaker"] is None or other == q["speaker"] or other in others[:j]:
                why = "without a speaker" if q["speaker"] is None else "given twice"
                message = f"co-speaker {other!r} {why}"
                yield Finding("quote-co-speaker", message, f"{at}/co_speakers/{j}")
        said = q["speaker_text"]
        if said is not None and said not in occurs:
            occurs[said] = said in text
        if said is not None and not occurs[said]:
            yield Finding(
                "quote-speaker-text",
                f"speaker_text {shorten(q['speaker_text'])} does not occur in the text",
                f"{at}/speaker_text",
            )
        span = q.get("speaker_span")
        if span is not None and span["start"] < q["end"] and q["start"] < span["end"]:
            yield Finding(
                "quote-speaker-span",
                f"speaker span [{span['start']}:{span['end']}] overlaps the content "
                f"[{q['start']}:{q['end']}]",
                f"{at}/speaker_span",
            )
        wrong = _verbatim(q, at)
        if wrong is not None:
            yield wrong


def _verbatim(q: Mapping[str, Any], at: str) -> Finding | None:
    """What is wrong with the verbatim parts of ``q``: one finding at most."""
    parts, kind = q.get("verbatim", []), q["kind"]
    if kind in ("indirect", "reported"):
        if parts:
            article = "an" if kind[0] in "aeiou" else "a"
            message = f"{article} {kind} quote with verbatim parts: {kind} speech takes none"
            return Finding("quote-verbatim", message, f"{at}/verbatim")
        return None
    if not parts:
        return Finding("quote-verbatim-missing", f"a {kind} quote without verbatim parts", at)
    if kind == "direct" and [(p["start"], p["end"]) for p in parts] != [(q["start"], q["end"])]:
        return Finding(
            "quote-verbatim",
            "a direct quote has one verbatim part: its whole content",
            f"{at}/verbatim",
        )
    previous_end = q["start"]
    for j, part in enumerate(parts):
        if not (previous_end <= part["start"] and part["end"] <= q["end"]):
            return Finding(
                "quote-verbatim",
                f"verbatim part [{part['start']}:{part['end']}] lies outside the content "
                f"[{q['start']}:{q['end']}] or before the part preceding it",
                f"{at}/verbatim/{j}",
            )
        previous_end = part["end"]
    return None


@semantic_check("quote-cue-overlap", "quote-split-speaker")
def cues_and_split_quotes(a: ArticleUnderCheck) -> Iterator[Finding]:
    """A cue lies outside its quote's content and speaker span; direct quotes that share
    one cue (one utterance split by the reporter's words) share its speaker as well."""
    first_of_cue: dict[tuple[int, int], tuple[int, Mapping[str, Any]]] = {}
    for k, q in enumerate(a.doc["quotes"]):
        cue = q.get("cue")
        if cue is None:
            continue
        span = q.get("speaker_span")
        for what, other in (("content", q), ("speaker span", span)):
            if other is not None and cue["start"] < other["end"] and other["start"] < cue["end"]:
                yield Finding(
                    "quote-cue-overlap",
                    f"cue [{cue['start']}:{cue['end']}] overlaps the {what} "
                    f"[{other['start']}:{other['end']}]",
                    f"/quotes/{k}/cue",
                )
        if q["kind"] != "direct":
            continue
        at = (cue["start"], cue["end"])
        if at not in first_of_cue:
            first_of_cue[at] = (k, q)
            continue
        j, first = first_of_cue[at]
        if _speaker(first) != _speaker(q):
            yield Finding(
                "quote-split-speaker",
                f"quotes/{j} and quotes/{k} share the cue {shorten(cue['text'])} but not "
                "the speaker, co-speakers and speaker span",
                f"/quotes/{k}",
            )


def _speaker(q: Mapping[str, Any]) -> tuple[Any, ...]:
    span = q.get("speaker_span")
    return (
        q["speaker"],
        tuple(q.get("co_speakers", ())),
        q["speaker_text"],
        None if span is None else (span["start"], span["end"]),
    )
