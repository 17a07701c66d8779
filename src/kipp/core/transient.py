"""Which I/O errors are worth trying again: the one place that decides it.

A network share that blinks, a server that drops a connection or a file busy for a moment
raises an `OSError` that may not happen on the next try; a missing file, a refused
permission or a folder where a file was expected will fail the same way every time and
needs a person to fix it. The domain retries its many small reads itself (`Rereads`), and
the orchestration retries a whole task on the same predicate (`flows/retries.py`), so both
agree on what "transient" means.
"""

from __future__ import annotations

import errno
import time
from collections.abc import Callable, Sequence
from typing import TypeVar

T = TypeVar("T")

_TRANSIENT_NAMES = (
    "EIO",  # an I/O error from the device or the network file system
    "EAGAIN",  # resource temporarily unavailable (also EWOULDBLOCK)
    "EBUSY",  # device or resource busy
    "EINTR",  # interrupted by a signal
    "ETIMEDOUT",
    "ESTALE",  # stale NFS file handle: the server restarted or the export moved
    "ENOLCK",  # no locks available (NFS lock daemon away)
    "ENETDOWN",
    "ENETUNREACH",
    "ENETRESET",
    "ECONNABORTED",
    "ECONNRESET",
    "ECONNREFUSED",
    "EHOSTDOWN",
    "EHOSTUNREACH",
    "EREMOTEIO",
    "ECOMM",  # communication error on send (CIFS)
)
TRANSIENT_ERRNOS: frozenset[int] = frozenset(
    getattr(errno, name) for name in _TRANSIENT_NAMES if hasattr(errno, name)
)
"""errno values of failures that can pass by themselves. Deliberately absent: ENOENT,
EACCES/EPERM, EISDIR/ENOTDIR, ENOSPC, EROFS, ELOOP: those need a person."""

_TRANSIENT_TYPES = (TimeoutError, ConnectionError, InterruptedError, BlockingIOError)


def is_transient(error: BaseException) -> bool:
    """True when `error` is an I/O failure that may not happen again on the next try.

    Only `OSError`s qualify, by type (timeouts, dropped connections, interrupted or
    would-block calls) or by errno (see `TRANSIENT_ERRNOS`). An `OSError` without an errno
    is not transient: nothing says it would pass.
    """
    if not isinstance(error, OSError):
        return False
    return isinstance(error, _TRANSIENT_TYPES) or error.errno in TRANSIENT_ERRNOS


class Rereads:
    """Tries a read again while it fails transiently, within a waiting budget shared by every
    read of one job: a blip costs a fraction of a second, and a share that is down costs
    `budget_s` for the whole job rather than a wait per file."""

    def __init__(
        self,
        delays: Sequence[float],
        budget_s: float,
        sleep: Callable[[float], None] = time.sleep,
    ) -> None:
        self.delays = tuple(delays)
        self.left_s = budget_s
        self._sleep = sleep

    def read(self, read: Callable[[], T]) -> T:
        """`read()`, tried again after each delay while it fails transiently and the budget
        lasts. A permanent error, or the last transient one, is raised as it is."""
        for delay in self.delays:
            try:
                return read()
            except OSError as exc:
                if not is_transient(exc) or delay > self.left_s:
                    raise
            self.left_s -= delay
            self._sleep(delay)
        return read()
