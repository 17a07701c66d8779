"""The national benchmark's memory sample (`bench.scale.tree_rss`): a child caught between its
fork and its own program holds its parent's pages and is not counted twice; every other
process of the tree is counted with its own resident size."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import textwrap
from collections.abc import Iterator

import pytest

from bench.scale import tree_rss

MB = 2**20

FAMILY = textwrap.dedent(
    """
    import os, subprocess, sys, time
    held = bytearray(200 * 2**20)
    held[:: 4096] = b"\\1" * len(held[:: 4096])
    program = subprocess.Popen(["sleep", "60"])
    children = []
    for own in (120, 0):
        pid = os.fork()
        if pid == 0:  # a forked child that never runs a program of its own
            extra = bytearray(own * 2**20)
            extra[:: 4096] = b"\\1" * len(extra[:: 4096])
            time.sleep(60)
            os._exit(0)
        children.append(pid)
    time.sleep(1.5)  # the first child has touched its own pages
    own, sharing = children
    print(sharing, own, program.pid, flush=True)
    time.sleep(60)
    """
)


@pytest.fixture
def family() -> Iterator[tuple[int, int, int, int]]:
    """A process of 200 MB with a forked child that shares its pages, a forked child with 120
    MB of its own, and a child running `sleep`: their pids."""
    parent = subprocess.Popen(
        [sys.executable, "-c", FAMILY], stdout=subprocess.PIPE, start_new_session=True
    )
    assert parent.stdout is not None
    try:
        sharing, own, program = (int(word) for word in parent.stdout.readline().split())
        yield parent.pid, sharing, own, program
    finally:
        os.killpg(parent.pid, signal.SIGKILL)
        parent.wait()
        parent.stdout.close()


def test_a_forked_child_that_has_not_run_its_own_program_counts_once(
    family: tuple[int, int, int, int],
) -> None:
    parent, sharing, own, program = family

    sizes, not_counted = tree_rss(parent)

    assert set(sizes) == {parent, sharing, own, program}
    assert not_counted == [sharing]
    assert sizes[sharing] == 0
    assert sizes[parent] > 200 * MB
    assert sizes[own] > sizes[parent] + 100 * MB  # its own pages besides the shared ones
    assert 0 < sizes[program] < 50 * MB
