"""The two readers of the column declarations agree: the Python row view (the CSV views
`newsdata build` writes, `newsdata.datapackage.tables`) and the one Arrow path
(`newsdata.frames.arrow`: the columnar store, `to_arrow`, `to_pandas`, Parquet)."""

from __future__ import annotations

import dataclasses
import hashlib
import json
import warnings
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from synthetic import STYLES, Shape, dump, synthetic_article

import newsdata
from newsdata.columnar import STORE_FORMAT
from newsdata.datapackage import tables as csv_tables
from newsdata.frames import columns
from newsdata.frames.arrow import JsonLines, arrow_schema, layers_of_docs, layers_of_lines

shapes = st.builds(
    Shape,
    style=st.integers(0, len(STYLES) - 1),
    mentions=st.booleans(),
    quotes=st.booleans(),
    timexes=st.booleans(),
    topics=st.booleans(),
    published=st.booleans(),
    boilerplate=st.booleans(),
)
corpora = st.lists(st.tuples(st.integers(0, 5000), shapes), max_size=4, unique_by=lambda t: t[0])


def _arrow_rows(table: Any) -> list[list[Any]]:
    columns = table.to_pydict()
    rows = [list(r) for r in zip(*columns.values(), strict=True)]
    # dates come back as datetime.date; the JSON (and the Python view) has ISO strings
    return [[v.isoformat() if hasattr(v, "isoformat") else v for v in r] for r in rows]


@settings(max_examples=40, deadline=None)
@given(corpora)
def test_the_python_rows_equal_the_arrow_rows(specs: list[tuple[int, Shape]]) -> None:
    """For generated articles, every table's rows, value by value and column by column,
    are the same from the CSV view's Python code and from the Arrow path (from dicts and
    from the files' own bytes, as the columnar store reads them)."""
    docs = [json.loads(dump(synthetic_article(n, shape))) for n, shape in specs]
    from_dicts = layers_of_docs(docs)
    raw = JsonLines()
    for doc in docs:
        raw.add_raw(dump(doc))
    from_bytes = layers_of_lines(raw)
    for table in csv_tables.TABLES:
        python = [row for doc in docs for row in table.values(doc)]
        for arrow in (from_dicts[table.name], from_bytes[table.name]):
            assert arrow.schema.names == [c.name for c in table.columns], table.name
            assert _arrow_rows(arrow) == python, table.name


def test_the_declarations_are_the_csv_views_declarations() -> None:
    """The read path declares the columns the CSV views have, field by field."""
    assert tuple(t.name for t in csv_tables.TABLES) == columns.LAYER_NAMES
    for ours, csv in zip(columns.TABLES, csv_tables.TABLES, strict=True):
        assert dataclasses.asdict(ours) == dataclasses.asdict(csv), ours.name


def test_the_arrow_schemas_are_the_table_schemas() -> None:
    """Each Arrow field is its CSV column: name, order, description, and whether it may
    be empty."""
    for table in columns.TABLES:
        schema = arrow_schema(table.name)
        assert schema.names == [c.name for c in table.columns]
        for field, column in zip(schema, table.columns, strict=True):
            assert field.metadata[b"description"].decode() == column.description
            assert field.nullable is not column.required


# What the tables of a store of each format hold; a change of the columns (their names,
# types, descriptions or how they are read) needs a new STORE_FORMAT, recorded here.
STORE_CONTENTS = {5: "029461029ff95dd3"}


def _contents() -> str:
    declared = [
        (t.name, t.layer, t.within, [dataclasses.astuple(c) for c in t.columns])
        for t in columns.TABLES
    ]
    types = [[(f.name, str(f.type)) for f in arrow_schema(t.name)] for t in columns.TABLES]
    text = json.dumps([declared, types], default=str)
    return hashlib.sha256(text.encode()).hexdigest()[:16]


def test_a_change_of_the_tables_bumps_the_store_format() -> None:
    assert STORE_CONTENTS.get(STORE_FORMAT) == _contents(), (
        f"the tables differ from those of store format {STORE_FORMAT}: bump STORE_FORMAT "
        f"(newsdata/columnar/store.py) and record {{{STORE_FORMAT + 1}: {_contents()!r}}} "
        "here, so that no store of the old tables is read"
    )


@pytest.mark.parametrize("method", ["to_arrow", "to_pandas"])
def test_layer_is_the_deprecated_name_of_table(fixture_corpus: Path, method: str) -> None:
    loaded = newsdata.load(fixture_corpus)
    for corpus in (loaded, newsdata.Corpus(list(loaded))):
        call = getattr(corpus, method)
        with warnings.catch_warnings():
            warnings.simplefilter("error")  # the new name warns of nothing
            new = call(table="quotes")
        with pytest.warns(DeprecationWarning, match=rf"Corpus.{method}\(layer=...\) is depre"):
            old = call(layer="quotes")
        assert old.equals(new)
        assert call("quotes").equals(new)
