"""`newsdata add`: blocks and candidates from raw texts, and a file that validates."""

from __future__ import annotations

import ast
import datetime
import json
import re
import runpy
import sys
from pathlib import Path
from typing import Any

import pytest

import newsdata
from newsdata import guidelines, scaffold
from newsdata.cli import main
from newsdata.scaffold import (
    detect_blocks,
    read_metadata,
    scaffold_article,
    suggest_quotes,
    suggest_timexes,
)

ROOT = Path(__file__).resolve().parents[1]

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


# --------------------------------------------------------------------------- guidelines version


def test_the_guidelines_version_has_one_owner(monkeypatch: pytest.MonkeyPatch) -> None:
    """The scaffold and the guidelines page read the version from newsdata.guidelines:
    changing it there changes both, and neither spells a version of its own."""
    monkeypatch.setattr(guidelines, "GUIDELINES_VERSION", "9.8.7")
    made = scaffold_article("Titel\n\nText.", article_id="x", language="de")
    assert made.doc["annotation"]["guidelines"] == "9.8.7"
    assert not hasattr(scaffold, "GUIDELINES_VERSION")
    monkeypatch.setattr(sys, "path", list(sys.path))  # conf.py adds its extensions' folder
    conf = runpy.run_path(str(ROOT / "docs" / "conf.py"))
    assert conf["myst_substitutions"]["guidelines_version"] == "9.8.7"
    page = (ROOT / "docs" / "guidelines" / "index.md").read_text("utf-8")
    assert "**Version {{ guidelines_version }}.**" in page
    assert not re.search(r"\*\*Version \d", page)


def test_the_scaffold_imports_no_check() -> None:
    """`newsdata add` shares the quotation marks with the validator through newsdata.text,
    never through a check module."""
    for module in sorted((ROOT / "src" / "newsdata" / "scaffold").glob("*.py")):
        tree = ast.parse(module.read_text("utf-8"))
        imported = {n.module for n in ast.walk(tree) if isinstance(n, ast.ImportFrom)}
        imported |= {a.name for n in ast.walk(tree) if isinstance(n, ast.Import) for a in n.names}
        assert not {m for m in imported if m and m.startswith("newsdata.validate")}, module.name


def test_the_guidelines_version_module_imports_nothing() -> None:
    tree = ast.parse((ROOT / "src" / "newsdata" / "guidelines.py").read_text("utf-8"))
    assert not [n for n in ast.walk(tree) if isinstance(n, (ast.Import, ast.ImportFrom))]
    assert re.fullmatch(r"\d+\.\d+\.\d+", guidelines.GUIDELINES_VERSION)


# --------------------------------------------------------------------------- meta lines


@pytest.mark.parametrize(
    ("line", "published", "reading_time"),
    [
        ("Kiel, 4. März 2025 · Lesezeit: 2 Minuten", "2025-03-04", "PT2M"),
        ("2 Min. Lesezeit", None, "PT2M"),
        ("Veröffentlicht am 04.03.2025, 14:30 Uhr", "2025-03-04", None),
        ("Dienstag, 4. März 2025", "2025-03-04", None),
        ("March 4, 2025", "2025-03-04", None),
        ("4 March 2025 | 3 mins read", "2025-03-04", "PT3M"),
        ("By Jane Roe · 3 min read", None, "PT3M"),
        ("PARIS, 12 mars 2025", "2025-03-12", None),
        ("12 mars 2025 · 2 min de lecture", "2025-03-12", "PT2M"),
        ("Publié le 1er mars 2025", "2025-03-01", None),
    ],
)
def test_meta_lines_fill_published_and_reading_time(
    line: str, published: str | None, reading_time: str | None
) -> None:
    text = f"Titel\n\n{line}\n\nEin Satz."
    assert _kinds(text) == [("title", "Titel"), ("meta", line), ("paragraph", "Ein Satz.")]
    doc = scaffold_article(text, article_id="x", language="de").doc
    assert (doc["published"], doc["reading_time"]) == (published, reading_time)


@pytest.mark.parametrize(
    "line",
    [
        "Am 4. März 2025 tagte der Landtag in Kiel.",
        "Kiel, 4. März 2025 – Der Landtag hat den Haushalt beschlossen.",
        "The council met on March 4, 2025 and voted.",
        "By 2030 the city wants to plant 4 March 2025 trees.",
        "Le 12 mars 2025, le conseil a voté.",
        "Il faut 2 min de lecture pour ce texte, dit-on.",
    ],
)
def test_a_body_sentence_with_a_date_stays_a_paragraph(line: str) -> None:
    text = f"Titel\n\n{line}"
    assert _kinds(text) == [("title", "Titel"), ("paragraph", line)]
    assert scaffold_article(text, article_id="x", language="de").doc["published"] is None


def test_a_date_line_below_a_heading_is_meta() -> None:
    text = "Titre\n\nLe conseil vote.\n\n12 mars 2025\n\nTexte."
    assert [kind for kind, _ in _kinds(text)] == ["title", "paragraph", "meta", "paragraph"]


@pytest.mark.parametrize(
    ("lines", "published", "why"),
    [
        (["March 4, 2025", "March 6, 2025"], None, "several dates"),
        (["03/04/2025"], None, "read two ways"),
        (["13/03/2025"], "2025-03-13", None),
        (["Aktualisiert am 5. März 2025"], None, None),
        (["Mis à jour le 5 mars 2025", "4 mars 2025"], "2025-03-04", None),
        (["Von Erika Muster"], None, None),
    ],
)
def test_published_is_never_guessed(
    lines: list[str], published: str | None, why: str | None
) -> None:
    text = "Titel\n\n" + "\n\n".join(lines) + "\n\nText."
    blocks = detect_blocks(text)
    assert [b["kind"] for b in blocks[1:-1]] == ["meta"] * len(lines)
    stated = read_metadata(text, blocks)
    assert (stated.published.isoformat() if stated.published else None) == published
    assert [note for note in stated.notes if why is None or why not in note] == []
    assert len(stated.notes) == (0 if why is None else 1)


def test_a_given_publication_date_wins_and_a_different_stated_one_is_noted() -> None:
    text = "Titel\n\n4. März 2025\n\nText."
    made = scaffold_article(
        text, article_id="x", language="de", published=datetime.date(2025, 3, 5)
    )
    assert made.doc["published"] == "2025-03-05"
    assert any("2025-03-04" in note and "2025-03-05" in note for note in made.notes)


def test_several_reading_times_fill_nothing() -> None:
    text = "Title\n\n3 min read\n\n5 min read\n\nText."
    stated = read_metadata(text, detect_blocks(text))
    assert stated.reading_time is None and stated.notes


# --------------------------------------------------------------------------- timexes

TUESDAY = datetime.date(2025, 3, 4)


@pytest.mark.parametrize(
    ("language", "text", "expected"),
    [
        (
            "de",
            "Heute, gestern und morgen; am Dienstag, letzte Woche, nächstes Jahr, "
            "im vergangenen Monat, am Morgen, nun.",
            [
                ("Heute", "2025-03-04"),
                ("gestern", "2025-03-03"),
                ("morgen", "2025-03-05"),
                ("Dienstag", "2025-03-04"),
                ("letzte Woche", "2025-W09"),
                ("nächstes Jahr", "2026"),
                ("vergangenen Monat", "2025-02"),
                ("nun", "PRESENT_REF"),
            ],
        ),
        (
            "en",
            "Today, yesterday and tomorrow; on Friday, last Monday, next week, last year, now.",
            [
                ("Today", "2025-03-04"),
                ("yesterday", "2025-03-03"),
                ("tomorrow", "2025-03-05"),
                ("Friday", "2025-03-07"),
                ("last Monday", "2025-03-03"),
                ("next week", "2025-W11"),
                ("last year", "2024"),
                ("now", "PRESENT_REF"),
            ],
        ),
        (
            "fr",
            "Aujourd'hui, hier et demain ; samedi, mardi prochain, la semaine dernière, "
            "l'année prochaine, le mois dernier.",
            [
                ("Aujourd'hui", "2025-03-04"),
                ("hier", "2025-03-03"),
                ("demain", "2025-03-05"),
                ("samedi", "2025-03-01"),
                ("mardi prochain", "2025-03-11"),
                ("semaine dernière", "2025-W09"),
                ("année prochaine", "2026"),
                ("mois dernier", "2025-02"),
            ],
        ),
    ],
)
def test_relative_time_expressions_are_resolved_against_the_publication_date(
    language: str, text: str, expected: list[tuple[str, str]]
) -> None:
    found = suggest_timexes(text, [(0, len(text))], language=language, published=TUESDAY)
    assert [(t["text"], t["value"]) for t in found] == expected
    assert {t["type"] for t in found} == {"DATE"}


@pytest.mark.parametrize(
    ("language", "text"),
    [("de", "Gestern kam er, jetzt geht er."), ("en", "He came yesterday, now he goes."),
     ("fr", "Il est venu hier, maintenant il part.")],
)  # fmt: skip
def test_without_a_publication_date_relative_dates_are_not_proposed(
    language: str, text: str
) -> None:
    made = scaffold_article(f"Titel\n\n{text}", article_id="x", language=language, suggest=True)
    assert [(t["text"], t["value"]) for t in made.doc["timexes"]] == [
        (text.split()[-3].rstrip(","), "PRESENT_REF")
    ]
    assert any("1 relative time expression(s) not proposed" in note for note in made.notes)


def test_reading_time_and_dateline_are_timex_candidates() -> None:
    text = "Titre\n\nPARIS, 12 mars 2025 · 2 min de lecture\n\nMardi, il pleuvait."
    made = scaffold_article(text, article_id="x", language="fr", suggest=True)
    assert [(t["text"], t["type"], t["value"]) for t in made.doc["timexes"]] == [
        ("12 mars 2025", "DATE", "2025-03-12"),
        ("2 min", "DURATION", "PT2M"),
        ("Mardi", "DATE", "2025-03-11"),  # the Tuesday nearest the Wednesday it was published
    ]


def test_suggestions_are_marked_as_suggestions() -> None:
    text = "Titel\n\n4. März 2025\n\nSie sagte: „Heute nicht.“"
    suggested = scaffold_article(text, article_id="x", language="de", suggest=True)
    methods = suggested.doc["annotation"]["methods"]
    assert (methods["quotes"], methods["timexes"]) == ("automatic", "automatic")
    quote = suggested.doc["quotes"][0]
    assert (quote["speaker"], quote["speaker_text"], quote["speaker_span"]["text"]) == (
        None,
        None,
        "Sie",
    )
    assert any("candidate quote" in note for note in suggested.notes)
    plain = scaffold_article(text, article_id="x", language="de")
    assert (plain.doc["quotes"], plain.doc["timexes"]) == ([], [])
    assert plain.doc["annotation"]["methods"]["quotes"] == "none"


def test_add_reads_a_french_dateline_and_its_suggestions_validate(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    raw = _write_raw(
        tmp_path,
        "Le conseil vote le budget\n\nPARIS, 12 mars 2025 · 2 min de lecture\n\n"
        "« Nous ne couperons pas », a déclaré Anne Exemple hier. Le maire parle d'un "
        "« budget “prudent” » pour l'année prochaine.\n",
    )
    corpus = tmp_path / "corpus"
    args = ["add", str(raw), "--id", "budget", "--language", "fr", "--corpus", str(corpus)]
    assert main([*args, "--suggest"]) == 0
    assert "published` 2025-03-12 was read" in capsys.readouterr().out
    path = corpus / "articles" / "budget.json"
    doc: dict[str, Any] = json.loads(path.read_text("utf-8"))
    assert (doc["published"], doc["reading_time"]) == ("2025-03-12", "PT2M")
    assert [q["kind"] for q in doc["quotes"]] == ["direct", "mixed"]
    doc["rights"] = "Written for the newsdata tests."
    for quote in doc["quotes"]:
        quote["speaker_text"] = "Anne Exemple"
    path.write_text(json.dumps(doc, ensure_ascii=False), encoding="utf-8")
    assert newsdata.validate(path).valid


_SECTIONED = "# Changelog\n\n## [Unreleased]\n\n## [0.1.0]\n"


def _linked(tmp_path: Path, changelog: Path) -> None:
    real = tmp_path / "elsewhere.md"
    real.write_text(_SECTIONED, encoding="utf-8")
    changelog.symlink_to(real)


def _read_only(tmp_path: Path, changelog: Path) -> None:
    changelog.write_text(_SECTIONED, encoding="utf-8")
    changelog.chmod(0o444)


def _no_section(tmp_path: Path, changelog: Path) -> None:
    changelog.write_text("# Changelog\n\n## [0.1.0]\n", encoding="utf-8")


def _a_folder(tmp_path: Path, changelog: Path) -> None:
    changelog.mkdir()


def _dangling(tmp_path: Path, changelog: Path) -> None:
    changelog.symlink_to(tmp_path / "nowhere.md")


@pytest.mark.parametrize("where", ["corpus", "beside"])
@pytest.mark.parametrize(
    ("spoil", "message"),
    [
        (_linked, "symbolic link"),
        (_read_only, "read-only"),
        (_no_section, r"no ## \[Unreleased\] section"),
        (_a_folder, "CHANGELOG.md"),
        (_dangling, "symbolic link"),
    ],
)
def test_add_changelog_checks_every_target_before_writing(
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    spoil: Any,
    message: str,
    where: str,
) -> None:
    corpus = tmp_path / "corpus"
    (corpus / "articles").mkdir(parents=True)
    changelog = (corpus if where == "corpus" else tmp_path) / "CHANGELOG.md"
    spoil(tmp_path, changelog)
    before = {p: p.read_bytes() for p in tmp_path.rglob("*") if p.is_file()}
    raw = _write_raw(tmp_path, "Ein Titel\n\nText.")
    args = ["add", str(raw), "--id", "a", "--language", "de", "--corpus", str(corpus)]
    assert main([*args, "--changelog"]) == 2
    err = capsys.readouterr().err
    assert err.startswith("newsdata add: ") and err.count("\n") == 1, err
    assert re.search(message, err), err
    assert not (corpus / "articles" / "a.json").exists()
    assert {p: p.read_bytes() for p in tmp_path.rglob("*") if p.is_file() and p != raw} == before


def test_add_changelog_refuses_an_article_it_cannot_write_before_the_changelog(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    corpus = tmp_path / "corpus"
    (corpus / "articles").mkdir(parents=True)
    changelog = corpus / "CHANGELOG.md"
    changelog.write_text(_SECTIONED, encoding="utf-8")
    article = corpus / "articles" / "a.json"
    article.write_text("{}", encoding="utf-8")
    article.chmod(0o444)
    raw = _write_raw(tmp_path, "Ein Titel\n\nText.")
    args = ["add", str(raw), "--id", "a", "--language", "de", "--corpus", str(corpus)]
    assert main([*args, "--changelog", "--force"]) == 2
    assert "read-only" in capsys.readouterr().err
    assert changelog.read_text("utf-8") == _SECTIONED and article.read_text("utf-8") == "{}"
