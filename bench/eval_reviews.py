"""Reviewer aggregation study (`make eval-reviews`): which way of combining reviewers'
scores ranks proposals closest to their true quality, by simulation.

    python -m bench.eval_reviews [--no-save] [--workers 2] [--reps-scale 1.0] [--markdown]

Each replication invents a batch: a true quality per proposal and reviewed criterion (a
latent value on the levels' footing, `3 + q`, with `q` standard normal and a proposal's
criteria correlated), a panel of reviewers each with a bias (lenient or harsh shift), a
scale habit (compressed or spread) and judgement noise, and 1-5 whole-number scores. Kipp's
own `assign` gives each proposal K reviewers with balanced loads (the panel is invented
reviewer ids; every proposal has its own agency, so nothing is conflicted), except in the
`skewed` scenario, where one reviewer may only take the batch's best proposals and another
only its weakest (declared conflicts on every other proposal, so `assign` still balances the
loads). The scores become `Review` rows and go through kipp's own `aggregate`, once per
normalisation setting, with the bundled rubric's `reviews` settings changed by `model_copy`;
a call gives each criterion's mean and median, so one call serves both aggregates.

Every method ranks proposals by the reviewers' part of kipp's total, `sum(weight x
reviewer share x value)` over the reviewed criteria (the coefficient each reviewer value has
in a scorecard's total), and is scored against the same sum over the true latent values:
Kendall's tau-b, and how many of the true top N are in the method's top N (N = the rubric's
shortlist size, and 10% of the batch). Every method of a replication sees the same scores,
so methods are compared by paired differences. Replications are seeded from the setting and
their index, so a run gives the same figures on any number of worker processes.

Prints a table per setting and the decision against the rule written in `choose` (see
docs/reviews.md, "How the aggregation was chosen"), and writes
`bench/results/<YYYY-MM-DD>-eval-reviews.json`.
"""

from __future__ import annotations

import argparse
import importlib.metadata
import json
import math
import os
import sys
import time
import zlib
from collections.abc import Sequence
from concurrent.futures import ProcessPoolExecutor
from dataclasses import asdict, dataclass, field
from datetime import date
from functools import cache
from pathlib import Path
from typing import Any, Literal

import numpy as np

from kipp.assignment.assign import assign
from kipp.core.models import SECTION_NAMES, Proposal
from kipp.intake.panel import Reviewer
from kipp.reviews.aggregate import aggregate
from kipp.reviews.models import Review
from kipp.rubric import Rubric, load_rubric

ROOT = Path(__file__).resolve().parents[1]
RESULTS = Path(__file__).resolve().parent / "results"
SEED = 2022
CENTRE = 3.0  # the middle level: a proposal of average quality is a 3
TAU_DECIMALS = 10

Scenario = Literal["random", "skewed"]


@dataclass(frozen=True)
class Effects:
    """How simulated proposals and reviewers behave, on the levels' footing (1-5).

    A reviewer's score of a criterion is `round(3 + bias + habit * (q + noise))`, kept within
    1 and 5, where `3 + q` is the true level. `bias` is drawn normal with `bias_sd`, cut at
    `bias_limit`; `habit` uniform between `habit_low` and `habit_high`; `noise` normal with
    `noise_sd`, drawn anew for every score. `correlation` is the correlation of two criteria's
    true values in one proposal (a quality the proposal's criteria share). `first_bias` is
    added to the first reviewer's bias (one unusually harsh or lenient reviewer). `grid`
    draws `q` as whole levels (-2 to 2), so that a perfect reviewer loses nothing to
    rounding."""

    bias_sd: float = 0.4
    bias_limit: float = 1.0
    habit_low: float = 0.5
    habit_high: float = 1.5
    noise_sd: float = 0.7
    correlation: float = 0.5
    first_bias: float = 0.0
    grid: bool = False


NO_EFFECTS = Effects(bias_sd=0.0, habit_low=1.0, habit_high=1.0)


@dataclass(frozen=True)
class Setting:
    """One simulated situation, run `reps` times: a batch of `proposals`, a panel of
    `reviewers`, K = `per_proposal`, the assignment `scenario`, and the reviewers' `effects`
    (`variant` names effects other than the main assumptions)."""

    proposals: int
    reviewers: int
    per_proposal: int
    scenario: Scenario
    reps: int
    effects: Effects = Effects()
    variant: str = "main"

    @property
    def key(self) -> str:
        """A name unique to the setting, which also seeds its replications."""
        return (
            f"n{self.proposals}-m{self.reviewers}-k{self.per_proposal}-{self.scenario}"
            f"-{self.variant}"
        )

    @property
    def label(self) -> str:
        """How the tables name the setting."""
        extra = "" if self.variant == "main" else f", {self.variant}"
        return (
            f"{self.proposals} proposals, {self.reviewers} reviewers, K={self.per_proposal}, "
            f"{self.scenario}{extra}"
        )


@dataclass(frozen=True)
class Method:
    """One way of combining scores: the rubric's `normalise` and `shrinkage`, and whether the
    criterion's value is the median (else the mean) of the reviewers' levels."""

    key: str
    label: str
    normalise: bool
    shrinkage: float
    median: bool = False


METHODS: tuple[Method, ...] = (
    Method("mean", "raw mean", False, 0.0),
    Method("median", "raw median", False, 0.0, median=True),
    Method("z0", "z-mean, shrinkage 0", True, 0.0),
    Method("z5", "z-mean, shrinkage 5", True, 5.0),
    Method("z10", "z-mean, shrinkage 10", True, 10.0),
    Method("z25", "z-mean, shrinkage 25", True, 25.0),
    Method("z50", "z-mean, shrinkage 50", True, 50.0),
    Method("z5-median", "z-median, shrinkage 5", True, 5.0, median=True),
)
CURRENT = "z5"  # the rubric's default before this study: mean, normalise true, shrinkage 5

# Panel sizes from a city to a province, and replications per size: fewer for larger
# batches, whose every replication already averages over many proposals, so that the whole
# run stays within the time bench/README.md states.
SIZES: tuple[tuple[int, int, int], ...] = ((17, 6, 200), (60, 12, 100), (300, 30, 20))
PER_PROPOSAL: dict[int, tuple[int, ...]] = {17: (2, 3, 4), 60: (2, 3), 300: (2, 3)}
SENSITIVITY: tuple[tuple[str, Effects], ...] = (
    ("no reviewer effects", NO_EFFECTS),
    ("strong reviewer effects", Effects(bias_sd=0.8, bias_limit=1.5, habit_low=0.35)),
    ("noisier judgement", Effects(noise_sd=1.0)),
)


def settings(reps_scale: float = 1.0) -> list[Setting]:
    """The study's settings: random assignment at every size and K, the skewed scenario at
    K=3, and the sensitivity variants at the middle size and K=3."""

    def reps(base: int) -> int:
        return max(2, round(base * reps_scale))

    found = []
    for n, m, base in SIZES:
        for k in PER_PROPOSAL[n]:
            found.append(Setting(n, m, k, "random", reps(base)))
        found.append(Setting(n, m, 3, "skewed", reps(base)))
    for name, effects in SENSITIVITY:
        found.append(Setting(60, 12, 3, "random", reps(40), effects, name))
    return found


# --- one replication ------------------------------------------------------------------------


@dataclass(frozen=True)
class Outcome:
    """One method's figures on one replication."""

    tau: float
    top_shortlist: int
    top_tenth: int


def rubric_for(rubric: Rubric, method: Method) -> Rubric:
    """`rubric` with its `reviews` settings set as `method` asks (mean aggregate)."""
    reviews = rubric.reviews.model_copy(
        update={"normalise": method.normalise, "shrinkage": method.shrinkage, "aggregate": "mean"}
    )
    return rubric.model_copy(update={"reviews": reviews})


def top_sizes(rubric: Rubric, proposals: int) -> tuple[int, int]:
    """N for the top-N figures: the shortlist's size and 10% of the batch (at least 1)."""
    return min(rubric.shortlist.size, proposals), max(1, round(proposals / 10))


@cache
def _proposal_template() -> Proposal:
    return Proposal.model_validate(
        {
            "id": "sim-000",
            "title": "Layanan Simulasi",
            "agency": "Dinas Simulasi",
            "group": "umum",
            "category": "tpb",
            "sdgs": [3],
            "started_on": "2019-07-01",
            "stage": "penerapan",
            "digital": True,
            "sections": {name: "Teks simulasi." for name in SECTION_NAMES},
        }
    )


def batch(proposals: int) -> list[Proposal]:
    """Invented proposals `sim-000`, `sim-001`, ..., each from its own agency."""
    template = _proposal_template()
    return [
        template.model_copy(update={"id": f"sim-{i:03d}", "agency": f"Dinas Simulasi {i:03d}"})
        for i in range(proposals)
    ]


def panel(reviewers: int, conflicts: dict[int, list[str]] | None = None) -> list[Reviewer]:
    """Invented reviewers `juri-00`, `juri-01`, ..., of no agency; `conflicts` maps a
    reviewer's index to the proposal ids they may not review."""
    return [
        Reviewer(id=f"juri-{j:02d}", name=f"Juri {j:02d}", conflicts=(conflicts or {}).get(j, []))
        for j in range(reviewers)
    ]


@dataclass(frozen=True)
class Simulated:
    """One invented batch: the true total of each proposal (reviewed criteria, weighted as in
    the ranking) and its true level of each criterion, the reviews, and who reviewed what."""

    truth: dict[str, float]
    levels: dict[str, dict[str, float]]
    reviews: list[Review]
    assigned: dict[str, list[str]]


def coefficients(rubric: Rubric) -> dict[str, float]:
    """Each reviewed criterion's coefficient in the total: weight times reviewers' share."""
    return {c.id: c.weight * c.reviewer_share for c in rubric.reviewed_criteria}


def simulate(setting: Setting, rep: int, rubric: Rubric, seed: int = SEED) -> Simulated:
    """Replication `rep` of `setting`: the same arguments give the same batch."""
    rng = np.random.default_rng([seed, zlib.crc32(setting.key.encode()), rep])
    effects = setting.effects
    criteria = list(coefficients(rubric))
    weights = np.array(list(coefficients(rubric).values()))
    n, m = setting.proposals, setting.reviewers
    proposals = batch(n)
    ids = [p.id for p in proposals]

    if effects.grid:
        quality = rng.integers(-2, 3, size=(n, len(criteria))).astype(float)
    else:
        shared = rng.standard_normal((n, 1))
        own = rng.standard_normal((n, len(criteria)))
        rho = effects.correlation
        quality = math.sqrt(rho) * shared + math.sqrt(1 - rho) * own
    true_levels = CENTRE + quality
    totals = [float(sum(w * x for w, x in zip(weights, row, strict=True))) for row in true_levels]
    truth = dict(zip(ids, totals, strict=True))
    levels = {
        pid: {c: float(x) for c, x in zip(criteria, row, strict=True)}
        for pid, row in zip(ids, true_levels, strict=True)
    }

    bias = np.clip(
        rng.normal(0.0, 1.0, m) * effects.bias_sd, -effects.bias_limit, effects.bias_limit
    )
    bias[0] += effects.first_bias
    habit = rng.uniform(effects.habit_low, effects.habit_high, m)
    noise = rng.normal(0.0, 1.0, (n, m, len(criteria))) * effects.noise_sd
    assign_seed = int(rng.integers(0, 2**31 - 1))

    conflicts: dict[int, list[str]] = {}
    if setting.scenario == "skewed":
        high = -(-n * setting.per_proposal // m)  # the largest balanced load
        order = sorted(ids, key=lambda pid: (-truth[pid], pid))
        conflicts = {0: order[high:], 1: order[:-high]}  # 0 sees the best, 1 the weakest
    reviewers = panel(m, conflicts)
    pairs = assign(proposals, reviewers, setting.per_proposal, seed=assign_seed)

    row = {pid: i for i, pid in enumerate(ids)}
    column = {r.id: j for j, r in enumerate(reviewers)}
    reviews = []
    assigned: dict[str, list[str]] = {pid: [] for pid in ids}
    for number, pair in enumerate(pairs, start=2):
        i, j = row[pair.proposal], column[pair.reviewer]
        raw = CENTRE + bias[j] + habit[j] * (quality[i] + noise[i, j])
        scores = np.clip(np.floor(raw + 0.5), 1, 5).astype(int)
        reviews.append(
            Review(
                reviewer=pair.reviewer,
                proposal=pair.proposal,
                scores={c: int(s) for c, s in zip(criteria, scores, strict=True)},
                sheet=f"{pair.reviewer}.xlsx",
                row=number,
                complete=True,
            )
        )
        assigned[pair.proposal].append(pair.reviewer)
    return Simulated(truth, levels, reviews, assigned)


def ranked(
    totals: dict[str, float], values: dict[str, dict[str, float]], tie_breaks: Sequence[str]
) -> list[str]:
    """Proposal ids best first, as kipp ranks: total, then the values of the tie-break
    criteria, then id."""
    return sorted(
        totals,
        key=lambda pid: (-round(totals[pid], 9), *(-values[pid][c] for c in tie_breaks), pid),
    )


@cache
def _pairs(size: int) -> tuple[np.ndarray, np.ndarray]:
    first, second = np.triu_indices(size, 1)
    return first, second


def kendall_tau_b(x: Sequence[float], y: Sequence[float]) -> float:
    """Kendall's tau-b of two equally long sequences (ties counted as tau-b counts them, as
    `scipy.stats.kendalltau` does); NaN when either is constant. Every pair is compared,
    which is quicker than scipy's call for the batch sizes of this study."""
    a, b = np.asarray(x, dtype=float), np.asarray(y, dtype=float)
    first, second = _pairs(len(a))
    da, db = np.sign(a[first] - a[second]), np.sign(b[first] - b[second])
    untied = math.sqrt(float(np.count_nonzero(da)) * float(np.count_nonzero(db)))
    return float((da * db).sum()) / untied if untied else math.nan


def _top(order: Sequence[str], size: int) -> set[str]:
    return set(order[:size])


def score_methods(
    simulated: Simulated, rubric: Rubric, methods: Sequence[Method] = METHODS
) -> dict[str, Outcome]:
    """Every method's outcome on one invented batch, through kipp's `aggregate` (one call
    per normalisation setting; its verdicts carry both the mean and the median)."""
    coef = coefficients(rubric)
    ids = sorted(simulated.truth)
    truth = [simulated.truth[pid] for pid in ids]
    shortlist, tenth = top_sizes(rubric, len(ids))
    tie_breaks = [c for c in rubric.shortlist.tie_breaks if c in coef]
    true_order = ranked(simulated.truth, simulated.levels, tie_breaks)
    verdicts: dict[tuple[bool, float], dict[str, dict[str, tuple[float, float]]]] = {}
    outcomes = {}
    for method in methods:
        setting = (method.normalise, method.shrinkage)
        if setting not in verdicts:
            found, _ = aggregate(simulated.reviews, rubric_for(rubric, method), simulated.assigned)
            verdicts[setting] = {
                pid: {cid: (v.value, v.median) for cid, v in pr.criteria.items()}
                for pid, pr in found.items()
            }
        values = {
            pid: {cid: pair[1] if method.median else pair[0] for cid, pair in crit.items()}
            for pid, crit in verdicts[setting].items()
        }
        totals = {pid: sum(coef[c] * v for c, v in values[pid].items()) for pid in ids}
        order = ranked(totals, values, tie_breaks)
        tau = kendall_tau_b([totals[pid] for pid in ids], truth)
        outcomes[method.key] = Outcome(
            # rounded so that rankings equal but for float noise give exactly 1.0; NaN (every
            # total equal) counts as no agreement
            tau=round(tau, TAU_DECIMALS) if not math.isnan(tau) else 0.0,
            top_shortlist=len(_top(order, shortlist) & _top(true_order, shortlist)),
            top_tenth=len(_top(order, tenth) & _top(true_order, tenth)),
        )
    return outcomes


def replicate(setting: Setting, reps: Sequence[int], rubric: Rubric) -> list[dict[str, Outcome]]:
    """The outcomes of replications `reps` of `setting`, in that order."""
    return [score_methods(simulate(setting, rep, rubric), rubric) for rep in reps]


def agreement(effects: Effects, rubric: Rubric, reps: int = 20) -> dict[str, Any]:
    """What `effects` make of the scores, over `reps` replications of 60 proposals, 12
    reviewers, K=2: the correlation of the two reviewers' scores of the same proposal and
    criterion, of a score with its true level, and the share of each score 1 to 5."""
    first: list[int] = []
    second: list[int] = []
    true: list[float] = []
    for rep in range(reps):
        found = simulate(Setting(60, 12, 2, "random", reps, effects, "agreement"), rep, rubric)
        by_proposal: dict[str, list[Review]] = {}
        for review in found.reviews:
            by_proposal.setdefault(review.proposal, []).append(review)
        for pid, (a, b) in by_proposal.items():
            for criterion, score in a.scores.items():
                first.append(score)
                second.append(b.scores[criterion])
                true.append(found.levels[pid][criterion])
    counts = np.bincount(first, minlength=6)[1:] / len(first)
    return {
        "two_reviewers_r": round(float(np.corrcoef(first, second)[0, 1]), 2),
        "score_and_true_level_r": round(float(np.corrcoef(first, true)[0, 1]), 2),
        "score_shares": [round(float(x), 3) for x in counts],
    }


# --- summaries and the decision -------------------------------------------------------------


def spread(values: Sequence[float]) -> dict[str, float]:
    """Mean, 10th and 90th percentiles."""
    array = np.asarray(values, dtype=float)
    return {
        "mean": round(float(array.mean()), 4),
        "p10": round(float(np.percentile(array, 10)), 4),
        "p90": round(float(np.percentile(array, 90)), 4),
    }


def paired(values: Sequence[float], against: Sequence[float]) -> dict[str, float]:
    """Mean of the per-replication differences `values - against` and its standard error."""
    diff = np.asarray(values, dtype=float) - np.asarray(against, dtype=float)
    se = float(diff.std(ddof=1) / math.sqrt(len(diff))) if len(diff) > 1 else 0.0
    return {"mean": round(float(diff.mean()), 4), "se": round(se, 4)}


@dataclass
class SettingResult:
    """Every method's figures over one setting's replications."""

    key: str
    label: str
    proposals: int
    reviewers: int
    per_proposal: int
    scenario: str
    variant: str
    reps: int
    top_shortlist_n: int
    top_tenth_n: int
    methods: dict[str, dict[str, Any]] = field(default_factory=dict)


def summarise(
    setting: Setting, outcomes: Sequence[dict[str, Outcome]], rubric: Rubric
) -> SettingResult:
    """Mean and 10th-90th percentiles of each figure, and each method's paired difference in
    tau and in top-N hits against the current default."""
    shortlist, tenth = top_sizes(rubric, setting.proposals)
    result = SettingResult(
        key=setting.key,
        label=setting.label,
        proposals=setting.proposals,
        reviewers=setting.reviewers,
        per_proposal=setting.per_proposal,
        scenario=setting.scenario,
        variant=setting.variant,
        reps=len(outcomes),
        top_shortlist_n=shortlist,
        top_tenth_n=tenth,
    )
    base = [o[CURRENT] for o in outcomes]
    for method in METHODS:
        mine = [o[method.key] for o in outcomes]
        result.methods[method.key] = {
            "tau": spread([o.tau for o in mine]),
            "top_shortlist": spread([o.top_shortlist for o in mine]),
            "top_tenth": spread([o.top_tenth for o in mine]),
            "tau_vs_current": paired([o.tau for o in mine], [o.tau for o in base]),
            "top_shortlist_vs_current": paired(
                [o.top_shortlist for o in mine], [o.top_shortlist for o in base]
            ),
            "top_tenth_vs_current": paired(
                [o.top_tenth for o in mine], [o.top_tenth for o in base]
            ),
        }
    return result


def verdict_of(difference: dict[str, float]) -> int:
    """+1 when a paired difference is above 2 standard errors, -1 below -2, else 0 (a tie)."""
    if difference["mean"] > 2 * difference["se"] and difference["mean"] > 0:
        return 1
    if difference["mean"] < -2 * difference["se"] and difference["mean"] < 0:
        return -1
    return 0


@dataclass
class Decision:
    """The method chosen, and every challenger's wins and losses in tau against the current
    default (main assumptions only: random settings for wins, every setting for losses)."""

    chosen: str
    current: str
    reason: str
    record: dict[str, dict[str, int]]


def choose(results: Sequence[SettingResult]) -> Decision:
    """The rule (set after a pilot run, before the full one): compare each method with the
    current default by paired differences, setting by setting, under the main assumptions; a
    win or a loss needs more than 2 standard errors, anything less is a tie. A challenger
    replaces the default only when it wins in Kendall tau in a majority of the
    random-assignment settings (how kipp assigns) and loses in no setting, random or skewed,
    in tau or in either top-N figure; among such challengers, the one with most wins, then the
    highest mean tau over the random settings. Otherwise the default stays. The sensitivity
    variants are reported beside the rule, not counted by it."""
    main = [r for r in results if r.variant == "main"]
    random_ones = [r for r in main if r.scenario == "random"]
    figures = ("tau_vs_current", "top_shortlist_vs_current", "top_tenth_vs_current")
    record: dict[str, dict[str, int]] = {}
    for method in METHODS:
        if method.key == CURRENT:
            continue
        mine = [r.methods[method.key] for r in main]
        record[method.key] = {
            "settings": len(random_ones),
            "wins": sum(
                verdict_of(r.methods[method.key]["tau_vs_current"]) == 1 for r in random_ones
            ),
            "tau_losses": sum(verdict_of(f["tau_vs_current"]) == -1 for f in mine),
            "top_losses": sum(verdict_of(f[name]) == -1 for f in mine for name in figures[1:]),
            "top_wins": sum(verdict_of(f[name]) == 1 for f in mine for name in figures[1:]),
        }

    def mean_tau(key: str) -> float:
        return float(np.mean([r.methods[key]["tau"]["mean"] for r in random_ones]))

    eligible = [
        key
        for key, rec in record.items()
        if rec["wins"] * 2 > rec["settings"] and rec["tau_losses"] == 0 and rec["top_losses"] == 0
    ]
    if not eligible:
        return Decision(
            CURRENT,
            CURRENT,
            "no method beats the current default in tau in a majority of the random settings "
            "without losing in some setting",
            record,
        )
    best = max(eligible, key=lambda key: (record[key]["wins"], mean_tau(key)))
    return Decision(
        best,
        CURRENT,
        f"{best} beats the current default in tau in {record[best]['wins']} of "
        f"{record[best]['settings']} random settings and loses in none",
        record,
    )


# --- running --------------------------------------------------------------------------------


def _chunks(setting: Setting, size: int) -> list[range]:
    return [range(start, min(start + size, setting.reps)) for start in range(0, setting.reps, size)]


def run(chosen: Sequence[Setting], rubric: Rubric, workers: int = 1) -> list[SettingResult]:
    """Every setting's summary, the same whatever `workers` (processes; 1 runs in this one)."""
    tasks = []
    for index, setting in enumerate(chosen):
        cost = max(1, 4000 // (setting.proposals * setting.per_proposal))
        tasks += [(index, reps) for reps in _chunks(setting, cost)]
    done: dict[tuple[int, int], list[dict[str, Outcome]]] = {}
    if workers <= 1:
        for index, reps in tasks:
            done[(index, reps.start)] = replicate(chosen[index], reps, rubric)
    else:
        with ProcessPoolExecutor(max_workers=workers) as pool:
            futures = {
                (index, reps.start): pool.submit(replicate, chosen[index], reps, rubric)
                for index, reps in tasks
            }
            done = {key: future.result() for key, future in futures.items()}
    results = []
    for index, setting in enumerate(chosen):
        outcomes = [
            o for start in sorted(s for i, s in done if i == index) for o in done[(index, start)]
        ]
        results.append(summarise(setting, outcomes, rubric))
    return results


# --- report ---------------------------------------------------------------------------------


def _cell(s: dict[str, float], digits: int) -> str:
    return f"{s['mean']:.{digits}f} ({s['p10']:.{digits}f}-{s['p90']:.{digits}f})"


def _diff(d: dict[str, float]) -> str:
    return f"{d['mean']:+.3f} ± {d['se']:.3f}"


def render(
    results: Sequence[SettingResult],
    decision: Decision,
    seconds: float,
    cpu: float,
    agreements: dict[str, dict[str, Any]],
) -> str:
    """The terminal report: how the simulated scores agree, one block per setting, then the
    decision."""
    lines = [
        "Reviewer aggregation study: Kendall tau-b of the reviewers' weighted total against the "
        "true one, and true top-N found (mean, 10th-90th percentile); difference in tau "
        f"against the current default ({CURRENT}) as mean ± standard error",
        "",
        "simulated scores (60 proposals, 12 reviewers, K=2): r of two reviewers' scores of one "
        "criterion; r of a score with the true level; shares of scores 1-5",
    ]
    for name, found in agreements.items():
        shares = " ".join(f"{x:.2f}" for x in found["score_shares"])
        lines.append(
            f"  {name:<24} {found['two_reviewers_r']:.2f}  "
            f"{found['score_and_true_level_r']:.2f}  {shares}"
        )
    for r in results:
        lines += [
            "",
            f"{r.label} ({r.reps} replications; top {r.top_shortlist_n} and top {r.top_tenth_n})",
            f"  {'method':<24} {'tau':>20} {'top ' + str(r.top_shortlist_n):>18} "
            f"{'top ' + str(r.top_tenth_n):>20} {'tau vs ' + CURRENT:>18}",
        ]
        for method in METHODS:
            f = r.methods[method.key]
            lines.append(
                f"  {method.label:<24} {_cell(f['tau'], 3):>20} "
                f"{_cell(f['top_shortlist'], 2):>18} {_cell(f['top_tenth'], 2):>20} "
                f"{_diff(f['tau_vs_current']):>18}"
            )
    lines += ["", f"against {CURRENT}, beyond 2 standard errors (main assumptions):"]
    for key, rec in decision.record.items():
        lines.append(
            f"  {key:<10} tau wins {rec['wins']} of {rec['settings']} random settings, tau losses "
            f"{rec['tau_losses']}; top-N wins {rec['top_wins']}, losses {rec['top_losses']}"
        )
    lines += [
        "",
        f"chosen: {decision.chosen} ({decision.reason})",
        f"run time: {seconds:.1f} s wall, {cpu:.1f} s CPU (all processes)",
    ]
    return "\n".join(lines)


def render_markdown(results: Sequence[SettingResult]) -> str:
    """The tables of docs/reviews.md: mean tau (10th-90th percentile) per setting and method,
    then mean top-N hits, then paired differences in tau against the current default."""
    head = "| setting | " + " | ".join(m.label for m in METHODS) + " |"
    rule = "| --- |" + " --- |" * len(METHODS)
    tau = [head, rule]
    hits = [head, rule]
    diffs = [head, rule]
    for r in results:
        name = f"{r.proposals}/{r.reviewers}, K={r.per_proposal}, {r.scenario}" + (
            "" if r.variant == "main" else f", {r.variant}"
        )
        tau.append(
            f"| {name} | " + " | ".join(_cell(r.methods[m.key]["tau"], 3) for m in METHODS) + " |"
        )
        hits.append(
            f"| {name} (top {r.top_shortlist_n}; top {r.top_tenth_n}) | "
            + " | ".join(
                f"{r.methods[m.key]['top_shortlist']['mean']:.2f}; "
                f"{r.methods[m.key]['top_tenth']['mean']:.2f}"
                for m in METHODS
            )
            + " |"
        )
        diffs.append(
            f"| {name} | "
            + " | ".join(_diff(r.methods[m.key]["tau_vs_current"]) for m in METHODS)
            + " |"
        )
    return "\n".join(
        [
            "Kendall tau-b, mean (10th-90th percentile):",
            "",
            *tau,
            "",
            "True top N found, mean (top 5; top 10%):",
            "",
            *hits,
            "",
            f"Difference in tau against {CURRENT}, mean ± standard error (paired):",
            "",
            *diffs,
        ]
    )


def save(
    results: Sequence[SettingResult],
    decision: Decision,
    seconds: float,
    cpu: float,
    workers: int,
    agreements: dict[str, dict[str, Any]],
    folder: Path = RESULTS,
) -> Path:
    """Write `<folder>/<YYYY-MM-DD>-eval-reviews.json` and return its path."""
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / f"{date.today().isoformat()}-eval-reviews.json"
    try:
        version = importlib.metadata.version("kipp")
    except importlib.metadata.PackageNotFoundError:
        version = "unknown"
    payload = {
        "date": date.today().isoformat(),
        "kipp": version,
        "seed": SEED,
        "seconds": round(seconds, 1),
        "cpu_seconds": round(cpu, 1),
        "load_average": [round(x, 2) for x in os.getloadavg()],
        "workers": workers,
        "nproc": os.cpu_count(),
        "assumptions": asdict(Effects()),
        "sensitivity": {name: asdict(effects) for name, effects in SENSITIVITY},
        "agreement": agreements,
        "methods": {m.key: asdict(m) for m in METHODS},
        "current_default": CURRENT,
        "decision": asdict(decision),
        "settings": [asdict(r) for r in results],
    }
    path.write_text(json.dumps(payload, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    return path


def _cpu() -> float:
    """CPU seconds of this process and its finished children (the worker processes)."""
    t = os.times()
    return t.user + t.system + t.children_user + t.children_system


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.eval_reviews", description=__doc__)
    parser.add_argument("--no-save", action="store_true", help="do not write bench/results/")
    parser.add_argument(
        "--workers",
        type=int,
        default=min(2, os.cpu_count() or 1),
        help="worker processes (1: all in this one); the figures do not depend on it",
    )
    parser.add_argument(
        "--reps-scale", type=float, default=1.0, help="multiply every setting's replications"
    )
    parser.add_argument("--markdown", action="store_true", help="also print the docs' tables")
    args = parser.parse_args(argv)
    rubric = load_rubric().rubric
    started, cpu_started = time.perf_counter(), _cpu()
    results = run(settings(args.reps_scale), rubric, args.workers)
    decision = choose(results)
    agreements = {"main": agreement(Effects(), rubric)} | {
        name: agreement(effects, rubric) for name, effects in SENSITIVITY
    }
    seconds, cpu = time.perf_counter() - started, _cpu() - cpu_started
    print(render(results, decision, seconds, cpu, agreements))
    if args.markdown:
        print("\n" + render_markdown(results))
    if not args.no_save:
        path = save(results, decision, seconds, cpu, args.workers, agreements)
        print(f"\nwritten: {path.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
