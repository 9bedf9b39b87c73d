"""The ``newsdata`` command line: a thin layer over the Python API."""

from __future__ import annotations

import argparse
import datetime
import json
import os
import re
import shlex
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from newsdata._progress import Progress
from newsdata._version import version

__all__ = ["CommandError", "build_parser", "main"]


MAX_ID = 200
"""The longest article id `newsdata add` accepts: ids are file names, and file systems
allow 255 bytes."""


class CommandError(Exception):
    """A command cannot do what was asked: one line for the user, and the exit status.

    Exit statuses: 0 done; 1 the input was checked and found wanting (invalid, stale,
    different, refused); 2 the command could not run (bad arguments, a missing or
    unreadable file, a missing optional library); 130 interrupted.
    """

    def __init__(self, message: str, status: int = 2) -> None:
        super().__init__(message)
        self.status = status


def _info(args: argparse.Namespace) -> int:
    import newsdata
    from newsdata.stats import count

    corpus = newsdata.load(args.path)
    counts = count(corpus)
    if args.json:
        print(json.dumps({"version": corpus.version, **counts}, indent=2))
        return 0
    where = args.path if args.path is not None else corpus.root  # a path as the user gave it
    print(f"newsdata {version()}: corpus version {corpus.version or 'unknown'} at {where}")
    print(f"articles: {counts['articles']}")
    print(f"languages: {', '.join(counts['languages']) or '-'}")
    print("layers:   " + ", ".join(f"{k} {v}" for k, v in counts["layers"].items()))
    print(f"verbatim parts of quotes: {counts['verbatim_parts']}")
    for title, key in [
        ("mention labels", "mention_labels"),
        ("entity types", "entity_types"),
        ("block kinds", "block_kinds"),
        ("quote kinds", "quote_kinds"),
        ("timex types", "timex_types"),
    ]:
        items = ", ".join(f"{k} {v}" for k, v in counts[key].items()) or "-"
        print(f"{title + ':':16}{items}")
    return 0


def _schema(args: argparse.Namespace) -> int:
    from newsdata.schema import check_schemas, write_schemas

    directory = Path(args.dir) if args.dir else None
    if args.write:
        changed = write_schemas(directory)
        for path in changed:
            print(f"wrote {path}")
        if not changed:
            print("schemas are up to date")
        return 0
    stale = check_schemas(directory)
    for path in stale:
        print(f"{path}: differs from the models; run `newsdata schema --write`", file=sys.stderr)
    if not stale:
        print("schemas are up to date")
    return 1 if stale else 0


def _validate(args: argparse.Namespace) -> int:
    from newsdata.validate import validate

    try:
        report = validate(*args.paths, progress=Progress("validating"))
    except FileNotFoundError as exc:
        raise CommandError(str(exc)) from None
    except Exception as exc:  # never a traceback, whatever the input
        raise CommandError(
            f"internal error ({type(exc).__name__}: {exc}); "
            "please report it with the file that caused it",
            2,
        ) from None
    rendered = {"text": report.to_text, "json": report.to_json, "github": report.to_github}
    print(rendered[args.format]())
    if any(p.code == "file-unreadable" for p in report.problems):
        return 2
    return 0 if report.valid else 1


def _explain(args: argparse.Namespace) -> int:
    import difflib

    from newsdata.validate.codes import CHECKS
    from newsdata.validate.report import explain, list_checks

    if args.list or args.code is None:
        print(list_checks())
        return 0
    code = args.code.strip().lower()
    if code not in CHECKS:
        close = difflib.get_close_matches(code, list(CHECKS), n=3)
        guess = f"did you mean {' or '.join(close)}? " if close else ""
        raise CommandError(
            f"unknown code {args.code!r}; {guess}`newsdata explain --list` lists every code", 2
        )
    print(explain(code))
    return 0


def _init(args: argparse.Namespace) -> int:
    from newsdata.init import WORKFLOW, InitError, init_corpus

    root = Path(args.dir)
    try:
        made = init_corpus(root)
    except InitError as exc:
        raise CommandError(str(exc), 2) from None
    shown = str(root)  # as the user gave it, so every command below can be pasted
    names = ", ".join(path.relative_to(root).as_posix() for path in made.written)
    print(f"created {shown}: articles/, {names}")
    built = dict.fromkeys(path.relative_to(root).parts[0] for path in made.built)
    print(
        f"built {shown}: "
        + ", ".join(f"{name}/" if (root / name).is_dir() else name for name in built)
    )
    workflow = f"{shown}/{WORKFLOW}"
    if made.repository is None:
        print(
            f"CI: {workflow} runs once {shown} is the top of a git repository; in a larger "
            f"one, copy it to the top's {WORKFLOW} and put the corpus's path for `.` in it"
        )
    elif made.in_repository != ".":
        print(
            f"CI: copy {workflow} to {made.repository / WORKFLOW} (it checks {made.in_repository})"
        )
    where = shlex.quote(shown)
    print(f"next: newsdata add RAW.txt --id ID --language LANG --corpus {where}")
    print(f"      then `newsdata build {where}` and `newsdata validate {where}`")
    return 0


def _build(args: argparse.Namespace) -> int:
    from newsdata.build import BuildRefused, run_build
    from newsdata.loader import CorpusError

    root = Path(args.path) if args.path else None
    try:
        built = run_build(root, check=args.check, tables=args.tables)
    except BuildRefused as refused:  # the validator's own lines, then what to do
        for problem in refused.problems:
            print(problem.as_text(), file=sys.stderr)
        where = f" {args.path}" if args.path else ""
        print(
            f"newsdata build: refused: {len(refused.problems)} error(s), nothing written; "
            f"fix them (`newsdata validate{where}` shows each fix), then build again",
            file=sys.stderr,
        )
        return 1
    except (CorpusError, OSError, ValueError) as exc:
        raise CommandError(str(exc)) from None
    if built.fresh:
        print("datapackage.json and the files derived from it are up to date")
        return 0
    names = ", ".join(str(path) for path in built.stale + built.removed)
    if args.check:
        print(f"stale: {names}; run `newsdata build`", file=sys.stderr)
        return 1
    if built.stale:
        print(f"wrote {', '.join(str(path) for path in built.stale)}")
    if built.removed:
        print(f"removed {', '.join(str(path) for path in built.removed)} (no table views)")
    return 0


def read_article(path: Path) -> dict[str, Any]:
    """Read an article file with the validator's reader (duplicate keys, NaN, nesting and
    encoding are refused) and check it against the schema; raise CommandError if it fails."""
    from newsdata.validate.article import check_structure
    from newsdata.validate.filelevel import parse_file

    if not path.is_file():
        raise CommandError(f"{path}: no such file", 2)
    parsed = parse_file(path, str(path))
    problems = check_structure(parsed)
    if problems or not isinstance(parsed.value, dict):
        first = problems[0].as_text() if problems else f"{path}: not a JSON object"
        raise CommandError(f"{first}; run `newsdata validate {path}` for every problem", 2)
    return parsed.value


def _date(value: str) -> datetime.date:
    try:
        return datetime.date.fromisoformat(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{value!r} is not a date written as YYYY-MM-DD") from None


def _add(args: argparse.Namespace) -> int:
    from newsdata._io import UnsafeWrite, dump_json, target_mode, write_atomic
    from newsdata.changelog import ChangelogError, add_entry, entry, read_unreleased
    from newsdata.layout import CorpusLayout, dataset_dir
    from newsdata.models import BCP47, SLUG
    from newsdata.scaffold import scaffold_article
    from newsdata.validate import check_article
    from newsdata.validate.filelevel import parse_bytes

    if len(args.id) > MAX_ID:
        raise CommandError(f"id has {len(args.id)} characters; keep it to {MAX_ID} or fewer", 2)
    if not re.fullmatch(SLUG, args.id):
        raise CommandError(f"id {args.id!r} must be a lowercase slug like 2024-06-19-some-words", 2)
    if not re.fullmatch(BCP47, args.language):
        raise CommandError(f"{args.language!r} is not a BCP 47 language tag (e.g. de)", 2)
    try:
        raw = Path(args.raw).read_bytes().decode("utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise CommandError(f"cannot read {args.raw} as UTF-8 text: {exc}", 2) from None
    corpus = Path(args.corpus) if args.corpus else dataset_dir()
    layout = CorpusLayout(corpus)
    target = layout.article_path(args.id)
    if target.exists() and not args.force:
        raise CommandError(f"{target} exists; use --force to overwrite it", 1)
    made = scaffold_article(
        raw,
        article_id=args.id,
        language=args.language,
        published=args.published,
        source_url=args.source_url,
        suggest=args.suggest,
    )
    doc, notes = made.doc, made.notes
    # the corpus's own changelog (`newsdata init` writes one), else the repository's beside it
    changelog = next(
        (
            c
            for c in (corpus / "CHANGELOG.md", corpus.resolve().parent / "CHANGELOG.md")
            if c.is_file() or c.is_symlink()  # a link is found, then refused, never skipped
        ),
        corpus.resolve().parent / "CHANGELOG.md",
    )
    # every target is checked before anything is written, so nothing is half-done
    # a missing articles/ is made (the first article of a new corpus); anything else is checked
    unusable = layout.articles_problem() if os.path.lexists(layout.articles_dir) else None
    if unusable is not None:
        raise CommandError(f"{unusable}; nothing written")
    try:
        target_mode(target, layout.root)
        if args.changelog:
            target_mode(changelog)  # a link, read-only, not a file
            read_unreleased(changelog)  # missing, unreadable, no [Unreleased] section
            if not os.access(changelog.parent, os.W_OK):  # its temporary file goes there
                raise CommandError(f"{changelog}: not written, its folder is read-only")
    except (ChangelogError, UnsafeWrite) as exc:
        raise CommandError(f"{exc}; nothing written") from None
    data = dump_json(doc)
    write_atomic(target, data, inside=layout.root)
    kinds = [b["kind"] for b in doc["blocks"]]
    print(
        f"wrote {target}: {len(kinds)} blocks ("
        + ", ".join(f"{kinds.count(k)} {k}" for k in dict.fromkeys(kinds))
        + ")"
    )
    for note in notes:
        print(f"  to do: {note}")
    problems = check_article(parse_bytes(str(target), data))
    if problems:
        print("validation reports what only a person can state:")
        for problem in problems:
            print("  " + problem.as_text())
    line = entry(args.id, doc["title"])
    if args.changelog:
        try:
            added = add_entry(changelog, args.id, doc["title"])
        except ChangelogError as exc:
            raise CommandError(str(exc)) from None
        print(f"{'added' if added else 'already named'} in {changelog}: {line}")
    else:
        print(
            f"name it in {changelog.name} under ## [Unreleased] > ### Added (or pass --changelog):"
        )
        print(f"  {line}")
    print("then run `newsdata build` to list it in datapackage.json")
    return 0


def _reanchor(args: argparse.Namespace) -> int:
    from newsdata._io import dump_json, target_mode, write_atomic
    from newsdata.reanchor import reanchor

    path = Path(args.article)
    if not args.check:
        target_mode(path)  # refuse a link or a read-only file before any work
    doc = read_article(path)
    result = reanchor(doc)
    for pointer, message in result.problems:
        print(f"{path}: error reanchor {message} (at {pointer})")
    if not result.ok:
        print(f"{path}: nothing written; {len(result.problems)} span(s) could not be placed")
        return 1
    if not result.moved:
        print(f"{path}: every span is in place")
        return 0
    verb = "would move" if args.check else "moved"
    for pointer in result.moved:
        print(f"{path}: {verb} {pointer}{_move(doc, result.doc, pointer)}")
    if args.check:  # like `build --check`: 1 when the file is not as it should be
        return 1
    write_atomic(path, dump_json(result.doc))
    print(f"{path}: {len(result.moved)} offset(s) updated; run `newsdata validate {path}`")
    return 0


def _move(old: dict[str, Any], new: dict[str, Any], pointer: str) -> str:
    """`` from [s:e] to [s:e]`` for a span at ``pointer`` in both documents ("" for others)."""
    spans = []
    for doc in (old, new):
        node: Any = doc
        for key in pointer.strip("/").split("/"):
            node = node[int(key)] if isinstance(node, list) else node.get(key)
        if not isinstance(node, dict):
            return ""
        spans.append(f"[{node.get('start')}:{node.get('end')}]")
    return f" from {spans[0]} to {spans[1]}"


def _diff(args: argparse.Namespace) -> int:
    from newsdata.diff import diff_corpora

    for path in (args.old, args.new):
        if not Path(path).is_dir():
            raise CommandError(f"{path} is not a corpus directory", 2)
    result = diff_corpora(Path(args.old), Path(args.new))
    print(result.to_json() if args.format == "json" else result.to_text())
    return 1 if result else 0


def _agree(args: argparse.Namespace) -> int:
    from newsdata.agreement import AgreementError, agree, read_annotations

    try:
        result = agree(read_annotations(Path(args.a)), read_annotations(Path(args.b)))
    except AgreementError as exc:  # read, and found not comparable: the input is wanting
        raise CommandError(str(exc), 1) from None
    print(result.to_json() if args.json else result.to_text())
    return 0


def _export(args: argparse.Namespace) -> int:
    from newsdata.export import MissingDependency, export

    try:
        result = export(args.format, args.output, args.corpus)
    except MissingDependency as exc:
        raise CommandError(str(exc)) from None
    for note in result.notes:
        print(f"note: {note}")
    print(
        f"exported {result.articles} article(s) as {args.format}: "
        + ", ".join(str(f) for f in result.files[:8])
        + (f" and {len(result.files) - 8} more" if len(result.files) > 8 else "")
    )
    return 0


def _import(args: argparse.Namespace) -> int:
    from newsdata.importers.brat import BratError, import_brat
    from newsdata.layout import CorpusLayout, dataset_dir

    directory = Path(args.directory)
    if not directory.is_dir():
        raise CommandError(f"{directory} is not a directory", 2)
    corpus = Path(args.corpus) if args.corpus else dataset_dir()
    try:
        imported = import_brat(directory, corpus)
    except BratError as exc:
        raise CommandError(f"{exc}; nothing was written", 1) from None
    layout = CorpusLayout(corpus)
    for note in imported.notes:
        print(f"kept in brat only: {note}")
    for article_id in imported.updated:
        print(f"updated {layout.article_path(article_id)}")
    print(
        f"{len(imported.updated)} article(s) updated; now run `newsdata build`, "
        "then `newsdata validate`"
    )
    return 0


def build_parser() -> argparse.ArgumentParser:
    """Return the argument parser (the CLI reference in the docs is generated from it)."""
    from newsdata.export import FORMATS

    parser = argparse.ArgumentParser(
        prog="newsdata",
        description="Load, validate and build the newsdata corpus of annotated news articles.",
    )
    parser.add_argument("--version", action="version", version=f"newsdata {version()}")
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

    info = commands.add_parser(
        "info",
        help="summarise a corpus: version, articles, counts per layer and label",
        description="Summarise a corpus: version, articles, counts per layer and label.",
    )
    info.add_argument("path", nargs="?", help="corpus directory (default: the shipped corpus)")
    info.add_argument("--json", action="store_true", help="print the counts as JSON")
    info.set_defaults(func=_info)

    schema = commands.add_parser(
        "schema",
        help="write or check the JSON Schemas generated from the models",
        description="Write or check the JSON Schemas generated from the models.",
    )
    mode = schema.add_mutually_exclusive_group(required=True)
    mode.add_argument("--write", action="store_true", help="(re)write the schema files")
    mode.add_argument("--check", action="store_true", help="exit 1 when a schema file is stale")
    schema.add_argument("--dir", help="schema directory (default: the package's schemas/)")
    schema.set_defaults(func=_schema)

    validate = commands.add_parser(
        "validate",
        help="check article files and corpus directories",
        description="Check article files (file, schema and semantic levels) and corpus directories "
        "(every level). Exit status: 0 valid, 1 invalid, 2 usage or I/O error.",
    )
    validate.add_argument(
        "paths",
        nargs="*",
        metavar="PATH",
        help="article file or corpus directory (default: the shipped corpus)",
    )
    validate.add_argument(
        "--format",
        choices=["text", "json", "github"],
        default="text",
        help="text: compiler-style lines; json: a list of objects; "
        "github: GitHub Actions annotations",
    )
    validate.set_defaults(func=_validate)

    explain = commands.add_parser(
        "explain",
        help="what a validation code means, an example and how to fix it (offline)",
        description="Print a validation code's meaning, level, severity, an example message "
        "when one is recorded, and how to fix it. Without CODE, or with --list, list every "
        "code. Exit status: 0 done, 2 unknown code.",
    )
    explain.add_argument("code", nargs="?", metavar="CODE", help="a code, e.g. span-empty")
    explain.add_argument("--list", action="store_true", help="list every code, level by level")
    explain.set_defaults(func=_explain)

    init = commands.add_parser(
        "init",
        help="start a new corpus: articles/, exemptions, changelog, CI workflow, built",
        description="Create a new corpus in DIR (new, or empty but for a .git): articles/, "
        "an empty validation-exemptions.json, CHANGELOG.md with an [Unreleased] section, and "
        ".github/workflows/newsdata.yml, a GitHub Actions workflow that validates the corpus "
        "and checks the build (copy it to the repository's top if DIR is not the top); "
        "then build it, so `newsdata validate DIR` and `newsdata build --check DIR` pass at "
        "once. Exit status: 0 done, 2 DIR is not empty, a link or a file.",
    )
    init.add_argument(
        "dir", metavar="DIR", help="the new corpus directory (new, or empty but for a .git)"
    )
    init.set_defaults(func=_init)

    build = commands.add_parser(
        "build",
        help="regenerate datapackage.json and the tables/ views from articles/",
        description="Regenerate datapackage.json (resources with sizes and sha256, counts) and "
        "the CSV views of every layer in tables/ from articles/. Deterministic: a second run "
        "changes nothing.",
    )
    build.add_argument(
        "path", nargs="?", help="corpus directory (default: the repository's dataset/)"
    )
    build.add_argument("--check", action="store_true", help="exit 1 when datapackage.json is stale")
    build.add_argument(
        "--tables",
        action=argparse.BooleanOptionalAction,
        default=None,
        help="write the CSV table views in tables/ (default: keep the corpus's choice, on)",
    )
    build.set_defaults(func=_build)

    add = commands.add_parser(
        "add",
        help="create an article from a raw text, with blocks detected",
        description="Create ARTICLES/ID.json from a raw UTF-8 text: the text verbatim (NFC), "
        "metadata from the options, blocks detected automatically, and with "
        "--suggest candidate quotes and time expressions.",
    )
    add.add_argument("raw", metavar="RAW.txt", help="the article's text as received")
    add.add_argument("--id", required=True, help="the new article's id (a lowercase slug)")
    add.add_argument("--language", required=True, help="BCP 47 language tag, e.g. de")
    add.add_argument("--published", type=_date, help="publication date, YYYY-MM-DD")
    add.add_argument("--source-url", help="address the text was taken from")
    add.add_argument("--corpus", help="corpus directory (default: the repository's dataset/)")
    add.add_argument(
        "--suggest",
        action="store_true",
        help="add candidate quotes (paired quotation marks) and dates/years",
    )
    add.add_argument("--force", action="store_true", help="overwrite an existing article")
    add.add_argument(
        "--changelog",
        action="store_true",
        help="also name the article under [Unreleased] in the corpus's CHANGELOG.md (or the "
        "one beside the corpus)",
    )
    add.set_defaults(func=_add)

    anchor = commands.add_parser(
        "reanchor",
        help="recompute span offsets from span texts after a text edit",
        description="Recompute every span's start and end from its stored text, using the old "
        "offsets as a hint; blocks follow the shift and snap to their lines. "
        "Ambiguous or lost spans are reported and nothing is written (exit 1).",
    )
    anchor.add_argument("article", metavar="ARTICLE.json")
    anchor.add_argument(
        "--check", action="store_true", help="only report; exit 1 when an offset would change"
    )
    anchor.set_defaults(func=_reanchor)

    diff = commands.add_parser(
        "diff",
        help="list articles and annotations added, removed and changed between two corpora",
        description="Compare two corpus directories: articles added, removed and changed, and "
        "per changed article the metadata fields and, per layer, the annotation ids added, "
        "removed and changed. Exit status 0 when they are the same, 1 when they differ, 2 "
        "when a directory is not a corpus or a changed article is not a valid article "
        "(one line naming the file).",
    )
    diff.add_argument("old", metavar="OLD", help="the earlier corpus directory")
    diff.add_argument("new", metavar="NEW", help="the later corpus directory")
    diff.add_argument("--format", choices=["text", "json"], default="text")
    diff.set_defaults(func=_diff)

    agreement = commands.add_parser(
        "agree",
        help="how far two annotations of the same texts agree, per layer",
        description="Score annotation B against annotation A (files or corpus directories "
        "holding the same texts): per layer, exact-span precision, recall and F1 (entities "
        "aligned by their links, topics by scheme and code), the agreement of every "
        "attribute on the matched items, and Cohen's kappa of the categorical ones. Exit "
        "status: 0 done; 1 the texts differ, no article is in both, or a mention's entity "
        "or a quote's speaker is not an entity; 2 a "
        "file cannot be read or is not a valid article (an id that differs from its file "
        "name included).",
    )
    agreement.add_argument("a", metavar="A", help="the reference annotation")
    agreement.add_argument("b", metavar="B", help="the annotation scored against it")
    agreement.add_argument("--json", action="store_true", help="print the figures as JSON")
    agreement.set_defaults(func=_agree)

    exporter = commands.add_parser(
        "export",
        help="write the corpus as JSON Lines, Parquet, CoNLL, brat, spaCy or Croissant",
        description="Write the corpus in another format, one article at a time: "
        + "; ".join(f"{f.name}, {f.description}" for f in FORMATS.values())
        + ".",
    )
    exporter.add_argument(
        "corpus", nargs="?", metavar="CORPUS", help="corpus directory (default: the shipped corpus)"
    )
    exporter.add_argument(
        "--format",
        required=True,
        choices=list(FORMATS),
    )
    exporter.add_argument("--output", required=True, metavar="DIR", help="output directory")
    exporter.set_defaults(func=_export)

    importer = commands.add_parser(
        "import",
        help="update articles from annotations made in another tool (brat)",
        description="Read brat standoff files (<id>.ann beside <id>.txt) and replace the "
        "mentions, quotes and timexes of the corpus's articles of the same ids.",
    )
    importer.add_argument("tool", choices=["brat"])
    importer.add_argument("directory", metavar="DIR")
    importer.add_argument("--corpus", help="corpus directory (default: the repository's dataset/)")
    importer.set_defaults(func=_import)
    return parser


def _one_line(exc: BaseException) -> str:
    text = str(exc) or type(exc).__name__
    return " ".join(text.split())


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; return the exit status (see :class:`CommandError`)."""
    try:
        return _main(argv)
    except KeyboardInterrupt:  # before a command runs: parsing, imports
        print("newsdata: interrupted", file=sys.stderr)
        return 130


def _main(argv: Sequence[str] | None) -> int:
    from newsdata.loader import CorpusError

    args = build_parser().parse_args(argv)
    for stream in (sys.stdout, sys.stderr):  # a lone surrogate in the input is shown escaped
        reconfigure = getattr(stream, "reconfigure", None)
        if reconfigure is not None:
            reconfigure(errors="backslashreplace")
    try:
        status: int = args.func(args)
        sys.stdout.flush()  # a closed pipe is told here, not at exit
    except CommandError as exc:
        print(f"newsdata {args.command}: {exc}", file=sys.stderr)
        return exc.status
    except BrokenPipeError:  # e.g. piped into `head`: nothing more to write, or to flush
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 0
    except (CorpusError, OSError) as exc:  # a file that cannot be read or written
        print(f"newsdata {args.command}: {_one_line(exc)}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        print(f"newsdata {args.command}: interrupted", file=sys.stderr)
        return 130
    return status
