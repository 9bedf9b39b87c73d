"""The documentation: runnable examples, generated references complete, links intact."""

from __future__ import annotations

import doctest
import json
import re
import subprocess
import sys
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import pytest

ROOT = Path(__file__).resolve().parents[1]
DOCS = ROOT / "docs"
PAGES = sorted(p for p in DOCS.rglob("*.md") if "_build" not in p.parts)


@pytest.mark.parametrize(
    "page",
    [p for p in PAGES if ">>> " in p.read_text("utf-8")],
    ids=lambda p: str(p.relative_to(DOCS)),
)
def test_doc_examples_run(page: Path) -> None:
    parser = doctest.DocTestParser()
    test = parser.get_doctest(page.read_text("utf-8"), {}, page.name, str(page), 0)
    assert test.examples
    runner = doctest.DocTestRunner(optionflags=doctest.ELLIPSIS)
    runner.run(test)
    assert runner.failures == 0


def test_guideline_json_examples_quote_the_data() -> None:
    """A mention shown in the guidelines is a mention of a shipped article, letter for letter."""
    import newsdata

    mentions = [m.model_dump() for a in newsdata.iter_articles() for m in a.mentions]
    examples = 0
    for page in (DOCS / "guidelines").glob("*.md"):
        for block in re.findall(r"```json\n(.*?)```", page.read_text("utf-8"), re.S):
            example = json.loads(block)
            if str(example.get("id", "")).startswith("m"):
                examples += 1
                assert example in mentions, f"{page.name}: {example}"
    assert examples


class _Links(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.targets: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        for name, value in attrs:
            if value and ((tag == "a" and name == "href") or (tag == "img" and name == "src")):
                self.targets.append(value)


def _sphinx_options() -> list[str]:
    """The options of the Makefile's Sphinx build (``make docs``), so that the one build
    `make test` runs, this module's, is as strict as it."""
    makefile = (ROOT / "Makefile").read_text("utf-8")
    found = re.search(r"^SPHINX :=.*sphinx-build (.*) docs docs/_build/html$", makefile, re.M)
    assert found, "the Makefile defines SPHINX"
    return found[1].split()


def test_the_docs_build_is_strict() -> None:
    assert {"-W", "--keep-going", "-n"} <= set(_sphinx_options())


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The documentation built once; the columnar store the tutorial builds goes to the
    tests' own cache (NEWSDATA_CACHE_DIR, set in conftest.py), never to the home directory."""
    out = tmp_path_factory.mktemp("html")
    command = [sys.executable, "-m", "sphinx", *_sphinx_options(), str(DOCS), str(out)]
    subprocess.run(command, check=True)
    return out


def test_every_schema_property_is_in_the_built_field_reference(built: Path) -> None:
    from newsdata.schema import load_schema

    sys.path.insert(0, str(DOCS / "_ext"))
    from newsdata_docs import field_anchor, field_rows

    rows = field_rows(load_schema())
    html = (built / "reference" / "fields.html").read_text("utf-8")
    schema = load_schema()
    names = {name for d in [schema, *schema["$defs"].values()] for name in d.get("properties", {})}
    assert {r["path"].rsplit(".", 1)[-1].removesuffix("[]") for r in rows} == names
    anchors = re.findall(r'id="([^"]+)"', html)
    assert len(anchors) == len(set(anchors)), "every anchor on the page is unique"
    for row in rows:
        assert f">{row['path']}<" in html, row["path"]
        assert f'id="{field_anchor(row["path"])}"' in html, row["path"]  # linkable
        assert row["description"], row["path"]
    assert field_anchor("quotes[].kind") == "quotes-kind"
    for name in schema["$defs"]:  # every object has its own section, with its description
        assert f'id="{name.lower()}-object"' in html, name
        first = " ".join(schema["$defs"][name]["description"].split()[:4])
        assert first in " ".join(html.split()), name
    assert "(?!" not in html  # patterns are said in words


def test_every_validation_code_is_documented(built: Path) -> None:
    from newsdata.validate import CHECKS

    html = (built / "reference" / "validation-codes.html").read_text("utf-8")
    for code in CHECKS:
        assert f">{code}<" in html, code
        assert f'id="{code}"' in html, code  # the anchor `newsdata validate` links to
    assert "(at )" not in html  # an empty pointer reads "the document root"


def test_no_broken_internal_links_or_images(built: Path) -> None:
    for page in built.rglob("*.html"):
        parser = _Links()
        parser.feed(page.read_text("utf-8"))
        for target in parser.targets:
            if re.match(r"^[a-z]+:|^#|^//", target):
                continue
            path = target.split("#", 1)[0].split("?", 1)[0]
            if path:
                assert (page.parent / path).resolve().exists(), f"{page.name}: {target}"


def test_the_cite_page_has_bibtex_made_from_citation_cff(built: Path) -> None:
    sys.path.insert(0, str(DOCS / "_ext"))
    from newsdata_docs import bibtex

    import newsdata

    entry = bibtex()
    assert entry.startswith("@misc{") and f"version = {{{newsdata.__version__}}}" in entry
    html = (built / "explanation" / "cite.html").read_text("utf-8")
    assert "@misc" in html and "cff-version" in html


def test_code_blocks_have_a_copy_button(built: Path) -> None:
    assert (built / "_static" / "copybutton.js").is_file()


def test_the_catalog_shows_annotations_without_hovering(built: Path) -> None:
    import newsdata

    for article in newsdata.iter_articles():
        page = (built / "catalog" / f"{article.id}.html").read_text("utf-8")
        # every quotation carries a visible tag with its id and kind
        assert page.count('class="nd-tag"') == len(article.quotes)
        for quote in article.quotes:
            assert f"{quote.id} · {quote.kind} · " in page
        for entity in article.entities:
            if entity.wikidata:
                assert f'href="https://www.wikidata.org/wiki/{entity.wikidata}"' in page
        focusable = page.count('tabindex="0"')
        assert focusable == len(article.mentions) + len(article.timexes) + len(article.quotes) + (
            sum(1 for q in article.quotes if q.cue)
        )
    index = (built / "catalog" / "index.html").read_text("utf-8")
    for article_id in newsdata.load().ids:
        assert f">{article_id}<" in index  # the id column shows ids


def test_the_downstream_workflow_runs_as_written(fixture_corpus: Path, tmp_path: Path) -> None:
    """Every `newsdata` step of the workflow the how-to offers, on a corpus of its own."""
    import shlex
    import shutil

    import yaml

    workflow = yaml.safe_load((DOCS / "howto" / "downstream-workflow.yml").read_text("utf-8"))
    runs = [step["run"] for step in workflow["jobs"]["validate"]["steps"] if "run" in step]
    assert any("pip install" in run for run in runs)  # installed here already
    commands = [shlex.split(run) for run in runs if run.startswith("newsdata ")]
    assert [c[:2] for c in commands] == [["newsdata", "validate"], ["newsdata", "build"]]
    shutil.copytree(fixture_corpus, tmp_path / "my-corpus")
    newsdata_bin = Path(sys.executable).parent / "newsdata"
    for command in commands:
        done = subprocess.run(
            [str(newsdata_bin), *command[1:]], cwd=tmp_path, capture_output=True, text=True
        )
        assert done.returncode == 0, done.stdout + done.stderr
    # a broken article fails the first step, with an annotation GitHub puts on the line
    article = tmp_path / "my-corpus" / "articles" / "fixture-article.json"
    article.write_text(article.read_text("utf-8").replace('"PER"', '"PERSON"', 1), "utf-8")
    done = subprocess.run(
        [str(newsdata_bin), *commands[0][1:]], cwd=tmp_path, capture_output=True, text=True
    )
    assert done.returncode == 1 and "::error file=my-corpus/articles/fixture-article.json" in (
        done.stdout
    )


def test_the_landing_page_and_datasheet_state_the_datas_own_figures(built: Path) -> None:
    sys.path.insert(0, str(DOCS / "_ext"))
    from newsdata_docs import corpus_facts

    facts = corpus_facts()
    for page in ("index.html", "explanation/datasheet.html"):
        text = " ".join(re.sub(r"<[^>]+>", "", (built / page).read_text("utf-8")).split())
        assert f"{facts['articles']} in {facts['language_count']}" in text, page
        assert "{{" not in text, page  # every substitution was made


def _workflow(name: str) -> dict[Any, Any]:
    import yaml

    return dict(yaml.safe_load((ROOT / ".github" / "workflows" / name).read_text("utf-8")))


def _runs(workflow: dict[Any, Any]) -> list[str]:
    return [
        step["run"] for job in workflow["jobs"].values() for step in job["steps"] if "run" in step
    ]


def test_the_pull_request_workflow_runs_what_the_docs_say_ci_runs() -> None:
    said = set()
    for page in [ROOT / "README.md", *PAGES]:
        said |= set(re.findall(r"CI runs `([^`]+)`", page.read_text("utf-8")))
    assert len(said) == 1, said  # one answer everywhere
    on_pull_requests = [
        name
        for name in sorted(p.name for p in (ROOT / ".github" / "workflows").glob("*.yml"))
        if "pull_request" in (_workflow(name).get("on") or _workflow(name)[True])  # yaml: on=True
    ]
    assert on_pull_requests == ["ci.yml"]
    assert _runs(_workflow("ci.yml")) == list(said)
    assert ".github/workflows/ci.yml" in (DOCS / "howto" / "validate-in-ci.md").read_text("utf-8")


def test_the_docs_workflow_builds_the_docs_as_make_docs_does() -> None:
    assert "make docs" in _runs(_workflow("docs.yml"))
    assert re.search(r"^docs: .*\n\t\$\(SPHINX\)$", (ROOT / "Makefile").read_text("utf-8"), re.M)


def test_the_pre_commit_examples_name_the_hook_and_no_made_up_revision(
    fixture_corpus: Path,
) -> None:
    import yaml

    hooks = {h["id"]: h for h in yaml.safe_load((ROOT / ".pre-commit-hooks.yaml").read_text())}
    page = (DOCS / "howto" / "validate-in-ci.md").read_text("utf-8")
    examples = [
        yaml.safe_load(block)
        for block in re.findall(r"```yaml\n(.*?)```", page, re.S)
        if block.startswith("repos:")
    ]
    tags = subprocess.run(["git", "tag"], cwd=ROOT, capture_output=True, text=True).stdout.split()
    local = []
    for example in examples:
        for repo in example["repos"]:
            for hook in repo["hooks"]:
                assert hook["id"] in hooks
            if repo["repo"] == "local":
                local += repo["hooks"]
            else:  # a tag that exists, or a placeholder the reader fills in with a SHA
                rev = str(repo["rev"])
                assert rev in tags or (rev.startswith("<") and "SHA" in rev), rev
    assert local, "a hook that works without the repository's address"
    for hook in local:  # the same hook as the one declared, run the way pre-commit runs it
        declared = hooks[hook["id"]]
        assert {k: hook[k] for k in ("entry", "files", "types")} == {
            k: declared[k] for k in ("entry", "files", "types")
        }
        article = fixture_corpus / "articles" / "fixture-article.json"
        assert re.search(declared["files"], str(article.relative_to(fixture_corpus.parent)))
        newsdata_bin = Path(sys.executable).parent / "newsdata"
        entry = [str(newsdata_bin), *declared["entry"].split()[1:]]
        assert subprocess.run([*entry, str(article)], capture_output=True).returncode == 0
        article.write_text(article.read_text("utf-8").replace('"PER"', '"PERSON"', 1), "utf-8")
        assert subprocess.run([*entry, str(article)], capture_output=True).returncode == 1


# ------------------------------------------------------------ the docs as a site
def _inventory(built: Path) -> dict[str, dict[str, Any]]:
    import posixpath

    from sphinx.util.inventory import InventoryFile

    with (built / "objects.inv").open("rb") as stream:
        loaded = InventoryFile.load(stream, "", posixpath.join)
    data = getattr(loaded, "data", loaded)  # Sphinx 9 wraps the mapping
    return {kind: dict(entries) for kind, entries in data.items()}


def _location(entry: Any) -> str:
    return str(getattr(entry, "uri", None) or entry[2])


def test_every_field_and_code_is_an_object_in_objects_inv(built: Path) -> None:
    from newsdata.schema import load_schema
    from newsdata.validate import CHECKS

    sys.path.insert(0, str(DOCS / "_ext"))
    from newsdata_docs import field_anchor, field_rows

    import newsdata

    inventory = _inventory(built)
    fields = inventory["std:field"]
    for row in field_rows(load_schema(), with_examples=False):
        entry = fields[row["path"]]
        assert _location(entry).endswith(f"reference/fields.html#{field_anchor(row['path'])}")
    codes = inventory["std:validation-code"]
    for code in CHECKS:  # at the anchor `Problem.help_url` builds
        assert _location(codes[code]).endswith(f"reference/validation-codes.html#{code}")
        assert code in inventory["std:label"]  # {ref}`code` keeps working
    header = (built / "objects.inv").read_bytes().split(b"\n")[2]
    assert header == f"# Version: {newsdata.__version__}".encode()  # the full release
    search = (built / "searchindex.js").read_text("utf-8")
    assert '"std:validation-code"' in search and '"std:field"' in search


def test_fields_and_codes_have_permalinks(built: Path) -> None:
    for page, anchor in (("fields", "quotes-cue-start"), ("validation-codes", "entity-unknown")):
        html = (built / "reference" / f"{page}.html").read_text("utf-8")
        assert re.search(rf'id="{anchor}">.*?<a class="headerlink" href="#{anchor}"', html, re.S)


class _Phone(HTMLParser):
    """Tables outside a scroll box and charts with a fixed size."""

    def __init__(self) -> None:
        super().__init__()
        self.open: list[str] = []
        self.bare_tables = 0
        self.tables = 0
        self.fixed_svgs: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        found = dict(attrs)
        if tag == "table":
            self.tables += 1
            classes = set((found.get("class") or "").split())
            as_list = bool(classes & {"indextable", "domainindex-table"})  # lists on a phone
            if not as_list and not any("table-wrapper" in c.split() for c in self.open):
                self.bare_tables += 1
        if tag == "svg" and (
            ("viewBox" not in found and "viewbox" not in found) or "width" in found
        ):
            self.fixed_svgs.append(found.get("aria-label") or "?")
        if tag not in {"img", "br", "hr", "meta", "link", "input", "rect", "path"}:
            self.open.append(found.get("class") or "")

    def handle_endtag(self, tag: str) -> None:
        if tag not in {"img", "br", "hr", "meta", "link", "input", "rect", "path"} and self.open:
            self.open.pop()


def test_every_page_has_a_phone_layout(built: Path) -> None:
    """A table scrolls inside its own box (its first column fixed on a phone); a chart
    has a viewBox and no fixed width, so it scales to the screen."""
    css = (DOCS / "_static" / "newsdata.css").read_text("utf-8")
    phone = css[css.index("@media (max-width: 40em)") :]
    assert re.search(r"\.table-wrapper table\.docutils td:first-child \{\s*position: sticky", phone)
    assert re.search(r"\.table-wrapper \{ overflow-x: auto", css)
    assert "overflow-wrap: anywhere; white-space: normal" not in css  # ids broken per letter
    assert re.search(
        r"table\.indextable, [^{]*table\.domainindex-table td \{\s*display: block", phone
    )
    tables = 0
    for page in built.rglob("*.html"):
        parser = _Phone()
        html = page.read_text("utf-8")
        parser.feed(html)
        assert parser.bare_tables == 0, f"{page.name}: a table without its scroll box"
        content = _Phone()  # the page's content: the theme's icons are sized by its CSS
        content.feed(html.split('<article role="main"', 1)[-1].split("</article>", 1)[0])
        assert not content.fixed_svgs, f"{page.name}: fixed-size charts {content.fixed_svgs}"
        tables += parser.tables
    assert tables  # the check saw tables
    statistics = (built / "catalog" / "statistics.html").read_text("utf-8")
    assert len(re.findall(r'<svg class="nd-chart"[^>]* viewBox="0 0 \d+ \d+"', statistics)) == 2


def test_the_phone_check_fails_on_a_bare_table_and_a_fixed_chart() -> None:
    parser = _Phone()
    parser.feed('<div><table><tr><td>1</td></tr></table><svg width="460" viewBox="0 0 1 1"></svg>')
    assert parser.bare_tables == 1 and parser.fixed_svgs == ["?"]


def test_catalog_mentions_show_their_label_as_text(built: Path) -> None:
    import newsdata

    article = newsdata.load()[0]
    page = (built / "catalog" / f"{article.id}.html").read_text("utf-8")
    labels = re.findall(r'data-label="([^"]+)"', page)
    assert sorted(labels) == sorted(m.label for m in article.mentions)
    assert "[data-label]::after" in (DOCS / "_static" / "newsdata.css").read_text("utf-8")


def test_the_api_page_documents_the_models_through_the_field_reference(built: Path) -> None:
    import newsdata.models

    html = (built / "reference" / "api.html").read_text("utf-8")
    for internal in ("Annotated[", "Strict(", "BeforeValidator", "FieldInfo", "model_config"):
        assert internal not in html, internal
    for name in ("Article", "Block", "Mention", "Entity", "Quote", "Segment", "Cue", "Timex"):
        assert hasattr(newsdata.models, name)
        assert re.search(rf'id="newsdata\.(models\.)?{name}"', html), name
    assert 'href="fields.html#quotes-cue"' in html  # a model's field links to its entry
    assert (DOCS / "conf.py").read_text("utf-8").count("nitpick_ignore_regex") == 0


def test_the_landing_page_says_what_a_reader_needs_first(built: Path) -> None:
    html = (built / "index.html").read_text("utf-8")
    text = " ".join(re.sub(r"<[^>]+>", "", html).split())
    assert "pip install newsdata" in text
    assert "German (de)" in text  # languages by name
    assert "The software is under the MIT licence, which does not cover the texts" in text
    assert text.count("The software is under the MIT licence") == 1  # one line, once
    assert "Not suited to: training or evaluating models" in text
    assert "At a glance" in text and 'href="reference/fields.html#quotes"' in html
    main = html.split('<article role="main"', 1)[1].split("</article>", 1)[0]
    assert "toctree-l1" not in main  # the menu is in the sidebar, not repeated as a list
    assert 'href="explanation/cite.html"' in html
    card = (built / "catalog" / "card.html").read_text("utf-8")
    assert "Dataset card" in card and "config_name" in card


def test_links_to_the_project_appear_only_when_the_build_knew_them(built: Path) -> None:
    import os

    sys.path.insert(0, str(DOCS / "_ext"))
    from newsdata_urls import addresses

    found = addresses(os.environ)
    html = (built / "index.html").read_text("utf-8")
    assert ('rel="canonical"' in html) == bool(found.documentation)
    if found.repository:
        assert f'href="{found.repository}"' in html
    else:  # no link to any repository or documentation host but the theme's credit
        credit = 'href="https://github.com/pradyunsg/furo"'
        assert not re.search(
            r'href="https?://[^"]*(github|gitlab|readthedocs)', html.replace(credit, "")
        )
    edit = (built / "reference" / "api.html").read_text("utf-8")
    assert ("/edit/" in edit) == bool(found.edit_link())
