"""`kipp-run`: the main job as a Prefect flow.

Each task calls one domain function. Work is batched: intake, gates and novelty see the whole
batch once; scoring runs in chunks of proposals, never one task per proposal. Task results
stay small where they cross to the documents: files are written to disk and the flow returns
paths and counts.

Caching (re-runs recompute only what changed): the batch tasks (gates, novelty, each score
chunk, shortlist) are cached by content. Their key is a sha256 of the canonical JSON of the
proposals (and novelty measures, scorecards) they are given, the rubric's and corpus's
sha256, the batch's agency registry (gates and shortlist count agencies through it),
`kipp.caching.code_version()` and this module's source; their results are persisted
(pickled) under `<cache dir>/prefect-results/`, one file per key. Rubric and corpus are
never cached. Intake reads every file again (the only way to see an edit) but parses only
the files whose bytes changed: the others' parsed and validated results come from
`<cache dir>/intake/` (`kipp.intake.ParseCache`). The novelty task also keeps the tokenised
corpus on disk, `<cache dir>/corpus-index/`, keyed by the corpus sha256 and entry ids, so
an edited proposal recomputes novelty for the batch without tokenising the corpus again. The
documents are written whole on every run, but a scorecard whose inputs are unchanged is
copied from the output folder's previous run instead of rendered (`kipp.reuse`, record in
`<cache dir>/documents/`). The cache dir is `$KIPP_CACHE_DIR`, else `$XDG_CACHE_HOME/kipp`,
else `~/.cache/kipp`; it is safe to delete.
A run killed midway (even with SIGKILL) and run again picks up every stage it had finished.

Production (issue 6): scoring can run on a local Dask cluster (`dask`); with `approval` the
run pauses after the shortlist for a coordinator's decision (`flows/approval.py`), applied by
`kipp.approval`; the documents are rendered into a staging folder and moved in under a lock
(`kipp.staging`), so concurrent runs never mix their files; I/O tasks retry transient
`OSError`s; artifacts show progress, the shortlist, scores, validation problems and links
to the documents (`flows/artifacts.py`). With PREFECT_API_URL set, a server that does not
answer is reported in seconds (`flows/server.py`). Without it, `kipp run` starts Prefect's
embedded server at its first instant (`flows/embedded.py`), so the server's start overlaps
the imports and the reading of the inputs (`flows/prefetch.py`).
"""

import hashlib
import os
from collections.abc import Sequence
from datetime import UTC, datetime
from pathlib import Path
from typing import Any, TypeVar, cast

from prefect import flow, get_run_logger, task
from prefect.artifacts import create_markdown_artifact, create_table_artifact
from prefect.cache_policies import NO_CACHE
from prefect.client.orchestration import get_client
from prefect.context import TaskRunContext
from prefect.futures import PrefectFuture, as_completed
from prefect.settings import (
    PREFECT_API_URL,
    PREFECT_FLOWS_HEARTBEAT_FREQUENCY,
    temporary_settings,
)
from prefect.settings.legacy import Setting
from prefect.utilities.annotations import quote
from pydantic import BaseModel, Field

import kipp
from flows import embedded as embedded_server
from flows import prefetch
from flows.approval import await_approval
from flows.artifacts import Progress, files_links, problems_table
from flows.embedded import EmbeddedServer
from flows.retries import IO_RETRIES
from flows.server import api_url, check_api
from kipp import assessment as stages
from kipp.approval import (
    ApprovalError,
    Decision,
    apply_decision,
    check_decision,
    proposal_digest,
)
from kipp.caching import cache_dir, code_version, digest, models_digest, sources_digest
from kipp.compliance import REGISTRY_FILE, agency_matcher
from kipp.corpus import Corpus, load_corpus
from kipp.gates import GateResult, check_gates
from kipp.i18n import Lang, tr
from kipp.intake import Batch, Limits, ParseCache, load_batch
from kipp.measures.novelty import MatchStore, NoveltyMeasure, measure_novelty
from kipp.measures.similarity import CorpusIndex
from kipp.models import Proposal
from kipp.outputs import write_run
from kipp.problems import KippError
from kipp.render.jinja import markdown_text
from kipp.render.pdf import discard_prestarted as discard_prestarted_pdf
from kipp.render.pdf import prestart as prestart_pdf
from kipp.render.views import localised
from kipp.results import CorpusOut, Results, RunOut, build_results
from kipp.reuse import ScorecardReuse
from kipp.reviews.export import progress_table
from kipp.reviews.ingest import load_reviews
from kipp.reviews.models import ReviewSet
from kipp.rubric import LoadedRubric, load_rubric
from kipp.scoring import Scorecard
from kipp.shortlist import Placement
from kipp.staging import write_staged
from kipp.summaries import counts_line, decision_markdown, scores_table, summary_markdown
from kipp.transient import is_transient

CHUNK = 200
FLOW_SOURCE = sources_digest(Path(__file__))  # the tasks' own code is part of every key


class RunParameters(BaseModel):
    """What a coordinator chooses for a run (rendered as a form in the Prefect UI)."""

    batch: str = Field(description="Folder holding the proposal files")
    # no angle brackets: the Prefect UI reads descriptions as HTML and drops <...>
    out: str | None = Field(
        default=None, description="Output folder; by default the batch folder's name under outputs/"
    )
    rubric: str | None = Field(default=None, description="Rubric YAML; the bundled KIPP 2022")
    corpus: str | None = Field(default=None, description="Prior-innovation CSV; bundled corpus")
    lang: Lang = Field(default=Lang.ID, description="Language of the documents")
    size: int | None = Field(default=None, ge=1, description="Shortlist size; the rubric's")
    approval: bool = Field(
        default=False,
        description="Pause after scoring until a coordinator approves the shortlist or moves "
        "proposals in or out (on by default for deployments, off for `kipp run`)",
    )
    approval_wait_s: int = Field(
        default=3600,
        ge=1,
        description="Seconds the run waits for the decision in its process; a deployment's "
        "run then stays paused (not failed) without holding a worker",
    )
    dask: bool = Field(
        default=False, description="Score the batches on a local Dask cluster (processes)"
    )
    dask_workers: int = Field(default=2, ge=1, description="Dask worker processes")


class RunSummary(BaseModel):
    """What the flow returns: where the documents are and how the batch ended."""

    out_dir: str
    files: list[str]
    shortlisted: int
    scored: int
    ineligible: int
    invalid: int
    unread: int
    provisional: bool


def default_out_dir(batch: str) -> Path:
    """`outputs/<batch folder name>/`."""
    return Path("outputs") / Path(batch).resolve().name


T = TypeVar("T")


def opaque(value: T) -> T:
    """`value`, passed to a task without Prefect walking through it. Prefect visits every
    element of a task's inputs (to find futures and record dependencies), pydantic models
    included: on thousands of proposals or novelty measures with their neighbours that walk
    took minutes and gigabytes. The task still receives `value` itself."""
    return cast(T, quote(value))


def results_storage() -> Path:
    """Where cached task results are persisted: `<cache dir>/prefect-results/` (a path, which
    Prefect turns into a local file system on the machine that runs the task; an unsaved
    storage block would be refused)."""
    return cache_dir() / "prefect-results"


def corpus_index_dir() -> Path:
    """Where tokenised corpora are kept: `<cache dir>/corpus-index/`."""
    return cache_dir() / "corpus-index"


def _key(name: str, *parts: str) -> str:
    return f"kipp-{name}-{digest(code_version(), FLOW_SOURCE, *parts)}"


def gates_key(context: TaskRunContext, parameters: dict[str, Any]) -> str:
    """Cache key of `gates`: the batch's proposals, the rubric and the batch's agency
    registry (the per-agency gate counts agencies through it)."""
    rubric: LoadedRubric = parameters["rubric"]
    return _key(
        "gates",
        rubric.sha256,
        registry_digest(parameters["batch"]),
        models_digest(parameters["proposals"]),
    )


def novelty_key(context: TaskRunContext, parameters: dict[str, Any]) -> str:
    """Cache key of `novelty`: the whole batch (every proposal is compared with the others
    and weighs the batch's terms), the corpus and the rubric (cut-off, settings)."""
    rubric: LoadedRubric = parameters["rubric"]
    corpus: Corpus = parameters["corpus"]
    proposals = parameters["proposals"]
    return _key("novelty", rubric.sha256, corpus.sha256, models_digest(proposals))


def score_key(context: TaskRunContext, parameters: dict[str, Any]) -> str:
    """Cache key of one `score` chunk: its proposals, their novelty measures, the rubric."""
    rubric: LoadedRubric = parameters["rubric"]
    chunk: Sequence[Proposal] = parameters["chunk"]
    novelty: dict[str, NoveltyMeasure] = parameters["novelty"]
    measured = models_digest(novelty[p.id] for p in chunk)
    return _key("score", rubric.sha256, models_digest(chunk), measured)


class Packed:
    """One score chunk's inputs as a single plain object, for the Dask runner: it walks and
    rebuilds every parameter (`visit_collection`), which would unwrap `opaque` and cost the
    walk this module avoids; it does not look inside a plain object."""

    __slots__ = ("chunk", "novelty", "rubric")

    def __init__(
        self, chunk: list[Proposal], novelty: dict[str, NoveltyMeasure], rubric: LoadedRubric
    ) -> None:
        self.chunk = chunk
        self.novelty = novelty
        self.rubric = rubric


def packed_score_key(context: TaskRunContext, parameters: dict[str, Any]) -> str:
    """The key of `score` for the same inputs, packed (so both runners share the cache)."""
    packed: Packed = parameters["packed"]
    unpacked = {"chunk": packed.chunk, "novelty": packed.novelty, "rubric": packed.rubric}
    return score_key(context, unpacked)


def registry_digest(batch: str) -> str:
    """sha256 of the batch's agency registry (`_agencies.yaml`), or "none". A read that
    fails for a moment is raised (the task's retry reads it again) rather than keyed as no
    registry, which could reuse gates or a shortlist counted without it."""
    try:
        return hashlib.sha256((Path(batch) / REGISTRY_FILE).read_bytes()).hexdigest()
    except OSError as exc:
        if is_transient(exc):
            raise
        return "none"


def shortlist_key(context: TaskRunContext, parameters: dict[str, Any]) -> str:
    """Cache key of `shortlist`: the scored proposals, their scorecards, rubric, size and the
    batch's agency registry (the per-agency limit reads agencies through it)."""
    rubric: LoadedRubric = parameters["rubric"]
    proposals: Sequence[Proposal] = parameters["proposals"]
    cards: dict[str, Scorecard] = parameters["scorecards"]
    return _key(
        "shortlist",
        rubric.sha256,
        str(parameters["size"]),
        registry_digest(parameters["batch"]),
        models_digest(proposals),
        models_digest(cards[p.id] for p in proposals),
    )


@task(name="load-rubric", cache_policy=NO_CACHE, **IO_RETRIES)
def load_rubric_task(path: str | None) -> LoadedRubric:
    rubric = load_rubric(Path(path) if path else None)
    get_run_logger().info("rubric %s (sha256 %s)", rubric.rubric.id, rubric.sha256[:12])
    return rubric


@task(name="load-corpus", cache_policy=NO_CACHE, **IO_RETRIES)
def load_corpus_task(path: str | None) -> Corpus:
    corpus = prefetch.take_corpus(path) or load_corpus(Path(path) if path else None)
    get_run_logger().info("corpus %s: %d prior innovations", corpus.path, len(corpus.entries))
    return corpus


@task(name="intake", cache_policy=NO_CACHE, **IO_RETRIES)
def intake_task(batch: str, rubric: LoadedRubric) -> Batch:
    choices, limits = rubric.rubric.call.choices(), Limits()
    # read while the embedded server started (run_kipp), when nothing has changed since
    taken = prefetch.take_batch(batch, choices, limits)
    cache = (prefetch.batch_cache() if taken else None) or ParseCache()
    result = taken or load_batch(Path(batch), choices, limits, cache)
    get_run_logger().info(
        "intake: %d proposals (%d valid, %d invalid), %d unread; "
        "%d files as parsed before, %d parsed",
        len(result.entries),
        len(result.valid),
        len(result.invalid),
        len(result.unread),
        cache.hits,
        cache.misses,
    )
    return result


@task(name="gates", cache_key_fn=gates_key, persist_result=True)
def gates_task(
    proposals: Sequence[Proposal], rubric: LoadedRubric, batch: str
) -> dict[str, list[GateResult]]:
    agency_of = agency_matcher(Path(batch))  # the batch's agency registry, if it has one
    results = check_gates(proposals, rubric.rubric, agency_of)
    failed = sum(not all(g.passed for g in gates) for gates in results.values())
    get_run_logger().info("gates: %d of %d proposals ineligible", failed, len(results))
    return results


@task(name="novelty", cache_key_fn=novelty_key, persist_result=True)
def novelty_task(
    proposals: Sequence[Proposal], corpus: Corpus, rubric: LoadedRubric
) -> dict[str, NoveltyMeasure]:
    prior_art = corpus.until(rubric.rubric.call.prior_art_cutoff)
    index = prefetch.take_index(prior_art) or CorpusIndex.cached(corpus_index_dir(), prior_art)
    # the prior-art matches of each chunk of proposals are kept by content: after an edit,
    # only the chunks whose vectors changed are compared with the corpus again
    store = MatchStore(cache_dir() / "novelty-matches", salt=code_version())
    settings = rubric.rubric.measures.novelty
    result = measure_novelty(proposals, prior_art, settings, index=index, store=store)
    flagged = sum(bool(m.flags) for m in result.values())
    get_run_logger().info(
        "novelty: %d proposals against %d prior innovations; %d flagged; "
        "%d chunks of prior-art matches reused, %d computed",
        len(proposals),
        len(prior_art.entries),
        flagged,
        store.hits,
        store.misses,
    )
    return result


@task(name="score", cache_key_fn=score_key, persist_result=True)
def score_task(
    chunk: Sequence[Proposal], novelty: dict[str, NoveltyMeasure], rubric: LoadedRubric
) -> dict[str, Scorecard]:
    return stages.score_chunk(chunk, novelty, rubric.rubric)


@task(name="score", cache_key_fn=packed_score_key, persist_result=True)
def score_packed_task(packed: Packed) -> dict[str, Scorecard]:
    return stages.score_chunk(packed.chunk, packed.novelty, packed.rubric.rubric)


@task(name="shortlist", cache_key_fn=shortlist_key, persist_result=True)
def shortlist_task(
    proposals: Sequence[Proposal],
    scorecards: dict[str, Scorecard],
    rubric: LoadedRubric,
    size: int | None,
    batch: str,
) -> dict[str, Placement]:
    agency_of = agency_matcher(Path(batch))  # the batch's agency registry, if it has one
    placements = stages.shortlist(proposals, scorecards, rubric.rubric, size, agency_of)
    chosen = sum(p.shortlisted for p in placements.values())
    get_run_logger().info("shortlist: %d of %d scored proposals", chosen, len(placements))
    return placements


@task(name="reviews", cache_policy=NO_CACHE, **IO_RETRIES)
def reviews_task(batch: str, rubric: LoadedRubric, proposals: Sequence[Proposal]) -> ReviewSet:
    found = load_reviews(Path(batch), rubric.rubric, proposals, agency_matcher(Path(batch)))
    get_run_logger().info(
        "reviews: %d rows from %d sheets, %d problems",
        len(found.reviews),
        len(found.sheets),
        len(found.problems),
    )
    return found


@task(name="write-documents", cache_policy=NO_CACHE, **IO_RETRIES)
def write_task(results: Results, rubric: LoadedRubric, out_dir: str) -> list[str]:
    # scorecards whose inputs did not change are copied from the previous run's
    reuse = ScorecardReuse.for_output(Path(out_dir), cache_dir())
    written = write_staged(
        lambda staging: write_run(results, rubric.rubric, staging, reuse=reuse), Path(out_dir)
    )
    reuse.save()
    paths = [str(p) for p in written]
    get_run_logger().info(
        "documents written to %s; %d scorecards as before, %d rendered",
        out_dir,
        reuse.hits,
        reuse.misses,
    )
    return paths


@flow(name="kipp-run", log_prints=False)
def kipp_run(params: RunParameters) -> RunSummary:
    """Validate, gate, measure, score, shortlist and render one batch of proposals."""
    started = datetime.now(UTC).isoformat(timespec="seconds")
    storage = results_storage()  # resolved per run: $KIPP_CACHE_DIR may change between runs
    rubric = load_rubric_task(params.rubric)
    corpus = load_corpus_task(params.corpus)
    batch = intake_task(params.batch, rubric)
    proposals = stages.valid_proposals(batch)
    gates = gates_task.with_options(result_storage=storage)(
        opaque(proposals), opaque(rubric), params.batch
    )
    novelty = novelty_task.with_options(result_storage=storage)(
        opaque(proposals), opaque(corpus), opaque(rubric)
    )
    passed = stages.eligible_proposals(proposals, gates)
    scorecards = score_all(passed, novelty, rubric, storage, params)
    reviews = reviews_task(params.batch, opaque(rubric), opaque(passed))
    scorecards = stages.apply_reviews(scorecards, reviews, rubric.rubric)
    placements = shortlist_task.with_options(result_storage=storage)(
        opaque(passed), opaque(scorecards), opaque(rubric), params.size, params.batch
    )
    ranked = placements  # the ranking's own: rank noise is read against its cut-off
    decision: Decision | None = None
    if params.approval:
        pending = stages.Assessment(
            gates=gates,
            novelty=novelty,
            scorecards=scorecards,
            placements=placements,
            reviews=reviews,
        )
        proposed = build_results(batch, pending, rubric, run_out(params, rubric, corpus, batch))
        shown = proposal_digest(placements, scorecards)
        decision = approved_decision(proposed, placements, shown, rubric, params)
        placements = apply_decision(placements, decision)
        get_run_logger().info(
            "approval by %s: %d proposals moved", decision.decided_by, len(decision.moves)
        )
    # the PDF's child imports WeasyPrint on the other core while the results are built (not
    # before the approval: a paused run would hold it idle)
    prestart_pdf()
    try:
        assessed = stages.Assessment(
            gates=gates,
            novelty=novelty,
            scorecards=scorecards,
            placements=placements,
            reviews=reviews,
            uncertainty=stages.rank_uncertainty(scorecards, reviews, ranked, rubric.rubric),
        )
        out_dir = Path(params.out) if params.out else default_out_dir(params.batch)
        results = build_results(
            batch, assessed, rubric, run_out(params, rubric, corpus, batch, started)
        )
        if decision is not None:
            results = results.model_copy(update={"approval": decision})
        files = write_task(opaque(results), opaque(rubric), str(out_dir))
    finally:
        discard_prestarted_pdf()  # a run that failed before its PDF leaves no child
    shortlist_artifact(results, rubric, params.lang, None)
    create_table_artifact(
        key="kipp-scores",
        table=scores_table(results, rubric.rubric),
        description="Scored proposals in rank order",
    )
    problems_table(batch)
    if results.reviews is not None:
        create_table_artifact(
            key="kipp-review-progress",
            table=progress_table(results),
            description="Reviewers: proposals assigned, completed and started",
        )
    files_links(files)
    s = results.summary
    return RunSummary(
        out_dir=str(out_dir),
        files=files,
        shortlisted=s.shortlisted,
        scored=s.scored,
        ineligible=s.ineligible,
        invalid=s.invalid,
        unread=s.unread,
        provisional=s.provisional,
    )


def run_out(
    params: RunParameters,
    rubric: LoadedRubric,
    corpus: Corpus,
    batch: Batch,
    started: str | None = None,
) -> RunOut:
    """The `run` block of the results: what was run, on what, when."""
    now = datetime.now(UTC).isoformat(timespec="seconds")
    return RunOut(
        rubric=rubric.rubric.id,
        rubric_sha256=rubric.sha256,
        batch=params.batch,
        started_at=started or now,
        finished_at=now,
        code_version=kipp.__version__,
        lang=params.lang,
        shortlist_size=params.size or rubric.rubric.shortlist.size,
        corpus=CorpusOut(
            path=corpus.path,
            sha256=corpus.sha256,
            entries=len(corpus.entries),
            prior_art_entries=len(corpus.until(rubric.rubric.call.prior_art_cutoff).entries),
        ),
        inputs=batch.inputs,
    )


APPROVAL_ATTEMPTS = 5


def approved_decision(
    proposed: Results,
    placements: dict[str, Placement],
    shown: str,
    rubric: LoadedRubric,
    params: RunParameters,
) -> Decision:
    """Wait for the coordinator's decision on the shortlist `proposed` (whose
    `proposal_digest` is `shown`); one that cannot apply (an unknown id, a move without a
    reason) or that was given on another shortlist (files edited while the run was
    suspended) is refused with the reason shown above the proposed shortlist, and the run
    pauses again for a new form, up to APPROVAL_ATTEMPTS times."""
    awaiting = tr("approval.awaiting", params.lang)
    state = awaiting
    for attempt in range(1, APPROVAL_ATTEMPTS + 1):
        shortlist_artifact(proposed, rubric, params.lang, state)
        try:
            decision = await_approval(params.approval_wait_s, shown, attempt)
            check_decision(placements, decision)
        except ApprovalError as exc:
            get_run_logger().warning("approval form refused: %s (%s)", exc.message, exc.hint)
            if attempt == APPROVAL_ATTEMPTS:
                raise
            refused = tr(
                "approval.refused",
                params.lang,
                reason=localised(exc.message, params.lang),
                hint=localised(exc.hint or "", params.lang),
            )
            state = f"{refused} {awaiting}"
            continue
        return decision
    raise AssertionError("unreachable: the last attempt returns or raises")


def shortlist_artifact(
    results: Results, rubric: LoadedRubric, lang: Lang, state: str | None
) -> None:
    """The shortlist as a markdown artifact; `state` (e.g. awaiting approval) heads it, and a
    coordinator's decision is recorded under it."""
    markdown = summary_markdown(results, rubric.rubric, lang)
    if state:  # holds the refused form's values: escaped like every value in the documents
        markdown = f"**{markdown_text(state)}**\n\n{markdown}"
    if results.approval is not None:
        markdown += "\n" + decision_markdown(results, lang)
    key = "kipp-shortlist-proposed" if state else "kipp-shortlist"
    create_markdown_artifact(key=key, markdown=markdown, description=counts_line(results, lang))


def score_all(
    passed: list[Proposal],
    novelty: dict[str, NoveltyMeasure],
    rubric: LoadedRubric,
    storage: Path,
    params: RunParameters,
) -> dict[str, Scorecard]:
    """Score the eligible proposals in chunks of CHUNK, on the flow's task runner or on a
    local Dask cluster; the progress artifact moves as each chunk finishes. Scorecards come
    back in the proposals' order whatever order the chunks finish in."""
    score = score_task.with_options(result_storage=storage)
    chunks = [passed[i : i + CHUNK] for i in range(0, len(passed), CHUNK)]
    progress = Progress(len(chunks), "scoring")
    found: dict[str, Scorecard] = {}

    def collect(futures: list[PrefectFuture[dict[str, Scorecard]]]) -> None:
        for future in as_completed(futures):
            found.update(future.result())
            progress.step()

    if params.dask:
        from prefect_dask.task_runners import DaskTaskRunner

        # Every Dask submission carries the flow run's context, which carries this flow:
        # cloudpickle pickles `kipp_run`'s function by value (the module attribute is the
        # Flow, not the function) with every module global it names, ~36 KB today. A module
        # level cache of batch data named by the flow would travel, and be hashed 2-3 times
        # by Dask, in every chunk (bench/dask.py once did so: 31 MB a chunk, 19x slower).
        packed = score_packed_task.with_options(result_storage=storage)

        def pack(chunk: list[Proposal]) -> Packed:
            return Packed(chunk, {p.id: novelty[p.id] for p in chunk}, rubric)

        cluster = {
            "n_workers": params.dask_workers,
            "threads_per_worker": 1,
            "processes": True,
            "host": "127.0.0.1",  # scheduler and workers listen on this machine only
            # no dashboard; the scheduler still answers /health and /metrics over HTTP on
            # 127.0.0.1:8787 (a free port if that one is taken)
            "dashboard_address": None,
            # the workers report to this run's server, also the embedded one (else each
            # worker process would start a server of its own: ~10 s each)
            "env": {"PREFECT_API_URL": current_api_url()},
        }
        with DaskTaskRunner(cluster_kwargs=cluster) as runner:
            collect([runner.submit(packed, parameters={"packed": pack(chunk)}) for chunk in chunks])
    else:
        collect([score.submit(**chunk_parameters(chunk, novelty, rubric)) for chunk in chunks])
    return {p.id: found[p.id] for p in passed}


def current_api_url() -> str:
    """The API this flow run reports to (the embedded server's address when there is no
    PREFECT_API_URL)."""
    with get_client(sync_client=True) as client:
        return str(client.api_url).rstrip("/")


def chunk_parameters(
    chunk: list[Proposal], novelty: dict[str, NoveltyMeasure], rubric: LoadedRubric
) -> dict[str, Any]:
    """One `score` task's inputs: its proposals, their novelty measures, the rubric."""
    measured = {p.id: novelty[p.id] for p in chunk}
    return {"chunk": opaque(chunk), "novelty": opaque(measured), "rubric": opaque(rubric)}


EMBEDDED_SERVER_ENVIRONMENT = embedded_server.SERVER_ENVIRONMENT


def embedded() -> bool:
    """True when no Prefect server is configured (in the environment or the active Prefect
    profile): runs go to Prefect's embedded server."""
    return api_url() is None


def client_settings() -> dict[Setting, Any]:
    """Client settings for a run on the embedded server: no flow heartbeat (it serves crash
    detection by a long-lived server, and costs ~1 s at the end of every run)."""
    return {PREFECT_FLOWS_HEARTBEAT_FREQUENCY: None} if embedded() else {}


def run_kipp(params: RunParameters, server: EmbeddedServer | None = None) -> RunSummary:
    """Run the flow as `kipp run` does: on the embedded server with the settings above, or on
    the server named by PREFECT_API_URL. `server` is the embedded server `kipp run` launched
    at its start (`flows.embedded.launch`): the run uses it when Prefect would have used its
    embedded server, and stops it in any case."""
    try:
        if server is not None and not embedded_server.wanted():
            server.stop()  # a server is configured after all (profile), or ephemeral is off
            server = None
        if params.approval and embedded():
            raise KippError(
                "--approval needs a Prefect server whose UI the coordinator opens to decide",
                "start one with `prefect server start --host 127.0.0.1` and set "
                "PREFECT_API_URL=http://127.0.0.1:4200/api (or use `kipp serve`)",
            )
        updates = client_settings()
        if embedded():
            for name, value in EMBEDDED_SERVER_ENVIRONMENT.items():
                os.environ.setdefault(name, value)
            # read the inputs on the other core while the server starts
            prefetch.start(params.batch, params.rubric, params.corpus, corpus_index_dir())
            if server is not None:
                updates[PREFECT_API_URL] = server.ready(embedded_server.startup_timeout_s())
        else:
            check_api()  # seconds, not the client's minutes of retries, when nobody answers
        with temporary_settings(updates=updates):
            return kipp_run(params)
    finally:
        if server is not None:
            server.stop()
