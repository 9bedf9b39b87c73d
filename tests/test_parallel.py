"""Work spread over processes: results in order, errors raised in the parent, nothing left
running however the block is left."""

from __future__ import annotations

import multiprocessing
import os
import signal

import pytest

from newsdata._parallel import spread


def _square(n: int) -> int:
    return n * n


def _fail_on_three(n: int) -> int:
    if n == 3:
        raise ValueError("three")
    return n


def _die_on_two(n: int) -> int:
    if n == 2:
        os.kill(os.getpid(), signal.SIGKILL)
    return n


@pytest.mark.parametrize("workers", [1, 2, 3, 8])
def test_results_come_in_job_order(workers: int) -> None:
    with spread(_square, list(range(25)), workers) as results:
        assert list(results) == [n * n for n in range(25)]
    assert multiprocessing.active_children() == []


def test_an_error_in_a_worker_is_raised_in_the_parent() -> None:
    with (
        pytest.raises(ValueError, match="three"),
        spread(_fail_on_three, list(range(6)), 2) as results,
    ):
        list(results)
    assert multiprocessing.active_children() == []


def test_a_worker_killed_from_outside_is_an_error_not_a_hang() -> None:
    with (
        pytest.raises(RuntimeError, match="stopped"),
        spread(_die_on_two, list(range(6)), 2) as results,
    ):
        list(results)
    assert multiprocessing.active_children() == []


def _large(n: int) -> bytes:
    return bytes(1 << 20)  # more than a pipe holds: a worker waits until it is read


def test_leaving_early_stops_every_worker() -> None:
    with spread(_large, list(range(50)), 2) as results:
        assert len(next(iter(results))) == 1 << 20
    assert multiprocessing.active_children() == []
