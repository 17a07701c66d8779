"""`kipp-validate`: check a batch against the submission format, from the Prefect UI.

Reads every file once (as `kipp validate` does) and shows what it found as artifacts: the
validation problems as a table and the counts as a short markdown summary."""

from pathlib import Path

from prefect import flow, get_run_logger, task
from prefect.artifacts import create_markdown_artifact
from prefect.cache_policies import NO_CACHE
from pydantic import BaseModel, Field

from flows.artifacts import problems_table
from flows.retries import IO_RETRIES
from kipp.intake import Batch, Limits, load_batch
from kipp.rubric import load_rubric


class ValidateParameters(BaseModel):
    """What to check (rendered as a form in the Prefect UI)."""

    batch: str = Field(description="Folder holding the proposal files")
    rubric: str | None = Field(default=None, description="Rubric YAML; the bundled KIPP 2022")


class ValidateSummary(BaseModel):
    """How the batch stands."""

    files: int
    proposals: int
    valid: int
    invalid: int
    unread: int


@task(name="intake", cache_policy=NO_CACHE, **IO_RETRIES)
def check_batch(batch: str, rubric: str | None) -> Batch:
    loaded = load_rubric(Path(rubric) if rubric else None)
    return load_batch(Path(batch), loaded.rubric.call.choices(), Limits())


@flow(name="kipp-validate", log_prints=False)
def kipp_validate(params: ValidateParameters) -> ValidateSummary:
    """Check every file of a batch; report each problem with its file, line and field."""
    batch = check_batch(params.batch, params.rubric)
    summary = ValidateSummary(
        files=batch.file_count,
        proposals=len(batch.entries),
        valid=len(batch.valid),
        invalid=len(batch.invalid),
        unread=len(batch.unread),
    )
    problems_table(batch)
    create_markdown_artifact(
        key="kipp-validation",
        markdown=(
            f"# Validation of `{params.batch}`\n\n"
            f"{summary.proposals} proposals from {summary.files} files: "
            f"**{summary.valid} valid**, {summary.invalid} invalid, {summary.unread} unread\n"
        ),
        description="Validation summary",
    )
    get_run_logger().info("validation: %s", summary.model_dump())
    return summary
