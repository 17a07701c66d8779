"""A value read from a file, kept while the file stays the same: the rubric and corpus of
`kipp run --watch`'s runs."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Generic, TypeVar

T = TypeVar("T")


def file_status(path: Path) -> tuple[int, int, int, int, int] | None:
    """What changes when a file is written or replaced: its device, inode, size,
    modification and change times; None when there is no file there."""
    try:
        found = path.stat()
    except OSError:
        return None
    return (found.st_dev, found.st_ino, found.st_size, found.st_mtime_ns, found.st_ctime_ns)


@dataclass
class Kept(Generic[T]):
    """A value read from a file (None: a bundled one, which does not change while kipp
    runs), read again only when the file has changed since it was read."""

    read: Callable[[], T]
    path: Path | None
    _value: tuple[tuple[int, int, int, int, int] | None, T] | None = field(default=None)

    def get(self) -> T:
        status = file_status(self.path) if self.path is not None else None
        if self._value is None or self._value[0] != status:
            value = self.read()  # may raise: what was kept before is kept, not used
            self._value = (status, value)
        return self._value[1]
