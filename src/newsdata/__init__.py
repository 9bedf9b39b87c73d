"""newsdata: a versioned, schema-validated corpus of annotated news articles.

>>> import newsdata
>>> corpus = newsdata.load()
>>> article = corpus[0]
>>> corpus[article.id] is article
True
>>> all(article.text[m.start : m.end] == m.text for m in article.mentions)
True
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

from newsdata.api import Corpus, from_hf_dataset, load
from newsdata.loader import CorpusError, IntegrityError, VersionMismatchError, iter_articles
from newsdata.validate import validate

if TYPE_CHECKING:
    from newsdata import stats
    from newsdata.models import (
        LABELS,
        Annotation,
        Article,
        Block,
        Cue,
        Entity,
        LayerMethods,
        Mention,
        Quote,
        Source,
        Timex,
        Topic,
    )
    from newsdata.validate import Problem, Report

    __version__: str

# Imported on first use: the models need pydantic (about 100 ms), which loading a
# corpus does not; `import newsdata; newsdata.load()` stays quick.
_MODELS = (
    "LABELS",
    "Annotation",
    "Article",
    "Block",
    "Cue",
    "Entity",
    "LayerMethods",
    "Mention",
    "Quote",
    "Source",
    "Timex",
    "Topic",
)


def __getattr__(name: str) -> Any:
    if name in _MODELS:
        return getattr(importlib.import_module("newsdata.models"), name)
    if name in ("Problem", "Report"):  # where they live is the validate package's to say
        return getattr(importlib.import_module("newsdata.validate"), name)
    if name == "stats":
        return importlib.import_module("newsdata.stats")
    # The version is read from the installed metadata on first use:
    # importlib.metadata alone costs about 30 ms of `import newsdata`.
    if name == "__version__":
        from newsdata._version import version

        return version()
    raise AttributeError(f"module 'newsdata' has no attribute {name!r}")


def __dir__() -> list[str]:
    return sorted(__all__)


__all__ = [
    "LABELS",
    "Annotation",
    "Article",
    "Block",
    "Corpus",
    "CorpusError",
    "Cue",
    "Entity",
    "IntegrityError",
    "LayerMethods",
    "Mention",
    "Problem",
    "Quote",
    "Report",
    "Source",
    "Timex",
    "Topic",
    "VersionMismatchError",
    "__version__",
    "from_hf_dataset",
    "iter_articles",
    "load",
    "stats",
    "validate",
]
