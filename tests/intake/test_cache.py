"""Reading a batch folder again parses only what changed, and gives the very same batch."""

from __future__ import annotations

import errno
import hashlib
import os
import pickle
import shutil
from pathlib import Path
from typing import Any

import pytest
from builders import (
    DROP,
    FORM_HEADERS,
    form_row,
    load,
    proposal_data,
    write_bytes,
    write_csv,
    write_json,
    write_md,
    write_xlsx,
    write_yaml,
)

from kipp.core.caching import model_digest
from kipp.core.models import CallChoices, Proposal
from kipp.intake import Intake, Limits, ParseCache, parsing, read_proposals
from kipp.intake import cache as intake_cache
from kipp.intake import proposals as proposals_module

SAMPLES = Path(__file__).resolve().parents[2] / "submissions" / "mojokerto-2022"


@pytest.fixture
def cache(tmp_path: Path) -> ParseCache:
    """A cache of its own for the test."""
    return ParseCache(tmp_path / "cache")


def mixed_batch(folder: Path) -> int:
    """A batch of every kind of file: each format, an invalid proposal, an unsupported file,
    an unreadable one, a repeated id, a repeated title and a file-level notice. Returns the
    number of files that are parsed (and so cached)."""
    write_yaml(folder, "a-gayatri.yaml", proposal_data(id="ppdb", title="Gayatri Dinkes"))
    write_yaml(folder, "b-ppdb.yaml", proposal_data(id="ppdb", title="PPDB Online"))
    write_json(folder, "c-magis.json", proposal_data(title="MAGIS", sdgs=19))
    write_md(folder, "dinkes/si-mapan.md", proposal_data(title="Si Mapan RSUD", sections=DROP))
    write_csv(
        folder,
        "form.csv",
        [["Cap waktu", *FORM_HEADERS], ["x", *form_row("E-Surat")], ["y", *form_row("Lapor")]],
    )
    write_xlsx(folder, "ekspor.xlsx", [FORM_HEADERS, form_row("ppdb online"), form_row("Sigap")])
    write_bytes(folder, "lama.yaml", "judul: Layanan Kesehatan Keliling caf\xe9\n".encode("cp1252"))
    write_bytes(folder, "surat.docx", b"PK\x03\x04")
    write_bytes(folder, "biner.yaml", b"\x00\x01\x02 not text")
    return 7 + 1  # seven proposals' files and the binary one, which is looked up but unread


def dumped(batch: Intake) -> dict[str, Any]:
    return batch.model_dump()


def test_a_cached_read_gives_the_same_batch_as_an_uncached_one_cold_and_warm(
    batch_dir: Path, choices: CallChoices, cache: ParseCache
) -> None:
    looked_up = mixed_batch(batch_dir)
    plain = dumped(load(batch_dir, choices))
    cold = read_proposals(batch_dir, choices, cache=cache)
    assert (cache.hits, cache.misses) == (0, looked_up)
    warm = read_proposals(batch_dir, choices, cache=cache)
    assert (cache.hits, cache.misses) == (looked_up - 1, 1)  # the unread file is read again
    assert dumped(cold) == plain
    assert dumped(warm) == plain
    assert [e.status for e in warm.entries] == [e.status for e in cold.entries]
    assert warm.problems() == cold.problems()


def test_the_sample_submissions_read_the_same_from_the_cache(
    tmp_path: Path, choices: CallChoices, cache: ParseCache
) -> None:
    folder = tmp_path / "mojokerto-2022"
    shutil.copytree(SAMPLES, folder)
    plain = dumped(load(folder, choices))
    assert dumped(read_proposals(folder, choices, cache=cache)) == plain
    assert dumped(read_proposals(folder, choices, cache=cache)) == plain
    assert cache.misses == 0
    assert cache.hits > 0


def test_an_edited_file_is_parsed_again_and_the_others_come_from_the_cache(
    batch_dir: Path, choices: CallChoices, cache: ParseCache
) -> None:
    for name in "abcde":
        write_yaml(batch_dir, f"{name}.yaml", proposal_data(title=f"Inovasi {name.upper()}"))
    read_proposals(batch_dir, choices, cache=cache)
    write_yaml(batch_dir, "c.yaml", proposal_data(title="Inovasi C", digital="?"))
    batch = read_proposals(batch_dir, choices, cache=cache)
    assert (cache.hits, cache.misses) == (4, 1)
    assert dumped(batch) == dumped(load(batch_dir, choices))
    assert [e.problems[0].field for e in batch.entries if e.problems] == ["digital"]


def test_a_renamed_file_is_parsed_again_under_its_new_name(
    batch_dir: Path, choices: CallChoices, cache: ParseCache
) -> None:
    old = write_yaml(batch_dir, "lama.yaml", proposal_data())
    read_proposals(batch_dir, choices, cache=cache)
    old.rename(batch_dir / "baru.yaml")
    batch = read_proposals(batch_dir, choices, cache=cache)
    assert (cache.hits, cache.misses) == (0, 1)
    assert [(e.id, e.path) for e in batch.entries] == [("baru", str(batch_dir / "baru.yaml"))]


def test_repeated_ids_and_titles_are_reported_once_each_on_every_cached_read(
    batch_dir: Path, choices: CallChoices, cache: ParseCache
) -> None:
    write_yaml(batch_dir, "a.yaml", proposal_data(id="ppdb", title="PPDB Online"))
    write_json(batch_dir, "b.json", proposal_data(id="ppdb", title="ppdb  online"))
    expected = dumped(load(batch_dir, choices))
    for _ in range(3):
        batch = read_proposals(batch_dir, choices, cache=cache)
        assert [[p.field for p in e.problems] for e in batch.entries] == [
            ["id", "title"],
            ["id", "title"],
        ]
        assert dumped(batch) == expected
    assert (cache.hits, cache.misses) == (2, 0)


def test_removing_one_of_two_duplicates_clears_the_problem_from_the_other(
    batch_dir: Path, choices: CallChoices, cache: ParseCache
) -> None:
    write_yaml(batch_dir, "a.yaml", proposal_data(id="ppdb", title="PPDB Online"))
    second = write_yaml(batch_dir, "b.yaml", proposal_data(id="ppdb", title="PPDB Online"))
    read_proposals(batch_dir, choices, cache=cache)
    second.unlink()
    batch = read_proposals(batch_dir, choices, cache=cache)
    assert (cache.hits, cache.misses) == (1, 0)
    assert [e.problems for e in batch.entries] == [[]]
    assert dumped(batch) == dumped(load(batch_dir, choices))


def test_other_choices_parse_every_file_again(
    batch_dir: Path, choices: CallChoices, cache: ParseCache
) -> None:
    mixed_batch(batch_dir)
    read_proposals(batch_dir, choices, cache=cache)
    fewer = CallChoices(groups=choices.groups, categories=("inklusif", "ketahanan"))
    batch = read_proposals(batch_dir, fewer, cache=cache)
    assert cache.hits == 0
    assert dumped(batch) == dumped(load(batch_dir, fewer))
    assert dumped(batch) != dumped(load(batch_dir, choices))  # `tpb` is no longer a category


def test_the_same_choices_in_a_list_or_a_tuple_are_the_same_choices(
    batch_dir: Path, choices: CallChoices, cache: ParseCache
) -> None:
    write_yaml(batch_dir, "a.yaml", proposal_data())
    read_proposals(batch_dir, choices, cache=cache)
    read_proposals(
        batch_dir, CallChoices(list(choices.groups), list(choices.categories)), cache=cache
    )
    assert (cache.hits, cache.misses) == (1, 0)


def test_other_limits_parse_every_file_again(
    batch_dir: Path, choices: CallChoices, cache: ParseCache
) -> None:
    write_yaml(batch_dir, "a.yaml", proposal_data())
    write_csv(batch_dir, "form.csv", [FORM_HEADERS, *(form_row(f"Inovasi {n}") for n in "abcd")])
    read_proposals(batch_dir, choices, cache=cache)
    fewer_rows = Limits(max_rows=3)
    batch = read_proposals(batch_dir, choices, fewer_rows, cache=cache)
    assert (cache.hits, cache.misses) == (0, 2)
    assert dumped(batch) == dumped(load(batch_dir, choices, fewer_rows))
    assert dumped(batch) != dumped(load(batch_dir, choices))  # four rows are over max_rows=3


def test_a_file_that_ends_unread_is_read_again_every_time(
    batch_dir: Path, choices: CallChoices, cache: ParseCache
) -> None:
    write_bytes(batch_dir, "biner.yaml", b"\x00\x01\x02")
    first = read_proposals(batch_dir, choices, cache=cache)
    second = read_proposals(batch_dir, choices, cache=cache)
    assert (cache.hits, cache.misses) == (0, 1)
    assert dumped(second) == dumped(first)
    assert [u.path for u in second.unread] == [str(batch_dir / "biner.yaml")]


def test_a_file_changed_back_is_parsed_again_as_only_the_latest_read_is_kept(
    batch_dir: Path, choices: CallChoices, cache: ParseCache
) -> None:
    write_yaml(batch_dir, "a.yaml", proposal_data(title="Inovasi Pertama"))
    write_yaml(batch_dir, "b.yaml", proposal_data(title="Inovasi Kedua"))
    read_proposals(batch_dir, choices, cache=cache)
    write_yaml(batch_dir, "a.yaml", proposal_data(title="Inovasi Berubah"))
    read_proposals(batch_dir, choices, cache=cache)
    write_yaml(batch_dir, "a.yaml", proposal_data(title="Inovasi Pertama"))
    read_proposals(batch_dir, choices, cache=cache)
    assert (cache.hits, cache.misses) == (1, 1)


def test_an_unchanged_batch_leaves_the_cache_file_as_it_was(
    batch_dir: Path, choices: CallChoices, cache: ParseCache
) -> None:
    mixed_batch(batch_dir)
    read_proposals(batch_dir, choices, cache=cache)
    before = cache.file_for(batch_dir).stat()
    read_proposals(batch_dir, choices, cache=cache)
    after = cache.file_for(batch_dir).stat()
    assert (after.st_ino, after.st_mtime_ns) == (before.st_ino, before.st_mtime_ns)


def test_the_cache_file_is_named_by_the_folder_under_the_cache_dir(
    tmp_path: Path, choices: CallChoices, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("KIPP_CACHE_DIR", str(tmp_path / "cache"))
    first, second = tmp_path / "satu", tmp_path / "dua"
    for folder in (first, second):
        write_yaml(folder, "a.yaml", proposal_data())
    cache = ParseCache()
    for folder in (first, second):
        read_proposals(folder, choices, cache=cache)
    files = sorted((tmp_path / "cache" / "intake").iterdir())
    assert sorted([cache.file_for(first), cache.file_for(second)]) == files
    assert [f.name[:6] for f in files] == ["batch-", "batch-"]
    monkeypatch.chdir(tmp_path)
    assert cache.file_for(Path("satu")) == cache.file_for(first)


def test_without_a_cache_nothing_is_written(
    tmp_path: Path, batch_dir: Path, choices: CallChoices, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("KIPP_CACHE_DIR", str(tmp_path / "cache"))
    mixed_batch(batch_dir)
    read_proposals(batch_dir, choices)
    assert not (tmp_path / "cache").exists()


def valid_store(folder: Path, choices: CallChoices, cache: ParseCache) -> dict[str, bytes]:
    read_proposals(folder, choices, cache=cache)
    with open(cache.file_for(folder), "rb") as handle:
        magic, version, results = pickle.load(handle)
    assert (magic, version) == ("kipp-intake-cache", intake_cache.FORMAT_VERSION)
    assert isinstance(results, dict)
    return results


class MakesAFolder:
    """Unpickled, it makes a folder: what a doctored cache file would do."""

    def __init__(self, path: Path) -> None:
        self.path = path

    def __reduce__(self) -> tuple[Any, ...]:
        return (os.mkdir, (str(self.path),))


@pytest.mark.parametrize(
    "damage",
    ["garbage", "empty", "truncated", "another version", "not a dict", "doctored result"],
)
def test_a_damaged_cache_file_is_an_empty_cache(
    tmp_path: Path, batch_dir: Path, choices: CallChoices, cache: ParseCache, damage: str
) -> None:
    looked_up = mixed_batch(batch_dir)
    results = valid_store(batch_dir, choices, cache)
    path = cache.file_for(batch_dir)
    sentinel = tmp_path / "made-by-the-cache-file"
    if damage == "garbage":
        path.write_bytes(b"this is not a pickle\n")
    elif damage == "empty":
        path.write_bytes(b"")
    elif damage == "truncated":
        path.write_bytes(path.read_bytes()[:-100])
    elif damage == "another version":
        path.write_bytes(pickle.dumps(("kipp-intake-cache", intake_cache.FORMAT_VERSION + 1, {})))
    elif damage == "not a dict":
        path.write_bytes(pickle.dumps(("kipp-intake-cache", intake_cache.FORMAT_VERSION, [1])))
    else:
        doctored = {key: pickle.dumps(MakesAFolder(sentinel)) for key in results}
        path.write_bytes(pickle.dumps(("kipp-intake-cache", intake_cache.FORMAT_VERSION, doctored)))
    batch = read_proposals(batch_dir, choices, cache=cache)
    assert (cache.hits, cache.misses) == (0, looked_up)
    assert dumped(batch) == dumped(load(batch_dir, choices))
    assert not sentinel.exists()
    read_proposals(batch_dir, choices, cache=cache)  # written again, whole
    assert (cache.hits, cache.misses) == (looked_up - 1, 1)


def test_a_cache_file_that_cannot_be_read_is_an_empty_cache(
    batch_dir: Path, choices: CallChoices, cache: ParseCache
) -> None:
    looked_up = mixed_batch(batch_dir)
    cache.file_for(batch_dir).mkdir(parents=True)  # a folder where the file should be
    batch = read_proposals(batch_dir, choices, cache=cache)
    assert (cache.hits, cache.misses) == (0, looked_up)
    assert dumped(batch) == dumped(load(batch_dir, choices))


def test_a_cache_that_cannot_be_written_still_gives_the_right_batch(
    tmp_path: Path, batch_dir: Path, choices: CallChoices
) -> None:
    looked_up = mixed_batch(batch_dir)
    blocker = write_bytes(tmp_path, "a-file", b"")  # so the cache folder cannot be made
    cache = ParseCache(blocker / "intake")
    for _ in range(2):
        batch = read_proposals(batch_dir, choices, cache=cache)
        assert (cache.hits, cache.misses) == (0, looked_up)
        assert dumped(batch) == dumped(load(batch_dir, choices))


def test_a_full_disk_leaves_the_cache_file_as_it_was_and_no_temporary_file(
    batch_dir: Path, choices: CallChoices, cache: ParseCache, monkeypatch: pytest.MonkeyPatch
) -> None:
    write_yaml(batch_dir, "a.yaml", proposal_data(title="Inovasi Pertama"))
    write_yaml(batch_dir, "b.yaml", proposal_data(title="Inovasi Kedua"))
    read_proposals(batch_dir, choices, cache=cache)
    before = cache.file_for(batch_dir).read_bytes()

    def full(*args: object) -> None:
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(os, "replace", full)
    write_yaml(batch_dir, "a.yaml", proposal_data(title="Inovasi Berubah"))
    batch = read_proposals(batch_dir, choices, cache=cache)
    assert (cache.hits, cache.misses) == (1, 1)
    assert dumped(batch) == dumped(load(batch_dir, choices))
    assert cache.file_for(batch_dir).read_bytes() == before
    assert sorted(p.name for p in cache.directory.iterdir()) == [cache.file_for(batch_dir).name]


def test_a_result_that_cannot_be_pickled_is_not_cached(
    batch_dir: Path, choices: CallChoices, cache: ParseCache, monkeypatch: pytest.MonkeyPatch
) -> None:
    write_yaml(batch_dir, "a.yaml", proposal_data())

    def refuse(*args: object, **kwargs: object) -> None:
        raise RecursionError("maximum recursion depth exceeded while pickling an object")

    monkeypatch.setattr(pickle, "dumps", refuse)
    batch = read_proposals(batch_dir, choices, cache=cache)
    assert dumped(batch) == dumped(load(batch_dir, choices))
    monkeypatch.undo()
    read_proposals(batch_dir, choices, cache=cache)
    assert (cache.hits, cache.misses) == (0, 1)


@pytest.mark.parametrize("workers", [1, 2])
def test_a_read_hands_on_each_proposals_digest_computed_where_it_was_parsed(
    batch_dir: Path,
    choices: CallChoices,
    cache: ParseCache,
    workers: int,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(parsing, "POOL_AFTER", 0)  # two workers for this small batch
    monkeypatch.setattr(parsing, "JOB_FILES", 2)
    pools: list[parsing.ParsePool] = []

    class Counted(parsing.ParsePool):
        def __enter__(self) -> parsing.ParsePool:
            pools.append(self)
            return self

    monkeypatch.setattr(proposals_module, "ParsePool", Counted)
    mixed_batch(batch_dir)
    cold = read_proposals(batch_dir, choices, cache=cache, workers=workers)
    assert (pools[0].parsed_by_workers > 0) == (workers > 1)
    warm = read_proposals(batch_dir, choices, cache=cache, workers=workers)
    proposals = [e.proposal for e in warm.entries if e.proposal is not None]
    assert len(proposals) == 7
    expected = [hashlib.sha256(p.model_dump_json().encode()).digest() for p in proposals]

    def serialised(*_: object, **__: object) -> str:  # nothing may be serialised again
        raise AssertionError("a digest was computed again")

    monkeypatch.setattr(Proposal, "model_dump_json", serialised)
    assert [model_digest(p) for p in proposals] == expected
    assert [model_digest(e.proposal) for e in cold.entries if e.proposal] == expected


def test_a_read_without_a_cache_serialises_no_proposal(
    batch_dir: Path, choices: CallChoices, monkeypatch: pytest.MonkeyPatch
) -> None:
    mixed_batch(batch_dir)

    def serialised(*_: object, **__: object) -> str:  # `kipp validate` keys nothing
        raise AssertionError("a proposal was serialised")

    monkeypatch.setattr(Proposal, "model_dump_json", serialised)
    read = read_proposals(batch_dir, choices)
    assert sum(e.proposal is not None for e in read.entries) == 7
