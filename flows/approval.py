"""The coordinator's approval step: pause after scoring, take a typed decision from the UI.

The run first waits in its process for `wait_s` seconds (the UI shows a Resume button with
the form below). If nobody decides by then, a run of a deployment is *suspended*: it stays
Paused (never Failed), its process exits and frees the worker, and when the coordinator
resumes it with the form the run is started again; every stage before the decision comes
back from the content-keyed cache in seconds, and the decision given is loaded. A run
without a deployment (`kipp run --approval`) cannot be restarted by a worker, so there the
wait's end is an error that says so.
"""

from datetime import UTC, datetime

from prefect.client.orchestration import get_client
from prefect.context import FlowRunContext
from prefect.exceptions import FlowPauseTimeout
from prefect.flow_runs import pause_flow_run, suspend_flow_run
from prefect.input import RunInput
from prefect.states import Running
from pydantic import Field

from kipp.approval import Decision, Move

PAUSE_KEY = "kipp-approval"
SUSPEND_KEY = "kipp-approval-suspended"
POLL_S = 2


class ApprovalInput(RunInput):
    """The form a coordinator fills in to resume a paused run."""

    decided_by: str = Field(min_length=1, description="Your name: recorded in the documents")
    note: str = Field(default="", description="A comment on the shortlist (optional)")
    moves: list[Move] = Field(
        default_factory=list,
        description="Proposals to move into or out of the shortlist, each with a reason; "
        "leave empty to approve the shortlist as ranked",
    )


class ApprovalTimeoutError(RuntimeError):
    """No decision came in time, and the run has no deployment to resume it later."""


def _decision(answer: ApprovalInput) -> Decision:
    return Decision(
        decided_by=answer.decided_by.strip(),
        note=answer.note.strip(),
        moves=answer.moves,
        decided_at=datetime.now(UTC).isoformat(timespec="seconds"),
    )


def _keys(attempt: int) -> tuple[str, str]:
    """The pause and suspend keys of an attempt: each asks for a new form; a run started
    again after a suspension replays the earlier attempts' answers by their keys."""
    suffix = "" if attempt == 1 else f"-{attempt}"
    return f"{PAUSE_KEY}{suffix}", f"{SUSPEND_KEY}{suffix}"


def await_approval(wait_s: int, attempt: int = 1) -> Decision:
    """Block until a coordinator resumes the run with a decision (see the module's note);
    `attempt` counts the forms asked for in this run (a refused decision asks again)."""
    context = FlowRunContext.get()
    if context is None or context.flow_run is None:
        raise RuntimeError("approval can only be awaited inside a flow run")
    run = context.flow_run
    pause_key, suspend_key = _keys(attempt)
    if suspend_key in (run.empirical_policy.pause_keys or set()):
        # started again after a suspension: the suspend has fired, so this returns its input
        return _decision(suspend_flow_run(wait_for_input=ApprovalInput, key=suspend_key))
    try:
        answer = pause_flow_run(
            wait_for_input=ApprovalInput,
            timeout=wait_s,
            poll_interval=min(POLL_S, wait_s),
            key=pause_key,
        )
    except FlowPauseTimeout:
        if run.deployment_id is None:
            raise ApprovalTimeoutError(
                f"no approval within {wait_s} s; a run without a deployment cannot stay "
                "paused after its process ends (serve the deployments with `kipp serve`, "
                "or run without --approval)"
            ) from None
        # the expired pause would fail the run when left; make the run Running again so it
        # can be suspended (paused with no deadline, the process released)
        with get_client(sync_client=True) as client:
            client.set_flow_run_state(run.id, Running(), force=True)
        suspend_flow_run(wait_for_input=ApprovalInput, key=suspend_key)  # raises Pause
        raise AssertionError("unreachable: suspend_flow_run exits the run") from None
    return _decision(answer)
