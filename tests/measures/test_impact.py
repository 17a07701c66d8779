"""Impact and adaptability: components at their edges, levels at their thresholds."""

from __future__ import annotations

from typing import Any

from builders import proposal_data

from kipp.core.i18n import Lang, render
from kipp.core.models import Proposal
from kipp.measures.adaptability import measure_adaptability
from kipp.measures.impact import measure_impact
from kipp.rubric import load_rubric
from kipp.scoring import level_for

RUBRIC = load_rubric().rubric
CHOICES = RUBRIC.call.choices()


def make(indicators: dict[str, Any] | None = None, **overrides: Any) -> Proposal:
    data = {"id": "p1", **proposal_data(**overrides)}
    data["indicators"] = indicators or {}
    return Proposal.model_validate(data, context={"choices": CHOICES})


def evidence(proposal: Proposal, lang: Lang = Lang.EN) -> list[str]:
    return [render(t, lang) for t in measure_impact(proposal).evidence()]


FULL = {
    "service_time_before_hours": 72,
    "service_time_after_hours": 18,
    "cost_before_idr": 50000,
    "cost_after_idr": 0,
    "satisfaction_before": 60,
    "satisfaction_after": 90,
    "complaints_before": 40,
    "complaints_after": 10,
    "beneficiaries": 3000,
    "target_population": 4000,
}


def test_impact_with_every_indicator_scores_the_mean_of_five() -> None:
    measured = measure_impact(make(FULL))
    assert [c.score for c in measured.components] == [0.75, 1.0, 0.75, 0.75, 0.75]
    assert measured.score == 0.8
    assert evidence(make(FULL)) == [
        "Impact score 0.80: mean of 5 components, 5 of them with data.",
        "Service time: 72 → 18 hours (75% less).",
        "Cost: 50,000 → 0 rupiah (100% less).",
        "Satisfaction: 60 → 90 (75% of the possible gain).",
        "Complaints: 40 → 10 per month (75% less).",
        "Reach: 3,000 of 4,000 targeted (75%).",
    ]


def test_impact_in_indonesian_formats_numbers() -> None:
    assert evidence(make(FULL), Lang.ID)[2] == "Biaya: 50.000 → 0 rupiah (turun 100%)."


def test_impact_missing_data_counts_zero_and_says_so() -> None:
    measured = measure_impact(make({"beneficiaries": 100, "target_population": 100}))
    assert measured.score == 0.2
    assert evidence(make({"beneficiaries": 100, "target_population": 100}))[1:] == [
        "Service time: no before/after data: the component counts as 0.",
        "Cost: no before/after data: the component counts as 0.",
        "Satisfaction: no before/after data: the component counts as 0.",
        "Complaints: no before/after data: the component counts as 0.",
        "Reach: 100 of 100 targeted (100%).",
    ]


def test_impact_with_no_indicators_is_zero_not_an_error() -> None:
    assert measure_impact(make({})).score == 0.0


def test_impact_worse_after_counts_zero() -> None:
    proposal = make(
        {
            "service_time_before_hours": 2,
            "service_time_after_hours": 3,
            "satisfaction_before": 80,
            "satisfaction_after": 70,
        }
    )
    assert evidence(proposal)[1] == (
        "Service time: 2 → 3 hours, got worse: the component counts as 0."
    )
    assert evidence(proposal)[3] == "Satisfaction: 80 → 70, got worse: the component counts as 0."
    assert measure_impact(proposal).score == 0.0


def test_impact_zero_baseline_is_flagged() -> None:
    proposal = make({"complaints_before": 0, "complaints_after": 0})
    assert evidence(proposal)[4] == (
        "Complaints: the before value is 0, so no reduction can be computed: counts as 0."
    )


def test_impact_beneficiaries_above_population_are_flagged_and_capped() -> None:
    proposal = make({"beneficiaries": 5000, "target_population": 4000})
    assert evidence(proposal)[5] == (
        "Reach: beneficiaries (5,000) exceed the target population (4,000); "
        "check the figures: counted as 100%."
    )
    assert measure_impact(proposal).components[4].score == 1.0


def test_significance_levels_at_their_thresholds() -> None:
    thresholds = RUBRIC.criterion("significance").thresholds or []
    assert thresholds == [0.15, 0.30, 0.45, 0.60]
    assert [
        level_for(s, thresholds) for s in (0.0, 0.1499, 0.15, 0.2999, 0.30, 0.45, 0.5999, 0.60, 1.0)
    ] == [1, 1, 2, 2, 3, 4, 4, 5, 5]


def test_impact_score_exactly_at_threshold_reaches_the_level() -> None:
    # 3 of 5 components full = 0.6: level 5 exactly at the threshold
    proposal = make(
        {
            "cost_before_idr": 10,
            "cost_after_idr": 0,
            "complaints_before": 10,
            "complaints_after": 0,
            "beneficiaries": 10,
            "target_population": 10,
        }
    )
    score = measure_impact(proposal).score
    assert score == 0.6
    assert level_for(score, RUBRIC.criterion("significance").thresholds or []) == 5


def test_adaptability_counts_replications() -> None:
    none = measure_adaptability(make(replications=[]))
    assert (none.score, [render(t, Lang.EN) for t in none.evidence]) == (
        0.0,
        ["No replication declared."],
    )
    two = measure_adaptability(
        make(
            replications=[
                {"agency": "Dinas Kesehatan", "region": "Kabupaten Jombang", "year": 2021},
                {"agency": "Puskesmas Kedundung"},
            ]
        )
    )
    assert two.score == 0.5
    assert [render(t, Lang.EN) for t in two.evidence] == [
        "Replicated 2 time(s): Dinas Kesehatan (Kabupaten Jombang, 2021), Puskesmas Kedundung."
    ]
    thresholds = RUBRIC.criterion("adaptability").thresholds or []
    many = [{"agency": f"Dinas {i}"} for i in range(6)]
    assert [
        level_for(measure_adaptability(make(replications=many[:n])).score, thresholds)
        for n in range(6)
    ] == [1, 2, 3, 4, 5, 5]


def test_impact_zero_hour_service_time_is_flagged_not_scored() -> None:
    proposal = make({"service_time_before_hours": 48, "service_time_after_hours": 0})
    assert evidence(proposal)[1] == (
        "Service time: 48 → 0 hours is implausible; check the figure: counts as 0."
    )
    assert measure_impact(proposal).components[0].score is None


def test_impact_free_service_after_is_a_full_cost_reduction() -> None:
    proposal = make({"cost_before_idr": 25000, "cost_after_idr": 0})
    assert measure_impact(proposal).components[1].score == 1.0
