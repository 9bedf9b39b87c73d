"""`newsdata add`: blocks and candidates from raw texts, and a file that validates."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

import newsdata
from newsdata.cli import main
from newsdata.scaffold import detect_blocks, scaffold_article, suggest_quotes, suggest_timexes

SAMPLE = (
    "Regierung beschließt Reform\n"
    "\n"
    "Von Erika Muster\n"
    "3. März 2021\n"
    "\n"
    "Die Ministerin sagte: „Wir handeln jetzt.“ Kritiker nannten das »zu spät«.\n"
    "Der Plan gilt seit 2019 und wurde am 2021-03-01 beschlossen.\n"
    "\n"
    "Was bleibt offen\n"
    "\n"
    'Offen ist, ob der Bund zahlt. "Das klären wir", hieß es.\n'
    "\n"
    "Share on Facebook\n"
    "\n"
    '[related_posts title="Mehr 2020"]'
)


def _kinds(text: str) -> list[tuple[str, str]]:
    return [(b["kind"], text[b["start"] : b["end"]]) for b in detect_blocks(text)]


def test_blocks_of_a_sample_text() -> None:
    assert _kinds(SAMPLE) == [
        ("title", "Regierung beschließt Reform"),
        ("meta", "Von Erika Muster"),
        ("meta", "3. März 2021"),
        (
            "paragraph",
            "Die Ministerin sagte: „Wir handeln jetzt.“ Kritiker nannten das »zu spät«.\n"
            "Der Plan gilt seit 2019 und wurde am 2021-03-01 beschlossen.",
        ),
        ("heading", "Was bleibt offen"),
        ("paragraph", 'Offen ist, ob der Bund zahlt. "Das klären wir", hieß es.'),
        ("boilerplate", "Share on Facebook"),
        ("boilerplate", '[related_posts title="Mehr 2020"]'),
    ]


def test_a_short_sentence_is_not_a_heading() -> None:
    assert _kinds("Titel\n\nEr kam.\n\nSie ging.") == [
        ("title", "Titel"),
        ("paragraph", "Er kam."),
        ("paragraph", "Sie ging."),
    ]


def test_candidate_quotes_and_timexes_skip_boilerplate() -> None:
    text = SAMPLE  # the shortcode's "Mehr 2020" is boilerplate: no candidate there
    content = [(b["start"], b["end"]) for b in detect_blocks(text) if b["kind"] != "boilerplate"]
    assert [q["text"] for q in suggest_quotes(text, content, "de")] == [
        "Wir handeln jetzt.",
        "zu spät",
        "Das klären wir",
    ]
    assert [(t["text"], t["value"]) for t in suggest_timexes(text, content)] == [
        ("3. März 2021", "2021-03-03"),
        ("2019", "2019"),
        ("2021-03-01", "2021-03-01"),
    ]


def test_nfc_normalisation_is_reported() -> None:
    made = scaffold_article("Titel\n\nU\u0308bung.", article_id="x", language="de")
    doc, notes = made.doc, made.notes
    assert doc["text"] == "Titel\n\nÜbung."
    assert any("NFC" in note for note in notes)


def _write_raw(tmp_path: Path, text: str) -> Path:
    raw = tmp_path / "raw.txt"
    raw.write_text(text, encoding="utf-8")
    return raw


def test_add_writes_an_article_that_validates_once_a_person_completes_it(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    corpus = tmp_path / "corpus"
    raw = _write_raw(tmp_path, SAMPLE)
    args = ["add", str(raw), "--id", "reform-2021", "--language", "de", "--corpus", str(corpus)]
    assert main([*args, "--published", "2021-03-03", "--suggest"]) == 0
    out = capsys.readouterr().out
    path = corpus / "articles" / "reform-2021.json"
    assert "wrote" in out and "schema-min-length" in out and "to do: state the rights" in out
    doc: dict[str, Any] = json.loads(path.read_text("utf-8"))
    assert doc["annotation"]["methods"]["blocks"] == "automatic"
    assert doc["published"] == "2021-03-03"
    problems = newsdata.validate(path).problems
    assert {p.code for p in problems} == {"schema-min-length"}
    # what only a person can state: the rights, and who speaks in each candidate quote
    doc["rights"] = "Written for the newsdata tests."
    path.write_text(json.dumps(doc, ensure_ascii=False), encoding="utf-8")
    assert {p.code for p in newsdata.validate(path).problems} == {"quote-no-speaker"}
    # who speaks, in the article's own words (speaker_text must occur in the text)
    for quote, who in zip(doc["quotes"], ["Die Ministerin", "Kritiker", "hieß es"], strict=True):
        quote["speaker_text"] = who
    path.write_text(json.dumps(doc, ensure_ascii=False), encoding="utf-8")
    assert newsdata.validate(path).valid
    # and `newsdata build` picks it up
    assert main(["build", str(corpus)]) == 0
    assert newsdata.validate(corpus).valid
    assert newsdata.load(corpus).ids == ("reform-2021",)


def test_add_prints_or_adds_the_changelog_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    corpus = tmp_path / "corpus"
    raw = _write_raw(tmp_path, "Ein Titel\n\nText.")
    args = ["add", str(raw), "--language", "de", "--corpus", str(corpus)]
    assert main([*args, "--id", "a"]) == 0
    assert "  - Article `a`: Ein Titel.\n" in capsys.readouterr().out
    assert main([*args, "--id", "b", "--changelog"]) == 2  # no CHANGELOG.md beside it
    assert "CHANGELOG.md: no such file" in capsys.readouterr().err
    assert not (corpus / "articles" / "b.json").exists()  # refused before writing
    changelog = tmp_path / "CHANGELOG.md"
    changelog.write_text("# Changelog\n\n## [Unreleased]\n\n## [0.1.0]\n", encoding="utf-8")
    assert main([*args, "--id", "c", "--changelog"]) == 0
    text = changelog.read_text("utf-8")
    assert "## [Unreleased]\n\n### Added\n- Article `c`: Ein Titel.\n" in text


def test_add_refuses_to_overwrite_without_force(tmp_path: Path) -> None:
    corpus = tmp_path / "corpus"
    raw = _write_raw(tmp_path, "Titel\n\nText.")
    args = ["add", str(raw), "--id", "a", "--language", "de", "--corpus", str(corpus)]
    assert main(args) == 0
    path = corpus / "articles" / "a.json"
    before = path.read_bytes()
    raw.write_text("Anderer Titel\n\nText.", encoding="utf-8")
    assert main(args) == 1
    assert path.read_bytes() == before
    assert main([*args, "--force"]) == 0
    assert json.loads(path.read_text("utf-8"))["title"] == "Anderer Titel"
    assert [p.name for p in (corpus / "articles").iterdir()] == ["a.json"]


@pytest.mark.parametrize(
    ("extra", "message"),
    [(["--id", "Bad Id"], "lowercase slug"), (["--id", "ok", "--language", "de-"], "BCP 47")],
)
def test_add_rejects_bad_options(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], extra: list[str], message: str
) -> None:
    raw = _write_raw(tmp_path, "Titel\n\nText.")
    options = {"--id": "ok", "--language": "de"}
    for i in range(0, len(extra), 2):
        options[extra[i]] = extra[i + 1]
    args = ["add", str(raw), "--corpus", str(tmp_path / "c")]
    for key, value in options.items():
        args += [key, value]
    assert main(args) == 2
    assert message in capsys.readouterr().err


def test_crlf_line_ends_are_converted_and_said() -> None:
    made = scaffold_article("Titel\r\n\r\nText.\r\n", article_id="x", language="de")
    assert "\r" not in made.doc["text"]
    assert any("LF" in note for note in made.notes)
    assert [b["kind"] for b in made.doc["blocks"]] == ["title", "paragraph"]
