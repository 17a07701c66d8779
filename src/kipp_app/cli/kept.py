"""A value read from a file, kept while the file stays the same: the rubric and corpus of
`kipp run --watch`'s runs."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Generic, TypeVar

from kipp.core.caching import FileStatus, file_status, settled

T = TypeVar("T")


@dataclass
class Kept(Generic[T]):
    """A value read from a file (None: a bundled one, which does not change while kipp
    runs), read again only when the file's status has changed since it was read, or when
    it was read within two seconds of being written."""

    read: Callable[[], T]
    path: Path | None
    _value: tuple[FileStatus | None, T] | None = field(default=None)

    def get(self) -> T:
        status = file_status(self.path) if self.path is not None else None
        if self._value is None or self._value[0] != status:
            value = self.read()  # may raise: what was kept before is kept, not used
            # a file written in the last two seconds may change without its status showing
            # it (`settled`): kept without a status, it is read again next time
            self._value = (status if status is not None and settled(status) else None, value)
        return self._value[1]
