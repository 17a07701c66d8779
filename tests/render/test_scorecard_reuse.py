"""Scorecards reused (hard-linked, else copied) from an output folder's previous run when
their inputs are unchanged (`kipp.documents.reuse`), and rendered again whenever anything
they show could differ."""

from __future__ import annotations

import errno
import hashlib
import json
import os
from collections.abc import Callable
from pathlib import Path

import pytest
from builders import said

from kipp.core.i18n import Lang
from kipp.documents.outfolder import ForeignFilesError, listed_files
from kipp.documents.outputs import write_scorecards
from kipp.documents.reuse import ScorecardReuse
from kipp.documents.staging import write_staged
from kipp.results import Results
from kipp.rubric import load_rubric

ROOT = Path(__file__).resolve().parents[2]
SAMPLE = ROOT / "submissions" / "mojokerto-2022"
RUBRIC = load_rubric()


@pytest.fixture
def results(written_run: Callable[[Path, Lang], tuple[Results, Path]]) -> Results:
    return written_run(SAMPLE, Lang.ID)[0]


def write(
    results: Results, out: Path, cache: Path, *, pdf: bool = False
) -> tuple[ScorecardReuse, dict[str, bytes]]:
    """One run's scorecards written into `out` as `kipp run` writes them (staged, reuse
    record saved after the move); the reuse and the files of `out/scorecards` by name."""
    reuse = ScorecardReuse.for_output(out, cache)
    write_staged(lambda staging: write_scorecards(results, RUBRIC.rubric, staging, pdf, reuse), out)
    reuse.save()
    folder = out / "scorecards"
    return reuse, {f.name: f.read_bytes() for f in sorted(folder.iterdir())}


def fresh(results: Results, tmp_path: Path, *, pdf: bool = False) -> dict[str, bytes]:
    """The scorecards rendered from scratch, without any reuse."""
    out = tmp_path / "fresh"
    write_scorecards(results, RUBRIC.rubric, out, pdf)
    return {f.name: f.read_bytes() for f in sorted((out / "scorecards").iterdir())}


def test_a_second_run_with_the_same_results_copies_every_scorecard(
    results: Results, tmp_path: Path
) -> None:
    out, cache = tmp_path / "out", tmp_path / "cache"
    first, _ = write(results, out, cache)
    second, files = write(results, out, cache)

    assert (first.hits, first.misses) == (0, len(results.proposals))
    assert (second.hits, second.misses) == (len(results.proposals), 0)
    assert files == fresh(results, tmp_path)


def test_a_changed_proposal_is_rendered_again_and_the_others_copied(
    results: Results, tmp_path: Path
) -> None:
    out, cache = tmp_path / "out", tmp_path / "cache"
    write(results, out, cache)
    changed = results.proposals[3].model_copy(update={"title": "Judul yang Diubah"})
    edited = results.model_copy(
        update={"proposals": [*results.proposals[:3], changed, *results.proposals[4:]]}
    )

    reuse, files = write(edited, out, cache)

    assert (reuse.hits, reuse.misses) == (len(results.proposals) - 1, 1)
    assert files == fresh(edited, tmp_path)
    assert sum("Judul yang Diubah" in data.decode("utf-8") for data in files.values()) == 2
    # its own scorecard and the index that lists it


def test_a_scorecard_edited_in_the_output_folder_is_not_taken_nor_overwritten(
    results: Results, tmp_path: Path
) -> None:
    out, cache = tmp_path / "out", tmp_path / "cache"
    _, before = write(results, out, cache)
    name = next(n for n in before if n != "index.html")
    (out / "scorecards" / name).write_text("edited by hand", encoding="utf-8")
    (out / "scorecards" / next(n for n in reversed(before) if n != "index.html")).unlink()

    reuse = ScorecardReuse.for_output(out, cache)
    with pytest.raises(ForeignFilesError) as caught:
        write_staged(
            lambda staging: write_scorecards(results, RUBRIC.rubric, staging, False, reuse), out
        )

    assert (reuse.hits, reuse.misses) == (len(results.proposals) - 2, 2)
    assert said(caught.value.message) == (
        f"the output folder {out} already holds files that kipp did not write, where kipp "
        f"writes its documents: scorecards/{name} (changed since kipp wrote it)"
    )
    assert (out / "scorecards" / name).read_text(encoding="utf-8") == "edited by hand"
    (out / "scorecards" / name).rename(tmp_path / name)  # the fix: moved aside

    reuse, files = write(results, out, cache)

    assert (reuse.hits, reuse.misses) == (len(results.proposals) - 2, 2)
    assert files == before


def test_a_reused_scorecard_is_the_previous_file_linked_not_a_copy_and_none_stays_behind(
    results: Results, tmp_path: Path
) -> None:
    out, cache = tmp_path / "out", tmp_path / "cache"
    write(results, out, cache)
    cards = sorted(f for f in (out / "scorecards").iterdir() if f.name != "index.html")
    inodes = [f.stat().st_ino for f in cards]

    reuse, _ = write(results, out, cache)

    assert reuse.hits == len(cards) == len(results.proposals)
    assert [f.stat().st_ino for f in cards] == inodes
    assert [f.stat().st_nlink for f in cards] == [1] * len(cards)
    assert [p.name for p in out.iterdir() if "staging" in p.name] == []


def test_scorecards_are_copied_where_the_file_system_cannot_link(
    results: Results, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    out, cache = tmp_path / "out", tmp_path / "cache"
    _, before = write(results, out, cache)

    def refuse(*_: object, **__: object) -> None:
        raise OSError(errno.EXDEV, "Invalid cross-device link")

    monkeypatch.setattr(os, "link", refuse)
    reuse, files = write(results, out, cache)

    assert (reuse.hits, reuse.misses) == (len(results.proposals), 0)
    assert files == before


def test_a_link_found_where_a_reused_scorecard_was_placed_is_removed_and_the_card_rendered(
    results: Results, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    out, cache = tmp_path / "out", tmp_path / "cache"
    _, before = write(results, out, cache)

    def swapped(source: Path, target: Path, *, follow_symlinks: bool = True) -> None:
        os.symlink(source, target)  # as if the file had become a link just before

    monkeypatch.setattr(os, "link", swapped)
    reuse, files = write(results, out, cache)

    assert (reuse.hits, reuse.misses) == (0, len(results.proposals))
    assert not any(f.is_symlink() for f in (out / "scorecards").iterdir())
    assert files == before


def test_a_scorecard_replaced_by_a_link_is_not_taken_nor_replaced(
    results: Results, tmp_path: Path
) -> None:
    out, cache = tmp_path / "out", tmp_path / "cache"
    _, before = write(results, out, cache)
    name = next(n for n in before if n != "index.html")
    elsewhere = tmp_path / "elsewhere.html"
    elsewhere.write_bytes(before[name])  # the very bytes the record names
    (out / "scorecards" / name).unlink()
    (out / "scorecards" / name).symlink_to(elsewhere)

    reuse = ScorecardReuse.for_output(out, cache)
    with pytest.raises(ForeignFilesError) as caught:
        write_staged(
            lambda staging: write_scorecards(results, RUBRIC.rubric, staging, False, reuse), out
        )

    assert (reuse.hits, reuse.misses) == (len(results.proposals) - 1, 1)
    assert said(caught.value.message) == (
        f"the output folder {out} already holds files that kipp did not write, where kipp "
        f"writes its documents: scorecards/{name} (changed since kipp wrote it)"
    )  # kipp wrote a file there, not a link
    assert (out / "scorecards" / name).is_symlink()
    assert elsewhere.read_bytes() == before[name]
    (out / "scorecards" / name).unlink()

    reuse, files = write(results, out, cache)

    assert (reuse.hits, reuse.misses) == (len(results.proposals) - 1, 1)
    assert not (out / "scorecards" / name).is_symlink()
    assert files == before


@pytest.mark.parametrize(
    "change",
    [
        pytest.param({"lang": Lang.EN}, id="language"),
        pytest.param({"batch": "elsewhere/batch"}, id="batch folder"),
        pytest.param({"finished_at": "2022-04-21T00:00:01+00:00"}, id="day of the run"),
        pytest.param({"code_version": "other"}, id="version shown"),
    ],
)
def test_a_change_of_what_every_scorecard_shows_renders_them_all(
    results: Results, tmp_path: Path, change: dict[str, object]
) -> None:
    out, cache = tmp_path / "out", tmp_path / "cache"
    write(results, out, cache)
    other = results.model_copy(update={"run": results.run.model_copy(update=change)})

    reuse, _ = write(other, out, cache)

    assert (reuse.hits, reuse.misses) == (0, len(results.proposals))


def test_the_time_of_day_alone_does_not_render_them_again(results: Results, tmp_path: Path) -> None:
    out, cache = tmp_path / "out", tmp_path / "cache"
    write(results, out, cache)
    later = results.run.model_copy(update={"finished_at": "2022-04-20T16:30:00+00:00"})

    reuse, _ = write(results.model_copy(update={"run": later}), out, cache)

    assert reuse.misses == 0


@pytest.mark.parametrize(
    "record",
    [
        pytest.param("{not json", id="unreadable"),
        pytest.param('{"version": 0, "scorecards": {}}', id="other version"),
        pytest.param("[]", id="not an object"),
    ],
)
def test_a_broken_record_costs_a_full_render_and_is_replaced(
    results: Results, tmp_path: Path, record: str
) -> None:
    out, cache = tmp_path / "out", tmp_path / "cache"
    first, _ = write(results, out, cache)
    first.record.write_text(record, encoding="utf-8")

    broken, files = write(results, out, cache)
    again, _ = write(results, out, cache)

    assert broken.misses == len(results.proposals)
    assert files == fresh(results, tmp_path)
    assert again.misses == 0


def test_another_output_folder_does_not_reuse_this_ones_scorecards(
    results: Results, tmp_path: Path
) -> None:
    cache = tmp_path / "cache"
    write(results, tmp_path / "one", cache)

    other, _ = write(results, tmp_path / "two", cache)

    assert other.hits == 0
    record = json.loads(other.record.read_text(encoding="utf-8"))
    assert record["folder"] == str((tmp_path / "two").resolve())


def test_html_only_scorecards_are_not_reused_when_pdfs_are_asked_for(
    results: Results, tmp_path: Path
) -> None:
    two = results.model_copy(update={"proposals": results.proposals[:2]})
    out, cache = tmp_path / "out", tmp_path / "cache"
    write(two, out, cache)

    with_pdf, files = write(two, out, cache, pdf=True)
    again, same = write(two, out, cache, pdf=True)

    assert with_pdf.misses == 2
    assert sum(name.endswith(".pdf") for name in files) == 2
    assert (again.hits, again.misses) == (2, 0)
    assert same == files


def test_new_code_or_another_rubric_renders_them_all(
    results: Results, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    out, cache = tmp_path / "out", tmp_path / "cache"
    write(results, out, cache)
    monkeypatch.setattr("kipp.documents.reuse.code_version", lambda: "0.0.0+edited")
    after_edit, _ = write(results, out, cache)
    lighter = RUBRIC.rubric.model_copy(update={"title": "KIPP 2022 (revisi)"})
    reuse = ScorecardReuse.for_output(out, cache)
    write_staged(lambda staging: write_scorecards(results, lighter, staging, False, reuse), out)

    assert after_edit.misses == len(results.proposals)
    assert (reuse.hits, reuse.misses) == (0, len(results.proposals))


def test_a_record_naming_another_folder_is_not_trusted(results: Results, tmp_path: Path) -> None:
    out, cache = tmp_path / "out", tmp_path / "cache"
    first, _ = write(results, out, cache)
    record = json.loads(first.record.read_text(encoding="utf-8"))
    record["folder"] = str(tmp_path / "elsewhere")
    first.record.write_text(json.dumps(record), encoding="utf-8")

    second, _ = write(results, out, cache)

    assert second.hits == 0


def test_the_sha256s_reuse_records_are_those_of_the_files_the_manifest_lists(
    results: Results, tmp_path: Path
) -> None:
    out, cache = tmp_path / "out", tmp_path / "cache"
    write(results, out, cache)
    (out / "scorecards" / next(n for n in sorted(os.listdir(out / "scorecards")))).unlink()

    reuse = ScorecardReuse.for_output(out, cache)
    write_staged(
        lambda staging: write_scorecards(results, RUBRIC.rubric, staging, False, reuse),
        out,
        digests=reuse.written,
    )

    assert 0 < reuse.misses < len(results.proposals)  # some rendered, the others linked
    on_disk = {
        f"scorecards/{f.name}": (hashlib.sha256(f.read_bytes()).hexdigest(),)
        for f in (out / "scorecards").iterdir()
    }
    assert listed_files(out) == on_disk
    assert {name: (sha,) for name, sha in reuse.written().items()} == {
        name: sha for name, sha in on_disk.items() if name != "scorecards/index.html"
    }
