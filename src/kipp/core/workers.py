"""Worker processes for the stages whose items are independent (parsing files, rendering
scorecards): how many, and how they start.

Workers start from a fork server (`forkserver`): a clean process, started once, that imports
the modules a stage names and forks each worker from itself. Safe in a program that runs
threads (Prefect's), and cheap after the first start. Workers import the main module as
`__mp_main__`, so an entry point runs its work only under `if __name__ == "__main__"`.
"""

from __future__ import annotations

import multiprocessing
import os
from collections.abc import Callable, Iterator
from concurrent.futures import ProcessPoolExecutor
from contextlib import contextmanager
from typing import Any


def default_workers() -> int:
    """Worker processes for a large stage: the cores this process may run on."""
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # not on Linux
        return os.cpu_count() or 1


_PRELOADED: set[str] = set()  # what the fork server imports when it starts, for every pool


def preload_in_fork_server(modules: list[str]) -> None:
    """Have the fork server import `modules` too when it starts (the first pool of this
    process starts it, with its own modules and these): a pool started later, whose
    workers need them, then forks them imported. For a worker started at every run of a
    process that runs again (`kipp run --watch`), which would import them each time."""
    _PRELOADED.update(modules)


def process_pool(
    workers: int,
    preload: list[str],
    initializer: Callable[..., Any] | None = None,
    initargs: tuple[Any, ...] = (),
) -> ProcessPoolExecutor:
    """A pool of `workers` processes forked from the fork server, which imports `preload`;
    each worker runs `initializer(*initargs)` once (what every job shares goes there, sent
    once per worker rather than with every job)."""
    context = multiprocessing.get_context("forkserver")
    context.set_forkserver_preload(sorted(_PRELOADED.union(preload)))
    return ProcessPoolExecutor(
        workers, mp_context=context, initializer=initializer, initargs=initargs
    )


@contextmanager
def one_worker(
    preload: list[str],
    initializer: Callable[..., Any] | None = None,
    initargs: tuple[Any, ...] = (),
) -> Iterator[ProcessPoolExecutor]:
    """One worker process for the block (`process_pool`; it starts with its first job).
    Ends when the block does, once its jobs are done, or at once (its jobs dropped) when the
    block fails."""
    pool = process_pool(1, preload, initializer, initargs)
    try:
        yield pool
    except BaseException:
        pool.shutdown(wait=False, cancel_futures=True)
        raise
    pool.shutdown()
