"""Who reviews what: every eligible proposal gets K reviewers, loads differ by at most one,
nobody reviews their own agency's proposals or a declared conflict; the same seed gives the
same assignment.

Solved exactly as a flow with lower bounds (proposal -> reviewer edges of capacity 1 where
allowed; every proposal needs exactly K; every reviewer takes L or L+1, where L = nK // m),
so an assignment is refused exactly when none exists, and the refusal says why.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TypeVar

import numpy as np
from scipy.sparse import csr_matrix
from scipy.sparse.csgraph import maximum_flow

from kipp.core.i18n import Param, Text, text
from kipp.core.models import Proposal
from kipp.core.problems import KippError
from kipp.intake.panel import Reviewer
from kipp.intake.registry import AgencyOf
from kipp.reviews.models import Assignment

_Identified = TypeVar("_Identified", Proposal, Reviewer)


class AssignmentError(KippError):
    """No assignment meets the rules; the message names the proposals or reviewers at fault."""

    def __init__(self, message: Text) -> None:
        super().__init__(message, text("assign.hint"))


def allowed(reviewer: Reviewer, proposal: Proposal, agency_of: AgencyOf | None = None) -> bool:
    """True when `reviewer` may review `proposal` (not their agency, read through the agency
    registry `agency_of` when given; no declared conflict)."""
    return reviewer.conflicted(proposal, agency_of) is None


def loads(count: int, reviewers: int, per_proposal: int) -> tuple[int, int]:
    """The lowest and highest load of a balanced assignment."""
    low, extra = divmod(count * per_proposal, reviewers)
    return low, low + (1 if extra else 0)


def assign(
    proposals: Sequence[Proposal],
    reviewers: Sequence[Reviewer],
    per_proposal: int,
    seed: int = 0,
    agency_of: AgencyOf | None = None,
) -> list[Assignment]:
    """Assignments sorted by reviewer then proposal, each reviewer and proposal pair at most
    once; `AssignmentError` when impossible. `agency_of` is the batch's agency registry
    (`kipp.intake.registry.registry_matcher`): with it a reviewer never gets a proposal of their
    agency under another of its names or from one of its units. A proposal or reviewer id
    given twice is taken once."""
    if per_proposal < 1:
        raise AssignmentError(text("assign.per_proposal", count=per_proposal))
    proposals = _once(proposals)
    reviewers = _once(reviewers)
    if not proposals:
        return []
    _check_enough(proposals, reviewers, per_proposal, agency_of)
    free = [[allowed(r, p, agency_of) for r in reviewers] for p in proposals]
    rng = np.random.default_rng(seed)
    p_perm = rng.permutation(len(proposals))
    r_perm = rng.permutation(len(reviewers))
    allowed_pairs = [[free[i][j] for j in r_perm] for i in p_perm]
    pairs = _solve(len(proposals), len(reviewers), allowed_pairs, per_proposal)
    if pairs is None:
        raise AssignmentError(_balance_reason(proposals, reviewers, per_proposal, free))
    found = {
        Assignment(reviewer=reviewers[r_perm[j]].id, proposal=proposals[p_perm[i]].id)
        for i, j in pairs
    }
    return sorted(found, key=lambda a: (a.reviewer, a.proposal))


def _once(items: Sequence[_Identified]) -> list[_Identified]:
    """`items` without repeated ids, the first of each kept, in order."""
    unique: dict[str, _Identified] = {}
    for item in items:
        unique.setdefault(item.id, item)
    return list(unique.values())


def _check_enough(
    proposals: Sequence[Proposal],
    reviewers: Sequence[Reviewer],
    per_proposal: int,
    agency_of: AgencyOf | None,
) -> None:
    short: list[Text] = []
    for p in proposals:
        reasons = [r.conflicted(p, agency_of) for r in reviewers]
        free = reasons.count(None)
        if free < per_proposal:
            why = []
            if reasons.count("agency"):
                why.append(
                    text("assign.why.agency", count=reasons.count("agency"), agency=p.agency)
                )
            if reasons.count("declared"):
                why.append(text("assign.why.declared", count=reasons.count("declared")))
            counts: dict[str, Param] = {
                "free": str(free),
                "reviewers": len(reviewers),
                "needed": per_proposal,
            }
            short.append(
                text("assign.short.item_why", id=p.id, agency=p.agency, why=why, **counts)
                if why
                else text("assign.short.item", id=p.id, agency=p.agency, **counts)
            )
    if short:
        raise AssignmentError(text("assign.short", items=short))


def _balance_reason(
    proposals: Sequence[Proposal],
    reviewers: Sequence[Reviewer],
    per_proposal: int,
    free: list[list[bool]],
) -> Text:
    low, high = loads(len(proposals), len(reviewers), per_proposal)
    figures = {
        "proposals": len(proposals),
        "per_proposal": per_proposal,
        "total": len(proposals) * per_proposal,
        "reviewers": len(reviewers),
        "low": low,
        "high": high,
    }
    narrow = []
    for j, r in enumerate(reviewers):
        count = sum(row[j] for row in free)
        if count < low:
            narrow.append(text("assign.narrow.item", id=r.id, count=count))
    if narrow:
        return text("assign.balance.narrow", narrow=narrow, **figures)
    return text("assign.balance.none", **figures)


def _solve(
    n: int, m: int, free: list[list[bool]], per_proposal: int
) -> list[tuple[int, int]] | None:
    """Pairs (proposal index, reviewer index) where `free[i][j]` allows them, or None."""
    low, high = loads(n, m, per_proposal)
    # nodes: 0 super source, 1 source, 2 sink, 3 super sink, proposals, reviewers
    s_super, source, sink, t_super = 0, 1, 2, 3
    first_p, first_r = 4, 4 + n
    rows: list[int] = []
    cols: list[int] = []
    caps: list[int] = []

    def edge(u: int, v: int, cap: int) -> None:
        if cap > 0:
            rows.append(u)
            cols.append(v)
            caps.append(cap)

    total = n * per_proposal
    for i in range(n):
        edge(s_super, first_p + i, per_proposal)  # lower bound K on source -> proposal
        for j in range(m):
            if free[i][j]:
                edge(first_p + i, first_r + j, 1)
    for j in range(m):
        edge(first_r + j, sink, high - low)
        edge(first_r + j, t_super, low)  # lower bound L on reviewer -> sink
    edge(source, t_super, total)
    edge(s_super, sink, m * low)
    edge(sink, source, total + m * low + 1)
    size = first_r + m
    graph = csr_matrix(
        (np.array(caps, dtype=np.int32), (np.array(rows), np.array(cols))), shape=(size, size)
    )
    result = maximum_flow(graph, s_super, t_super, method="dinic")
    if result.flow_value != total + m * low:
        return None
    flow = result.flow.tocoo()
    pairs = []
    for u, v, f in zip(flow.row, flow.col, flow.data, strict=True):
        if f > 0 and first_p <= u < first_r and v >= first_r:
            pairs.append((int(u) - first_p, int(v) - first_r))
    return pairs
