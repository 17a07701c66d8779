"""Re-runs through the cache: the same documents as a fresh run, and cached work reused."""

from __future__ import annotations

import json
import shutil
from pathlib import Path
from typing import Any

import pytest

from flows.run import RunParameters, kipp_run
from orchestration.helpers import undated

ROOT = Path(__file__).resolve().parents[2]
SAMPLE = ROOT / "submissions" / "mojokerto-2022"
EDITED = "brantas-tuntas.yaml"


def _results(out: Path) -> dict[str, Any]:
    data: dict[str, Any] = json.loads((out / "results.json").read_text(encoding="utf-8"))
    del data["run"]["started_at"], data["run"]["finished_at"]
    return data


def _cached_files(cache: Path) -> set[str]:
    return {p.name for p in (cache / "prefect-results").iterdir()}


def _run(batch: Path, out: Path, cache: Path, monkeypatch: pytest.MonkeyPatch) -> dict[str, Any]:
    monkeypatch.setenv("KIPP_CACHE_DIR", str(cache))
    kipp_run(RunParameters(batch=str(batch), out=str(out)))
    return _results(out)


@pytest.fixture
def batch(tmp_path: Path) -> Path:
    folder = tmp_path / "batch"
    shutil.copytree(SAMPLE, folder)
    return folder


def test_rerun_after_editing_one_proposal_equals_a_fresh_run(
    batch: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    cache = tmp_path / "cache"
    _run(batch, tmp_path / "first", cache, monkeypatch)
    assert len(list((cache / "corpus-index").glob("corpus-index-*.npz"))) == 1
    path = batch / EDITED
    text = path.read_text(encoding="utf-8")
    edited = text.replace("pencegahan dan penanganan perundungan", "penanganan perundungan", 1)
    assert edited != text
    path.write_text(edited, encoding="utf-8")

    rerun = _run(batch, tmp_path / "rerun", cache, monkeypatch)
    fresh = _run(batch, tmp_path / "fresh", tmp_path / "fresh-cache", monkeypatch)

    assert rerun == fresh
    assert (tmp_path / "rerun" / "scores.csv").read_bytes() == (
        tmp_path / "fresh" / "scores.csv"
    ).read_bytes()
    assert undated((tmp_path / "rerun" / "shortlist.md").read_text(encoding="utf-8")) == undated(
        (tmp_path / "fresh" / "shortlist.md").read_text(encoding="utf-8")
    )


def test_rerun_of_an_unchanged_batch_reuses_every_cached_result(
    batch: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    cache = tmp_path / "cache"
    first = _run(batch, tmp_path / "first", cache, monkeypatch)
    stored = _cached_files(cache)
    # gates, novelty, one score chunk and the shortlist: one result file each
    assert len(stored) == 4
    second = _run(batch, tmp_path / "second", cache, monkeypatch)
    assert _cached_files(cache) == stored
    assert second == first
