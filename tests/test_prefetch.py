"""Reading the inputs while the embedded server starts: the first stages of the pipeline run
ahead, and their results are handed over only when nothing changed."""

from __future__ import annotations

import os
from pathlib import Path

from builders import proposal_data, write_yaml

from kipp import pipeline
from kipp.intake import Batch, Limits, ParseCache
from kipp.measures.corpus import Corpus, load_corpus
from kipp.measures.similarity import CorpusIndex
from kipp.pipeline import PIPELINE
from kipp.rubric import LoadedRubric, load_rubric
from kipp_app.flows import prefetch


def fill(folder: Path) -> Path:
    write_yaml(folder, "a.yaml", proposal_data(id="a", title="Satu"))
    return write_yaml(folder, "b.yaml", proposal_data(id="b", title="Dua"))


def given(folder: Path, **more: object) -> dict[str, object]:
    """What `kipp run` gives the pipeline (and the read ahead), with `more`."""
    return {
        "batch_folder": folder,
        "rubric_path": None,
        "corpus_path": None,
        "parse_cache": ParseCache(),
        **more,
    }


def take_first_stages(values: dict[str, object]) -> dict[str, object]:
    """The stages up to the batch and the index, each taken from the read ahead when it can
    be (as the flow's runner does); what was taken is marked in `taken`."""
    taken: list[str] = []

    def runner(stage: pipeline.Stage, inputs: object) -> object:
        found = prefetch.take(stage, inputs)  # type: ignore[arg-type]
        if found is not None:
            taken.append(stage.name)
            return found.value
        return pipeline.call(stage, inputs)  # type: ignore[arg-type]

    done = pipeline.run(("batch", "index"), values, runner)
    return done | {"taken": taken}


def test_read_ahead_hands_over_every_first_stage_as_the_run_would_compute_it(
    batch_dir: Path,
) -> None:
    fill(batch_dir)
    values = given(batch_dir)
    prefetch.start(values)
    done = take_first_stages(values)
    assert done["taken"] == ["rubric", "corpus", "batch", "prior_art", "index"]
    batch, rubric = done["batch"], done["rubric"]
    assert isinstance(batch, Batch) and isinstance(rubric, LoadedRubric)
    assert batch.intake == pipeline.run(("batch",), given(batch_dir))["batch"].intake  # type: ignore[attr-defined]
    prior_art = done["prior_art"]
    index = done["index"]
    assert isinstance(prior_art, Corpus) and isinstance(index, CorpusIndex)
    assert prior_art == load_corpus(None).until(load_rubric().rubric.call.prior_art_cutoff)
    assert index.key == CorpusIndex.build(prior_art).key


def test_read_ahead_is_handed_over_once(batch_dir: Path) -> None:
    fill(batch_dir)
    values = given(batch_dir)
    prefetch.start(values)
    assert take_first_stages(values)["taken"] != []
    assert take_first_stages(values)["taken"] == []


def test_a_file_changed_after_the_read_began_is_read_again(batch_dir: Path) -> None:
    second = fill(batch_dir)
    values = given(batch_dir)
    prefetch.start(values)
    prefetch._reads["batch"].result(timeout=120)  # read ahead, then the file changes
    write_yaml(batch_dir, "b.yaml", proposal_data(id="b", title="Dua, diubah"))
    stat = second.stat()
    os.utime(second, ns=(stat.st_atime_ns, stat.st_mtime_ns + 1_000_000))
    done = take_first_stages(values)
    assert "batch" not in done["taken"]
    batch = done["batch"]
    assert isinstance(batch, Batch)
    assert [e.title for e in batch.intake.entries] == ["Satu", "Dua, diubah"]


def test_a_stage_given_other_inputs_is_not_served_from_the_read_ahead(
    batch_dir: Path, tmp_path: Path
) -> None:
    fill(batch_dir)
    prefetch.start(given(batch_dir))
    other = tmp_path / "other"
    fill(other)
    assert "batch" not in take_first_stages(given(other))["taken"]
    values = given(batch_dir)
    prefetch.start(values)
    assert "batch" not in take_first_stages(values | {"limits": Limits(max_rows=5)})["taken"]


def test_a_missing_folder_or_rubric_is_left_for_the_run_to_report(
    batch_dir: Path, tmp_path: Path
) -> None:
    missing = given(tmp_path / "missing")
    prefetch.start(missing)
    stage = PIPELINE["batch"]
    inputs = {"batch_folder": tmp_path / "missing", "rubric": load_rubric()}
    assert prefetch.take(stage, inputs) is None
    fill(batch_dir)
    broken = given(batch_dir, rubric_path=tmp_path / "no-rubric.yaml")
    prefetch.start(broken)
    assert prefetch.take(PIPELINE["rubric"], {"rubric_path": tmp_path / "no-rubric.yaml"}) is None


def test_an_index_of_another_cut_off_is_not_handed_over(batch_dir: Path) -> None:
    fill(batch_dir)
    prefetch.start(given(batch_dir))
    whole = load_corpus(None)  # the read ahead indexed the corpus up to the call's cut-off
    assert prefetch.take(PIPELINE["index"], {"prior_art": whole}) is None
