"""`kipp run --watch`: after a run, wait for the batch folder (or the rubric or corpus file
the run was given) to change, then run again, in the same process, until Ctrl-C.

A coordinator collecting corrections from agencies runs the batch again after every file
that comes back. In the same process a run again skips what a new `kipp run` pays before
its first stage: Python's and Prefect's imports, the embedded server's start, reading the
rubric and the corpus (kept while their files stay the same), and what the process keeps
warm (compiled similarity loops and templates).

The batch folder is watched with `watchfiles` (inotify, or the like, where the operating
system has it; set WATCHFILES_FORCE_POLLING=true on a network share, where it does not), by
its name: a folder put in its place is watched from then on. The rubric and corpus files
are watched by their status, once a second. A name starting with `.` starts a run only by
coming or going (intake never reads it; the documents list it as skipped).
"""

from __future__ import annotations

import os
import stat
import threading
import time
from collections.abc import Sequence
from pathlib import Path

from watchfiles import BaseFilter, Change, watch

from kipp.core.caching import file_status

QUIET_MS = 100  # a change is acted on once the folder has been quiet this long
FILES_EVERY_MS = 1_000  # how often the rubric's and corpus's status is looked at
SHOWN_CHANGES = 5  # changed files named on the terminal; the rest counted


class BatchFilter(BaseFilter):
    """The changes that can change a run's documents: every change in the batch folder,
    but for a name starting with `.` only its coming and going (intake never reads such a
    file or folder, but the documents list it as skipped), and nothing below it; none under
    `ignore` (kipp's cache, the output folder). An editor's backup (`x.yaml~`) or Excel's
    lock file (`~$x.xlsx`) counts whole: intake reads it (and says it cannot)."""

    def __init__(self, batch: Path, ignore: Sequence[Path]) -> None:
        self.batch = batch.resolve()
        self.ignored = [str(p.resolve()) for p in ignore]

    def __call__(self, change: Change, path: str) -> bool:
        if any(path == p or path.startswith(p + os.sep) for p in self.ignored):
            return False
        try:
            inside = Path(path).relative_to(self.batch).parts
        except ValueError:
            return True
        hidden = next((at for at, part in enumerate(inside) if part.startswith(".")), None)
        if hidden is None:
            return True
        return hidden == len(inside) - 1 and change is not Change.modified


def _folder(path: Path) -> tuple[int, int] | None:
    """A folder's device and inode: another when the folder was replaced; None when none."""
    try:
        found = path.stat()
    except OSError:
        return None
    return (found.st_dev, found.st_ino) if stat.S_ISDIR(found.st_mode) else None


class Watcher:
    """Watches, from its start, what a run reads: the batch folder (recursively) and
    `files` (the rubric's and corpus's, by status once a second), in a thread of its own,
    so that a change made while a run is under way is kept for the next one. Paths under
    `ignore` (kipp's cache, the output folder) never count. A context manager: the thread
    ends with it."""

    def __init__(self, batch: Path, files: Sequence[Path], ignore: Sequence[Path]) -> None:
        self.batch = batch
        self._filter = BatchFilter(batch, ignore)
        self._names = {batch, batch.absolute(), batch.resolve()}  # how a change may name it
        self._files = {path: file_status(path) for path in files}
        self._changed: set[Path] = set()
        self._lock = threading.Lock()
        self._arrived = threading.Event()
        self._stop = threading.Event()
        self._failed: list[BaseException] = []
        self._thread = threading.Thread(target=self._watch, name="kipp-watch", daemon=True)
        # set after the watch's first step (a second at most): what changes from then on is
        # seen for sure (it starts watching within milliseconds, before a run reads a file)
        self.watching = threading.Event()

    def __enter__(self) -> Watcher:
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._stop.set()
        self._thread.join(timeout=2 * FILES_EVERY_MS / 1000)

    def _watch(self) -> None:
        """Watch the batch folder by its name: a folder put in its place (unzipped again,
        replaced by a sync tool, removed and copied back) is watched from then on, and
        counts as a change."""
        missing = False
        try:
            while not self._stop.is_set():
                folder = _folder(self.batch)
                if folder is None:  # gone: looked for again each second
                    missing = True
                    self.watching.set()
                    self._stop.wait(FILES_EVERY_MS / 1000)
                    continue
                if missing:  # back again (or there at last), however soon after a look
                    missing = False
                    self._arrive({(Change.added, str(self.batch))})
                try:
                    self._watch_folder(folder)
                except FileNotFoundError:
                    if _folder(self.batch) is not None:
                        raise
                    missing = True  # gone before its watch began: looked for again
        except Exception as exc:  # the system's limit of watches, say: said at the next wait
            self._failed.append(exc)
            self._arrived.set()
        finally:
            self.watching.set()

    def _watch_folder(self, folder: tuple[int, int]) -> None:
        """Watch the folder `folder` (its device and inode) until it is no longer the one at
        the batch folder's path, or the watch is stopped."""
        for found in watch(
            self.batch,
            watch_filter=self._filter,
            step=QUIET_MS,
            rust_timeout=FILES_EVERY_MS,
            yield_on_timeout=True,
            stop_event=self._stop,
        ):
            self.watching.set()
            for path, before in self._files.items():
                now = file_status(path)
                if now != before:
                    self._files[path] = now
                    found.add((Change.modified, str(path)))
            # another folder at its path, or the watched one itself removed or moved (a new
            # folder may take the removed one's inode number)
            replaced = _folder(self.batch) != folder or any(
                Path(name) in self._names for _, name in found
            )
            if replaced:
                found.add((Change.modified, str(self.batch)))
            self._arrive(found)
            if replaced:
                return

    def _arrive(self, found: set[tuple[Change, str]]) -> None:
        if found:
            with self._lock:
                self._changed.update(Path(name) for _, name in found)
            self._arrived.set()

    def shown(self, changed: Sequence[Path]) -> tuple[list[tuple[str, bool]], int]:
        """The first of `changed` as the terminal names them (relative to the batch folder
        when inside it, the batch folder as it was given, a line break as `\\n`), each with
        whether it is gone now (removed, or a temporary file made and removed); and how many
        more there are."""
        batch = self.batch.resolve()
        names = []
        for path in changed[:SHOWN_CHANGES]:
            whole = path.parent.resolve() / path.name  # a link named, not followed
            if whole == batch or path == self.batch:
                name = str(self.batch)
            elif whole.is_relative_to(batch):
                name = str(whole.relative_to(batch))
            else:
                name = str(path)
            names.append((name.replace("\n", "\\n"), not os.path.lexists(whole)))
        return names, max(0, len(changed) - SHOWN_CHANGES)

    def wait(self, timeout_s: float | None = None) -> list[Path]:
        """The files changed since the last call (sorted; a temporary file made and removed
        since among them), once there are any; empty after `timeout_s` seconds without any
        (None: no limit). Raises what stopped the watch (the system's limit of watches)."""
        deadline = None if timeout_s is None else time.monotonic() + timeout_s
        while True:
            while not self._arrived.wait(timeout=0.5):  # wakes for Ctrl-C (main thread)
                if deadline is not None and time.monotonic() > deadline:
                    return []
            if self._failed:
                raise self._failed[0]
            with self._lock:
                changed, self._changed = self._changed, set()
                self._arrived.clear()
            if changed:  # else taken by the call before, as they arrived
                return sorted(changed)
