"""The architecture as written in docs/explanation/architecture.md holds in the code."""

from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
SRC = ROOT / "src" / "newsdata"

HEAVY = ["pandas", "numpy", "pyarrow", "frictionless", "sphinx", "datasets", "spacy", "jsonschema"]
WRITERS_AND_FORMATS = [
    "newsdata.build",
    "newsdata.scaffold",
    "newsdata.reanchor",
    "newsdata.changelog",
    "newsdata.diff",
    "newsdata.export",
]


def _loaded_after(code: str, names: list[str]) -> list[str]:
    probe = (
        f"import sys, json\n{code}\n"
        f"print(json.dumps(sorted(m for m in sys.modules if any("
        f"m == n or m.startswith(n + '.') for n in {names!r}))))\n"
    )
    out = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, check=True)
    loaded: list[str] = json.loads(out.stdout)
    return loaded


def test_import_and_load_import_no_heavy_library() -> None:
    code = "import newsdata\nnewsdata.load(); list(newsdata.iter_articles())"
    assert _loaded_after(code, HEAVY) == []


def test_loading_a_corpus_imports_neither_the_models_nor_the_checks() -> None:
    """`import newsdata; newsdata.load()` is the cold start: no pydantic (about 100 ms),
    no validation, no worker processes until an article or a check is asked for."""
    code = "import newsdata\ncorpus = newsdata.load()\nlen(corpus), corpus.ids, corpus.version"
    later = ["pydantic", "newsdata.models", "newsdata.validate.", "multiprocessing", "orjson"]
    assert _loaded_after(code, later) == []
    assert _loaded_after(code + "\ncorpus[0]", ["pydantic"]) != []


def test_reading_a_built_columnar_store_imports_no_models(tmp_path: Path) -> None:
    """The Arrow and pandas views of a loaded corpus read the store the first call built:
    no pydantic, no models (about 0.2 s)."""
    code = (
        f"import os\nos.environ['NEWSDATA_CACHE_DIR'] = {str(tmp_path)!r}\n"
        "import newsdata\ncorpus = newsdata.load()\n"
        "corpus.to_arrow('mentions'), corpus.to_pandas('quotes')"
    )
    assert _loaded_after(code, ["pydantic"]) != []  # the first call builds the store
    assert _loaded_after(code, ["pydantic", "newsdata.models"]) == []


@pytest.mark.parametrize("module", ["newsdata", "newsdata.validate"])
def test_reading_and_validating_load_no_writer_and_no_format(module: str) -> None:
    assert _loaded_after(f"import {module}", WRITERS_AND_FORMATS) == []


def test_validating_a_corpus_loads_no_writer_and_no_format() -> None:
    code = "import newsdata\nassert newsdata.validate().valid"
    assert _loaded_after(code, WRITERS_AND_FORMATS) == []


def _modules() -> set[str]:
    modules = set()
    for path in SRC.rglob("*.py"):
        parts = path.relative_to(SRC.parent).with_suffix("").parts
        name = ".".join(parts[:-1] if parts[-1] == "__init__" else parts)
        if name != "newsdata":
            modules.add(name)
    return modules


def _page() -> str:
    return (ROOT / "docs" / "explanation" / "architecture.md").read_text("utf-8")


def test_every_module_is_on_the_map() -> None:
    mapped = set(re.findall(r"^\| `(newsdata[\w.]*)` \|", _page(), re.M))
    modules = _modules()
    assert modules - mapped == set(), "add these modules to the map"
    assert mapped - modules == set(), "these modules on the map do not exist"


def _contract_layers() -> list[list[str]]:
    """The layers of the import-linter contract, bottom first, each a list of modules."""
    from importlinter.api import read_configuration

    (layers,) = [
        c["layers"] for c in read_configuration()["contracts_options"] if c["type"] == "layers"
    ]
    return [[m.strip() for m in re.split(r"[:|]", layer)] for layer in reversed(layers)]


def _layer_of(module: str, layers: list[list[str]]) -> int:
    found = [
        i
        for i, names in enumerate(layers)
        for n in names
        if module == n or module.startswith(n + ".")
    ]
    assert len(found) == 1, f"{module} is in {len(found)} layers of the import-linter contract"
    return found[0]


def test_the_map_places_each_module_in_its_contract_layer() -> None:
    """The page names the layers in the contract's order, and each module's row names the
    layer the import-linter contract puts it in."""
    page = _page()
    listed = re.search(r"Layers, from the bottom:\s*(.*?)\.", page, re.S)
    assert listed is not None, "the page lists the layers from the bottom"
    names = [n.strip() for n in " ".join(listed.group(1).split()).split(",")]
    layers = _contract_layers()
    assert len(names) == len(layers), "one name on the page per layer of the contract"
    rows = re.findall(r"^\| `(newsdata[\w.]*)` \| ([^|]+?) \|", page, re.M)
    misplaced = [
        f"{module}: page says {layer!r}, contract {names[_layer_of(module, layers)]!r}"
        for module, layer in rows
        if layer != names[_layer_of(module, layers)]
    ]
    assert misplaced == []


def test_the_import_graph_points_down_and_has_no_cycle() -> None:
    """Read from the source by grimp (imports inside functions included): no import reaches
    a higher layer, and no module reaches itself through its imports."""
    import grimp

    graph = grimp.build_graph("newsdata")
    layers = _contract_layers()
    modules = sorted(m for m in graph.modules if m != "newsdata")
    upward = [
        f"{a} -> {b}"
        for a in modules
        for b in graph.find_modules_directly_imported_by(a)
        if b != "newsdata" and _layer_of(b, layers) > _layer_of(a, layers)
    ]
    assert upward == []
    cycles = [
        f"{a} <-> {b}"
        for a in modules
        for b in graph.find_modules_directly_imported_by(a)
        if b != "newsdata"
        and a in graph.find_downstream_modules(b) | {b}
        and graph.find_shortest_chain(importer=b, imported=a) is not None
    ]
    assert cycles == []


def test_no_module_is_over_650_lines() -> None:
    """One concept per module: a module that grows past this is split, not extended."""
    long = {
        str(p.relative_to(SRC)): n
        for p in SRC.rglob("*.py")
        if (n := len(p.read_text("utf-8").splitlines())) > 650
    }
    assert long == {}


def test_the_corpus_file_names_are_written_once() -> None:
    """Only the layout module spells the corpus's file and directory names."""
    names = ['"datapackage.json"', '"croissant.json"', '"validation-exemptions.json"']
    names += ['/ "articles"', '"articles/', '/ "tables"', '"tables/']
    offenders = []
    for path in SRC.rglob("*.py"):
        if path.name == "layout.py":
            continue
        text = path.read_text("utf-8")
        offenders += [f"{path.relative_to(SRC)}: {n}" for n in names if n in text]
    assert offenders == []


def test_the_layer_names_are_written_once() -> None:
    """Only the models spell the list of layers; every other module derives it."""
    pattern = re.compile(r'"blocks",\s*"mentions",\s*"entities"')
    offenders = [
        str(path.relative_to(SRC))
        for path in SRC.rglob("*.py")
        if path.name != "models.py" and pattern.search(path.read_text("utf-8"))
    ]
    assert offenders == []


READ_PATH = ["loader", "corpus", "article_files", "reading", "columnar", "frames", "_io"]
ABOVE_THE_READ_PATH = ["datapackage", "validate", "build", "export", "api", "cli", "scaffold"]


def test_the_read_path_imports_no_check_no_writer_and_no_format() -> None:
    """Counting the imports inside functions: the read path is below every check, writer
    and format (`newsdata.api` runs the checks a `load(verify=True)` asks for)."""
    import ast

    offenders = []
    for name in READ_PATH:
        files = (
            sorted((SRC / name).rglob("*.py")) if (SRC / name).is_dir() else [SRC / f"{name}.py"]
        )
        for path in files:
            for node in ast.walk(ast.parse(path.read_text("utf-8"))):
                if isinstance(node, ast.ImportFrom) and node.module:
                    targets = [node.module]
                elif isinstance(node, ast.Import):
                    targets = [a.name for a in node.names]
                else:
                    continue
                offenders += [
                    f"{path.relative_to(SRC)}: {t}"
                    for t in targets
                    if any(
                        t == f"newsdata.{a}" or t.startswith(f"newsdata.{a}.")
                        for a in ABOVE_THE_READ_PATH
                    )
                ]
    assert offenders == []


def test_the_article_format_and_the_article_resource_rule_are_written_once() -> None:
    """Only the layout module spells the article format and says which descriptor
    resource is an article; the read path and the data package take both from it."""
    from newsdata import layout, reading
    from newsdata.datapackage import descriptor

    spelled = [
        str(path.relative_to(SRC))
        for path in SRC.rglob("*.py")
        if '"newsdata-article/' in path.read_text("utf-8")
        or "def is_article_resource" in path.read_text("utf-8")
    ]
    assert spelled == ["layout.py"]
    assert reading.ARTICLE_FORMAT is descriptor.FORMAT is layout.ARTICLE_FORMAT
    assert (
        reading.is_article_resource is descriptor.is_article_resource is layout.is_article_resource
    )
