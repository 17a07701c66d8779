"""Aggregation: mean or median, normalisation that is safe at its edges, the disagreement
flag; raw scores always kept."""

from __future__ import annotations

from review_builders import CRITERIA, RUBRIC, review

from kipp.reviews.aggregate import aggregate, verdict
from kipp.reviews.models import RawScore
from kipp.rubric import Rubric


def settings(**changes: object) -> Rubric:
    return RUBRIC.model_copy(update={"reviews": RUBRIC.reviews.model_copy(update=changes)})


def test_mean_and_median_both_reported_and_the_rubric_picks_one() -> None:
    reviews = [review("a", "p", 2), review("b", "p", 3), review("c", "p", 5)]
    by_mean, _ = aggregate(reviews, settings(normalise=False))
    by_median, _ = aggregate(reviews, settings(normalise=False, aggregate="median"))
    mean = by_mean["p"].criteria["background"]
    assert (mean.mean, mean.median, mean.value) == (3.3333, 3.0, 3.3333)
    assert by_median["p"].criteria["background"].value == 3.0


def test_raw_scores_kept_beside_the_levels_used() -> None:
    found, _ = aggregate([review("a", "p", 4), review("b", "p", 2)], settings(normalise=False))
    assert found["p"].criteria["novelty"].scores == [
        RawScore(reviewer="a", score=4, level=4.0),
        RawScore(reviewer="b", score=2, level=2.0),
    ]


def test_normalisation_of_a_reviewer_with_one_score_hardly_moves_it() -> None:
    # "solo" gives one score; the rest of the panel gives 2s and 4s (mean 3, sd 1)
    reviews = [review("x", f"q{i}", 2 if i % 2 else 4) for i in range(10)]
    reviews.append(review("solo", "p", {"background": 5}))
    found, adjusted = aggregate(reviews, settings(shrinkage=5))
    solo = next(a for a in adjusted if a.reviewer == "solo")
    assert (solo.scores, solo.sd, solo.weight) == (1, 0.0, 0.1667)
    level = found["p"].criteria["background"].scores[0].level
    # panel mean + (5 - panel mean) * sqrt(5/6): pulled a little toward the panel
    panel_mean = (35 * 4 + 35 * 2 + 5) / 71
    assert level == round(panel_mean + (5 - panel_mean) * (5 / 6) ** 0.5, 4) == 4.8282
    assert 4.5 < level <= 5


def test_normalisation_of_a_reviewer_giving_one_value_to_everything_is_safe() -> None:
    flat = [review("flat", f"p{i}", 4) for i in range(6)]
    varied = [review("v", f"p{i}", 1 + i % 5) for i in range(6)]
    found, adjusted = aggregate(flat + varied, settings(shrinkage=0))
    assert next(a for a in adjusted if a.reviewer == "flat").sd == 0.0
    levels = {
        s.level
        for p in found.values()
        for s in p.criteria["background"].scores
        if s.reviewer == "flat"
    }
    # no division by zero: with no trust in their spread, all their scores sit at the panel mean
    assert len(levels) == 1
    assert levels == {round((4 * 6 + sum(1 + i % 5 for i in range(6))) / 12, 4)}


def test_normalisation_at_the_rubrics_shrinkage_moves_a_flat_reviewer_part_way() -> None:
    flat = [review("flat", f"p{i}", 4) for i in range(6)]
    varied = [review("v", f"p{i}", 1 + i % 5) for i in range(6)]
    assert RUBRIC.reviews.shrinkage == 25
    found, adjusted = aggregate(flat + varied, RUBRIC)
    mine = next(a for a in adjusted if a.reviewer == "flat")
    assert (mine.scores, mine.sd, mine.weight) == (42, 0.0, 0.6269)  # 42 / (42 + 25)
    levels = {
        s.level
        for p in found.values()
        for c in p.criteria.values()
        for s in c.scores
        if s.reviewer == "flat"
    }
    panel_mean = (4 * 42 + 7 * sum(1 + i % 5 for i in range(6))) / 84
    # one value still, kept at sqrt(shrinkage / (n + shrinkage)) of its distance to the mean
    assert levels == {round(panel_mean + (4 - panel_mean) * (25 / 67) ** 0.5, 4)} == {3.7406}
    assert panel_mean == 10 / 3


def test_normalisation_when_the_whole_panel_gives_one_value_leaves_scores_alone() -> None:
    found, _ = aggregate([review("a", "p", 3), review("b", "p", 3)], settings(normalise=True))
    assert [s.level for s in found["p"].criteria["resources"].scores] == [3.0, 3.0]


def test_normalisation_corrects_a_harsh_reviewer_toward_the_panel() -> None:
    reviews = []
    for i in range(8):
        reviews += [review("fair", f"p{i}", 3 + i % 2), review("harsh", f"p{i}", 1 + i % 2)]
    raw, _ = aggregate(reviews, settings(normalise=False))
    fixed, _ = aggregate(reviews, settings(normalise=True, shrinkage=2))
    harsh_raw = raw["p1"].criteria["background"].scores[1]
    harsh_fixed = fixed["p1"].criteria["background"].scores[1]
    assert harsh_raw.reviewer == harsh_fixed.reviewer == "harsh"
    assert harsh_raw.level == 2.0
    assert harsh_fixed.level > 2.5
    assert harsh_fixed.score == 2  # the raw score is kept as given


def test_disagreement_flagged_when_the_spread_reaches_the_threshold() -> None:
    reviews = [
        review("a", "p", {**dict.fromkeys(CRITERIA, 3), "novelty": 1}),
        review("b", "p", {**dict.fromkeys(CRITERIA, 4), "novelty": 3}),
        review("c", "p", {**dict.fromkeys(CRITERIA, 4), "novelty": 2}),
    ]
    found, _ = aggregate(reviews, settings(normalise=False, disagreement=2))
    assert found["p"].disagreements == ["novelty"]
    assert found["p"].criteria["novelty"].spread == 2.0
    assert found["p"].criteria["background"].spread == 1.0


def test_a_single_review_never_disagrees() -> None:
    found, _ = aggregate([review("a", "p", 1)], settings(normalise=False, disagreement=1))
    assert found["p"].disagreements == []


def test_pending_counts_assigned_reviewers_without_complete_scores() -> None:
    partial = review("b", "p", {"background": 3})
    found, _ = aggregate([review("a", "p", 3), partial], RUBRIC, {"p": ["a", "b", "c"]})
    assert (found["p"].assigned, found["p"].completed, found["p"].pending) == (
        ["a", "b", "c"],
        ["a"],
        2,
    )


def test_raw_spread_of_the_scores_as_given_kept_beside_the_normalised_spread() -> None:
    # "harsh" gives 1s and 2s, "kind" 4s and 5s, each their higher score to the same
    # proposals: after normalisation they agree on p0, but the raw scores were 2 and 5
    reviews = []
    for i in range(6):
        high = (i + 1) % 2
        reviews += [review("harsh", f"p{i}", 1 + high), review("kind", f"p{i}", 4 + high)]
    found, _ = aggregate(reviews, settings(normalise=True, shrinkage=0, disagreement=2))
    verdict = found["p0"].criteria["background"]
    assert [s.score for s in verdict.scores] == [2, 5]
    assert (verdict.raw_spread, verdict.spread, verdict.disagreement) == (3, 0.0, False)


def test_mean_of_an_exact_half_rounds_up_as_a_calculator_does() -> None:
    # (3 + 4) / 2 of levels 3.0001 and 4.0002 is 3.50015 exactly; kept as 3.5002
    a = RawScore(reviewer="a", score=3, level=3.0001)
    b = RawScore(reviewer="b", score=4, level=4.0002)
    found = verdict("background", [a, b], settings(aggregate="median"))
    assert (found.mean, found.median, found.value, found.spread) == (
        3.5002,
        3.5002,
        3.5002,
        1.0001,
    )


def test_panel_footing_and_the_batchs_reviews_travel_with_each_proposals_verdicts() -> None:
    reviews = [review("a", "p", 4), review("b", "p", 2), review("a", "q", 3)]
    found, adjusted = aggregate(reviews, settings(shrinkage=5), {"p": ["a", "b"], "q": ["a", "c"]})
    footing = found["p"].footing
    assert footing is not None and footing == found["q"].footing
    # 7 criteria scored by each review: 7 * (4 + 2 + 3) levels over 21 scores
    assert (footing.scores, footing.total, footing.mean, footing.shrinkage) == (21, 63.0, 3.0, 5)
    assert [(p.batch_completed, p.batch_assigned) for p in found.values()] == [(3, 4), (3, 4)]
    a = next(x for x in adjusted if x.reviewer == "a")
    # a's level x reads footing.mean + (x - shrunk_mean) * factor, and the sum is kept
    assert a.total == 49.0
    assert round(a.shrunk_mean, 12) == round((a.total + 5 * footing.mean) / (a.scores + 5), 12)
    assert a.factor == footing.sd / a.shrunk_sd
    level = found["q"].criteria["background"].scores[0].level
    assert level == round(footing.mean + (3 - a.shrunk_mean) * a.factor, 4)


def test_without_normalisation_no_footing_is_given() -> None:
    found, _ = aggregate([review("a", "p", 4)], settings(normalise=False))
    assert found["p"].footing is None
    assert (found["p"].batch_completed, found["p"].batch_assigned) == (1, 1)
