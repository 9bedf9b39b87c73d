"""`newsdata reanchor`: put every span on its own text, after a text edit or from rough offsets.

Each span stores its own ``text``; its ``start`` is only a hint of where that text is, and
its ``end`` is not read at all: it becomes ``start + len(text)``. Spans are placed per
*track*, each track independently of the others, so a mention and a quote's speaker span
on the same name, or a quote and its verbatim part, share text and place freely. The
tracks are ``mentions``, ``quotes`` and ``timexes`` (list order, which the validator
requires to be text order), and the quotes' ``verbatim`` parts, ``cue`` s and
``speaker_span`` s (each kind one track, in quote order). Within a track:

1. A span whose text stands at its ``start`` stays exactly there.
2. The others are walked in list order, tracking the *shift*: how far the span before
   it in the track moved (0 after one that stayed). A span whose text stands at
   ``start + shift`` goes there: after a text edit, the spans behind it follow.
3. Otherwise the occurrence of its text nearest either hint, ``start`` or
   ``start + shift``, is taken, among those starting at most :data:`WINDOW` code points
   from a hint. Two occurrences equally near are a tie, reported rather than guessed.
4. ``start`` 0, where the text does not stand, means "somewhere": the text must occur
   exactly once where the span may lie, else the span is reported.
5. If the occurrence taken overlaps neither hint (it is at least the text's length plus
   its slack, :func:`_slack`, away) while what stands at a hint reads as the span's text
   with a few code points changed, the span is reported: its own text was probably
   edited, and the occurrence is a look-alike.
6. A span these rules cannot place goes where the shift of the placed spans just before
   or after it, in any track, puts it, if its text stands exactly there: the first span
   of a track after a text edit has no span of its own track to show the shift.

In ``mentions``, ``quotes``, ``timexes`` and ``verbatim`` no two spans take one place
(start and text), and in the first three a span lies between its placed neighbours in
the list. Cues and speaker spans may be shared: one speaker named once may say two
quotes. Blocks, which store no text, keep their offsets while each starts and ends on a
line; otherwise they are moved by the shift of the spans around them and snapped to the
lines they cover. Nothing is changed when any span cannot be placed.
"""

from __future__ import annotations

import bisect
import copy
from dataclasses import dataclass, field
from typing import Any

from newsdata.models import SPAN_LAYERS, quote_segments

__all__ = ["WINDOW", "Reanchored", "reanchor"]

WINDOW = 200
"""How far (in code points) from a hint a span's text is looked for."""

_SHOWN = 5
"""How many occurrences a message lists before it stops counting them out."""


@dataclass
class Reanchored:
    """The article with new offsets, what moved, and what could not be placed.

    ``problems`` holds one ``(JSON Pointer, message)`` per span that could not be placed.
    """

    doc: dict[str, Any]
    moved: list[str] = field(default_factory=list)
    problems: list[tuple[str, str]] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        """True when every span was placed."""
        return not self.problems


@dataclass
class _Span:
    pointer: str
    label: str
    obj: dict[str, Any]
    old: int
    text: str
    new: int | None = None


@dataclass
class _Track:
    spans: list[_Span]
    ordered: bool  # list order is text order: a span lies between its neighbours
    shared: bool  # two spans of the track may stand on one place


def _tracks(doc: dict[str, Any]) -> list[_Track]:
    """The article's spans, one track per layer and per kind of quote segment."""
    tracks = []
    for layer in SPAN_LAYERS:
        spans = [
            _Span(
                f"/{layer}/{i}", f"{layer} item {item['id']!r}", item, item["start"], item["text"]
            )
            for i, item in enumerate(doc.get(layer, []))
        ]
        tracks.append(_Track(spans, ordered=True, shared=False))
    segments: dict[str, _Track] = {}
    for i, quote in enumerate(doc.get("quotes", [])):
        for where, part in quote_segments(quote):
            name = where.split("/")[0]
            # a list (verbatim) holds distinct parts; a single segment may serve two quotes
            track = segments.setdefault(name, _Track([], ordered=False, shared="/" not in where))
            label = f"{where} of quotes item {quote['id']!r}"
            track.spans.append(
                _Span(f"/quotes/{i}/{where}", label, part, part["start"], part["text"])
            )
    return tracks + list(segments.values())


def _document_order(doc: dict[str, Any]) -> dict[str, int]:
    """Each span's JSON Pointer and its rank in the file: a quote, then its segments."""
    pointers = []
    for layer in SPAN_LAYERS:
        for i, item in enumerate(doc.get(layer, [])):
            pointers.append(f"/{layer}/{i}")
            if layer == "quotes":
                pointers += [f"/quotes/{i}/{where}" for where, _ in quote_segments(item)]
    return {pointer: rank for rank, pointer in enumerate(pointers)}


def _occurrences(text: str, needle: str, low: int, high: int) -> list[int]:
    """Every start of ``needle`` in ``text`` from ``low`` to ``high`` inclusive."""
    found = []
    at = text.find(needle, max(low, 0))
    while at != -1 and at <= high:
        found.append(at)
        at = text.find(needle, at + 1)
    return found


def _common_prefix(a: str, b: str) -> int:
    """How many code points ``a`` and ``b`` share from their start."""
    return next(
        (i for i, (x, y) in enumerate(zip(a, b, strict=False)) if x != y), min(len(a), len(b))
    )


def _slack(needle: str) -> int:
    """How many code points of a span's text an edit of it may change and still be seen."""
    return max(1, len(needle) // 4)


def _looks_edited(needle: str, text: str, at: int) -> bool:
    """Whether ``text`` at ``at`` reads as ``needle`` with a few code points changed.

    A quarter of the needle (at least one code point) may be replaced, inserted or deleted
    at one place: what stands there must share the rest as prefix and suffix. Needles of
    three code points or fewer count replacements only: with one code point of them
    shared, nearly any text would read as an insertion or deletion.
    """
    size = len(needle)
    slack = _slack(needle)
    reach = slack if size > 3 else 0
    for length in range(max(1, size - reach), size + reach + 1):
        piece = text[at : at + length]
        if len(piece) < length:
            break
        prefix = _common_prefix(needle, piece)
        room = min(size, length) - prefix
        suffix = _common_prefix(needle[::-1], piece[::-1])
        if prefix + min(suffix, room) >= size - slack:
            return True
    return False


def _listed(places: list[int]) -> str:
    """The first few places, and how many more there are."""
    shown = ", ".join(map(str, places[:_SHOWN]))
    return shown + (f" and {len(places) - _SHOWN} more" if len(places) > _SHOWN else "")


def _bounds(text: str, track: _Track, k: int) -> tuple[int, int]:
    """The lowest and highest start span ``k`` may take: between its placed neighbours."""
    low, high = 0, len(text) - len(track.spans[k].text)
    if not track.ordered:
        return low, high
    before = [s.new for s in track.spans[:k] if s.new is not None]
    after = [s.new for s in track.spans[k + 1 :] if s.new is not None]
    return max([low, *before[-1:]]), min([high, *after[:1]])


def _place_track(text: str, track: _Track) -> dict[int, str]:
    """Place a track's spans by their own texts; return what is wrong, by span index."""
    for span in track.spans:
        if text.startswith(span.text, span.old):
            span.new = span.old
    shift = 0
    failed = {}
    for k, span in enumerate(track.spans):
        if span.new is not None:
            shift = span.new - span.old
            continue
        found = _free(text, track, k)
        if span.old == 0:  # no hint: the text must be unique where the span may lie
            placed = _only(found, *_bounds(text, track, k))
        else:
            hints = (span.old, span.old + shift)
            placed = _nearest(text, span, found, hints, *_bounds(text, track, k))
            if isinstance(placed, int):
                shift = placed - span.old
        if isinstance(placed, str):
            failed[k] = f"{span.label}: text {span.text!r} {placed}"
        else:
            span.new = placed
    return failed


def _free(text: str, track: _Track, k: int) -> list[int]:
    """The starts where span ``k``'s text stands, between its neighbours and not taken."""
    span = track.spans[k]
    taken = {s.new for s in track.spans if s.text == span.text and not track.shared}
    return [p for p in _occurrences(text, span.text, *_bounds(text, track, k)) if p not in taken]


def _only(found: list[int], low: int, high: int) -> int | str:
    """The one place of a span given no hint, or what is wrong."""
    if len(found) == 1:
        return found[0]
    what = f"occurs at {_listed(found)}" if found else "occurs nowhere"
    return f"has start 0 (anywhere) and {what} from {low} to {high}; give its start, roughly"


def _nearest(
    text: str, span: _Span, found: list[int], given: tuple[int, int], low: int, high: int
) -> int | str:
    """The place of a span among the occurrences ``found``, nearest a hint, or what is wrong."""
    old, moved_along = given
    if moved_along in found:  # where the spans before it moved to: a text edit before it
        return moved_along
    hints = sorted(set(given))
    low, high = max(low, hints[0] - WINDOW), min(high, hints[-1] + WINDOW)
    looked = f"looked for a start from {low} to {high}, near {' and '.join(map(str, hints))}"
    near = sorted((min(abs(p - h) for h in hints), p) for p in found if low <= p <= high)
    if not near:
        anywhere = _occurrences(text, span.text, 0, len(text))
        elsewhere = f"; it occurs at {_listed(anywhere)}" if anywhere else ", nor anywhere"
        standing = text[old : old + len(span.text)]
        return f"not found ({looked}; at {old} stands {standing!r}){elsewhere}"
    (distance, best), *others = near
    if others and others[0][0] == distance:
        return f"occurs at {best} and {others[0][1]}, equally near ({looked}); give its start"
    # a near copy of the text at a hint, clear of the occurrence, is the span's own text edited
    clear = len(span.text) + _slack(span.text)
    edited = [h for h in hints if _looks_edited(span.text, text, h)] if distance >= clear else []
    if edited:
        stands = text[edited[0] : edited[0] + len(span.text)]
        return (
            f"is not at {edited[0]}, where {stands!r} stands: was the span's own text edited? "
            f"({looked}; the nearest occurrence is at {best}: if it is this span's, give "
            "that start)"
        )
    return best


def _anchors(tracks: list[_Track]) -> list[tuple[int, int]]:
    """Each placed span's old start and how far it moved, in order of old start."""
    # a start of 0 was no hint, so it says nothing of how the text shifted
    placed = (s for t in tracks for s in t.spans if s.new is not None and s.old != 0)
    return sorted((s.old, s.new - s.old) for s in placed if s.new is not None)


def _rescue(text: str, track: _Track, k: int, anchors: list[tuple[int, int]]) -> bool:
    """Place span ``k`` exactly where the shift of the spans around it, in any layer, puts it.

    The first span of a layer after a text edit has no span of its own layer to show the
    shift; a span of another layer next to it may, when the text stands exactly there.
    """
    span = track.spans[k]
    if span.old == 0:
        return False
    i = bisect.bisect_right(anchors, (span.old, 1 << 62))
    for _, shift in anchors[max(0, i - 1) : i + 1]:
        if shift and span.old + shift in _free(text, track, k):
            span.new = span.old + shift
            return True
    return False


def _line_bounds(text: str) -> tuple[list[int], list[int]]:
    """Starts and ends (exclusive) of the trimmed non-blank lines."""
    starts, ends = [], []
    pos = 0
    for piece in text.split("\n"):
        stripped = piece.strip()
        if stripped:
            lead = len(piece) - len(piece.lstrip())
            starts.append(pos + lead)
            ends.append(pos + lead + len(stripped))
        pos += len(piece) + 1
    return starts, ends


def _on_lines(blocks: list[dict[str, Any]], starts: list[int], ends: list[int]) -> bool:
    """Whether the blocks, in order and apart, each start and end on a line's bounds."""
    firsts, lasts = set(starts), set(ends)
    floor = 0
    for block in blocks:
        if not (floor <= block["start"] < block["end"]):
            return False
        if block["start"] not in firsts or block["end"] not in lasts:
            return False
        floor = block["end"]
    return True


def _nearest_from(values: list[int], target: int, floor: int) -> int | None:
    """The value nearest to ``target`` among those at or after ``floor`` (sorted values)."""
    i = bisect.bisect_left(values, floor)
    if i == len(values):
        return None
    j = bisect.bisect_left(values, target, lo=i)
    options = values[max(i, j - 1) : j + 1]
    return min(options, key=lambda v: (abs(v - target), v))


def _shift_at(anchors: list[tuple[int, int]], old: int) -> int:
    """The shift of the last placed span starting at or before ``old``."""
    i = bisect.bisect_right(anchors, (old, 1 << 62)) - 1
    return anchors[i][1] if i >= 0 else 0


def _place_blocks(
    text: str, blocks: list[dict[str, Any]], anchors: list[tuple[int, int]], result: Reanchored
) -> None:
    starts, ends = _line_bounds(text)
    if not starts:
        if blocks:
            result.problems.append(("/blocks", "the text is empty"))
        return
    if _on_lines(blocks, starts, ends):
        return  # a text edit moves some block off its line; spans typed by hand move none
    # Blocks are placed in order, each on the line bound nearest to where the shift so far
    # puts it and never before the block before it; every bound placed becomes an anchor
    # itself, so a block far from any span still follows the edits before it.
    floor = 0
    for i, block in enumerate(blocks):
        start = _nearest_from(starts, block["start"] + _shift_at(anchors, block["start"]), floor)
        if start is not None:
            bisect.insort(anchors, (block["start"], start - block["start"]))
            wanted = block["end"] + _shift_at(anchors, block["end"] - 1)
            end = _nearest_from(ends, wanted, start + 1)
        if start is None or end is None:
            result.problems.append(
                (
                    f"/blocks/{i}",
                    "blocks could not be placed on distinct lines; "
                    "did the edit add or remove a line break?",
                )
            )
            return
        bisect.insort(anchors, (block["end"] - 1, end - block["end"]))
        if (start, end) != (block["start"], block["end"]):
            result.moved.append(f"/blocks/{i}")
        block["start"], block["end"] = start, end
        floor = end


def reanchor(doc: dict[str, Any]) -> Reanchored:
    """Recompute every span's offsets from its text; return the result without writing.

    Each span is placed by its own text nearest its ``start`` (see the module's rules);
    ``end`` becomes ``start + len(text)``. Nothing is changed when a span cannot be placed.

    Examples
    --------
    After a text edit, spans and blocks follow:

    >>> doc = {"text": "Ein neuer Titel\\n\\nHeute sprach Putin.", "title": "Ein Titel",
    ...        "blocks": [{"id": "b1", "start": 0, "end": 9, "kind": "title"},
    ...                   {"id": "b2", "start": 11, "end": 30, "kind": "paragraph"}],
    ...        "mentions": [{"id": "m1", "start": 24, "end": 29, "text": "Putin",
    ...                      "label": "PER", "entity": None}], "quotes": [], "timexes": []}
    >>> result = reanchor(doc)
    >>> result.ok, result.doc["mentions"][0]["start"], result.doc["blocks"][1]["start"]
    (True, 30, 17)
    >>> result.doc["title"]
    'Ein neuer Titel'

    A span typed by hand with a rough start lands on its text:

    >>> doc = result.doc
    >>> doc["mentions"][0].update(start=26, end=0)
    >>> result = reanchor(doc)
    >>> result.moved, result.doc["mentions"][0]["start"], result.doc["mentions"][0]["end"]
    (['/mentions/0'], 30, 35)
    """
    doc = copy.deepcopy(doc)
    text: str = doc["text"]
    result = Reanchored(doc)
    tracks = _tracks(doc)
    failed = [(track, _place_track(text, track)) for track in tracks]
    anchors = _anchors(tracks)
    for track, problems in failed:
        for k, message in problems.items():
            if not _rescue(text, track, k, anchors):
                result.problems.append((track.spans[k].pointer, message))
    if result.problems:
        order = _document_order(doc)
        result.problems.sort(key=lambda problem: order[problem[0]])
        return result
    order = _document_order(doc)
    for span in sorted((s for t in tracks for s in t.spans), key=lambda s: order[s.pointer]):
        assert span.new is not None
        if (span.new, span.new + len(span.text)) != (span.obj["start"], span.obj["end"]):
            result.moved.append(span.pointer)
        span.obj["start"], span.obj["end"] = span.new, span.new + len(span.text)
    blocks = doc.get("blocks", [])
    _place_blocks(text, blocks, _anchors(tracks), result)
    if result.problems:
        return result
    title = next((b for b in blocks if b["kind"] == "title"), None)
    if title is not None and doc.get("title") != text[title["start"] : title["end"]]:
        doc["title"] = text[title["start"] : title["end"]]
        result.moved.append("/title")
    return result
