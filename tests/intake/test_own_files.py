"""The batch's own files are checked as opened, not only as listed: a symbolic link or a
named pipe put in a settings file's, the panel's or a scoresheet's place after kipp looked
at it is refused, not followed or waited on, and no more than the file's limit is read."""

from __future__ import annotations

import os
import shutil
import threading
from pathlib import Path

import pytest

from kipp.core.i18n import Lang, render
from kipp.intake import review_sheets, settings
from kipp.intake.own_files import NotRead, read_regular
from kipp.intake.panel import MAX_PANEL_BYTES, PanelError, load_panel
from kipp.intake.reading import Unreadable
from kipp.intake.review_sheets import read_review_files, read_sheet
from kipp.intake.settings import SETTINGS_FILE, load_settings

SAMPLE = Path(__file__).resolve().parents[2] / "submissions" / "mojokerto-2022"
LINK_EN = (
    "is a symbolic link, which kipp does not follow, so it is not read; put the file itself "
    "(not a link) in the batch folder"
)


def _checked_before_the_swap(monkeypatch: pytest.MonkeyPatch) -> None:
    """The metadata check passes, as it did before a link or a pipe took the file's place."""
    monkeypatch.setattr(settings, "not_read", lambda *_, **__: None)
    monkeypatch.setattr(review_sheets, "not_read", lambda *_, **__: None)


def _too_big(size: int) -> str:
    raise AssertionError(f"not expected: {size}")


def test_settings_swapped_for_a_link_after_the_check_are_not_followed(
    batch_dir: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    target = tmp_path / "elsewhere.yaml"
    shutil.copy(SAMPLE / SETTINGS_FILE, target)
    (batch_dir / SETTINGS_FILE).symlink_to(target)
    _checked_before_the_swap(monkeypatch)

    loaded = load_settings(batch_dir / SETTINGS_FILE)

    assert loaded is not None and loaded.settings is None
    assert [render(p.message, Lang.EN) for p in loaded.problems] == [LINK_EN]


def test_a_panel_swapped_for_a_link_after_the_check_is_not_followed(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    batch = tmp_path / "batch"
    shutil.copytree(SAMPLE, batch)
    panel = batch / "reviewers.yaml"
    shutil.move(panel, tmp_path / "reviewers.yaml")
    panel.symlink_to(tmp_path / "reviewers.yaml")
    _checked_before_the_swap(monkeypatch)

    files = read_review_files(batch)

    assert files.panel is None
    assert [(p.path, render(p.message, Lang.EN)) for p in files.problems] == [(str(panel), LINK_EN)]


def test_a_pipe_put_in_place_of_the_settings_is_refused_without_waiting(
    batch_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    os.mkfifo(batch_dir / SETTINGS_FILE)
    _checked_before_the_swap(monkeypatch)
    done: list[object] = []
    reader = threading.Thread(
        target=lambda: done.append(load_settings(batch_dir / SETTINGS_FILE)), daemon=True
    )
    reader.start()
    reader.join(30)

    assert done, "load_settings waited on the named pipe"
    loaded = done[0]
    assert loaded is not None and loaded.problems  # type: ignore[attr-defined]
    assert [render(p.message, Lang.EN) for p in loaded.problems] == [  # type: ignore[attr-defined]
        "is not a regular file (a named pipe), so it is not read; put the file itself under "
        "this name"
    ]


def test_a_scoresheet_read_through_a_link_is_refused(tmp_path: Path) -> None:
    sheet = tmp_path / "bagus-hermawan.xlsx"
    shutil.copy(SAMPLE / "_reviews" / "bagus-hermawan.xlsx", tmp_path / "real.xlsx")
    sheet.symlink_to(tmp_path / "real.xlsx")

    with pytest.raises(Unreadable) as refused:
        read_sheet(sheet)

    assert render(refused.value.reason, Lang.EN) == (
        "is a symbolic link, which kipp does not follow, so it is not read; put the file "
        "itself (not a link) in _reviews/"
    )


def test_a_panel_larger_than_its_limit_is_refused_unread(tmp_path: Path) -> None:
    panel = tmp_path / "reviewers.yaml"
    with panel.open("wb") as handle:
        handle.write(b"reviewers:\n")
        handle.truncate(MAX_PANEL_BYTES + 1)

    with pytest.raises(PanelError) as refused:
        load_panel(panel)

    assert [render(p.message, Lang.ID) for p in refused.value.problems] == [
        f"{MAX_PANEL_BYTES + 1} byte; daftar juri paling besar {MAX_PANEL_BYTES} byte"
    ]


def test_a_link_named_by_the_user_is_followed_when_asked(tmp_path: Path) -> None:
    (tmp_path / "real.yaml").write_bytes(b"region: Kota Uji\n")
    (tmp_path / "named.yaml").symlink_to(tmp_path / "real.yaml")

    assert read_regular(tmp_path / "named.yaml", 100, _too_big, follow_links=True) == (
        b"region: Kota Uji\n"
    )
    with pytest.raises(NotRead) as refused:
        read_regular(tmp_path / "named.yaml", 100, _too_big)
    assert refused.value.reason.key == "settings.symlink"
