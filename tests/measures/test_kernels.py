"""The compiled matches (`matches_in_corpus`, `matches_in_batch`) against the dense
definition of the similarity (`prior_scorer`, `pair_scorer`, `nearest_by`): the same
matches, for any split of the rows."""

from __future__ import annotations

import numpy as np
import scipy.sparse as sp

from kipp.measures.corpus import Corpus, PriorInnovation
from kipp.measures.similarity import (
    MAX_KEPT,
    CorpusIndex,
    Match,
    matches_in_batch,
    matches_in_corpus,
    nearest_by,
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

    assert matches_in_corpus(queries, index, 3, keep_from=0.3) == expected
    assert any(len(row) > 3 for row in expected)  # rows with flags beyond the top 3


def test_batch_matches_are_the_dense_definitions_and_never_the_row_itself() -> None:
    index = CorpusIndex.build(random_corpus(100, seed=3))
    queries = random_queries(index, 80, seed=4)
    expected = nearest_by(pair_scorer(queries), 80, 80, 3, keep_from=0.3, skip_self=True)

    got = matches_in_batch(queries, 3, keep_from=0.3)
    assert got == expected
    assert all(m.target != row for row, found in enumerate(got) for m in found)


def test_a_rows_matches_do_not_depend_on_the_rows_beside_it() -> None:
    index = CorpusIndex.build(random_corpus(200, seed=5))
    queries = random_queries(index, 70, seed=6)
    whole = matches_in_corpus(queries, index, 3, keep_from=0.25)
    pieces = [
        row
        for start, stop in [(0, 1), (1, 33), (33, 34), (34, 70)]
        for row in matches_in_corpus(queries[start:stop], index, 3, keep_from=0.25)
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

    found = matches_in_corpus(queries, index, 3, keep_from=0.1)[0]
    assert [m.target for m in found] == list(range(MAX_KEPT))
    assert len({m.similarity for m in found}) == 1
    assert isinstance(found[0], Match) and found[0].similarity == 1.0


def test_empty_inputs_give_empty_lists() -> None:
    index = CorpusIndex.build(random_corpus(10, seed=7))
    none = sp.csr_matrix((0, len(index.vocabulary)), dtype=np.float32)
    assert matches_in_corpus(none, index, 3, keep_from=0.3) == []
    one = random_queries(index, 1, seed=8)
    assert matches_in_batch(one, 3, keep_from=0.3) == [[]]
