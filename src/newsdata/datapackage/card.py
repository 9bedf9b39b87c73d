"""The dataset card (``README.md``) as the Hugging Face Hub reads it, computed from the data.

YAML front matter with the Hub's metadata (licence, languages, size category, task, and
``configs``: one per layer, pointing at that layer's files, so that
``datasets.load_dataset(DIR, "mentions")`` works), then a short card: what the corpus is,
its layers and how each was made, its limits, and how to cite it. ``newsdata build``
writes it beside ``datapackage.json`` (configs on the CSV views); ``newsdata export
--format parquet`` writes one beside the Parquet files.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from typing import Any

from newsdata.datapackage.descriptor import PackageInfo
from newsdata.datapackage.tables import TABLES, Table

__all__ = ["CARD_MARK", "card", "licence", "size_category", "table_rows"]

CARD_MARK = "This card is generated from the data by `newsdata build`"
"""A sentence every generated card holds: what tells a card ``build`` wrote from a
hand-written ``README.md``, which ``build`` never removes."""

Evidence = Mapping[str, Mapping[str, int]]
"""Per layer, how many articles annotated it with each method (``manual``, ``none`` ...)."""


def licence(descriptor: PackageInfo | Mapping[str, Any]) -> str:
    """The Hub's ``license`` for the card: the descriptor's one licence, by its name in
    lower case (``CC-BY-4.0`` → ``cc-by-4.0``), else ``unknown`` (none, or several).

    Examples
    --------
    >>> licence({}), licence({"licenses": [{"name": "CC-BY-4.0"}]})
    ('unknown', 'cc-by-4.0')
    """
    licences = descriptor.get("licenses")
    if isinstance(licences, list) and len(licences) == 1 and isinstance(licences[0], dict):
        name = licences[0].get("name")
        if isinstance(name, str) and name.strip():
            return name.strip().lower()
    return "unknown"


def table_rows(table: Table, counts: Mapping[str, Any]) -> int:
    """How many rows ``table`` has, from the corpus's counts (:class:`newsdata.stats.Tally`).

    Examples
    --------
    >>> from newsdata.datapackage.tables import TABLES
    >>> counts = {"articles": 2, "layers": {"quotes": 5}, "verbatim_parts": 7}
    >>> [table_rows(t, counts) for t in TABLES if t.name in ("articles", "quotes", "verbatim")]
    [2, 5, 7]
    """
    if table.layer is None:
        return int(counts.get("articles", 0))
    if table.within == "verbatim":
        return int(counts.get("verbatim_parts", 0))
    return int(counts.get("layers", {}).get(table.layer, 0))


def size_category(n: int) -> str:
    """The Hub's size category for ``n`` examples.

    Examples
    --------
    >>> size_category(1), size_category(1000), size_category(12_345)
    ('n<1K', '1K<n<10K', '10K<n<100K')
    """
    bounds = [(1_000, "n<1K"), (10_000, "1K<n<10K"), (100_000, "10K<n<100K")]
    bounds += [(1_000_000, "100K<n<1M"), (10_000_000, "1M<n<10M")]
    for bound, name in bounds:
        if n < bound:
            return name
    return "n>1M" if n < 10_000_000 else "10M<n<100M"


def _yaml(value: Any) -> str:
    # JSON strings are valid YAML scalars and need no quoting rules of their own
    return json.dumps(value, ensure_ascii=False)


def card(descriptor: PackageInfo | Mapping[str, Any], data_files: Mapping[str, str]) -> str:
    """The ``README.md`` of a corpus directory or export.

    Parameters
    ----------
    descriptor
        The corpus's data package descriptor: its properties, and its counts
        (:class:`newsdata.stats.Tally`), languages and annotation methods included.
    data_files
        Per table (``articles``, ``mentions`` ...), the file the config reads; the
        layer table lists these tables, described by :data:`TABLES`.

    Examples
    --------
    >>> text = card(PackageInfo({"title": "Demo"}, counts={"articles": 3}), {"topics": "t.csv"})
    >>> "| `topics` | 0 | IPTC Media Topics subject codes. | — |" in text
    True
    """
    if not isinstance(descriptor, PackageInfo):
        descriptor = PackageInfo.from_json(descriptor)
    counts = descriptor.counts or {}
    languages = list(counts.get("languages", {}))
    evidence: Evidence = counts.get("annotation_methods", {})
    n = int(counts.get("articles", 0))
    primary = sorted({tag.split("-")[0].lower() for tag in languages})
    title = str(descriptor.get("title") or descriptor.get("name") or "newsdata corpus")
    version = descriptor.get("version")
    front = [
        "---",
        f"pretty_name: {_yaml(title)}",
        f"license: {_yaml(licence(descriptor))}",
        "language:",
        *[f"- {_yaml(tag)}" for tag in primary],
        f"multilinguality: {_yaml('monolingual' if len(primary) <= 1 else 'multilingual')}",
        "size_categories:",
        f"- {_yaml(size_category(n))}",
        "task_categories:",
        "- token-classification",
        "task_ids:",
        "- named-entity-recognition",
        "tags:",
        *[f"- {_yaml(t)}" for t in ("news", "stand-off annotation", "quotations", "TIMEX3")],
        "configs:",
    ]
    for i, (name, path) in enumerate(data_files.items()):
        front += [f"- config_name: {_yaml(name)}", "  data_files:"]
        front += ["  - split: train", f"    path: {_yaml(path)}"]
        if i == 0:
            front.append("  default: true")
    front.append("---")
    tables = {t.name: t for t in TABLES}
    layer_rows = [
        f"| `{name}` | {table_rows(tables[name], counts):,} | {tables[name].description} "
        f"| {_methods(evidence.get(tables[name].layer or 'articles', {}))} |"
        for name in data_files
    ]
    body = [
        "",
        f"# {title}",
        "",
        str(descriptor.get("description") or ""),
        "",
        f"Version {version or 'unknown'}: {n:,} article(s) in "
        f"{', '.join(f'`{t}`' for t in sorted(set(languages))) or 'no language'}. "
        f"{CARD_MARK}; the full documentation "
        "(field reference, annotation guidelines, datasheet) ships with the `newsdata` "
        "package's source.",
        "",
        "## Layers",
        "",
        "Each configuration is one layer as a table with an `article_id` column; offsets "
        "count Unicode code points in the article's `text`.",
        "",
        "| config | rows | what it holds | how it was made (articles) |",
        "|---|---|---|---|",
        *layer_rows,
        "",
        "```python",
        "import datasets",
        'mentions = datasets.load_dataset("<this directory>", "mentions", split="train")',
        "```",
        "",
        "## Limitations and rights",
        "",
        "The licence of the texts is unknown unless an article's `rights` field says "
        "otherwise: redistribution may need the rights holders' permission. The corpus is a "
        "collection grown article by article, not a sample: no statistical claim about news "
        "at large can be made from it.",
        "",
        "## Citation",
        "",
        f"Cite it as: newsdata, version {version or 'unknown'}, with the version you used "
        "(`newsdata.__version__`); `CITATION.cff` in the package's source has the details.",
        "",
    ]
    return "\n".join(front + body)


def _methods(methods: Mapping[str, int]) -> str:
    shown = [f"{method} {count:,}" for method, count in sorted(methods.items()) if count]
    return ", ".join(shown) or "—"
