"""Work spread over processes: one pattern for validation and for building the columnar store.

Articles are independent, so a large corpus is cut into chunks handled by worker
processes. ``fork`` starts them without importing anything again (Linux only; elsewhere
the work runs in this process). Workers ignore Ctrl-C, which reaches every process of
the group: the parent alone reacts, stops them at once and leaves one short line.
"""

from __future__ import annotations

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
    import multiprocessing  # here: importing it costs `import newsdata` about 10 ms

    # Ctrl-C waits while the workers start: one arriving before a worker has set it aside
    # would end that worker with a traceback; the parent receives it once they are up
    blocked = signal.pthread_sigmask(signal.SIG_BLOCK, {signal.SIGINT})
    try:
        pool = multiprocessing.get_context("fork").Pool(
            min(workers, len(jobs)), initializer=_leave_interrupts_to_the_parent
        )
    except BaseException:
        signal.pthread_sigmask(signal.SIG_SETMASK, blocked)
        raise
    try:
        signal.pthread_sigmask(signal.SIG_SETMASK, blocked)  # a waiting Ctrl-C arrives here
        yield pool.imap(function, jobs)
    except BaseException:
        pool.terminate()
        pool.join()
        raise
    pool.close()
    pool.join()
