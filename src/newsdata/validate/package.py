"""Level 5: ``datapackage.json``: files, sizes, hashes, safe paths, Frictionless, staleness.

Whether the versions of the repository agree (pyproject, changelog, citation) is the
release script's question, not the library's: the validator reads only the corpus.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Mapping
from pathlib import Path
from typing import Any

from newsdata.datapackage.descriptor import is_article_resource
from newsdata.datapackage.integrity import Counts, check_files
from newsdata.layout import DESCRIPTOR, CorpusLayout
from newsdata.validate.filelevel import duplicate_key_problems, parse_file
from newsdata.validate.report import Problem

__all__ = ["check_package"]


def check_package(
    root: Path,
    display: str,
    counts: Counts = None,
    article: Callable[[Path, bytes], None] | None = None,
    digests: Mapping[str, tuple[int, str]] | None = None,
) -> list[Problem]:
    """Check the corpus's data package descriptor, the files it lists and those derived
    from it (:func:`newsdata.datapackage.integrity.check_files`), then Frictionless's own
    validation. ``load(verify=True)`` runs this too: one integrity check.

    ``counts`` are the counts of the corpus's articles when every article is readable
    (the staleness check needs them), or a function giving them once every listed file
    was read (``article`` sees each listed article's bytes); None skips that check.
    ``digests``: the sizes and digests of the article files the caller read (see
    :func:`~newsdata.datapackage.integrity.check_files`), which are not read again.
    """
    layout = CorpusLayout(root)
    file = layout.descriptor
    name = f"{display}/{DESCRIPTOR}"
    if file.is_symlink():
        message = f"{DESCRIPTOR} is a symbolic link; a corpus never reads outside its directory"
        return [Problem.of("package-unsafe-path", message, name)]
    if not file.is_file():
        return [Problem.of("package-missing", f"no {DESCRIPTOR} in the corpus directory", name)]
    parsed = parse_file(file, name)
    if parsed.keys_unchecked and not parsed.problems and _repeats_a_key(parsed.raw):
        parsed.problems.extend(duplicate_key_problems(parsed))  # a repeated key hides a value
    if parsed.problems or not isinstance(parsed.value, dict):
        return parsed.problems
    descriptor: dict[str, Any] = parsed.value
    findings = check_files(layout, descriptor, counts=counts, article=article, digests=digests)
    out = [
        parsed.problem(f.code, f.message, f.pointer)
        if f.file == DESCRIPTOR
        else Problem.of(f.code, f.message, f"{display}/{f.file}")
        for f in findings
    ]
    if all(f.file != DESCRIPTOR for f in findings):
        # Frictionless repeats the size, hash and missing-file findings above in
        # its own words; it runs when the descriptor passes newsdata's own checks.
        out[:0] = _frictionless(root, descriptor, name)
    return out


def _repeats_a_key(raw: bytes) -> bool:
    """Whether some object of ``raw`` (valid JSON) repeats a key: one pass of the C parser
    (the locating scanner runs only then)."""
    repeated = False

    def pairs(found: list[tuple[str, Any]]) -> None:
        nonlocal repeated
        repeated = repeated or len({key for key, _ in found}) != len(found)

    json.loads(raw, object_pairs_hook=pairs)
    return repeated


def _frictionless(root: Path, descriptor: dict[str, Any], name: str) -> list[Problem]:
    """Frictionless's own validation of the descriptor and its resources.

    For a JSON resource Frictionless checks only its size and hash, which newsdata
    has just checked for every article; handing it thousands of article resources
    costs time for nothing, so the copy it validates keeps one of them (all are
    written alike by `newsdata build`, and a hand-edit of any other is reported as
    package-stale). `frictionless validate datapackage.json` still checks them all.
    """
    try:
        import frictionless
    except ImportError:
        return [
            Problem.of(
                "package-frictionless-unavailable",
                "frictionless is not installed; its descriptor check was skipped "
                '(pip install "newsdata[validate]")',
                name,
            )
        ]
    resources = descriptor.get("resources", [])
    articles = [r for r in resources if is_article_resource(r)]
    checked = dict(descriptor)
    checked["resources"] = [r for r in resources if not is_article_resource(r)] + articles[:1]
    report = frictionless.validate(checked, type="package", basepath=str(root))
    errors = list(report.errors)
    for task in report.tasks:
        errors.extend(task.errors)
    return [Problem.of("package-frictionless", f"{e.type}: {e.message}", name) for e in errors]
