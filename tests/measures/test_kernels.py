"""The compiled matches (`matches_in_corpus`, `matches_in_batch`) against the dense
definition of the similarity (`prior_scorer`, `pair_scorer`, `nearest_by`): the same
matches, for any split of the rows; and the batch kernel, which computes each pair once,
against the two-sided walk it replaced: the same arrays, however many parts split it."""

from __future__ import annotations

import numba
import numpy as np
import pytest
import scipy.sparse as sp

from kipp.measures import kernels
from kipp.measures.corpus import Corpus, PriorInnovation
from kipp.measures.kernels import SCALE
from kipp.measures.similarity import (
    MAX_KEPT,
    CorpusIndex,
    KeptMatches,
    Match,
    matches_in_batch,
    matches_in_corpus,
    nearest_by,
    pair_inputs,
    pair_scorer,
    prior_scorer,
    weigh_queries,
)

WORDS = [f"kata{i}" for i in range(60)]


def random_corpus(size: int, seed: int) -> Corpus:
    rng = np.random.default_rng(seed)
    entries = tuple(
        PriorInnovation(
            id=f"prior-{i:04d}",
            title=f"Inovasi {i}",
            agency="Dinas Contoh",
            region="Kabupaten Contoh",
            year=2019,
            award="",
            description=" ".join(rng.choice(WORDS, size=int(rng.integers(3, 12)))),
            source="",
        )
        for i in range(size)
    )
    return Corpus(entries=entries, path="generated", sha256=f"random-{seed}-{size}")


def random_queries(index: CorpusIndex, rows: int, seed: int) -> sp.csr_matrix:
    """Term counts over the corpus vocabulary plus a few words new to it, weighed."""
    rng = np.random.default_rng(seed)
    width = len(index.vocabulary) + 5
    counts = sp.random(rows, width, density=0.15, format="csr", random_state=rng)
    counts.data = np.ceil(counts.data * 4).astype(np.float32)
    return weigh_queries(sp.csr_matrix(counts, dtype=np.float32), index)


def test_corpus_matches_are_the_dense_definitions_top_k_and_flags() -> None:
    index = CorpusIndex.build(random_corpus(300, seed=1))
    queries = random_queries(index, 50, seed=2)
    expected = nearest_by(prior_scorer(queries, index), 50, index.size, 3, keep_from=0.3)

    assert matches_in_corpus(queries, index, 3, keep_from=0.3).lists() == expected
    assert any(len(row) > 3 for row in expected)  # rows with flags beyond the top 3


def test_batch_matches_are_the_dense_definitions_and_never_the_row_itself() -> None:
    index = CorpusIndex.build(random_corpus(100, seed=3))
    queries = random_queries(index, 80, seed=4)
    expected = nearest_by(pair_scorer(queries), 80, 80, 3, keep_from=0.3, skip_self=True)

    got = matches_in_batch(queries, 3, keep_from=0.3).lists()
    assert got == expected
    assert all(m.target != row for row, found in enumerate(got) for m in found)


def test_a_rows_matches_do_not_depend_on_the_rows_beside_it() -> None:
    index = CorpusIndex.build(random_corpus(200, seed=5))
    queries = random_queries(index, 70, seed=6)
    whole = matches_in_corpus(queries, index, 3, keep_from=0.25).lists()
    pieces = [
        row
        for start, stop in [(0, 1), (1, 33), (33, 34), (34, 70)]
        for row in matches_in_corpus(queries[start:stop], index, 3, keep_from=0.25).lists()
    ]
    assert pieces == whole


def test_at_most_max_kept_matches_listed_ties_by_target_row() -> None:
    # every entry the same text: all tie, so the first MAX_KEPT rows are listed in order
    entries = tuple(
        PriorInnovation(
            id=f"prior-{i:04d}",
            title="Sama",
            agency="Dinas",
            region="Kota",
            year=2019,
            award="",
            description="bank sampah warga",
            source="",
        )
        for i in range(MAX_KEPT + 20)
    )
    index = CorpusIndex.build(Corpus(entries=entries, path="generated", sha256="ties"))
    counts = np.zeros((1, len(index.vocabulary)), np.float32)
    counts[0, :] = 1.0
    queries = weigh_queries(sp.csr_matrix(counts), index)

    found = matches_in_corpus(queries, index, 3, keep_from=0.1).row(0)
    assert [m.target for m in found] == list(range(MAX_KEPT))
    assert len({m.similarity for m in found}) == 1
    assert isinstance(found[0], Match) and found[0].similarity == 1.0


def test_empty_inputs_give_empty_lists() -> None:
    index = CorpusIndex.build(random_corpus(10, seed=7))
    none = sp.csr_matrix((0, len(index.vocabulary)), dtype=np.float32)
    assert matches_in_corpus(none, index, 3, keep_from=0.3).lists() == []
    one = random_queries(index, 1, seed=8)
    assert matches_in_batch(one, 3, keep_from=0.3).lists() == [[]]


def test_kept_matches_hold_the_first_k_then_those_reaching_the_threshold() -> None:
    targets = np.array([[5, 2, 9, 1], [3, 0, 0, 0], [0, 0, 0, 0]], np.int32)
    keys = np.array([[9000, 4000, 3700, 1200], [3699, 0, 0, 0], [0, 0, 0, 0]], np.int64)
    kept = KeptMatches.first_and_from(targets, keys, np.array([4, 1, 0]), k=1, keep_from=0.37)

    assert kept.lists() == [
        [Match(5, 0.9), Match(2, 0.4), Match(9, 0.37)],
        [Match(3, 0.3699)],
        [],
    ]
    assert kept.keys.shape == (3, 3)  # cut to the longest row
    assert kept.row(0, limit=2) == [Match(5, 0.9), Match(2, 0.4)]
    assert kept.row(1, limit=5) == [Match(3, 0.3699)]
    assert kept.reaching(0.4).tolist() == [2, 0, 0]
    assert kept.reaching(0.37).tolist() == [3, 0, 0]


def test_joined_kept_matches_list_the_rows_of_each_part_in_turn() -> None:
    first = KeptMatches.first_and_from(
        np.array([[4, 7]], np.int32), np.array([[5000, 4500]], np.int64), np.array([2]), 1, 0.4
    )
    second = KeptMatches.first_and_from(
        np.array([[1, 2], [6, 0]], np.int32),
        np.array([[3000, 2000], [2500, 0]], np.int64),
        np.array([2, 1]),
        1,
        0.4,
    )
    joined = KeptMatches.joined([first, KeptMatches.none(1), second])

    assert len(joined) == 4
    assert joined.lists() == [
        [Match(4, 0.5), Match(7, 0.45)],
        [],
        [Match(1, 0.3)],
        [Match(6, 0.25)],
    ]
    assert KeptMatches.joined([]).lists() == []


# The batch kernel before it computed each pair once: every row walked the postings of every
# other row, so each pair was computed from both sides. Kept here only as the reference the
# one-sided kernel must equal, array for array.
@numba.njit(cache=False)
def two_sided_pair_top(
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
    rows = q_indptr.shape[0] - 1
    keep = targets.shape[1]
    share = np.float32(cosine_share)
    rest = np.float32(1.0) - share
    cosine = np.zeros(rows, np.float32)
    of_other = np.zeros(rows, np.float32)
    of_row = np.zeros(rows, np.float32)
    for row in range(rows):
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
            count = kernels._insert(row, target, key, count, targets, keys)
        counts[row] = count


KernelLists = tuple[np.ndarray, np.ndarray, np.ndarray]


def batch_lists(queries: sp.csr_matrix, keep: int, parts: int | None) -> KernelLists:
    """The kept lists of every row of `queries`, from `kernels.pair_top` split into
    `parts`, or from the two-sided reference when `parts` is None."""
    rows = queries.shape[0]
    lists = (
        np.zeros((rows, keep), np.int32),
        np.zeros((rows, keep), np.int64),
        np.zeros(rows, np.int64),
    )
    given = pair_inputs(queries)
    if parts is None:
        two_sided_pair_top(*given, *lists)
    else:
        kernels.pair_top(*given, parts, *lists)
    return lists


def tied_batch(rows: int, width: int, seed: int) -> sp.csr_matrix:
    """Random sparse rows with few distinct weights (many equal similarities), a third of
    them repeated (duplicate rows), and rows on words no other row uses (no match)."""
    rng = np.random.default_rng(seed)
    shared = sp.random(rows, width, density=0.2, format="csr", random_state=rng)
    shared.data = np.ceil(shared.data * 3).astype(np.float32) / 3
    alone = sp.identity(4, np.float32, format="csr")  # each on a word of its own
    return sp.csr_matrix(
        sp.block_array([[shared, None], [shared[: rows // 3], None], [None, alone]], format="csr"),
        dtype=np.float32,
    )


@pytest.mark.parametrize(("rows", "keep"), [(60, 5), (60, 200), (150, 40), (6, 1)])
def test_each_pair_computed_once_gives_the_two_sided_lists_for_any_split(
    rows: int, keep: int
) -> None:
    for seed in range(3):
        queries = tied_batch(rows, 12, seed)
        expected = batch_lists(queries, keep, None)
        counts = expected[2]
        if keep < rows:  # lists cut at `keep` ...
            assert counts.max() == keep
        else:  # ... or holding every match
            assert counts.max() < keep
        assert counts[-4:].tolist() == [0, 0, 0, 0]  # the rows sharing no word
        for parts in (1, 2, 3, 7):
            got = batch_lists(queries, keep, parts)
            for have, want in zip(got, expected, strict=True):
                np.testing.assert_array_equal(have, want)


def test_duplicate_rows_list_the_smaller_rows_first_whichever_part_offers_them() -> None:
    # 40 copies of one row: every pair ties at 1, so each row lists the other rows in order
    queries = sp.csr_matrix(np.tile(np.array([[0.6, 0.8, 0.0]], np.float32), (40, 1)))
    for parts in (1, 2, 3):
        targets, keys, counts = batch_lists(queries, 10, parts)
        assert counts.tolist() == [10] * 40
        assert keys.tolist() == [[10_000] * 10] * 40
        assert targets[0].tolist() == list(range(1, 11))
        assert targets[5].tolist() == [0, 1, 2, 3, 4, 6, 7, 8, 9, 10]
        assert targets[39].tolist() == list(range(10))


def test_batch_matches_are_the_same_on_one_thread_and_on_two() -> None:
    index = CorpusIndex.build(random_corpus(100, seed=9))
    queries = random_queries(index, 120, seed=10)
    expected = nearest_by(pair_scorer(queries), 120, 120, 3, keep_from=0.2, skip_self=True)
    threads = numba.get_num_threads()
    most = numba.config.NUMBA_NUM_THREADS  # type: ignore[attr-defined]
    try:
        for count in (1, min(2, most)):
            numba.set_num_threads(count)
            assert matches_in_batch(queries, 3, keep_from=0.2).lists() == expected
    finally:
        numba.set_num_threads(threads)
