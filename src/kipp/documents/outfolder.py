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
- holds, where kipp writes a document, a file that kipp did not write: kipp never overwrites
  what it did not write. The run's own staging write checks every file again, under the
  folder's lock, before moving anything in (`kipp.documents.staging`);
- cannot be written (or, when it does not exist, its nearest existing parent).

What kipp wrote is listed in the folder's manifest, `.kipp-files.json`: a JSON object that
maps each file (its path relative to the folder, `/`-separated) to the sha256 of the bytes
kipp wrote there (while a run moves its files in, to a list of two: the previous run's and
its own, so a run killed halfway leaves every file it may have left recognisable). A file is
kipp's only when the manifest lists it and its content still has a recorded sha256; any
other file where kipp writes is one kipp did not write (`foreign_files` says why):
- not listed (a person's own `shortlist.pdf`);
- listed, but changed since kipp wrote it (`results.xlsx` saved from Excel, an edited
  scorecard), or no longer a regular file (a link put in its place);
- listed without a sha256: a manifest of a kipp from before sha256s were recorded (a JSON
  list of paths), or one edited by hand. kipp cannot tell such a file from a person's, so
  it refuses the folder, naming the files, until they are moved or renamed (or another
  output folder is given); a folder written by an older kipp is taken over once its
  documents are moved aside (or deleted by the person who knows they are kipp's).

Checking reads each listed file where kipp writes once: the check before work hashes them,
and the staging write's check again under the lock reuses a digest when the file's device,
inode, size and modification time are those it had when it was hashed and it had not been
modified in the two seconds before (`file_sha256`); a file written that recently is read
again. A process that runs again (`kipp run --watch`) hashes its documents while it waits
(`hash_documents_ahead`), so its next run's checks read none of them.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import stat
import tempfile
import threading
import time
from collections.abc import Mapping
from enum import StrEnum
from pathlib import Path
from typing import NamedTuple

from kipp.core import caching
from kipp.core.i18n import Text, text
from kipp.core.problems import KippError

# the folders kipp writes inside an output folder (a link there would be written through)
OWN_FOLDERS = ("scorecards",)
LOCK = ".kipp.lock"  # the output folder's lock file (`kipp.documents.staging`)
MANIFEST = ".kipp-files.json"  # what kipp wrote in the folder (`kipp.documents.staging`)
# the documents a run writes at the top of its output folder (`kipp.documents.outputs`)
DOCUMENTS = (
    "results.json",
    "scores.csv",
    "shortlist.md",
    "shortlist.html",
    "shortlist.pdf",
    "results.xlsx",
    "compliance.csv",
    "reviews.csv",
    "berita-acara.html",
    "berita-acara.pdf",
    "berita-acara.docx",
)
SCORECARD_SUFFIXES = (".html", ".pdf")
SHOWN_FOREIGN = 5  # files named in the refusal; the rest counted


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
    foreign = foreign_files(resolved, _documents_in(resolved), listed_files(resolved))
    if foreign:
        raise foreign_error(out, foreign)
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


class ForeignFilesError(OutputFolderError):
    """The output folder holds, where kipp writes, files that kipp did not write."""


Digests = tuple[str, ...]  # the sha256s (hex) a listed file may have; empty: none recorded
Manifest = dict[str, Digests]  # relative path -> the sha256s its content may have


def listed_files(out_dir: Path) -> Manifest:
    """The files the manifest of `out_dir` lists as kipp's (relative, `/`-separated), each
    with the sha256s recorded for it (none for a manifest of an older kipp, a JSON list of
    paths, or an entry that is not a hex sha256 or a list of them); empty when there is no
    readable manifest. Paths are not checked here: a caller that removes files checks that
    each lies inside the folder."""
    try:
        listed = json.loads((out_dir / MANIFEST).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    if isinstance(listed, list):  # an older kipp's: paths without sha256s
        return {p: () for p in listed if isinstance(p, str)}
    if not isinstance(listed, dict):
        return {}
    return {p: _digests(value) for p, value in listed.items()}


def _digests(value: object) -> Digests:
    values = value if isinstance(value, list) else [value]
    if all(isinstance(v, str) and _is_sha256(v) for v in values):
        return tuple(str(v) for v in values)
    return ()


def _is_sha256(value: str) -> bool:
    return len(value) == 64 and all(c in "0123456789abcdef" for c in value)


def manifest_json(files: Mapping[str, Digests]) -> str:
    """The manifest's text for `files` (`listed_files` reads it back): a JSON object, sorted
    by path, each path mapped to its sha256, or to a list of them when it may have several."""
    body = {p: d[0] if len(d) == 1 else list(d) for p, d in sorted(files.items())}
    return json.dumps(body, indent=1) + "\n"


# (device, inode, size, modification and change times in ns) of a regular file -> its
# sha256, filled by `file_sha256`. Shared by every check of the process: the command's and
# the flow's before work, the one under the lock. Writing to a file, or setting its times
# back, moves its change time, which no one but the clock sets.
_HASHED: dict[caching.FileStatus, str] = {}
_HASHED_MOST = 200_000  # a long-lived process (a Prefect worker) keeps no more than this
# A file modified less than `caching.SETTLED_NS` before it was hashed is not remembered:
# file systems stamp times coarsely (to a few ms, or 2 s), so an edit made right after
# could keep the same size and time ("racy git"); such a file is read again.


def file_sha256(path: Path) -> str | None:
    """The sha256 (hex) of the regular file at `path`, or None when there is none there (a
    symbolic link, never followed, is none) or it cannot be read. A file hashed before in
    this process is not read again when its device, inode, size, modification and change
    times are the same, and it had not been modified in the two seconds before it was hashed
    (the check under the lock follows the check before work by seconds)."""
    try:
        before = path.lstat()
    except OSError:
        return None
    if not stat.S_ISREG(before.st_mode):
        return None
    known = _HASHED.get(caching.status_of(before))
    if known is not None:
        return known
    started = time.time_ns()
    try:
        descriptor = os.open(path, os.O_RDONLY | os.O_NOFOLLOW | os.O_CLOEXEC)
    except OSError:
        return None
    with open(descriptor, "rb", buffering=0) as stream:
        try:
            opened = os.fstat(descriptor)
            if not stat.S_ISREG(opened.st_mode):
                return None
            value = hashlib.file_digest(stream, "sha256").hexdigest()
            after = os.fstat(descriptor)
        except OSError:
            return None
    status = caching.status_of(after)
    # remembered when settled before the read began and not written to while read
    if caching.settled(status, started) and caching.status_of(opened) == status:
        if len(_HASHED) >= _HASHED_MOST:
            _HASHED.clear()
        _HASHED[status] = value
    return value


def hash_documents_ahead(out_dir: Path, stop: threading.Event) -> None:
    """Hash, once they are two seconds old, the files kipp may replace in `out_dir` (each
    `file_sha256` remembers), unless `stop` is set first: what a process that runs again
    (`kipp run --watch`) does while it waits, so that the checks of its next run read none
    of them again. Reads only; stops at once when `stop` is set (the next run begins)."""
    if stop.wait(caching.SETTLED_NS / 1e9 + 0.1):
        return
    with contextlib.suppress(OSError):
        folder = out_dir.resolve()
        kept: list[caching.FileStatus] = []
        for relative in _documents_in(folder):
            if stop.is_set():
                return
            file_sha256(folder / relative)
            kept.append(caching.status_of((folder / relative).lstat()))
        # the digests of documents replaced since go: a process that runs again all day
        # would otherwise keep one per document per run
        for gone in set(_HASHED).difference(kept):
            _HASHED.pop(gone, None)


def _documents_in(folder: Path) -> list[str]:
    """What a run of kipp may write that is already in `folder`: its top-level documents and
    the scorecards in `scorecards/` (relative paths)."""
    found = [name for name in DOCUMENTS if _occupied(folder / name)]
    cards = folder / OWN_FOLDERS[0]
    if cards.is_dir() and not cards.is_symlink():
        found += [
            f"{OWN_FOLDERS[0]}/{entry.name}"
            for entry in sorted(cards.iterdir())
            if entry.suffix.lower() in SCORECARD_SUFFIXES
        ]
    return found


def _occupied(path: Path) -> bool:
    return path.exists() or path.is_symlink()


class Why(StrEnum):
    """Why a file where kipp writes is not kipp's to replace."""

    UNLISTED = "unlisted"  # the manifest does not list it
    CHANGED = "changed"  # listed, but its content is not what kipp wrote
    UNCHECKED = "unchecked"  # listed without a sha256: nothing to check it against


class Foreign(NamedTuple):
    """A file kipp did not write (relative to the output folder), and why it is not kipp's."""

    path: str
    why: Why


def kipps(out_dir: Path, relative: str, digests: Digests) -> bool:
    """Whether the file `relative` (to `out_dir`), listed with the sha256s `digests`, is
    still kipp's: a regular file with one of them."""
    return bool(digests) and file_sha256(out_dir / relative) in digests


def foreign_files(
    out_dir: Path, relatives: list[str], listed: Mapping[str, Digests]
) -> list[Foreign]:
    """Those of `relatives` (relative to `out_dir`) that exist there but that kipp did not
    write, each with why: not `listed` in the folder's manifest (`listed_files`), listed
    without a sha256, or whose content has none of the sha256s recorded for it."""
    found: list[Foreign] = []
    for relative in relatives:
        if not _occupied(out_dir / relative):
            continue
        digests = listed.get(relative)
        if digests is None:
            found.append(Foreign(relative, Why.UNLISTED))
        elif not digests:
            found.append(Foreign(relative, Why.UNCHECKED))
        elif not kipps(out_dir, relative, digests):
            found.append(Foreign(relative, Why.CHANGED))
    return found


def _named(foreign: Foreign) -> Text:
    """A file as the refusal names it: with why, when kipp's manifest lists it."""
    if foreign.why is Why.CHANGED:
        return text("error.out.foreign.changed", file=foreign.path)
    if foreign.why is Why.UNCHECKED:
        return text("error.out.foreign.unchecked", file=foreign.path)
    return text("message.as_written", message=foreign.path)


def foreign_error(out: Path, foreign: list[Foreign]) -> ForeignFilesError:
    """The refusal naming the first files kipp did not write, each with why when kipp's
    manifest lists it, and how many there are; the fix says how to go on."""
    more = len(foreign) - SHOWN_FOREIGN
    unchecked = any(f.why is Why.UNCHECKED for f in foreign)
    if all(f.why is Why.UNCHECKED for f in foreign):  # a folder an older kipp wrote, as a rule
        key = "error.out.unchecked"
        shown = [text("message.as_written", message=f.path) for f in foreign[:SHOWN_FOREIGN]]
    else:
        key = "error.out.foreign"
        shown = [_named(f) for f in foreign[:SHOWN_FOREIGN]]
    in_cards = any(f.path.startswith(f"{OWN_FOLDERS[0]}/") for f in foreign)
    hint = "foreign_unchecked" if unchecked else "foreign_cards" if in_cards else "foreign"
    return ForeignFilesError(
        text(
            f"{key}_more" if more > 0 else key,
            folder=str(out),
            files=shown,
            more=max(more, 0),
        ),
        text(f"hint.out.{hint}"),
    )
