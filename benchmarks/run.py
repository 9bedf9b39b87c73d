"""Benchmarks: load, stream and validate, each with a baseline measured in the same run.

Run with ``make bench`` (or ``python benchmarks/run.py [--articles N]``). A corpus of N
copies of the shipped article (distinct ids) is generated under ``benchmarks/.cache``.
Every figure is the median of several runs in fresh processes; memory is the peak
resident set size of the process. The machine is shared and noisy: read the ratios.
"""

from __future__ import annotations

import argparse
import json
import shutil
import statistics
import subprocess
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
CACHE = HERE / ".cache"

# VmHWM is this process's own peak RSS (ru_maxrss would carry the parent's over exec).
PEAK = (
    "print('PEAK', next(l.split()[1] for l in open('/proc/self/status') if l.startswith('VmHWM')))"
)


def generate(n: int) -> Path:
    """A corpus of ``n`` copies of the largest shipped article, built so that it validates."""
    from newsdata._io import dump_json
    from newsdata.build import build_descriptor
    from newsdata.layout import CorpusLayout, dataset_dir

    root = CACHE / f"corpus-{n}"
    if (root / "datapackage.json").is_file():
        return root
    shutil.rmtree(root, ignore_errors=True)
    (root / "articles").mkdir(parents=True)
    # the largest shipped article: the most fully annotated shape a corpus holds
    largest = max(CorpusLayout(dataset_dir()).article_files(), key=lambda f: f.stat().st_size)
    seed = json.loads(largest.read_text("utf-8"))
    for i in range(n):
        seed["id"] = f"article-{i:06d}"
        (root / "articles" / f"{seed['id']}.json").write_bytes(dump_json(seed))
    descriptor = build_descriptor(root, {"name": "bench", "version": "0.1.0"})
    (root / "datapackage.json").write_bytes(dump_json(descriptor))
    return root


def measure(
    code: str, repeat: int, *, wall: bool = False, setup_untimed: bool = False, then: str = ""
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
        start = time.perf_counter()
        out = subprocess.run(
            [sys.executable, "-c", f"{timed}\n{PEAK}"], capture_output=True, text=True, check=True
        )
        elapsed = time.perf_counter() - start
        values = dict(
            line.split() for line in out.stdout.splitlines() if line[:4] in ("PEAK", "INNE")
        )
        times.append(elapsed if wall else float(values["INNER"]))
        peaks.append(int(values["PEAK"]) / 1024)
    return statistics.median(times), statistics.median(peaks)


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
        "--only", default="load,validate,export", help="comma-separated sections to run"
    )
    args = parser.parse_args()
    sections = set(args.only.split(","))
    n, small = args.articles, max(1, args.articles // 10)
    big_root, small_root = generate(n), generate(small)
    print(f"{'measurement':58} {'time':>10} {'peak RSS':>12} {'ratio':>9} {'rate':>12}")

    if "load" in sections:
        bench_load(args, big_root, small_root, n, small)
    if "validate" in sections:
        bench_validate(args, big_root, n)
    if "export" in sections:
        bench_export(args)
    return 0


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
    r = args.repeat
    print(f"-- validation of {n:,} articles; baselines: json.loads, reused jsonschema validator")
    base = measure(parse_only(big_root), r)
    row(f"json.loads x {n:,}", *base, per=n)
    serial = measure(
        f"import newsdata; assert newsdata.validate({str(big_root)!r}, workers=1).valid", r
    )
    row(f"newsdata.validate(corpus, workers=1) x {n:,}", *serial, base, n)
    full = measure(f"import newsdata; assert newsdata.validate({str(big_root)!r}).valid", r)
    row(f"newsdata.validate(corpus) x {n:,} (default workers)", *full, base, n)
    sample = min(n, 300)
    reference = measure(
        "import json, pathlib, jsonschema\n"
        "from newsdata.schema import load_schema\n"
        "v = jsonschema.Draft202012Validator(\n"
        "    load_schema(), format_checker=jsonschema.FormatChecker()\n"
        ")\n"
        f"files = sorted(pathlib.Path({str(big_root)!r}).glob('articles/*.json'))[:{sample}]\n"
        "for p in files: assert v.is_valid(json.loads(p.read_bytes()))",
        1,
    )
    row(f"jsonschema (reused validator) x {sample}", *reference, per=sample)
    reference_rate = sample / reference[0]
    for label, (seconds, _) in (("one process", serial), ("default workers", full)):
        rate = n / seconds
        print(
            f"full validation, {label}: {rate:,.0f} articles/s = "
            f"{rate / reference_rate:.1f}x the jsonschema reference ({reference_rate:,.0f}/s), "
            f"{seconds / base[0]:.2f}x the time of json.loads alone"
        )


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
