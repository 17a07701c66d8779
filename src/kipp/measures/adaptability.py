"""Adaptability: how often the innovation has already been copied elsewhere.

IGA counts replications in steps (1, 2, 3 or more); here the score is the number of declared
replications over `FULL_AT`, at most 1, so the rubric's thresholds can map each count to a
level.
"""

from __future__ import annotations

from pydantic import BaseModel, ConfigDict

from kipp.core.i18n import Text, text
from kipp.core.models import Proposal, Replication

FULL_AT = 4


class AdaptabilityMeasure(BaseModel):
    """The adaptability score of one proposal and the replications behind it."""

    model_config = ConfigDict(frozen=True)

    score: float
    replications: int
    evidence: list[Text]


def _place(r: Replication) -> str:
    details = ", ".join(str(part) for part in (r.region, r.year) if part)
    return f"{r.agency} ({details})" if details else r.agency


def measure_adaptability(proposal: Proposal) -> AdaptabilityMeasure:
    """Score = replications / FULL_AT (at most 1), naming each replication."""
    count = len(proposal.replications)
    if count == 0:
        return AdaptabilityMeasure(score=0.0, replications=0, evidence=[text("adaptability.none")])
    places = [_place(r) for r in proposal.replications]
    return AdaptabilityMeasure(
        score=min(count, FULL_AT) / FULL_AT,
        replications=count,
        evidence=[text("adaptability.count", count=count, places=places)],
    )
