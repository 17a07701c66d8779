"""`kipp-run`: the main job as a Prefect flow.

Each task calls one domain function. Work is batched: intake, gates and novelty see the whole
batch once; scoring runs in chunks of proposals, never one task per proposal. Task results
stay small where they cross to the documents: files are written to disk and the flow returns
paths and counts.

Caching (re-runs recompute only what changed): the batch tasks (gates, novelty, each score
chunk, shortlist) are cached by content. Their key is a sha256 of the canonical JSON of the
proposals (and novelty measures, scorecards) they are given, the rubric's and corpus's
sha256, `kipp.caching.code_version()` and this module's source; their results are persisted
(pickled) under `<cache dir>/prefect-results/`, one file per key. Rubric, corpus, intake
(every file is read again: cheap, and the only way to see an edit) and the documents are
never cached. The novelty task also keeps the tokenised corpus on disk,
`<cache dir>/corpus-index/`, keyed by the corpus sha256 and entry ids, so an edited proposal
recomputes novelty for the batch without tokenising the corpus again. The cache dir is
`$KIPP_CACHE_DIR`, else `$XDG_CACHE_HOME/kipp`, else `~/.cache/kipp`; it is safe to delete.
"""

import os
from collections.abc import Sequence
from datetime import UTC, datetime
from pathlib import Path
from typing import Any, TypeVar, cast

from prefect import flow, get_run_logger, task
from prefect.artifacts import create_markdown_artifact, create_table_artifact
from prefect.cache_policies import NO_CACHE
from prefect.context import TaskRunContext
from prefect.settings import PREFECT_FLOWS_HEARTBEAT_FREQUENCY, temporary_settings
from prefect.settings.legacy import Setting
from prefect.utilities.annotations import quote
from pydantic import BaseModel, Field

import kipp
from kipp import assessment as stages
from kipp.caching import cache_dir, code_version, digest, models_digest, sources_digest
from kipp.corpus import Corpus, load_corpus
from kipp.gates import GateResult, check_gates
from kipp.i18n import Lang
from kipp.intake import Batch, Limits, load_batch
from kipp.measures.novelty import NoveltyMeasure, measure_novelty
from kipp.measures.similarity import CorpusIndex
from kipp.models import Proposal
from kipp.outputs import write_run
from kipp.results import CorpusOut, Results, RunOut, build_results
from kipp.rubric import LoadedRubric, load_rubric
from kipp.scoring import Scorecard
from kipp.shortlist import Placement
from kipp.summaries import counts_line, scores_table, summary_markdown

CHUNK = 200
FLOW_SOURCE = sources_digest(Path(__file__))  # the tasks' own code is part of every key


class RunParameters(BaseModel):
    """What a coordinator chooses for a run (rendered as a form in the Prefect UI)."""

    batch: str = Field(description="Folder holding the proposal files")
    out: str | None = Field(default=None, description="Output folder; outputs/<batch name>")
    rubric: str | None = Field(default=None, description="Rubric YAML; the bundled KIPP 2022")
    corpus: str | None = Field(default=None, description="Prior-innovation CSV; bundled corpus")
    lang: Lang = Field(default=Lang.ID, description="Language of the documents")
    size: int | None = Field(default=None, ge=1, description="Shortlist size; the rubric's")


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
    """Cache key of `gates`: the batch's proposals and the rubric."""
    rubric: LoadedRubric = parameters["rubric"]
    return _key("gates", rubric.sha256, models_digest(parameters["proposals"]))


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


def shortlist_key(context: TaskRunContext, parameters: dict[str, Any]) -> str:
    """Cache key of `shortlist`: the scored proposals, their scorecards, rubric and size."""
    rubric: LoadedRubric = parameters["rubric"]
    proposals: Sequence[Proposal] = parameters["proposals"]
    cards: dict[str, Scorecard] = parameters["scorecards"]
    return _key(
        "shortlist",
        rubric.sha256,
        str(parameters["size"]),
        models_digest(proposals),
        models_digest(cards[p.id] for p in proposals),
    )


@task(name="load-rubric", cache_policy=NO_CACHE)
def load_rubric_task(path: str | None) -> LoadedRubric:
    rubric = load_rubric(Path(path) if path else None)
    get_run_logger().info("rubric %s (sha256 %s)", rubric.rubric.id, rubric.sha256[:12])
    return rubric


@task(name="load-corpus", cache_policy=NO_CACHE)
def load_corpus_task(path: str | None) -> Corpus:
    corpus = load_corpus(Path(path) if path else None)
    get_run_logger().info("corpus %s: %d prior innovations", corpus.path, len(corpus.entries))
    return corpus


@task(name="intake", cache_policy=NO_CACHE)
def intake_task(batch: str, rubric: LoadedRubric) -> Batch:
    result = load_batch(Path(batch), rubric.rubric.call.choices(), Limits())
    get_run_logger().info(
        "intake: %d proposals (%d valid, %d invalid), %d unread",
        len(result.entries),
        len(result.valid),
        len(result.invalid),
        len(result.unread),
    )
    return result


@task(name="gates", cache_key_fn=gates_key, persist_result=True)
def gates_task(proposals: Sequence[Proposal], rubric: LoadedRubric) -> dict[str, list[GateResult]]:
    results = check_gates(proposals, rubric.rubric)
    failed = sum(not all(g.passed for g in gates) for gates in results.values())
    get_run_logger().info("gates: %d of %d proposals ineligible", failed, len(results))
    return results


@task(name="novelty", cache_key_fn=novelty_key, persist_result=True)
def novelty_task(
    proposals: Sequence[Proposal], corpus: Corpus, rubric: LoadedRubric
) -> dict[str, NoveltyMeasure]:
    prior_art = corpus.until(rubric.rubric.call.prior_art_cutoff)
    index = CorpusIndex.cached(corpus_index_dir(), prior_art)
    result = measure_novelty(proposals, prior_art, rubric.rubric.measures.novelty, index=index)
    flagged = sum(bool(m.flags) for m in result.values())
    get_run_logger().info(
        "novelty: %d proposals against %d prior innovations; %d flagged",
        len(proposals),
        len(prior_art.entries),
        flagged,
    )
    return result


@task(name="score", cache_key_fn=score_key, persist_result=True)
def score_task(
    chunk: Sequence[Proposal], novelty: dict[str, NoveltyMeasure], rubric: LoadedRubric
) -> dict[str, Scorecard]:
    return stages.score_chunk(chunk, novelty, rubric.rubric)


@task(name="shortlist", cache_key_fn=shortlist_key, persist_result=True)
def shortlist_task(
    proposals: Sequence[Proposal],
    scorecards: dict[str, Scorecard],
    rubric: LoadedRubric,
    size: int | None,
) -> dict[str, Placement]:
    placements = stages.shortlist(proposals, scorecards, rubric.rubric, size)
    chosen = sum(p.shortlisted for p in placements.values())
    get_run_logger().info("shortlist: %d of %d scored proposals", chosen, len(placements))
    return placements


@task(name="write-documents", cache_policy=NO_CACHE)
def write_task(results: Results, rubric: LoadedRubric, out_dir: str) -> list[str]:
    paths = [str(p) for p in write_run(results, rubric.rubric, Path(out_dir))]
    get_run_logger().info("documents written to %s", out_dir)
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
    gates = gates_task.with_options(result_storage=storage)(opaque(proposals), opaque(rubric))
    novelty = novelty_task.with_options(result_storage=storage)(
        opaque(proposals), opaque(corpus), opaque(rubric)
    )
    passed = stages.eligible_proposals(proposals, gates)
    score = score_task.with_options(result_storage=storage)
    futures = []
    for i in range(0, len(passed), CHUNK):
        chunk = passed[i : i + CHUNK]
        measured = {p.id: novelty[p.id] for p in chunk}
        futures.append(score.submit(opaque(chunk), opaque(measured), opaque(rubric)))
    scorecards: dict[str, Scorecard] = {}
    for future in futures:
        scorecards |= future.result()
    placements = shortlist_task.with_options(result_storage=storage)(
        opaque(passed), opaque(scorecards), opaque(rubric), params.size
    )
    assessed = stages.Assessment(
        gates=gates, novelty=novelty, scorecards=scorecards, placements=placements
    )
    out_dir = Path(params.out) if params.out else default_out_dir(params.batch)
    run = RunOut(
        rubric=rubric.rubric.id,
        rubric_sha256=rubric.sha256,
        batch=params.batch,
        started_at=started,
        finished_at=datetime.now(UTC).isoformat(timespec="seconds"),
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
    results = build_results(batch, assessed, rubric, run)
    files = write_task(opaque(results), opaque(rubric), str(out_dir))
    create_markdown_artifact(
        key="kipp-shortlist",
        markdown=summary_markdown(results, rubric.rubric, params.lang),
        description=counts_line(results, params.lang),
    )
    create_table_artifact(
        key="kipp-scores",
        table=scores_table(results, rubric.rubric),
        description="Scored proposals in rank order",
    )
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


EMBEDDED_SERVER_ENVIRONMENT = {
    # no anonymous usage reports (and no "database is locked" noise from them on SQLite)
    "PREFECT_SERVER_ANALYTICS_ENABLED": "false",
    # batch the server's recording so bursts of task runs do not fall behind (DESIGN.md)
    "PREFECT_SERVER_SERVICES_TASK_RUN_RECORDER_BATCH_SIZE": "200",
    "PREFECT_SERVER_SERVICES_TASK_RUN_RECORDER_READ_BATCH_SIZE": "50",
    "PREFECT_SERVER_SERVICES_EVENT_PERSISTER_BATCH_SIZE": "500",
    "PREFECT_SERVER_SERVICES_EVENT_PERSISTER_READ_BATCH_SIZE": "50",
}


def embedded() -> bool:
    """True when no Prefect server is configured: runs go to Prefect's embedded server."""
    return not os.environ.get("PREFECT_API_URL")


def client_settings() -> dict[Setting, Any]:
    """Client settings for a run on the embedded server: no flow heartbeat (it serves crash
    detection by a long-lived server, and costs ~1 s at the end of every run)."""
    return {PREFECT_FLOWS_HEARTBEAT_FREQUENCY: None} if embedded() else {}


def run_kipp(params: RunParameters) -> RunSummary:
    """Run the flow as `kipp run` does: on the embedded server with the settings above, or on
    the server named by PREFECT_API_URL."""
    if embedded():
        for name, value in EMBEDDED_SERVER_ENVIRONMENT.items():
            os.environ.setdefault(name, value)
    with temporary_settings(updates=client_settings()):
        return kipp_run(params)
