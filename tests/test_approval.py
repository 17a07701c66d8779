"""The coordinator's decision applied to a shortlist: moves change sides, ranks stay."""

from __future__ import annotations

import pytest

from kipp.approval import (
    ApprovalError,
    Decision,
    Direction,
    Move,
    apply_decision,
    shortlisted_by_ranking,
)
from kipp.assessment import Assessment
from kipp.i18n import Lang, render, text
from kipp.intake.messages import in_indonesian, is_translated
from kipp.shortlist import Placement


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
    assert caught.value.message == message
    _said_in_indonesian_too(caught.value)


def test_a_proposal_moved_twice_is_refused() -> None:
    move = Move(proposal_id="c", direction=Direction.IN, reason="x")
    with pytest.raises(ApprovalError) as caught:
        apply_decision(_placements(), Decision(decided_by="Rina", moves=[move, move]))
    assert caught.value.message == "approval: proposal 'c' is moved more than once"
    _said_in_indonesian_too(caught.value)


def _said_in_indonesian_too(error: ApprovalError) -> None:
    """The refusal is shown above the proposed shortlist in the run's language."""
    for said in (error.message, error.hint or ""):
        assert is_translated(said), said
        assert in_indonesian(said).startswith(
            ("persetujuan: ", "pindahkan", "berikan", "masukkan", "tuliskan")
        )
