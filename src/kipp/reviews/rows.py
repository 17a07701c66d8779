"""The rows of returned scoresheets, checked one by one: the reviewer (on the panel, not of
the proposal's agency, no declared conflict), the proposal (eligible, assigned to them,
named by id or blind packet code), each score (on the rubric's scale) and the comment;
every problem located by sheet, row and column. `kipp.reviews.ingest` puts the checked rows
together.

A reviewer and proposal pair may be scored in more than one place (a copy of the sheet
saved under another name, an old draft, a second sheet of a workbook, a corrected row added
below): copies with the same scores count once (an `.xlsx` and its `.csv` export), and
copies that differ are a conflict that kipp cannot settle by itself, since the order of
files says nothing about which copy the reviewer means. None of them is used until one is
left (`settle`), so the pair counts as a review not received.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

from kipp.core.i18n import Param, Text, text
from kipp.core.keys import CONTROLS, DIRECTION_CONTROLS, normalize_key
from kipp.core.models import Proposal
from kipp.core.problems import Problem, Severity
from kipp.intake.panel import PANEL_FILE, Panel
from kipp.intake.registry import AgencyOf
from kipp.intake.review_sheets import (
    COMMENT_HEADERS,
    PACKET_CODE,
    PACKET_PREFIX,
    PROPOSAL_HEADERS,
    REVIEWER_HEADERS,
    SHEET_MARK,
    Row,
    heading,
)
from kipp.intake.table import column_letter
from kipp.reviews.models import Review
from kipp.rubric import Rubric


@dataclass(frozen=True)
class Copy:
    """One row with scores for a reviewer and proposal pair: where it is (`where`, and the
    cell a problem about it points at), its cells under the criteria as they compare with
    another copy's (a whole number as the number, anything else as text, so a workbook and
    its CSV export compare equal), and the review it gives (None when none of its scores is
    valid)."""

    where: Text
    path: str
    row: int
    col: int
    values: tuple[object, ...]
    review: Review | None


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
    copies: dict[tuple[str, str], list[Copy]] = field(default_factory=dict)  # rows with scores
    # pairs scored in several places with different scores: none used (`settle`)
    held: set[tuple[str, str]] = field(default_factory=set)

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
                # kipp assign heads the column with the label (Indonesian by default)
                text("sheet.no_criterion", label=criterion.label.id, criterion=criterion.id),
            )
        else:
            criteria[criterion.id] = index
    for number, cells in rows[1:]:
        _read_row(state, path, number, cells, reviewer_col, proposal_col, comment_col, criteria)
    _named_after_another(state, path, {_text(_cell(cells, reviewer_col)) for _, cells in rows[1:]})


def named_reviewer(path: str, reviewers: Sequence[str]) -> str | None:
    """The reviewer a scoresheet's file name points to: the one whose id the name is, or
    begins with before a character that cannot be part of an id (`bagus-hermawan (1).xlsx`,
    `bagus-hermawan_final.csv`); the longest such id, or None."""
    name = Path(path.split(SHEET_MARK)[0]).stem.casefold()
    found = [
        rid
        for rid in reviewers
        if name == rid
        or (name.startswith(rid) and not (name[len(rid)].isalnum() or name[len(rid)] == "-"))
    ]
    return max(found, key=len) if found else None


def _named_after_another(state: SheetCheck, path: str, named: set[str | None]) -> None:
    """Warn when a sheet's file is named after one reviewer of the panel and its rows give
    the scores of others of the panel, none of that reviewer's: a reviewer may have filled
    in and returned a sheet meant for another. The rows are read as the reviewer they name
    says (a file holding its own reviewer's rows among others' is taken as put together on
    purpose)."""
    if state.panel is None:
        return
    panel = [r.id for r in state.panel.reviewers]
    owner = named_reviewer(path, panel)
    others = sorted(r for r in named if r is not None and r != owner and r in panel)
    if owner is None or owner in named or not others:
        return
    message = text("sheet.named_after_another", named=owner, others=[f"'{r}'" for r in others])
    state.problem(path, None, None, "(file)", message, Severity.WARNING)


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
    reviewer_id, proposal_id = (
        _meant_reviewer(state, reviewer_id),
        _meant_proposal(state, proposal_id),
    )
    if proposal_id not in state.proposals and PACKET_CODE.fullmatch(proposal_id):
        packet = state.packets.get(proposal_id.upper()) or _packet_by_number(state, proposal_id)
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
    filled = any(_cell(cells, index) is not None for index in criteria.values())
    if not filled and _repeated(state, path, number, proposal_col, key):
        return
    if state.assigned is not None and key not in state.assigned and key not in state.seen:
        _unassigned(state, path, number, proposal_col, reviewer_id, proposal_id)
    where = text("sheet.where", path=path, row=number)
    state.seen.setdefault(key, where)
    if not filled:
        return  # not started yet
    scores: dict[str, int] = {}
    values: dict[str, object] = {}
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
                _not_a_score(value, scale.range()),
            )
            values[cid] = score if score is not None else _text(value)  # as an export writes it
            continue
        scores[cid] = score
        values[cid] = score
    review = None
    if scores:  # else its only scores were invalid (reported above): as if not started
        for cid in blank:
            state.problem(
                path,
                number,
                criteria[cid],
                cid,
                text("sheet.not_scored", scale=scale.range()),
                Severity.WARNING,
            )
        review = Review(
            reviewer=reviewer_id,
            proposal=proposal_id,
            scores=scores,
            comment=_comment(_cell(cells, comment_col)),
            sheet=path,
            row=number,
            complete=len(scores) == len(state.rubric.reviewed_criteria),
        )
    compared = tuple(values.get(c.id) for c in state.rubric.reviewed_criteria)
    copy = Copy(where, path, number, proposal_col, compared, review)
    state.copies.setdefault(key, []).append(copy)


def _repeated(state: SheetCheck, path: str, number: int, col: int, key: tuple[str, str]) -> bool:
    """Report a row without scores repeating a reviewer and proposal pair that has a row
    already; True when so (the row is not used). A row with scores is never passed over
    here: every copy is weighed against the others by `settle`."""
    reviewer_id, proposal_id = key
    scored = [c for c in state.copies.get(key, []) if c.review is not None]
    if scored:
        message = text(
            "sheet.already_scored",
            reviewer=reviewer_id,
            proposal=proposal_id,
            where=scored[0].where,
        )
    elif key in state.seen:
        message = text(
            "sheet.already_row", reviewer=reviewer_id, proposal=proposal_id, where=state.seen[key]
        )
    else:
        return False
    state.problem(path, number, col, "proposal", message, Severity.WARNING)
    return True


def settle(state: SheetCheck) -> None:
    """Once every sheet is read: each pair's review from its rows with valid scores. Copies
    with the same scores (every criterion's cell as read, valid or not) give one review, the
    first's, and each later copy is reported as counted once; copies that differ give none:
    the pair is `held`, and one error names every copy with the fix."""
    for (reviewer_id, proposal_id), copies in state.copies.items():
        used = [(c, c.review) for c in copies if c.review is not None]
        if not used:
            continue
        first, review = used[0]
        if all(c.values == first.values for c, _ in used[1:]):
            state.reviews.append(review)
            for c, _ in used[1:]:
                message = text(
                    "sheet.same_copy", reviewer=reviewer_id, proposal=proposal_id, where=first.where
                )
                state.problem(c.path, c.row, c.col, "proposal", message, Severity.WARNING)
            continue
        state.held.add((reviewer_id, proposal_id))
        message = text(
            "sheet.copies_differ",
            reviewer=reviewer_id,
            proposal=proposal_id,
            count=len(used),
            places=[c.where for c, _ in used],
        )
        state.problem(first.path, first.row, first.col, "proposal", message)


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


def _comment(value: Any) -> str | None:
    """A reviewer's comment as the documents show it: without control characters and
    characters that override the text's direction (a comment could otherwise show reversed,
    or carry terminal escapes); None when nothing is left."""
    found = _text(value)
    if found is None:
        return None
    return DIRECTION_CONTROLS.sub("", CONTROLS.sub(" ", found)).strip() or None


def _folded(value: str) -> str:
    return " ".join(value.split()).casefold()


def _meant_reviewer(state: SheetCheck, written: str) -> str:
    """The panel's id a reviewer cell means: as written; else ignoring case (ids are
    lower case: `Bagus-Hermawan`); else the reviewer whose name it is, as the panel writes
    it, ignoring case and spacing, when only one has it (`Dr. Bagus Hermawan`). As written
    when none fits, to be reported."""
    if state.panel is None or state.panel.get(written) is not None:
        return written
    if state.panel.get(written.casefold()) is not None:
        return written.casefold()
    named = [r.id for r in state.panel.reviewers if _folded(r.name) == _folded(written)]
    return named[0] if len(named) == 1 else written


def _meant_proposal(state: SheetCheck, written: str) -> str:
    """The proposal id a proposal cell means: as written, else ignoring case (ids are lower
    case: `Gayatri` for `gayatri`)."""
    known = written in state.proposals or written in state.set_aside
    folded = written.casefold()
    if not known and (folded in state.proposals or folded in state.set_aside):
        return folded
    return written


def _packet_by_number(state: SheetCheck, written: str) -> str | None:
    """The proposal of a blind packet code written without its leading zeros (`PAKET-2`
    for `PAKET-02`), when one code has that number."""
    number = int(written[len(PACKET_PREFIX) :])
    found = [
        pid for code, pid in state.packets.items() if int(code[len(PACKET_PREFIX) :]) == number
    ]
    return found[0] if len(found) == 1 else None


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


def _not_a_score(value: Any, scale: Text) -> Text:
    """Why a cell's value is not a score, naming it as the sheet shows it (`_shown`)."""
    shown = _shown(value)
    key = "sheet.not_a_score.number" if isinstance(shown, float) else "sheet.not_a_score"
    return text(key, value=shown, scale=scale)


def _shown(value: Any) -> Param:
    """A cell's value as a message names it, the way the sheet shows it in the reader's
    language: a text in quotes, a number with the language's decimal mark (`3,5`), a date as
    a date (`4 Mei 2022`, what a typed `4/5` becomes), a yes/no cell as TRUE or FALSE."""
    if isinstance(value, str):
        return f"'{value}'"
    if isinstance(value, bool):
        return str(value).upper()
    if isinstance(value, float) and value.is_integer():
        return int(value)
    if isinstance(value, int | float | date):
        return value
    return str(value)
