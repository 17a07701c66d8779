"""A batch folder in, every file accounted for out: valid, invalid with problems, or unread."""

from __future__ import annotations

import hashlib
import os
import re
import stat
from collections import defaultdict
from dataclasses import dataclass
from pathlib import Path

from pydantic import BaseModel

from kipp.core.i18n import Text, text
from kipp.core.keys import slugify
from kipp.core.models import CallChoices
from kipp.core.printable import is_printable, printable
from kipp.core.problems import BatchError, Problem, Severity
from kipp.core.transient import Rereads
from kipp.intake.cache import FolderCache, ParseCache
from kipp.intake.own_files import InputFile
from kipp.intake.parsing import LOADERS, Anchors, FileJob, ParsedFile, ParsePool
from kipp.intake.reading import (
    Limits,
    Unreadable,
    check_size,
    shown_path,
)
from kipp.intake.records import Entry, Status

SPREADSHEETS = {".csv", ".xlsx", ".xlsm", ".xls", ".ods"}
PANEL_FILES = {"reviewers.yaml", "reviewers.yml"}  # the review panel, beside the proposals
SYMLINK = text("file.symlink")
NAME_NOT_TEXT = text("name.not_text")
SUPPORTED = ", ".join(sorted(LOADERS))
_HINTS = {
    ".numbers": "file.hint.xlsx",
    ".xlsb": "file.hint.xlsx",
    ".docx": "file.hint.copy",
    ".doc": "file.hint.copy",
    ".pdf": "file.hint.attachment",
    ".txt": "file.hint.txt",
    ".markdown": "file.hint.markdown",
}


class Unread(BaseModel):
    """A file that holds no readable proposal, and why."""

    path: str
    reason: Text


class Intake(BaseModel):
    """Everything intake learned about a batch folder."""

    folder: str
    entries: list[Entry]
    unread: list[Unread]
    ignored: list[str]
    notices: list[Problem]
    inputs: list[InputFile]

    @property
    def valid(self) -> list[Entry]:
        """Entries that passed validation, in folder order."""
        return [e for e in self.entries if e.status is Status.VALID]

    @property
    def invalid(self) -> list[Entry]:
        """Entries with at least one error."""
        return [e for e in self.entries if e.status is Status.INVALID]

    @property
    def file_count(self) -> int:
        """Files of the folder that were looked at (read or unread; ignored ones aside)."""
        return len({i.path for i in self.inputs} | {u.path for u in self.unread})

    def problems(self) -> list[Problem]:
        """File-level notices and every entry's problems, in folder order."""
        found = list(self.notices)
        for entry in self.entries:
            found.extend(entry.problems)
        return found


def _walk(folder: Path, limits: Limits) -> tuple[list[Path], list[str], list[Unread]]:
    """Files below `folder` in a stable order, the names ignored (as shown), and the folders
    not read: those deeper than `Limits.max_depth` (not entered, each reported with
    everything in it) and those that cannot be listed. Names starting with `.` or `_` are
    ignored, and so is the review panel (`reviewers.yaml`) at the top of the folder. Walked
    without recursion, so no depth of folders can exhaust Python's stack."""
    files: list[Path] = []
    ignored: list[str] = []
    not_read: list[tuple[Path, Text]] = []
    pending = [(folder, 0)]
    while pending:
        root, depth = pending.pop()
        try:
            with os.scandir(root) as listing:
                entries = sorted(listing, key=lambda e: e.name)
        except OSError as exc:
            not_read.append((root, text("file.cannot_read", reason=exc.strerror or str(exc))))
            continue
        for entry in entries:
            path = root / entry.name
            if entry.name.startswith((".", "_")) or (root == folder and entry.name in PANEL_FILES):
                ignored.append(shown_path(path) + (os.sep if entry.is_dir() else ""))
            elif entry.is_symlink():
                files.append(path)  # not followed, so reported rather than lost
            elif entry.is_dir():
                if depth + 1 > limits.max_depth:
                    not_read.append((path, text("folder.too_deep", count=limits.max_depth)))
                else:
                    pending.append((path, depth + 1))
            else:
                files.append(path)
    order = sorted(files, key=lambda p: p.relative_to(folder).parts)
    not_read.sort(key=lambda item: item[0].relative_to(folder).parts)
    unread = [Unread(path=shown_path(path), reason=reason) for path, reason in not_read]
    return order, sorted(ignored), unread


def _name_notice(file: Path, folder: Path, shown: str) -> Problem | None:
    """A warning for a file whose name, or a folder's below the batch folder, is not text."""
    relative = str(file.relative_to(folder))
    if is_printable(relative):
        return None
    return Problem(path=shown, field="(file)", severity=Severity.WARNING, message=NAME_NOT_TEXT)


def _read(file: Path, limits: Limits, rereads: Rereads) -> bytes:
    """The bytes of `file` under its size cap, read again after a transient failure."""
    sheet = file.suffix.lower() in SPREADSHEETS
    cap = limits.max_sheet_bytes if sheet else limits.max_text_bytes
    option = "--max-sheet-mb" if sheet else "--max-file-mb"

    def read() -> bytes:
        info = os.lstat(file)
        if stat.S_ISLNK(info.st_mode):  # replaced by a link since the folder was listed
            raise Unreadable(SYMLINK)
        if not stat.S_ISREG(info.st_mode):
            raise Unreadable(text("file.not_regular"))
        check_size(info.st_size, cap, option)
        with open(file, "rb") as handle:
            # the size it had, and one byte more to see whether it grew since: a buffer of
            # the cap for every file would cost more than the read
            data = handle.read(info.st_size + 1)
            if len(data) > info.st_size:  # grown: the rest, up to one byte over the cap
                data += handle.read(cap + 1 - len(data))
                if len(data) > cap:  # grown over the cap: refused with the size it has now
                    check_size(max(os.fstat(handle.fileno()).st_size, len(data)), cap, option)
            return data

    try:
        raw = rereads.read(read)
    except OSError as exc:
        raise Unreadable(text("file.cannot_read", reason=exc.strerror or str(exc))) from None
    check_size(len(raw), cap, option)
    return raw


def read_proposals(
    folder: Path,
    choices: CallChoices,
    limits: Limits | None = None,
    cache: ParseCache | None = None,
    workers: int | None = None,
) -> Intake:
    """Read and validate every file of a batch folder. Never raises for a bad file: each
    file ends valid, invalid with located problems, or unread with the reason.

    With a `cache`, a file whose bytes, path and reading context are those of an earlier
    read is not parsed again: its result comes from the cache (the same result; files
    that ended unread are always read again). A large batch is parsed by `workers` processes
    (by default one per core; 1 parses here), with the same result
    (`kipp.intake.parsing.ParsePool`)."""
    limits = limits or Limits()
    rereads = Rereads(limits.reread_delays_s, limits.reread_budget_s)
    if not folder.exists():
        raise BatchError.of("batch.missing", "batch.missing.hint", folder=str(folder))
    if not folder.is_dir():
        raise BatchError.of("batch.not_folder", "batch.not_folder.hint", folder=str(folder))
    files, ignored, unread = _walk(folder, limits)
    cached = cache.open(folder, choices, limits) if cache is not None else None
    inputs: list[InputFile] = []
    found = _Found(entries=[], anchors=[], notices=[], unread=unread, cached=cached)
    # a read with a cache is a run's, which keys its stages by each proposal's digest
    with ParsePool(limits, choices, workers, digests=cached is not None) as pool:
        for file in files:
            shown = shown_path(file)
            tag = _Tag(shown, _name_notice(file, folder, shown))
            outcome = _read_one(file, tag, limits, rereads, cached, inputs)
            if isinstance(outcome, FileJob):
                for ready in pool.add(tag, outcome):
                    found.take(*ready)
            else:
                pool.done(tag, outcome)
        for ready in pool.results():
            found.take(*ready)
    if cached is not None:
        cached.close()
    _check_unique(found.entries, found.anchors, folder)
    return Intake(
        folder=shown_path(folder),
        entries=found.entries,
        unread=unread,
        ignored=ignored,
        notices=found.notices,
        inputs=inputs,
    )


@dataclass
class _Tag:
    """A file as the parse pool carries it: its shown path, the warning about its name if
    any, and the parse cache key its parsed result is to be stored under."""

    shown: str
    name_notice: Problem | None
    key: str = ""


def _read_one(
    file: Path,
    tag: _Tag,
    limits: Limits,
    rereads: Rereads,
    cached: FolderCache | None,
    inputs: list[InputFile],
) -> FileJob | ParsedFile | Text:
    """One file read and hashed: the job of parsing it, its result from the cache, or why
    it is not read (recorded in `inputs` when its bytes were read)."""
    try:
        link = rereads.read(file.is_symlink)
    except OSError as exc:
        return text("file.cannot_read", reason=exc.strerror or str(exc))
    if link:
        return SYMLINK
    suffix = file.suffix.lower()
    if suffix not in LOADERS:
        return _unsupported(suffix)
    try:
        raw = _read(file, limits, rereads)
    except Unreadable as exc:
        return exc.reason
    sha256 = hashlib.sha256(raw).hexdigest()
    inputs.append(InputFile(path=tag.shown, sha256=sha256))
    default_id = slugify(printable(file.stem, lines=False)) or "proposal"
    if cached is not None:
        tag.key = cached.key(sha256, tag.shown, default_id)
        hit = cached.lookup(tag.key, ParsedFile)
        if hit is not None:
            tag.key = ""  # nothing to store
            return hit
    return FileJob(suffix=suffix, raw=raw, shown=tag.shown, default_id=default_id)


@dataclass
class _Found:
    """What the files gave, gathered in folder order."""

    entries: list[Entry]
    anchors: list[Anchors]
    notices: list[Problem]
    unread: list[Unread]
    cached: FolderCache | None

    def take(self, tag: object, outcome: ParsedFile | Text, blob: bytes) -> None:
        assert isinstance(tag, _Tag)
        if tag.name_notice is not None:
            self.notices.append(tag.name_notice)
        if not isinstance(outcome, ParsedFile):
            self.unread.append(Unread(path=tag.shown, reason=outcome))
            return
        if self.cached is not None and tag.key:
            self.cached.store(tag.key, outcome, blob)  # before `_check_unique` adds to it
        outcome.remember_digests()
        self.notices.extend(outcome.notices)
        self.entries.extend(outcome.entries)
        self.anchors.extend(outcome.anchors)


def _unsupported(suffix: str) -> Text:
    """Why a file of type `suffix` is not read, and what to do with it."""
    hint = _HINTS.get(suffix)
    what: Text | str = f"'{suffix}'" if suffix else text("file.no_extension")
    return text(
        "file.unsupported",
        type=what,
        hint=text(hint) if hint else text("file.hint.supported", types=SUPPORTED),
    )


_TITLE_NOISE = re.compile(r"[\W_]+", re.UNICODE)


def title_key(title: str) -> str:
    """Titles compare ignoring case, spacing and punctuation."""
    return _TITLE_NOISE.sub("", title.casefold())


def _in_batch(source: str, folder: Path) -> str:
    """A proposal's source (`<file>` or `<file>#<row>`) named from the batch folder
    (`dinkes/ppdb.yaml`, `form.xlsx#3`): a message read in a scorecard names no folder of
    the coordinator's machine."""
    prefix = f"{folder}{os.sep}"
    return source[len(prefix) :] if source.startswith(prefix) else Path(source).name


def _check_unique(entries: list[Entry], anchors: list[Anchors], folder: Path) -> None:
    """Ids and titles must be unique in the batch: report each repeat on every holder,
    naming the others (from the batch folder). A repeated id is an error (results could not
    tell the proposals apart); a repeated title is a warning here, and the rubric's
    `unique_title` gate makes the proposals ineligible with the same finding, as KIPP's
    administrative check does."""
    for field_name, key_of in (("id", lambda e: e.id), ("title", _entry_title_key)):
        holders: dict[str, list[int]] = defaultdict(list)
        for index, entry in enumerate(entries):
            key = key_of(entry)
            if key:
                holders[key].append(index)
        for indexes in holders.values():
            if len(indexes) < 2:
                continue
            for i in indexes:
                others = [_in_batch(entries[j].source, folder) for j in indexes if j != i]
                message = (
                    text("batch.id_repeat", id=entries[i].id, others=others)
                    if field_name == "id"
                    else text("batch.title_repeat", others=others)
                )
                severity = Severity.ERROR if field_name == "id" else Severity.WARNING
                where = anchors[i].id if field_name == "id" else anchors[i].title
                entries[i].problems.append(
                    Problem(
                        path=entries[i].path,
                        line=where.line,
                        column=where.column,
                        field=field_name,
                        message=message,
                        severity=severity,
                    )
                )


def _entry_title_key(entry: Entry) -> str:
    return title_key(entry.title) if entry.title else ""
