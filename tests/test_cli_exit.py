"""`kipp` ends its process at once when a command is done (kipp_app.cli.main): with the command's
exit status, and with everything it printed and logged flushed first."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from kipp_app import cli


@pytest.fixture(autouse=True)
def english_terminal(monkeypatch: pytest.MonkeyPatch) -> None:
    """These tests read the terminal in English (`--lang en`); Indonesian is the default."""
    monkeypatch.setenv("KIPP_LANG", "en")


ROOT = Path(__file__).resolve().parents[1]
SAMPLE = ROOT / "submissions" / "mojokerto-2022"


class Exited(Exception):
    def __init__(self, code: int) -> None:
        self.code = code


def _main_with(monkeypatch: pytest.MonkeyPatch, raised: BaseException | None) -> int:
    def app() -> None:
        if raised is not None:
            raise raised

    def exit_now(code: int) -> None:
        raise Exited(code)

    monkeypatch.setattr(cli, "app", app)
    monkeypatch.setattr(cli.os, "_exit", exit_now)
    with pytest.raises(Exited) as caught:
        cli.main()
    return caught.value.code


@pytest.mark.parametrize(
    ("raised", "code"),
    [(None, 0), (SystemExit(0), 0), (SystemExit(None), 0), (SystemExit(2), 2)],
)
def test_main_ends_with_the_commands_exit_status(
    monkeypatch: pytest.MonkeyPatch, raised: BaseException | None, code: int
) -> None:
    assert _main_with(monkeypatch, raised) == code


def test_a_message_given_as_exit_status_is_printed_and_ends_with_1(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    assert _main_with(monkeypatch, SystemExit("out of luck")) == 1
    assert "out of luck" in capsys.readouterr().err


def test_a_large_report_on_a_pipe_arrives_whole_before_the_process_ends() -> None:
    done = subprocess.run(
        [sys.executable, "-m", "kipp_app", "validate", str(SAMPLE), "--json"],
        capture_output=True,
        text=True,
        cwd=ROOT,
        timeout=120,
        check=False,
    )
    assert done.returncode == 1, done.stderr  # the sample holds invalid and unread files
    report = json.loads(done.stdout)  # every byte of it: cut short, it would not parse
    assert (len(report["proposals"]), len(report["unread"])) == (17, 1)
    assert "Traceback" not in done.stderr


def test_a_usage_error_ends_with_2_and_its_message() -> None:
    done = subprocess.run(
        [sys.executable, "-m", "kipp_app", "run", str(ROOT / "no-such-batch")],
        capture_output=True,
        text=True,
        cwd=ROOT,
        timeout=120,
        check=False,
    )
    assert done.returncode == 2
    assert "does not exist or is not a folder" in done.stderr
