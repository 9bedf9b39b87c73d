"""The README's "Ten lines" run as written on the shipped corpus, and on any valid corpus
(mentions linked to no entity, quotes with no speaker entity) with only the corpus and the
article id changed."""

from __future__ import annotations

import copy
import re
from pathlib import Path
from typing import Any

import make_fixtures
import pytest
from conftest import MakeCorpus, fixture_docs

import newsdata

ROOT = Path(__file__).resolve().parents[1]


def _ten_lines() -> str:
    blocks = re.findall(r"```python\n(.*?)```", (ROOT / "README.md").read_text("utf-8"), re.S)
    assert len(blocks) == 1, "the README has one Python example"
    return str(blocks[0])


def _null_links() -> dict[str, Any]:
    """The valid fixture article with every mention not naming a speaker left unlinked."""
    doc = copy.deepcopy(make_fixtures.valid_article())
    doc["id"] = "null-links"
    speakers = {q["speaker"] for q in doc["quotes"]} | {
        s for q in doc["quotes"] for s in q["co_speakers"]
    }
    for mention in doc["mentions"]:
        if mention["entity"] not in speakers:
            mention["entity"] = None
    linked = {m["entity"] for m in doc["mentions"]} | speakers
    doc["entities"] = [e for e in doc["entities"] if e["id"] in linked]
    return doc


def test_the_ten_lines_run_on_the_shipped_corpus(capsys: pytest.CaptureFixture[str]) -> None:
    exec(compile(_ten_lines(), "README.md", "exec"), {})
    assert "valid" in capsys.readouterr().out


def test_the_ten_lines_run_on_every_article_of_any_valid_corpus(
    make_corpus: MakeCorpus, capsys: pytest.CaptureFixture[str]
) -> None:
    root = make_corpus([*fixture_docs(), _null_links()])
    corpus = newsdata.load(root)
    assert newsdata.validate(root).valid
    mentions = [m for a in corpus for m in a.mentions]
    assert any(m.entity is None for m in mentions) and any(m.entity for m in mentions)
    assert any(q.speaker is None for a in corpus for q in a.quotes)
    code = _ten_lines()
    for call in ("newsdata.load()", "newsdata.validate()"):
        assert code.count(call) == 1, call
        code = code.replace(call, call[:-1] + "root)")
    # the article the README picks, whichever it is: the test names none
    (shown,) = re.findall(r'corpus\["([^"]+)"\]', code)
    for article in corpus:
        example = code.replace(f'"{shown}"', repr(article.id))
        exec(compile(example, "README.md", "exec"), {"root": root})
        printed = capsys.readouterr().out.splitlines()
        assert len(printed) == len(article.mentions) + len(article.quotes) + 1, article.id
