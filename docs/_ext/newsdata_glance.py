"""The landing page's "at a glance" box and the dataset card page, generated at build time.

Like a dataset catalog's entry: versions with their notes (from the changelog and the
release manifests), sizes (from the files), and a feature/type/description table made
from the schema, so that none of it can drift from the data.
"""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

from newsdata_urls import REPOSITORY, Addresses

from newsdata.layout import CorpusLayout, dataset_dir


def released_versions(changelog: Path = REPOSITORY / "CHANGELOG.md") -> list[dict[str, str]]:
    """Each released version, newest first: version, date and its notes in a few words.

    The notes count the changelog's entries of the version, by kind (Added, Changed …);
    articles are counted in the version's release manifest (``releases/VERSION.json``).
    """
    text = changelog.read_text(encoding="utf-8")
    heads = list(re.finditer(r"^## \[(\d+\.\d+\.\d+)\] - (\d{4}-\d{2}-\d{2})$", text, re.M))
    versions = []
    for i, head in enumerate(heads):
        end = heads[i + 1].start() if i + 1 < len(heads) else len(text)
        body = text[head.end() : end]
        kinds = [
            f"{len(re.findall(r'^- ', part, re.M))} {kind.lower()}"
            for kind, part in re.findall(r"^### (\w+)\n(.*?)(?=^### |\Z)", body, re.M | re.S)
        ]
        manifest = REPOSITORY / "releases" / f"{head[1]}.json"
        articles = ""
        if manifest.is_file():
            n = len(json.loads(manifest.read_text(encoding="utf-8"))["articles"])
            articles = f"{n} article{'' if n == 1 else 's'}"
        notes = "; ".join(
            x for x in (articles, ", ".join(kinds) + " entries" if kinds else "") if x
        )
        versions.append({"version": head[1], "date": head[2], "notes": notes})
    return versions


def _size(n: int) -> str:
    return f"{n / 1024:,.0f} KiB" if n >= 1024 else f"{n} bytes"


def sizes(dataset: Path | None = None) -> str:
    """The corpus's files and their sizes on disk, in words."""
    layout = CorpusLayout(dataset or dataset_dir())
    articles = layout.article_files()
    json_bytes = sum(f.stat().st_size for f in articles)
    tables = sorted((layout.root / "tables").glob("*.csv"))
    parts = [f"{len(articles)} JSON article file(s), {_size(json_bytes)}"]
    if tables:
        csv_bytes = sum(f.stat().st_size for f in tables)
        parts.append(f"{len(tables)} CSV tables, {_size(csv_bytes)}")
    return "; ".join(parts)


def _first_sentence(text: str) -> str:
    return re.split(r"(?<=\.)\s", " ".join(text.split()), maxsplit=1)[0]


def feature_table(rows: list[dict[str, str]]) -> list[str]:
    """The top-level fields of an article as a Markdown table: feature, type, description."""
    lines = ["| feature | type | description |", "|---|---|---|"]
    for row in rows:
        if row["owner"] != "Article":
            continue
        kind = row["type"] + (
            f" of {row['object']}" if row["object"] and "array" in row["type"] else ""
        )
        kind = kind.replace("array of object of", "array of")
        description = _first_sentence(row["description"]).replace("|", "\\|")
        lines.append(f"| {{field}}`{row['path']}` | {kind} | {description} |")
    return lines


def write_glance(
    target: Path,
    facts: dict[str, str],
    rows: list[dict[str, str]],
    found: Addresses,
    release: str,
) -> None:
    """The "at a glance" box of the landing page (a MyST fragment it includes)."""
    versions = released_versions()
    shown = [
        f"{v['version']} ({v['date']}){': ' + v['notes'] if v['notes'] else ''}" for v in versions
    ]
    lines = ["````{admonition} At a glance", ":class: nd-glance", ""]
    if found.documentation:
        lines += ["Homepage", f": <{found.documentation}>", ""]
    if found.repository:
        lines += ["Source code", f": <{found.repository}>", ""]
    lines += [
        "Install",
        ": `pip install newsdata` (the corpus is inside the package; no download)",
        "",
        "Version",
        f": {release}; released: {', '.join(shown) or 'none yet'} ({{doc}}`changelog`)",
        "",
        "Languages",
        f": {facts['language_names']}",
        "",
        "Size",
        f": {facts['articles']}, {facts['code_points']} code points of text; "
        f"{facts['mentions']} mentions, {facts['quotes']} quotations, "
        f"{facts['timexes']} temporal expressions; on disk: {sizes()}",
        "",
        "Rights",
        f": {facts['rights_short']}",
        "",
        "Features",
        ": One JSON document per article; the top-level fields below, every nested field in "
        "the {doc}`reference/fields`.",
        "",
        *feature_table(rows),
        "````",
        "",
    ]
    target.write_text("\n".join(lines), encoding="utf-8")


def _front_matter(text: str) -> tuple[str, str]:
    if text.startswith("---\n"):
        end = text.index("\n---\n", 4)
        return text[4:end], text[end + 5 :]
    return "", text


def write_card(target: Path, dataset: Path | None = None) -> None:
    """The dataset card (``dataset/README.md``, written by ``newsdata build``) as a page."""
    card = (dataset or dataset_dir()) / "README.md"
    yaml_part, body = _front_matter(card.read_text(encoding="utf-8"))
    title, _, rest = body.lstrip().partition("\n")
    lines = [
        "# Dataset card",
        "",
        "The card of the corpus as it ships (`dataset/README.md`, written by `newsdata "
        "build` and read by the Hugging Face Hub), shown here as written.",
        "",
        f"## {title.lstrip('# ').strip()}",
        "",
        # the card's own headings move one level down, under this page's title
        re.sub(r"^(#+) ", r"\1# ", rest.strip(), flags=re.M),
        "",
    ]
    if yaml_part:
        lines += ["## The card's metadata", "", "```yaml", yaml_part.rstrip(), "```", ""]
    target.write_text("\n".join(lines), encoding="utf-8")


def card_licence(dataset: Path | None = None) -> Any:
    """The ``license`` the card's YAML states."""
    import yaml

    card = (dataset or dataset_dir()) / "README.md"
    meta, _ = _front_matter(card.read_text(encoding="utf-8"))
    return (yaml.safe_load(meta) or {}).get("license")
