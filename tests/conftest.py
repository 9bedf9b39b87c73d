"""Shared fixtures: the shipped corpus, the small valid article, temporary corpora."""

from __future__ import annotations

import copy
import json
import sys
from pathlib import Path
from typing import Any

import pytest

FIXTURES = Path(__file__).parent / "fixtures"
sys.path.insert(0, str(FIXTURES))

import make_fixtures  # noqa: E402


@pytest.fixture
def article_dict() -> dict[str, Any]:
    """A fresh copy of the small valid article."""
    return copy.deepcopy(make_fixtures.valid_article())


@pytest.fixture(scope="session")
def seed_dict() -> dict[str, Any]:
    """The shipped seed article, as parsed JSON."""
    from newsdata._paths import dataset_dir

    files = sorted((dataset_dir() / "articles").glob("*.json"))
    loaded: dict[str, Any] = json.loads(files[0].read_text(encoding="utf-8"))
    return loaded


@pytest.fixture
def make_corpus(tmp_path: Path) -> Any:
    """Write a corpus of the given article dicts into a temporary directory and build it."""

    def make(docs: list[dict[str, Any]], name: str = "corpus") -> Path:
        root = tmp_path / name
        make_fixtures.write_corpus(root, {d["id"]: d for d in docs})
        return root

    return make
