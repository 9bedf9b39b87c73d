"""The progress bar: drawn on a terminal for large jobs, silent otherwise."""

from __future__ import annotations

import io

from newsdata._progress import Progress


class _Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


def test_draws_on_a_terminal_and_ends_the_line() -> None:
    out = _Terminal()
    bar = Progress("work", 100, out)
    for _ in range(100):
        bar.step()
    text = out.getvalue()
    assert "work [" in text and "100/100" in text and text.endswith("\n")


def test_silent_when_not_a_terminal_or_small() -> None:
    quiet = io.StringIO()
    Progress("work", 1000, quiet)(1000, 1000)
    small = _Terminal()
    Progress("work", 10, small)(10, 10)
    assert quiet.getvalue() == "" and small.getvalue() == ""
