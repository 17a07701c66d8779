"""Who is told how a run advances: the terminal's progress display (`kipp run`), nothing
else by default. The runner says when a stage starts, when a part of a split stage is done,
and when a stage ends; listeners are registered for the length of a run, in this process."""

from __future__ import annotations

import contextlib
from collections.abc import Iterator
from typing import Protocol


class Listener(Protocol):
    """Follows a run's stages."""

    def started(self, stage: str, parts: int) -> None:
        """`stage` begins, in `parts` parts (1 unless split)."""

    def advanced(self, stage: str) -> None:
        """One part of `stage` is done."""

    def finished(self, stage: str) -> None:
        """`stage` is done."""


_listeners: list[Listener] = []


@contextlib.contextmanager
def listening(listener: Listener) -> Iterator[None]:
    """`listener` follows every run in this process while the block lasts."""
    _listeners.append(listener)
    try:
        yield
    finally:
        _listeners.remove(listener)


def started(stage: str, parts: int = 1) -> None:
    """Tell every listener that `stage` begins."""
    for listener in list(_listeners):
        listener.started(stage, parts)


def advanced(stage: str) -> None:
    """Tell every listener that a part of `stage` is done."""
    for listener in list(_listeners):
        listener.advanced(stage)


def finished(stage: str) -> None:
    """Tell every listener that `stage` is done."""
    for listener in list(_listeners):
        listener.finished(stage)
