"""Map JSON Pointers to line and column in the source text (only when there is something to report).

Two ways, one answer. A finding's pointer is found by walking down to it: each object
and array on the way is indexed once, its values skipped by the standard library's C
scanner, so placing an article's findings, however many, costs about one parse of it. The
full scanner, which indexes every value and sees repeated keys and NaN/Infinity, runs
when those are asked for, and places what lies in an object that repeats a key. Both
walk a document that the standard parser has already accepted, so they can assume
well-formed input; the walk leaves to the scan any text it cannot read.
"""

from __future__ import annotations

import bisect
import contextlib
import json
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from typing import Any

__all__ = ["Located", "locate"]

_TOKEN = re.compile(
    r"""\s*(?:
        "(?P<string>(?:[^"\\]|\\.)*)"
      | (?P<punct>[{}\[\]:,])
      | (?P<scalar>-?Infinity|NaN|true|false|null|-?[0-9][0-9.eE+-]*)
    )""",
    re.VERBOSE | re.DOTALL,
)


def escape_token(token: str) -> str:
    """A key as one JSON Pointer step (RFC 6901: ``~`` and ``/`` escaped)."""
    return token.replace("~", "~0").replace("/", "~1")


def walk_strings(value: Any) -> Iterator[tuple[str, str, bool]]:
    """Every string in a parsed JSON value, keys included: ``(pointer, string, is_key)``.

    A key's pointer shows a lone surrogate as its escape (``\\ud800``): pointers are
    printed, and half a character cannot be.
    """
    stack: list[tuple[str, Any]] = [("", value)]
    while stack:
        pointer, node = stack.pop()
        if isinstance(node, str):
            yield pointer, node, False
        elif isinstance(node, dict):
            for key, item in node.items():
                shown = key.encode("utf-8", "backslashreplace").decode("utf-8")
                here = f"{pointer}/{escape_token(shown)}"
                yield here, key, True
                stack.append((here, item))
        elif isinstance(node, list):
            stack.extend((f"{pointer}/{i}", item) for i, item in enumerate(node))


def _unescape_key(raw: str) -> str:
    if "\\" not in raw:  # no escape: the key is its raw text
        return raw
    decoded: str = json.loads(f'"{raw}"')
    return decoded


_SPACE = re.compile(r"[ \t\n\r]*")
# the C scanner and string reader the json module parses with (typeshed omits both)
_SCAN: Callable[[str, int], tuple[Any, int]] = getattr(json.JSONDecoder(), "scan_once")  # noqa: B009
_STRING: Callable[[str, int], tuple[str, int]] = getattr(json.decoder, "scanstring")  # noqa: B009


def _space(text: str, pos: int) -> int:
    """Past the white space at ``pos``."""
    match = _SPACE.match(text, pos)
    return match.end() if match else pos


def _unescape_token(token: str) -> str:
    return token.replace("~1", "/").replace("~0", "~")


class _Repeated(ValueError):
    """An object on the way repeats a key: which copy a finding means is the full scan's
    to say, as it always said."""


def _members(text: str, pos: int) -> dict[str, tuple[int, int]]:
    """The object whose ``{`` is at ``pos``: each key's start and its value's start."""
    pos = _space(text, pos + 1)
    members: dict[str, tuple[int, int]] = {}
    while text[pos] != "}":
        key, after = _STRING(text, pos + 1)
        value = _space(text, _space(text, after) + 1)  # past the colon
        if key in members:
            raise _Repeated(key)
        members[key] = (pos, value)
        pos = _space(text, _SCAN(text, value)[1])
        if text[pos] == ",":
            pos = _space(text, pos + 1)
    return members


def _elements(text: str, pos: int) -> list[int]:
    """The array whose ``[`` is at ``pos``: where each element starts."""
    pos = _space(text, pos + 1)
    starts: list[int] = []
    while text[pos] != "]":
        starts.append(pos)
        pos = _space(text, _SCAN(text, pos)[1])
        if text[pos] == ",":
            pos = _space(text, pos + 1)
    return starts


def _walk(
    text: str, pointer: str, indexes: dict[int, dict[str, tuple[int, int]] | list[int]]
) -> tuple[str, int]:
    """The deepest ancestor-or-self of ``pointer`` in ``text`` and where it starts (a
    member at its key, an element at its value). Each object or array on the way is
    indexed once, its values skipped by the C scanner, and kept in ``indexes`` by where it
    opens, so that placing many findings costs about one parse of the document.
    Raises ``ValueError`` (``_Repeated`` among them) or ``StopIteration`` if ``text`` is
    not JSON a walk can read."""
    pos = start = _space(text, 0)
    reached = ""
    for token in pointer.split("/")[1:] if pointer else []:
        index = indexes.get(pos)
        if index is None:
            opening = text[pos]
            if opening == "{":
                index = _members(text, pos)
            elif opening == "[":
                index = _elements(text, pos)
            else:  # a scalar has nothing below it
                break
            indexes[pos] = index
        if isinstance(index, dict):
            member = index.get(_unescape_token(token))
            if member is None:
                break
            start, pos = member
        else:
            # an index as RFC 6901 writes it: digits, no leading zero
            canonical = token.isascii() and token.isdigit() and str(int(token)) == token
            if not canonical or int(token) >= len(index):
                break
            start = pos = index[int(token)]
        reached = f"{reached}/{token}"
    return reached, start


@dataclass
class Located:
    """Where values start: a finding's pointer on demand; every value, the keys that
    repeat and where NaN/Infinity stand when asked (one full scan)."""

    text: str
    _found: dict[str, int] = field(default_factory=dict)
    _indexes: dict[int, dict[str, tuple[int, int]] | list[int]] = field(default_factory=dict)
    _scanned: _Scan | None = None
    _lines: list[int] | None = None  # where each line starts; built on first use

    @property
    def starts(self) -> dict[str, int]:
        """Where every value starts, by pointer (a member at its key)."""
        return self._scan().starts

    @property
    def duplicates(self) -> list[tuple[str, int]]:
        """Each repeated key: its pointer and where it stands."""
        return self._scan().duplicates

    @property
    def nonfinite(self) -> list[tuple[str, int]]:
        """Each NaN or Infinity: its pointer and where it stands."""
        return self._scan().nonfinite

    def _scan(self) -> _Scan:
        if self._scanned is None:
            self._scanned = _scan(self.text)
        return self._scanned

    def position(self, pointer: str | None) -> tuple[int, int] | None:
        """Line and column (both 1-based, columns in code points) of the value at ``pointer``.

        An unknown pointer falls back to its nearest known ancestor.
        """
        if pointer is None:
            return None
        offset = self.offset(pointer)
        return None if offset is None else self.line_col(offset)

    def offset(self, pointer: str) -> int | None:
        """Where the value at ``pointer``, or else its nearest ancestor, starts."""
        if self._scanned is None and pointer not in self._found:
            # not JSON a walk can read: the full scan decides
            with contextlib.suppress(ValueError, StopIteration, IndexError, RecursionError):
                self._found[pointer] = _walk(self.text, pointer, self._indexes)[1]
        if pointer in self._found:
            return self._found[pointer]
        return self._from_scan(pointer)

    def _from_scan(self, pointer: str) -> int | None:
        starts = self.starts
        probe = pointer
        while probe not in starts and probe:
            probe = probe.rsplit("/", 1)[0] if "/" in probe else ""
        return starts.get(probe)

    def line_col(self, offset: int) -> tuple[int, int]:
        """Line and column (1-based) of a code-point offset into the text."""
        if self._lines is None:  # once, also for a text without any line break
            self._lines = [m.end() for m in re.finditer("\n", self.text)]
        lines = self._lines
        line = bisect.bisect_right(lines, offset)
        line_start = lines[line - 1] if line else 0
        return line + 1, offset - line_start + 1


@dataclass
class _Scan:
    starts: dict[str, int] = field(default_factory=dict)
    duplicates: list[tuple[str, int]] = field(default_factory=list)
    nonfinite: list[tuple[str, int]] = field(default_factory=list)


def locate(text: str) -> Located:
    """Where the values of ``text`` (valid JSON, NaN/Infinity allowed) start, found on
    demand."""
    return Located(text)


def _scan(text: str) -> _Scan:
    """Scan ``text`` once and index all its values by pointer."""
    found = _Scan()
    # Each frame: [kind, pointer, next index or pending key, set of keys seen]
    stack: list[list[object]] = []
    pending: str | None = ""  # pointer the next value will have
    expect_key = False
    pos = 0
    length = len(text)
    while pos < length:
        match = _TOKEN.match(text, pos)
        if match is None:
            break
        pos = match.end()
        start = match.start("string") - 1 if match.group("string") is not None else None
        if match.group("punct") is not None:
            char = match.group("punct")
            start = match.start("punct")
            if char in "{[":
                pointer = pending if pending is not None else ""
                found.starts.setdefault(pointer, start)
                if char == "{":
                    stack.append(["object", pointer, None, set()])
                    expect_key = True
                else:
                    stack.append(["array", pointer, 0, None])
                    expect_key = False
                    pending = f"{pointer}/0"
            elif char in "}]":
                stack.pop()
                expect_key = False
            elif char == ",":
                top = stack[-1]
                if top[0] == "array":
                    index = int(top[2]) + 1  # type: ignore[call-overload]
                    top[2] = index
                    pending = f"{top[1]}/{index}"
                else:
                    expect_key = True
            continue
        if match.group("string") is not None and expect_key:
            top = stack[-1]
            key = _unescape_key(match.group("string"))
            pointer = f"{top[1]}/{escape_token(key)}"
            seen = top[3]
            assert isinstance(seen, set)
            key_start = start if start is not None else match.start()
            if key in seen:
                found.duplicates.append((pointer, key_start))
            seen.add(key)
            found.starts.setdefault(pointer, key_start)
            pending = pointer
            expect_key = False
            continue
        # a scalar value (string, number, literal)
        value_start = start if start is not None else match.start("scalar")
        pointer = pending if pending is not None else ""
        found.starts.setdefault(pointer, value_start)
        scalar = match.group("scalar")
        if scalar is not None and scalar.lstrip("-") in ("Infinity", "NaN"):
            found.nonfinite.append((pointer, value_start))
    return found
