"""A run killed with SIGKILL in the middle, then run again, finishes from the cache with the
documents of an uninterrupted run (apart from timestamps)."""

from __future__ import annotations

import os
import signal
import time
from pathlib import Path

import pytest

from bench.generate import generate_batch
from orchestration.helpers import child_run, finish, results, undated

pytestmark = pytest.mark.slow


def _stored(cache: Path) -> dict[str, int]:
    folder = cache / "prefect-results"
    if not folder.is_dir():
        return {}
    return {p.name: p.stat().st_mtime_ns for p in folder.iterdir() if p.is_file()}


def _writing(out: Path) -> bool:
    """Whether a run is writing its documents into `out` (its staging folder is there)."""
    return out.is_dir() and any(out.glob(".kipp-staging-*"))


def test_run_killed_midway_then_rerun_equals_an_uninterrupted_run(tmp_path: Path) -> None:
    batch = tmp_path / "batch"
    generate_batch(batch, 300, seed=3)
    cache, out = tmp_path / "cache", tmp_path / "out"

    killed = child_run(batch, out, cache)
    deadline = time.monotonic() + 120
    # killed once the documents are being written: the novelty measures, the one stage
    # stored, were stored whole before the stages after them began
    while not _writing(out) and killed.poll() is None and time.monotonic() < deadline:
        time.sleep(0.01)
    if killed.poll() is not None:
        finish(killed)  # shows the output when it failed
        pytest.fail("the run ended before it could be killed")
    os.kill(killed.pid, signal.SIGKILL)
    killed.wait(timeout=30)
    assert killed.returncode == -signal.SIGKILL
    before = _stored(cache)
    assert [name.split("-")[1] for name in before] == ["novelty"]  # the work cached...
    assert not (out / "results.json").exists()  # ...and no document written

    finish(child_run(batch, out, cache))
    after = _stored(cache)
    assert {name: after[name] for name in before} == before  # reused, not recomputed

    fresh = tmp_path / "fresh"
    finish(child_run(batch, fresh, tmp_path / "fresh-cache"))
    assert results(out) == results(fresh)
    assert (out / "scores.csv").read_bytes() == (fresh / "scores.csv").read_bytes()
    for name in ("shortlist.md", "shortlist.html"):
        assert undated((out / name).read_text(encoding="utf-8")) == undated(
            (fresh / name).read_text(encoding="utf-8")
        )
    for folder in (out, fresh):  # no staging folder left behind, even by the killed run
        assert sorted(p.name for p in folder.iterdir() if p.name.startswith(".")) == [
            ".kipp-files.json",
            ".kipp.lock",
        ]
    assert sorted(p.name for p in tmp_path.iterdir() if p.name.startswith(".")) == []


def test_run_killed_while_moving_documents_in_leaves_no_staging_after_the_rerun(
    tmp_path: Path,
) -> None:
    batch = tmp_path / "batch"
    generate_batch(batch, 300, seed=3)
    cache, out = tmp_path / "cache", tmp_path / "out"

    killed = child_run(batch, out, cache)
    deadline = time.monotonic() + 120
    staging: list[Path] = []
    while not staging and killed.poll() is None and time.monotonic() < deadline:
        staging = [p for p in out.glob(".kipp-staging-*") if any(p.rglob("*.html"))]
        time.sleep(0.005)
    if killed.poll() is not None:
        finish(killed)
        pytest.fail("the run ended before it rendered its documents")
    os.kill(killed.pid, signal.SIGKILL)  # documents half-rendered in the staging folder
    killed.wait(timeout=30)
    assert staging[0].is_dir()
    assert not (out / "results.json").exists()  # nothing half-written reached the folder

    finish(child_run(batch, out, cache))

    assert not list(out.glob(".kipp-staging-*"))  # the killed run's folder was removed
    assert (out / "results.json").is_file()
