"""Tabular views of the corpus: one CSV per layer, described by Frictionless Table Schemas.

This module defines the tables (columns, keys, how each row is read from an article)
and their data package resources; it writes nothing. `newsdata build` writes them to
``tables/`` (:mod:`newsdata.build`) and lists them in ``datapackage.json``, so that R,
spreadsheet and Frictionless users read the corpus without the Python package. Column
descriptions come from the pydantic models, so they cannot drift from the JSON contract.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass
from typing import Any, get_args

from pydantic import BaseModel

from newsdata.layout import TABLES_DIR
from newsdata.models import (
    LABELS,
    Article,
    Block,
    BlockKind,
    Entity,
    EntityType,
    Mention,
    Quote,
    QuoteKind,
    Source,
    Timex,
    TimexMod,
    TimexType,
    Topic,
)

__all__ = ["TABLES", "Column", "Table", "table_resources"]


@dataclass(frozen=True)
class Column:
    """One CSV column: its Table Schema field and how to read it from an article's item."""

    name: str
    type: str
    description: str
    get: Callable[[Any], Any]
    enum: tuple[str, ...] = ()
    required: bool = False

    def field(self) -> dict[str, Any]:
        out: dict[str, Any] = {
            "name": self.name,
            "type": self.type,
            "description": self.description,
        }
        constraints: dict[str, Any] = {}
        if self.required:
            constraints["required"] = True
        if self.enum:
            constraints["enum"] = list(self.enum)
        if constraints:
            out["constraints"] = constraints
        return out


@dataclass(frozen=True)
class Table:
    """One layer as a table: its rows come from ``items(article)``."""

    name: str
    description: str
    items: Callable[[dict[str, Any]], Iterable[Any]]
    columns: tuple[Column, ...]
    key: tuple[str, ...]
    links: tuple[tuple[str, str], ...] = ()
    """Key columns that name a row of another table: (column, table). Each such column
    holds ``<article id>/<id>`` (empty for no link), matching the target's ``key`` column,
    because a Table Schema foreign key over (article_id, entity) would count an empty
    entity as a broken reference."""

    @property
    def path(self) -> str:
        return f"{TABLES_DIR}/{self.name}.csv"

    def rows(self, doc: dict[str, Any]) -> Iterator[list[Any]]:
        """The CSV rows of one article (``""`` for a missing value)."""
        columns = self.columns
        for item in self.items(doc):
            yield ["" if (v := c.get(item)) is None else v for c in columns]

    @property
    def resource_name(self) -> str:
        # a dot cannot occur in an article id, so table names never clash with articles
        return f"table.{self.name}"


def _doc(model: type[BaseModel], field: str) -> str:
    description = model.model_fields[field].description or ""
    return description


def _key(name: str) -> Callable[[Any], Any]:
    return lambda item: item[1].get(name)


def _article_id() -> Column:
    return Column(
        "article_id",
        "string",
        "Id of the article the row belongs to.",
        lambda item: item[0],
        required=True,
    )


def _span_columns(model: type[BaseModel]) -> tuple[Column, ...]:
    return (
        Column("id", "string", _doc(model, "id"), _key("id"), required=True),
        Column("start", "integer", _doc(model, "start"), _key("start"), required=True),
        Column("end", "integer", _doc(model, "end"), _key("end"), required=True),
    )


def _with_id(layer: str) -> Callable[[dict[str, Any]], Iterable[Any]]:
    return lambda doc: ((doc["id"], item) for item in doc[layer])


def _own_key(item: Any) -> str:
    return f"{item[0]}/{item[1]['id']}"


def _link_key(column: str, target: str) -> Column:
    def get(item: Any) -> str | None:
        ref = item[1].get(column)
        return None if ref is None else f"{item[0]}/{ref}"

    description = f"`<article id>/<{column}>`, the key of the {target} row named; empty if none."
    return Column(f"{column}_key", "string", description, get)


def _cue(name: str) -> Callable[[Any], Any]:
    return lambda item: (item[1]["cue"] or {}).get(name)


TABLES: tuple[Table, ...] = (
    Table(
        "articles", "One row per article: metadata and text.",
        lambda doc: [(doc["id"], doc)],
        (
            Column("id", "string", _doc(Article, "id"), _key("id"), required=True),
            Column("title", "string", _doc(Article, "title"), _key("title"), required=True),
            Column("language", "string", _doc(Article, "language"), _key("language"),
                   required=True),
            Column("published", "date", _doc(Article, "published"), _key("published")),
            Column("reading_time", "duration", _doc(Article, "reading_time"), _key("reading_time")),
            Column("source_name", "string", _doc(Source, "name"),
                   lambda item: item[1]["source"]["name"]),
            Column("source_url", "string", _doc(Source, "url"),
                   lambda item: item[1]["source"]["url"]),
            Column("source_retrieved", "date", _doc(Source, "retrieved"),
                   lambda item: item[1]["source"]["retrieved"]),
            Column("rights", "string", _doc(Article, "rights"), _key("rights"), required=True),
            Column("guidelines", "string", "Version of the annotation guidelines followed.",
                   lambda item: item[1]["annotation"]["guidelines"], required=True),
            Column("text", "string", _doc(Article, "text"), _key("text"), required=True),
        ),
        ("id",),
    ),
    Table(
        "blocks", "Document blocks of every article.", _with_id("blocks"),
        (_article_id(), *_span_columns(Block),
         Column("kind", "string", _doc(Block, "kind"), _key("kind"), get_args(BlockKind), True)),
        ("article_id", "id"),
    ),
    Table(
        "mentions", "Named-entity mentions of every article.", _with_id("mentions"),
        (_article_id(), *_span_columns(Mention),
         Column("text", "string", _doc(Mention, "text"), _key("text"), required=True),
         Column("label", "string", _doc(Mention, "label"), _key("label"), LABELS, True),
         Column("entity", "string", _doc(Mention, "entity"), _key("entity")),
         _link_key("entity", "entities")),
        ("article_id", "id"),
        (("entity_key", "entities"),),
    ),
    Table(
        "entities", "Canonical entities of every article.", _with_id("entities"),
        (_article_id(),
         Column("id", "string", _doc(Entity, "id"), _key("id"), required=True),
         Column("name", "string", _doc(Entity, "name"), _key("name"), required=True),
         Column("type", "string", _doc(Entity, "type"), _key("type"), get_args(EntityType), True),
         Column("wikidata", "string", _doc(Entity, "wikidata"), _key("wikidata")),
         Column("key", "string", "`<article id>/<id>`: the entity across the corpus, for "
                "the links of mentions and quotes.", _own_key, required=True)),
        ("article_id", "id"),
    ),
    Table(
        "quotes", "Quotations and reported speech of every article.", _with_id("quotes"),
        (_article_id(), *_span_columns(Quote),
         Column("text", "string", _doc(Quote, "text"), _key("text"), required=True),
         Column("speaker", "string", _doc(Quote, "speaker"), _key("speaker")),
         Column("speaker_text", "string", _doc(Quote, "speaker_text"), _key("speaker_text")),
         Column("cue_start", "integer", "Start offset of the cue, if any.", _cue("start")),
         Column("cue_end", "integer", "End offset of the cue, if any.", _cue("end")),
         Column("cue_text", "string", "Text of the cue, if any.", _cue("text")),
         Column("kind", "string", _doc(Quote, "kind"), _key("kind"), get_args(QuoteKind), True),
         _link_key("speaker", "entities")),
        ("article_id", "id"),
        (("speaker_key", "entities"),),
    ),
    Table(
        "timexes", "Temporal expressions of every article.", _with_id("timexes"),
        (_article_id(), *_span_columns(Timex),
         Column("text", "string", _doc(Timex, "text"), _key("text"), required=True),
         Column("type", "string", _doc(Timex, "type"), _key("type"), get_args(TimexType), True),
         Column("value", "string", _doc(Timex, "value"), _key("value"), required=True),
         Column("mod", "string", _doc(Timex, "mod"), _key("mod"), get_args(TimexMod))),
        ("article_id", "id"),
    ),
    Table(
        "topics", "Subject codes of every article.", _with_id("topics"),
        (_article_id(),
         Column("scheme", "string", _doc(Topic, "scheme"), _key("scheme"), required=True),
         Column("version", "string", _doc(Topic, "version"), _key("version")),
         Column("code", "string", _doc(Topic, "code"), _key("code"), required=True),
         Column("label", "string", _doc(Topic, "label"), _key("label"), required=True)),
        ("article_id", "scheme", "code"),
    ),
)  # fmt: skip


def table_resources(files: Mapping[str, tuple[int, str]]) -> list[dict[str, Any]]:
    """The data package resources for the tables, given each path's size and sha256."""
    resources = []
    for table in TABLES:
        size, digest = files[table.path]
        schema: dict[str, Any] = {
            "fields": [column.field() for column in table.columns],
            "primaryKey": list(table.key),
            "missingValues": [""],
        }
        if table.name != "articles":
            schema["foreignKeys"] = [
                {
                    "fields": "article_id",
                    "reference": {"resource": "table.articles", "fields": "id"},
                }
            ]
            # a link names a row of the same article's table (empty: no link)
            schema["foreignKeys"] += [
                {"fields": column, "reference": {"resource": f"table.{target}", "fields": "key"}}
                for column, target in table.links
            ]
        resources.append(
            {
                "name": table.resource_name,
                "title": f"{table.name} (table view)",
                "description": table.description,
                "path": table.path,
                "profile": "tabular-data-resource",
                "format": "csv",
                "mediatype": "text/csv",
                "encoding": "utf-8",
                "bytes": size,
                "hash": digest,
                "dialect": {"delimiter": ",", "lineTerminator": "\n", "header": True},
                "schema": schema,
            }
        )
    return resources
