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
from prefect.states import Completed, Failed

import flows.run
from flows.retries import transient_io
from flows.run import RunParameters, intake_task, kipp_run, load_corpus_task, load_rubric_task
from kipp.corpus import CorpusError
from kipp.problems import KippError
from kipp.rubric import default_rubric_path


@pytest.mark.parametrize(
    ("error", "retried"),
    [
        (OSError(errno.ESTALE, "Stale file handle"), True),
        (OSError(errno.EIO, "Input/output error"), True),
        (TimeoutError("read timed out"), True),
        (FileNotFoundError(errno.ENOENT, "No such file or directory"), False),
        (PermissionError(errno.EACCES, "Permission denied"), False),
        (OSError(errno.ENOSPC, "No space left on device"), False),
        (KippError("batch folder x does not exist", "give the folder"), False),
        (ValueError("bad value"), False),
    ],
)
def test_only_transient_io_errors_are_retried(error: Exception, retried: bool) -> None:
    state: Any = Failed(data=error)
    assert transient_io(intake_task, None, state) is retried  # type: ignore[arg-type]


def test_a_completed_state_is_not_retried() -> None:
    assert transient_io(intake_task, None, Completed(data=1)) is False  # type: ignore[arg-type]


def test_io_tasks_retry_twice() -> None:
    assert (intake_task.retries, intake_task.retry_delay_seconds) == (2, [1, 5])


def test_every_file_task_retries_only_transient_io() -> None:
    from flows.assign import write_task
    from flows.validate import check_batch

    for task in (load_rubric_task, load_corpus_task, intake_task, check_batch, write_task):
        assert task.retry_condition_fn is transient_io, task.name


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
    # the task as configured, waiting 0 s rather than 1 s before its retry
    quick = load_rubric_task.with_options(retry_delay_seconds=0)
    monkeypatch.setattr(flows.run, "load_rubric_task", quick)
    params = RunParameters(batch=str(empty_batch), out=str(tmp_path / "out"), rubric=str(rubric))
    summary = kipp_run(params)
    assert (summary.unread, summary.scored, len(opens)) == (1, 0, 2)


def test_run_whose_corpus_is_missing_fails_at_once_with_the_fix(
    tmp_path: Path, empty_batch: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    corpus = tmp_path / "missing.csv"
    opens = fail_opens(monkeypatch, corpus)  # counts the opens, fails none
    params = RunParameters(batch=str(empty_batch), out=str(tmp_path / "out"), corpus=str(corpus))
    with pytest.raises(CorpusError) as caught:
        kipp_run(params)
    assert caught.value.message == (
        f"corpus {corpus} is not valid:\n{corpus}: file: cannot be read: No such file or directory"
    )
    assert len(opens) == 1
