"""Levels, weights and provisional totals."""

from __future__ import annotations

from decimal import Decimal

from kipp.core.i18n import Lang, render, text
from kipp.reviews.models import CriterionReviews, PanelFooting, ProposalReviews, RawScore
from kipp.rubric import load_rubric
from kipp.scoring import (
    Scored,
    blend,
    combine,
    level_for,
    points,
    round_level,
    score_proposal,
    shown_places,
    total_of,
    with_reviews,
)

RUBRIC = load_rubric().rubric


def measures(novelty: float, impact: float, adaptability: float) -> dict[str, Scored]:
    return {
        "novelty": Scored(score=novelty, evidence=[text("novelty.no_corpus")]),
        "impact": Scored(score=impact, evidence=[]),
        "adaptability": Scored(score=adaptability, evidence=[text("adaptability.none")]),
    }


def test_level_for_reaches_a_level_exactly_at_its_threshold() -> None:
    assert [level_for(s, [0.2, 0.4, 0.6, 0.8]) for s in (0.0, 0.2, 0.39, 0.4, 0.8, 1.0)] == [
        1,
        2,
        2,
        3,
        5,
        5,
    ]


def test_total_is_the_weighted_mean_of_scored_criteria_and_provisional() -> None:
    card = score_proposal(measures(novelty=0.9, impact=0.5, adaptability=0.5), RUBRIC)
    levels = {c.criterion: c.level for c in card.criteria}
    assert levels == {
        "background": None,
        "novelty": 5,
        "implementation": None,
        "significance": 4,
        "adaptability": 3,
        "resources": None,
        "sustainability": None,
    }
    # blends awaiting reviewers count their measure's share only:
    # (0.15*0.5*5 + 0.30*0.5*4 + 0.20*0.7*3) / 5 / 0.365 * 100
    assert card.total == 76.44
    assert card.scored_weight == 0.365
    assert card.provisional is True


def verdicts(score: float, pending: int = 0) -> ProposalReviews:
    """Reviewers agreeing on `score` (a level) for every reviewed criterion."""
    raw = [RawScore(reviewer="a", score=round(score), level=score)]
    return ProposalReviews(
        proposal="p",
        assigned=["a", *(f"x{i}" for i in range(pending))],
        completed=["a"],
        criteria={
            c.id: CriterionReviews(
                criterion=c.id,
                scores=raw,
                mean=score,
                median=score,
                value=score,
                spread=0.0,
                disagreement=False,
            )
            for c in RUBRIC.reviewed_criteria
        },
    )


def test_reviewers_complete_the_total_and_blend_with_the_measures() -> None:
    card = score_proposal(
        measures(novelty=0.9, impact=0.5, adaptability=0.5), RUBRIC, verdicts(3.5)
    )
    got = {c.criterion: (c.source, c.level, c.value) for c in card.criteria}
    assert got == {
        "background": ("reviewers", 4, 3.5),
        "novelty": ("blend", 4, 4.25),  # 0.5 * 5 + 0.5 * 3.5
        "implementation": ("reviewers", 4, 3.5),
        "significance": ("blend", 4, 3.75),  # 0.5 * 4 + 0.5 * 3.5
        "adaptability": ("blend", 3, 3.15),  # 0.7 * 3 + 0.3 * 3.5
        "resources": ("reviewers", 4, 3.5),
        "sustainability": ("reviewers", 4, 3.5),
    }
    # (0.1*3.5 + 0.15*4.25 + 0.05*3.5 + 0.3*3.75 + 0.2*3.15 + 0.05*3.5 + 0.15*3.5) / 5 * 100
    assert card.total == 72.35
    assert (card.scored_weight, card.provisional) == (1.0, False)
    # the arithmetic is the explanation's (kipp.results.explanation); evidence says what was given
    assert card.get("novelty").evidence[-1] == text("reviews.scores", scores=["4"])


def test_assigned_reviewers_not_finished_keep_the_total_provisional() -> None:
    card = score_proposal(
        measures(novelty=0.9, impact=0.5, adaptability=0.5), RUBRIC, verdicts(3.0, pending=1)
    )
    assert (card.scored_weight, card.pending_reviews, card.provisional) == (1.0, 1, True)


def test_with_reviews_matches_scoring_with_reviews_at_once() -> None:
    scored = measures(novelty=0.4, impact=0.2, adaptability=0.75)
    later = with_reviews(score_proposal(scored, RUBRIC), RUBRIC, verdicts(2.0))
    assert later == score_proposal(scored, RUBRIC, verdicts(2.0))


def test_round_level_rounds_halves_up() -> None:
    assert [round_level(v) for v in (1.0, 1.49, 1.5, 2.5, 4.6, 5.0)] == [1, 1, 2, 3, 5, 5]


def test_criterion_evidence_starts_with_the_level_derivation() -> None:
    card = score_proposal(measures(novelty=0.9, impact=0.5, adaptability=0.0), RUBRIC)
    novelty = card.get("novelty")
    assert [render(t, Lang.EN) for t in novelty.evidence] == [
        "Awaiting reviewers' scores.",  # a blend: the measure's part counts meanwhile
        "Score 0.90 → automatic level 5 of 5 (level 2-5 thresholds: 0.20, 0.63, 0.70, 0.80).",
        "The prior-innovation corpus holds no prior innovation up to the call's cut-off.",
    ]
    assert [render(t, Lang.EN) for t in card.get("background").evidence] == [
        "Awaiting reviewers' scores."
    ]


def verdict(value: float) -> CriterionReviews:
    """Reviewers whose levels average `value`."""
    raw = [RawScore(reviewer="a", score=round(value), level=value)]
    return CriterionReviews(
        criterion="novelty",
        scores=raw,
        mean=value,
        median=value,
        value=value,
        spread=0.0,
        disagreement=False,
    )


def test_blend_of_an_exact_half_rounds_up_as_a_calculator_does() -> None:
    # 0.5 * 4 + 0.5 * 4.4147 is 4.20735 exactly; the float nearest it lies just below
    novelty = RUBRIC.criterion("novelty")
    result = combine(novelty, 0.75, 4, [], verdict(4.4147), RUBRIC)

    assert blend(4, 4.4147, 0.5) == Decimal("4.20735")
    assert (result.value, result.level) == (4.2074, 4)


def test_points_and_total_are_the_weighted_values_added_up_over_the_weight_counted() -> None:
    assert points(Decimal("0.15"), 3.6004) == Decimal("10.8012")
    assert points(Decimal("0.15") * Decimal("0.5"), 3.0) == Decimal("4.5")
    assert total_of(Decimal("75.345"), Decimal(1)) == 75.35  # halves up
    assert total_of(Decimal("48.1234"), Decimal("0.65")) == 74.04
    assert total_of(Decimal(0), Decimal(0)) == 0.0


def test_complete_reviews_stay_provisional_while_the_panels_footing_can_move() -> None:
    footing = PanelFooting(scores=12, total=41.0, mean=41 / 12, sd=0.95, shrinkage=5.0)
    done = verdicts(3.5).model_copy(update={"batch_assigned": 7, "batch_completed": 6})
    scored = measures(novelty=0.9, impact=0.5, adaptability=0.5)

    normalised = score_proposal(scored, RUBRIC, done.model_copy(update={"footing": footing}))
    plain = score_proposal(scored, RUBRIC, done)

    # this proposal's one reviewer is done, but one review of the batch is not
    assert (normalised.pending_reviews, normalised.batch_pending) == (0, 1)
    assert (normalised.batch_assigned, normalised.provisional) == (7, True)
    # without normalisation, other proposals' reviews cannot move this total
    assert (plain.batch_pending, plain.provisional) == (0, False)
    assert normalised.total == plain.total


def test_a_score_just_below_a_threshold_is_shown_with_the_decimals_that_keep_its_level() -> None:
    thresholds = [0.2, 0.63, 0.7, 0.8]
    assert [shown_places(s, thresholds) for s in (0.6958, 0.69996, 0.66, 0.7, 0.7042)] == [
        3,
        5,
        2,
        2,
        2,
    ]


def test_the_novelty_evidence_never_shows_a_score_at_a_threshold_it_does_not_reach() -> None:
    criterion = next(c for c in RUBRIC.criteria if c.measure == "novelty")
    assert criterion.thresholds is not None
    below = criterion.thresholds[2] - 0.0042  # 0.6958 beside a threshold of 0.70
    card = score_proposal(measures(below, 0.5, 0.5), RUBRIC)
    evidence = next(c for c in card.criteria if c.criterion == criterion.id).evidence
    assert next(render(e, Lang.ID) for e in evidence if "Skor" in render(e, Lang.ID)) == (
        "Skor 0,696 → level otomatis 3 dari 5 (ambang level 2-5: 0,20; 0,63; 0,70; 0,80)."
    )
