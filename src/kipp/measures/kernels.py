"""Compiled loops for the closest matches of every query row (numba).

At national scale almost every proposal shares a common word with almost every prior
innovation, so the similarities form a dense matrix of tens of billions of cells; what makes
it affordable is never holding it: each row's similarities are accumulated in one reused
array, walked once, and only the row's closest matches are kept. NumPy and SciPy can express
the product but not the fused walk (their products materialise blocks, then partition them),
hence these loops.

Exactness and determinism: a row's similarities are float32 sums over the words it shares
with a target, in ascending word order, whichever rows share its block, however many threads
run, in whichever process; so a row's matches are the same alone, in a chunk, in a partition
on another machine. Similarities are compared as whole ten-thousandths (`DECIMALS` = 4, the
precision every document shows), ties broken by target row, so the kept list is exact and
the same as sorting the whole row.

Both kernels fill, per row, at most `keep` matches into `targets` / `keys` (keys are the
similarity in ten-thousandths, descending; ties by target ascending) and their number into
`counts`. The callers (`kipp.measures.similarity`) choose the rows and read the results.
"""

from __future__ import annotations

import numba
import numpy as np

SCALE = 10_000.0  # similarities kept as whole ten-thousandths (4 decimals)
_ROWS_PER_BLOCK = 32  # rows sharing one accumulator allocation


@numba.njit(cache=True, nogil=True)
def _insert(
    row: int,
    target: int,
    key: np.int64,
    count: int,
    targets: np.ndarray,
    keys: np.ndarray,
) -> int:  # pragma: no cover - compiled
    """Insert `(key, target)` into the row's list, kept by key descending then target
    ascending (targets arrive ascending, so an equal key goes after those already there);
    returns the new count. The caller skips a key that cannot enter a full list."""
    keep = targets.shape[1]
    if count < keep:
        count += 1
    at = count - 1
    while at > 0 and keys[row, at - 1] < key:
        keys[row, at] = keys[row, at - 1]
        targets[row, at] = targets[row, at - 1]
        at -= 1
    keys[row, at] = key
    targets[row, at] = target
    return count


@numba.njit(parallel=True, cache=True, nogil=True)
def prior_top(
    q_indptr: np.ndarray,
    q_indices: np.ndarray,
    q_data: np.ndarray,
    p_indptr: np.ndarray,
    p_indices: np.ndarray,
    p_weight: np.ndarray,
    p_cover: np.ndarray,
    width: int,
    targets: np.ndarray,
    keys: np.ndarray,
    counts: np.ndarray,
) -> None:  # pragma: no cover - compiled
    """Query rows (CSR: weights on corpus words) against corpus entries given as postings
    per word (`p_indices` the entries using the word, ascending; `p_weight` the entry's
    weight times the cosine share; `p_cover` the entry's weight over its l1 norm times the
    coverage share): similarity = sum over shared words of query weight * p_weight + p_cover,
    i.e. the cosine share of the cosine plus the rest of the entry's coverage."""
    rows = q_indptr.shape[0] - 1
    keep = targets.shape[1]
    blocks = (rows + _ROWS_PER_BLOCK - 1) // _ROWS_PER_BLOCK
    for block in numba.prange(blocks):
        sums = np.zeros(width, np.float32)
        for row in range(block * _ROWS_PER_BLOCK, min(rows, (block + 1) * _ROWS_PER_BLOCK)):
            sums[:] = 0.0
            for p in range(q_indptr[row], q_indptr[row + 1]):
                word, weight = q_indices[p], q_data[p]
                for q in range(p_indptr[word], p_indptr[word + 1]):
                    sums[p_indices[q]] += weight * p_weight[q] + p_cover[q]
            count = 0
            for target in range(width):
                if sums[target] <= 0.0:
                    continue
                scaled = np.float64(sums[target]) * SCALE
                # below the last kept key it rounds to at most that key: cannot enter
                if count == keep and scaled < keys[row, keep - 1]:
                    continue
                key = np.int64(np.rint(scaled))
                if key <= 0 or (count == keep and key <= keys[row, keep - 1]):
                    continue
                count = _insert(row, target, key, count, targets, keys)
            counts[row] = count


@numba.njit(parallel=True, cache=True, nogil=True)
def pair_top(
    q_indptr: np.ndarray,
    q_indices: np.ndarray,
    q_data: np.ndarray,
    t_indptr: np.ndarray,
    t_indices: np.ndarray,
    t_data: np.ndarray,
    inverse_l1: np.ndarray,
    cosine_share: float,
    targets: np.ndarray,
    keys: np.ndarray,
    counts: np.ndarray,
) -> None:  # pragma: no cover - compiled
    """Query rows against each other (never a row with itself), `t_*` being the same rows
    as postings per word: similarity = cosine share * cosine + the rest * the smaller of the
    two coverages (each row's share of its l1 weight on the words the other uses)."""
    rows = q_indptr.shape[0] - 1
    keep = targets.shape[1]
    share = np.float32(cosine_share)
    rest = np.float32(1.0) - share
    blocks = (rows + _ROWS_PER_BLOCK - 1) // _ROWS_PER_BLOCK
    for block in numba.prange(blocks):
        cosine = np.zeros(rows, np.float32)
        of_other = np.zeros(rows, np.float32)  # the other's weight on this row's words
        of_row = np.zeros(rows, np.float32)  # this row's weight on the other's words
        for row in range(block * _ROWS_PER_BLOCK, min(rows, (block + 1) * _ROWS_PER_BLOCK)):
            cosine[:] = 0.0
            of_other[:] = 0.0
            of_row[:] = 0.0
            for p in range(q_indptr[row], q_indptr[row + 1]):
                word, weight = q_indices[p], q_data[p]
                for q in range(t_indptr[word], t_indptr[word + 1]):
                    other, theirs = t_indices[q], t_data[q]
                    cosine[other] += weight * theirs
                    of_other[other] += theirs
                    of_row[other] += weight
            count = 0
            mine = inverse_l1[row]
            for target in range(rows):
                if target == row or of_other[target] <= 0.0:
                    continue
                covered = min(of_other[target] * inverse_l1[target], of_row[target] * mine)
                scaled = np.float64(share * cosine[target] + rest * covered) * SCALE
                if count == keep and scaled < keys[row, keep - 1]:
                    continue
                key = np.int64(np.rint(scaled))
                if key <= 0 or (count == keep and key <= keys[row, keep - 1]):
                    continue
                count = _insert(row, target, key, count, targets, keys)
            counts[row] = count
