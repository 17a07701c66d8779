"""The `kipp` command's entry point: Ctrl-C and SIGTERM handled from its first instant.

Loading the command's modules (Prefect, SciPy and Numba, the documents' libraries) takes a
couple of seconds, before `kipp_app.cli.main` installs the command's own handler
(`kipp_app.cli.stopping`). A Ctrl-C in that time ended the command with a Python traceback.
Here a handler is installed first: it prints the same line, in the same language, and
ends the process with the same code (130 or 143). Nothing has started then, so there is
nothing to keep, report or remove.

This module imports only the message catalogue before installing the handler (a bare
handler covers that import too) and the command after it.
"""

from __future__ import annotations

import os
import signal
import sys
from collections.abc import Mapping, Sequence
from types import FrameType

STOP_SIGNALS = (signal.SIGINT, signal.SIGTERM)


def _end(signum: int, frame: FrameType | None) -> None:
    os._exit(128 + signum)


def language(argv: Sequence[str], environ: Mapping[str, str]) -> str:
    """The language the command was asked to speak before it parsed its options: the last
    `--lang` on the command line, else KIPP_LANG, else Indonesian (as the command decides;
    an unknown code falls back to Indonesian, the command then says why)."""
    chosen = environ.get("KIPP_LANG", "id")
    for at, arg in enumerate(argv):
        if arg == "--lang" and at + 1 < len(argv):
            chosen = argv[at + 1]
        elif arg.startswith("--lang="):
            chosen = arg.removeprefix("--lang=")
    return chosen if chosen in {"id", "en"} else "id"


def guard() -> None:
    """Install the handler that ends the command, with its one line, while it loads."""
    for number in STOP_SIGNALS:  # until the catalogue is loaded: end, quietly
        signal.signal(number, _end)
    from kipp.core.i18n import Lang, tr

    line = tr("cli.stopped", Lang(language(sys.argv[1:], os.environ))) + "\n"

    def stopped(signum: int, frame: FrameType | None) -> None:
        try:
            os.write(sys.stderr.fileno(), line.encode("utf-8", "replace"))
        finally:
            os._exit(128 + signum)

    for number in STOP_SIGNALS:
        signal.signal(number, stopped)


def main() -> None:
    """The `kipp` command (and `python -m kipp_app`)."""
    guard()
    from kipp_app.cli import main as command

    command()
