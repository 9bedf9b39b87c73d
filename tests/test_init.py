"""`newsdata init`: a new corpus in one command, on which `validate` and `build` pass at once."""

from __future__ import annotations

import json
import shlex
import subprocess
import sys
from pathlib import Path

import make_fixtures
import pytest
import yaml

from newsdata.changelog import add_entry, read_unreleased
from newsdata.cli import main
from newsdata.init import CHANGELOG, WORKFLOW
from newsdata.layout import CorpusLayout

NEWSDATA = Path(sys.executable).parent / "newsdata"


def _workflow_commands(path: Path) -> list[list[str]]:
    """The `newsdata` commands of the workflow's steps, split as the shell would."""
    workflow = yaml.safe_load(path.read_text("utf-8"))
    runs = [step["run"] for step in workflow["jobs"]["validate"]["steps"] if "run" in step]
    assert any(run.startswith("python -m pip install ") for run in runs)  # installed here
    return [shlex.split(run) for run in runs if run.startswith("newsdata ")]


def test_a_new_corpus_validates_and_builds_at_once(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (tmp_path / "work").mkdir()
    monkeypatch.chdir(tmp_path / "work")
    assert main(["init", "../new/corpus"]) == 0
    out = capsys.readouterr().out
    assert out.startswith("created ../new/corpus: articles/, ")
    assert "--corpus ../new/corpus" in out  # the next steps name the directory as given
    layout = CorpusLayout(tmp_path / "new" / "corpus")
    assert layout.articles_dir.is_dir() and list(layout.articles_dir.iterdir()) == []
    assert json.loads(layout.exemptions.read_text("utf-8")) == []
    assert layout.descriptor.is_file() and layout.croissant.is_file()
    assert main(["validate", "../new/corpus"]) == 0
    assert main(["build", "--check", "../new/corpus"]) == 0
    assert main(["build", "../new/corpus"]) == 0
    assert "up to date" in capsys.readouterr().out


def test_the_changelog_takes_the_line_add_writes(tmp_path: Path) -> None:
    assert main(["init", str(tmp_path / "corpus")]) == 0
    changelog = tmp_path / "corpus" / CHANGELOG
    read_unreleased(changelog)  # raises if the section is missing
    assert add_entry(changelog, "2024-06-19-some-words", "Some words")
    assert "### Added\n- Article `2024-06-19-some-words`: Some words.\n" in changelog.read_text(
        "utf-8"
    )


def test_an_added_article_validates_once_built(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    root = tmp_path / "corpus"
    assert main(["init", str(root)]) == 0
    article = make_fixtures.valid_article()
    CorpusLayout(root).article_path(article["id"]).write_bytes(make_fixtures.dump(article))
    assert main(["validate", str(root)]) == 1
    assert f"  help: Run `newsdata build {root}`." in capsys.readouterr().out
    assert main(["build", str(root)]) == 0
    assert main(["validate", str(root)]) == 0


def test_an_existing_empty_directory_is_taken(tmp_path: Path) -> None:
    (tmp_path / "empty").mkdir()
    assert main(["init", str(tmp_path / "empty")]) == 0
    assert main(["validate", str(tmp_path / "empty")]) == 0


@pytest.mark.parametrize("kind", ["not empty", "a file", "a link"])
def test_a_directory_that_cannot_take_a_corpus_is_refused_in_one_line(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, kind: str
) -> None:
    target = tmp_path / "target"
    if kind == "not empty":
        target.mkdir()
        (target / "notes.txt").write_text("mine", "utf-8")
    elif kind == "a file":
        target.write_text("mine", "utf-8")
    else:
        (tmp_path / "empty").mkdir()
        target.symlink_to(tmp_path / "empty")
    before = sorted(p.relative_to(tmp_path) for p in tmp_path.rglob("*"))
    assert main(["init", str(target)]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and err.startswith(f"newsdata init: {target}: ")
    assert "new or empty directory" in err
    assert sorted(p.relative_to(tmp_path) for p in tmp_path.rglob("*")) == before


@pytest.mark.parametrize("where", [".", "data/my corpus"])
def test_the_workflow_runs_as_written_from_the_repositorys_top(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, where: str
) -> None:
    repository = tmp_path / "repository"
    (repository / ".git").mkdir(parents=True)  # what marks a repository's top
    root = repository / where
    assert main(["init", str(root)]) == 0
    out = capsys.readouterr().out
    assert ("CI: copy" in out) == (where != ".")
    commands = _workflow_commands(root / WORKFLOW)
    assert [c[:2] for c in commands] == [["newsdata", "validate"], ["newsdata", "build"]]
    assert all(c[-1] == where for c in commands)
    for command in commands:
        done = subprocess.run(
            [str(NEWSDATA), *command[1:]], cwd=repository, capture_output=True, text=True
        )
        assert done.returncode == 0, done.stdout + done.stderr


def test_outside_a_repository_the_workflow_checks_the_corpus_as_the_top(tmp_path: Path) -> None:
    assert main(["init", str(tmp_path / "corpus")]) == 0
    commands = _workflow_commands(tmp_path / "corpus" / WORKFLOW)
    assert [c[-1] for c in commands] == [".", "."]


def test_a_repository_just_made_by_git_init_is_taken(tmp_path: Path) -> None:
    (tmp_path / "repository" / ".git").mkdir(parents=True)
    (tmp_path / "repository" / ".git" / "HEAD").write_text("ref: refs/heads/main\n", "utf-8")
    assert main(["init", str(tmp_path / "repository")]) == 0
    assert (tmp_path / "repository" / ".git" / "HEAD").read_text(
        "utf-8"
    ) == "ref: refs/heads/main\n"
    assert main(["validate", str(tmp_path / "repository")]) == 0


def test_add_names_the_article_in_the_changelog_init_wrote(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    root = tmp_path / "corpus"
    assert main(["init", str(root)]) == 0
    raw = tmp_path / "raw.txt"
    raw.write_text("Ein Titel\n\nEin Absatz über nichts.\n", encoding="utf-8")
    assert main(["add", str(raw), "--id", "ein-titel", "--language", "de", "--corpus", str(root),
                 "--changelog"]) == 0  # fmt: skip
    assert "- Article `ein-titel`: Ein Titel." in (root / CHANGELOG).read_text("utf-8")
