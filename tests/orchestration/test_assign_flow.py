"""The assign flow (the `kipp-assign/assign` deployment) writes what `kipp assign` writes."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import openpyxl
import pytest
from prefect.client.orchestration import get_client
from prefect.client.schemas.filters import ArtifactFilter, ArtifactFilterFlowRunId

from kipp.core.problems import KippError
from kipp_app.flows.assign import AssignParameters, kipp_assign
from orchestration.helpers import SAMPLE


def test_assign_flow_writes_the_scoresheets_and_balances_loads(tmp_path: Path) -> None:
    params = AssignParameters(batch=str(SAMPLE), out=str(tmp_path), deadline=date(2022, 5, 20))
    summary = kipp_assign(params)
    assert summary.out_dir == str(tmp_path)
    assert summary.assignments == summary.proposals * summary.per_proposal
    assert max(summary.loads.values()) - min(summary.loads.values()) <= 1
    assert (tmp_path / "assignments.csv").is_file()
    guide = openpyxl.load_workbook(tmp_path / "bagus-hermawan.xlsx")["Petunjuk"]
    assert [c.value for c in guide[5]] == ["Batas pengembalian", None, "20 Mei 2022"]


def test_assign_flow_logs_and_describes_its_tables_in_the_sheets_language(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level("INFO")
    state = kipp_assign(AssignParameters(batch=str(SAMPLE), out=str(tmp_path)), return_state=True)
    summary = state.result()
    written = sum(1 for path in tmp_path.rglob("*") if path.is_file())  # sheets, packets
    assert [
        r.getMessage() for r in caplog.records if "lembar penilaian ditulis" in r.getMessage()
    ] == [f"{written} berkas lembar penilaian ditulis ke {tmp_path}"]
    run = ArtifactFilter(
        flow_run_id=ArtifactFilterFlowRunId(any_=[state.state_details.flow_run_id])
    )
    with get_client(sync_client=True) as client:
        artifacts = {a.key: a.description for a in client.read_artifacts(artifact_filter=run)}
    assert artifacts == {
        "kipp-assignments": (
            f"Penugasan juri: {summary.proposals} proposal x {summary.per_proposal} juri"
        ),
        "kipp-reviewer-loads": f"Jumlah proposal per juri; lembar penilaian di {tmp_path}",
    }


def test_assign_flow_keeps_scoresheets_already_there(tmp_path: Path) -> None:
    kipp_assign(AssignParameters(batch=str(SAMPLE), out=str(tmp_path)))
    with pytest.raises(KippError, match="already holds scoresheets"):
        kipp_assign(AssignParameters(batch=str(SAMPLE), out=str(tmp_path)))
