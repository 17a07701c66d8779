"""`kipp-validate`: check a batch against the submission format, from the Prefect UI.

Runs the pipeline's intake (as `kipp validate` does) and shows what it found as artifacts:
the validation problems as a table and the counts as a short markdown summary."""

from pathlib import Path

from prefect import flow, get_run_logger
from prefect.artifacts import create_markdown_artifact
from pydantic import BaseModel, Field

from kipp import pipeline
from kipp.core.i18n import Lang
from kipp.intake import Batch
from kipp_app.flows.artifacts import problems_table
from kipp_app.flows.runner import PrefectRunner


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


@flow(name="kipp-validate", log_prints=False)
def kipp_validate(params: ValidateParameters) -> ValidateSummary:
    """Check every file of a batch; report each problem with its file, line and field."""
    given = {
        "batch_folder": Path(params.batch),
        "rubric_path": Path(params.rubric) if params.rubric else None,
    }
    values = pipeline.run(("batch",), given, PrefectRunner(Lang.EN))
    batch: Batch = values["batch"]  # type: ignore[assignment]
    intake = batch.intake
    summary = ValidateSummary(
        files=intake.file_count,
        proposals=len(intake.entries),
        valid=len(intake.valid),
        invalid=len(intake.invalid),
        unread=len(intake.unread),
    )
    problems_table(intake)
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
