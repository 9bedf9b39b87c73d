"""Level 1: bytes to a JSON object (encoding, syntax, duplicate keys, NaN, size, depth),
and the characters its strings may not hold (control characters, lone surrogates)."""

from __future__ import annotations

import errno
import json
import math
import re
import warnings
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import orjson

from newsdata._io import ARTICLE_MAX_BYTES, FileTooLarge, read_article_file
from newsdata.models import LAYERS, quote_segments
from newsdata.validate.locate import Located, locate, walk_strings
from newsdata.validate.report import Problem

__all__ = [
    "MAX_BYTES",
    "ParsedFile",
    "character_problems",
    "lone_surrogate_problems",
    "parse_bytes",
    "parse_file",
    "too_large",
]

MAX_BYTES = ARTICLE_MAX_BYTES  # the one limit (newsdata._io)


@dataclass
class ParsedFile:
    """A file after level 1: its text, its value (None when unusable), and a lazy locator."""

    file: str
    text: str | None
    value: Any
    problems: list[Problem]
    _located: Located | None = None
    # False when the raw bytes cannot hold a control character or a lone surrogate,
    # which spares the walk over every string
    may_hold_control_or_surrogate: bool = True
    raw: bytes = b""
    # True when the fast parser read the file: it keeps the last of repeated
    # keys silently, so duplicates are ruled out afterwards (see keys_unchecked use).
    keys_unchecked: bool = False

    def located(self) -> Located | None:
        if self._located is None and self.text is None and self.raw:
            self.text = self.raw.decode("utf-8")  # the fast path parsed bytes only
        if self._located is None and self.text is not None:
            self._located = locate(self.text)
        return self._located

    def problem(self, code: str, message: str, pointer: str | None) -> Problem:
        """A problem at ``pointer``, with its line and column looked up in the text."""
        located = self.located()
        where = located.position(pointer) if located is not None else None
        line, column = where if where is not None else (None, None)
        return Problem.of(code, message, self.file, line, column, pointer)

    @property
    def maybe_control(self) -> bool:
        """Deprecated: :attr:`may_hold_control_or_surrogate`."""
        return self._deprecated_flag("maybe_control")

    @maybe_control.setter
    def maybe_control(self, value: bool) -> None:
        # the two old flags were always set together; either now sets the one
        self._deprecated_flag("maybe_control")
        self.may_hold_control_or_surrogate = value

    @property
    def maybe_surrogate(self) -> bool:
        """Deprecated: :attr:`may_hold_control_or_surrogate`."""
        return self._deprecated_flag("maybe_surrogate")

    @maybe_surrogate.setter
    def maybe_surrogate(self, value: bool) -> None:
        self._deprecated_flag("maybe_surrogate")
        self.may_hold_control_or_surrogate = value

    def _deprecated_flag(self, name: str) -> bool:
        warnings.warn(
            f"ParsedFile.{name} is deprecated; use may_hold_control_or_surrogate",
            DeprecationWarning,
            stacklevel=3,
        )
        return self.may_hold_control_or_surrogate


def __getattr__(name: str) -> object:
    if name == "Parsed":
        warnings.warn(
            "newsdata.validate.filelevel.Parsed is deprecated; use ParsedFile",
            DeprecationWarning,
            stacklevel=2,
        )
        return ParsedFile
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


class _Flags:
    __slots__ = ("duplicate", "nonfinite")

    def __init__(self) -> None:
        self.duplicate = False
        self.nonfinite = False


def _file_problem(
    file: str, code: str, message: str, line: int | None = None, column: int | None = None
) -> Problem:
    return Problem.of(code, message, file, line, column)


def too_large(file: str, size: int) -> Problem:
    """The ``file-too-large`` problem of ``file``, which holds ``size`` bytes."""
    message = f"file has {size:,} bytes, more than the limit of {MAX_BYTES:,}"
    return _file_problem(file, "file-too-large", message)


def parse_bytes(file: str, raw: bytes, *, expect_object: bool = True) -> ParsedFile:
    """Run the file-level checks on ``raw`` and parse it."""
    if len(raw) > MAX_BYTES:
        return ParsedFile(file, None, None, [too_large(file, len(raw))])
    problems: list[Problem] = []
    if raw.startswith(b"\xef\xbb\xbf"):
        problems.append(
            _file_problem(file, "file-bom", "file starts with a UTF-8 byte order mark", 1, 1)
        )
        raw = raw[3:]
    flags = _Flags()
    value: Any = None
    fast = False
    text: str | None = None
    try:
        # orjson is strict RFC 8259 and checks UTF-8: anything it refuses (bad
        # bytes, NaN, lone surrogates, syntax errors, huge integers) goes the
        # standard library's way below, which reports it precisely.
        value = orjson.loads(raw)
        fast = True
    except orjson.JSONDecodeError:
        pass
    if not fast:
        try:
            text = raw.decode("utf-8")
        except UnicodeDecodeError as exc:
            line = raw.count(b"\n", 0, exc.start) + 1
            column = exc.start - (raw.rfind(b"\n", 0, exc.start) + 1) + 1
            problems.append(
                _file_problem(
                    file,
                    "file-encoding",
                    f"byte 0x{raw[exc.start]:02x} at byte offset {exc.start} is not valid UTF-8 "
                    f"(column {column} counts bytes)",
                    line,
                    column,
                )
            )
            return ParsedFile(file, None, None, problems)

        def pairs_hook(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
            obj = dict(pairs)
            if len(obj) != len(pairs):
                flags.duplicate = True
            return obj

        def constant_hook(name: str) -> None:
            flags.nonfinite = True
            return None

        overflows: list[str] = []

        def float_hook(number: str) -> float:
            value = float(number)
            if math.isinf(value):  # 1e400: valid JSON, but no reader can hold it
                overflows.append(number)
            return value

        try:
            value = json.loads(
                text,
                object_pairs_hook=pairs_hook,
                parse_constant=constant_hook,
                parse_float=float_hook,
            )
        except json.JSONDecodeError as exc:
            problems.append(_file_problem(file, "json-syntax", exc.msg, exc.lineno, exc.colno))
            return ParsedFile(file, text, None, problems)
        except RecursionError:
            problems.append(
                _file_problem(file, "json-too-deep", "JSON nests too deeply to be parsed")
            )
            return ParsedFile(file, None, None, problems)
        except ValueError as exc:  # e.g. an integer with more digits than Python converts
            problems.append(_file_problem(file, "json-syntax", str(exc)))
            return ParsedFile(file, text, None, problems)
        if overflows:
            shown = overflows[0] if len(overflows[0]) <= 20 else overflows[0][:19] + "…"
            message = f"the number {shown} is too large for a 64-bit float (it would be Infinity)"
            problems.append(_file_problem(file, "json-nonfinite", message))
            return ParsedFile(file, text, None, problems)

    parsed = ParsedFile(file, text, value, problems, raw=raw, keys_unchecked=fast)
    # Inside a JSON string a control character or a lone surrogate can only be
    # written as an escape other than \n and \" (or as a raw C1 character, whose
    # UTF-8 lead byte is 0xC2); one fast search rules both out for most files.
    parsed.may_hold_control_or_surrogate = bool(_UNUSUAL_ESCAPE.search(raw) or b"\xc2" in raw)
    if flags.duplicate:
        problems.extend(duplicate_key_problems(parsed))
    if flags.nonfinite:
        located = parsed.located()
        assert located is not None
        for pointer, offset in located.nonfinite:
            line, column = located.line_col(offset)
            problems.append(
                Problem.of(
                    "json-nonfinite",
                    "NaN and Infinity are not JSON numbers",
                    file,
                    line,
                    column,
                    pointer,
                )
            )
    if expect_object and not isinstance(value, dict):
        problems.append(
            _file_problem(
                file,
                "json-not-object",
                f"top-level value is {_json_type(value)}, not an object",
                1,
                1,
            )
        )
        parsed.value = None
    return parsed


def duplicate_key_problems(parsed: ParsedFile) -> list[Problem]:
    """Locate every repeated key with the position-tracking scanner."""
    located = parsed.located()
    if located is None:
        return []
    problems = []
    for pointer, offset in located.duplicates:
        line, column = located.line_col(offset)
        key = pointer.rsplit("/", 1)[-1]
        problems.append(
            Problem.of(
                "json-duplicate-key",
                f"key {key!r} appears more than once in the same object",
                parsed.file,
                line,
                column,
                pointer,
            )
        )
    return problems


# Control characters can reach a parsed string only through an escape (raw ones are
# a JSON syntax error), except C1 controls; lone surrogates only through escapes.
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")
_SURROGATE = re.compile(r"[\ud800-\udfff]")


def character_problems(parsed: ParsedFile) -> list[Problem]:
    """``text-control-char`` and ``text-lone-surrogate`` for every string of a parsed
    article that holds one (a key only for a lone surrogate: a known key is plain ASCII,
    an unknown one the schema level's), in the order of the file.

    Examples
    --------
    >>> parsed = parse_bytes("a.json", b'{"id": "x\\\\u0007", "title": "\\\\ud800"}')
    >>> [(p.code, p.message, p.pointer) for p in character_problems(parsed)]
    ... # doctest: +NORMALIZE_WHITESPACE
    [('text-control-char', 'control character U+0007 at position 1', '/id'),
     ('text-lone-surrogate', 'lone surrogate U+D800 at position 0', '/title')]
    """
    if not parsed.may_hold_control_or_surrogate or parsed.value is None:
        return []
    problems = []
    for pointer, string, is_key in walk_strings(parsed.value):
        for code, pattern, what in (
            ("text-control-char", _CONTROL, "control character"),
            ("text-lone-surrogate", _SURROGATE, "lone surrogate"),
        ):
            if is_key and code == "text-control-char":
                continue
            found = pattern.search(string)
            if found:
                where = "in a key" if is_key else f"at position {found.start()}"
                message = f"{what} U+{ord(found.group()):04X} {where}"
                problems.append(parsed.problem(code, message, pointer))
    return sorted(problems, key=lambda p: (p.line or 0, p.column or 0))


def lone_surrogate_problems(parsed: ParsedFile) -> list[Problem]:
    """``text-lone-surrogate`` for every key and string holding half a character.

    A document holding one cannot be given to the schema validator (nor written as
    UTF-8), so it is checked no further.
    """
    return [p for p in character_problems(parsed) if p.code == "text-lone-surrogate"]


_SPACED_COLON = re.compile(rb'"\s+:')
_UNUSUAL_ESCAPE = re.compile(rb'\\[^n"]')
_BACKSLASH_KEY_END = re.compile(rb'\\\\":')
_ESCAPED_QUOTE_COLON = re.compile(rb'\\":')


def article_keys_are_unique(parsed: ParsedFile) -> bool:
    """Whether a schema-valid article read by the fast parser has no repeated key.

    A file that is the parsed value written again as newsdata writes it has none. Else:
    every key in the raw text ends in ``":`` (the writer puts no space before the
    colon), and inside a string a quote is escaped, so the raw count of ``":``
    minus escaped ``\\":`` is the number of keys written. It equals the number of
    keys parsed exactly when no key was repeated. Anything unusual (a space before
    a colon, a key ending in a backslash) answers False, and the caller then runs
    the exact scanner.
    """
    raw = parsed.raw
    if _written_as_parsed(parsed.value, raw):
        return True
    if (
        parsed.may_hold_control_or_surrogate and _BACKSLASH_KEY_END.search(raw)
    ) or _SPACED_COLON.search(raw):
        return False
    written = raw.count(b'":') - len(_ESCAPED_QUOTE_COLON.findall(raw))
    doc = parsed.value
    annotation = doc["annotation"]
    parsed_keys = len(doc) + len(doc["source"]) + len(annotation) + len(annotation["methods"])
    for layer in LAYERS:
        parsed_keys += sum(map(len, doc[layer]))
    # the objects inside quotes: cue, speaker span, verbatim parts
    parsed_keys += sum(len(part) for q in doc["quotes"] for _, part in quote_segments(q))
    return bool(parsed_keys == written)


def _written_as_parsed(value: Any, raw: bytes) -> bool:
    """Whether ``raw`` begins with ``value`` written back as newsdata writes files (indented
    by two, UTF-8): then every key in it was written once, since writing emits each once."""
    try:
        # one C call and a memory compare, where counting keys walks every object in Python
        return raw.startswith(orjson.dumps(value, option=orjson.OPT_INDENT_2))
    except orjson.JSONEncodeError:  # nesting deeper than orjson writes: count instead
        return False


def parse_file(
    path: Path,
    display: str,
    *,
    expect_object: bool = True,
    on_read: Callable[[bytes], None] | None = None,
) -> ParsedFile:
    """Read ``path`` and run the file-level checks; ``display`` names it in problems.

    Read by the one reader of article files (:func:`newsdata._io.read_article_file`): only a
    regular file, never through a symbolic link, never more than the size limit; a FIFO or
    a device named by mistake is reported, not waited on. ``on_read`` is given the bytes
    as read (a file that cannot be read gives none), so that a caller can hash them
    without reading the file again.
    """
    try:
        raw = read_article_file(path, limit=MAX_BYTES)
    except FileTooLarge as exc:
        return ParsedFile(display, None, None, [too_large(display, exc.size)])
    except OSError as exc:
        if exc.errno == errno.EINVAL:
            reason = "not a regular file (a directory, a FIFO, a device)"
        elif exc.errno == errno.ELOOP:
            reason = "a symbolic link, which is never followed (name the file it points to)"
        else:
            reason = str(exc.strerror or exc)
        problem = _file_problem(display, "file-unreadable", f"cannot read the file: {reason}")
        return ParsedFile(display, None, None, [problem])
    if on_read is not None:
        on_read(raw)
    return parse_bytes(display, raw, expect_object=expect_object)


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
