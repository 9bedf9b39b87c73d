"""newsdata.load, iter_articles and Corpus on the shipped corpus and on other directories."""

from __future__ import annotations

import copy
import gc
import json
import os
import shutil
from pathlib import Path
from typing import Any

import pytest

import newsdata
from newsdata import Corpus, CorpusError, IntegrityError, VersionMismatchError


def test_shipped_corpus_loads() -> None:
    corpus = newsdata.load()
    assert len(corpus) >= 1
    article = corpus[0]
    assert corpus[article.id] is article
    # a Corpus answers `in` for an id as well as for an Article
    assert article.id in corpus  # type: ignore[comparison-overlap]
    assert article in corpus
    assert "no-such-article" not in corpus  # type: ignore[comparison-overlap]
    assert list(corpus) == sorted(corpus, key=lambda a: a.id)
    assert corpus.ids == tuple(a.id for a in corpus)
    assert corpus.version == newsdata.__version__
    assert corpus.descriptor["name"] == "newsdata"


def test_unknown_id_and_metadata_are_read_only() -> None:
    corpus = newsdata.load()
    with pytest.raises(KeyError, match="nope"):
        corpus["nope"]
    with pytest.raises(TypeError):
        corpus.descriptor["name"] = "x"  # type: ignore[index]


def test_other_corpus_directory(make_corpus: Any, article_dict: dict[str, Any]) -> None:
    second = json.loads(json.dumps(article_dict))
    second["id"] = "another"
    root = make_corpus([second, article_dict])
    corpus = newsdata.load(root)
    assert corpus.ids == ("another", "fixture-article")
    assert corpus.version == "0.1.0"
    assert [a.id for a in newsdata.iter_articles(root)] == ["another", "fixture-article"]


def test_iter_articles_is_lazy(make_corpus: Any, article_dict: dict[str, Any]) -> None:
    root = make_corpus([article_dict])
    (root / "articles" / "zz-broken.json").write_text("{", encoding="utf-8")
    stream = newsdata.iter_articles(root)
    assert next(stream).id == "fixture-article"
    with pytest.raises(CorpusError, match=r"zz-broken\.json"):
        next(stream)


@pytest.mark.parametrize("wanted", ["0.1.0", "0.*", ">=0.1,<1", "~=0.1"])
def test_version_pins_that_match(wanted: str) -> None:
    assert len(newsdata.load(version=wanted)) >= 1


@pytest.mark.parametrize("wanted", ["1.2.0", "1.*", ">=2"])
def test_version_pins_that_do_not_match(wanted: str) -> None:
    with pytest.raises(VersionMismatchError, match=r"version 0\.1\.0.*pip install"):
        newsdata.load(version=wanted)


def test_bad_version_specifier() -> None:
    with pytest.raises(CorpusError, match="PEP 440"):
        newsdata.load(version="latest please")


def test_verify(make_corpus: Any, article_dict: dict[str, Any]) -> None:
    root = make_corpus([article_dict])
    assert len(newsdata.load(root, verify=True)) == 1
    path = root / "articles" / "fixture-article.json"
    path.write_bytes(path.read_bytes() + b"\n")
    with pytest.raises(IntegrityError, match=r"fixture-article\.json"):
        newsdata.load(root, verify=True)


def test_a_built_corpus_verifies(fixture_corpus: Path) -> None:
    assert len(newsdata.load(fixture_corpus, verify=True)) >= 1


def test_errors_name_the_file_and_place(make_corpus: Any, article_dict: dict[str, Any]) -> None:
    article_dict["mentions"][0]["label"] = "PERSON"
    root = Path(make_corpus([]))
    (root / "articles" / "fixture-article.json").write_text(
        json.dumps(article_dict), encoding="utf-8"
    )
    corpus = newsdata.load(root)  # loading reads no article; reading one finds the error
    with pytest.raises(CorpusError, match=r"fixture-article\.json.*at /mentions/0/label"):
        corpus[0]
    with pytest.raises(CorpusError, match=r"fixture-article\.json.*at /mentions/0/label"):
        corpus.to_arrow("mentions")


def test_not_a_corpus(tmp_path: Path) -> None:
    with pytest.raises(CorpusError, match="not a corpus directory"):
        newsdata.load(tmp_path / "missing")
    with pytest.raises(CorpusError, match="no articles/"):
        newsdata.load(tmp_path)


def test_duplicate_ids_are_refused(article_dict: dict[str, Any]) -> None:
    article = newsdata.Article.model_validate(article_dict)
    with pytest.raises(CorpusError, match="share an id"):
        Corpus([article, article])


def test_slicing_returns_articles() -> None:
    corpus = newsdata.load()
    assert corpus[0:1] == (corpus[0],)


def test_copied_shipped_corpus_loads_anywhere(tmp_path: Path) -> None:
    from newsdata.layout import dataset_dir

    copy = tmp_path / "copy"
    shutil.copytree(dataset_dir(), copy)
    assert newsdata.load(copy, verify=True).ids == newsdata.load().ids


def test_loading_reads_no_article(make_corpus: Any, article_dict: dict[str, Any]) -> None:
    root = make_corpus([article_dict])
    (root / "articles" / "zz-broken.json").write_text("{", encoding="utf-8")
    corpus = newsdata.load(root)
    assert len(corpus) == 2
    assert corpus.ids == ("fixture-article", "zz-broken")
    assert corpus[0].id == "fixture-article"
    with pytest.raises(CorpusError, match=r"zz-broken\.json"):
        corpus["zz-broken"]


def test_articles_are_kept_while_in_use_only(
    make_corpus: Any, article_dict: dict[str, Any]
) -> None:
    import gc
    import weakref

    corpus = newsdata.load(make_corpus([article_dict]))
    article = corpus[0]
    assert corpus["fixture-article"] is article
    assert list(corpus) == [article]
    kept = weakref.ref(article)
    del article
    gc.collect()
    assert kept() is None  # the corpus does not hold what the program let go
    assert corpus[0] == newsdata.load(corpus.root)[0]


def test_a_file_removed_after_loading_is_named(
    make_corpus: Any, article_dict: dict[str, Any]
) -> None:
    root = make_corpus([article_dict])
    corpus = newsdata.load(root)
    (root / "articles" / "fixture-article.json").unlink()
    with pytest.raises(CorpusError, match=r"fixture-article\.json: removed after .* load it again"):
        corpus[0]


def test_verify_checks_that_each_article_is_valid(
    make_corpus: Any, article_dict: dict[str, Any]
) -> None:
    from newsdata._io import sha256_digest

    root = make_corpus([article_dict])
    path = root / "articles" / "fixture-article.json"
    article_dict["mentions"][0]["label"] = "PERSON"
    data = json.dumps(article_dict).encode()
    path.write_bytes(data)
    descriptor = json.loads((root / "datapackage.json").read_bytes())
    for resource in descriptor["resources"]:
        if resource["path"] == "articles/fixture-article.json":  # recorded as it now is
            resource.update(bytes=len(data), hash=sha256_digest(data))
    (root / "datapackage.json").write_text(json.dumps(descriptor), encoding="utf-8")
    with pytest.raises(CorpusError, match=r"fixture-article\.json.*at /mentions/0/label"):
        newsdata.load(root, verify=True)


def test_a_descriptor_that_is_not_json_is_named(make_corpus: Any, article_dict: Any) -> None:
    root = make_corpus([article_dict])
    for bad in ("{", '{"version": NaN}', "[" * 100_000 + "]" * 100_000):
        (root / "datapackage.json").write_text(bad, encoding="utf-8")
        corpus = newsdata.load(root)  # the descriptor is read when first asked for
        with pytest.raises(CorpusError, match=r"datapackage\.json: not valid JSON"):
            _ = corpus.version
        with pytest.raises(CorpusError, match=r"datapackage\.json: not valid JSON"):
            newsdata.load(root, version="0.1.0")


def test_a_link_put_in_place_after_loading_is_not_followed(
    make_corpus: Any, article_dict: dict[str, Any], tmp_path: Path
) -> None:
    root = make_corpus([article_dict])
    corpus = newsdata.load(root)
    path = root / "articles" / "fixture-article.json"
    outside = tmp_path / "outside.json"
    outside.write_bytes(path.read_bytes())
    path.unlink()
    path.symlink_to(outside)
    with pytest.raises(CorpusError, match=r"fixture-article\.json: a symbolic link"):
        corpus[0]


def _open_files() -> int:
    return len(os.listdir("/proc/self/fd"))


@pytest.mark.skipif(not Path("/proc/self/fd").is_dir(), reason="counts open files in /proc")
def test_a_loop_leaves_no_file_open(make_corpus: Any, article_dict: dict[str, Any]) -> None:
    """Iteration opens files ahead of the article it gives: all are closed when the loop
    ends, early or not, and when an article in the loop is refused."""
    docs = []
    for n in range(12):
        doc = copy.deepcopy(article_dict)
        doc["id"] = f"a-{n:02}"
        docs.append(doc)
    root = make_corpus(docs)
    corpus = newsdata.load(root)
    before = _open_files()
    assert [a.id for a in corpus] == [d["id"] for d in docs]
    assert _open_files() == before
    for n, _ in enumerate(corpus):
        if n == 3:
            assert _open_files() > before  # the next files are open, read ahead
            break
    gc.collect()  # the abandoned loop is closed
    assert _open_files() == before
    stream = newsdata.iter_articles(root)
    assert next(stream).id == "a-00"
    del stream  # a stream read ahead in the same way
    gc.collect()
    assert _open_files() == before
    (root / "articles" / "a-05.json").write_text("{}", "utf-8")
    with pytest.raises(CorpusError, match=r"a-05\.json"):
        list(newsdata.load(root))
    assert _open_files() == before
    (root / "articles" / "a-05.json").write_text(json.dumps(docs[5]), "utf-8")
    corpus = newsdata.load(root)
    (root / "articles" / "a-08.json").unlink()
    with pytest.raises(CorpusError, match=r"a-08\.json: removed after"):
        list(corpus)  # the file gone since loading is named at its place
    assert _open_files() == before


def test_iter_articles_holds_ids_to_file_names_as_a_corpus_does(
    make_corpus: Any, article_dict: dict[str, Any]
) -> None:
    """One rule: a Corpus, and a stream asked to check ids, refuse an id that differs
    from its file name with the same error; a plain stream gives the file as it is."""
    root = make_corpus([article_dict])
    (root / "articles" / "fixture-article.json").rename(root / "articles" / "renamed.json")
    with pytest.raises(CorpusError) as by_corpus:
        newsdata.load(root)[0]
    with pytest.raises(CorpusError) as by_stream:
        list(newsdata.iter_articles(root, check_ids=True))
    assert str(by_stream.value) == str(by_corpus.value)
    assert "renamed.json: the id 'fixture-article' differs from the file name" in str(
        by_corpus.value
    )
    assert [a.id for a in newsdata.iter_articles(root)] == ["fixture-article"]


def test_the_read_path_corpus_has_no_format_conversions() -> None:
    """`newsdata.loader` is the read path: its Corpus converts to no other library's
    format; `newsdata.load` gives the facade's, which does."""
    from newsdata import api, loader

    read = loader.load()
    assert type(read) is loader.Corpus
    assert not hasattr(read, "to_hf_dataset") and not hasattr(read, "to_spacy")
    facade = newsdata.load()
    assert type(facade) is api.Corpus is newsdata.Corpus
    assert isinstance(facade, loader.Corpus)
    assert list(facade) == list(read)


def test_a_held_corpus_and_a_loaded_one_answer_alike() -> None:
    loaded = newsdata.load()
    held = Corpus(list(loaded), descriptor=loaded.descriptor)
    assert held.ids == loaded.ids and len(held) == len(loaded)
    assert held[0] == loaded[0] and held[loaded.ids[0]] == loaded[loaded.ids[0]]
    assert held[:1] == loaded[:1] and list(held) == list(loaded)
    assert held.version == loaded.version and held.root is None
    assert loaded.root is not None
    with pytest.raises(CorpusError, match="two articles share an id"):
        Corpus([loaded[0], loaded[0]])


def test_article_bytes_are_read_never_through_a_link(tmp_path: Path) -> None:
    """The one reader of article bytes (`newsdata._io`) refuses a link; the read path
    says so in a CorpusError naming the file."""
    import errno

    from newsdata import _io, loader

    real = tmp_path / "real.json"
    real.write_bytes(b"{}")
    link = tmp_path / "link.json"
    link.symlink_to(real)
    assert _io.read_article_file(real) == b"{}"
    with pytest.raises(OSError, match=r"link\.json") as refused:
        _io.read_article_file(link)
    assert refused.value.errno == errno.ELOOP
    with pytest.raises(CorpusError, match=r"link\.json: a symbolic link"):
        loader.read_article_file(link)
    with pytest.raises(CorpusError, match=r"gone\.json: removed after the corpus was loaded"):
        loader.read_article_file(tmp_path / "gone.json")


def test_a_fifo_where_an_article_goes_is_not_waited_on(
    make_corpus: Any, article_dict: dict[str, Any]
) -> None:
    root = make_corpus([article_dict])
    corpus = newsdata.load(root)
    file = root / "articles" / "fixture-article.json"
    file.unlink()
    os.mkfifo(file)
    with pytest.raises(CorpusError, match=r"fixture-article\.json: cannot be read \(not a regular"):
        corpus[0]


def test_metadata_is_the_deprecated_name_of_descriptor() -> None:
    """One thing, one name: the descriptor; the old name warns and gives the same."""
    corpus = newsdata.load()
    with pytest.warns(DeprecationWarning, match="Corpus.descriptor"):
        old = corpus.metadata
    assert old == corpus.descriptor
    with pytest.warns(DeprecationWarning, match="descriptor="):
        held = newsdata.Corpus(list(corpus), metadata=corpus.descriptor)
    assert held.descriptor == corpus.descriptor


def test_an_article_over_the_size_limit_is_not_read_whole(
    make_corpus: Any, article_dict: dict[str, Any]
) -> None:
    """The read path keeps the validator's size limit: the loader, the stream, the
    columnar store and `diff` refuse an article file over it, naming the file and the
    limit, as `newsdata validate` refuses it (`file-too-large`)."""
    from newsdata import _io, loader
    from newsdata.diff import diff_corpora
    from newsdata.validate import filelevel

    assert filelevel.MAX_BYTES == _io.ARTICLE_MAX_BYTES  # one limit
    root = make_corpus([article_dict])
    file = root / "articles" / "fixture-article.json"
    with file.open("ab") as grown:  # still valid JSON: trailing white space
        grown.write(b" " * _io.ARTICLE_MAX_BYTES)
    too_large = r"fixture-article\.json: .* bytes, more than the limit of 16,777,216"
    with pytest.raises(CorpusError, match=too_large):
        loader.read_article_file(file)
    with pytest.raises(CorpusError, match=too_large):
        newsdata.load(root)[0]
    with pytest.raises(CorpusError, match=too_large):
        list(newsdata.iter_articles(root))
    with pytest.raises(CorpusError, match=too_large):
        newsdata.load(root).to_arrow("mentions")
    with pytest.raises(CorpusError, match=too_large):
        diff_corpora(make_corpus([article_dict], "before"), root)
    assert [p.code for p in newsdata.validate(file).problems] == ["file-too-large"]
