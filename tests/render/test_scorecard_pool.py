"""Scorecards of a large batch are rendered by worker processes: the same files, byte for
byte, and the same reuse record as when rendered one after another in this process."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

import pytest

from kipp.core.i18n import Lang
from kipp.documents import scorecard_pool
from kipp.documents.outputs import write_scorecards
from kipp.documents.reuse import ScorecardReuse
from kipp.results import Results
from kipp.rubric import load_rubric

SAMPLE = Path(__file__).resolve().parents[2] / "submissions" / "mojokerto-2022"
RUBRIC = load_rubric()


@pytest.fixture
def results(written_run: Callable[[Path, Lang], tuple[Results, Path]]) -> Results:
    return written_run(SAMPLE, Lang.ID)[0]


def _written(
    results: Results, out: Path, cache: Path, workers: int
) -> tuple[dict[str, bytes], str]:
    reuse = ScorecardReuse.for_output(out, cache)
    write_scorecards(results, RUBRIC.rubric, out, False, reuse, workers=workers)
    reuse.save()
    files = {f.name: f.read_bytes() for f in sorted((out / "scorecards").iterdir())}
    record = json.dumps(reuse.current, sort_keys=True)
    return files, record


def test_scorecards_rendered_by_two_workers_are_those_rendered_here(
    results: Results, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(scorecard_pool, "WORKERS_FROM", 0)  # the sample takes the large path
    monkeypatch.setattr(scorecard_pool, "CHUNK", 3)

    here, here_record = _written(results, tmp_path / "here", tmp_path / "cache-here", workers=1)
    shared, shared_record = _written(
        results, tmp_path / "shared", tmp_path / "cache-shared", workers=2
    )

    assert len(here) == len(results.proposals) + 1  # and index.html
    assert shared == here
    assert shared_record == here_record


def test_a_worker_that_died_leaves_its_scorecards_to_this_process(
    results: Results, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from concurrent.futures import Future
    from concurrent.futures.process import BrokenProcessPool

    class DeadPool:
        def __enter__(self) -> DeadPool:
            return self

        def __exit__(self, *exc: object) -> None:
            pass

        def submit(self, *args: object) -> Future[object]:
            failed: Future[object] = Future()
            failed.set_exception(BrokenProcessPool("a worker died"))
            return failed

    monkeypatch.setattr(scorecard_pool, "WORKERS_FROM", 0)
    monkeypatch.setattr(scorecard_pool, "process_pool", lambda *args: DeadPool())
    here, _ = _written(results, tmp_path / "here", tmp_path / "cache-here", workers=1)

    recovered, _ = _written(results, tmp_path / "dead", tmp_path / "cache-dead", workers=2)

    assert recovered == here
