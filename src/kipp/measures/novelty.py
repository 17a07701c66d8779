"""Novelty: how close each proposal comes to prior art, and to the other proposals.

The score is 1 minus the highest similarity to a prior innovation (see `similarity`): 1.0
when nothing in the corpus resembles the proposal, near 0 for a copy. The evidence names the
nearest prior innovations and the nearest other proposals of the batch; pairs at or above
`flag_similarity` are flagged ("possible replication" of a prior innovation, "possible
duplicate" of another proposal) for reviewers. A flag is evidence, not a verdict: replication
is legitimate when it is declared.

Thresholds (the rubric sets them) were read off the tuning split of the hand-made evaluation
set in `tests/data/novelty/` against the bundled corpus; the figures are in docs/novelty.md.

Similarity is the blend of word TF-IDF cosine and coverage described in `similarity`, with
term weights fixed by the corpus. A proposal's vector depends on its own text only (its own
region and agency masked; see `documents` for the one batch-wide step, the boilerplate drop,
and its bound), so editing one proposal changes another's measure only through their pair.
Details and the national-scale design (chunked top-k, cached corpus index, prior-art matches
cacheable per chunk of proposals) are in `similarity`.

Entry points: `measure_novelty` for one batch, optionally with a `MatchStore` that keeps
the prior-art matches of each chunk of proposals between runs (`stored_prior_matches`); its
steps are `prepare_batch` (every proposal's vector), `prior_matches` per chunk of rows
(`chunk_bounds`), `batch_matches`, then `assemble`. For many batches or runs, build a
`CorpusIndex` once (or `CorpusIndex.cached(folder, corpus)`) and pass it as `index`.
"""

from __future__ import annotations

import hashlib
import os
import threading
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Literal

import numpy as np
import scipy.sparse as sp
from pydantic import BaseModel, ConfigDict

from kipp.core.models import Proposal
from kipp.measures.corpus import Corpus
from kipp.measures.documents import UnitStore, proposal_documents
from kipp.measures.similarity import (
    UNREADABLE_NPZ,
    CorpusIndex,
    KeptMatches,
    Match,
    count_matrix,
    index_key,
    load_npz,
    matches_in_batch,
    matches_in_corpus,
    prior_part,
    rows_digest,
    weigh_queries,
)
from kipp.rubric.settings import NoveltySettings


class Neighbour(BaseModel):
    """A prior innovation or another proposal of the batch, with its similarity (rounded
    to 4 decimals). `year` is a prior innovation's award or report year; None
    for a batch proposal (and for a prior innovation whose source gives no year).
    `same_year_as_call`: a prior innovation known only by an award or report of the call's
    own year (no launch year), compared because it existed when the call closed or soon
    after, which its evidence says."""

    model_config = ConfigDict(frozen=True)

    kind: Literal["prior", "batch"]
    id: str
    title: str
    agency: str
    year: int | None
    similarity: float
    same_year_as_call: bool = False


class NoveltyMeasure(BaseModel):
    """One proposal's novelty score and the evidence behind it."""

    model_config = ConfigDict(frozen=True)

    score: float
    max_prior_similarity: float
    max_batch_similarity: float
    nearest: list[Neighbour]
    flags: list[Neighbour]
    # how many neighbours of each kind are at or above the flag (at most `MAX_KEPT`);
    # `flags` lists the closest `max_flags` of each
    prior_flagged: int = 0
    batch_flagged: int = 0


CHUNK_ROWS = 200  # rows per chunk of prior-art matches, on average (`chunk_bounds`)


def _order(neighbour: Neighbour) -> tuple[float, str, str]:
    return (-neighbour.similarity, neighbour.id, neighbour.kind)


@dataclass(frozen=True)
class Listed:
    """What a neighbour list shows of a proposal of the batch."""

    id: str
    title: str
    agency: str


@dataclass(frozen=True)
class PreparedBatch:
    """A batch turned into vectors: row i of `queries` is `proposals[i]` (rows in id order,
    so ties break by id); the first columns are the corpus vocabulary of the index. The same
    rows are compared with prior art and with each other."""

    proposals: tuple[Listed, ...]
    queries: sp.csr_matrix  # TF-IDF rows, corpus weights (`weigh_queries`)
    index_key: str


def prepare_batch(
    proposals: Sequence[Proposal], index: CorpusIndex, words: UnitStore | None = None
) -> PreparedBatch:
    """Every proposal's TF-IDF vector against `index` (see `similarity.weigh_queries`);
    `words` (optional) keeps each chunk's units: the same vectors."""
    ids = [p.id for p in proposals]
    if len(set(ids)) != len(ids):
        raise ValueError("proposal ids must be unique within a batch")
    ordered = sorted(proposals, key=lambda p: p.id)
    vocabulary = dict(index.vocabulary)
    split = None
    if words is not None:
        bounds = chunk_bounds([p.id for p in ordered])
        split = words.chunks([ordered[start:stop] for start, stop in bounds])
    counts = count_matrix(proposal_documents(ordered, split), vocabulary)
    listed = tuple(Listed(p.id, p.title, p.agency) for p in ordered)
    return PreparedBatch(
        proposals=listed, queries=weigh_queries(counts, index), index_key=index.key
    )


def chunk_bounds(ids: Sequence[str], rows: int = CHUNK_ROWS) -> list[tuple[int, int]]:
    """Row ranges `[start, stop)` of about `rows` rows, cut by content: a chunk ends after a
    row whose id hashes to 0 modulo `rows`; once a chunk is twice that long, also after a
    row whose id hashes to 0 modulo `rows // 4`; never longer than 8 x `rows`. Adding or
    removing a proposal moves only the boundaries next to it, so the other chunks keep the
    same rows and their stored matches stay valid."""
    bounds: list[tuple[int, int]] = []
    start = 0
    short = max(1, rows // 4)
    for row, pid in enumerate(ids):
        value = int.from_bytes(hashlib.sha256(pid.encode()).digest()[:8], "big")
        length = row + 1 - start
        if value % rows == 0 or (length >= 2 * rows and value % short == 0) or length >= 8 * rows:
            bounds.append((start, row + 1))
            start = row + 1
    if start < len(ids):
        bounds.append((start, len(ids)))
    return bounds


class MatchStore:
    """Prior-art matches of chunks of rows, kept on disk under a content key
    (`<folder>/prior-<key>.npz`); `salt` (e.g. the code version) is part of every key.
    Anything in the folder may be deleted at any time; an unreadable file is a miss."""

    def __init__(self, folder: Path, salt: str) -> None:
        self.folder = folder
        self.salt = salt
        self.hits = 0
        self.misses = 0

    def key(self, rows: sp.csr_matrix, index: CorpusIndex, settings: NoveltySettings) -> str:
        parts = [self.salt, index.key, str(settings.neighbours), repr(settings.flag_similarity)]
        digest = hashlib.sha256("\n".join(parts).encode())
        digest.update(rows_digest(prior_part(rows, index)).encode())
        return digest.hexdigest()[:40]

    def get(self, key: str, targets: int) -> KeptMatches | None:
        """The stored matches under `key`, or None when there are none or they cannot be
        trusted (unreadable, not fitting together, or naming a target outside the
        `targets` rows compared against)."""
        try:
            with load_npz(self.folder / f"prior-{key}.npz") as saved:
                kept = KeptMatches(saved["targets"], saved["keys"], saved["lengths"])
        except UNREADABLE_NPZ:
            return None
        return kept if kept.consistent() and kept.within(targets) else None

    def put(self, key: str, kept: KeptMatches) -> None:
        self.folder.mkdir(parents=True, exist_ok=True)
        partial = self.folder / f".prior-{key}.{os.getpid()}.{threading.get_ident()}.tmp.npz"
        np.savez(partial, targets=kept.targets, keys=kept.keys, lengths=kept.lengths)
        partial.replace(self.folder / f"prior-{key}.npz")


def stored_prior_matches(
    prepared: PreparedBatch,
    index: CorpusIndex,
    settings: NoveltySettings,
    store: MatchStore,
) -> KeptMatches:
    """`prior_matches` of every row, chunk by chunk (`chunk_bounds`), taking each chunk from
    `store` when its rows were compared before and computing (and storing) the others."""
    found: list[KeptMatches] = []
    for start, stop in chunk_bounds([p.id for p in prepared.proposals]):
        rows = prepared.queries[start:stop]
        key = store.key(rows, index, settings)
        matches = store.get(key, index.size)
        if matches is None or len(matches) != stop - start:
            store.misses += 1
            matches = prior_matches(rows, index, settings)
            store.put(key, matches)
        else:
            store.hits += 1
        found.append(matches)
    return KeptMatches.joined(found)


def prior_matches(
    queries: sp.csr_matrix, index: CorpusIndex, settings: NoveltySettings
) -> KeptMatches:
    """For each row, the `settings.neighbours` closest prior innovations (rows of `index`)
    plus any at or above the flag. Depends only on the rows given and the index, so it can
    be cached by `rows_digest(prior_part(queries, index))`."""
    return matches_in_corpus(
        queries, index, settings.neighbours, keep_from=settings.flag_similarity
    )


def batch_matches(prepared: PreparedBatch, settings: NoveltySettings) -> KeptMatches:
    """For each row, the closest other proposals of the batch (never itself)."""
    return matches_in_batch(
        prepared.queries, settings.neighbours, keep_from=settings.flag_similarity
    )


def assemble(
    prepared: PreparedBatch,
    prior: KeptMatches,
    batch: KeptMatches,
    index: CorpusIndex,
    settings: NoveltySettings,
    cutoff: date | None = None,
) -> dict[str, NoveltyMeasure]:
    """The measures (keyed by id, in row order) from the matches of every row. At most
    `settings.max_flags` flags of each kind are listed, the closest; the count of all
    (up to `MAX_KEPT`) is kept beside them. `cutoff` (the call's prior-art cut-off) marks
    the prior innovations known only by an award of the call's own year."""
    if prepared.index_key != index.key:
        raise ValueError("the batch was prepared against another corpus index")
    k, flag, cap = settings.neighbours, settings.flag_similarity, settings.max_flags

    # A national batch builds hundreds of thousands of neighbours. Validating them is the
    # faster way: pydantic's `model_construct` fills fields in Python, validation in its core.
    def prior_neighbour(match: Match) -> Neighbour:
        entry = index.entries[match.target]
        return Neighbour(
            kind="prior",
            id=entry.id,
            title=entry.title,
            agency=entry.agency,
            year=entry.year,
            similarity=match.similarity,
            same_year_as_call=cutoff is not None and entry.same_year_as(cutoff),
        )

    def batch_neighbour(match: Match) -> Neighbour:
        other = prepared.proposals[match.target]
        return Neighbour(
            kind="batch",
            id=other.id,
            title=other.title,
            agency=other.agency,
            year=None,
            similarity=match.similarity,
        )

    measures: dict[str, NoveltyMeasure] = {}
    flagged_priors, flagged_others = prior.reaching(flag).tolist(), batch.reaching(flag).tolist()
    for row, listed in enumerate(prepared.proposals):
        prior_flagged, batch_flagged = flagged_priors[row], flagged_others[row]
        priors = [prior_neighbour(m) for m in prior.row(row, max(k, min(cap, prior_flagged)))]
        others = [batch_neighbour(m) for m in batch.row(row, max(k, min(cap, batch_flagged)))]
        top_prior = priors[0].similarity if priors else 0.0
        top_batch = others[0].similarity if others else 0.0
        found = sorted(priors + others, key=_order)
        measures[listed.id] = NoveltyMeasure(
            score=round(max(0.0, 1.0 - top_prior), 4),
            max_prior_similarity=top_prior,
            max_batch_similarity=top_batch,
            nearest=sorted(priors[:k] + others[:k], key=_order),
            flags=[n for n in found if n.similarity >= flag],
            prior_flagged=prior_flagged,
            batch_flagged=batch_flagged,
        )
    return measures


def measure_novelty(
    proposals: Sequence[Proposal],
    corpus: Corpus,
    settings: NoveltySettings,
    index: CorpusIndex | None = None,
    store: MatchStore | None = None,
    cutoff: date | None = None,
    words: UnitStore | None = None,
) -> dict[str, NoveltyMeasure]:
    """Novelty of every proposal, keyed by id; deterministic (ties broken by id).

    `corpus` is the prior art to compare with (already cut off at the call's date). `index`,
    when given, must have been built from that same corpus; it saves tokenising the corpus.
    A proposal is never compared with itself; its batch neighbours are the other proposals.
    `store` (optional) reuses the prior-art matches of chunks compared before, `words`
    (optional) the units of chunks of proposals read before: same result.
    `cutoff` (the call's prior-art cut-off) marks neighbours of the call's own year.
    """
    ids = [p.id for p in proposals]
    if len(set(ids)) != len(ids):
        raise ValueError("proposal ids must be unique within a batch")
    if not proposals:
        return {}
    if index is None:
        index = CorpusIndex.build(corpus)
    elif index.key != index_key(corpus):
        raise ValueError("the corpus index was built from another corpus (or cut-off)")
    prepared = prepare_batch(proposals, index, words)
    if store is None:
        prior = prior_matches(prepared.queries, index, settings)
    else:
        prior = stored_prior_matches(prepared, index, settings, store)
    batch = batch_matches(prepared, settings)
    measures = assemble(prepared, prior, batch, index, settings, cutoff)
    return {pid: measures[pid] for pid in ids}
