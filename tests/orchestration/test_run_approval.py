"""Coordinator approval: the run pauses after scoring and resumes with a typed decision that
the documents record."""

from __future__ import annotations

import threading
import time
from pathlib import Path
from typing import Any
from uuid import UUID

import pytest
from prefect.client.orchestration import get_client
from prefect.client.schemas.filters import FlowRunFilter, FlowRunFilterState, FlowRunFilterStateType
from prefect.client.schemas.objects import StateType

from kipp.core.i18n import Lang, format_timestamp
from kipp_app.flows.approval import ApprovalTimeoutError
from kipp_app.flows.run import RunParameters, RunSummary, kipp_run
from orchestration.helpers import SAMPLE, results


def _paused_run(timeout: float = 60) -> UUID:
    paused = FlowRunFilter(
        state=FlowRunFilterState(type=FlowRunFilterStateType(any_=[StateType.PAUSED]))
    )
    deadline = time.monotonic() + timeout
    with get_client(sync_client=True) as client:
        while time.monotonic() < deadline:
            runs = client.read_flow_runs(flow_run_filter=paused)
            if runs:
                assert len(runs) == 1
                return runs[0].id
            time.sleep(0.2)
    raise AssertionError("no flow run paused")


def _in_thread(params: RunParameters) -> tuple[threading.Thread, dict[str, Any]]:
    box: dict[str, Any] = {}

    def target() -> None:
        try:
            box["summary"] = kipp_run(params)
        except BaseException as exc:  # handed to the test thread
            box["error"] = exc

    thread = threading.Thread(target=target)
    thread.start()
    return thread, box


def test_paused_run_resumed_with_moves_records_the_decision(tmp_path: Path) -> None:
    kipp_run(RunParameters(batch=str(SAMPLE), out=str(tmp_path / "plain")))
    ranked = sorted(
        (p for p in results(tmp_path / "plain")["proposals"] if p["rank"] is not None),
        key=lambda p: p["rank"],
    )
    last_in = [p for p in ranked if p["status"] == "shortlisted"][-1]
    first_out = next(p for p in ranked if p["status"] == "scored")
    count = len(ranked)

    out = tmp_path / "out"
    params = RunParameters(batch=str(SAMPLE), out=str(out), approval=True, approval_wait_s=120)
    thread, box = _in_thread(params)
    run_id = _paused_run()
    assert not out.exists()  # nothing written before the decision
    decision = {
        "decided_by": "Rina Kartika",
        "note": "checked with the regional secretary",
        "moves": [
            {"proposal_id": first_out["id"], "direction": "in", "reason": "serves villages"},
            {"proposal_id": last_in["id"], "direction": "out", "reason": "pilot ended"},
        ],
    }
    with get_client(sync_client=True) as client:
        client.resume_flow_run(run_id, run_input=decision)
    thread.join(timeout=60)
    assert "error" not in box, box.get("error")
    summary: RunSummary = box["summary"]
    data = results(out)
    assert summary.summary.shortlisted == data["summary"]["shortlisted"]
    assert data["summary"]["shortlisted"] == results(tmp_path / "plain")["summary"]["shortlisted"]
    decided_at = data["approval"].pop("decided_at")
    assert decided_at.startswith("20")
    assert data["approval"] == decision
    status = {p["id"]: (p["status"], p["rank"], p["reason"]) for p in data["proposals"]}
    assert status[first_out["id"]] == (
        "shortlisted",
        first_out["rank"],
        f"Dimasukkan ke daftar pendek oleh Rina Kartika (peringkat {first_out['rank']} dari "
        f"{count}): serves villages",
    )
    # the rank noise and its cut-off are the ranking's, not moved by the coordinator
    plain = results(tmp_path / "plain")
    assert data["reviews"]["cutoff_rank"] == plain["reviews"]["cutoff_rank"] == last_in["rank"]
    assert data["reviews"]["near_cutoff"] == plain["reviews"]["near_cutoff"]
    intervals = {p["id"]: p["rank_interval"] for p in data["proposals"]}
    assert intervals == {p["id"]: p["rank_interval"] for p in plain["proposals"]}
    assert status[last_in["id"]] == (
        "scored",
        last_in["rank"],
        f"Dikeluarkan dari daftar pendek oleh Rina Kartika (peringkat {last_in['rank']} dari "
        f"{count}): pilot ended",
    )
    markdown = (out / "shortlist.md").read_text(encoding="utf-8")
    assert (
        "> **Keputusan koordinator:** Daftar pendek diputuskan oleh Rina Kartika pada "
        f"{format_timestamp(decided_at, Lang.ID)}: 2 proposal dipindahkan. "
        "Catatan: checked with the regional secretary"
    ) in markdown
    assert f"> - {first_out['title']}: dimasukkan. Alasan: serves villages" in markdown
    assert "Keputusan koordinator" in (out / "shortlist.html").read_text(encoding="utf-8")


def test_approval_not_given_in_time_outside_a_deployment_says_why(tmp_path: Path) -> None:
    params = RunParameters(batch=str(SAMPLE), out=str(tmp_path), approval=True, approval_wait_s=1)
    with pytest.raises(ApprovalTimeoutError) as caught:
        kipp_run(params)
    assert str(caught.value).startswith(
        "no approval within 1 s; a run without a deployment cannot stay paused"
    )
    assert list(tmp_path.iterdir()) == []


def test_a_decision_that_cannot_apply_is_refused_and_the_run_asks_again(tmp_path: Path) -> None:
    out = tmp_path / "out"
    params = RunParameters(batch=str(SAMPLE), out=str(out), approval=True, approval_wait_s=120)
    thread, box = _in_thread(params)
    run_id = _paused_run()
    typo = {
        "decided_by": "Rina Kartika",
        "moves": [{"proposal_id": "**no-such-proposal**", "direction": "in", "reason": "typo"}],
    }
    with get_client(sync_client=True) as client:
        client.resume_flow_run(run_id, run_input=typo)
        assert _paused_run() == run_id  # paused again, for a corrected form
        state = client.read_flow_run(run_id).state
        assert state is not None and state.state_details.pause_key == "kipp-approval-2"
        artifact = client.read_latest_artifacts()  # the proposed shortlist says why
        proposed = next(a for a in artifact if a.key == "kipp-shortlist-proposed")
        assert (  # in the run's language, Indonesian by default; the form's values escaped
            "Keputusan terakhir tidak dapat diterapkan: persetujuan: proposal "
            "'\\*\\*no-such-proposal\\*\\*' tidak termasuk proposal yang dinilai "
            "(pindahkan hanya proposal yang tercantum di scores.csv dengan peringkat)."
        ) in str(proposed.data)
        assert not out.exists()
        client.resume_flow_run(run_id, run_input={"decided_by": "Rina Kartika"})
    thread.join(timeout=60)
    assert "error" not in box, box.get("error")
    assert results(out)["approval"]["decided_by"] == "Rina Kartika"
    assert results(out)["approval"]["moves"] == []
