"""Word TF-IDF cosine similarity between proposals and prior innovations, at national scale.

Design (figures: DESIGN.md, and tests/data/novelty/README.md for this code):
- `CorpusIndex` holds the corpus as raw term counts (float32 CSR, rows sorted by id, so
  the row order is the id order used to break ties). Tokenising is the costly part and
  depends on the corpus only, so an index is built once per corpus and can be saved to and
  loaded from disk under a key made of the corpus sha256, its entry ids (a cut-off filters
  them) and `INDEX_VERSION`.
- IDF is the corpus's own (smoothed, sublinear tf, l2 rows), so the weighted corpus is
  computed once per index and every batch is compared with the same fixed vectors; a word
  the corpus has never seen weighs by its document frequency in the batch, on the corpus's
  scale (`weigh_queries`). Proposals are compared with each other with an IDF fitted on
  corpus and batch together (`weigh_peers`), so what the batch repeats weighs little. A
  proposal's prior-art vector then depends on its own words and on the
  batch only through its words new to the corpus, so its prior-art matches can be cached by
  its vector (`rows_digest`): editing one proposal recomputes only the chunks whose vectors
  changed. Words masked for the batch (its places) are zeroed on the query side, which is
  the side the dot product sees them through; a corpus entry's own places are masked when
  it is tokenised.
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
from functools import cached_property
from pathlib import Path

import numpy as np
import scipy.sparse as sp
from sklearn.feature_extraction.text import TfidfTransformer
from sklearn.preprocessing import normalize

from kipp.measures.corpus import Corpus, PriorInnovation
from kipp.measures.documents import corpus_documents

INDEX_VERSION = "2"  # bump whenever normalisation changes: saved indexes become stale
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

    @property
    def size(self) -> int:
        """Number of entries (rows)."""
        return int(self.counts.shape[0])

    @cached_property
    def _transformer(self) -> TfidfTransformer:
        transformer = TfidfTransformer(sublinear_tf=True)
        if self.size:
            transformer.fit(self.counts)
        return transformer

    @cached_property
    def df(self) -> np.ndarray:
        """How many entries use each vocabulary column."""
        return np.asarray((self.counts > 0).sum(axis=0), dtype=np.float64).ravel()

    @cached_property
    def idf(self) -> np.ndarray:
        """The corpus IDF per vocabulary column (smoothed: ln((1 + n) / (1 + df)) + 1)."""
        if not self.size:
            return np.ones(self.counts.shape[1], np.float32)
        return np.asarray(self._transformer.idf_, np.float32)

    @cached_property
    def weighted_t(self) -> sp.csr_matrix:
        """The corpus's TF-IDF rows (sublinear tf, l2), transposed for products: vocabulary
        x entries."""
        if not self.size:
            return sp.csr_matrix((self.counts.shape[1], 0), dtype=np.float32)
        weighted = sp.csr_matrix(self._transformer.transform(self.counts), dtype=np.float32)
        return weighted.T.tocsr()

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


def weigh_queries(
    counts: sp.csr_matrix, index: CorpusIndex, masked: Sequence[int]
) -> sp.csr_matrix:
    """TF-IDF rows (sublinear tf, l2) of batch term `counts` whose first columns are the
    corpus vocabulary of `index`: those words weigh by the corpus IDF, words new to the
    corpus by their document frequency in the batch on the same scale (as if each were a
    corpus word found in that many entries); `masked` columns are zeroed."""
    known = index.idf.shape[0]
    novel_df = np.asarray((counts[:, known:] > 0).sum(axis=0)).ravel()
    novel_idf = np.log((1.0 + index.size) / (1.0 + novel_df)) + 1.0
    idf = np.concatenate([index.idf, novel_idf]).astype(np.float32)
    return _weighted(counts, idf, masked)


def weigh_peers(counts: sp.csr_matrix, index: CorpusIndex, masked: Sequence[int]) -> sp.csr_matrix:
    """TF-IDF rows (sublinear tf, l2) of batch term `counts` for comparing proposals with
    each other: IDF fitted on corpus and batch together, so a word the batch repeats (a
    programme's name, a region's slogan, the form's phrasing) does not pass for a rare,
    identifying one; `masked` columns are zeroed."""
    known = index.df.shape[0]
    df = np.asarray((counts > 0).sum(axis=0), dtype=np.float64).ravel()
    df[:known] += index.df
    documents = index.size + counts.shape[0]
    idf = (np.log((1.0 + documents) / (1.0 + df)) + 1.0).astype(np.float32)
    return _weighted(counts, idf, masked)


def _weighted(counts: sp.csr_matrix, idf: np.ndarray, masked: Sequence[int]) -> sp.csr_matrix:
    if len(masked):
        idf = idf.copy()
        idf[np.asarray(list(masked), dtype=np.int64)] = 0.0
    weights = counts.astype(np.float32, copy=True)
    weights.data = (1.0 + np.log(weights.data)) * idf[weights.indices]
    weights.eliminate_zeros()
    return sp.csr_matrix(normalize(weights, norm="l2", copy=False), dtype=np.float32)


def prior_part(queries: sp.csr_matrix, index: CorpusIndex) -> sp.csr_matrix:
    """The columns of `queries` that the corpus has (the only ones a dot product with it
    sees), without renormalising: the l2 norm stays that of the whole vector."""
    return queries[:, : index.idf.shape[0]].tocsr()


def rows_digest(rows: sp.csr_matrix) -> str:
    """sha256 of a CSR matrix's shape and contents: equal rows, equal digest."""
    rows = rows.tocsr()
    rows.sort_indices()
    digest = hashlib.sha256(np.asarray(rows.shape, np.int64).tobytes())
    for part in (rows.indptr, rows.indices, rows.data):
        data = np.ascontiguousarray(part)
        digest.update(len(data.tobytes()).to_bytes(8, "big"))
        digest.update(data.tobytes())
    return digest.hexdigest()


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
    kept = max(k, MAX_KEPT)
    for row in range(rows):
        values = product[row]
        candidates = np.flatnonzero((values >= floor[row]) & (values > 0))
        rounded = np.round(values[candidates].astype(np.float64), DECIMALS)
        if len(rounded) > kept:  # only the closest `kept` (and their ties) are ever listed
            cut = np.partition(rounded, len(rounded) - kept)[len(rounded) - kept]
            closest = rounded >= cut
            candidates, rounded = candidates[closest], rounded[closest]
        order = np.lexsort((candidates, -rounded))[:kept]
        matches = [
            Match(int(candidates[i]), float(rounded[i]))
            for n, i in enumerate(order)
            if n < k or rounded[i] >= keep_from
        ]
        found.append([m for m in matches if m.similarity > 0][:MAX_KEPT])
    return found


def nearest(
    queries: sp.csr_matrix,
    targets: sp.csr_matrix | None,
    k: int,
    keep_from: float = 1.0,
    skip_self: bool = False,
    workers: int | None = None,
    chunk_rows: int | None = None,
    targets_t: sp.csr_matrix | None = None,
) -> list[list[Match]]:
    """For each query row, the `k` most similar target rows plus any at or above
    `keep_from` (at most `MAX_KEPT`), closest first, ties by target row; rows are l2
    normalised, so the dot product is the cosine. `skip_self` (queries are the targets)
    never matches a row with itself. Similarities of 0 are never returned. `chunk_rows`
    (default: as many as keep a chunk's product near `CHUNK_CELLS` cells) and `workers`
    change speed and memory, never the result. `targets_t`, when given instead of
    `targets`, is the targets already transposed (vocabulary x targets)."""
    if targets_t is None:
        if targets is None:
            raise ValueError("nearest() needs targets or targets_t")
        targets_t = targets.T.tocsr()
    transposed: sp.csr_matrix = targets_t
    if queries.shape[0] == 0:
        return []
    n_targets = targets_t.shape[1]
    if n_targets == 0 or k <= 0:
        return [[] for _ in range(queries.shape[0])]
    size = chunk_rows or max(1, CHUNK_CELLS // max(1, n_targets))
    starts = range(0, queries.shape[0], size)
    workers = workers or min(4, os.cpu_count() or 1)

    def run(start: int) -> list[list[Match]]:
        chunk = queries[start : start + size]
        return _chunk_top(chunk, transposed, start, k, keep_from, skip_self)

    if workers == 1 or len(starts) == 1:
        parts = [run(s) for s in starts]
    else:
        with ThreadPoolExecutor(max_workers=workers) as pool:
            parts = list(pool.map(run, starts))
    return [row for part in parts for row in part]
