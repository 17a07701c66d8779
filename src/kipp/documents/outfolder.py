"""The output folder, checked before any work: a run writes its documents only where it can
do so without reading its own output as proposals, without writing through a symbolic link,
and without touching the system's or the user's top folders.

kipp writes nothing outside the output folder: the documents, the staging folder they are
rendered in and the folder's lock file all live inside it (created with its missing parents
when it does not exist). It refuses, with the fix, an output folder that:
- is `/` or the user's home folder;
- is a file, or a symbolic link (give the folder it points to);
- is the batch folder, lies inside it, or contains it (a second run would read the first
  run's documents as proposals, and a run would replace files of the batch);
- holds a symbolic link where kipp writes a folder of its own (`scorecards/`) or its lock
  file (`.kipp.lock`);
- cannot be written (or, when it does not exist, its nearest existing parent).
"""

from __future__ import annotations

import contextlib
import os
import tempfile
from pathlib import Path

from kipp.core.problems import KippError

# the folders kipp writes inside an output folder (a link there would be written through)
OWN_FOLDERS = ("scorecards",)
LOCK = ".kipp.lock"  # the output folder's lock file (`kipp.documents.staging`)


class OutputFolderError(KippError):
    """The output folder cannot hold a run's documents."""


def default_out_dir(batch: Path | str) -> Path:
    """`outputs/<batch folder name>/`, the output folder when none is given."""
    return Path("outputs") / Path(batch).resolve().name


def _nearest_existing(path: Path) -> Path:
    for candidate in (path, *path.parents):
        if candidate.exists():
            return candidate
    return Path(path.anchor or ".")


def _writable(folder: Path) -> bool:
    """Whether a file can be created in `folder` (tried, then removed: permissions alone do
    not tell for root or a read-only mount)."""
    try:
        handle, name = tempfile.mkstemp(dir=folder, prefix=".kipp-probe-")
    except OSError:
        return False
    os.close(handle)
    with contextlib.suppress(OSError):
        os.unlink(name)
    return True


def check_output_folder(out: Path, batch: Path) -> None:
    """Raise `OutputFolderError` (with the fix) when `out` cannot receive the documents of a
    run of the batch folder `batch`; return quietly otherwise. Creates nothing."""
    shown = str(out)
    if out.is_symlink():
        raise OutputFolderError.of("error.out.link", "hint.out.link", folder=shown)
    resolved = out.resolve()
    home = Path.home().resolve()
    if resolved == Path(resolved.anchor) or resolved == home:
        raise OutputFolderError.of("error.out.top", "hint.out.top", folder=shown)
    if resolved.exists() and not resolved.is_dir():
        raise OutputFolderError.of("error.out.file", "hint.out.file", folder=shown)
    source = batch.resolve()
    if resolved == source or resolved.is_relative_to(source):
        raise OutputFolderError.of(
            "error.out.in_batch", "hint.out.batch", folder=shown, batch=str(batch)
        )
    if source.is_relative_to(resolved):
        raise OutputFolderError.of(
            "error.out.holds_batch", "hint.out.batch", folder=shown, batch=str(batch)
        )
    for name in OWN_FOLDERS:
        inner = resolved / name
        if inner.is_symlink():
            raise OutputFolderError.of(
                "error.out.inner_link", "hint.out.inner_link", folder=str(out / name)
            )
    lock = resolved / LOCK
    if lock.is_symlink():
        raise OutputFolderError.of(
            "error.out.lock_link", "hint.out.inner_link", file=str(out / LOCK)
        )
    existing = _nearest_existing(resolved)
    if not _writable(existing):
        raise OutputFolderError.of(
            "error.out.read_only", "hint.out.read_only", folder=shown, where=str(existing)
        )
