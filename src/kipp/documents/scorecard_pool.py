"""Rendering many scorecards: in this process for a small batch, in worker processes for a
large one (a national batch has tens of thousands), or here and in the run's helper process
at once.

Each scorecard depends on its own proposal and on what the whole run shares (the run's
settings, language and reviews summary, the rubric), never on another proposal, so workers
receive the run without its proposals plus their share of the proposals, render them, write
their files straight into the scorecards folder being staged and return each file's
sha256 (what `kipp.documents.reuse` records). Files are the same bytes whoever renders
them. A worker that dies costs nothing: its scorecards are rendered here instead.

On a machine of fewer than `MIN_CORES` cores, a large batch's documents have one helper
process (`helper_process`): it renders scorecards from the end of the list, from the moment
the list is known, while this process writes the other documents, then renders scorecards
from the start, until the two meet (`wants_helper`: from `HELPER_FROM` proposals). The
helper runs at the lowest priority, so that the shortlist PDF's child, whose one document
cannot be split, keeps its core; the helper then simply takes fewer scorecards.
"""

from __future__ import annotations

import hashlib
import os
import threading
from collections import deque
from collections.abc import Callable, Iterator, Sequence
from concurrent.futures import Executor, Future
from concurrent.futures.process import BrokenProcessPool
from contextlib import contextmanager
from pathlib import Path

from kipp.core.workers import default_workers, one_worker, process_pool
from kipp.documents.render.html import render_scorecard_html
from kipp.documents.render.pdf import html_to_pdf
from kipp.documents.render.reports import scorecard_view
from kipp.results import ProposalOut, Results
from kipp.rubric import Rubric

WORKERS_FROM = 400  # scorecards to render before worker processes are worth starting
MIN_CORES = 4
"""Cores a machine needs for workers by default: on two, the shortlist PDF's child renders
beside them and sending the proposals costs more than the second worker gains (measured:
bench/README.md)."""
CHUNK = 50  # scorecards per job sent to a worker
HELPER_FROM = 6_000
"""Proposals from which a run's documents have a helper process (`helper_process`). Below
it, this process's share of the documents takes less time than the shortlist PDF's child
on the other core (its annexes are capped, so it takes about as long for any large batch),
and a helper would only slow that child down (measured: bench/README.md)."""
HELPER_NICENESS = 19  # the lowest priority: the helper takes what the other processes leave
AHEAD = 2  # chunks the helper holds beyond the one it renders, so that it never waits

Card = tuple[str, ProposalOut]  # the file name (without suffix) and its proposal
Digests = dict[str, str]  # suffix -> sha256 of the file written


def scorecard_files(
    p: ProposalOut, results: Results, rubric: Rubric, pdf: bool
) -> dict[str, bytes]:
    """One proposal's scorecard files: suffix -> bytes (`.html`, and `.pdf` when `pdf`)."""
    html = render_scorecard_html(scorecard_view(p, results, rubric))
    files = {".html": html.encode("utf-8")}
    if pdf:
        files[".pdf"] = html_to_pdf(html)
    return files


def write_cards(
    cards: Sequence[Card], results: Results, rubric: Rubric, target: Path, pdf: bool
) -> list[Digests]:
    """Render and write `cards` into `target`; each card's files' sha256."""
    written = []
    for name, p in cards:
        files = scorecard_files(p, results, rubric, pdf)
        for suffix, data in files.items():
            (target / f"{name}{suffix}").write_bytes(data)
        written.append({suffix: hashlib.sha256(data).hexdigest() for suffix, data in files.items()})
    return written


def render_cards(
    cards: Sequence[Card],
    results: Results,
    rubric: Rubric,
    target: Path,
    pdf: bool,
    workers: int | None = None,
) -> Iterator[tuple[Card, Digests]]:
    """Render and write every card into `target`, yielding each card with its files' sha256
    in the order given; in `workers` processes (by default one per core on a machine of at
    least `MIN_CORES` cores) when there are at least `WORKERS_FROM` of them."""
    if workers is None:
        workers = _default_workers()
    if workers <= 1 or len(cards) < WORKERS_FROM:
        yield from zip(cards, write_cards(cards, results, rubric, target, pdf), strict=True)
        return
    chunks = [cards[i : i + CHUNK] for i in range(0, len(cards), CHUNK)]
    preload = ["kipp.documents.scorecard_pool"]
    with process_pool(workers, preload, _share, _shared_run(results, rubric)) as pool:
        futures: list[Future[list[Digests]]] = [
            pool.submit(_write_shared, chunk, target, pdf) for chunk in chunks
        ]
        for chunk, future in zip(chunks, futures, strict=True):
            try:
                digests = future.result()
            except BrokenProcessPool:  # a worker died: render its scorecards here
                digests = write_cards(chunk, results, rubric, target, pdf)
            yield from zip(chunk, digests, strict=True)


def start_cards(
    cards: Sequence[Card],
    results: Results,
    rubric: Rubric,
    target: Path,
    pdf: bool,
    workers: int | None = None,
    helper: Executor | None = None,
) -> Callable[[], Iterator[tuple[Card, Digests]]]:
    """`render_cards`, begun now: with a `helper` (`helper_process`, on a machine of fewer
    than `MIN_CORES` cores), it takes its share from the end of the list at once, kept fed
    by a thread of this process while the caller writes other documents. The function
    returned renders the rest here and yields every card with its digests, in order."""
    if workers is None:
        workers = _default_workers()
    if helper is None or workers > 1 or len(cards) < WORKERS_FROM:
        return lambda: render_cards(cards, results, rubric, target, pdf, workers)
    shared = _SharedCards(helper, cards, results, rubric, target, pdf)
    return lambda: zip(cards, shared.finish(), strict=True)


def _default_workers() -> int:
    cores = default_workers()
    return cores if cores >= MIN_CORES else 1


def wants_helper(proposals: int) -> bool:
    """Whether a run's documents have a helper process (`helper_process`): on a machine of
    two cores or more but fewer than `MIN_CORES` (with more, worker processes render the
    scorecards instead), for a batch of at least `HELPER_FROM` proposals."""
    return 1 < default_workers() < MIN_CORES and proposals >= HELPER_FROM


class _SharedCards:
    """Chunks of scorecards rendered by a helper process from the last one back, and by this
    process from the first one on (`finish`), until the two meet. A thread of this process
    hands the helper `AHEAD` chunks beyond the one it renders, so that it never waits."""

    def __init__(
        self,
        helper: Executor,
        cards: Sequence[Card],
        results: Results,
        rubric: Rubric,
        target: Path,
        pdf: bool,
    ) -> None:
        self._helper = helper
        self._chunks = [cards[i : i + CHUNK] for i in range(0, len(cards), CHUNK)]
        self._run = (results, rubric, target, pdf)
        self._lock = threading.Lock()
        self._front, self._back = 0, len(self._chunks)  # here: front..; the helper: back..
        self._done: dict[int, list[Digests]] = {}
        self._left: list[int] = []  # chunks given to a helper that died: rendered here
        self._error: BaseException | None = None
        self._feeder = threading.Thread(target=self._feed, name="kipp-scorecards", daemon=True)
        self._feeder.start()

    def _take(self, *, last: bool) -> int | None:
        """The next chunk for the helper (`last`) or for this process; None once they met
        (the helper always leaves this process the first chunk)."""
        with self._lock:
            if last:
                if self._back - self._front <= 1:
                    return None
                self._back -= 1
                return self._back
            if self._front >= self._back:
                return None
            self._front += 1
            return self._front - 1

    def _feed(self) -> None:
        sent: deque[tuple[int, Future[list[Digests]]]] = deque()
        broken = False
        _, _, target, pdf = self._run
        try:
            while True:
                while not broken and len(sent) <= AHEAD:
                    index = self._take(last=True)
                    if index is None:
                        break
                    try:
                        chunk = self._chunks[index]
                        sent.append((index, self._helper.submit(_write_shared, chunk, target, pdf)))
                    except BrokenProcessPool:
                        broken = True
                        self._left.append(index)
                if not sent:
                    return
                index, future = sent.popleft()
                try:
                    self._done[index] = future.result()
                except BrokenProcessPool:  # the helper died: its chunks are rendered here
                    broken = True
                    self._left.append(index)
        except BaseException as error:  # a scorecard the helper failed to render
            self._error = error

    def finish(self) -> list[Digests]:
        """Render this process's share, wait for the helper's; every card's digests, in
        order. Raises what the helper raised."""
        while (index := self._take(last=False)) is not None:
            self._done[index] = write_cards(self._chunks[index], *self._run)
        self._feeder.join()
        if self._error is not None:
            raise self._error
        for index in self._left:
            self._done[index] = write_cards(self._chunks[index], *self._run)
        return [d for index in range(len(self._chunks)) for d in self._done[index]]


def _shared_run(results: Results, rubric: Rubric) -> tuple[Results, Rubric]:
    """What every scorecard reads of the run, sent once to each worker: not the proposals,
    nor the run's list of input files (one entry per file of the batch)."""
    run = results.run.model_copy(update={"inputs": []})
    return results.model_copy(update={"proposals": [], "run": run}), rubric


@contextmanager
def helper_process(results: Results, rubric: Rubric) -> Iterator[Executor]:
    """The run's documents' helper: one worker process holding what every scorecard reads of
    the run (`start_cards`), started with its first job (a pool forked from the fork server
    starts its workers on demand). Ends when the block does, once its jobs are done, or at
    once (its jobs dropped) when the block fails."""
    with one_worker(["kipp.documents.scorecard_pool"], _help, _shared_run(results, rubric)) as pool:
        yield pool


_shared: list[tuple[Results, Rubric]] = []  # in a worker: what `_share` was given


def _share(results: Results, rubric: Rubric) -> None:
    """A worker's start: keep what every scorecard reads of the run."""
    _shared[:] = [(results, rubric)]


def _help(results: Results, rubric: Rubric) -> None:
    """The helper's start: yield the core to the shortlist PDF's child, whose one document
    cannot be split (the helper's work can: this process renders what it does not take)."""
    if hasattr(os, "nice"):  # not on Windows
        os.nice(HELPER_NICENESS)
    _share(results, rubric)


def _write_shared(cards: Sequence[Card], target: Path, pdf: bool) -> list[Digests]:
    results, rubric = _shared[0]
    return write_cards(cards, results, rubric, target, pdf)
