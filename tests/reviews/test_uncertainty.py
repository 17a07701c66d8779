"""Rank uncertainty: bootstrap over reviews, identical under a fixed seed, marking places
at the cut-off within the noise."""

from __future__ import annotations

from datetime import date

from review_builders import CRITERIA, RUBRIC, review

from kipp.reviews.aggregate import aggregate, verdict
from kipp.reviews.models import ProposalReviews, RawScore, Review
from kipp.rubric import Rubric
from kipp.scoring import Scored, score_proposal
from kipp.shortlist.ranking import Candidate, build_shortlist
from kipp.shortlist.uncertainty import RankInterval, linear_total, rank_intervals

MEASURES = {
    "novelty": Scored(score=0.8, evidence=[]),
    "impact": Scored(score=0.5, evidence=[]),
    "adaptability": Scored(score=0.5, evidence=[]),
}


def reviewed_rubric(**changes: object) -> Rubric:
    settings = RUBRIC.reviews.model_copy(update={"normalise": False, **changes})
    policy = RUBRIC.shortlist.model_copy(update={"size": 2, "max_per_agency": None})
    return RUBRIC.model_copy(update={"reviews": settings, "shortlist": policy})


def intervals(
    reviews: list[Review], rubric: Rubric, agencies: dict[str, str] | None = None
) -> dict[str, RankInterval]:
    verdicts, _ = aggregate(reviews, rubric)
    return intervals_of(verdicts, rubric, agencies)


def intervals_of(
    verdicts: dict[str, ProposalReviews], rubric: Rubric, agencies: dict[str, str] | None = None
) -> dict[str, RankInterval]:
    cards = {pid: score_proposal(MEASURES, rubric, v) for pid, v in verdicts.items()}
    candidates = [
        Candidate(
            id=pid,
            agency=(agencies or {}).get(pid, pid),
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


def test_a_proposal_left_out_by_a_quota_is_not_marked_near_the_cutoff() -> None:
    # p2 ties p3 and ranks 2nd, but its agency has p1 shortlisted already: the per-agency
    # limit keeps it out whatever its rank, so its rank range says nothing about the cut-off.
    # p5 is left out by rank alone, and could rise above the cut-off.
    rubric = reviewed_rubric()
    rubric = rubric.model_copy(
        update={"shortlist": rubric.shortlist.model_copy(update={"max_per_agency": 1})}
    )
    reviews = [
        *REVIEWS,
        review("a", "p5", 3),
        review("b", "p5", 4),
        review("c", "p5", 2),
    ]
    found = intervals(reviews, rubric, {"p1": "Dinas A", "p2": "dinas  a"})
    assert found == {
        "p1": RankInterval(low=1, high=1, near_cutoff=False),
        "p2": RankInterval(low=2, high=4, near_cutoff=False),
        "p3": RankInterval(low=2, high=4, near_cutoff=True),
        "p5": RankInterval(low=2, high=4, near_cutoff=True),
        "p4": RankInterval(low=5, high=5, near_cutoff=False),
    }


def unanimous(pid: str, levels: dict[str, float]) -> ProposalReviews:
    """Three reviewers giving the same `levels` (as used, after normalisation)."""
    scores = {
        cid: [RawScore(reviewer=r, score=round(level), level=level) for r in "abc"]
        for cid, level in levels.items()
    }
    return ProposalReviews(
        proposal=pid,
        assigned=list("abc"),
        completed=list("abc"),
        criteria={cid: verdict(cid, raw, RUBRIC) for cid, raw in scores.items()},
    )


def test_totals_equal_as_shown_keep_the_rankings_order_in_every_resample() -> None:
    # q2 is ahead of q1 by a hair (0.0004 of a level on `background`, no tie-break): their
    # totals are equal to 2 decimals, so the ranking puts q1 first (by id), and so must
    # every resample
    rubric = reviewed_rubric()
    verdicts = {
        "q1": unanimous("q1", dict.fromkeys(CRITERIA, 4.0)),
        "q2": unanimous("q2", {**dict.fromkeys(CRITERIA, 4.0), "background": 4.0004}),
        "q3": unanimous("q3", dict.fromkeys(CRITERIA, 2.0)),
    }
    cards = {pid: score_proposal(MEASURES, rubric, v) for pid, v in verdicts.items()}
    assert cards["q1"].total == cards["q2"].total
    assert intervals_of(verdicts, rubric) == {
        "q1": RankInterval(low=1, high=1, near_cutoff=False),
        "q2": RankInterval(low=2, high=2, near_cutoff=False),
        "q3": RankInterval(low=3, high=3, near_cutoff=False),
    }
