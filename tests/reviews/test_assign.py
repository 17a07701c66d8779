"""Assignment: K reviewers per proposal, loads within one, no own agency or declared
conflict, the same seed giving the same assignment; refused with the reason exactly when no
such assignment exists."""

from __future__ import annotations

import itertools
import re
from collections import Counter

import pytest
from builders import said
from hypothesis import event, given, settings
from hypothesis import strategies as st
from review_builders import make_proposal, registry_matcher, reviewer

from kipp.assignment.assign import AssignmentError, assign
from kipp.core.i18n import Lang
from kipp.core.models import Proposal
from kipp.intake.panel import Reviewer
from kipp.reviews.models import Assignment

HINT = (
    "add reviewers from other agencies, lower --per-proposal, or drop conflicts that were "
    "declared by mistake"
)
AGENCIES = ["Dinas Kesehatan", "Dinas Pendidikan", "Kelurahan Jagalan"]
PROPOSALS = [make_proposal(f"p{i}", agency=a) for i, a in enumerate(AGENCIES * 2)]


# The same names with and without the batch's agency registry (review_builders.REGISTRY_YAML):
# with it, the health office's names and health centres are one institution, and so are the
# education office's names; without it, names are compared ignoring case and spacing.
REGISTRY_NAMES = {
    "Dinas Kesehatan Kota Mojokerto": "health",
    "UPT Puskesmas Kedundung": "health",
    "Dinkes": "health",
    "dinas  kesehatan": "health",
    "Dindikbud": "education",
    "Dinas Pendidikan": "education",
    "Kelurahan Jagalan": "Kelurahan Jagalan",  # not in the registry: compared by name
}


def institution(agency: str, registry: bool) -> str:
    return REGISTRY_NAMES[agency] if registry else " ".join(agency.lower().split())


def free_reviewers(proposal: Proposal, reviewers: list[Reviewer], registry: bool) -> list[int]:
    """The reviewers (by index) who may review `proposal`, worked out apart from the code."""
    return [
        j
        for j, r in enumerate(reviewers)
        if proposal.id not in r.conflicts
        and (
            r.agency is None
            or institution(r.agency, registry) != institution(proposal.agency, registry)
        )
    ]


def feasible(
    proposals: list[Proposal], reviewers: list[Reviewer], k: int, registry: bool = False
) -> bool:
    """Search: can every proposal get K of its free reviewers with loads within one? Loads
    within one of a total of n x K are L or L + 1 (L = nK // m), L + 1 for nK % m of them."""
    free = [free_reviewers(p, reviewers, registry) for p in proposals]
    m = len(reviewers)
    low, extra = divmod(len(proposals) * k, m)
    load = [0] * m

    def fits(i: int) -> bool:
        if any(x > low + 1 for x in load) or sum(x > low for x in load) > extra:
            return False
        # every reviewer must still reach L from the proposals left
        left = [sum(j in f for f in free[i:]) for j in range(m)]
        if any(load[j] + left[j] < low for j in range(m)):
            return False
        if i == len(proposals):
            return True
        for chosen in itertools.combinations(free[i], k):
            for j in chosen:
                load[j] += 1
            found = fits(i + 1)
            for j in chosen:
                load[j] -= 1
            if found:
                return True
        return False

    return fits(0)


@st.composite
def instances(draw: st.DrawFn) -> tuple[list[Proposal], list[Reviewer], int, bool]:
    registry = draw(st.booleans())
    names = sorted(REGISTRY_NAMES) if registry else AGENCIES
    n = draw(st.integers(1, 7))
    proposals = [make_proposal(f"p{i}", agency=draw(st.sampled_from(names))) for i in range(n)]
    m = draw(st.integers(1, 7))
    reviewers = []
    for j in range(m):
        agency = draw(st.sampled_from([None, *names]))
        conflicts = draw(st.lists(st.sampled_from([p.id for p in proposals]), max_size=3))
        reviewers.append(reviewer(f"r{j}", agency, conflicts))
    return proposals, reviewers, draw(st.integers(1, 3)), registry


@settings(max_examples=200, deadline=None)
@given(instances(), st.integers(0, 3))
def test_assign_meets_k_balance_and_conflicts_or_explains_when_infeasible(
    instance: tuple[list[Proposal], list[Reviewer], int, bool], seed: int
) -> None:
    proposals, reviewers, k, registry = instance
    agency_of = registry_matcher() if registry else None
    possible = feasible(proposals, reviewers, k, registry)
    event("feasible" if possible else "infeasible")
    if not possible:
        with pytest.raises(AssignmentError) as caught:
            assign(proposals, reviewers, k, seed, agency_of)
        message = said(caught.value.message)
        short = [p for p in proposals if len(free_reviewers(p, reviewers, registry)) < k]
        event("short of reviewers" if short else "loads cannot balance")
        if short:
            # every proposal short of eligible reviewers is named, with its count, and only those
            assert re.findall(r"proposal '([^']+)' \(.*?\) has (\d+) eligible", message) == [
                (p.id, str(len(free_reviewers(p, reviewers, registry)))) for p in short
            ]
            assert message.startswith("cannot assign reviewers: proposal ")
        else:
            total = len(proposals) * k
            assert message.startswith(
                f"cannot balance the loads: {len(proposals)} proposals x {k} = {total} reviews "
                f"over {len(reviewers)} reviewers means "
            )
        assert said(caught.value.hint) == HINT
        return
    result = assign(proposals, reviewers, k, seed, agency_of)
    per_proposal = Counter(a.proposal for a in result)
    assert per_proposal == dict.fromkeys((p.id for p in proposals), k)
    assert len(set(result)) == len(result)  # nobody twice on one proposal
    loads = Counter({r.id: 0 for r in reviewers})
    loads.update(a.reviewer for a in result)
    assert max(loads.values()) - min(loads.values()) <= 1
    by_id = {p.id: p for p in proposals}
    index = {r.id: j for j, r in enumerate(reviewers)}
    assert all(
        index[a.reviewer] in free_reviewers(by_id[a.proposal], reviewers, registry) for a in result
    )


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
    assert said(caught.value.message) == (
        "cannot assign reviewers: proposal 'p0' (Dinas Kesehatan) has 1 eligible reviewer "
        "of 3 (1 work at Dinas Kesehatan, 1 declared a conflict); 2 needed"
    )
    assert said(caught.value.hint) == HINT
    assert said(caught.value.message, Lang.ID) == (
        "tidak dapat menugaskan juri: proposal 'p0' (Dinas Kesehatan) hanya memiliki 1 juri "
        "yang boleh menilai dari 3 (1 bekerja di Dinas Kesehatan, 1 menyatakan konflik "
        "kepentingan); perlu 2"
    )
    assert said(caught.value.hint, Lang.ID) == (
        "tambahkan juri dari instansi lain, kurangi --per-proposal, atau hapus konflik yang "
        "keliru dinyatakan"
    )


def test_assign_explains_loads_that_cannot_be_balanced() -> None:
    # four proposals of one agency, one reviewer of that agency: the others take 2 each and
    # the fourth reviewer nothing
    proposals = [make_proposal(f"q{i}") for i in range(4)]
    panel = [reviewer("a"), reviewer("b"), reviewer("dinkes", "Dinas Kesehatan")]
    with pytest.raises(AssignmentError) as caught:
        assign(proposals, panel, 1)
    assert said(caught.value.message) == (
        "cannot balance the loads: 4 proposals x 1 = 4 reviews over 3 reviewers means 1 to 2 "
        "each, but reviewer 'dinkes' may review only 0 of the proposals (own agency or "
        "declared conflicts)"
    )
    assert said(caught.value.message, Lang.ID) == (
        "beban tidak dapat diseimbangkan: 4 proposal x 1 = 4 penilaian oleh 3 juri berarti "
        "masing-masing 1 sampai 2, tetapi juri 'dinkes' hanya boleh menilai 0 proposal "
        "(instansi sendiri atau konflik yang dinyatakan)"
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
    assert said(caught.value.message) == (
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
