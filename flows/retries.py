"""Retries for tasks that read or write files: transient I/O only.

A network share that blinks or a file busy for a moment raises `OSError`; those tasks are
retried twice (after 1 s, then 5 s). An error in the input is a `KippError` with a message and
a fix: retrying it would only delay the message, so it is never retried.
"""

from typing import Any

from prefect import Task
from prefect.client.schemas.objects import State, TaskRun

from kipp.problems import KippError


def transient_io(task: Task[..., Any], task_run: TaskRun, state: State[Any]) -> bool:
    """Retry a task that failed on I/O (a network share that blinked, a file busy for a
    moment), never one that failed on its input: those are KippErrors with a message."""
    try:
        state.result()
    except KippError:
        return False
    except OSError:
        return True
    except Exception:
        return False
    return False


IO_RETRIES: dict[str, Any] = {
    "retries": 2,
    "retry_delay_seconds": [1, 5],
    "retry_condition_fn": transient_io,
}
