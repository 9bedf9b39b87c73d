"""Generate the IPTC Media Topics vocabulary that newsdata ships from a pinned IPTC release.

Usage::

    python scripts/iptc_mediatopics.py RELEASE.json            # write the shipped file
    python scripts/iptc_mediatopics.py RELEASE.json --check    # compare, write nothing

``RELEASE.json`` is IPTC's own JSON-LD export of the Media Topics (a SKOS concept scheme).
The pinned release is the one named in :data:`PINNED`, identified by the SHA-256 of its
bytes: any other file is refused, so the shipped vocabulary always says exactly which
release it was made from. Obtain it from the repository, commit and path in
:data:`PINNED` (``git show <commit>:<path>``) and check its hash with ``sha256sum``.

The output, ``src/newsdata/vocabularies/iptc-mediatopics.json``, keeps of each concept
its QCode, its labels in English (``en-GB`` in the release) and German (``de``, where the
release has it), its broader codes, and the date and IPTC's change note of a retired
code; plus the release date, the copyright holder, the licence and the attribution the
licence (CC BY 4.0) asks for. The same release always gives the same bytes.

Exit codes: 0 written (or, with ``--check``, identical); 1 ``--check`` found a
difference; 2 the release cannot be read or is not the pinned one.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import sys
from collections.abc import Mapping, Sequence
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
OUT = ROOT / "src" / "newsdata" / "vocabularies" / "iptc-mediatopics.json"
SCHEME = "IPTC Media Topics"
URI_PREFIX = "http://cv.iptc.org/newscodes/mediatopic/"
# the release's language tags and the keys newsdata writes them under
LANGUAGES = {"en-GB": "en", "de": "de"}


@dataclass(frozen=True)
class Source:
    """Where the pinned release was read: a public copy of IPTC's export, and its hash."""

    repository: str
    commit: str
    path: str
    sha256: str


PINNED = Source(
    repository="Zatteliet/eventdna-2021",
    commit="ba5971761ec6c7a03dfc84cd01f35c2fc3cc5f40",
    path="data_formatting/iptc_tree/iptc_tree.json",
    sha256="aed140f17f6a957a6cc4aa69a6213b668cdcdd0c09531770bbd7699eb9a1919a",
)
"""The release newsdata's vocabulary is made from: IPTC's export dated 2019-04-06, the
newest one that could be read whole (a 2026 export exists in public copies but could not
be brought onto the build machine completely)."""


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
            "Changed by newsdata: only the codes, the English and German labels, the "
            "broader codes and the retirement dates and notes are kept."
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
        data = release_file.read_bytes()
    except OSError as error:
        raise ReleaseError(f"cannot read it: {error.strerror}") from None
    digest = hashlib.sha256(data).hexdigest()
    if digest != source.sha256:
        raise ReleaseError(
            f"sha256 {digest} is not the pinned release's {source.sha256}; get "
            f"{source.path} at commit {source.commit} of {source.repository}"
        )
    try:
        release = json.loads(data.decode("utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError) as error:
        raise ReleaseError(f"not JSON: {error}") from None
    return render(release, source)


def main(argv: Sequence[str] | None = None) -> int:
    """Command line: write (or ``--check``) the vocabulary file; see the module's docstring."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("release", type=Path, help="the pinned IPTC JSON-LD export")
    parser.add_argument("--out", type=Path, default=OUT, help="the vocabulary file")
    parser.add_argument("--check", action="store_true", help="compare with --out, write nothing")
    args = parser.parse_args(argv)
    try:
        text = regenerate(args.release)
    except ReleaseError as error:
        print(f"error: {args.release}: {error}", file=sys.stderr)
        return 2
    if args.check:
        current = args.out.read_bytes() if args.out.is_file() else b""
        if current != text.encode("utf-8"):
            print(f"{args.out} differs from what {args.release} gives: regenerate it")
            return 1
        print(f"{args.out} is what {args.release} gives")
        return 0
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_bytes(text.encode("utf-8"))
    print(f"wrote {args.out} ({json.loads(text)['count']} concepts)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
