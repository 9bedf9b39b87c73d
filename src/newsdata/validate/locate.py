"""Map JSON Pointers to line and column in the source text (only when there is something to report).

The scanner walks a document that the standard parser has already accepted, so it
can assume well-formed input; it keeps an explicit stack and never recurses.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterator
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
    import json

    decoded: str = json.loads(f'"{raw}"')
    return decoded


@dataclass
class Located:
    """Where each value starts, which keys repeat, where NaN/Infinity stand."""

    text: str
    starts: dict[str, int] = field(default_factory=dict)
    duplicates: list[tuple[str, int]] = field(default_factory=list)
    nonfinite: list[tuple[str, int]] = field(default_factory=list)
    _lines: list[int] | None = None  # where each line starts; built on first use

    def position(self, pointer: str | None) -> tuple[int, int] | None:
        """Line and column (both 1-based, columns in code points) of the value at ``pointer``.

        An unknown pointer falls back to its nearest known ancestor.
        """
        if pointer is None:
            return None
        probe = pointer
        while probe not in self.starts and probe:
            probe = probe.rsplit("/", 1)[0]
        offset = self.starts.get(probe)
        return None if offset is None else self.line_col(offset)

    def line_col(self, offset: int) -> tuple[int, int]:
        """Line and column (1-based) of a code-point offset into the text."""
        if self._lines is None:  # once, also for a text without any line break
            self._lines = [m.end() for m in re.finditer("\n", self.text)]
        lines = self._lines
        line = bisect.bisect_right(lines, offset)
        line_start = lines[line - 1] if line else 0
        return line + 1, offset - line_start + 1


def locate(text: str) -> Located:
    """Scan ``text`` (valid JSON, NaN/Infinity allowed) and index its values by pointer."""
    found = Located(text)
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
