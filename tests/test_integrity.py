"""One integrity check: `newsdata validate` and `load(verify=True)` find the same tampering.

Every file a built corpus holds is tampered with in each way that matters, and both
paths must name the same validation codes; `build --no-tables` leaves nothing either
would call stale.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

import newsdata
from newsdata.build import run_build
from newsdata.loader import IntegrityError

Tamper = Callable[[Path], None]


def _article(root: Path) -> Path:
    return sorted((root / "articles").glob("*.json"))[0]


def _append(path: Path) -> None:
    path.write_bytes(path.read_bytes() + b"\n")


def _licence_in_card(root: Path) -> None:
    card = root / "README.md"
    card.write_text(
        card.read_text("utf-8").replace('license: "unknown"', 'license: "cc0-1.0"'), "utf-8"
    )


def _count_in_descriptor(root: Path) -> None:
    descriptor = json.loads((root / "datapackage.json").read_text("utf-8"))
    descriptor["newsdata"]["counts"]["articles"] += 1
    (root / "datapackage.json").write_text(json.dumps(descriptor), "utf-8")


def _unlisted(root: Path) -> None:
    copy = json.loads(_article(root).read_text("utf-8"))
    copy["id"] = "zz-unlisted"
    (root / "articles" / "zz-unlisted.json").write_text(json.dumps(copy), "utf-8")


def _descriptor_edit(change: Callable[[dict[str, Any]], None]) -> Tamper:
    def tamper(root: Path) -> None:
        descriptor = json.loads((root / "datapackage.json").read_text("utf-8"))
        change(descriptor)
        (root / "datapackage.json").write_text(json.dumps(descriptor), "utf-8")

    return tamper


def _prepend(data: bytes) -> Tamper:
    def tamper(root: Path) -> None:
        path = root / "datapackage.json"
        path.write_bytes(data + path.read_bytes())

    return tamper


def _duplicate_name(root: Path) -> None:
    path = root / "datapackage.json"
    path.write_bytes(path.read_bytes().replace(b"{", b'{"name": "evil",', 1))


def _descriptor_link(root: Path) -> None:
    path = root / "datapackage.json"
    (root.parent / "elsewhere.json").write_bytes(path.read_bytes())
    path.unlink()
    path.symlink_to(root.parent / "elsewhere.json")


def _schema_invalid_article(root: Path) -> None:
    doc = json.loads(_article(root).read_text("utf-8"))
    doc["title"] = 5
    _article(root).write_text(json.dumps(doc), "utf-8")


TAMPERINGS: dict[str, tuple[Tamper, str]] = {
    "article edited": (lambda root: _append(_article(root)), "package-hash"),
    "article removed": (lambda root: _article(root).unlink(), "package-missing-file"),
    "article added, not built": (_unlisted, "package-unlisted"),
    "table edited": (lambda root: _append(root / "tables" / "mentions.csv"), "package-hash"),
    "table removed": (lambda root: (root / "tables" / "quotes.csv").unlink(),
                      "package-missing-file"),
    "croissant edited": (lambda root: _append(root / "croissant.json"), "package-stale"),
    "croissant removed": (lambda root: (root / "croissant.json").unlink(), "package-stale"),
    "card edited": (_licence_in_card, "package-stale"),
    "card removed": (lambda root: (root / "README.md").unlink(), "package-stale"),
    "descriptor counts edited": (_count_in_descriptor, "package-stale"),
    "descriptor metadata invalid": (_descriptor_edit(lambda d: d.update(homepage=5)),
                                    "package-frictionless"),
    "descriptor resources not a list": (_descriptor_edit(lambda d: d.update(resources=5)),
                                        "package-frictionless"),
    "descriptor with a byte order mark": (_prepend(b"\xef\xbb\xbf"), "file-bom"),
    "descriptor with a repeated key": (_duplicate_name, "json-duplicate-key"),
    "descriptor removed": (lambda root: (root / "datapackage.json").unlink(), "package-missing"),
    "descriptor a link": (_descriptor_link, "package-unsafe-path"),
    "article not an article": (_schema_invalid_article, "schema-type"),
}  # fmt: skip


@pytest.fixture
def built(make_corpus: Any, article_dict: dict[str, Any]) -> Path:
    root: Path = make_corpus([article_dict])
    run_build(root, tables=True)
    assert newsdata.validate(root).valid
    newsdata.load(root, verify=True)
    return root


def _validator_codes(root: Path) -> set[str]:
    return {p.code for p in newsdata.validate(root).errors}


def _verify_codes(root: Path) -> set[str]:
    try:
        newsdata.load(root, verify=True)
    except IntegrityError as found:
        return set(found.codes)
    return set()


@pytest.mark.parametrize("name", TAMPERINGS)
def test_validate_and_verify_find_the_same_tampering(name: str, built: Path) -> None:
    tamper, code = TAMPERINGS[name]
    tamper(built)
    found = _validator_codes(built)
    assert code in found
    assert _verify_codes(built) == found


def test_the_integrity_error_names_the_file_the_code_and_the_fix(built: Path) -> None:
    (built / "croissant.json").unlink()
    with pytest.raises(IntegrityError) as raised:
        newsdata.load(built, verify=True)
    message = str(raised.value)
    assert "croissant.json" in message and "[package-stale]" in message
    assert "newsdata build" in message and "\n" not in message


def test_no_tables_removes_every_view_and_an_edit_then_builds_clean(
    built: Path, article_dict: dict[str, Any]
) -> None:
    handwritten = built / "NOTES.md"
    handwritten.write_text("kept\n", "utf-8")
    built_ = run_build(built, tables=False)
    assert not (built / "tables").exists()
    assert not (built / "croissant.json").exists() and not (built / "README.md").exists()
    assert built / "croissant.json" in built_.removed and not built_.fresh
    article_dict["mentions"][1]["label"] = "LOCderiv"  # an edit after the switch
    article_dict["mentions"][3]["label"] = "LOCderiv"
    _article(built).write_text(json.dumps(article_dict), "utf-8")
    run_build(built)  # keeps the corpus's choice: no views
    assert newsdata.validate(built).valid
    newsdata.load(built, verify=True)
    assert not (built / "tables").exists() and handwritten.is_file()
    assert run_build(built, check=True).fresh


def test_a_view_left_behind_is_reported_by_both_paths(built: Path) -> None:
    run_build(built, tables=False)
    (built / "tables").mkdir()
    (built / "tables" / "mentions.csv").write_text("article_id\n", "utf-8")
    assert _validator_codes(built) == _verify_codes(built) == {"package-leftover"}
    assert run_build(built, check=True).fresh is False
    run_build(built)
    assert not (built / "tables").exists()


def test_a_handwritten_readme_is_never_removed(built: Path) -> None:
    (built / "README.md").write_text("# My corpus\n\nWritten by hand.\n", "utf-8")
    run_build(built, tables=False)
    assert (built / "README.md").read_text("utf-8").startswith("# My corpus")
    assert newsdata.validate(built).valid


def test_warnings_do_not_switch_the_staleness_checks_off(
    built: Path, article_dict: dict[str, Any]
) -> None:
    article_dict["quotes"][0]["kind"] = "mixed"  # a warning: marks around a part too short
    article_dict["quotes"][0]["verbatim"][0]["end"] -= 1
    article_dict["quotes"][0]["verbatim"][0]["text"] = article_dict["quotes"][0]["verbatim"][0][
        "text"
    ][:-1]
    _article(built).write_text(json.dumps(article_dict), "utf-8")
    run_build(built)
    assert newsdata.validate(built).warnings and newsdata.validate(built).valid
    _append(built / "croissant.json")
    assert _validator_codes(built) == _verify_codes(built) == {"package-stale"}


def test_a_handwritten_readme_quoting_the_cards_sentence_is_kept(built: Path) -> None:
    from newsdata.datapackage.card import CARD_MARK

    text = f"# Mine\n\nThe generated card says: {CARD_MARK}; see there.\n"
    (built / "README.md").write_text(text, "utf-8")
    run_build(built, tables=False)
    assert (built / "README.md").read_text("utf-8") == text


def test_a_linked_tables_folder_is_removed_as_a_link_never_followed(built: Path) -> None:
    notes = built / "notes"
    notes.mkdir()
    (notes / "mentions.csv").write_text("mine\n", "utf-8")
    for table in (built / "tables").iterdir():
        table.unlink()
    (built / "tables").rmdir()
    (built / "tables").symlink_to(notes)
    built_ = run_build(built, tables=False)
    assert built / "tables" in built_.removed and not (built / "tables").exists()
    assert (notes / "mentions.csv").read_text("utf-8") == "mine\n"


def test_a_read_only_view_stops_no_tables_before_anything_is_written(built: Path) -> None:
    from newsdata._io import UnsafeWrite

    before = {p: p.read_bytes() for p in built.rglob("*") if p.is_file()}
    (built / "tables" / "topics.csv").chmod(0o444)
    try:
        with pytest.raises(UnsafeWrite, match="read-only"):
            run_build(built, tables=False)
        assert {p: p.read_bytes() for p in built.rglob("*") if p.is_file()} == before
    finally:
        (built / "tables" / "topics.csv").chmod(0o644)


def test_digests_the_caller_read_are_checked_as_the_files_would_be(built: Path) -> None:
    from newsdata._io import sha256_digest
    from newsdata.datapackage.integrity import check_files
    from newsdata.layout import CorpusLayout
    from newsdata.loader import load_descriptor

    layout = CorpusLayout(built)
    descriptor = load_descriptor(layout)
    name = _article(built).name
    data = _article(built).read_bytes()
    read = {f"articles/{name}": (len(data), sha256_digest(data))}
    assert check_files(layout, descriptor, digests=read) == check_files(layout, descriptor) == []
    # what the caller read is what is compared: the file is not read again
    read = {f"articles/{name}": (len(data) + 1, sha256_digest(data + b"\n"))}
    assert [f.code for f in check_files(layout, descriptor, digests=read)] == ["package-hash"]
    seen: list[str] = []
    found = check_files(layout, descriptor, digests=read, article=lambda f, b: seen.append(f.name))
    assert found == [] and seen == [name]  # with ``article``, every file is read
