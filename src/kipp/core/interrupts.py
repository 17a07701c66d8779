"""Work that must not be cut in half by Ctrl-C or SIGTERM: moving a run's documents into its
output folder. The command line's signal handler asks `holding()`; while a held block runs
it leaves its action for `later`, which runs as soon as the last held block ends (in the
thread that ends it). Without such a handler nothing is held: this module only keeps count.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager

_lock = threading.Lock()
_depth = 0
_pending: list[Callable[[], None]] = []


@contextmanager
def held() -> Iterator[None]:
    """A block that an interrupting signal waits for."""
    global _depth
    with _lock:
        _depth += 1
    try:
        yield
    finally:
        with _lock:
            _depth -= 1
            due = list(_pending) if _depth == 0 else []
            if due:
                _pending.clear()
        for action in due:
            action()


def holding() -> bool:
    """Whether a held block is running now."""
    with _lock:
        return _depth > 0


def later(action: Callable[[], None]) -> None:
    """Run `action` when the held blocks end (at once when none runs)."""
    with _lock:
        if _depth > 0:
            _pending.append(action)
            return
    action()
