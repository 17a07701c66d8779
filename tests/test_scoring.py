"""Levels, weights and provisional totals."""

from __future__ import annotations

from kipp.i18n import Lang, render, text
from kipp.rubric import load_rubric
from kipp.scoring import Scored, level_for, score_proposal

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
    # (0.15*5 + 0.30*4 + 0.20*3) / 5 / 0.65 * 100
    assert card.total == 78.46
    assert card.scored_weight == 0.65
    assert card.provisional is True


def test_criterion_evidence_starts_with_the_level_derivation() -> None:
    card = score_proposal(measures(novelty=0.9, impact=0.5, adaptability=0.0), RUBRIC)
    novelty = card.get("novelty")
    assert [render(t, Lang.EN) for t in novelty.evidence] == [
        "Score 0.90 → level 5 of 5 (level 2-5 thresholds: 0.30, 0.55, 0.70, 0.82).",
        "The comparison corpus holds no prior innovation up to the call's cut-off.",
    ]
    assert [render(t, Lang.EN) for t in card.get("background").evidence] == [
        "Awaiting reviewers' scores."
    ]
