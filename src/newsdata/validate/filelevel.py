"""Level 1: bytes to a JSON object (encoding, syntax, duplicate keys, NaN, size, depth)."""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from newsdata.validate.codes import CHECKS
from newsdata.validate.locate import Located, locate
from newsdata.validate.report import Problem

__all__ = ["MAX_BYTES", "Parsed", "parse_file"]

MAX_BYTES = 16 * 1024 * 1024


@dataclass
class Parsed:
    """A file after level 1: its text, its value (None when unusable), and a lazy locator."""

    file: str
    text: str | None
    value: Any
    problems: list[Problem]
    _located: Located | None = None

    def located(self) -> Located | None:
        if self._located is None and self.text is not None:
            self._located = locate(self.text)
        return self._located

    def problem(self, code: str, message: str, pointer: str | None) -> Problem:
        """A problem at ``pointer``, with its line and column looked up in the text."""
        located = self.located()
        where = located.position(pointer) if located is not None else None
        line, column = where if where is not None else (None, None)
        return Problem(code, CHECKS[code].level, message, self.file, line, column, pointer)


class _Flags:
    __slots__ = ("duplicate", "nonfinite")

    def __init__(self) -> None:
        self.duplicate = False
        self.nonfinite = False


def _file_problem(file: str, code: str, message: str, line: int | None = None,
                  column: int | None = None) -> Problem:
    return Problem(code, "file", message, file, line, column, None)


def parse_bytes(file: str, raw: bytes) -> Parsed:
    """Run the file-level checks on ``raw`` and parse it."""
    if len(raw) > MAX_BYTES:
        return Parsed(file, None, None, [_file_problem(
            file, "file-too-large",
            f"file has {len(raw):,} bytes, more than the limit of {MAX_BYTES:,}")])
    problems: list[Problem] = []
    if raw.startswith(b"\xef\xbb\xbf"):
        problems.append(_file_problem(file, "file-bom", "file starts with a UTF-8 byte order mark", 1, 1))
        raw = raw[3:]
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = raw.count(b"\n", 0, exc.start) + 1
        column = exc.start - (raw.rfind(b"\n", 0, exc.start) + 1) + 1
        problems.append(_file_problem(
            file, "file-encoding",
            f"byte 0x{raw[exc.start]:02x} at byte offset {exc.start} is not valid UTF-8 "
            f"(column {column} counts bytes)", line, column))
        return Parsed(file, None, None, problems)

    flags = _Flags()

    def pairs_hook(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
        obj = dict(pairs)
        if len(obj) != len(pairs):
            flags.duplicate = True
        return obj

    def constant_hook(name: str) -> None:
        flags.nonfinite = True
        return None

    try:
        value = json.loads(text, object_pairs_hook=pairs_hook, parse_constant=constant_hook)
    except json.JSONDecodeError as exc:
        problems.append(_file_problem(file, "json-syntax", exc.msg, exc.lineno, exc.colno))
        return Parsed(file, text, None, problems)
    except RecursionError:
        problems.append(_file_problem(file, "json-too-deep", "JSON nests too deeply to be parsed"))
        return Parsed(file, None, None, problems)
    except ValueError as exc:  # e.g. an integer with more digits than Python converts
        problems.append(_file_problem(file, "json-syntax", str(exc)))
        return Parsed(file, text, None, problems)

    parsed = Parsed(file, text, value, problems)
    if flags.duplicate or flags.nonfinite:
        located = parsed.located()
        assert located is not None
        for pointer, offset in located.duplicates:
            line, column = located.line_col(offset)
            key = pointer.rsplit("/", 1)[-1]
            problems.append(Problem("json-duplicate-key", "file",
                                    f"key {key!r} appears more than once in the same object",
                                    file, line, column, pointer))
        for pointer, offset in located.nonfinite:
            line, column = located.line_col(offset)
            problems.append(Problem("json-nonfinite", "file",
                                    "NaN and Infinity are not JSON numbers", file, line, column, pointer))
    if not isinstance(value, dict):
        problems.append(_file_problem(file, "json-not-object",
                                      f"top-level value is {_json_type(value)}, not an object", 1, 1))
        parsed.value = None
    return parsed


def parse_file(path: Path, display: str) -> Parsed:
    """Read ``path`` and run the file-level checks; ``display`` names it in problems."""
    try:
        raw = path.read_bytes()
    except OSError as exc:
        return Parsed(display, None, None, [_file_problem(
            display, "file-unreadable", f"cannot read the file: {exc.strerror or exc}")])
    return parse_bytes(display, raw)


def _json_type(value: Any) -> str:
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "a boolean"
    if isinstance(value, (int, float)):
        return "a number"
    if isinstance(value, str):
        return "a string"
    if isinstance(value, list):
        return "an array"
    return "an object"
