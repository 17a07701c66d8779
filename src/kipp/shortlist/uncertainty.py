"""Rank uncertainty: resample each proposal's reviews (bootstrap), re-rank, and report the
range of ranks each proposal takes. Places at the shortlist's cut-off whose range crosses
it are within the noise of the reviewers' scores: shortlisted proposals that could fall
below it, and proposals left out by rank alone that could rise above it (not those left out
by a quota, whose rank is not what keeps them out).

A total is linear in the reviewers' values (the measures' parts stay fixed), so each
resample only recomputes the reviewed criteria: `total = constant + sum(coef * value)`.
Normalised levels are taken as computed on the whole panel. Resampled totals are rounded as
the scorecards' are (2 decimals), so totals equal as shown tie, and ties keep the ranking's
order (its tie-breaks). Seeded: the same seed gives the same intervals.
"""

from __future__ import annotations

import warnings
from collections.abc import Sequence

import numpy as np
from pydantic import BaseModel, ConfigDict

from kipp.reviews.models import ProposalReviews
from kipp.rubric import LEVELS, Rubric
from kipp.scoring import Scorecard
from kipp.shortlist.ranking import Placement


class RankInterval(BaseModel):
    """The ranks a proposal took in most resamples (`low` best, `high` worst) and whether
    that range crosses the shortlist's cut-off."""

    model_config = ConfigDict(frozen=True)

    low: int
    high: int
    near_cutoff: bool


TOTAL_DECIMALS = 2  # as `kipp.scoring` rounds a scorecard's total
OUTSIDE = "shortlist.outside"  # the reason of a proposal left out by rank, not by a quota


def linear_total(card: Scorecard) -> tuple[float, dict[str, float]]:
    """The total as `constant + sum(coef[c] * reviewers' value of c)`."""
    if card.scored_weight <= 0:
        return 0.0, {}
    scale = 100 / (LEVELS * card.scored_weight)
    constant = 0.0
    coefs: dict[str, float] = {}
    for c in card.criteria:
        if c.value is None:
            continue
        if c.reviewers is None:
            constant += c.counted_weight * c.value * scale
            continue
        share = c.reviewer_share
        constant += c.weight * (1 - share) * (c.auto_level or 0) * scale
        coefs[c.criterion] = c.weight * share * scale
    return constant, coefs


def rank_intervals(
    order: Sequence[str],
    scorecards: dict[str, Scorecard],
    reviews: dict[str, ProposalReviews],
    placements: dict[str, Placement],
    rubric: Rubric,
) -> dict[str, RankInterval]:
    """Rank intervals of the proposals in `order` (best first, as ranked); empty when no
    proposal has reviews or the rubric asks for no resamples."""
    settings = rubric.reviews.bootstrap
    if (
        settings.iterations == 0
        or not order
        or not any(reviews.get(pid) and reviews[pid].criteria for pid in order)
    ):
        return {}
    rng = np.random.default_rng(settings.seed)
    iterations = settings.iterations
    median = rubric.reviews.aggregate == "median"
    totals = np.empty((iterations, len(order)))
    for column, pid in enumerate(order):
        constant, coefs = linear_total(scorecards[pid])
        verdicts = reviews.get(pid)
        criteria = [c for c in coefs if verdicts and c in verdicts.criteria]
        if not verdicts or not criteria:
            totals[:, column] = scorecards[pid].total  # rounded already
            continue
        reviewers = sorted({s.reviewer for c in criteria for s in verdicts.criteria[c].scores})
        matrix = np.full((len(reviewers), len(criteria)), np.nan)
        full = np.empty(len(criteria))
        for j, cid in enumerate(criteria):
            verdict = verdicts.criteria[cid]
            full[j] = verdict.value
            for s in verdict.scores:
                matrix[reviewers.index(s.reviewer), j] = s.level
        picks = rng.integers(0, len(reviewers), size=(iterations, len(reviewers)))
        sampled = matrix[picks]  # iterations x reviewers x criteria
        counts = np.sum(~np.isnan(sampled), axis=1)
        filled = np.where(np.isnan(sampled), 0.0, sampled)
        if median:
            with warnings.catch_warnings():
                warnings.simplefilter("ignore", RuntimeWarning)  # all-NaN: handled below
                values = np.nanmedian(sampled, axis=1)
        else:
            values = filled.sum(axis=1) / np.maximum(counts, 1)
        values = np.where(counts > 0, values, full)  # a criterion no resampled row scored
        weights = np.array([coefs[c] for c in criteria])
        totals[:, column] = np.round(constant + values @ weights, TOTAL_DECIMALS)
    # rank by total, ties kept in the original order (stable sort over columns in rank order)
    positions = np.argsort(-totals, axis=1, kind="stable")
    ranks = np.empty_like(positions)
    rows = np.arange(iterations)[:, None]
    ranks[rows, positions] = np.arange(1, len(order) + 1)
    tail = (1 - settings.interval) / 2 * 100
    low = np.percentile(ranks, tail, axis=0, method="lower")
    high = np.percentile(ranks, 100 - tail, axis=0, method="higher")
    chosen = [placements[pid].rank for pid in order if placements[pid].shortlisted]
    cutoff = max(chosen) if chosen else 0
    result = {}
    for column, pid in enumerate(order):
        lo, hi = int(low[column]), int(high[column])
        placement = placements[pid]
        by_rank = placement.reason.key == OUTSIDE
        near = bool(chosen) and (
            (placement.shortlisted and hi > cutoff) or (by_rank and lo <= cutoff)
        )
        result[pid] = RankInterval(low=lo, high=hi, near_cutoff=near)
    return result
