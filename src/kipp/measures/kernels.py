"""Compiled loops for the closest matches of every query row (numba).

At national scale almost every proposal shares a common word with almost every prior
innovation, so the similarities form a dense matrix of tens of billions of cells; what makes
it affordable is never holding it: each row's similarities are accumulated in one reused
array, walked once, and only the row's closest matches are kept. NumPy and SciPy can express
the product but not the fused walk (their products materialise blocks, then partition them),
hence these loops.

Exactness and determinism: a similarity is a float32 sum over the words the two rows
share, in ascending word order, whichever rows share its block, however many threads run,
in whichever process; so a row's matches in the corpus are the same alone, in a chunk, in a
partition on another machine, and its matches in a batch depend on that batch only (each
pair of a batch is computed once, from its lower row, to the same bits as from the higher
one: see `pair_top`). Similarities are compared as whole ten-thousandths (`DECIMALS` = 4,
the precision every document shows), ties broken by target row, so the kept list is exact
and the same as sorting the whole row.

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
                    # an unsigned index: numba then skips its negative-index check, which
                    # costs a good share of this walk (see bench/README)
                    sums[np.uint32(p_indices[q])] += weight * p_weight[q] + p_cover[q]
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


@numba.njit(cache=True, nogil=True)
def _keep(
    part: int,
    row: int,
    target: int,
    key: np.int64,
    targets: np.ndarray,
    keys: np.ndarray,
    counts: np.ndarray,
    least: np.ndarray,
) -> None:  # pragma: no cover - compiled
    """`_insert` `(key, target)` into the list of `row` in `part` (targets reach it in
    ascending order), then raise `least` (the key a newcomer must beat: the last kept
    one once the list is full, 0 before) if the list is full."""
    count = _insert(row, target, key, counts[part, row], targets[part], keys[part])
    counts[part, row] = count
    if count == targets.shape[2]:
        least[part, row] = keys[part, row, count - 1]


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
    parts: int,
    targets: np.ndarray,
    keys: np.ndarray,
    counts: np.ndarray,
) -> None:  # pragma: no cover - compiled
    """Query rows against each other (never a row with itself), `t_*` being the same rows
    as postings per word: similarity = cosine share * cosine + the rest * the smaller of the
    two coverages (each row's share of its l1 weight on the words the other uses).

    Each pair is computed once, from its lower row, which walks only the postings of higher
    rows, and offered to both rows' lists: the figure is the one the higher row's walk would
    give (the cosine's products commute and are added in the same word order; the two
    coverages swap roles in the `min`). The blocks of rows are dealt in turn to `parts`
    parts (one per thread: dealing in turn balances the triangle), each with lists of its
    own (`parts` x rows x keep targets and keys: 65 MB for 27,000 rows, 100 kept, 2 parts),
    so no two threads write one list. A part takes its rows in ascending order, so targets
    reach each of its lists in ascending order (first from the lower rows it takes, then
    from the row's own walk), as `_insert`'s tie rule needs. Each row's lists are then
    merged (key descending, target ascending) and cut at `keep`: for any `parts`, the list
    of the two-sided walk and of sorting the whole row."""
    rows = q_indptr.shape[0] - 1
    keep = targets.shape[1]
    share = np.float32(cosine_share)
    rest = np.float32(1.0) - share
    blocks = (rows + _ROWS_PER_BLOCK - 1) // _ROWS_PER_BLOCK
    part_targets = np.zeros((parts, rows, keep), np.int32)
    part_keys = np.zeros((parts, rows, keep), np.int64)
    part_counts = np.zeros((parts, rows), np.int64)
    least = np.zeros((parts, rows), np.int64)  # see `_keep`
    for part in numba.prange(parts):
        cosine = np.zeros(rows, np.float32)
        of_other = np.zeros(rows, np.float32)  # the other's weight on this row's words
        of_row = np.zeros(rows, np.float32)  # this row's weight on the other's words
        for block in range(part, blocks, parts):
            for row in range(block * _ROWS_PER_BLOCK, min(rows, (block + 1) * _ROWS_PER_BLOCK)):
                cosine[row + 1 :] = 0.0
                of_other[row + 1 :] = 0.0
                of_row[row + 1 :] = 0.0
                for p in range(q_indptr[row], q_indptr[row + 1]):
                    word, weight = q_indices[p], q_data[p]
                    start, stop = t_indptr[word], t_indptr[word + 1]
                    # the word's rows are ascending: skip to the first after this row
                    start += np.searchsorted(t_indices[start:stop], row, side="right")
                    for q in range(start, stop):
                        # unsigned, as in `prior_top`'s walk
                        other, theirs = np.uint32(t_indices[q]), t_data[q]
                        cosine[other] += weight * theirs
                        of_other[other] += theirs
                        of_row[other] += weight
                mine = inverse_l1[row]
                for target in range(row + 1, rows):
                    # as the row's own walk and the target's would each skip the pair
                    to_row, to_target = of_other[target] > 0.0, of_row[target] > 0.0
                    if not (to_row or to_target):
                        continue
                    covered = min(of_other[target] * inverse_l1[target], of_row[target] * mine)
                    scaled = np.float64(share * cosine[target] + rest * covered) * SCALE
                    # below the least key it rounds to at most that key: cannot enter
                    # (`least` is apart from the lists, small enough to stay in cache:
                    # most offers to another row's full list end at it)
                    if to_row and scaled >= least[part, row]:
                        key = np.int64(np.rint(scaled))
                        if key > least[part, row]:
                            _keep(
                                part, row, target, key, part_targets, part_keys, part_counts, least
                            )
                    if to_target and scaled >= least[part, target]:
                        key = np.int64(np.rint(scaled))
                        if key > least[part, target]:
                            _keep(
                                part, target, row, key, part_targets, part_keys, part_counts, least
                            )
    for row in numba.prange(rows):
        heads = np.zeros(parts, np.int64)
        count = 0
        while count < keep:
            best = -1
            for part in range(parts):
                at = heads[part]
                if at == part_counts[part, row]:
                    continue
                if best < 0:
                    best = part
                    continue
                key, best_key = part_keys[part, row, at], part_keys[best, row, heads[best]]
                if key > best_key or (
                    key == best_key
                    and part_targets[part, row, at] < part_targets[best, row, heads[best]]
                ):
                    best = part
            if best < 0:
                break
            keys[row, count] = part_keys[best, row, heads[best]]
            targets[row, count] = part_targets[best, row, heads[best]]
            heads[best] += 1
            count += 1
        counts[row] = count
