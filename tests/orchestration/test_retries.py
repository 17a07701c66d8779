"""Transient I/O errors are retried; errors in the input (KippError) are not."""

from __future__ import annotations

from typing import Any

import pytest
from prefect.states import Completed, Failed

from flows.retries import transient_io
from flows.run import intake_task
from kipp.problems import KippError


@pytest.mark.parametrize(
    ("error", "retried"),
    [
        (OSError("Stale file handle"), True),
        (TimeoutError("read timed out"), True),
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

    for task in (intake_task, check_batch, write_task):
        assert task.retry_condition_fn is transient_io, task.name
