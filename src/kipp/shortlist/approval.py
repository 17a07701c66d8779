"""The coordinator's decision on a shortlist: approve it as ranked, or move proposals in or
out, each with a reason. Pure: placements in, placements out; who decided and why travel with
the decision into the results."""

from __future__ import annotations

from enum import StrEnum

from pydantic import BaseModel, ConfigDict, Field

from kipp.core.caching import digest, models_digest
from kipp.core.i18n import text
from kipp.core.problems import KippError
from kipp.scoring import Scorecard
from kipp.shortlist.ranking import Placement


class Direction(StrEnum):
    """Which way a coordinator moves a proposal."""

    IN = "in"
    OUT = "out"


class Move(BaseModel):
    """One proposal moved into or out of the shortlist, and why."""

    model_config = ConfigDict(frozen=True)

    proposal_id: str = Field(description="The proposal's id, as in results.json / scores.csv")
    direction: Direction = Field(description="in: add to the shortlist; out: remove from it")
    reason: str = Field(min_length=1, description="Why (recorded in the documents)")


class Decision(BaseModel):
    """A coordinator's decision: no moves means the shortlist is approved as ranked."""

    model_config = ConfigDict(frozen=True)

    decided_by: str = Field(min_length=1)
    note: str = ""
    moves: list[Move] = Field(default_factory=list)
    decided_at: str = ""

    @property
    def approved_as_ranked(self) -> bool:
        """True when the coordinator moved nothing."""
        return not self.moves


MOVED_IN = "approval.moved_in"
MOVED_OUT = "approval.moved_out"


def shortlisted_by_ranking(placement: Placement) -> bool:
    """Whether the ranking (scores, quotas, tie-breaks) put the proposal on the shortlist,
    before any coordinator's move: the side the rank cut-off and the rank noise are read
    against."""
    moved = placement.reason.key in (MOVED_IN, MOVED_OUT)
    return placement.shortlisted != moved


class ApprovalError(KippError):
    """A decision that cannot apply to this shortlist (unknown id, a move that changes
    nothing, a proposal moved twice)."""


def check_decision(placements: dict[str, Placement], decision: Decision) -> None:
    """Raise `ApprovalError` naming the first move that cannot apply, and how to fix it."""
    seen: set[str] = set()
    for move in decision.moves:
        placement = placements.get(move.proposal_id)
        pid = repr(move.proposal_id)
        if placement is None:
            raise ApprovalError.of("approval.error.unknown", "approval.hint.unknown", id=pid)
        if move.proposal_id in seen:
            raise ApprovalError.of("approval.error.twice", "approval.hint.twice", id=pid)
        seen.add(move.proposal_id)
        if placement.shortlisted == (move.direction is Direction.IN):
            key = (
                "approval.error.already_in"
                if placement.shortlisted
                else "approval.error.already_out"
            )
            raise ApprovalError.of(key, "approval.hint.already", id=pid)
        if not move.reason.strip():
            raise ApprovalError.of("approval.error.no_reason", "approval.hint.no_reason", id=pid)


def proposal_digest(placements: dict[str, Placement], scorecards: dict[str, Scorecard]) -> str:
    """sha256 of a proposed shortlist as the coordinator reads it: every scored proposal's
    placement and scorecard (levels, evidence, total), by id. A run that pauses for approval
    records it with the form, so a decision given on one shortlist is never applied to
    another (a run resumed after a suspension reads the batch again)."""
    ids = sorted(placements)
    return digest(
        models_digest(placements[i] for i in ids),
        models_digest(scorecards[i] for i in ids if i in scorecards),
    )


def check_unchanged(decided_on: str | None, proposed: str) -> None:
    """Raise `ApprovalError` when the decision was given on a shortlist (`decided_on`, its
    `proposal_digest`; None when not recorded) other than the one `proposed` now."""
    if decided_on is not None and decided_on != proposed:
        raise ApprovalError.of("approval.error.changed", "approval.hint.changed")


def apply_decision(placements: dict[str, Placement], decision: Decision) -> dict[str, Placement]:
    """The placements after the decision: moved proposals change side and their reason names
    who moved them and why; ranks (the scores' order) never change."""
    check_decision(placements, decision)
    count = len(placements)
    result = dict(placements)
    for move in decision.moves:
        before = placements[move.proposal_id]
        key = MOVED_IN if move.direction is Direction.IN else MOVED_OUT
        result[move.proposal_id] = before.model_copy(
            update={
                "shortlisted": move.direction is Direction.IN,
                "reason": text(
                    key,
                    by=decision.decided_by,
                    rank=before.rank,
                    count=count,
                    why=move.reason.strip(),
                ),
            }
        )
    return result
