"""Shared fixtures: small articles and corpora the tests build themselves, and the shipped data.

Behaviour tests use corpora made here (``make_corpus``, ``fixture_corpus``), so adding an
article to ``dataset/`` changes none of their expectations. Tests of the shipped data use
``shipped_articles`` and state rules that hold for any valid article; none gates the
shipped data (``newsdata validate`` in ``make test`` is the one gate).
"""

from __future__ import annotations

import copy
import os
import sys
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

FIXTURES = Path(__file__).parent / "fixtures"
sys.path.insert(0, str(FIXTURES))

import make_fixtures  # noqa: E402
import synthetic  # noqa: E402

import newsdata  # noqa: E402
from newsdata import Article  # noqa: E402
from newsdata.build import run_build  # noqa: E402

MakeCorpus = Callable[..., Path]


@pytest.fixture(autouse=True, scope="session")
def _private_cache(tmp_path_factory: pytest.TempPathFactory) -> Iterator[None]:
    """The columnar store's cache lives in a temporary directory, never in ~/.cache
    (subprocesses the tests start inherit it)."""
    from newsdata.columnar import CACHE_ENV

    before = os.environ.get(CACHE_ENV)
    os.environ[CACHE_ENV] = str(tmp_path_factory.mktemp("cache"))
    yield
    if before is None:
        del os.environ[CACHE_ENV]
    else:
        os.environ[CACHE_ENV] = before


# How many synthetic articles the fixture corpus holds beside the two hand-written ones:
# enough for every language style and every subset of layers to turn up.
SYNTHETIC = 12


@pytest.fixture
def article_dict() -> dict[str, Any]:
    """A fresh copy of the small valid article."""
    return copy.deepcopy(make_fixtures.valid_article())


@pytest.fixture
def make_corpus(tmp_path: Path) -> MakeCorpus:
    """Write a corpus of the given article dicts into a temporary directory and build it."""

    def make(docs: list[dict[str, Any]], name: str = "corpus") -> Path:
        root = tmp_path / name
        make_fixtures.write_corpus(root, {d["id"]: d for d in docs})
        return root

    return make


def fixture_docs() -> list[dict[str, Any]]:
    """The articles of the fixture corpus: the valid fixture, the nested-mention fixture and
    synthetic articles of every shape."""
    docs = [make_fixtures.valid_article(), make_fixtures.nested_article()]
    return docs + [synthetic.synthetic_article(n) for n in range(SYNTHETIC)]


@pytest.fixture(scope="session")
def fixture_corpus_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("fixture-corpus") / "corpus"
    make_fixtures.write_corpus(root, {d["id"]: d for d in fixture_docs()}, build=False)
    run_build(root)
    return root


@pytest.fixture
def fixture_corpus(fixture_corpus_template: Path, tmp_path: Path) -> Path:
    """A fresh, built copy of the fixture corpus (tables and croissant.json included)."""
    import shutil

    root = tmp_path / "fixture-corpus"
    shutil.copytree(fixture_corpus_template, root)
    return root


@pytest.fixture(scope="session")
def shipped_articles() -> tuple[Article, ...]:
    """Every article of the shipped corpus."""
    return tuple(newsdata.load())
