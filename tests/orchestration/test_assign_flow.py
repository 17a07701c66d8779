"""The assign flow (the `kipp-assign/assign` deployment) writes what `kipp assign` writes."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import openpyxl
import pytest

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


def test_assign_flow_keeps_scoresheets_already_there(tmp_path: Path) -> None:
    kipp_assign(AssignParameters(batch=str(SAMPLE), out=str(tmp_path)))
    with pytest.raises(KippError, match="already holds scoresheets"):
        kipp_assign(AssignParameters(batch=str(SAMPLE), out=str(tmp_path)))
