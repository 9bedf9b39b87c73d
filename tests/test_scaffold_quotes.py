"""`newsdata add --suggest`: candidate quotes, their kind, cue, speaker span and parts."""

from __future__ import annotations

import itertools
import json
from pathlib import Path

import pytest

import newsdata
from newsdata.scaffold import scaffold_article, suggest_quotes

# --------------------------------------------------------------------------- quotes


def _quotes(text: str, language: str) -> list[tuple[str, str, str | None, str | None]]:
    found = suggest_quotes(text, [(0, len(text))], language)
    for quote in found:  # every segment repeats the text it covers
        for part in [quote, *quote["verbatim"], quote["cue"], quote["speaker_span"]]:
            if part is not None:
                assert text[part["start"] : part["end"]] == part["text"]
    return [
        (
            q["text"],
            q["kind"],
            q["cue"]["text"] if q["cue"] else None,
            q["speaker_span"]["text"] if q["speaker_span"] else None,
        )
        for q in found
    ]


@pytest.mark.parametrize(
    ("language", "text", "expected"),
    [
        (
            "de",
            "Die Ministerin sagte: „Wir sparen.“ Kritiker nannten den Plan »halbherzig«.",
            [
                ("Wir sparen.", "direct", "sagte", "Die Ministerin"),
                ("halbherzig", "mixed", "nannten", "Kritiker"),
            ],
        ),
        (
            "de",
            "„Das reicht nicht“, sagte Oppositionsführer Max Beispiel. „Nein“, hieß es.",
            [
                ("Das reicht nicht", "direct", "sagte", "Oppositionsführer Max Beispiel"),
                ("Nein", "direct", "hieß", None),
            ],
        ),
        (
            "en",
            '"We will not cut schools," she said. The mayor called it "a fair deal" today.',
            [
                ("We will not cut schools,", "direct", "said", "she"),
                ("a fair deal", "mixed", "called", None),
            ],
        ),
        (
            "en",
            'Councillor Tom Doe said: "It is too late." Doe said it was "far too late".',
            [
                ("It is too late.", "direct", "said", "Councillor Tom Doe"),
                ("far too late", "mixed", "said", "Doe"),
            ],
        ),
        (
            "fr",
            "« Nous ne couperons pas », a déclaré Anne Exemple. Selon elle, c'est « juste ».",
            [
                ("Nous ne couperons pas", "direct", "a déclaré", "Anne Exemple"),
                ("juste", "mixed", "Selon", "elle"),
            ],
        ),
        (
            "en",
            '"The budget is far too optimistic," he told reporters, and asked for an '
            "independent review of the figures.",
            [("The budget is far too optimistic,", "direct", "told", "he")],
        ),
        (
            "fr",
            "« C'est trop tard », dit-il. Le maire parle d'un « budget prudent ».",
            [("C'est trop tard", "direct", "dit", "il"), ("budget prudent", "mixed", None, None)],
        ),
        # quoted words that complete the verb before them (à, to, zu): that verb is the cue,
        # not the reporting verb of the next clause
        (
            "fr",
            "Claire Dupuis a invité les habitants à « rester chez eux » et a annoncé des aides.",
            [("rester chez eux", "mixed", "a invité", "Claire Dupuis")],
        ),
        (
            "fr",
            "Paul Roy a appelé au « calme », puis a promis une enquête.",
            [("calme", "mixed", "a appelé", "Paul Roy")],
        ),
        (
            "en",
            'Governor Lee urged voters to "stay at home" and said the buses would run.',
            [("stay at home", "mixed", "urged", "Governor Lee")],
        ),
        (
            "de",
            "Die Ministerin rief die Tarifparteien zu „ernsthaften Gesprächen“ auf und "
            "versprach ein Treffen.",
            [("ernsthaften Gesprächen", "mixed", "rief", "Die Ministerin")],
        ),
    ],
)
def test_suggested_kind_cue_and_speaker(
    language: str, text: str, expected: list[tuple[str, str, str | None, str | None]]
) -> None:
    assert _quotes(text, language) == expected


_FR_INCISE = (
    "« Les délais sont intenables, a affirmé jeudi matin Claire Dupuis, porte-parole de "
    "l'association, et nous le dirons au préfet. »"
)


@pytest.mark.parametrize(
    ("language", "text", "expected"),
    [
        (  # the incise (cue, speaker, apposition) and its commas are outside both parts
            "fr",
            _FR_INCISE,
            [
                ("Les délais sont intenables", "a affirmé", "Claire Dupuis"),
                ("et nous le dirons au préfet.", "a affirmé", "Claire Dupuis"),
            ],
        ),
        (
            "fr",
            "« Rien n'est décidé, poursuit-elle, mais la porte reste ouverte. »",
            [
                ("Rien n'est décidé", "poursuit", "elle"),
                ("mais la porte reste ouverte.", "poursuit", "elle"),
            ],
        ),
        (  # "mais" resumes the speech: no apposition, the rest is the second part
            "fr",
            "« Nous sommes prêts, a déclaré Luc Martin, mais pas à tout prix, et pas seuls. »",
            [
                ("Nous sommes prêts", "a déclaré", "Luc Martin"),
                ("mais pas à tout prix, et pas seuls.", "a déclaré", "Luc Martin"),
            ],
        ),
        (  # a cue word with nobody after it is the speaker's word, not an incise
            "fr",
            "« Nous l'avons dit, répété, écrit, et rien ne change. », a déclaré Luc Martin.",
            [("Nous l'avons dit, répété, écrit, et rien ne change.", "a déclaré", "Luc Martin")],
        ),
        (
            "en",
            '"The plant will close in May," said Ruth Okafor, the site manager, "and 300 jobs '
            'will go."',
            [
                ("The plant will close in May,", "said", "Ruth Okafor"),
                ("and 300 jobs will go.", "said", "Ruth Okafor"),
            ],
        ),
    ],
)
def test_a_quote_split_by_an_incise_is_two_direct_quotes(
    language: str, text: str, expected: list[tuple[str, str, str]]
) -> None:
    found = suggest_quotes(text, [(0, len(text))], language)
    assert all(q["verbatim"] == [{k: q[k] for k in ("start", "end", "text")}] for q in found)
    assert [(text, kind, cue, who) for text, kind, cue, who in _quotes(text, language)] == [
        (words, "direct", cue, who) for words, cue, who in expected
    ]


def test_suggested_incises_and_complements_validate(tmp_path: Path) -> None:
    text = (
        f"Titre\n\n{_FR_INCISE} Elle a appelé le préfet à « agir vite » et a promis un recours.\n"
    )
    doc = scaffold_article(text, article_id="delais", language="fr", suggest=True).doc
    assert [(q["kind"], q["cue"]["text"]) for q in doc["quotes"]] == [
        ("direct", "a affirmé"),
        ("direct", "a affirmé"),
        ("mixed", "a appelé"),
    ]
    doc["rights"] = "Written for the newsdata tests."
    for quote in doc["quotes"]:
        quote["speaker_text"] = "Claire Dupuis"
    path = tmp_path / "delais.json"
    path.write_text(json.dumps(doc, ensure_ascii=False), encoding="utf-8")
    assert newsdata.validate(path).valid


@pytest.mark.parametrize(
    ("language", "text", "words"),
    [
        (
            "de",
            "Er sagte: „Wir sparen ‚mit Augenmaß‘ und fair.“",
            "Wir sparen ‚mit Augenmaß‘ und fair.",
        ),
        ("fr", "Elle a dit : « Un plan “raisonnable”, enfin. »", "Un plan “raisonnable”, enfin."),
        ("en", 'He said: “They called it "fair" twice.”', 'They called it "fair" twice.'),
    ],
)
def test_a_nested_pair_belongs_to_the_outer_quote(language: str, text: str, words: str) -> None:
    found = suggest_quotes(text, [(0, len(text))], language)
    assert [(q["text"], q["kind"], [v["text"] for v in q["verbatim"]]) for q in found] == [
        (words, "direct", [words])
    ]


def test_fragments_without_a_reporting_verb_between_them_are_one_mixed_quote() -> None:
    text = "Beispiel bezeichnete die „Reform“ unterdessen als „Stückwerk“, sagte aber „Ja“."
    found = suggest_quotes(text, [(0, len(text))], "de")
    assert [(q["text"], [v["text"] for v in q["verbatim"]]) for q in found] == [
        ("Reform“ unterdessen als „Stückwerk", ["Reform", "Stückwerk"]),
        ("Ja", ["Ja"]),
    ]


@pytest.mark.parametrize("language", ["de", "en", "fr"])
def test_suggested_quotes_never_overlap(language: str) -> None:
    text = '„A ‚b‘ c“ »d „e“ f« « g “h” i » “j "k" l” "m" „n“ ‚o‘'
    found = suggest_quotes(text, [(0, len(text))], language)
    spans = sorted((q["start"], q["end"]) for q in found)
    assert found and all(a[1] <= b[0] for a, b in itertools.pairwise(spans))
