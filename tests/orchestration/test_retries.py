"""Transient I/O errors are retried; errors in the input (KippError) are not."""

from __future__ import annotations

import builtins
import errno
import io
import os
import shutil
from pathlib import Path
from typing import Any

import pytest
from builders import said
from prefect.states import Completed, Failed

from kipp.core.problems import KippError
from kipp.measures.corpus import CorpusError
from kipp.pipeline import PIPELINE
from kipp.rubric import default_rubric_path
from kipp_app.flows import runner
from kipp_app.flows.retries import IO_RETRIES, transient_io
from kipp_app.flows.run import RunParameters, kipp_run

TASK = runner._stage_task


@pytest.mark.parametrize(
    ("error", "retried"),
    [
        (OSError(errno.ESTALE, "Stale file handle"), True),
        (OSError(errno.EIO, "Input/output error"), True),
        (TimeoutError("read timed out"), True),
        (FileNotFoundError(errno.ENOENT, "No such file or directory"), False),
        (PermissionError(errno.EACCES, "Permission denied"), False),
        (OSError(errno.ENOSPC, "No space left on device"), False),
        (KippError.of("batch.missing", "batch.missing.hint", folder="x"), False),
        (ValueError("bad value"), False),
    ],
)
def test_only_transient_io_errors_are_retried(error: Exception, retried: bool) -> None:
    state: Any = Failed(data=error)
    assert transient_io(TASK, None, state) is retried  # type: ignore[arg-type]


def test_a_completed_state_is_not_retried() -> None:
    assert transient_io(TASK, None, Completed(data=1)) is False  # type: ignore[arg-type]


def test_io_tasks_retry_twice() -> None:
    task = TASK.with_options(**runner._options(PIPELINE["batch"], Path("x"), None))
    assert (task.retries, task.retry_delay_seconds) == (2, [1, 5])


def test_every_stage_that_reads_or_writes_files_retries_only_transient_io() -> None:
    io_stages = [s.name for s in PIPELINE.stages if s.io]
    assert io_stages == [
        "rubric",
        "corpus",
        "batch",
        "index",
        "documents",
        "scorecard_files",
        "scoresheets",
    ]
    for stage in PIPELINE.stages:
        task = TASK.with_options(**runner._options(stage, Path("x"), None))
        if stage.io:
            assert task.retry_condition_fn is transient_io, stage.name
        else:
            assert (task.retries, task.retry_condition_fn) == (0, None), stage.name


def fail_opens(monkeypatch: pytest.MonkeyPatch, path: Path, *errors: OSError) -> list[int]:
    """Opening `path` raises `errors` one by one, then works; returns the count of opens."""
    real = io.open
    opens: list[int] = []

    def flaky(file: Any, *args: Any, **kwargs: Any) -> Any:
        if isinstance(file, (str, os.PathLike)) and os.fspath(file) == str(path):
            opens.append(1)
            if len(opens) <= len(errors):
                raise errors[len(opens) - 1]
        return real(file, *args, **kwargs)

    monkeypatch.setattr(io, "open", flaky)  # Path.read_bytes opens through io.open
    monkeypatch.setattr(builtins, "open", flaky)
    return opens


@pytest.fixture
def empty_batch(tmp_path: Path) -> Path:
    """A batch with nothing to score: the run is about its inputs, not the scoring."""
    batch = tmp_path / "batch"
    batch.mkdir()
    (batch / "notes.txt").write_text("not a proposal", encoding="utf-8")
    return batch


def test_run_whose_rubric_read_blinks_once_succeeds_on_the_task_retry(
    tmp_path: Path, empty_batch: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    rubric = tmp_path / "rubric.yaml"
    shutil.copyfile(default_rubric_path(), rubric)
    opens = fail_opens(monkeypatch, rubric, OSError(errno.ESTALE, "Stale file handle"))
    # the retries as configured, waiting 0 s rather than 1 s before the retry
    monkeypatch.setattr(runner, "IO_RETRIES", IO_RETRIES | {"retry_delay_seconds": [0, 0]})
    params = RunParameters(batch=str(empty_batch), out=str(tmp_path / "out"), rubric=str(rubric))
    summary = kipp_run(params).summary
    assert (summary.unread, summary.scored, len(opens)) == (1, 0, 2)


def test_run_whose_corpus_is_missing_fails_at_once_with_the_fix(
    tmp_path: Path, empty_batch: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    corpus = tmp_path / "missing.csv"
    opens = fail_opens(monkeypatch, corpus)  # counts the opens, fails none
    params = RunParameters(batch=str(empty_batch), out=str(tmp_path / "out"), corpus=str(corpus))
    with pytest.raises(CorpusError) as caught:
        kipp_run(params)
    assert said(caught.value.message) == (
        f"corpus {corpus} is not valid:\n{corpus}: file: cannot be read: No such file or directory"
    )
    assert len(opens) == 1
