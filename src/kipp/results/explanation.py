"""Every reviewer-based number of a proposal as data a person can redo with a calculator.

Per criterion: each reviewer's score as given and as read on the panel's footing, the value
the reviewers' scores give, the blend with the measure's level, the value the total uses and
the points it puts into the total; per proposal: the total from those points, and whether it
is final or what can still move it. The documents render these numbers; a number they show
rounded is rounded as the arithmetic rounds it (`kipp.reviews.aggregate.half_up`).

Reviewers are named by letters (`A`, `B`, ... in the order of their ids) so that documents
for agencies can show who gave what without naming the reviewer; the shortlist's reviewers'
section gives each letter's name.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from decimal import Decimal

from kipp.results.model import (
    ExplainedCriterionOut,
    ExplanationOut,
    Reason,
    ScoreOut,
    StandingOut,
    TotalOut,
)
from kipp.reviews.aggregate import exact, half_up
from kipp.reviews.models import PanelFooting, ProposalReviews, ReviewerAdjustment, ReviewSet
from kipp.rubric import LEVELS, Rubric
from kipp.scoring import CriterionResult, Scorecard, points

LETTERS = "ABCDEFGHIJKLMNOPQRSTUVWXYZ"
MOST_DECIMALS = 12  # past this the documents show the figures as they are, rounded


def letter(index: int) -> str:
    """`0` -> `A`, `25` -> `Z`, `26` -> `AA`: a column-style name for any number."""
    name = ""
    index += 1
    while index:
        index, rest = divmod(index - 1, len(LETTERS))
        name = LETTERS[rest] + name
    return name


def reviewer_labels(found: ReviewSet) -> dict[str, str]:
    """A letter for every reviewer of the batch (the panel's and anyone whose scores were
    read), in the order of their ids."""
    ids = {p.reviewer for p in found.progress} | {r.reviewer for r in found.reviews}
    return {rid: letter(i) for i, rid in enumerate(sorted(ids))}


def redo_level(level: float, mean: Decimal, shift: Decimal, factor: Decimal) -> float:
    """A normalised level from figures as shown: `mean + (level - shift) * factor`, kept
    within 1 and 5 and rounded to 4 decimals, as a person would redo it."""
    value = mean + (exact(level) - shift) * factor
    return half_up(min(Decimal(LEVELS), max(Decimal(1), value)))


def _shown(value: float, decimals: int) -> Decimal:
    return Decimal(repr(half_up(exact(value), decimals)))


def footing_decimals(
    footing: PanelFooting,
    adjustments: Iterable[ReviewerAdjustment],
    found: ReviewSet,
    rubric: Rubric,
) -> int:
    """The fewest decimals (4 or more) at which the panel's mean and each reviewer's shift
    and factor, shown rounded, give every level used exactly, and each shift from the
    reviewer's total as the documents write it; the fewest giving the levels when no
    precision up to `MOST_DECIMALS` gives both."""
    scale = rubric.reviews.scale
    by_id = {a.reviewer: a for a in adjustments}
    used = {
        (s.reviewer, scale.level(s.score), s.level)
        for p in found.proposals.values()
        for c in p.criteria.values()
        for s in c.scores
        if s.reviewer in by_id
    }

    def levels_hold(k: int) -> bool:
        mean = _shown(footing.mean, k)
        return all(
            redo_level(level, mean, _shown(by_id[r].shrunk_mean, k), _shown(by_id[r].factor, k))
            == kept
            for r, level, kept in used
        )

    def shifts_hold(k: int) -> bool:
        mean, shrinkage = _shown(footing.mean, k), exact(footing.shrinkage)
        return all(
            half_up((exact(a.total) + shrinkage * mean) / (a.scores + shrinkage), k)
            == half_up(exact(a.shrunk_mean), k)
            for a in by_id.values()
            if a.scores + footing.shrinkage > 0
        )

    for check in (lambda k: levels_hold(k) and shifts_hold(k), levels_hold):
        found_k = next((k for k in range(4, MOST_DECIMALS + 1) if check(k)), None)
        if found_k is not None:
            return found_k
    return MOST_DECIMALS


def _scores(
    c: CriterionResult,
    reviews: ProposalReviews | None,
    rubric: Rubric,
    labels: Mapping[str, str],
    adjustments: Mapping[str, ReviewerAdjustment],
) -> list[ScoreOut]:
    verdict = reviews.criteria.get(c.criterion) if reviews else None
    if verdict is None:
        return []
    footing = reviews.footing if reviews else None
    scale = rubric.reviews.scale
    result = []
    for s in verdict.scores:
        level = scale.level(s.score)
        formula = None
        adjusted = adjustments.get(s.reviewer)
        if footing is not None and adjusted is not None:
            raw = footing.mean + (level - adjusted.shrunk_mean) * adjusted.factor
            formula = round(raw, 4) if not 1 <= raw <= LEVELS else None
        result.append(
            ScoreOut(
                reviewer=s.reviewer,
                label=labels.get(s.reviewer, s.reviewer),
                score=s.score,
                level=level,
                used=s.level,
                formula=formula,
            )
        )
    return result


def _standing(card: Scorecard, reviews: ProposalReviews | None) -> StandingOut:
    awaiting = [c.criterion for c in card.criteria if c.source != "auto" and c.reviewers is None]
    reasons: list[Reason] = []
    if awaiting:
        reasons.append("awaiting")
    if card.pending_reviews:
        reasons.append("reviews")
    if card.batch_pending:
        reasons.append("panel")
    if card.assignments_unknown:
        reasons.append("no_assignments" if card.assignments_missing else "assignments")
    assigned = set(reviews.assigned) if reviews else set()
    completed = set(reviews.completed) if reviews else set()
    on_footing = card.batch_assigned > 0
    return StandingOut(
        final=not card.provisional,
        reasons=reasons,
        awaiting=awaiting,
        scored_weight=card.scored_weight,
        received=len(assigned & completed),
        expected=len(assigned),
        batch_received=card.batch_assigned - card.batch_pending if on_footing else None,
        batch_expected=card.batch_assigned if on_footing else None,
    )


def explain(
    card: Scorecard,
    reviews: ProposalReviews | None,
    rubric: Rubric,
    labels: Mapping[str, str],
    adjustments: Iterable[ReviewerAdjustment] = (),
) -> ExplanationOut:
    """The explanation of one scored proposal's criteria, total and standing."""
    by_id = {a.reviewer: a for a in adjustments}
    criteria = {}
    summed = Decimal(0)
    for c in card.criteria:
        part = points(c.counted, c.value) if c.value is not None else None
        summed += part or 0
        scores = _scores(c, reviews, rubric, labels, by_id)
        criteria[c.criterion] = ExplainedCriterionOut(
            source=c.source,
            weight=c.weight,
            counted_weight=float(c.counted),
            scores=scores,
            method=rubric.reviews.aggregate if scores else None,
            reviewers=c.reviewers,
            score=c.score,
            auto_level=c.auto_level,
            reviewer_share=c.reviewer_share,
            value=c.value,
            level=c.level,
            points=None if part is None else float(part),
        )
    return ExplanationOut(
        criteria=criteria,
        total=TotalOut(points=float(summed), scored_weight=card.scored_weight, total=card.total),
        standing=_standing(card, reviews),
    )
