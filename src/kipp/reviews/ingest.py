"""Completed scoresheets in, reviews out: every problem located by sheet, row and column.

Intake reads the files (`kipp.intake.review_sheets`); `kipp.reviews.rows` checks each row,
and this module puts them together. A batch's
reviews live in its `_reviews/` folder (skipped by proposal intake): the
scoresheets (a workbook's scores sheet, or `.csv`) directly inside it, one row per reviewer
and proposal, and `assignments.csv` written by `kipp assign`. A row whose scores are all blank is
not started yet; partial progress is fine and shown. The panel is `reviewers.yaml` beside the
proposals: without it nothing can be checked against the panel, and that is reported (as a
warning) when there are sheets or assignments. Each assigned pair is checked against the
panel as well, since a pair whose scores could never be used keeps a total provisional.
Blind sheets name proposals by packet code (`PAKET-07`), read back to ids through
`assignments.csv`.

When `assignments.csv` (or a row of it) cannot be read, the assignments are not known in
full: that is reported, and every reviewer with a row for a proposal in a sheet counts as
assigned to it too, so a row not yet scored keeps the proposal's total provisional. The same
holds when there are scoresheets and no `assignments.csv` at all: which reviews are expected
is then unknown, and every total stays provisional until the file is put back.

The counts add up: a reviewer's proposals completed are counted among those expected of
them only. Scores of a pair outside `assignments.csv` are used (with a warning), but are no
part of the reviews expected or received. A pair scored in copies that differ
(`kipp.reviews.rows.settle`) is a review expected and not received, even outside the
assignments, so the proposal's total stays provisional until one copy is left.
"""

from __future__ import annotations

from collections.abc import Collection, Iterable, Sequence

from kipp.core.i18n import Text, text
from kipp.core.models import Proposal
from kipp.core.problems import Problem, Severity
from kipp.intake.panel import PANEL_FILE, Panel
from kipp.intake.registry import AgencyOf
from kipp.intake.review_sheets import ASSIGNMENTS_FILE, ReviewFiles, Row
from kipp.reviews.aggregate import aggregate
from kipp.reviews.models import Assignment, Review, ReviewerProgress, ReviewSet
from kipp.reviews.rows import SheetCheck, check_sheet, settle
from kipp.rubric import Rubric


def reviews_of(
    files: ReviewFiles,
    rubric: Rubric,
    proposals: Sequence[Proposal],
    agency_of: AgencyOf | None = None,
    set_aside: Collection[str] = (),
) -> ReviewSet:
    """The panel, assignments and scoresheets of a batch (read once by intake:
    `kipp.intake.review_sheets.read_review_files`), checked and aggregated. `proposals` are
    the batch's eligible proposals; `agency_of` the batch's agency registry, so that scores
    of a reviewer's own agency under another of its names are refused too; `set_aside` the
    ids of the batch's other proposals (invalid or ineligible in this run), whose rows are
    kept for a later run with a warning, not refused as a reviewer's mistake. Never raises
    for a bad file: problems are returned, and every usable score is kept."""
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
    # scoresheets without assignments.csv: which reviews are expected is unknown
    missing = record is None and files.found_sheets
    return review_set(
        rubric,
        proposals,
        files.panel,
        record.assignments if record else [] if missing else None,
        files.sheets,
        panel_path=files.panel_path,
        problems=problems,
        agency_of=agency_of,
        assignments_complete=record.complete if record else not missing,
        assignments_missing=missing,
        assignments_path=files.assignments_path,
        assignment_rows=record.rows if record else None,
        packets=record.packets if record else None,
        set_aside=set_aside,
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
    assignments_missing: bool = False,
    assignments_path: str = ASSIGNMENTS_FILE,
    assignment_rows: dict[tuple[str, str], int] | None = None,
    packets: dict[str, str] | None = None,
    set_aside: Collection[str] = (),
) -> ReviewSet:
    """Check the rows of some scoresheets and aggregate them (the pure core of ingest).
    A reviewer and proposal pair is used once: from its first row with scores, when every
    other row with scores for it has the same scores; else from none, and it counts as a
    review expected and not received.
    `assignments_complete` False: `assignments` is what could be read of a file that could
    not be read in full (`assignments_missing`: of no file at all); sheet rows are then not
    checked against it, and the reviewers with a row for a proposal count as assigned to it
    as well. With a panel, each assigned pair is checked against it (reported at
    `assignments_path`, on its row of `assignment_rows`). `packets` maps the blind packet
    codes of blind sheets (upper case) to proposal ids: a blind sheet reads as the same
    sheet naming the ids."""
    state = SheetCheck(
        rubric=rubric,
        proposals={p.id: p for p in proposals},
        panel=panel,
        # a pair missing from an incomplete record may be on a row that was not read
        assigned={(a.reviewer, a.proposal) for a in assignments}
        if assignments is not None and assignments_complete
        else None,
        agency_of=agency_of,
        packets=dict(packets or {}),
        set_aside=frozenset(set_aside) - {p.id for p in proposals},
        problems=list(problems or []),
    )
    if panel is not None and assignments is not None:
        _check_assigned(state, panel, assignments, assignments_path, assignment_rows or {})
    paths = []
    for path, rows in sheets:
        paths.append(path)
        check_sheet(state, path, rows)
    settle(state)
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
        # scores held for copies that differ: a review expected and not received
        for reviewer_id, proposal_id in sorted(state.held):
            if reviewer_id not in by_proposal.setdefault(proposal_id, []):
                by_proposal[proposal_id].append(reviewer_id)
        # the reviews this run waits for: of the proposals it scores
        by_proposal = {k: v for k, v in by_proposal.items() if k in state.proposals}
    aggregated, adjusted = aggregate(state.reviews, rubric, by_proposal)
    if not assignments_complete:
        unknown = {"assignments_known": False, "assignments_missing": assignments_missing}
        aggregated = {pid: found.model_copy(update=unknown) for pid, found in aggregated.items()}
    known = (
        [Assignment(reviewer=r, proposal=pid) for pid, ids in by_proposal.items() for r in ids]
        if by_proposal is not None
        else None
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
        assignments_missing=assignments_missing,
    )


def progress(
    panel: Panel | None,
    assignments: list[Assignment] | None,
    reviews: Sequence[Review],
    rows: dict[tuple[str, str], Text],
) -> list[ReviewerProgress]:
    """Per reviewer: proposals assigned (from `assignments.csv`, else the rows of their
    sheets), and of those, fully scored and started (scores outside the assignments are
    used, but are not counted here: the counts never exceed what is expected)."""
    names = {r.id: r.name for r in panel.reviewers} if panel else {}
    ids = set(names) | {r.reviewer for r in reviews} | {k[0] for k in rows}
    ids |= {a.reviewer for a in assignments or []}
    result = []
    for rid in sorted(ids):
        mine = [r for r in reviews if r.reviewer == rid]
        if assignments is not None:
            pairs = {a.proposal for a in assignments if a.reviewer == rid}
            assigned = len(pairs)
            mine = [r for r in mine if r.proposal in pairs]
        else:
            assigned = sum(k[0] == rid for k in rows)
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


def _check_assigned(
    state: SheetCheck,
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
