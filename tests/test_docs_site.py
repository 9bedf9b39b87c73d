"""The docs site's sources of truth: addresses, licence and rights, citation.

These run without building the site (tests/test_docs.py builds it once and checks the
HTML).
"""

from __future__ import annotations

import json
import re
import sys
from pathlib import Path
from types import SimpleNamespace
from typing import Any

import pytest
import yaml

ROOT = Path(__file__).resolve().parents[1]
DOCS = ROOT / "docs"
sys.path.insert(0, str(DOCS / "_ext"))

from newsdata_catalog import articles_of  # noqa: E402
from newsdata_citation import bibtex, read_cff, rights_summary, software_licence  # noqa: E402
from newsdata_glance import card_licence  # noqa: E402
from newsdata_urls import Addresses, addresses, configure, declared_urls, links_line  # noqa: E402

GITHUB = {
    "GITHUB_SERVER_URL": "https://github.com",
    "GITHUB_REPOSITORY": "someone/newsdata",
    "GITHUB_REF_NAME": "main",
    "GITHUB_REF_TYPE": "branch",
}
READTHEDOCS = {
    "READTHEDOCS_CANONICAL_URL": "https://newsdata.example.org/en/latest/",
    "READTHEDOCS_GIT_CLONE_URL": "https://github.com/someone/newsdata.git",
    "READTHEDOCS_VERSION_TYPE": "branch",
    "READTHEDOCS_GIT_IDENTIFIER": "main",
}


def _config() -> Any:
    return SimpleNamespace(html_baseurl="", html_theme_options={})


# ------------------------------------------------------------------- addresses
def test_no_address_is_declared_yet_so_none_is_shown_without_a_host() -> None:
    """``[project.urls]`` is empty until the maintainers fill it; nothing is made up."""
    assert declared_urls() == {}
    found = addresses({})
    assert found == Addresses()
    config = _config()
    configure(config, found)
    assert config.html_baseurl == "" and config.html_theme_options == {}
    assert links_line(found) == ""
    assert "url = " not in bibtex(found=found)


def test_github_actions_states_the_repository() -> None:
    found = addresses(GITHUB)
    assert found.repository == "https://github.com/someone/newsdata"
    assert found.issues == "https://github.com/someone/newsdata/issues"
    assert found.documentation is None  # GitHub does not say where the docs live
    config = _config()
    configure(config, found)
    assert config.html_baseurl == ""
    assert config.html_theme_options["source_edit_link"] == (
        "https://github.com/someone/newsdata/edit/main/docs/{filename}"
    )
    assert config.html_theme_options["footer_icons"][0]["url"] == found.repository
    assert "(https://github.com/someone/newsdata)" in links_line(found)


def test_a_tag_build_has_no_edit_link() -> None:
    found = addresses({**GITHUB, "GITHUB_REF_TYPE": "tag", "GITHUB_REF_NAME": "v0.1.0"})
    assert found.repository and found.edit_link() is None


def test_read_the_docs_states_the_documentation_and_the_repository() -> None:
    found = addresses(READTHEDOCS)
    assert found.documentation == "https://newsdata.example.org/en/latest"
    assert found.repository == "https://github.com/someone/newsdata"
    config = _config()
    configure(config, found)
    assert config.html_baseurl == "https://newsdata.example.org/en/latest/"
    assert "url = {https://newsdata.example.org/en/latest}" in bibtex(found=found)


def test_an_ssh_clone_address_gives_no_link() -> None:
    found = addresses({"READTHEDOCS_GIT_CLONE_URL": "git@github.com:someone/newsdata.git"})
    assert found.repository is None and found.issues is None


def test_declared_urls_win_over_the_environment(tmp_path: Path) -> None:
    pyproject = tmp_path / "pyproject.toml"
    pyproject.write_text(
        '[project]\nname = "x"\n[project.urls]\n'
        'Documentation = "https://docs.example.org/"\nRepository = "https://example.org/r"\n',
        "utf-8",
    )
    found = addresses(READTHEDOCS, pyproject)
    assert found.documentation == "https://docs.example.org"
    assert found.repository == "https://example.org/r"
    assert found.edit_link() is None  # not a forge whose edit address is known


def test_the_docs_name_no_address_of_the_project_nobody_configured() -> None:
    """External standards are linked with attribution; the project's own addresses
    (repository, docs host, package index page) come only from the build environment."""
    own = re.compile(
        r"https?://(?:[\w.-]*github\.com/[\w.-]+/newsdata|[\w.-]*readthedocs\.(?:io|org)"
        r"|pypi\.org/project/newsdata|[\w.-]*newsdata[\w.-]*\.(?:org|io|com|net))",
        re.I,
    )
    sources = [ROOT / "CITATION.cff", ROOT / "README.md", ROOT / "pyproject.toml"]
    sources += [
        p
        for p in DOCS.rglob("*")
        if p.is_file() and "_build" not in p.parts and p.suffix in {".md", ".py", ".css", ".txt"}
    ]
    for source in sources:
        found = own.findall(source.read_text("utf-8"))
        assert not found, f"{source.relative_to(ROOT)}: {found}"


# ---------------------------------------------------------- licence and rights
def test_the_licence_of_the_code_and_the_rights_of_the_texts_agree_everywhere() -> None:
    """The code's licence is pyproject's; the texts' rights are what each article's
    `rights` field says; no place gives the corpus the code's licence."""
    code = software_licence()
    assert code == "MIT"
    articles = articles_of()
    unknown = [doc["id"] for doc in articles if doc["rights"].lower().startswith("unknown")]
    cff = read_cff()
    # CITATION.cff describes the corpus: no licence key (CFF takes SPDX ids only), and
    # the software's licence in its own reference entry
    assert cff["type"] == "dataset" and "license" not in cff
    software = [r for r in cff.get("references", []) if r["type"] == "software"]
    assert [r.get("license") for r in software] == [code]
    assert "covers the software only" in " ".join(cff["abstract"].split())
    descriptor = json.loads((ROOT / "dataset" / "datapackage.json").read_text("utf-8"))
    licences = [entry.get("name") for entry in descriptor.get("licenses", [])]
    assert code not in licences and code.lower() not in [str(x).lower() for x in licences]
    card = card_licence()
    assert str(card).lower() != code.lower()
    if unknown:  # the card, the descriptor and the datasheet say the texts' rights are unknown
        assert card == "unknown"
        assert "licence of the article texts is unknown" in descriptor["description"]
    datasheet = " ".join((DOCS / "explanation" / "datasheet.md").read_text("utf-8").split())
    assert (
        f"The package's code is under the {code} licence; that licence does not cover the texts"
        in (datasheet)
    )
    summary = rights_summary(articles)
    assert all(f'"{doc["rights"].split(". ")[0]}' in summary for doc in articles)


# ------------------------------------------------------------------- citation
def test_the_bibtex_entry_is_made_from_citation_cff() -> None:
    cff = read_cff()
    entry = bibtex()
    version = str(cff["version"])
    assert entry.startswith(f"@misc{{newsdata-{version},\n")
    # a corporate author in double braces: BibTeX does not split it into names
    assert "  author = {{The newsdata team}}," in entry
    assert f"  note = {{Version {version}}}" in entry and f"  version = {{{version}}}," in entry
    assert f"  year = {{{str(cff['date-released'])[:4]}}}," in entry
    assert "{newsdata}: a versioned, schema-validated corpus" in entry
    fields = dict(re.findall(r"^  (\w+) = \{(.*)\},?$", entry, re.M))
    assert set(fields) == {"author", "title", "year", "version", "note"}  # no URL: none known


def test_the_citation_carries_the_package_version() -> None:
    import newsdata

    cff = read_cff()
    assert str(cff["version"]) == newsdata.__version__
    software = next(r for r in cff["references"] if r["type"] == "software")
    assert str(software["version"]) == newsdata.__version__


def test_citation_cff_keeps_to_the_cff_keys() -> None:
    """The keys CFF 1.2.0 defines (a misspelt key is silently ignored by GitHub)."""
    known = {
        "abstract", "authors", "cff-version", "commit", "contact", "date-released", "doi",
        "identifiers", "keywords", "license", "license-url", "message", "preferred-citation",
        "references", "repository", "repository-artifact", "repository-code", "title", "type",
        "url", "version",
    }  # fmt: skip
    cff = yaml.safe_load((ROOT / "CITATION.cff").read_text("utf-8"))
    assert set(cff) <= known
    assert {"authors", "cff-version", "message", "title"} <= set(cff)
    for reference in cff.get("references", []):
        assert {"authors", "title", "type"} <= set(reference)


@pytest.mark.parametrize(
    ("tag", "name"), [("de", "German"), ("en-GB", "English (United Kingdom)"), ("x-y", "x-y")]
)
def test_languages_are_named(tag: str, name: str) -> None:
    from newsdata_catalog import language_name

    assert language_name(tag) == name


@pytest.mark.parametrize(
    "module",
    ["newsdata_catalog", "newsdata_citation", "newsdata_objects", "newsdata_urls"],
)
def test_the_docs_extensions_examples_run(module: str) -> None:
    """docs/_ext is outside pytest's doctest paths: its examples are run here."""
    import doctest
    import importlib

    results = doctest.testmod(importlib.import_module(module))
    assert results.attempted and not results.failed
