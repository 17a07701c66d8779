"""Telling the team's server that a stopped run stopped, and never starting a server for it."""

from __future__ import annotations

from types import SimpleNamespace
from typing import Any
from uuid import uuid4

import pytest
from prefect.settings import PREFECT_API_URL, temporary_settings

from kipp_app.flows import run

TEAM = "http://127.0.0.1:9/api"


@pytest.fixture
def clients(monkeypatch: pytest.MonkeyPatch) -> list[str | None]:
    """The API each client the report asks for would talk to; no client is made, and the
    report runs as inside a flow run."""
    seen: list[str | None] = []
    flow_run = SimpleNamespace(flow_run=SimpleNamespace(id=uuid4()))
    monkeypatch.setattr(run.FlowRunContext, "get", classmethod(lambda cls: flow_run))

    class Client:
        def __enter__(self) -> Client:
            return self

        def __exit__(self, *_: object) -> None:
            return None

        def set_flow_run_state(self, *_: Any, **__: Any) -> None:
            return None

    def get_client(**_: object) -> Client:
        seen.append(PREFECT_API_URL.value() or None)
        return Client()

    monkeypatch.setattr(run, "get_client", get_client)
    return seen


def test_the_report_goes_to_the_server_the_run_talks_to(clients: list[str | None]) -> None:
    with temporary_settings(updates={PREFECT_API_URL: TEAM}):
        run.report_stopped(5.0)
    # not to no server at all, for which Prefect would start a server of its own
    assert clients == [TEAM]


def test_a_run_on_kipps_own_server_reports_to_it_before_it_stops(
    clients: list[str | None], monkeypatch: pytest.MonkeyPatch
) -> None:
    # its database outlives the run: a stopped run not reported would show running for ever
    own = "http://127.0.0.1:8/api"
    monkeypatch.setattr(run, "_ON_KIPPS_SERVER", [True])
    monkeypatch.setattr(run, "embedded", lambda: True)  # no server configured but kipp's
    with temporary_settings(updates={PREFECT_API_URL: own}):
        run.report_stopped(5.0)
    assert clients == [own]


def test_a_run_on_prefects_in_process_server_reports_nothing(
    clients: list[str | None], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(run, "embedded", lambda: True)
    run.report_stopped(5.0)
    assert clients == []  # a client would start a server of Prefect's own
