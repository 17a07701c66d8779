"""The pipeline, declared once: every stage from a batch folder to the documents.

```
rubric, corpus ─┐
batch folder ───┴─> batch ─> proposals ─> gates ─> eligible ─> scores ─> scorecards ─> ranking
                      (intake)                        │            (measures,  (reviews)
                                prior_art ─> index ─> novelty ─────┘   levels)
ranking ─> decision ─> placements ─> uncertainty ─> results ─> documents
           (coordinator)                                         (or scorecards alone)
eligible, novelty ─> assignment (reviewers, evidence) ─> scoresheets
```

Each entry point asks `PIPELINE.to(...)` for the values it needs and runs those stages:
`kipp validate` the batch, `kipp run` (the Prefect flow) the documents, `kipp assign` the
scoresheets, `kipp scorecards` the scorecard files from a finished run's results, the
benchmark every stage in one process. Values an entry point gives: `batch_folder`,
`rubric_path`, `corpus_path`, `out`, `lang`, `size`, `started` (the run's start), and where
needed `parse_cache`, `limits`, `panel_path`, `decider`, the assignment's options and
`pdf_scorecards`. A stage input that the function has a default for may be left out.
"""

from __future__ import annotations

from collections.abc import Callable, Collection, Mapping

from kipp.assignment.plan import plan_assignment, write_scoresheets
from kipp.core.i18n import Text, text
from kipp.intake import Batch
from kipp.pipeline import steps
from kipp.pipeline.stage import Pipeline, Runner, Split, Stage, Values, call, merge
from kipp.pipeline.steps import Decider, Proposed, RunInfo, Written


def _batch(batch: Batch) -> Text:
    intake = batch.intake
    return text(
        "stage.batch",
        proposals=len(intake.entries),
        valid=len(intake.valid),
        invalid=len(intake.invalid),
        unread=len(intake.unread),
    )


def _gates(found: steps.Gates) -> Text:
    failed = sum(not all(g.passed for g in results) for results in found.values())
    return text("stage.gates", ineligible=failed, proposals=len(found))


def _novelty(found: steps.Novelty) -> Text:
    return text(
        "stage.novelty", proposals=len(found), flagged=sum(bool(m.flags) for m in found.values())
    )


def _ranking(found: steps.Placements) -> Text:
    chosen = sum(p.shortlisted for p in found.values())
    return text("stage.ranking", shortlisted=chosen, scored=len(found))


def _documents(written: Written) -> Text:
    return text(
        "stage.documents",
        folder=str(written.folder),
        files=len(written.files),
        reused=written.reused,
        rendered=written.rendered,
    )


PIPELINE = Pipeline(
    (
        Stage("rubric", steps.read_rubric, ("rubric_path",), io=True),
        Stage("corpus", steps.read_corpus, ("corpus_path",), io=True),
        Stage(
            "batch",
            steps.read_batch,
            ("batch_folder", "rubric", "parse_cache", "limits", "panel_path"),
            io=True,
            summary=_batch,
        ),
        Stage("proposals", steps.valid_proposals, ("batch",)),
        Stage("registry", steps.agency_registry, ("batch",)),
        Stage(
            "gates",
            steps.gates,
            ("proposals", "rubric", "registry"),
            # not cached: checking the gates again takes less than storing their results and
            # about as long as reading them back (bench/README.md, pipeline benchmark)
            summary=_gates,
        ),
        Stage("eligible", steps.eligible_proposals, ("proposals", "gates")),
        Stage("prior_art", steps.prior_art, ("corpus", "rubric")),
        Stage("index", steps.corpus_index, ("prior_art",), io=True),
        Stage(
            "novelty",
            steps.novelty,
            ("proposals", "prior_art", "index", "rubric"),
            cached=True,
            key=("proposals", "prior_art", "rubric"),  # the index is the prior art's
            summary=_novelty,
        ),
        Stage(
            "scores",
            steps.scores,
            ("eligible", "novelty", "rubric"),
            # not cached: scoring a part again takes less than storing it and about as long as
            # reading it back (bench/README.md, pipeline benchmark); split to be spread over
            # the workers of a team's Dask cluster or work pool
            split=Split(over="eligible", by_id=("novelty",)),
        ),
        Stage("reviews", steps.reviews, ("batch", "rubric", "eligible", "registry")),
        Stage("scorecards", steps.scorecards, ("scores", "reviews", "rubric")),
        Stage(
            "ranking",
            steps.ranking,
            ("eligible", "scorecards", "rubric", "size", "registry"),
            # not cached: ranking takes a fraction of what keying it by every scorecard's
            # content would (bench/README.md, pipeline benchmark)
            summary=_ranking,
        ),
        Stage("run", steps.run_info, ("batch", "rubric", "corpus", "lang", "size", "started")),
        Stage(
            "decision",
            steps.decision,
            ("decider", "run", "gates", "novelty", "scorecards", "ranking", "reviews"),
            waits=True,
        ),
        Stage("placements", steps.placements, ("ranking", "decision")),
        Stage("uncertainty", steps.uncertainty, ("scorecards", "reviews", "ranking", "rubric")),
        Stage(
            "results",
            steps.results,
            (
                "run",
                "gates",
                "novelty",
                "scorecards",
                "placements",
                "reviews",
                "uncertainty",
                "decision",
            ),
        ),
        Stage("pdf_renderer", steps.pdf_renderer, ("results",)),
        Stage(
            "documents",
            steps.documents,
            ("results", "rubric", "out", "batch", "pdf_renderer"),
            io=True,
            summary=_documents,
        ),
        Stage(
            "scorecard_files",
            steps.scorecard_files,
            ("results", "rubric", "out", "pdf_scorecards"),
            io=True,
            summary=_documents,
        ),
        Stage(
            "assignment",
            plan_assignment,
            (
                "eligible",
                "batch",
                "rubric",
                "per_proposal",
                "seed",
                "blind",
                "lang",
                "novelty",
                "deadline",
            ),
        ),
        Stage("scoresheets", write_scoresheets, ("assignment", "sheets_out", "force"), io=True),
    )
)


def run(
    outputs: tuple[str, ...],
    given: Mapping[str, object],
    runner: Runner = call,
    after: Callable[[Stage, object], None] | None = None,
    keep: Collection[str] | None = None,
) -> Values:
    """The stages of `PIPELINE` that lead from the values `given` to `outputs`, run with
    `runner`; every value of the run, or with `keep` the `outputs`, the values named in
    `keep` and those given (the others are let go once no later stage needs them)."""
    kept = None if keep is None else {*outputs, *keep}
    return PIPELINE.to(*outputs, given=given).run(given, runner, after, kept)


__all__ = [
    "PIPELINE",
    "Decider",
    "Pipeline",
    "Proposed",
    "RunInfo",
    "Runner",
    "Split",
    "Stage",
    "Values",
    "Written",
    "call",
    "merge",
    "run",
]
