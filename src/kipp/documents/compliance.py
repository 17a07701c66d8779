""" "One Agency, One Innovation": how many proposals each agency of the registry sent, and how
far they went (submitted, valid, eligible, shortlisted); the agencies that proposed nothing;
the proposals whose agency the registry does not know or that name none. Counts a run's
results through the registry's `Matcher`, so an agency is found under any of its names."""

from __future__ import annotations

from collections.abc import Iterable

from pydantic import BaseModel, ConfigDict

from kipp.intake.registry import Matcher, Registry
from kipp.results import ProposalOut, ProposalStatus


class AgencyCount(BaseModel):
    """One agency's proposals in a run, by how far they went."""

    model_config = ConfigDict(frozen=True)

    agency: str
    submitted: int
    valid: int
    eligible: int
    shortlisted: int
    names: list[str]


class Compliance(BaseModel):
    """Every registry agency with its counts (registry order), those with no proposal, the
    proposals whose agency the registry does not know, and those that name none, counted by
    stage in `no_agency` (whose `agency` is "")."""

    model_config = ConfigDict(frozen=True)

    region: str
    path: str
    agencies: list[AgencyCount]
    without: list[str]
    unknown: list[AgencyCount]
    no_agency: AgencyCount


def _count(agency: str, proposals: list[ProposalOut]) -> AgencyCount:
    def number(*statuses: ProposalStatus) -> int:
        return sum(p.status in statuses for p in proposals)

    return AgencyCount(
        agency=agency,
        submitted=len(proposals),
        valid=number(ProposalStatus.SHORTLISTED, ProposalStatus.SCORED, ProposalStatus.INELIGIBLE),
        eligible=number(ProposalStatus.SHORTLISTED, ProposalStatus.SCORED),
        shortlisted=number(ProposalStatus.SHORTLISTED),
        names=sorted({p.agency for p in proposals if p.agency}),
    )


def compliance(registry: Registry, path: str, proposals: Iterable[ProposalOut]) -> Compliance:
    """Count `proposals` per registry agency. Invalid proposals count as submitted (an agency
    that sent a broken file did take part); proposals naming no agency are only counted."""
    matcher = Matcher(registry)
    by_agency: dict[str, list[ProposalOut]] = {a.name: [] for a in registry.agencies}
    unknown: dict[str, list[ProposalOut]] = {}
    unnamed: list[ProposalOut] = []
    for p in proposals:
        if not p.agency or not p.agency.strip():
            unnamed.append(p)
            continue
        matched = matcher.match(p.agency)
        if matched is None:
            unknown.setdefault(" ".join(p.agency.split()), []).append(p)
        else:
            by_agency[matched].append(p)
    counts = [_count(name, found) for name, found in by_agency.items()]
    return Compliance(
        region=registry.region,
        path=path,
        agencies=counts,
        without=[c.agency for c in counts if c.submitted == 0],
        unknown=[_count(name, found) for name, found in sorted(unknown.items())],
        no_agency=_count("", unnamed),
    )
