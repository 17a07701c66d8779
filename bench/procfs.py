"""Processes as Linux's /proc shows them: each one's parent, kernel flags and CPU time, and
the family of processes below one. The benchmarks that measure a run's whole family of
processes use it (`bench.scale`'s memory sample; the stages child of `bench.pipeline`, for
the CPU of each stage). Where there is no /proc, no process is found.
"""

from __future__ import annotations

import os
from typing import NamedTuple

TICKS_PER_S = os.sysconf("SC_CLK_TCK") if hasattr(os, "sysconf") else 100


class ProcessStat(NamedTuple):
    """What /proc/PID/stat says of a process that the benchmarks read."""

    parent: int
    flags: int  # the kernel's flags (`bench.scale.PF_FORKNOEXEC`)
    cpu_ticks: int  # CPU time, user and system, of the process and of its children reaped


def process_stat(pid: int) -> ProcessStat | None:
    """`pid`'s parent, kernel flags and CPU ticks; None once it is gone."""
    try:
        with open(f"/proc/{pid}/stat", encoding="ascii", errors="replace") as file:
            fields = file.read().rsplit(")", 1)[1].split()
        # after the command: state, parent, ..., flags (7th), ..., utime, stime, cutime,
        # cstime (12th to 15th)
        return ProcessStat(int(fields[1]), int(fields[6]), sum(map(int, fields[11:15])))
    except (OSError, ValueError, IndexError):
        return None


def processes() -> dict[int, ProcessStat]:
    """Every process's `process_stat`."""
    try:
        entries = os.listdir("/proc")
    except OSError:
        return {}
    found = {int(entry): process_stat(int(entry)) for entry in entries if entry.isdigit()}
    return {pid: found_stat for pid, found_stat in found.items() if found_stat is not None}


def family(root: int, known: dict[int, ProcessStat]) -> list[int]:
    """`root` and every process descending from it, of the processes `known`."""
    children: dict[int, list[int]] = {}
    for pid, found in known.items():
        children.setdefault(found.parent, []).append(pid)
    found_pids = [root]
    for pid in found_pids:
        found_pids.extend(children.get(pid, []))
    return found_pids


def family_cpu_s(root: int) -> float | None:
    """The CPU seconds used so far by `root` and its descendants, alive or ended: a process
    that ended counts in its parent's figure once its parent has reaped it (so a stage's CPU
    is the difference of two readings, up to a child that ended between the readings of
    itself and of its parent). None where there is no /proc."""
    known = processes()
    if root not in known:
        return None
    return sum(known[pid].cpu_ticks for pid in family(root, known)) / TICKS_PER_S
