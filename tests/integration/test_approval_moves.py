"""The coordinator's approval on a team's server: a run paused on a worker shows the proposed
shortlist as an artifact, and is resumed with a move chosen from that artifact's list."""

from __future__ import annotations

from pathlib import Path

import pytest
from orchestration.helpers import approval_choices, listed_proposals
from prefect.client.orchestration import get_client

from integration.conftest import Stack
from integration.test_scale_out import SAMPLE, _artifacts, _results, _trigger, _wait
from kipp.core.i18n import Lang, tr

pytestmark = pytest.mark.integration


def test_a_paused_run_is_resumed_with_a_move_chosen_from_its_proposed_shortlist(
    stack: Stack, tmp_path: Path
) -> None:
    out = tmp_path / "out"
    params = {"batch": str(SAMPLE), "out": str(out), "approval": True, "approval_wait_s": 300}
    run_id = _trigger("kipp-run/score", params)
    paused = _wait(run_id, stack, "PAUSED")
    assert paused.state is not None and paused.state.type.value == "PAUSED", paused.state

    # what the coordinator reads in the UI while the run waits
    listed = listed_proposals(str(_artifacts(run_id)["kipp-shortlist-proposed"].data))
    shortlisted = [pid for _, pid, s in listed if s == tr("status.label.shortlisted", Lang.ID)]
    scored = [pid for _, pid, s in listed if s == tr("status.label.scored", Lang.ID)]
    assert len(shortlisted) == 5 and scored, listed
    moved_in, moved_out = scored[0], shortlisted[-1]
    with get_client(sync_client=True) as client:
        choices = approval_choices(client, run_id)
        assert [c.rsplit("[", 1)[1].rstrip("]") for c in choices] == [pid for _, pid, _ in listed]
        pick = {
            pid: next(c for c in choices if c.endswith(f"[{pid}]")) for pid in listed_ids(listed)
        }
        client.resume_flow_run(
            run_id,
            run_input={
                "decided_by": "Rina Kartika",
                "moves": [
                    {
                        "proposal": pick[moved_in],
                        "direction": "masukkan ke daftar pendek",
                        "reason": "menjangkau desa",
                    },
                    {
                        "proposal": pick[moved_out],
                        "direction": "keluarkan dari daftar pendek",
                        "reason": "uji coba berakhir",
                    },
                ],
            },
        )
    run = _wait(run_id, stack, "COMPLETED")
    assert run.state is not None and run.state.type.value == "COMPLETED", run.state

    results = _results(out)
    status = {p["id"]: p["status"] for p in results["proposals"]}
    assert (status[moved_in], status[moved_out]) == ("shortlisted", "scored")
    assert [(m["proposal_id"], m["direction"]) for m in results["approval"]["moves"]] == [
        (moved_in, "in"),
        (moved_out, "out"),
    ]


def listed_ids(listed: list[tuple[int, str, str]]) -> list[str]:
    return [pid for _, pid, _ in listed]
