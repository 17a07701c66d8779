"""Suite-wide set-up and fixtures. The builders live in `builders.py` (see why there)."""

from __future__ import annotations

import atexit
import os
import shutil
import tempfile
from pathlib import Path

import pytest

# Prefect safety, before anything can import it: no telemetry, and never the user's profile
# or database. A session-scoped Prefect harness can build on these.
# Both temporary folders are deleted when the test process ends.
os.environ["DO_NOT_TRACK"] = "1"


def _temporary(prefix: str) -> str:
    folder = tempfile.mkdtemp(prefix=prefix)
    atexit.register(shutil.rmtree, folder, ignore_errors=True)
    return folder


if "PREFECT_HOME" not in os.environ:
    os.environ["PREFECT_HOME"] = _temporary("kipp-tests-prefect-")
# kipp's own caches (corpus index, cached task results) never go to the user's ~/.cache
os.environ["KIPP_CACHE_DIR"] = _temporary("kipp-tests-cache-")

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
