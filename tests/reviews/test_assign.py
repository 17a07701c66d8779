"""Assignment: K reviewers per proposal, loads within one, no own agency or declared
conflict, the same seed giving the same assignment; refused with the reason exactly when no
such assignment exists."""

from __future__ import annotations

import itertools
from collections import Counter

import pytest
from hypothesis import event, given, settings
from hypothesis import strategies as st
from review_builders import make_proposal, registry_matcher, reviewer

from kipp.models import Proposal
from kipp.reviews.assign import AssignmentError, allowed, assign
from kipp.reviews.models import Assignment
from kipp.reviews.panel import Reviewer

AGENCIES = ["Dinas Kesehatan", "Dinas Pendidikan", "Kelurahan Jagalan"]
PROPOSALS = [make_proposal(f"p{i}", agency=a) for i, a in enumerate(AGENCIES * 2)]


def feasible(proposals: list[Proposal], reviewers: list[Reviewer], k: int) -> bool:
    """Brute force: does any choice of K allowed reviewers per proposal balance the loads?"""
    options = []
    for p in proposals:
        free = [r.id for r in reviewers if allowed(r, p)]
        options.append(list(itertools.combinations(free, k)))
    for choice in itertools.product(*options):
        loads: Counter[str] = Counter()
        for picked in choice:
            loads.update(picked)
        counts = [loads[r.id] for r in reviewers]
        if max(counts) - min(counts) <= 1:
            return True
    return False


@st.composite
def instances(draw: st.DrawFn) -> tuple[list[Proposal], list[Reviewer], int]:
    n = draw(st.integers(1, 4))
    proposals = [make_proposal(f"p{i}", agency=draw(st.sampled_from(AGENCIES))) for i in range(n)]
    m = draw(st.integers(1, 5))
    reviewers = []
    for j in range(m):
        agency = draw(st.sampled_from([None, *AGENCIES]))
        conflicts = draw(st.lists(st.sampled_from([p.id for p in proposals]), max_size=2))
        reviewers.append(reviewer(f"r{j}", agency, conflicts))
    return proposals, reviewers, draw(st.integers(1, 3))


@settings(max_examples=150, deadline=None)
@given(instances(), st.integers(0, 3))
def test_assign_meets_k_balance_and_conflicts_or_explains_when_infeasible(
    instance: tuple[list[Proposal], list[Reviewer], int], seed: int
) -> None:
    proposals, reviewers, k = instance
    possible = feasible(proposals, reviewers, k)
    event("feasible" if possible else "infeasible")
    if not possible:
        with pytest.raises(AssignmentError) as caught:
            assign(proposals, reviewers, k, seed)
        assert caught.value.message.startswith("cannot ")
        assert caught.value.hint is not None
        return
    result = assign(proposals, reviewers, k, seed)
    per_proposal = Counter(a.proposal for a in result)
    assert per_proposal == dict.fromkeys((p.id for p in proposals), k)
    assert len(set(result)) == len(result)  # nobody twice on one proposal
    loads = Counter({r.id: 0 for r in reviewers})
    loads.update(a.reviewer for a in result)
    assert max(loads.values()) - min(loads.values()) <= 1
    by_id = {p.id: p for p in proposals}
    panel = {r.id: r for r in reviewers}
    assert all(allowed(panel[a.reviewer], by_id[a.proposal]) for a in result)


def test_assign_is_the_same_for_the_same_seed() -> None:
    panel = [reviewer(f"r{j}") for j in range(5)]
    first = assign(PROPOSALS, panel, 2, seed=7)
    assert assign(PROPOSALS, panel, 2, seed=7) == first
    assert len(first) == 12


def test_assign_never_gives_a_reviewer_their_own_agency() -> None:
    panel = [reviewer("dinkes", "dinas kesehatan"), reviewer("a"), reviewer("b"), reviewer("c")]
    result = assign(PROPOSALS, panel, 2, seed=1)
    mine = [a.proposal for a in result if a.reviewer == "dinkes"]
    assert mine and all(not p.startswith(("p0", "p3")) for p in mine)


def test_assign_explains_which_proposal_lacks_eligible_reviewers() -> None:
    panel = [
        reviewer("a", "Dinas Kesehatan"),
        reviewer("b", conflicts=["p0"]),
        reviewer("c"),
    ]
    with pytest.raises(AssignmentError) as caught:
        assign(PROPOSALS[:2], panel, 2)
    assert caught.value.message == (
        "cannot assign reviewers: proposal 'p0' (Dinas Kesehatan) has 1 eligible reviewer "
        "of 3 (1 work at Dinas Kesehatan, 1 declared a conflict); 2 needed"
    )
    assert caught.value.hint == (
        "add reviewers from other agencies, lower --per-proposal, or drop conflicts that were "
        "declared by mistake"
    )


def test_assign_explains_loads_that_cannot_be_balanced() -> None:
    # four proposals of one agency, one reviewer of that agency: the others take 2 each and
    # the fourth reviewer nothing
    proposals = [make_proposal(f"q{i}") for i in range(4)]
    panel = [reviewer("a"), reviewer("b"), reviewer("dinkes", "Dinas Kesehatan")]
    with pytest.raises(AssignmentError) as caught:
        assign(proposals, panel, 1)
    assert caught.value.message == (
        "cannot balance the loads: 4 proposals x 1 = 4 reviews over 3 reviewers means 1 to 2 "
        "each, but reviewer 'dinkes' may review only 0 of the proposals (own agency or "
        "declared conflicts)"
    )


def test_assign_of_no_proposal_is_empty() -> None:
    assert assign([], [reviewer("a")], 3) == []


def test_assignments_sorted_by_reviewer_then_proposal() -> None:
    result = assign(PROPOSALS[:3], [reviewer("b"), reviewer("a")], 1, seed=3)
    assert result == sorted(result, key=lambda a: (a.reviewer, a.proposal))
    assert all(isinstance(a, Assignment) for a in result)


HEALTH = [
    make_proposal("h1", agency="Dinas Kesehatan Kota Mojokerto"),
    make_proposal("h2", agency="UPT Puskesmas Kedundung"),
    make_proposal("h3", agency="Dinkes"),
]


@pytest.mark.parametrize("seed", range(6))
def test_assign_never_gives_a_reviewer_their_agency_under_another_name(seed: int) -> None:
    proposals = [*HEALTH, make_proposal("e1", agency="Dindikbud")]
    panel = [reviewer("dinkes", "Dinas Kesehatan"), reviewer("a"), reviewer("b"), reviewer("c")]
    result = assign(proposals, panel, 1, seed, registry_matcher())
    assert [a.proposal for a in result if a.reviewer == "dinkes"] == ["e1"]


def test_assign_counts_registry_names_as_the_reviewers_agency_when_explaining() -> None:
    panel = [reviewer("dinkes", "Dinas Kesehatan"), reviewer("a"), reviewer("b")]
    with pytest.raises(AssignmentError) as caught:
        assign(HEALTH[:1], panel, 3, agency_of=registry_matcher())
    assert caught.value.message == (
        "cannot assign reviewers: proposal 'h1' (Dinas Kesehatan Kota Mojokerto) has 2 "
        "eligible reviewers of 3 (1 work at Dinas Kesehatan Kota Mojokerto); 3 needed"
    )


def test_assign_never_repeats_a_reviewer_and_proposal_pair() -> None:
    # the same proposal (and reviewer) given twice is assigned once, K reviewers apart
    proposals = [PROPOSALS[0], PROPOSALS[0], PROPOSALS[1]]
    panel = [reviewer("a"), reviewer("b"), reviewer("c"), reviewer("a")]
    for seed in range(8):
        result = assign(proposals, panel, 2, seed)
        pairs = [(a.reviewer, a.proposal) for a in result]
        assert len(pairs) == len(set(pairs))
        assert Counter(a.proposal for a in result) == {"p0": 2, "p1": 2}
