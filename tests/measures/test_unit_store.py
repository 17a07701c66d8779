"""The units of each chunk of proposals are kept on disk by content: read back they are the
units found, the chunks not stored are found together, a damaged file is found again, and
novelty is the same with them as without."""

from __future__ import annotations

from functools import cache
from pathlib import Path

import pytest

from kipp.core.models import Proposal
from kipp.intake.folder import load_batch
from kipp.measures import documents
from kipp.measures.corpus import load_corpus
from kipp.measures.documents import UnitStore, proposal_units
from kipp.measures.novelty import measure_novelty
from kipp.measures.similarity import CorpusIndex
from kipp.rubric import load_rubric

SAMPLE = Path(__file__).resolve().parents[2] / "submissions" / "mojokerto-2022"
SETTINGS = load_rubric().rubric.measures.novelty


@cache
def proposals() -> tuple[Proposal, ...]:
    batch = load_batch(SAMPLE, load_rubric().rubric.call.choices())
    return tuple(e.proposal for e in batch.intake.valid if e.proposal is not None)


def test_units_read_back_are_the_units_found(tmp_path: Path) -> None:
    found = [proposal_units(p) for p in proposals()]
    first = UnitStore(tmp_path, salt="v1")
    again = UnitStore(tmp_path, salt="v1")

    assert first.units(proposals()) == found
    assert again.units(proposals()) == found
    assert (first.hits, first.misses, again.hits, again.misses) == (0, 1, 1, 0)
    assert sum(len(own) for own in found) > 50  # units with words, and without: read back


def test_an_edited_proposal_finds_only_its_own_chunk_again(tmp_path: Path) -> None:
    one, two, *rest = proposals()
    store = UnitStore(tmp_path, salt="v1")
    store.units([one, two])
    store.units(rest)
    edited = rest[0].model_copy(update={"title": rest[0].title + " Plus"})

    store.units([one, two])
    store.units([edited, *rest[1:]])

    assert (store.hits, store.misses) == (1, 3)


def test_a_damaged_units_file_is_found_again(tmp_path: Path) -> None:
    UnitStore(tmp_path, salt="v1").units(proposals())
    (stored,) = tmp_path.glob("units-*.json")
    for damage in (b"", b'{"units": 1}', b"[[1, 2]]", stored.read_bytes()[:-40]):
        stored.write_bytes(damage)
        store = UnitStore(tmp_path, salt="v1")

        assert store.units(proposals()) == [proposal_units(p) for p in proposals()]
        assert store.misses == 1


def test_another_code_version_does_not_read_the_units(tmp_path: Path) -> None:
    UnitStore(tmp_path, salt="v1").units(proposals())
    store = UnitStore(tmp_path, salt="v2")

    store.units(proposals())

    assert (store.hits, store.misses) == (0, 1)
    assert len(list(tmp_path.glob("units-*.json"))) == 2


def test_novelty_with_stored_units_is_novelty_without(tmp_path: Path) -> None:
    corpus = load_corpus()
    index = CorpusIndex.build(corpus)
    plain = measure_novelty(proposals(), corpus, SETTINGS, index=index)

    stored = [
        measure_novelty(proposals(), corpus, SETTINGS, index=index, words=UnitStore(tmp_path, "v"))
        for _ in range(2)  # the units found, then read back
    ]

    assert stored == [plain, plain]


def test_the_chunks_not_stored_are_found_together_and_each_stored(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    one, two, three, *rest = proposals()
    UnitStore(tmp_path, salt="v1").units([two])
    asked: list[int] = []
    real = documents.units_of

    def counted(texts: list[list[str]], workers: int | None = None) -> list[list[str]]:
        asked.append(len(texts))
        return real(texts, workers)

    monkeypatch.setattr(documents, "units_of", counted)
    store = UnitStore(tmp_path, salt="v1")

    every = store.chunks([[one], [two], [three, *rest]])

    assert every == [proposal_units(p) for p in proposals()]
    assert (store.hits, store.misses, asked) == (1, 2, [len(proposals()) - 1])
    again = UnitStore(tmp_path, salt="v1")
    assert again.chunks([[one], [two], [three, *rest]]) == every
    assert (again.hits, again.misses) == (3, 0)
