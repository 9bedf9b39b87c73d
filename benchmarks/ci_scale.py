"""How CI's time grows with the corpus: `make test` on copies of this repository grown by
generated articles, against the unchanged copy measured in the same run.

Run with ``make bench-ci`` (or ``python benchmarks/ci_scale.py --articles 100 1000``).
Each copy holds the committed files (``HEAD``), the articles that
``tests/fixtures/synthetic.py`` generates (of every shape and five languages) and their
changelog lines, as a contributor would add them. The copies share this repository's
virtual environment (``.venv``, set up by ``make``) through ``PYTHONPATH``, so the figure
is the test run itself, not the installation. Nothing here is committed or left behind.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tests" / "fixtures"))


def copy_repository(target: Path) -> None:
    """The repository as committed (``HEAD``), so that a run measures one known state."""
    target.mkdir(parents=True)
    archive = subprocess.run(
        ["git", "archive", "--format=tar", "HEAD"], cwd=ROOT, capture_output=True, check=True
    ).stdout
    subprocess.run(["tar", "-x", "-C", str(target)], input=archive, check=True)
    (target / ".venv").symlink_to(ROOT / ".venv")


def grow(target: Path, count: int) -> None:
    """Add ``count`` generated articles and their changelog lines, then build."""
    code = (
        "import json, sys; from pathlib import Path\n"
        f"sys.path.insert(0, {str(target / 'tests' / 'fixtures')!r})\n"
        "import synthetic\n"
        "from newsdata.changelog import add_entry\n"
        f"ids = synthetic.grow(Path('dataset'), {count})\n"
        "for i in ids:\n"
        "    doc = json.loads(Path(f'dataset/articles/{i}.json').read_text('utf-8'))\n"
        "    add_entry(Path('CHANGELOG.md'), i, doc['title'])\n"
    )
    subprocess.run([sys.executable, "-c", code], cwd=target, env=_env(target), check=True)


def _env(target: Path) -> dict[str, str]:
    return {**os.environ, "PYTHONPATH": str(target / "src")}


def _check_shared_environment() -> None:
    """Stop if the shared .venv no longer imports this repository's own package."""
    found = subprocess.run(
        [str(ROOT / ".venv" / "bin" / "python"), "-c", "import newsdata; print(newsdata.__file__)"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        env={k: v for k, v in os.environ.items() if k != "PYTHONPATH"},
    ).stdout.strip()
    if not found.startswith(str(ROOT / "src")):
        raise SystemExit(
            f".venv now imports newsdata from {found or 'nowhere'}; "
            f"run `.venv/bin/pip install -e {ROOT}` and try again"
        )


def make_test(target: Path) -> tuple[float, str]:
    """Wall time of `make test` in ``target``, and pytest's closing line."""
    start = time.perf_counter()
    # The copy borrows this repository's .venv: tell make its install stamps are up to
    # date, or it would reinstall the package from the copy into the shared environment.
    stamps = [f"--old-file=.venv/{stamp}" for stamp in (".installed-dev", ".installed-run")]
    done = subprocess.run(
        ["make", *stamps, "test"], cwd=target, env=_env(target), capture_output=True, text=True
    )
    elapsed = time.perf_counter() - start
    _check_shared_environment()
    if done.returncode != 0:
        sys.stderr.write(done.stdout[-3000:] + done.stderr[-3000:])
        raise SystemExit(f"make test failed with {target.name}")
    closing = next(
        (line.strip("= ") for line in reversed(done.stdout.splitlines()) if " passed" in line),
        "",
    )
    return elapsed, closing


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--articles", type=int, nargs="+", default=[1000])
    parser.add_argument("--json", action="store_true", help="print the results as JSON")
    args = parser.parse_args()
    if not (ROOT / ".venv" / ".installed-dev").is_file():
        raise SystemExit("run `make test` once first: the copies use its .venv")
    results = []
    with tempfile.TemporaryDirectory(prefix="newsdata-ci-scale-") as tmp:
        for added in [0, *args.articles]:
            target = Path(tmp) / f"added-{added}"
            copy_repository(target)
            if added:
                grow(target, added)
            seconds, closing = make_test(target)
            results.append({"added": added, "seconds": round(seconds, 1), "pytest": closing})
            base = results[0]["seconds"]
            print(
                f"{added:>7} articles added: make test {seconds:7.1f} s "
                f"({seconds / base:.2f}x the unchanged copy)  [{closing}]",
                flush=True,
            )
            shutil.rmtree(target)
    if args.json:
        print(json.dumps(results, indent=2))
    return 0


if __name__ == "__main__":
    sys.exit(main())
