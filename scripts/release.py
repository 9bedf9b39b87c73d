"""Build a release: reproducible sdist and wheel, checked, installed and used in a fresh venv.

Run with ``make release``. Steps (each must pass):

1. one version everywhere (``pyproject.toml``, ``CHANGELOG.md``, ``CITATION.cff``,
   ``dataset/datapackage.json``, ``newsdata.__version__``), and the corpus is built and
   valid (``newsdata build --check``, ``newsdata validate``);
2. sdist and wheel are built twice with ``SOURCE_DATE_EPOCH`` set to the last commit's
   time, and the two builds must be byte-identical;
3. ``twine check`` accepts them;
4. the wheel is installed into a fresh virtual environment, which loads the corpus with
   ``verify=True`` and validates it from another directory;
5. the release manifest ``releases/<version>.json`` (sha256 of every article) is written,
   against which the next release's changelog is checked.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
import subprocess
import sys
import tempfile
import venv
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def repository_versions(repo: Path = ROOT) -> dict[str, str | None]:
    """The version as each place in the repository states it."""
    import newsdata

    pyproject = (repo / "pyproject.toml").read_text(encoding="utf-8")
    project = re.search(r'(?ms)^\[project\].*?^version\s*=\s*"([^"]+)"', pyproject)
    changelog_file = repo / "CHANGELOG.md"
    changelog = changelog_file.read_text(encoding="utf-8") if changelog_file.is_file() else ""
    released = re.search(r"(?m)^## \[(\d+\.\d+\.\d+[^\]]*)\]", changelog)
    citation_file = repo / "CITATION.cff"
    citation = citation_file.read_text(encoding="utf-8") if citation_file.is_file() else ""
    cited = re.search(r"(?m)^version:\s*[\"']?([^\s\"']+)", citation)
    descriptor = json.loads((repo / "dataset" / "datapackage.json").read_text(encoding="utf-8"))
    return {
        "pyproject.toml": project.group(1) if project else None,
        "CHANGELOG.md": released.group(1) if released else None,
        "CITATION.cff": cited.group(1) if cited else None,
        "dataset/datapackage.json": descriptor.get("version"),
        "newsdata.__version__": newsdata.__version__,
    }


def version_disagreement(repo: Path = ROOT) -> str | None:
    """None when every place states one version; otherwise what each says."""
    versions = repository_versions(repo)
    if len(set(versions.values())) == 1:
        return None
    return "versions disagree: " + ", ".join(f"{k} {v}" for k, v in versions.items())


def run(*command: str, **kwargs: object) -> None:
    print("+", " ".join(command), flush=True)
    subprocess.run(command, check=True, cwd=ROOT, **kwargs)  # type: ignore[call-overload]


def build(outdir: Path, epoch: str) -> dict[str, str]:
    env = {**os.environ, "SOURCE_DATE_EPOCH": epoch}
    run(
        sys.executable,
        "-m",
        "build",
        "--outdir",
        str(outdir),
        str(ROOT),
        env=env,
        stdout=subprocess.DEVNULL,
    )
    return {p.name: hashlib.sha256(p.read_bytes()).hexdigest() for p in sorted(outdir.iterdir())}


def manifest() -> dict[str, object]:
    import newsdata
    from newsdata.layout import is_article_resource

    descriptor = newsdata.load().descriptor
    return {
        "version": newsdata.__version__,
        "articles": {
            r["name"]: r["hash"] for r in descriptor["resources"] if is_article_resource(r)
        },
    }


def main() -> int:
    disagreement = version_disagreement()
    if disagreement is not None:
        print(f"{disagreement}; set one version everywhere", file=sys.stderr)
        return 1
    run(sys.executable, "-m", "newsdata", "build", "--check")
    run(sys.executable, "-m", "newsdata", "validate")
    epoch = subprocess.run(
        ["git", "log", "-1", "--format=%ct"], cwd=ROOT, capture_output=True, text=True, check=True
    ).stdout.strip()
    dist = ROOT / "dist"
    if dist.exists():
        for old in dist.iterdir():
            old.unlink()
    first = build(dist, epoch)
    with tempfile.TemporaryDirectory() as tmp:
        second = build(Path(tmp) / "again", epoch)
        if first != second:
            print(f"not reproducible:\n{first}\n{second}", file=sys.stderr)
            return 1
        print(f"reproducible: {', '.join(f'{k} {v[:12]}' for k, v in first.items())}")
        run(sys.executable, "-m", "twine", "check", "--strict", *[str(p) for p in dist.iterdir()])
        env_dir = Path(tmp) / "venv"
        venv.create(env_dir, with_pip=True)
        python = str(env_dir / "bin" / "python")
        wheel = next(dist.glob("*.whl"))
        run(python, "-m", "pip", "install", "--quiet", f"{wheel}[validate]")
        check = (
            "import newsdata; c = newsdata.load(verify=True); r = newsdata.validate(); "
            "print(len(c), 'articles,', r.summary()); assert r.valid"
        )
        subprocess.run([python, "-c", check], cwd=tmp, check=True)
    import newsdata

    target = ROOT / "releases" / f"{newsdata.__version__}.json"
    target.parent.mkdir(exist_ok=True)
    target.write_text(json.dumps(manifest(), indent=2) + "\n", encoding="utf-8")
    print(f"wrote {target.relative_to(ROOT)}; tag the release v{newsdata.__version__}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
