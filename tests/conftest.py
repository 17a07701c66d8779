"""Suite-wide set-up and fixtures. The builders live in `builders.py` (see why there)."""

from __future__ import annotations

import os
import shutil
import tempfile
from pathlib import Path

import pytest

# Prefect safety, before anything can import it: no telemetry, and never the user's profile
# or database. A session-scoped Prefect harness can build on these. The temporary folders
# made here are deleted when the session ends (`pytest_unconfigure`).
os.environ["DO_NOT_TRACK"] = "1"
if "PREFECT_HOME" not in os.environ:
    os.environ["PREFECT_HOME"] = tempfile.mkdtemp(prefix="kipp-tests-prefect-")
    os.environ["KIPP_TESTS_OWN_PREFECT_HOME"] = os.environ["PREFECT_HOME"]
# kipp's own caches (corpus index, cached task results) never go to the user's ~/.cache
os.environ["KIPP_CACHE_DIR"] = tempfile.mkdtemp(prefix="kipp-tests-cache-")

from builders import *  # noqa: F403  (older tests import builders from conftest)

from kipp.intake import Limits
from kipp.models import CallChoices
from kipp.rubric import load_rubric


@pytest.fixture(scope="session")
def choices() -> CallChoices:
    """The groups and categories of the bundled KIPP 2022 rubric's call."""
    return load_rubric().rubric.call.choices()


@pytest.fixture
def batch_dir(tmp_path: Path) -> Path:
    """An empty batch folder."""
    folder = tmp_path / "batch"
    folder.mkdir()
    return folder


@pytest.fixture
def small_limits() -> Limits:
    """Caps small enough for a test to go over them with a few bytes."""
    return Limits(
        max_text_bytes=1000,
        max_sheet_bytes=1000,
        max_sheet_unpacked_bytes=5000,
        max_rows=3,
        max_yaml_nodes=200,
    )


def pytest_unconfigure(config: pytest.Config) -> None:
    """Delete the temporary Prefect home and cache folder made above."""
    for name in ("KIPP_CACHE_DIR", "KIPP_TESTS_OWN_PREFECT_HOME"):
        if name in os.environ:
            shutil.rmtree(os.environ[name], ignore_errors=True)
