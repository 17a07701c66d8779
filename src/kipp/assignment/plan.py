"""Reviewers for the eligible proposals (`kipp assign`): the assignment, every scoresheet's
content, and writing them where the reviewers will get them."""

from __future__ import annotations

import stat
from collections import Counter
from collections.abc import Mapping, Sequence
from datetime import date
from pathlib import Path

from pydantic import BaseModel, ConfigDict

from kipp.assignment.assign import assign
from kipp.assignment.scoresheets import CSV_DIR, existing_scores, scoresheets
from kipp.core.atomic import write_atomic
from kipp.core.i18n import Lang
from kipp.core.models import Proposal
from kipp.core.problems import KippError
from kipp.intake import Batch
from kipp.intake.own_files import kind_of
from kipp.intake.panel import Panel, PanelError, load_panel
from kipp.intake.registry import registry_matcher
from kipp.intake.review_sheets import ReviewFiles
from kipp.measures.novelty import NoveltyMeasure
from kipp.reviews.models import Assignment
from kipp.rubric import LoadedRubric


class AssignPlan(BaseModel):
    """An assignment and the files that carry it to the reviewers."""

    model_config = ConfigDict(frozen=True)

    proposals: int
    reviewers: int
    per_proposal: int
    blind: bool
    assignments: list[Assignment]
    loads: dict[str, int]
    files: dict[str, bytes]


def panel_of(files: ReviewFiles) -> Panel:
    """The batch's valid review panel; raises `PanelError` (naming every problem) when the
    panel file is missing or not valid."""
    if files.panel is not None:
        return files.panel
    if files.panel_path is None:
        load_panel(Path(files.expected_panel))  # raises: the file cannot be read
    problems = [p for p in files.problems if p.path == files.expected_panel]
    raise PanelError(files.expected_panel, problems)


def plan_assignment(
    eligible: Sequence[Proposal],
    batch: Batch,
    rubric: LoadedRubric,
    per_proposal: int | None = None,
    seed: int = 0,
    blind: bool | None = None,
    lang: Lang = Lang.ID,
    novelty: Mapping[str, NoveltyMeasure] | None = None,
    deadline: date | None = None,
) -> AssignPlan:
    """Assign reviewers to the batch's `eligible` proposals and prepare the scoresheets.
    Through the batch's agency registry nobody reviews their own agency under another of
    its names, and blind packets mask every name it knows for an agency. `novelty` gives the
    evidence sheets each proposal's similar innovations; `deadline` is the return date the
    instructions give, by default the batch settings' `review_deadline` (`_kumpulan.yaml`).
    Raises `PanelError` or `AssignmentError` (both `KippError`s)."""
    if deadline is None and batch.settings is not None:
        deadline = batch.settings.review_deadline
    registry = batch.registry
    agency_of = registry_matcher(registry)
    panel = panel_of(batch.reviews)
    k = per_proposal or rubric.rubric.reviews.per_proposal
    blind = rubric.rubric.reviews.blind if blind is None else blind
    assignments = assign(eligible, panel.reviewers, k, seed, agency_of)
    counted = Counter(a.reviewer for a in assignments)
    return AssignPlan(
        proposals=len(eligible),
        reviewers=len(panel.reviewers),
        per_proposal=k,
        blind=blind,
        assignments=assignments,
        loads={r.id: counted[r.id] for r in panel.reviewers},
        files=scoresheets(
            assignments,
            panel.reviewers,
            eligible,
            rubric.rubric,
            blind,
            lang,
            registry,
            novelty,
            deadline,
        ),
    )


def check_sheets_folder(sheets_out: Path) -> None:
    """Raise `KippError` (with the fix) when `sheets_out`, or the `csv/` folder kipp writes
    inside it, is a symbolic link (kipp never writes through one: the default `_reviews/`
    linked to a folder elsewhere would receive the sheets there) or is there but is not a
    folder. Reads only the folders' metadata; writes nothing."""
    for folder in (sheets_out, sheets_out / CSV_DIR):
        try:
            mode = folder.lstat().st_mode
        except FileNotFoundError:
            continue  # created when the sheets are written
        except OSError:
            continue  # met, with its reason, when the sheets are written
        if stat.S_ISLNK(mode):
            raise KippError.of("assign.out_link", "assign.out_link.hint", folder=str(folder))
        if not stat.S_ISDIR(mode):
            raise KippError.of(
                "assign.out_not_folder",
                "assign.out_not_folder.hint",
                folder=str(folder),
                kind=kind_of(mode),
            )


def write_scoresheets(assignment: AssignPlan, sheets_out: Path, force: bool = False) -> list[Path]:
    """Write the plan's files into `sheets_out`, each atomically. Refuses (`KippError`),
    writing nothing, when the folder already holds scoresheets, unless `force` (completed
    sheets are kept safe), and whatever `force` says when the folder or its `csv/` is a
    symbolic link or not a folder (`check_sheets_folder`). A sheet already there that is a
    link is replaced by the new file, never written through."""
    check_sheets_folder(sheets_out)
    present = existing_scores(sheets_out)
    if present and not force:
        raise KippError.of(
            "assign.sheets_exist",
            "assign.sheets_exist.hint",
            folder=str(sheets_out),
            count=len(present),
            example=str(present[0]),
        )
    return [write_atomic(sheets_out / name, content) for name, content in assignment.files.items()]
