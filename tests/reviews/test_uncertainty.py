"""Rank uncertainty: bootstrap over reviews, identical under a fixed seed, marking places
at the cut-off within the noise."""

from __future__ import annotations

from datetime import date

from review_builders import CRITERIA, RUBRIC, review

from kipp.reviews.aggregate import aggregate
from kipp.reviews.models import Review
from kipp.reviews.uncertainty import RankInterval, linear_total, rank_intervals
from kipp.rubric import Rubric
from kipp.scoring import Scored, score_proposal
from kipp.shortlist import Candidate, build_shortlist

MEASURES = {
    "novelty": Scored(score=0.8, evidence=[]),
    "impact": Scored(score=0.5, evidence=[]),
    "adaptability": Scored(score=0.5, evidence=[]),
}


def reviewed_rubric(**changes: object) -> Rubric:
    settings = RUBRIC.reviews.model_copy(update={"normalise": False, **changes})
    policy = RUBRIC.shortlist.model_copy(update={"size": 2, "max_per_agency": None})
    return RUBRIC.model_copy(update={"reviews": settings, "shortlist": policy})


def intervals(reviews: list[Review], rubric: Rubric) -> dict[str, RankInterval]:
    verdicts, _ = aggregate(reviews, rubric)
    cards = {pid: score_proposal(MEASURES, rubric, v) for pid, v in verdicts.items()}
    candidates = [
        Candidate(
            id=pid,
            agency=pid,
            category="tpb",
            started_on=date(2019, 1, 1),
            total=c.total,
            levels={},
            scores={},
        )
        for pid, c in cards.items()
    ]
    placements = {p.id: p for p in build_shortlist(candidates, rubric.shortlist)}
    order = sorted(placements, key=lambda pid: placements[pid].rank)
    return rank_intervals(order, cards, verdicts, placements, rubric)


# p1 clearly best, p4 clearly worst; p2 and p3 close and noisy around the cut-off (size 2)
REVIEWS = [
    *(review(r, "p1", 5) for r in "abc"),
    review("a", "p2", 4),
    review("b", "p2", 2),
    review("c", "p2", 4),
    review("a", "p3", 3),
    review("b", "p3", 4),
    review("c", "p3", 3),
    *(review(r, "p4", 1) for r in "abc"),
]


def test_intervals_identical_under_a_fixed_seed() -> None:
    rubric = reviewed_rubric()
    assert intervals(REVIEWS, rubric) == intervals(REVIEWS, rubric)


def test_intervals_mark_places_at_the_cutoff_within_the_noise() -> None:
    assert intervals(REVIEWS, reviewed_rubric()) == {
        "p1": RankInterval(low=1, high=1, near_cutoff=False),
        "p2": RankInterval(low=2, high=3, near_cutoff=True),
        "p3": RankInterval(low=2, high=3, near_cutoff=True),
        "p4": RankInterval(low=4, high=4, near_cutoff=False),
    }


def test_unanimous_reviews_give_exact_ranks() -> None:
    unanimous = [review(r, p, s) for p, s in (("p1", 5), ("p2", 4), ("p3", 2)) for r in "ab"]
    found = intervals(unanimous, reviewed_rubric())
    assert [(i.low, i.high, i.near_cutoff) for i in found.values()] == [
        (1, 1, False),
        (2, 2, False),
        (3, 3, False),
    ]


def test_no_resamples_asked_gives_no_intervals() -> None:
    rubric = reviewed_rubric(
        bootstrap=RUBRIC.reviews.bootstrap.model_copy(update={"iterations": 0})
    )
    assert intervals(REVIEWS, rubric) == {}


def test_total_is_linear_in_the_reviewers_values() -> None:
    rubric = reviewed_rubric()
    verdicts, _ = aggregate(REVIEWS, rubric)
    card = score_proposal(MEASURES, rubric, verdicts["p2"])
    constant, coefs = linear_total(card)
    values = {c: verdicts["p2"].criteria[c].value for c in CRITERIA}
    assert round(constant + sum(coefs[c] * values[c] for c in coefs), 2) == card.total
    assert sorted(coefs) == sorted(CRITERIA)
