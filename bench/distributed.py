"""Distributed benchmark (`make bench`): one batch scored in one process, on a local Dask
cluster and on the Prefect process workers of a work pool; wall times and whether the three
results.json are equal apart from the run's start and end times.

    python -m bench.distributed [--batch submissions/mojokerto-2022 | --n 3500] [--seed 1]
                                [--workers 2] [--partition-size 3] [--no-save]

Starts its own Prefect server (SQLite, 127.0.0.1, a temporary PREFECT_HOME), creates the
process work pool `kipp`, deploys prefect.yaml (`KIPP_HOME` = this checkout) and starts
`--workers` workers of one flow run each, all sharing one cache folder; stops them all at
the end. Then, in this process against that server, each run `kipp run`'s flow
(`kipp_app.flows.run.run_kipp`) with a fresh cache folder so nothing is reused:

- `single process`: the flow's default task runner (threads of this process);
- `dask`: a local Dask cluster of `--workers` processes (its start-up included);
- `work pool`: each part a `kipp-partition` flow run on the pool's workers (their process
  starts included), inputs and outputs through the shared cache folder.

Every route cuts scoring into parts of `--partition-size` proposals (the sample batch has 10
eligible proposals: 4 parts of 3). Prints a table and writes
`bench/results/<YYYY-MM-DD>-distributed.json`. Exit 0 whenever it measured, even if the
results differ (the table says so); 2 when it could not measure.
"""

from __future__ import annotations

import argparse
import os
import re
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from collections.abc import Iterator, Sequence
from contextlib import ExitStack, contextmanager
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from bench.intake import ensure_batch, machine_info, save_results

ROOT = Path(__file__).resolve().parents[1]
SAMPLE = ROOT / "submissions" / "mojokerto-2022"
PREFECT = [sys.executable, "-m", "prefect"]
START_TIMEOUT_S = 180
TIMESTAMPS = re.compile(rb'^    "(started_at|finished_at)": "[^"]*"(,?)$', re.MULTILINE)


class BenchFailed(RuntimeError):
    """The benchmark could not measure."""


def without_timestamps(raw: bytes) -> bytes:
    """results.json with the run's start and end times (and nothing else) masked."""
    return TIMESTAMPS.sub(rb'    "\1": "(time)"\2', raw)


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port: int = probe.getsockname()[1]
        return port


@contextmanager
def _background(command: Sequence[str], env: dict[str, str], log: Path) -> Iterator[None]:
    """A process in its own group, output to `log`; SIGTERM (then SIGKILL) when done."""
    with log.open("wb") as out:
        process = subprocess.Popen(
            list(command), env=env, cwd=ROOT, stdout=out, stderr=subprocess.STDOUT,
            start_new_session=True,
        )  # fmt: skip
    try:
        yield
    finally:
        for sig, wait in ((signal.SIGTERM, 20), (signal.SIGKILL, 10)):
            try:
                os.killpg(process.pid, sig)
                process.wait(timeout=wait)
                break
            except ProcessLookupError:
                break
            except subprocess.TimeoutExpired:
                continue


def _prefect(args: Sequence[str], env: dict[str, str]) -> None:
    done = subprocess.run(
        [*PREFECT, *args], env=env, cwd=ROOT, capture_output=True, text=True, timeout=300
    )
    if done.returncode != 0:
        raise BenchFailed(f"prefect {' '.join(args)}: {done.stdout}\n{done.stderr}")


def _wait_for_health(url: str, log: Path) -> None:
    deadline = time.monotonic() + START_TIMEOUT_S
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(f"{url}/health", timeout=2) as answer:
                if answer.status == 200:
                    return
        except OSError:
            pass
        time.sleep(0.5)
    tail = log.read_text(errors="replace")[-2500:]
    raise BenchFailed(f"the Prefect server did not answer in {START_TIMEOUT_S} s:\n{tail}")


@contextmanager
def stack(scratch: Path, workers: int, cache: Path) -> Iterator[str]:
    """A Prefect server, the work pool `kipp` with prefect.yaml deployed, `workers` process
    workers sharing `cache`; the API's address."""
    port = _free_port()
    api = f"http://127.0.0.1:{port}/api"
    env = {k: v for k, v in os.environ.items() if not k.startswith("PREFECT_")}
    env |= {
        "PREFECT_HOME": str(scratch / "prefect-home"),
        "PREFECT_API_URL": api,
        "PREFECT_SERVER_ANALYTICS_ENABLED": "false",
        "PREFECT_UI_ENABLED": "false",
        "PREFECT_WORKER_QUERY_SECONDS": "2",
        "DO_NOT_TRACK": "1",
        "KIPP_HOME": str(ROOT),
        "KIPP_CACHE_DIR": str(cache),
    }
    with ExitStack() as running:
        server = [*PREFECT, "server", "start", "--host", "127.0.0.1", "--port", str(port)]
        running.enter_context(_background(server, env, scratch / "server.log"))
        _wait_for_health(api, scratch / "server.log")
        _prefect(["work-pool", "create", "kipp", "--type", "process"], env)
        _prefect(["--no-prompt", "deploy", "--all"], env)
        for index in range(workers):
            name = f"bench-worker-{index + 1}"
            worker = [*PREFECT, "worker", "start", "--pool", "kipp", "--name", name]
            log = scratch / f"{name}.log"
            running.enter_context(_background([*worker, "--limit", "1"], env, log))
        yield api


def timed_run(batch: Path, out: Path, cache: Path, **route: Any) -> float:
    """`kipp run`'s flow on `batch` with the cache folder `cache`; wall seconds."""
    from kipp_app.flows.run import RunParameters, run_kipp

    os.environ["KIPP_CACHE_DIR"] = str(cache)
    params = RunParameters(batch=str(batch), out=str(out), **route)
    began = time.perf_counter()
    run_kipp(params)
    return time.perf_counter() - began


def measure(batch: Path, workers: int, part_size: int, scratch: Path) -> dict[str, Any]:
    """Each route's wall seconds and whether its results.json equals the single process's."""
    from prefect.settings import PREFECT_API_URL, temporary_settings

    shared = scratch / "shared-cache"
    routes: dict[str, dict[str, Any]] = {
        "single process": {},
        "dask": {"dask": True, "dask_workers": workers},
        "work pool": {"work_pool": "kipp"},
    }
    found: dict[str, Any] = {}
    with stack(scratch, workers, shared) as api, temporary_settings({PREFECT_API_URL: api}):
        warm = scratch / "warm"  # imports, the server's first answers, the corpus index
        timed_run(batch, warm / "out", warm / "cache", partition_size=part_size)
        for name, route in routes.items():
            key = name.replace(" ", "-")
            cache = shared if name == "work pool" else scratch / f"cache-{key}"
            out = scratch / f"out-{key}"
            print(f"  {name} ...", flush=True)
            seconds = timed_run(batch, out, cache, partition_size=part_size, **route)
            found[name] = {"wall_s": seconds, "results": (out / "results.json").read_bytes()}
            print(f"  {name}: {seconds:.1f} s", flush=True)
    reference = without_timestamps(found["single process"]["results"])
    return {
        name: {
            "wall_s": round(figures["wall_s"], 2),
            "results_equal": without_timestamps(figures["results"]) == reference,
        }
        for name, figures in found.items()
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--batch", type=Path, default=None, help="a batch folder (the sample)")
    parser.add_argument("--n", type=int, default=None, help="a generated batch of N files")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--partition-size", type=int, default=3)
    parser.add_argument("--no-save", action="store_true")
    args = parser.parse_args(argv)
    os.environ.setdefault("DO_NOT_TRACK", "1")
    if args.n is not None:
        batch, _, _ = ensure_batch(args.n, args.seed, regenerate=False)
    else:
        batch = (args.batch or SAMPLE).resolve()
    scratch = Path(tempfile.mkdtemp(prefix="kipp-bench-distributed-"))
    print(f"batch {batch}, {args.workers} workers, parts of {args.partition_size}")
    try:
        routes = measure(batch, args.workers, args.partition_size, scratch)
    except BenchFailed as exc:
        print(f"could not measure: {exc}", file=sys.stderr)
        return 2
    print()
    print(f"{'route':16s} {'wall':>9s}  results.json equal to single process (times apart)")
    for name, figures in routes.items():
        same = "yes" if figures["results_equal"] else "NO: DIFFERENT"
        print(f"{name:16s} {figures['wall_s']:7.1f} s  {same}")
    record = {
        "benchmark": "distributed",
        "date": datetime.now(UTC).isoformat(timespec="seconds"),
        "batch": str(batch.relative_to(ROOT) if batch.is_relative_to(ROOT) else batch),
        "workers": args.workers,
        "partition_size": args.partition_size,
        "routes": routes,
        "machine": machine_info(),
    }
    if not args.no_save:
        save_results("distributed", record)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
