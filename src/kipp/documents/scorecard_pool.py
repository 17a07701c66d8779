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
process (`helper_process`): it writes the workbook first (`kipp.documents.workbook`), then
takes scorecards from the end of the list while this process renders them from the start,
until the two meet. The helper runs at a lower priority than the run, so that the shortlist
PDF's child, whose one document cannot be split, keeps its core; the helper then simply
takes fewer scorecards.
"""

from __future__ import annotations

import hashlib
import os
from collections import deque
from collections.abc import Iterator, Sequence
from concurrent.futures import Executor, Future
from concurrent.futures.process import BrokenProcessPool
from contextlib import contextmanager
from pathlib import Path

from kipp.core.workers import default_workers, process_pool
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
HELPER_FROM = 1_000
"""Proposals from which a run's documents have a helper process (`helper_process`): below
it, the workbook and the scorecards take less time than a worker needs to start."""
HELPER_NICENESS = 10  # how much lower than the run the helper's scheduling priority is
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
    helper: Executor | None = None,
) -> Iterator[tuple[Card, Digests]]:
    """Render and write every card into `target`, yielding each card with its files' sha256
    in the order given; in `workers` processes (by default one per core on a machine of at
    least `MIN_CORES` cores) when there are at least `WORKERS_FROM` of them, else here and
    in `helper` (`helper_process`) when there is one."""
    if workers is None:
        cores = default_workers()
        workers = cores if cores >= MIN_CORES else 1
    if len(cards) < WORKERS_FROM or (workers <= 1 and helper is None):
        yield from zip(cards, write_cards(cards, results, rubric, target, pdf), strict=True)
        return
    chunks = [cards[i : i + CHUNK] for i in range(0, len(cards), CHUNK)]
    if workers <= 1 and helper is not None:
        per_chunk = _shared_with(helper, chunks, results, rubric, target, pdf)
        yield from zip(cards, (d for chunk in per_chunk for d in chunk), strict=True)
        return
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


def _shared_with(
    helper: Executor,
    chunks: list[Sequence[Card]],
    results: Results,
    rubric: Rubric,
    target: Path,
    pdf: bool,
) -> list[list[Digests]]:
    """Each chunk's digests, rendered here from the first chunk on and by `helper` from the
    last one back, `AHEAD` chunks handed to it at a time, until the two meet."""
    done: dict[int, list[Digests]] = {}
    sent: deque[tuple[int, Future[list[Digests]]]] = deque()
    front, back = 0, len(chunks)  # this process renders chunks[front]; the helper holds back..
    broken = False

    def collect(index: int, future: Future[list[Digests]]) -> None:
        try:
            done[index] = future.result()
        except BrokenProcessPool:  # the helper died: its chunks are rendered here
            done[index] = write_cards(chunks[index], results, rubric, target, pdf)

    while front < back or sent:
        while sent and (sent[0][1].done() or front >= back):
            collect(*sent.popleft())
        while not broken and len(sent) <= AHEAD and back - front > 1:
            try:
                future = helper.submit(_write_shared, chunks[back - 1], target, pdf)
            except BrokenProcessPool:
                broken = True
                break
            back -= 1
            sent.append((back, future))
        if front < back:
            done[front] = write_cards(chunks[front], results, rubric, target, pdf)
            front += 1
    return [done[i] for i in range(len(chunks))]


def _shared_run(results: Results, rubric: Rubric) -> tuple[Results, Rubric]:
    """What every scorecard reads of the run, sent once to each worker: not the proposals,
    nor the run's list of input files (one entry per file of the batch)."""
    run = results.run.model_copy(update={"inputs": []})
    return results.model_copy(update={"proposals": [], "run": run}), rubric


@contextmanager
def helper_process(results: Results, rubric: Rubric) -> Iterator[Executor]:
    """The run's documents' helper: one worker process holding what every scorecard reads of
    the run (`render_cards`), also given the workbook to write. Ends when the block does,
    once its jobs are done, or at once (its jobs dropped) when the block fails."""
    preload = ["kipp.documents.scorecard_pool", "kipp.documents.workbook"]
    pool = process_pool(1, preload, _help, _shared_run(results, rubric))
    try:
        yield pool
    except BaseException:
        pool.shutdown(wait=False, cancel_futures=True)
        raise
    pool.shutdown()


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
