"""Ranking and selection: total first, then the rubric's tie-breaks, then id; quotas applied
in rank order, so a proposal passed over for a quota names the limit it met."""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from datetime import date
from typing import Any

from pydantic import BaseModel, ConfigDict

from kipp.core.i18n import Text, text
from kipp.intake.registry import AgencyOf
from kipp.rubric import ShortlistPolicy


class Candidate(BaseModel):
    """What ranking needs to know of an eligible, scored proposal."""

    model_config = ConfigDict(frozen=True)

    id: str
    agency: str
    category: str
    title: str = ""  # named in the reason of a proposal its agency's nominations keep out
    started_on: date
    total: float
    levels: dict[str, int | None]
    scores: dict[str, float | None]
    values: dict[str, float | None] = {}


class Placement(BaseModel):
    """Where a candidate ended: its rank, whether it is shortlisted, and why."""

    model_config = ConfigDict(frozen=True)

    id: str
    rank: int
    shortlisted: bool
    reason: Text


def sort_key(candidate: Candidate, tie_breaks: Sequence[str]) -> tuple[Any, ...]:
    """Higher total first; then each tie-break (criteria: higher level, then higher value,
    the unrounded level reviewers gave, then higher measure score; `started_on`: longer in
    operation first); `id` last so the order is total."""
    key: list[Any] = [-candidate.total]
    for name in tie_breaks:
        if name == "started_on":
            key.append(candidate.started_on.toordinal())
        elif name == "id":
            key.append(candidate.id)
        else:
            level = candidate.levels.get(name)
            value = candidate.values.get(name)
            score = candidate.scores.get(name)
            key.extend(
                (
                    -(level or 0),
                    -(value if value is not None else 0.0),
                    -(score if score is not None else -1.0),
                )
            )
    key.append(candidate.id)
    return tuple(key)


def rank(candidates: Sequence[Candidate], policy: ShortlistPolicy) -> list[Candidate]:
    """Candidates best first."""
    return sorted(candidates, key=lambda c: sort_key(c, policy.tie_breaks))


def _agency_key(agency: str) -> str:
    return " ".join(agency.casefold().split())


def build_shortlist(
    candidates: Sequence[Candidate],
    policy: ShortlistPolicy,
    size: int | None = None,
    agency_of: AgencyOf | None = None,
) -> list[Placement]:
    """Rank every candidate and take the best `size` (the policy's unless given) that stay
    within the per-agency and per-category limits.

    `agency_of` (from the batch's agency registry, `kipp.intake.registry.registry_matcher`) names
    the agency a proposal's agency name belongs to, so that an agency's short and full names,
    and its units (a Puskesmas of the health office), count as one agency for the limit;
    names it does not know count by themselves (case and spacing ignored)."""
    size = policy.size if size is None else size
    ordered = rank(candidates, policy)
    count = len(ordered)
    per_agency: Counter[str] = Counter()
    holders: dict[str, list[str]] = {}  # per agency, the titles of its nominees so far
    per_category: Counter[str] = Counter()
    chosen = 0
    placements: list[Placement] = []
    for position, candidate in enumerate(ordered, start=1):
        registered = agency_of(candidate.agency) if agency_of else None
        agency = _agency_key(registered or candidate.agency)
        reason: Text
        if chosen >= size:
            reason = text("shortlist.outside", rank=position, count=count, size=size)
        elif policy.max_per_agency is not None and per_agency[agency] >= policy.max_per_agency:
            reason = text(
                "shortlist.agency_limit",
                rank=position,
                agency=registered or candidate.agency,
                max=policy.max_per_agency,
                holders=list(holders[agency]),
            )
        elif (
            policy.max_per_category is not None
            and per_category[candidate.category] >= policy.max_per_category
        ):
            reason = text(
                "shortlist.category_limit",
                rank=position,
                category=candidate.category,
                max=policy.max_per_category,
            )
        else:
            chosen += 1
            per_agency[agency] += 1
            holders.setdefault(agency, []).append(candidate.title or candidate.id)
            per_category[candidate.category] += 1
            placements.append(
                Placement(
                    id=candidate.id,
                    rank=position,
                    shortlisted=True,
                    reason=text("shortlist.selected", rank=position, count=count),
                )
            )
            continue
        placements.append(
            Placement(id=candidate.id, rank=position, shortlisted=False, reason=reason)
        )
    return placements
