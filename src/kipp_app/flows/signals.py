"""Who handles Ctrl-C and SIGTERM while a flow runs in this process.

Prefect's flow engine installs its own SIGTERM handler for the length of a flow run (it
marks the run crashed or cancelled, as a worker cancelling it expects). `kipp run` in a
terminal has its own (`kipp_app.cli`): one line, then exit, never in the middle of moving
the documents into the output folder. When the command registers its handler here, the
runner puts it back in place at each stage (`reclaim`); without one (a worker, `kipp
serve`), Prefect's handler stays."""

from __future__ import annotations

import signal
import threading
from collections.abc import Callable
from types import FrameType
from typing import Any

Handler = Callable[[int, FrameType | None], Any]

_handler: Handler | None = None


def own(handler: Handler) -> None:
    """Handle SIGINT and SIGTERM with `handler` in this process, during flow runs too."""
    global _handler
    _handler = handler
    for number in (signal.SIGINT, signal.SIGTERM):
        signal.signal(number, handler)


def reclaim() -> None:
    """Put the registered handler back in place of the flow engine's, if one is registered
    (and this is the main thread, the only one that may set handlers)."""
    if _handler is None or threading.current_thread() is not threading.main_thread():
        return
    for number in (signal.SIGINT, signal.SIGTERM):
        if signal.getsignal(number) is not _handler:
            signal.signal(number, _handler)
