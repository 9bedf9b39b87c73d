"""The built wheel carries the corpus and schemas: install it in a fresh venv and use it."""

from __future__ import annotations

import os
import subprocess
import sys
import venv
from pathlib import Path

import pytest

import newsdata
from newsdata.layout import CorpusLayout, dataset_dir

ROOT = Path(__file__).resolve().parents[1]


@pytest.mark.slow
def test_wheel_installs_and_loads_anywhere(tmp_path: Path) -> None:
    dist = tmp_path / "dist"
    subprocess.run(
        [sys.executable, "-m", "build", "--wheel", "--outdir", str(dist), str(ROOT)],
        check=True,
        capture_output=True,
    )
    wheel = next(dist.glob("newsdata-*.whl"))
    env_dir = tmp_path / "env"
    venv.create(env_dir, with_pip=True)
    python = env_dir / "bin" / "python"
    subprocess.run(
        [str(python), "-m", "pip", "install", "--quiet", str(wheel)],
        check=True,
        capture_output=True,
    )
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    code = (
        "import newsdata, pathlib\n"
        "c = newsdata.load(verify=True)\n"
        "assert '_data' in str(c.root) and 'site-packages' in str(c.root), c.root\n"
        "assert all(a.text[m.start:m.end] == m.text for a in c for m in a.mentions)\n"
        "assert newsdata.validate().valid\n"
        "print(len(c), c.version, newsdata.__version__)\n"
    )
    env = {k: v for k, v in os.environ.items() if k != "PYTHONPATH"}
    out = subprocess.run(
        [str(python), "-c", code], cwd=elsewhere, capture_output=True, text=True, env=env
    )
    assert out.returncode == 0, out.stderr
    shipped = len(CorpusLayout(dataset_dir()).article_names())
    assert out.stdout.split() == [str(shipped), newsdata.__version__, newsdata.__version__]
    cli = subprocess.run(
        [str(env_dir / "bin" / "newsdata"), "validate"],
        cwd=elsewhere,
        capture_output=True,
        text=True,
        env=env,
    )
    assert cli.returncode == 0, cli.stdout + cli.stderr
