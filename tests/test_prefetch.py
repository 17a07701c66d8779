"""Reading the batch while the embedded server starts: handed over only when nothing changed."""

from __future__ import annotations

import os
from pathlib import Path

from builders import proposal_data, write_yaml

from flows import prefetch
from kipp.corpus import load_corpus
from kipp.intake import Limits, load_batch
from kipp.measures.similarity import CorpusIndex
from kipp.models import CallChoices
from kipp.rubric import load_rubric

INDEX = Path(os.environ["KIPP_CACHE_DIR"]) / "corpus-index"


def fill(folder: Path) -> Path:
    write_yaml(folder, "a.yaml", proposal_data(id="a", title="Satu"))
    return write_yaml(folder, "b.yaml", proposal_data(id="b", title="Dua"))


def test_batch_read_ahead_is_the_batch_the_task_would_read(
    batch_dir: Path, choices: CallChoices
) -> None:
    fill(batch_dir)
    prefetch.start(str(batch_dir), None, None, INDEX)
    taken = prefetch.take_batch(str(batch_dir), choices, Limits())
    assert taken == load_batch(batch_dir, choices, Limits())


def test_read_ahead_is_handed_over_once(batch_dir: Path, choices: CallChoices) -> None:
    fill(batch_dir)
    prefetch.start(str(batch_dir), None, None, INDEX)
    assert prefetch.take_batch(str(batch_dir), choices, Limits()) is not None
    assert prefetch.take_batch(str(batch_dir), choices, Limits()) is None


def test_a_file_changed_after_the_read_began_is_read_again(
    batch_dir: Path, choices: CallChoices
) -> None:
    second = fill(batch_dir)
    prefetch.start(str(batch_dir), None, None, INDEX)
    write_yaml(batch_dir, "b.yaml", proposal_data(id="b", title="Dua, diubah"))
    stat = second.stat()
    os.utime(second, ns=(stat.st_atime_ns, stat.st_mtime_ns + 1_000_000))
    assert prefetch.take_batch(str(batch_dir), choices, Limits()) is None


def test_other_inputs_are_not_served_from_the_read_ahead(
    batch_dir: Path, choices: CallChoices, tmp_path: Path
) -> None:
    fill(batch_dir)
    prefetch.start(str(batch_dir), None, None, INDEX)
    assert prefetch.take_batch(str(tmp_path / "other"), choices, Limits()) is None
    prefetch.start(str(batch_dir), None, None, INDEX)
    assert prefetch.take_batch(str(batch_dir), choices, Limits(max_rows=5)) is None


def test_a_missing_folder_or_rubric_is_left_for_the_task_to_report(
    batch_dir: Path, choices: CallChoices, tmp_path: Path
) -> None:
    prefetch.start(str(tmp_path / "missing"), None, None, INDEX)
    assert prefetch.take_batch(str(tmp_path / "missing"), choices, Limits()) is None
    fill(batch_dir)
    prefetch.start(str(batch_dir), str(tmp_path / "no-rubric.yaml"), None, INDEX)
    assert prefetch.take_batch(str(batch_dir), choices, Limits()) is None


def test_corpus_and_its_index_are_read_ahead_too(batch_dir: Path, choices: CallChoices) -> None:
    fill(batch_dir)
    prefetch.start(str(batch_dir), None, None, INDEX)
    corpus = prefetch.take_corpus(None)
    assert corpus == load_corpus(None)
    assert prefetch.take_corpus(None) is None  # once
    prior_art = corpus.until(load_rubric().rubric.call.prior_art_cutoff)
    index = prefetch.take_index(prior_art)
    assert index is not None and index.key == CorpusIndex.build(prior_art).key


def test_index_of_another_cut_off_is_not_handed_over(batch_dir: Path) -> None:
    fill(batch_dir)
    prefetch.start(str(batch_dir), None, None, INDEX)
    whole = load_corpus(None)
    assert prefetch.take_index(whole) is None  # started for the rubric's cut-off corpus
