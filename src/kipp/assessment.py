"""The whole domain pipeline as pure functions: batch in, assessment out.

`assess` composes the stages in-process (used by tests and by the benchmark's no-Prefect
baseline); the Prefect flow composes the same stage functions as batched tasks.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from functools import cached_property

from pydantic import BaseModel, ConfigDict, Field

from kipp.approval import shortlisted_by_ranking
from kipp.corpus import Corpus
from kipp.gates import GateResult, check_gates, eligible
from kipp.intake import Batch
from kipp.measures.novelty import NoveltyMeasure, measure_novelty
from kipp.models import Proposal
from kipp.reviews.models import ProposalReviews, ReviewSet
from kipp.reviews.uncertainty import RankInterval, rank_intervals
from kipp.rubric import Rubric
from kipp.scoring import Scorecard, automatic_measures, score_proposal, with_reviews
from kipp.shortlist import AgencyOf, Candidate, Placement, build_shortlist


class Assessment(BaseModel):
    """Everything the pipeline concluded about a batch, keyed by proposal id. `reviews` is
    what the panel and scoresheets gave (empty without them); `uncertainty` the rank interval
    of each scored proposal (empty without reviews)."""

    model_config = ConfigDict(frozen=True)

    gates: dict[str, list[GateResult]]
    novelty: dict[str, NoveltyMeasure]
    scorecards: dict[str, Scorecard]
    placements: dict[str, Placement]
    reviews: ReviewSet = Field(default_factory=ReviewSet)
    uncertainty: dict[str, RankInterval] = Field(default_factory=dict)

    @cached_property
    def cutoff_rank(self) -> int | None:
        """The rank of the last proposal the ranking shortlisted, whatever a coordinator moved
        afterwards (computed once: every proposal's rank interval is read against it)."""
        chosen = [p.rank for p in self.placements.values() if shortlisted_by_ranking(p)]
        return max(chosen) if chosen else None


def valid_proposals(batch: Batch) -> list[Proposal]:
    """The proposals that passed intake, in folder order."""
    return [e.proposal for e in batch.valid if e.proposal is not None]


def eligible_proposals(
    proposals: Sequence[Proposal], gates: dict[str, list[GateResult]]
) -> list[Proposal]:
    """The proposals that passed every gate."""
    return [p for p in proposals if eligible(gates[p.id])]


def score_chunk(
    proposals: Iterable[Proposal],
    novelty: dict[str, NoveltyMeasure],
    rubric: Rubric,
    reviews: dict[str, ProposalReviews] | None = None,
) -> dict[str, Scorecard]:
    """Scorecards for some eligible proposals (one batched task's worth); `reviews` holds
    the reviewers' verdicts by proposal id, where there are any."""
    settings = rubric.measures.novelty
    reviews = reviews or {}
    return {
        p.id: score_proposal(
            automatic_measures(p, novelty[p.id], settings), rubric, reviews.get(p.id)
        )
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
                values={c.criterion: c.value for c in card.criteria},
            )
        )
    return result


def shortlist(
    proposals: Sequence[Proposal],
    scorecards: dict[str, Scorecard],
    rubric: Rubric,
    size: int | None = None,
    agency_of: AgencyOf | None = None,
) -> dict[str, Placement]:
    """Placements of the scored proposals, keyed by id (`agency_of`: see `build_shortlist`)."""
    placements = build_shortlist(
        candidates(proposals, scorecards), rubric.shortlist, size, agency_of
    )
    return {p.id: p for p in placements}


def apply_reviews(
    scorecards: dict[str, Scorecard], reviews: ReviewSet, rubric: Rubric
) -> dict[str, Scorecard]:
    """Scorecards made without reviews, completed with the reviewers' verdicts (what the
    flow does after its cached scoring tasks); unchanged when there are no reviews."""
    if reviews.empty:
        return scorecards
    return {
        pid: with_reviews(card, rubric, reviews.proposals.get(pid))
        for pid, card in scorecards.items()
    }


def rank_uncertainty(
    scorecards: dict[str, Scorecard],
    reviews: ReviewSet,
    placements: dict[str, Placement],
    rubric: Rubric,
) -> dict[str, RankInterval]:
    """Each scored proposal's rank interval from resampled reviews (see
    `kipp.reviews.uncertainty`); empty when there are no reviews. `placements` are the
    ranking's, before any coordinator's move: the noise is about the ranking's cut-off."""
    order = sorted(placements, key=lambda pid: placements[pid].rank)
    return rank_intervals(order, scorecards, reviews.proposals, placements, rubric)


def assess(
    batch: Batch,
    rubric: Rubric,
    corpus: Corpus,
    size: int | None = None,
    reviews: ReviewSet | None = None,
    agency_of: AgencyOf | None = None,
) -> Assessment:
    """Gates, measures, scores and shortlist for a batch, in one process. `reviews` comes
    from `kipp.reviews.ingest.load_reviews`, `agency_of` from the batch's agency registry
    (`kipp.compliance.agency_matcher`), both read at the edge like the batch; the per-agency
    gate and the shortlist's per-agency limit both count agencies through it."""
    reviews = reviews or ReviewSet()
    proposals = valid_proposals(batch)
    gates = check_gates(proposals, rubric, agency_of)
    prior_art = corpus.until(rubric.call.prior_art_cutoff)
    novelty = measure_novelty(proposals, prior_art, rubric.measures.novelty)
    passed = eligible_proposals(proposals, gates)
    scorecards = score_chunk(passed, novelty, rubric, reviews.proposals)
    placements = shortlist(passed, scorecards, rubric, size, agency_of)
    return Assessment(
        gates=gates,
        novelty=novelty,
        scorecards=scorecards,
        placements=placements,
        reviews=reviews,
        uncertainty=rank_uncertainty(scorecards, reviews, placements, rubric),
    )
