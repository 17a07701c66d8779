"""The `kipp` command: the only place that prints and chooses exit codes.

Commands (one module each): `validate`, `run`, `assign`, `scorecards`, `serve`, `schema`,
`template`.
Each runs the domain's pipeline up to what it needs (`kipp.pipeline`) and prints in the
language of `--lang` (or `KIPP_LANG`; Indonesian by default).
"""

from __future__ import annotations

import contextlib
import logging
import os
import sys

from kipp_app.cli import assign, run, scorecards, serve, template, validate
from kipp_app.cli.app import app, tune_memory
from kipp_app.cli.console import err
from kipp_app.cli.stopping import on_signal
from kipp_app.flows import signals

__all__ = [
    "app",
    "assign",
    "main",
    "run",
    "scorecards",
    "serve",
    "template",
    "tune_memory",
    "validate",
]


def main() -> None:
    """The `kipp` command (and `python -m kipp_app`). When a command has finished, the
    process ends at once instead of letting Python free its objects one by one (after a
    national batch, millions of small objects: seconds after the last document was
    written). Nothing is lost: every file is written (atomically) before the command
    returns, Prefect's log and event workers are drained here (what its exit hooks would
    do), and standard output, standard error and logging are flushed. An uncaught exception
    ends the process the usual way, with its traceback."""
    signals.own(on_signal)
    try:
        app()
        code = 0
    except SystemExit as done:  # how click ends every command
        if done.code is None or isinstance(done.code, int):
            code = done.code or 0
        else:
            err.print(str(done.code))
            code = 1
    if "prefect" in sys.modules:
        from kipp_app.server.embedded import drain_prefect_workers

        drain_prefect_workers()
    logging.shutdown()
    for stream in (sys.stdout, sys.stderr):
        with contextlib.suppress(Exception):
            stream.flush()
    os._exit(code)
