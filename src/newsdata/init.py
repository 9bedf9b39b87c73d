"""`newsdata init`: a new corpus in one command, built, so `validate` and `build --check`
pass on it at once.

It writes the articles directory, an empty exemptions list, a changelog with its
``## [Unreleased]`` section, and a GitHub Actions workflow to copy; then it runs the build.
It writes only into a new or empty directory, never through a symbolic link, and its
files go in all together (:class:`newsdata._io.WriteBatch`).
"""

from __future__ import annotations

import json
import re
import shlex
from dataclasses import dataclass
from pathlib import Path

from newsdata._io import WriteBatch, dump_json
from newsdata.changelog import UNRELEASED
from newsdata.layout import CorpusLayout

__all__ = ["CHANGELOG", "WORKFLOW", "InitError", "Initialised", "init_corpus", "workflow"]

CHANGELOG = "CHANGELOG.md"
WORKFLOW = ".github/workflows/newsdata.yml"
"""Where the workflow is written, relative to the new corpus directory."""


class InitError(ValueError):
    """The directory cannot take a new corpus: it is not empty, a link, or a file."""


@dataclass(frozen=True)
class Initialised:
    """What :func:`init_corpus` made.

    ``repository`` is the top of the git repository that holds the corpus (None when it
    is in none: the corpus is then its own repository's top), and ``in_repository`` the
    corpus directory relative to it, as the workflow names it.
    """

    root: Path
    written: list[Path]
    built: list[Path]
    repository: Path | None
    in_repository: str


def _changelog_text() -> str:
    return (
        "# Changelog\n\n"
        "Every article added or changed is named here (Keep a Changelog format): under\n"
        f"`{UNRELEASED}` until a release, as ``- Article `<id>`: <title>.``\n\n"
        f"{UNRELEASED}\n"
    )


_PLAIN = re.compile(r"[A-Za-z0-9._/@+=-]+")


def _yaml_run(command: str) -> str:
    # A YAML plain scalar cannot hold every path (": ", " #", a leading quote); a JSON
    # string is a valid YAML double-quoted one.
    return command if all(_PLAIN.fullmatch(w) for w in command.split()) else json.dumps(command)


def workflow(corpus: str, version: str | None = None) -> str:
    """The GitHub Actions workflow that checks the corpus at ``corpus`` (relative to the
    repository's top) on every push and pull request.

    ``version`` pins the newsdata release that wrote the corpus, so that a newer release
    changing what `newsdata build` writes does not fail the check unannounced.

    Examples
    --------
    >>> print(workflow("my-corpus").splitlines()[-1])
          - run: newsdata build --check my-corpus
    """
    pin = f"=={version}" if version else ""
    where = shlex.quote(corpus)
    checks = [f"newsdata validate --format github {where}", f"newsdata build --check {where}"]
    lines = [
        "# Checks the newsdata corpus on every push and pull request. GitHub runs the",
        "# workflows in .github/workflows/ at the top of the repository: copy this file",
        f"# there if it is not there already. The corpus directory, from the top: {corpus}",
        "name: corpus",
        "on:",
        "  pull_request:",
        "  push:",
        "    branches: [main]",
        "jobs:",
        "  validate:",
        "    runs-on: ubuntu-latest",
        "    steps:",
        "      - uses: actions/checkout@v4",
        "      - uses: actions/setup-python@v5",
        "        with:",
        '          python-version: "3.11"',
        f'      - run: python -m pip install "newsdata[validate]{pin}"',
        *(f"      - run: {_yaml_run(step)}" for step in checks),
    ]
    return "\n".join(lines) + "\n"


def _repository_of(directory: Path) -> Path | None:
    """The top of the git repository holding ``directory`` (a ``.git`` entry), or None."""
    for candidate in [directory, *directory.parents]:
        if (candidate / ".git").exists():
            return candidate
    return None


def _release() -> str | None:
    from newsdata._version import version

    found = version()
    return None if "+" in found else found  # a local build is on no package index


def init_corpus(root: Path) -> Initialised:
    """Create a new, built corpus at ``root``: a directory that does not exist or is empty
    (but for a ``.git``).

    Raises
    ------
    InitError
        When ``root`` is a symbolic link, a file, or a directory that is not empty.
    OSError
        When a directory or file cannot be created; nothing is half-written.

    Examples
    --------
    >>> import tempfile, pathlib
    >>> made = init_corpus(pathlib.Path(tempfile.mkdtemp()) / "corpus")
    >>> sorted(p.name for p in made.written)
    ['CHANGELOG.md', 'newsdata.yml', 'validation-exemptions.json']
    """
    from newsdata.build import run_build

    if root.is_symlink():
        raise InitError(f"{root}: a symbolic link; give a new or empty directory")
    if root.exists() and not root.is_dir():
        raise InitError(f"{root}: not a directory; give a new or empty directory")
    # a repository just made by `git init` counts as empty: its .git is never touched
    if root.is_dir() and any(entry.name != ".git" for entry in root.iterdir()):
        raise InitError(f"{root}: not empty; give a new or empty directory")
    root.mkdir(parents=True, exist_ok=True)
    layout = CorpusLayout(root)
    layout.articles_dir.mkdir()  # refuses anything put there meanwhile, a link included
    repository = _repository_of(root.resolve())
    in_repository = (
        root.resolve().relative_to(repository).as_posix() if repository is not None else "."
    )
    files = {
        layout.exemptions: dump_json([]),
        root / CHANGELOG: _changelog_text().encode("utf-8"),
        root / WORKFLOW: workflow(in_repository, _release()).encode("utf-8"),
    }
    with WriteBatch(inside=root) as batch:
        for path, data in files.items():
            batch.add(path, data)
    built = run_build(root)
    return Initialised(root, list(files), built.stale, repository, in_repository)
