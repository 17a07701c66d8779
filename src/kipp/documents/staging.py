"""Writing a run's documents so that runs never mix their files and never leave old ones.

Each run renders its documents into its own hidden staging folder inside the output folder,
then, holding the folder's lock file (also inside it), moves them in with atomic renames
(one file system, so each move is a rename) and removes what the previous run wrote and
this one did not (the scorecard of a proposal that left the batch, `compliance.csv` once the
registry is gone). Two runs writing to the same folder at
once leave the complete set of one of them (the later), never a mixture; a run killed while
rendering leaves only a hidden staging folder, which the next run on the same machine removes
(a run stopped with Ctrl-C removes its own first: `remove_unfinished`).
A staging folder is named `.kipp-staging-<host>@<pid>-<random>`, the host name
percent-escaped (so it never holds `@`), which tells whose run left it. Nothing is written
outside the output folder: a run creates the folder (and its missing parents) and works
inside it.

What kipp wrote is listed in a manifest inside the output folder (`.kipp-files.json`), each
file with the sha256 of the bytes written (`kipp.documents.outfolder`), so only kipp's own
files, as kipp wrote them, are ever removed or replaced: anything else a person keeps in the
folder stays, in `scorecards/` too, and so does a file of kipp's that someone changed since
(a workbook saved from Excel, an edited shortlist or scorecard). A file kipp did not write,
or changed since, where a run would write one stops the run before any file moves
(`ForeignFilesError`, checked under the lock); one the run would remove is left in place
and no longer listed. A file the manifest lists without a sha256 (an older kipp's manifest,
or an edited one) is never kipp's: never replaced, never removed. Each file's sha256 is the
writer's, computed from the bytes as it wrote them, where it knows it (`write_staged`'s
`digests`: the scorecards, the workbook and the PDFs, `ScorecardReuse.written`), else read
once from the staging folder.
Before moving anything in, a run lists in the manifest both the previous run's files and
its own, a file it replaces with both sha256s, so a run killed halfway through its moves
leaves every file it moved listed and recognisable; the next run removes or replaces them
like any other of kipp's files. Nothing that
resolves outside the output folder (an entry with `..`, or reached through a symbolic link)
is ever removed, and nothing is written through a link: a folder kipp writes into that is a
link stops the run before any file moves. Ctrl-C and SIGTERM wait while the files move in,
so an interrupted run leaves the previous documents or the new ones, not a mixture.

The lock is `fcntl.flock` (POSIX; released by the kernel when the holder dies, so a killed
run never leaves a stale lock).
"""

import contextlib
import errno
import fcntl
import glob
import os
import shutil
import socket
import tempfile
from collections.abc import Callable, Iterator, Mapping
from contextlib import contextmanager
from pathlib import Path
from urllib.parse import quote

from kipp.core import interrupts
from kipp.core.problems import KippError
from kipp.documents.outfolder import (
    LOCK,
    MANIFEST,
    Manifest,
    file_sha256,
    foreign_error,
    foreign_files,
    kipps,
    listed_files,
    manifest_json,
)

STAGING_PREFIX = ".kipp-staging-"


class LinkInOutputError(KippError):
    """A folder the run writes into, or the folder's lock file, is a symbolic link."""


@contextmanager
def locked(path: Path) -> Iterator[None]:
    """Hold an exclusive lock on `path` (created when missing) for the block. A `path` that
    is a symbolic link is refused (`LinkInOutputError`), never followed."""
    path.parent.mkdir(parents=True, exist_ok=True)
    try:
        descriptor = os.open(path, os.O_RDWR | os.O_CREAT | os.O_NOFOLLOW | os.O_CLOEXEC, 0o644)
    except OSError as error:
        if error.errno != errno.ELOOP:
            raise
        raise LinkInOutputError.of(
            "error.out.lock_link", "hint.out.inner_link", file=str(path)
        ) from None
    try:
        fcntl.flock(descriptor, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(descriptor, fcntl.LOCK_UN)
    finally:
        os.close(descriptor)


def lock_path(out_dir: Path) -> Path:
    """The lock file of an output folder: `.kipp.lock` inside it."""
    return out_dir / LOCK


def _host() -> str:
    """This machine's name as it appears in staging folder names: percent-escaped, so that
    it holds only letters, digits, `-`, `.`, `_`, `~` and `%` (never `@` or `/`), and two
    different names never look alike."""
    return quote(socket.gethostname(), safe="") or "host"


def _staging_owner(name: str) -> tuple[str, int] | None:
    """The host and pid of the run whose staging folder is called `name`, or None when
    `name` is not such a folder. The host is what comes before the last `@` (an escaped host
    name holds none), the pid the digits after it."""
    if not name.startswith(STAGING_PREFIX):
        return None
    host, at, rest = name[len(STAGING_PREFIX) :].rpartition("@")
    pid, dash, _ = rest.partition("-")
    if not (host and at and dash and pid.isascii() and pid.isdigit()):
        return None
    number = int(pid)
    return (host, number) if 0 < number < 2**31 else None


def write_staged(
    write: Callable[[Path], list[Path]],
    out_dir: Path,
    *,
    partial: bool = False,
    digests: Callable[[], Mapping[str, str]] | None = None,
) -> list[Path]:
    """Call `write(staging)` to render into a fresh staging folder, then move what it wrote
    (files, or folders of files) into `out_dir` under the folder's lock; return the final
    paths, in `write`'s order.

    A whole run (`partial=False`) replaces the previous run's files: those it did not write
    again are removed. A partial write (`partial=True`, e.g. only the scorecards) replaces only
    the top-level files and folders it wrote and keeps the rest of the previous run.

    `digests`, called once `write` has returned, gives the sha256 (hex) of files it wrote
    (by path relative to the staging folder, `/`-separated) as the writer computed them from
    the bytes written (`ScorecardReuse.written`); any other file's is read from the staging
    folder. The manifest records them."""
    out_dir.mkdir(parents=True, exist_ok=True)
    prefix = f"{STAGING_PREFIX}{_host()}@{os.getpid()}-"
    staging = Path(tempfile.mkdtemp(dir=out_dir, prefix=prefix))
    _UNFINISHED.add(staging)
    try:
        written = write(staging)
        tops = {p.relative_to(staging).parts[0] for p in written}
        final: list[Path] = []
        moves: list[tuple[Path, str]] = []  # a folder of documents moves file by file
        for path in written:
            files = sorted(f for f in path.rglob("*") if f.is_file()) if path.is_dir() else [path]
            moves.extend((file, file.relative_to(staging).as_posix()) for file in files)
            final.append(out_dir / path.relative_to(staging))
        new = _staged_digests(moves, {} if digests is None else digests())
        with locked(lock_path(out_dir)), interrupts.held():
            _remove_abandoned_staging(out_dir, keep=staging)
            _refuse_links(out_dir, set(new))
            _remove_abandoned_manifests(out_dir)
            listed = listed_files(out_dir)
            previous = {p: listed[p] for p in _inside(out_dir, set(listed))}
            # kipp never overwrites what it did not write, nor what was changed since
            foreign = foreign_files(out_dir, sorted(new), listed)
            if foreign:
                raise foreign_error(out_dir, foreign)
            # listed before they move in, a replaced file with both its sha256s: a run killed
            # between two moves leaves every file listed and recognisable
            moving = {p: _with(previous.get(p, ()), digest) for p, digest in new.items()}
            _write_manifest(out_dir, previous | moving)
            _sync_folder(out_dir)
            for file, relative in moves:
                moved = out_dir / relative
                moved.parent.mkdir(parents=True, exist_ok=True)
                os.replace(file, moved)
            mine = {p: d for p, d in previous.items() if not partial or _top(p) in tops}
            _remove(out_dir, {p: d for p, d in mine.items() if p not in new})
            # a stale file left in place (changed since kipp wrote it) is no longer listed
            kept = {} if not partial else {p: d for p, d in previous.items() if p not in mine}
            _write_manifest(out_dir, kept | {p: (digest,) for p, digest in new.items()})
            _sync_folder(out_dir)
            _PLACED.append(out_dir)  # before a signal held during the moves is acted on
        return final
    finally:
        _UNFINISHED.discard(staging)
        shutil.rmtree(staging, ignore_errors=True)


def _staged_digests(moves: list[tuple[Path, str]], known: Mapping[str, str]) -> dict[str, str]:
    """Each staged file's sha256 by its path relative to the staging folder: the writer's
    (`known`), else read from the staged file."""
    found: dict[str, str] = {}
    for file, relative in moves:
        digest = known.get(relative) or file_sha256(file)
        if digest is None:  # gone from the staging folder, or no longer a regular file
            raise FileNotFoundError(errno.ENOENT, "staged file missing", str(file))
        found[relative] = digest
    return found


_UNFINISHED: set[Path] = set()  # the staging folders of this process's writes under way
_PLACED: list[Path] = []  # the output folders this process's writes have moved into


def placed() -> tuple[Path, ...]:
    """The output folders into which this process has moved a run's documents, whole: a
    process stopped after that says its documents are in place, not that nothing moved."""
    return tuple(_PLACED)


def forget_placed() -> None:
    """Forget the output folders `placed` so far: a process that runs again (`kipp run
    --watch`) says, when stopped, what its run under way did, not what an earlier one did."""
    _PLACED.clear()


def remove_unfinished() -> None:
    """Remove the staging folders of this process's writes under way: what a process ending
    at once (Ctrl-C: `os._exit`, which runs no `finally`) calls first, so it leaves no
    staging folder in the output folder. Never while files move in: Ctrl-C waits for
    them (`kipp.core.interrupts`)."""
    for staging in list(_UNFINISHED):
        shutil.rmtree(staging, ignore_errors=True)


def _with(digests: tuple[str, ...], digest: str) -> tuple[str, ...]:
    return digests if digest in digests else (*digests, digest)


def _occupied(path: Path) -> bool:
    return path.exists() or path.is_symlink()


def _top(relative: str) -> str:
    return relative.split("/", 1)[0]


def _refuse_links(out_dir: Path, relatives: set[str]) -> None:
    """Raise `LinkInOutputError` when a folder that one of the files `relatives` (relative
    to `out_dir`) would move into is a symbolic link, or the file's place is a link to a
    folder: kipp never writes through a link."""
    folders = {Path(r).parent for r in relatives} - {Path(".")}
    for folder in sorted(folders, key=lambda p: len(p.parts)):
        for part in (folder, *folder.parents):
            if part != Path(".") and (out_dir / part).is_symlink():
                raise LinkInOutputError.of(
                    "error.out.inner_link", "hint.out.inner_link", folder=str(out_dir / part)
                )


def _inside(out_dir: Path, listed: set[str]) -> set[str]:
    """The files of the manifest's `listed` that lie inside the folder: those the previous
    run wrote that this one may remove."""
    inside = _Inside(out_dir)
    return {p for p in listed if inside(p)}


class _Inside:
    """Whether a relative path names something inside `out_dir`, symbolic links followed:
    not absolute, no `..`, and resolving below the resolved folder (a doctored manifest, or a
    link in the folder pointing elsewhere, cannot make a run delete files outside it). The
    folder and each parent folder are resolved once: a manifest lists thousands of
    scorecards in one folder."""

    def __init__(self, out_dir: Path) -> None:
        self.out_dir = out_dir
        self.parents: dict[Path, Path | None] = {}
        self.root = self._resolved(Path("."))

    def _resolved(self, relative: Path) -> Path | None:
        try:
            return (self.out_dir / relative).resolve()
        except (OSError, RuntimeError):  # a symbolic link loop
            return None

    def __call__(self, relative: str) -> bool:
        path = Path(relative)
        if not path.parts or path.is_absolute() or ".." in path.parts:
            return False
        if self.root is None:
            return False
        parent = path.parent
        if parent not in self.parents:
            self.parents[parent] = self._resolved(parent)
        folder = self.parents[parent]
        if folder is None:
            return False
        linked = (folder / path.name).is_symlink()
        target = self._resolved(path) if linked else folder / path.name  # a link followed
        return target is not None and target != self.root and target.is_relative_to(self.root)


def _manifest_temporary(out_dir: Path) -> Path:
    return out_dir / f"{MANIFEST}.{os.getpid()}.tmp"


def _write_manifest(out_dir: Path, files: Manifest) -> None:
    """Replace the manifest atomically: a reader (or a run after a crash) sees the old list
    or the new one, whole."""
    temporary = _manifest_temporary(out_dir)
    with open(temporary, "w", encoding="utf-8") as handle:
        handle.write(manifest_json(files))
        handle.flush()
        os.fsync(handle.fileno())
    os.replace(temporary, out_dir / MANIFEST)


def _remove_abandoned_manifests(out_dir: Path) -> None:
    """Remove the temporary manifests of runs killed while writing one (called under the
    lock, so no run is writing one now)."""
    for path in out_dir.glob(f"{glob.escape(MANIFEST)}.*.tmp"):
        pid = path.name[len(MANIFEST) + 1 : -len(".tmp")]
        if pid.isascii() and pid.isdigit() and not path.is_dir():
            with contextlib.suppress(OSError):
                path.unlink()


def _remove(out_dir: Path, stale: Manifest) -> None:
    """Remove stale files that are still kipp's (each checked against its sha256s just
    before: one changed since kipp wrote it, or listed without any, stays), then the folders
    they leave empty (never `out_dir` itself, and never anything that resolves outside it)."""
    folders: set[Path] = set()
    inside = _Inside(out_dir)
    for relative, digests in stale.items():
        path = out_dir / relative
        if not inside(relative) or (_occupied(path) and not kipps(out_dir, relative, digests)):
            continue
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
    host = _host()
    pattern = f"{glob.escape(STAGING_PREFIX + host)}@*"
    for folder in out_dir.glob(pattern):
        if folder == keep or folder.is_symlink() or not folder.is_dir():
            continue
        owner = _staging_owner(folder.name)
        if owner is not None and owner[0] == host and not _alive(owner[1]):
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
