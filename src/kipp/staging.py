"""Writing a run's documents so that runs never mix their files and never leave old ones.

Each run renders its documents into its own staging folder beside the output folder, then,
holding a lock file beside the output folder, moves them in with atomic renames and removes
what the previous run wrote and this one did not (the scorecard of a proposal that left the
batch, `compliance.csv` once the registry is gone). Two runs writing to the same folder at
once leave the complete set of one of them (the later), never a mixture; a run killed while
rendering leaves only a hidden staging folder, which the next run on the same machine removes.

What kipp wrote is listed in a manifest inside the output folder (`.kipp-files.json`), so
only kipp's own files are ever removed: anything else a person keeps in the folder stays. A
folder that kipp writes whole (`scorecards/`) is kipp's entirely: files in it that the new run
did not write are removed even without a manifest (folders written by older versions).

The lock is `fcntl.flock` (POSIX; released by the kernel when the holder dies, so a killed
run never leaves a stale lock).
"""

import contextlib
import fcntl
import json
import os
import shutil
import socket
import tempfile
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

MANIFEST = ".kipp-files.json"


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


def _host() -> str:
    return "".join(c if c.isalnum() else "-" for c in socket.gethostname()) or "host"


def _staging_prefix(out_dir: Path) -> str:
    return f".{out_dir.name}.staging-"


def write_staged(
    write: Callable[[Path], list[Path]], out_dir: Path, *, partial: bool = False
) -> list[Path]:
    """Call `write(staging)` to render into a fresh staging folder, then move what it wrote
    (files, or folders of files) into `out_dir` under the folder's lock; return the final
    paths, in `write`'s order.

    A whole run (`partial=False`) replaces the previous run's files: those it did not write
    again are removed. A partial write (`partial=True`, e.g. only the scorecards) replaces only
    the top-level files and folders it wrote and keeps the rest of the previous run."""
    out_dir.parent.mkdir(parents=True, exist_ok=True)
    prefix = f"{_staging_prefix(out_dir)}{_host()}-{os.getpid()}-"
    staging = Path(tempfile.mkdtemp(dir=out_dir.parent, prefix=prefix))
    try:
        written = write(staging)
        tops = {p.relative_to(staging).parts[0] for p in written}
        owned_folders = {t for t in tops if (staging / t).is_dir()}
        final: list[Path] = []
        with locked(lock_path(out_dir)):
            _remove_abandoned_staging(out_dir, keep=staging)
            out_dir.mkdir(parents=True, exist_ok=True)
            new: set[str] = set()
            for path in written:
                files = (
                    sorted(f for f in path.rglob("*") if f.is_file()) if path.is_dir() else [path]
                )
                for file in files:  # a folder of documents moves file by file into its place
                    relative = file.relative_to(staging)
                    moved = out_dir / relative
                    moved.parent.mkdir(parents=True, exist_ok=True)
                    os.replace(file, moved)
                    new.add(relative.as_posix())
                final.append(out_dir / path.relative_to(staging))
            previous = _read_manifest(out_dir)
            mine = previous if not partial else {p for p in previous if _top(p) in tops}
            stale = mine | _files_in(out_dir, owned_folders)
            _remove(out_dir, stale - new)
            kept = set() if not partial else previous - mine
            _write_manifest(out_dir, kept | new)
            _sync_folder(out_dir)
        return final
    finally:
        shutil.rmtree(staging, ignore_errors=True)


def _top(relative: str) -> str:
    return relative.split("/", 1)[0]


def _files_in(out_dir: Path, folders: set[str]) -> set[str]:
    """Every file under the given top-level folders of `out_dir`, relative to it."""
    found: set[str] = set()
    for name in folders:
        folder = out_dir / name
        if folder.is_dir() and not folder.is_symlink():
            found.update(
                f.relative_to(out_dir).as_posix() for f in folder.rglob("*") if f.is_file()
            )
    return found


def _read_manifest(out_dir: Path) -> set[str]:
    """The files the previous run wrote; empty when there is no readable manifest."""
    try:
        listed = json.loads((out_dir / MANIFEST).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return set()
    if not isinstance(listed, list):
        return set()
    return {p for p in listed if isinstance(p, str) and _inside(p)}


def _inside(relative: str) -> bool:
    """A manifest entry that stays inside the output folder (a doctored manifest cannot make
    a run delete files elsewhere)."""
    parts = Path(relative).parts
    return bool(parts) and not Path(relative).is_absolute() and ".." not in parts


def _write_manifest(out_dir: Path, files: set[str]) -> None:
    temporary = out_dir / f"{MANIFEST}.{os.getpid()}.tmp"
    temporary.write_text(json.dumps(sorted(files), indent=1) + "\n", encoding="utf-8")
    os.replace(temporary, out_dir / MANIFEST)


def _remove(out_dir: Path, stale: set[str]) -> None:
    """Remove stale files, then the folders they leave empty (never `out_dir` itself)."""
    folders: set[Path] = set()
    for relative in stale:
        path = out_dir / relative
        try:
            path.unlink()
        except FileNotFoundError:
            pass
        except IsADirectoryError:
            continue
        folders.update(p for p in path.parents if p != out_dir and out_dir in p.parents)
    for folder in sorted(folders, key=lambda p: len(p.parts), reverse=True):
        with contextlib.suppress(OSError):  # not empty: it still holds files
            folder.rmdir()


def _remove_abandoned_staging(out_dir: Path, keep: Path) -> None:
    """Remove staging folders of runs on this machine whose process is gone (killed while
    rendering). Staging folders of other machines (a shared folder) are left to them."""
    own = f"{_staging_prefix(out_dir)}{_host()}-"
    for folder in out_dir.parent.glob(f"{own}*"):
        if folder == keep or not folder.is_dir():
            continue
        pid = folder.name[len(own) :].split("-", 1)[0]
        if pid.isdigit() and not _alive(int(pid)):
            shutil.rmtree(folder, ignore_errors=True)


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:  # someone else's process: alive
        return True
    return True


def _sync_folder(folder: Path) -> None:
    """Make the renames durable (a crash right after cannot undo them)."""
    handle = os.open(folder, os.O_RDONLY)
    try:
        os.fsync(handle)
    finally:
        os.close(handle)
