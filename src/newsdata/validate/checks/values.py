"""Values the schema cannot judge: TIMEX3 values, dates, language tags, topics, methods."""

from __future__ import annotations

import datetime
import re
from collections.abc import Iterator

from newsdata.models import LAYERS, topic_key
from newsdata.timex import value_problem
from newsdata.topics import check_topics
from newsdata.validate.checks.base import ArticleUnderCheck, Finding, semantic_check

__all__ = ["methods", "timex_value_problem", "topics", "values"]

# RFC 5646 well-formedness (grandfathered tags aside); the registry is not consulted.
_BCP47 = re.compile(
    r"""
    (?:[a-z]{2,3}(?:-[a-z]{3}){0,3}|[a-z]{4}|[a-z]{5,8})   # language, extlang
    (?:-[a-z]{4})?                                        # script
    (?:-(?:[a-z]{2}|[0-9]{3}))?                           # region
    (?:-(?:[a-z0-9]{5,8}|[0-9][a-z0-9]{3}))*              # variants
    (?:-[a-wyz0-9](?:-[a-z0-9]{2,8})+)*                   # extensions
    (?:-x(?:-[a-z0-9]{1,8})+)?                            # private use
    """,
    re.VERBOSE,
)


def timex_value_problem(kind: str, value: str) -> tuple[str, str] | None:
    """Return ``(code, message)`` when a TIMEX3 value is malformed or impossible, else None.

    The grammar is :func:`newsdata.timex.value_problem`'s, from which the guidelines'
    table of values is generated: the rule and its check cannot drift apart.

    Examples
    --------
    >>> timex_value_problem("DATE", "2024-06-19") is None
    True
    >>> timex_value_problem("DATE", "2024-02-30")[0]
    'timex-invalid-date'
    >>> timex_value_problem("DURATION", "24 Jahre")[0]
    'timex-value'
    """
    return value_problem(kind, value)


@semantic_check("timex-value", "timex-invalid-date", "published-future", "language-tag")
def values(a: ArticleUnderCheck) -> Iterator[Finding]:
    doc = a.doc
    for i, t in enumerate(doc["timexes"]):
        value_problem = timex_value_problem(t["type"], t["value"])
        if value_problem is not None:
            yield Finding(*value_problem, f"/timexes/{i}/value")
    published = doc["published"]
    if published is not None and datetime.date.fromisoformat(published) > a.today:
        yield Finding("published-future", f"published {published} lies in the future", "/published")
    if not _BCP47.fullmatch(doc["language"].lower()):
        message = f"{doc['language']!r} is not a well-formed BCP 47 tag"
        yield Finding("language-tag", message, "/language")


@semantic_check(
    "topic-duplicate",
    "topic-unknown",
    "topic-retired",
    "topic-label",
    "topic-version",
    "topic-scheme",
)
def topics(a: ArticleUnderCheck) -> Iterator[Finding]:
    """Each topic once, and each a code of the pinned IPTC release with its label
    (:func:`newsdata.topics.check_topics`; the codes' severities are the registry's)."""
    doc = a.doc
    listed: set[tuple[str, str]] = set()
    for i, t in enumerate(doc["topics"]):
        key = topic_key(t)
        if key in listed:
            message = f"topic {t['code']!r} is listed more than once"
            yield Finding("topic-duplicate", message, f"/topics/{i}")
        listed.add(key)
    for problem in check_topics(doc["topics"]):
        yield Finding(problem.code, problem.message, problem.pointer)


@semantic_check("layer-not-annotated")
def methods(a: ArticleUnderCheck) -> Iterator[Finding]:
    """A layer marked ``none`` (not annotated) holds no items: an empty layer then means
    "nothing to annotate", never "not looked at"."""
    marked = a.doc["annotation"]["methods"]
    for layer in LAYERS:
        if marked.get(layer) == "none" and a.doc.get(layer):
            yield Finding(
                "layer-not-annotated",
                f"{layer} is marked 'none' (not annotated) but holds {len(a.doc[layer])} item(s)",
                f"/annotation/methods/{layer}",
            )
