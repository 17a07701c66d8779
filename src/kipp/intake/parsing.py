"""Parsing and validating the files of a batch, one after another or in worker processes.

Parsing is most of intake's time (YAML and Markdown parsing, validation), and each file's
result depends on that file alone, so a large batch is parsed by a pool of worker processes
(`ParsePool`): the folder is still walked, read and hashed here, in folder order; the files
that the parse cache does not hold go to the workers in small jobs; the results come back in
the order the files were read, so a batch reads the same whatever the workers. A worker that
dies (killed, out of memory) costs nothing: its files are parsed here instead.

Workers start from a fork server (`kipp.core.workers`).
"""

from __future__ import annotations

import functools
import pickle
from collections import deque
from collections.abc import Callable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass, field

from kipp.core.caching import model_digest, remember_digest
from kipp.core.i18n import Text, text
from kipp.core.keys import RawPath, key_table, normalize_key
from kipp.core.models import CallChoices, Proposal
from kipp.core.problems import Location, Problem
from kipp.core.workers import default_workers, process_pool
from kipp.core.yaml_source import TOO_DEEP
from kipp.intake.csv_loader import load_csv
from kipp.intake.json_loader import load_json
from kipp.intake.loaded import Loaded
from kipp.intake.markdown_loader import load_markdown
from kipp.intake.reading import Limits, Unreadable
from kipp.intake.records import Entry, RawRecord, validate_record
from kipp.intake.xlsx_loader import load_ods, load_xls, load_xlsx
from kipp.intake.yaml_loader import load_yaml

Loader = Callable[[bytes, str, str, Limits], Loaded]

LOADERS: dict[str, Loader] = {
    ".yaml": load_yaml,
    ".yml": load_yaml,
    ".json": load_json,
    ".md": load_markdown,
    ".csv": load_csv,
    ".xlsx": load_xlsx,
    ".xlsm": load_xlsx,
    ".xls": load_xls,
    ".ods": load_ods,
}

POOL_AFTER = 400
"""Files to parse before a pool is worth starting: below it (a small batch, or a re-run
where the cache holds nearly every file) the files are parsed in this process."""
JOB_FILES = 32  # files per job sent to a worker
JOB_BYTES = 4 * 2**20  # or fewer, when they are large (spreadsheets)
IN_FLIGHT = 4  # jobs per worker queued at a time, so memory holds a few jobs' bytes only
_PROTOCOL = pickle.HIGHEST_PROTOCOL


@dataclass(frozen=True)
class Anchors:
    """Where a record reports a repeated id and a repeated title: at its top-level key of
    that field when it has one, else at the record (`kipp.intake.proposals`)."""

    id: Location
    title: Location


@dataclass
class ParsedFile:
    """What one file gave, before the batch-wide checks: what `ParseCache` keeps. `digests`
    holds each entry's proposal's `model_digest` (None for an entry without one) when they
    were asked for (a read with a parse cache: a run, which keys its stages by them),
    computed where the file was parsed; `remember_digests` hands them to the reading
    process, so the proposals are not serialised again there."""

    notices: list[Problem]
    entries: list[Entry]
    anchors: list[Anchors]
    digests: list[bytes | None] = field(default_factory=list)

    def remember_digests(self) -> None:
        """Make each entry's proposal's digest known to `model_digest` in this process."""
        for entry, found in zip(self.entries, self.digests, strict=False):
            if entry.proposal is not None and found is not None:
                remember_digest(entry.proposal, found)


@dataclass(frozen=True)
class FileJob:
    """One file to parse: its loader's suffix, bytes, shown path and default id."""

    suffix: str
    raw: bytes
    shown: str
    default_id: str


def parse(
    loader: Loader,
    raw: bytes,
    shown: str,
    default_id: str,
    limits: Limits,
    choices: CallChoices,
    digests: bool = False,
) -> ParsedFile:
    """Parse one file's bytes with its loader and validate each record it holds; with
    `digests`, each proposal's digest too (`ParsedFile.digests`)."""
    loaded = loader(raw, shown, default_id, limits)
    entries = [validate_record(record, choices) for record in loaded.records]
    return ParsedFile(
        notices=loaded.notices,
        entries=entries,
        anchors=[_anchors(record) for record in loaded.records],
        digests=[None if e.proposal is None else model_digest(e.proposal) for e in entries]
        if digests
        else [],
    )


def parse_job(
    job: FileJob, limits: Limits, choices: CallChoices, digests: bool = False
) -> ParsedFile | Text:
    """One file parsed, or why it holds no readable proposal. Never raises for a bad file:
    a bug of ours in one file's parsing must not cost the rest of the batch."""
    try:
        loader = LOADERS[job.suffix]
        return parse(loader, job.raw, job.shown, job.default_id, limits, choices, digests)
    except Unreadable as exc:
        return exc.reason
    except RecursionError:
        return TOO_DEEP
    except Exception as exc:
        return text("file.internal", error=f"{type(exc).__name__}: {exc}")


def _parse_jobs(
    jobs: list[FileJob], limits: Limits, choices: CallChoices, digests: bool
) -> list[bytes]:
    """A worker's job: each file's outcome, pickled here (the parse cache keeps these bytes;
    a result that cannot be pickled is parsed again in the parent)."""
    blobs = []
    for job in jobs:
        outcome = parse_job(job, limits, choices, digests)
        try:
            blobs.append(pickle.dumps(outcome, protocol=_PROTOCOL))
        except Exception:  # e.g. nested too deep to pickle
            blobs.append(b"")
    return blobs


@functools.cache
def _proposal_keys() -> dict[str, str]:
    return key_table(Proposal)


def _anchors(record: RawRecord) -> Anchors:
    """Where `record` reports a repeated id or title: its first top-level key of that field."""
    found: dict[str, RawPath] = {}
    if isinstance(record.data, dict):
        table = _proposal_keys()
        for key in record.data:
            field_name = table.get(normalize_key(key))
            if field_name in ("id", "title") and field_name not in found:
                found[field_name] = (key,)
    return Anchors(
        id=record.locate(found.get("id", ())), title=record.locate(found.get("title", ()))
    )


@dataclass
class _Slot:
    """One file's place in folder order: its outcome once known, or the job computing it."""

    tag: object
    job: FileJob | None = None
    outcome: ParsedFile | Text | None = None


@dataclass
class _Batch:
    slots: list[_Slot] = field(default_factory=list)
    size: int = 0
    future: Future[list[bytes]] | None = None


class ParsePool:
    """Parses files in folder order, in worker processes once there are enough of them.

    `add(tag, job)` queues a file to parse, `done(tag, outcome)` records one whose outcome is
    already known (a cache hit, an unread file); `results()` yields `(tag, outcome, blob)` in
    the order they were added, where `blob` is the pickled outcome when a worker produced it
    (the parse cache can keep it as is). Use as a context manager: leaving it stops the
    workers. With `digests`, each proposal's digest is computed with it (`ParsedFile`)."""

    def __init__(
        self,
        limits: Limits,
        choices: CallChoices,
        workers: int | None = None,
        digests: bool = False,
    ) -> None:
        self._limits = limits
        self._choices = choices
        self._digests = digests
        self._workers = default_workers() if workers is None else workers
        self._pending: deque[_Batch] = deque()
        self._open = _Batch()
        self._queued = 0  # files added to parse, before any pool
        self._executor: ProcessPoolExecutor | None = None
        self._broken = False
        self.parsed_by_workers = 0

    def __enter__(self) -> ParsePool:
        return self

    def __exit__(self, *exc: object) -> None:
        if self._executor is not None:
            self._executor.shutdown(wait=True, cancel_futures=True)
            self._executor = None

    def done(self, tag: object, outcome: ParsedFile | Text) -> None:
        """Record a file whose outcome is known, keeping its place in folder order."""
        self._open.slots.append(_Slot(tag, outcome=outcome))

    def add(self, tag: object, job: FileJob) -> Iterator[tuple[object, ParsedFile | Text, bytes]]:
        """Queue a file to parse; yields the outcomes that became ready in order (iterate it)."""
        self._open.slots.append(_Slot(tag, job=job))
        self._open.size += len(job.raw)
        self._queued += 1
        jobs = sum(slot.job is not None for slot in self._open.slots)
        if jobs >= JOB_FILES or self._open.size >= JOB_BYTES:
            self._submit()
        if self._executor is not None:  # a few jobs ahead of the workers
            while len(self._pending) > self._workers * IN_FLIGHT:
                yield from self._finish(self._pending.popleft())
        elif self._workers <= 1 or self._broken:  # no pool: parse as the files come
            while self._pending:
                yield from self._finish(self._pending.popleft())

    def results(self) -> Iterator[tuple[object, ParsedFile | Text, bytes]]:
        """Every outcome not yet yielded, in the order the files were added."""
        self._submit()
        while self._pending:
            yield from self._finish(self._pending.popleft())

    def _submit(self) -> None:
        batch, self._open = self._open, _Batch()
        self._pending.append(batch)
        if self._pool() is None:
            return
        for waiting in self._pending:  # this batch, and those queued before the pool started
            jobs = [slot.job for slot in waiting.slots if slot.job is not None]
            if waiting.future is None and jobs and not self._broken:
                assert self._executor is not None
                try:
                    waiting.future = self._executor.submit(
                        _parse_jobs, jobs, self._limits, self._choices, self._digests
                    )
                except (BrokenProcessPool, RuntimeError):
                    self._broken = True

    def _pool(self) -> ProcessPoolExecutor | None:
        wanted = self._workers > 1 and self._queued >= POOL_AFTER
        if self._executor is None and not self._broken and wanted:
            self._executor = process_pool(self._workers, ["kipp.intake.parsing"])
        return None if self._broken else self._executor

    def _finish(self, batch: _Batch) -> Iterator[tuple[object, ParsedFile | Text, bytes]]:
        blobs: list[bytes] | None = None
        if batch.future is not None:
            try:
                blobs = batch.future.result()
            except BrokenProcessPool:  # a worker died: parse its files here
                self._broken = True
        received = iter(blobs or ())
        for slot in batch.slots:
            if slot.job is None:
                assert slot.outcome is not None
                yield slot.tag, slot.outcome, b""
                continue
            blob = next(received, b"") if blobs is not None else b""
            outcome: ParsedFile | Text | None = None
            if blob:
                outcome = pickle.loads(blob)
                self.parsed_by_workers += 1
            if outcome is None:
                outcome = parse_job(slot.job, self._limits, self._choices, self._digests)
            yield slot.tag, outcome, blob
