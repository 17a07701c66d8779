"""Novelty at national scale: corpus-fixed weights, prior-art matches kept per chunk of
proposals and reused after an edit, content-cut chunks, capped flag lists."""

from __future__ import annotations

import itertools
from pathlib import Path
from typing import Any

import numpy as np
import scipy.sparse as sp
from builders import proposal_data

from kipp.core.models import Proposal
from kipp.measures.corpus import Corpus, PriorInnovation
from kipp.measures.novelty import (
    MatchStore,
    chunk_bounds,
    measure_novelty,
    prepare_batch,
)
from kipp.measures.similarity import CorpusIndex, rows_digest, weigh_queries
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


def test_word_unseen_by_the_corpus_weighs_by_its_batch_frequency() -> None:
    index = CorpusIndex.build(corpus())
    vocabulary = dict(index.vocabulary)
    known = len(vocabulary)
    vocabulary["kataunik"] = known
    vocabulary["katasering"] = known + 1
    # row 0: the two new words once each; rows 1-3: the common new word only
    counts = sp.csr_matrix(
        np.array([[0] * known + [1, 1]] + [[0] * known + [0, 1]] * 3, dtype=np.float32)
    )
    weights = weigh_queries(counts, index, masked=[])
    rare, common = weights[0, known], weights[0, known + 1]
    assert rare > common > 0
    expected = (np.log((1 + index.size) / 2) + 1) / (np.log((1 + index.size) / 5) + 1)
    assert np.isclose(rare / common, expected, rtol=1e-5)


def test_masked_words_weigh_nothing() -> None:
    index = CorpusIndex.build(corpus())
    column = index.vocabulary["sampah"]
    counts = sp.csr_matrix(np.ones((1, len(index.vocabulary)), dtype=np.float32))
    weights = weigh_queries(counts, index, masked=[column])
    assert weights[0, column] == 0
    assert np.isclose(sp.linalg.norm(weights[0]), 1.0)


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
    sections["summary"] = sections["summary"] + " Ditambah layanan antar jemput."
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


def test_unreadable_stored_chunk_is_recomputed(tmp_path: Path) -> None:
    proposals = batch(10)
    plain = measure_novelty(proposals, corpus(), SETTINGS)
    measure_novelty(proposals, corpus(), SETTINGS, store=MatchStore(tmp_path, "t"))
    for path in tmp_path.glob("prior-*.npz"):
        path.write_bytes(b"not a zip file")
    store = MatchStore(tmp_path, "t")
    assert measure_novelty(proposals, corpus(), SETTINGS, store=store) == plain
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
