"""`kipp serve`: the deployments people trigger from the Prefect UI, served by this process.

Three deployments, each with a typed form (its pydantic parameters):

- `kipp-validate/validate`: check a batch against the submission format;
- `kipp-run/score`: the main job, with coordinator approval on by default;
- `kipp-assign/assign`: assign reviewers to the eligible proposals.

Paths in the forms are read on the machine that serves, relative to the folder `kipp serve`
was started in. For deployments run by workers on other machines see `prefect.yaml`.
"""

from typing import cast

from prefect import serve
from prefect.deployments.runner import RunnerDeployment
from prefect.types.entrypoint import EntrypointType
from prefect.utilities.callables import ParameterSchema

from kipp.core.i18n import Lang, tr
from kipp.core.problems import KippError
from kipp_app.flows.assign import AssignParameters, Blind, kipp_assign
from kipp_app.flows.forms import DocumentLanguage, localised_schema
from kipp_app.flows.run import RunParameters, kipp_run
from kipp_app.flows.validate import ValidateParameters, kipp_validate
from kipp_app.server.check import api_url, check_api

DEFAULT_BATCH = "submissions/mojokerto-2022"
TAGS = ["kipp"]
# the catalogue key (`form.<key>.*`) of each section the forms show, by its definition's name
SECTIONS = {
    ValidateParameters.__name__: "validate.params",
    RunParameters.__name__: "run.params",
    AssignParameters.__name__: "assign.params",
    DocumentLanguage.__name__: "language",
    Blind.__name__: "assign.blind",
}


class NoServerError(KippError):
    """`kipp serve` needs a Prefect server to register with."""


def _localised(deployment: RunnerDeployment, form: str, lang: Lang) -> RunnerDeployment:
    """`deployment` with its form's titles and descriptions in `lang`, its sections' too."""
    schema = deployment._parameter_openapi_schema.model_dump()
    localised = localised_schema(schema, form, lang, SECTIONS)
    deployment._parameter_openapi_schema = ParameterSchema(**localised)
    return deployment


def deployments(
    batch: str = DEFAULT_BATCH, approval: bool = True, lang: Lang = Lang.ID
) -> list[RunnerDeployment]:
    """The deployments, their forms pre-filled with `batch` (and approval on, by default),
    titled and described in `lang`; each names its flow by module
    (`kipp_app.flows.run.kipp_run`), so the flow runs wherever kipp is installed, whatever
    folder `kipp serve` started in."""
    forms = (
        (kipp_validate, "validate", "validate", ValidateParameters(batch=batch)),
        (kipp_run, "score", "run", RunParameters(batch=batch, approval=approval)),
        (kipp_assign, "assign", "assign", AssignParameters(batch=batch)),
    )
    made = []
    for flow, name, form, defaults in forms:
        deployment = cast(  # sync context: built, not awaitable
            RunnerDeployment,
            flow.to_deployment(
                name=name,
                parameters={"params": defaults.model_dump(mode="json")},
                description=tr(f"form.{form}.deployment", lang),
                tags=TAGS,
                entrypoint_type=EntrypointType.MODULE_PATH,
            ),
        )
        made.append(_localised(deployment, form, lang))
    return made


def serve_kipp(
    batch: str = DEFAULT_BATCH,
    approval: bool = True,
    limit: int | None = None,
    lang: Lang = Lang.ID,
) -> None:
    """Register the deployments with the server of PREFECT_API_URL, their forms in `lang`,
    and run what is triggered until interrupted. Fails in seconds when no server is
    configured or it does not answer."""
    url = api_url()
    if not url:
        raise NoServerError.of("error.serve_needs_server", "hint.serve_needs_server")
    check_api(url)
    serve(*deployments(batch, approval, lang), limit=limit)
