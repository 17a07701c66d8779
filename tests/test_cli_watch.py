"""`kipp run --watch` as a coordinator uses it: the first run, a file mended by its agency,
the run again in the same process (the same documents as a new `kipp run` makes of the
mended batch), then Ctrl-C between runs: one line, exit 0, kipp's own server stopped."""

from __future__ import annotations

import os
import queue
import shutil
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest

from tests.integration.test_scale_out import without_timestamps

ROOT = Path(__file__).resolve().parents[1]
SAMPLE = ROOT / "submissions" / "mojokerto-2022"
LINE_WAIT_S = 180.0  # a first run on a fresh cache, a busy machine

pytestmark = pytest.mark.slow


class _Lines:
    """The lines a process prints, read as they come (from a thread: no read blocks the
    test past its limit)."""

    def __init__(self, stream: object) -> None:
        self.lines: queue.Queue[str] = queue.Queue()
        threading.Thread(target=self._read, args=(stream,), daemon=True).start()

    def _read(self, stream: object) -> None:
        for line in stream:  # type: ignore[attr-defined]
            self.lines.put(line.rstrip("\n"))

    def until(self, wanted: str) -> list[str]:
        """The lines up to and with `wanted`."""
        seen: list[str] = []
        deadline = time.monotonic() + LINE_WAIT_S
        while not seen or seen[-1] != wanted:
            seen.append(self.lines.get(timeout=max(0.1, deadline - time.monotonic())))
        return seen


def _env(home: Path) -> dict[str, str]:
    env = {**os.environ, "PREFECT_HOME": str(home / "prefect"), "KIPP_LANG": "en"}
    env["KIPP_CACHE_DIR"] = str(home / "cache")
    env.pop("PREFECT_API_URL", None)
    return env


def _children(pid: int) -> list[int]:
    found = subprocess.run(["pgrep", "-P", str(pid)], capture_output=True, text=True)
    return [int(line) for line in found.stdout.split()]


def _alive(pid: int) -> bool:
    """Whether process `pid` still runs (an ended one not yet reaped by its new parent, a
    zombie, does not)."""
    try:
        status = Path(f"/proc/{pid}/status").read_text(encoding="utf-8")
    except OSError:
        return False
    return "\nState:\tZ" not in status


def test_a_mended_file_is_run_again_in_the_same_process_until_ctrl_c(tmp_path: Path) -> None:
    batch, out = tmp_path / "batch", tmp_path / "out"
    shutil.copytree(SAMPLE, batch)
    command = [sys.executable, "-m", "kipp_app", "run", str(batch), "--out", str(out), "--watch"]
    process = subprocess.Popen(
        command,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env=_env(tmp_path),
        cwd=ROOT,
    )
    assert process.stdout is not None
    lines = _Lines(process.stdout)
    waiting = f"Waiting for changes in {batch} to run again (Ctrl-C to stop) ..."
    try:
        first = lines.until(waiting)
        assert first[0] == (
            "5 shortlisted, 5 scored but not shortlisted, 4 ineligible, 3 invalid; 1 file unread"
        )
        date_error = f"      error: {batch}/sip.md:9: "  # 31 June: no such day
        assert [line for line in first if line.startswith(date_error)] != []
        servers = _children(process.pid)  # kipp's own Prefect server, kept between runs
        assert len(servers) == 1

        mended = batch / "sip.md"
        mended.write_text(
            mended.read_text(encoding="utf-8").replace("31 Juni 2020", "30 Juni 2020"),
            encoding="utf-8",
        )
        second = lines.until(waiting)
        assert second[0] == "Changed: sip.md. Running again."
        assert [line for line in second if line.startswith(date_error)] == []  # mended
        assert _children(process.pid) == servers

        process.send_signal(signal.SIGINT)
        _, stderr = process.communicate(timeout=30)
    finally:
        if process.poll() is None:
            process.kill()
    assert process.returncode == 0, stderr
    assert stderr.splitlines() == [
        "Stopped waiting for changes. The output folder holds the documents of the last run "
        "that finished."
    ]
    deadline = time.monotonic() + 15  # told to stop, not waited for
    while [pid for pid in servers if _alive(pid)] and time.monotonic() < deadline:
        time.sleep(0.2)
    assert [pid for pid in servers if _alive(pid)] == []

    # the run again in the same process wrote what a new `kipp run` writes of that batch
    fresh = tmp_path / "fresh"
    done = subprocess.run(
        [sys.executable, "-m", "kipp_app", "run", str(batch), "--out", str(fresh)],
        capture_output=True,
        text=True,
        env=_env(tmp_path),
        cwd=ROOT,
        timeout=LINE_WAIT_S,
    )
    assert done.returncode == 0, done.stderr
    assert without_timestamps((out / "results.json").read_bytes()) == without_timestamps(
        (fresh / "results.json").read_bytes()
    )
