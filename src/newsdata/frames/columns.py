"""The columns of every table view of a corpus, declared once: what each column holds and
where its value is in an article.

Two readers derive the rows from these declarations: :meth:`Table.values`, in Python (the
CSV views that ``newsdata build`` writes), and :mod:`newsdata.frames.arrow`, with Arrow's
kernels (the columnar store, ``to_arrow``, ``to_pandas``, the Parquet export);
``tests/test_frames.py`` holds them equal. Column descriptions come from the pydantic
models, so they cannot drift from the JSON contract.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any, Literal, get_args

from pydantic import BaseModel

from newsdata.layout import table_path
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
    Segment,
    Source,
    Timex,
    TimexMod,
    TimexType,
    Topic,
)

__all__ = ["LAYER_NAMES", "TABLES", "Column", "Table", "table_named"]


ColumnKind = Literal["value", "article", "parent", "key", "list"]

Item = tuple[str, dict[str, Any], "str | None"]
"""What a row is read from: the article's id, the item, and the id of the item it lies
inside (a quote, for a verbatim part; None for the items of a layer)."""


@dataclass(frozen=True)
class Column:
    """One column: its Table Schema field and where its value is in an article's item.

    Declarative, so that every reader derives the column the same way: the CSV rows
    here, the Arrow tables of :mod:`newsdata.frames.arrow` with Arrow's kernels.
    ``kind`` says what the value is: ``value``, the item's value at ``path`` (``default``
    when a step is missing or null); ``article``, the article's id; ``parent``, the id
    of the item the row's item lies inside; ``key``, ``<article id>/<value at path>``
    (None when that value is null); ``list``, the ids of a list at ``path`` joined by
    spaces (None when it is empty).
    """

    name: str
    type: str
    description: str
    path: tuple[str, ...] = ()
    enum: tuple[str, ...] = ()
    required: bool = False
    kind: ColumnKind = "value"
    default: Any = None

    def get(self, item: Item) -> Any:
        """The value of this column for ``item``."""
        article, value, parent = item
        if self.kind == "article":
            return article
        if self.kind == "parent":
            return parent
        found: Any = value
        for step in self.path:
            if found is None:
                break
            found = found.get(step)
        if found is None:
            return self.default
        if self.kind == "key":
            return f"{article}/{found}"
        if self.kind == "list":
            return " ".join(found) or None
        return found

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
    """One layer as a table: a row per item of the article's ``layer`` list (per article
    when ``layer`` is None), or, with ``within``, per entry of the list ``within`` inside
    each item (the verbatim parts of each quote)."""

    name: str
    description: str
    layer: str | None
    columns: tuple[Column, ...]
    key: tuple[str, ...]
    links: tuple[tuple[str, str], ...] = ()
    """Key columns that name a row of another table: (column, table). Each such column
    holds ``<article id>/<id>`` (empty for no link), matching the target's ``key`` column,
    because a Table Schema foreign key over (article_id, entity) would count an empty
    entity as a broken reference."""
    within: str | None = None
    parent: str | None = None
    """With ``within``, the table whose rows hold this table's (the ``quotes`` of the
    verbatim parts): the ``article_id`` and ``parent`` column pair names a row of it by
    its ``("article_id", "id")`` key (the parent column is required: never empty)."""

    @property
    def path(self) -> str:
        """The corpus-relative path of the CSV file (:func:`newsdata.layout.table_path`)."""
        return table_path(self.name)

    def items(self, doc: dict[str, Any]) -> Iterator[Item]:
        """The items of one article that become rows."""
        article = doc["id"]
        if self.layer is None:
            yield article, doc, None
            return
        for item in doc[self.layer]:
            if self.within is None:
                yield article, item, None
            else:
                for entry in item.get(self.within, ()):
                    yield article, entry, item["id"]

    def values(self, doc: dict[str, Any]) -> Iterator[list[Any]]:
        """The rows of one article as lists of values (None when missing)."""
        columns = self.columns
        for item in self.items(doc):
            yield [c.get(item) for c in columns]

    def rows(self, doc: dict[str, Any]) -> Iterator[list[Any]]:
        """The CSV rows of one article (``""`` for a missing value)."""
        for values in self.values(doc):
            yield ["" if v is None else v for v in values]

    @property
    def resource_name(self) -> str:
        # a dot cannot occur in an article id, so table names never clash with articles
        return f"table.{self.name}"


def _doc(model: type[BaseModel], field: str) -> str:
    description = model.model_fields[field].description or ""
    return description


def _value(model: type[BaseModel], name: str, type_: str = "string", **more: Any) -> Column:
    """The column of the item's field ``name``, described by the model's field."""
    return Column(name, type_, _doc(model, name), (name,), **more)


def _article_id() -> Column:
    return Column(
        "article_id", "string", "Id of the article the row belongs to.", required=True,
        kind="article",
    )  # fmt: skip


def _span_columns(model: type[BaseModel]) -> tuple[Column, ...]:
    return (
        _value(model, "id", required=True),
        _value(model, "start", "integer", required=True),
        _value(model, "end", "integer", required=True),
    )


def _link_key(column: str, target: str) -> Column:
    description = f"`<article id>/<{column}>`, the key of the {target} row named; empty if none."
    return Column(f"{column}_key", "string", description, (column,), kind="key")


TABLES: tuple[Table, ...] = (
    Table(
        "articles", "One row per article: metadata and the verbatim text.", None,
        (
            _value(Article, "id", required=True),
            _value(Article, "title", required=True),
            _value(Article, "language", required=True),
            _value(Article, "published", "date"),
            _value(Article, "reading_time", "duration"),
            Column("source_name", "string", _doc(Source, "name"), ("source", "name")),
            Column("source_url", "string", _doc(Source, "url"), ("source", "url")),
            Column("source_retrieved", "date", _doc(Source, "retrieved"),
                   ("source", "retrieved")),
            _value(Article, "rights", required=True),
            Column("guidelines", "string", "Version of the annotation guidelines followed.",
                   ("annotation", "guidelines"), required=True),
            _value(Article, "text", required=True),
        ),
        ("id",),
    ),
    Table(
        "blocks",
        "Document structure: title, meta lines, headings, paragraphs, site boilerplate.",
        "blocks",
        (_article_id(), *_span_columns(Block),
         _value(Block, "kind", enum=get_args(BlockKind), required=True)),
        ("article_id", "id"),
    ),
    Table(
        "mentions",
        "Named-entity mentions with GermEval 2014 labels, linked to entities.",
        "mentions",
        (_article_id(), *_span_columns(Mention),
         _value(Mention, "text", required=True),
         _value(Mention, "label", enum=LABELS, required=True),
         _value(Mention, "entity"),
         _link_key("entity", "entities")),
        ("article_id", "id"),
        (("entity_key", "entities"),),
    ),
    Table(
        "entities",
        "The canonical entities mentions refer to, with verified Wikidata ids.",
        "entities",
        (_article_id(),
         _value(Entity, "id", required=True),
         _value(Entity, "name", required=True),
         _value(Entity, "type", enum=get_args(EntityType), required=True),
         _value(Entity, "wikidata"),
         Column("key", "string", "`<article id>/<id>`: the entity across the corpus, for "
                "the links of mentions and quotes.", ("id",), required=True, kind="key")),
        ("article_id", "id"),
    ),
    Table(
        "quotes", "Quotations and reported speech, with speaker, cue and kind.", "quotes",
        (_article_id(), *_span_columns(Quote),
         _value(Quote, "text", required=True),
         _value(Quote, "speaker"),
         Column("co_speakers", "string", "Ids of further entities speaking jointly with "
                "`speaker`, separated by spaces; empty if none.", ("co_speakers",),
                kind="list"),
         _value(Quote, "speaker_text"),
         Column("speaker_span_start", "integer", "Start offset of the words naming the "
                "speaker, if any.", ("speaker_span", "start")),
         Column("speaker_span_end", "integer", "End offset of the words naming the speaker, "
                "if any.", ("speaker_span", "end")),
         Column("speaker_span_text", "string", "The words naming the speaker, if any.",
                ("speaker_span", "text")),
         _value(Quote, "inferred", "boolean", required=True, default=False),
         Column("cue_start", "integer", "Start offset of the cue, if any.", ("cue", "start")),
         Column("cue_end", "integer", "End offset of the cue, if any.", ("cue", "end")),
         Column("cue_text", "string", "Text of the cue, if any.", ("cue", "text")),
         _value(Quote, "kind", enum=get_args(QuoteKind), required=True),
         _link_key("speaker", "entities")),
        ("article_id", "id"),
        (("speaker_key", "entities"),),
    ),
    Table(
        "verbatim", "The quoted words of every quote: a row per verbatim part.", "quotes",
        (_article_id(),
         Column("quote", "string", "Id of the quote the part belongs to.", kind="parent",
                required=True),
         *(_value(Segment, name, "integer", required=True) for name in ("start", "end")),
         _value(Segment, "text", required=True)),
        ("article_id", "quote", "start"),
        within="verbatim",
        parent="quotes",
    ),
    Table(
        "timexes", "Temporal expressions, typed and normalised as TIMEX3.", "timexes",
        (_article_id(), *_span_columns(Timex),
         _value(Timex, "text", required=True),
         _value(Timex, "type", enum=get_args(TimexType), required=True),
         _value(Timex, "value", required=True),
         _value(Timex, "mod", enum=get_args(TimexMod))),
        ("article_id", "id"),
    ),
    Table(
        "topics", "IPTC Media Topics subject codes.", "topics",
        (_article_id(),
         _value(Topic, "scheme", required=True),
         _value(Topic, "version"),
         _value(Topic, "code", required=True),
         _value(Topic, "label", required=True)),
        ("article_id", "scheme", "code"),
    ),
)  # fmt: skip


LAYER_NAMES = tuple(t.name for t in TABLES)
"""The name of every table, in the order of :data:`TABLES`."""

_BY_NAME = {t.name: t for t in TABLES}


def table_named(name: str) -> Table:
    """The table called ``name``, or a ValueError naming the tables.

    Examples
    --------
    >>> table_named("mentions").columns[0].name
    'article_id'
    """
    try:
        return _BY_NAME[name]
    except KeyError:
        raise ValueError(f"unknown layer {name!r}; one of {', '.join(LAYER_NAMES)}") from None
