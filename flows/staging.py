"""Writing a run's documents so that runs never mix their files.

Each run renders its documents into its own staging folder beside the output folder, then,
holding a lock file beside the output folder, moves them in with atomic renames. Two runs
writing to the same folder at once leave the complete set of one of them (the later), never
a mixture; a run killed while rendering leaves only a hidden staging folder, never a
half-written document. The lock is `fcntl.flock` (POSIX; released by the kernel when the
holder dies, so a killed run never leaves a stale lock).
"""

import fcntl
import os
import shutil
import tempfile
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path


@contextmanager
def locked(path: Path) -> Iterator[None]:
    """Hold an exclusive lock on `path` (created when missing) for the block."""
    path.parent.mkdir(parents=True, exist_ok=True)
    with open(path, "a+b") as handle:
        fcntl.flock(handle.fileno(), fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(handle.fileno(), fcntl.LOCK_UN)


def lock_path(out_dir: Path) -> Path:
    """The lock file of an output folder: `.<name>.lock` beside it."""
    return out_dir.parent / f".{out_dir.name}.lock"


def write_staged(write: Callable[[Path], list[Path]], out_dir: Path) -> list[Path]:
    """Call `write(staging)` to render into a fresh staging folder, then move what it wrote
    (files, or folders of files) into `out_dir` under the folder's lock; return the final
    paths, in `write`'s order."""
    out_dir.parent.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(dir=out_dir.parent, prefix=f".{out_dir.name}.staging-"))
    try:
        written = write(staging)
        final: list[Path] = []
        with locked(lock_path(out_dir)):
            out_dir.mkdir(parents=True, exist_ok=True)
            for path in written:
                target = out_dir / path.relative_to(staging)
                files = (
                    sorted(f for f in path.rglob("*") if f.is_file()) if path.is_dir() else [path]
                )
                for file in files:  # a folder of documents moves file by file into its place
                    moved = out_dir / file.relative_to(staging)
                    moved.parent.mkdir(parents=True, exist_ok=True)
                    os.replace(file, moved)
                final.append(target)
            _sync_folder(out_dir)
        return final
    finally:
        shutil.rmtree(staging, ignore_errors=True)


def _sync_folder(folder: Path) -> None:
    """Make the renames durable (a crash right after cannot undo them)."""
    handle = os.open(folder, os.O_RDONLY)
    try:
        os.fsync(handle)
    finally:
        os.close(handle)
