"""Work spread over processes: one pattern for validation and for building the columnar store.

Articles are independent, so a large corpus is cut into chunks handled by worker
processes. ``fork`` starts them without importing anything again (Linux only; elsewhere
the work runs in this process). Workers ignore Ctrl-C, which reaches every process of
the group: the parent alone reacts, stops them at once and leaves one short line.

Each worker takes every n-th job and sends its results, in order, through a pipe of its
own; the parent reads them in job order. Nothing is shared between the processes (no
lock, no queue), so stopping them is a kill that cannot wait on a worker: a
``multiprocessing.Pool`` told to terminate waits for a lock an idle worker holds.
"""

from __future__ import annotations

import multiprocessing
import multiprocessing.connection
import multiprocessing.process
import os
import signal
import sys
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from typing import TypeVar

__all__ = ["default_workers", "spread"]

J = TypeVar("J")
R = TypeVar("R")


def default_workers(asked: int | None = None) -> int:
    """How many processes to use: ``asked``, else one per CPU available, at most four."""
    if asked is not None:
        return max(1, asked)
    if sys.platform != "linux":  # "fork" is safe and cheap only there
        return 1
    return max(1, min(4, len(os.sched_getaffinity(0))))


def _leave_interrupts_to_the_parent() -> None:
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    # forked with Ctrl-C blocked (see spread); ignored now, so a pending one is dropped
    signal.pthread_sigmask(signal.SIG_UNBLOCK, {signal.SIGINT})


def _work(
    function: Callable[[J], R], jobs: list[J], connection: multiprocessing.connection.Connection
) -> None:
    """A worker: each result sent as ``(True, result)``; a failure as ``(False, error)``."""
    _leave_interrupts_to_the_parent()
    try:
        for job in jobs:
            connection.send((True, function(job)))
    except Exception as error:  # the parent raises it in its own place
        try:
            connection.send((False, error))
        except Exception:  # an error that cannot be pickled: its words
            connection.send((False, RuntimeError(f"{type(error).__name__}: {error}")))
    finally:
        connection.close()


def _results(
    connections: list[multiprocessing.connection.Connection], count: int, done: list[bool]
) -> Iterator[R]:
    for k in range(count):
        try:
            ok, value = connections[k % len(connections)].recv()
        except EOFError:  # killed from outside (out of memory, a signal)
            raise RuntimeError("a worker process stopped before finishing its work") from None
        if not ok:
            raise value
        yield value
    done.append(True)


@contextmanager
def spread(function: Callable[[J], R], jobs: list[J], workers: int) -> Iterator[Iterable[R]]:
    """The results of ``function`` over ``jobs``, in order, computed by up to ``workers``
    processes (in this one when ``workers`` is 1 or there is one job).

    Leaving the block early (an error, Ctrl-C) stops the workers without waiting.

    Examples
    --------
    >>> with spread(abs, [-1, 2, -3], workers=1) as results:
    ...     list(results)
    [1, 2, 3]
    """
    if workers <= 1 or len(jobs) <= 1 or sys.platform != "linux":
        yield map(function, jobs)
        return
    context = multiprocessing.get_context("fork")
    count = min(workers, len(jobs))
    processes: list[multiprocessing.process.BaseProcess] = []
    connections: list[multiprocessing.connection.Connection] = []
    # Ctrl-C waits while the workers start: one arriving before a worker has set it aside
    # would end that worker with a traceback; the parent receives it once they are up
    blocked = signal.pthread_sigmask(signal.SIG_BLOCK, {signal.SIGINT})
    try:
        for k in range(count):
            receiving, sending = context.Pipe(duplex=False)
            processes.append(
                context.Process(target=_work, args=(function, jobs[k::count], sending))
            )
            processes[-1].start()
            sending.close()  # the worker's copy alone: its end tells the parent it stopped
            connections.append(receiving)
    except BaseException:
        _stop(processes, connections)
        signal.pthread_sigmask(signal.SIG_SETMASK, blocked)
        raise
    try:
        signal.pthread_sigmask(signal.SIG_SETMASK, blocked)  # a waiting Ctrl-C arrives here
        done: list[bool] = []
        yield _results(connections, len(jobs), done)
    except BaseException:
        _stop(processes, connections)
        raise
    if not done:  # left before the last result: the rest is not wanted
        _stop(processes, connections)
        return
    for process in processes:
        process.join()
    for connection in connections:
        connection.close()


def _stop(
    processes: list[multiprocessing.process.BaseProcess],
    connections: list[multiprocessing.connection.Connection],
) -> None:
    """Kill the workers at once (they hold nothing the parent needs) and reap them."""
    for process in processes:
        process.kill()
    for process in processes:
        process.join()
    for connection in connections:
        connection.close()
