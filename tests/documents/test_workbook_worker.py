"""A large run's workbook is written by a worker process while the run writes its other
documents: the same workbook as one written in the run's own process, and a worker that dies
costs nothing. A shortlist PDF found unchanged ends its child at once."""

from __future__ import annotations

import io
import os
import subprocess
import sys
import zipfile
from concurrent.futures import Executor, Future
from concurrent.futures.process import BrokenProcessPool
from functools import cache
from pathlib import Path
from typing import Any

import pytest
from builders import results_of

from kipp.core import workers
from kipp.documents import workbook
from kipp.documents.render.pdf import PdfRenderer, pdf_in_background
from kipp.documents.workbook import (
    start_workbook,
    workbook_bytes,
    workbook_sheets,
    workbook_worker,
)
from kipp.results import Results
from kipp.rubric import Rubric, load_rubric

SAMPLE = Path(__file__).resolve().parents[2] / "submissions" / "mojokerto-2022"


@cache
def run() -> tuple[Results, Rubric]:
    return results_of(SAMPLE), load_rubric().rubric


def parts(data: bytes) -> dict[str, bytes]:
    """A workbook's parts, but the document properties (they hold the time it was saved)."""
    with zipfile.ZipFile(io.BytesIO(data)) as book:
        return {n: book.read(n) for n in book.namelist() if n != "docProps/core.xml"}


def test_a_small_run_writes_its_workbook_in_its_own_process() -> None:
    with workbook_worker(workbook.WORKER_FROM - 1) as worker:
        assert worker is None


def test_the_workbook_written_by_a_worker_is_the_one_written_here(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    results, rubric = run()
    monkeypatch.setattr(workbook, "default_workers", lambda: 2)

    with workbook_worker(workbook.WORKER_FROM) as worker:
        assert worker is not None
        written = start_workbook(workbook_sheets(results, rubric), worker)()

    here = parts(workbook_bytes(results, rubric))
    assert parts(written) == here
    assert len(here) > 10  # sheets, styles, workbook: the whole file


def test_the_workbooks_worker_yields_the_core_to_the_run_and_the_shortlist_pdfs_child(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    results, rubric = run()
    monkeypatch.setattr(workbook, "default_workers", lambda: 2)
    here = os.nice(0)

    with workbook_worker(workbook.WORKER_FROM) as worker:
        assert worker is not None
        start_workbook(workbook_sheets(results, rubric), worker)()
        niceness = worker.submit(os.nice, 0).result()  # the same worker process

    assert niceness == min(19, here + workbook.WORKER_NICENESS)


class DeadWorker(Executor):
    """A worker process that died before it wrote anything."""

    def submit(self, fn: Any, /, *args: Any, **kwargs: Any) -> Future[Any]:
        future: Future[Any] = Future()
        future.set_exception(BrokenProcessPool("the worker died"))
        return future


def test_a_worker_that_dies_leaves_the_workbook_to_the_run() -> None:
    results, rubric = run()

    written = start_workbook(workbook_sheets(results, rubric), DeadWorker())()

    assert parts(written) == parts(workbook_bytes(results, rubric))


def test_a_rendering_stopped_ends_its_child_without_rendering() -> None:
    child = subprocess.Popen(
        [sys.executable, "-m", "kipp.documents.render.pdf"],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    )
    with pdf_in_background("<p>Daftar pendek</p>", PdfRenderer(child)) as rendering:
        assert rendering.natives()  # the child is up, WeasyPrint imported
        rendering.stop()
        assert child.wait(timeout=60) < 0  # ended by a signal, not after rendering


def test_every_pool_asks_the_fork_server_for_openpyxl_for_the_workbooks_worker(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    asked: list[list[str]] = []

    class Context:
        def set_forkserver_preload(self, modules: list[str]) -> None:
            asked.append(modules)

    monkeypatch.setattr(workers.multiprocessing, "get_context", lambda name: Context())
    monkeypatch.setattr(workers, "ProcessPoolExecutor", lambda *args, **options: None)
    workers.process_pool(2, ["kipp.intake.parsing"])  # intake's, the first pool of a run

    # whichever pool starts the fork server: a workbook's worker forked later, at every run
    # of `kipp run --watch`, does not import openpyxl again
    assert asked == [["kipp.documents.xlsx", "kipp.intake.parsing"]]
