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

from typing import TYPE_CHECKING

from newsdata._lazy import lazy_names
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

# Imported on first use (the one mechanism, :mod:`newsdata._lazy`): the models need
# pydantic, which loading a corpus does not; the version needs importlib.metadata.
_MODELS = (
    "LABELS", "Annotation", "Article", "Block", "Cue", "Entity", "LayerMethods", "Mention",
    "Quote", "Source", "Timex", "Topic",
)  # fmt: skip
__getattr__, __dir__ = lazy_names(
    __name__,
    {
        **{name: f"newsdata.models:{name}" for name in _MODELS},
        "Problem": "newsdata.validate:Problem",
        "Report": "newsdata.validate:Report",
        "stats": "newsdata.stats",
        "__version__": "newsdata._version:version()",
    },
    (
        "Corpus",
        "CorpusError",
        "IntegrityError",
        "VersionMismatchError",
        "from_hf_dataset",
        "iter_articles",
        "load",
        "validate",
    ),
)

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
