"""The citation and the rights, each from its one source.

``CITATION.cff`` is where the citation is written; the BibTeX entry of the docs is
made from it at build time. The software's licence is the one ``pyproject.toml``
declares; the texts' rights are what each article's ``rights`` field states. No page
writes either by hand, so they cannot disagree.
"""

from __future__ import annotations

import re
from collections import Counter
from pathlib import Path
from typing import Any

from newsdata_urls import REPOSITORY, Addresses


def read_cff(citation: Path = REPOSITORY / "CITATION.cff") -> dict[str, Any]:
    """``CITATION.cff`` as a dict."""
    import yaml

    loaded: dict[str, Any] = yaml.safe_load(citation.read_text(encoding="utf-8"))
    return loaded


def bibtex(citation: Path = REPOSITORY / "CITATION.cff", found: Addresses | None = None) -> str:
    """A BibTeX entry made from ``CITATION.cff``.

    The key is ``newsdata-VERSION``; a corporate author is braced twice so that BibTeX
    does not split it into first and last names; the version is in ``note`` (which
    classic styles print) and in ``version`` (which biblatex prints); the address only
    when one is known (``url`` in the CFF, else the documentation's or the repository's).

    Examples
    --------
    >>> entry = bibtex()
    >>> entry.splitlines()[:2]
    ['@misc{newsdata-0.1.0,', '  author = {{The newsdata team}},']
    """
    cff = read_cff(citation)
    authors = " and ".join(
        "{" + a["name"] + "}" if "name" in a else f"{a['family-names']}, {a['given-names']}"
        for a in cff.get("authors", [])
    )
    version = str(cff.get("version", ""))
    title = str(cff["title"])
    name, colon, rest = title.partition(":")
    # the project's name keeps its lower case in styles that change a title's case
    title = "{" + name + "}" + colon + rest if colon else "{" + title + "}"
    url = cff.get("url") or cff.get("repository-code")
    if not url and found is not None:
        url = found.documentation or found.repository
    fields = {
        "author": authors,
        "title": title,
        "year": str(cff.get("date-released", ""))[:4],
        "version": version,
        "note": f"Version {version}" if version else "",
        "url": str(url or ""),
    }
    body = ",\n".join(f"  {key} = {{{value}}}" for key, value in fields.items() if value)
    return f"@misc{{newsdata-{version},\n{body}\n}}\n"


def software_licence(pyproject: Path = REPOSITORY / "pyproject.toml") -> str:
    """The SPDX licence of the software, as ``pyproject.toml`` declares it."""
    found = re.search(r'^license\s*=\s*"([^"]+)"', pyproject.read_text("utf-8"), re.M)
    if not found:
        raise ValueError(f'{pyproject}: no `license = "..."` in [project]')
    return found[1]


def rights_summary(articles: list[dict[str, Any]]) -> str:
    """What the articles' ``rights`` fields state, by first sentence, with counts.

    Examples
    --------
    >>> rights_summary([{"rights": "Unknown. No licence."}, {"rights": "CC BY 4.0."}])
    '"Unknown." (1 article), "CC BY 4.0." (1 article)'
    """
    firsts: Counter[str] = Counter(
        re.split(r"(?<=\.)\s", doc["rights"].strip(), maxsplit=1)[0] for doc in articles
    )
    return ", ".join(
        f'"{text}" ({n} article{"" if n == 1 else "s"})' for text, n in firsts.most_common()
    )


def rights_line(articles: list[dict[str, Any]]) -> str:
    """The landing page's one line on licence and rights (MyST)."""
    return (
        f"**Rights.** The software is under the {software_licence()} licence, which does not "
        "cover the texts. Each article's `rights` field states its text's status: "
        f"{rights_summary(articles)}. Redistributing a text may need its rights holder's "
        "permission; see the {doc}`/explanation/datasheet`."
    )
