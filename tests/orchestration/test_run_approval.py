"""Coordinator approval: the run pauses after scoring and resumes with a typed decision that
the documents record."""

from __future__ import annotations

import json
import threading
import time
from datetime import datetime
from pathlib import Path
from typing import Any
from uuid import UUID

import pytest
from prefect.client.orchestration import get_client
from prefect.client.schemas.filters import FlowRunFilter, FlowRunFilterState, FlowRunFilterStateType
from prefect.client.schemas.objects import StateType

from kipp.core.i18n import Lang, format_timestamp, tr
from kipp_app.flows.approval import ApprovalTimeoutError
from kipp_app.flows.run import RunParameters, RunSummary, kipp_run
from orchestration.helpers import (
    SAMPLE,
    approval_choices,
    listed_proposals,
    proposed_shortlist,
    results,
)


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


@pytest.mark.slow
def test_paused_run_resumed_with_moves_chosen_from_its_list_records_the_decision(
    tmp_path: Path,
) -> None:
    kipp_run(RunParameters(batch=str(SAMPLE), out=str(tmp_path / "plain")))
    ranked = sorted(
        (p for p in results(tmp_path / "plain")["proposals"] if p["rank"] is not None),
        key=lambda p: p["rank"],
    )
    count = len(ranked)

    out = tmp_path / "out"
    params = RunParameters(batch=str(SAMPLE), out=str(out), approval=True, approval_wait_s=120)
    thread, box = _in_thread(params)
    run_id = _paused_run()
    assert not out.exists()  # nothing written before the decision
    with get_client(sync_client=True) as client:
        listed = listed_proposals(
            proposed_shortlist(client)
        )  # what the coordinator reads while it waits
        choices = approval_choices(client, run_id)
        assert [(rank, pid) for rank, pid, _ in listed] == [(p["rank"], p["id"]) for p in ranked]
        assert len(choices) == count and all(
            c.endswith(f"[{p['id']}]") for c, p in zip(choices, ranked, strict=True)
        )
        last_in = [
            pid for _, pid, status in listed if status == tr("status.label.shortlisted", Lang.ID)
        ][-1]
        first_out = next(
            pid for _, pid, status in listed if status == tr("status.label.scored", Lang.ID)
        )
        picked = {
            pid: next(c for c in choices if c.endswith(f"[{pid}]")) for pid in (last_in, first_out)
        }
        answer = {
            "decided_by": "Rina Kartika",
            "note": "checked with the regional secretary",
            "moves": [
                {
                    "proposal": picked[first_out],
                    "direction": "masukkan ke daftar pendek",
                    "reason": "serves villages",
                },
                {
                    "proposal": picked[last_in],
                    "direction": "keluarkan dari daftar pendek",
                    "reason": "pilot ended",
                },
            ],
        }
        client.resume_flow_run(run_id, run_input=answer)
    by_id = {p["id"]: p for p in ranked}
    first_out_p, last_in_p = by_id[first_out], by_id[last_in]
    decision = {
        "decided_by": "Rina Kartika",
        "note": "checked with the regional secretary",
        "moves": [
            {"proposal_id": first_out, "direction": "in", "reason": "serves villages"},
            {"proposal_id": last_in, "direction": "out", "reason": "pilot ended"},
        ],
    }
    thread.join(timeout=60)
    assert "error" not in box, box.get("error")
    summary: RunSummary = box["summary"]
    data = results(out)
    assert summary.summary.shortlisted == data["summary"]["shortlisted"]
    # the shortlist as decided, by rank: the one moved in on it, the one moved out not
    nominees = [p for p in data["proposals"] if p["status"] == "shortlisted"]
    nominees.sort(key=lambda p: p["rank"])
    assert [(n.id, n.rank) for n in summary.shortlist] == [(p["id"], p["rank"]) for p in nominees]
    assert first_out in [n.id for n in summary.shortlist]
    assert last_in not in [n.id for n in summary.shortlist]
    assert data["summary"]["shortlisted"] == results(tmp_path / "plain")["summary"]["shortlisted"]
    decided_at = data["approval"].pop("decided_at")
    assert decided_at.startswith("20")
    # recorded as the server stored it, shown in the run's time zone
    run = json.loads((out / "results.json").read_text(encoding="utf-8"))["run"]
    zone = datetime.fromisoformat(run["finished_at"]).tzinfo
    shown = datetime.fromisoformat(decided_at).astimezone(zone).isoformat()
    assert data["approval"] == decision
    status = {p["id"]: (p["status"], p["rank"], p["reason"]) for p in data["proposals"]}
    assert status[first_out] == (
        "shortlisted",
        first_out_p["rank"],
        f"Dimasukkan ke daftar pendek oleh Rina Kartika (peringkat {first_out_p['rank']} dari "
        f"{count}): serves villages",
    )
    # the rank noise and its cut-off are the ranking's, not moved by the coordinator
    plain = results(tmp_path / "plain")
    assert data["reviews"]["cutoff_rank"] == plain["reviews"]["cutoff_rank"] == last_in_p["rank"]
    assert data["reviews"]["near_cutoff"] == plain["reviews"]["near_cutoff"]
    intervals = {p["id"]: p["rank_interval"] for p in data["proposals"]}
    assert intervals == {p["id"]: p["rank_interval"] for p in plain["proposals"]}
    assert status[last_in] == (
        "scored",
        last_in_p["rank"],
        f"Dikeluarkan dari daftar pendek oleh Rina Kartika (peringkat {last_in_p['rank']} dari "
        f"{count}): pilot ended",
    )
    markdown = (out / "shortlist.md").read_text(encoding="utf-8")
    assert (
        "> **Keputusan koordinator:** Daftar pendek diputuskan oleh Rina Kartika pada "
        f"{format_timestamp(shown, Lang.ID)}: 2 proposal dipindahkan. "
        "Catatan: checked with the regional secretary"
    ) in markdown
    assert f"> - {first_out_p['title']}: dimasukkan. Alasan: serves villages" in markdown
    assert "Keputusan koordinator" in (out / "shortlist.html").read_text(encoding="utf-8")


def _logged(caplog: pytest.LogCaptureFixture, start: str) -> list[str]:
    """The run's log lines starting with `start`."""
    return [r.getMessage() for r in caplog.records if r.getMessage().startswith(start)]


def test_approval_not_given_in_time_outside_a_deployment_says_why_in_the_runs_language(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level("INFO")
    params = RunParameters(batch=str(SAMPLE), out=str(tmp_path), approval=True, approval_wait_s=1)
    with pytest.raises(ApprovalTimeoutError) as caught:
        kipp_run(params)
    assert str(caught.value) == (
        "Tidak ada persetujuan dalam 1 detik; proses tanpa deployment tidak dapat tetap dijeda "
        "setelah prosesnya berakhir (sajikan deployment dengan kipp serve, atau jalankan tanpa "
        "--approval)"
    )
    assert _logged(caplog, "Menunggu") == [
        "Menunggu keputusan koordinator paling lama 1 detik (pilih Resume di UI Prefect, lalu "
        "isi formulirnya)"
    ]
    assert list(tmp_path.iterdir()) == []


def test_a_decision_that_cannot_apply_is_refused_and_the_run_asks_again(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level("INFO")
    out = tmp_path / "out"
    params = RunParameters(batch=str(SAMPLE), out=str(out), approval=True, approval_wait_s=120)
    thread, box = _in_thread(params)
    run_id = _paused_run()
    with get_client(sync_client=True) as client:
        shortlisted = next(c for c in approval_choices(client, run_id) if c.startswith("1. "))
        pid = shortlisted[shortlisted.rindex("[") + 1 : -1]
        already_in = {
            "decided_by": "Rina Kartika",
            "moves": [
                {
                    "proposal": shortlisted,
                    "direction": "masukkan ke daftar pendek",
                    "reason": "first by score",
                }
            ],
        }
        client.resume_flow_run(run_id, run_input=already_in)
        assert _paused_run() == run_id  # paused again, for a corrected form
        state = client.read_flow_run(run_id).state
        assert state is not None and state.state_details.pause_key == "kipp-approval-2"
        assert (  # the proposed shortlist says why, in the run's language (Indonesian)
            f"Keputusan terakhir tidak dapat diterapkan: persetujuan: proposal '{pid}' sudah "
            "ada di daftar pendek (masukkan hanya proposal di luar daftar pendek, dan keluarkan "
            "hanya proposal yang ada di dalamnya)."
        ) in proposed_shortlist(client).replace("\\-", "-")
        assert not out.exists()
        client.resume_flow_run(run_id, run_input={"decided_by": "Rina Kartika"})
    thread.join(timeout=300)  # the documents take minutes on a busy machine
    assert not thread.is_alive()
    assert "error" not in box, box.get("error")
    assert results(out)["approval"]["decided_by"] == "Rina Kartika"
    assert results(out)["approval"]["moves"] == []
    # the run's log, in the run's language: each wait, the refusal and the decision
    waiting = (
        "Menunggu keputusan koordinator paling lama 120 detik (pilih Resume di UI Prefect, lalu "
        "isi formulirnya)"
    )
    assert _logged(caplog, "Menunggu") == [waiting, waiting]
    assert _logged(caplog, "Formulir persetujuan") == [
        f"Formulir persetujuan ditolak: persetujuan: proposal '{pid}' sudah ada di daftar "
        "pendek (masukkan hanya proposal di luar daftar pendek, dan keluarkan hanya proposal "
        "yang ada di dalamnya)"
    ]
    assert _logged(caplog, "Keputusan koordinator") == [
        "Keputusan koordinator oleh Rina Kartika: 0 proposal dipindahkan"
    ]
