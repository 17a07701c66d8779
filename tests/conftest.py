"""Suite-wide set-up and fixtures. The builders live in `builders.py` (see why there)."""

from __future__ import annotations

import os
import shutil
import tempfile
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import TYPE_CHECKING

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

from kipp.core import caching
from kipp.core.models import CallChoices
from kipp.intake import Limits
from kipp.rubric import load_rubric

if TYPE_CHECKING:
    from kipp.core.i18n import Lang
    from kipp.results import Results


# set in its own process by a kipp command run in the test process (`kipp_app.cli.app`): Prefect's
# console log off the terminal. Left set, every later `kipp -v` child inherits it and is silent.
CLI_SETTINGS = ("PREFECT_LOGGING_HANDLERS_CONSOLE_LEVEL",)


@pytest.fixture(autouse=True)
def _cli_settings_stay_in_their_test() -> Iterator[None]:
    before = {name: os.environ.get(name) for name in CLI_SETTINGS}
    yield
    for name, value in before.items():
        if value is None:
            os.environ.pop(name, None)
        else:
            os.environ[name] = value


@pytest.fixture(autouse=True)
def _each_test_runs_once() -> Iterator[None]:
    """Every test begins and ends in a process as `kipp run` leaves it, keeping nothing
    between runs (`kipp run --watch` makes it one that does: `caching.keep_between_runs`)."""
    caching.keep_between_runs(False)
    yield
    caching.keep_between_runs(False)


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


def _run_documents(batch: Path, lang: Lang, out: Path) -> Results:
    """A run of `batch` in `lang` as `kipp run` does it (with the panel's scoresheets and the
    agency registry when the batch has them, a fixed date and code version), its documents
    written into `out` by `write_run`."""
    from builders import results_of

    from kipp.documents.outputs import write_run
    from kipp.intake.registry import REGISTRY_FILE, load_registry

    results = results_of(batch, lang)
    write_run(results, load_rubric().rubric, out, registry=load_registry(batch / REGISTRY_FILE))
    return results


@pytest.fixture(scope="session")
def written_run(
    tmp_path_factory: pytest.TempPathFactory,
) -> Callable[[Path, Lang], tuple[Results, Path]]:
    """`written_run(batch, lang)`: the results of a run of `batch` in `lang` and the folder of
    its documents (see `_run_documents`). Each batch and language is run once a session (~8 s
    each, most of it the PDFs), so the document tests of several modules share the sample's
    runs; treat the folder as read-only."""
    done: dict[tuple[Path, Lang], tuple[Results, Path]] = {}

    def run(batch: Path, lang: Lang) -> tuple[Results, Path]:
        key = (batch.resolve(), lang)
        if key not in done:
            out = tmp_path_factory.mktemp(f"run-{batch.name}-{lang.value}")
            done[key] = (_run_documents(batch, lang, out), out)
        return done[key]

    return run


def pytest_unconfigure(config: pytest.Config) -> None:
    """Delete the temporary Prefect home and cache folder made above."""
    for name in ("KIPP_CACHE_DIR", "KIPP_TESTS_OWN_PREFECT_HOME"):
        if name in os.environ:
            shutil.rmtree(os.environ[name], ignore_errors=True)
