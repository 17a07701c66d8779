"""The pipeline's stages as Prefect tasks: what the flow adds around the domain's stages.

Each stage runs as a task named after it. A stage declared `cached` is keyed by the content
of the inputs it names (`kipp.core.caching.value_digest`) and the code version, and its
result is persisted under `<cache dir>/prefect-results/` (as JSON of the stage's type:
`stored`): a re-run takes it back instead of computing it. A stage declared `io` is
retried on transient I/O (`retries.IO_RETRIES`). A split stage runs its parts as concurrent
tasks, on the flow's task runner, on a local Dask cluster or an existing one (its
scheduler's address), or as flow runs of the `kipp-partition` deployment picked up by the
Prefect workers of a work pool; a progress artifact moves as parts finish. Stages read
ahead while the embedded server started (`prefetch`) are handed over instead of run again.

Parts on a work pool exchange their inputs and outputs through the results storage
(`<cache dir>/prefect-results/partitions/<run>/<part>.{in,out}.pickle`): every worker mounts
the same cache folder ($KIPP_CACHE_DIR), and is named the part's path relative to it, so the
folder may be mounted at a different place on each machine.

Task inputs are passed `opaque`: Prefect visits every element of a task's inputs to find
futures and record dependencies, and on thousands of proposals that walk took minutes.
"""

from __future__ import annotations

import asyncio
import contextlib
import pickle
import shutil
import threading
import time
import uuid
from collections.abc import Iterator, Mapping, Sized
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, NoReturn, TypeVar, cast

from prefect import Task, get_run_logger, task
from prefect.cache_policies import NO_CACHE
from prefect.client.orchestration import get_client
from prefect.client.schemas.filters import (
    FlowFilter,
    FlowFilterName,
    FlowRunFilter,
    FlowRunFilterId,
    WorkPoolFilter,
    WorkPoolFilterName,
)
from prefect.client.schemas.objects import FlowRun, State, StateType, WorkerStatus
from prefect.context import TaskRunContext
from prefect.exceptions import ObjectNotFound
from prefect.futures import PrefectFuture, as_completed
from prefect.states import Cancelled, Cancelling, Crashed
from prefect.utilities.annotations import quote

from kipp.core.atomic import write_atomic
from kipp.core.caching import cache_dir, code_version, digest, value_digest
from kipp.core.i18n import Lang, render
from kipp.core.problems import KippError
from kipp.pipeline import PIPELINE, Split, Stage, merge
from kipp_app.flows import prefetch, progress, signals, stored
from kipp_app.flows.artifacts import Progress
from kipp_app.flows.retries import IO_RETRIES
from kipp_app.flows.stored import StageOutputSerializer

T = TypeVar("T")


def opaque(value: T) -> T:
    """`value`, passed to a task without Prefect walking through it."""
    return cast(T, quote(value))


def results_storage() -> Path:
    """Where cached task results are persisted: `<cache dir>/prefect-results/` (a path, which
    Prefect turns into a local file system on the machine that runs the task)."""
    return cache_dir() / "prefect-results"


def stage_key(stage: Stage, inputs: Mapping[str, object]) -> str:
    """The cache key of a cached stage's output: its name, the code and its key inputs."""
    parts = (value_digest(inputs[name]) for name in stage.key_inputs)
    return f"kipp-{stage.name}-{digest(code_version(), *parts)}"


def _task_key(context: TaskRunContext, parameters: dict[str, Any]) -> str:
    return stage_key(PIPELINE[parameters["name"]], parameters["inputs"])


class Packed:
    """A part's inputs as one plain object, for the Dask runner: it walks and rebuilds every
    parameter, which would unwrap `opaque` and cost the walk this module avoids; it does not
    look inside a plain object."""

    __slots__ = ("inputs", "name")

    def __init__(self, name: str, inputs: dict[str, object]) -> None:
        self.name = name
        self.inputs = inputs


def _packed_key(context: TaskRunContext, parameters: dict[str, Any]) -> str:
    packed: Packed = parameters["packed"]
    return stage_key(PIPELINE[packed.name], packed.inputs)


def _run(name: str, inputs: dict[str, object]) -> object:
    return PIPELINE[name].function(**inputs)


def _run_packed(packed: Packed) -> object:
    return PIPELINE[packed.name].function(**packed.inputs)


_stage_task: Task[..., object] = task(_run)
_packed_task: Task[..., object] = task(_run_packed)


def _options(stage: Stage, storage: Path, key: Any) -> dict[str, Any]:
    if stage.cached:
        options: dict[str, Any] = {
            "cache_key_fn": key,
            "persist_result": True,
            "result_storage": storage,
            "result_serializer": StageOutputSerializer(stage=stage.name),
        }
    else:
        options = {"cache_policy": NO_CACHE}
    if stage.io:
        options |= IO_RETRIES
    return {"name": stage.name.replace("_", "-"), **options}


LOCAL_PARTS = 4
"""The most parts a split stage runs in on the flow's own task runner, unless a part size is
given: its threads share one interpreter, so more parts would only add task runs (each a
thread and calls to the server), not speed; four let the progress artifact move."""


def local_part_size(inputs: Mapping[str, object], over: str, size: int) -> int:
    """The part size of a split stage on the flow's own task runner: the stage's `size`, or
    larger so that there are at most `LOCAL_PARTS` parts."""
    items: Sized = inputs[over]  # type: ignore[assignment]
    return max(size, -(-len(items) // LOCAL_PARTS))


class PrefectRunner:
    """Runs each stage as a Prefect task of the current flow run (one that waits for a person
    in the flow run itself, which alone can pause or be suspended); split stages in parts
    (`part_size`): as flow runs of the `kipp-partition` deployment of `work_pool` when given,
    else on the Dask cluster at `dask_address` when given, else on a local Dask cluster of
    `dask_workers` processes when `dask`, else on the flow's task runner. Logs each stage's
    summary in `lang`."""

    def __init__(
        self,
        lang: Lang,
        dask: bool = False,
        dask_workers: int = 2,
        *,
        dask_address: str | None = None,
        work_pool: str | None = None,
        partition_size: int | None = None,
    ) -> None:
        self.lang = lang
        self.dask = dask
        self.dask_workers = dask_workers
        self.dask_address = dask_address or None
        self.work_pool = work_pool or None
        self.partition_size = partition_size or None
        self.storage = results_storage()  # per run: $KIPP_CACHE_DIR may change between runs

    def __call__(self, stage: Stage, inputs: Mapping[str, object]) -> object:
        signals.reclaim()  # `kipp run`'s Ctrl-C and SIGTERM, not the engine's, if it has them
        taken = prefetch.take(stage, inputs)
        if taken is not None:
            return taken.value
        given = dict(inputs)
        if stage.split is not None:
            return self._parts(stage, given)
        progress.started(stage.name)
        if stage.waits:  # in the flow run itself: only a flow run can pause or be suspended
            output = stage.function(**given)
        else:
            run = _stage_task.with_options(**_options(stage, self.storage, _task_key))
            try:
                output = run(stage.name, opaque(given))
            finally:
                stored.forget(stage.name)  # what a cache hit read, held for its second read
        progress.finished(stage.name)
        return output

    def part_size(self, split: Split, inputs: Mapping[str, object]) -> int:
        """How many proposals each part of a split stage holds: the run's `partition_size`
        when given; else on the flow's own task runner `local_part_size`; else (Dask, a
        work pool) the stage's own size."""
        if self.partition_size is not None:
            return self.partition_size
        if self.work_pool is None and self.dask_address is None and not self.dask:
            return local_part_size(inputs, split.over, split.size)
        return split.size

    def after(self, stage: Stage, output: object) -> None:
        """Log the stage's one-line summary, if it has one."""
        if stage.summary is not None:
            get_run_logger().info("%s", render(stage.summary(output), self.lang))

    def _parts(self, stage: Stage, inputs: dict[str, object]) -> object:
        assert stage.split is not None
        parts = stage.split.parts(inputs, self.part_size(stage.split, inputs))
        artifact = Progress(len(parts), stage.name, self.lang)
        progress.started(stage.name, len(parts))
        outputs: dict[int, Mapping[str, Any]] = {}

        def collect(futures: list[PrefectFuture[Any]]) -> None:
            order = {id(f): i for i, f in enumerate(futures)}
            done((order[id(future)], future.result()) for future in as_completed(futures))

        def done(finished: Iterator[tuple[int, Mapping[str, Any]]]) -> None:
            for index, output in finished:
                outputs[index] = output
                artifact.step()
                progress.advanced(stage.name)

        try:
            if self.work_pool is not None:
                done(on_work_pool(self.work_pool, stage, parts, self.storage))
            elif self.dask or self.dask_address is not None:
                self._on_dask(stage, parts, collect)
            else:
                run = _stage_task.with_options(**_options(stage, self.storage, _task_key))
                collect([run.submit(stage.name, opaque(part)) for part in parts])
        finally:
            stored.forget(stage.name)  # see `__call__`
        progress.finished(stage.name)
        return merge(outputs[i] for i in range(len(parts)))

    def _on_dask(self, stage: Stage, parts: list[dict[str, object]], collect: Any) -> None:
        try:
            from prefect_dask.task_runners import DaskTaskRunner
        except ImportError as exc:  # the optional extra is not installed
            raise DaskMissingError() from exc
        # Every Dask submission carries the flow run's context, which carries the flow:
        # cloudpickle pickles the flow's function by value with every module global it
        # names, so nothing big may be a module global named by the flow.
        run = _packed_task.with_options(**_options(stage, self.storage, _packed_key))
        if self.dask_address is not None:
            # an existing cluster: its workers report to the server they were started with
            # (PREFECT_API_URL in their environment) and read the shared cache folder
            dask_runner = DaskTaskRunner(address=self.dask_address)
        else:
            cluster = {
                "n_workers": self.dask_workers,
                "threads_per_worker": 1,
                "processes": True,
                "host": "127.0.0.1",  # scheduler and workers listen on this machine only
                "dashboard_address": None,
                # the workers report to this run's server, also the embedded one (else each
                # worker process would start a server of its own)
                "env": {"PREFECT_API_URL": current_api_url()},
            }
            dask_runner = DaskTaskRunner(cluster_kwargs=cluster)
        with dask_runner:
            collect(
                [
                    dask_runner.submit(run, parameters={"packed": Packed(stage.name, part)})
                    for part in parts
                ]
            )


PARTITION_FLOW = "kipp-partition"
PARTITIONS = "partitions"  # the exchange folder under the results storage
POLL_S = 1.0


def part_path(storage: Path, part: str, side: str) -> Path:
    """Where part `part` (its path relative to the results storage) keeps its inputs
    (`side` "in") or its output ("out")."""
    return storage / f"{part}.{side}.pickle"


def write_part(storage: Path, part: str, side: str, value: object) -> None:
    """Write a part's inputs or output to the shared storage, whole or not at all. Only the
    inputs make the run's exchange folder: an output whose folder is gone (the run failed
    or was stopped, and removed it) is not written."""
    path = part_path(storage, part, side)
    if side == "in":
        path.parent.mkdir(parents=True, exist_ok=True)
    elif not path.parent.is_dir():
        raise KippError.of("error.partition_gone", None, part=part)
    write_atomic(path, pickle.dumps(value, protocol=pickle.HIGHEST_PROTOCOL))


def read_part(storage: Path, part: str, side: str) -> Any:
    """A part's inputs or output from the shared storage; a missing file is a worker that
    does not see the run's storage, said so."""
    path = part_path(storage, part, side)
    try:
        data = path.read_bytes()
    except FileNotFoundError:
        error = PartInputMissingError.of(
            "error.partition_file_missing",
            "hint.partition_file_missing",
            part=part,
            path=str(path),
        )
        raise error from None
    return pickle.loads(data)  # written by this run to its own storage


DASK_CONNECT_S = 10.0  # how long an existing Dask scheduler has to answer


def check_dask_scheduler(address: str, timeout_s: float = DASK_CONNECT_S) -> None:
    """Fail in seconds, with the fix, unless a Dask scheduler answers at `address`: a wrong
    scheme or port, nobody listening, or something else listening (the dashboard's port)
    would otherwise fail the run only at its split stage, or hang it."""
    try:
        from distributed.core import rpc
        from distributed.security import Security
    except ImportError:  # the optional extra is not installed
        raise KippError.of("error.dask_missing", "hint.dask_missing") from None
    # the client's TLS settings from Dask's configuration, as the task runner's client uses
    connection = Security().get_connection_args("client")  # type: ignore[no-untyped-call]

    async def identity() -> dict[str, Any]:
        scheduler = rpc(  # type: ignore[no-untyped-call]
            address, timeout=timeout_s, connection_args=connection
        )
        try:
            answer: dict[str, Any] = await scheduler.identity()
            return answer
        finally:
            await scheduler.close_rpc()  # type: ignore[no-untyped-call]

    try:
        found = asyncio.run(asyncio.wait_for(identity(), timeout_s))
    except ValueError as exc:  # not an address Dask reads
        raise KippError.of(
            "error.dask_address_invalid", "hint.dask_address_invalid", address=address
        ) from exc
    except (OSError, TimeoutError, TypeError) as exc:
        # nobody answers, or not as a scheduler does (TypeError: a tls:// address without
        # the certificates Dask's configuration would name)
        raise KippError.of(
            "error.dask_unreachable",
            "hint.dask_unreachable",
            address=address,
            seconds=round(timeout_s),
        ) from exc
    if found.get("type") != "Scheduler":  # a worker's address, say
        raise KippError.of(
            "error.dask_not_scheduler",
            "hint.dask_unreachable",
            address=address,
            kind=str(found.get("type", "?")),
        )


def check_work_pool(pool: str) -> None:
    """Fail in seconds, with the fix, unless work pool `pool` exists, holds a deployment of
    the `kipp-partition` flow and has a worker online: without one its parts would wait
    for ever."""
    with get_client(sync_client=True) as client:
        try:
            client.read_work_pool(pool)
        except ObjectNotFound:
            raise KippError.of(
                "error.work_pool_missing", "hint.work_pool_missing", pool=pool
            ) from None
        workers = client.read_workers_for_work_pool(pool)
    partition_deployment(pool)
    if not any(w.status == WorkerStatus.ONLINE for w in workers):
        raise KippError.of("error.work_pool_idle", "hint.work_pool_idle", pool=pool)


def partition_deployment(pool: str) -> uuid.UUID:
    """The id of a deployment of the `kipp-partition` flow in work pool `pool`."""
    with get_client(sync_client=True) as client:
        found = client.read_deployments(
            flow_filter=FlowFilter(name=FlowFilterName(any_=[PARTITION_FLOW])),
            work_pool_filter=WorkPoolFilter(name=WorkPoolFilterName(any_=[pool])),
        )
    if not found:
        raise KippError.of(
            "error.partition_deployment_missing", "hint.partition_deployment_missing", pool=pool
        )
    return sorted(found, key=lambda d: d.name)[0].id


BEAT_S = 10.0  # how often a part's flow run says, through the shared folder, that it runs
# Generous limits: a part's process may load kipp from a cold network folder, or a
# container's image may be pulled, before it runs (Pending); a mounted bucket may show a
# file's new content only after its metadata cache expires (a minute, commonly).
PENDING_LIMIT_S = 600.0  # a part taken by a worker and not started after this is lost
SILENT_LIMIT_S = 180.0  # a running part not heard from for this long is lost
IDLE_LIMIT_S = 300.0  # parts waiting while no worker of the pool is online: lost after this
WORKERS_EVERY_S = 10.0  # how often the pool's workers are looked at while parts wait
SERVER_PAGE = 200  # the most flow runs the server returns for one query


@dataclass
class _InFlight:
    """The parts of a work-pool run not yet finished: their flow runs and exchange folder,
    for `cancel_parts` when the run stops or fails."""

    runs: set[uuid.UUID] = field(default_factory=set)
    folders: set[Path] = field(default_factory=set)
    lock: threading.Lock = field(default_factory=threading.Lock)


_in_flight = _InFlight()


def cancel_parts(
    client: Any,
    runs: set[uuid.UUID] | None = None,
    folders: set[Path] | None = None,
    lost: uuid.UUID | None = None,
) -> None:
    """Cancel the flow runs of parts not yet finished (a running one is told to stop, its
    worker ends it; a waiting one is cancelled; `lost`, whose worker is gone, is marked
    crashed) and remove their exchange folders: `runs` and `folders` (one call's), else
    every part this process has in flight (the process is stopping). Called when the run
    fails or is stopped, so no worker goes on with its parts."""
    with _in_flight.lock:
        runs = set(_in_flight.runs) if runs is None else runs
        folders = set(_in_flight.folders) if folders is None else folders
        _in_flight.runs.difference_update(runs)
        _in_flight.folders.difference_update(folders)
    message = "the kipp run it is part of stopped"
    for flow_run in _flow_runs(client, runs):
        state = flow_run.state
        if state is None or state.is_final():
            continue
        stop: State[Any]
        if flow_run.id == lost:
            stop = Crashed(message="its worker stopped answering")
        elif state.is_running():
            stop = Cancelling(message=message)
        else:
            stop = Cancelled(message=message)
        client.set_flow_run_state(flow_run.id, stop, force=True)
    for folder in folders:
        shutil.rmtree(folder, ignore_errors=True)


def _flow_runs(client: Any, ids: set[uuid.UUID]) -> list[FlowRun]:
    """The flow runs `ids`, read in pages of what the server returns at once."""
    ordered = sorted(ids)
    found: list[FlowRun] = []
    for start in range(0, len(ordered), SERVER_PAGE):
        page = ordered[start : start + SERVER_PAGE]
        found += client.read_flow_runs(
            flow_run_filter=FlowRunFilter(id=FlowRunFilterId(any_=page)), limit=len(page)
        )
    return found


def beat_path(storage: Path, part: str) -> Path:
    """The file a running part rewrites every `BEAT_S` seconds (a count), for the run to
    tell a part that runs from one whose worker died."""
    return storage / f"{part}.alive"


@contextmanager
def beating(storage: Path, part: str, every_s: float = BEAT_S) -> Iterator[None]:
    """While the block runs, rewrite the part's beat file every `every_s` seconds."""
    path, done = beat_path(storage, part), threading.Event()

    def beat() -> None:
        count = 0
        while True:
            count += 1
            # a plain write (a reader that catches it half written sees a change all the
            # same), never making the folder: once the run has removed it, the beat ends
            try:
                path.write_bytes(str(count).encode())
            except FileNotFoundError:
                return
            except OSError:  # a missed beat is a late one, not an error
                pass
            if done.wait(every_s):
                return

    beater = threading.Thread(target=beat, name="kipp-part-beat", daemon=True)
    beater.start()
    try:
        yield
    finally:
        done.set()
        beater.join()


def on_work_pool(
    pool: str,
    stage: Stage,
    parts: list[dict[str, object]],
    storage: Path,
    poll_s: float = POLL_S,
) -> Iterator[tuple[int, Mapping[str, Any]]]:
    """Run each part as a flow run of the `kipp-partition` deployment in work pool `pool`
    (a subflow of this run), the inputs and outputs exchanged through `storage`; yields
    `(index, output)` as parts finish. A part that does not complete fails the stage with
    its run's state, and so does a part lost with its worker (`_Watch`); the parts not
    finished are then cancelled, and the exchange folder is removed in any case."""
    from prefect.deployments import run_deployment

    deployment = partition_deployment(pool)
    folder = f"{PARTITIONS}/{uuid.uuid4().hex}"
    names = [f"{folder}/{stage.name}-{index:05d}" for index in range(len(parts))]
    with _in_flight.lock:
        _in_flight.folders.add(storage / folder)
    runs: dict[uuid.UUID, int] = {}
    watch: _Watch | None = None
    finished = False
    try:
        for name, part in zip(names, parts, strict=True):
            write_part(storage, name, "in", part)
        for index, name in enumerate(names):
            flow_run: FlowRun = run_deployment(  # type: ignore[assignment] # sync here
                deployment,
                parameters={"stage": stage.name, "part": name},
                timeout=0,  # started, not awaited: the parts run side by side
                flow_run_name=f"{stage.name}-part-{index + 1}-of-{len(parts)}",
            )
            runs[flow_run.id] = index
            with _in_flight.lock:
                _in_flight.runs.add(flow_run.id)
        watch = _Watch(pool, stage.name, runs, [beat_path(storage, n) for n in names])
        for flow_run in watch.finished(poll_s):
            index = runs[flow_run.id]
            state = flow_run.state
            if state is not None and PartInputMissingError.__name__ in (state.message or ""):
                # the worker does not see this run's storage: said in the run's language
                raise PartFailedError.of(
                    "error.partition_unshared",
                    "hint.partition_file_missing",
                    part=index + 1,
                    stage=stage.name,
                    run=flow_run.name,
                    path=str(part_path(storage, names[index], "in")),
                )
            if state is None or not state.is_completed():
                raise PartFailedError.of(
                    "error.partition_failed",
                    "hint.partition_failed",
                    part=index + 1,
                    stage=stage.name,
                    state=(state.name or state.type.value) if state is not None else "?",
                    run=flow_run.name,
                    message=(state.message or "") if state is not None else "",
                )
            yield index, read_part(storage, names[index], "out")
        finished = True
    finally:
        if not finished:  # failed or stopped: no worker goes on with the other parts
            with contextlib.suppress(Exception), get_client(sync_client=True) as client:
                gone = watch.lost if watch is not None else None
                cancel_parts(client, set(runs), {storage / folder}, gone)
        with _in_flight.lock:
            _in_flight.runs.difference_update(runs)
            _in_flight.folders.discard(storage / folder)
        shutil.rmtree(storage / folder, ignore_errors=True)


_QUEUED = (StateType.SCHEDULED, StateType.PENDING)  # a part not yet running on a worker


class _Watch:
    """Waits for the parts' flow runs. Prefect marks a run whose worker died only when a
    server-side automation is set up for it, so the watch tells a lost part by itself: one
    a worker took (Pending) but has not started within `PENDING_LIMIT_S`; one running whose
    beat file (`beating`) has not changed for `SILENT_LIMIT_S`; parts waiting while no
    worker of the pool has been online for `IDLE_LIMIT_S`. Times are this process's, so
    the machines' clocks need not agree."""

    def __init__(
        self, pool: str, stage: str, runs: Mapping[uuid.UUID, int], beats: list[Path]
    ) -> None:
        self.pool, self.stage, self.runs, self.beats = pool, stage, runs, beats
        now = time.monotonic()
        self.since: dict[uuid.UUID, tuple[StateType | None, float]] = {}
        self.heard: dict[uuid.UUID, tuple[bytes | None, float]] = {r: (None, now) for r in runs}
        self.workers_seen = now  # when a worker of the pool was last seen online
        self.workers_checked = now
        self.lost: uuid.UUID | None = None  # the part found lost, if any

    def finished(self, poll_s: float) -> Iterator[FlowRun]:
        """The flow runs, each once, as they reach a final state; raises for a lost part."""
        waiting = set(self.runs)
        with get_client(sync_client=True) as client:
            while waiting:
                found = _flow_runs(client, waiting)
                final = [r for r in found if r.state is not None and r.state.is_final()]
                for flow_run in sorted(final, key=lambda r: self.runs[r.id]):
                    waiting.discard(flow_run.id)
                    yield flow_run
                if waiting:
                    self._check([r for r in found if r.id in waiting], client)
                    time.sleep(poll_s)

    def _check(self, waiting: list[FlowRun], client: Any) -> None:
        now = time.monotonic()
        for run in waiting:
            kind = run.state.type if run.state is not None else None
            if run.id not in self.since or self.since[run.id][0] != kind:
                self.since[run.id] = (kind, now)
                if kind is StateType.RUNNING:  # silence counts from its start, not before
                    self.heard[run.id] = (self.heard[run.id][0], now)
            since = self.since[run.id][1]
            if kind is StateType.PENDING and now - since > PENDING_LIMIT_S:
                self._lost(run, "error.partition_not_started", PENDING_LIMIT_S)
            if kind is StateType.RUNNING and now - self._heard(run, now) > SILENT_LIMIT_S:
                self._lost(run, "error.partition_silent", SILENT_LIMIT_S)
        # waiting for a worker: a running part is watched by its beats instead (its worker
        # may show offline while the part's own process goes on)
        queued = [r for r in waiting if r.state is None or r.state.type in _QUEUED]
        if not queued:
            self.workers_seen = now
        elif now - self.workers_checked >= WORKERS_EVERY_S:
            self.workers_checked = now
            workers = client.read_workers_for_work_pool(self.pool)
            if any(w.status == WorkerStatus.ONLINE for w in workers):
                self.workers_seen = now
            elif now - self.workers_seen > IDLE_LIMIT_S:
                raise PartFailedError.of(
                    "error.work_pool_gone",
                    "hint.work_pool_idle",
                    pool=self.pool,
                    parts=len(queued),
                    seconds=round(IDLE_LIMIT_S),
                )

    def _heard(self, run: FlowRun, now: float) -> float:
        """When the part's beat file last changed (or, before its first beat, when the part
        was first seen running or the watch began), by this clock."""
        try:
            beat: bytes | None = self.beats[self.runs[run.id]].read_bytes()
        except OSError:
            beat = None
        last, at = self.heard[run.id]
        if beat is not None and beat != last:
            self.heard[run.id] = (beat, now)
            return now
        return at

    def _lost(self, run: FlowRun, key: str, limit_s: float) -> NoReturn:
        self.lost = run.id
        raise PartFailedError.of(
            key,
            "hint.partition_lost",
            part=self.runs[run.id] + 1,
            stage=self.stage,
            run=run.name,
            seconds=round(limit_s),
        )


def run_part(stage_name: str, part: str, storage: Path) -> int:
    """What a `kipp-partition` flow run does: the part's inputs read from `storage`, the
    stage run on them as `kipp run` runs a part (a task, cached by content when the stage
    is), the output written back; the number of values it gave."""
    stage = PIPELINE[stage_name]
    with beating(storage, part):  # from the start: reading the inputs may take a while
        inputs: dict[str, object] = read_part(storage, part, "in")
        run = _stage_task.with_options(**_options(stage, storage, _task_key))
        output = cast(Mapping[str, Any], run(stage.name, opaque(inputs)))
        write_part(storage, part, "out", output)
    return len(output)


class PartFailedError(KippError):
    """A part of a split stage failed or was lost on its worker: the run failed (not a
    usage problem)."""


class PartInputMissingError(KippError):
    """A worker found no inputs for its part: it does not see the run's shared storage."""


class DaskMissingError(RuntimeError):
    """`--dask` without the optional Dask extra installed."""


def current_api_url() -> str:
    """The API this flow run reports to (the embedded server's address when there is no
    PREFECT_API_URL)."""
    with get_client(sync_client=True) as client:
        return str(client.api_url).rstrip("/")
