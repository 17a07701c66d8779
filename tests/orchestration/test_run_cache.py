"""Re-runs through the cache: the same documents as a fresh run, and cached work reused."""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path
from typing import Any

import pytest

from kipp.core.i18n import Lang
from kipp_app.flows.run import RunParameters, kipp_run
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
    kipp_run(RunParameters(batch=str(batch), out=str(out), lang=Lang.EN))
    return _results(out)


@pytest.fixture
def batch(tmp_path: Path) -> Path:
    folder = tmp_path / "batch"
    shutil.copytree(SAMPLE, folder)
    return folder


@pytest.mark.slow
def test_rerun_after_editing_one_proposal_equals_a_fresh_run(
    batch: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    cache, out = tmp_path / "cache", tmp_path / "out"
    caplog.set_level("INFO")
    _run(batch, out, cache, monkeypatch)
    assert len(list((cache / "corpus-index").glob("corpus-index-*.npz"))) == 1
    path = batch / EDITED
    text = path.read_text(encoding="utf-8")
    edited = text.replace("pencegahan dan penanganan perundungan", "penanganan perundungan", 1)
    assert edited != text
    path.write_text(edited, encoding="utf-8")

    rerun = _run(batch, out, cache, monkeypatch)  # into the same folder, as people re-run
    fresh = _run(batch, tmp_path / "fresh", tmp_path / "fresh-cache", monkeypatch)

    assert rerun == fresh
    assert (out / "scores.csv").read_bytes() == (tmp_path / "fresh" / "scores.csv").read_bytes()
    assert undated((out / "shortlist.md").read_text(encoding="utf-8")) == undated(
        (tmp_path / "fresh" / "shortlist.md").read_text(encoding="utf-8")
    )
    # the scorecards the edit did not touch were copied from the first run, the others
    # rendered again; together they are the fresh run's
    assert _scorecards(out) == _scorecards(tmp_path / "fresh")
    logged = [r.getMessage() for r in caplog.records]
    found = [m for m in logged if "scorecards as before" in m and f"{out};" in m]
    assert len(found) == 2  # the first run into `out`, then the re-run
    assert "0 scorecards as before" in found[0]
    match = re.search(r"(\d+) scorecards as before, (\d+) rendered", found[1])
    assert match is not None
    reused, rendered = int(match[1]), int(match[2])
    # the edited proposal's, and those showing it among their nearest neighbours
    assert reused >= rendered >= 1
    assert reused + rendered == len(rerun["proposals"])


def _scorecards(out: Path) -> dict[str, str]:
    """The HTML scorecards of a run folder by name, undated; its PDFs' names."""
    folder = out / "scorecards"
    found = {f.name: undated(f.read_text(encoding="utf-8")) for f in folder.glob("*.html")}
    found.update({f.name: "PDF" for f in folder.glob("*.pdf")})
    return dict(sorted(found.items()))


@pytest.mark.slow
def test_rerun_of_an_unchanged_batch_reuses_every_cached_result(
    batch: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    cache = tmp_path / "cache"
    first = _run(batch, tmp_path / "first", cache, monkeypatch)
    stored = _cached_files(cache)
    # the novelty measures (the gates and the scores are computed again)
    assert [name.split("-")[1] for name in stored] == ["novelty"]
    second = _run(batch, tmp_path / "second", cache, monkeypatch)
    assert _cached_files(cache) == stored
    assert second == first


def _scorecards(out: Path) -> dict[str, str]:
    """The HTML scorecards of a run folder by name, undated; its PDFs' names."""
    folder = out / "scorecards"
    found = {f.name: undated(f.read_text(encoding="utf-8")) for f in folder.glob("*.html")}
    found.update({f.name: "PDF" for f in folder.glob("*.pdf")})
    return dict(sorted(found.items()))
