"""The main job end to end on the bundled sample batch, through the real Prefect flow."""

from __future__ import annotations

import json
import os
import shutil
from pathlib import Path
from typing import Any

import pytest
from prefect.client.orchestration import get_client

from kipp.core.i18n import Lang
from kipp_app.flows.run import RunParameters, kipp_run

ROOT = Path(__file__).resolve().parents[2]
SAMPLE = ROOT / "submissions" / "mojokerto-2022"


@pytest.fixture(scope="module")
def sample_run(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("run")
    kipp_run(RunParameters(batch=str(SAMPLE), out=str(out)))
    return out


def _load(path: Path) -> dict[str, Any]:
    data: dict[str, Any] = json.loads(path.read_text(encoding="utf-8"))
    return data


def test_run_writes_every_document(sample_run: Path) -> None:
    assert sorted(p.name for p in sample_run.iterdir()) == [
        ".kipp-files.json",  # what kipp wrote, so the next run removes only its own files
        ".kipp.lock",  # the folder's lock: runs writing here take turns
        "berita-acara.docx",
        "berita-acara.html",
        "berita-acara.pdf",
        "compliance.csv",
        "results.json",
        "results.xlsx",
        "reviews.csv",
        "scorecards",
        "scores.csv",
        "shortlist.html",
        "shortlist.md",
        "shortlist.pdf",
    ]


def test_every_input_file_appears_exactly_once(sample_run: Path) -> None:
    results = _load(sample_run / "results.json")
    seen = [p["source"].split("#")[0] for p in results["proposals"]]
    seen += [u["path"] for u in results["unread"]]
    files = sorted(
        str(SAMPLE / name)
        for name in os.listdir(SAMPLE)
        if not name.startswith((".", "_")) and name != "reviewers.yaml"  # the panel
    )
    per_file = {f: seen.count(f) for f in files}
    rows = {f: n for f, n in per_file.items() if f.endswith(".xlsx")}
    assert {f: n for f, n in per_file.items() if f not in rows} == {
        f: 1 for f in files if f not in rows
    }
    assert rows == {str(SAMPLE / "ekspor-formulir-online.xlsx"): 3}
    sources = [p["source"] for p in results["proposals"]]
    assert len(sources) == len(set(sources))
    assert str(SAMPLE / "reviewers.yaml") in results["ignored"]


def test_statuses_follow_the_sample_batch(sample_run: Path) -> None:
    results = _load(sample_run / "results.json")
    status = {p["id"]: p["status"] for p in results["proposals"]}
    assert status["si-parto-dishub"] == "ineligible"
    assert status["sapa-tertib"] == "ineligible"
    assert status["salam-santun"] == "invalid"
    assert status["sip-dlh"] == "invalid"
    assert status["ppdb-online-disdikbud"] == "ineligible"
    assert status["pendaftaran-sekolah-daring"] == "ineligible"
    ppdb = next(p for p in results["proposals"] if p["id"] == "ppdb-online-disdikbud")
    assert [g for g in ppdb["gates"] if not g["passed"]] == [
        {
            "gate": "unique_title",
            "label": "Judul unik",
            "passed": False,
            "detail": "Judul sama dengan judul proposal lain dari Dinas Pendidikan dan Kebudayaan.",
            "advice": [],
        }
    ]
    assert ppdb["reason"] == "Tidak memenuhi syarat: Judul unik."
    assert status["seruling-mas"] in {"shortlisted", "scored"}
    shortlisted = [p for p in results["proposals"] if p["status"] == "shortlisted"]
    assert len(shortlisted) == 5
    ranks = [p["rank"] for p in results["proposals"] if p["rank"] is not None]
    assert sorted(ranks) == list(range(1, len(ranks) + 1))
    for p in results["proposals"]:
        if p["status"] in {"invalid", "ineligible"}:
            assert (p["total"], p["rank"], p["criteria"]) == (None, None, None)
    assert [u["path"] for u in results["unread"]] == [str(SAMPLE / "surat-pengantar.docx")]


def test_two_runs_give_identical_results_apart_from_timestamps(
    sample_run: Path, tmp_path: Path
) -> None:
    kipp_run(RunParameters(batch=str(SAMPLE), out=str(tmp_path)))
    first, second = _load(sample_run / "results.json"), _load(tmp_path / "results.json")
    for doc in (first, second):
        del doc["run"]["started_at"], doc["run"]["finished_at"]
    assert first == second
    assert (sample_run / "scores.csv").read_bytes() == (tmp_path / "scores.csv").read_bytes()


def test_run_in_english(tmp_path: Path) -> None:
    batch = tmp_path / "batch"
    batch.mkdir()
    shutil.copy(SAMPLE / "si-parto.json", batch)
    kipp_run(RunParameters(batch=str(batch), out=str(tmp_path / "out"), lang=Lang.EN))
    results = _load(tmp_path / "out" / "results.json")
    (proposal,) = results["proposals"]
    assert proposal["status"] == "ineligible"
    assert proposal["reason"] == "Not eligible: Time in operation."
    min_age = next(g for g in proposal["gates"] if g["gate"] == "min_age")
    assert min_age == {
        "gate": "min_age",
        "label": "Time in operation",
        "passed": False,
        "detail": "Started 1 September 2021: 7 months before the deadline (15 April 2022); "
        "the call requires 24.",
        "advice": [
            {
                "key": "advice.min_age",
                "params": {
                    "months": 24,
                    "reached": {"date": "2023-09-01"},
                    "year": "2024",
                    "deadline": {"date": "2024-04-15"},
                },
            }
        ],
    }


def test_progress_of_a_batch_with_nothing_to_score_is_complete(tmp_path: Path) -> None:
    batch = tmp_path / "batch"
    batch.mkdir()
    (batch / "notes.txt").write_text("not a proposal", encoding="utf-8")
    summary = kipp_run(RunParameters(batch=str(batch), out=str(tmp_path / "out"))).summary
    assert summary.scored == summary.shortlisted == 0
    with get_client(sync_client=True) as client:
        latest = [a for a in client.read_latest_artifacts() if a.key == "kipp-progress"]
    assert latest and latest[0].data == 100.0
