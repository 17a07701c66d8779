"""Novelty: paraphrased replications found and flagged, duplicates in a batch flagged, unrelated
proposals left alone, prior art cut off at the call, determinism, the index cache, scale."""

from __future__ import annotations

import time
from datetime import date
from functools import cache
from pathlib import Path
from typing import Any

import numpy as np
import pytest
import scipy.sparse as sp
import yaml
from builders import proposal_data
from pydantic import ValidationError

from kipp.core import caching
from kipp.core.models import Proposal
from kipp.measures import similarity
from kipp.measures.corpus import Corpus, PriorInnovation, load_corpus
from kipp.measures.novelty import (
    Neighbour,
    NoveltyMeasure,
    measure_novelty,
)
from kipp.measures.similarity import CorpusIndex, Match, nearest
from kipp.rubric import load_rubric
from kipp.rubric.settings import NoveltySettings

DATA = Path(__file__).parents[1] / "data" / "novelty"
SETTINGS = load_rubric().rubric.measures.novelty  # the bundled rubric's flag and review band
CALL_CUTOFF = date(2022, 4, 15)


def make(ident: str, **fields: Any) -> Proposal:
    return Proposal.model_validate(proposal_data(id=ident, **fields))


@cache
def evaluation_set() -> tuple[tuple[Proposal, ...], dict[str, dict[str, Any]]]:
    """The hand-made proposals of tests/data/novelty/proposals.yaml and what each expects."""
    raw = yaml.safe_load((DATA / "proposals.yaml").read_text(encoding="utf-8"))
    expect = {item["id"]: item.pop("expect", None) or {} for item in raw}
    return tuple(make(item.pop("id"), **item) for item in raw), expect


@cache
def measured() -> dict[str, NoveltyMeasure]:
    """The evaluation set against the whole bundled corpus, default settings."""
    return measure_novelty(evaluation_set()[0], load_corpus(), SETTINGS)


def entry(ident: str, title: str, description: str, year: int | None = 2019) -> PriorInnovation:
    return PriorInnovation(
        id=ident,
        title=title,
        agency="Dinas Contoh",
        region="Kabupaten Contoh",
        year=year,
        award="",
        description=description,
        source="",
    )


def corpus_of(*entries: PriorInnovation) -> Corpus:
    return Corpus(path="test.csv", sha256="0" * 64, entries=entries)


def test_paraphrase_of_pak_mawardi_found_at_rank_1_and_flagged_as_prior() -> None:
    result = measured()["layanan-duka-cepat-tuban"]
    top = result.nearest[0]
    assert (top.kind, top.id, top.year) == ("prior", "pak-mawardi-kota-mojokerto-2023", 2023)
    assert top.title.startswith("Pak Mawardi (Pengurusan Akta Kematian")
    # the other flags are the same service recorded elsewhere (the proposal's `related`)
    assert [(f.id, f.similarity) for f in result.flags] == [
        ("pak-mawardi-kota-mojokerto-2023", 0.5948),
        ("pak-waris-kota-magelang-2019", 0.5427),
        ("pak-malaw-natuna-2020", 0.3732),
    ]
    assert result.flags[0] == top
    assert result.max_prior_similarity == top.similarity
    assert result.score == round(1 - top.similarity, 4)


@pytest.mark.parametrize(
    "proposal_id",
    [pid for pid, expect in evaluation_set()[1].items() if "replicates" in expect],
)
def test_every_paraphrased_replication_is_the_closest_and_flagged(proposal_id: str) -> None:
    target = evaluation_set()[1][proposal_id]["replicates"]
    result = measured()[proposal_id]
    priors = [n for n in result.nearest if n.kind == "prior"]
    assert priors[0].id == target
    assert target in [f.id for f in result.flags if f.kind == "prior"]


def test_batch_near_copies_flag_each_other_as_batch() -> None:
    one, other = "antar-jemput-lansia-magersari", "antar-jemput-lansia-prajurit-kulon"
    flags = {pid: [(f.kind, f.id) for f in measured()[pid].flags] for pid in (one, other)}
    assert flags == {one: [("batch", other)], other: [("batch", one)]}
    assert measured()[one].max_batch_similarity == measured()[other].max_batch_similarity


def test_batch_paraphrased_duplicates_flag_each_other_as_batch() -> None:
    one, other = "kelas-bumil-daring-kranggan", "sekolah-ibu-hamil-virtual-gedongan"
    flags = {pid: [(f.kind, f.id) for f in measured()[pid].flags] for pid in (one, other)}
    assert flags == {one: [("batch", other)], other: [("batch", one)]}


def test_tb_tracking_and_stunting_nutrition_do_not_flag() -> None:
    tb, nutrition = measured()["sipantau-tb-mojokerto"], measured()["dapur-gizi-balita-mojokerto"]
    assert (tb.flags, nutrition.flags) == ([], [])
    between = [n for n in tb.nearest if n.id == "dapur-gizi-balita-mojokerto"]
    assert all(n.similarity < SETTINGS.review_similarity for n in between)


def test_unrelated_proposals_of_the_set_raise_no_flag() -> None:
    unrelated = [pid for pid, expect in evaluation_set()[1].items() if not expect]
    assert {pid: measured()[pid].flags for pid in unrelated} == {pid: [] for pid in unrelated}


def test_city_boilerplate_and_names_do_not_make_a_city_batch_alike() -> None:
    city = [p for p in evaluation_set()[0] if p.region == "Kota Mojokerto, Jawa Timur"]
    alone = [p for p in city if not evaluation_set()[1][p.id]]
    result = measure_novelty(alone, corpus_of(), SETTINGS)
    # the closest two of the city's unrelated proposals, far below the review band (0.30);
    # without the boilerplate drop they would reach 0.334
    assert max(m.max_batch_similarity for m in result.values()) == 0.1242


def test_cutoff_leaves_out_later_awards() -> None:
    prior_art = load_corpus().until(CALL_CUTOFF)
    proposal = next(p for p in evaluation_set()[0] if p.id == "layanan-duka-cepat-tuban")
    result = measure_novelty([proposal], prior_art, SETTINGS)[proposal.id]
    assert "pak-mawardi-kota-mojokerto-2023" not in [n.id for n in result.nearest]
    assert result.nearest[0].id == "pak-waris-kota-magelang-2019"


def test_cutoff_excludes_a_2024_entry_for_a_2022_call() -> None:
    corpus = load_corpus(DATA / "custom-corpus.csv")
    copy = make(
        "ambulans-desa",
        title="Ambulans Desa Siaga Warga",
        sections={
            "summary": "Mobil desa dijadikan ambulans siaga 24 jam yang mengantar warga sakit "
            "dan ibu hamil ke puskesmas atau rumah sakit secara gratis dengan sopir relawan."
        },
    )
    whole = measure_novelty([copy], corpus, SETTINGS)["ambulans-desa"]
    cut = measure_novelty([copy], corpus.until(CALL_CUTOFF), SETTINGS)["ambulans-desa"]
    assert [f.id for f in whole.flags] == ["ambulans-desa-siaga-klaten"]
    assert "ambulans-desa-siaga-klaten" not in [n.id for n in cut.nearest]
    assert cut.flags == []


def test_proposal_is_never_its_own_neighbour() -> None:
    for pid, result in measured().items():
        assert pid not in [n.id for n in result.nearest if n.kind == "batch"]


def test_identical_proposals_match_each_other_not_themselves() -> None:
    text = {"summary": "Posyandu keliling mendatangi lansia di rumah setiap bulan."}
    batch = [make("b-kedua", sections=text), make("a-pertama", sections=text)]
    result = measure_novelty(batch, corpus_of(), SETTINGS)
    assert list(result) == ["b-kedua", "a-pertama"]
    assert [(n.kind, n.id, n.similarity) for n in result["a-pertama"].flags] == [
        ("batch", "b-kedua", 1.0)
    ]
    assert [(n.kind, n.id, n.similarity) for n in result["b-kedua"].flags] == [
        ("batch", "a-pertama", 1.0)
    ]


def test_ties_are_broken_by_id() -> None:
    text = "Bank sampah sekolah menukar sampah plastik dengan buku tulis."
    corpus = corpus_of(
        entry("z-bank", "Bank Sampah Siswa", text), entry("a-bank", "Bank Sampah Siswa", text)
    )
    proposal = make("usulan", title="Bank Sampah Siswa", sections={"summary": text})
    result = measure_novelty([proposal], corpus, SETTINGS)["usulan"]
    assert [(n.id, n.similarity) for n in result.nearest] == [("a-bank", 1.0), ("z-bank", 1.0)]


def test_nearest_merges_prior_and_batch_closest_first() -> None:
    result = measured()["antar-jemput-lansia-magersari"]
    kinds = [n.kind for n in result.nearest]
    assert sorted(kinds) == ["batch"] * 3 + ["prior"] * 3
    assert [n.similarity for n in result.nearest] == sorted(
        (n.similarity for n in result.nearest), reverse=True
    )


def test_empty_batch_measures_nothing() -> None:
    assert measure_novelty([], load_corpus(), SETTINGS) == {}


def test_empty_corpus_scores_one_with_no_prior_neighbour() -> None:
    result = measure_novelty([make("sendiri")], corpus_of(), SETTINGS)["sendiri"]
    assert result == NoveltyMeasure(
        score=1.0, max_prior_similarity=0.0, max_batch_similarity=0.0, nearest=[], flags=[]
    )


def test_duplicate_proposal_ids_rejected() -> None:
    with pytest.raises(ValueError, match="proposal ids must be unique within a batch"):
        measure_novelty([make("sama"), make("sama")], corpus_of(), SETTINGS)


def test_results_identical_across_runs() -> None:
    again = measure_novelty(evaluation_set()[0], load_corpus(), SETTINGS)
    assert again == measured()


def test_nearest_same_for_any_chunk_size_and_thread_count() -> None:
    rng = np.random.default_rng(0)
    queries = sp.random(40, 300, density=0.05, format="csr", dtype=np.float32, random_state=1)
    targets = sp.random(90, 300, density=0.05, format="csr", dtype=np.float32, random_state=2)
    targets.data = rng.random(targets.nnz, dtype=np.float32)
    one = nearest(queries, targets, 3, keep_from=0.5, workers=1)
    many = nearest(queries, targets, 3, keep_from=0.5, workers=2, chunk_rows=7)
    assert one == many
    assert any(len(row) > 0 for row in one)
    assert all(isinstance(m, Match) for row in one for m in row)


def test_index_saved_and_loaded_gives_the_same_measure(tmp_path: Path) -> None:
    corpus = load_corpus()
    built = CorpusIndex.cached(tmp_path, corpus)
    assert [p.name for p in tmp_path.iterdir()] == [f"corpus-index-{built.key}.npz"]
    loaded = CorpusIndex.load(tmp_path, corpus)
    assert loaded is not None
    batch = evaluation_set()[0][:3]
    assert measure_novelty(batch, corpus, SETTINGS, index=loaded) == measure_novelty(
        batch, corpus, SETTINGS
    )


@pytest.mark.parametrize("kept", [0.5, 0.0], ids=["half", "empty"])
def test_index_file_cut_short_is_built_again(tmp_path: Path, kept: float) -> None:
    corpus = load_corpus()
    built = CorpusIndex.cached(tmp_path, corpus)
    path = tmp_path / f"corpus-index-{built.key}.npz"
    raw = path.read_bytes()
    path.write_bytes(raw[: int(len(raw) * kept)])  # as a run killed while writing leaves it
    assert CorpusIndex.load(tmp_path, corpus) is None
    again = CorpusIndex.cached(tmp_path, corpus)
    assert (again.counts != built.counts).nnz == 0
    assert CorpusIndex.load(tmp_path, corpus) is not None


def shorten_in_header(path: Path, member: str, end: bytes) -> None:
    """Make the last length in `member`'s array header (the number before `end`) one less,
    in place, as damage on disk could: numpy would read the array one item short, without
    error."""
    raw = bytearray(path.read_bytes())
    start = raw.index(b"'shape': (", raw.index(member.encode()))
    stop = raw.index(end, start)
    first = stop
    while raw[first - 1 : first].isdigit():
        first -= 1
    number = raw[first:stop]
    raw[first:stop] = str(int(number) - 1).rjust(len(number)).encode()
    path.write_bytes(bytes(raw))


def test_index_file_with_a_damaged_array_header_is_built_again(tmp_path: Path) -> None:
    corpus = load_corpus()
    built = CorpusIndex.cached(tmp_path, corpus)
    shorten_in_header(tmp_path / f"corpus-index-{built.key}.npz", "words.npy", b",)")
    assert CorpusIndex.load(tmp_path, corpus) is None
    again = CorpusIndex.cached(tmp_path, corpus)
    assert again.vocabulary == built.vocabulary
    assert (again.counts != built.counts).nnz == 0


def test_index_file_naming_a_word_outside_its_vocabulary_is_not_trusted(tmp_path: Path) -> None:
    corpus = load_corpus()
    built = CorpusIndex.cached(tmp_path, corpus)
    path = tmp_path / f"corpus-index-{built.key}.npz"
    with np.load(path) as saved:
        arrays = {name: saved[name] for name in saved.files}
    arrays["indices"] = arrays["indices"].copy()
    arrays["indices"][0] = len(built.vocabulary)  # one past the last word
    np.savez(path, **arrays)
    assert CorpusIndex.load(tmp_path, corpus) is None


def test_index_of_a_cut_off_corpus_is_another_cache_entry(tmp_path: Path) -> None:
    corpus = load_corpus()
    CorpusIndex.cached(tmp_path, corpus)
    assert CorpusIndex.load(tmp_path, corpus.until(CALL_CUTOFF)) is None


def test_index_of_another_corpus_rejected() -> None:
    index = CorpusIndex.build(load_corpus())
    with pytest.raises(ValueError, match="built from another corpus"):
        measure_novelty([make("satu")], load_corpus().until(CALL_CUTOFF), SETTINGS, index=index)


def test_settings_reject_review_band_above_flag() -> None:
    with pytest.raises(ValidationError) as caught:
        NoveltySettings(flag_similarity=0.3, review_similarity=0.4)
    assert caught.value.errors()[0]["msg"] == (
        "review_similarity 0.4 is above flag_similarity 0.3; the review band "
        "must start at or below the flag"
    )


def test_neighbour_of_batch_has_no_year() -> None:
    batch = [n for n in measured()["kelas-bumil-daring-kranggan"].nearest if n.kind == "batch"]
    assert batch[0] == Neighbour(
        kind="batch",
        id="sekolah-ibu-hamil-virtual-gedongan",
        title="SIBUMIL MAYA (Sekolah Ibu Hamil Virtual)",
        agency="Puskesmas Gedongan",
        year=None,
        similarity=batch[0].similarity,
    )


@pytest.mark.slow
def test_synthetic_500_by_10000_finishes_quickly_and_finds_planted_copies() -> None:
    rng = np.random.default_rng(42)
    words = np.array(
        [f"k{chr(97 + i % 26)}{chr(97 + i // 26 % 26)}{i // 676}" for i in range(30_000)]
    )
    weights = 1.0 / np.arange(1, len(words) + 1) ** 1.05
    weights /= weights.sum()

    def text(size: int) -> str:
        return " ".join(words[rng.choice(len(words), size, p=weights)])

    entries = tuple(
        entry(f"c{j:05d}", text(5), text(int(rng.integers(15, 60)))) for j in range(10_000)
    )
    corpus = corpus_of(*entries)
    batch = []
    for i in range(500):
        planted = entries[i * 13] if i < 25 else None
        summary = text(200) + (f" {planted.title} {planted.description}" if planted else "")
        title = planted.title if planted else text(6)
        sections = {"summary": summary, "novelty": text(100)}
        batch.append(make(f"p{i:04d}", title=title, sections=sections))
    start = time.perf_counter()
    result = measure_novelty(batch, corpus, SETTINGS)
    elapsed = time.perf_counter() - start
    closest = [next(n for n in result[f"p{i:04d}"].nearest if n.kind == "prior") for i in range(25)]
    assert [n.id for n in closest] == [f"c{i * 13:05d}" for i in range(25)]
    assert elapsed < 10.0


def test_a_neighbour_known_only_by_an_award_of_the_calls_year_says_so() -> None:
    text = "Antrean pasien puskesmas daring lewat aplikasi dengan nomor antrean dan notifikasi."
    awarded = entry("antrean-2022", "Antrean Daring", text, year=2022)
    launched = PriorInnovation(
        **{**awarded.model_dump(), "id": "antrean-sejak-2019", "since": 2019}
    )
    older = entry("antrean-2020", "Antrean Daring", text, year=2020)
    corpus = corpus_of(awarded, launched, older).until(CALL_CUTOFF)
    proposal = make("antrean", title="Antrean Daring Puskesmas", sections={"summary": text})

    measure = measure_novelty([proposal], corpus, SETTINGS, cutoff=CALL_CUTOFF)["antrean"]

    marked = {n.id: n.same_year_as_call for n in measure.nearest if n.kind == "prior"}
    assert marked == {"antrean-2022": True, "antrean-sejak-2019": False, "antrean-2020": False}
    assert not any(
        n.same_year_as_call
        for n in measure_novelty([proposal], corpus, SETTINGS)["antrean"].nearest
    )  # without the call's cut-off nothing is marked


def test_index_is_given_again_from_memory_while_its_file_stays_as_it_was(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(caching, "SETTLED_NS", 0)  # a file written long ago
    monkeypatch.setattr(similarity, "_LAST_INDEX", {})
    corpus = load_corpus()
    built = CorpusIndex.cached(tmp_path, corpus)
    assert CorpusIndex.cached(tmp_path, corpus) is built  # a run again in this process
    path = tmp_path / f"corpus-index-{built.key}.npz"
    path.write_bytes(path.read_bytes()[:100])  # damaged since: read, then built again
    again = CorpusIndex.cached(tmp_path, corpus)
    assert again is not built
    assert (again.counts != built.counts).nnz == 0
    assert CorpusIndex.cached(tmp_path / "other", corpus) is not again  # another cache folder


def test_index_just_written_is_read_from_its_file_next_time(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(similarity, "_LAST_INDEX", {})
    corpus = load_corpus()
    built = CorpusIndex.cached(tmp_path, corpus)
    # written less than two seconds ago: a change made now could keep its size and times
    assert CorpusIndex.cached(tmp_path, corpus) is not built
