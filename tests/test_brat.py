"""`newsdata import brat`: strict, validated, all or nothing."""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from newsdata.cli import main
from newsdata.export import export
from newsdata.importers.brat import BratError, import_brat


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


# What the import does not understand is refused, naming the file and the line.


@pytest.mark.parametrize(
    ("line", "match"),
    [
        # a relation must go from a Quote to a span of its own type
        ("R99\tCue Arg1:T1 Arg2:T7", r":33: R99: a Cue relation goes from a Quote.*T1 is a PER"),
        ("R99\tVerbatim Arg1:T13 Arg2:T8", r":33: R99: .*T13 is a Timex"),
        ("R99\tSpeaker Arg1:T14 Arg2:T9", r":33: R99: .*T14 is a Timex"),
        ("R99\tVerbatim Arg1:T10 Arg2:T1", r":33: R99: .*to a Verbatim span.*T1 is a PER"),
        ("R99\tCue Arg1:T6 Arg2:T99", r":33: R99: .*T99 is not a span"),
        ("R99\tCue Source:T6 Target:T7", r":33: .*Arg1:.*Arg2:"),
        # attributes: Kind on quotes, Type on timexes, once each
        ("A99\tKind T1 direct", r":33: A99: the attribute Kind belongs on a Quote.*T1 is a PER"),
        ("A99\tType T1 DATE", r":33: A99: the attribute Type belongs on a Timex.*T1 is a PER"),
        ("A99\tKind T6 indirect", r":33: A99: T6 has a second Kind"),
        ("A99\tNegation T6 yes", r":33: A99: the attribute 'Negation' is not part of newsdata"),
        ("A99\tKind T77 direct", r":33: A99: .*T77 is not a span"),
        # notes: one JSON note per span, on a mention, quote or timex, with known keys
        ('#99\tAnnotatorNotes T1\t{"id": "m1", "entity": "moscow"}', r":33: #99: T1 has a second"),
        ('#99\tAnnotatorNotes T7\t{"id": "x"}', r":33: #99: .*T7 is a Cue span"),
        ('#99\tAnnotatorNotes T7\t{"id": "x"}', r".*mentions, quotes and timexes"),
        ("#99\tOtherNotes T1\tx", r":33: #99: 'OtherNotes' notes are not part of newsdata"),
        # normalizations: once per mention
        ("N1\tReference T1 Wikidata:Q1\nN2\tReference T1 Wikidata:Q2", r":34: N2: T1 has a second"),
        ("N1\tReference T7 Wikidata:Q1", r":33: N1: T7 .*not a mention"),
        # a part of a quote that no quote links
        ("T99\tCue 64 69\tsagte", r":33: T99: a Cue span that no Quote links by a Cue relation"),
        ("T99\tWhatever 64 69\tsagte", r":33: T99: the span type 'Whatever' is not part"),
    ],
)
def test_what_the_import_does_not_understand_is_refused_with_its_line(
    brat: Path, fixture_corpus: Path, line: str, match: str
) -> None:
    ann = brat / "fixture-article.ann"
    assert len(ann.read_text("utf-8").splitlines()) == 32  # the lines appended are 33, 34
    _append(ann, line)
    _refused(brat, fixture_corpus, r"fixture-article\.ann" + match)


def test_an_unlinked_part_is_not_called_an_unknown_type(brat: Path, fixture_corpus: Path) -> None:
    ann = brat / "fixture-article.ann"
    ann.write_text(ann.read_text("utf-8").replace("R1\tCue Arg1:T6 Arg2:T7\n", ""), "utf-8")
    with pytest.raises(BratError) as caught:
        import_brat(brat, fixture_corpus)
    assert "unknown type" not in str(caught.value)
    assert re.search(
        r"fixture-article\.ann:14: T7: a Cue span that no Quote links", str(caught.value)
    )


def test_a_json_note_with_a_key_it_does_not_read_is_refused(
    brat: Path, fixture_corpus: Path
) -> None:
    ann = brat / "fixture-article.ann"
    text = ann.read_text("utf-8").replace('"entity": "tass"}', '"entity": "tass", "x": 1}')
    ann.write_text(text, "utf-8")
    _refused(brat, fixture_corpus, r"fixture-article\.ann:10: #5: .*'x'")


@pytest.mark.parametrize("separator", ["\u2028", "\u2029"])
def test_a_text_with_other_line_separators_round_trips(
    make_corpus: Any, article_dict: dict[str, Any], tmp_path: Path, separator: str
) -> None:
    # inside a quote, its verbatim part and a mention: one character for one space
    for old in ("ist ein Testsatz", "Die Agentur TASS"):
        article_dict = json.loads(
            json.dumps(article_dict).replace(old, old.replace(" ", separator, 1))
        )
    root = make_corpus([article_dict])
    before = _articles(root)
    export("brat", tmp_path / "brat", root)
    assert import_brat(tmp_path / "brat", root).updated == ["fixture-article"]
    assert {k: json.loads(v) for k, v in _articles(root).items()} == {
        k: json.loads(v) for k, v in before.items()
    }


def test_crlf_line_ends_are_read(brat: Path, fixture_corpus: Path) -> None:
    ann = brat / "fixture-article.ann"
    ann.write_bytes(ann.read_bytes().replace(b"\n", b"\r\n"))
    before = _articles(fixture_corpus)
    import_brat(brat, fixture_corpus)
    assert {k: json.loads(v) for k, v in _articles(fixture_corpus).items()} == {
        k: json.loads(v) for k, v in before.items()
    }


@pytest.mark.parametrize(
    ("spoil", "match"),
    [
        (lambda doc: doc.pop("text"), r"fixture-article\.json.*text"),
        (lambda doc: doc.update(entities="x"), r"fixture-article\.json.*entities"),
        (lambda doc: doc.update(mentions=5), r"fixture-article\.json.*mentions"),
    ],
)
def test_an_invalid_article_in_the_corpus_is_a_one_line_error(
    brat: Path,
    fixture_corpus: Path,
    spoil: Callable[[dict[str, Any]], object],
    match: str,
    capsys: pytest.CaptureFixture[str],
) -> None:
    file = fixture_corpus / "articles" / "fixture-article.json"
    doc = json.loads(file.read_text("utf-8"))
    spoil(doc)
    file.write_text(json.dumps(doc), "utf-8")
    _refused(brat, fixture_corpus, match)
    assert main(["import", "brat", str(brat), "--corpus", str(fixture_corpus)]) == 1
    err = capsys.readouterr().err
    assert err.startswith("newsdata import: ") and err.count("\n") == 1
    assert "Traceback" not in err
