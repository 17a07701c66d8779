"""Retries for tasks that read or write files: transient I/O only.

A network share that blinks or a file busy for a moment raises an `OSError` that may pass
(`kipp.core.transient.is_transient` decides which, for the domain and for these tasks alike);
those tasks are retried twice (after 1 s, then 5 s). A missing file, a refused permission
or an error in the input (a `KippError`, with a message and a fix) fails the same way
every time: retrying it would only delay the message, so it is never retried.
"""

from typing import Any

from prefect import Task
from prefect.client.schemas.objects import State, TaskRun

from kipp.core.transient import is_transient


def transient_io(task: Task[..., Any], task_run: TaskRun, state: State[Any]) -> bool:
    """Retry a task that failed on transient I/O (a network share that blinked, a file busy
    for a moment), never one that failed on its input or on a file that is not there."""
    try:
        state.result()
    except Exception as exc:
        return is_transient(exc)
    return False


IO_RETRIES: dict[str, Any] = {
    "retries": 2,
    "retry_delay_seconds": [1, 5],
    "retry_condition_fn": transient_io,
}
