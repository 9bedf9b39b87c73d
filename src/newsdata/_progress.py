"""A progress bar on stderr, drawn only when stderr is a terminal (never in logs or CI)."""

from __future__ import annotations

import sys
from typing import TextIO


class Progress:
    """Call ``bar(done, total)`` or ``bar.step()``; small jobs (under 50 items) stay silent."""

    def __init__(self, label: str, total: int = 0, stream: TextIO | None = None) -> None:
        self.label, self.total, self.done = label, total, 0
        self.stream = stream or sys.stderr
        self.active = self.stream.isatty()

    def step(self) -> None:
        """One more item done."""
        self(self.done + 1, self.total)

    def __call__(self, done: int, total: int) -> None:
        self.done, self.total = done, total
        if not self.active or total < 50:
            return
        if done != total and done % max(1, total // 200):
            return
        filled = 30 * done // total
        self.stream.write(f"\r{self.label} [{'#' * filled}{'.' * (30 - filled)}] {done}/{total}")
        if done == total:
            self.stream.write("\n")
        self.stream.flush()
