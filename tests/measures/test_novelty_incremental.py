"""Novelty at national scale: corpus-fixed weights, the blend of cosine and coverage, prior-art
matches kept per chunk of proposals and reused after an edit, content-cut chunks, capped flag
lists."""

from __future__ import annotations

import itertools
from collections import Counter
from collections.abc import Callable
from pathlib import Path
from typing import Any

import numpy as np
import pytest
import scipy.sparse as sp
from builders import proposal_data
from hypothesis import given
from hypothesis import strategies as st

from kipp.core.models import Proposal
from kipp.measures.corpus import Corpus, PriorInnovation
from kipp.measures.documents import proposal_documents
from kipp.measures.novelty import (
    MatchStore,
    NoveltyMeasure,
    chunk_bounds,
    measure_novelty,
    prepare_batch,
)
from kipp.measures.similarity import (
    CorpusIndex,
    count_matrix,
    inverse_l1,
    pair_scorer,
    presence,
    prior_scorer,
    rows_digest,
    weigh_queries,
)
from kipp.rubric.settings import NoveltySettings

SETTINGS = NoveltySettings()
FIELDS = [
    ("sampah", "bank sampah warga menabung sampah plastik ditukar saldo tabungan"),
    ("akta", "akta kelahiran bayi diterbitkan di rumah sakit bersalin tanpa antre"),
    ("stunting", "kader posyandu menimbang balita memantau gizi mencegah stunting"),
    ("pajak", "pajak bumi bangunan dibayar lewat minimarket dan aplikasi ponsel"),
    ("jiwa", "pendampingan orang dengan gangguan jiwa bebas pasung oleh kader"),
]


def entry(ident: str, description: str) -> PriorInnovation:
    return PriorInnovation(
        id=ident,
        title=ident.upper(),
        agency="Dinas Contoh",
        region="Kabupaten Contoh",
        year=2019,
        award="",
        description=description,
        source="",
    )


def corpus() -> Corpus:
    entries = tuple(
        entry(f"prior-{name}-{i}", f"{text} varian {i} wilayah{i}")
        for name, text in FIELDS
        for i in range(4)
    )
    return Corpus(path="test.csv", sha256="1" * 64, entries=entries)


def proposal(index: int, **fields: Any) -> Proposal:
    name, text = FIELDS[index % len(FIELDS)]
    sections = {
        "summary": f"Inovasi nomor {index} tentang {text}. Program ke{index} unik{index}.",
        "novelty": f"Kebaruan {name} berupa cara kerja ke{index} yang baru.",
    }
    data = proposal_data(id=f"p{index:03d}", title=f"Inovasi {name} {index}", sections=sections)
    data.update(fields)
    return Proposal.model_validate(data)


def batch(n: int) -> list[Proposal]:
    return [proposal(i) for i in range(n)]


def _counted_one_document_at_a_time(
    documents: list[list[str]], vocabulary: dict[str, int]
) -> sp.csr_matrix:
    # the counts spelled out: each document's words counted, columns given on first sight
    indptr, indices, data = [0], [], []
    for words in documents:
        for word, count in Counter(words).items():
            indices.append(vocabulary.setdefault(word, len(vocabulary)))
            data.append(count)
        indptr.append(len(indices))
    matrix = sp.csr_matrix(
        (np.asarray(data, np.float32), np.asarray(indices, np.int32), np.asarray(indptr)),
        shape=(len(documents), len(vocabulary)),
    )
    matrix.sort_indices()
    return matrix


@given(st.lists(st.lists(st.sampled_from(["bank", "sampah", "akta", "gizi", "pajak"]))))
def test_count_matrix_counts_each_documents_words_and_names_new_words_in_order(
    documents: list[list[str]],
) -> None:
    known = {"sampah": 0, "warga": 1}
    vocabulary, expected_vocabulary = dict(known), dict(known)
    got = count_matrix(documents, vocabulary)
    expected = _counted_one_document_at_a_time(documents, expected_vocabulary)

    assert list(vocabulary.items()) == list(expected_vocabulary.items())
    assert got.shape == expected.shape
    assert got.data.dtype == np.float32
    assert got.has_canonical_format
    assert (got.indptr.tolist(), got.indices.tolist(), got.data.tolist()) == (
        expected.indptr.tolist(),
        expected.indices.tolist(),
        expected.data.tolist(),
    )


def test_word_unseen_by_the_corpus_weighs_the_same_whatever_the_batch() -> None:
    index = CorpusIndex.build(corpus())
    vocabulary = dict(index.vocabulary)
    known = len(vocabulary)
    vocabulary["kataunik"] = known
    vocabulary["katasering"] = known + 1
    # row 0: the two new words once each; rows 1-3: the second new word only
    counts = sp.csr_matrix(
        np.array([[0] * known + [1, 1]] + [[0] * known + [0, 1]] * 3, dtype=np.float32)
    )
    together = weigh_queries(counts, index)
    alone = weigh_queries(counts[:1], index)
    assert together[0, known] == together[0, known + 1] == np.float32(np.sqrt(0.5))
    assert (together[0] != alone[0]).nnz == 0
    assert index.novel_idf == float(np.log(1 + index.size) + 1)


def test_own_place_words_are_masked_and_other_places_kept() -> None:
    text = "Warga Sukamaju dan Sukamakmur menabung sampah di bank sampah."
    mine = proposal(0, region="Kota Sukamaju", sections={"summary": text})
    other = proposal(1, region="Kota Sukamakmur", sections={"summary": text})
    words = proposal_documents([mine, other])
    assert words[0][-6:] == ["warga", "sukamakmur", "menabung", "sampah", "bank", "sampah"]
    assert words[1][-6:] == ["warga", "sukamaju", "menabung", "sampah", "bank", "sampah"]


def test_similarity_blends_cosine_and_the_entry_coverage() -> None:
    index = CorpusIndex.build(corpus())
    queries = prepare_batch(batch(6), index).queries
    got = prior_scorer(queries, index)(0, 6)
    part = queries[:, : len(index.vocabulary)].toarray()
    entries = index.weighted.toarray()
    cosine = part @ entries.T
    coverage = (part > 0).astype(np.float32) @ entries.T / entries.sum(axis=1)
    assert np.allclose(got, 0.5 * cosine + 0.5 * coverage, atol=1e-6)
    assert got.dtype == np.float32


def test_proposal_pairs_take_the_smaller_coverage_so_the_figure_is_symmetric() -> None:
    index = CorpusIndex.build(corpus())
    queries = prepare_batch(batch(7), index).queries
    got = pair_scorer(queries)(0, 7)
    weights, found = queries.toarray(), presence(queries).toarray()
    covered = (weights @ found.T) * inverse_l1(queries)[:, None]  # [i, j]: i's words in j
    expected = 0.5 * weights @ weights.T + 0.5 * np.minimum(covered, covered.T)
    assert np.allclose(got, expected, atol=1e-6)
    assert np.array_equal(np.round(got, 4), np.round(got.T, 4))


def test_a_long_proposal_holding_a_short_entry_scores_at_least_half() -> None:
    index = CorpusIndex.build(corpus())
    # every word of the entry `prior-sampah-0` (title and description), among many others
    held = f"Prior sampah: {FIELDS[0][1]} varian wilayah. "
    long_text = held + " ".join(text for _, text in FIELDS[1:])
    long = proposal(0, title="Inovasi", sections={"summary": long_text})
    queries = prepare_batch([long], index).queries
    row = prior_scorer(queries, index)(0, 1)[0]
    target = [e.id for e in index.entries].index("prior-sampah-0")
    assert row.argmax() == target
    assert row[target] >= 0.5  # the coverage (1.0) is half the figure


def test_chunks_are_cut_by_content_so_an_insertion_moves_only_its_neighbours() -> None:
    ids = [f"proposal-{i:05d}" for i in range(3000)]
    before = chunk_bounds(ids, rows=50)
    assert before[0][0] == 0 and before[-1][1] == len(ids)
    assert all(a[1] == b[0] for a, b in itertools.pairwise(before))
    assert all(stop - start <= 400 for start, stop in before)
    inserted = sorted([*ids, "proposal-01500-baru"])
    after = chunk_bounds(inserted, rows=50)

    def members(bounds: list[tuple[int, int]], names: list[str]) -> set[tuple[str, ...]]:
        return {tuple(names[a:b]) for a, b in bounds}

    changed = members(after, inserted) - members(before, ids)
    assert 1 <= len(changed) <= 2
    assert any("proposal-01500-baru" in chunk for chunk in changed)
    assert len(members(before, ids) - members(after, inserted)) == len(changed)


def test_store_gives_the_same_measures_as_computing_everything(tmp_path: Path) -> None:
    proposals = batch(40)
    settings = NoveltySettings(flag_similarity=0.2, review_similarity=0.2)
    plain = measure_novelty(proposals, corpus(), settings)
    store = MatchStore(tmp_path, salt="test")
    first = measure_novelty(proposals, corpus(), settings, store=store)
    assert first == plain
    assert store.hits == 0 and store.misses > 0
    again = MatchStore(tmp_path, salt="test")
    assert measure_novelty(proposals, corpus(), settings, store=again) == plain
    assert again.misses == 0 and again.hits == store.misses


def test_editing_one_proposal_recomputes_only_its_chunk(tmp_path: Path) -> None:
    proposals = batch(600)  # several chunks of about 200 rows
    index = CorpusIndex.build(corpus())
    measure_novelty(proposals, corpus(), SETTINGS, index=index, store=MatchStore(tmp_path, "t"))
    edited = list(proposals)
    sections = dict(edited[7].sections.items())
    sections["summary"] = (sections["summary"] or "") + " Ditambah layanan antar jemput."
    edited[7] = edited[7].model_copy(update={"sections": type(edited[7].sections)(**sections)})
    store = MatchStore(tmp_path, "t")
    result = measure_novelty(edited, corpus(), SETTINGS, index=index, store=store)
    assert store.misses == 1
    assert store.hits == len(chunk_bounds(sorted(p.id for p in proposals))) - 1
    assert result == measure_novelty(edited, corpus(), SETTINGS, index=index)


def test_store_salt_separates_code_versions(tmp_path: Path) -> None:
    proposals = batch(10)
    measure_novelty(proposals, corpus(), SETTINGS, store=MatchStore(tmp_path, "v1"))
    other = MatchStore(tmp_path, "v2")
    measure_novelty(proposals, corpus(), SETTINGS, store=other)
    assert other.hits == 0


def _measured_again_after(
    tmp_path: Path, damage: Callable[[Path], None]
) -> tuple[dict[str, NoveltyMeasure], dict[str, NoveltyMeasure], MatchStore]:
    """A small batch's measures computed outright, then again from a store whose every
    chunk file was first written and then passed to `damage`: (outright, again, that store)."""
    proposals = batch(10)
    plain = measure_novelty(proposals, corpus(), SETTINGS)
    measure_novelty(proposals, corpus(), SETTINGS, store=MatchStore(tmp_path, "t"))
    for path in tmp_path.glob("prior-*.npz"):
        damage(path)
    store = MatchStore(tmp_path, "t")
    return plain, measure_novelty(proposals, corpus(), SETTINGS, store=store), store


def test_unreadable_stored_chunk_is_recomputed(tmp_path: Path) -> None:
    def damage(path: Path) -> None:
        path.write_bytes(b"not a zip file")

    plain, again, store = _measured_again_after(tmp_path, damage)
    assert again == plain
    assert store.hits == 0


@pytest.mark.parametrize("kept", [0.5, 0.0], ids=["half", "empty"])
def test_truncated_stored_chunk_is_recomputed(tmp_path: Path, kept: float) -> None:
    def damage(path: Path) -> None:
        raw = path.read_bytes()
        path.write_bytes(raw[: int(len(raw) * kept)])  # as a full disk or a killed run leaves it

    plain, again, store = _measured_again_after(tmp_path, damage)
    assert again == plain
    assert store.hits == 0


def test_stored_chunk_whose_arrays_do_not_fit_together_is_recomputed(tmp_path: Path) -> None:
    def damage(path: Path) -> None:
        with np.load(path) as saved:
            targets, keys, lengths = saved["targets"], saved["keys"], saved["lengths"]
        np.savez(path, targets=targets, keys=keys, lengths=lengths + targets.shape[1] + 1)

    plain, again, store = _measured_again_after(tmp_path, damage)
    assert again == plain
    assert store.hits == 0


@pytest.mark.parametrize(
    "outside",
    [-1, len(corpus().entries)],  # -1 would read the corpus's last entry if trusted
    ids=["before-the-first", "past-the-last"],
)
def test_stored_chunk_naming_a_target_outside_the_corpus_is_recomputed(
    tmp_path: Path, outside: int
) -> None:
    def damage(path: Path) -> None:
        with np.load(path) as saved:
            targets, keys, lengths = saved["targets"], saved["keys"], saved["lengths"]
        assert lengths[0] > 0
        targets = targets.copy()
        targets[0, 0] = outside
        np.savez(path, targets=targets, keys=keys, lengths=lengths)

    plain, again, store = _measured_again_after(tmp_path, damage)
    assert again == plain
    assert store.hits == 0


def test_flag_lists_are_capped_and_the_rest_counted() -> None:
    same = [proposal(5 * i) for i in range(30)]  # thirty proposals of one field
    settings = NoveltySettings(flag_similarity=0.1, review_similarity=0.1, max_flags=4)
    result = measure_novelty(same, corpus(), settings)
    measure = result["p000"]
    batch_flags = [n for n in measure.flags if n.kind == "batch"]
    assert len(batch_flags) == 4
    assert measure.batch_flagged == 29
    assert batch_flags == sorted(batch_flags, key=lambda n: (-n.similarity, n.id))
    assert measure.prior_flagged == len([n for n in measure.flags if n.kind == "prior"]) == 4


def test_equal_rows_have_equal_digests_and_any_change_shows() -> None:
    index = CorpusIndex.build(corpus())
    one = prepare_batch(batch(5), index).queries
    two = prepare_batch(batch(5), index).queries
    assert rows_digest(one) == rows_digest(two)
    changed = one.copy()
    changed.data[0] += 0.001
    assert rows_digest(changed) != rows_digest(one)
