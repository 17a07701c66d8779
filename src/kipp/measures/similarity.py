"""Word TF-IDF cosine similarity between proposals and prior innovations, at national scale.

Design (figures: DESIGN.md, and tests/data/novelty/README.md for this code):
- `CorpusIndex` holds the corpus as raw term counts (float32 CSR, rows sorted by id, so
  the row order is the id order used to break ties). Tokenising is the costly part and
  depends on the corpus only, so an index is built once per corpus and can be saved to and
  loaded from disk under a key made of the corpus sha256, its entry ids (a cut-off filters
  them) and `INDEX_VERSION`.
- IDF is fitted per batch on corpus + batch counts together (scikit-learn's
  `TfidfTransformer`: smoothed IDF, sublinear tf, l2 rows), so one term weighs the same on
  both sides and a word new to the corpus but frequent in the batch is not mistaken for a
  rare, identifying one. Words masked for the batch (its places) are zeroed on both sides.
- Similarities are computed in chunks of query rows (a sparse product, then the top k of
  each row): memory stays bounded by the chunk, never a dense N x M matrix. Chunks run on a
  few threads (scipy's sparse product releases the GIL); each chunk is computed alone, so
  results do not depend on the thread count.
"""

from __future__ import annotations

import hashlib
import os
from collections import Counter
from collections.abc import Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import scipy.sparse as sp
from sklearn.feature_extraction.text import TfidfTransformer

from kipp.corpus import Corpus, PriorInnovation
from kipp.measures.documents import corpus_documents

INDEX_VERSION = "1"  # bump whenever normalisation changes: saved indexes become stale
DECIMALS = 4
CHUNK_CELLS = 8_000_000  # dense cells per chunk of the product (32 MB as float32)
MAX_KEPT = 100  # per row, however many pass the keep threshold


@dataclass(frozen=True)
class Match:
    """Row `target` of the compared matrix, at cosine `similarity` (rounded)."""

    target: int
    similarity: float


def count_matrix(documents: Sequence[Sequence[str]], vocabulary: dict[str, int]) -> sp.csr_matrix:
    """Term counts (float32 CSR) of `documents`; unseen words are added to `vocabulary`
    (in order of first appearance, so the result is deterministic)."""
    indptr, indices, data = [0], [], []
    for words in documents:
        counts = Counter(words)
        for word, count in counts.items():
            indices.append(vocabulary.setdefault(word, len(vocabulary)))
            data.append(count)
        indptr.append(len(indices))
    shape = (len(documents), len(vocabulary))
    matrix = sp.csr_matrix(
        (np.asarray(data, np.float32), np.asarray(indices, np.int32), np.asarray(indptr)),
        shape=shape,
    )
    matrix.sort_indices()
    return matrix


def index_key(corpus: Corpus) -> str:
    """The cache key of a corpus's index: file hash, entry ids, index version."""
    digest = hashlib.sha256(f"{INDEX_VERSION}\n{corpus.sha256}\n".encode())
    for entry in sorted(corpus.entries, key=lambda e: e.id):
        digest.update(entry.id.encode() + b"\n")
    return digest.hexdigest()[:32]


class CorpusIndex:
    """A corpus tokenised once, reusable across batches and runs."""

    def __init__(
        self,
        key: str,
        entries: tuple[PriorInnovation, ...],
        vocabulary: dict[str, int],
        counts: sp.csr_matrix,
    ) -> None:
        self.key = key
        self.entries = entries
        self.vocabulary = vocabulary
        self.counts = counts

    @classmethod
    def build(cls, corpus: Corpus) -> CorpusIndex:
        """Tokenise every entry of `corpus` (rows in id order)."""
        entries = tuple(sorted(corpus.entries, key=lambda e: e.id))
        vocabulary: dict[str, int] = {}
        counts = count_matrix(corpus_documents(entries), vocabulary)
        return cls(index_key(corpus), entries, vocabulary, counts)

    def save(self, folder: Path) -> Path:
        """Write the index to `folder/corpus-index-<key>.npz` (atomically); returns the path."""
        folder.mkdir(parents=True, exist_ok=True)
        target = folder / f"corpus-index-{self.key}.npz"
        partial = folder / f".{target.name}.{os.getpid()}.tmp.npz"
        words = np.array(sorted(self.vocabulary, key=self.vocabulary.__getitem__), dtype=str)
        np.savez_compressed(
            partial,
            key=np.array(self.key),
            words=words,
            data=self.counts.data,
            indices=self.counts.indices,
            indptr=self.counts.indptr,
            shape=np.array(self.counts.shape),
        )
        partial.replace(target)
        return target

    @classmethod
    def load(cls, folder: Path, corpus: Corpus) -> CorpusIndex | None:
        """The saved index of `corpus` in `folder`, or None when there is none (or it is
        unreadable, or was saved by another index version): the caller then builds one."""
        key = index_key(corpus)
        path = folder / f"corpus-index-{key}.npz"
        try:
            with np.load(path, allow_pickle=False) as saved:
                if str(saved["key"]) != key:
                    return None
                vocabulary = {str(w): i for i, w in enumerate(saved["words"])}
                shape = tuple(int(n) for n in saved["shape"])
                counts = sp.csr_matrix(
                    (saved["data"], saved["indices"], saved["indptr"]), shape=shape
                )
        except (OSError, KeyError, ValueError):
            return None
        entries = tuple(sorted(corpus.entries, key=lambda e: e.id))
        if counts.shape[0] != len(entries):
            return None
        return cls(key, entries, vocabulary, counts)

    @classmethod
    def cached(cls, folder: Path, corpus: Corpus) -> CorpusIndex:
        """Load the index of `corpus` from `folder`, or build and save it there."""
        index = cls.load(folder, corpus)
        if index is None:
            index = cls.build(corpus)
            index.save(folder)
        return index


def weigh(
    corpus_counts: sp.csr_matrix, batch_counts: sp.csr_matrix, masked: Sequence[int]
) -> tuple[sp.csr_matrix, sp.csr_matrix]:
    """TF-IDF rows for corpus and batch, IDF fitted on both; `masked` columns are zeroed."""
    width = batch_counts.shape[1]
    corpus_counts = sp.csr_matrix(
        (corpus_counts.data, corpus_counts.indices, corpus_counts.indptr),
        shape=(corpus_counts.shape[0], width),
    )
    keep = np.ones(width, np.float32)
    keep[list(masked)] = 0.0
    column_filter = sp.diags(keep, format="csr", dtype=np.float32)
    corpus_counts = (corpus_counts @ column_filter).tocsr()
    batch_counts = (batch_counts @ column_filter).tocsr()
    corpus_counts.eliminate_zeros()
    batch_counts.eliminate_zeros()
    transformer = TfidfTransformer(sublinear_tf=True)
    transformer.fit(sp.vstack([corpus_counts, batch_counts], format="csr"))
    return _transform(transformer, corpus_counts), _transform(transformer, batch_counts)


def _transform(transformer: TfidfTransformer, counts: sp.csr_matrix) -> sp.csr_matrix:
    if counts.shape[0] == 0:  # an empty corpus (e.g. all after the cut-off)
        return counts
    return sp.csr_matrix(transformer.transform(counts), dtype=np.float32)


def _chunk_top(
    queries: sp.csr_matrix,
    targets_t: sp.csc_matrix | sp.csr_matrix,
    start: int,
    k: int,
    keep_from: float,
    skip_self: bool,
) -> list[list[Match]]:
    product = (queries @ targets_t).toarray()
    rows, width = product.shape
    if skip_self:
        product[np.arange(rows), np.arange(start, start + rows)] = -1.0
    if width > k:
        kth = np.partition(product, width - k, axis=1)[:, width - k]
    else:
        kth = np.full(rows, -1.0, np.float32)
    # a margin below the k-th value keeps every value that rounds equal to it, so ties at
    # the cut are broken by row (= id) order, not by floating-point noise
    floor = np.minimum(kth - 10.0**-DECIMALS, keep_from)
    found: list[list[Match]] = []
    for row in range(rows):
        values = product[row]
        candidates = np.flatnonzero((values >= floor[row]) & (values > 0))
        rounded = np.round(values[candidates].astype(np.float64), DECIMALS)
        order = np.lexsort((candidates, -rounded))
        matches = [
            Match(int(candidates[i]), float(rounded[i]))
            for n, i in enumerate(order)
            if n < k or rounded[i] >= keep_from
        ]
        found.append([m for m in matches if m.similarity > 0][:MAX_KEPT])
    return found


def nearest(
    queries: sp.csr_matrix,
    targets: sp.csr_matrix,
    k: int,
    keep_from: float = 1.0,
    skip_self: bool = False,
    workers: int | None = None,
    chunk_rows: int | None = None,
) -> list[list[Match]]:
    """For each query row, the `k` most similar target rows plus any at or above
    `keep_from` (at most `MAX_KEPT`), closest first, ties by target row; rows are l2
    normalised, so the dot product is the cosine. `skip_self` (queries are the targets)
    never matches a row with itself. Similarities of 0 are never returned. `chunk_rows`
    (default: as many as keep a chunk's product near `CHUNK_CELLS` cells) and `workers`
    change speed and memory, never the result."""
    if queries.shape[0] == 0:
        return []
    if targets.shape[0] == 0 or k <= 0:
        return [[] for _ in range(queries.shape[0])]
    targets_t = targets.T.tocsr()
    size = chunk_rows or max(1, CHUNK_CELLS // max(1, targets.shape[0]))
    starts = range(0, queries.shape[0], size)
    workers = workers or min(4, os.cpu_count() or 1)

    def run(start: int) -> list[list[Match]]:
        chunk = queries[start : start + size]
        return _chunk_top(chunk, targets_t, start, k, keep_from, skip_self)

    if workers == 1 or len(starts) == 1:
        parts = [run(s) for s in starts]
    else:
        with ThreadPoolExecutor(max_workers=workers) as pool:
            parts = list(pool.map(run, starts))
    return [row for part in parts for row in part]
