"""The whole domain pipeline as pure functions: batch in, assessment out.

`assess` composes the stages in-process (used by tests and by the benchmark's no-Prefect
baseline); the Prefect flow composes the same stage functions as batched tasks.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from pydantic import BaseModel, ConfigDict

from kipp.corpus import Corpus
from kipp.gates import GateResult, check_gates, eligible
from kipp.intake import Batch
from kipp.measures.novelty import NoveltyMeasure, measure_novelty
from kipp.models import Proposal
from kipp.rubric import Rubric
from kipp.scoring import Scorecard, automatic_measures, score_proposal
from kipp.shortlist import Candidate, Placement, build_shortlist


class Assessment(BaseModel):
    """Everything the pipeline concluded about a batch, keyed by proposal id."""

    model_config = ConfigDict(frozen=True)

    gates: dict[str, list[GateResult]]
    novelty: dict[str, NoveltyMeasure]
    scorecards: dict[str, Scorecard]
    placements: dict[str, Placement]


def valid_proposals(batch: Batch) -> list[Proposal]:
    """The proposals that passed intake, in folder order."""
    return [e.proposal for e in batch.valid if e.proposal is not None]


def eligible_proposals(
    proposals: Sequence[Proposal], gates: dict[str, list[GateResult]]
) -> list[Proposal]:
    """The proposals that passed every gate."""
    return [p for p in proposals if eligible(gates[p.id])]


def score_chunk(
    proposals: Iterable[Proposal], novelty: dict[str, NoveltyMeasure], rubric: Rubric
) -> dict[str, Scorecard]:
    """Scorecards for some eligible proposals (one batched task's worth)."""
    settings = rubric.measures.novelty
    return {
        p.id: score_proposal(automatic_measures(p, novelty[p.id], settings), rubric)
        for p in proposals
    }


def candidates(proposals: Iterable[Proposal], scorecards: dict[str, Scorecard]) -> list[Candidate]:
    """What ranking needs of each scored proposal."""
    result = []
    for p in proposals:
        card = scorecards[p.id]
        result.append(
            Candidate(
                id=p.id,
                agency=p.agency,
                category=p.category,
                started_on=p.started_on,
                total=card.total,
                levels={c.criterion: c.level for c in card.criteria},
                scores={c.criterion: c.score for c in card.criteria},
            )
        )
    return result


def shortlist(
    proposals: Sequence[Proposal],
    scorecards: dict[str, Scorecard],
    rubric: Rubric,
    size: int | None = None,
) -> dict[str, Placement]:
    """Placements of the scored proposals, keyed by id."""
    placements = build_shortlist(candidates(proposals, scorecards), rubric.shortlist, size)
    return {p.id: p for p in placements}


def assess(batch: Batch, rubric: Rubric, corpus: Corpus, size: int | None = None) -> Assessment:
    """Gates, measures, scores and shortlist for a batch, in one process."""
    proposals = valid_proposals(batch)
    gates = check_gates(proposals, rubric)
    prior_art = corpus.until(rubric.call.prior_art_cutoff)
    novelty = measure_novelty(proposals, prior_art, rubric.measures.novelty)
    passed = eligible_proposals(proposals, gates)
    scorecards = score_chunk(passed, novelty, rubric)
    placements = shortlist(passed, scorecards, rubric, size)
    return Assessment(gates=gates, novelty=novelty, scorecards=scorecards, placements=placements)
