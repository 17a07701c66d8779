"""kipp on a PostgreSQL-backed Prefect server with a process worker: deployments from
prefect.yaml, runs triggered through the API, scoring on Dask, coordinator approval that
outlives its wait as a paused (suspended) run."""

from __future__ import annotations

import json
import shutil
import time
from datetime import UTC, datetime
from pathlib import Path
from typing import Any
from uuid import UUID

import pytest
from prefect.client.orchestration import get_client
from prefect.client.schemas.filters import ArtifactFilter, ArtifactFilterFlowRunId
from prefect.client.schemas.objects import FlowRun, State

from integration.conftest import Stack
from integration.servers import ROOT

pytestmark = pytest.mark.integration

SAMPLE = ROOT / "submissions" / "mojokerto-2022"


def _trigger(deployment: str, params: dict[str, Any]) -> UUID:
    with get_client(sync_client=True) as client:
        found = client.read_deployment_by_name(deployment)
        run = client.create_flow_run_from_deployment(found.id, parameters={"params": params})
        return run.id


def _wait(run_id: UUID, stack: Stack, until: str, timeout: float = 150) -> FlowRun:
    """Poll the run until its state type or name is `until` (or final); fail with the
    worker's log."""
    deadline = time.monotonic() + timeout
    with get_client(sync_client=True) as client:
        while time.monotonic() < deadline:
            run = client.read_flow_run(run_id)
            state = run.state
            if state is not None and (until in (state.type.value, state.name) or state.is_final()):
                return run
            time.sleep(1)
    log = stack.worker_log.read_text(errors="replace")[-6000:]
    pytest.fail(f"flow run {run_id} did not reach {until} in {timeout} s; worker log:\n{log}")


def _wait_suspended(run_id: UUID, stack: Stack, key: str = "kipp-approval-suspended") -> State[Any]:
    """Wait for the run to be suspended with the pause key `key`: first paused in its
    process, then, past its wait, suspended (paused with its process gone); never failed in
    between."""
    state: State[Any] | None = None
    deadline = time.monotonic() + 150
    with get_client(sync_client=True) as client:
        while time.monotonic() < deadline:
            state = client.read_flow_run(run_id).state
            if state is not None and (
                state.is_final()
                or (state.name == "Suspended" and state.state_details.pause_key == key)
            ):
                break
            time.sleep(1)
    assert state is not None and state.name == "Suspended", (
        f"{state!r}\n{stack.worker_log.read_text(errors='replace')[-6000:]}"
    )
    with get_client(sync_client=True) as client:
        history = client.read_flow_run_states(run_id)
    assert not any(s.is_failed() for s in history), [s.name for s in history]
    return state


def _results(out: Path) -> dict[str, Any]:
    data: dict[str, Any] = json.loads((out / "results.json").read_text(encoding="utf-8"))
    return data


def _artifacts(run_id: UUID) -> dict[str, Any]:
    """The run's artifacts by key, the latest of each (a run that asks again for approval, or
    restarts after a suspension, creates one key more than once)."""
    with get_client(sync_client=True) as client:
        found = client.read_artifacts(
            artifact_filter=ArtifactFilter(flow_run_id=ArtifactFilterFlowRunId(any_=[run_id]))
        )
    in_order = sorted(found, key=lambda a: a.created or datetime.min.replace(tzinfo=UTC))
    return {a.key or a.type: a for a in in_order}


def test_a_run_triggered_through_the_api_scores_on_a_worker_with_dask(
    stack: Stack, tmp_path: Path
) -> None:
    out = tmp_path / "out"
    run_id = _trigger(
        "kipp-run/score",
        {"batch": str(SAMPLE), "out": str(out), "approval": False, "dask": True},
    )
    run = _wait(run_id, stack, "COMPLETED")
    assert run.state is not None and run.state.type.value == "COMPLETED", run.state
    results = _results(out)
    assert results["summary"]["shortlisted"] >= 1
    assert results["approval"] is None
    assert any((stack.cache / "prefect-results").iterdir())
    artifacts = _artifacts(run_id)
    assert {"kipp-shortlist", "kipp-scores", "kipp-problems", "kipp-documents"} <= set(artifacts)
    assert artifacts["kipp-progress"].data == 100.0


def test_validate_deployment_reports_the_problems_as_a_table(stack: Stack) -> None:
    run_id = _trigger("kipp-validate/validate", {"batch": str(SAMPLE)})
    run = _wait(run_id, stack, "COMPLETED")
    assert run.state is not None and run.state.type.value == "COMPLETED", run.state
    table = json.loads(_artifacts(run_id)["kipp-problems"].data)
    assert any(row["severity"] == "unread" for row in table)


def test_approval_outlives_its_wait_as_a_paused_run_then_resumes_with_the_decision(
    stack: Stack, tmp_path: Path
) -> None:
    out = tmp_path / "out"
    params = {"batch": str(SAMPLE), "out": str(out), "approval": True, "approval_wait_s": 2}
    run_id = _trigger("kipp-run/score", params)
    _wait_suspended(run_id, stack)
    time.sleep(5)  # well past the wait: still paused, not failed
    with get_client(sync_client=True) as client:
        still = client.read_flow_run(run_id).state
        assert still is not None and still.type.value == "PAUSED", still
        assert not out.exists()
        decision = {"decided_by": "Rina Kartika", "note": "approved as ranked", "moves": []}
        client.resume_flow_run(run_id, run_input=decision)
        sent = datetime.now(UTC)
    run = _wait(run_id, stack, "COMPLETED")
    assert run.state is not None and run.state.type.value == "COMPLETED", run.state
    approval = _results(out)["approval"]
    decided_at = datetime.fromisoformat(approval.pop("decided_at"))
    # the time the form was sent, not the later time the restarted run read it
    assert abs((decided_at - sent).total_seconds()) < 2, (decided_at, sent)
    assert approval == decision


def test_a_refused_form_after_a_suspension_asks_again_and_suspends_again(
    stack: Stack, tmp_path: Path
) -> None:
    out = tmp_path / "out"
    params = {"batch": str(SAMPLE), "out": str(out), "approval": True, "approval_wait_s": 2}
    run_id = _trigger("kipp-run/score", params)
    _wait_suspended(run_id, stack)
    typo = {
        "decided_by": "Rina Kartika",
        "moves": [{"proposal_id": "no-such-proposal", "direction": "in", "reason": "typo"}],
    }
    with get_client(sync_client=True) as client:
        client.resume_flow_run(run_id, run_input=typo)
    # restarted: the refused answer is replayed, a second form waits, then the run suspends
    _wait_suspended(run_id, stack, key="kipp-approval-suspended-2")
    assert not out.exists()
    with get_client(sync_client=True) as client:
        client.resume_flow_run(run_id, run_input={"decided_by": "Rina Kartika"})
    run = _wait(run_id, stack, "COMPLETED")
    assert run.state is not None and run.state.type.value == "COMPLETED", run.state
    assert _results(out)["approval"]["moves"] == []


def test_a_decision_on_a_shortlist_that_changed_while_suspended_is_refused_and_asked_again(
    stack: Stack, tmp_path: Path
) -> None:
    batch, out = tmp_path / "batch", tmp_path / "out"
    shutil.copytree(SAMPLE, batch)
    params = {
        "batch": str(batch),
        "out": str(out),
        "lang": "en",
        "approval": True,
        "approval_wait_s": 2,
    }
    run_id = _trigger("kipp-run/score", params)
    _wait_suspended(run_id, stack)
    (batch / "sempelmas.yaml").unlink()  # the first-ranked proposal is withdrawn meanwhile
    with get_client(sync_client=True) as client:
        client.resume_flow_run(run_id, run_input={"decided_by": "Rina Kartika"})
    # restarted on the edited batch: the answer was given on the old shortlist, so it is
    # refused and a second form waits for a decision on the new one
    _wait_suspended(run_id, stack, key="kipp-approval-suspended-2")
    assert not out.exists()
    proposed = _artifacts(run_id)["kipp-shortlist-proposed"].data
    assert "the scores changed while the run was paused" in proposed, proposed
    assert "SEMPELMAS" not in proposed  # the shortlist now asked about is the new one
    with get_client(sync_client=True) as client:
        client.resume_flow_run(run_id, run_input={"decided_by": "Rina Kartika"})
    run = _wait(run_id, stack, "COMPLETED")
    assert run.state is not None and run.state.type.value == "COMPLETED", run.state
    results = _results(out)
    assert results["approval"]["decided_by"] == "Rina Kartika"
    assert "sempelmas-jagalan" not in {p["id"] for p in results["proposals"]}


def test_assign_deployment_writes_the_scoresheets(stack: Stack, tmp_path: Path) -> None:
    run_id = _trigger("kipp-assign/assign", {"batch": str(SAMPLE), "out": str(tmp_path)})
    run = _wait(run_id, stack, "COMPLETED")
    assert run.state is not None and run.state.type.value == "COMPLETED", run.state
    assert (tmp_path / "assignments.csv").is_file()
    assert {"kipp-assignments", "kipp-reviewer-loads"} <= set(_artifacts(run_id))
