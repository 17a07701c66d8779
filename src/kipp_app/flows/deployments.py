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

from kipp.core.problems import KippError
from kipp_app.flows.assign import AssignParameters, kipp_assign
from kipp_app.flows.run import RunParameters, kipp_run
from kipp_app.flows.validate import ValidateParameters, kipp_validate
from kipp_app.server.check import api_url, check_api

DEFAULT_BATCH = "submissions/mojokerto-2022"
TAGS = ["kipp"]


class NoServerError(KippError):
    """`kipp serve` needs a Prefect server to register with."""


def deployments(batch: str = DEFAULT_BATCH, approval: bool = True) -> list[RunnerDeployment]:
    """The deployments, their forms pre-filled with `batch` (and approval on, by default);
    each names its flow by module (`kipp_app.flows.run.kipp_run`), so the flow runs wherever
    kipp is installed, whatever folder `kipp serve` started in."""
    score = RunParameters(batch=batch, approval=approval)
    made = [
        kipp_validate.to_deployment(
            name="validate",
            parameters={"params": ValidateParameters(batch=batch).model_dump(mode="json")},
            description="Check every file of a batch against the submission format.",
            tags=TAGS,
            entrypoint_type=EntrypointType.MODULE_PATH,
        ),
        kipp_run.to_deployment(
            name="score",
            parameters={"params": score.model_dump(mode="json")},
            description="Validate, gate, measure, score and shortlist a batch; pause for the "
            "coordinator's approval; write the documents.",
            tags=TAGS,
            entrypoint_type=EntrypointType.MODULE_PATH,
        ),
        kipp_assign.to_deployment(
            name="assign",
            parameters={"params": AssignParameters(batch=batch).model_dump(mode="json")},
            description="Assign reviewers to the eligible proposals of a batch.",
            tags=TAGS,
            entrypoint_type=EntrypointType.MODULE_PATH,
        ),
    ]
    return [cast(RunnerDeployment, d) for d in made]  # sync context: built, not awaitable


def serve_kipp(batch: str = DEFAULT_BATCH, approval: bool = True, limit: int | None = None) -> None:
    """Register the deployments with the server of PREFECT_API_URL and run what is triggered
    until interrupted. Fails in seconds when no server is configured or it does not answer."""
    url = api_url()
    if not url:
        raise NoServerError.of("error.serve_needs_server", "hint.serve_needs_server")
    check_api(url)
    serve(*deployments(batch, approval), limit=limit)
