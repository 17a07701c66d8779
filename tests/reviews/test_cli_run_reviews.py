"""`kipp run` on the sample batch with its panel and completed scoresheets: a final shortlist."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from builders import kipp_run_subprocess

SAMPLE = Path(__file__).resolve().parents[2] / "submissions" / "mojokerto-2022"


@pytest.mark.slow
def test_kipp_run_on_the_sample_gives_a_final_shortlist(tmp_path: Path) -> None:
    out = tmp_path / "out"
    done = kipp_run_subprocess(SAMPLE, out, tmp_path, "--lang", "en")
    assert done.returncode == 0, done.stderr
    assert (
        "5 shortlisted, 5 scored but not shortlisted, 4 ineligible, 3 invalid; 1 file unread\n"
        in done.stdout
    )
    assert "provisional" not in done.stdout
    results = json.loads((out / "results.json").read_text("utf-8"))
    assert results["summary"]["provisional"] is False
    assert (results["reviews"]["assigned"], results["reviews"]["completed"]) == (30, 30)
    shortlisted = [p for p in results["proposals"] if p["status"] == "shortlisted"]
    assert len(shortlisted) == 5
    assert all(p["provisional"] is False for p in shortlisted)
