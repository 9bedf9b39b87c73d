"""The article model: the one source of truth for the newsdata JSON contract.

Every model is a frozen pydantic v2 model; lists are tuples so that a loaded
article cannot be changed by accident. The JSON Schemas in ``schemas/`` are
generated from these classes (see :mod:`newsdata.schema`), so a field's
description here is the description users read in the field reference.

The models check structure only (types, enums, patterns, required fields,
unknown fields): exactly what the JSON Schema expresses, so that the models and
the schema give the same verdict on any input. Relations between fields
(offsets inside the text, references to entities, block tiling) are checked by
:func:`newsdata.validate`.
"""

from __future__ import annotations

import datetime
import re
from collections.abc import Mapping
from types import MappingProxyType
from typing import Annotated, Any, Literal, get_args, get_origin

from pydantic import (
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    GetCoreSchemaHandler,
    GetPydanticSchema,
    Strict,
    StringConstraints,
    WithJsonSchema,
)
from pydantic_core import core_schema

__all__ = [
    "LABELS",
    "LAYERS",
    "LAYER_ITEMS",
    "QUOTE_SEGMENTS",
    "SPAN_LAYERS",
    "Annotation",
    "Article",
    "Block",
    "BlockKind",
    "Cue",
    "Entity",
    "EntityType",
    "Label",
    "LayerMethods",
    "Mention",
    "Method",
    "Quote",
    "QuoteKind",
    "Segment",
    "Source",
    "Timex",
    "TimexMod",
    "TimexType",
    "Topic",
    "quote_segments",
    "topic_key",
]


def anchored(core: str) -> str:
    """Return the pattern the models enforce: ``core`` matching the whole string.

    The models use the Rust ``regex`` engine, where ``$`` is the end of the string
    only (no look-around needed, and no Python call per string: loading is faster).
    The JSON Schema carries :func:`schema_pattern` of it.
    """
    return rf"^(?:{core})$"


def schema_pattern(pattern: str) -> str:
    """The JSON Schema form of a model pattern: never matching a trailing newline.

    JSON Schema patterns are searched, not matched, and Python's ``$`` also matches
    before a final newline; the leading look-ahead makes every engine (Python ``re``,
    ECMA-262, Rust fancy-regex) reject ``"de\\n"`` as the models do.

    Examples
    --------
    >>> print(schema_pattern(anchored("[a-z]+")))
    ^(?!.*\\n)(?:[a-z]+)$
    """
    return r"^(?!.*\n)" + pattern.removeprefix("^")


SLUG = anchored(r"[a-z0-9][a-z0-9-]*")
BCP47 = anchored(r"[A-Za-z]{2,3}(?:-[A-Za-z0-9]{1,8})*")
QID = anchored(r"Q[1-9][0-9]*")
ISO_DATE = anchored(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")
ISO_DURATION = anchored(r"P(?:[0-9]+[YMWD])*(?:T(?:[0-9]+[HMS])+)?")
SEMVER = anchored(r"[0-9]+\.[0-9]+\.[0-9]+")


def _integral(value: float) -> int:
    # JSON Schema counts 5.0 as an integer; accept it so the model and the
    # schema agree, and store it as int.
    if value.is_integer():
        return int(value)
    raise ValueError("not an integer")


def _offset_schema(_source: Any, _handler: GetCoreSchemaHandler) -> core_schema.CoreSchema:
    # Built from pydantic-core parts so that an offset costs no Python call: an exact
    # integer is the common case; an integral float goes through `_integral`.
    bounds: dict[str, Any] = {"ge": 0, "le": MAX_OFFSET, "strict": True}
    return core_schema.union_schema(
        [
            core_schema.int_schema(**bounds),
            core_schema.no_info_after_validator_function(
                _integral, core_schema.float_schema(**bounds)
            ),
        ],
        custom_error_type="offset",
        custom_error_message=f"Input should be an integer from 0 to {MAX_OFFSET}",
    )


_ISO_DATE = re.compile(ISO_DATE)


def _iso_date(value: Any) -> Any:
    # Lax pydantic would read Unix timestamps and "20240619" as dates; the
    # contract (and the JSON Schema) accepts only YYYY-MM-DD.
    if isinstance(value, str):  # what a file holds, so asked first
        if _ISO_DATE.fullmatch(value):
            return datetime.date.fromisoformat(value)
    elif isinstance(value, datetime.datetime):
        raise ValueError("expected a date (YYYY-MM-DD), not a date-time")
    elif isinstance(value, datetime.date):
        return value
    raise ValueError("expected a date written as YYYY-MM-DD")


# Scalars are strict (no "5" for 5, no true for 1), containers lax (a list reads
# as a tuple), so the models accept plain dicts as well as JSON.
Str = Annotated[str, Strict()]
Bool = Annotated[bool, Strict()]
# Offsets stay below 2**53: JavaScript and every double-based JSON reader keep integers
# exact only up to there, and no text is that long.
Slug = Annotated[str, Strict(), StringConstraints(pattern=SLUG)]
MAX_OFFSET = 2**53 - 1
Offset = Annotated[
    int,
    GetPydanticSchema(_offset_schema),
    WithJsonSchema({"type": "integer", "minimum": 0, "maximum": MAX_OFFSET}),
]
IsoDate = Annotated[datetime.date, BeforeValidator(_iso_date)]

_CONFIG = ConfigDict(
    frozen=True,
    extra="forbid",
    regex_engine="rust-regex",
    use_attribute_docstrings=True,
)


class _Model(BaseModel):
    model_config = _CONFIG


# --------------------------------------------------------------------------- labels

Label = Literal[
    "PER",
    "PERderiv",
    "PERpart",
    "LOC",
    "LOCderiv",
    "LOCpart",
    "ORG",
    "ORGderiv",
    "ORGpart",
    "OTH",
    "OTHderiv",
    "OTHpart",
]
"""GermEval 2014 (NoSta-D) named-entity labels: four classes, each with a
``deriv`` form (a word derived from a name) and a ``part`` form (a word of which
only a part is a name)."""

LABELS: tuple[str, ...] = Label.__args__  # type: ignore[attr-defined]

EntityType = Literal["PER", "LOC", "ORG", "OTH"]
BlockKind = Literal["title", "meta", "heading", "paragraph", "boilerplate"]
QuoteKind = Literal["direct", "indirect", "mixed", "reported"]
TimexType = Literal["DATE", "TIME", "DURATION", "SET"]
TimexMod = Literal[
    "BEFORE",
    "AFTER",
    "ON_OR_BEFORE",
    "ON_OR_AFTER",
    "LESS_THAN",
    "MORE_THAN",
    "EQUAL_OR_LESS",
    "EQUAL_OR_MORE",
    "START",
    "MID",
    "END",
    "APPROX",
]
Method = Literal["manual", "automatic", "automatic-corrected", "none"]


# --------------------------------------------------------------------------- metadata


class Source(_Model):
    """Where the text came from. Each field is null when it is not known."""

    name: Str | None = Field(
        description="Name of the publisher or site, or null when unknown.",
        examples=[None],
    )
    url: Str | None = Field(
        description="Address the text was taken from, or null when unknown.",
        examples=[None],
    )
    retrieved: IsoDate | None = Field(
        json_schema_extra={"pattern": ISO_DATE},
        description="Date (ISO 8601) the text was retrieved, or null when unknown.",
        examples=[None],
    )


class LayerMethods(_Model):
    """How each annotation layer was produced."""

    blocks: Method = Field(description="Method used for `blocks`.")
    mentions: Method = Field(description="Method used for `mentions`.")
    entities: Method = Field(description="Method used for `entities`.")
    quotes: Method = Field(description="Method used for `quotes`.")
    timexes: Method = Field(description="Method used for `timexes`.")
    topics: Method = Field(description="Method used for `topics`.")


class Annotation(_Model):
    """Provenance of the annotations of one article."""

    guidelines: Str = Field(
        pattern=SEMVER,
        description="Version of the newsdata annotation guidelines followed.",
        examples=["1.0.0"],
    )
    date: IsoDate = Field(
        json_schema_extra={"pattern": ISO_DATE},
        description="Date (ISO 8601) of the last annotation change.",
        examples=["2026-11-28"],
    )
    methods: LayerMethods = Field(
        description=(
            "Per layer: `manual` (by a person), `automatic` (by a tool, unreviewed), "
            "`automatic-corrected` (by a tool, then reviewed by a person) or `none` "
            "(the layer is not annotated yet)."
        )
    )
    notes: Str | None = Field(
        default=None,
        description="Free-text remarks on this article's annotation (hard cases, doubts).",
    )


# --------------------------------------------------------------------------- layers


class Block(_Model):
    """A block of the document: the title, a metadata line, a heading, a paragraph
    or site boilerplate. Blocks are in text order, do not overlap and together
    cover every non-whitespace character of `text`."""

    id: Str = Field(pattern=SLUG, description="Identifier, unique in the article.", examples=["b1"])
    start: Offset = Field(description="Start offset (inclusive) in code points.", examples=[0])
    end: Offset = Field(description="End offset (exclusive) in code points.", examples=[53])
    kind: BlockKind = Field(
        description=(
            "`title`: the headline; `meta`: a dateline, byline or reading-time line; "
            "`heading`: a section heading; `paragraph`: body text; `boilerplate`: text "
            "of the site around the article (menus, widgets), kept but not part of it."
        ),
        examples=["paragraph"],
    )


class Mention(_Model):
    """A named-entity mention labelled with the GermEval 2014 scheme."""

    id: Str = Field(pattern=SLUG, description="Identifier, unique in the article.", examples=["m1"])
    start: Offset = Field(description="Start offset (inclusive) in code points.", examples=[0])
    end: Offset = Field(description="End offset (exclusive) in code points.", examples=[5])
    text: Str = Field(
        min_length=1, description="The covered text: `text[start:end]`.", examples=["Putin"]
    )
    label: Label = Field(
        description=(
            "GermEval 2014 label: PER (person), LOC (location), ORG (organisation), OTH "
            "(other); `deriv` marks a word derived from a name (*russische*), `part` a "
            "word of which only a part is a name (*US-Politik*)."
        ),
        examples=["PER"],
    )
    entity: Str | None = Field(
        pattern=SLUG,
        description="Id of the canonical entity in `entities` this mention refers to, or null.",
        examples=["vladimir-putin"],
    )


class Entity(_Model):
    """A real-world referent that one or more mentions refer to."""

    id: Str = Field(
        pattern=SLUG, description="Identifier, unique in the article.", examples=["vladimir-putin"]
    )
    name: Str = Field(
        min_length=1, description="Canonical name of the referent.", examples=["Wladimir Putin"]
    )
    type: EntityType = Field(
        description="Class of the referent; a mention's label class must equal it.",
        examples=["PER"],
    )
    wikidata: Str | None = Field(
        pattern=QID,
        description="Wikidata item id, only when verified; null otherwise.",
        examples=["Q7747"],
    )


class Segment(_Model):
    """A stretch of the article's text: its offsets and the words it covers."""

    start: Offset = Field(description="Start offset (inclusive) in code points.", examples=[15])
    end: Offset = Field(description="End offset (exclusive) in code points.", examples=[20])
    text: Str = Field(
        min_length=1, description="The covered text: `text[start:end]`.", examples=["neue Ebene"]
    )


class Cue(Segment):
    """The reporting expression that introduces a quotation (*sagte*, *berichtet*)."""

    text: Str = Field(
        min_length=1, description="The covered text: `text[start:end]`.", examples=["sagte"]
    )


class Quote(_Model):
    """Reported speech: the words (or the content) attributed to a speaker."""

    id: Str = Field(pattern=SLUG, description="Identifier, unique in the article.", examples=["q1"])
    start: Offset = Field(description="Start offset (inclusive) of the content.", examples=[0])
    end: Offset = Field(description="End offset (exclusive) of the content.", examples=[10])
    text: Str = Field(
        min_length=1,
        description="The reported content: `text[start:end]`, without enclosing quotation marks.",
        examples=["neue Ebene"],
    )
    verbatim: tuple[Segment, ...] = Field(
        default=(),
        description=(
            "The speaker's exact words: each run of words in quotation marks inside the "
            "content, without the marks, in text order. A `direct` quote has one part, its "
            "whole content; `mixed`, at least one; `indirect` and `reported`, none."
        ),
    )
    speaker: Str | None = Field(
        pattern=SLUG,
        description="Id of the speaking entity in `entities`, or null (then see `speaker_text`).",
        examples=["vladimir-putin"],
    )
    co_speakers: tuple[Slug, ...] = Field(
        default=(),
        description=(
            "Ids of further entities that speak jointly with `speaker` (a joint statement), "
            "in `entities`; empty otherwise."
        ),
        examples=[["kim-jong-un"]],
    )
    speaker_text: Str | None = Field(
        description=(
            "Who speaks, in the article's own words (it occurs in `text`), when the speaker "
            "is not an entity of the article (e.g. a crowd); or null."
        ),
        examples=["Tausende von Nordkoreanern"],
    )
    speaker_span: Segment | None = Field(
        default=None,
        description=(
            "The words that name the speaker for this quote (a pronoun included), outside "
            "the content; null when no words of the text do."
        ),
    )
    inferred: Bool = Field(
        default=False,
        description=(
            "True when the text does not attribute this quote: the speaker is inferred from "
            "elsewhere in the article (see the guidelines)."
        ),
    )
    cue: Cue | None = Field(description="The reporting expression, or null when there is none.")
    kind: QuoteKind = Field(
        description=(
            "`direct`: a whole utterance in quotation marks; `mixed`: quoted words inside "
            "the reporter's own sentence or inside indirect speech; `indirect`: a "
            "paraphrased proposition (a dass-clause, *wie X berichtet*); `reported`: a "
            "speech act named with its content summarised (accusations, denials, promises)."
        ),
        examples=["direct"],
    )


class Timex(_Model):
    """A temporal expression, typed and normalised as in TIMEX3 (HeidelTime conventions)."""

    id: Str = Field(pattern=SLUG, description="Identifier, unique in the article.", examples=["t1"])
    start: Offset = Field(description="Start offset (inclusive) in code points.", examples=[55])
    end: Offset = Field(description="End offset (exclusive) in code points.", examples=[68])
    text: Str = Field(
        min_length=1, description="The covered text: `text[start:end]`.", examples=["Juni 19, 2024"]
    )
    type: TimexType = Field(description="TIMEX3 type.", examples=["DATE"])
    value: Str = Field(
        min_length=1,
        description=(
            "Normalised value: a (partial) ISO 8601 date such as `2024-06-19`, `2024-06` "
            "or `2000`, a decade (`194`) or century (`19`), an ISO 8601 duration "
            "(`P24Y`), or `PRESENT_REF`, `PAST_REF`, `FUTURE_REF`."
        ),
        examples=["2024-06-19"],
    )
    mod: TimexMod | None = Field(
        default=None,
        description="TIMEX3 modifier, e.g. `END` for *späten 1940er Jahren*, or null.",
        examples=["END"],
    )


class Topic(_Model):
    """A subject code from a controlled vocabulary."""

    scheme: Str = Field(
        min_length=1,
        description="Vocabulary the code belongs to.",
        examples=["IPTC Media Topics"],
    )
    version: Str | None = Field(
        description="Version or snapshot of the vocabulary the code was verified against.",
        examples=["2025-03-31"],
    )
    code: Str = Field(
        min_length=1, description="The code, as a QCode.", examples=["medtop:11000000"]
    )
    label: Str = Field(
        min_length=1,
        description="The code's English label in that version, whatever the article's language.",
        examples=["politics and government"],
    )

    @property
    def key(self) -> tuple[str, str]:
        """What identifies a topic in an article: see :func:`topic_key`."""
        return (self.scheme, self.code)


def topic_key(topic: Mapping[str, Any]) -> tuple[str, str]:
    """What identifies a topic in an article (as a JSON object): its scheme and its code.

    The one definition used by the validator (a topic listed twice), ``newsdata diff`` and
    ``newsdata agree``; the label and the version describe the code, they do not identify it.

    Examples
    --------
    >>> topic_key({"scheme": "IPTC Media Topics", "code": "medtop:11000000", "label": "x"})
    ('IPTC Media Topics', 'medtop:11000000')
    """
    return (str(topic.get("scheme")), str(topic.get("code")))


# --------------------------------------------------------------------------- article


class Article(_Model):
    """One news article: verbatim text plus stand-off annotations.

    Every offset points into ``text`` in Unicode code points, start
    inclusive, end exclusive, so ``article.text[m.start:m.end] == m.text``.
    """

    id: Str = Field(
        pattern=SLUG,
        description="Stable lowercase slug, equal to the file name; never reused.",
        examples=["putin-kim-allianz-2024"],
    )
    title: Str = Field(min_length=1, description="Headline, equal to the `title` block's text.")
    language: Str = Field(
        pattern=BCP47, description="Language of `text` as a BCP 47 tag.", examples=["de"]
    )
    published: IsoDate | None = Field(
        json_schema_extra={"pattern": ISO_DATE},
        description="Publication date (ISO 8601) as the article states it, or null when unknown.",
        examples=["2024-06-19"],
    )
    reading_time: Str | None = Field(
        default=None,
        pattern=ISO_DURATION,
        description=(
            "Reading time stated by the site, as an ISO 8601 duration "
            "(schema.org `timeRequired`), or null."
        ),
        examples=["PT2M"],
    )
    source: Source = Field(description="Where the text came from.")
    rights: Str = Field(
        min_length=1,
        description="Statement of the redistribution status of the text (licence, or why unknown).",
    )
    text: Str = Field(
        min_length=1,
        description="The article exactly as received: verbatim, NFC, boilerplate included.",
    )
    blocks: tuple[Block, ...] = Field(description="Document structure, in text order.")
    mentions: tuple[Mention, ...] = Field(description="Named-entity mentions, in text order.")
    entities: tuple[Entity, ...] = Field(description="Canonical entities referred to.")
    quotes: tuple[Quote, ...] = Field(description="Reported speech, in text order.")
    timexes: tuple[Timex, ...] = Field(description="Temporal expressions, in text order.")
    topics: tuple[Topic, ...] = Field(description="Subject codes for the whole article.")
    annotation: Annotation = Field(description="Provenance of the annotations.")

    @property
    def body(self) -> str:
        """The text without boilerplate blocks (offsets do not apply to it).

        Examples
        --------
        >>> import newsdata
        >>> article = newsdata.load()[0]
        >>> kept = [b for b in article.blocks if b.kind != "boilerplate"]
        >>> all(article.text[b.start : b.end] in article.body for b in kept)
        True
        """
        pieces: list[str] = []
        cursor = 0
        for block in self.blocks:
            if block.kind == "boilerplate":
                pieces.append(self.text[cursor : block.start])
                cursor = block.end
        pieces.append(self.text[cursor:])
        return "".join(pieces).rstrip()

    def entity(self, entity_id: str) -> Entity:
        """Return the entity with id ``entity_id``.

        Raises
        ------
        KeyError
            When the article has no such entity.

        Examples
        --------
        >>> import newsdata
        >>> article = next(a for a in newsdata.load() if a.mentions)
        >>> mention = next(m for m in article.mentions if m.entity)
        >>> article.entity(mention.entity).type == mention.label[:3]
        True
        """
        for entity in self.entities:
            if entity.id == entity_id:
                return entity
        raise KeyError(f"article {self.id!r} has no entity {entity_id!r}")


# --------------------------------------------------------------------------- layers, derived
# The layers are the article's fields that hold a tuple of annotation items; every
# other module takes their names from here, so a new layer is added in this file only.


def _layer_items() -> dict[str, type[BaseModel]]:
    items: dict[str, type[BaseModel]] = {}
    for name, info in Article.model_fields.items():
        args = get_args(info.annotation)
        item = args[0] if get_origin(info.annotation) is tuple and args else None
        if isinstance(item, type) and issubclass(item, BaseModel):
            items[name] = item
    return items


LAYER_ITEMS: Mapping[str, type[BaseModel]] = MappingProxyType(_layer_items())
"""Each layer's name and the model of its items, in the article's field order."""

LAYERS: tuple[str, ...] = tuple(LAYER_ITEMS)
"""The annotation layers: ``blocks``, ``mentions``, ``entities``, ``quotes``, ``timexes``,
``topics``."""

SPAN_LAYERS: tuple[str, ...] = tuple(
    name
    for name, model in LAYER_ITEMS.items()
    if {"start", "end", "text"} <= model.model_fields.keys()
)
"""The layers whose items cover a span of the text and repeat its ``text``."""

if tuple(LayerMethods.model_fields) != LAYERS:  # pragma: no cover - a contract edit
    raise RuntimeError("LayerMethods must have one field per layer of Article, in order")


def _segment_fields(model: type[BaseModel]) -> tuple[str, ...]:
    names = []
    for name, info in model.model_fields.items():
        inner = [a for a in get_args(info.annotation) if a is not type(None) and a is not Ellipsis]
        types = inner or [info.annotation]
        if any(isinstance(t, type) and issubclass(t, Segment) for t in types):
            names.append(name)
    return tuple(names)


QUOTE_SEGMENTS: tuple[str, ...] = _segment_fields(Quote)
"""The fields of a quote that hold segments of the text: ``verbatim`` (a list),
``speaker_span`` and ``cue``."""


def quote_segments(quote: Mapping[str, Any]) -> list[tuple[str, dict[str, Any]]]:
    """The segments inside a quote's JSON object, each with its JSON Pointer below the quote.

    Examples
    --------
    >>> quote = {"verbatim": [{"start": 1, "end": 2, "text": "a"}], "cue": None}
    >>> quote_segments(quote)
    [('verbatim/0', {'start': 1, 'end': 2, 'text': 'a'})]
    """
    found: list[tuple[str, dict[str, Any]]] = []
    for name in QUOTE_SEGMENTS:
        value = quote.get(name)
        if isinstance(value, (list, tuple)):
            found += [(f"{name}/{j}", part) for j, part in enumerate(value)]
        elif value is not None:
            found.append((name, value))
    return found
