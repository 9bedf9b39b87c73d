"""Sphinx configuration for the newsdata documentation (no network at build time)."""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent / "_ext"))

from newsdata import __version__
from newsdata.guidelines import GUIDELINES_VERSION

project = "newsdata"
author = "The newsdata team"
copyright = "2026, the newsdata team"
release = __version__
version = release  # the full release (0.1.0) in objects.inv and the pages

extensions = [
    "myst_parser",
    "sphinx.ext.autodoc",
    "sphinx.ext.napoleon",
    "sphinx_copybutton",
    "newsdata_docs",
    "newsdata_topics",
    "newsdata_timex",
]
# copy the code, not the prompts or the output of the interactive examples
copybutton_prompt_text = r">>> |\.\.\. |\$ "
copybutton_prompt_is_regexp = True
copybutton_only_copy_prompt_lines = False
source_suffix = {".md": "markdown", ".rst": "restructuredtext"}
myst_enable_extensions = ["deflist", "colon_fence", "substitution"]
# the guidelines' version has one owner (newsdata.guidelines); pages write {{ guidelines_version }}
myst_substitutions = {"guidelines_version": GUIDELINES_VERSION}
myst_heading_anchors = 3
exclude_patterns = ["_build"]
html_theme = "furo"
html_title = f"newsdata {release}"
html_static_path = ["_static"]
html_css_files = ["newsdata.css"]
napoleon_google_docstring = False
napoleon_numpy_docstring = True
autodoc_typehints = "description"
autodoc_member_order = "bysource"
nitpicky = True
# The standard library's types: no intersphinx, since the build has no network. Listed
# one by one, so that a reference to anything else that does not resolve fails the build.
nitpick_ignore = [
    ("py:class", name)
    for name in (
        "Path",
        "pathlib.Path",
        "os.PathLike",
        "datetime.date",
        "collections.abc.Callable",
        "collections.abc.Iterable",
        "collections.abc.Iterator",
        "collections.abc.Mapping",
    )
]
