"""Hugging Face ``datasets``: one example per article, with explicit Features."""

from __future__ import annotations

import datetime
import types
from collections.abc import Iterable
from typing import Annotated, Any, Literal, Union, get_args, get_origin

from pydantic import BaseModel

from newsdata._optional import require
from newsdata.models import Article

__all__ = ["features", "from_hf_dataset", "to_hf_dataset"]


def features() -> Any:
    """The ``datasets.Features`` of a newsdata example, derived from the models.

    Enumerations are ``ClassLabel``; lists of objects are lists of structs; dates are
    ISO strings, as in the JSON. These are the features of :meth:`newsdata.Corpus.to_hf_dataset`,
    which builds its table from the articles. They cannot keep the dates of a JSON Lines
    file read by ``datasets.load_dataset("json", features=...)``: pyarrow reads
    ``published`` as a timestamp before any feature applies (the export how-to,
    "Reloading a JSON Lines export without losing the dates", gives the ways that keep
    them).
    """
    ds = require("datasets")
    return ds.Features(_struct(Article, ds))


def _struct(model: type[BaseModel], ds: Any) -> dict[str, Any]:
    return {name: _feature(info.annotation, ds) for name, info in model.model_fields.items()}


def _feature(annotation: Any, ds: Any) -> Any:
    # the type with its `Annotated[...]` extras and `| None` taken off
    while get_origin(annotation) is Annotated:
        annotation = get_args(annotation)[0]
    if get_origin(annotation) in (Union, types.UnionType):
        (annotation,) = [a for a in get_args(annotation) if a is not type(None)]
        return _feature(annotation, ds)
    if get_origin(annotation) is Literal:
        return ds.ClassLabel(names=list(get_args(annotation)))
    if get_origin(annotation) is tuple:
        return ds.List(_feature(get_args(annotation)[0], ds))
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return _struct(annotation, ds)
    values = {bool: "bool", int: "int64", str: "string", datetime.date: "string"}
    return ds.Value(values[annotation])


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
