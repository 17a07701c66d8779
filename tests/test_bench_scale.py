"""The benchmarks' readings of a run's family of processes. The national benchmark's memory
sample (`bench.scale.tree_rss`): a child caught between its fork and its own program holds
its parent's pages and is not counted twice; every other process of the tree is counted with
its own resident size. (The short window between a `subprocess` child's vfork and its exec,
the case met in the benchmark, cannot be caught on purpose; a forked child that never runs a
program of its own stands for it.) A stage's CPU (`bench.procfs.family_cpu_s`): the CPU of
every process below the run, also of those that ended during the stage."""

from __future__ import annotations

import contextlib
import os
import signal
import subprocess
import sys
import textwrap
from collections.abc import Iterator
from pathlib import Path

import pytest

from bench.procfs import family_cpu_s
from bench.scale import tree_rss

MB = 2**20

FAMILY = textwrap.dedent(
    """
    import os, subprocess, sys, time
    held = bytearray(100 * 2**20)
    held[:: 4096] = b"\\1" * len(held[:: 4096])
    program = subprocess.Popen(["sleep", "60"])
    ready, told = os.pipe()
    children = []
    for own in (60, 0):
        pid = os.fork()
        if pid == 0:  # a forked child that never runs a program of its own
            extra = bytearray(own * 2**20)
            extra[:: 4096] = b"\\1" * len(extra[:: 4096])
            os.write(told, b"+")  # its own pages are touched
            time.sleep(60)
            os._exit(0)
        children.append(pid)
    heard = b""
    while len(heard) < 2:  # both children have touched their pages
        heard += os.read(ready, 2 - len(heard))
    own, sharing = children
    print(sharing, own, program.pid, flush=True)
    time.sleep(60)
    """
)


@contextlib.contextmanager
def _running(script: str) -> Iterator[subprocess.Popen[bytes]]:
    """`script` run by a Python of its own session (its input, output and errors piped), then
    ended with every process it started."""
    parent = subprocess.Popen(
        [sys.executable, "-c", script],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        start_new_session=True,
    )
    try:
        yield parent
    finally:
        with contextlib.suppress(ProcessLookupError):
            os.killpg(parent.pid, signal.SIGKILL)
        parent.communicate()


@pytest.fixture
def family() -> Iterator[tuple[int, int, int, int]]:
    """A process of 100 MB with a forked child that shares its pages, a forked child with
    60 MB of its own, and a child running `sleep`: their pids."""
    with _running(FAMILY) as parent:
        assert parent.stdout is not None and parent.stderr is not None
        words = parent.stdout.readline().split()
        if len(words) != 3:
            parent.kill()
            pytest.fail(f"the family did not start: {parent.stderr.read().decode()[-2000:]}")
        sharing, own, program = (int(word) for word in words)
        yield parent.pid, sharing, own, program


@pytest.mark.skipif(not Path("/proc/self/status").is_file(), reason="needs Linux's /proc")
def test_a_forked_child_that_has_not_run_its_own_program_counts_once(
    family: tuple[int, int, int, int],
) -> None:
    parent, sharing, own, program = family

    sizes, not_counted = tree_rss(parent)

    assert set(sizes) == {parent, sharing, own, program}
    assert not_counted == [sharing]
    assert sizes[sharing] == 0
    assert sizes[parent] > 100 * MB
    assert sizes[own] > sizes[parent] + 50 * MB  # the pages it wrote, besides those it shares
    assert 0 < sizes[program] < 50 * MB


SPAWNING = textwrap.dedent(
    """
    import subprocess
    held = bytearray(500 * 2**20)
    held[:: 4096] = b"\\1" * len(held[:: 4096])
    print("ready", flush=True)
    for _ in range(4000):  # each child, started by vfork, holds its parent's pages until exec
        subprocess.run(["true"], check=True)
    """
)


@pytest.mark.slow
@pytest.mark.skipif(not Path("/proc/self/status").is_file(), reason="needs Linux's /proc")
def test_a_large_process_starting_thousands_of_programs_never_reads_as_twice_its_size() -> None:
    with _running(SPAWNING) as parent:
        assert parent.stdout is not None
        assert parent.stdout.readline() == b"ready\n"
        largest, samples = 0, 0
        while parent.poll() is None:
            sizes, _ = tree_rss(parent.pid)
            largest, samples = max(largest, sum(sizes.values())), samples + 1

    assert parent.returncode == 0
    assert samples > 100
    assert 500 * MB < largest < 750 * MB


BURNING = textwrap.dedent(
    """
    import os, sys, time
    def burn(seconds):
        end = time.process_time() + seconds
        while time.process_time() < end:
            pass
    print("ready", flush=True)
    sys.stdin.readline()
    child = os.fork()
    if child == 0:  # a child that burns 0.3 s, and its own child that burns 0.3 s: both end
        grandchild = os.fork()
        if grandchild == 0:
            burn(0.3)
            os._exit(0)
        burn(0.3)
        os.waitpid(grandchild, 0)
        os._exit(0)
    os.waitpid(child, 0)
    burnt, told = os.pipe()
    if os.fork() == 0:  # a child that burns 0.3 s, then lives on
        burn(0.3)
        os.write(told, b"+")
        time.sleep(60)
        os._exit(0)
    os.read(burnt, 1)
    print("done", flush=True)
    time.sleep(60)
    """
)


@pytest.mark.skipif(not Path("/proc/self/stat").is_file(), reason="needs Linux's /proc")
def test_the_cpu_of_a_family_counts_its_processes_alive_and_ended() -> None:
    with _running(BURNING) as parent:
        assert parent.stdin is not None and parent.stdout is not None
        assert parent.stdout.readline() == b"ready\n"
        before = family_cpu_s(parent.pid)
        parent.stdin.write(b"go\n")
        parent.stdin.flush()
        assert parent.stdout.readline() == b"done\n"
        after = family_cpu_s(parent.pid)

    assert before is not None and after is not None
    # 0.6 s by the two that ended, 0.3 s by the one alive, and a little more
    assert 0.85 <= after - before < 1.8


def test_the_cpu_of_a_process_that_is_not_there_is_not_known() -> None:
    assert family_cpu_s(-1) is None
