"""`kipp assign` in one call: read the batch and panel, keep the eligible proposals, assign
reviewers, and prepare every scoresheet (the caller writes the files)."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

from pydantic import BaseModel, ConfigDict

from kipp import assessment as stages
from kipp.compliance import Registry, registry_matcher
from kipp.gates import check_gates
from kipp.i18n import Lang
from kipp.intake import Limits, load_batch
from kipp.reviews.assign import assign
from kipp.reviews.models import Assignment
from kipp.reviews.panel import load_panel
from kipp.reviews.sheets import scoresheets
from kipp.rubric import Rubric


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


def plan_assignment(
    batch: Path,
    rubric: Rubric,
    panel_path: Path,
    per_proposal: int | None = None,
    seed: int = 0,
    blind: bool | None = None,
    lang: Lang = Lang.ID,
    registry: Registry | None = None,
) -> AssignPlan:
    """Assign reviewers to the batch's eligible proposals and prepare the scoresheets.
    `registry` is the batch's agency registry (`kipp.compliance.batch_registry`): nobody
    reviews their own agency under another of its names, the per-agency gate counts
    agencies as the run does, and blind packets mask every name it knows for an agency.
    Raises `PanelError`, `BatchError` or `AssignmentError` (all `KippError`s)."""
    agency_of = registry_matcher(registry)
    panel = load_panel(panel_path)
    loaded = load_batch(batch, rubric.call.choices(), Limits())
    proposals = stages.valid_proposals(loaded)
    eligible = stages.eligible_proposals(proposals, check_gates(proposals, rubric, agency_of))
    k = per_proposal or rubric.reviews.per_proposal
    blind = rubric.reviews.blind if blind is None else blind
    assignments = assign(eligible, panel.reviewers, k, seed, agency_of)
    sources = {e.proposal.id: e.source for e in loaded.entries if e.proposal is not None}
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
            rubric,
            blind,
            sources,
            lang,
            registry,
        ),
    )
