"""`newsdata build`: deterministic, atomic, and stale detection."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from newsdata.build import build_descriptor, run_build


def test_shipped_descriptor_is_up_to_date() -> None:
    assert run_build(check=True).fresh


def test_build_is_deterministic(make_corpus: Any, article_dict: dict[str, Any]) -> None:
    root = make_corpus([article_dict])
    (root / "datapackage.json").unlink()
    assert run_build(root).fresh is False
    first = (root / "datapackage.json").read_bytes()
    assert run_build(root).fresh is True
    assert (root / "datapackage.json").read_bytes() == first
    assert not [p for p in root.iterdir() if p.name.endswith(".tmp")]


def test_check_reports_stale_without_writing(
    make_corpus: Any, article_dict: dict[str, Any]
) -> None:
    root = make_corpus([article_dict])
    path = root / "articles" / "fixture-article.json"
    path.write_bytes(path.read_bytes() + b"\n")
    before = (root / "datapackage.json").read_bytes()
    assert run_build(root, check=True).fresh is False
    assert (root / "datapackage.json").read_bytes() == before


def test_descriptor_keeps_metadata_and_counts(
    make_corpus: Any, article_dict: dict[str, Any]
) -> None:
    root = make_corpus([article_dict])
    descriptor = json.loads((root / "datapackage.json").read_text("utf-8"))
    descriptor["title"] = "My corpus"
    rebuilt = build_descriptor(Path(root), descriptor)
    assert rebuilt["title"] == "My corpus"
    assert rebuilt["resources"][0]["path"] == "articles/fixture-article.json"
    assert rebuilt["newsdata"]["counts"]["layers"]["mentions"] == 5


def test_frictionless_accepts_the_shipped_descriptor() -> None:
    import frictionless

    from newsdata.layout import dataset_dir

    report = frictionless.validate(str(dataset_dir() / "datapackage.json"))
    assert report.valid, report.flatten(["type", "message"])
