"""Versions agree everywhere, the changelog names every changed article, builds are reproducible."""

from __future__ import annotations

import hashlib
import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

import newsdata
from newsdata.validate.package import repository_versions

ROOT = Path(__file__).resolve().parents[1]


def test_one_version_everywhere() -> None:
    versions = repository_versions(ROOT)
    versions["datapackage.json"] = newsdata.load().version
    assert set(versions.values()) == {newsdata.__version__}, versions
    schema = json.loads((ROOT / "schemas" / "article.schema.json").read_text("utf-8"))
    assert schema["$id"].endswith(f":v{newsdata.__version__.split('.')[0]}:article")


def _unreleased() -> str:
    changelog = (ROOT / "CHANGELOG.md").read_text("utf-8")
    match = re.search(r"(?ms)^## \[Unreleased\]\n(.*?)(?=^## \[)", changelog)
    assert match, "CHANGELOG.md needs an [Unreleased] section above the releases"
    return match.group(1)


def test_changelog_names_every_article_changed_since_the_last_release() -> None:
    manifests = sorted(
        (ROOT / "releases").glob("*.json"),
        key=lambda p: tuple(int(x) for x in p.stem.split(".")),
    )
    assert manifests, "releases/ holds the manifest of every release"
    last = json.loads(manifests[-1].read_text("utf-8"))["articles"]
    current = {
        r["name"]: r["hash"]
        for r in newsdata.load().metadata["resources"]
        if r["path"].startswith("articles/")
    }
    changed = {i for i in set(last) | set(current) if last.get(i) != current.get(i)}
    unreleased = _unreleased()
    missing = sorted(i for i in changed if i not in unreleased)
    assert not missing, f"name these articles under [Unreleased] in CHANGELOG.md: {missing}"


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
