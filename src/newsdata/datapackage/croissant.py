"""Croissant (MLCommons) metadata: the corpus described for ML dataset tools.

The description lists the CSV table views as files with their sha256 and one record
set per layer whose fields read the table columns, plus the article JSON files as a
file set. It is written by `newsdata build` as ``croissant.json`` beside
``datapackage.json``, and by ``newsdata export --format croissant``.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from newsdata._io import dump_json, sha256_hex
from newsdata.datapackage.descriptor import PackageInfo
from newsdata.datapackage.tables import TABLES
from newsdata.layout import ARTICLE_SUFFIX, ARTICLES_DIR

__all__ = ["CONFORMS_TO", "croissant", "croissant_bytes"]

CONFORMS_TO = "http://mlcommons.org/croissant/1.0"

_CR = "cr:"
# The JSON-LD context of Croissant 1.0: schema.org as the default vocabulary, the
# Croissant terms under cr:, conformsTo from Dublin Core.
_CONTEXT: dict[str, Any] = {
    "@language": "en",
    "@vocab": "https://schema.org/",
    "sc": "https://schema.org/",
    "cr": "http://mlcommons.org/croissant/",
    "rai": "http://mlcommons.org/croissant/RAI/",
    "dct": "http://purl.org/dc/terms/",
    "conformsTo": "dct:conformsTo",
    "data": {"@id": "cr:data", "@type": "@json"},
    "dataType": {"@id": "cr:dataType", "@type": "@vocab"},
    "examples": {"@id": "cr:examples", "@type": "@json"},
    **{
        term: _CR + term
        for term in (
            "citeAs", "column", "equivalentProperty", "extract", "field", "fileProperty",
            "fileObject", "fileSet", "format", "includes", "isLiveDataset", "jsonPath", "key",
            "md5", "parentField", "path", "recordSet", "references", "regex", "repeated",
            "replace", "samplingRate", "separator", "source", "subField", "transform",
        )
    },
}  # fmt: skip

_TYPES = {
    "string": "sc:Text",
    "integer": "sc:Integer",
    "boolean": "sc:Boolean",
    "date": "sc:Date",
    "duration": "sc:Text",
}


def croissant(descriptor: PackageInfo | Mapping[str, Any]) -> dict[str, Any]:
    """The Croissant description of a corpus, from its data package descriptor.

    Examples
    --------
    >>> import newsdata
    >>> meta = croissant(newsdata.load().descriptor)
    >>> meta["conformsTo"], [r["name"] for r in meta["recordSet"]][:3]
    ('http://mlcommons.org/croissant/1.0', ['articles', 'blocks', 'mentions'])
    """
    if not isinstance(descriptor, PackageInfo):
        descriptor = PackageInfo.from_json(descriptor)
    resources = {r.get("path"): r for r in descriptor.resources or () if isinstance(r, dict)}
    name = descriptor.get("name", "corpus")
    version = descriptor.get("version")
    files: list[dict[str, Any]] = [
        {
            "@type": "cr:FileSet",
            "@id": "article-files",
            "name": "article-files",
            "description": "One JSON document per article (the newsdata article format).",
            "encodingFormat": "application/json",
            "includes": f"{ARTICLES_DIR}/*{ARTICLE_SUFFIX}",
        }
    ]
    record_sets = []
    for table in TABLES:
        resource = resources.get(table.path)
        if resource is None:
            continue  # a corpus built without the table views describes its files only
        file_id = f"{table.name}-csv"
        files.append(
            {
                "@type": "cr:FileObject",
                "@id": file_id,
                "name": file_id,
                "description": f"CSV view of the {table.name} layer.",
                "contentUrl": table.path,
                "contentSize": f"{resource['bytes']} B",
                "encodingFormat": "text/csv",
                "sha256": sha256_hex(str(resource["hash"])),
            }
        )
        record_sets.append(
            {
                "@type": "cr:RecordSet",
                "@id": table.name,
                "name": table.name,
                "description": table.description,
                "field": [
                    {
                        "@type": "cr:Field",
                        "@id": f"{table.name}/{column.name}",
                        "name": column.name,
                        "description": column.description,
                        "dataType": _TYPES[column.type],
                        "source": {
                            "fileObject": {"@id": file_id},
                            "extract": {"column": column.name},
                        },
                    }
                    for column in table.columns
                ],
            }
        )
    citation = f"{descriptor.get('title', name)}, version {version}" if version else name
    meta: dict[str, Any] = {}
    # the descriptor's licences only, by link or name: none declared, none stated
    declared = descriptor.get("licenses")
    found = [
        entry.get("path") or entry.get("name")
        for entry in (declared if isinstance(declared, list) else [])
        if isinstance(entry, dict)
    ]
    if any(isinstance(item, str) for item in found):
        meta["license"] = [item for item in found if isinstance(item, str)]
    languages = (descriptor.counts or {}).get("languages") or {}
    if languages:
        meta["inLanguage"] = sorted({tag.split("-")[0].lower() for tag in languages})
    return {
        "@context": _CONTEXT,
        "@type": "sc:Dataset",
        "name": name,
        "description": descriptor.get("description", ""),
        "conformsTo": CONFORMS_TO,
        "version": version,
        "citeAs": citation,
        "keywords": descriptor.get("keywords", []),
        **meta,
        "creator": [
            {"@type": "sc:Organization", "name": c.get("title")}
            for c in descriptor.get("contributors", [])
            if isinstance(c, dict)
        ],
        "distribution": files,
        "recordSet": record_sets,
    }


def croissant_bytes(descriptor: PackageInfo | Mapping[str, Any]) -> bytes:
    """``croissant.json`` exactly as ``newsdata build`` writes it for ``descriptor``:
    what the build writes, the validator and ``load(verify=True)`` compare with."""
    return dump_json(croissant(descriptor))
