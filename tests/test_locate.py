"""Where a JSON Pointer stands in a file: the walk to one pointer agrees with the scan of all."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from newsdata.validate import locate
from newsdata.validate.locate import Located, escape_token

ROOT = Path(__file__).resolve().parents[1]


def _documents() -> list[Path]:
    files = sorted((ROOT / "dataset" / "articles").glob("*.json"))
    files += sorted((ROOT / "tests" / "fixtures").rglob("*.json"))
    readable = []
    for file in files:
        try:
            json.loads(file.read_text("utf-8"))
        except (UnicodeDecodeError, ValueError, RecursionError):
            continue  # the fixtures of unreadable files: nothing to locate in them
        readable.append(file)
    return readable


def _agree(text: str) -> None:
    scanned = Located(text).starts
    walked = Located(text)
    for pointer, start in scanned.items():
        assert walked.offset(pointer) == start, pointer
        # a pointer below a value that has none falls back to that value
        assert Located(text).offset(f"{pointer}/none/7") == start, pointer
    if not Located(text).duplicates:  # else the scan places what a repeated key holds
        assert walked._scanned is None  # the walk never needed the full scan


@pytest.mark.parametrize("file", _documents(), ids=lambda f: f.name)
def test_the_walk_finds_what_the_scan_finds(file: Path) -> None:
    _agree(file.read_text("utf-8"))


_keys = st.text(st.sampled_from('ab/~"\\é\u2028 x'), max_size=4)
_json = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(max_size=5),
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(_keys, inner, max_size=4),
    max_leaves=25,
)


@settings(max_examples=200, deadline=None)
@given(value=_json, indent=st.sampled_from([None, 0, 2]), ascii_only=st.booleans())
def test_the_walk_agrees_with_the_scan_on_any_document(
    value: Any, indent: int | None, ascii_only: bool
) -> None:
    _agree(json.dumps(value, indent=indent, ensure_ascii=ascii_only))


def test_a_repeated_key_is_found_at_its_first_place_as_the_scan_reports_it() -> None:
    text = '{"a": 1, "b": {"c": 2}, "a": 3}'
    found = Located(text)
    assert found.offset("/a") == 1 and found.offset("/b/c") == text.index('"c"')
    assert found.duplicates == [("/a", text.rindex('"a"'))]


def test_a_finding_inside_a_repeated_key_is_placed_in_the_copy_that_holds_it() -> None:
    """orjson keeps a repeated key's last copy: the scan, not the walk, places it."""
    text = '{"source": {"decoy": 1},\n "id": 0,\n "source": {"name": 5}}'
    found = Located(text)
    assert found.offset("/source/name") == text.index('"name"')
    assert found.position("/source/name") == (3, 13)


def test_each_array_on_the_way_is_indexed_once_however_many_findings_it_holds(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    text = json.dumps({"mentions": [{"text": str(i)} for i in range(500)]}, indent=1)
    indexed: list[int] = []
    real = locate._elements

    def counting(source: str, pos: int) -> list[int]:
        indexed.append(pos)
        return real(source, pos)

    monkeypatch.setattr(locate, "_elements", counting)
    found = Located(text)
    for i in reversed(range(500)):
        assert found.offset(f"/mentions/{i}/text") == text.index(f'"text": "{i}"')
    assert indexed == [text.index("[")]


def test_an_index_with_a_leading_zero_names_no_element() -> None:
    text = '{"a": [10, 11]}'
    assert Located(text).offset("/a/01") == Located(text).starts["/a"] == text.index('"a"')
    assert Located(text).offset("/a/1") == text.index("11")


def test_a_pointer_without_its_leading_slash_falls_back_to_the_whole_document() -> None:
    text = '{"a": 1}'
    found = Located(text)
    found._scan()
    assert found.offset("a") == 0


def test_a_text_the_walk_cannot_read_is_left_to_the_scan() -> None:
    text = '{"a": [1, NaN, 2], "b": tru'  # cut short: not JSON
    assert Located(text).offset("/b") == text.index('"b"')
    assert Located(text).nonfinite == [("/a/1", text.index("NaN"))]


def test_a_document_nested_too_deep_for_the_c_scanner_is_left_to_the_scan() -> None:
    text = '{"a": ' + "[" * 5000 + "]" * 5000 + ', "b": 1}'
    assert Located(text).offset("/b") == text.index('"b"')


def test_keys_with_pointer_characters_are_found_by_their_escaped_step() -> None:
    text = json.dumps({"a/b": {"~c": [0, {"d": 1}]}})
    step = f"/{escape_token('a/b')}/{escape_token('~c')}/1/d"
    assert step == "/a~1b/~0c/1/d"
    assert Located(text).offset(step) == text.index('"d"')
    assert locate.locate(text).position(step) == (1, text.index('"d"') + 1)
