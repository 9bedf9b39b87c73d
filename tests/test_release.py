"""Versions agree everywhere, the changelog names every changed article, builds are reproducible."""

from __future__ import annotations

import hashlib
import importlib.util
import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

import newsdata
from newsdata.changelog import missing
from newsdata.datapackage.descriptor import is_article_resource

ROOT = Path(__file__).resolve().parents[1]


def _release_script() -> Any:
    spec = importlib.util.spec_from_file_location("release", ROOT / "scripts" / "release.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_one_version_everywhere() -> None:
    release = _release_script()
    versions = release.repository_versions(ROOT)
    assert set(versions.values()) == {newsdata.__version__}, versions
    assert release.version_disagreement(ROOT) is None
    schema = json.loads((ROOT / "schemas" / "article.schema.json").read_text("utf-8"))
    assert schema["$id"].endswith(f":v{newsdata.__version__.split('.')[0]}:article")


def test_changelog_names_every_article_changed_since_the_last_release() -> None:
    manifests = sorted(
        (ROOT / "releases").glob("*.json"),
        key=lambda p: tuple(int(x) for x in p.stem.split(".")),
    )
    assert manifests, "releases/ holds the manifest of every release"
    released = json.loads(manifests[-1].read_text("utf-8"))["articles"]
    corpus = newsdata.load()
    resources = corpus.descriptor["resources"]
    current = {r["name"]: r["hash"] for r in resources if is_article_resource(r)}
    found = missing((ROOT / "CHANGELOG.md").read_text("utf-8"), released, current)
    titles = {a.id: a.title for a in corpus}
    assert not found, found.message(titles)


@pytest.mark.slow
def test_builds_are_reproducible(tmp_path: Path) -> None:
    epoch = "1764300000"
    digests = []
    for n in (1, 2):
        out = tmp_path / str(n)
        subprocess.run(
            [sys.executable, "-m", "build", "--outdir", str(out), str(ROOT)],
            check=True,
            capture_output=True,
            env={**os.environ, "SOURCE_DATE_EPOCH": epoch},
        )
        digests.append(
            {p.name: hashlib.sha256(p.read_bytes()).hexdigest() for p in sorted(out.iterdir())}
        )
    assert len(digests[0]) == 2
    assert digests[0] == digests[1]


def test_a_version_disagreement_is_named(tmp_path: Path) -> None:
    import shutil

    release = _release_script()
    for name in ("pyproject.toml", "CHANGELOG.md", "CITATION.cff"):
        shutil.copy(ROOT / name, tmp_path / name)
    (tmp_path / "dataset").mkdir()
    shutil.copy(ROOT / "dataset" / "datapackage.json", tmp_path / "dataset")
    pyproject = tmp_path / "pyproject.toml"
    text = pyproject.read_text("utf-8")
    pyproject.write_text(
        text.replace(f'version = "{newsdata.__version__}"', 'version = "9.9.9"', 1)
    )
    message = release.version_disagreement(tmp_path)
    assert message is not None and "pyproject.toml 9.9.9" in message


def test_the_release_manifest_uses_no_deprecated_name() -> None:
    """The release script reads the descriptor by its name (no DeprecationWarning) and
    lists the articles by the one rule for an article resource."""
    import warnings

    with warnings.catch_warnings():
        warnings.simplefilter("error", DeprecationWarning)
        manifest = _release_script().manifest()
    descriptor = newsdata.load().descriptor
    assert manifest["articles"] == {
        r["name"]: r["hash"] for r in descriptor["resources"] if is_article_resource(r)
    }
