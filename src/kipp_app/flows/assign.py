"""`kipp-assign`: assign reviewers to the eligible proposals of a batch, from the Prefect UI.

Runs the pipeline up to the scoresheets, as `kipp assign` does: every eligible proposal gets
K reviewers, loads differ by at most one, nobody reviews their own agency's proposals (read
through the batch's agency registry) or a declared conflict; the scoresheets are written one
file at a time atomically, and those already in the folder are kept unless `force`. The
loads and the assignment are shown as table artifacts."""

from datetime import date
from enum import StrEnum
from pathlib import Path
from typing import Annotated, Any

from prefect import flow, get_run_logger
from prefect.artifacts import create_table_artifact
from pydantic import BaseModel, BeforeValidator, Field, GetJsonSchemaHandler
from pydantic.json_schema import JsonSchemaValue
from pydantic_core import CoreSchema

from kipp import pipeline
from kipp.assignment.plan import AssignPlan, check_sheets_folder
from kipp.core.i18n import tr
from kipp_app.flows.forms import DocumentLanguage, described, description, section, title
from kipp_app.flows.runner import PrefectRunner


class Blind(StrEnum):
    """Whether the scoresheets hide agencies and innovators: as the rubric says, or not."""

    RUBRIC = "rubric"
    YES = "yes"
    NO = "no"

    @property
    def choice(self) -> bool | None:
        """True, False, or None for the rubric's choice."""
        return {Blind.RUBRIC: None, Blind.YES: True, Blind.NO: False}[self]

    @classmethod
    def __get_pydantic_json_schema__(
        cls, core_schema: CoreSchema, handler: GetJsonSchemaHandler
    ) -> JsonSchemaValue:
        """Titled and described as the form's field (`form.assign.blind.*`)."""
        return described("assign.blind", core_schema, handler)


def _field(key: str, default: Any = ..., **rules: Any) -> Any:
    """An assign form's field titled and described from the catalogue."""
    return Field(default, title=title(key), description=description(key), **rules)


class AssignParameters(BaseModel):
    """Who reviews what (drawn as a form in the Prefect UI; an empty text or a 0 is the
    default)."""

    model_config = section("assign.params")  # the form's section: not this docstring

    batch: str = _field("run.batch")
    panel: str = _field("assign.panel", "")
    per_proposal: int = _field("assign.per_proposal", 0, ge=0)
    seed: int = _field("assign.seed", 0)
    out: str = _field("assign.out", "")
    rubric: str = _field("run.rubric", "")
    blind: Blind = _field("assign.blind", Blind.RUBRIC)
    lang: Annotated[DocumentLanguage, BeforeValidator(DocumentLanguage.of)] = _field(
        "assign.lang", DocumentLanguage.ID
    )
    force: bool = _field("assign.force", False)
    deadline: date | None = _field("assign.deadline", None)
    corpus: str = _field("assign.corpus", "")


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
        "per_proposal": params.per_proposal or None,
        "seed": params.seed,
        "blind": params.blind.choice,
        "lang": params.lang.code,
        "sheets_out": Path(target),
        "force": params.force,
        "deadline": params.deadline,
        "corpus_path": Path(params.corpus) if params.corpus else None,
    }
    check_sheets_folder(Path(target))  # before any work; checked again before writing
    values = pipeline.run(("scoresheets",), given, PrefectRunner(params.lang.code))
    plan: AssignPlan = values["assignment"]  # type: ignore[assignment]
    files: list[Path] = values["scoresheets"]  # type: ignore[assignment]
    lang = params.lang.code
    written = tr("log.assign.written", lang, files=len(files), folder=target)
    get_run_logger().info("%s", written)
    create_table_artifact(
        key="kipp-assignments",
        table=[a.model_dump() for a in plan.assignments],
        description=tr(
            "ui.assign.assignments",
            lang,
            proposals=plan.proposals,
            per_proposal=plan.per_proposal,
        ),
    )
    create_table_artifact(
        key="kipp-reviewer-loads",
        table=[{"reviewer": r, "proposals": n} for r, n in plan.loads.items()],
        description=tr("ui.assign.loads", lang, folder=target),
    )
    return AssignSummary(
        out_dir=target,
        proposals=plan.proposals,
        reviewers=plan.reviewers,
        per_proposal=plan.per_proposal,
        assignments=len(plan.assignments),
        loads=plan.loads,
    )
