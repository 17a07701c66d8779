"""`kipp run` on the sample batch with its panel and completed scoresheets: a final shortlist."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

SAMPLE = Path(__file__).resolve().parents[2] / "submissions" / "mojokerto-2022"


@pytest.mark.slow
def test_kipp_run_on_the_sample_gives_a_final_shortlist(tmp_path: Path) -> None:
    env = {**os.environ, "PREFECT_HOME": str(tmp_path / "prefect"), "DO_NOT_TRACK": "1"}
    env["KIPP_CACHE_DIR"] = str(tmp_path / "cache")
    env.pop("PREFECT_API_URL", None)
    out = tmp_path / "out"
    done = subprocess.run(
        [sys.executable, "-m", "kipp", "run", str(SAMPLE), "--out", str(out), "--lang", "en"],
        capture_output=True,
        text=True,
        env=env,
        timeout=300,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    assert "5 shortlisted, 5 scored, 4 ineligible, 3 invalid, 1 unread\n" in done.stdout
    assert "provisional" not in done.stdout
    results = json.loads((out / "results.json").read_text("utf-8"))
    assert results["summary"]["provisional"] is False
    assert (results["reviews"]["assigned"], results["reviews"]["completed"]) == (30, 30)
    shortlisted = [p for p in results["proposals"] if p["status"] == "shortlisted"]
    assert len(shortlisted) == 5
    assert all(p["provisional"] is False for p in shortlisted)
