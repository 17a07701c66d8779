"""Word TF-IDF similarity between proposals and prior innovations, at national scale.

The similarity of a pair is the blend (`COSINE_SHARE`) of two figures on the same TF-IDF
vectors: their cosine, and the coverage of the one compared with, the share of its TF-IDF
weight (l1) carried by words the other one uses too. Against a prior innovation the coverage is
that of the entry: corpus descriptions are one or two sentences, and a proposal describing the
same idea in 200 words shares most of the entry's words but few of its own, so its cosine
stays low (docs/novelty.md: the approaches compared). Between two proposals it is the smaller
of the two coverages, so the figure is symmetric.

One module over ~400 lines on purpose: the index, the weighting and the two searches share
the same vectors and their invariants (rows sorted by id, float32, the blend's shares), which
read best side by side.

Design:
- `CorpusIndex` holds the corpus as raw term counts (float32 CSR, rows sorted by id, so
  the row order is the id order used to break ties). Tokenising is the costly part and
  depends on the corpus only, so an index is built once per corpus and can be saved to and
  loaded from disk under a key made of the corpus sha256, its entry ids (a cut-off filters
  them) and `INDEX_VERSION`.
- Term weights are the corpus's own (smoothed IDF, sublinear tf, l2 rows), fixed with the
  index; a word the corpus has never seen weighs as a word no entry uses would
  (`CorpusIndex.novel_idf`), whatever the batch. A proposal's vector therefore depends on its
  own text only (`weigh_queries`), the similarity of a pair on its two vectors only, and
  editing one proposal moves the other proposals' measures only through their pair with it.
  Prior-art matches can be cached by the vectors (`rows_digest`): an edit recomputes only
  the chunks whose vectors changed.
- Similarities are computed in chunks of query rows (the sparse targets times the chunk as
  a dense complex block, `_paired_columns`, then the top k of each row): memory stays bounded
  by the chunk, never a dense N x M matrix. Chunks run on a few threads (scipy's sparse
  products release the GIL); each chunk is computed alone, and a similarity does not depend
  on which other rows share its chunk, so results do not depend on chunk size or threads.
"""

from __future__ import annotations

import hashlib
import os
import threading
import tokenize
import zipfile
import zlib
from collections.abc import Callable, Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from functools import cached_property
from itertools import chain
from pathlib import Path
from typing import Any

import numpy as np
import scipy.sparse as sp
from numpy.lib.npyio import NpzFile

from kipp.core.caching import FileStatus, file_status, settled
from kipp.measures.corpus import Corpus, PriorInnovation
from kipp.measures.documents import corpus_documents

# What reading a saved .npz can raise when the file is damaged, cut short or empty (a
# cache file written by a run that was killed): such a file is built again, never read.
UNREADABLE_NPZ: tuple[type[Exception], ...] = (
    OSError,
    KeyError,
    ValueError,
    TypeError,
    EOFError,
    NotImplementedError,
    SyntaxError,  # an array's header, parsed as a Python literal
    tokenize.TokenError,
    zipfile.BadZipFile,
    zlib.error,
)


def load_npz(path: Path) -> NpzFile:
    """`np.load` of the .npz at `path` (no pickles), once every member matches its checksum.
    Arrays are stored uncompressed, and numpy reads an array's header and data as they are:
    a damaged header (an array's length, its type) would otherwise give other arrays, read
    without error. Raises one of `UNREADABLE_NPZ` when the file cannot be trusted."""
    with zipfile.ZipFile(path) as archive:
        damaged = archive.testzip()
    if damaged is not None:
        raise ValueError(f"{path.name}: {damaged} does not match its checksum")
    loaded: NpzFile = np.load(path, allow_pickle=False)
    return loaded


INDEX_VERSION = "3"  # bump whenever normalisation or the file changes: saved indexes become stale
DECIMALS = 4
SCALE = 10.0**DECIMALS  # similarities are kept as whole ten-thousandths
CHUNK_CELLS = 8_000_000  # dense cells per chunk of the product (32 MB as float32)
MAX_KEPT = 100  # per row, however many pass the keep threshold
# The similarity of a pair: this share of their cosine, the rest the coverage (see above).
COSINE_SHARE = 0.5

# A dense block of similarities: rows [start, stop) of the queries against every target.
Scorer = Callable[[int, int], np.ndarray]


@dataclass(frozen=True)
class Match:
    """Row `target` of the compared matrix, at `similarity` (rounded)."""

    target: int
    similarity: float


@dataclass(frozen=True, eq=False)
class KeptMatches:
    """Each query row's kept matches, closest first, ties by target row: row i's are the
    first `lengths[i]` of `targets[i]`, at `keys[i]` ten-thousandths. Held as arrays rather
    than one `Match` per pair: a national batch keeps millions of pairs, and what is read of
    a row is its first few matches and how many reach a threshold."""

    targets: np.ndarray  # rows x width, int32
    keys: np.ndarray  # rows x width, int64
    lengths: np.ndarray  # rows, int64

    @classmethod
    def none(cls, rows: int) -> KeptMatches:
        """`rows` rows without a match."""
        return cls(
            np.zeros((rows, 0), np.int32), np.zeros((rows, 0), np.int64), np.zeros(rows, np.int64)
        )

    @classmethod
    def first_and_from(
        cls, targets: np.ndarray, keys: np.ndarray, counts: np.ndarray, k: int, keep_from: float
    ) -> KeptMatches:
        """Of the kernels' sorted lists (`counts[i]` filled in row i), the first `k` of each
        row, then those at or above `keep_from` (a prefix too, the lists being sorted)."""
        filled = cls(targets, keys, counts.astype(np.int64))
        lengths = np.maximum(np.minimum(filled.lengths, k), filled.reaching(keep_from))
        width = int(lengths.max(initial=0))
        return cls(
            np.ascontiguousarray(targets[:, :width]),
            np.ascontiguousarray(keys[:, :width]),
            lengths,
        )

    @classmethod
    def joined(cls, parts: Sequence[KeptMatches]) -> KeptMatches:
        """The rows of `parts`, one after another."""
        if not parts:
            return cls.none(0)
        width = max(part.keys.shape[1] for part in parts)

        def widened(array: np.ndarray) -> np.ndarray:
            return np.pad(array, ((0, 0), (0, width - array.shape[1])))

        return cls(
            np.concatenate([widened(part.targets) for part in parts]),
            np.concatenate([widened(part.keys) for part in parts]),
            np.concatenate([part.lengths for part in parts]),
        )

    def __len__(self) -> int:
        return int(self.lengths.shape[0])

    def consistent(self) -> bool:
        """Whether the arrays fit together (one length per row, each within the width):
        arrays read back from a file are checked before they are trusted."""
        shape = self.targets.shape
        return (
            len(shape) == 2
            and self.keys.shape == shape
            and self.lengths.shape == (shape[0],)
            and self.targets.dtype.kind == self.keys.dtype.kind == self.lengths.dtype.kind == "i"
            and bool(np.all((self.lengths >= 0) & (self.lengths <= shape[1])))
        )

    def within(self, targets: int) -> bool:
        """Whether every listed target is a row of the `targets` rows compared against."""
        listed = np.arange(self.targets.shape[1])[None, :] < self.lengths[:, None]
        named = self.targets[listed]
        return bool(np.all((named >= 0) & (named < targets)))

    def row(self, row: int, limit: int | None = None) -> list[Match]:
        """The row's matches, at most the first `limit`."""
        count = int(self.lengths[row]) if limit is None else min(limit, int(self.lengths[row]))
        return [
            Match(target, key / SCALE)
            for target, key in zip(
                self.targets[row, :count].tolist(), self.keys[row, :count].tolist(), strict=True
            )
        ]

    def reaching(self, similarity: float) -> np.ndarray:
        """For each row, how many of its matches are at or above `similarity`."""
        listed = np.arange(self.keys.shape[1])[None, :] < self.lengths[:, None]
        counted: np.ndarray = ((self.keys / SCALE >= similarity) & listed).sum(axis=1)
        return counted

    def lists(self) -> list[list[Match]]:
        """Every row's matches as a list."""
        return [self.row(row) for row in range(len(self))]


def count_matrix(documents: Sequence[Sequence[str]], vocabulary: dict[str, int]) -> sp.csr_matrix:
    """Term counts (float32 CSR, canonical: indices sorted, no duplicates) of `documents`;
    unseen words are added to `vocabulary` in order of first appearance, so the result is
    deterministic. Every word becomes one entry of a sparse matrix, summed per cell by
    scipy: no Python loop per document."""
    words = list(chain.from_iterable(documents))
    for word in words:
        if word not in vocabulary:
            vocabulary[word] = len(vocabulary)
    columns = np.fromiter(map(vocabulary.__getitem__, words), np.int32, len(words))
    lengths = np.fromiter(map(len, documents), np.int64, len(documents))
    rows = np.repeat(np.arange(len(documents), dtype=np.int32), lengths)
    matrix = sp.csr_matrix(
        (np.ones(len(words), np.float32), (rows, columns)),
        shape=(len(documents), len(vocabulary)),
    )
    matrix.sort_indices()  # (the conversion from coordinates has summed duplicates)
    return matrix


def index_key(corpus: Corpus) -> str:
    """The cache key of a corpus's index: file hash, entry ids, index version."""
    digest = hashlib.sha256(f"{INDEX_VERSION}\n{corpus.sha256}\n".encode())
    for entry in sorted(corpus.entries, key=lambda e: e.id):
        digest.update(entry.id.encode() + b"\n")
    return digest.hexdigest()[:32]


@dataclass(frozen=True)
class Postings:
    """The corpus by word: for word w, `entries[indptr[w]:indptr[w + 1]]` are the entries
    using it (ascending), `weight` their TF-IDF weight times `COSINE_SHARE`, `cover` their
    weight over their l1 norm times the rest; a query word of weight a adds a * weight +
    cover to each entry's similarity."""

    indptr: np.ndarray
    entries: np.ndarray
    weight: np.ndarray
    cover: np.ndarray


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
    def idf(self) -> np.ndarray:
        """The corpus IDF per vocabulary column (smoothed: ln((1 + n) / (1 + df)) + 1)."""
        if not self.size:
            return np.ones(self.counts.shape[1], np.float32)
        return smoothed_idf(self.counts)

    @property
    def novel_idf(self) -> float:
        """The weight of a word the corpus has never seen: the IDF of a word no entry uses
        (df = 0 in the smoothed formula), the same whatever the batch."""
        return float(np.log(1.0 + self.size) + 1.0)

    @cached_property
    def weighted(self) -> sp.csr_matrix:
        """The corpus's TF-IDF rows (sublinear tf, l2): entries x vocabulary."""
        if not self.size:
            return sp.csr_matrix(self.counts.shape, dtype=np.float32)
        weights = self.counts.astype(np.float32, copy=True)
        weights.data = (np.log(weights.data) + np.float32(1.0)) * self.idf[weights.indices]
        return l2_rows(weights)

    @cached_property
    def weighted_t(self) -> sp.csr_matrix:
        """`weighted` transposed for products: vocabulary x entries."""
        return self.weighted.T.tocsr()

    @cached_property
    def postings(self) -> Postings:
        """The entries of every corpus word with the two parts of their similarity weight
        (see `Postings`): what `matches_in_corpus` walks."""
        weighted = self.weighted
        share = np.float32(COSINE_SHARE)
        by_word = weighted.T.tocsr()  # rows: words, columns: entries (ascending)
        by_word.sort_indices()
        scale = self.coverage_scale[by_word.indices]
        return Postings(
            indptr=by_word.indptr.astype(np.int64),
            entries=by_word.indices.astype(np.int32),
            weight=(by_word.data * share).astype(np.float32),
            cover=(by_word.data * scale * (np.float32(1.0) - share)).astype(np.float32),
        )

    @cached_property
    def coverage_scale(self) -> np.ndarray:
        """Per entry, 1 / the l1 norm of its TF-IDF row (0 for an entry with no words): a
        proposal's presence row times `weighted_t`, times this, is the entry's coverage."""
        return inverse_l1(self.weighted)

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
        # the words in column order, one per line, as UTF-8 bytes: a fixed-width str array
        # pads every word to the longest (UTF-32), several times the counts' size
        words = "\n".join(sorted(self.vocabulary, key=self.vocabulary.__getitem__))
        np.savez(  # not compressed: compressing took seconds, reading more bytes takes less
            partial,
            key=np.array(self.key),
            words=np.frombuffer(words.encode("utf-8"), dtype=np.uint8),
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
            with load_npz(path) as saved:
                if str(saved["key"]) != key:
                    return None
                words = saved["words"].tobytes().decode("utf-8")
                vocabulary = {w: i for i, w in enumerate(words.split("\n") if words else ())}
                shape = tuple(int(n) for n in saved["shape"])
                counts = sp.csr_matrix(
                    (saved["data"], saved["indices"], saved["indptr"]), shape=shape
                )
            # every word within the vocabulary, every row's span in order: the kernels
            # index arrays with these without checking them
            counts.check_format(full_check=True)
        except UNREADABLE_NPZ:
            return None
        entries = tuple(sorted(corpus.entries, key=lambda e: e.id))
        if counts.shape != (len(entries), len(vocabulary)):
            return None
        return cls(key, entries, vocabulary, counts)

    @classmethod
    def cached(cls, folder: Path, corpus: Corpus) -> CorpusIndex:
        """Load the index of `corpus` from `folder`, or build and save it there; the last
        one this process loaded or built when it is the index of `corpus` (a process that
        runs again, `kipp run --watch`, a long-lived worker: the same key, the same index)."""
        key = index_key(corpus)
        path = folder / f"corpus-index-{key}.npz"
        last = _LAST_INDEX.get(path)
        if last is not None and last[0] == file_status(path):
            return last[1]
        index = cls.load(folder, corpus)
        if index is None:
            index = cls.build(corpus)
            index.save(folder)
        _LAST_INDEX.clear()
        status = file_status(path)
        if status is not None and settled(status):
            _LAST_INDEX[path] = (status, index)
        return index


# the index `CorpusIndex.cached` gave last, by its file and that file's status then: given
# again while the file stays as it was (one index: a national corpus's is large). A file
# written in the two seconds before is not remembered (`settled`).
_LAST_INDEX: dict[Path, tuple[FileStatus, CorpusIndex]] = {}


def weigh_queries(counts: sp.csr_matrix, index: CorpusIndex) -> sp.csr_matrix:
    """TF-IDF rows (sublinear tf, l2) of batch term `counts` whose first columns are the
    corpus vocabulary of `index`: those words weigh by the corpus IDF, words new to the
    corpus by `index.novel_idf`. Each row depends on its own counts only."""
    known = index.idf.shape[0]
    novel = np.full(counts.shape[1] - known, index.novel_idf, np.float32)
    idf = np.concatenate([index.idf, novel]).astype(np.float32)
    weights = counts.astype(np.float32, copy=True)
    weights.data = (1.0 + np.log(weights.data)) * idf[weights.indices]
    weights.eliminate_zeros()
    return l2_rows(weights)


def smoothed_idf(counts: sp.csr_matrix) -> np.ndarray:
    """The smoothed IDF of each column of the float32 term `counts`, ln((1 + n) / (1 + df))
    + 1, in float32 as scikit-learn's `TfidfTransformer` computes it for such counts (the
    same operations in the same order: the same bits; a test holds the two together)."""
    df = np.bincount(counts.indices, minlength=counts.shape[1]).astype(np.float32)
    df += np.float32(1.0)
    idf = np.full_like(df, counts.shape[0] + 1, dtype=np.float32)
    idf /= df
    np.log(idf, out=idf)
    idf += np.float32(1.0)
    return idf


def l2_rows(weights: sp.csr_matrix) -> sp.csr_matrix:
    """The float32 rows of `weights` scaled to unit length, as scikit-learn's `normalize`
    does (squares summed in order in double precision, each value divided by the root in
    double precision, empty rows left alone: the same bits; a test holds the two together).
    Written here: importing scikit-learn for this cost every run about a second."""
    data = weights.data
    rows = np.repeat(np.arange(weights.shape[0]), np.diff(weights.indptr))
    squares = (data * data).astype(np.float64)
    sums = np.bincount(rows, weights=squares, minlength=weights.shape[0])
    roots = np.sqrt(sums)
    roots[sums == 0.0] = 1.0
    scaled = (data.astype(np.float64) / roots[rows]).astype(np.float32)
    return sp.csr_matrix((scaled, weights.indices, weights.indptr), shape=weights.shape)


def presence(rows: sp.csr_matrix) -> sp.csr_matrix:
    """1 where a row has a word, 0 elsewhere (float32)."""
    found = sp.csr_matrix(rows, dtype=np.float32, copy=True)
    found.data = np.ones_like(found.data)
    return found


def inverse_l1(rows: sp.csr_matrix) -> np.ndarray:
    """Per row, 1 / its l1 norm (0 for an empty row), float32."""
    norms = np.asarray(abs(rows).sum(axis=1), dtype=np.float64).ravel()
    scale = np.zeros_like(norms)
    np.divide(1.0, norms, out=scale, where=norms > 0)
    return scale.astype(np.float32)


def prior_part(queries: sp.csr_matrix, index: CorpusIndex) -> sp.csr_matrix:
    """The columns of `queries` that the corpus has (the only ones a product with it
    sees), without renormalising: the l2 norm stays that of the whole vector."""
    return queries[:, : index.idf.shape[0]].tocsr()


def _paired_columns(block: sp.csr_matrix) -> tuple[np.ndarray, np.ndarray]:
    """The columns a block of rows uses, and the block transposed onto them as dense complex
    numbers: a word's weight as the real part, its presence (1) as the imaginary part. One
    product with it gives a dot product with the weights (real) and with the presence
    (imaginary) at once, for the cost of one."""
    used = np.unique(block.indices)
    dense = np.zeros((used.shape[0], block.shape[0]), np.complex64)
    rows = np.repeat(np.arange(block.shape[0]), np.diff(block.indptr))
    dense[np.searchsorted(used, block.indices), rows] = block.data + np.complex64(1j)
    return used, dense


def prior_scorer(queries: sp.csr_matrix, index: CorpusIndex) -> Scorer:
    """The similarities of rows of `queries` (TF-IDF rows from `weigh_queries`, or their
    `prior_part`) to every entry of `index`, as dense float32 blocks: `COSINE_SHARE` of the
    cosine, the rest the share of the entry's weight on words the query uses (its
    coverage)."""
    part = prior_part(queries, index)
    entries, scale = index.weighted, index.coverage_scale

    def score(start: int, stop: int) -> np.ndarray:
        used, dense = _paired_columns(part[start:stop])
        product = (entries[:, used] @ dense).T  # rows x entries
        return _blend(product.real, product.imag * scale)

    return score


def pair_scorer(queries: sp.csr_matrix) -> Scorer:
    """The similarities of rows of `queries` (TF-IDF rows) to every row of it, as dense
    float32 blocks: `COSINE_SHARE` of the cosine, the rest the smaller of the two coverages
    (each row's share of its weight on words the other uses), so the figure is symmetric."""
    count = queries.shape[0]
    both = sp.vstack([queries, presence(queries)], format="csr")
    scale = inverse_l1(queries)

    def score(start: int, stop: int) -> np.ndarray:
        used, dense = _paired_columns(queries[start:stop])
        product = (both[:, used] @ dense).T  # rows x (weights of all, presence of all)
        cosine, of_others = product.real[:, :count], product.imag[:, :count] * scale
        of_rows = product.real[:, count:] * scale[start:stop, None]
        return _blend(cosine, np.minimum(of_others, of_rows))

    return score


# one compiled call at a time per process: each already uses every core, and numba's
# default thread pool does not take calls from several threads at once
_KERNEL = threading.Lock()


def matches_in_corpus(
    queries: sp.csr_matrix, index: CorpusIndex, k: int, keep_from: float
) -> KeptMatches:
    """For each row of `queries` (TF-IDF rows from `weigh_queries`), the `k` entries of
    `index` with the highest similarity (`prior_scorer`'s figure) plus any at or above
    `keep_from`, at most `MAX_KEPT`, closest first, ties by entry row; never a similarity
    of 0. Computed row by row without a dense block (`kernels.prior_top`)."""
    rows = queries.shape[0]
    if rows == 0 or index.size == 0 or k <= 0:
        return KeptMatches.none(rows)
    from kipp.measures import kernels

    part = prior_part(queries, index)
    part.sort_indices()
    postings = index.postings
    targets, keys, counts = _top_arrays(rows)
    with _KERNEL:
        kernels.prior_top(
            part.indptr.astype(np.int64),
            part.indices.astype(np.int32),
            part.data.astype(np.float32),
            postings.indptr,
            postings.entries,
            postings.weight,
            postings.cover,
            index.size,
            targets,
            keys,
            counts,
        )
    return KeptMatches.first_and_from(targets, keys, counts, k, keep_from)


def matches_in_batch(queries: sp.csr_matrix, k: int, keep_from: float) -> KeptMatches:
    """For each row of `queries`, the `k` other rows with the highest similarity
    (`pair_scorer`'s figure) plus any at or above `keep_from`, at most `MAX_KEPT`, closest
    first, ties by row; never the row itself, never a similarity of 0
    (`kernels.pair_top`: each pair computed once, the rows dealt to the threads; the same
    result for any number of threads)."""
    rows = queries.shape[0]
    if rows < 2 or k <= 0:
        return KeptMatches.none(rows)
    import numba

    from kipp.measures import kernels

    targets, keys, counts = _top_arrays(rows)
    with _KERNEL:
        arguments = (*pair_inputs(queries), numba.get_num_threads(), targets, keys, counts)
        kernels.pair_top(*arguments)
    return KeptMatches.first_and_from(targets, keys, counts, k, keep_from)


def pair_inputs(queries: sp.csr_matrix) -> tuple[Any, ...]:
    """The arguments of `kernels.pair_top` before its parts and lists: the rows (CSR,
    float32, sorted), the same rows as postings per word, their inverse l1 norms and the
    cosine share."""
    queries = sp.csr_matrix(queries, dtype=np.float32)
    queries.sort_indices()
    by_word = queries.T.tocsr()
    by_word.sort_indices()
    return (
        queries.indptr.astype(np.int64),
        queries.indices.astype(np.int32),
        queries.data,
        by_word.indptr.astype(np.int64),
        by_word.indices.astype(np.int32),
        by_word.data.astype(np.float32),
        inverse_l1(queries),
        COSINE_SHARE,
    )


def _top_arrays(rows: int) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    return (
        np.zeros((rows, MAX_KEPT), np.int32),
        np.zeros((rows, MAX_KEPT), np.int64),
        np.zeros(rows, np.int64),
    )


def _blend(cosine: np.ndarray, coverage: np.ndarray) -> np.ndarray:
    share = np.float32(COSINE_SHARE)
    blended = share * cosine + (np.float32(1.0) - share) * coverage
    return np.ascontiguousarray(blended, dtype=np.float32)


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
    product: np.ndarray, start: int, k: int, keep_from: float, skip_self: bool
) -> list[list[Match]]:
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


def nearest_by(
    score: Scorer,
    rows: int,
    width: int,
    k: int,
    keep_from: float = 1.0,
    skip_self: bool = False,
    workers: int | None = None,
    chunk_rows: int | None = None,
) -> list[list[Match]]:
    """For each of `rows` query rows, the `k` targets (of `width`) with the highest `score`
    plus any at or above `keep_from` (at most `MAX_KEPT`), closest first, ties by target
    row. `score(start, stop)` gives the dense similarities of rows `[start, stop)` to every
    target. `skip_self` (queries are the targets) never matches a row with itself.
    Similarities of 0 are never returned. `chunk_rows` (default: as many as keep a chunk
    near `CHUNK_CELLS` cells) and `workers` change speed and memory, never the result."""
    if rows == 0:
        return []
    if width == 0 or k <= 0:
        return [[] for _ in range(rows)]
    size = chunk_rows or max(1, CHUNK_CELLS // max(1, width))
    starts = range(0, rows, size)
    workers = workers or min(4, os.cpu_count() or 1)

    def run(start: int) -> list[list[Match]]:
        stop = min(rows, start + size)
        return _chunk_top(score(start, stop), start, k, keep_from, skip_self)

    if workers == 1 or len(starts) == 1:
        parts = [run(s) for s in starts]
    else:
        with ThreadPoolExecutor(max_workers=workers) as pool:
            parts = list(pool.map(run, starts))
    return [row for part in parts for row in part]


def nearest(
    queries: sp.csr_matrix,
    targets: sp.csr_matrix,
    k: int,
    keep_from: float = 1.0,
    skip_self: bool = False,
    workers: int | None = None,
    chunk_rows: int | None = None,
) -> list[list[Match]]:
    """`nearest_by` the dot product of l2-normalised rows (their cosine): for each query
    row, the `k` closest target rows plus any at or above `keep_from`."""
    targets_t = targets.T.tocsr()

    def cosine(start: int, stop: int) -> np.ndarray:
        return np.asarray((queries[start:stop] @ targets_t).toarray(), dtype=np.float32)

    return nearest_by(
        cosine, queries.shape[0], targets.shape[0], k, keep_from, skip_self, workers, chunk_rows
    )
