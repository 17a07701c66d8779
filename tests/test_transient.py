"""Which I/O errors are tried again, and how reads are tried again within a budget."""

from __future__ import annotations

import errno
from collections.abc import Callable

import pytest

from kipp.core.problems import KippError
from kipp.core.transient import Rereads, is_transient


@pytest.mark.parametrize(
    "code",
    [
        errno.EIO,
        errno.EAGAIN,
        errno.EBUSY,
        errno.ETIMEDOUT,
        errno.ESTALE,
        errno.EINTR,
        errno.ENETDOWN,
        errno.ECONNRESET,
        errno.EHOSTUNREACH,
    ],
    ids=errno.errorcode.get,
)
def test_is_transient_for_errors_that_may_pass(code: int) -> None:
    assert is_transient(OSError(code, "blink")) is True


@pytest.mark.parametrize(
    "error",
    [
        TimeoutError("read timed out"),
        ConnectionResetError("connection reset by peer"),
        InterruptedError("interrupted"),
    ],
)
def test_is_transient_for_timeouts_and_dropped_connections_without_errno(
    error: OSError,
) -> None:
    assert is_transient(error) is True


@pytest.mark.parametrize(
    "error",
    [
        FileNotFoundError(errno.ENOENT, "No such file or directory"),
        PermissionError(errno.EACCES, "Permission denied"),
        IsADirectoryError(errno.EISDIR, "Is a directory"),
        NotADirectoryError(errno.ENOTDIR, "Not a directory"),
        OSError(errno.ENOSPC, "No space left on device"),
        OSError("no errno, so nothing says it would pass"),
        KippError.of("batch.missing", "batch.missing.hint", folder="x"),
        ValueError("bad value"),
    ],
    ids=["ENOENT", "EACCES", "EISDIR", "ENOTDIR", "ENOSPC", "no-errno", "KippError", "ValueError"],
)
def test_is_transient_not_for_errors_a_person_must_fix(error: Exception) -> None:
    assert is_transient(error) is False


def failing(*errors: OSError, then: str = "read") -> tuple[Callable[[], str], list[int]]:
    """A read that raises `errors` one by one, then returns `then`; and its call count."""
    calls: list[int] = []

    def read() -> str:
        calls.append(1)
        if len(calls) <= len(errors):
            raise errors[len(calls) - 1]
        return then

    return read, calls


def test_rereads_read_again_after_a_transient_failure() -> None:
    slept: list[float] = []
    read, calls = failing(OSError(errno.EIO, "Input/output error"))
    assert Rereads((0.2, 1.0), budget_s=10, sleep=slept.append).read(read) == "read"
    assert (len(calls), slept) == (2, [0.2])


def test_rereads_raise_a_permanent_error_at_once() -> None:
    slept: list[float] = []
    read, calls = failing(PermissionError(errno.EACCES, "Permission denied"))
    with pytest.raises(PermissionError):
        Rereads((0.2, 1.0), budget_s=10, sleep=slept.append).read(read)
    assert (len(calls), slept) == (1, [])


def test_rereads_raise_the_last_transient_error_after_every_delay() -> None:
    slept: list[float] = []
    errors = [OSError(errno.ESTALE, f"Stale file handle {n}") for n in range(3)]
    read, calls = failing(*errors)
    with pytest.raises(OSError) as caught:
        Rereads((0.2, 1.0), budget_s=10, sleep=slept.append).read(read)
    assert (caught.value, len(calls), slept) == (errors[2], 3, [0.2, 1.0])


def test_rereads_share_one_budget_and_stop_waiting_once_it_is_spent() -> None:
    slept: list[float] = []
    rereads = Rereads((0.2, 1.0), budget_s=0.5, sleep=slept.append)
    first, first_calls = failing(*[OSError(errno.EIO, "Input/output error")] * 3)
    second, second_calls = failing(OSError(errno.EIO, "Input/output error"))
    with pytest.raises(OSError):
        rereads.read(first)  # waits 0.2; 1.0 more would overrun the budget
    assert rereads.read(second) == "read"  # 0.2 of the 0.3 left
    with pytest.raises(OSError):
        rereads.read(failing(OSError(errno.EIO, "Input/output error"))[0])  # 0.1 left
    assert (len(first_calls), len(second_calls), slept) == (2, 2, [0.2, 0.2])
    assert rereads.left_s == pytest.approx(0.1)
