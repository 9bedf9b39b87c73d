"""The dataset card (``README.md``) as the Hugging Face Hub reads it, computed from the data.

YAML front matter with the Hub's metadata (licence, languages, size category, task,
``configs``: one per layer, pointing at that layer's files, so that
``datasets.load_dataset(DIR, "mentions")`` works, and ``dataset_info``: each config's
features, typed from the table definitions, so that offsets load as integers and a column
with no value as its own type), then a short card: what the corpus is, its layers and how
each was made, its rights and limits, and how to cite it. ``newsdata build`` writes it
beside ``datapackage.json`` (configs on the CSV views); ``newsdata export --format
parquet`` writes one beside the Parquet files.

The licence comes from the descriptor's ``licenses`` only: the card never states one the
descriptor does not.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from typing import Any

from newsdata.datapackage.descriptor import PackageInfo, language_name, slug
from newsdata.datapackage.tables import TABLES, Table

__all__ = [
    "CARD_MARK",
    "card",
    "hub_features",
    "hub_licence",
    "licence",
    "licences",
    "rights",
    "size_category",
    "table_rows",
]

CARD_MARK = "This card is generated from the data by `newsdata build`"
"""A sentence every generated card holds: what tells a card ``build`` wrote from a
hand-written ``README.md``, which ``build`` never removes."""

Evidence = Mapping[str, Mapping[str, int]]
"""Per layer, how many articles annotated it with each method (``manual``, ``none`` ...)."""


# The Hub's licence identifiers (huggingface/hub-docs, docs/hub/repositories-licenses.md)
# for the SPDX ids that name the same licence; most are the SPDX id in lower case.
_HUB_LICENCES: Mapping[str, str] = {
    **{
        spdx: spdx
        for spdx in (
            "apache-2.0", "mit", "afl-3.0", "artistic-2.0", "bsl-1.0", "bsd-2-clause",
            "bsd-3-clause", "bsd-3-clause-clear", "cc0-1.0", "cc-by-2.0", "cc-by-2.5",
            "cc-by-3.0", "cc-by-4.0", "cc-by-sa-3.0", "cc-by-sa-4.0", "cc-by-nc-2.0",
            "cc-by-nc-3.0", "cc-by-nc-4.0", "cc-by-nd-4.0", "cc-by-nc-nd-3.0",
            "cc-by-nc-nd-4.0", "cc-by-nc-sa-2.0", "cc-by-nc-sa-3.0", "cc-by-nc-sa-4.0",
            "cdla-sharing-1.0", "cdla-permissive-1.0", "cdla-permissive-2.0", "wtfpl",
            "ecl-2.0", "epl-1.0", "epl-2.0", "etalab-2.0", "eupl-1.1", "isc", "lppl-1.3c",
            "ms-pl", "mpl-2.0", "osl-3.0", "postgresql", "ofl-1.1", "ncsa", "unlicense",
            "zlib",
        )
    },
    "odc-by-1.0": "odc-by",
    "odbl-1.0": "odbl",
    "pddl-1.0": "pddl",
    **{
        f"{gnu}{suffix}": gnu
        for gnu in ("agpl-3.0", "gpl-2.0", "gpl-3.0", "lgpl-2.1", "lgpl-3.0")
        for suffix in ("", "-only", "-or-later")
    },
}  # fmt: skip


def hub_licence(name: str) -> str | None:
    """The Hub's licence identifier for an SPDX licence id, None when it has none.

    Examples
    --------
    >>> hub_licence("CC-BY-4.0"), hub_licence("ODbL-1.0"), hub_licence("GPL-3.0-or-later")
    ('cc-by-4.0', 'odbl', 'gpl-3.0')
    >>> hub_licence("LicenseRef-ours") is None
    True
    """
    return _HUB_LICENCES.get(name.strip().lower())


_NAMING = ("name", "path", "title")
"""The keys of a Frictionless licence, one of which it must have."""


def _declared(descriptor: PackageInfo | Mapping[str, Any]) -> list[Mapping[str, Any]]:
    """The descriptor's ``licenses`` entries that name a licence (a name, path or title)."""
    found = descriptor.get("licenses")
    entries = found if isinstance(found, list) else []
    return [
        entry
        for entry in entries
        if isinstance(entry, Mapping)
        and any(isinstance(entry.get(k), str) and entry[k].strip() for k in _NAMING)
    ]


def _name(entry: Mapping[str, Any]) -> str:
    name = entry.get("name")
    return name.strip() if isinstance(name, str) else ""


def licences(descriptor: PackageInfo | Mapping[str, Any]) -> list[str]:
    """The Hub's licence identifiers of the descriptor's ``licenses``: each known SPDX
    id mapped (:func:`hub_licence`), ``other`` for any other licence, ``["unknown"]``
    when the descriptor declares none.

    Examples
    --------
    >>> licences({}), licences({"licenses": [{"name": "CC-BY-4.0"}, {"name": "ODbL-1.0"}]})
    (['unknown'], ['cc-by-4.0', 'odbl'])
    >>> licences({"licenses": [{"path": "LICENSE.txt", "title": "Our terms"}]})
    ['other']
    """
    found = [hub_licence(_name(entry)) or "other" for entry in _declared(descriptor)]
    return list(dict.fromkeys(found)) or ["unknown"]


def licence(descriptor: PackageInfo | Mapping[str, Any]) -> str:
    """The Hub's ``license`` for the card when the descriptor declares one licence (its
    identifier, :func:`licences`), ``unknown`` for none; ``other`` for several (the
    card lists them all).

    Examples
    --------
    >>> licence({}), licence({"licenses": [{"name": "CC-BY-4.0"}]})
    ('unknown', 'cc-by-4.0')
    """
    found = licences(descriptor)
    return found[0] if len(found) == 1 else "other"


def _licence_yaml(descriptor: PackageInfo | Mapping[str, Any]) -> list[str]:
    """The front matter's licence keys: ``license``, and for a licence the Hub does not
    list, the ``license_name`` and ``license_link`` it asks for."""
    found = licences(descriptor)
    lines = [f"license: {_yaml(found[0])}"]
    if len(found) > 1:
        lines = ["license:", *[f"- {_yaml(hub_id)}" for hub_id in found]]
    others = [e for e in _declared(descriptor) if hub_licence(_name(e)) is None]
    if len(others) == 1:
        named = _name(others[0]) or str(others[0].get("title") or "")
        if named.strip():
            lines.append(f"license_name: {_yaml(slug(named))}")
        link = others[0].get("path")
        if isinstance(link, str) and link.strip():
            lines.append(f"license_link: {_yaml(link.strip())}")
    return lines


def rights(descriptor: PackageInfo | Mapping[str, Any]) -> str:
    """The card's sentence on licence and rights, from the descriptor's ``licenses``.

    Examples
    --------
    >>> rights({}).startswith("The data package declares no licence")
    True
    >>> rights({"licenses": [{"name": "CC-BY-4.0", "title": "CC BY 4.0"}]})[:58]
    'The data package is licensed as its descriptor says: CC BY'
    """
    declared = _declared(descriptor)
    if not declared:
        return (
            "The data package declares no licence (no `licenses` in `datapackage.json`): "
            "the licence of the texts is unknown unless an article's `rights` field says "
            "otherwise, and redistribution may need the rights holders' permission."
        )
    shown = []
    for entry in declared:
        name, title, path = _name(entry), entry.get("title"), entry.get("path")
        label = title.strip() if isinstance(title, str) and title.strip() else name or path
        details = [f"`{name}`"] if name and name != label else []
        if isinstance(path, str) and path.strip() and path != label:
            details.append(path.strip())
        shown.append(f"{label} ({', '.join(details)})" if details else str(label))
    return (
        f"The data package is licensed as its descriptor says: {'; '.join(shown)}. Each "
        "article's `rights` field states what is known of the rights in its text."
    )


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


_HUB_DTYPES = {"string": "string", "integer": "int64", "boolean": "bool", "duration": "string"}
"""The ``datasets`` dtype of each Table Schema type but ``date`` (see :func:`hub_features`)."""


def hub_features(table: Table, *, dates: str = "string") -> list[dict[str, str]]:
    """The Hub's ``features`` of a table's config: each column's name and ``datasets``
    dtype, from its definition (an integer column is ``int64`` even with missing
    values; a column with no value at all keeps its type).

    ``dates`` is the dtype of date columns: ``string`` (ISO 8601, as written) for the
    CSV views, where ``datasets`` cannot read a date column holding no date as
    ``date32``; ``date32`` for Parquet files, which store dates as such.

    Examples
    --------
    >>> from newsdata.datapackage.tables import TABLES
    >>> [f["dtype"] for f in hub_features(TABLES[5])]
    ['string', 'string', 'int64', 'int64', 'string']
    >>> hub_features(TABLES[0], dates="date32")[3]
    {'name': 'published', 'dtype': 'date32'}
    """
    return [
        {"name": c.name, "dtype": dates if c.type == "date" else _HUB_DTYPES[c.type]}
        for c in table.columns
    ]


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
    named = ", ".join(f"{language_name(t)} (`{t}`)" for t in sorted(set(languages)))
    version = descriptor.get("version")
    front = [
        "---",
        f"pretty_name: {_yaml(title)}",
        *_licence_yaml(descriptor),
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
    tables = {t.name: t for t in TABLES}
    typed = [name for name in data_files if name in tables]
    if typed:
        front.append("dataset_info:")
    for name in typed:
        dates = "date32" if data_files[name].endswith(".parquet") else "string"
        front += [f"- config_name: {_yaml(name)}", "  features:"]
        for feature in hub_features(tables[name], dates=dates):
            front += [f"  - name: {_yaml(feature['name'])}", f"    dtype: {feature['dtype']}"]
    front.append("---")
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
        f"{named or 'no language'}. "
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
        f"{rights(descriptor)} The corpus is a collection grown article by article, not a "
        "sample: no statistical claim about news at large can be made from it.",
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
