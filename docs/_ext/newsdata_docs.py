"""Generate pages from the code and the data at build time, so that they cannot drift.

Writes, before Sphinx reads the sources:

- ``reference/fields.md`` from the JSON Schema (every property, with an example value
  from the shipped corpus);
- ``reference/validation-codes.md`` from the check registry (with the message each
  code's test fixture produces);
- ``reference/cli.md`` from the argument parser;
- ``reference/datapackage.md`` from ``dataset/datapackage.json``;
- ``catalog/`` one page per article (its text with the annotations visible) and the
  corpus statistics with a chart.
"""

from __future__ import annotations

import ast
import contextlib
import datetime
import io
import json
import re
from collections import Counter
from pathlib import Path
from typing import Any

from docutils import nodes
from newsdata_catalog import articles_of as _articles
from newsdata_catalog import cell as _cell
from newsdata_catalog import language_name, write_catalog
from newsdata_citation import bibtex, rights_line, rights_summary
from newsdata_glance import write_card, write_glance
from newsdata_objects import field_anchor as _field_anchor
from newsdata_urls import addresses, configure, links_line
from sphinx.application import Sphinx
from sphinx.util.docutils import SphinxDirective

from newsdata.layout import CorpusLayout, dataset_dir
from newsdata.schema import load_schema

FIXTURES = Path(__file__).resolve().parents[2] / "tests" / "fixtures" / "invalid"


# ----------------------------------------------------------------------- fields
def _resolve(schema: dict[str, Any], node: dict[str, Any]) -> dict[str, Any]:
    ref = node.get("$ref")
    if ref is None:
        return node
    resolved: dict[str, Any] = schema["$defs"][ref.rsplit("/", 1)[-1]]
    return resolved


def _type(schema: dict[str, Any], node: dict[str, Any]) -> str:
    if "$ref" in node:
        return "object"
    if "anyOf" in node:
        return " or ".join(_type(schema, option) for option in node["anyOf"])
    kind = node.get("type", "any")
    if kind == "array":
        return f"array of {_type(schema, node.get('items', {}))}"
    text = " or ".join(kind) if isinstance(kind, list) else str(kind)
    return text + (f" ({node['format']})" if "format" in node else "")


def _example(doc: Any, path: list[str]) -> str:
    """The first value at ``path`` in the shipped article (``[]`` steps into lists)."""
    values = [doc]
    for step in path:
        found = []
        for value in values:
            if step == "[]" and isinstance(value, list):
                found.extend(value)
            elif isinstance(value, dict) and step in value:
                found.append(value[step])
        values = found
    for value in values:
        if value is not None and not isinstance(value, (dict, list)):
            text = json.dumps(value, ensure_ascii=False)
            return f"`{text[:60] + '…' if len(text) > 60 else text}`"
    return ""


def field_anchor(path: str) -> str:
    """The anchor of a field's entry: ``quotes[].cue.start`` -> ``quotes-cue-start``."""
    return _field_anchor(path)


def _exported() -> set[str]:
    import newsdata

    return set(newsdata.__all__)


def _pattern_in_words() -> dict[str, str]:
    from newsdata import models

    words = {
        models.SLUG: "a lowercase slug (letters a-z, digits, hyphens; no leading hyphen)",
        models.QID: "a Wikidata item id: Q and a number, such as Q7747",
        models.ISO_DATE: "a date written YYYY-MM-DD that exists",
        models.ISO_DURATION: "an ISO 8601 duration such as PT2M",
        models.SEMVER: "a version number MAJOR.MINOR.PATCH",
        models.BCP47: "a BCP 47 language tag such as de or en-GB",
    }
    # the schema carries each pattern in its JSON Schema form
    return {models.schema_pattern(pattern): text for pattern, text in words.items()}


# Which guideline page defines the values of an enumerated field.
GUIDELINE_OF = {
    "blocks[].kind": "blocks",
    "mentions[].label": "mentions",
    "entities[].type": "entities",
    "quotes[].kind": "quotes",
    "timexes[].type": "timexes",
    "timexes[].mod": "timexes",
    "annotation.methods": "metadata",
}


def _words(node: dict[str, Any], path: str) -> list[str]:
    """The constraints of a field, said in words (the patterns stay in the schema)."""
    words = []
    patterns = _pattern_in_words()
    for option in [node, *node.get("anyOf", [])]:
        if "enum" in option:
            values = ", ".join(f"`{v}`" for v in option["enum"] if v is not None)
            page = GUIDELINE_OF.get(path) or GUIDELINE_OF.get(path.rsplit(".", 1)[0])
            where = f" (defined in {{doc}}`../guidelines/{page}`)" if page else ""
            words.append(f"one of {values}{where}")
        if "pattern" in option:
            words.append(patterns.get(option["pattern"], "matches the pattern in the schema"))
        if "minimum" in option:
            words.append(f"at least {option['minimum']}")
        if "maximum" in option:
            words.append(f"at most {option['maximum']:,}")
        if "minLength" in option:
            words.append("non-empty")
    return words


def _nullable(node: dict[str, Any]) -> bool:
    kinds = node.get("type")
    if isinstance(kinds, list) and "null" in kinds:
        return True
    return any(option.get("type") == "null" for option in node.get("anyOf", []))


def field_rows(
    schema: dict[str, Any], dataset: Path | None = None, *, with_examples: bool = True
) -> list[dict[str, str]]:
    """One row per property path, depth first, e.g. ``quotes[].cue.start``.

    The example of a field is its first non-empty value in the corpus, looked for
    article by article, so every field that any article fills shows an example.
    """
    articles = _articles(dataset) if with_examples else []
    rows: list[dict[str, str]] = []

    def walk(node: dict[str, Any], prefix: str, path: list[str], owner: str) -> None:
        node = _resolve(schema, node)
        required = set(node.get("required", []))
        for name, prop in node.get("properties", {}).items():
            full = f"{prefix}{name}"
            target = prop
            if "anyOf" in prop:
                target = next((o for o in prop["anyOf"] if "$ref" in o), prop)
            child = None
            if target.get("type") == "array" and "$ref" in target.get("items", {}):
                child = target["items"]["$ref"].rsplit("/", 1)[-1]
            elif "$ref" in target:
                child = target["$ref"].rsplit("/", 1)[-1]
            status = "required" if name in required else "optional"
            if _nullable(prop):
                status += ", may be null"
            rows.append(
                {
                    "path": full,
                    "owner": owner,
                    "object": child or "",
                    "type": _type(schema, prop),
                    "required": status,
                    "constraints": "; ".join(_words(prop, full)),
                    "description": prop.get("description", ""),
                    "example": next(
                        (e for doc in articles if (e := _example(doc, [*path, name]))), ""
                    ),
                }
            )
            if child is not None:
                step = [*path, name, "[]"] if target.get("type") == "array" else [*path, name]
                sep = "[]." if target.get("type") == "array" else "."
                walk(target["items"] if sep == "[]." else target, f"{full}{sep}", step, child)

    walk(schema, "", [], "Article")
    return rows


def write_fields(target: Path) -> None:
    schema = load_schema()
    rows = field_rows(schema)
    owners = list(dict.fromkeys(row["owner"] for row in rows))
    lines = [
        "# Field reference",
        "",
        "Generated at build time from `schemas/article.schema.json` "
        f"(`$id` `{schema['$id']}`): one section per kind of object, one entry per field,",
        "each with a permalink (`fields.html#quotes-kind`; in these docs, "
        "``{field}`quotes[].kind` ``). Examples are taken from",
        "the shipped corpus. *Required* means the key must be present; *may be null* means",
        "its value may be `null` (for what is not known or not there). Offsets count Unicode",
        "code points; see {doc}`../explanation/design` for what users of UTF-16 languages",
        "(JavaScript, Java) must do. The regular expressions are in the schema file.",
        "",
    ]
    for owner in owners:
        node = schema if owner == "Article" else schema["$defs"][owner]
        paths = sorted({row["path"].rsplit(".", 1)[0] for row in rows if row["owner"] == owner})
        where = (
            "the top level of an article file"
            if owner == "Article"
            else ", ".join(f"`{p}`" for p in paths)
        )
        heading = f"{owner} (object)"  # its anchor, #source-object, differs from any field's
        python = f"newsdata.{owner}" if owner in _exported() else f"newsdata.models.{owner}"
        lines += [
            f"## {heading}",
            "",
            f"*At {where}.* {_cell(node.get('description', ''))} "
            f"In Python: {{py:class}}`~{python}`.",
            "",
        ]
        for row in rows:
            if row["owner"] != owner:
                continue
            details = [f"*{row['type']}*, {row['required']}."]
            if row["constraints"]:
                details.append(f"Must be {row['constraints']}.")
            if row["object"]:
                details.append(f"See [{row['object']}](#{row['object'].lower()}-object).")
            if row["example"]:
                details.append(f"Example: {row['example']}.")
            # an object of the docs: a ¶ permalink, an objects.inv entry, a search hit
            lines += [
                f"````{{field}} {row['path']}",
                _cell(row["description"]),
                "",
                " ".join(details),
                "````",
                "",
            ]
    target.write_text("\n".join(lines) + "\n", encoding="utf-8")


# ------------------------------------------------------------------------ codes
def example_messages() -> dict[str, str]:
    """An example message per code: the one the validator gives on the code's fixture."""
    from newsdata.validate import validate
    from newsdata.validate.codes import CHECKS

    examples = {code: check.example for code, check in CHECKS.items() if check.example}
    expected = json.loads((FIXTURES / "expected.json").read_text(encoding="utf-8"))
    for code, entry in expected.items():
        if "setup" in entry:
            continue
        report = validate(FIXTURES / entry["path"], today=datetime.date(2026, 11, 28), workers=1)
        for problem in report.problems:
            if problem.code == code:
                examples[code] = problem.message + problem.where
                break
    return examples


def write_codes(target: Path) -> None:
    from newsdata.validate import LEVELS
    from newsdata.validate.codes import CHECKS

    examples = example_messages()
    lines = [
        "# Validation codes",
        "",
        "Generated at build time from the validator's check registry; each example is the",
        "message the validator gives on that code's test fixture. Every problem that",
        "`newsdata validate` reports carries one of these codes, its level, a message and",
        "its place (file, line, column, JSON Pointer).",
        "",
    ]
    for level in LEVELS:
        lines += [f"## Level `{level}`", ""]
        for check in CHECKS.values():
            if check.level != level:
                continue
            example = examples.get(check.code, "").replace("`", "'")
            # an object of the docs and a label: `#code` is the address `newsdata validate`
            # links to, and the guidelines reach it with {ref}
            lines += [f"````{{validation-code}} {check.code}"]
            lines += [f"**{check.severity.capitalize()}.** {_cell(check.description)}", ""]
            lines += [f"**How to fix it:** {_cell(check.fix)}", ""]
            if check.guideline:
                lines += [f"**The rule:** {{ref}}`{check.guideline}` in the guidelines.", ""]
            if example:
                lines += [f"Example: `{_cell(example)}`", ""]
            lines += ["````", ""]
    target.write_text("\n".join(lines), encoding="utf-8")


# -------------------------------------------------------------------------- cli
def write_cli(target: Path) -> None:
    import argparse
    import inspect

    from newsdata.cli import CommandError, build_parser

    parser = build_parser()
    lines = ["# Command line", "", "Generated at build time from the argument parser.", ""]
    status = inspect.getdoc(CommandError) or ""
    lines += ["## Exit status", "", status.split("\n\n", 1)[-1], ""]
    lines += ["```text", parser.format_help().rstrip(), "```", ""]
    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction):
            for name, sub in action.choices.items():
                lines += [f"## `newsdata {name}`", "", "```text", sub.format_help().rstrip()]
                lines += ["```", ""]
    target.write_text("\n".join(lines), encoding="utf-8")


# ------------------------------------------------------------------ datapackage
def write_datapackage(target: Path, dataset: Path | None = None) -> None:
    layout = CorpusLayout(dataset or dataset_dir())
    descriptor = json.loads(layout.descriptor.read_text(encoding="utf-8"))
    shown = dict(descriptor)
    resources = shown.get("resources", [])
    shown["resources"] = resources[:1] + (
        [f"… {len(resources) - 1} more, one per article"] if len(resources) > 1 else []
    )
    lines = [
        "# Data package descriptor",
        "",
        "`dataset/datapackage.json` describes the corpus as a "
        "[Frictionless Data Package](https://specs.frictionlessdata.io/data-package/), so that "
        "Frictionless tools, R and other languages can find and verify its files. "
        "`newsdata build` writes it; `newsdata build --check` and `newsdata validate` report "
        "when it is stale.",
        "",
        "| key | what it holds |",
        "|---|---|",
        "| `profile` | `data-package` |",
        "| `name`, `title`, `description`, `keywords`, `contributors` | the corpus's metadata, "
        "kept as written by `newsdata build` |",
        "| `version` | the corpus version; for this repository, the package version |",
        "| `resources[]` | one per article: `name` (the id), `path` (`articles/<id>.json`), "
        "`format` `json`, `mediatype`, `encoding`, `bytes` (size) and `hash` "
        "(`sha256:<hex>`), which `newsdata.load(verify=True)` checks |",
        "| `resources[]` named `table.<layer>` | one CSV per layer in `tables/` (`articles`, "
        "`blocks`, `mentions`, `entities`, `quotes`, `timexes`, `topics`), with a Table Schema: "
        "column types and descriptions (from the models), enums for labels and kinds, a primary "
        "key, and a foreign key from `article_id` to the articles table. R, spreadsheets and "
        "Frictionless read the corpus from these without the Python package |",
        "| `newsdata.format` | the article format and its major version |",
        "| `newsdata.tables` | whether `newsdata build` writes the table views "
        "(`--no-tables` turns them off) |",
        "| `newsdata.counts` | articles, items per layer, mentions per label, entities, blocks, "
        "quotes and timexes per type, articles per language and per layer's annotation "
        "method (the dataset card is written from these) |",
        "",
        "The shipped descriptor (resources shortened):",
        "",
        "```json",
        json.dumps(shown, ensure_ascii=False, indent=2),
        "```",
        "",
    ]
    target.write_text("\n".join(lines), encoding="utf-8")


# ------------------------------------------------------------------- corpus facts
def _count_phrase(n: int, one: str, many: str | None = None) -> str:
    return f"{n:,} {one if n == 1 else (many or one + 's')}"


def corpus_facts(dataset: Path | None = None) -> dict[str, str]:
    """Figures about the corpus, for the prose of the datasheet and the landing page.

    Each value is a MyST substitution (``{{ articles }}``), computed from the articles at
    build time, so no page states a number the data does not have.
    """
    from newsdata.stats import count

    articles = _articles(dataset)
    counts = count(articles)
    layers = counts["layers"]
    languages: dict[str, int] = counts["languages"]
    dates = sorted(doc["published"] for doc in articles if doc["published"])
    undated = len(articles) - len(dates)
    linked = sum(1 for doc in articles for e in doc["entities"] if e["wikidata"])
    sourced = sum(1 for doc in articles if doc["source"]["url"])
    methods: Counter[str] = Counter()
    for per_layer in counts["annotation_methods"].values():
        methods.update(per_layer)
    guidelines = sorted({doc["annotation"]["guidelines"] for doc in articles})
    return {
        "articles": _count_phrase(len(articles), "article"),
        "languages": ", ".join(
            f"{language_name(tag)} (`{tag}`, {_count_phrase(n, 'article')})"
            for tag, n in sorted(languages.items())
        )
        or "none",
        "language_names": ", ".join(f"{language_name(tag)} (`{tag}`)" for tag in sorted(languages))
        or "none",
        "language_count": _count_phrase(len(languages), "language"),
        "code_points": f"{sum(len(doc['text']) for doc in articles):,}",
        "published_range": f"{dates[0]} to {dates[-1]}" if dates else "no dates",
        "undated": f"{undated:,} article has" if undated == 1 else f"{undated:,} articles have",
        "blocks": f"{layers['blocks']:,}",
        "mentions": f"{layers['mentions']:,}",
        "entities": f"{layers['entities']:,}",
        "wikidata": f"{linked:,}",
        "quotes": f"{layers['quotes']:,}",
        "timexes": f"{layers['timexes']:,}",
        "topics": f"{layers['topics']:,}",
        "with_source": f"{sourced:,} of {len(articles):,}",
        "manual_layers": f"{methods['manual']:,} of {sum(methods.values()):,}",
        "guidelines": ", ".join(guidelines) or "none",
        "rights": rights_line(articles),
        "rights_fields": rights_summary(articles),
        "rights_short": rights_line(articles).removeprefix("**Rights.** "),
        "limitations": limitations(len(articles)),
    }


DATASHEET = Path(__file__).resolve().parents[1] / "explanation" / "datasheet.md"


def limitations(articles: int, datasheet: Path = DATASHEET) -> str:
    """The datasheet's "Not suited to" sentence, for the landing page (one source)."""
    found = re.search(r"Not suited to:(.*?\.)(?:\n\n|$)", datasheet.read_text("utf-8"), re.S)
    if not found:
        raise ValueError(f"{datasheet}: the Uses section has no 'Not suited to:' sentence")
    words = " ".join(found[1].split()).replace("{{ articles }}", _count_phrase(articles, "article"))
    return f"Not suited to: {words}"


def _substitutions(app: Sphinx, config: Any) -> None:
    import os

    found = addresses(os.environ)
    configure(config, found)
    # objects.inv and the pages carry the full release (0.1.0), not a shortened one
    config.version = config.release
    config.myst_substitutions = {
        **config.myst_substitutions,
        **corpus_facts(),
        "links": links_line(found),
    }


# ------------------------------------------------------------------ live examples
class Session(SphinxDirective):
    """Run Python at build time and show it as an interactive session with its real output.

    ``{newsdata-session}`` blocks share one namespace per page, like one interpreter
    session read from top to bottom. An example that raises fails the build, so the
    documentation cannot show code that does not run, nor values the data no longer has.
    """

    has_content = True

    def run(self) -> list[nodes.Node]:
        namespace = self.env.temp_data.get("newsdata_session")
        if not isinstance(namespace, dict):  # the page's first session
            namespace = self.env.temp_data["newsdata_session"] = {}
        source = "\n".join(self.content)
        lines = source.splitlines()
        shown: list[str] = []
        try:
            tree = ast.parse(source)
        except SyntaxError as exc:
            raise self.error(f"newsdata-session: {exc}") from None
        for statement in tree.body:
            code = lines[statement.lineno - 1 : statement.end_lineno]
            shown += [(">>> " if i == 0 else "... ") + line for i, line in enumerate(code)]
            if len(code) > 1:
                shown.append("...")
            out = io.StringIO()
            try:
                with contextlib.redirect_stdout(out):
                    if isinstance(statement, ast.Expr):
                        value = eval(
                            compile(ast.Expression(statement.value), "<doc>", "eval"), namespace
                        )
                        if value is not None:
                            print(repr(value))
                    else:
                        exec(compile(ast.Module([statement], []), "<doc>", "exec"), namespace)
            except Exception as exc:
                raise self.error(
                    f"newsdata-session: line {statement.lineno} raised {type(exc).__name__}: {exc}"
                ) from None
            shown += out.getvalue().rstrip("\n").splitlines()
        text = "\n".join(shown)
        block = nodes.literal_block(text, text, language="pycon")
        self.set_source_info(block)
        return [block]


# ------------------------------------------------------------------- CI steps
REPOSITORY = Path(__file__).resolve().parents[2]


def ci_steps(makefile: Path = REPOSITORY / "Makefile") -> list[str]:
    """The commands of ``make test``, which CI runs (``.ci/run``), read from the Makefile."""
    # commands are shown as a contributor types them with the virtual environment active
    lines = makefile.read_text(encoding="utf-8").replace("$(BIN)/", "").splitlines()
    variables = {
        name.strip(): value.strip()
        for name, _, value in (line.partition(":=") for line in lines if ":=" in line)
    }

    def expand(text: str) -> str:
        while "$(" in text:
            start = text.index("$(")
            end = text.index(")", start)
            name = text[start + 2 : end]
            text = text[:start] + variables.get(name, name.lower()) + text[end + 1 :]
        return text

    steps: list[str] = []
    recipe = False
    for line in lines:
        if line.startswith("test:"):
            recipe = True
        elif recipe and line.startswith("\t"):
            steps.append(expand(line.strip()))
        elif recipe:
            break
    return steps


def write_ci_steps(target: Path) -> None:
    target.write_text("\n".join(ci_steps()) + "\n", encoding="utf-8")


def _generate(app: Sphinx) -> None:
    import os

    source = Path(app.srcdir)
    reference = source / "reference"
    reference.mkdir(exist_ok=True)
    found = addresses(os.environ)
    write_fields(reference / "fields.md")
    write_codes(reference / "validation-codes.md")
    write_cli(reference / "cli.md")
    write_datapackage(reference / "datapackage.md")
    write_ci_steps(reference / "ci-steps.txt")
    (reference / "citation.bib").write_text(bibtex(found=found), encoding="utf-8")
    write_catalog(source / "catalog")
    write_card(source / "catalog" / "card.md")
    generated = source / "_generated"  # fragments pages include; not pages themselves
    generated.mkdir(exist_ok=True)
    (generated / ".gitignore").write_text("*\n", encoding="utf-8")
    write_glance(
        generated / "glance.myst",
        corpus_facts(),
        field_rows(load_schema(), with_examples=False),
        found,
        app.config.release,
    )


def setup(app: Sphinx) -> dict[str, Any]:
    app.setup_extension("newsdata_objects")
    app.connect("config-inited", _substitutions)
    app.connect("builder-inited", _generate)
    app.add_directive("newsdata-session", Session)
    return {"parallel_read_safe": True, "version": "1"}


__all__ = [
    "bibtex",
    "ci_steps",
    "corpus_facts",
    "field_anchor",
    "field_rows",
    "setup",
    "write_catalog",
    "write_datapackage",
]
