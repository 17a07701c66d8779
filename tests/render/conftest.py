"""Fixtures of the document tests that several modules share (the suite-wide ones, such as
`written_run`, are in tests/conftest.py)."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from openpyxl import load_workbook

from kipp.intake.registry import REGISTRY_FILE

SAMPLE = Path(__file__).resolve().parents[2] / "submissions" / "mojokerto-2022"


@pytest.fixture(scope="session")
def broken_sample(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The sample batch with a broken agency registry and broken scoresheets: one sheet with
    a score off the scale and a reviewer not on the panel, one without the reviewer column.
    One folder a session, so `written_run` runs it once for every module."""
    folder = tmp_path_factory.mktemp("broken") / "mojokerto-2022"
    shutil.copytree(SAMPLE, folder)
    (folder / REGISTRY_FILE).write_text(
        "region: Kota Mojokerto\nagencies:\n  - nma: Dinas Kesehatan\n", encoding="utf-8"
    )
    sheet = folder / "_reviews" / "bagus-hermawan.xlsx"
    book = load_workbook(sheet)
    book.worksheets[0]["F3"] = 9
    book.worksheets[0]["A4"] = "orang-lain"
    book.save(sheet)
    sheet = folder / "_reviews" / "citra-maharani.xlsx"
    book = load_workbook(sheet)
    book.worksheets[0]["A1"] = "siapa"
    book.save(sheet)
    return folder
