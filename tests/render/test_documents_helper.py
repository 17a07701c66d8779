"""A large batch's documents have a helper process: it renders scorecards from the end of
the list while the run renders them from the start. The files are those written without
it, and a helper that dies leaves its work to the run."""

from __future__ import annotations

import io
import json
import zipfile
from collections.abc import Callable
from concurrent.futures import Executor, Future
from concurrent.futures.process import BrokenProcessPool
from pathlib import Path
from typing import Any

import pytest

from kipp.core.i18n import Lang
from kipp.documents import outputs, scorecard_pool
from kipp.documents.outputs import SCORECARDS, WORKBOOK, start_scorecards, write_run
from kipp.documents.reuse import ScorecardReuse
from kipp.documents.scorecard_pool import helper_process
from kipp.results import Results
from kipp.rubric import load_rubric

SAMPLE = Path(__file__).resolve().parents[2] / "submissions" / "mojokerto-2022"
RUBRIC = load_rubric()
STAMPED = "docProps/core.xml"  # openpyxl stamps the time a workbook was written


@pytest.fixture
def results(written_run: Callable[[Path, Lang], tuple[Results, Path]]) -> Results:
    return written_run(SAMPLE, Lang.ID)[0]


def _parts(data: bytes) -> dict[str, bytes]:
    """Every part of an .xlsx but the one that records when it was written."""
    with zipfile.ZipFile(io.BytesIO(data)) as book:
        return {name: book.read(name) for name in book.namelist() if name != STAMPED}


class _DeadHelper:
    """A helper whose process died: what it was given fails, and it takes nothing more."""

    def __init__(self, jobs_before_dying: int = 0) -> None:
        self.jobs = jobs_before_dying
        self.taken: list[object] = []

    def submit(self, fn: Callable[..., object], *args: object) -> Future[object]:
        self.taken.append(fn)
        if self.jobs == 0:
            raise BrokenProcessPool("the helper died")
        self.jobs -= 1
        failed: Future[object] = Future()
        failed.set_exception(BrokenProcessPool("the helper died"))
        return failed


def _scorecards(
    results: Results, out: Path, cache: Path, helper: object = None
) -> tuple[dict[str, bytes], str]:
    reuse = ScorecardReuse.for_output(out, cache)
    finish = start_scorecards(results, RUBRIC.rubric, out, False, reuse, workers=1, helper=helper)  # type: ignore[arg-type]
    finish()  # the helper took its share from the start; this process renders the rest now
    reuse.save()
    files = {f.name: f.read_bytes() for f in sorted((out / SCORECARDS).iterdir())}
    return files, json.dumps(reuse.current, sort_keys=True)


def test_scorecards_shared_with_the_helper_are_those_rendered_here(
    results: Results, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(scorecard_pool, "WORKERS_FROM", 0)  # the sample takes the large path
    monkeypatch.setattr(scorecard_pool, "CHUNK", 2)
    taken: list[int] = []

    class Counted:
        def __init__(self, pool: Executor) -> None:
            self.pool = pool

        def submit(self, fn: Callable[..., object], *args: Any) -> Future[object]:
            taken.append(len(args[0]))
            return self.pool.submit(fn, *args)

    here, here_record = _scorecards(results, tmp_path / "here", tmp_path / "cache-here")
    with helper_process(results, RUBRIC.rubric) as helper:
        shared, shared_record = _scorecards(
            results, tmp_path / "shared", tmp_path / "cache-shared", Counted(helper)
        )

    assert len(here) == len(results.proposals) + 1  # and index.html
    assert shared == here
    assert shared_record == here_record
    assert taken and sum(taken) < len(results.proposals)  # the helper took some, not all


@pytest.mark.parametrize("jobs_before_dying", [0, 2])
def test_a_helper_that_died_leaves_its_scorecards_to_this_process(
    results: Results, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, jobs_before_dying: int
) -> None:
    monkeypatch.setattr(scorecard_pool, "WORKERS_FROM", 0)
    monkeypatch.setattr(scorecard_pool, "CHUNK", 2)
    here, here_record = _scorecards(results, tmp_path / "here", tmp_path / "cache-here")
    helper = _DeadHelper(jobs_before_dying)

    recovered, record = _scorecards(results, tmp_path / "dead", tmp_path / "cache-dead", helper)

    assert len(helper.taken) == jobs_before_dying + 1
    assert recovered == here
    assert record == here_record


@pytest.mark.slow
def test_a_run_of_a_large_batch_with_a_helper_writes_the_files_of_one_without(
    results: Results, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    alone = write_run(results, RUBRIC.rubric, tmp_path / "alone")
    started: list[bool] = []

    def counted_helper(*args: object) -> object:
        started.append(True)
        return helper_process(*args)  # type: ignore[arg-type]

    monkeypatch.setattr(scorecard_pool, "HELPER_FROM", 0)  # the sample counts as large
    monkeypatch.setattr(scorecard_pool, "default_workers", lambda: 2)
    monkeypatch.setattr(outputs, "helper_process", counted_helper)
    monkeypatch.setattr(scorecard_pool, "WORKERS_FROM", 0)
    monkeypatch.setattr(scorecard_pool, "CHUNK", 2)

    helped = write_run(results, RUBRIC.rubric, tmp_path / "helped")

    assert started == [True]
    assert [p.relative_to(tmp_path / "helped") for p in helped] == [
        p.relative_to(tmp_path / "alone") for p in alone
    ]
    for a, h in zip(alone, helped, strict=True):
        if a.suffix in {".html", ".json", ".csv", ".md"}:
            assert h.read_bytes() == a.read_bytes(), a.name
    assert _parts((tmp_path / "helped" / WORKBOOK).read_bytes()) == _parts(
        (tmp_path / "alone" / WORKBOOK).read_bytes()
    )


@pytest.mark.parametrize(
    ("cores", "proposals", "wanted"),
    [
        (1, 27_000, False),
        (2, 5_999, False),
        (2, 6_000, True),
        (3, 27_000, True),
        (4, 27_000, False),
    ],
)
def test_a_helper_is_started_on_two_or_three_cores_for_a_batch_of_6000_or_more(
    monkeypatch: pytest.MonkeyPatch, cores: int, proposals: int, wanted: bool
) -> None:
    monkeypatch.setattr(scorecard_pool, "default_workers", lambda: cores)

    assert scorecard_pool.wants_helper(proposals) is wanted
