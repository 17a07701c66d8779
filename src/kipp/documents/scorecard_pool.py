"""Rendering many scorecards: in this process for a small batch, in worker processes for a
large one (a national batch has tens of thousands).

Each scorecard depends on its own proposal and on what the whole run shares (the run's
settings, language and reviews summary, the rubric), never on another proposal, so workers
receive the run without its proposals plus their share of the proposals, render them, write
their files straight into the scorecards folder being staged and return each file's
sha256 (what `kipp.documents.reuse` records). Files are the same bytes whoever renders
them. A worker that dies costs nothing: its scorecards are rendered here instead.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterator, Sequence
from concurrent.futures import Future
from concurrent.futures.process import BrokenProcessPool
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
        cores = default_workers()
        workers = cores if cores >= MIN_CORES else 1
    if workers <= 1 or len(cards) < WORKERS_FROM:
        yield from zip(cards, write_cards(cards, results, rubric, target, pdf), strict=True)
        return
    # what every scorecard reads of the run, sent once to each worker: not the proposals,
    # nor the run's list of input files (one entry per file of the batch)
    run = results.run.model_copy(update={"inputs": []})
    shared = results.model_copy(update={"proposals": [], "run": run})
    chunks = [cards[i : i + CHUNK] for i in range(0, len(cards), CHUNK)]
    preload = ["kipp.documents.scorecard_pool"]
    with process_pool(workers, preload, _share, (shared, rubric)) as pool:
        futures: list[Future[list[Digests]]] = [
            pool.submit(_write_shared, chunk, target, pdf) for chunk in chunks
        ]
        for chunk, future in zip(chunks, futures, strict=True):
            try:
                digests = future.result()
            except BrokenProcessPool:  # a worker died: render its scorecards here
                digests = write_cards(chunk, results, rubric, target, pdf)
            yield from zip(chunk, digests, strict=True)


_shared: list[tuple[Results, Rubric]] = []  # in a worker: what `_share` was given


def _share(results: Results, rubric: Rubric) -> None:
    """A worker's start: keep what every scorecard reads of the run."""
    _shared[:] = [(results, rubric)]


def _write_shared(cards: Sequence[Card], target: Path, pdf: bool) -> list[Digests]:
    results, rubric = _shared[0]
    return write_cards(cards, results, rubric, target, pdf)
