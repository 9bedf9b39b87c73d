"""Benchmarks: load, stream and validate, each with a baseline measured in the same run.

Run with ``make bench`` (or ``python benchmarks/run.py [--articles N]``). A corpus of N
copies of the shipped article (distinct ids) is generated under ``benchmarks/.cache``.
Validation alone, quickly: ``python benchmarks/run.py --only validate,large``.
Every figure is the median of several runs in fresh processes; memory is the peak
resident set size of the process. The machine is shared and noisy: read the ratios.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

from newsdata.guidelines import GUIDELINES_VERSION  # a constant: imports nothing else

HERE = Path(__file__).resolve().parent
CACHE = HERE / ".cache"

# VmHWM is this process's own peak RSS (ru_maxrss would carry the parent's over exec);
# a worker process (newsdata builds its store in several) is counted as well: the peak is
# the larger of this process's and its largest worker's.
PEAK = (
    "import resource as _r\n"
    "_own = int(next(l.split()[1] for l in open('/proc/self/status') if l.startswith('VmHWM')))\n"
    "print('PEAK', max(_own, _r.getrusage(_r.RUSAGE_CHILDREN).ru_maxrss))"
)


def generate(n: int) -> Path:
    """A corpus of ``n`` copies of the largest shipped article, built so that it validates,
    and ``articles.jsonl`` beside it: the same records, one per line, for ``datasets``."""
    import orjson

    from newsdata._io import dump_json
    from newsdata.build import build_descriptor
    from newsdata.layout import CorpusLayout, dataset_dir

    root = CACHE / f"corpus-{n}"
    # the largest shipped article: the most fully annotated shape a corpus holds
    largest = max(CorpusLayout(dataset_dir()).article_files(), key=lambda f: f.stat().st_size)
    recipe = _recipe(largest)
    stamp = root / ".recipe"
    if stamp.is_file() and stamp.read_text() == recipe:
        return root
    shutil.rmtree(root, ignore_errors=True)
    (root / "articles").mkdir(parents=True)
    seed = json.loads(largest.read_text("utf-8"))
    with (root.parent / f"jsonl-{n}.jsonl").open("wb") as lines:
        for i in range(n):
            seed["id"] = f"article-{i:06d}"
            (root / "articles" / f"{seed['id']}.json").write_bytes(dump_json(seed))
            lines.write(orjson.dumps(seed) + b"\n")
    descriptor = build_descriptor(root, {"name": "bench", "version": "0.1.0"})
    (root / "datapackage.json").write_bytes(dump_json(descriptor))
    stamp.write_text(recipe)
    return root


def with_findings(root: Path) -> Path:
    """``root``'s corpus with two warnings on each topic of every article (a label and a
    version that are not the pinned release's): validation that has findings to place."""
    from newsdata._io import dump_json
    from newsdata.build import build_descriptor

    copy = root.parent / f"{root.name}-findings"
    # the change below is part of the recipe: edit it, and the copy is made again
    recipe = (root / ".recipe").read_text() + "\nfindings: every topic's label and version, 1"
    stamp = copy / ".recipe"
    if stamp.is_file() and stamp.read_text() == recipe:
        return copy
    shutil.rmtree(copy, ignore_errors=True)
    (copy / "articles").mkdir(parents=True)
    for file in sorted((root / "articles").glob("*.json")):
        doc = json.loads(file.read_bytes())
        for topic in doc["topics"]:
            topic.update(label="not the release's", version="not the release")
        (copy / "articles" / file.name).write_bytes(dump_json(doc))
    descriptor = build_descriptor(copy, {"name": "bench-findings", "version": "0.1.0"})
    (copy / "datapackage.json").write_bytes(dump_json(descriptor))
    stamp.write_text(recipe)
    return copy


def _recipe(seed: Path) -> str:
    """What a generated corpus is made from: the seed article and the code that writes
    its descriptor. A corpus made from another recipe is made again (a stale descriptor
    would fail validation)."""
    import hashlib

    import newsdata

    package = Path(newsdata.__file__).parent
    digest = hashlib.sha256(seed.read_bytes())
    for source in sorted([*package.glob("datapackage/*.py"), package / "stats.py"]):
        digest.update(source.read_bytes())
    return digest.hexdigest()


def measure(
    code: str,
    repeat: int,
    *,
    wall: bool = False,
    setup_untimed: bool = False,
    then: str = "",
    fresh_cache: bool = False,
) -> tuple[float, float]:
    """Median time (s) and median peak RSS (MiB) of ``python -c code`` in fresh processes.

    The time is the process's wall time with ``wall``; otherwise the time the code
    itself took inside the process (imports included, interpreter start-up not).
    """
    clock = "import time as _t\n_s = _t.perf_counter()\n"
    report = "\nprint('INNER', _t.perf_counter() - _s)"
    # with ``setup_untimed``, ``code`` runs first and only ``then`` is timed
    timed = f"{code}\n{clock}{then}{report}" if setup_untimed else f"{clock}{code}{report}"
    times, peaks = [], []
    for _ in range(repeat):
        # with ``fresh_cache``, every run starts without newsdata's or datasets' cache
        env = dict(os.environ, NEWSDATA_CACHE_DIR=str(_cache_dir("newsdata", fresh_cache)))
        env["BENCH_HF_CACHE"] = str(_cache_dir("hf", fresh_cache))
        start = time.perf_counter()
        out = subprocess.run(
            [sys.executable, "-c", f"{timed}\n{PEAK}"],
            capture_output=True,
            text=True,
            check=True,
            env=env,
        )
        elapsed = time.perf_counter() - start
        values = dict(
            line.split() for line in out.stdout.splitlines() if line[:4] in ("PEAK", "INNE")
        )
        times.append(elapsed if wall else float(values["INNER"]))
        peaks.append(int(values["PEAK"]) / 1024)
    return statistics.median(times), statistics.median(peaks)


def _cache_dir(kind: str, fresh: bool) -> Path:
    place = CACHE / f"{kind}-cache"
    if fresh:
        shutil.rmtree(place, ignore_errors=True)
    place.mkdir(parents=True, exist_ok=True)
    return place


def row(
    name: str,
    seconds: float,
    mib: float,
    base: tuple[float, float] | None = None,
    per: int | None = None,
) -> None:
    ratio = f"{seconds / base[0]:8.2f}x" if base else " " * 9
    rate = f"{per / seconds:10,.0f}/s" if per else " " * 12
    print(f"{name:58} {seconds:8.3f} s {mib:8.1f} MiB {ratio} {rate}")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--articles", type=int, default=10_000)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--export-articles", type=int, default=100_000)
    parser.add_argument(
        "--validate-articles",
        type=int,
        default=2_000,
        help="corpus size of the validation section (the size its targets are stated at)",
    )
    parser.add_argument(
        "--only",
        default="hf,load,validate,large,export",
        help="comma-separated sections to run: hf, load, validate (a corpus), "
        "large (single large articles), export",
    )
    parser.add_argument(
        "--sizes",
        type=int,
        nargs="+",
        default=[1_000, 10_000, 100_000],
        help="corpus sizes of the side-by-side comparison with Hugging Face datasets",
    )
    args = parser.parse_args()
    sections = set(args.only.split(","))
    # An installed wheel is byte-compiled by pip; a source checkout may not be (this
    # machine sets PYTHONDONTWRITEBYTECODE): compile it, or every start compiles it anew.
    import compileall

    import newsdata

    compileall.compile_dir(Path(newsdata.__file__).parent, quiet=1)
    if "hf" in sections:
        bench_hf(args)
        if sections == {"hf"}:
            return 0
    n, small = args.articles, max(1, args.articles // 10)
    print(f"{'measurement':58} {'time':>10} {'peak RSS':>12} {'ratio':>9} {'rate':>12}")

    if "load" in sections:
        bench_load(args, generate(n), generate(small), n, small)
    if "validate" in sections:
        bench_validate(args, generate(args.validate_articles), args.validate_articles)
    if "large" in sections:
        bench_large(args)
    if "export" in sections:
        bench_export(args)
    return 0


# The same questions asked of both libraries. Each snippet runs in a fresh process; the
# time counts the imports (a user's script pays them) but not the interpreter's start.
HF_LOAD = (
    "import datasets, os\n"
    "datasets.disable_progress_bars()\n"
    "ds = datasets.load_dataset('json', data_files={jsonl!r},"
    " cache_dir=os.environ['BENCH_HF_CACHE'], split='train')\n"
)
ND_LOAD = "import newsdata\ncorpus = newsdata.load({root!r})\n"
HF_PER = (
    "import pyarrow.compute as pc\n"
    "m = pc.list_flatten(ds.data.table.column('mentions'))\n"
    "assert pc.sum(pc.equal(pc.struct_field(m, 'label'), 'PER')).as_py() == {expected}\n"
)
ND_PER_ARROW = (
    "import pyarrow.compute as pc\n"
    "t = corpus.to_arrow('mentions')\n"
    "assert pc.sum(pc.equal(t.column('label'), 'PER')).as_py() == {expected}\n"
)
ND_PER_PANDAS = (
    "f = corpus.to_pandas('mentions')\nassert int((f['label'] == 'PER').sum()) == {expected}\n"
)
ND_ALL = (
    "for layer in ('articles', 'blocks', 'mentions', 'entities', 'quotes', 'timexes', 'topics'):\n"
    "    corpus.to_arrow(layer)\n"
)
HF_LOOP = (
    "n = 0\nfor row in ds:\n    for m in row['mentions']:\n        n += m['label'] == 'PER'\n"
    "assert n == {expected}\n"
)
ND_LOOP = (
    "n = 0\nfor a in corpus:\n    for m in a.mentions:\n        n += m.label == 'PER'\n"
    "assert n == {expected}\n"
)


def bench_hf(args: argparse.Namespace) -> None:
    """newsdata against Hugging Face ``datasets`` on the same records, size by size.

    Every ratio is newsdata / datasets, measured in the same run: at most 1.00x means
    newsdata is at least as fast (or as small).
    """
    print("== newsdata vs Hugging Face datasets (ratio = newsdata / datasets; <= 1 is ahead)")
    print(f"{'measurement':58} {'time':>10} {'peak RSS':>12} {'ratio':>9} {'mem ratio':>10}")
    for n in args.sizes:
        root = generate(n)
        jsonl = root.parent / f"jsonl-{n}.jsonl"
        seed = json.loads(next((root / "articles").iterdir()).read_bytes())
        expected = n * sum(m["label"] == "PER" for m in seed["mentions"])
        hf_load = HF_LOAD.format(jsonl=str(jsonl))
        nd_load = ND_LOAD.format(root=str(root))
        # the figures of a second or so are the medians of several runs at every size;
        # the first load and the loop take minutes at 100,000 articles, and run once there
        r = args.repeat
        slow = r if n <= 10_000 else 1
        print(f"-- {n:,} articles (median of {r} runs each; first load and loop: {slow})")
        first = (
            measure(hf_load, slow, fresh_cache=True),
            measure(nd_load + ND_PER_ARROW.format(expected=expected), slow, fresh_cache=True),
        )
        measure(hf_load, 1)  # both caches in place: every later figure reads them
        measure(nd_load + ND_ALL, 1)
        pairs = [
            (
                "first load (datasets builds its Arrow cache; newsdata "
                "load() + to_arrow(), building its columnar store)",
                *first,
            ),
            ("later load: load_dataset() vs load()", measure(hf_load, r), measure(nd_load, r)),
            (
                "later load: load_dataset() vs load() + every layer's table",
                measure(hf_load, r),
                measure(nd_load + ND_ALL, r),
            ),
            (
                "load + count PER mentions, Arrow",
                measure(hf_load + HF_PER.format(expected=expected), r),
                measure(nd_load + ND_PER_ARROW.format(expected=expected), r),
            ),
            (
                "load + count PER mentions, newsdata to_pandas()",
                measure(hf_load + HF_PER.format(expected=expected), r),
                measure(nd_load + ND_PER_PANDAS.format(expected=expected), r),
            ),
            (
                "load + Python loop over every article's mentions",
                measure(hf_load + HF_LOOP.format(expected=expected), slow),
                measure(nd_load + ND_LOOP.format(expected=expected), slow),
            ),
        ]
        for name, hf, nd in pairs:
            print(f"{name}")
            print(f"  {'datasets':56} {hf[0]:8.3f} s {hf[1]:8.1f} MiB")
            print(
                f"  {'newsdata':56} {nd[0]:8.3f} s {nd[1]:8.1f} MiB "
                f"{nd[0] / hf[0]:8.2f}x {nd[1] / hf[1]:9.2f}x"
            )
    print("-- cold start on the shipped corpus, interpreter included (wall time)")
    shipped = CACHE / "shipped"
    from newsdata.export import export

    export("jsonl", shipped)
    hf_cold = HF_LOAD.format(jsonl=str(shipped / "articles.jsonl"))
    measure(hf_cold, 1)  # datasets' cache exists, as on any later run
    r = max(args.repeat, 5)
    base = measure("pass", r, wall=True)
    hf = measure(hf_cold, r, wall=True)
    nd = measure("import newsdata; newsdata.load()", r, wall=True)
    row("python -c pass", *base)
    row("datasets.load_dataset('json')", *hf)
    row("import newsdata; newsdata.load()", *nd)
    print(f"newsdata's cold start is {hf[0] / nd[0]:.1f}x faster than datasets'")


def bench_load(
    args: argparse.Namespace, big_root: Path, small_root: Path, n: int, small: int
) -> None:
    r = args.repeat
    print("-- cold start, shipped corpus (baseline: python -c pass)")
    base = measure("pass", r, wall=True)
    row("python -c pass", *base)
    cold = measure("import newsdata; newsdata.load()", r, wall=True)
    row("python -c 'import newsdata; newsdata.load()'", *cold, base)

    for label, root, count in (("small", small_root, small), ("large", big_root, n)):
        print(f"-- {count:,} articles ({label}); baseline: json.loads of every file")
        base = measure(parse_only(root), r)
        row(f"json.loads x {count:,}", *base, per=count)
        row(
            f"newsdata.load() x {count:,}",
            *measure(f"import newsdata; newsdata.load({str(root)!r})", r),
            base,
            count,
        )
        row(
            f"newsdata.iter_articles() x {count:,}",
            *measure(f"import newsdata\nfor a in newsdata.iter_articles({str(root)!r}): pass", r),
            base,
            count,
        )


def bench_validate(args: argparse.Namespace, big_root: Path, n: int) -> None:
    """Validation of a corpus against json.loads of its files (the floor) and a reused
    jsonschema validator (the reference), measured round by round: each round runs every
    measurement once, so a change in the shared machine's load falls on all of them alike.
    Times are medians over the rounds; ratios are the medians of each round's ratio."""
    r = args.repeat
    sample = min(n, 300)
    print(f"-- validation of {n:,} articles; baselines: json.loads, reused jsonschema validator")
    print(f"   ({r} rounds, each measuring all five once, in fresh processes)")
    root = str(big_root)
    findings = str(with_findings(big_root))
    codes = {
        "floor": parse_only(big_root),
        "serial": f"import newsdata; assert newsdata.validate({root!r}, workers=1).valid",
        "findings": (
            f"import newsdata; r = newsdata.validate({findings!r}, workers=1)\n"
            "assert r.valid and r.problems"
        ),
        "full": f"import newsdata; assert newsdata.validate({root!r}).valid",
        "reference": (
            "import json, pathlib, jsonschema\n"
            "from newsdata.schema import load_schema\n"
            "v = jsonschema.Draft202012Validator(\n"
            "    load_schema(), format_checker=jsonschema.FormatChecker()\n"
            ")\n"
            f"files = sorted(pathlib.Path({root!r}).glob('articles/*.json'))[:{sample}]\n"
            "for p in files: assert v.is_valid(json.loads(p.read_bytes()))"
        ),
    }
    rounds = [{name: measure(code, 1) for name, code in codes.items()} for _ in range(r)]

    def median(name: str) -> tuple[float, float]:
        return (
            statistics.median(one[name][0] for one in rounds),
            statistics.median(one[name][1] for one in rounds),
        )

    floor = median("floor")
    row(f"json.loads x {n:,}", *floor, per=n)
    row(f"newsdata.validate(corpus, workers=1) x {n:,}", *median("serial"), floor, n)
    row(f"newsdata.validate(corpus) x {n:,} (default workers)", *median("full"), floor, n)
    warnings = 2 * len(json.loads(next(big_root.glob("articles/*.json")).read_bytes())["topics"])
    row(
        f"newsdata.validate(corpus, workers=1), {warnings} warnings an article",
        *median("findings"),
        floor,
        n,
    )
    row(f"jsonschema (reused validator) x {sample}", *median("reference"), per=sample)
    for label, name in (("one process", "serial"), ("default workers", "full")):
        to_floor = [one[name][0] / one["floor"][0] for one in rounds]
        # articles a second against the reference's: n / t against sample / t_reference
        to_reference = [n * one["reference"][0] / (sample * one[name][0]) for one in rounds]
        print(
            f"full validation, {label}: {statistics.median(to_reference):.1f}x the jsonschema "
            f"reference's rate (rounds {min(to_reference):.1f}-{max(to_reference):.1f}), "
            f"{statistics.median(to_floor):.2f}x the time of json.loads alone "
            f"(rounds {min(to_floor):.2f}-{max(to_floor):.2f})"
        )


# The large single articles: (label, what large_article() is given). Quotes are direct,
# each with its verbatim part; unclosed marks are opening marks no closing mark follows.
LARGE = (
    ("4,000 direct quotes", {"quotes": 4_000}),
    ("8,000 direct quotes", {"quotes": 8_000}),
    ("16,000 direct quotes", {"quotes": 16_000}),
    ("160,000 unclosed marks, 0.5 MB text", {"unclosed": 160_000, "spacing": 3}),
    ("160,000 unclosed marks, 3.2 MB text", {"unclosed": 160_000, "spacing": 20}),
)


def bench_large(args: argparse.Namespace) -> None:
    """One large generated article at a time, validated as a file: the semantic checks must
    grow linearly with quotes and quotation marks (the ratio to json.loads stays level)."""
    r = args.repeat
    print("-- single large articles (valid, no warning); baseline: json.loads of the same file")
    print(
        "   (the call's time in a fresh process; imports and the schema's compilation not counted)"
    )
    from newsdata._io import dump_json

    (CACHE / "large").mkdir(parents=True, exist_ok=True)
    figures = {}
    for label, recipe in LARGE:
        file = CACHE / "large" / (label.replace(",", "").replace(" ", "-") + ".json")
        file.write_bytes(dump_json(large_article(**recipe)))
        size = file.stat().st_size / 1e6
        base = measure(
            "import json, pathlib",
            r,
            setup_untimed=True,
            then=f"json.loads(pathlib.Path({str(file)!r}).read_bytes())",
        )
        check = (
            f"report = newsdata.validate({str(file)!r})\n"
            "assert report.valid and not report.problems, report.to_text()[:2000]"
        )
        # a first validation imports the checks and compiles the schema, outside the clock
        warm = "import importlib, newsdata\nimportlib.import_module('newsdata.validate.article')"
        warm += ".validate_bytes(b'{}')"
        seconds, mib = measure(warm, r, setup_untimed=True, then=check)
        figures[label] = seconds
        row(f"json.loads: {label}", *base)
        row(f"validate: {label} ({size:.1f} MB file)", seconds, mib, base)
    quotes = [figures[label] for label, recipe in LARGE if "quotes" in recipe]
    print(
        f"16,000 / 4,000 quotes: {quotes[-1] / quotes[0]:.1f}x the time (4x is linear); "
        f"16,000 quotes in {quotes[-1]:.2f} s (target: under 1 s)"
    )


def large_article(quotes: int = 0, unclosed: int = 0, spacing: int = 20) -> dict[str, Any]:
    """A valid German article of ``quotes`` direct quotes (each with its speaker's mention,
    speaker span, cue and verbatim part), ten to a paragraph; or of one quote (the
    quotation-mark check runs once a verbatim part exists) and ``unclosed`` opening marks „
    that no closing mark follows, one every ``spacing`` characters, about 1,000 characters
    to a paragraph."""
    people = ("Anna Beispiel", "Jonas Muster", "Lea Probe", "Karl Vorlage", "Mira Entwurf")
    pieces: list[str] = []
    blocks: list[dict[str, Any]] = []
    found: list[dict[str, Any]] = []
    mentions: list[dict[str, Any]] = []
    length = 0

    def put(piece: str) -> dict[str, Any]:
        nonlocal length
        span = {"start": length, "end": length + len(piece), "text": piece}
        pieces.append(piece)
        length += len(piece)
        return span

    def block(kind: str, start: int) -> None:
        blocks.append({"id": f"b{len(blocks) + 1}", "start": start, "end": length, "kind": kind})

    title = put("Viele Stimmen aus Hamburg")["text"]
    block("title", 0)
    start = 0
    for k in range(max(quotes, 1)):
        if k % 10 == 0:
            if k:
                block("paragraph", start)
            put("\n\n")
            start = length
        else:
            put(" ")
        person = people[k % len(people)]
        speaker_span = put(person)
        speaker = "e-" + person.lower().replace(" ", "-")
        mentions.append({"id": f"m{k + 1}", **speaker_span, "label": "PER", "entity": speaker})
        put(" ")
        cue = put("sagte")
        put(": „")
        content = put(f"Wir bauen die Brücke Nummer {k + 1}.")
        put("“")
        found.append(
            {
                "id": f"q{k + 1}",
                **content,
                "verbatim": [dict(content)],
                "speaker": speaker,
                "co_speakers": [],
                "speaker_text": None,
                "speaker_span": speaker_span,
                "inferred": False,
                "cue": cue,
                "kind": "direct",
            }
        )
    block("paragraph", start)
    unit = ("„" + "Einwurf ohne Ende.")[: spacing - 1]  # and a space: `spacing` characters
    per_paragraph = max(1, 1000 // spacing)
    for first in range(0, unclosed, per_paragraph):
        put("\n\n")
        start = length
        put(" ".join([unit] * min(per_paragraph, unclosed - first)))
        block("paragraph", start)
    speakers = {q["speaker"]: people[k % len(people)] for k, q in enumerate(found)}
    return {
        "id": f"large-{quotes}-{unclosed}-{spacing}",
        "title": title,
        "language": "de",
        "published": None,
        "reading_time": None,
        "source": {"name": None, "url": None, "retrieved": None},
        "rights": "Generated for the newsdata benchmarks; no rights reserved.",
        "text": "".join(pieces),
        "blocks": blocks,
        "mentions": mentions,
        "entities": [
            {"id": key, "name": name, "type": "PER", "wikidata": None}
            for key, name in sorted(speakers.items())
        ],
        "quotes": found,
        "timexes": [],
        "topics": [],
        "annotation": {
            "guidelines": GUIDELINES_VERSION,
            "date": "2026-12-05",
            "methods": {
                "blocks": "manual",
                "mentions": "manual",
                "entities": "manual",
                "quotes": "manual",
                "timexes": "none",
                "topics": "none",
            },
            "notes": None,
        },
    }


def parse_only(root: Path) -> str:
    return (
        "import json, pathlib\n"
        f"for p in sorted(pathlib.Path({str(root)!r}).glob('articles/*.json')):\n"
        "    json.loads(p.read_bytes())"
    )


def bench_export(args: argparse.Namespace) -> None:
    r = args.repeat
    big = args.export_articles
    small = max(1, big // 10)
    print(f"-- Parquet export, {small:,} and {big:,} articles (peak RSS must not grow)")
    for count in (small, big):
        root = generate(count)
        out = CACHE / f"parquet-{count}"
        code = (
            "from newsdata.export import export\n"
            f"assert export('parquet', {str(out)!r}, {str(root)!r}).articles == {count}"
        )
        row(f"export --format parquet x {count:,}", *measure(code, 1), per=count)
    print("-- cold load of the shipped corpus vs datasets.load_dataset('json'), same records")
    from newsdata.export import export

    jsonl = CACHE / "shipped"
    export("jsonl", jsonl)
    base = measure("import newsdata; newsdata.load()", r)
    row("newsdata.load() (import included)", *base)
    hf_call = (
        f"datasets.load_dataset('json', data_files={str(jsonl / 'articles.jsonl')!r}, "
        "cache_dir=tempfile.mkdtemp(), split='train')"
    )
    hf = measure(f"import tempfile, datasets\n{hf_call}", r)
    row("datasets.load_dataset('json') (import included)", *hf, base)
    # the calls alone, each in a fresh process after its library was imported
    call = measure("import newsdata", r, setup_untimed=True, then="newsdata.load()")
    row("newsdata.load() (call only)", *call)
    hf_only = measure("import tempfile, datasets", r, setup_untimed=True, then=hf_call)
    row("datasets.load_dataset('json') (call only)", *hf_only, call)
    print(
        f"newsdata.load() is {hf[0] / base[0]:.1f}x faster than datasets.load_dataset "
        f"with imports, {hf_only[0] / call[0]:.1f}x faster for the calls alone"
    )


if __name__ == "__main__":
    sys.exit(main())
