"""`kipp-run`: the main job as a Prefect flow.

The flow runs the domain's pipeline (`kipp.pipeline.PIPELINE`, up to the documents) with
the Prefect runner (`kipp_app.flows.runner`: one task per stage, caching, retries, parts on
the task runner, a local or existing Dask cluster, or the workers of a work pool), asks the
coordinator for a decision when the run is for approval (`kipp_app.flows.approval`), and
shows the outcome as artifacts. Everything else is the domain's.

Caching (re-runs recompute only what changed): the cached stage (novelty) is keyed by the
content of its inputs and the code version; intake parses only the files whose bytes
changed (`kipp.intake.ParseCache`); novelty keeps each chunk's prior-art matches and the
tokenised corpus on disk; an unchanged scorecard is copied from the output folder's
previous run (`kipp.documents.reuse`). The cache dir is `$KIPP_CACHE_DIR`, else
`$XDG_CACHE_HOME/kipp`, else `~/.cache/kipp`; it is safe to delete. A run killed midway and
run again picks up the novelty measures if it had stored them.

Without PREFECT_API_URL, `kipp run` starts Prefect's embedded server at its first instant
(`kipp_app.server.embedded`) and reads the inputs meanwhile (`kipp_app.flows.prefetch`).
"""

import contextlib
import contextvars
import os
import threading
from collections.abc import Mapping
from datetime import UTC, datetime
from pathlib import Path
from typing import Annotated, Any

from prefect import flow, get_run_logger
from prefect.artifacts import create_markdown_artifact, create_table_artifact
from prefect.client.orchestration import get_client
from prefect.client.schemas.objects import State
from prefect.context import FlowRunContext
from prefect.settings import (
    PREFECT_API_URL,
    PREFECT_FLOWS_HEARTBEAT_FREQUENCY,
    get_current_settings,
    temporary_settings,
)
from prefect.settings.legacy import Setting
from prefect.states import Crashed
from pydantic import BaseModel, BeforeValidator, Field

from kipp import pipeline
from kipp.core.i18n import Lang, render, text, tr
from kipp.core.problems import PLACEHOLDERS, KippError
from kipp.documents.outfolder import check_output_folder, default_out_dir
from kipp.documents.render.jinja import markdown_text
from kipp.documents.render.problem_views import field_label
from kipp.documents.render.review_views import criterion_labels
from kipp.documents.reviews import progress_table
from kipp.documents.summaries import (
    counts_line,
    decision_markdown,
    nominees,
    scored_markdown,
    scores_table,
    summary_markdown,
)
from kipp.intake import Batch, ParseCache
from kipp.pipeline import Proposed, Written
from kipp.results import ProblemOut, ProposalStatus, Results, Summary, UnreadOut
from kipp.rubric import LoadedRubric, Rubric
from kipp.shortlist.approval import ApprovalError, Decision, check_decision
from kipp_app.flows import prefetch, signals
from kipp_app.flows.approval import await_approval
from kipp_app.flows.artifacts import files_links, problems_table
from kipp_app.flows.forms import DocumentLanguage, approval_form, description, section, title
from kipp_app.flows.runner import (
    PrefectRunner,
    cancel_parts,
    check_dask_scheduler,
    check_work_pool,
)
from kipp_app.server import embedded as embedded_server
from kipp_app.server.check import api_url, check_api
from kipp_app.server.embedded import EmbeddedServer


def _field(key: str, default: Any = ..., **rules: Any) -> Any:
    """A run form's field titled and described from the catalogue (`form.run.<key>`)."""
    return Field(default, title=title(f"run.{key}"), description=description(f"run.{key}"), **rules)


class RunParameters(BaseModel):
    """What a coordinator chooses for a run, drawn as a form in the Prefect UI. An empty
    text or a 0 means the default (no text/none toggles in the form); a language is given by
    its name (or its code)."""

    model_config = section("run.params")  # the form's section: not this docstring

    batch: str = _field("batch")
    # no angle brackets in descriptions: the Prefect UI reads them as HTML and drops <...>
    out: str = _field("out", "")
    rubric: str = _field("rubric", "")
    corpus: str = _field("corpus", "")
    lang: Annotated[DocumentLanguage, BeforeValidator(DocumentLanguage.of)] = _field(
        "lang", DocumentLanguage.ID
    )
    size: int = _field("size", 0, ge=0)
    approval: bool = _field("approval", False)
    approval_wait_s: int = _field("approval_wait_s", 3600, ge=1)
    dask: bool = _field("dask", False)
    dask_workers: int = _field("dask_workers", 2, ge=1)
    dask_address: str = _field("dask_address", "")
    work_pool: str = _field("work_pool", "")
    partition_size: int = _field("partition_size", 0, ge=0)

    @property
    def language(self) -> Lang:
        """The language of the run's documents, as a code."""
        return self.lang.code


SHOWN_PROBLEM_FILES = 10  # invalid proposals and unread files the closing summary names


class InvalidProposal(BaseModel):
    """A proposal that is not valid, for the closing summary: where it is, whose it is,
    and its errors."""

    source: str
    title: str | None
    agency: str | None
    errors: list[ProblemOut]


class Nominee(BaseModel):
    """A proposal on the shortlist, as the terminal names it."""

    id: str
    title: str | None
    agency: str | None
    rank: int | None


class RunSummary(BaseModel):
    """What the flow returns: where the documents are, the results' counts, the shortlist
    (by rank), and the first invalid proposals and unread files (`SHOWN_PROBLEM_FILES` at
    most, in the order of their files; the counts say how many there are)."""

    out_dir: str
    files: list[str]
    summary: Summary
    shortlist: list[Nominee] = []
    invalid: list[InvalidProposal] = []
    unread: list[UnreadOut] = []
    file_errors: list[ProblemOut] = []  # errors of a file as a whole (a sheet's header)
    file_errors_found: int = 0  # how many there are, shown or not
    # problems of the batch's own files: settings, agency registry, panel, scoresheets
    batch_problems: list[ProblemOut] = []
    batch_problems_found: int = 0


def file_errors(results: Results) -> tuple[list[ProblemOut], int]:
    """The first errors found in a file as a whole rather than in one of its proposals (a
    spreadsheet column that repeats another, whose values are not read), in the order
    intake found them (`SHOWN_PROBLEM_FILES` at most), and how many there are."""
    errors = [n for n in results.notices if n.severity == "error"]
    return errors[:SHOWN_PROBLEM_FILES], len(errors)


def batch_problems(results: Results, batch: Batch, rubric: Rubric) -> tuple[list[ProblemOut], int]:
    """The first problems found in the batch's own files (`SHOWN_PROBLEM_FILES` at most):
    the settings, the agency registry, then the panel, the assignments and the returned
    scoresheets, errors before warnings, each in the order found; and how many there are.
    A settings file's field is its key, as the person fixing the file writes it; a
    scoresheet's column is named as the documents and the sheet's headings name it ('Juri',
    a criterion's label)."""
    lang = results.run.lang
    criteria = criterion_labels(rubric, lang)

    def headed(problem: ProblemOut) -> ProblemOut:
        if problem.field in PLACEHOLDERS:
            return problem
        return problem.model_copy(update={"field": field_label(problem.field, lang, criteria)})

    registry = [] if batch.registry_load is None else batch.registry_load.problems
    found = [
        *results.run.settings_problems,
        *(ProblemOut.of(p) for p in registry),
        *([] if results.reviews is None else (headed(p) for p in results.reviews.problems)),
    ]
    ordered = sorted(found, key=lambda p: p.severity != "error")  # stable: order found kept
    return ordered[:SHOWN_PROBLEM_FILES], len(ordered)


def files_to_fix(results: Results) -> tuple[list[InvalidProposal], list[UnreadOut]]:
    """The first invalid proposals and unread files of `results` (`SHOWN_PROBLEM_FILES` in
    all, invalid proposals first), in the results' order: intake's, file by file and row by
    row, as `kipp validate` lists them."""
    invalid = [p for p in results.proposals if p.status is ProposalStatus.INVALID]
    invalid = invalid[:SHOWN_PROBLEM_FILES]
    unread = results.unread[: SHOWN_PROBLEM_FILES - len(invalid)]
    return [
        InvalidProposal(
            source=p.source,
            title=p.title,
            agency=p.agency,
            errors=[problem for problem in p.problems if problem.severity == "error"],
        )
        for p in invalid
    ], unread


def given_values(params: RunParameters, started: str, cache: ParseCache) -> dict[str, object]:
    """The values the pipeline starts from, for a run with these parameters; `cache` keeps
    the files intake parsed before."""
    return {
        "batch_folder": Path(params.batch),
        "rubric_path": Path(params.rubric) if params.rubric else None,
        "corpus_path": Path(params.corpus) if params.corpus else None,
        "out": Path(params.out) if params.out else default_out_dir(params.batch),
        "lang": params.language,
        "size": params.size or None,
        "started": started,
        "parse_cache": cache,
    }


@flow(name="kipp-run", log_prints=False)
def kipp_run(params: RunParameters) -> RunSummary:
    """Validate, gate, measure, score and shortlist one batch of proposals; write the
    documents."""
    # `kipp run`'s Ctrl-C and SIGTERM from the flow's first line, not only from its first
    # stage: the read ahead may still be under way below, and the engine's handler would
    # log a crash first
    signals.reclaim()
    check_where(params)  # where the parts are to run answers, before any stage runs
    started = datetime.now(UTC).isoformat(timespec="seconds")
    out = Path(params.out) if params.out else default_out_dir(params.batch)
    check_output_folder(out, Path(params.batch))  # a form's folder, as the command's
    # the parse cache of the read ahead, if any: its results are handed over only then
    cache = prefetch.given_value("parse_cache")
    given = given_values(params, started, cache if isinstance(cache, ParseCache) else ParseCache())
    if params.approval:
        given["decider"] = approval_decider(params)
    runner = PrefectRunner(
        params.language,
        params.dask,
        params.dask_workers,
        dask_address=params.dask_address,
        work_pool=params.work_pool,
        partition_size=params.partition_size,
    )
    kept = ("results", "rubric", "batch")  # read below; the rest goes once used
    values = pipeline.run(("documents",), given, runner, runner.after, keep=kept)
    results: Results = values["results"]  # type: ignore[assignment]
    rubric: LoadedRubric = values["rubric"]  # type: ignore[assignment]
    batch: Batch = values["batch"]  # type: ignore[assignment]
    written: Written = values["documents"]  # type: ignore[assignment]
    files = [str(p) for p in written.files]
    lang = params.language
    shortlist_artifact(results, rubric, lang, None)
    create_table_artifact(
        key="kipp-scores", table=scores_table(results, lang), description=tr("ui.scores", lang)
    )
    problems_table(batch.intake, lang)
    if results.reviews is not None:
        create_table_artifact(
            key="kipp-review-progress",
            table=progress_table(results),
            description=tr("ui.review_progress", lang),
        )
    files_links(written.folder, files, lang)
    invalid, unread = files_to_fix(results)
    errors, errors_found = file_errors(results)
    own, own_found = batch_problems(results, batch, rubric.rubric)
    return RunSummary(
        out_dir=str(given["out"]),
        files=files,
        summary=results.summary,
        shortlist=[
            Nominee(id=p.id, title=p.title, agency=p.agency, rank=p.rank) for p in nominees(results)
        ],
        invalid=invalid,
        unread=unread,
        file_errors=errors,
        file_errors_found=errors_found,
        batch_problems=own,
        batch_problems_found=own_found,
    )


APPROVAL_ATTEMPTS = 5


def approval_decider(params: RunParameters) -> pipeline.Decider:
    """The coordinator's decision through the Prefect UI: the run shows the proposed
    shortlist and pauses for the approval form. A form that cannot apply (an unknown id, a
    move without a reason) or that was given on another shortlist (files edited while the
    run was suspended) is refused with the reason shown above the proposed shortlist, and
    the run pauses again for a new form, up to APPROVAL_ATTEMPTS times."""

    lang = params.language

    def decide(proposed: Proposed) -> Decision:
        awaiting = tr("approval.awaiting", lang)
        state = awaiting
        form = approval_form(proposed, lang)
        for attempt in range(1, APPROVAL_ATTEMPTS + 1):
            shortlist_artifact(proposed.results, proposed.rubric, lang, state)
            try:
                decision = await_approval(
                    params.approval_wait_s, proposed.digest, form, lang, attempt
                )
                check_decision(proposed.placements, decision)
            except ApprovalError as exc:
                hint = render(exc.hint, lang) if exc.hint else ""
                refusal = tr(
                    "log.approval.refused", lang, reason=render(exc.message, lang), hint=hint
                )
                get_run_logger().warning("%s", refusal)
                if attempt == APPROVAL_ATTEMPTS:
                    raise
                reason = text("approval.refused", reason=exc.message, hint=exc.hint or "")
                refused = render(reason, lang)
                state = f"{refused} {awaiting}"
                continue
            moved = len(decision.moves)
            decided = tr("log.approval.decided", lang, by=decision.decided_by, moved=moved)
            get_run_logger().info("%s", decided)
            return decision
        raise AssertionError("unreachable: the last attempt returns or raises")

    return decide


def shortlist_artifact(
    results: Results, rubric: LoadedRubric, lang: Lang, state: str | None
) -> None:
    """The shortlist as a markdown artifact; `state` (e.g. awaiting approval) heads it, and a
    coordinator's decision is recorded under it. While the run waits for the decision it
    also lists every scored proposal (rank, title, id, total, category, where it stands and
    why): the approval form picks from that list."""
    markdown = summary_markdown(results, rubric.rubric, lang)
    if state:  # holds the refused form's values: escaped like every value in the documents
        markdown = f"**{markdown_text(state)}**\n\n{markdown}\n{scored_markdown(results, lang)}"
    if results.approval is not None:
        markdown += "\n" + decision_markdown(results, lang)
    key = "kipp-shortlist-proposed" if state else "kipp-shortlist"
    create_markdown_artifact(key=key, markdown=markdown, description=counts_line(results, lang))


_ON_KIPPS_SERVER: list[bool] = []  # set while `run_kipp` runs on the server it launched


def report_stopped(timeout_s: float) -> None:
    """Tell the Prefect server that the flow run of this thread was stopped (Ctrl-C,
    SIGTERM), and cancel its parts on a work pool, within `timeout_s`: the team's server, or
    kipp's own, before it stops (else its database would show the run running for ever).
    The report is sent from a thread that sees this thread's settings: without them its
    client would find no server configured and start one of Prefect's own, which outlives
    `kipp run`."""
    context = FlowRunContext.get()
    if context is None or context.flow_run is None or (embedded() and not _ON_KIPPS_SERVER):
        return  # no run, or Prefect's own in-process server: a client would start another
    run_id = context.flow_run.id

    def report() -> None:
        with contextlib.suppress(Exception), get_client(sync_client=True) as client:
            with contextlib.suppress(Exception):  # the parts are cancelled even so
                stopped: State[Any] = Crashed(message="stopped by kipp's user")
                client.set_flow_run_state(run_id, stopped, force=True)
            cancel_parts(client)  # a work pool's parts in flight: no worker goes on with them

    settings = contextvars.copy_context()
    reporter = threading.Thread(target=settings.run, args=(report,), name="kipp-stopped")
    reporter.daemon = True
    reporter.start()
    reporter.join(timeout_s)


def embedded() -> bool:
    """True when no Prefect server is configured (in the environment or the active Prefect
    profile): runs go to Prefect's embedded server."""
    return api_url() is None


def client_settings() -> dict[Setting, Any]:
    """Client settings for a run `kipp run` starts: no flow heartbeat on the embedded server,
    nor on a team's server unless the team asked for one (PREFECT_FLOWS_HEARTBEAT_FREQUENCY
    in the environment or the Prefect profile, as Prefect's guide to zombie runs has it: a
    server automation then marks a run whose process vanished as crashed). Prefect sends one
    every 180 s by default, and each run waits up to a second at its end for the thread that
    sends it; a run stopped by Ctrl-C or SIGTERM reports itself (`report_stopped`)."""
    asked = "heartbeat_frequency" in get_current_settings().flows.model_fields_set
    return {} if asked and not embedded() else {PREFECT_FLOWS_HEARTBEAT_FREQUENCY: None}


def check_where(params: RunParameters) -> None:
    """Fail in seconds, with the fix, when the parts of scoring could not run where the run
    says: a work pool and a Dask cluster both named, a work pool that does not exist, lacks
    the partition deployment or has no worker online, a Dask address where no scheduler
    answers. Otherwise the run would fail, or wait for ever, only at its split stage."""
    if params.work_pool and (params.dask or params.dask_address):
        option = "--dask-address" if params.dask_address else "--dask"
        raise KippError.of(
            "error.distribution_two_places", "hint.distribution_two_places", option=option
        )
    if params.work_pool:
        check_work_pool(params.work_pool)
    elif params.dask_address:
        check_dask_scheduler(params.dask_address)


def run_kipp(
    params: RunParameters,
    server: EmbeddedServer | None = None,
    loaded: Mapping[str, object] | None = None,
    keep_server: bool = False,
) -> RunSummary:
    """Run the flow as `kipp run` does: on the embedded server with the settings above, or on
    the server named by PREFECT_API_URL. `server` is the embedded server `kipp run` launched
    at its start (`kipp_app.server.embedded.launch`): the run uses it when Prefect would have
    used its embedded server, and stops it at the end unless `keep_server` (the caller runs
    again: `kipp run --watch`) or Prefect's settings name another server. `loaded` holds
    stage outputs the caller has already (the rubric and corpus it checked): they are handed
    to the run, not read again. The inputs are read ahead while the flow run starts (`prefetch`)."""
    try:
        if server is not None and not embedded_server.wanted():
            server.stop()  # a server is configured after all (profile), or ephemeral is off
            server = None
        if params.approval and embedded():
            raise KippError.of("error.approval_needs_server", "hint.approval_needs_server")
        for option, wanted in (
            ("--work-pool", params.work_pool),
            ("--dask-address", params.dask_address),
        ):
            if wanted and embedded():  # workers elsewhere cannot reach the embedded server
                raise KippError.of(
                    "error.distribution_needs_server",
                    "hint.distribution_needs_server",
                    option=option,
                )
        updates = client_settings()
        # read the inputs on the other core while the server starts and the run is created
        prefetch.start(given_values(params, "", ParseCache()), loaded)
        if embedded():
            for name, value in embedded_server.SERVER_ENVIRONMENT.items():
                os.environ.setdefault(name, value)
            if server is not None:
                updates[PREFECT_API_URL] = server.ready(embedded_server.startup_timeout_s())
                _ON_KIPPS_SERVER.append(True)
        else:
            check_api()  # seconds, not the client's minutes of retries, when nobody answers
        with temporary_settings(updates=updates):
            return kipp_run(params)
    finally:
        _ON_KIPPS_SERVER.clear()
        if server is not None and not keep_server:
            server.stop()
