"""The coordinator's approval step: pause after scoring, take a typed decision from the UI.

The run first waits in its process for `wait_s` seconds (the UI shows a Resume button with
the form below). If nobody decides by then, a run of a deployment is *suspended*: it stays
Paused (never Failed), its process exits and frees the worker, and when the coordinator
resumes it with the form the run is started again; every stage before the decision comes
back from the content-keyed cache in seconds, and the decision given is loaded. A run
without a deployment (`kipp run --approval`) cannot be restarted by a worker, so there the
wait's end is an error that says so.
"""

import time
from datetime import UTC, datetime
from typing import Any
from uuid import UUID

from prefect import get_run_logger
from prefect.client.orchestration import get_client
from prefect.client.schemas.objects import State
from prefect.context import FlowRunContext
from prefect.flow_runs import suspend_flow_run
from prefect.input import (
    Keyset,
    RunInput,
    create_flow_run_input,
    keyset_from_paused_state,
    read_flow_run_input,
)
from prefect.states import Paused, Running, Suspended
from prefect.utilities.engine import propose_state_sync

from kipp.core.i18n import Lang, tr
from kipp.shortlist.approval import Decision, check_unchanged
from kipp_app.flows.forms import decision_of

PAUSE_KEY = "kipp-approval"
SUSPEND_KEY = "kipp-approval-suspended"
SHOWN_KEY = "kipp-approval-shown"  # the proposal_digest of the shortlist the form was asked on
POLL_S = 2
EXPIRY_MARGIN_S = 600


class ApprovalTimeoutError(RuntimeError):
    """No decision came in time, and the run has no deployment to resume it later."""


def _decision(answer: RunInput, keyset: Keyset, run_id: UUID, lang: Lang) -> Decision:
    decided_at = _answered_at(keyset, run_id).isoformat(timespec="seconds")
    return decision_of(answer, lang, decided_at)


def _answered_at(keyset: Keyset, run_id: UUID) -> datetime:
    """When the coordinator sent the form: the time the server stored the answer (a run
    restarted after a suspension decides later than that); now if it cannot be read."""
    with get_client(sync_client=True) as client:
        stored = client.filter_flow_run_input(
            run_id, key_prefix=keyset["response"], limit=10, exclude_keys=set()
        )
    created = [item.created for item in stored if item.key == keyset["response"] and item.created]
    return created[0].astimezone(UTC) if created else datetime.now(UTC)


def _keys(attempt: int) -> tuple[str, str, str]:
    """The pause, suspend and shown-shortlist keys of an attempt: each asks for a new form; a
    run started again after a suspension replays the earlier attempts' answers by their
    keys."""
    suffix = "" if attempt == 1 else f"-{attempt}"
    return f"{PAUSE_KEY}{suffix}", f"{SUSPEND_KEY}{suffix}", f"{SHOWN_KEY}{suffix}"


def _record_shown(key: str, run_id: UUID, proposed: str) -> None:
    """Store the digest of the shortlist this attempt's form is asked on, once: a run
    started again after a suspension keeps the one the coordinator saw."""
    if read_flow_run_input(key, flow_run_id=run_id) is None:
        create_flow_run_input(key, proposed, flow_run_id=run_id)


def _decided(
    answer: RunInput, keyset: Keyset, run_id: UUID, shown_key: str, proposed: str, lang: Lang
) -> Decision:
    """The decision of a form's answer, refused (`ApprovalError`) when it was given on
    another shortlist than the one `proposed` now: after a suspension the run reads the
    batch again, and files edited meanwhile may have changed it."""
    shown = read_flow_run_input(shown_key, flow_run_id=run_id)
    check_unchanged(shown if isinstance(shown, str) else None, proposed)
    return _decision(answer, keyset, run_id, lang)


def _pause_in_process(
    run_id: UUID, wait_s: int, proposed: State[Any], form: type[RunInput]
) -> RunInput | None:
    """Pause the run and wait in this process up to `wait_s` seconds: the coordinator's
    answer, or None when nobody answered in time (the run is then Running again, so that it
    can be suspended).

    This is Prefect's in-process pause with one difference: the server's deadline for the
    pause lies `EXPIRY_MARGIN_S` beyond the wait. With Prefect's own `pause_flow_run` both
    are the same, and the server's expired-pause service could fail the run in the moment
    between the wait's end and the suspension (seen in CI); the margin only matters when
    this process dies while waiting, and then the server fails the run, as it should.
    """
    keyset = keyset_from_paused_state(proposed)
    proposed.state_details.run_input_keyset = {str(k): v for k, v in keyset.items()}
    with get_client(sync_client=True) as client:
        state = propose_state_sync(client, proposed, flow_run_id=run_id)
        if state.is_running():
            # the server refuses a pause key it has seen: this pause was answered before
            return _answer(keyset, run_id, form)
        if not state.is_paused():
            raise RuntimeError(f"the run could not be paused for approval: {state.name}")
        form.save(keyset, flow_run_id=run_id)
        deadline = time.monotonic() + wait_s
        while True:
            current = client.read_flow_run(run_id).state
            if current is not None and current.is_running():
                return _answer(keyset, run_id, form)
            if current is not None and not current.is_paused():
                raise RuntimeError(f"the run left its pause without a decision: {current.name}")
            remaining = deadline - time.monotonic()
            if remaining <= 0:
                break
            time.sleep(min(POLL_S, remaining))
        # From here on a resume is refused by the server (the run is not paused); a resume
        # that came in just before this is kept, with its input, and is taken below.
        client.set_flow_run_state(run_id, Running(), force=True)
    return _answer(keyset, run_id, form)


def _answer(keyset: Keyset, run_id: UUID, form: type[RunInput]) -> RunInput | None:
    """The form's answer saved for this pause, or None when there is none yet."""
    value = read_flow_run_input(keyset["response"], flow_run_id=run_id)
    return None if value is None else form.model_validate(value)


def await_approval(
    wait_s: int, proposed: str, form: type[RunInput], lang: Lang, attempt: int = 1
) -> Decision:
    """Block until a coordinator resumes the run with a decision (see the module's note),
    given on `form` (`kipp_app.flows.forms.approval_form`, in `lang`); `proposed` is the
    `kipp.shortlist.approval.proposal_digest` of the shortlist shown, `attempt` counts the
    forms asked for in this run (a refused decision asks again). A decision given on another
    shortlist than `proposed` (edited files read again after a suspension) raises
    `kipp.shortlist.approval.ApprovalError`, like a decision that cannot apply."""
    context = FlowRunContext.get()
    if context is None or context.flow_run is None:
        raise RuntimeError("approval can only be awaited inside a flow run")
    run = context.flow_run
    pause_key, suspend_key, shown_key = _keys(attempt)
    if suspend_key in (run.empirical_policy.pause_keys or set()):
        # started again after a suspension: the suspend has fired, so this returns its input
        answered = suspend_flow_run(wait_for_input=form, key=suspend_key)
        suspended: State[Any] = Suspended(pause_key=suspend_key)
        keyset = keyset_from_paused_state(suspended)
        return _decided(answered, keyset, run.id, shown_key, proposed, lang)
    get_run_logger().info("%s", tr("log.approval.waiting", lang, seconds=wait_s))
    _record_shown(shown_key, run.id, proposed)
    paused: State[Any] = Paused(
        timeout_seconds=wait_s + EXPIRY_MARGIN_S, reschedule=False, pause_key=pause_key
    )
    answer = _pause_in_process(run.id, wait_s, paused, form)
    if answer is not None:
        keyset = keyset_from_paused_state(paused)
        return _decided(answer, keyset, run.id, shown_key, proposed, lang)
    if run.deployment_id is None:
        raise ApprovalTimeoutError(tr("log.approval.timeout", lang, seconds=wait_s))
    get_run_logger().info("%s", tr("log.approval.suspended", lang))
    suspend_flow_run(wait_for_input=form, key=suspend_key)  # raises Pause
    raise AssertionError("unreachable: suspend_flow_run exits the run")
