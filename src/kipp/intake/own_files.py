"""The batch's own files (settings, agency registry, panel, assignments, scoresheets): whether
one is there, why it is not read, and reading it safely.

kipp does not follow a symbolic link in the batch folder, as with proposals, and never opens
what is not a regular file (a folder, a device, a named pipe), which could block or pour out
endless bytes. `not_read` says so from the file's metadata before anything is opened;
`read_regular` checks again on what it has opened (a link or a pipe swapped in between is
refused, not followed or waited on) and reads no more than the file's limit.
"""

from __future__ import annotations

import errno
import hashlib
import os
import stat
from collections.abc import Callable
from pathlib import Path

from pydantic import BaseModel

from kipp.core.i18n import Text, text
from kipp.intake.reading import shown_path


class InputFile(BaseModel):
    """A file that was read, with the sha256 of the bytes read (recorded in results): a
    proposal file, or one of the batch's own files."""

    path: str
    sha256: str


def fingerprint(path: Path, raw: bytes) -> InputFile:
    """The record of the batch file at `path` read as `raw`."""
    return InputFile(path=shown_path(path), sha256=hashlib.sha256(raw).hexdigest())


class NotRead(Exception):
    """A batch file that is not read, and why (a catalogue sentence)."""

    def __init__(self, reason: Text) -> None:
        super().__init__(reason.key)
        self.reason = reason


def present(path: Path) -> bool:
    """Whether anything is at `path`: a file, a folder, a device, or a symbolic link (even
    one pointing nowhere)."""
    return os.path.lexists(path)


def kind_of(mode: int) -> Text:
    """What a file is, by its `st_mode`: a folder, a device, a named pipe, a socket (or a
    regular file, for a place where a folder was expected)."""
    if stat.S_ISREG(mode):
        return text("file.kind.file")
    if stat.S_ISDIR(mode):
        return text("file.kind.folder")
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return text("file.kind.device")
    if stat.S_ISFIFO(mode):
        return text("file.kind.pipe")
    if stat.S_ISSOCK(mode):
        return text("file.kind.socket")
    return text("file.kind.other")


def not_read(
    path: Path,
    *,
    follow_links: bool = False,
    link: str = "settings.symlink",
    not_regular: str = "settings.not_regular",
) -> Text | None:
    """Why the batch's own file at `path` (present: `present`) is not read, or None when it
    is a regular file to read. kipp does not follow a symbolic link in the batch folder,
    as with proposals (catalogue key `link`), unless `follow_links` (a path the user named
    on the command line); anything but a regular file (a folder, a device, a named pipe)
    is refused for `not_regular`, never opened, so it can neither block nor pour out
    endless bytes. Only the file's metadata is read."""
    try:
        if not follow_links and path.is_symlink():
            return text(link)
        mode = path.stat().st_mode
    except OSError as exc:
        return text("file.cannot_read", reason=exc.strerror or str(exc))
    if not stat.S_ISREG(mode):
        return text(not_regular, kind=kind_of(mode))
    return None


def read_regular(
    path: Path,
    max_bytes: int,
    too_big: Callable[[int], Text],
    *,
    follow_links: bool = False,
    link: str = "settings.symlink",
    not_regular: str = "settings.not_regular",
) -> bytes:
    """The bytes of the regular file at `path`, at most `max_bytes`; raises `NotRead` with
    the reason otherwise: a symbolic link (`link`; followed when `follow_links`), not a
    regular file (`not_regular`), larger than `max_bytes` (`too_big(size)`), or not
    readable. What is opened is checked, not the path: the file is opened without following
    a link and without waiting on a pipe, then examined through its descriptor."""
    flags = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_CLOEXEC", 0)
    if not follow_links:
        flags |= getattr(os, "O_NOFOLLOW", 0)
    try:
        descriptor = os.open(path, flags)
    except OSError as exc:
        if exc.errno == errno.ELOOP and not follow_links:
            raise NotRead(text(link)) from None
        raise NotRead(text("file.cannot_read", reason=exc.strerror or str(exc))) from None
    with open(descriptor, "rb", closefd=True) as handle:
        try:
            info = os.fstat(descriptor)
            if not stat.S_ISREG(info.st_mode):
                raise NotRead(text(not_regular, kind=kind_of(info.st_mode)))
            if info.st_size > max_bytes:
                raise NotRead(too_big(info.st_size))
            raw = handle.read(max_bytes + 1)  # the file may have grown since
        except OSError as exc:
            raise NotRead(text("file.cannot_read", reason=exc.strerror or str(exc))) from None
    if len(raw) > max_bytes:
        raise NotRead(too_big(len(raw)))
    return raw
