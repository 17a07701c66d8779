"""Finding the units of many documents: in worker processes from `POOL_FROM` documents,
with the same units in the same order as found here; here in a daemon process, and for the
jobs of a worker that died or could not start."""

from __future__ import annotations

import multiprocessing
from collections.abc import Callable
from concurrent.futures import Future
from concurrent.futures.process import BrokenProcessPool
from functools import cache
from types import SimpleNamespace
from typing import Any

import pytest

from kipp.core import workers
from kipp.measures import documents
from kipp.measures.corpus import load_corpus
from kipp.measures.documents import units_of


@cache
def descriptions() -> list[list[str]]:
    """The bundled corpus's descriptions, each one document."""
    return [[e.description] for e in load_corpus().entries]


def found_here(texts: list[list[str]]) -> list[list[str]]:
    return [documents._units(own) for own in texts]


def pools_started(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    """The worker count of each pool `units_of` starts (the real pools)."""
    started: list[int] = []
    real = workers.process_pool

    def recorded(count: int, preload: list[str]) -> Any:
        started.append(count)
        return real(count, preload)

    monkeypatch.setattr(documents, "process_pool", recorded)
    return started


def test_units_found_by_worker_processes_are_those_found_here_in_order(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(documents, "POOL_FROM", 100)
    monkeypatch.setattr(documents, "JOB", 37)  # 418 documents: 12 jobs, the last short
    started = pools_started(monkeypatch)

    assert units_of(descriptions(), workers=2) == found_here(descriptions())
    assert started == [2]


def test_fewer_documents_than_the_pool_needs_are_found_here(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    assert len(descriptions()) < documents.POOL_FROM
    started = pools_started(monkeypatch)

    assert units_of(descriptions(), workers=2) == found_here(descriptions())
    assert started == []


def test_a_daemon_process_finds_the_units_itself(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(documents, "POOL_FROM", 100)
    started = pools_started(monkeypatch)
    daemon = SimpleNamespace(daemon=True)  # a Dask worker's process may start none
    monkeypatch.setattr(multiprocessing, "current_process", lambda: daemon)

    assert units_of(descriptions(), workers=2) == found_here(descriptions())
    assert started == []


class StandInPool:
    """A pool whose jobs are decided by `outcome(n)` for the n-th job submitted: "done" (run
    at once), "died" (its worker died), "broken" (submitting raises BrokenProcessPool),
    "no-start" (OSError: no process could start) or "interrupt" (Ctrl-C while waiting)."""

    def __init__(self, outcome: Callable[[int], str]) -> None:
        self.outcome = outcome
        self.submitted = 0
        self.shut: list[tuple[bool, bool]] = []

    def submit(self, function: Callable[..., Any], *args: Any) -> Future[Any]:
        self.submitted += 1
        outcome = self.outcome(self.submitted)
        if outcome == "broken":
            raise BrokenProcessPool("the pool broke")
        if outcome == "no-start":
            raise OSError("Resource temporarily unavailable")
        future: Future[Any] = Future()
        if outcome == "done":
            future.set_result(function(*args))
        elif outcome == "died":
            future.set_exception(BrokenProcessPool("a worker died"))
        else:
            future.set_exception(KeyboardInterrupt())
        return future

    def shutdown(self, wait: bool = True, cancel_futures: bool = False) -> None:
        self.shut.append((wait, cancel_futures))


def stand_in(monkeypatch: pytest.MonkeyPatch, outcome: Callable[[int], str]) -> StandInPool:
    monkeypatch.setattr(documents, "POOL_FROM", 100)
    monkeypatch.setattr(documents, "JOB", 50)  # 418 documents: 9 jobs
    pool = StandInPool(outcome)
    monkeypatch.setattr(documents, "process_pool", lambda workers, preload: pool)
    return pool


def test_the_jobs_of_a_worker_that_died_are_done_here(monkeypatch: pytest.MonkeyPatch) -> None:
    # jobs 1 and 3 done by the pool, job 2's worker dies, the pool breaks at job 4
    pool = stand_in(monkeypatch, lambda n: "broken" if n >= 4 else "died" if n == 2 else "done")

    assert units_of(descriptions(), workers=2) == found_here(descriptions())
    assert (pool.submitted, pool.shut) == (9, [(True, False)])


def test_workers_that_cannot_start_leave_every_job_here(monkeypatch: pytest.MonkeyPatch) -> None:
    pool = stand_in(monkeypatch, lambda n: "no-start")

    assert units_of(descriptions(), workers=2) == found_here(descriptions())
    assert (pool.submitted, pool.shut) == (9, [(True, False)])


def test_an_interrupt_ends_the_pool_without_waiting_for_its_jobs(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    pool = stand_in(monkeypatch, lambda n: "interrupt" if n == 2 else "done")

    with pytest.raises(KeyboardInterrupt):
        units_of(descriptions(), workers=2)
    assert pool.shut == [(False, True)]
