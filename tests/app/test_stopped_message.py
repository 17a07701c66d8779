"""What `kipp` says when stopped (Ctrl-C, SIGTERM): that the output folder is left whole,
or, when the run had already moved its documents in, that they are there, complete."""

from __future__ import annotations

import os
import sys
from pathlib import Path

import pytest

from kipp.core.i18n import Lang
from kipp.documents import staging
from kipp_app.cli import stopping
from kipp_app.cli.app import state


class Ended(Exception):
    pass


@pytest.fixture
def stopped(monkeypatch: pytest.MonkeyPatch) -> None:
    """`stop_now` ends with an exception instead of the process; no server is told or
    stopped."""

    def end(code: int) -> None:
        raise Ended(code)

    monkeypatch.setattr(os, "_exit", end)
    monkeypatch.setitem(sys.modules, "kipp_app.flows.run", None)
    monkeypatch.setitem(sys.modules, "kipp_app.server.embedded", None)
    monkeypatch.setattr(state, "lang", Lang.EN)


def test_stopped_before_the_documents_moved_the_folder_is_left_whole(
    stopped: None, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setattr(staging, "_PLACED", [])

    with pytest.raises(Ended, match="130"):
        stopping.stop_now(2)

    assert capsys.readouterr().err.splitlines() == [
        "Stopped. The stages already done are kept: run the same command again to go on. "
        "The output folder is left whole."
    ]


def test_stopped_after_the_documents_moved_in_says_they_are_there(
    stopped: None,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
    tmp_path: Path,
) -> None:
    monkeypatch.setattr(staging, "_PLACED", [tmp_path / "out"])

    with pytest.raises(Ended, match="143"):
        stopping.stop_now(15)

    assert capsys.readouterr().err.splitlines() == [
        f"Stopped after this run's documents were moved whole into {tmp_path / 'out'}; its "
        "summary is not shown: run the same command again to see it."
    ]


def test_a_write_that_moved_its_documents_in_is_recorded(tmp_path: Path) -> None:
    before = staging.placed()

    def write(folder: Path) -> list[Path]:
        (folder / "results.json").write_text("{}", encoding="utf-8")
        return [folder / "results.json"]

    staging.write_staged(write, tmp_path / "out")  # type: ignore[arg-type]

    assert staging.placed() == (*before, tmp_path / "out")


def test_a_signal_held_while_the_documents_move_in_says_they_are_there(
    stopped: None,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
    tmp_path: Path,
) -> None:
    # Ctrl-C during the moves is held until they end (kipp.core.interrupts), then acted on
    monkeypatch.setattr(staging, "_PLACED", [])
    replace, fired = os.replace, []

    def replace_then_signal(source: Path, target: Path) -> None:
        replace(source, target)
        if not fired:
            fired.append(True)
            stopping.on_signal(2, None)

    monkeypatch.setattr(staging.os, "replace", replace_then_signal)

    def write(folder: Path) -> list[Path]:
        (folder / "results.json").write_text("{}", encoding="utf-8")
        return [folder / "results.json"]

    with pytest.raises(Ended, match="130"):
        staging.write_staged(write, tmp_path / "out")  # type: ignore[arg-type]

    assert (tmp_path / "out" / "results.json").is_file()
    assert capsys.readouterr().err.splitlines() == [
        f"Stopped after this run's documents were moved whole into {tmp_path / 'out'}; its "
        "summary is not shown: run the same command again to see it."
    ]
