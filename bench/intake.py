"""Intake benchmark (`make bench`): `kipp validate` on a generated batch of 3,500 files.

    python -m bench.intake [--n 3500] [--seed 1] [--reps 3] [--regenerate] [--no-profile]
                           [--no-hostile | --hostile-only]

Generates the batch into `bench/generated/` unless it is already there for the same n, seed
and generator (version and source); times the real CLI as a subprocess (wall seconds and
the child's peak RSS), its start-up floor (an empty batch), the in-process `read_proposals` and
its stages, and profiles one in-process run. Then times `kipp validate` on each pathological
spreadsheet of `bench.hostile` alone (target: <= 5 s and <= 500 MB each) and compares kipp's
spreadsheet reader with openpyxl. Prints a table of targets and writes
`bench/results/<date>-intake.json`. Exits non-zero only when the benchmark itself failed
(the CLI crashed or gave no report), not when a target is missed.
"""

from __future__ import annotations

import argparse
import cProfile
import gc
import hashlib
import importlib.metadata
import json
import os
import platform
import pstats
import statistics
import subprocess
import sys
import tempfile
import time
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import asdict, dataclass
from datetime import datetime
from pathlib import Path
from typing import Any

from bench.generate import GENERATOR_VERSION, code_fingerprint, generate_batch, read_manifest

BENCH_DIR = Path(__file__).resolve().parent
GENERATED = BENCH_DIR / "generated"
RESULTS = BENCH_DIR / "results"

TARGET_VALIDATE_SECONDS = 10.0  # for 3,500 files on this 2-core machine
TARGET_N = 3500
TARGET_GENERATE_SECONDS = 5.0  # "writing 3,500 files must itself take only a few seconds"


class BenchFailed(Exception):
    """The benchmark could not measure what it set out to (not a missed target)."""


# --- the batch ----------------------------------------------------------------------------


def ensure_batch(n: int, seed: int, regenerate: bool) -> tuple[Path, dict[str, Any], bool]:
    """The generated batch folder and its manifest; generated unless already there for the
    same n, seed, generator version and generator source. The flag: generated now."""
    folder = GENERATED / f"intake-n{n}-seed{seed}"
    manifest = read_manifest(folder)
    current = (
        manifest is not None
        and manifest.get("version") == GENERATOR_VERSION
        and manifest.get("code") == code_fingerprint()
        and manifest.get("n") == n
        and manifest.get("seed") == seed
    )
    if current and not regenerate and manifest is not None:
        return folder, manifest, False
    return folder, generate_batch(folder, n, seed), True


# --- the CLI as a child process -----------------------------------------------------------------


@dataclass
class ChildRun:
    """One run of a command: wall seconds, the child's CPU seconds and peak RSS, its exit
    status, and the CPU seconds other processes used meanwhile (a busy machine slows it)."""

    seconds: float
    cpu_s: float
    peak_rss_mb: float
    exit_code: int
    others_cpu_s: float | None


def _busy_cpu_seconds() -> float | None:
    """CPU seconds all processes have used since boot (Linux /proc/stat), or None."""
    try:
        fields = Path("/proc/stat").read_text().split("\n", 1)[0].split()[1:]
        ticks = [int(f) for f in fields]
    except (OSError, ValueError):
        return None
    idle = ticks[3] + (ticks[4] if len(ticks) > 4 else 0)  # idle + iowait
    return (sum(ticks[:8]) - idle) / os.sysconf("SC_CLK_TCK")


def kipp_command() -> list[str]:
    """The installed `kipp` script beside this interpreter, else `python -m kipp_app`."""
    script = Path(sys.executable).parent / "kipp"
    return [str(script)] if script.exists() else [sys.executable, "-m", "kipp_app"]


def run_child(command: Sequence[str], stdout: Path) -> ChildRun:
    """Run `command` with stdout to a file; `wait4` gives this child's own peak RSS."""
    env = {**os.environ, "DO_NOT_TRACK": "1"}
    busy_before = _busy_cpu_seconds()
    with stdout.open("wb") as out:
        started = time.perf_counter()
        child = subprocess.Popen(command, stdout=out, stderr=subprocess.PIPE, env=env)
        assert child.stderr is not None
        errors = child.stderr.read()
        _, status, usage = os.wait4(child.pid, 0)
        seconds = time.perf_counter() - started
    child.returncode = os.waitstatus_to_exitcode(status)
    if child.returncode not in (0, 1):
        raise BenchFailed(
            f"{' '.join(command)} exited with {child.returncode}: "
            + errors.decode("utf-8", "replace").strip()[-2000:]
        )
    busy_after = _busy_cpu_seconds()
    cpu = usage.ru_utime + usage.ru_stime
    others = (
        max(0.0, busy_after - busy_before - cpu)
        if busy_before is not None and busy_after is not None
        else None
    )
    return ChildRun(
        seconds=seconds,
        cpu_s=cpu,
        peak_rss_mb=usage.ru_maxrss / 1024,  # ru_maxrss is in KB on Linux
        exit_code=child.returncode,
        others_cpu_s=others,
    )


def time_cli(folder: Path, reps: int, report: Path) -> list[ChildRun]:
    """`kipp validate FOLDER --json`, `reps` times; the last report is kept in `report`."""
    command = [*kipp_command(), "validate", str(folder), "--json"]
    return [run_child(command, report) for _ in range(reps)]


def time_startup(reps: int) -> list[ChildRun]:
    """`kipp validate` on an empty folder: imports, rubric and report, no proposals."""
    with tempfile.TemporaryDirectory(prefix="kipp-bench-empty-") as empty:
        command = [*kipp_command(), "validate", empty, "--json"]
        return [run_child(command, Path(os.devnull)) for _ in range(reps)]


# --- in process -------------------------------------------------------------------------------


def _timed(function: Callable[[], Any]) -> tuple[float, Any]:
    started = time.perf_counter()
    result = function()
    return time.perf_counter() - started, result


def _call_choices() -> Any:
    from kipp.rubric import load_rubric

    return load_rubric(None).rubric.call.choices()


def time_load_batch(folder: Path, reps: int) -> list[float]:
    """Wall seconds of `kipp.intake.read_proposals` alone, `reps` times."""
    from kipp.intake import read_proposals

    choices = _call_choices()
    return [_timed(lambda: read_proposals(folder, choices))[0] for _ in range(reps)]


def stage_split(folder: Path) -> dict[str, float]:
    """The stages of `read_proposals` timed apart with kipp's own functions, keeping every result
    alive as `read_proposals` does (so garbage collection costs what it costs there): reading
    bytes and hashing, decoding and parsing (the format loaders), validating records; the
    rest (batch-wide checks, the `Intake` model) as the whole minus those parts. Also the cost
    of Python's cyclic garbage collector (the whole with and without it), and rendering the
    `--json` report, which the CLI does after intake."""
    from kipp.core.keys import slugify
    from kipp.intake import LOADERS, Limits, read_proposals
    from kipp.intake.records import validate_record
    from kipp_app.cli.validate import validation_json

    choices = _call_choices()
    limits = Limits()
    files = sorted(
        p
        for p in folder.rglob("*")
        if p.is_file() and not p.name.startswith((".", "_")) and p.suffix.lower() in LOADERS
    )
    gc.collect()
    started = time.perf_counter()
    raws = [(p, p.read_bytes()) for p in files]
    hashes = [hashlib.sha256(raw).hexdigest() for _, raw in raws]
    read = time.perf_counter() - started
    records = []
    started = time.perf_counter()
    for path, raw in raws:
        loader = LOADERS[path.suffix.lower()]
        records.extend(loader(raw, str(path), slugify(path.stem) or "proposal", limits).records)
    parse = time.perf_counter() - started
    started = time.perf_counter()
    entries = [validate_record(record, choices) for record in records]
    validate = time.perf_counter() - started
    del raws, hashes, records, entries
    gc.collect()
    total, batch = _timed(lambda: read_proposals(folder, choices))
    report = _timed(lambda: json.dumps(validation_json(batch), ensure_ascii=False, indent=2))[0]
    batch = None
    gc.collect()
    gc.disable()
    try:
        without_gc = _timed(lambda: read_proposals(folder, choices))[0]
    finally:
        gc.enable()
    return {
        "read_and_hash": read,
        "decode_and_parse": parse,
        "validate_records": validate,
        "rest": max(0.0, total - read - parse - validate),
        "load_batch_total": total,
        "load_batch_without_gc": without_gc,
        "gc_share_of_load_batch": max(0.0, total - without_gc),
        "json_report": report,
    }


def profile_top(folder: Path, top: int = 10) -> dict[str, list[dict[str, Any]]]:
    """cProfile of one in-process `read_proposals`: the `top` functions by own time, and the
    `top` kipp functions by cumulative time."""
    from kipp.intake import read_proposals

    choices = _call_choices()
    profiler = cProfile.Profile()
    profiler.enable()
    read_proposals(folder, choices)
    profiler.disable()
    stats = pstats.Stats(profiler)
    rows = []
    for (file, line, name), (_, calls, own, cumulative, _) in stats.stats.items():  # type: ignore[attr-defined]
        rows.append(
            {
                "function": f"{_short(file)}:{line}({name})",
                "calls": calls,
                "own_s": round(own, 3),
                "cumulative_s": round(cumulative, 3),
                "kipp": "/kipp/" in file.replace(os.sep, "/"),
            }
        )
    by_own = sorted(rows, key=lambda r: -r["own_s"])[:top]
    kipp_cumulative = sorted((r for r in rows if r["kipp"]), key=lambda r: -r["cumulative_s"])[:top]
    return {"by_own_time": by_own, "kipp_by_cumulative_time": kipp_cumulative}


def _short(file: str) -> str:
    parts = Path(file).parts
    if "kipp" in parts:
        return "/".join(parts[parts.index("kipp") :])
    return "/".join(parts[-2:]) if len(parts) > 1 else file


# --- checks and report ----------------------------------------------------------------------------


def check_accounting(
    report: dict[str, Any], manifest: dict[str, Any], folder: Path
) -> dict[str, Any]:
    """Every generated file is accounted for: entries + unread equals what was written, and
    each proposal got the status the generator intended (valid, invalid, unread)."""
    prefix = str(folder) + os.sep
    expected: dict[str, str] = {}
    for item in manifest["items"]:
        source = item["file"] + (f"#{item['row']}" if item.get("row") else "")
        expected[source] = item["expected"]
    seen: dict[str, str] = {}
    for entry in report.get("proposals", []):
        seen[entry["source"].removeprefix(prefix)] = entry["status"]
    for unread in report.get("unread", []):
        seen[unread["path"].removeprefix(prefix)] = "unread"
    generated = manifest["proposals"] + manifest["expected"]["unread"]
    reported = len(report.get("proposals", [])) + len(report.get("unread", []))
    mismatches = Counter(
        f"{source}: expected {want}, got {seen.get(source, 'nothing')}"
        for source, want in expected.items()
        if seen.get(source) != want
    )
    extra = sorted(set(seen) - set(expected))
    return {
        "generated": generated,
        "reported": reported,
        "entries": len(report.get("proposals", [])),
        "unread": len(report.get("unread", [])),
        "accounted": generated == reported and not extra,
        "status_mismatches": sorted(mismatches)[:20],
        "status_mismatch_count": sum(mismatches.values()),
        "unexpected_sources": extra[:20],
        "summary": report.get("summary", {}),
    }


def machine_info() -> dict[str, Any]:
    """What the figures were measured on."""
    info: dict[str, Any] = {
        "nproc": len(os.sched_getaffinity(0)),
        "cpu_count": os.cpu_count(),
        "python": platform.python_version(),
        "implementation": platform.python_implementation(),
        "platform": platform.platform(),
        "load_average_1_5_15": [round(x, 2) for x in os.getloadavg()],
    }
    try:
        cpuinfo = Path("/proc/cpuinfo").read_text()
        info["cpu"] = next(
            (
                line.split(":", 1)[1].strip()
                for line in cpuinfo.splitlines()
                if "model name" in line
            ),
            None,
        )
        meminfo = Path("/proc/meminfo").read_text().split("\n", 1)[0]
        info["memory_gb"] = round(int(meminfo.split()[1]) / 1024 / 1024, 1)
    except (OSError, ValueError, IndexError):
        pass
    try:
        info["kipp"] = importlib.metadata.version("kipp")
    except importlib.metadata.PackageNotFoundError:
        info["kipp"] = None
    try:
        info["commit"] = subprocess.run(
            ["git", "rev-parse", "--short", "HEAD"],
            cwd=BENCH_DIR.parent,
            capture_output=True,
            text=True,
            check=True,
        ).stdout.strip()
    except (OSError, subprocess.CalledProcessError):
        info["commit"] = None
    try:  # read-only: compares the work tree with HEAD without touching the index
        changed = subprocess.run(
            ["git", "diff-index", "--quiet", "HEAD", "--"], cwd=BENCH_DIR.parent, check=False
        ).returncode
        info["uncommitted_changes"] = changed == 1
    except OSError:
        info["uncommitted_changes"] = None
    return info


def _calls(row: dict[str, Any]) -> str:
    return f"{row['calls']:>8}x {row['function']}"


def _verdict(ok: bool | None) -> str:
    return "—" if ok is None else ("PASS" if ok else "FAIL")


def print_table(rows: list[tuple[str, str, str, bool | None]]) -> None:
    """Figure, target, measured, verdict."""
    texts = [(name, target, measured) for name, target, measured, _ in rows]
    widths = [max(len(t[i]) for t in texts) for i in range(3)]
    header = ("figure", "target", "measured")
    print(f"  {header[0]:<{widths[0]}}  {header[1]:<{widths[1]}}  {header[2]:<{widths[2]}}  result")
    for name, target, measured, ok in rows:
        print(
            f"  {name:<{widths[0]}}  {target:<{widths[1]}}  {measured:<{widths[2]}}  {_verdict(ok)}"
        )


def main(argv: Sequence[str] | None = None) -> int:
    """Run the intake benchmark; 0 unless the benchmark itself failed."""
    parser = argparse.ArgumentParser(
        prog="python -m bench.intake",
        description=__doc__,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("--n", type=int, default=TARGET_N, help="files in the batch")
    parser.add_argument("--seed", type=int, default=1, help="generator seed")
    parser.add_argument("--reps", type=int, default=3, help="timed runs of kipp validate")
    parser.add_argument("--regenerate", action="store_true", help="write the batch again")
    parser.add_argument("--no-profile", action="store_true", help="skip cProfile")
    parser.add_argument("--no-save", action="store_true", help="do not write bench/results/")
    which = parser.add_mutually_exclusive_group()
    which.add_argument("--no-hostile", action="store_true", help="skip the pathological files")
    which.add_argument(
        "--hostile-only", action="store_true", help="only the pathological files and readers"
    )
    args = parser.parse_args(argv)
    try:
        return _run(args)
    except BenchFailed as exc:
        print(f"\nBENCHMARK FAILED: {exc}", file=sys.stderr)
        return 2


def _hostile(folder: Path) -> dict[str, Any]:
    """The pathological files and the reader comparison (`bench.hostile`)."""
    from bench import hostile

    print("  timing kipp validate on each pathological file ...", flush=True)
    floor = hostile.startup_floor()
    measured = hostile.measure()
    print("  comparing spreadsheet readers (openpyxl may take minutes) ...", flush=True)
    readers = hostile.compare_readers(folder)
    return hostile.report(measured, readers, floor)


def _run(args: argparse.Namespace) -> int:
    n, reps = args.n, max(1, args.reps)
    print(f"intake benchmark: {n} files, seed {args.seed}, {reps} runs")
    folder, manifest, generated = ensure_batch(n, args.seed, args.regenerate)
    if args.hostile_only:
        figures = _hostile(folder)
        if not args.no_save:
            save_results(
                "intake-hostile",
                {
                    "benchmark": "intake-hostile",
                    "machine": machine_info(),
                    "measured_at": datetime.now().astimezone().isoformat(timespec="seconds"),
                    **figures,
                },
            )
        return 0
    e = manifest["expected"]
    print(
        f"  batch {folder.relative_to(BENCH_DIR.parent)}: {manifest['files']} files, "
        f"{manifest['proposals']} proposals ({e['valid']} valid, {e['invalid']} invalid "
        f"by design), {e['unread']} unreadable; "
        + (f"generated now in {manifest['seconds']:.2f} s" if generated else "reused")
    )

    report_path = GENERATED / f"intake-n{n}-seed{args.seed}.validate.json"
    print("  timing kipp validate --json (subprocess) ...", flush=True)
    runs = time_cli(folder, reps, report_path)
    try:
        report = json.loads(report_path.read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        raise BenchFailed(f"kipp validate --json gave no readable report: {exc}") from None
    startup = time_startup(max(1, min(reps, 3)))
    print("  timing read_proposals in process ...", flush=True)
    in_process = time_load_batch(folder, max(1, min(reps, 2)))
    stages = stage_split(folder)
    profile = None if args.no_profile else profile_top(folder)
    accounting = check_accounting(report, manifest, folder)

    walls = [r.seconds for r in runs]
    wall_min, wall_median = min(walls), statistics.median(walls)
    peak_rss = max(r.peak_rss_mb for r in runs)
    startup_s = min(r.seconds for r in startup)
    at_target_size = n == TARGET_N
    rows: list[tuple[str, str, str, bool | None]] = [
        (
            f"kipp validate, {n} files, median wall",
            f"<= {TARGET_VALIDATE_SECONDS:.0f} s" if at_target_size else "(target is for 3500)",
            f"{wall_median:.2f} s",
            wall_median <= TARGET_VALIDATE_SECONDS if at_target_size else None,
        ),
        ("kipp validate, min wall", "", f"{wall_min:.2f} s", None),
        ("kipp validate, child peak RSS", "", f"{peak_rss:.0f} MB", None),
        ("kipp validate, empty batch (start-up floor)", "", f"{startup_s:.2f} s", None),
        ("read_proposals in process, min", "", f"{min(in_process):.2f} s", None),
        (
            "files accounted for (entries + unread)",
            f"= {accounting['generated']}",
            f"{accounting['entries']} + {accounting['unread']} = {accounting['reported']}",
            accounting["accounted"],
        ),
        (
            "statuses as generated (valid/invalid/unread)",
            "0 mismatches",
            f"{accounting['status_mismatch_count']} mismatches",
            accounting["status_mismatch_count"] == 0,
        ),
        (
            f"generator writes {n} files" + ("" if generated else " (when last generated)"),
            f"<= {TARGET_GENERATE_SECONDS:.0f} s" if at_target_size else "",
            f"{manifest['seconds']:.2f} s",
            manifest["seconds"] <= TARGET_GENERATE_SECONDS if at_target_size else None,
        ),
    ]
    print()
    print_table(rows)
    print(
        f"\n  runs (s): {', '.join(f'{w:.2f}' for w in walls)}; exit codes "
        f"{sorted({r.exit_code for r in runs})} (1 = some proposals invalid, as generated)"
    )
    others = [r.others_cpu_s for r in runs if r.others_cpu_s is not None]
    busy = any(r.others_cpu_s is not None and r.others_cpu_s > 0.25 * r.seconds for r in runs)
    if others:
        print(
            "  other processes used "
            + ", ".join(f"{o:.1f}" for o in others)
            + " CPU s during the runs"
            + (
                f" (of {len(os.sched_getaffinity(0))} cores x the run's wall time): the "
                "machine was busy, so these times are pessimistic; min wall is the fairest"
                if busy
                else " (a quiet machine)"
            )
        )
    print("  read_proposals stages (s): " + ", ".join(f"{k} {v:.2f}" for k, v in stages.items()))
    if profile is not None:
        print("\n  cProfile, one in-process read_proposals (profiler overhead included):")
        print("  by own time:")
        for r in profile["by_own_time"]:
            print(f"    {r['own_s']:6.2f} own {r['cumulative_s']:6.2f} cum {_calls(r)}")
        print("  kipp functions by cumulative time:")
        for r in profile["kipp_by_cumulative_time"]:
            print(f"    {r['cumulative_s']:6.2f} cum {r['own_s']:6.2f} own {_calls(r)}")
    for line in accounting["status_mismatches"][:5]:
        print(f"  mismatch: {line}")
    hostile = None if args.no_hostile else _hostile(folder)
    missed = [name for name, _, _, ok in rows if ok is False]
    if missed:
        print(f"\n  TARGET MISSED: {'; '.join(missed)}")
    else:
        print("\n  all targets met")

    result = {
        "benchmark": "intake",
        "measured_at": datetime.now().astimezone().isoformat(timespec="seconds"),
        "machine": machine_info(),
        "generator": {
            "version": manifest["version"],
            "code": manifest.get("code"),
            "sha256": manifest.get("sha256"),
            "seed": manifest["seed"],
            "n": manifest["n"],
            "files": manifest["files"],
            "proposals": manifest["proposals"],
            "expected": manifest["expected"],
            "seconds": manifest["seconds"],
            "generated_now": generated,
            "folder": str(folder.relative_to(BENCH_DIR.parent)),
        },
        "validate_cli": {
            "command": "kipp validate BATCH --json",
            "runs": [asdict(r) for r in runs],
            "wall_min_s": round(wall_min, 3),
            "wall_median_s": round(wall_median, 3),
            "peak_rss_mb": round(peak_rss, 1),
            "startup_empty_batch_s": round(startup_s, 3),
        },
        "load_batch_in_process_s": [round(s, 3) for s in in_process],
        "stages_s": {k: round(v, 3) for k, v in stages.items()},
        "profile": profile,
        "accounting": accounting,
        "targets": targets_json(rows),
        "hostile": hostile,
    }
    if not args.no_save:
        save_results("intake", result)
    return 0


def targets_json(rows: Sequence[tuple[str, str, str, bool | None]]) -> list[dict[str, Any]]:
    """The rows of a report table that carry a verdict, for the results file."""
    return [
        {"figure": name, "target": target, "measured": measured, "pass": ok}
        for name, target, measured, ok in rows
        if ok is not None
    ]


def save_results(kind: str, result: dict[str, Any]) -> Path:
    """Write `bench/results/<date>-<kind>.json` and say so."""
    RESULTS.mkdir(parents=True, exist_ok=True)
    out = RESULTS / f"{datetime.now().date().isoformat()}-{kind}.json"
    out.write_text(json.dumps(result, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    print(f"  results written to {out.relative_to(BENCH_DIR.parent)}")
    return out


if __name__ == "__main__":
    raise SystemExit(main())
