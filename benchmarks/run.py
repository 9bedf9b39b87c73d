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
    """A corpus of ``n`` copies of the shipped article, built so that it validates."""
    from newsdata._io import dump_json
    from newsdata._paths import dataset_dir
    from newsdata.build import build_descriptor

    root = CACHE / f"corpus-{n}"
    if (root / "datapackage.json").is_file():
        return root
    shutil.rmtree(root, ignore_errors=True)
    (root / "articles").mkdir(parents=True)
    seed = json.loads(next((dataset_dir() / "articles").glob("*.json")).read_text("utf-8"))
    for i in range(n):
        seed["id"] = f"article-{i:06d}"
        (root / "articles" / f"{seed['id']}.json").write_bytes(dump_json(seed))
    descriptor = build_descriptor(root, {"name": "bench", "version": "0.1.0"})
    (root / "datapackage.json").write_bytes(dump_json(descriptor))
    return root


def measure(code: str, repeat: int, *, wall: bool = False) -> tuple[float, float]:
    """Median time (s) and median peak RSS (MiB) of ``python -c code`` in fresh processes.

    The time is the process's wall time with ``wall``; otherwise the time the code
    itself took inside the process (imports included, interpreter start-up not).
    """
    timed = (
        f"import time as _t\n_s = _t.perf_counter()\n{code}\nprint('INNER', _t.perf_counter() - _s)"
    )
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
    args = parser.parse_args()
    n, small = args.articles, max(1, args.articles // 10)
    big_root, small_root = generate(n), generate(small)
    r = args.repeat
    print(f"{'measurement':58} {'time':>10} {'peak RSS':>12} {'ratio':>9} {'rate':>12}")

    print("-- cold start, shipped corpus (baseline: python -c pass)")
    base = measure("pass", r, wall=True)
    row("python -c pass", *base)
    cold = measure("import newsdata; newsdata.load()", r, wall=True)
    row("python -c 'import newsdata; newsdata.load()'", *cold, base)

    def parse_only(root: Path) -> str:
        return (
            "import json, pathlib\n"
            f"for p in sorted(pathlib.Path({str(root)!r}).glob('articles/*.json')):\n"
            "    json.loads(p.read_bytes())"
        )

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
    full_rate = n / full[0]
    print(
        f"full validation: {full_rate:,.0f} articles/s = {full_rate / reference_rate:.1f}x the "
        f"jsonschema reference ({reference_rate:,.0f}/s), "
        f"{full[0] / base[0]:.2f}x the time of json.loads alone"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
