"""`kipp run`: the main job, as a Prefect flow."""

from __future__ import annotations

import contextlib
import gc
import importlib.util
import signal
import threading
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, NamedTuple

import typer

from kipp.core.caching import cache_dir, keep_between_runs, run_finished
from kipp.core.i18n import Lang, render, tr
from kipp.core.problems import KippError
from kipp.documents import staging
from kipp.documents.outfolder import check_output_folder, default_out_dir, hash_documents_ahead
from kipp.measures.corpus import Corpus, load_corpus
from kipp.rubric import LoadedRubric
from kipp_app.cli.app import (
    LangOption,
    RubricOption,
    app,
    rubric_or_exit,
    state,
    unreadable_now,
)
from kipp_app.cli.console import (
    EXIT_INVALID,
    EXIT_RUN_FAILED,
    Style,
    err,
    fail,
    out,
    say,
    shown,
    styled,
)
from kipp_app.cli.kept import Kept
from kipp_app.cli.progress import StageProgress
from kipp_app.cli.stopping import stop_now
from kipp_app.cli.validate import problem_line

if TYPE_CHECKING:
    from kipp_app.cli.watch import Watcher
    from kipp_app.flows.run import Nominee, RunSummary
    from kipp_app.server.embedded import EmbeddedServer


@app.command()
def run(
    batch: Annotated[Path, typer.Argument(help="Folder holding the proposal files.")],
    rubric: RubricOption = None,
    out_dir: Annotated[
        Path | None, typer.Option("--out", "-o", help="Output folder; outputs/<batch name>.")
    ] = None,
    corpus: Annotated[
        Path | None,
        typer.Option(help="Prior-innovation CSV (same columns as the bundled corpus)."),
    ] = None,
    lang: LangOption = Lang.ID,
    size: Annotated[
        int | None, typer.Option(min=1, help="Shortlist size; defaults to the rubric's.")
    ] = None,
    approval: Annotated[
        bool,
        typer.Option(help="Pause after scoring until a coordinator decides in the Prefect UI."),
    ] = False,
    dask: Annotated[
        bool, typer.Option(help="Score on a local Dask cluster (needs kipp\\[dask]).")
    ] = False,
    dask_address: Annotated[
        str | None,
        typer.Option(
            metavar="ADDRESS",
            help="Score on the running Dask cluster whose scheduler is at ADDRESS, e.g. "
            "tcp://host:8786 (needs kipp\\[dask] and PREFECT_API_URL; docs/scale-out.md).",
        ),
    ] = None,
    work_pool: Annotated[
        str | None,
        typer.Option(
            metavar="NAME",
            help="Score in parts run by the Prefect workers of work pool NAME (its "
            "kipp-partition deployment; needs PREFECT_API_URL and a shared KIPP_CACHE_DIR).",
        ),
    ] = None,
    partition_size: Annotated[
        int | None,
        typer.Option(
            min=1,
            help="Proposals per part of scoring; by default 200 on Dask or a work pool, else at"
            " most four parts.",
        ),
    ] = None,
    watch: Annotated[
        bool,
        typer.Option(
            help="After the run, wait for the batch folder (or the rubric or corpus) to "
            "change and run again on each change, until Ctrl-C."
        ),
    ] = False,
) -> None:
    """The main job: validate, gate, score and shortlist a batch, and write the documents.

    Runs as a Prefect flow: on Prefect's embedded server, or on the server named by
    PREFECT_API_URL (the run then shows in the Prefect UI). Exit status 0 when the run
    finished, even if some proposals were invalid or ineligible; 1 when the run failed;
    2 for a usage problem (missing folder, unreadable rubric or corpus).
    """
    state.lang = lang
    if not batch.is_dir():
        error = KippError.of(
            "error.batch_folder_missing", "hint.batch_folder_missing", folder=str(batch)
        )
        raise fail(error, lang)
    try:  # under a second, before anything starts: a refused folder costs nothing
        check_output_folder(out_dir or default_out_dir(batch), batch)
    except KippError as exc:
        raise fail(exc, lang) from None
    if (dask or dask_address) and importlib.util.find_spec("prefect_dask") is None:
        raise fail(KippError.of("error.dask_missing", "hint.dask_missing"), lang)
    from kipp_app.server.embedded import launch

    # Prefect's embedded server starts on the other core while the inputs are checked and
    # Prefect is imported (kipp_app.server.embedded); `run_kipp` uses it or stops it
    server = launch()
    try:
        where = Where(dask, dask_address or "", work_pool or "", partition_size or 0)
        inputs = Inputs(
            Kept(lambda: rubric_or_exit(rubric, lang), rubric),
            Kept(lambda: _corpus(corpus, lang), corpus),
        )
        job = Job(batch, out_dir, rubric, corpus, lang, size, approval, where)
        if not watch:
            report(_run(server, job, inputs), lang, batch)
            return
        from kipp_app.cli.watch import Watcher

        files = [path for path in (rubric, corpus) if path is not None]
        with Watcher(batch, files, ignore=[cache_dir(), job.out_folder]) as watcher:
            _watch(server, job, inputs, watcher)
    finally:
        if server is not None:
            server.stop()


def report(summary: RunSummary, lang: Lang, batch: Path) -> None:
    """What a finished run prints: its counts, the files to fix, its documents; exit 1
    (`EXIT_INVALID`) when the batch holds no proposal."""
    counts = summary.summary
    line = say(
        lang,
        "cli.run.counts",
        Style.BOLD,
        shortlisted=counts.shortlisted,
        scored=counts.scored,
        ineligible=counts.ineligible,
        invalid=counts.invalid,
        unread=counts.unread,
    )
    if counts.provisional:
        line += " " + say(lang, "cli.run.provisional", Style.NOTE)
    out.print(line)
    files_to_fix(summary, lang, batch)
    batch_files_to_fix(summary, lang)
    out.print(say(lang, "cli.run.documents", folder=summary.out_dir))
    cards = [f for f in summary.files if Path(f).parent.name == "scorecards"]
    for file in summary.files:
        if file not in cards:
            out.print(f"  {shown(file)}")
    if cards:  # one per proposal (and its PDF): thousands at national scale
        folder = str(Path(cards[-1]).parent)
        out.print("  " + say(lang, "cli.run.scorecards", folder=folder, files=len(cards)))
    if counts.proposals == 0:  # an empty folder, or nothing in it a proposal
        err.print(say(lang, "cli.no_proposals", Style.BAD, folder=str(batch)))
        raise typer.Exit(EXIT_INVALID)


def _watch(server: EmbeddedServer | None, job: Job, inputs: Inputs, watcher: Watcher) -> None:
    """The first run, then one more after each change the watcher sees, until the process
    is stopped. A run that fails, or a rubric or corpus that cannot be read, is said and
    waits for the next change, as a batch whose files cannot be read does."""
    keep_between_runs()  # a run takes back what the run before computed from the same inputs
    shortlist: list[Nominee] | None = None  # the last finished run's
    while True:
        summary: RunSummary | None = None
        try:
            with contextlib.suppress(typer.Exit):  # said already: the next change may mend it
                summary = _run(server, job, inputs, keep_server=True)
                state.waiting = True  # the run is over: a Ctrl-C now ends the watch (`stop_now`)
                report(summary, job.lang, job.batch)
        finally:
            run_finished()
        state.waiting = True  # a Ctrl-C now ends the watch, nothing else (`stop_now`)
        if summary is not None:
            if shortlist is not None:
                shortlist_changes(shortlist, summary.shortlist, job.lang)
            shortlist = summary.shortlist
        out.print(say(job.lang, "cli.watch.waiting", Style.DIM, folder=str(job.batch)))
        gc.collect()  # what the run left behind, while nothing else happens
        # the documents just written, hashed while nothing happens: the next run's checks of
        # the output folder then read none of them again
        next_run_began = threading.Event()
        threading.Thread(
            target=hash_documents_ahead, args=(job.out_folder, next_run_began), daemon=True
        ).start()
        try:
            named, more = watcher.shown(watcher.wait())
        except Exception as exc:  # the system's limit of watches, say
            state.waiting = False  # the watch failed: a Ctrl-C now is no clean end
            error = KippError.of(
                "error.watch_failed",
                "hint.watch_failed",
                folder=str(job.batch),
                reason=str(exc) or type(exc).__name__,
            )
            raise fail(error, job.lang, EXIT_RUN_FAILED) from None
        staging.forget_placed()  # a stop during the next run says what that run placed
        next_run_began.set()
        state.waiting = False
        changed = [tr("cli.watch.removed", job.lang, file=n) if gone else n for n, gone in named]
        key = "cli.watch.changed_more" if more else "cli.watch.changed"
        out.print(say(job.lang, key, Style.BOLD, files=changed, more=more))


SHOWN_NOMINEES = 10  # proposals come on or gone off the shortlist that a run again names


class _Move(NamedTuple):
    """A proposal that came on the shortlist or went off it, as the terminal says it."""

    direction: str  # its catalogue key: in or out
    style: Style
    rank: str  # the catalogue key of its rank: now, or the one it had
    nominee: Nominee


def shortlist_changes(before: list[Nominee], after: list[Nominee], lang: Lang) -> None:
    """What a run again changed on the shortlist since the last run that finished: the
    proposals that came on it (with their rank) and went off it (with the rank they had),
    else whether only its order changed. A proposal is the same by its id or, failing that,
    by its title and agency: an id that intake made from a file's name or a row changes with
    them (a file sent again under another name) while the proposal stays."""
    ids = {n.id for n in before}
    named: dict[tuple[str | None, str | None], str] = {
        (n.title, n.agency): n.id for n in before if n.title
    }
    same = {  # each proposal of `after` by its id in `before`, None when new
        n.id: n.id if n.id in ids else named.get((n.title, n.agency)) if n.title else None
        for n in after
    }
    kept = {old for old in same.values() if old is not None}
    came = [n for n in after if same[n.id] is None]
    went = [n for n in before if n.id not in kept]
    if not came and not went:
        unchanged = [n.id for n in before] == [same[n.id] for n in after]
        key = "cli.watch.shortlist_same" if unchanged else "cli.watch.shortlist_reordered"
        out.print(say(lang, key))
        return
    out.print(say(lang, "cli.watch.shortlist_changed", Style.BOLD))
    moves = [_Move("cli.watch.shortlist_in", Style.GOOD, "cli.watch.rank_now", n) for n in came]
    moves += [_Move("cli.watch.shortlist_out", Style.BAD, "cli.watch.rank_before", n) for n in went]
    width = max(len(say(lang, move.direction)) for move in moves)
    for move in moves[:SHOWN_NOMINEES]:
        nominee = move.nominee
        label = shown(nominee.title) if nominee.title else say(lang, "cli.untitled")
        if nominee.agency:
            label += f" [dim]— {shown(nominee.agency)}[/]"
        rank = f" ({say(lang, move.rank, rank=nominee.rank)})" if nominee.rank else ""
        out.print(f"  {styled(say(lang, move.direction).ljust(width), move.style)} {label}{rank}")
    if len(moves) > SHOWN_NOMINEES:
        out.print("  " + say(lang, "cli.watch.shortlist_more", more=len(moves) - SHOWN_NOMINEES))


def _corpus(corpus: Path | None, lang: Lang) -> Corpus:
    """The corpus at `corpus` (else the bundled one); exit 2 with the problems when it
    cannot be used."""
    try:
        return load_corpus(corpus)
    except KippError as exc:
        raise fail(exc, lang) from None
    except OSError as exc:
        raise fail(unreadable_now("corpus", str(corpus or "kipp/data"), exc), lang) from None


def files_to_fix(summary: RunSummary, lang: Lang, batch: Path) -> None:
    """The errors of files as a whole, the invalid proposals and the unread files, each
    with its errors, as `kipp validate` shows them: the first few, then how many more files
    and where all of them are."""
    if not summary.invalid and not summary.unread and not summary.file_errors:
        return
    invalid, unread = say(lang, "cli.invalid"), say(lang, "cli.unread")
    width = max(len(invalid), len(unread))
    out.print(say(lang, "cli.run.to_fix"))
    for error in summary.file_errors:  # a file's own errors (a sheet's header), first
        problem_line(error.problem(), lang, indent="  ")
    for proposal in summary.invalid:
        label = shown(proposal.title) if proposal.title else say(lang, "cli.untitled")
        if proposal.agency:  # whom to send it back to
            label += f" [dim]— {shown(proposal.agency)}[/]"
        out.print(f"  {styled(invalid.ljust(width), Style.BAD)} {shown(proposal.source)}  {label}")
        for error in proposal.errors:
            problem_line(error.problem(), lang, indent="      ")
    for item in summary.unread:
        reason = shown(render(item.text, lang))
        out.print(f"  {styled(unread.ljust(width), Style.NOTE)} {shown(item.path)}: {reason}")
    more = (
        summary.summary.invalid
        - len(summary.invalid)
        + summary.summary.unread
        - len(summary.unread)
        + summary.file_errors_found
        - len(summary.file_errors)
    )
    if more > 0:  # proposals, files and files' errors: each one more thing to fix
        out.print("  " + say(lang, "cli.run.more_to_fix", more=more, folder=str(batch)))


def batch_files_to_fix(summary: RunSummary, lang: Lang) -> None:
    """The problems of the batch's own files (settings, registry, panel, scoresheets): the
    first few, each located, then how many more there are and where all of them are. A
    scoresheet that cannot be read changes totals as surely as a proposal does."""
    if not summary.batch_problems:
        return
    out.print(say(lang, "cli.run.batch_to_fix"))
    for problem in summary.batch_problems:
        problem_line(problem.problem(), lang, indent="  ")
    more = summary.batch_problems_found - len(summary.batch_problems)
    if more > 0:
        out.print("  " + say(lang, "cli.run.more_batch_to_fix", more=more))


@dataclass(frozen=True)
class Where:
    """Where the parts of scoring run: the run's options of the same names."""

    dask: bool
    dask_address: str
    work_pool: str
    partition_size: int


@dataclass(frozen=True)
class Job:
    """What `kipp run` was asked to do: its arguments and options."""

    batch: Path
    out_dir: Path | None
    rubric: Path | None
    corpus: Path | None
    lang: Lang
    size: int | None
    approval: bool
    where: Where

    @property
    def out_folder(self) -> Path:
        """The output folder: `--out`, else outputs/<batch folder name>."""
        return self.out_dir or default_out_dir(self.batch)


@dataclass(frozen=True)
class Inputs:
    """The rubric and the corpus a run reads, kept between the runs of `--watch` while
    their files stay the same."""

    rubric: Kept[LoadedRubric]
    corpus: Kept[Corpus]


def _run(
    server: EmbeddedServer | None, job: Job, inputs: Inputs, keep_server: bool = False
) -> RunSummary:
    # a broken rubric or corpus is a usage problem (exit 2); what is read is handed to the run
    loaded: dict[str, object] = {"rubric": inputs.rubric.get(), "corpus": inputs.corpus.get()}
    from prefect.exceptions import TerminationSignal

    from kipp_app.flows import progress
    from kipp_app.flows.run import RunParameters, run_kipp
    from kipp_app.flows.runner import PartFailedError

    lang, where = job.lang, job.where
    params = RunParameters.model_validate(
        {
            "batch": str(job.batch),
            "out": str(job.out_dir or ""),
            "rubric": str(job.rubric or ""),
            "corpus": str(job.corpus or ""),
            "lang": lang,
            "size": job.size or 0,
            "approval": job.approval,
            "dask": where.dask,
            "dask_address": where.dask_address,
            "work_pool": where.work_pool,
            "partition_size": where.partition_size,
        }
    )
    try:
        if state.verbose:
            return run_kipp(params, server, loaded, keep_server)
        with StageProgress(lang) as display, progress.listening(display):
            return run_kipp(params, server, loaded, keep_server)
    except PartFailedError as exc:  # the run failed: a part on a worker failed or was lost
        raise fail(exc, lang, EXIT_RUN_FAILED) from None
    except KippError as exc:  # refused before the run started (no server, say)
        raise fail(exc, lang) from None
    except TerminationSignal:  # SIGTERM as the flow engine began, before kipp took it back
        stop_now(signal.SIGTERM)
    except Exception as exc:  # the run itself failed: say so, with the cause
        err.print(say(lang, "cli.run.failed", Style.BAD, kind=type(exc).__name__, reason=str(exc)))
        raise typer.Exit(EXIT_RUN_FAILED) from None
