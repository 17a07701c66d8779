"""The Prefect internals kipp relies on, checked so that a Prefect upgrade that changes one
fails here, loudly, naming what changed and which kipp module to re-check.

kipp goes beyond Prefect's public API in a few places:

- `kipp_app.server.embedded` starts Prefect's embedded server itself, with the command and
  environment of Prefect's `SubprocessASGIServer`, and decides to do so by the rule
  `get_client` follows;
- `kipp_app.flows.approval` copies Prefect's in-process pause (keysets, `propose_state_sync`,
  the run input's schema and response keys) and relies on the server's pause and resume rules;
- `kipp_app.flows.runner` and `kipp_app.flows.retries` pass task inputs inside `quote`, give
  tasks a path as result storage and a retry condition;
- `kipp_app.flows.run` turns the flow heartbeat off with a legacy `Setting`.

Written against Prefect 3.9.1. Nothing here starts a server or runs a flow: each check
reads a signature, builds a value, or reads Prefect's own code path (its source, where the
behaviour needs a server to observe).
"""

from __future__ import annotations

import ast
import inspect
import io
import os
import subprocess
import sys
import textwrap
import uuid
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path
from types import SimpleNamespace
from typing import Any, cast

import prefect
import pytest
import uvicorn
from prefect.cache_policies import NO_CACHE, CacheKeyFnPolicy
from prefect.client.orchestration import SyncPrefectClient, get_client
from prefect.client.schemas.objects import (
    FlowRun,
    FlowRunInput,
    FlowRunPolicy,
    State,
    StateDetails,
    StateType,
    TaskRunResult,
)
from prefect.context import FlowRunContext
from prefect.events.worker import EventsWorker
from prefect.filesystems import LocalFileSystem
from prefect.flow_engine import BaseFlowRunEngine, _send_heartbeats
from prefect.flow_runs import pause_flow_run, suspend_flow_run
from prefect.futures import PrefectFuture, as_completed
from prefect.input import (
    create_flow_run_input,
    keyset_from_paused_state,
    read_flow_run_input,
)
from prefect.input import run_input as prefect_run_input
from prefect.logging.handlers import APILogWorker
from prefect.results import resolve_result_storage
from prefect.server.api.flow_runs import resume_flow_run
from prefect.server.api.server import SubprocessASGIServer, create_app
from prefect.server.orchestration.core_policy import CoreFlowPolicy, HandlePausingFlows
from prefect.settings import (
    PREFECT_API_URL,
    PREFECT_FLOWS_HEARTBEAT_FREQUENCY,
    PREFECT_SERVER_EPHEMERAL_ENABLED,
    PREFECT_SERVER_EPHEMERAL_STARTUP_TIMEOUT_SECONDS,
    Settings,
    get_current_settings,
    temporary_settings,
)
from prefect.settings.legacy import Setting
from prefect.states import Failed, Paused, Pending, Running, Suspended
from prefect.task_engine import AsyncTaskRunEngine, SyncTaskRunEngine
from prefect.utilities.annotations import quote
from prefect.utilities.engine import (
    collect_task_run_inputs_sync,
    propose_state_sync,
    resolve_inputs_sync,
)

from kipp.core.i18n import Lang
from kipp.core.transient import is_transient
from kipp.pipeline.stage import Stage
from kipp_app.flows import run, runner
from kipp_app.flows.retries import IO_RETRIES, transient_io
from kipp_app.server import check, embedded
from kipp_app.server.embedded import EmbeddedServer

PORT = 54321  # never bound: the server processes below are never started
URL = "http://127.0.0.1:4999/api"  # never contacted
RUN_ID = uuid.UUID("00000000-0000-4000-8000-000000000001")
EMBEDDED = "kipp_app.server.embedded"
APPROVAL = "kipp_app.flows.approval"
RUNNER = "kipp_app.flows.runner"
RETRIES = "kipp_app.flows.retries"
RUN = "kipp_app.flows.run"


def changed(internal: str, module: str, use: str, found: str = "") -> str:
    """The failure message: what changed, which kipp module relies on it and for what."""
    detail = f" ({found})" if found else ""
    return (
        f"{internal} changed{detail}: {module} uses it to {use}; "
        f"re-check that module against Prefect {prefect.__version__}"
    )


def _tree(function: Callable[..., object]) -> ast.AST:
    return ast.parse(textwrap.dedent(inspect.getsource(inspect.unwrap(function))))


def _calls(function: Callable[..., object]) -> list[tuple[str, list[str]]]:
    """The calls in `function`'s source, in source order: what is called and its positional
    arguments, as source text (`("os.getenv", ["'NAME'"])`)."""
    nodes = [node for node in ast.walk(_tree(function)) if isinstance(node, ast.Call)]
    nodes.sort(key=lambda node: (node.lineno, node.col_offset))
    return [(ast.unparse(n.func), [ast.unparse(a) for a in n.args]) for n in nodes]


def _called(function: Callable[..., object]) -> list[str]:
    return [name for name, _ in _calls(function)]


def _in_order(seen: list[str], wanted: list[str]) -> bool:
    """Whether `wanted` occurs in `seen` in this order (other items may come between)."""
    rest = iter(seen)
    return all(any(item == step for item in rest) for step in wanted)


def _parameters(function: Callable[..., object]) -> list[str]:
    return list(inspect.signature(function).parameters)


# --- kipp_app.server.embedded: the embedded server started by kipp itself --------------


@dataclass
class Launch:
    """One server process as it would have been started: its command and environment."""

    args: list[str]
    env: dict[str, str]
    outer: dict[str, str]  # the environment of the process that started it, then


class _Popen:
    """Stands in for `subprocess.Popen`: records what it is asked to start, starts nothing."""

    def __init__(self) -> None:
        self.launches: list[Launch] = []

    def __call__(self, args: list[str], **kwargs: Any) -> SimpleNamespace:
        self.launches.append(Launch(list(args), dict(kwargs["env"]), dict(os.environ)))
        return SimpleNamespace(pid=0, poll=lambda: None, returncode=None, stdout=io.BytesIO())


@dataclass
class Launches:
    """The server process Prefect would start, and the one kipp would."""

    prefect: Launch
    kipp: Launch


@pytest.fixture
def isolated_servers(monkeypatch: pytest.MonkeyPatch) -> None:
    """`SubprocessASGIServer` keeps one instance per port in a class attribute: the
    instances made here go to a dict of their own."""
    monkeypatch.setattr(SubprocessASGIServer, "_instances", {})


@pytest.fixture
def launches(monkeypatch: pytest.MonkeyPatch, isolated_servers: None) -> Launches:
    """The server process Prefect's `SubprocessASGIServer` starts and the one
    `EmbeddedServer.start` starts, on the same port, neither of them started."""
    popen = _Popen()
    monkeypatch.setattr(subprocess, "Popen", popen)
    monkeypatch.setattr(embedded, "_free_port", lambda: PORT)
    monkeypatch.setattr(embedded, "_started", [])  # none of these stand-ins is kept
    server = SubprocessASGIServer(port=PORT)
    run_uvicorn = getattr(server, "_run_uvicorn_command", None)
    if not callable(run_uvicorn):
        pytest.fail(
            changed(
                "prefect.server.api.server.SubprocessASGIServer._run_uvicorn_command",
                EMBEDDED,
                "launch the same server process Prefect launches (EmbeddedServer.start)",
                "the method is gone",
            )
        )
    run_uvicorn()
    EmbeddedServer().start()
    assert len(popen.launches) == 2
    return Launches(prefect=popen.launches[0], kipp=popen.launches[1])


def test_subprocess_server_command_is_the_embedded_servers_command(launches: Launches) -> None:
    assert launches.kipp.args == launches.prefect.args, changed(
        "prefect.server.api.server.SubprocessASGIServer._run_uvicorn_command",
        EMBEDDED,
        "start Prefect's embedded server itself with the same command (EmbeddedServer.start)",
        f"Prefect runs {launches.prefect.args[1:]}, kipp runs {launches.kipp.args[1:]}",
    )


def test_subprocess_server_environment_adds_only_the_ephemeral_variables(
    launches: Launches,
) -> None:
    settings = get_current_settings().to_environment_variables(exclude_unset=True)
    expected = {**launches.prefect.outer, **embedded._EPHEMERAL, **settings}
    added = {k: v for k, v in launches.prefect.env.items() if expected.get(k) != v}
    dropped = sorted(set(expected) - set(launches.prefect.env))
    assert (added, dropped) == ({}, []), changed(
        "the environment of prefect.server.api.server.SubprocessASGIServer._run_uvicorn_command",
        EMBEDDED,
        "give its server process what Prefect's has (_EPHEMERAL: no UI, ephemeral, final)",
        f"Prefect now also sets {added} and no longer sets {dropped}",
    )
    kipps = {name: launches.kipp.env.get(name) for name in embedded._EPHEMERAL}
    assert kipps == embedded._EPHEMERAL


def test_uvicorn_cli_parses_the_embedded_servers_command(launches: Launches) -> None:
    args = launches.kipp.args
    assert args[:3] == [sys.executable, "-m", "uvicorn"]
    context = uvicorn.main.make_context("uvicorn", args[3:])
    expected = {
        "app": "prefect.server.api.server:create_app",
        "factory": True,
        "app_dir": embedded._app_dir(),
        "host": "127.0.0.1",
        "port": PORT,
        "log_level": "error",
        "lifespan": "on",
    }
    parsed = {name: context.params.get(name) for name in expected}
    assert parsed == expected, changed(
        f"uvicorn {uvicorn.__version__}'s command line (the server Prefect runs)",
        EMBEDDED,
        "serve Prefect's app factory on 127.0.0.1 (EmbeddedServer.start)",
        f"it reads {parsed}",
    )


def test_create_app_is_a_factory_reading_the_ephemeral_variables() -> None:
    required = [
        name
        for name, parameter in inspect.signature(create_app).parameters.items()
        if parameter.default is inspect.Parameter.empty
        and parameter.kind not in (parameter.VAR_POSITIONAL, parameter.VAR_KEYWORD)
    ]
    assert required == [], changed(
        "prefect.server.api.server.create_app",
        EMBEDDED,
        "serve it with `uvicorn --factory`, which calls it with no arguments",
        f"it now requires {required}",
    )
    reads = [args for name, args in _calls(create_app) if name == "os.getenv"]
    for variable in ("PREFECT__SERVER_EPHEMERAL", "PREFECT__SERVER_FINAL"):
        assert [repr(variable)] in reads, changed(
            "prefect.server.api.server.create_app",
            EMBEDDED,
            f"make the server it starts ephemeral and final through {variable}",
            f"it no longer reads {variable}",
        )


def _normal(value: str) -> str:
    return {"0": "false", "1": "true"}.get(value.lower(), value.lower())


# the variables of Prefect's settings; `PREFECT__SERVER_*` are read by `create_app` itself
SETTINGS_VARIABLES = {
    **embedded.SERVER_ENVIRONMENT,
    **{k: v for k, v in embedded._EPHEMERAL.items() if not k.startswith("PREFECT__")},
}


@pytest.mark.parametrize(("name", "value"), sorted(SETTINGS_VARIABLES.items()))
def test_server_environment_variable_sets_one_prefect_setting(
    name: str, value: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    for other in SETTINGS_VARIABLES:
        monkeypatch.delenv(other, raising=False)
    before = Settings().to_environment_variables(exclude_unset=True)
    monkeypatch.setenv(name, value)
    after = Settings().to_environment_variables(exclude_unset=True)
    set_now = {k: _normal(v) for k, v in after.items() if before.get(k) != v}
    assert list(set_now.values()) == [_normal(value)], changed(
        f"the Prefect setting read from {name}",
        EMBEDDED,
        f"configure its server process with {name}={value} (SERVER_ENVIRONMENT, _EPHEMERAL); "
        "Prefect ignores an environment variable it does not know, silently",
        f"setting it changes {set_now or 'no setting'}",
    )


@pytest.mark.parametrize(
    ("api_url", "ephemeral", "outcome"),
    [(None, True, "starts its server"), (None, False, "refuses"), (URL, True, "uses the URL")],
)
def test_get_client_starts_its_server_exactly_when_kipp_wants_one(
    api_url: str | None,
    ephemeral: bool,
    outcome: str,
    monkeypatch: pytest.MonkeyPatch,
    isolated_servers: None,
) -> None:
    class Started(Exception):
        pass

    def start(self: SubprocessASGIServer, timeout: int | None = None) -> None:
        raise Started

    monkeypatch.setattr(SubprocessASGIServer, "start", start)
    updates: dict[Setting, object] = {PREFECT_SERVER_EPHEMERAL_ENABLED: ephemeral}
    if api_url is not None:
        updates[PREFECT_API_URL] = api_url
    defaults = set() if api_url is not None else {PREFECT_API_URL}
    with temporary_settings(updates=updates, restore_defaults=defaults):
        try:
            with get_client(sync_client=True) as client:
                seen = "uses the URL" if str(client.api_url).rstrip("/") == api_url else "?"
        except Started:
            seen = "starts its server"
        except ValueError:  # no API URL, and no embedded server allowed
            seen = "refuses"
        wanted = embedded.wanted()
        uses_embedded = run.embedded()
    assert seen == outcome, changed(
        "prefect.client.orchestration.get_client",
        EMBEDDED,
        "launch the embedded server exactly when Prefect would start one (launch, wanted)",
        f"with PREFECT_API_URL={api_url} and ephemeral mode {ephemeral} it {seen}",
    )
    assert wanted == (outcome == "starts its server"), changed(
        "prefect.settings.PREFECT_API_URL or PREFECT_SERVER_EPHEMERAL_ENABLED",
        EMBEDDED,
        "tell whether Prefect would start its embedded server (wanted)",
        f"wanted() is {wanted} where get_client {seen}",
    )
    assert uses_embedded == (api_url is None), changed(
        "prefect.settings.PREFECT_API_URL", RUN, "tell a run on the embedded server (embedded)"
    )


def test_ephemeral_startup_timeout_is_the_setting_prefect_waits_on(
    isolated_servers: None,
) -> None:
    with temporary_settings(updates={PREFECT_SERVER_EPHEMERAL_STARTUP_TIMEOUT_SECONDS: 37}):
        timeout = embedded.startup_timeout_s()
    assert timeout == 37.0, changed(
        "prefect.settings (server.ephemeral.startup_timeout_seconds)",
        EMBEDDED,
        "wait for its server as long as Prefect would (startup_timeout_s)",
        f"it read {timeout}",
    )
    start = SubprocessASGIServer.start
    assert ("PREFECT_SERVER_EPHEMERAL_STARTUP_TIMEOUT_SECONDS.value", []) in _calls(start), changed(
        "prefect.server.api.server.SubprocessASGIServer.start",
        EMBEDDED,
        "wait as long as Prefect does (PREFECT_SERVER_EPHEMERAL_STARTUP_TIMEOUT_SECONDS)",
        "it no longer waits on that setting",
    )
    ours = EmbeddedServer()
    ours.port = PORT
    prefects = SubprocessASGIServer(port=PORT)
    assert "/health" in inspect.getsource(start), changed(
        "prefect.server.api.server.SubprocessASGIServer.start",
        EMBEDDED,
        "wait for the server's health check, as Prefect does (EmbeddedServer.ready)",
        "it no longer polls /health",
    )
    assert ours.api_url == prefects.api_url == f"http://127.0.0.1:{PORT}/api", changed(
        "prefect.server.api.server.SubprocessASGIServer.api_url",
        EMBEDDED,
        "give runs the embedded server's API address (EmbeddedServer.api_url)",
        f"Prefect's is {prefects.api_url}",
    )


@pytest.mark.parametrize("worker", [APILogWorker, EventsWorker], ids=lambda w: w.__name__)
def test_log_and_event_workers_drain_all_takes_a_timeout(worker: type[Any]) -> None:
    drain_all = getattr(worker, "drain_all", None)
    assert (
        inspect.ismethod(drain_all)
        and drain_all.__self__ is worker
        and "timeout" in inspect.signature(drain_all).parameters
    ), changed(
        f"{worker.__module__}.{worker.__name__}.drain_all",
        EMBEDDED,
        "send a run's last logs and events before stopping its server "
        "(drain_prefect_workers, which ignores the errors of a changed call)",
    )


# --- kipp_app.flows.approval: the coordinator's pause and its form -----------------------


def test_keyset_from_paused_state_names_keys_by_state_and_pause_key() -> None:
    paused: State[Any] = Paused(timeout_seconds=60, reschedule=False, pause_key="kipp-approval")
    suspended: State[Any] = Suspended(pause_key="kipp-approval-suspended")
    keysets = (keyset_from_paused_state(paused), keyset_from_paused_state(suspended))
    assert keysets == (
        {
            "description": "paused-kipp-approval-description",
            "response": "paused-kipp-approval-response",
            "schema": "paused-kipp-approval-schema",
        },
        {
            "description": "suspended-kipp-approval-suspended-description",
            "response": "suspended-kipp-approval-suspended-response",
            "schema": "suspended-kipp-approval-suspended-schema",
        },
    ), changed(
        "prefect.input.keyset_from_paused_state",
        APPROVAL,
        "find the form's answer by key, also from a state it builds again after a "
        "suspension (await_approval)",
        f"it gives {keysets}",
    )


def test_paused_and_suspended_states_carry_the_pause_details() -> None:
    before = datetime.now(UTC)
    paused: State[Any] = Paused(timeout_seconds=3600, reschedule=False, pause_key="kipp-approval")
    after = datetime.now(UTC)
    suspended: State[Any] = Suspended(pause_key="kipp-approval-suspended")
    details = paused.state_details
    timeout = details.pause_timeout
    found = (
        (paused.name, paused.type, paused.is_paused(), details.pause_key, details.pause_reschedule),
        (suspended.name, suspended.type, suspended.is_paused()),
        suspended.state_details.pause_reschedule,
    )
    assert found == (
        ("Paused", StateType.PAUSED, True, "kipp-approval", False),
        ("Suspended", StateType.PAUSED, True),
        True,
    ), changed(
        "prefect.states.Paused or prefect.states.Suspended",
        APPROVAL,
        "pause in its process, then suspend (await_approval)",
        f"they are {found}",
    )
    assert timeout is not None and before + timedelta(seconds=3600) <= timeout <= after + timedelta(
        seconds=3600
    ), changed(
        "prefect.states.Paused(timeout_seconds=...)",
        APPROVAL,
        "set the server's deadline for the pause beyond its own wait (EXPIRY_MARGIN_S)",
        f"pause_timeout is {timeout}",
    )
    annotation = StateDetails.model_fields["run_input_keyset"].annotation
    paused.state_details.run_input_keyset = {"response": "r"}
    assert (annotation, paused.state_details.run_input_keyset) == (
        dict[str, str] | None,
        {"response": "r"},
    ), changed(
        "prefect.client.schemas.objects.StateDetails.run_input_keyset",
        APPROVAL,
        "tell the server where the form's schema and answer are (_pause_in_process)",
        f"it is {annotation}",
    )
    assert Running().is_running(), changed(
        "prefect.states.Running", APPROVAL, "end an unanswered pause (_pause_in_process)"
    )


def test_propose_state_sync_takes_client_state_and_flow_run_id() -> None:
    parameters = _parameters(propose_state_sync)
    assert parameters[:2] == ["client", "state"] and "flow_run_id" in parameters, changed(
        "prefect.utilities.engine.propose_state_sync",
        APPROVAL,
        "propose the Paused state as Prefect's own pause does "
        "(_pause_in_process: propose_state_sync(client, state, flow_run_id=...))",
        f"its parameters are {parameters}",
    )


def test_suspend_flow_run_takes_wait_for_input_and_key() -> None:
    parameters = _parameters(suspend_flow_run)
    assert {"wait_for_input", "key"} <= set(parameters), changed(
        "prefect.flow_runs.suspend_flow_run",
        APPROVAL,
        "suspend an unanswered run and read its answer when the run starts again "
        "(suspend_flow_run(wait_for_input=<the approval form>, key=...))",
        f"its parameters are {parameters}",
    )


def test_pause_flow_run_still_takes_the_steps_kipp_copies() -> None:
    steps = ["Paused", "keyset_from_paused_state", "propose_state_sync", "wait_for_input.save"]
    steps.append("client.read_flow_run")
    assigned = [
        ast.unparse(target)
        for node in ast.walk(_tree(pause_flow_run))
        if isinstance(node, ast.Assign)
        for target in node.targets
    ]
    assert (
        _in_order(_called(pause_flow_run), steps)
        and "proposed_state.state_details.run_input_keyset" in assigned
    ), changed(
        "prefect.flow_runs.pause_flow_run",
        APPROVAL,
        "pause in its process as Prefect does, with a later server deadline "
        f"(_pause_in_process copies its steps: {steps}, and sets run_input_keyset)",
    )


def test_suspend_flow_run_returns_the_stored_answer_when_its_key_has_fired() -> None:
    steps = ["Suspended", "keyset_from_paused_state", "propose_state_sync", "state.is_running"]
    steps.append("wait_for_input.load")
    raised = [
        ast.unparse(node.exc)
        for node in ast.walk(_tree(suspend_flow_run))
        if isinstance(node, ast.Raise) and node.exc is not None
    ]
    assert _in_order(_called(suspend_flow_run), steps) and "Pause(state=state)" in raised, changed(
        "prefect.flow_runs.suspend_flow_run",
        APPROVAL,
        "take the answer of a suspension when the run starts again, and end the "
        "process when it suspends (await_approval)",
    )


def test_run_input_save_and_load_use_the_keysets_schema_and_response(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    written: dict[str, Any] = {}
    read: list[str] = []

    def create(key: str, value: Any, flow_run_id: uuid.UUID | None = None, **_: Any) -> None:
        written[key] = value

    def load(key: str, flow_run_id: uuid.UUID | None = None) -> Any:
        read.append(key)
        return {"decided_by": "Ani Rahmawati"}

    monkeypatch.setattr(prefect_run_input, "create_flow_run_input", create)
    monkeypatch.setattr(prefect_run_input, "read_flow_run_input", load)
    keyset = keyset_from_paused_state(
        Paused(timeout_seconds=60, reschedule=False, pause_key="kipp-approval")
    )
    form = _approval_form()
    form.save(keyset, flow_run_id=RUN_ID)
    answer = form.load(keyset, flow_run_id=RUN_ID)
    assert isinstance(answer, form)  # in a sync context: no coroutine
    fields = sorted(written.get(keyset["schema"], {}).get("properties", {}))
    assert (list(written), fields) == ([keyset["schema"]], ["decided_by", "moves", "note"]), (
        changed(
            "prefect.input.RunInput.save",
            APPROVAL,
            "store the approval form's schema where the UI reads it (_pause_in_process)",
            f"it wrote {sorted(written)}",
        )
    )
    assert (read, answer.decided_by) == ([keyset["response"]], "Ani Rahmawati"), changed(
        "prefect.input.RunInput.load",
        APPROVAL,
        "read the form's answer from keyset['response'] as Prefect does (_answer)",
        f"it read {read}",
    )


def test_flow_run_input_functions_take_key_value_and_flow_run_id() -> None:
    found = (_parameters(create_flow_run_input)[:2], _parameters(read_flow_run_input)[:1])
    has_run = all(
        "flow_run_id" in _parameters(f) for f in (create_flow_run_input, read_flow_run_input)
    )
    assert (found, has_run) == ((["key", "value"], ["key"]), True), changed(
        "prefect.input.create_flow_run_input or read_flow_run_input",
        APPROVAL,
        "record and read the shortlist shown on the form (_record_shown, _decided, _answer)",
        f"their first parameters are {found}",
    )


@pytest.mark.parametrize(
    ("method", "passed"),
    [
        ("filter_flow_run_input", ["flow_run_id", "key_prefix", "limit", "exclude_keys"]),
        ("read_flow_run", ["flow_run_id"]),
        ("set_flow_run_state", ["flow_run_id", "state", "force"]),
    ],
)
def test_sync_client_methods_take_the_arguments_approval_passes(
    method: str, passed: list[str]
) -> None:
    function = getattr(SyncPrefectClient, method, None)
    parameters = _parameters(function) if callable(function) else []
    assert parameters[1:2] == ["flow_run_id"] and set(passed) <= set(parameters), changed(
        f"prefect.client.orchestration.SyncPrefectClient.{method}",
        APPROVAL,
        f"call it with the run's id first and {passed[1:] or 'nothing else'} "
        "(_answered_at, _pause_in_process)",
        f"its parameters are {parameters}",
    )


def test_flow_run_context_exposes_the_runs_pause_keys_and_deployment() -> None:
    found = (
        inspect.ismethod(FlowRunContext.get) and FlowRunContext.get.__self__ is FlowRunContext,
        "flow_run" in FlowRunContext.model_fields,
        {"id", "deployment_id", "empirical_policy"} <= set(FlowRun.model_fields),
        FlowRunPolicy().pause_keys,
        {"key", "created"} <= set(FlowRunInput.model_fields),
    )
    assert found == (True, True, True, set(), True), changed(
        "prefect.context.FlowRunContext or prefect.client.schemas.objects "
        "(FlowRun, FlowRunPolicy.pause_keys, FlowRunInput)",
        APPROVAL,
        "tell a run started again after a suspension, and whether it has a deployment "
        "(await_approval), and when the answer came (_answered_at)",
        f"found {found}",
    )


def test_server_pause_rule_rejects_a_pause_key_already_fired() -> None:
    rule = HandlePausingFlows.before_transition
    read = {ast.unparse(n) for n in ast.walk(_tree(rule)) if isinstance(n, ast.Attribute)}
    assert (
        HandlePausingFlows in CoreFlowPolicy.priority()
        and "context.run.empirical_policy.pause_keys" in read
        and "self.reject_transition" in _called(rule)
    ), changed(
        "prefect.server.orchestration.core_policy.HandlePausingFlows",
        APPROVAL,
        "learn that a pause was answered before: the server rejects a pause key it has "
        "seen, and the run stays Running (_pause_in_process, await_approval)",
    )


def test_server_resume_checks_the_schema_key_and_stores_the_response_key() -> None:
    keys = {
        ast.unparse(n) for n in ast.walk(_tree(resume_flow_run)) if isinstance(n, ast.Subscript)
    }
    assert {"keyset['schema']", "keyset['response']"} <= keys, changed(
        "prefect.server.api.flow_runs.resume_flow_run",
        APPROVAL,
        "read the coordinator's answer where the server stores it on Resume (_answer)",
        f"it uses {sorted(k for k in keys if k.startswith('keyset'))}",
    )


# --- kipp_app.flows.runner and retries: stages as tasks ---------------------------------


def test_quote_keeps_prefects_input_walk_out_of_a_tasks_inputs() -> None:
    upstream: State[Any] = Pending()
    upstream.state_details.task_run_id = RUN_ID
    inputs = {"proposals": [upstream]}
    walked = (
        collect_task_run_inputs_sync(inputs),
        collect_task_run_inputs_sync(runner.opaque(inputs)),
        collect_task_run_inputs_sync(runner.opaque(inputs), max_depth=0),
    )
    assert isinstance(runner.opaque(inputs), quote) and walked == (
        {TaskRunResult(id=RUN_ID)},
        set(),
        set(),
    ), changed(
        "prefect.utilities.annotations.quote or prefect.utilities.engine."
        "collect_task_run_inputs_sync",
        RUNNER,
        "pass a stage's inputs without Prefect visiting every element (opaque)",
        f"the walk found {walked[1:]} inside quote",
    )
    resolved = resolve_inputs_sync({"inputs": runner.opaque(inputs)})
    assert resolved["inputs"] is inputs, changed(
        "prefect.utilities.engine.resolve_inputs_sync",
        RUNNER,
        "hand a stage's function its inputs as given, unwrapped (opaque)",
        f"it gave {type(resolved['inputs']).__name__}",
    )


def _stage_function(batch: object) -> object:
    return batch


def test_task_with_options_takes_the_stage_options(tmp_path: Path) -> None:
    cached = Stage("prior_art", _stage_function, ("batch",), cached=True, io=True)
    plain = Stage("eligible", _stage_function, ("batch",))
    made = runner._stage_task.with_options(**runner._options(cached, tmp_path, runner._task_key))
    other = runner._stage_task.with_options(**runner._options(plain, tmp_path, runner._task_key))
    policy = made.cache_policy
    found = (
        made.name,
        isinstance(policy, CacheKeyFnPolicy) and policy.cache_key_fn is runner._task_key,
        made.persist_result,
        made.result_storage,
        made.retries,
        made.retry_delay_seconds,
        made.retry_condition_fn is transient_io,
        other.name,
        other.cache_policy is NO_CACHE,
    )
    assert found == (
        "prior-art",
        True,
        True,
        tmp_path,
        IO_RETRIES["retries"],
        IO_RETRIES["retry_delay_seconds"],
        True,
        "eligible",
        True,
    ), changed(
        "prefect.Task.with_options",
        RUNNER,
        "name each stage's task, key cached ones by content, persist them under a path and "
        "retry transient I/O (_options)",
        f"the tasks hold {found}",
    )


def test_cache_key_fn_gets_the_task_run_context_and_the_tasks_parameters() -> None:
    seen: list[tuple[object, dict[str, Any]]] = []

    def key(context: object, parameters: dict[str, Any]) -> str:
        seen.append((context, parameters))
        return "k"

    context = cast(Any, SimpleNamespace())
    parameters = {"name": "gates", "inputs": {}}
    computed = CacheKeyFnPolicy(cache_key_fn=key).compute_key(
        task_ctx=context, inputs=parameters, flow_parameters={}
    )
    assert (computed, seen) == ("k", [(context, parameters)]), changed(
        "prefect.cache_policies.CacheKeyFnPolicy.compute_key",
        RUNNER,
        "key a cached stage by its parameters `name` and `inputs` (_task_key, _packed_key)",
        f"it returned {computed!r} after calls {seen}",
    )


def test_result_storage_path_becomes_a_local_file_system(tmp_path: Path) -> None:
    with temporary_settings(updates={PREFECT_API_URL: URL}):  # no embedded server started
        storage = resolve_result_storage(tmp_path)
    found = (type(storage).__name__, getattr(storage, "basepath", None))
    assert isinstance(storage, LocalFileSystem) and found[1] == str(tmp_path), changed(
        "prefect.results.resolve_result_storage",
        RUNNER,
        "persist cached results under a path, with no storage block registered (results_storage)",
        f"a path gives {found}",
    )


def test_retry_condition_gets_task_task_run_and_a_failed_state_that_reraises() -> None:
    for engine in (SyncTaskRunEngine, AsyncTaskRunEngine):
        calls = _calls(engine.can_retry)
        assert ("retry_condition", ["self.task", "self.task_run", "state"]) in calls, changed(
            f"prefect.task_engine.{engine.__name__}.can_retry",
            RETRIES,
            "decide on retries from (task, task_run, state) (transient_io)",
        )
    error = TimeoutError("the share blinked")
    state: State[Any] = Failed(data=error, message="Task run encountered unexpected exception")
    with pytest.raises(TimeoutError) as raised:
        state.result()
    assert raised.value is error, changed(
        "prefect.states.Failed(...).result()",
        RETRIES,
        "tell a transient failure from its state's exception (transient_io)",
        f"it raised {raised.value!r}",
    )
    assert transient_io(cast(Any, None), cast(Any, None), state) is is_transient(error) is True


def test_futures_and_client_take_what_the_runner_passes() -> None:
    found = (
        _parameters(as_completed)[:1],
        callable(getattr(PrefectFuture, "result", None)),
        "sync_client" in _parameters(get_client),
        isinstance(inspect.getattr_static(SyncPrefectClient, "api_url", None), property),
    )
    assert found == (["futures"], True, True, True), changed(
        "prefect.futures.as_completed, PrefectFuture.result or get_client(sync_client=True)"
        ".api_url",
        RUNNER,
        "collect a split stage's parts as they finish (_parts) and name the run's API "
        "(current_api_url)",
        f"found {found}",
    )


def test_api_url_setting_reaches_the_client_and_kipps_checks() -> None:
    with temporary_settings(updates={PREFECT_API_URL: URL}):
        found = (runner.current_api_url(), check.api_url(), run.embedded())
    assert found == (URL, URL, False), changed(
        "prefect.settings.temporary_settings or PREFECT_API_URL",
        RUN,
        "point a run at the embedded server it launched (run_kipp) and pass that API to "
        "Dask workers (runner.current_api_url)",
        f"found {found}",
    )


def test_dask_task_runner_takes_cluster_kwargs_and_submit_parameters() -> None:
    task_runners = pytest.importorskip("prefect_dask.task_runners")
    cluster = {"n_workers": 2, "threads_per_worker": 1, "host": "127.0.0.1"}
    made = task_runners.DaskTaskRunner(cluster_kwargs=cluster)
    submit = _parameters(task_runners.DaskTaskRunner.submit)
    assert (made.cluster_kwargs, submit[1:3]) == (cluster, ["task", "parameters"]), changed(
        "prefect_dask.task_runners.DaskTaskRunner",
        RUNNER,
        "score on a local Dask cluster (_on_dask: DaskTaskRunner(cluster_kwargs=...), "
        "submit(task, parameters=...))",
        f"cluster_kwargs {made.cluster_kwargs}, submit {submit}",
    )


# --- kipp_app.flows.run: settings for a run on the embedded server -----------------------


def test_flow_heartbeat_is_off_on_a_teams_server_unless_the_team_asked_for_it() -> None:
    url = "http://127.0.0.1:4200/api"
    with temporary_settings(updates={PREFECT_API_URL: url}):
        assert run.client_settings() == {PREFECT_FLOWS_HEARTBEAT_FREQUENCY: None}
    asked = {PREFECT_API_URL: url, PREFECT_FLOWS_HEARTBEAT_FREQUENCY: 60}
    with temporary_settings(updates=asked):
        assert "heartbeat_frequency" in get_current_settings().flows.model_fields_set, changed(
            "prefect.settings: a setting given is in its model's model_fields_set",
            RUN,
            "keep the heartbeat a team asked for (client_settings)",
            "a setting given is not marked as given",
        )
        assert run.client_settings() == {}


def test_flow_heartbeat_is_off_under_kipps_embedded_client_settings() -> None:
    with temporary_settings(restore_defaults={PREFECT_API_URL}):
        updates = run.client_settings()
    assert isinstance(PREFECT_FLOWS_HEARTBEAT_FREQUENCY, Setting) and updates == {
        PREFECT_FLOWS_HEARTBEAT_FREQUENCY: None
    }, changed(
        "prefect.settings.PREFECT_FLOWS_HEARTBEAT_FREQUENCY or prefect.settings.legacy.Setting",
        RUN,
        "turn the flow heartbeat off on the embedded server (client_settings)",
        f"client_settings() gives {updates}",
    )
    prop = inspect.getattr_static(BaseFlowRunEngine, "heartbeat_seconds", None)
    assert isinstance(prop, property) and prop.fget is not None, changed(
        "prefect.flow_engine.BaseFlowRunEngine.heartbeat_seconds",
        RUN,
        "turn the flow heartbeat off (client_settings)",
        "it is no longer a property",
    )
    with temporary_settings(updates=updates):
        seconds = prop.fget(cast(Any, None))
        try:
            with _send_heartbeats(cast(Any, SimpleNamespace(heartbeat_seconds=None)), True):
                pass
        except AttributeError as exc:
            pytest.fail(
                changed(
                    "prefect.flow_engine._send_heartbeats",
                    RUN,
                    "turn the flow heartbeat off (client_settings)",
                    f"with no heartbeat it still sets one up: {exc}",
                )
            )
    assert seconds is None, changed(
        "prefect.flow_engine.BaseFlowRunEngine.heartbeat_seconds",
        RUN,
        "turn the flow heartbeat off (client_settings)",
        f"with the setting None it gives {seconds}",
    )


def _approval_form() -> type[prefect_run_input.RunInput]:
    """The approval form kipp builds for a proposed shortlist (none scored: no choices)."""
    from kipp.pipeline import Proposed
    from kipp.results import Results
    from kipp.rubric import load_rubric
    from kipp_app.flows.forms import approval_form

    def nothing() -> Results:
        return Results.model_validate(
            {
                "run": {
                    "rubric": "kipp-2022",
                    "rubric_sha256": "",
                    "batch": "",
                    "started_at": "",
                    "finished_at": "",
                    "code_version": "",
                    "lang": "id",
                    "shortlist_size": 5,
                    "corpus": {"path": "", "sha256": "", "entries": 0, "prior_art_entries": 0},
                    "inputs": [],
                },
                "summary": {
                    "files": 0,
                    "proposals": 0,
                    "shortlisted": 0,
                    "scored": 0,
                    "ineligible": 0,
                    "invalid": 0,
                    "unread": 0,
                    "provisional": False,
                },
                "proposals": [],
                "unread": [],
                "ignored": [],
                "notices": [],
            }
        )

    return approval_form(Proposed({}, {}, load_rubric(), nothing), Lang.ID)
