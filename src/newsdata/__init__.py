"""newsdata: a versioned, schema-validated corpus of annotated news articles.

>>> import newsdata
>>> corpus = newsdata.load()
>>> article = corpus[0]
>>> article.language
'de'
"""

from __future__ import annotations

from importlib.metadata import PackageNotFoundError
from importlib.metadata import version as _version

try:
    __version__: str = _version("newsdata")
except PackageNotFoundError:  # pragma: no cover - running from a bare source tree
    __version__ = "0+unknown"

from newsdata import stats
from newsdata.loader import (
    Corpus,
    CorpusError,
    IntegrityError,
    VersionMismatchError,
    from_hf_dataset,
    iter_articles,
    load,
)
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
from newsdata.validate import Problem, Report, validate

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
