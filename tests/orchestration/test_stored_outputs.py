"""A cached stage's output is stored as JSON of the stage's type and read back equal to the
output stored; a value JSON cannot hold is pickled instead, so storing never fails a run."""

from __future__ import annotations

import json
import threading
from pathlib import Path

import pytest
from builders import run_stages
from prefect._internal.result_records import ResultRecord
from prefect.serializers import Serializer

from kipp.measures.novelty import Neighbour, NoveltyMeasure
from kipp_app.flows import stored
from kipp_app.flows.run import RunParameters, kipp_run
from kipp_app.flows.stored import JSON_MARK, PICKLE_MARK, StageOutputSerializer

SAMPLE = Path(__file__).resolve().parents[2] / "submissions" / "mojokerto-2022"


def _novelty() -> dict[str, NoveltyMeasure]:
    found: dict[str, NoveltyMeasure] = run_stages("novelty", batch_folder=SAMPLE)["novelty"]  # type: ignore[assignment]
    return found


def test_the_novelty_measures_are_stored_as_json_and_read_back_equal() -> None:
    measures = _novelty()
    serializer = StageOutputSerializer(stage="novelty")

    blob = serializer.dumps(measures)
    back = serializer.loads(blob)

    assert blob.startswith(JSON_MARK)
    assert json.loads(blob[1:]).keys() == measures.keys()
    assert back == measures
    assert len(measures) > 10 and sum(len(m.nearest) for m in measures.values()) > 50
    assert all(isinstance(m, NoveltyMeasure) for m in back.values())


def test_a_value_json_cannot_hold_is_pickled_and_read_back_equal() -> None:
    # a title with the byte of a name that was not text (a lone surrogate)
    neighbour = Neighbour(
        kind="batch", id="p-1", title="Nama\udcff", agency="Dinas", year=None, similarity=0.5
    )
    measures = {
        "p-2": NoveltyMeasure(
            score=0.5,
            max_prior_similarity=0.0,
            max_batch_similarity=0.5,
            nearest=[neighbour],
            flags=[neighbour],
        )
    }
    serializer = StageOutputSerializer(stage="novelty")

    blob = serializer.dumps(measures)

    assert blob.startswith(PICKLE_MARK)
    assert serializer.loads(blob) == measures


def test_bytes_that_are_no_stored_output_are_refused() -> None:
    with pytest.raises(ValueError, match="not a stored output of stage novelty"):
        StageOutputSerializer(stage="novelty").loads(b"\x80\x05garbage")


def test_prefect_reads_the_record_back_with_the_serializer_it_names() -> None:
    measures = _novelty()
    record = ResultRecord(
        metadata={"serializer": StageOutputSerializer(stage="novelty"), "storage_key": "k"},
        result=measures,
    )

    stored = record.serialize()
    back = ResultRecord.deserialize(stored)

    assert json.loads(stored)["metadata"]["serializer"] == {
        "type": "kipp-stage-output",
        "stage": "novelty",
    }
    assert isinstance(Serializer(type="kipp-stage-output", stage="novelty"), StageOutputSerializer)
    assert back.result == measures


def _stored_after_a_run(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, out: str) -> Path:
    """The novelty measures' stored record after a run of the sample into `out`, with a
    cache of its own."""
    cache = tmp_path / "cache"
    monkeypatch.setenv("KIPP_CACHE_DIR", str(cache))
    kipp_run(RunParameters(batch=str(SAMPLE), out=str(tmp_path / out)))
    [stored] = list((cache / "prefect-results").glob("kipp-novelty-*"))
    return stored


def test_a_run_stores_its_novelty_measures_as_json(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    stored = _stored_after_a_run(tmp_path, monkeypatch, "out")

    record = json.loads(stored.read_bytes())
    assert record["metadata"]["serializer"]["type"] == "kipp-stage-output"
    assert record["result"].startswith("J{")
    assert ResultRecord.deserialize(stored.read_bytes()).result == _novelty()


@pytest.mark.slow
def test_a_stored_record_cut_short_is_computed_again(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    stored = _stored_after_a_run(tmp_path, monkeypatch, "first")
    whole = stored.read_bytes()
    stored.write_bytes(whole[: len(whole) // 2])

    kipp_run(RunParameters(batch=str(SAMPLE), out=str(tmp_path / "second")))

    assert stored.read_bytes() == whole  # computed again and stored whole
    first = json.loads((tmp_path / "first" / "results.json").read_text(encoding="utf-8"))
    second = json.loads((tmp_path / "second" / "results.json").read_text(encoding="utf-8"))
    assert [p["novelty"] for p in second["proposals"]] == [p["novelty"] for p in first["proposals"]]


def test_the_same_stored_bytes_read_twice_in_a_row_are_read_once() -> None:
    measures = _novelty()
    serializer = StageOutputSerializer(stage="novelty")
    blob = serializer.dumps(measures)
    stored.forget("novelty")  # whatever an earlier read left

    first = serializer.loads(blob)
    # Prefect builds a serializer for each read of a record: another instance, same stage
    second = StageOutputSerializer(stage="novelty").loads(blob)
    third = serializer.loads(blob)

    assert second is first  # the existence check's value, taken by the read that follows
    assert third is not first and third == first  # held for one more read only
    stored.forget("novelty")


def _measures(proposal: str) -> dict[str, NoveltyMeasure]:
    return {
        proposal: NoveltyMeasure(
            score=0.5, max_prior_similarity=0.0, max_batch_similarity=0.0, nearest=[], flags=[]
        )
    }


def test_a_value_read_in_one_thread_is_not_handed_to_another() -> None:
    serializer = StageOutputSerializer(stage="novelty")
    stored.forget("novelty")
    blob = serializer.dumps(_measures("p-1"))
    first = serializer.loads(blob)
    there: list[object] = []

    thread = threading.Thread(target=lambda: there.append(serializer.loads(blob)))
    thread.start()
    thread.join()

    assert there[0] == first and there[0] is not first  # read there itself
    assert serializer.loads(blob) is first  # still held for this thread's read
    stored.forget("novelty")
    assert stored._read_last == {}  # every thread's value let go


def test_other_bytes_are_read_and_a_forgotten_value_is_read_again() -> None:
    serializer = StageOutputSerializer(stage="novelty")
    stored.forget("novelty")  # whatever an earlier read left
    one = serializer.dumps(_measures("p-1"))
    other = serializer.dumps(_measures("p-2"))

    first = serializer.loads(one)
    assert serializer.loads(other) == _measures("p-2")  # not what was held
    again = serializer.loads(one)
    stored.forget("novelty")

    assert again == first and again is not first
    assert serializer.loads(one) is not again  # let go by `forget`
    stored.forget("novelty")


@pytest.mark.slow
def test_a_cache_hit_reads_the_stored_novelty_measures_once_and_keeps_nothing(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    _stored_after_a_run(tmp_path, monkeypatch, "first")
    reads: list[int] = []
    read = StageOutputSerializer._read

    def counted(self: StageOutputSerializer[object], blob: bytes) -> object:
        reads.append(len(blob))
        return read(self, blob)

    monkeypatch.setattr(StageOutputSerializer, "_read", counted)

    kipp_run(RunParameters(batch=str(SAMPLE), out=str(tmp_path / "second")))

    assert len(reads) == 1  # Prefect's existence check; its read took the same value
    assert stored._read_last == {}  # nothing held once the run is over
    first = json.loads((tmp_path / "first" / "results.json").read_text(encoding="utf-8"))
    second = json.loads((tmp_path / "second" / "results.json").read_text(encoding="utf-8"))
    assert [p["novelty"] for p in second["proposals"]] == [p["novelty"] for p in first["proposals"]]
