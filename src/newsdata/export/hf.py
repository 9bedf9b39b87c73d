"""Hugging Face ``datasets``: one example per article, with explicit Features."""

from __future__ import annotations

import datetime
from collections.abc import Iterable
from typing import Any, get_args

from newsdata.export._optional import require
from newsdata.models import (
    LABELS,
    LAYERS,
    BlockKind,
    EntityType,
    QuoteKind,
    TimexMod,
    TimexType,
)

__all__ = ["features", "from_hf_dataset", "to_hf_dataset"]


def features() -> Any:
    """The ``datasets.Features`` of a newsdata example: labels as ``ClassLabel``."""
    ds = require("datasets")
    string, integer = ds.Value("string"), ds.Value("int64")

    def label(names: Iterable[str]) -> Any:
        return ds.ClassLabel(names=list(names))

    span = {"id": string, "start": integer, "end": integer}
    return ds.Features(
        {
            "id": string,
            "title": string,
            "language": string,
            "published": string,
            "reading_time": string,
            "source": {"name": string, "url": string, "retrieved": string},
            "rights": string,
            "text": string,
            "blocks": ds.List({**span, "kind": label(get_args(BlockKind))}),
            "mentions": ds.List({**span, "text": string, "label": label(LABELS), "entity": string}),
            "entities": ds.List(
                {"id": string, "name": string, "type": label(get_args(EntityType)),
                 "wikidata": string}
            ),
            "quotes": ds.List(
                {**span, "text": string, "speaker": string, "speaker_text": string,
                 "cue": {"start": integer, "end": integer, "text": string},
                 "kind": label(get_args(QuoteKind))}
            ),
            "timexes": ds.List(
                {**span, "text": string, "type": label(get_args(TimexType)), "value": string,
                 "mod": label(get_args(TimexMod))}
            ),
            "topics": ds.List(
                {"scheme": string, "version": string, "code": string, "label": string}
            ),
            "annotation": {
                "guidelines": string,
                "date": string,
                "methods": dict.fromkeys(LAYERS, string),
                "notes": string,
            },
        }
    )  # fmt: skip


def to_hf_dataset(docs: Iterable[dict[str, Any]]) -> Any:
    """The articles as a ``datasets.Dataset`` with :func:`features`."""
    ds = require("datasets")
    schema = features()
    return ds.Dataset.from_list([schema.encode_example(doc) for doc in docs], features=schema)


def _decode(value: Any, feature: Any) -> Any:
    ds = require("datasets")
    if isinstance(feature, ds.ClassLabel):
        return None if value is None or value == -1 else feature.int2str(value)
    if isinstance(feature, dict):
        if value is None:
            return None
        return {k: _decode(value.get(k), f) for k, f in feature.items()}
    if isinstance(feature, ds.List):
        return [_decode(v, feature.feature) for v in value or []]
    if isinstance(value, datetime.datetime):
        # `load_dataset("json")` reads ISO date strings as timestamps; give them back as
        # the strings they were (a date, or a date and time as TIMEX3 writes it)
        if value.time() == datetime.time(0):
            return value.date().isoformat()
        return value.isoformat(timespec="seconds" if value.second else "minutes")
    if isinstance(value, datetime.date):
        return value.isoformat()
    return value


def from_hf_dataset(dataset: Any) -> list[dict[str, Any]]:
    """The articles of a dataset made by :func:`to_hf_dataset`, or read by
    ``datasets.load_dataset("json", ...)`` from a JSON Lines export, as article dicts."""
    schema = dataset.features
    return [{k: _decode(row[k], schema[k]) for k in schema} for row in dataset]
