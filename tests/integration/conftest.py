"""The scale-out stack, started once for the suite: PostgreSQL on 127.0.0.1, a Prefect server
on it, a process work pool with kipp's deployments (from prefect.yaml) and two workers, one
flow run at a time each (so parts of a run spread over both), sharing one cache folder."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import ExitStack
from dataclasses import dataclass
from pathlib import Path

import pytest
from prefect.settings import PREFECT_API_URL, temporary_settings

from integration.servers import (
    PREFECT,
    background,
    free_port,
    postgres,
    prefect,
    prefect_env,
    require_postgres,
    wait_for_api,
)

WORKERS = ("kipp-worker-a", "kipp-worker-b")


@dataclass(frozen=True)
class Stack:
    api_url: str
    folder: Path
    cache: Path
    worker_logs: tuple[Path, ...]

    @property
    def worker_log(self) -> Path:
        """The first worker's log (a failed wait shows it)."""
        return self.worker_logs[0]

    def workers_log_tail(self, chars: int = 6000) -> str:
        """The end of every worker's log, for a failure's message."""
        return "\n".join(
            f"--- {log.name}\n{log.read_text(errors='replace')[-chars:]}"
            for log in self.worker_logs
        )


@pytest.fixture(scope="session")
def stack(
    request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[Stack]:
    # the suite takes minutes and starts servers: only when asked for by name, so the
    # default `pytest -m "not slow"` stays fast
    if "integration" not in (request.config.getoption("markexpr") or ""):
        pytest.skip("integration suite: run it with `pytest -m integration`")
    bin_dir = require_postgres()
    folder = tmp_path_factory.mktemp("stack")
    cache = folder / "cache"
    with postgres(bin_dir) as db:
        port = free_port()
        api = f"http://127.0.0.1:{port}/api"
        env = prefect_env(
            folder / "prefect-home",
            api,
            PREFECT_API_DATABASE_CONNECTION_URL=db.url,
            PREFECT_UI_ENABLED="false",
            PREFECT_WORKER_QUERY_SECONDS="2",
            KIPP_CACHE_DIR=str(cache),
        )
        server_log = folder / "server.log"
        server = [*PREFECT, "server", "start", "--host", "127.0.0.1", "--port", str(port)]
        with background(server, env, server_log) as process:
            wait_for_api(api, process, server_log)
            prefect(["work-pool", "create", "kipp", "--type", "process"], env)
            prefect(["--no-prompt", "deploy", "--all"], env)
            logs = tuple(folder / f"worker-{name}.log" for name in WORKERS)
            with ExitStack() as workers:
                for name, log in zip(WORKERS, logs, strict=True):
                    worker = [*PREFECT, "worker", "start", "--pool", "kipp", "--name", name]
                    workers.enter_context(background([*worker, "--limit", "1"], env, log))
                workers.enter_context(temporary_settings(updates={PREFECT_API_URL: api}))
                yield Stack(api_url=api, folder=folder, cache=cache, worker_logs=logs)
