"""The public facade: :func:`load` (which can check a corpus as it loads it), and a
:class:`Corpus` with the conversions to other libraries' formats.

The layer above the formats: the read path (:mod:`newsdata.loader`) imports no check and
no format, so what needs one is here. Each is imported when called, so that
``import newsdata; newsdata.load()`` stays as light as the read path.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from newsdata import loader
from newsdata.layout import ARTICLES_DIR, CorpusLayout
from newsdata.loader import IntegrityError, open_corpus
from newsdata.reading import CorpusError, check_document, corpus_layout

__all__ = ["Corpus", "from_hf_dataset", "load", "verify_corpus"]


class Corpus(loader.Corpus):
    """A read-only, id-ordered sequence of articles, read when used.

    Design, in three lines: the article files are the data, and a Corpus holds only
    their listing; an :class:`Article` is parsed when asked for and kept while in use;
    every columnar view comes from one memory-mapped store derived from the files.

    Index by position (``corpus[0]``) or by id (``corpus["some-id"]``); ``in``
    accepts an id or an :class:`Article`. A Corpus made from articles in memory
    (``Corpus(articles)``, :func:`from_hf_dataset`) holds them. Besides the tables
    (:meth:`to_arrow`, :meth:`to_pandas`), it converts to Hugging Face ``datasets``
    (:meth:`to_hf_dataset`) and spaCy (:meth:`to_spacy`).

    Examples
    --------
    >>> import newsdata
    >>> corpus = newsdata.load()
    >>> corpus[corpus.ids[0]] is corpus[0]
    True
    """

    __slots__ = ()

    def to_hf_dataset(self) -> Any:
        """The corpus as a Hugging Face ``datasets.Dataset`` with explicit Features.

        Labels are ``ClassLabel``; layers are lists of span structs. Needs
        ``newsdata[hf]``; :func:`newsdata.from_hf_dataset` converts back.
        """
        from newsdata.export.hf import to_hf_dataset

        return to_hf_dataset(self._docs())

    def to_spacy(self, nlp: Any = None) -> list[Any]:
        """The articles as spaCy ``Doc`` objects (``newsdata[spacy]``).

        Tokenised with ``spacy.blank(language)`` unless ``nlp`` is given; ``doc.ents``
        holds the outer mentions and span groups every layer. Spans that do not fall
        on token boundaries are listed in ``doc.user_data["newsdata_misaligned"]``
        and in a warning.
        """
        import warnings

        from newsdata.export.spacy_docs import to_spacy

        docs, misaligned = to_spacy(self._docs(), nlp)
        if misaligned:
            warnings.warn(
                f"{len(misaligned)} span(s) are not on token boundaries and are not spaCy "
                f"spans: " + "; ".join(str(m) for m in misaligned),
                stacklevel=2,
            )
        return docs


def load(
    path: str | Path | None = None, *, version: str | None = None, verify: bool = False
) -> Corpus:
    """Open a corpus: its descriptor and its article listing; articles are read when used.

    Loading reads no article: ``corpus[i]``, ``corpus["id"]`` and iteration parse an
    article file when it is asked for (and give the same object back while it is in
    use); :meth:`Corpus.to_arrow` and :meth:`Corpus.to_pandas` read every layer from the
    columnar store (:mod:`newsdata.columnar`), built on first use and memory-mapped.
    So loading costs the same for one article or a hundred thousand, and memory holds
    what the program keeps.

    Parameters
    ----------
    path
        A corpus directory (``datapackage.json`` and ``articles/``); ``None``
        means the corpus shipped with the package.
    version
        Require the corpus version to satisfy this: an exact version
        (``"0.1.0"``), a wildcard (``"0.*"``) or a PEP 440 specifier
        (``">=0.1,<1"``).
    verify
        Check now that every article file is listed in ``datapackage.json`` with its
        size and sha256, and is a valid article; and that every listed file (table
        views, ``croissant.json``) is as recorded. Reads every file, and the
        columnar store's files, if one is built: a store whose files differ from the
        digests it recorded is removed (with a warning) and built again when used.

    Returns
    -------
    Corpus
        The articles, in id order.

    Raises
    ------
    CorpusError
        When the directory is not a corpus (and, when an article is read, when its
        file is not a valid article).
    VersionMismatchError
        When the corpus does not satisfy ``version``.
    IntegrityError
        With ``verify=True``, when a file differs from what was recorded.

    Examples
    --------
    >>> import newsdata
    >>> corpus = newsdata.load()
    >>> len(corpus) >= 1
    True
    >>> corpus.ids[0] in corpus
    True
    """
    if verify:
        # before the descriptor is read: the check says what is wrong with it
        verify_corpus(corpus_layout(path, verifying=True))
    return open_corpus(Corpus, path, version=version)


def from_hf_dataset(dataset: Any) -> Corpus:
    """A Corpus from a dataset made by :meth:`Corpus.to_hf_dataset` (round trip equal).

    Examples
    --------
    >>> import newsdata
    >>> corpus = newsdata.load()
    >>> list(newsdata.from_hf_dataset(corpus.to_hf_dataset())) == list(corpus)
    True
    """
    from newsdata.export.hf import from_hf_dataset as decode
    from newsdata.models import Article

    return Corpus([Article.model_validate(doc) for doc in decode(dataset)])


def verify_corpus(layout: CorpusLayout) -> None:
    """The validator's package level (``newsdata validate``'s own integrity check, with
    the corpus's exemptions), every listed article checked against the contract as it is
    read; any error raises, naming every problem with its code."""
    # a check by request: the checks' code is imported only then
    from newsdata.columnar import CacheLocation, check_store
    from newsdata.stats import Tally
    from newsdata.validate.article import check_structure
    from newsdata.validate.exemptions import Exemptions
    from newsdata.validate.filelevel import parse_bytes
    from newsdata.validate.package import check_package
    from newsdata.validate.report import Problem

    display = str(layout.root)
    tally = Tally()
    contract: list[Problem] = []

    def article(file: Path, data: bytes) -> None:
        try:
            tally.add(check_document(file, data))
        except CorpusError:  # the validator says what is wrong, with its codes
            name = f"{display}/{ARTICLES_DIR}/{file.name}"
            contract.extend(check_structure(parse_bytes(name, data)))

    found = check_package(
        layout.root, display, counts=lambda: None if contract else tally.result(), article=article
    )
    exemptions = Exemptions.read(layout.root, display)
    errors = [
        p
        for p in [*exemptions.problems, *contract, *found]
        if p.severity == "error" and exemptions.match(p) is None
    ]
    if errors:
        raise IntegrityError(
            "; ".join(f"{p.file}{p.where}: {p.message} [{p.code}]" for p in errors)
            + "; run `newsdata validate` for the details, `newsdata build` to rewrite",
            codes=tuple(p.code for p in errors),
        )
    # the store is a copy: one whose shards differ is removed (no pyarrow: no store)
    import importlib.util

    if importlib.util.find_spec("pyarrow") is None:
        return
    check_store(layout, layout.article_names(), CacheLocation.of(layout))
