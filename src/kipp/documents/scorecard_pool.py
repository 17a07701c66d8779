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
    in the order given; in `workers` processes (by default one per core) when there are at
    least `WORKERS_FROM` of them."""
    workers = default_workers() if workers is None else workers
    if workers <= 1 or len(cards) < WORKERS_FROM:
        yield from zip(cards, write_cards(cards, results, rubric, target, pdf), strict=True)
        return
    shared = results.model_copy(update={"proposals": []})  # what every scorecard reads
    chunks = [cards[i : i + CHUNK] for i in range(0, len(cards), CHUNK)]
    with process_pool(workers, ["kipp.documents.scorecard_pool"]) as pool:
        futures: list[Future[list[Digests]]] = [
            pool.submit(write_cards, chunk, shared, rubric, target, pdf) for chunk in chunks
        ]
        for chunk, future in zip(chunks, futures, strict=True):
            try:
                digests = future.result()
            except BrokenProcessPool:  # a worker died: render its scorecards here
                digests = write_cards(chunk, results, rubric, target, pdf)
            yield from zip(chunk, digests, strict=True)
