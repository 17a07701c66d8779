"""Completed scoresheets in, reviews out: every problem located by sheet, row and column.

Intake reads the files (`kipp.intake.review_sheets`); this module checks their rows. A batch's
reviews live in its `_reviews/` folder (skipped by proposal intake): the
scoresheets (`.xlsx`, first sheet, or `.csv`) directly inside it, one row per reviewer and
proposal, and `assignments.csv` written by `kipp assign`. A row whose scores are all blank is
not started yet; partial progress is fine and shown. The panel is `reviewers.yaml` beside the
proposals: without it nothing can be checked against the panel, and that is reported (as a
warning) when there are sheets or assignments. Each assigned pair is checked against the
panel as well, since a pair whose scores could never be used keeps a total provisional.
Blind sheets name proposals by packet code (`PAKET-07`), read back to ids through
`assignments.csv`.

When `assignments.csv` (or a row of it) cannot be read, the assignments are not known in
full: that is reported, and every reviewer with a row for a proposal in a sheet counts as
assigned to it too, so a row not yet scored keeps the proposal's total provisional.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any

from kipp.core.i18n import Text, text
from kipp.core.keys import normalize_key
from kipp.core.models import Proposal
from kipp.core.problems import Problem, Severity
from kipp.intake.panel import PANEL_FILE, Panel
from kipp.intake.registry import AgencyOf
from kipp.intake.review_sheets import ASSIGNMENTS_FILE, PACKET_CODE, ReviewFiles, Row
from kipp.intake.table import column_letter
from kipp.reviews.aggregate import aggregate
from kipp.reviews.models import Assignment, Review, ReviewerProgress, ReviewSet
from kipp.rubric import Rubric

REVIEWER_HEADERS = {"reviewer", "juri", "penilai"}
PROPOSAL_HEADERS = {"proposal", "proposal_id", "id", "kode"}
COMMENT_HEADERS = {"comment", "catatan", "komentar"}


@dataclass
class _State:
    rubric: Rubric
    proposals: dict[str, Proposal]
    panel: Panel | None
    assigned: set[tuple[str, str]] | None
    agency_of: AgencyOf | None = None
    packets: dict[str, str] = field(default_factory=dict)  # blind packet code -> proposal id
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


def reviews_of(
    files: ReviewFiles,
    rubric: Rubric,
    proposals: Sequence[Proposal],
    agency_of: AgencyOf | None = None,
) -> ReviewSet:
    """The panel, assignments and scoresheets of a batch (read once by intake:
    `kipp.intake.review_sheets.read_review_files`), checked and aggregated. `proposals` are
    the batch's eligible proposals; `agency_of` the batch's agency registry, so that scores
    of a reviewer's own agency under another of its names are refused too. Never raises for
    a bad file: problems are returned, and every usable score is kept."""
    problems = list(files.problems)
    if (files.found_sheets or files.assignments is not None) and files.panel_path is None:
        problems.append(
            Problem(
                path=files.expected_panel,
                field="(file)",
                severity=Severity.WARNING,
                message=text("sheet.no_panel", file=PANEL_FILE),
            )
        )
    record = files.assignments
    return review_set(
        rubric,
        proposals,
        files.panel,
        record.assignments if record else None,
        files.sheets,
        panel_path=files.panel_path,
        problems=problems,
        agency_of=agency_of,
        assignments_complete=record.complete if record else True,
        assignments_path=files.assignments_path,
        assignment_rows=record.rows if record else None,
        packets=record.packets if record else None,
    )


def review_set(
    rubric: Rubric,
    proposals: Sequence[Proposal],
    panel: Panel | None,
    assignments: list[Assignment] | None,
    sheets: Iterable[tuple[str, list[Row]]],
    *,
    panel_path: str | None = None,
    problems: list[Problem] | None = None,
    agency_of: AgencyOf | None = None,
    assignments_complete: bool = True,
    assignments_path: str = ASSIGNMENTS_FILE,
    assignment_rows: dict[tuple[str, str], int] | None = None,
    packets: dict[str, str] | None = None,
) -> ReviewSet:
    """Check the rows of some scoresheets and aggregate them (the pure core of ingest).
    A reviewer and proposal pair is used once: from its first row with scores.
    `assignments_complete` False: `assignments` is what could be read of a file that could
    not be read in full; sheet rows are then not checked against it, and the reviewers with
    a row for a proposal count as assigned to it as well. With a panel, each assigned pair
    is checked against it (reported at `assignments_path`, on its row of
    `assignment_rows`). `packets` maps the blind packet codes of blind sheets (upper case)
    to proposal ids: a blind sheet reads as the same sheet naming the ids."""
    state = _State(
        rubric=rubric,
        proposals={p.id: p for p in proposals},
        panel=panel,
        # a pair missing from an incomplete record may be on a row that was not read
        assigned={(a.reviewer, a.proposal) for a in assignments}
        if assignments is not None and assignments_complete
        else None,
        agency_of=agency_of,
        packets=dict(packets or {}),
        problems=list(problems or []),
    )
    if panel is not None and assignments is not None:
        _check_assigned(state, panel, assignments, assignments_path, assignment_rows or {})
    paths = []
    for path, rows in sheets:
        paths.append(path)
        _read_sheet(state, path, rows)
    by_proposal: dict[str, list[str]] | None = None
    if assignments is not None:
        by_proposal = {}
        for a in assignments:
            by_proposal.setdefault(a.proposal, []).append(a.reviewer)
        if not assignments_complete:
            # an unreadable record must not let a proposal look fully reviewed: a reviewer
            # with a row for it, scored or not, is assigned to it as far as is known
            for reviewer_id, proposal_id in state.seen:
                if reviewer_id not in by_proposal.setdefault(proposal_id, []):
                    by_proposal[proposal_id].append(reviewer_id)
        by_proposal = {k: v for k, v in by_proposal.items() if k in state.proposals}
    aggregated, adjusted = aggregate(state.reviews, rubric, by_proposal)
    if not assignments_complete:
        aggregated = {
            pid: found.model_copy(update={"assignments_known": False})
            for pid, found in aggregated.items()
        }
    known = (
        [Assignment(reviewer=r, proposal=pid) for pid, ids in by_proposal.items() for r in ids]
        if by_proposal is not None and not assignments_complete
        else assignments
    )
    return ReviewSet(
        panel=panel_path,
        sheets=paths,
        reviews=state.reviews,
        assignments=list(assignments or []),
        problems=state.problems,
        progress=progress(panel, known, state.reviews, state.seen),
        adjustments=adjusted,
        proposals=aggregated,
        assignments_known=assignments_complete,
    )


def progress(
    panel: Panel | None,
    assignments: list[Assignment] | None,
    reviews: Sequence[Review],
    rows: dict[tuple[str, str], Text],
) -> list[ReviewerProgress]:
    """Per reviewer: proposals assigned (from `assignments.csv`, else the rows of their
    sheets), fully scored, and started."""
    names = {r.id: r.name for r in panel.reviewers} if panel else {}
    ids = set(names) | {r.reviewer for r in reviews} | {k[0] for k in rows}
    ids |= {a.reviewer for a in assignments or []}
    result = []
    for rid in sorted(ids):
        if assignments is not None:
            assigned = sum(a.reviewer == rid for a in assignments)
        else:
            assigned = sum(k[0] == rid for k in rows)
        mine = [r for r in reviews if r.reviewer == rid]
        result.append(
            ReviewerProgress(
                reviewer=rid,
                name=names.get(rid, rid),
                assigned=assigned,
                completed=sum(r.complete for r in mine),
                started=sum(bool(r.scores) for r in mine),
            )
        )
    return result


def _cell(cells: Sequence[Any], index: int | None) -> Any:
    if index is None or index >= len(cells):
        return None
    value = cells[index]
    if isinstance(value, str):
        value = value.strip()
        return value or None
    return value


def _read_sheet(state: _State, path: str, rows: list[Row]) -> None:
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
    missing = []
    if reviewer_col is None:
        missing.append("`reviewer`")
    if proposal_col is None:
        missing.append("`proposal`")
    if reviewer_col is None or proposal_col is None:
        columns_named: Text | str = (
            missing[0] if len(missing) == 1 else text("list.or", items=missing[0], last=missing[1])
        )
        message = text("sheet.no_columns", columns=columns_named, row=header_row)
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
    state: _State,
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


def _check_assigned(
    state: _State,
    panel: Panel,
    assignments: Sequence[Assignment],
    path: str,
    rows: dict[tuple[str, str], int],
) -> None:
    """Report each assigned pair whose scores could never be used (a reviewer not on the
    panel, or conflicted with the proposal): it keeps the proposal's total provisional."""
    for a in assignments:
        proposal = state.proposals.get(a.proposal)
        if proposal is None:
            continue  # not eligible (any more): no total waits for it
        reviewer = panel.get(a.reviewer)
        why = reviewer.conflicted(proposal, state.agency_of) if reviewer else "unknown"
        if why is None:
            continue
        reason, fix = (
            (
                text("sheet.reason.not_on_panel", file=PANEL_FILE),
                text("sheet.fix.add", file=PANEL_FILE),
            )
            if why == "unknown"
            else (text("sheet.reason.agency", agency=proposal.agency), text("sheet.fix.agency"))
            if why == "agency"
            else (text("sheet.reason.declared"), text("sheet.fix.declared"))
        )
        message = text(
            "sheet.assigned_unusable",
            reviewer=a.reviewer,
            proposal=a.proposal,
            reason=reason,
            fix=fix,
        )
        state.problem(path, rows.get((a.reviewer, a.proposal)), 0, "reviewer", message)


def _repeated(
    state: _State,
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
    state: _State, path: str, number: int, col: int, reviewer_id: str, proposal_id: str
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
