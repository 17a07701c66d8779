"""`kipp run --watch`: after a run, wait for the batch folder (or the rubric or corpus file
the run was given) to change, then run again, in the same process, until Ctrl-C.

A coordinator collecting corrections from agencies runs the batch again after every file
that comes back. In the same process a run again skips what a new `kipp run` pays before
its first stage: Python's and Prefect's imports, the embedded server's start, reading the
rubric and the corpus (kept while their files stay the same), and what the process keeps
warm (compiled similarity loops and templates).

The batch folder is watched with `watchfiles` (inotify, or the like, where the operating
system has it; set WATCHFILES_FORCE_POLLING=true on a network share, where it does not);
the rubric and corpus files by their status, once a second. What intake never reads does
not start a run: names starting with `.` (editors' and office programs' hidden files), and
what `watchfiles` leaves out by default (editors' swap and backup files, `__pycache__`,
version control folders).
"""

from __future__ import annotations

import threading
import time
from collections.abc import Sequence
from pathlib import Path

from watchfiles import Change, DefaultFilter, watch

from kipp_app.cli.kept import file_status

QUIET_MS = 100  # a change is acted on once the folder has been quiet this long
FILES_EVERY_MS = 1_000  # how often the rubric's and corpus's status is looked at
SHOWN_CHANGES = 5  # changed files named on the terminal; the rest counted


class BatchFilter(DefaultFilter):
    """`watchfiles`' default filter, and names starting with `.` below the batch folder
    (intake never reads them: hidden files, office programs' lock files)."""

    def __init__(self, batch: Path, ignore: Sequence[Path]) -> None:
        self.batch = batch.resolve()
        super().__init__(ignore_paths=[str(p.resolve()) for p in ignore])

    def __call__(self, change: Change, path: str) -> bool:
        if not super().__call__(change, path):
            return False
        try:
            inside = Path(path).relative_to(self.batch)
        except ValueError:
            return True
        return not any(part.startswith(".") for part in inside.parts)


class Watcher:
    """Watches, from its start, what a run reads: the batch folder (recursively) and
    `files` (the rubric's and corpus's, by status once a second), in a thread of its own,
    so that a change made while a run is under way is kept for the next one. Paths under
    `ignore` (kipp's cache, the output folder) never count. A context manager: the thread
    ends with it."""

    def __init__(self, batch: Path, files: Sequence[Path], ignore: Sequence[Path]) -> None:
        self.batch = batch
        self._filter = BatchFilter(batch, ignore)
        self._files = {path: file_status(path) for path in files}
        self._changed: dict[Path, set[Change]] = {}
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
        try:
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
                if found:
                    with self._lock:
                        for change, name in found:
                            self._changed.setdefault(Path(name), set()).add(change)
                    self._arrived.set()
        except Exception as exc:  # the folder went away, the system's watch limit: said
            self._failed.append(exc)
            self._arrived.set()
        finally:
            self.watching.set()

    def shown(self, changed: Sequence[Path]) -> tuple[list[str], int]:
        """The first of `changed` as the terminal names them (relative to the batch folder
        when inside it) and how many more there are."""
        names = []
        for path in changed[:SHOWN_CHANGES]:
            try:
                names.append(str(path.resolve().relative_to(self.batch.resolve())))
            except ValueError:
                names.append(str(path))
        return names, max(0, len(changed) - SHOWN_CHANGES)

    def wait(self, timeout_s: float | None = None) -> list[Path]:
        """The files changed since the last call (sorted), once there are any (a file
        added and removed since is none); empty after `timeout_s` seconds without any
        (None: no limit). Raises what stopped the watch (the batch folder removed, say)."""
        deadline = None if timeout_s is None else time.monotonic() + timeout_s
        while True:
            while not self._arrived.wait(timeout=0.5):  # wakes for Ctrl-C (main thread)
                if deadline is not None and time.monotonic() > deadline:
                    return []
            if self._failed:
                raise self._failed[0]
            with self._lock:
                changed, self._changed = self._changed, {}
                self._arrived.clear()
            # a file made and removed meanwhile (an editor's or `sed -i`'s temporary file)
            # changed nothing; one taken by the call before left nothing either
            real = [p for p, how in changed.items() if Change.added not in how or p.exists()]
            if real:
                return sorted(real)
