"""`kipp-assign`: assign reviewers to the eligible proposals of a batch, from the Prefect UI.

Runs the pipeline up to the scoresheets, as `kipp assign` does: every eligible proposal gets
K reviewers, loads differ by at most one, nobody reviews their own agency's proposals (read
through the batch's agency registry) or a declared conflict; the scoresheets are written one
file at a time atomically, and those already in the folder are kept unless `force`. The
loads and the assignment are shown as table artifacts."""

from pathlib import Path

from prefect import flow, get_run_logger
from prefect.artifacts import create_table_artifact
from pydantic import BaseModel, Field

from kipp import pipeline
from kipp.assignment.plan import AssignPlan
from kipp.core.i18n import Lang
from kipp_app.flows.runner import PrefectRunner


class AssignParameters(BaseModel):
    """Who reviews what (rendered as a form in the Prefect UI)."""

    batch: str = Field(description="Folder holding the proposal files")
    panel: str | None = Field(default=None, description="Reviewer panel YAML; BATCH/reviewers.yaml")
    per_proposal: int | None = Field(default=None, ge=1, description="Reviewers per proposal")
    seed: int = Field(default=0, description="Same seed, same assignment")
    out: str | None = Field(default=None, description="Scoresheet folder; BATCH/_reviews")
    rubric: str | None = Field(default=None, description="Rubric YAML; the bundled KIPP 2022")
    blind: bool | None = Field(default=None, description="Packets without agency and names")
    lang: Lang = Field(default=Lang.ID, description="Language of the scoresheets")
    force: bool = Field(default=False, description="Overwrite scoresheets already there")


class AssignSummary(BaseModel):
    """What was assigned and where the scoresheets are."""

    out_dir: str
    proposals: int
    reviewers: int
    per_proposal: int
    assignments: int
    loads: dict[str, int]


@flow(name="kipp-assign", log_prints=False)
def kipp_assign(params: AssignParameters) -> AssignSummary:
    """Assign reviewers to every eligible proposal and write one scoresheet per reviewer."""
    target = params.out or str(Path(params.batch) / "_reviews")
    given: dict[str, object] = {
        "batch_folder": Path(params.batch),
        "rubric_path": Path(params.rubric) if params.rubric else None,
        "panel_path": Path(params.panel) if params.panel else None,
        "per_proposal": params.per_proposal,
        "seed": params.seed,
        "blind": params.blind,
        "lang": params.lang,
        "sheets_out": Path(target),
        "force": params.force,
    }
    values = pipeline.run(("scoresheets",), given, PrefectRunner(params.lang))
    plan: AssignPlan = values["assignment"]  # type: ignore[assignment]
    files: list[Path] = values["scoresheets"]  # type: ignore[assignment]
    get_run_logger().info("%d scoresheet files written to %s", len(files), target)
    create_table_artifact(
        key="kipp-assignments",
        table=[a.model_dump() for a in plan.assignments],
        description=f"Reviewer assignments: {plan.proposals} proposals x {plan.per_proposal}",
    )
    create_table_artifact(
        key="kipp-reviewer-loads",
        table=[{"reviewer": r, "proposals": n} for r, n in plan.loads.items()],
        description=f"Proposals per reviewer; scoresheets in {target}",
    )
    return AssignSummary(
        out_dir=target,
        proposals=plan.proposals,
        reviewers=plan.reviewers,
        per_proposal=plan.per_proposal,
        assignments=len(plan.assignments),
        loads=plan.loads,
    )
