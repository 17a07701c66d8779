"""The `kipp` command's Typer application and the options its commands share."""

from __future__ import annotations

import gc
import logging
import os
import sys
from pathlib import Path
from typing import Annotated

import typer

from kipp.core.i18n import Lang
from kipp.core.problems import KippError, RubricError
from kipp.rubric import LoadedRubric, load_rubric
from kipp_app.cli.console import fail
from kipp_app.cli.helptext import LocalisedGroup
from kipp_app.entry import language

# the help a person reads is the catalogue's, in the command's language (`helptext`); the
# docstrings and `help=` strings here are for developers
app = typer.Typer(
    cls=LocalisedGroup,
    help="Turn a folder of innovation proposals into a ranked, explained KIPP shortlist.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)

RubricOption = Annotated[
    Path | None,
    typer.Option("--rubric", "-r", help="Rubric YAML; defaults to the bundled KIPP 2022 rubric."),
]
LangOption = Annotated[
    Lang,
    typer.Option(
        "--lang", envvar="KIPP_LANG", help="Language of what kipp writes and prints (id, en)."
    ),
]


def tune_memory() -> None:
    """A run allocates many small objects that live to its end: collect garbage less often
    (intake of a national batch spent about a quarter of its time in the collector). The
    youngest objects are looked at every 100,000 allocations; those that outlived one look,
    only every 1,000 such looks (each went over millions of objects that stay to the run's
    end). Every kipp command runs so; the benchmark's runs without Prefect too."""
    gc.freeze()
    # Python 3.14's incremental collector reads the second number as how slowly it goes
    # through the old objects, not how often: left there as it was before
    gc.set_threshold(100_000, 50 if sys.version_info[:2] == (3, 14) else 1_000, 100)


# libraries whose warnings are for developers (fonts WeasyPrint subsets, say): shown with -v
LIBRARY_LOGGERS = ("weasyprint", "fontTools")


def quiet_libraries() -> None:
    """Keep Prefect's run log (it still reaches the Prefect UI) and the libraries' chatter
    off the terminal: what the coordinator needs is printed by the command itself. Set
    before Prefect is imported: its console handler reads this at start."""
    os.environ.setdefault("PREFECT_LOGGING_HANDLERS_CONSOLE_LEVEL", "CRITICAL")
    for name in LIBRARY_LOGGERS:
        logging.getLogger(name).setLevel(logging.ERROR)


@app.callback()
def _setup(
    verbose: Annotated[
        bool,
        typer.Option(
            "--verbose", "-v", help="Also print Prefect's run log and the libraries' warnings."
        ),
    ] = False,
) -> None:
    tune_memory()
    os.environ.setdefault("DO_NOT_TRACK", "1")  # no usage reports from a coordinator's machine
    state.verbose = verbose
    if not verbose:
        quiet_libraries()


class _State:
    """What the command line asked for, for the commands to read: whether to print the
    run's log, and the command's language (for what is said when it is interrupted); and
    whether the command waits between runs."""

    verbose = False
    # `kipp run --watch` between its runs: a Ctrl-C then ends the watch (`stop_now`)
    waiting = False
    # as the entry point reads it before the options are parsed (`--lang`, else KIPP_LANG):
    # a Ctrl-C is said in one language whenever it comes
    lang = Lang(language(sys.argv[1:], os.environ))


state = _State()


def unreadable_now(what: str, path: str, exc: OSError) -> KippError:
    """A read of the `what` file (`rubric`, `corpus`) at `path` that failed for a moment
    (`kipp.core.transient`), on the command line."""
    return KippError.of(
        f"error.unreadable_now.{what}",
        "hint.unreadable_now",
        path=path,
        reason=exc.strerror or str(exc),
    )


def rubric_or_exit(path: Path | None, lang: Lang) -> LoadedRubric:
    """The rubric at `path` (else the bundled one); exit 2 with the problems when it cannot
    be used."""
    try:
        return load_rubric(path)
    except RubricError as exc:
        raise fail(exc, lang) from None
    except OSError as exc:  # transient only: load_rubric reports any other as a problem
        raise fail(unreadable_now("rubric", str(path or "kipp-2022"), exc), lang) from None
