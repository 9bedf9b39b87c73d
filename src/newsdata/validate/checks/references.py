"""References between items: mentions and quotes to entities, entities to Wikidata."""

from __future__ import annotations

from collections.abc import Iterator

from newsdata.validate.checks.base import ArticleUnderCheck, Finding, semantic_check

__all__ = ["references"]


@semantic_check(
    "entity-unknown",
    "entity-type-mismatch",
    "quote-no-speaker",
    "entity-unreferenced",
    "wikidata-duplicate",
)
def references(a: ArticleUnderCheck) -> Iterator[Finding]:
    doc = a.doc
    entities = {e["id"]: e for e in doc["entities"]}
    used: set[str] = set()
    for i, m in enumerate(doc["mentions"]):
        ref = m["entity"]
        if ref is None:
            continue
        used.add(ref)
        entity = entities.get(ref)
        if entity is None:
            yield Finding(
                "entity-unknown",
                f"mention {m['id']!r} refers to entity {ref!r}, which is not in entities",
                f"/mentions/{i}/entity",
            )
        elif m["label"][:3] != entity["type"]:
            yield Finding(
                "entity-type-mismatch",
                f"mention {m['id']!r} is labelled {m['label']} but entity {ref!r} "
                f"is of type {entity['type']}",
                f"/mentions/{i}/label",
            )
    for i, q in enumerate(doc["quotes"]):
        for j, other in enumerate(q.get("co_speakers", ())):
            used.add(other)
            if other not in entities:
                yield Finding(
                    "entity-unknown",
                    f"quote {q['id']!r} names co-speaker {other!r}, which is not in entities",
                    f"/quotes/{i}/co_speakers/{j}",
                )
        ref = q["speaker"]
        if ref is not None:
            used.add(ref)
            if ref not in entities:
                yield Finding(
                    "entity-unknown",
                    f"quote {q['id']!r} names speaker {ref!r}, which is not in entities",
                    f"/quotes/{i}/speaker",
                )
        elif not (q["speaker_text"] or "").strip():
            yield Finding(
                "quote-no-speaker",
                f"quote {q['id']!r} has neither speaker nor speaker_text",
                f"/quotes/{i}",
            )
    qids: dict[str, str] = {}
    for i, e in enumerate(doc["entities"]):
        if e["id"] not in used:
            yield Finding(
                "entity-unreferenced",
                f"entity {e['id']!r} is referred to by no mention or quote",
                f"/entities/{i}",
            )
        qid = e["wikidata"]
        if qid is not None:
            if qid in qids:
                yield Finding(
                    "wikidata-duplicate",
                    f"entities {qids[qid]!r} and {e['id']!r} both have {qid}",
                    f"/entities/{i}/wikidata",
                )
            qids.setdefault(qid, e["id"])
