"""`newsdata import brat`: strict, validated, all or nothing."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from newsdata.cli import main
from newsdata.export import export
from newsdata.export.brat import BratError, import_brat


@pytest.fixture
def brat(tmp_path: Path, fixture_corpus: Path) -> Path:
    out = tmp_path / "brat"
    export("brat", out, fixture_corpus)
    return out


def _articles(corpus: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in sorted((corpus / "articles").iterdir())}


def _append(path: Path, line: str) -> None:
    path.write_text(path.read_text("utf-8") + line + "\n", encoding="utf-8")


def _text(corpus: Path, article: str = "fixture-article") -> str:
    doc = json.loads((corpus / "articles" / f"{article}.json").read_text("utf-8"))
    text: str = doc["text"]
    return text


def _refused(brat: Path, corpus: Path, match: str) -> None:
    before = _articles(corpus)
    with pytest.raises(BratError, match=match):
        import_brat(brat, corpus)
    assert _articles(corpus) == before


def test_an_unchanged_export_imports_to_the_same_articles(brat: Path, fixture_corpus: Path) -> None:
    before = _articles(fixture_corpus)
    result = import_brat(brat, fixture_corpus)
    assert len(result.updated) == len(before) and result.notes == []
    after = _articles(fixture_corpus)
    assert {k: json.loads(v) for k, v in after.items()} == {
        k: json.loads(v) for k, v in before.items()
    }


def test_a_byte_order_mark_loses_no_annotation(brat: Path, fixture_corpus: Path) -> None:
    ann = brat / "fixture-article.ann"
    original = ann.read_text("utf-8")
    ann.write_text("\ufeff" + original, encoding="utf-8")
    import_brat(brat, fixture_corpus)
    doc = json.loads((fixture_corpus / "articles" / "fixture-article.json").read_text("utf-8"))
    assert len(doc["mentions"]) == original.count("\tPER ") + original.count("\tLOC ") + (
        original.count("\tORG ")
    )


def test_an_unknown_kind_of_line_is_an_error_with_its_line(
    brat: Path, fixture_corpus: Path
) -> None:
    _append(brat / "fixture-article.ann", "E1\tEvent:T1")
    _refused(brat, fixture_corpus, r"fixture-article\.ann:\d+: 'E1' lines")


def test_stale_offsets_are_found_by_the_covered_text(brat: Path, fixture_corpus: Path) -> None:
    (brat / "fixture-article.txt").unlink()  # nothing to compare the whole text with
    text = _text(fixture_corpus)
    start = text.index("Putin")
    _append(brat / "fixture-article.ann", f"T99\tPER {start + 2} {start + 7}\tPutin")
    _refused(brat, fixture_corpus, "covers 'Putin' in brat but")


@pytest.mark.parametrize(
    ("offsets", "match"),
    [("5000 5010", "not inside the text"), ("-3 2", "not inside the text"), ("9 4", "not inside")],
)
def test_impossible_offsets_are_refused(
    brat: Path, fixture_corpus: Path, offsets: str, match: str
) -> None:
    _append(brat / "fixture-article.ann", f"T99\tPER {offsets}\tx")
    _refused(brat, fixture_corpus, match)


def test_a_crossing_span_fails_validation_and_nothing_is_written(
    brat: Path, fixture_corpus: Path
) -> None:
    text = _text(fixture_corpus)
    start = text.index("Putin sagte")
    _append(brat / "fixture-article.ann", f"T99\tPER {start} {start + 11}\tPutin sagte")
    _refused(brat, fixture_corpus, "mention-crossing")


def test_a_repeated_identifier_is_refused(brat: Path, fixture_corpus: Path) -> None:
    first = (brat / "fixture-article.ann").read_text("utf-8").splitlines()[0]
    _append(brat / "fixture-article.ann", first)
    _refused(brat, fixture_corpus, "used twice")


def test_a_discontinuous_span_is_refused_not_widened(brat: Path, fixture_corpus: Path) -> None:
    text = _text(fixture_corpus)
    a = text.index("Wladimir")
    b = text.index("Moskau", a)
    _append(
        brat / "fixture-article.ann",
        f"T99\tLOC {a} {a + 8};{b} {b + 6}\t{text[a : a + 8]} {text[b : b + 6]}",
    )
    _refused(brat, fixture_corpus, "discontinuous")


def test_free_text_notes_are_kept_aside_and_reported(
    brat: Path, fixture_corpus: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    _append(brat / "fixture-article.ann", "#99\tAnnotatorNotes T1\tcheck this one again")
    args = ["import", "brat", str(brat), "--corpus", str(fixture_corpus)]
    assert main(args) == 0
    assert "note on T1: check this one again" in capsys.readouterr().out


def test_a_wikidata_normalization_links_the_entity(brat: Path, fixture_corpus: Path) -> None:
    ann = (brat / "fixture-article.ann").read_text("utf-8")
    tass = next(line.split("\t")[0] for line in ann.splitlines() if line.endswith("\tTASS"))
    _append(brat / "fixture-article.ann", f"N1\tReference {tass} Wikidata:Q193727")
    import_brat(brat, fixture_corpus)
    doc = json.loads((fixture_corpus / "articles" / "fixture-article.json").read_text("utf-8"))
    assert {e["id"]: e["wikidata"] for e in doc["entities"]}["tass"] == "Q193727"


def test_another_normalization_source_is_refused(brat: Path, fixture_corpus: Path) -> None:
    _append(brat / "fixture-article.ann", "N1\tReference T1 GeoNames:2950159")
    _refused(brat, fixture_corpus, "only Wikidata")


def test_one_bad_file_stops_every_file(brat: Path, fixture_corpus: Path) -> None:
    # the first file (alphabetically) is fine and changed; a later one is broken
    text = _text(fixture_corpus)
    start = text.index("Agentur")
    _append(brat / "fixture-article.ann", f"T99\tORG {start} {start + 7}\tAgentur")
    _append(brat / "synthetic-9.ann", "T99\tPER 0 3\tnope")
    _refused(brat, fixture_corpus, "synthetic-9")
    args = ["import", "brat", str(brat), "--corpus", str(fixture_corpus)]
    assert main(args) == 1


def test_an_ann_file_that_is_not_utf8_is_refused(brat: Path, fixture_corpus: Path) -> None:
    (brat / "fixture-article.ann").write_bytes(b"T1\tPER 0 3\t\xff\xfe\n")
    _refused(brat, fixture_corpus, "not UTF-8")
