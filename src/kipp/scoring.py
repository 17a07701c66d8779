"""From measures to criteria: levels by the rubric's thresholds, weighted totals, evidence.

A criterion's level comes from its measure (`auto`), from reviewers, or from a blend of the
two (the rubric's `reviewer_weight` is the reviewers' share). Totals use each criterion's
`value`: the level itself for an automatic criterion, the unrounded aggregate of reviewers'
levels (or the blend) otherwise, so close reviewer scores still order proposals.

A criterion scored by reviewers and not yet scored leaves the total provisional: the total is
then the weighted mean of the criteria scored so far, and `scored_weight` says what share of
the rubric's weight that is (a blend awaiting reviewers counts its measure's share). A
proposal whose assigned reviewers have not all completed is provisional too, and so is every
total with normalised reviewers' levels while any review of the batch is missing: the
panel's mean and spread that the levels stand on can still move.

A blend and a total are computed from the kept values (4 decimals) exactly and rounded halves
up, so that the arithmetic the documents show gives the same result with a calculator.
"""

from __future__ import annotations

import math
from decimal import Decimal
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

from kipp.core.i18n import Text, text
from kipp.core.models import Proposal
from kipp.measures.adaptability import measure_adaptability
from kipp.measures.impact import measure_impact
from kipp.measures.novelty import NoveltyMeasure
from kipp.reviews.aggregate import exact, half_up
from kipp.reviews.models import CriterionReviews, ProposalReviews
from kipp.rubric import LEVELS, Criterion, Rubric, Source
from kipp.rubric.settings import NoveltySettings


class Scored(BaseModel):
    """What one automatic measure says of one proposal: a 0-1 score and its evidence."""

    model_config = ConfigDict(frozen=True)

    score: float
    evidence: list[Text]


class CriterionResult(BaseModel):
    """One criterion of one proposal: level 1-5 (None while awaiting reviewers) and evidence."""

    model_config = ConfigDict(frozen=True)

    criterion: str
    weight: float
    source: Literal["auto", "reviewers", "blend"]
    score: float | None
    level: int | None
    evidence: list[Text]
    value: float | None = None
    auto_level: int | None = None
    reviewers: float | None = None
    reviewer_share: float = 0.0
    disagreement: bool = False
    auto_evidence: list[Text] = Field(default_factory=list)

    @property
    def counted_weight(self) -> float:
        """The share of the rubric's weight this criterion puts into the total now."""
        if self.value is None:
            return 0.0
        if self.source == "blend" and self.reviewers is None:
            return self.weight * (1 - self.reviewer_share)
        return self.weight

    @property
    def counted(self) -> Decimal:
        """`counted_weight` exactly, as the total uses it (`0.15 * 0.5` is `0.075`)."""
        if self.value is None:
            return Decimal(0)
        if self.source == "blend" and self.reviewers is None:
            return exact(self.weight) * (1 - exact(self.reviewer_share))
        return exact(self.weight)


def points(counted: Decimal, value: float) -> Decimal:
    """What a criterion puts into the total: its counted weight * its value / 5 * 100
    (the total is the sum of these over the share of the weight counted)."""
    return counted * exact(value) * 100 / LEVELS


def total_of(points_sum: Decimal, scored_weight: Decimal) -> float:
    """The total (2 decimals) from the criteria's points and the weight they count."""
    return half_up(points_sum / scored_weight, 2) if scored_weight else 0.0


class Scorecard(BaseModel):
    """Every criterion of one proposal and the weighted total (0-100). `pending_reviews`:
    assigned reviewers who have not completed their scores; `batch_pending` of the batch's
    `batch_assigned` reviews are not complete while this total stands on the panel's
    normalised footing (0 otherwise)."""

    model_config = ConfigDict(frozen=True)

    criteria: list[CriterionResult]
    total: float
    scored_weight: float
    pending_reviews: int = 0
    assignments_unknown: bool = False  # assignments.csv unreadable: completeness unknowable
    assignments_missing: bool = False  # unknowable because there is no assignments.csv
    batch_pending: int = 0
    batch_assigned: int = 0

    @property
    def provisional(self) -> bool:
        """True while some criterion still awaits reviewers, assigned reviewers have not all
        completed their scores, who was assigned cannot be read, or reviews of other
        proposals that would move the panel's footing are missing."""
        return (
            self.scored_weight < 1 - 1e-9
            or self.pending_reviews > 0
            or self.assignments_unknown
            or self.batch_pending > 0
        )

    def get(self, criterion_id: str) -> CriterionResult:
        """The result of one criterion."""
        return next(c for c in self.criteria if c.criterion == criterion_id)


def level_for(score: float, thresholds: list[float]) -> int:
    """1 plus the number of thresholds reached; a score exactly at a threshold reaches it."""
    return 1 + sum(score >= t for t in thresholds)


def shown_places(score: float, thresholds: list[float]) -> int:
    """The decimals `score` is shown with beside the thresholds: 2, or as many more (up to
    6) as it takes for the shown score to reach the same level (0.6958 shows as 0.696, not
    as 0.70, beside a threshold of 0.70 that it does not reach)."""
    level = level_for(score, thresholds)
    for places in range(2, 7):
        if level_for(round(score, places), thresholds) == level:
            return places
    return 6


def novelty_scored(measure: NoveltyMeasure, settings: NoveltySettings) -> Scored:
    """Novelty evidence: the score's derivation, the closest prior innovation, and flags."""
    evidence = [
        text(
            "novelty.score",
            score=round(measure.score, 2),
            similarity=round(measure.max_prior_similarity, 2),
        )
    ]
    priors = [n for n in measure.nearest if n.kind == "prior"]
    if not priors:
        evidence.append(text("novelty.no_corpus"))
    else:
        top = priors[0]
        evidence.append(
            text(
                "novelty.nearest_same_year" if top.same_year_as_call else "novelty.nearest",
                title=top.title,
                agency=top.agency,
                year=str(top.year or "?"),
                similarity=round(top.similarity, 2),
            )
        )
    for flag in measure.flags:
        key = "novelty.flag_prior" if flag.kind == "prior" else "novelty.flag_batch"
        evidence.append(
            text(key, title=flag.title, agency=flag.agency, similarity=round(flag.similarity, 2))
        )
    for n in measure.nearest:
        if settings.review_similarity <= n.similarity < settings.flag_similarity:
            evidence.append(
                text("novelty.review", title=n.title, similarity=round(n.similarity, 2))
            )
    return Scored(score=measure.score, evidence=evidence)


def automatic_measures(
    proposal: Proposal, novelty: NoveltyMeasure, settings: NoveltySettings
) -> dict[str, Scored]:
    """Every automatic measure of one proposal, by measure name."""
    impact = measure_impact(proposal)
    adaptability = measure_adaptability(proposal)
    return {
        "novelty": novelty_scored(novelty, settings),
        "impact": Scored(score=impact.score, evidence=impact.evidence()),
        "adaptability": Scored(score=adaptability.score, evidence=adaptability.evidence),
    }


def round_level(value: float) -> int:
    """The level a value in 1-5 reads as: halves round up (3.5 is level 4)."""
    return max(1, min(LEVELS, math.floor(value + 0.5)))


def _reviewer_evidence(verdict: CriterionReviews, rubric: Rubric) -> list[Text]:
    """What the reviewers gave, as given; how it became the value is the explanation's."""
    settings = rubric.reviews
    evidence = [text("reviews.scores", scores=[str(s.score) for s in verdict.scores])]
    if verdict.disagreement:
        evidence.append(
            text(
                "reviews.disagreement",
                spread=round(verdict.spread, 2),
                threshold=settings.disagreement,
            )
        )
    return evidence


def _measured(
    criterion: Criterion, measures: dict[str, Scored]
) -> tuple[float | None, int | None, list[Text]]:
    """The measure's score, its level (when the criterion has thresholds) and evidence."""
    if criterion.measure not in measures:
        return None, None, []
    measured = measures[criterion.measure]
    evidence: list[Text] = []
    level: int | None = None
    if criterion.thresholds is not None:
        level = level_for(measured.score, criterion.thresholds)
        evidence.append(
            text(
                "criterion.level",
                score=measured.score,
                places=shown_places(measured.score, criterion.thresholds),
                level=level,
                thresholds=list(criterion.thresholds),
            )
        )
    return round(measured.score, 4), level, [*evidence, *measured.evidence]


def blend(auto_level: int, reviewers: float, share: float) -> Decimal:
    """A blended criterion's value exactly: the measure's level and the reviewers' value
    weighted by the rubric's shares."""
    weight = exact(share)
    return (1 - weight) * auto_level + weight * exact(reviewers)


def combine(
    criterion: Criterion,
    score: float | None,
    auto_level: int | None,
    auto_evidence: list[Text],
    verdict: CriterionReviews | None,
    rubric: Rubric,
) -> CriterionResult:
    """One criterion's result from its measure's part and the reviewers' verdict."""
    source = criterion.scored_by
    share = criterion.reviewer_share
    evidence = list(auto_evidence)
    reviewers = verdict.value if verdict is not None else None
    value: float | None
    if source is Source.AUTO:
        value = float(auto_level) if auto_level is not None else None
    elif reviewers is None:
        value = float(auto_level) if source is Source.BLEND and auto_level is not None else None
        evidence.insert(0, text("criterion.awaiting_reviewers"))
    elif source is Source.REVIEWERS:
        value = reviewers
    else:
        value = half_up(blend(auto_level or 0, reviewers, share))
    if verdict is not None:
        evidence.extend(_reviewer_evidence(verdict, rubric))
    return CriterionResult(
        criterion=criterion.id,
        weight=criterion.weight,
        source=source.value,
        score=score,
        level=round_level(value) if value is not None else None,
        evidence=evidence,
        value=round(value, 4) if value is not None else None,
        auto_level=auto_level,
        reviewers=reviewers,
        reviewer_share=share,
        disagreement=verdict.disagreement if verdict is not None else False,
        auto_evidence=auto_evidence,
    )


def _card(results: list[CriterionResult], reviews: ProposalReviews | None) -> Scorecard:
    scored_weight = sum((r.counted for r in results), Decimal(0))
    summed = sum((points(r.counted, r.value) for r in results if r.value is not None), Decimal(0))
    # normalised levels stand on the whole panel: a review missing anywhere can move them
    on_footing = reviews is not None and reviews.footing is not None
    on_footing = on_footing and any(r.reviewers is not None for r in results)
    return Scorecard(
        criteria=results,
        total=total_of(summed, scored_weight),
        scored_weight=half_up(scored_weight),
        pending_reviews=reviews.pending if reviews else 0,
        assignments_unknown=reviews is not None and not reviews.assignments_known,
        assignments_missing=reviews is not None and reviews.assignments_missing,
        batch_pending=(
            reviews.batch_assigned - reviews.batch_completed if reviews and on_footing else 0
        ),
        batch_assigned=reviews.batch_assigned if reviews and on_footing else 0,
    )


def _verdict(criterion: Criterion, reviews: ProposalReviews | None) -> CriterionReviews | None:
    return reviews.criteria.get(criterion.id) if reviews and criterion.reviewed else None


def score_proposal(
    measures: dict[str, Scored], rubric: Rubric, reviews: ProposalReviews | None = None
) -> Scorecard:
    """Levels per criterion from the measures and reviewers, and the weighted total on 0-100
    over the criteria scored so far."""
    results = []
    for criterion in rubric.criteria:
        score, level, evidence = _measured(criterion, measures)
        results.append(
            combine(criterion, score, level, evidence, _verdict(criterion, reviews), rubric)
        )
    return _card(results, reviews)


def with_reviews(card: Scorecard, rubric: Rubric, reviews: ProposalReviews | None) -> Scorecard:
    """A scorecard made without reviews, completed with the reviewers' verdicts (the
    measures' parts are kept as they were)."""
    results = []
    for c in card.criteria:
        criterion = rubric.criterion(c.criterion)
        results.append(
            combine(
                criterion,
                c.score,
                c.auto_level,
                c.auto_evidence,
                _verdict(criterion, reviews),
                rubric,
            )
        )
    return _card(results, reviews)
