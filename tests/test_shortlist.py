"""Ranking, tie-breaks and quotas."""

from __future__ import annotations

from datetime import date

from kipp.core.i18n import Lang, render
from kipp.rubric import ShortlistPolicy
from kipp.shortlist.ranking import Candidate, build_shortlist

POLICY = ShortlistPolicy(size=2, tie_breaks=["significance", "novelty", "started_on"])


def cand(
    cid: str,
    total: float,
    significance: int = 3,
    novelty: int = 3,
    started: date = date(2019, 1, 1),
    agency: str | None = None,
    category: str = "tpb",
    novelty_score: float = 0.5,
) -> Candidate:
    return Candidate(
        id=cid,
        agency=agency or f"Dinas {cid}",
        category=category,
        started_on=started,
        total=total,
        levels={"significance": significance, "novelty": novelty},
        scores={"significance": 0.5, "novelty": novelty_score},
    )


def order(
    candidates: list[Candidate], policy: ShortlistPolicy = POLICY
) -> list[tuple[str, int, bool]]:
    return [(p.id, p.rank, p.shortlisted) for p in build_shortlist(candidates, policy)]


def test_higher_total_ranks_first() -> None:
    assert order([cand("a", 50), cand("b", 70), cand("c", 60)]) == [
        ("b", 1, True),
        ("c", 2, True),
        ("a", 3, False),
    ]


def test_tie_on_total_broken_by_first_tie_break_criterion_level() -> None:
    assert order([cand("a", 60, significance=3), cand("b", 60, significance=4)]) == [
        ("b", 1, True),
        ("a", 2, True),
    ]


def test_tie_on_level_broken_by_the_criterion_score() -> None:
    assert order([cand("a", 60, novelty_score=0.61), cand("b", 60, novelty_score=0.72)]) == [
        ("b", 1, True),
        ("a", 2, True),
    ]


def test_tie_broken_by_started_on_longer_in_operation_first() -> None:
    candidates = [cand("a", 60, started=date(2019, 5, 1)), cand("b", 60, started=date(2018, 1, 1))]
    assert order(candidates) == [("b", 1, True), ("a", 2, True)]


def test_complete_tie_broken_by_id() -> None:
    assert order([cand("zeta", 60), cand("alpha", 60)]) == [("alpha", 1, True), ("zeta", 2, True)]


def test_tie_break_order_follows_the_rubric() -> None:
    # significance decides before novelty
    a = cand("a", 60, significance=4, novelty=2)
    b = cand("b", 60, significance=3, novelty=5)
    assert order([a, b]) == [("a", 1, True), ("b", 2, True)]
    reversed_policy = ShortlistPolicy(size=2, tie_breaks=["novelty", "significance"])
    assert order([a, b], reversed_policy) == [("b", 1, True), ("a", 2, True)]


def test_agency_limit_skips_to_the_next_candidate_and_says_why() -> None:
    policy = ShortlistPolicy(size=2, max_per_agency=1)
    candidates = [
        cand("a", 90, agency="Dinas Kesehatan"),
        cand("b", 80, agency="dinas kesehatan"),
        cand("c", 70),
    ]
    placements = build_shortlist(candidates, policy)
    assert [(p.id, p.rank, p.shortlisted) for p in placements] == [
        ("a", 1, True),
        ("b", 2, False),
        ("c", 3, True),
    ]
    assert render(placements[1].reason, Lang.EN) == (
        "Ranked 2; dinas kesehatan already has 1 nominee(s), namely a, the limit on nominees "
        "per agency."
    )
    assert render(placements[1].reason, Lang.ID) == (
        "Peringkat 2; dinas kesehatan sudah memiliki 1 nominasi, yaitu a, sebanyak batas "
        "nominasi per instansi."
    )
    assert render(placements[2].reason, Lang.ID) == "Masuk daftar pendek: peringkat 3 dari 3."


def test_category_limit() -> None:
    policy = ShortlistPolicy(size=2, max_per_category=1)
    candidates = [cand("a", 90), cand("b", 80), cand("c", 70, category="inklusif")]
    placements = build_shortlist(candidates, policy)
    assert [(p.id, p.shortlisted) for p in placements] == [("a", True), ("b", False), ("c", True)]
    assert render(placements[1].reason, Lang.EN) == (
        "Ranked 2; category tpb already has 1 nominee(s) (the limit)."
    )


def test_outside_the_shortlist_reason_names_rank_and_size() -> None:
    placements = build_shortlist([cand("a", 90), cand("b", 80), cand("c", 70)], POLICY)
    assert render(placements[2].reason, Lang.EN) == "Ranked 3 of 3; the shortlist holds 2."


def test_size_override() -> None:
    placements = build_shortlist([cand("a", 90), cand("b", 80), cand("c", 70)], POLICY, size=1)
    assert [p.shortlisted for p in placements] == [True, False, False]


def test_tie_on_level_broken_by_the_reviewers_unrounded_value_before_the_score() -> None:
    a = cand("a", 60, novelty_score=0.9).model_copy(update={"values": {"significance": 3.2}})
    b = cand("b", 60, novelty_score=0.1).model_copy(update={"values": {"significance": 3.4}})
    assert order([a, b]) == [("b", 1, True), ("a", 2, True)]


def test_agency_limit_counts_an_agencys_names_and_units_as_one_through_the_registry() -> None:
    registry = {
        "Dinas Kesehatan": "Dinas Kesehatan, P2KB",
        "Dinas Kesehatan, Pengendalian Penduduk dan KB": "Dinas Kesehatan, P2KB",
        "UPT Puskesmas Kedundung": "Dinas Kesehatan, P2KB",
    }
    policy = ShortlistPolicy(size=3, max_per_agency=1)
    candidates = [
        cand("a", 90, agency="Dinas Kesehatan"),
        cand("b", 85, agency="Dinas Kesehatan, Pengendalian Penduduk dan KB"),
        cand("c", 80, agency="UPT Puskesmas Kedundung"),
        cand("d", 70, agency="Dinas Pendidikan"),  # not in the registry: counts by its name
        cand("e", 60, agency="dinas pendidikan"),
        cand("f", 50, agency="Kelurahan Jagalan"),
    ]
    placements = build_shortlist(candidates, policy, agency_of=registry.get)
    assert [p.id for p in placements if p.shortlisted] == ["a", "d", "f"]
    reasons = {p.id: render(p.reason, Lang.EN) for p in placements}
    assert reasons["b"] == (
        "Ranked 2; Dinas Kesehatan, P2KB already has 1 nominee(s), namely a, the limit on nominees "
        "per agency."
    )
    assert reasons["c"].startswith("Ranked 3; Dinas Kesehatan, P2KB already has 1")
    assert reasons["e"] == (
        "Ranked 5; dinas pendidikan already has 1 nominee(s), namely d, the limit on nominees "
        "per agency."
    )


def test_agency_limit_names_the_titles_of_the_nominations_that_hold_the_places() -> None:
    policy = ShortlistPolicy(size=3, max_per_agency=2)
    candidates = [
        cand("a", 90, agency="Dinas Kesehatan").model_copy(update={"title": "Gayatri"}),
        cand("b", 85, agency="Dinas Kesehatan").model_copy(update={"title": "Si Mapan"}),
        cand("c", 80, agency="Dinas Kesehatan").model_copy(update={"title": "E-Resep"}),
    ]
    reasons = [render(p.reason, Lang.ID) for p in build_shortlist(candidates, policy)]
    assert reasons[2] == (
        "Peringkat 3; Dinas Kesehatan sudah memiliki 2 nominasi, yaitu Gayatri; Si Mapan, "
        "sebanyak batas nominasi per instansi."
    )
