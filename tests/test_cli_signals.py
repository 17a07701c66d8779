"""Ctrl-C and SIGTERM during `kipp run`: one line saying what was kept, exit 130 or 143 at
once, no traceback, and an output folder that holds one run's documents whole or nothing."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
SAMPLE = ROOT / "submissions" / "mojokerto-2022"
STOPPED = (
    "Stopped. The stages already done are kept: run the same command again to go on. "
    "The output folder is left whole."
)

pytestmark = pytest.mark.slow


def _start(out: Path, home: Path, *options: str) -> subprocess.Popen[str]:
    env = {**os.environ, "PREFECT_HOME": str(home / "prefect"), "KIPP_LANG": "en"}
    env["KIPP_CACHE_DIR"] = str(home / "cache")
    env.pop("PREFECT_API_URL", None)
    return subprocess.Popen(
        [sys.executable, "-m", "kipp_app", *options, "run", str(SAMPLE), "--out", str(out)],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env=env,
        cwd=ROOT,
    )


def _whole_or_empty(out: Path) -> None:
    """Every file the output folder's manifest lists is there, or there is no folder."""
    if not out.exists():
        return
    listed = json.loads((out / ".kipp-files.json").read_text(encoding="utf-8"))
    assert [name for name in listed if not (out / name).is_file()] == []


@pytest.mark.parametrize(("number", "code"), [(signal.SIGINT, 130), (signal.SIGTERM, 143)])
def test_a_run_interrupted_midway_ends_at_once_with_one_line(
    tmp_path: Path, number: signal.Signals, code: int
) -> None:
    out = tmp_path / "out"
    process = _start(out, tmp_path)
    time.sleep(8)  # the embedded server is starting, the inputs are being read
    sent = time.monotonic()
    process.send_signal(number)
    stdout, stderr = process.communicate(timeout=60)
    ended_s = time.monotonic() - sent
    assert process.returncode == code, stderr
    assert stderr.splitlines() == [STOPPED]
    assert stdout == ""
    assert ended_s < 10
    _whole_or_empty(out)


def test_a_run_terminated_once_its_flow_runs_ends_at_once_with_one_line(tmp_path: Path) -> None:
    out = tmp_path / "out"
    process = _start(out, tmp_path, "-v")  # the run's log shows when the flow has begun
    assert process.stderr is not None
    for line in process.stderr:
        if "Beginning flow run" in line:
            break
    sent = time.monotonic()
    process.send_signal(signal.SIGTERM)
    _, stderr = process.communicate(timeout=60)
    ended_s = time.monotonic() - sent
    assert process.returncode == 143, stderr
    assert stderr.splitlines()[-1] == STOPPED
    assert "Traceback" not in stderr
    assert ended_s < 10
    _whole_or_empty(out)
