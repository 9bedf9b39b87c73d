"""`newsdata diff`: what changed between two corpora, article by article and layer by layer."""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

from newsdata.layout import CorpusLayout
from newsdata.layout import article_id as id_of
from newsdata.loader import CorpusError
from newsdata.models import LAYERS, topic_key
from newsdata.reading import read_article_file

__all__ = ["ArticleChange", "CorpusDiff", "LayerChange", "diff_corpora"]


def _files(root: Path) -> dict[str, Path]:
    layout = CorpusLayout(root)
    problem = layout.articles_problem()
    if problem is not None:
        raise CorpusError(problem)
    return {id_of(file.name): file for file in layout.article_files()}


@dataclass(frozen=True)
class LayerChange:
    """The item ids of one layer that were added, removed or changed (topics: ``scheme|code``)."""

    added: list[str] = field(default_factory=list)
    removed: list[str] = field(default_factory=list)
    changed: list[str] = field(default_factory=list)

    def __bool__(self) -> bool:
        return bool(self.added or self.removed or self.changed)


@dataclass(frozen=True)
class ArticleChange:
    """What changed in one article: metadata fields, and items per layer."""

    fields: list[str] = field(default_factory=list)
    layers: dict[str, LayerChange] = field(default_factory=dict)

    def __bool__(self) -> bool:
        return bool(self.fields or self.layers)


@dataclass(frozen=True)
class CorpusDiff:
    """What changed between two corpora, article by article.

    Examples
    --------
    >>> from newsdata.layout import dataset_dir
    >>> diff = diff_corpora(dataset_dir(), dataset_dir())
    >>> bool(diff), diff.to_dict()
    (False, {'added': [], 'removed': [], 'changed': {}})
    """

    added: list[str] = field(default_factory=list)
    removed: list[str] = field(default_factory=list)
    changed: dict[str, ArticleChange] = field(default_factory=dict)

    def __bool__(self) -> bool:
        return bool(self.added or self.removed or self.changed)

    def to_dict(self) -> dict[str, Any]:
        """Plain dicts and lists, as ``--format json`` prints them."""
        return asdict(self)

    def to_json(self) -> str:
        """The diff as JSON, for tools."""
        return json.dumps(self.to_dict(), ensure_ascii=False, indent=2)

    def to_text(self) -> str:
        """The diff as indented lines, for people."""
        lines = [f"+ {a}" for a in self.added] + [f"- {r}" for r in self.removed]
        for article_id, change in self.changed.items():
            lines.append(f"~ {article_id}")
            if change.fields:
                lines.append(f"    fields changed: {', '.join(change.fields)}")
            for layer, items in change.layers.items():
                parts = [f"{kind} {', '.join(ids)}" for kind, ids in asdict(items).items() if ids]
                lines.append(f"    {layer}: {'; '.join(parts)}")
        counts = (
            f"{len(self.added)} added, {len(self.removed)} removed, {len(self.changed)} changed"
        )
        return "\n".join([*lines, counts])


def _key(layer: str, item: dict[str, Any]) -> str:
    if layer == "topics":
        return "|".join(topic_key(item))  # what identifies a topic: the models say
    return str(item.get("id"))


def _compare_layer(layer: str, old: list[Any], new: list[Any]) -> LayerChange:
    before = {_key(layer, item): item for item in old}
    after = {_key(layer, item): item for item in new}
    return LayerChange(
        added=[k for k in after if k not in before],
        removed=[k for k in before if k not in after],
        changed=[k for k in after if k in before and before[k] != after[k]],
    )


def _compare_article(old: dict[str, Any], new: dict[str, Any]) -> ArticleChange:
    fields = sorted(k for k in set(old) | set(new) if k not in LAYERS and old.get(k) != new.get(k))
    layers = {}
    for layer in LAYERS:
        change = _compare_layer(layer, old.get(layer) or [], new.get(layer) or [])
        if change:
            layers[layer] = change
    return ArticleChange(fields, layers)


def _article(file: Path, data: bytes) -> dict[str, Any]:
    """The article a changed file holds, or CorpusError naming the file and its first
    problem: layers are compared item by item, so each must be what the schema says."""
    from newsdata.validate.article import check_structure
    from newsdata.validate.filelevel import parse_bytes

    parsed = parse_bytes(str(file), data)
    problems = check_structure(parsed)
    if problems or not isinstance(parsed.value, dict):
        first = problems[0].as_text() if problems else f"{file}: not a JSON object"
        raise CorpusError(f"{first}; run `newsdata validate {file}` for every problem")
    return parsed.value


def diff_corpora(old: Path, new: Path) -> CorpusDiff:
    """Compare two corpus directories: the articles added, removed and changed.

    Raises
    ------
    CorpusError
        When a directory is not a corpus or a changed file is not a valid article (file
        and schema levels: what ``newsdata validate`` reports as unreadable or malformed).
    """
    before, after = _files(old), _files(new)
    changed: dict[str, ArticleChange] = {}
    for article_id in sorted(set(before) & set(after)):
        a, b = read_article_file(before[article_id]), read_article_file(after[article_id])
        if a == b:
            continue
        change = _compare_article(_article(before[article_id], a), _article(after[article_id], b))
        if change:
            changed[article_id] = change
    return CorpusDiff(
        added=sorted(set(after) - set(before)),
        removed=sorted(set(before) - set(after)),
        changed=changed,
    )
