"""The pipeline's stages as Prefect tasks: what the flow adds around the domain's stages.

Each stage runs as a task named after it. A stage declared `cached` is keyed by the content
of the inputs it names (`kipp.core.caching.value_digest`) and the code version, and its
result is persisted under `<cache dir>/prefect-results/`: a re-run takes it back instead of
computing it. A stage declared `io` is retried on transient I/O (`retries.IO_RETRIES`). A
split stage runs its parts as concurrent tasks, on the flow's task runner or on a local Dask
cluster, and a progress artifact moves as parts finish. Stages read ahead while the
embedded server started (`prefetch`) are handed over instead of run again.

Task inputs are passed `opaque`: Prefect visits every element of a task's inputs to find
futures and record dependencies, and on thousands of proposals that walk took minutes.
"""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path
from typing import Any, TypeVar, cast

from prefect import Task, get_run_logger, task
from prefect.cache_policies import NO_CACHE
from prefect.client.orchestration import get_client
from prefect.context import TaskRunContext
from prefect.futures import PrefectFuture, as_completed
from prefect.utilities.annotations import quote

from kipp.core.caching import cache_dir, code_version, digest, value_digest
from kipp.core.i18n import Lang, render
from kipp.pipeline import PIPELINE, Stage, merge
from kipp_app.flows import prefetch, progress, signals
from kipp_app.flows.artifacts import Progress
from kipp_app.flows.retries import IO_RETRIES

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
        }
    else:
        options = {"cache_policy": NO_CACHE}
    if stage.io:
        options |= IO_RETRIES
    return {"name": stage.name.replace("_", "-"), **options}


class PrefectRunner:
    """Runs each stage as a Prefect task of the current flow run; split stages in parts, on
    a local Dask cluster of `dask_workers` processes when `dask`. Logs each stage's summary
    in `lang`."""

    def __init__(self, lang: Lang, dask: bool = False, dask_workers: int = 2) -> None:
        self.lang = lang
        self.dask = dask
        self.dask_workers = dask_workers
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
        run = _stage_task.with_options(**_options(stage, self.storage, _task_key))
        output = run(stage.name, opaque(given))
        progress.finished(stage.name)
        return output

    def after(self, stage: Stage, output: object) -> None:
        """Log the stage's one-line summary, if it has one."""
        if stage.summary is not None:
            get_run_logger().info("%s", render(stage.summary(output), self.lang))

    def _parts(self, stage: Stage, inputs: dict[str, object]) -> object:
        assert stage.split is not None
        parts = stage.split.parts(inputs)
        artifact = Progress(len(parts), stage.name, self.lang)
        progress.started(stage.name, len(parts))
        outputs: dict[int, Mapping[str, Any]] = {}

        def collect(futures: list[PrefectFuture[Any]]) -> None:
            order = {id(f): i for i, f in enumerate(futures)}
            for future in as_completed(futures):
                outputs[order[id(future)]] = future.result()
                artifact.step()
                progress.advanced(stage.name)

        if self.dask:
            self._on_dask(stage, parts, collect)
        else:
            run = _stage_task.with_options(**_options(stage, self.storage, _task_key))
            collect([run.submit(stage.name, opaque(part)) for part in parts])
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
        run = _packed_task.with_options(**_options(stage, self.storage, _packed_key))
        with DaskTaskRunner(cluster_kwargs=cluster) as dask_runner:
            collect(
                [
                    dask_runner.submit(run, parameters={"packed": Packed(stage.name, part)})
                    for part in parts
                ]
            )


class DaskMissingError(RuntimeError):
    """`--dask` without the optional Dask extra installed."""


def current_api_url() -> str:
    """The API this flow run reports to (the embedded server's address when there is no
    PREFECT_API_URL)."""
    with get_client(sync_client=True) as client:
        return str(client.api_url).rstrip("/")
