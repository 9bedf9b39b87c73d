"""Tabular views of the corpus as data package resources: one CSV per table, described
by a Frictionless Table Schema.

The tables themselves (columns, keys, how each row is read from an article) are declared
once, in :mod:`newsdata.frames.columns`, for the CSV views and the Arrow path alike; this
module describes them as resources and writes nothing. ``newsdata build`` writes them to
``tables/`` (:mod:`newsdata.build`) and lists them in ``datapackage.json``, so that R,
spreadsheet and Frictionless users read the corpus without the Python package.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from newsdata.frames.columns import TABLES, Column, Table

__all__ = ["TABLES", "Column", "Table", "table_resources"]


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
            parent = next((c.name for c in table.columns if c.kind == "parent"), None)
            if table.parent is not None and parent is not None:
                schema["foreignKeys"].append(
                    {
                        "fields": ["article_id", parent],
                        "reference": {
                            "resource": f"table.{table.parent}",
                            "fields": ["article_id", "id"],
                        },
                    }
                )
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
