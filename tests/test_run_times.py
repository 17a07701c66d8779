"""The run's times, and the day every document shows, are where the run was made: in the
time zone of the batch's settings, else in this machine's; never the day in UTC (a run at
03:47 WIB is dated that day, not the day before)."""

from __future__ import annotations

import os
import shutil
import time
from collections.abc import Iterator
from datetime import UTC, datetime, tzinfo
from pathlib import Path

import pytest

from kipp.core.i18n import Lang
from kipp.documents.render.views import run_date
from kipp.intake import load_batch
from kipp.intake.settings import SETTINGS_FILE
from kipp.measures.corpus import load_corpus
from kipp.pipeline import steps
from kipp.rubric import load_rubric

SAMPLE = Path(__file__).resolve().parents[1] / "submissions" / "mojokerto-2022"
STARTED = "2026-12-07T20:47:17+00:00"  # 03:47:17 on 8 December in Jakarta
FINISHED = datetime(2026, 12, 7, 20, 47, 30, tzinfo=UTC)


class _At(datetime):
    """`datetime` whose `now` is `FINISHED`."""

    @classmethod
    def now(cls, tz: tzinfo | None = None) -> _At:  # type: ignore[override]
        moment = FINISHED.astimezone(tz) if tz is not None else FINISHED.replace(tzinfo=None)
        return cls.fromisoformat(moment.isoformat())


@pytest.fixture
def machine_in_jayapura() -> Iterator[None]:
    """This process's local time zone set to Asia/Jayapura (WIT, +09:00) for the test."""
    before = os.environ.get("TZ")
    os.environ["TZ"] = "Asia/Jayapura"
    time.tzset()
    try:
        yield
    finally:
        if before is None:
            del os.environ["TZ"]
        else:
            os.environ["TZ"] = before
        time.tzset()


def _run_out(batch_folder: Path, monkeypatch: pytest.MonkeyPatch) -> tuple[str, str]:
    monkeypatch.setattr(steps, "datetime", _At)
    rubric = load_rubric()
    batch = load_batch(batch_folder, rubric.rubric.call.choices())
    run = steps.run_info(batch, rubric, load_corpus(), Lang.ID, None, STARTED).run_out()
    return run.started_at, run.finished_at


def test_the_run_is_dated_in_the_settings_time_zone(
    monkeypatch: pytest.MonkeyPatch, machine_in_jayapura: None
) -> None:
    started, finished = _run_out(SAMPLE, monkeypatch)  # its settings: `time_zone: WIB`

    assert (started, finished) == ("2026-12-08T03:47:17+07:00", "2026-12-08T03:47:30+07:00")
    assert run_date(finished, Lang.ID) == "8 Desember 2026"


def test_without_a_time_zone_in_the_settings_the_run_is_dated_in_the_machines(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, machine_in_jayapura: None
) -> None:
    batch = tmp_path / "batch"
    shutil.copytree(SAMPLE, batch)
    settings = batch / SETTINGS_FILE
    kept = settings.read_text(encoding="utf-8").splitlines(keepends=True)
    settings.write_text("".join(k for k in kept if not k.startswith("time_zone:")), "utf-8")

    started, finished = _run_out(batch, monkeypatch)

    assert (started, finished) == ("2026-12-08T05:47:17+09:00", "2026-12-08T05:47:30+09:00")
    assert run_date(finished, Lang.EN) == "8 December 2026"
