"""`import newsdata` and `newsdata.load()` stay light: no heavy library is imported."""

from __future__ import annotations

import json
import subprocess
import sys

HEAVY = ["pandas", "numpy", "pyarrow", "frictionless", "sphinx", "datasets", "spacy", "jsonschema"]


def test_import_and_load_import_no_heavy_library() -> None:
    code = (
        "import sys, json, newsdata\n"
        "newsdata.load(); list(newsdata.iter_articles())\n"
        f"print(json.dumps([m for m in {HEAVY!r} if m in sys.modules]))\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert json.loads(out.stdout) == []
