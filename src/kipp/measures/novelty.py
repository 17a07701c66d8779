"""Novelty: how close each proposal comes to prior art, and to the other proposals.

The score is 1 minus the highest similarity to a prior innovation (word TF-IDF cosine, see
`similarity`): 1.0 when nothing in the corpus resembles the proposal, near 0 for a copy.
The evidence names the nearest prior innovations and the nearest other proposals of the
batch; pairs at or above `flag_similarity` are flagged ("possible replication" of a prior
innovation, "possible duplicate" of another proposal) for reviewers. A flag is evidence,
not a verdict: replication is legitimate when it is declared.

Thresholds (defaults below; the rubric sets them) were read off the hand-made evaluation
set in `tests/data/novelty/` against the bundled corpus; the figures are in that
folder's README.md.

Similarity is word TF-IDF cosine with the IDF fitted on corpus and batch together, so a
term weighs the same on both sides: a word rare in the corpus but repeated across the batch
(a programme's name, a city's slogan) does not pass for a rare, identifying one. Details and
the national-scale design (chunked top-k, cached corpus index) are in `similarity`.

Entry points: `measure_novelty` for one batch; for many batches or runs, build a
`CorpusIndex` once (or `CorpusIndex.cached(folder, corpus)`) and pass it as `index`.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Literal

from pydantic import BaseModel, ConfigDict

from kipp.corpus import Corpus
from kipp.measures.documents import batch_mask, proposal_documents
from kipp.measures.settings import NoveltySettings
from kipp.measures.similarity import (
    CorpusIndex,
    Match,
    count_matrix,
    index_key,
    nearest,
    weigh,
)
from kipp.models import Proposal


class Neighbour(BaseModel):
    """A prior innovation or another proposal of the batch, with its cosine similarity
    (rounded to 4 decimals). `year` is a prior innovation's award or report year; None
    for a batch proposal (and for a prior innovation whose source gives no year)."""

    model_config = ConfigDict(frozen=True)

    kind: Literal["prior", "batch"]
    id: str
    title: str
    agency: str
    year: int | None
    similarity: float


class NoveltyMeasure(BaseModel):
    """One proposal's novelty score and the evidence behind it."""

    model_config = ConfigDict(frozen=True)

    score: float
    max_prior_similarity: float
    max_batch_similarity: float
    nearest: list[Neighbour]
    flags: list[Neighbour]


def _order(neighbour: Neighbour) -> tuple[float, str, str]:
    return (-neighbour.similarity, neighbour.id, neighbour.kind)


def measure_novelty(
    proposals: Sequence[Proposal],
    corpus: Corpus,
    settings: NoveltySettings,
    index: CorpusIndex | None = None,
) -> dict[str, NoveltyMeasure]:
    """Novelty of every proposal, keyed by id; deterministic (ties broken by id).

    `corpus` is the prior art to compare with (already cut off at the call's date). `index`,
    when given, must have been built from that same corpus; it saves tokenising the corpus.
    A proposal is never compared with itself; its batch neighbours are the other proposals.
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
    ordered = sorted(proposals, key=lambda p: p.id)  # row order = id order: ties by id
    mask = batch_mask(ordered)
    vocabulary = dict(index.vocabulary)
    batch_counts = count_matrix(proposal_documents(ordered, mask), vocabulary)
    masked = [vocabulary[w] for w in mask if w in vocabulary]
    corpus_weights, batch_weights = weigh(index.counts, batch_counts, masked)
    k, flag = settings.neighbours, settings.flag_similarity
    prior = nearest(batch_weights, corpus_weights, k, keep_from=flag)
    batch = nearest(batch_weights, batch_weights, k, keep_from=flag, skip_self=True)

    def prior_neighbour(match: Match) -> Neighbour:
        entry = index.entries[match.target]
        return Neighbour(
            kind="prior",
            id=entry.id,
            title=entry.title,
            agency=entry.agency,
            year=entry.year,
            similarity=match.similarity,
        )

    def batch_neighbour(match: Match) -> Neighbour:
        other = ordered[match.target]
        return Neighbour(
            kind="batch",
            id=other.id,
            title=other.title,
            agency=other.agency,
            year=None,
            similarity=match.similarity,
        )

    measures: dict[str, NoveltyMeasure] = {}
    for row, proposal in enumerate(ordered):
        priors = [prior_neighbour(m) for m in prior[row]]
        others = [batch_neighbour(m) for m in batch[row]]
        top_prior = priors[0].similarity if priors else 0.0
        top_batch = others[0].similarity if others else 0.0
        found = sorted(priors + others, key=_order)
        measures[proposal.id] = NoveltyMeasure(
            score=round(max(0.0, 1.0 - top_prior), 4),
            max_prior_similarity=top_prior,
            max_batch_similarity=top_batch,
            nearest=sorted(priors[:k] + others[:k], key=_order),
            flags=[n for n in found if n.similarity >= flag],
        )
    return {pid: measures[pid] for pid in ids}
