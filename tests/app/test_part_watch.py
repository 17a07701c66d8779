"""Where the parts of scoring are to run is checked before the run reads anything, and
parts on a work pool are watched: a part lost with its worker, or waiting while no worker
is online, fails the run in minutes with the part named, never hangs it; the parts not
finished are then cancelled, so no worker goes on with them. (The runs themselves, on two
Prefect workers: tests/integration/test_scale_out.py.)"""

from __future__ import annotations

import contextlib
import http.server
import shutil
import threading
import time
import uuid
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from prefect.client.schemas.objects import FlowRun, State, Worker, WorkerStatus
from prefect.exceptions import ObjectNotFound
from prefect.states import Completed, Pending, Running, Scheduled

from kipp.core.i18n import Lang, render
from kipp.core.problems import KippError
from kipp_app.flows import runner
from kipp_app.flows.run import RunParameters, check_where
from kipp_app.flows.runner import (
    PartFailedError,
    _in_flight,
    _Watch,
    beat_path,
    beating,
    cancel_parts,
    check_dask_scheduler,
    check_work_pool,
)

RUN_IDS = [uuid.UUID(int=i + 1) for i in range(3)]


class Clock:
    """Stands in for the `time` module in the runner: a clock that moves only by `sleep`."""

    def __init__(self) -> None:
        self.now = 1000.0

    def monotonic(self) -> float:
        return self.now

    def sleep(self, seconds: float) -> None:
        self.now += seconds


class Server:
    """Stands in for the Prefect client: flow runs whose states the test sets, the pool's
    workers, and the states the runner sets."""

    def __init__(self) -> None:
        self.states: dict[uuid.UUID, State[Any]] = {}
        self.online = True
        self.set: list[tuple[uuid.UUID, str]] = []
        self.pools = {"kipp"}
        self.asked: list[int] = []

    def read_flow_runs(self, flow_run_filter: Any, limit: int | None = None) -> list[FlowRun]:
        wanted = flow_run_filter.id.any_
        self.asked.append(len(wanted))
        found = [
            FlowRun(id=i, name=f"scores-part-{self.number(i)}-of-3", flow_id=i, state=s)
            for i, s in self.states.items()
            if i in wanted
        ]
        return found[: min(limit or 200, 200)]  # the server's page

    def number(self, run_id: uuid.UUID) -> int:
        return RUN_IDS.index(run_id) + 1 if run_id in RUN_IDS else run_id.int

    def read_workers_for_work_pool(self, pool: str) -> list[Worker]:
        status = WorkerStatus.ONLINE if self.online else WorkerStatus.OFFLINE
        return [Worker(name="w1", work_pool_id=uuid.UUID(int=9), status=status)]

    def read_work_pool(self, pool: str) -> object:
        if pool not in self.pools:
            raise ObjectNotFound(http_exc=Exception(pool))
        return object()

    def set_flow_run_state(self, run_id: uuid.UUID, state: State[Any], force: bool) -> None:
        self.set.append((run_id, state.name or ""))


@pytest.fixture
def server(monkeypatch: pytest.MonkeyPatch) -> Server:
    fake = Server()

    @contextlib.contextmanager
    def client(sync_client: bool) -> Iterator[Server]:
        yield fake

    monkeypatch.setattr(runner, "get_client", client)
    monkeypatch.setattr(runner, "time", Clock())
    return fake


def _watch(tmp_path: Path, parts: int = 2) -> _Watch:
    runs = {RUN_IDS[i]: i for i in range(parts)}
    return _Watch("kipp", "scores", runs, [tmp_path / f"part-{i}.alive" for i in range(parts)])


def _message(error: KippError, lang: Lang = Lang.EN) -> tuple[str, str]:
    assert error.hint is not None
    return render(error.message, lang), render(error.hint, lang)


def test_parts_are_given_back_as_they_finish(server: Server, tmp_path: Path) -> None:
    server.states = {RUN_IDS[0]: Running(), RUN_IDS[1]: Completed()}
    watch = _watch(tmp_path)
    finished = watch.finished(poll_s=1.0)

    assert next(finished).id == RUN_IDS[1]
    server.states[RUN_IDS[0]] = Completed()
    assert [r.id for r in finished] == [RUN_IDS[0]]


def test_a_part_a_worker_took_but_never_started_fails_the_run_in_ten_minutes(
    server: Server, tmp_path: Path
) -> None:
    server.states = {RUN_IDS[0]: Pending(), RUN_IDS[1]: Completed()}

    with pytest.raises(PartFailedError) as raised:
        list(_watch(tmp_path).finished(poll_s=1.0))

    assert runner.time.monotonic() - 1000.0 == 601.0  # type: ignore[attr-defined]
    assert _message(raised.value) == (
        "part 1 of stage scores (run scores-part-1-of-3) was taken by a worker but not "
        "started within 600 seconds",
        "its worker may have stopped or its machine gone down: read that worker's log, then "
        "run the same command again (the other parts were cancelled)",
    )
    assert render(raised.value.message, Lang.ID) == (
        "bagian 1 dari tahap scores (run scores-part-1-of-3) diambil seorang pekerja tetapi "
        "tidak dimulai dalam 600 detik"
    )


def test_a_running_part_is_waited_for_while_it_beats_and_lost_3_minutes_after_it_stops(
    server: Server, tmp_path: Path
) -> None:
    server.states = {RUN_IDS[0]: Running()}
    watch = _watch(tmp_path, parts=1)
    beat = tmp_path / "part-0.alive"
    clock: Clock = runner.time  # type: ignore[attr-defined,assignment]

    def beating_until(stop: float) -> None:
        count = 0
        original = clock.sleep

        def sleep(seconds: float) -> None:
            nonlocal count
            original(seconds)
            if clock.now < stop:
                count += 1
                beat.write_text(str(count))

        clock.sleep = sleep  # type: ignore[method-assign]

    beating_until(1000.0 + 300.0)  # five minutes of beats, then none
    with pytest.raises(PartFailedError) as raised:
        list(watch.finished(poll_s=1.0))

    assert clock.now == 1299.0 + 181.0  # the last beat seen at 1299, lost past 3 minutes
    assert _message(raised.value)[0] == (
        "part 1 of stage scores (run scores-part-1-of-3) has not been heard from its worker "
        "for 180 seconds"
    )


def test_parts_waiting_while_no_worker_is_online_fail_the_run(
    server: Server, tmp_path: Path
) -> None:
    server.states = {RUN_IDS[0]: Scheduled(), RUN_IDS[1]: Scheduled()}
    server.online = False

    with pytest.raises(PartFailedError) as raised:
        list(_watch(tmp_path).finished(poll_s=1.0))

    assert _message(raised.value) == (
        "2 parts waiting, but no worker of work pool kipp has been running for 300 seconds",
        "run `prefect worker start --pool kipp` on each worker machine, with KIPP_CACHE_DIR "
        "set to the shared cache folder",
    )


def test_parts_not_finished_are_cancelled_and_their_folder_removed(
    server: Server, tmp_path: Path
) -> None:
    server.states = {RUN_IDS[0]: Running(), RUN_IDS[1]: Scheduled(), RUN_IDS[2]: Completed()}
    folder = tmp_path / "partitions" / "run1"
    folder.mkdir(parents=True)
    _in_flight.runs.update(RUN_IDS)
    _in_flight.folders.add(folder)

    cancel_parts(server)  # the process is stopping: every part in flight

    assert server.set == [(RUN_IDS[0], "Cancelling"), (RUN_IDS[1], "Cancelled")]
    assert not folder.exists()
    assert not _in_flight.runs and not _in_flight.folders


def test_a_failed_run_cancels_its_own_parts_only_and_marks_the_lost_one_crashed(
    server: Server, tmp_path: Path
) -> None:
    other = uuid.UUID(int=99)  # a part of another run in this process
    server.states = {RUN_IDS[0]: Running(), RUN_IDS[1]: Running(), other: Running()}
    _in_flight.runs.update({*RUN_IDS[:2], other})

    cancel_parts(server, set(RUN_IDS[:2]), {tmp_path / "mine"}, lost=RUN_IDS[1])

    assert server.set == [(RUN_IDS[0], "Cancelling"), (RUN_IDS[1], "Crashed")]
    assert _in_flight.runs == {other}
    _in_flight.runs.clear()


def test_more_parts_than_the_server_returns_at_once_are_all_cancelled(server: Server) -> None:
    many = {uuid.UUID(int=1000 + i) for i in range(450)}
    server.states = {run: Scheduled() for run in many}

    cancel_parts(server, many, set())

    assert server.asked == [200, 200, 50]
    assert len(server.set) == 450


def test_a_running_part_rewrites_its_beat_file(tmp_path: Path) -> None:
    path = beat_path(tmp_path, "partitions/run1/scores-00000")
    path.parent.mkdir(parents=True)
    seen: set[str] = set()
    deadline = time.monotonic() + 30
    with beating(tmp_path, "partitions/run1/scores-00000", every_s=0.01):
        while len(seen) < 3 and time.monotonic() < deadline:
            with contextlib.suppress(FileNotFoundError):
                seen.add(path.read_text())
    assert len(seen) >= 3  # three different counts: it beats


def test_a_beat_never_makes_the_exchange_folder_again_once_removed(tmp_path: Path) -> None:
    folder = tmp_path / "partitions" / "run1"
    folder.mkdir(parents=True)
    with beating(tmp_path, "partitions/run1/scores-00000", every_s=0.01):
        shutil.rmtree(folder)  # the run failed and removed it
        time.sleep(0.1)
    assert not folder.exists()


def test_a_part_that_waited_in_the_queue_is_not_lost_when_it_starts_late(
    server: Server, tmp_path: Path
) -> None:
    # one worker slot: part 1 runs and beats for ten minutes while part 2 waits, then part 2
    # starts; its silence counts from its start
    server.states = {RUN_IDS[0]: Running(), RUN_IDS[1]: Scheduled()}
    watch = _watch(tmp_path)
    clock: Clock = runner.time  # type: ignore[attr-defined,assignment]
    beats = [tmp_path / "part-0.alive", tmp_path / "part-1.alive"]
    original = clock.sleep

    def sleep(seconds: float) -> None:
        original(seconds)
        beats[0].write_text(str(clock.now))
        if clock.now >= 1600.0 and server.states[RUN_IDS[0]].is_running():
            server.states[RUN_IDS[0]] = Completed()
            server.states[RUN_IDS[1]] = Running()
        if clock.now >= 1700.0:
            server.states[RUN_IDS[1]] = Completed()

    clock.sleep = sleep  # type: ignore[method-assign]

    assert [r.id for r in watch.finished(poll_s=1.0)] == RUN_IDS[:2]


def test_running_parts_that_beat_are_not_lost_while_their_worker_shows_offline(
    server: Server, tmp_path: Path
) -> None:
    server.states = {RUN_IDS[0]: Running()}
    server.online = False
    clock: Clock = runner.time  # type: ignore[attr-defined,assignment]
    original = clock.sleep

    def sleep(seconds: float) -> None:
        original(seconds)
        (tmp_path / "part-0.alive").write_text(str(clock.now))
        if clock.now >= 2000.0:
            server.states[RUN_IDS[0]] = Completed()

    clock.sleep = sleep  # type: ignore[method-assign]

    assert [r.id for r in _watch(tmp_path, parts=1).finished(poll_s=1.0)] == [RUN_IDS[0]]


def test_a_part_without_a_state_yet_is_waited_for(server: Server, tmp_path: Path) -> None:
    server.states = {RUN_IDS[0]: Completed()}
    watch = _watch(tmp_path, parts=1)
    without = FlowRun(id=RUN_IDS[0], name="scores-part-1-of-3", flow_id=RUN_IDS[0], state=None)

    watch._check([without], server)  # no error: it is simply not there yet

    assert watch.since[RUN_IDS[0]][0] is None


def test_a_work_pool_that_does_not_exist_is_refused_with_the_fix(server: Server) -> None:
    with pytest.raises(KippError) as raised:
        check_work_pool("kipp-salah")

    assert _message(raised.value) == (
        "there is no work pool kipp-salah on this Prefect server",
        "check its name (prefect work-pool ls), or create it: prefect work-pool create "
        "kipp-salah --type process, then deploy kipp-partition there (see docs/scale-out.md)",
    )


def test_a_work_pool_without_a_worker_online_is_refused_before_the_run(
    server: Server, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(runner, "partition_deployment", lambda pool: uuid.UUID(int=7))
    server.online = False

    with pytest.raises(KippError) as raised:
        check_work_pool("kipp")

    assert _message(raised.value)[0] == "no worker of work pool kipp is running"
    server.online = True
    check_work_pool("kipp")  # a worker online: the run goes on


def test_a_work_pool_and_a_dask_cluster_together_are_refused() -> None:
    params = RunParameters(batch=".", work_pool="kipp", dask_address="tcp://127.0.0.1:8786")

    with pytest.raises(KippError) as raised:
        check_where(params)

    assert _message(raised.value) == (
        "--work-pool and --dask-address given together; the parts of scoring run in one place only",
        "choose one: --work-pool NAME for Prefect workers, or --dask-address / --dask for a "
        "Dask cluster",
    )


@pytest.fixture
def web_port() -> Iterator[int]:
    """A port where a web server answers (as a Dask dashboard does), not a Dask scheduler."""

    class Quiet(http.server.BaseHTTPRequestHandler):
        def log_message(self, *_: Any) -> None:  # no request log on the test's output
            return None

    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Quiet)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    try:
        yield httpd.server_address[1]
    finally:
        httpd.shutdown()
        httpd.server_close()


def test_a_dask_address_where_something_else_answers_is_refused_in_seconds(web_port: int) -> None:
    address = f"tcp://127.0.0.1:{web_port}"

    with pytest.raises(KippError) as raised:
        check_dask_scheduler(address, timeout_s=1.0)

    assert _message(raised.value) == (
        f"no Dask scheduler answered at {address} within 1 seconds",
        "check that the scheduler runs (dask scheduler) and that the address has the "
        "scheduler's port (8786 by default), not the dashboard's (8787)",
    )


@pytest.mark.parametrize("address", ["http://127.0.0.1:8787", "tcp://127.0.0.1"])
def test_a_dask_address_dask_cannot_read_is_refused_with_the_form_it_takes(address: str) -> None:
    with pytest.raises(KippError) as raised:
        check_dask_scheduler(address, timeout_s=1.0)

    assert _message(raised.value, Lang.ID) == (
        f"{address} bukan alamat penjadwal Dask",
        "tulis alamat penjadwalnya dengan port, misalnya tcp://HOST:8786 (bukan alamat dasbor "
        "http://...)",
    )


def test_a_dask_scheduler_passes_and_a_workers_address_is_refused() -> None:
    distributed = pytest.importorskip("distributed")
    with distributed.LocalCluster(
        n_workers=1, processes=False, dashboard_address=None, protocol="tcp://", host="127.0.0.1"
    ) as cluster:
        check_dask_scheduler(cluster.scheduler_address, timeout_s=5.0)
        [worker] = cluster.scheduler_info["workers"]
        with pytest.raises(KippError) as raised:
            check_dask_scheduler(worker, timeout_s=5.0)

    assert _message(raised.value)[0] == f"{worker} is a Dask Worker, not its scheduler"


def test_a_tls_address_without_the_clients_certificates_is_refused_with_the_fix() -> None:
    with pytest.raises(KippError) as raised:
        check_dask_scheduler("tls://127.0.0.1:8786", timeout_s=1.0)

    assert _message(raised.value)[0] == (
        "no Dask scheduler answered at tls://127.0.0.1:8786 within 1 seconds"
    )


def test_more_parts_than_the_server_returns_at_once_are_all_watched(
    server: Server, tmp_path: Path
) -> None:
    many = {uuid.UUID(int=1000 + i): i for i in range(250)}
    server.states = {run: Completed() for run in many}
    watch = _Watch("kipp", "scores", many, [tmp_path / f"part-{i}.alive" for i in range(250)])

    assert len(list(watch.finished(poll_s=1.0))) == 250
    assert server.asked == [200, 50]  # one poll, in two pages
