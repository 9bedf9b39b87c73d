"""Ctrl-C at an awkward moment: while the worker processes of a parallel run start."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

pytestmark = pytest.mark.skipif(sys.platform != "linux", reason="workers are forked on Linux only")


def test_ctrl_c_while_the_workers_start_is_one_line(tmp_path: Path) -> None:
    """Every worker sends SIGINT to the whole group before it has set Ctrl-C aside: no
    worker dies with a traceback, the command prints one line and exits with 130."""
    from synthetic import grow

    grow(tmp_path / "corpus", 600, build=False)
    driver = (
        "import os, signal, sys\n"
        "import newsdata._parallel as parallel\n"
        "parallel.default_workers = lambda asked=None: 2\n"
        "real = parallel._leave_interrupts_to_the_parent\n"
        "def interrupt_first():\n"
        "    os.killpg(0, signal.SIGINT)\n"  # a Ctrl-C at the worst moment, for sure
        "    real()\n"
        "parallel._leave_interrupts_to_the_parent = interrupt_first\n"
        "from newsdata.cli import main\n"
        f"sys.exit(main(['validate', {str(tmp_path / 'corpus')!r}]))\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", driver],
        capture_output=True,
        text=True,
        start_new_session=True,
        timeout=300,
    )
    assert done.returncode == 130, (done.stdout, done.stderr)
    assert "Traceback" not in done.stdout + done.stderr
    assert done.stderr.strip().splitlines() == ["newsdata validate: interrupted"]
