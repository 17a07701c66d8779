"""Servers the integration suite starts itself, on 127.0.0.1 only, always stopped: a
PostgreSQL cluster in a temporary folder, a Prefect server on it, a process worker."""

from __future__ import annotations

import glob
import os
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import httpx
import pytest

ROOT = Path(__file__).resolve().parents[2]
PREFECT = [sys.executable, "-m", "prefect"]


def free_port() -> int:
    """A TCP port nobody listens on at the moment, on 127.0.0.1."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port: int = sock.getsockname()[1]
        return port


def postgres_bin() -> Path | None:
    """The newest `/usr/lib/postgresql/*/bin` holding initdb and pg_ctl, or None."""
    found = sorted(
        glob.glob("/usr/lib/postgresql/*/bin"),
        key=lambda p: int(Path(p).parent.name) if Path(p).parent.name.isdigit() else 0,
    )
    for folder in reversed(found):
        if (Path(folder) / "initdb").is_file() and (Path(folder) / "pg_ctl").is_file():
            return Path(folder)
    on_path = shutil.which("pg_ctl")
    if on_path and shutil.which("initdb"):
        return Path(on_path).parent
    return None


def require_postgres() -> Path:
    """The PostgreSQL programs; skip the suite with the reason where they are absent, but
    fail it on CI (CI=true), where the suite must run."""
    folder = postgres_bin()
    if folder is None:
        reason = (
            "PostgreSQL server programs (initdb, pg_ctl) not found under "
            "/usr/lib/postgresql/*/bin or on PATH; install them with "
            "`apt-get install -y postgresql`"
        )
        if os.environ.get("CI", "").lower() == "true":
            pytest.fail(reason + " (CI=true: the integration suite must run)")
        pytest.skip(reason)
    return folder


def _as_postgres_user(command: Sequence[str]) -> list[str]:
    """PostgreSQL refuses to run as root: as root, run it as `nobody`."""
    if os.geteuid() == 0:
        return ["runuser", "-u", "nobody", "--", *command]
    return list(command)


@dataclass(frozen=True)
class Postgres:
    port: int
    folder: Path

    @property
    def url(self) -> str:
        return f"postgresql+asyncpg://kipp@127.0.0.1:{self.port}/prefect"


@contextmanager
def postgres(bin_dir: Path) -> Iterator[Postgres]:
    """A fresh cluster in a temporary folder, listening on 127.0.0.1 only (trust auth for
    the local test user `kipp`), with a `prefect` database; stopped and removed after."""
    folder = Path(tempfile.mkdtemp(prefix="kipp-pg-"))
    data, log = folder / "data", folder / "postgres.log"
    if os.geteuid() == 0:
        shutil.chown(folder, "nobody", "nogroup")
    port = free_port()
    started = False
    try:
        subprocess.run(
            _as_postgres_user(
                [
                    str(bin_dir / "initdb"),
                    "-D",
                    str(data),
                    "-U",
                    "kipp",
                    "-A",
                    "trust",
                    "-E",
                    "UTF8",
                ]
            ),
            check=True,
            capture_output=True,
            timeout=120,
        )
        options = f"-h 127.0.0.1 -p {port} -k {folder} -c fsync=off"
        subprocess.run(
            _as_postgres_user(
                [
                    str(bin_dir / "pg_ctl"),
                    "-D",
                    str(data),
                    "-o",
                    options,
                    "-l",
                    str(log),
                    "-w",
                    "-t",
                    "60",
                    "start",
                ]
            ),
            check=True,
            capture_output=True,
            timeout=90,
        )
        started = True
        createdb = bin_dir / "createdb"
        subprocess.run(
            [str(createdb), "-h", "127.0.0.1", "-p", str(port), "-U", "kipp", "prefect"],
            check=True,
            capture_output=True,
            timeout=60,
        )
        yield Postgres(port=port, folder=folder)
    finally:
        if started:
            subprocess.run(
                _as_postgres_user(
                    [str(bin_dir / "pg_ctl"), "-D", str(data), "-m", "fast", "-w", "stop"]
                ),
                capture_output=True,
                timeout=60,
            )
        shutil.rmtree(folder, ignore_errors=True)


@contextmanager
def background(
    command: Sequence[str], env: dict[str, str], log: Path, cwd: Path = ROOT
) -> Iterator[subprocess.Popen[bytes]]:
    """A long-running process in its own process group (so its children stop with it),
    output to `log`; stopped with SIGTERM, then SIGKILL, however the block ends."""
    with open(log, "wb") as out:
        process = subprocess.Popen(
            list(command),
            env=env,
            cwd=cwd,
            stdout=out,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
        try:
            yield process
        finally:
            for sig, wait in ((signal.SIGTERM, 15), (signal.SIGKILL, 10)):
                try:
                    os.killpg(process.pid, sig)
                except ProcessLookupError:
                    break
                try:
                    process.wait(timeout=wait)
                    break
                except subprocess.TimeoutExpired:
                    continue


def wait_for_api(
    url: str, process: subprocess.Popen[bytes], log: Path, timeout: float = 120
) -> None:
    """Until `url/health` answers 200; fail with the server's log when it died or hung."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process.poll() is not None:
            pytest.fail(f"the Prefect server exited:\n{log.read_text(errors='replace')[-4000:]}")
        try:
            if httpx.get(f"{url}/health", timeout=2).status_code == 200:
                return
        except httpx.HTTPError:
            pass
        time.sleep(0.5)
    tail = log.read_text(errors="replace")[-4000:]
    pytest.fail(f"the Prefect server did not start in {timeout} s:\n{tail}")


def prefect_env(home: Path, api_url: str, **extra: str) -> dict[str, str]:
    """The environment of every Prefect process of the suite: its own home, no telemetry."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("PREFECT_")}
    env |= {
        "PREFECT_HOME": str(home),
        "PREFECT_API_URL": api_url,
        "PREFECT_SERVER_ANALYTICS_ENABLED": "false",
        "DO_NOT_TRACK": "1",
        "KIPP_HOME": str(ROOT),
    }
    return env | extra


def prefect(args: Sequence[str], env: dict[str, str], timeout: float = 120) -> str:
    """Run a `prefect` CLI command; fail with its output when it does not exit 0."""
    done = subprocess.run(
        [*PREFECT, *args], env=env, cwd=ROOT, capture_output=True, text=True, timeout=timeout
    )
    if done.returncode != 0:
        pytest.fail(
            f"prefect {' '.join(args)} exited {done.returncode}:\n{done.stdout}\n{done.stderr}"
        )
    return done.stdout
