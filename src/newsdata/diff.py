"""`newsdata diff`: what changed between two corpora, article by article and layer by layer."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import orjson

from newsdata.layout import ARTICLES_DIR, CorpusLayout
from newsdata.layout import article_id as id_of
from newsdata.loader import CorpusError
from newsdata.models import LAYERS

__all__ = ["LAYERS", "diff_corpora", "render_json", "render_text"]


def _files(root: Path) -> dict[str, Path]:
    layout = CorpusLayout(root)
    if not layout.articles_dir.is_dir():
        raise CorpusError(f"{root}: no {ARTICLES_DIR}/ directory; not a corpus")
    return {id_of(file.name): file for file in layout.article_files()}


def _key(layer: str, item: dict[str, Any]) -> str:
    if layer == "topics":
        return f"{item.get('scheme')}|{item.get('code')}"
    return str(item.get("id"))


def _compare_layer(layer: str, old: list[Any], new: list[Any]) -> dict[str, list[str]]:
    before = {_key(layer, item): item for item in old}
    after = {_key(layer, item): item for item in new}
    return {
        "added": [k for k in after if k not in before],
        "removed": [k for k in before if k not in after],
        "changed": [k for k in after if k in before and before[k] != after[k]],
    }


def _compare_article(old: dict[str, Any], new: dict[str, Any]) -> dict[str, Any]:
    fields = sorted(k for k in set(old) | set(new) if k not in LAYERS and old.get(k) != new.get(k))
    layers = {}
    for layer in LAYERS:
        change = _compare_layer(layer, old.get(layer) or [], new.get(layer) or [])
        if any(change.values()):
            layers[layer] = change
    return {"fields": fields, "layers": layers}


def diff_corpora(old: Path, new: Path) -> dict[str, Any]:
    """Compare two corpus directories.

    Returns a dict with the article ids ``added``, ``removed`` and, under
    ``changed``, for every changed article the metadata ``fields`` that differ and,
    per layer, the item ids added, removed and changed (topics are keyed by
    ``scheme|code``).

    Examples
    --------
    >>> from newsdata.layout import dataset_dir
    >>> diff_corpora(dataset_dir(), dataset_dir())
    {'added': [], 'removed': [], 'changed': {}}
    """
    before, after = _files(old), _files(new)
    changed: dict[str, Any] = {}
    for article_id in sorted(set(before) & set(after)):
        a, b = before[article_id].read_bytes(), after[article_id].read_bytes()
        if a == b:
            continue
        try:
            change = _compare_article(orjson.loads(a), orjson.loads(b))
        except orjson.JSONDecodeError as exc:
            raise CorpusError(f"{article_id}: not valid JSON ({exc}); validate it first") from None
        if change["fields"] or change["layers"]:
            changed[article_id] = change
    return {
        "added": sorted(set(after) - set(before)),
        "removed": sorted(set(before) - set(after)),
        "changed": changed,
    }


def render_text(result: dict[str, Any]) -> str:
    """The diff as indented lines, for people."""
    lines = [f"+ {a}" for a in result["added"]] + [f"- {r}" for r in result["removed"]]
    for article_id, change in result["changed"].items():
        lines.append(f"~ {article_id}")
        if change["fields"]:
            lines.append(f"    fields changed: {', '.join(change['fields'])}")
        for layer, items in change["layers"].items():
            parts = [f"{kind} {', '.join(ids)}" for kind, ids in items.items() if ids]
            lines.append(f"    {layer}: {'; '.join(parts)}")
    counts = (
        f"{len(result['added'])} added, {len(result['removed'])} removed, "
        f"{len(result['changed'])} changed"
    )
    return "\n".join([*lines, counts])


def render_json(result: dict[str, Any]) -> str:
    """The diff as JSON, for tools."""
    return json.dumps(result, ensure_ascii=False, indent=2)
