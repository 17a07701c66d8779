"""Helpers for the orchestration tests: the sample batch, results without timestamps, and
flow runs in child processes reporting to the session's test server."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from pathlib import Path
from typing import Any
from uuid import UUID

from prefect.client.orchestration import SyncPrefectClient
from prefect.input import read_flow_run_input
from prefect.settings import PREFECT_API_URL

ROOT = Path(__file__).resolve().parents[2]
SAMPLE = ROOT / "submissions" / "mojokerto-2022"

CHILD_RUN = """
import sys
from kipp_app.flows.run import RunParameters, kipp_run
from kipp.core.i18n import Lang
kipp_run(RunParameters(batch=sys.argv[1], out=sys.argv[2], lang=Lang(sys.argv[3])))
"""


def results(out: Path) -> dict[str, Any]:
    """`results.json` of a run folder, without its two timestamps."""
    data: dict[str, Any] = json.loads((out / "results.json").read_text(encoding="utf-8"))
    del data["run"]["started_at"], data["run"]["finished_at"]
    return data


def undated(text: str) -> str:
    """A document without its run's timestamps and dates."""
    text = re.sub(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(?:[+-]\d\d:\d\d|Z)?", "TIME", text)
    return re.sub(r"\d{1,2} \w+ \d{4}", "DATE", text)


def child_run(batch: Path, out: Path, cache: Path, lang: str = "id") -> subprocess.Popen[bytes]:
    """`kipp_run` in a child process, on the session's test server, with its own cache dir."""
    env = dict(os.environ)
    env |= {
        "PREFECT_API_URL": str(PREFECT_API_URL.value()),
        "KIPP_CACHE_DIR": str(cache),
        "DO_NOT_TRACK": "1",
        "PYTHONPATH": os.pathsep.join([str(ROOT), str(ROOT / "src"), env.get("PYTHONPATH", "")]),
    }
    return subprocess.Popen(
        [sys.executable, "-c", CHILD_RUN, str(batch), str(out), lang],
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
    )


def finish(process: subprocess.Popen[bytes], timeout: float = 120) -> None:
    """Wait for a child run; fail with its output when it did not exit 0."""
    output, _ = process.communicate(timeout=timeout)
    assert process.returncode == 0, output.decode(errors="replace")[-4000:]


def proposed_shortlist(client: SyncPrefectClient) -> str:
    """The proposed-shortlist artifact a paused run shows."""
    latest = client.read_latest_artifacts()
    return str(next(a for a in latest if a.key == "kipp-shortlist-proposed").data)


def listed_proposals(markdown: str) -> list[tuple[int, str, str]]:
    """Every scored proposal the proposed shortlist lists: (rank, id, status)."""
    rows = []
    for line in markdown.splitlines():
        cells = [c.strip() for c in line.strip().strip("|").split("|")]
        if len(cells) == 7 and cells[0].isdigit() and cells[2].startswith("`"):
            rows.append((int(cells[0]), cells[2].strip("`"), cells[5]))
    return rows


def approval_choices(client: SyncPrefectClient, run_id: UUID) -> list[str]:
    """The proposals the paused run's approval form offers (its dropdown)."""
    state = client.read_flow_run(run_id).state
    assert state is not None and state.state_details.run_input_keyset is not None
    schema = read_flow_run_input(state.state_details.run_input_keyset["schema"], run_id)
    move = schema["definitions"]["ApprovalMove"]["properties"]
    assert move["direction"]["enum"] == [
        "masukkan ke daftar pendek",
        "keluarkan dari daftar pendek",
    ]
    choices: list[str] = move["proposal"]["enum"]
    return choices
