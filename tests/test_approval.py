"""The coordinator's decision applied to a shortlist: moves change sides, ranks stay."""

from __future__ import annotations

import pytest
from builders import said

from kipp.core.i18n import Lang, render, text
from kipp.results.assessment import Assessment
from kipp.scoring import Scorecard
from kipp.shortlist.approval import (
    ApprovalError,
    Decision,
    Direction,
    Move,
    apply_decision,
    check_unchanged,
    proposal_digest,
    shortlisted_by_ranking,
)
from kipp.shortlist.ranking import Placement


def _placements() -> dict[str, Placement]:
    ranked = [("a", True), ("b", True), ("c", False), ("d", False)]
    return {
        pid: Placement(
            id=pid,
            rank=rank,
            shortlisted=chosen,
            reason=text("shortlist.selected", rank=rank, count=4),
        )
        for rank, (pid, chosen) in enumerate(ranked, start=1)
    }


def test_decision_without_moves_leaves_the_shortlist_as_ranked() -> None:
    placements = _placements()
    decision = Decision(decided_by="Rina", note="ok")
    assert decision.approved_as_ranked
    assert apply_decision(placements, decision) == placements


def test_moves_leave_the_side_the_ranking_chose_readable() -> None:
    decision = Decision(
        decided_by="Rina",
        moves=[
            Move(proposal_id="d", direction=Direction.IN, reason="strong local demand"),
            Move(proposal_id="b", direction=Direction.OUT, reason="pilot ended"),
        ],
    )
    after = apply_decision(_placements(), decision)
    assert {pid: shortlisted_by_ranking(p) for pid, p in after.items()} == {
        "a": True,
        "b": True,
        "c": False,
        "d": False,
    }
    assessed = Assessment(gates={}, novelty={}, scorecards={}, placements=after)
    assert assessed.cutoff_rank == 2  # the ranking's cut-off, not rank 4 moved in


def test_moves_change_sides_and_name_who_and_why() -> None:
    decision = Decision(
        decided_by="Rina",
        moves=[
            Move(proposal_id="c", direction=Direction.IN, reason="strong local demand"),
            Move(proposal_id="b", direction=Direction.OUT, reason="pilot ended"),
        ],
    )
    after = apply_decision(_placements(), decision)
    assert {p.id: p.shortlisted for p in after.values()} == {
        "a": True,
        "b": False,
        "c": True,
        "d": False,
    }
    assert [p.rank for p in after.values()] == [1, 2, 3, 4]
    assert render(after["c"].reason, Lang.EN) == (
        "Moved into the shortlist by Rina (ranked 3 of 4): strong local demand"
    )
    assert render(after["b"].reason, Lang.ID) == (
        "Dikeluarkan dari daftar pendek oleh Rina (peringkat 2 dari 4): pilot ended"
    )


@pytest.mark.parametrize(
    ("move", "message"),
    [
        (
            Move(proposal_id="zz", direction=Direction.IN, reason="x"),
            "approval: proposal 'zz' is not among the scored proposals",
        ),
        (
            Move(proposal_id="a", direction=Direction.IN, reason="x"),
            "approval: proposal 'a' is already in the shortlist",
        ),
        (
            Move(proposal_id="d", direction=Direction.OUT, reason="x"),
            "approval: proposal 'd' is already out of the shortlist",
        ),
        (
            Move(proposal_id="d", direction=Direction.IN, reason="  "),
            "approval: moving proposal 'd' needs a reason",
        ),
    ],
)
def test_a_move_that_cannot_apply_is_refused_with_its_reason(move: Move, message: str) -> None:
    with pytest.raises(ApprovalError) as caught:
        apply_decision(_placements(), Decision(decided_by="Rina", moves=[move]))
    assert said(caught.value.message) == message
    _said_in_indonesian_too(caught.value)


def test_a_proposal_moved_twice_is_refused() -> None:
    move = Move(proposal_id="c", direction=Direction.IN, reason="x")
    with pytest.raises(ApprovalError) as caught:
        apply_decision(_placements(), Decision(decided_by="Rina", moves=[move, move]))
    assert said(caught.value.message) == "approval: proposal 'c' is moved more than once"
    _said_in_indonesian_too(caught.value)


def _scorecards(totals: dict[str, float]) -> dict[str, Scorecard]:
    return {
        pid: Scorecard(criteria=[], total=total, scored_weight=1.0) for pid, total in totals.items()
    }


TOTALS = {"a": 80.0, "b": 75.5, "c": 70.0, "d": 61.25}


def test_the_proposal_digest_ignores_the_order_of_the_proposals() -> None:
    placements, cards = _placements(), _scorecards(TOTALS)
    reversed_placements = dict(reversed(list(placements.items())))
    reversed_cards = dict(reversed(list(cards.items())))
    assert proposal_digest(placements, cards) == proposal_digest(
        reversed_placements, reversed_cards
    )


def test_the_proposal_digest_changes_with_a_total_a_side_or_a_withdrawn_proposal() -> None:
    placements, cards = _placements(), _scorecards(TOTALS)
    shown = proposal_digest(placements, cards)
    other_total = _scorecards({**TOTALS, "c": 70.01})
    other_side = {**placements, "c": placements["c"].model_copy(update={"shortlisted": True})}
    withdrawn = {pid: p for pid, p in placements.items() if pid != "a"}
    assert proposal_digest(placements, other_total) != shown
    assert proposal_digest(other_side, cards) != shown
    assert proposal_digest(withdrawn, cards) != shown


def test_a_decision_given_on_the_shortlist_now_proposed_or_unrecorded_applies() -> None:
    shown = proposal_digest(_placements(), _scorecards(TOTALS))
    check_unchanged(shown, shown)
    check_unchanged(None, shown)  # a form asked before kipp recorded what it showed


def test_a_decision_given_on_another_shortlist_is_refused_with_the_reason() -> None:
    before = proposal_digest(_placements(), _scorecards(TOTALS))
    now = proposal_digest(_placements(), _scorecards({**TOTALS, "b": 60.0}))
    with pytest.raises(ApprovalError) as caught:
        check_unchanged(before, now)
    assert said(caught.value.message) == (
        "approval: the scores changed while the run was paused (a proposal, a review or the "
        "agency registry was edited), so the decision was given on another shortlist than the "
        "one now proposed"
    )
    assert said(caught.value.hint) == "read the proposed shortlist again and decide on it"
    _said_in_indonesian_too(caught.value)


def _said_in_indonesian_too(error: ApprovalError) -> None:
    """The refusal is shown above the proposed shortlist in the run's language."""
    assert said(error.message, Lang.ID).startswith("persetujuan: ")
    assert said(error.hint, Lang.ID).startswith(
        ("pindahkan", "cukup", "masukkan", "tuliskan", "baca")
    )
