"""Dask benchmark: the scoring stage of `kipp run` at N proposals on Prefect's
default thread pool and on a local Dask cluster (`RunParameters.dask`).

    python -m bench.dask [--n 3500] [--seed 1] [--workers 2] [--reps 2] [--no-save]

Needs the optional Dask packages (`pip install -e '.[dask]'`). Reuses (or generates) the
batch `bench/generated/intake-n{N}-seed{S}/`, runs the pipeline up to the scores' inputs
once (not timed), then, inside one Prefect flow on the embedded server, times the `scores`
stage as `kipp run` runs it (`kipp_app.flows.runner.PrefectRunner`: parts of the stage's
split size, one task each, progress artifact) with a fresh, empty cache every time so
nothing is reused:

- `threads`: the flow's default task runner (threads in this process);
- `dask`: a local Dask cluster of `--workers` processes, its start-up included;
- `dask_cluster_start`: starting and stopping that cluster alone;
- `no_prefect`: the stage's function over the same parts in a plain loop (floor).

Prints the figures and the speed-up (threads / dask) and writes
`bench/results/<YYYY-MM-DD>-dask.json`. Exit 0 whenever it measured.
"""

import argparse
import os
import statistics
import tempfile
import time
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from prefect import flow

from bench.intake import ensure_batch, machine_info, save_results


def measure(batch: Path, workers: int, reps: int) -> dict[str, Any]:
    """The timings, in seconds (every rep), and the counts they were measured on."""
    from distributed import Client, LocalCluster
    from prefect.settings import temporary_settings

    from kipp import pipeline
    from kipp.pipeline import PIPELINE
    from kipp_app.flows.run import client_settings
    from kipp_app.server.embedded import SERVER_ENVIRONMENT

    for name, value in SERVER_ENVIRONMENT.items():
        os.environ.setdefault(name, value)
    started = time.perf_counter()
    given = {"batch_folder": batch, "rubric_path": None, "corpus_path": None}
    values = pipeline.run(("eligible", "novelty"), given)
    stage = PIPELINE["scores"]
    inputs = {name: values[name] for name in stage.inputs}
    passed: list[Any] = values["eligible"]  # type: ignore[assignment]
    prepared_s = time.perf_counter() - started
    print(f"prepared {len(passed)} eligible proposals in {prepared_s:.1f} s")

    timings: dict[str, list[float]] = {
        "threads": [],
        "dask": [],
        "dask_cluster_start": [],
        "no_prefect": [],
    }

    PREPARED.update(inputs=inputs, workers=workers)
    assert stage.split is not None
    parts = stage.split.parts(inputs)

    with temporary_settings(updates=client_settings()):
        scoring(False, tempfile.mkdtemp(prefix="kipp-bench-warm-"))  # server start, imports
        for rep in range(reps):
            for name, use_dask in (("threads", False), ("dask", True)):
                cache = tempfile.mkdtemp(prefix="kipp-bench-dask-")
                seconds = scoring(use_dask, cache)
                timings[name].append(seconds)
                print(f"rep {rep + 1}: {name:8s} {seconds:6.2f} s")
            began = time.perf_counter()
            local = LocalCluster(  # type: ignore[no-untyped-call]
                n_workers=workers, threads_per_worker=1, processes=True
            )
            with local, Client(local):  # type: ignore[no-untyped-call]
                pass
            timings["dask_cluster_start"].append(time.perf_counter() - began)
            began = time.perf_counter()
            for part in parts:
                stage.function(**part)
            timings["no_prefect"].append(time.perf_counter() - began)
    return {
        "proposals": len(values["proposals"]),  # type: ignore[arg-type]
        "eligible": len(passed),
        "chunks": len(parts),
        "chunk_size": stage.split.size,
        "dask_workers": workers,
        "prepare_s": prepared_s,
        "timings_s": timings,
    }


class _Local(dict[str, Any]):
    """A dict that pickles as an empty one. Dask submissions carry the flow run's context,
    and the context carries the flow, whose function cloudpickle pickles by value (the
    module attribute `scoring` is the Flow, not the function; under `python -m` the module
    is `__main__` too), with every global the function names. A plain dict here put the whole
    prepared batch into every submission: pickled, unpickled and hashed 2-3 times by Dask's
    `tokenize`, pickled again to send, unpickled by the worker (seconds per chunk at
    national scale). `kipp run` has no such global."""

    def __reduce_ex__(self, protocol: Any) -> tuple[Any, ...]:
        return (dict, ())


PREPARED: dict[str, Any] = _Local()  # the scoring inputs, prepared once by `measure`


@flow(name="bench-dask-scoring")
def scoring(use_dask: bool, cache: str) -> float:
    """The `scores` stage on the prepared inputs, with `kipp run`'s runner; seconds. The
    inputs come from PREPARED, which pickles empty: the flow (its function by value, with the
    globals it names) travels in every Dask submission with the run's context."""
    from kipp.core.i18n import Lang
    from kipp.pipeline import PIPELINE
    from kipp_app.flows.runner import PrefectRunner

    os.environ["KIPP_CACHE_DIR"] = cache
    runner = PrefectRunner(Lang.EN, dask=use_dask, dask_workers=PREPARED["workers"])
    began = time.perf_counter()
    inputs = PREPARED["inputs"]
    cards = runner(PIPELINE["scores"], inputs)
    assert isinstance(cards, dict) and len(cards) == len(inputs["eligible"])
    return time.perf_counter() - began


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--n", type=int, default=3500)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--reps", type=int, default=2)
    parser.add_argument("--no-save", action="store_true")
    args = parser.parse_args(argv)
    os.environ.setdefault("DO_NOT_TRACK", "1")
    os.environ.setdefault("PREFECT_HOME", tempfile.mkdtemp(prefix="kipp-bench-prefect-"))
    batch, _, _ = ensure_batch(args.n, args.seed, regenerate=False)
    found = measure(batch, args.workers, args.reps)
    median = {k: statistics.median(v) for k, v in found["timings_s"].items()}
    speedup = median["threads"] / median["dask"]
    print()
    print(f"scoring {found['eligible']} eligible proposals in {found['chunks']} chunks:")
    for name, seconds in median.items():
        print(f"  {name:20s} median {seconds:7.2f} s")
    print(f"  speed-up threads/dask: {speedup:.2f}x ({args.workers} Dask worker processes)")
    record = {
        "benchmark": "dask",
        "date": datetime.now(UTC).isoformat(timespec="seconds"),
        "n": args.n,
        "seed": args.seed,
        **found,
        "median_s": median,
        "speedup_threads_over_dask": speedup,
        "machine": machine_info(),
    }
    if not args.no_save:
        save_results("dask", record)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
