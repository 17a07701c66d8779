"""kipp on a PostgreSQL-backed Prefect server with two process workers: deployments from
prefect.yaml, runs triggered through the API, scoring in parts on the workers of a work pool,
on a local Dask cluster and on an existing one (each giving the single-process run's
results.json, timestamps apart), coordinator approval that outlives its wait as a paused
(suspended) run."""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
import time
from datetime import UTC, datetime
from pathlib import Path
from typing import Any
from uuid import UUID

import pytest
from prefect.client.orchestration import get_client
from prefect.client.schemas.actions import WorkPoolCreate
from prefect.client.schemas.filters import (
    ArtifactFilter,
    ArtifactFilterFlowRunId,
    FlowFilter,
    FlowFilterName,
)
from prefect.client.schemas.objects import FlowRun, State

from integration.conftest import WORKERS, Stack
from integration.servers import ROOT
from kipp import pipeline
from kipp.core.i18n import Lang, tr
from kipp.core.problems import KippError
from kipp.intake import ParseCache
from kipp_app.flows.forms import DocumentLanguage
from kipp_app.flows.run import RunParameters, run_kipp

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
    log = stack.workers_log_tail()
    pytest.fail(f"flow run {run_id} did not reach {until} in {timeout} s; worker logs:\n{log}")


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
    assert state is not None and state.name == "Suspended", f"{state!r}\n{stack.workers_log_tail()}"
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


TIMESTAMPS = re.compile(rb'^    "(started_at|finished_at)": "[^"]*"(,?)$', re.MULTILINE)


def without_timestamps(raw: bytes) -> bytes:
    """results.json as written, with the run's start and end times (the only fields that
    differ between two runs of the same inputs; results.json holds no run ids) replaced by
    a mark; each must be there once."""
    found = [m.group(1) for m in TIMESTAMPS.finditer(raw)]
    assert found == [b"started_at", b"finished_at"], found
    return TIMESTAMPS.sub(rb'    "\1": "(time)"\2', raw)


def test_without_timestamps_masks_the_run_times_and_nothing_else() -> None:
    raw = (
        b'{\n  "run": {\n    "rubric": "kipp-2022",\n    "started_at": "2026-01-01T00:00:00Z",\n'
        b'    "finished_at": "2026-01-01T00:01:00Z",\n    "lang": "id"\n  }\n}\n'
    )
    assert without_timestamps(raw) == (
        b'{\n  "run": {\n    "rubric": "kipp-2022",\n    "started_at": "(time)",\n'
        b'    "finished_at": "(time)",\n    "lang": "id"\n  }\n}\n'
    )
    changed = raw.replace(b'"lang": "id"', b'"lang": "en"')
    assert without_timestamps(changed) != without_timestamps(raw)


ELIGIBLE = 10  # eligible proposals of the sample batch: four parts of three, the last of one
PART_SIZE = 3


@pytest.fixture(scope="module")
def single_process(tmp_path_factory: pytest.TempPathFactory) -> bytes:
    """results.json of the sample batch run in this process by the plain runner (no Prefect,
    no parts), with a cache of its own."""
    out = tmp_path_factory.mktemp("single-process") / "out"
    given: dict[str, object] = {
        "batch_folder": SAMPLE,
        "rubric_path": None,
        "corpus_path": None,
        "out": out,
        "lang": Lang.ID,
        "size": None,
        "started": datetime.now(UTC).isoformat(timespec="seconds"),
        "parse_cache": ParseCache(),
    }
    with pytest.MonkeyPatch.context() as env:
        env.setenv("KIPP_CACHE_DIR", str(tmp_path_factory.mktemp("single-process-cache")))
        values = pipeline.run(("documents",), given)
    assert len(values["eligible"]) == ELIGIBLE  # type: ignore[arg-type]
    return (out / "results.json").read_bytes()


def _partition_runs() -> list[FlowRun]:
    with get_client(sync_client=True) as client:
        found = client.read_flow_runs(
            flow_filter=FlowFilter(name=FlowFilterName(any_=["kipp-partition"]))
        )
    return sorted(found, key=lambda r: r.name)


def test_parts_of_scoring_run_on_both_workers_of_a_work_pool_and_give_the_single_process_results(
    stack: Stack, tmp_path: Path, single_process: bytes, monkeypatch: pytest.MonkeyPatch
) -> None:
    # this process is the main run, on the stack's server; the workers share its cache
    monkeypatch.setenv("KIPP_CACHE_DIR", str(stack.cache))
    out = tmp_path / "out"
    params = RunParameters(
        batch=str(SAMPLE), out=str(out), work_pool="kipp", partition_size=PART_SIZE
    )
    run_kipp(params)
    assert without_timestamps((out / "results.json").read_bytes()) == without_timestamps(
        single_process
    )
    parts = _partition_runs()
    assert [(r.name, r.state_type.value if r.state_type else None) for r in parts] == [
        (f"scores-part-{i}-of-4", "COMPLETED") for i in range(1, 5)
    ]
    # the worker that ran a part labels it with its name once the server gave it the run;
    # both workers' logs may name a part, since both can poll it and one is turned away
    ran_on = {r.name: r.labels.get("prefect.worker.name") for r in parts}
    assert set(ran_on.values()) == set(WORKERS), ran_on
    # the exchange folder of the run is gone; the parts' cached outputs stay
    assert list((stack.cache / "prefect-results" / "partitions").iterdir()) == []


def test_a_work_pool_that_does_not_exist_is_refused_with_the_fix(
    stack: Stack, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("KIPP_CACHE_DIR", str(stack.cache))
    params = RunParameters(
        batch=str(SAMPLE), out=str(tmp_path / "out"), lang="en", work_pool="nowhere"
    )
    with pytest.raises(KippError, match="there is no work pool nowhere on this Prefect server"):
        run_kipp(params)
    assert not (tmp_path / "out").exists()


def test_a_work_pool_without_the_partition_deployment_or_a_worker_is_refused_with_the_fix(
    stack: Stack, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("KIPP_CACHE_DIR", str(stack.cache))
    with get_client(sync_client=True) as client:
        client.create_work_pool(WorkPoolCreate(name="kipp-idle", type="process"))
    params = RunParameters(
        batch=str(SAMPLE), out=str(tmp_path / "out"), lang="en", work_pool="kipp-idle"
    )
    with pytest.raises(
        KippError, match="work pool kipp-idle has no deployment of the kipp-partition flow"
    ):
        run_kipp(params)
    # with the deployment, but no worker started for the pool: refused, not waited on
    with get_client(sync_client=True) as client:
        [flow] = client.read_flows(
            flow_filter=FlowFilter(name=FlowFilterName(any_=["kipp-partition"]))
        )
        client.create_deployment(
            flow_id=flow.id,
            name="partition-kipp-idle",
            work_pool_name="kipp-idle",
            entrypoint="flows/partition.py:kipp_partition",
        )
    with pytest.raises(KippError, match="no worker of work pool kipp-idle is running"):
        run_kipp(params)
    assert not (tmp_path / "out").exists()


def test_parts_of_scoring_run_on_an_existing_dask_cluster_and_give_the_single_process_results(
    stack: Stack, tmp_path: Path, single_process: bytes, monkeypatch: pytest.MonkeyPatch
) -> None:
    from distributed import Client, LocalCluster

    monkeypatch.setenv("KIPP_CACHE_DIR", str(stack.cache))
    workers_env = {"PREFECT_API_URL": stack.api_url, "KIPP_CACHE_DIR": str(stack.cache)}
    cluster = LocalCluster(  # type: ignore[no-untyped-call]
        n_workers=2,
        threads_per_worker=1,
        processes=True,
        host="127.0.0.1",
        dashboard_address=None,
        env=workers_env,
    )
    with cluster, Client(cluster) as client:  # type: ignore[no-untyped-call]
        out = tmp_path / "out"
        params = RunParameters(
            batch=str(SAMPLE),
            out=str(out),
            dask_address=cluster.scheduler_address,
            partition_size=PART_SIZE,
        )
        run_kipp(params)
        executed = client.run(lambda dask_worker: dask_worker.state.executed_count)
    assert without_timestamps((out / "results.json").read_bytes()) == without_timestamps(
        single_process
    )
    # both worker processes of the cluster ran parts, four in all
    assert len(executed) == 2 and all(n >= 1 for n in executed.values()), executed
    assert sum(executed.values()) == 4, executed


def test_a_run_triggered_through_the_api_scores_on_a_worker_with_dask(
    stack: Stack, tmp_path: Path, single_process: bytes
) -> None:
    out = tmp_path / "out"
    params = {
        "batch": str(SAMPLE),
        "out": str(out),
        "approval": False,
        "dask": True,
        "dask_workers": 2,
        "partition_size": PART_SIZE,
    }
    run_id = _trigger("kipp-run/score", params)
    run = _wait(run_id, stack, "COMPLETED")
    assert run.state is not None and run.state.type.value == "COMPLETED", run.state
    assert without_timestamps((out / "results.json").read_bytes()) == without_timestamps(
        single_process
    )
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
    kind, unread = tr("ui.problems.kind", Lang.ID), tr("ui.problems.unread", Lang.ID)
    assert any(row[kind] == unread for row in table)


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
        "lang": DocumentLanguage.EN.value,  # as the form's dropdown gives it
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


def test_kipp_run_on_a_work_pool_that_does_not_exist_says_so_in_indonesian_without_a_traceback(
    stack: Stack, tmp_path: Path
) -> None:
    env = {**os.environ, "PREFECT_API_URL": stack.api_url, "KIPP_CACHE_DIR": str(stack.cache)}
    env.pop("PREFECT_LOGGING_HANDLERS_CONSOLE_LEVEL", None)  # as a coordinator's shell has it
    out = tmp_path / "out"
    command = [sys.executable, "-m", "kipp_app", "run", str(SAMPLE), "--out", str(out)]
    done = subprocess.run(
        [*command, "--work-pool", "kipp-salah"],
        capture_output=True,
        text=True,
        env=env,
        timeout=180,
        check=False,
    )

    assert done.returncode == 2, done.stderr
    assert done.stderr.splitlines() == [
        "kesalahan: work pool kipp-salah tidak ada di server Prefect ini",
        "saran: periksa ejaan namanya (prefect work-pool ls), atau buat: prefect work-pool "
        "create kipp-salah --type process, lalu deploy kipp-partition ke sana (lihat "
        "docs/scale-out.md)",
    ]
    assert done.stdout == "" and not out.exists()
