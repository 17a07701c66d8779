"""The assign flow (the `kipp-assign/assign` deployment) writes what `kipp assign` writes."""

from __future__ import annotations

from pathlib import Path

import pytest

from kipp.core.problems import KippError
from kipp_app.flows.assign import AssignParameters, kipp_assign
from orchestration.helpers import SAMPLE


def test_assign_flow_writes_the_scoresheets_and_balances_loads(tmp_path: Path) -> None:
    summary = kipp_assign(AssignParameters(batch=str(SAMPLE), out=str(tmp_path)))
    assert summary.out_dir == str(tmp_path)
    assert summary.assignments == summary.proposals * summary.per_proposal
    assert max(summary.loads.values()) - min(summary.loads.values()) <= 1
    assert (tmp_path / "assignments.csv").is_file()


def test_assign_flow_keeps_scoresheets_already_there(tmp_path: Path) -> None:
    kipp_assign(AssignParameters(batch=str(SAMPLE), out=str(tmp_path)))
    with pytest.raises(KippError, match="already holds scoresheets"):
        kipp_assign(AssignParameters(batch=str(SAMPLE), out=str(tmp_path)))
