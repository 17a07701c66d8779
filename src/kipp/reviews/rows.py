"""The rows of returned scoresheets, checked one by one: the reviewer (on the panel, not of
the proposal's agency, no declared conflict), the proposal (eligible, assigned to them,
named by id or blind packet code), each score (on the rubric's scale) and the comment;
every problem located by sheet, row and column. `kipp.reviews.ingest` puts the checked rows
together."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from kipp.core.i18n import Text, text
from kipp.core.keys import normalize_key
from kipp.core.models import Proposal
from kipp.core.problems import Problem, Severity
from kipp.intake.panel import PANEL_FILE, Panel
from kipp.intake.registry import AgencyOf
from kipp.intake.review_sheets import (
    COMMENT_HEADERS,
    PACKET_CODE,
    PROPOSAL_HEADERS,
    REVIEWER_HEADERS,
    Row,
    heading,
)
from kipp.intake.table import column_letter
from kipp.reviews.models import Review
from kipp.rubric import Rubric


@dataclass
class SheetCheck:
    rubric: Rubric
    proposals: dict[str, Proposal]
    panel: Panel | None
    assigned: set[tuple[str, str]] | None
    agency_of: AgencyOf | None = None
    packets: dict[str, str] = field(default_factory=dict)  # blind packet code -> proposal id
    # proposals of the batch not scored in this run (invalid, or failing a gate)
    set_aside: frozenset[str] = frozenset()
    problems: list[Problem] = field(default_factory=list)
    reviews: list[Review] = field(default_factory=list)
    seen: dict[tuple[str, str], Text] = field(default_factory=dict)  # where each pair's row is
    scored: dict[tuple[str, str], Text] = field(default_factory=dict)

    def problem(
        self,
        path: str,
        row: int | None,
        col: int | None,
        name: str,
        message: Text,
        severity: Severity = Severity.ERROR,
    ) -> None:
        self.problems.append(
            Problem(
                path=path,
                line=row,
                column=column_letter(col) if col is not None and row is not None else None,
                field=name,
                message=message,
                severity=severity,
            )
        )


def _cell(cells: Sequence[Any], index: int | None) -> Any:
    if index is None or index >= len(cells):
        return None
    value = cells[index]
    if isinstance(value, str):
        value = value.strip()
        return value or None
    return value


def check_sheet(state: SheetCheck, path: str, rows: list[Row]) -> None:
    rows = [
        (n, cells)
        for n, cells in rows
        if any(_cell(cells, i) is not None for i in range(len(cells)))
    ]
    if not rows:
        state.problem(path, None, None, "(file)", text("sheet.empty"), Severity.WARNING)
        return
    header_row, header = rows[0]
    columns = {
        normalize_key(c): i for i, c in enumerate(header) if c is not None and str(c).strip()
    }
    reviewer_col = next((columns[h] for h in REVIEWER_HEADERS if h in columns), None)
    proposal_col = next((columns[h] for h in PROPOSAL_HEADERS if h in columns), None)
    comment_col = next((columns[h] for h in COMMENT_HEADERS if h in columns), None)
    reviewer_heading, proposal_heading = heading("reviewer"), heading("proposal")
    missing = []
    if reviewer_col is None:
        missing.append(reviewer_heading)
    if proposal_col is None:
        missing.append(proposal_heading)
    if reviewer_col is None or proposal_col is None:
        columns_named = (
            missing[0] if len(missing) == 1 else text("list.or", items=missing[0], last=missing[1])
        )
        message = text(
            "sheet.no_heading",
            columns=columns_named,
            row=header_row,
            reviewer=reviewer_heading,
            proposal=proposal_heading,
        )
        state.problem(path, header_row, None, "(header)", message)
        return
    criteria: dict[str, int] = {}
    for criterion in state.rubric.reviewed_criteria:
        spellings = {
            criterion.id,
            normalize_key(criterion.label.id),
            normalize_key(criterion.label.en),
        }
        index = next((columns[s] for s in spellings if s in columns), None)
        if index is None:
            state.problem(
                path,
                header_row,
                None,
                criterion.id,
                text("sheet.no_criterion", criterion=criterion.id),
            )
        else:
            criteria[criterion.id] = index
    for number, cells in rows[1:]:
        _read_row(state, path, number, cells, reviewer_col, proposal_col, comment_col, criteria)


def _read_row(
    state: SheetCheck,
    path: str,
    number: int,
    cells: Sequence[Any],
    reviewer_col: int,
    proposal_col: int,
    comment_col: int | None,
    criteria: dict[str, int],
) -> None:
    scale = state.rubric.reviews.scale
    reviewer_id = _text(_cell(cells, reviewer_col))
    proposal_id = _text(_cell(cells, proposal_col))
    if not reviewer_id:
        state.problem(path, number, reviewer_col, "reviewer", text("sheet.no_reviewer"))
        return
    if not proposal_id:
        state.problem(path, number, proposal_col, "proposal", text("sheet.no_proposal"))
        return
    if proposal_id not in state.proposals and PACKET_CODE.fullmatch(proposal_id):
        packet = state.packets.get(proposal_id.upper())
        if packet is None:
            state.problem(
                path,
                number,
                proposal_col,
                "proposal",
                text("sheet.unknown_packet", code=proposal_id),
            )
            return
        proposal_id = packet
    reviewer = state.panel.get(reviewer_id) if state.panel else None
    if state.panel is not None and reviewer is None:
        known = [r.id for r in state.panel.reviewers]
        state.problem(
            path,
            number,
            reviewer_col,
            "reviewer",
            text("sheet.not_on_panel", reviewer=reviewer_id, file=PANEL_FILE, known=known),
        )
        return
    proposal = state.proposals.get(proposal_id)
    if proposal is None and proposal_id in state.set_aside:  # the sheet is right: kept
        state.problem(
            path,
            number,
            proposal_col,
            "proposal",
            text("sheet.not_scored_now", proposal=proposal_id),
            Severity.WARNING,
        )
        return
    if proposal is None:
        state.problem(
            path,
            number,
            proposal_col,
            "proposal",
            text("sheet.not_eligible", proposal=proposal_id),
        )
        return
    why = reviewer.conflicted(proposal, state.agency_of) if reviewer else None
    if why is not None:
        reason = (
            text("sheet.reason.agency", agency=proposal.agency)
            if why == "agency"
            else text("sheet.reason.declared")
        )
        state.problem(
            path,
            number,
            reviewer_col,
            "reviewer",
            text("sheet.conflicted", reviewer=reviewer_id, reason=reason),
        )
        return
    key = (reviewer_id, proposal_id)
    if _repeated(state, path, number, proposal_col, key, cells, criteria):
        return
    if state.assigned is not None and key not in state.assigned and key not in state.seen:
        _unassigned(state, path, number, proposal_col, reviewer_id, proposal_id)
    state.seen.setdefault(key, text("sheet.where", path=path, row=number))
    scores: dict[str, int] = {}
    blank: list[str] = []
    for cid, index in criteria.items():
        value = _cell(cells, index)
        if value is None:
            blank.append(cid)
            continue
        score = _score(value)
        if score is None or not scale.min <= score <= scale.max:
            state.problem(
                path,
                number,
                index,
                cid,
                text("sheet.not_a_score", value=_shown(value), scale=scale.range()),
            )
            continue
        scores[cid] = score
    if not scores:
        return  # not started yet, or its only scores were invalid (reported above)
    state.scored[key] = text("sheet.where", path=path, row=number)
    for cid in blank:
        state.problem(
            path,
            number,
            criteria[cid],
            cid,
            text("sheet.not_scored", scale=scale.range()),
            Severity.WARNING,
        )
    state.reviews.append(
        Review(
            reviewer=reviewer_id,
            proposal=proposal_id,
            scores=scores,
            comment=_text(_cell(cells, comment_col)),
            sheet=path,
            row=number,
            complete=len(scores) == len(state.rubric.reviewed_criteria),
        )
    )


def _repeated(
    state: SheetCheck,
    path: str,
    number: int,
    col: int,
    key: tuple[str, str],
    cells: Sequence[Any],
    criteria: dict[str, int],
) -> bool:
    """Report a row repeating a reviewer and proposal pair that is scored already, or a
    blank row repeating one; True when this row is not to be used. A row with scores after
    a blank (or wholly invalid) one for the same pair is the one used."""
    reviewer_id, proposal_id = key
    filled = any(_cell(cells, index) is not None for index in criteria.values())
    if key in state.scored:
        state.problem(
            path,
            number,
            col,
            "proposal",
            text(
                "sheet.already_scored",
                reviewer=reviewer_id,
                proposal=proposal_id,
                where=state.scored[key],
            ),
            Severity.ERROR if filled else Severity.WARNING,
        )
        return True
    if key in state.seen and not filled:
        state.problem(
            path,
            number,
            col,
            "proposal",
            text(
                "sheet.already_row",
                reviewer=reviewer_id,
                proposal=proposal_id,
                where=state.seen[key],
            ),
            Severity.WARNING,
        )
        return True
    return False


def _unassigned(
    state: SheetCheck, path: str, number: int, col: int, reviewer_id: str, proposal_id: str
) -> None:
    state.problem(
        path,
        number,
        col,
        "proposal",
        text("sheet.unassigned", proposal=proposal_id, reviewer=reviewer_id),
        Severity.WARNING,
    )


def _text(value: Any) -> str | None:
    if value is None:
        return None
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return str(value).strip() or None


def _score(value: Any) -> int | None:
    if isinstance(value, bool):
        return None
    if isinstance(value, int):
        return value
    if isinstance(value, float):
        return int(value) if value.is_integer() else None
    written = str(value).strip().replace(",", ".")
    try:
        number = float(written)
    except ValueError:
        return None
    return int(number) if number.is_integer() else None


def _shown(value: Any) -> str:
    return (
        f"'{value}'"
        if isinstance(value, str)
        else f"{value:g}"
        if isinstance(value, float)
        else str(value)
    )
