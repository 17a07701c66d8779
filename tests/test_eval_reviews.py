"""The reviewer aggregation study (`python -m bench.eval_reviews`) on tiny configurations:
properties that must hold whatever the study's figures, and one seeded case asserted
exactly."""

from __future__ import annotations

import math
from functools import cache

import numpy as np
from scipy.stats import kendalltau

from bench.eval_reviews import (
    CURRENT,
    METHODS,
    NO_EFFECTS,
    Effects,
    Setting,
    SettingResult,
    choose,
    coefficients,
    kendall_tau_b,
    replicate,
    run,
    simulate,
)
from kipp.rubric import Rubric, load_rubric

# reviewers who all see every proposal as it is: whole true levels, no bias, no habit, no noise
EXACT = Effects(bias_sd=0.0, habit_low=1.0, habit_high=1.0, noise_sd=0.0, grid=True)
# one reviewer 1.5 levels harsher than a panel that is otherwise fair and a little noisy
ONE_HARSH = Effects(bias_sd=0.0, habit_low=1.0, habit_high=1.0, noise_sd=0.5, first_bias=-1.5)


@cache
def rubric() -> Rubric:
    return load_rubric().rubric


def test_every_method_ranks_perfectly_without_reviewer_effects_when_all_review_all() -> None:
    setting = Setting(12, 3, 3, "random", 3, EXACT, "exact")
    for outcomes in replicate(setting, range(3), rubric()):
        assert {m: o.tau for m, o in outcomes.items()} == {m.key: 1.0 for m in METHODS}
        assert {o.top_shortlist for o in outcomes.values()} == {5}
        assert {o.top_tenth for o in outcomes.values()} == {1}


def test_raw_methods_rank_perfectly_without_reviewer_effects_under_partial_assignment() -> None:
    setting = Setting(17, 6, 2, "random", 3, EXACT, "exact")
    for outcomes in replicate(setting, range(3), rubric()):
        assert outcomes["mean"].tau == outcomes["median"].tau == 1.0
        # normalisation "corrects" reviewers who merely saw better or weaker proposals
        assert outcomes["z0"].tau < 1.0
        assert outcomes["z0"].tau <= outcomes["z5"].tau <= outcomes["z50"].tau


def test_normalisation_beats_raw_mean_with_one_harsh_reviewer_under_random_assignment() -> None:
    setting = Setting(17, 6, 3, "random", 5, ONE_HARSH, "one harsh reviewer")
    (result,) = run([setting], rubric())
    tau = {key: figures["tau"]["mean"] for key, figures in result.methods.items()}
    assert (tau["mean"], tau["median"], tau["z0"], tau["z5"], tau["z25"]) == (
        0.8118,
        0.8668,
        0.8882,
        0.8853,
        0.8735,
    )
    assert result.methods["mean"]["tau_vs_current"] == {"mean": -0.0735, "se": 0.0066}
    top = {key: figures["top_shortlist"]["mean"] for key, figures in result.methods.items()}
    assert (top["mean"], top["z5"]) == (3.8, 4.2)


def test_kendall_tau_b_agrees_with_scipy_with_and_without_ties() -> None:
    rng = np.random.default_rng(7)
    for size in (2, 17, 60):
        tied, other = rng.integers(0, 4, size), rng.integers(0, 4, size)
        smooth = rng.standard_normal(size)
        for x, y in ((tied, other), (tied, smooth), (smooth, smooth[::-1])):
            assert math.isclose(
                kendall_tau_b(x.tolist(), y.tolist()),
                float(kendalltau(x, y).statistic),
                abs_tol=1e-12,
            )
    assert math.isnan(kendall_tau_b([1.0, 1.0], [1.0, 2.0]))


def test_simulation_same_replication_gives_same_reviews() -> None:
    setting = Setting(17, 6, 3, "random", 1)
    assert simulate(setting, 4, rubric()) == simulate(setting, 4, rubric())
    assert simulate(setting, 4, rubric()) != simulate(setting, 5, rubric())


def test_simulation_scores_whole_levels_with_balanced_loads() -> None:
    setting = Setting(17, 6, 3, "random", 1)
    found = simulate(setting, 0, rubric())
    criteria = set(coefficients(rubric()))
    assert all(set(r.scores) == criteria for r in found.reviews)
    assert {s for r in found.reviews for s in r.scores.values()} <= {1, 2, 3, 4, 5}
    assert {len(who) for who in found.assigned.values()} == {3}
    loads = [sum(r.reviewer == f"juri-{j:02d}" for r in found.reviews) for j in range(6)]
    assert max(loads) - min(loads) <= 1 and sum(loads) == 17 * 3


def test_skewed_assignment_gives_one_reviewer_the_best_and_one_the_weakest() -> None:
    setting = Setting(17, 6, 3, "skewed", 1, NO_EFFECTS)
    found = simulate(setting, 0, rubric())
    order = sorted(found.truth, key=lambda pid: -found.truth[pid])
    best = {r.proposal for r in found.reviews if r.reviewer == "juri-00"}
    weakest = {r.proposal for r in found.reviews if r.reviewer == "juri-01"}
    assert best <= set(order[:9]) and weakest <= set(order[-9:])
    assert len(best) >= 8 and len(weakest) >= 8


def test_workers_give_the_same_figures_as_one_process() -> None:
    setting = Setting(17, 6, 2, "random", 4)
    assert run([setting], rubric(), workers=2) == run([setting], rubric(), workers=1)


def _result(differences: dict[str, float], scenario: str = "random") -> SettingResult:
    figures = {
        m.key: {
            "tau": {"mean": 0.8, "p10": 0.7, "p90": 0.9},
            "tau_vs_current": {"mean": differences.get(m.key, 0.0), "se": 0.001},
            "top_shortlist_vs_current": {"mean": 0.0, "se": 0.01},
            "top_tenth_vs_current": {"mean": 0.0, "se": 0.01},
        }
        for m in METHODS
    }
    return SettingResult("k", "k", 17, 6, 3, scenario, "main", 10, 5, 2, figures)


def test_choose_keeps_the_current_default_when_differences_are_within_noise() -> None:
    assert choose([_result({"z25": 0.001}), _result({"z25": 0.0015})]).chosen == CURRENT


def test_choose_takes_a_challenger_that_wins_most_random_settings_and_loses_none() -> None:
    results = [_result({"z25": 0.01}), _result({"z25": 0.01}), _result({}, "skewed")]
    assert choose(results).chosen == "z25"


def test_choose_refuses_a_challenger_that_loses_a_skewed_setting() -> None:
    results = [_result({"z25": 0.01}), _result({"z25": 0.01}), _result({"z25": -0.01}, "skewed")]
    assert choose(results).chosen == CURRENT
