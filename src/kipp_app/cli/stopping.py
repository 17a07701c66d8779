"""Ctrl-C and SIGTERM: one line saying what was kept, then the process ends (130 or 143)
at once, but never while a run's documents are moving into its output folder
(`kipp.core.interrupts`): then as soon as they are in."""

from __future__ import annotations

import os
import sys
from types import FrameType
from typing import NoReturn

from kipp.core import interrupts
from kipp_app.cli.app import state
from kipp_app.cli.console import Style, err, say

STOP_REPORT_S = 3.0  # at most this long to tell a team's Prefect server the run stopped


def stop_now(signum: int) -> NoReturn:
    """Say the command stopped, tell a team's server, end the process with 128 + `signum`;
    between the runs of `kipp run --watch`, say the watch ended and end with 0."""
    if state.waiting:
        _end_watch()
    try:
        # the documents, when this run had already moved them into the output folder whole
        staging = sys.modules.get("kipp.documents.staging")
        placed = getattr(staging, "placed", None)
        folders = placed() if placed is not None else ()
        if folders:
            err.print(say(state.lang, "cli.stopped_placed", Style.NOTE, folder=str(folders[-1])))
        else:
            err.print(say(state.lang, "cli.stopped", Style.NOTE))
        # the flow module when it is loaded whole (never imported from here: the signal
        # may have come in the middle of importing it)
        flows = sys.modules.get("kipp_app.flows.run")
        report = getattr(flows, "report_stopped", None)
        if report is not None:
            report(STOP_REPORT_S)
        # the documents being written, when there are (their moves are never cut short)
        remove = getattr(staging, "remove_unfinished", None)
        if remove is not None:
            remove()
        _last_words()
    finally:
        os._exit(128 + signum)


def _end_watch() -> NoReturn:
    """Between two runs nothing is under way: say so, stop kipp's own server, end with 0
    (the way to end a watch)."""
    try:
        err.print(say(state.lang, "cli.watch.stopped", Style.NOTE))
        # the last run's last logs and events, still in Prefect's workers: sent first
        embedded = sys.modules.get("kipp_app.server.embedded")
        drain = getattr(embedded, "drain_prefect_workers", None)
        if drain is not None:
            drain()
        _last_words()
    finally:
        os._exit(0)


def _last_words() -> None:
    """Stop kipp's own Prefect server, if it started one (in its own session: the terminal's
    Ctrl-C reaches only kipp), and flush what is printed."""
    embedded = sys.modules.get("kipp_app.server.embedded")
    terminate = getattr(embedded, "terminate_started", None)
    if terminate is not None:
        terminate()
    for stream in (sys.stdout, sys.stderr):
        stream.flush()


def on_signal(signum: int, frame: FrameType | None) -> None:
    """The handler of SIGINT and SIGTERM for every `kipp` command."""
    interrupts.later(lambda: stop_now(signum))
