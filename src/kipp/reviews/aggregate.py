"""From reviews to one value per criterion: optional per-reviewer normalisation, mean or
median, and a disagreement flag; raw scores are always kept beside the result.

Normalisation corrects harsh and lenient reviewers. A reviewer's scores are re-expressed on
the panel's mean and spread (z-scores), but their own mean and spread are first shrunk toward
the panel's in proportion to how few scores they gave (`weight = n / (n + shrinkage)`), so a
reviewer with one score is hardly moved, and a reviewer who gives one value to everything is
never divided by a zero spread: their value keeps `sqrt(shrinkage / (n + shrinkage))` of its
distance from the panel's mean (with shrinkage 0, none: it goes to the mean).

Levels are kept to 4 decimals; a value computed from kept values (a mean, a median) is
rounded from its exact decimal value, halves up, as a person with a calculator rounds, so
that the documents' arithmetic can be redone from the numbers they show.
"""

from __future__ import annotations

import math
import statistics
from collections import defaultdict
from collections.abc import Iterable, Sequence
from decimal import ROUND_HALF_UP, Decimal

from kipp.reviews.models import (
    CriterionReviews,
    PanelFooting,
    ProposalReviews,
    RawScore,
    Review,
    ReviewerAdjustment,
)
from kipp.rubric import LEVELS, Rubric

DECIMALS = 4  # levels and values are kept to this many decimals


def exact(value: float) -> Decimal:
    """A kept number as the decimal it is written as (`0.1` is one tenth, not the float
    nearest to it)."""
    return Decimal(repr(float(value)))


def half_up(value: Decimal, decimals: int = DECIMALS) -> float:
    """`value` rounded to `decimals`, halves away from zero (`3.60035` -> `3.6004`)."""
    return float(value.quantize(Decimal(1).scaleb(-decimals), rounding=ROUND_HALF_UP))


def exact_mean(values: Iterable[float]) -> Decimal:
    """The mean of some kept numbers, exactly (to 28 significant digits)."""
    given = [exact(v) for v in values]
    return sum(given, Decimal(0)) / len(given)


def exact_median(values: Iterable[float]) -> Decimal:
    """The median of some kept numbers, exactly: the middle one, or the mean of the two."""
    given = sorted(exact(v) for v in values)
    middle = len(given) // 2
    return given[middle] if len(given) % 2 else (given[middle - 1] + given[middle]) / 2


def _pstdev(values: Sequence[float]) -> float:
    return statistics.pstdev(values) if len(values) > 1 else 0.0


def footing(reviews: Sequence[Review], rubric: Rubric) -> PanelFooting | None:
    """The panel's figures normalisation reads every level against; None without scores."""
    every = [rubric.reviews.scale.level(s) for r in reviews for s in r.scores.values()]
    if not every:
        return None
    return PanelFooting(
        scores=len(every),
        total=math.fsum(every),
        mean=statistics.fmean(every),
        sd=_pstdev(every),
        shrinkage=rubric.reviews.shrinkage,
    )


def adjustments(
    reviews: Sequence[Review], rubric: Rubric, shrinkage: float
) -> list[ReviewerAdjustment]:
    """Each reviewer's mean and spread, and the shrunk figures normalisation uses."""
    scale = rubric.reviews.scale
    by_reviewer: dict[str, list[float]] = defaultdict(list)
    for review in reviews:
        by_reviewer[review.reviewer].extend(scale.level(s) for s in review.scores.values())
    every = [x for xs in by_reviewer.values() for x in xs]
    if not every:
        return []
    panel_mean, panel_sd = statistics.fmean(every), _pstdev(every)
    result = []
    for reviewer in sorted(by_reviewer):
        xs = by_reviewer[reviewer]
        n = len(xs)
        mean, sd = statistics.fmean(xs), _pstdev(xs)
        weight = n / (n + shrinkage) if n + shrinkage > 0 else 1.0
        shrunk_sd = math.sqrt(weight * sd**2 + (1 - weight) * panel_sd**2)
        result.append(
            ReviewerAdjustment(
                reviewer=reviewer,
                scores=n,
                mean=round(mean, 4),
                sd=round(sd, 4),
                weight=round(weight, 4),
                shrunk_mean=weight * mean + (1 - weight) * panel_mean,
                shrunk_sd=shrunk_sd,
                total=math.fsum(xs),
                factor=panel_sd / shrunk_sd if shrunk_sd > 1e-12 else 1.0,
            )
        )
    return result


def normaliser(
    reviews: Sequence[Review], rubric: Rubric
) -> tuple[list[ReviewerAdjustment], dict[str, tuple[float, float]]]:
    """The adjustments, and per reviewer the (shift, factor) turning a level `x` into
    `panel_mean + (x - shrunk_mean) * factor`, as `(shrunk_mean, factor)`."""
    found = adjustments(reviews, rubric, rubric.reviews.shrinkage)
    return found, {a.reviewer: (a.shrunk_mean, a.factor) for a in found}


def normalised_level(
    level: float, reviewer: str, factors: dict[str, tuple[float, float]], panel_mean: float
) -> float:
    """A reviewer's level on the panel's footing, kept within levels 1 to 5."""
    shift, factor = factors[reviewer]
    value = panel_mean + (level - shift) * factor
    return min(float(LEVELS), max(1.0, value))


def aggregate(
    reviews: Sequence[Review],
    rubric: Rubric,
    assignments: dict[str, list[str]] | None = None,
) -> tuple[dict[str, ProposalReviews], list[ReviewerAdjustment]]:
    """Per proposal: assigned and completed reviewers and each reviewed criterion's verdict.
    `assignments` maps proposal id to assigned reviewer ids (a proposal it leaves out has
    none; reviewers who scored a proposal count as assigned when it is not given). Each
    carries the panel's footing when scores are normalised, and how many of the batch's
    assigned reviews are complete."""
    settings = rubric.reviews
    scale = settings.scale
    found: list[ReviewerAdjustment] = []
    factors: dict[str, tuple[float, float]] = {}
    panel = footing(reviews, rubric)
    panel_mean = panel.mean if panel else 0.0
    if settings.normalise:
        found, factors = normaliser(reviews, rubric)
    by_proposal: dict[str, list[Review]] = defaultdict(list)
    for review in reviews:
        by_proposal[review.proposal].append(review)
    ids = set(by_proposal) | set(assignments or {})
    result = {}
    for pid in sorted(ids):
        rows = sorted(by_proposal.get(pid, []), key=lambda r: r.reviewer)
        criteria = {}
        for criterion in rubric.reviewed_criteria:
            raw = []
            for r in rows:
                if criterion.id not in r.scores:
                    continue
                score = r.scores[criterion.id]
                level = scale.level(score)
                if settings.normalise:
                    level = normalised_level(level, r.reviewer, factors, panel_mean)
                raw.append(RawScore(reviewer=r.reviewer, score=score, level=round(level, 4)))
            if raw:
                criteria[criterion.id] = verdict(criterion.id, raw, rubric)
        assigned = (
            assignments.get(pid, [])
            if assignments is not None
            else sorted({r.reviewer for r in rows})
        )
        result[pid] = ProposalReviews(
            proposal=pid,
            assigned=sorted(assigned),
            completed=sorted({r.reviewer for r in rows if r.complete}),
            criteria=criteria,
            comments={
                r.reviewer: r.comment.strip() for r in rows if r.comment and r.comment.strip()
            },
            footing=panel if settings.normalise else None,
        )
    expected = sum(len(set(p.assigned)) for p in result.values())
    received = sum(len(set(p.assigned) & set(p.completed)) for p in result.values())
    batch = {"batch_assigned": expected, "batch_completed": received}
    return {pid: p.model_copy(update=batch) for pid, p in result.items()}, found


def verdict(criterion: str, scores: Sequence[RawScore], rubric: Rubric) -> CriterionReviews:
    """Mean, median and the rubric's choice of them; the spread (highest minus lowest level
    used, so after normalisation a harsh reviewer's habit is not read as disagreement) and
    the flag when it reaches the rubric's threshold."""
    settings = rubric.reviews
    levels = [s.level for s in scores]
    mean = half_up(exact_mean(levels))
    median = half_up(exact_median(levels))
    spread = float(max(exact(v) for v in levels) - min(exact(v) for v in levels))
    return CriterionReviews(
        criterion=criterion,
        scores=list(scores),
        mean=mean,
        median=median,
        value=mean if settings.aggregate == "mean" else median,
        spread=spread,
        disagreement=len(levels) > 1 and spread >= settings.disagreement - 1e-9,
    )
