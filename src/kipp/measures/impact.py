"""Impact: what changed for citizens, from the proposal's before/after indicators.

Five components, each a number from 0 to 1: reductions in service time, cost and complaints
(share of the before value removed), the satisfaction gain (share of the possible gain
achieved) and reach (beneficiaries over target population). The score is their mean over
all five: a component without data counts as 0, and says so, so missing evidence lowers the
level instead of being ignored or crashing.
"""

from __future__ import annotations

from pydantic import BaseModel, ConfigDict

from kipp.core.i18n import Text, text
from kipp.core.models import Indicators, Proposal

COMPONENTS = ("service_time", "cost", "satisfaction", "complaints", "reach")


class Component(BaseModel):
    """One impact component: its 0-1 score (None without usable data) and why."""

    model_config = ConfigDict(frozen=True)

    name: str
    score: float | None
    evidence: Text


class ImpactMeasure(BaseModel):
    """The impact score of one proposal and its components."""

    model_config = ConfigDict(frozen=True)

    score: float
    components: list[Component]

    def evidence(self) -> list[Text]:
        """A summary sentence, then one sentence per component."""
        available = sum(c.score is not None for c in self.components)
        summary = text("impact.summary", score=round(self.score, 2), available=available)
        return [summary, *(c.evidence for c in self.components)]


def _reduction(
    name: str, before: float | None, after: float | None, unit: str, zero_after_ok: bool = True
) -> Component:
    label = text(f"component.{name}")
    unit_label = text(unit)
    if before is None or after is None:
        return Component(name=name, score=None, evidence=text("impact.missing", component=label))
    if before == 0:
        return Component(
            name=name, score=None, evidence=text("impact.zero_baseline", component=label)
        )
    if after == 0 and not zero_after_ok:
        evidence = text("impact.implausible_zero", component=label, before=before, unit=unit_label)
        return Component(name=name, score=None, evidence=evidence)
    if after > before:
        evidence = text(
            "impact.worse", component=label, before=before, after=after, unit=unit_label
        )
        return Component(name=name, score=0.0, evidence=evidence)
    share = (before - after) / before
    evidence = text(
        "impact.reduction",
        component=label,
        before=before,
        after=after,
        unit=unit_label,
        pct=round(100 * share),
    )
    return Component(name=name, score=share, evidence=evidence)


def _satisfaction(values: Indicators) -> Component:
    label = text("component.satisfaction")
    before, after = values.satisfaction_before, values.satisfaction_after
    if before is None or after is None:
        return Component(
            name="satisfaction", score=None, evidence=text("impact.missing", component=label)
        )
    if after < before:
        evidence = text("impact.satisfaction_worse", component=label, before=before, after=after)
        return Component(name="satisfaction", score=0.0, evidence=evidence)
    share = 1.0 if before >= 100 else (after - before) / (100 - before)
    evidence = text(
        "impact.satisfaction", component=label, before=before, after=after, pct=round(100 * share)
    )
    return Component(name="satisfaction", score=share, evidence=evidence)


def _reach(values: Indicators) -> Component:
    label = text("component.reach")
    reached, population = values.beneficiaries, values.target_population
    if reached is None or not population:
        return Component(
            name="reach", score=None, evidence=text("impact.reach_missing", component=label)
        )
    if reached > population:
        evidence = text(
            "impact.reach_over", component=label, beneficiaries=reached, population=population
        )
        return Component(name="reach", score=1.0, evidence=evidence)
    share = reached / population
    evidence = text(
        "impact.reach",
        component=label,
        beneficiaries=reached,
        population=population,
        pct=round(100 * share),
    )
    return Component(name="reach", score=share, evidence=evidence)


def measure_impact(proposal: Proposal) -> ImpactMeasure:
    """The impact score (0 to 1) of one proposal, with one sentence of evidence per component."""
    values = proposal.indicators
    components = [
        _reduction(
            "service_time",
            values.service_time_before_hours,
            values.service_time_after_hours,
            "unit.hours",
            zero_after_ok=False,  # a service takes some time: 0 hours is a typo or a guess
        ),
        _reduction("cost", values.cost_before_idr, values.cost_after_idr, "unit.rupiah"),
        _satisfaction(values),
        _reduction(
            "complaints", values.complaints_before, values.complaints_after, "unit.per_month"
        ),
        _reach(values),
    ]
    score = sum(c.score or 0.0 for c in components) / len(COMPONENTS)
    return ImpactMeasure(score=round(score, 4), components=components)
