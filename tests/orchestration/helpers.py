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
