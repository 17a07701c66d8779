"""Suite-wide set-up and fixtures. The builders live in `builders.py` (see why there)."""

from __future__ import annotations

import os
import shutil
import tempfile
from collections.abc import Callable
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

from kipp.intake import Limits
from kipp.models import CallChoices
from kipp.rubric import load_rubric

if TYPE_CHECKING:
    from kipp.i18n import Lang
    from kipp.results import Results


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
    from kipp.assessment import assess, eligible_proposals, valid_proposals
    from kipp.compliance import agency_matcher
    from kipp.corpus import load_corpus
    from kipp.gates import check_gates
    from kipp.intake import load_batch
    from kipp.outputs import write_run
    from kipp.results import CorpusOut, RunOut, build_results
    from kipp.reviews.ingest import load_reviews

    loaded_rubric = load_rubric()
    rubric = loaded_rubric.rubric
    loaded = load_batch(batch, rubric.call.choices())
    corpus = load_corpus()
    proposals = valid_proposals(loaded)
    eligible = eligible_proposals(proposals, check_gates(proposals, rubric))
    agency_of = agency_matcher(batch)
    reviews = load_reviews(batch, rubric, eligible, agency_of)
    run = RunOut(
        rubric=rubric.id,
        rubric_sha256=loaded_rubric.sha256,
        batch=str(batch),
        started_at="2022-04-20T00:00:00+00:00",
        finished_at="2022-04-20T00:00:01+00:00",
        code_version="test",
        lang=lang,
        shortlist_size=rubric.shortlist.size,
        corpus=CorpusOut(
            path=corpus.path, sha256=corpus.sha256, entries=len(corpus.entries), prior_art_entries=0
        ),
        inputs=loaded.inputs,
    )
    assessment = assess(loaded, rubric, corpus, reviews=reviews, agency_of=agency_of)
    results = build_results(loaded, assessment, loaded_rubric, run)
    write_run(results, rubric, out)
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
