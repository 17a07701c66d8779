"""`kipp-validate`: check a batch against the submission format, from the Prefect UI.

Runs the pipeline's intake (as `kipp validate` does) and shows what it found as artifacts:
the validation problems as a table and the counts as a short markdown summary."""

from pathlib import Path
from typing import Annotated

from prefect import flow, get_run_logger
from prefect.artifacts import create_markdown_artifact
from pydantic import BaseModel, BeforeValidator, Field

from kipp import pipeline
from kipp.core.i18n import tr
from kipp.core.problems import Severity
from kipp.documents.render.jinja import markdown_text
from kipp.intake import Batch
from kipp_app.flows.artifacts import problems_table
from kipp_app.flows.forms import DocumentLanguage, description, section, title
from kipp_app.flows.runner import PrefectRunner


class ValidateParameters(BaseModel):
    """What to check (drawn as a form in the Prefect UI; an empty rubric is the bundled one)."""

    model_config = section("validate.params")  # the form's section: not this docstring

    batch: str = Field(title=title("run.batch"), description=description("run.batch"))
    rubric: str = Field(
        default="", title=title("run.rubric"), description=description("run.rubric")
    )
    lang: Annotated[DocumentLanguage, BeforeValidator(DocumentLanguage.of)] = Field(
        default=DocumentLanguage.ID,
        title=title("validate.lang"),
        description=description("validate.lang"),
    )


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
    lang = params.lang.code
    values = pipeline.run(("batch",), given, PrefectRunner(lang))
    batch: Batch = values["batch"]  # type: ignore[assignment]
    intake = batch.intake
    summary = ValidateSummary(
        files=intake.file_count,
        proposals=len(intake.entries),
        valid=len(intake.valid),
        invalid=len(intake.invalid),
        unread=len(intake.unread),
    )
    problems_table(intake, lang)
    heading = markdown_text(tr("ui.validation.heading", lang, folder=params.batch))
    warnings = sum(p.severity is Severity.WARNING for p in intake.problems())
    counts = tr(
        "cli.validate.summary_warnings" if warnings else "cli.validate.summary",
        lang,
        warnings=warnings,
        proposals=summary.proposals,
        files=summary.files,
        valid=summary.valid,
        invalid=summary.invalid,
        unread=summary.unread,
        ignored=len(intake.ignored),
    )
    create_markdown_artifact(
        key="kipp-validation",
        markdown=f"# {heading}\n\n{markdown_text(counts)}\n",
        description=tr("ui.validation", lang),
    )
    get_run_logger().info("%s", counts)
    return summary
