"""The `kipp` command: the only place that prints and chooses exit codes."""

from __future__ import annotations

import contextlib
import gc
import json
import logging
import os
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import typer
from rich.console import Console
from rich.markup import escape

from kipp.corpus import load_corpus
from kipp.i18n import Lang
from kipp.intake import Batch, Limits, Status, load_batch
from kipp.intake.batch import PANEL_FILES
from kipp.intake.reading import MIB
from kipp.problems import KippError, RubricError, Severity
from kipp.rubric import LoadedRubric, load_rubric
from kipp.schema import proposal_schema

if TYPE_CHECKING:
    from flows.embedded import EmbeddedServer
    from flows.run import RunSummary

app = typer.Typer(
    help="Turn a folder of innovation proposals into a ranked, explained KIPP shortlist.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)
console = Console(soft_wrap=True, highlight=False)
err = Console(stderr=True, soft_wrap=True, highlight=False)

EXIT_OK, EXIT_INVALID, EXIT_USAGE = 0, 1, 2
EXIT_RUN_FAILED = 1

RubricOption = Annotated[
    Path | None,
    typer.Option("--rubric", "-r", help="Rubric YAML; defaults to the bundled KIPP 2022 rubric."),
]


def tune_memory() -> None:
    """A run allocates many small objects that live to its end: collect garbage less often
    (measured: intake of 3,500 files spent ~25% of its time in the collector). Every kipp
    command runs so; the benchmark's runs without Prefect too."""
    gc.freeze()
    gc.set_threshold(100_000, 50, 100)


@app.callback()
def _tune_memory() -> None:
    tune_memory()


def _fail(error: KippError) -> typer.Exit:
    err.print(f"[red]error:[/] {escape(error.message)}")
    if error.hint:
        err.print(f"[dim]hint: {escape(error.hint)}[/]")
    return typer.Exit(EXIT_USAGE)


def _unreadable_now(what: str, exc: OSError) -> KippError:
    """A read that failed transiently (`kipp.transient`): load_rubric and load_corpus raise
    it as it is for a retried task to read again; on the command line it is one line."""
    return KippError(
        f"{what} cannot be read right now: {exc.strerror or exc}",
        "a disk or network share failed for a moment; run the command again",
    )


def _rubric(path: Path | None) -> LoadedRubric:
    try:
        return load_rubric(path)
    except RubricError as exc:
        raise _fail(exc) from None
    except OSError as exc:
        raise _fail(_unreadable_now(f"rubric {path or 'kipp-2022'}", exc)) from None


@app.command()
def validate(
    batch: Annotated[Path, typer.Argument(help="Folder holding the proposal files.")],
    rubric: RubricOption = None,
    as_json: Annotated[bool, typer.Option("--json", help="Print the report as JSON.")] = False,
    max_file_mb: Annotated[
        float, typer.Option(help="Largest proposal file (.yaml/.json/.md) read, in MB.")
    ] = Limits().max_text_bytes / MIB,
    max_sheet_mb: Annotated[
        float, typer.Option(help="Largest spreadsheet export (.csv/.xlsx) read, in MB.")
    ] = Limits().max_sheet_bytes / MIB,
) -> None:
    """Check every file of a batch against the submission format; start nothing else.

    Exit status: 0 when every file is a valid proposal, 1 when some are invalid or unread
    (all are still reported), 2 for a usage problem or an unreadable rubric.
    """
    loaded = _rubric(rubric)
    limits = Limits(
        max_text_bytes=max(1, int(max_file_mb * MIB)),
        max_sheet_bytes=max(1, int(max_sheet_mb * MIB)),
    )
    try:
        result = load_batch(batch, loaded.rubric.call.choices(), limits)
    except KippError as exc:
        raise _fail(exc) from None
    if as_json:
        sys.stdout.write(json.dumps(validation_json(result), ensure_ascii=False, indent=2) + "\n")
    else:
        print_validation(result)
    clean = (
        not result.invalid
        and not result.unread
        and not any(n.severity is Severity.ERROR for n in result.notices)
    )
    raise typer.Exit(EXIT_OK if clean else EXIT_INVALID)


def validation_json(batch: Batch) -> dict[str, Any]:
    """The `kipp validate --json` document."""
    problems = batch.problems()
    return {
        "batch": batch.folder,
        "summary": _summary(batch)
        | {
            "errors": sum(p.severity is Severity.ERROR for p in problems),
            "warnings": sum(p.severity is Severity.WARNING for p in problems),
        },
        "proposals": [
            {
                "id": e.id,
                "source": e.source,
                "title": e.title,
                "agency": e.agency,
                "status": e.status.value,
                "problems": [p.model_dump(mode="json", exclude={"path"}) for p in e.problems],
            }
            for e in batch.entries
        ],
        "notices": [n.model_dump(mode="json") for n in batch.notices],
        "unread": [u.model_dump(mode="json") for u in batch.unread],
        "ignored": batch.ignored,
    }


def _summary(batch: Batch) -> dict[str, int]:
    return {
        "files": batch.file_count,
        "proposals": len(batch.entries),
        "valid": len(batch.valid),
        "invalid": len(batch.invalid),
        "unread": len(batch.unread),
        "ignored": len(batch.ignored),
    }


def _count(number: int, noun: str) -> str:
    return f"{number} {noun}" + ("" if number == 1 else "s")


def print_validation(batch: Batch) -> None:
    """The readable report: every file, its proposals, and each problem on one line."""
    console.print(f"[bold]Batch[/] {escape(batch.folder)}")
    by_path: dict[str, list[Any]] = {}
    for entry in batch.entries:
        by_path.setdefault(entry.path, []).append(entry)
    notices: dict[str, list[Any]] = {}
    for notice in batch.notices:
        notices.setdefault(notice.path, []).append(notice)
    for path in sorted(set(by_path) | set(notices)):
        entries = by_path.get(path, [])
        for notice in notices.get(path, []):
            _problem_line(notice.render(), notice.severity, indent="  ")
        for entry in entries:
            ok = entry.status is Status.VALID
            mark = "[green]valid  [/]" if ok else "[red]invalid[/]"
            label = escape(entry.title or "(no title)")
            console.print(f"  {mark} {escape(entry.source)}  [dim]{escape(entry.id)}[/]  {label}")
            for problem in entry.problems:
                _problem_line(problem.render(), problem.severity, indent="      ")
    for unread in batch.unread:
        console.print(f"  [yellow]unread [/] {escape(unread.path)}: {escape(unread.reason)}")
    for ignored in batch.ignored:
        why = (
            "the review panel, not a proposal"
            if Path(ignored).name in PANEL_FILES
            else "names starting with . or _ are skipped"
        )
        console.print(f"  [dim]ignored {escape(ignored)} ({why})[/]")
    s = _summary(batch)
    console.print(
        f"[bold]{_count(s['proposals'], 'proposal')}[/] from {_count(s['files'], 'file')}: "
        f"[green]{s['valid']} valid[/], [red]{s['invalid']} invalid[/], "
        f"[yellow]{s['unread']} unread[/], {s['ignored']} ignored"
    )


def _problem_line(text: str, severity: Severity, indent: str) -> None:
    style = "red" if severity is Severity.ERROR else "yellow"
    label = "error" if severity is Severity.ERROR else "warning"
    console.print(f"{indent}[{style}]{label}:[/] {escape(text)}")


@app.command()
def schema(
    output: Annotated[
        Path | None, typer.Option("--out", "-o", help="Write to this file instead of stdout.")
    ] = None,
    rubric: RubricOption = None,
) -> None:
    """Write the JSON Schema of a proposal file (for editor completion and checks)."""
    call = _rubric(rubric).rubric.call
    text = json.dumps(proposal_schema(call), ensure_ascii=False, indent=2) + "\n"
    if output is None:
        sys.stdout.write(text)
    else:
        output.write_text(text, encoding="utf-8")
        err.print(f"schema written to {escape(str(output))}")


@app.command()
def run(
    batch: Annotated[Path, typer.Argument(help="Folder holding the proposal files.")],
    rubric: RubricOption = None,
    out: Annotated[
        Path | None, typer.Option("--out", "-o", help="Output folder; outputs/<batch name>.")
    ] = None,
    corpus: Annotated[
        Path | None,
        typer.Option(help="Prior-innovation CSV (same columns as the bundled corpus)."),
    ] = None,
    lang: Annotated[Lang, typer.Option(help="Language of the documents.")] = Lang.ID,
    size: Annotated[
        int | None, typer.Option(min=1, help="Shortlist size; defaults to the rubric's.")
    ] = None,
    approval: Annotated[
        bool,
        typer.Option(help="Pause after scoring until a coordinator decides in the Prefect UI."),
    ] = False,
    dask: Annotated[bool, typer.Option(help="Score on a local Dask cluster.")] = False,
) -> None:
    """The main job: validate, gate, score and shortlist a batch, and write the documents.

    Runs as a Prefect flow: on Prefect's embedded server, or on the server named by
    PREFECT_API_URL (the run then shows in the Prefect UI). Exit status 0 when the run
    finished, even if some proposals were invalid or ineligible; 1 when the run failed;
    2 for a usage problem (missing folder, unreadable rubric or corpus).
    """
    if not batch.is_dir():
        raise _fail(
            KippError(
                f"batch folder {batch} does not exist or is not a folder",
                "give the folder that holds the proposals",
            )
        )
    from flows.embedded import launch

    # Prefect's embedded server starts on the other core while the inputs are checked and
    # Prefect is imported (flows/embedded.py); `run_kipp` uses it or stops it
    server = launch()
    try:
        summary = _run(server, batch, rubric, out, corpus, lang, size, approval, dask)
    finally:
        if server is not None:
            server.stop()
    console.print(
        f"[bold]{summary.shortlisted} shortlisted[/], {summary.scored} scored, "
        f"{summary.ineligible} ineligible, {summary.invalid} invalid, {summary.unread} unread"
        + (" [yellow](provisional: criteria await reviewers)[/]" if summary.provisional else "")
    )
    console.print(f"Documents in [bold]{escape(summary.out_dir)}[/]:")
    cards = [f for f in summary.files if Path(f).parent.name == "scorecards"]
    for file in summary.files:
        if file not in cards:
            console.print(f"  {escape(file)}")
    if cards:  # one per proposal (and its PDF): thousands at national scale
        console.print(f"  {escape(str(Path(cards[-1]).parent))}/ ({len(cards)} files)")


def _run(
    server: EmbeddedServer | None,
    batch: Path,
    rubric: Path | None,
    out: Path | None,
    corpus: Path | None,
    lang: Lang,
    size: int | None,
    approval: bool,
    dask: bool,
) -> RunSummary:
    _rubric(rubric)
    try:
        load_corpus(corpus)
    except KippError as exc:
        raise _fail(exc) from None
    except OSError as exc:
        raise _fail(_unreadable_now(f"corpus {corpus or 'kipp/data'}", exc)) from None
    from flows.run import RunParameters, run_kipp

    params = RunParameters(
        batch=str(batch),
        out=str(out) if out else None,
        rubric=str(rubric) if rubric else None,
        corpus=str(corpus) if corpus else None,
        lang=lang,
        size=size,
        approval=approval,
        dask=dask,
    )
    try:
        return run_kipp(params, server)
    except KippError as exc:  # refused before the run started (e.g. --approval, no server)
        raise _fail(exc) from None
    except Exception as exc:  # the run itself failed: say so, with the cause
        err.print(f"[red]run failed:[/] {escape(type(exc).__name__)}: {escape(str(exc))}")
        raise typer.Exit(EXIT_RUN_FAILED) from None


@app.command()
def serve(
    batch: Annotated[
        str, typer.Option(help="Batch folder the run forms start with.")
    ] = "submissions/mojokerto-2022",
    approval: Annotated[
        bool, typer.Option(help="Coordinator approval on by default in the score form.")
    ] = True,
    limit: Annotated[
        int | None, typer.Option(min=1, help="Most flow runs at once in this process.")
    ] = None,
) -> None:
    """Serve the validate, score and assign deployments to the Prefect server of
    PREFECT_API_URL, and run what is triggered from its UI until interrupted (Ctrl-C)."""
    from flows.serve import serve_kipp

    try:
        serve_kipp(batch, approval, limit)
    except RuntimeError as exc:  # no server configured, or it does not answer
        err.print(f"[red]error:[/] {escape(str(exc))}")
        raise typer.Exit(EXIT_USAGE) from None


@app.command()
def assign(
    batch: Annotated[Path, typer.Argument(help="Folder holding the proposal files.")],
    panel: Annotated[
        Path | None, typer.Option(help="Reviewer panel YAML; defaults to BATCH/reviewers.yaml.")
    ] = None,
    per_proposal: Annotated[
        int | None,
        typer.Option("--per-proposal", "-k", min=1, help="Reviewers per proposal; the rubric's."),
    ] = None,
    seed: Annotated[int, typer.Option(help="Same seed, same assignment.")] = 0,
    out: Annotated[
        Path | None, typer.Option("--out", "-o", help="Scoresheet folder; BATCH/_reviews.")
    ] = None,
    rubric: RubricOption = None,
    blind: Annotated[
        bool | None,
        typer.Option(
            "--blind/--no-blind",
            help="Packets without agency and innovator names, proposals under packet codes.",
        ),
    ] = None,
    force: Annotated[
        bool, typer.Option(help="Overwrite scoresheets already in the output folder.")
    ] = False,
    lang: Annotated[Lang, typer.Option(help="Language of the scoresheets.")] = Lang.ID,
) -> None:
    """Assign reviewers to every eligible proposal and write one scoresheet per reviewer.

    Every eligible proposal gets K reviewers, loads differ by at most one, and nobody reviews
    their own agency's proposals or a declared conflict (agencies read through the batch's
    agency registry, _agencies.yaml, when there is one). Writes REVIEWER.xlsx,
    csv/REVIEWER.csv and assignments.csv (with each proposal's packet code when blind: keep
    it with the sheets). Exit status 0 when written, 2 when no assignment is possible.
    """
    from kipp.compliance import batch_registry
    from kipp.outputs import write_atomic
    from kipp.reviews.plan import plan_assignment
    from kipp.reviews.sheets import existing_scores

    loaded = _rubric(rubric)
    target = out or batch / "_reviews"
    present = existing_scores(target)
    if present and not force:
        raise _fail(
            KippError(
                f"{target} already holds scoresheets ({len(present)}, e.g. {present[0]})",
                "keep completed sheets safe: give another --out, or --force to overwrite",
            )
        )
    try:
        plan = plan_assignment(
            batch,
            loaded.rubric,
            panel or batch / "reviewers.yaml",
            per_proposal,
            seed,
            blind,
            lang,
            batch_registry(batch),  # the batch's agency registry, if it has one
        )
    except KippError as exc:
        raise _fail(exc) from None
    for name, content in plan.files.items():
        write_atomic(target / name, content)
    loads = sorted(plan.loads.values()) or [0]
    console.print(
        f"[bold]{plan.proposals} eligible proposals[/] x {plan.per_proposal} reviewers = "
        f"{len(plan.assignments)} reviews over {plan.reviewers} reviewers "
        f"(each {loads[0]} to {loads[-1]})" + (" [dim](blind packets)[/]" if plan.blind else "")
    )
    for reviewer, count in plan.loads.items():
        console.print(f"  {escape(reviewer)}: {count}")
    console.print(f"Scoresheets in [bold]{escape(str(target))}[/]")


@app.command()
def scorecards(
    out: Annotated[Path, typer.Argument(help="Output folder of a run (holds results.json).")],
    rubric: RubricOption = None,
    pdf: Annotated[
        bool, typer.Option("--pdf/--html-only", help="Also write each scorecard as PDF.")
    ] = True,
) -> None:
    """Write the agencies' scorecards of a finished run into OUT/scorecards/ (HTML, and PDF
    unless --html-only), without running the pipeline again. `kipp run` writes PDFs itself
    only for small batches (about 0.25 s each)."""
    from kipp.caching import cache_dir
    from kipp.outputs import write_scorecards
    from kipp.results import Results
    from kipp.reuse import ScorecardReuse
    from kipp.staging import write_staged

    loaded = _rubric(rubric)
    source = out / "results.json"
    try:
        results = Results.model_validate_json(source.read_bytes())
    except (OSError, ValueError) as exc:
        raise _fail(
            KippError(f"cannot read {source}: {exc}", "give the output folder of a kipp run")
        ) from None
    if results.run.rubric != loaded.rubric.id:
        raise _fail(
            KippError(
                f"{source} comes from rubric '{results.run.rubric}', not '{loaded.rubric.id}'",
                "pass the run's rubric with --rubric",
            )
        )
    reuse = ScorecardReuse.for_output(out, cache_dir())  # unchanged ones are copied
    written = write_staged(
        lambda staging: write_scorecards(results, loaded.rubric, staging, pdf, reuse),
        out,
        partial=True,
    )
    reuse.save()
    console.print(
        f"{len(results.proposals)} scorecards in [bold]{escape(str(written[-1].parent))}[/]"
        f" ({reuse.hits} as before, {reuse.misses} rendered)"
    )


def main() -> None:
    """The `kipp` command (and `python -m kipp`). When a command has finished, the process
    ends at once instead of letting Python free its objects one by one: after a national
    batch (millions of small objects) that teardown took ~4 s after the last document was
    written. Nothing is lost: every file is written (atomically) before the command returns,
    Prefect's log and event workers are drained here (what its exit hooks would do), and
    standard output, standard error and logging are flushed. An uncaught exception ends
    the process the usual way, with its traceback."""
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
        from flows.embedded import drain_prefect_workers

        drain_prefect_workers()
    logging.shutdown()
    for stream in (sys.stdout, sys.stderr):
        with contextlib.suppress(Exception):
            stream.flush()
    os._exit(code)
