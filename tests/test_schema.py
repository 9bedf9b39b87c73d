"""The generated JSON Schema: up to date, documented, and in agreement with the models."""

from __future__ import annotations

import copy
import json
from collections.abc import Iterator
from typing import Any

import jsonschema
import jsonschema_rs
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from pydantic import ValidationError

from newsdata import Article
from newsdata.schema import check_schemas, generate_schemas, load_schema

SCHEMA = load_schema("article.schema.json")


def _objects(node: Any, path: str = "#") -> Iterator[tuple[str, dict[str, Any]]]:
    if isinstance(node, dict):
        if node.get("type") == "object" or "properties" in node:
            yield path, node
        for key, value in node.items():
            yield from _objects(value, f"{path}/{key}")
    elif isinstance(node, list):
        for i, value in enumerate(node):
            yield from _objects(value, f"{path}/{i}")


def test_schema_files_are_up_to_date() -> None:
    assert check_schemas() == []


def test_schema_header() -> None:
    assert SCHEMA["$schema"] == "https://json-schema.org/draft/2020-12/schema"
    assert SCHEMA["$id"] == "urn:newsdata:schema:v0:article"
    jsonschema.Draft202012Validator.check_schema(SCHEMA)


def test_every_object_forbids_unknown_fields_and_describes_every_property() -> None:
    objects = list(_objects(SCHEMA))
    assert len(objects) >= 10
    for path, node in objects:
        assert node.get("additionalProperties") is False, path
        for name, prop in node["properties"].items():
            assert prop.get("description"), f"{path}/properties/{name} has no description"


def test_generated_equals_shipped() -> None:
    assert generate_schemas()["article.schema.json"] == SCHEMA


_REFERENCE = jsonschema.Draft202012Validator(SCHEMA, format_checker=jsonschema.FormatChecker())
_FAST = jsonschema_rs.validator_for(SCHEMA, validate_formats=True)


def _pydantic_accepts(doc: Any) -> bool:
    try:
        Article.model_validate_json(json.dumps(doc))
    except ValidationError:
        return False
    return True


def _verdicts(doc: Any) -> tuple[bool, bool, bool]:
    return _REFERENCE.is_valid(doc), _FAST.is_valid(doc), _pydantic_accepts(doc)


# Values chosen where validators are known to differ: pattern anchors ($ before a
# final newline), integer coercion (strings, booleans, 5.0), date formats.
_TRICKY: st.SearchStrategy[Any] = st.sampled_from(
    [
        "de\n",
        "de",
        "DE-ch",
        "q1",
        "Q1\n",
        "Q0",
        "Q7747",
        "2024-02-30",
        "2024-06-19\n",
        "20240619",
        "2024-06-19T00:00:00",
        "",
        " ",
        "PER",
        "PER\n",
        "per",
        "LOCderiv",
        "PT2M",
        "P",
        "1.0.0",
        "1.0.0\n",
        "5",
        5,
        5.0,
        5.5,
        -1,
        0,
        True,
        False,
        None,
        [],
        {},
        10**20,
    ]
)
_PATHS = [
    ("id",),
    ("language",),
    ("published",),
    ("reading_time",),
    ("title",),
    ("rights",),
    ("source", "retrieved"),
    ("source", "url"),
    ("mentions", 0, "start"),
    ("mentions", 0, "label"),
    ("mentions", 0, "entity"),
    ("mentions", 0, "id"),
    ("entities", 0, "wikidata"),
    ("entities", 0, "type"),
    ("quotes", 0, "cue"),
    ("quotes", 0, "kind"),
    ("quotes", 0, "cue", "end"),
    ("timexes", 0, "mod"),
    ("timexes", 0, "value"),
    ("annotation", "guidelines"),
    ("annotation", "date"),
    ("annotation", "methods", "blocks"),
    ("topics", 0, "version"),
]


@st.composite
def mutated(draw: st.DrawFn) -> Any:
    from make_fixtures import valid_article

    doc: Any = valid_article()
    for _ in range(draw(st.integers(1, 3))):
        path = draw(st.sampled_from(_PATHS))
        node = doc
        for key in path[:-1]:
            if not isinstance(node, (dict, list)) or (isinstance(node, dict) and key not in node):
                break  # an earlier mutation removed or replaced this branch
            if isinstance(node, dict):
                node = node[key]
            else:
                node = node[key] if isinstance(key, int) else None
        if not isinstance(node, dict):
            continue
        action = draw(st.sampled_from(["set", "set", "delete", "extra"]))
        if action == "set":
            node[path[-1]] = draw(_TRICKY)
        elif action == "delete":
            node.pop(path[-1], None)
        else:
            node["unexpected"] = 1
    return doc


@settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(mutated())
def test_models_and_both_schema_validators_agree(doc: Any) -> None:
    reference, fast, model = _verdicts(doc)
    assert reference == fast == model, (reference, fast, model)


@pytest.mark.parametrize(
    ("path", "value"),
    [
        (("language",), "de\n"),  # Python re: $ matches before a final newline
        (("mentions", 0, "start"), "5"),  # pydantic lax mode would coerce
        (("mentions", 0, "start"), True),
        (("mentions", 0, "start"), 5.0),  # JSON Schema: an integer
        (("published",), "2024-02-30"),
        (("published",), "20240619"),  # Python's fromisoformat accepts it; the contract does not
    ],
)
def test_known_disagreements_are_settled(path: tuple[Any, ...], value: Any) -> None:
    from make_fixtures import valid_article

    doc: Any = copy.deepcopy(valid_article())
    node = doc
    for key in path[:-1]:
        node = node[key]
    node[path[-1]] = value
    reference, fast, model = _verdicts(doc)
    assert reference == fast == model
    assert model is (value == 5.0 and not isinstance(value, bool))
