"""A PREFECT_API_URL naming a server that does not answer fails in seconds, with the fix."""

from __future__ import annotations

import socket
import time
from collections.abc import Iterator

import pytest
from prefect.settings import PREFECT_API_URL, temporary_settings
from typer.testing import CliRunner

from kipp.core.i18n import Lang, Text, render
from kipp_app.cli import app
from kipp_app.flows.run import RunParameters, run_kipp
from kipp_app.server.check import ServerUnreachableError
from orchestration.helpers import SAMPLE


@pytest.fixture
def closed_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port: int = sock.getsockname()[1]
    return port


@pytest.fixture
def silent_port() -> Iterator[int]:
    """A port that accepts connections and never answers."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        sock.listen(8)
        yield sock.getsockname()[1]


def _run_against(url: str, monkeypatch: pytest.MonkeyPatch) -> tuple[str, float]:
    """The error (with its hint) in English, and the seconds it took."""
    monkeypatch.setenv("PREFECT_API_URL", url)
    started = time.monotonic()
    with (
        temporary_settings(updates={PREFECT_API_URL: url}),
        pytest.raises(ServerUnreachableError) as caught,
    ):
        run_kipp(RunParameters(batch=str(SAMPLE)))
    error = caught.value
    assert isinstance(error.message, Text) and isinstance(error.hint, Text)
    message = f"{render(error.message, Lang.EN)}; {render(error.hint, Lang.EN)}"
    return message, time.monotonic() - started


def test_run_against_a_closed_port_fails_in_seconds_with_the_fix(
    closed_port: int, monkeypatch: pytest.MonkeyPatch
) -> None:
    url = f"http://127.0.0.1:{closed_port}/api"
    message, seconds = _run_against(url, monkeypatch)
    assert seconds < 5
    assert message.startswith(f"the Prefect server at {url} (PREFECT_API_URL) does not answer (")
    assert message.endswith(
        "; start it with `prefect server start --host 127.0.0.1`, or unset PREFECT_API_URL "
        "to run on the embedded server"
    )


def test_run_against_a_server_that_never_answers_fails_in_seconds(
    silent_port: int, monkeypatch: pytest.MonkeyPatch
) -> None:
    url = f"http://127.0.0.1:{silent_port}/api"
    message, seconds = _run_against(url, monkeypatch)
    assert seconds < 6
    assert message.startswith(f"the Prefect server at {url} (PREFECT_API_URL) does not answer (")


def test_kipp_serve_without_a_server_exits_2_and_says_how_to_start_one(
    closed_port: int, monkeypatch: pytest.MonkeyPatch
) -> None:
    url = f"http://127.0.0.1:{closed_port}/api"
    monkeypatch.setenv("PREFECT_API_URL", url)
    with temporary_settings(updates={PREFECT_API_URL: url}):
        result = CliRunner().invoke(app, ["serve", "--lang", "en"])
    assert result.exit_code == 2
    assert f"error: the Prefect server at {url} (PREFECT_API_URL) does not answer" in (
        result.output
    )


def test_kipp_run_with_approval_but_no_server_is_a_usage_error(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.delenv("PREFECT_API_URL", raising=False)
    with temporary_settings(restore_defaults={PREFECT_API_URL}):  # no server in any profile
        result = CliRunner().invoke(app, ["run", str(SAMPLE), "--approval", "--lang", "en"])
    assert result.exit_code == 2
    assert result.output.startswith(
        "error: --approval needs a Prefect server whose UI the coordinator opens to decide\n"
        "hint: start one with `prefect server start --host 127.0.0.1` and set "
    )


def test_a_server_configured_in_the_prefect_profile_is_used_not_the_embedded_one(
    closed_port: int, monkeypatch: pytest.MonkeyPatch
) -> None:
    url = f"http://127.0.0.1:{closed_port}/api"
    monkeypatch.delenv("PREFECT_API_URL", raising=False)  # only the profile names it
    with temporary_settings(updates={PREFECT_API_URL: url}):
        result = CliRunner().invoke(app, ["run", str(SAMPLE), "--lang", "en"])
    assert result.exit_code != 0
    assert f"the Prefect server at {url} (PREFECT_API_URL) does not answer" in result.output
