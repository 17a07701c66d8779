"""The embedded Prefect server that `kipp run` starts at its first instant (flows/embedded.py):
on loopback only, used only when Prefect would use its own, stopped in every case."""

from __future__ import annotations

import os
import shutil
import signal
import socket
import subprocess
import sys
import threading
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest
from builders import kipp_run_subprocess
from prefect.settings import PREFECT_API_URL, temporary_settings

from kipp_app.flows.run import RunParameters, run_kipp
from kipp_app.server import embedded
from kipp_app.server.check import ServerUnreachableError
from kipp_app.server.embedded import (
    EmbeddedServer,
    EmbeddedServerError,
    launch,
    terminate_started,
)

ROOT = Path(__file__).resolve().parents[1]
SAMPLE = ROOT / "submissions" / "mojokerto-2022"
START_S = 90.0  # a cold PREFECT_HOME migrates its database first; CI machines are slow


def _gone(pid: int, within_s: float) -> bool:
    deadline = time.monotonic() + within_s
    while time.monotonic() < deadline:
        try:
            os.kill(pid, 0)
        except ProcessLookupError:
            return True
        time.sleep(0.1)
    return False


@pytest.fixture
def server(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[EmbeddedServer]:
    monkeypatch.delenv("PREFECT_API_URL", raising=False)
    monkeypatch.setenv("PREFECT_HOME", str(tmp_path / "prefect"))
    started = EmbeddedServer().start()
    try:
        yield started
    finally:
        started.stop()


def test_launch_leaves_prefect_alone_when_PREFECT_API_URL_is_set(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setenv("PREFECT_API_URL", "http://127.0.0.1:4200/api")
    assert launch() is None


def test_the_server_answers_on_loopback_only_and_stops(server: EmbeddedServer) -> None:
    process = server.process
    assert process is not None
    url = server.ready(START_S)
    assert url == f"http://127.0.0.1:{server.port}/api"
    with urllib.request.urlopen(f"{url}/health", timeout=5) as answer:
        assert answer.status == 200
    # bound to 127.0.0.1: another address of this machine does not reach it
    others = {
        info[4][0]
        for info in socket.getaddrinfo(socket.gethostname(), None, socket.AF_INET)
        if not info[4][0].startswith("127.")
    }
    for address in others:
        with socket.socket() as probe, pytest.raises(OSError):
            probe.settimeout(1)
            probe.connect((address, server.port))
    server.stop()
    assert process.poll() is not None
    server.stop()  # idempotent


def test_the_callers_environment_wins_over_kipps_server_defaults(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setenv("PREFECT_SERVER_SERVICES_TASK_RUN_RECORDER_BATCH_SIZE", "7")
    environment = EmbeddedServer().environment
    assert environment["PREFECT_SERVER_SERVICES_TASK_RUN_RECORDER_BATCH_SIZE"] == "7"
    assert environment["PREFECT_SERVER_SERVICES_EVENT_PERSISTER_BATCH_SIZE"] == "500"
    assert environment["PREFECT__SERVER_EPHEMERAL"] == "1"


def test_a_server_that_cannot_start_is_reported_after_one_retry(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    false = shutil.which("false")
    assert false is not None
    monkeypatch.setattr(embedded.sys, "executable", false)
    server = EmbeddedServer().start()
    with pytest.raises(EmbeddedServerError, match="exited with code 1 before answering"):
        server.ready(10)


def test_the_server_runs_in_its_own_session_out_of_reach_of_the_terminals_ctrl_c(
    server: EmbeddedServer,
) -> None:
    assert server.process is not None
    pid = server.process.pid
    # a terminal's Ctrl-C goes to its foreground process group: kipp's, not the server's
    assert (os.getsid(pid), os.getpgid(pid)) == (pid, pid)
    assert os.getpgid(pid) != os.getpgid(0)


def test_a_stopped_command_ends_the_servers_it_started(server: EmbeddedServer) -> None:
    assert server.process is not None
    terminate_started()  # what Ctrl-C does before the process ends
    # ended by the signal, or by uvicorn's own handler once installed
    assert server.process.wait(timeout=15) in (-signal.SIGTERM, 0)


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="PR_SET_PDEATHSIG is Linux's")
def test_the_server_ends_when_kipp_run_is_killed(tmp_path: Path) -> None:
    script = (
        "import time\n"
        "from kipp_app.server.embedded import EmbeddedServer\n"
        "server = EmbeddedServer().start()\n"
        "print(server.process.pid, flush=True)\n"
        "time.sleep(120)\n"
    )
    env = {**os.environ, "PREFECT_HOME": str(tmp_path / "prefect"), "PYTHONPATH": str(ROOT)}
    env.pop("PREFECT_API_URL", None)
    parent = subprocess.Popen(
        [sys.executable, "-c", script], stdout=subprocess.PIPE, text=True, env=env, cwd=ROOT
    )
    try:
        assert parent.stdout is not None
        pid = int(parent.stdout.readline())
        assert not _gone(pid, 0.5)  # running
        parent.send_signal(signal.SIGKILL)
        parent.wait(10)
        assert _gone(pid, 15), "the server outlived the killed run"
    finally:
        parent.kill()
        parent.wait()


def test_a_run_whose_settings_name_another_server_stops_the_launched_one(
    server: EmbeddedServer, monkeypatch: pytest.MonkeyPatch
) -> None:
    process = server.process
    assert process is not None
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        closed = sock.getsockname()[1]
    url = f"http://127.0.0.1:{closed}/api"  # as a profile would set it, after the launch
    with (
        temporary_settings(updates={PREFECT_API_URL: url}),
        pytest.raises(ServerUnreachableError),
    ):
        run_kipp(RunParameters(batch=str(SAMPLE)), server)
    assert process.poll() is not None


@pytest.mark.slow
def test_kipp_run_on_its_own_server_sends_every_log_before_stopping_it(tmp_path: Path) -> None:
    batch = tmp_path / "batch"
    batch.mkdir()
    for name in ("magis.yaml", "gayatri.md"):
        shutil.copy(SAMPLE / name, batch / name)
    done = kipp_run_subprocess(batch, tmp_path / "out", tmp_path, verbose=True)
    assert done.returncode == 0, done.stderr
    assert "Beginning flow run" in done.stderr
    assert "Finished in state Completed()" in done.stderr
    # stopped before Prefect's workers had sent the last logs, the server would be gone when
    # they tried, and they would report it (and retry for a minute)
    assert "Error logging to API" not in done.stderr
    assert "Traceback" not in done.stderr
    assert (tmp_path / "out" / "results.json").is_file()


def test_startup_wait_is_two_minutes_unless_the_setting_is_given(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from prefect.settings import (
        PREFECT_SERVER_EPHEMERAL_STARTUP_TIMEOUT_SECONDS,
        temporary_settings,
    )

    monkeypatch.delenv("PREFECT_SERVER_EPHEMERAL_STARTUP_TIMEOUT_SECONDS", raising=False)
    with temporary_settings(restore_defaults={PREFECT_SERVER_EPHEMERAL_STARTUP_TIMEOUT_SECONDS}):
        assert embedded.startup_timeout_s() == 120.0
    monkeypatch.setenv("PREFECT_SERVER_EPHEMERAL_STARTUP_TIMEOUT_SECONDS", "20")
    with temporary_settings(updates={PREFECT_SERVER_EPHEMERAL_STARTUP_TIMEOUT_SECONDS: 20}):
        assert embedded.startup_timeout_s() == 20.0


def test_what_the_server_writes_reaches_stderr_until_it_is_told_to_stop(
    capfd: pytest.CaptureFixture[str],
) -> None:
    # a stand-in server: one line while it runs, one (with a traceback, say) as it shuts down
    script = "import sys; print('serving', flush=True); sys.stdin.readline(); print('flushing')"
    child = subprocess.Popen(
        [sys.executable, "-c", script],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
    )
    assert child.stdin is not None
    forwarding = threading.Thread(target=embedded._forward, args=(child,))
    forwarding.start()
    seen = ""
    deadline = time.monotonic() + 60
    while "serving" not in seen and time.monotonic() < deadline:
        time.sleep(0.05)
        seen += capfd.readouterr().err

    embedded._stopping.add(child)  # what `stop` and `terminate_started` do first
    child.stdin.write(b"stop\n")
    child.stdin.close()
    forwarding.join(timeout=60)
    child.wait(timeout=60)

    assert seen == "serving\n"
    assert capfd.readouterr().err == ""
    assert not forwarding.is_alive()  # read to the end: the server never blocks on a write
