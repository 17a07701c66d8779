"""Benchmark at the size of a national year: N = 27,000 proposals against M = 300,000 prior
innovations, and the same pipeline at N/4 and at M/4 for the time exponents.

    .venv/bin/python -m bench.scale                  # 12-25 minutes on the 2-core machine
    .venv/bin/python -m bench.scale --n 2000 --m 20000 --no-save   # a smaller trial

Each size runs the domain pipeline once in a child process (`bench.pipeline`'s `stages`
child: the stage list `kipp run` runs, without Prefect), on an empty kipp cache (a first run:
the corpus is read and indexed), and samples every 0.5 s the summed resident memory of that
child and all its descendants (the intake and scorecard worker processes, the PDF child):
the peak of that sum is the run's memory. A child caught between its start and its own
program (`_sharing_parent`) is not counted: its resident memory is its parent's. The child
also counts each stage's CPU seconds, of all its processes (`bench.procfs`). Figures, the
machine and how busy it was go to `bench/results/<date>-scale.json`; bench/README.md says
what they mean.
"""

from __future__ import annotations

import argparse
import json
import math
import tempfile
import threading
from pathlib import Path
from typing import Any, NamedTuple

from bench.intake import BenchFailed, ensure_batch, machine_info, save_results
from bench.pipeline import base_env, ensure_corpus, run_child, stages_command
from bench.procfs import family, process_stat, processes

TARGET_N, TARGET_M = 27_000, 300_000
TARGET_WALL_S, TARGET_RSS_GB = 120.0, 4.0
SAMPLE_S = 0.5


PF_FORKNOEXEC = 0x40
"""The kernel's flag (in /proc/PID/stat) of a process started by fork that has not yet run a
program of its own."""


class _Memory(NamedTuple):
    """A process's resident memory as /proc/PID/status gives it, in bytes."""

    rss: int  # VmRSS: what the benchmark sums
    own: int  # RssAnon + RssShmem: a forked child's equal its parent's until its own program


def _memory(pid: int) -> _Memory:
    found = {"VmRSS:": 0, "RssAnon:": 0, "RssShmem:": 0}
    try:
        with open(f"/proc/{pid}/status", encoding="ascii", errors="replace") as status:
            for line in status:
                words = line.split()
                if words and words[0] in found:
                    found[words[0]] = int(words[1]) * 1024
    except (OSError, ValueError, IndexError):
        pass
    return _Memory(found["VmRSS:"], found["RssAnon:"] + found["RssShmem:"])


def _flags(pid: int) -> int:
    """The kernel flags of `pid` (0 once it is gone)."""
    found = process_stat(pid)
    return 0 if found is None else found.flags


def _sharing_parent(pid: int, parent: int, memory: dict[int, _Memory]) -> bool:
    """Whether `pid` is caught between its start and its own program: started by fork (or
    vfork, as `subprocess` does) from `parent`, with its parent's arguments and anonymous
    and shared memory (within 2%: the parent may have moved since; a forked child's VmRSS
    lacks its parent's file pages until they are touched, its anonymous memory does not),
    and still not past exec when its kernel flags are read last (exec clears the flag for
    good, so everything read before was the child's before its own program). Such a
    child's pages are its parent's (shared until written, or the very same address space),
    so summing both would count them twice: a 3.5 GB process starting a small program reads
    as 7 GB for that instant. (A fork server's worker whose memory happens to match the
    fork server's, a few tens of MB mostly shared with it, is left out too.)"""
    child, mother = memory[pid], memory.get(parent)
    if mother is None or mother.own == 0 or abs(child.own - mother.own) > mother.own / 50:
        return False
    if _arguments(pid) != _arguments(parent):
        return False
    return bool(_flags(pid) & PF_FORKNOEXEC)


def _arguments(pid: int) -> bytes | None:
    try:
        with open(f"/proc/{pid}/cmdline", "rb") as cmdline:
            return cmdline.read()
    except OSError:
        return None


def tree_rss(root: int) -> tuple[dict[int, int], list[int]]:
    """The resident size (VmRSS) of `root` and each of its descendants, a child still
    sharing its parent's memory (`_sharing_parent`) counted as 0, one that ran its own
    program while it was being read read again; and the children counted as 0."""
    known = processes()
    memory = {pid: _memory(pid) for pid in family(root, known)}
    sharing = []
    for pid in memory:
        if pid == root or not known[pid].flags & PF_FORKNOEXEC:
            continue
        if _sharing_parent(pid, known[pid].parent, memory):
            sharing.append(pid)
        elif not _flags(pid) & PF_FORKNOEXEC:  # it ran its own program since it was read:
            memory[pid] = _memory(pid)  # what was read may have been its parent's
    sizes = {pid: 0 if pid in sharing else found.rss for pid, found in memory.items()}
    return sizes, sharing


def _command(pid: int) -> str:
    """What process `pid` runs, shortened: its arguments up to the first path (a module, a
    fork server's preloads), or "?" once it is gone."""
    try:
        with open(f"/proc/{pid}/cmdline", "rb") as cmdline:
            words = cmdline.read().decode("utf-8", "replace").split("\0")
    except OSError:
        return "?"
    return " ".join(Path(words[0]).name if i == 0 else w for i, w in enumerate(words[:4]))[:80]


def measure(batch: Path, corpus: Path, scratch: Path, label: str) -> dict[str, Any]:
    """One first run of the pipeline at this size: the stages child's figures, its run
    (`bench.pipeline.run_child`) and the peak summed RSS of its process tree."""
    folder = scratch / label
    folder.mkdir(parents=True)
    figures = folder / "stages.json"
    env = {**base_env(folder), "KIPP_BENCH_SPLIT": "0"}  # a fresh kipp cache in `folder`
    peak = {"bytes": 0, "processes": 0, "sharing_samples": 0}
    at_peak: list[tuple[str, int]] = []  # each process's command and RSS (MB) at the peak
    done = threading.Event()

    def sample(root: int) -> None:
        while not done.wait(SAMPLE_S):
            sizes, sharing = tree_rss(root)
            peak["sharing_samples"] += bool(sharing)
            total = sum(sizes.values())
            if total > peak["bytes"]:
                peak.update(bytes=total, processes=len(sizes) - len(sharing))
                at_peak[:] = [
                    (_command(pid), size // 2**20)
                    for pid, size in sizes.items()
                    if pid not in sharing
                ]

    samplers: list[threading.Thread] = []

    def watch(pid: int) -> None:
        samplers.append(threading.Thread(target=sample, args=(pid,), daemon=True))
        samplers[0].start()

    try:
        command = stages_command(batch, corpus, folder / "out", figures)
        run = run_child(command, env, folder / "log", on_start=watch)
    finally:
        done.set()
        for sampler in samplers:
            sampler.join()
    result: dict[str, Any] = json.loads(figures.read_text(encoding="utf-8"))
    result |= {
        "label": label,
        "wall_s": run.seconds,
        "peak_tree_rss_gb": peak["bytes"] / 2**30,
        "processes_at_peak": peak["processes"],
        # samples that caught a child still sharing its parent's memory (not counted)
        "samples_with_sharing_child": peak["sharing_samples"],
        "rss_mb_at_peak": [{"command": command, "rss_mb": mb} for command, mb in at_peak],
        "main_process_peak_rss_gb": run.peak_rss_mb / 1024,
        "cpu_s_main_process": run.cpu_s,
        "others_cpu_s": run.others_cpu_s,
        "files_out": sum(1 for _ in (folder / "out").rglob("*") if _.is_file()),
    }
    return result


def exponent(t_full: float, t_quarter: float) -> float:
    """How time grows between a quarter and the full size: t ~ size ** exponent."""
    return math.log(t_full / t_quarter) / math.log(4)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--n", type=int, default=TARGET_N)
    parser.add_argument("--m", type=int, default=TARGET_M)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--no-save", action="store_true")
    args = parser.parse_args(argv)
    n, m = args.n, args.m
    batch = ensure_batch(n, args.seed, False)[0]
    quarter_batch = ensure_batch(n // 4, args.seed, False)[0]
    corpus, quarter_corpus = ensure_corpus(m, args.seed), ensure_corpus(m // 4, args.seed)
    with tempfile.TemporaryDirectory(prefix="kipp-bench-scale-") as scratch:
        try:
            full = measure(batch, corpus, Path(scratch), "full")
            fewer = measure(quarter_batch, corpus, Path(scratch), "n-quarter")
            smaller = measure(batch, quarter_corpus, Path(scratch), "m-quarter")
        except BenchFailed as exc:
            print(f"\nBENCHMARK FAILED: {exc}")
            return 2
    peak_gb = full["peak_tree_rss_gb"]
    n_exponent = exponent(full["pipeline_s"], fewer["pipeline_s"])
    m_exponent = exponent(full["pipeline_s"], smaller["pipeline_s"])
    rows = [
        ("wall (first run, no Prefect)", f"<= {TARGET_WALL_S:.0f} s", f"{full['wall_s']:.1f} s"),
        ("peak RSS, all processes", f"<= {TARGET_RSS_GB:.0f} GB", f"{peak_gb:.2f} GB"),
        ("time exponent in N (stage sum)", "<= 1", f"{n_exponent:.2f}"),
        ("time exponent in M (stage sum)", "<= 1", f"{m_exponent:.2f}"),
        ("proposals accounted for", "all", f"{full['proposals']}"),
    ]
    print(f"\nN={n:,} x M={m:,} (first run, empty cache)")
    for figure, target, measured in rows:
        print(f"  {figure:<34} {target:>9}  {measured}")
    print(
        "\n  stage seconds (full, N/4, M/4), peak RSS after the stage (full, GB) and the cores"
        "\n  it kept busy (full: CPU seconds of all the run's processes / its seconds):"
    )
    cpu = full.get("stage_cpu_s", {})
    for stage, seconds in full["stages_s"].items():
        if seconds < 0.05:
            continue
        peak = full["stage_peak_rss_mb"].get(stage) or 0.0
        busy = f"{cpu[stage] / seconds:5.2f}" if stage in cpu else "    -"
        print(
            f"    {stage:<12} {seconds:8.1f} {fewer['stages_s'][stage]:8.1f} "
            f"{smaller['stages_s'][stage]:8.1f}   {peak / 1024:5.2f}   {busy}"
        )
    for run in (full, fewer, smaller):
        print(
            f"  {run['label']}: wall {run['wall_s']:.1f} s, stages {run['pipeline_s']:.1f} s, "
            f"main CPU {run['cpu_s_main_process']:.0f} s, other processes' CPU "
            f"{run['others_cpu_s'] or 0:.0f} s, peak RSS {run['peak_tree_rss_gb']:.2f} GB "
            f"({run['processes_at_peak']} processes); samples that caught a child sharing its "
            f"parent's memory, not counted twice: {run['samples_with_sharing_child']}"
        )
        shares = ", ".join(f"{p['command']} {p['rss_mb']} MB" for p in run["rss_mb_at_peak"])
        print(f"    at the peak: {shares}")
    if not args.no_save:
        save_results(
            "scale",
            {
                "machine": machine_info(),
                "n": n,
                "m": m,
                "seed": args.seed,
                "runs": [full, fewer, smaller],
            },
        )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
