"""`kipp-assign`: assign reviewers to the eligible proposals of a batch, from the Prefect UI.

Wires the same domain function as `kipp assign` (`kipp.reviews.plan.plan_assignment`: every
eligible proposal gets K reviewers, loads differ by at most one, nobody reviews their own
agency's proposals, read through the batch's agency registry, or a declared conflict) and
writes the same scoresheets, one file at a time atomically. Scoresheets already in the
folder are kept unless `force`. The loads and the assignment are shown as table artifacts."""

from pathlib import Path

from prefect import flow, get_run_logger, task
from prefect.artifacts import create_table_artifact
from prefect.cache_policies import NO_CACHE
from pydantic import BaseModel, Field

from flows.retries import IO_RETRIES
from kipp.compliance import batch_registry
from kipp.i18n import Lang
from kipp.outputs import write_atomic
from kipp.problems import KippError
from kipp.reviews.plan import AssignPlan, plan_assignment
from kipp.reviews.sheets import existing_scores
from kipp.rubric import load_rubric


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


@task(name="plan-assignment", cache_policy=NO_CACHE, **IO_RETRIES)
def plan_task(params: AssignParameters) -> AssignPlan:
    rubric = load_rubric(Path(params.rubric) if params.rubric else None)
    batch = Path(params.batch)
    panel = Path(params.panel) if params.panel else batch / "reviewers.yaml"
    return plan_assignment(
        batch,
        rubric.rubric,
        panel,
        params.per_proposal,
        params.seed,
        params.blind,
        params.lang,
        batch_registry(batch),  # the batch's agency registry, if it has one
    )


@task(name="write-scoresheets", cache_policy=NO_CACHE, **IO_RETRIES)
def write_task(plan: AssignPlan, target: str, force: bool) -> list[str]:
    folder = Path(target)
    present = existing_scores(folder)
    if present and not force:
        raise KippError(
            f"{folder} already holds scoresheets ({len(present)}, e.g. {present[0]})",
            "keep completed sheets safe: give another out folder, or force to overwrite",
        )
    return [str(write_atomic(folder / name, content)) for name, content in plan.files.items()]


@flow(name="kipp-assign", log_prints=False)
def kipp_assign(params: AssignParameters) -> AssignSummary:
    """Assign reviewers to every eligible proposal and write one scoresheet per reviewer."""
    plan = plan_task(params)
    target = params.out or str(Path(params.batch) / "_reviews")
    files = write_task(plan, target, params.force)
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
