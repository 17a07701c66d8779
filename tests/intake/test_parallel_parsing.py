"""A large batch is parsed by worker processes, and reads exactly as when parsed one file
after another: the same entries, problems, unread files and notices, in folder order; the
parse cache keeps what the workers parsed; a worker that dies costs nothing."""

from __future__ import annotations

import json
from concurrent.futures import Future
from concurrent.futures.process import BrokenProcessPool
from pathlib import Path

import pytest
import yaml
from builders import proposal_data

from kipp.core.models import CallChoices
from kipp.intake import ParseCache, parsing, proposals, read_proposals
from kipp.intake.parsing import FileJob, ParsedFile, ParsePool
from kipp.intake.reading import Limits
from kipp.rubric import load_rubric

CHOICES: CallChoices = load_rubric().rubric.call.choices()


def _batch(folder: Path) -> Path:
    """Twelve files of every kind: valid and invalid YAML, JSON, Markdown, a YAML file
    nested past the depth cap, a repeated id, and a file kipp does not read."""
    folder.mkdir()
    for i in range(5):
        data = proposal_data(title=f"Layanan Nomor {i}", id=f"layanan-{i}")
        (folder / f"a{i}-layanan.yaml").write_text(yaml.safe_dump(data), "utf-8")
    (folder / "b-rusak.yaml").write_text("judul: [\n", "utf-8")
    (folder / "c-json.json").write_text(
        json.dumps(proposal_data(title="Layanan Json", id="layanan-json")), "utf-8"
    )
    (folder / "d-tanpa-tanggal.yaml").write_text(
        yaml.safe_dump({**proposal_data(title="Tanpa Tanggal", id="tanpa"), "started_on": ""}),
        "utf-8",
    )
    (folder / "e-dalam.yaml").write_text("a: " + "[" * 5000 + "]" * 5000 + "\n", "utf-8")
    (folder / "f-catatan.txt").write_text("bukan proposal", "utf-8")
    (folder / "g-sama.yaml").write_text(
        yaml.safe_dump(proposal_data(title="Layanan Nomor 1", id="layanan-1")), "utf-8"
    )
    markdown = "---\n" + yaml.safe_dump(proposal_data(title="Layanan Md", id="layanan-md"))
    (folder / "h-md.md").write_text(markdown + "---\n", "utf-8")
    return folder


@pytest.fixture
def pool_from_the_first_file(monkeypatch: pytest.MonkeyPatch) -> None:
    """Workers for any batch, two files a job: the small batch takes the large batch's path."""
    monkeypatch.setattr(parsing, "POOL_AFTER", 0)
    monkeypatch.setattr(parsing, "JOB_FILES", 2)


@pytest.mark.usefixtures("pool_from_the_first_file")
def test_a_batch_parsed_by_two_workers_reads_as_one_parsed_in_order(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    folder = _batch(tmp_path / "batch")
    pools: list[ParsePool] = []

    class Counted(ParsePool):
        def __enter__(self) -> ParsePool:
            pools.append(self)
            return self

    monkeypatch.setattr(proposals, "ParsePool", Counted)

    alone = read_proposals(folder, CHOICES, workers=1)
    shared = read_proposals(folder, CHOICES, workers=2)

    assert [p.parsed_by_workers for p in pools] == [0, 11]
    assert shared == alone
    assert [e.id for e in shared.entries][:5] == [f"layanan-{i}" for i in range(5)]
    assert [Path(u.path).name for u in shared.unread] == ["f-catatan.txt"]
    assert len(shared.entries) == 11
    assert any(p.field == "id" for e in shared.entries for p in e.problems)  # id repeated


@pytest.mark.usefixtures("pool_from_the_first_file")
def test_the_parse_cache_keeps_what_the_workers_parsed(tmp_path: Path) -> None:
    folder = _batch(tmp_path / "batch")
    cache = ParseCache(tmp_path / "cache")

    first = read_proposals(folder, CHOICES, cache=cache, workers=2)
    parsed = cache.misses
    again = read_proposals(folder, CHOICES, cache=cache, workers=2)

    assert again == first == read_proposals(folder, CHOICES, workers=1)
    assert parsed == 11  # every file read as a proposal file (not the .txt)
    assert (cache.hits, cache.misses) == (11, 0)


class _DeadWorkers:
    """An executor whose worker died: every job fails with BrokenProcessPool."""

    def submit(self, *args: object) -> Future[list[bytes]]:
        failed: Future[list[bytes]] = Future()
        failed.set_exception(BrokenProcessPool("a worker died"))
        return failed

    def shutdown(self, wait: bool, cancel_futures: bool) -> None:
        pass


def test_files_of_a_worker_that_died_are_parsed_here(tmp_path: Path) -> None:
    folder = _batch(tmp_path / "batch")
    jobs = [
        FileJob(suffix=".yaml", raw=file.read_bytes(), shown=str(file), default_id=file.stem)
        for file in sorted(folder.glob("a*.yaml"))
    ]
    pool = ParsePool(Limits(), CHOICES, workers=2)
    pool._executor = _DeadWorkers()  # type: ignore[assignment]

    with pool:
        ready = [item for i, job in enumerate(jobs) for item in pool.add(i, job)]
        ready += list(pool.results())

    assert [tag for tag, _, _ in ready] == [0, 1, 2, 3, 4]
    assert all(isinstance(outcome, ParsedFile) for _, outcome, _ in ready)
    assert [o.entries[0].id for _, o, _ in ready if isinstance(o, ParsedFile)] == [
        f"layanan-{i}" for i in range(5)
    ]
    assert pool.parsed_by_workers == 0
