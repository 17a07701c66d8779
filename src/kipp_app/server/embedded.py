"""Prefect's embedded server, started at the first instant of `kipp run`.

Without PREFECT_API_URL, Prefect starts a temporary server process of its own when the flow
first asks for a client: after `kipp run` has imported everything and read its inputs, and
after the client itself has imported the server's code to launch it. The server then needs
to import that code again and answer. Those waits came one after the other on every run
(their figures: bench/README.md).

`launch` starts the same process (the same command and environment Prefect uses: uvicorn
serving `prefect.server.api.server:create_app` as an ephemeral server, on 127.0.0.1 only)
before anything heavy is imported, so it starts on the other core while `kipp run` imports
and reads; `EmbeddedServer.ready` waits for it, and the run then talks to it through
PREFECT_API_URL, for that run only. Nothing else changes: same database under PREFECT_HOME,
same services, stopped when the run ends (also when the run fails, or when `kipp run` is
killed: on Linux the server is told to end with its parent). What the server writes (on
its standard output or error) reaches `kipp run`'s standard error line by line, never its
standard output, until kipp stops it: what it says while it shuts down (events still in its
queue when it was told to stop, with a traceback) is not the user's concern once the run
has ended.

The launch is speculative, made before Prefect's settings are read (reading them costs
imports): `EmbeddedServer.wanted` then asks Prefect whether its embedded server is
what this run would use (no PREFECT_API_URL in the environment or the active profile, and
ephemeral mode allowed); if not, the process is stopped and Prefect's settings rule as ever.

This module imports nothing of Prefect at import time.
"""

import contextlib
import ctypes
import importlib.util
import os
import signal
import socket
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.request
from pathlib import Path
from typing import Self

# batch the server's recording so bursts of task runs do not fall behind (DESIGN.md); no
# anonymous usage reports (and no "database is locked" noise from them on SQLite); no
# registration of the installed collections' block types at each start: to see whether they
# changed, Prefect imports every collection first (prefect-dask imports Dask, a noticeable
# part of the start), and a run's storage needs no registered block (a path is turned into
# an unsaved local file system). A team's server (`prefect server start`) keeps registering.
SERVER_ENVIRONMENT = {
    "PREFECT_SERVER_ANALYTICS_ENABLED": "false",
    "PREFECT_API_BLOCKS_REGISTER_ON_START": "false",
    "PREFECT_MEMOIZE_BLOCK_AUTO_REGISTRATION": "false",
    "PREFECT_SERVER_SERVICES_TASK_RUN_RECORDER_BATCH_SIZE": "200",
    "PREFECT_SERVER_SERVICES_TASK_RUN_RECORDER_READ_BATCH_SIZE": "50",
    "PREFECT_SERVER_SERVICES_EVENT_PERSISTER_BATCH_SIZE": "500",
    "PREFECT_SERVER_SERVICES_EVENT_PERSISTER_READ_BATCH_SIZE": "50",
}
# what Prefect's own ephemeral server process is started with (no UI; ephemeral services)
_EPHEMERAL = {
    "PREFECT_UI_ENABLED": "0",
    "PREFECT__SERVER_EPHEMERAL": "1",
    "PREFECT__SERVER_FINAL": "1",
}
_POLL_S = 0.05
_STOP_WAIT_S = 5.0
_PR_SET_PDEATHSIG = 1


class EmbeddedServerError(RuntimeError):
    """The embedded server did not start."""


def _free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def _end_with_parent() -> None:  # pragma: no cover - runs in the child between fork and exec
    """Linux: the server gets SIGTERM when `kipp run` dies, even by SIGKILL."""
    with contextlib.suppress(Exception):
        libc = ctypes.CDLL(None, use_errno=True)
        libc.prctl(_PR_SET_PDEATHSIG, signal.SIGTERM)


def _app_dir() -> str:
    spec = importlib.util.find_spec("prefect")
    if spec is None or spec.origin is None:
        raise EmbeddedServerError("Prefect is not installed")
    return str(Path(spec.origin).parent.parent)


class EmbeddedServer:
    """One temporary Prefect server process on 127.0.0.1, for one `kipp run`."""

    def __init__(self, environment: dict[str, str] | None = None) -> None:
        # the caller's environment wins over kipp's defaults, as `os.environ.setdefault` would
        given = {**os.environ, **(environment or {})}
        self.environment = {**SERVER_ENVIRONMENT, **given, **_EPHEMERAL}
        self.port = 0
        self.process: subprocess.Popen[bytes] | None = None
        self.started_at = 0.0
        self.answered = False  # it answered a health check once (`ready`)

    @property
    def api_url(self) -> str:
        """The API address, as PREFECT_API_URL takes it."""
        return f"http://127.0.0.1:{self.port}/api"

    def start(self) -> Self:
        """Start the process (does not wait for it)."""
        self.port = _free_port()
        command = [
            sys.executable,
            "-m",
            "uvicorn",
            "--app-dir",
            _app_dir(),
            "--factory",
            "prefect.server.api.server:create_app",
            "--host",
            "127.0.0.1",
            "--port",
            str(self.port),
            "--log-level",
            "error",
            "--lifespan",
            "on",
        ]
        linux = sys.platform.startswith("linux")
        # its own session: a Ctrl-C at the terminal goes to the terminal's process group, and
        # is kipp's to handle (one line, then the server is stopped with kipp), not the
        # server's (uvicorn, still starting, printed a traceback or Click's "Aborted!")
        self.process = subprocess.Popen(
            command,
            env=self.environment,
            stdin=subprocess.DEVNULL,
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
            preexec_fn=_end_with_parent if linux else None,
            start_new_session=True,
        )
        self.started_at = time.monotonic()
        _started.append(self.process)
        forward = threading.Thread(
            target=_forward, args=(self.process,), name="kipp-server-output", daemon=True
        )
        forward.start()
        return self

    def ready(self, timeout_s: float) -> str:
        """Wait until the server answers its health check (at most `timeout_s` seconds from
        its start, or from this call once it has answered before: a process that runs again
        asks at each run); return its API address. A server that exits early because its
        port was taken meanwhile is started again on another port, once; so is one stopped
        since (it did not answer a run before)."""
        retried = False
        if self.process is None and self.port:  # stopped after an earlier run's failure
            self.start()
        since = time.monotonic() if self.answered else self.started_at
        while True:
            process = self.process
            if process is None:
                raise EmbeddedServerError("the embedded Prefect server was not started")
            code = process.poll()
            if code is not None:
                if not retried:
                    retried = True
                    self.start()
                    continue
                raise EmbeddedServerError(
                    f"the embedded Prefect server exited with code {code} before answering"
                )
            try:
                with urllib.request.urlopen(f"{self.api_url}/health", timeout=1.0) as answer:
                    if answer.status == 200:
                        self.answered = True
                        return self.api_url
            except (urllib.error.URLError, OSError):
                pass
            if time.monotonic() - max(since, self.started_at) > timeout_s:
                self.stop()
                raise EmbeddedServerError(
                    f"the embedded Prefect server did not answer within {timeout_s:.0f} s "
                    "(PREFECT_SERVER_EPHEMERAL_STARTUP_TIMEOUT_SECONDS)"
                )
            time.sleep(_POLL_S)

    def stop(self) -> None:
        """Send what Prefect's log and event workers still hold, then stop the process
        (terminate, then kill after a few seconds); idempotent."""
        process, self.process = self.process, None
        if process is None:
            return
        if process.poll() is None:
            drain_prefect_workers()  # a Ctrl-C now still ends it: it is in `_started`
            _stopping.add(process)
            process.terminate()
            try:
                process.wait(timeout=_STOP_WAIT_S)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait()
        if process in _started:
            _started.remove(process)


_started: list[subprocess.Popen[bytes]] = []  # every server process this process started


def terminate_started() -> None:
    """Ask every server this process started and that still runs to end, without waiting:
    for a command stopped by Ctrl-C or SIGTERM (a server runs in its own session, so the
    terminal's Ctrl-C does not reach it; on Linux it would also end with its parent)."""
    for process in _started:
        if process.poll() is None:
            _stopping.add(process)
            with contextlib.suppress(OSError):
                process.terminate()


# the servers told to stop: what they write now is dropped (by process, not pid: a pid may
# be reused by a later server of a long-lived process)
_stopping: set[subprocess.Popen[bytes]] = set()


def _forward(process: subprocess.Popen[bytes]) -> None:
    """Copy what the server `process` writes to this process's standard error, line by
    line, until it is told to stop; then read on to its end, dropping it (a server that
    cannot write would hang)."""
    assert process.stdout is not None
    with process.stdout as output:
        for line in output:
            if process not in _stopping:
                _write_error(line)


def _write_error(data: bytes) -> None:
    view = memoryview(data)
    with contextlib.suppress(OSError):
        while view:
            view = view[os.write(2, view) :]


def drain_prefect_workers() -> None:
    """Wait (a few seconds at most) for Prefect's background workers to send the run's
    last logs and events, as Prefect's own test harness does before it stops its server:
    stopped first, they retry a vanished server for a minute. Nothing to do when Prefect
    was never imported."""
    if "prefect" not in sys.modules:
        return
    from prefect.events.worker import EventsWorker
    from prefect.logging.handlers import APILogWorker

    for worker in (APILogWorker, EventsWorker):
        with contextlib.suppress(Exception):
            worker.drain_all(timeout=_STOP_WAIT_S)


def launch() -> EmbeddedServer | None:
    """Start the embedded server now when the run will probably use it (PREFECT_API_URL is
    not in the environment); `wanted` confirms once Prefect's settings are loaded. None when
    no server was started, and Prefect's own behaviour applies. Never raises."""
    if os.environ.get("PREFECT_API_URL"):
        return None
    try:
        return EmbeddedServer().start()
    except Exception:  # Prefect starts its own as before
        return None


def wanted() -> bool:
    """Whether Prefect would start its embedded server for this process: no API URL in the
    environment or the active profile, and ephemeral mode allowed (imports Prefect)."""
    from prefect.settings import PREFECT_API_URL, PREFECT_SERVER_EPHEMERAL_ENABLED

    return not PREFECT_API_URL.value() and bool(PREFECT_SERVER_EPHEMERAL_ENABLED.value())


# How long `kipp run` waits for its embedded server unless the setting
# PREFECT_SERVER_EPHEMERAL_STARTUP_TIMEOUT_SECONDS says otherwise: Prefect's own default is
# too short for a first start (the database is created) on a slow or busy laptop.
STARTUP_TIMEOUT_S = 120.0
_TIMEOUT_VARIABLE = "PREFECT_SERVER_EPHEMERAL_STARTUP_TIMEOUT_SECONDS"


def startup_timeout_s() -> float:
    """How long to wait for the embedded server: the setting when it is given (environment
    or profile), else `STARTUP_TIMEOUT_S` (imports Prefect)."""
    from prefect.settings import get_current_settings

    ephemeral = get_current_settings().server.ephemeral
    configured = float(ephemeral.startup_timeout_seconds)
    default = type(ephemeral).model_fields["startup_timeout_seconds"].default
    if os.environ.get(_TIMEOUT_VARIABLE) or configured != default:
        return configured  # chosen in the environment or the profile
    return max(configured, STARTUP_TIMEOUT_S)
