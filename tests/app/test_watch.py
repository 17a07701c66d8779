"""`kipp run --watch`: what counts as a change of the batch, what is kept between runs, and
the loop that runs again after each change."""

from __future__ import annotations

import os
import shutil
import threading
import time
from collections.abc import Iterator
from pathlib import Path
from types import SimpleNamespace
from typing import Any

import pytest
import typer
from watchfiles import Change

from kipp.core import caching
from kipp.core.i18n import Lang
from kipp.documents import staging
from kipp_app.cli import run as run_command
from kipp_app.cli import watch as watch_module
from kipp_app.cli.app import state
from kipp_app.cli.kept import Kept
from kipp_app.cli.watch import Watcher
from kipp_app.flows.run import Nominee

WAIT_S = 10.0  # at most this long for a change the watch must see (a few hundred ms, idle)
QUIET_S = 1.0  # this long without a change the watch must not see


@pytest.fixture
def batch(tmp_path: Path) -> Path:
    folder = tmp_path / "batch"
    folder.mkdir()
    (folder / "a.yaml").write_text("judul: A\n", encoding="utf-8")
    (folder / "_reviews").mkdir()
    return folder


@pytest.fixture
def watching(batch: Path, tmp_path: Path) -> Iterator[Watcher]:
    rubric = tmp_path / "rubric.yaml"
    rubric.write_text("id: x\n", encoding="utf-8")
    with Watcher(batch, [rubric], ignore=[batch / "cache"]) as watcher:
        assert watcher.watching.wait(WAIT_S)
        yield watcher


def test_a_proposal_written_is_one_change(batch: Path, watching: Watcher) -> None:
    (batch / "a.yaml").write_text("judul: A baru\n", encoding="utf-8")
    assert watching.wait(WAIT_S) == [batch / "a.yaml"]
    assert watching.wait(QUIET_S) == []


def test_a_change_made_while_a_run_is_under_way_is_kept_for_the_next_wait(
    batch: Path, watching: Watcher
) -> None:
    (batch / "b.json").write_text("{}", encoding="utf-8")
    (batch / "_reviews" / "juri-1.csv").write_text("kode,nilai\n", encoding="utf-8")
    os.remove(batch / "a.yaml")
    # nobody waits while the changes happen (a run is under way): the next wait has them
    changed = watching.wait(WAIT_S)
    changed += watching.wait(1.0)  # the quiet period may have split them
    assert sorted(changed) == [
        batch / "_reviews" / "juri-1.csv",
        batch / "a.yaml",
        batch / "b.json",
    ]


def test_what_cannot_change_the_documents_is_no_change(batch: Path, watching: Watcher) -> None:
    hidden = batch / ".hidden"
    hidden.mkdir()
    assert watching.wait(WAIT_S) == [hidden]  # its coming: the documents list it as skipped
    (hidden / "x.yaml").write_text("x", encoding="utf-8")  # never read: below a hidden name
    lock = batch / ".~lock.a.xlsx#"  # LibreOffice's
    lock.write_text("lock", encoding="utf-8")
    assert watching.wait(WAIT_S) == [lock]
    lock.write_text("lock again", encoding="utf-8")  # its content: never read
    (batch / "cache").mkdir()  # kipp's cache, told to the watch as a path to ignore
    (batch / "cache" / "entry.json").write_text("{}", encoding="utf-8")
    assert watching.wait(QUIET_S) == []


def test_a_temporary_file_made_and_removed_is_named(batch: Path, watching: Watcher) -> None:
    temporary = batch / "sedX1y2z3"  # what `sed -i` writes, then renames over its file
    temporary.write_text("judul: A\n", encoding="utf-8")
    temporary.unlink()
    assert watching.wait(WAIT_S) == [temporary]  # a run again: harmless, never a run missed


def test_backups_and_excels_lock_files_count_as_intake_reads_them(
    batch: Path, watching: Watcher
) -> None:
    (batch / "a.yaml~").write_text("judul: A\n", encoding="utf-8")  # an editor's backup
    (batch / "~$ekspor.xlsx").write_bytes(b"owner")  # Excel's, beside an open workbook
    changed = watching.wait(WAIT_S)
    changed += watching.wait(1.0)
    assert sorted(changed) == [batch / "a.yaml~", batch / "~$ekspor.xlsx"]


@pytest.mark.parametrize("how", ["removed, then copied back", "renamed away, then copied"])
def test_a_batch_folder_put_in_place_of_the_watched_one_is_watched_from_then_on(
    batch: Path, watching: Watcher, tmp_path: Path, how: str
) -> None:
    kept = tmp_path / "kept"
    shutil.copytree(batch, kept)
    if how == "removed, then copied back":
        shutil.rmtree(batch)
    else:
        batch.rename(tmp_path / "batch-old")
    shutil.copytree(kept, batch)  # unzipped again, or a sync tool's copy
    changed = watching.wait(WAIT_S)
    assert batch in changed  # the folder itself: the run again reads the new one
    while watching.wait(QUIET_S):  # what the removal and the copy did, one by one
        pass
    (batch / "a.yaml").write_text("judul: A lagi\n", encoding="utf-8")
    assert watching.wait(WAIT_S) == [batch / "a.yaml"]


def test_the_rubric_outside_the_batch_is_watched_by_its_status(
    tmp_path: Path, watching: Watcher
) -> None:
    rubric = tmp_path / "rubric.yaml"
    replacement = tmp_path / "rubric.new"
    replacement.write_text("id: y\n", encoding="utf-8")
    replacement.replace(rubric)  # as editors save: a new file renamed over the old
    assert watching.wait(WAIT_S) == [rubric]


def test_the_changed_files_are_named_relative_to_the_batch_the_rest_counted(
    batch: Path, tmp_path: Path
) -> None:
    watcher = Watcher(batch, [], ignore=[])
    changed = [batch / f"p{i}.yaml" for i in range(7)] + [tmp_path / "rubric.yaml"]
    for path in changed:
        path.write_text("judul: P\n", encoding="utf-8")
    names = [(f"p{i}.yaml", False) for i in range(5)]
    assert watcher.shown(changed) == (names, 3)
    assert watcher.shown([tmp_path / "rubric.yaml"]) == (
        [(str(tmp_path / "rubric.yaml"), False)],
        0,
    )
    assert watcher.shown([batch]) == ([(str(batch), False)], 0)  # the folder itself, replaced
    (batch / "link.yaml").symlink_to(tmp_path / "elsewhere.yaml")  # a link is there, if broken
    odd = batch / "two\nlines.yaml"
    odd.write_text("judul: P\n", encoding="utf-8")
    assert watcher.shown([batch / "link.yaml", odd]) == (
        [("link.yaml", False), ("two\\nlines.yaml", False)],
        0,
    )


def test_a_changed_file_that_is_gone_is_named_as_gone(batch: Path, tmp_path: Path) -> None:
    watcher = Watcher(batch, [], ignore=[])
    (batch / "a.yaml").unlink()  # removed, or a temporary file made and removed meanwhile

    assert watcher.shown([batch / "a.yaml", batch / "b.yaml"]) == (
        [("a.yaml", True), ("b.yaml", True)],
        0,
    )
    shutil.rmtree(batch)
    assert watcher.shown([batch]) == ([(str(batch), True)], 0)


def test_a_batch_folder_that_is_not_there_yet_counts_once_it_comes(batch: Path) -> None:
    missing = batch / "later"
    with Watcher(missing, [], ignore=[]) as watcher:
        assert watcher.watching.wait(WAIT_S)
        assert watcher.wait(QUIET_S) == []
        missing.mkdir()
        assert watcher.wait(WAIT_S) == [missing]


def test_a_batch_folder_that_comes_right_after_a_look_for_it_counts(
    batch: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    missing = batch / "later"
    looks: list[Path] = []
    real = watch_module._folder

    def folder(path: Path) -> tuple[int, int] | None:
        looks.append(path)
        found = real(path)
        if len(looks) == 2:  # the folder comes just after the watch's second look
            missing.mkdir()
        return found

    monkeypatch.setattr(watch_module, "_folder", folder)
    with Watcher(missing, [], ignore=[]) as watcher:
        assert watcher.wait(WAIT_S) == [missing]
    assert len(looks) >= 3


def test_a_batch_folder_gone_just_before_its_watch_began_counts_once_it_is_back(
    batch: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    real = watch_module.watch
    gone = threading.Event()

    def watch(path: Path, **options: Any) -> Iterator[set[tuple[Change, str]]]:
        if not gone.is_set():  # the folder goes between the watch's look and its start
            shutil.rmtree(batch)
            gone.set()
        yield from real(path, **options)

    monkeypatch.setattr(watch_module, "watch", watch)
    with Watcher(batch, [], ignore=[]) as watcher:
        assert gone.wait(WAIT_S)
        assert watcher.wait(QUIET_S) == []
        batch.mkdir()
        assert watcher.wait(WAIT_S) == [batch]


def test_a_watch_that_cannot_go_on_says_so_at_the_next_wait(
    batch: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def refused(*args: object, **options: object) -> Iterator[set[object]]:
        raise OSError(28, "OS file watch limit reached")
        yield set()

    monkeypatch.setattr(watch_module, "watch", refused)
    with Watcher(batch, [], ignore=[]) as watcher, pytest.raises(OSError, match="limit"):
        watcher.wait(WAIT_S)


def _settled_at_once(monkeypatch: pytest.MonkeyPatch) -> None:
    """A file counts as settled as soon as it was written (the tests cannot wait 2 s)."""
    monkeypatch.setattr(caching, "SETTLED_NS", 0)
    time.sleep(0.02)  # past the file system's coarse clock


def _counted(source: Path) -> tuple[Kept[str], list[str]]:
    """The content of `source`, kept; and every content read."""
    reads: list[str] = []

    def read() -> str:
        reads.append(source.read_text(encoding="utf-8"))
        return reads[-1]

    return Kept(read, source), reads


def test_a_value_is_read_again_only_when_its_file_changed(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    source = tmp_path / "corpus.csv"
    source.write_text("one", encoding="utf-8")
    _settled_at_once(monkeypatch)
    kept, reads = _counted(source)
    assert (kept.get(), kept.get()) == ("one", "one")
    source.write_text("two", encoding="utf-8")
    time.sleep(0.02)
    assert (kept.get(), kept.get()) == ("two", "two")
    assert reads == ["one", "two"]


def test_a_value_read_just_after_its_file_was_written_is_read_again(tmp_path: Path) -> None:
    source = tmp_path / "rubric.yaml"
    source.write_text("one", encoding="utf-8")
    kept, reads = _counted(source)
    # written less than two seconds ago: an edit now could leave its status as it is
    assert (kept.get(), kept.get()) == ("one", "one")
    assert reads == ["one", "one"]


def test_a_value_that_cannot_be_read_is_tried_again_at_each_run(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    source = tmp_path / "rubric.yaml"
    source.write_text("good", encoding="utf-8")
    _settled_at_once(monkeypatch)

    def read() -> str:
        content = source.read_text(encoding="utf-8")
        if content == "broken":
            raise ValueError(content)
        return content

    kept = Kept(read, source)
    assert kept.get() == "good"
    source.write_text("broken", encoding="utf-8")
    for _ in range(2):  # never the value read before the file changed
        with pytest.raises(ValueError, match="broken"):
            kept.get()
    source.write_text("mended", encoding="utf-8")
    assert kept.get() == "mended"


def test_a_bundled_value_is_read_once() -> None:
    reads: list[int] = []

    def read() -> int:
        reads.append(1)
        return len(reads)

    kept = Kept(read, None)
    assert (kept.get(), kept.get()) == (1, 1)


class _Changes:
    """A watcher that gives the changes it was made with, then fails as a watch past the
    system's limit of watches."""

    def __init__(self, batch: Path, *changes: list[Path]) -> None:
        self.batch = batch
        self.changes = list(changes)

    def wait(self, timeout_s: float | None = None) -> list[Path]:
        assert state.waiting  # a Ctrl-C now would end the watch, not a run
        if not self.changes:
            raise OSError("OS file watch limit reached")
        return self.changes.pop(0)

    shown = Watcher.shown


def test_the_watch_runs_again_after_each_change_and_after_a_failed_run_until_it_fails(
    batch: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    outcomes: list[str] = ["runs", "fails", "runs"]
    alpha, beta, gamma = (
        Nominee(id=name.lower(), title=name, agency=agency, rank=rank)
        for name, agency, rank in (("Alpha", None, 1), ("Beta", None, 2), ("Gamma", "Dinas C", 2))
    )
    shortlists = [[alpha, beta], [alpha, gamma]]
    placed: list[int] = []
    kept: caching.Recall[str, str] = caching.Recall()  # what a stage keeps between runs
    found: list[str | None] = []

    def run_once(*args: object, **options: object) -> object:
        assert options == {"keep_server": True}  # the server outlives each run
        assert not state.waiting
        placed.append(len(staging.placed()))
        if outcomes.pop(0) == "fails":
            raise typer.Exit(2)  # said by the run itself (a broken rubric, say)
        found.append(kept.get("a"))
        if found[-1] is None:  # the first run that scores
            kept.put("a", "card a")
            kept.put("b", "card b")
        return SimpleNamespace(shortlist=shortlists.pop(0))

    monkeypatch.setattr(run_command, "_run", run_once)

    def report(*args: object) -> None:
        assert state.waiting  # the run is over: a Ctrl-C while it is said ends the watch
        print("(summary)")

    monkeypatch.setattr(run_command, "report", report)
    monkeypatch.setattr(staging, "_PLACED", [Path("out")])  # an earlier run's documents
    job = run_command.Job(
        batch, None, None, None, Lang.EN, None, False, run_command.Where(False, "", "", 0)
    )
    for name in "bdefgh":  # c.yaml is gone
        (batch / f"{name}.yaml").write_text("judul: B\n", encoding="utf-8")
    watcher = _Changes(batch, [batch / "a.yaml"], [batch / f"{n}.yaml" for n in "bcdefgh"])
    monkeypatch.setattr(state, "waiting", False)
    with pytest.raises(typer.Exit) as ended:
        run_command._watch(None, job, None, watcher)  # type: ignore[arg-type]
    assert ended.value.exit_code == 1
    waiting = f"Waiting for changes in {batch} to run again (Ctrl-C to stop) ..."
    said = capsys.readouterr()
    assert said.err.splitlines() == [
        f"error: changes in {batch} can no longer be watched: OS file watch limit reached",
        "hint: the system's limit of watched folders may be reached: raise it "
        "(fs.inotify.max_user_watches) or set WATCHFILES_FORCE_POLLING=true, then run the "
        "same command again",
    ]
    assert said.out.splitlines() == [
        "(summary)",
        waiting,
        "Changed: a.yaml. Running again.",
        waiting,  # the run failed, and said why
        "Changed: b.yaml, c.yaml (removed), d.yaml, e.yaml, f.yaml and 2 more files. Running "
        "again.",
        "(summary)",
        "The shortlist changed since the last run that finished:",  # the first, not the failed
        "  in  Gamma — Dinas C (rank 2)",
        "  out Beta (was rank 2)",
        waiting,
    ]
    assert placed == [1, 0, 0]  # each run after a change says what it placed, not the last's
    # each run takes back what the run before kept; what the last did not ask for is gone
    assert found == [None, "card a"]
    assert (kept.get("a"), kept.get("b")) == ("card a", None)


def _nominees(*names: str) -> list[Nominee]:
    """Nominees ranked in the order given, each titled by its name."""
    return [Nominee(id=n.lower(), title=n, agency=None, rank=r) for r, n in enumerate(names, 1)]


def test_a_run_again_says_whether_the_shortlist_kept_its_proposals_and_order(
    capsys: pytest.CaptureFixture[str],
) -> None:
    run_command.shortlist_changes(_nominees("A", "B"), _nominees("A", "B"), Lang.EN)
    run_command.shortlist_changes(_nominees("A", "B"), _nominees("B", "A"), Lang.ID)

    assert capsys.readouterr().out.splitlines() == [
        "The shortlist is the last finished run's: the same proposals in the same order.",
        "Daftar pendek berisi proposal yang sama dengan proses terakhir yang selesai, tetapi "
        "urutannya berubah.",
    ]


def test_a_run_again_names_the_proposals_that_came_on_and_went_off_the_shortlist(
    capsys: pytest.CaptureFixture[str],
) -> None:
    before = [*_nominees("A", "B"), Nominee(id="x", title=None, agency="Dinas X", rank=3)]
    after = [Nominee(id="c", title="[bold]C[/bold]", agency=None, rank=1), *_nominees("A")]

    run_command.shortlist_changes(before, after, Lang.ID)

    assert capsys.readouterr().out.splitlines() == [
        "Daftar pendek berubah dibanding proses terakhir yang selesai:",
        "  masuk  [bold]C[/bold] (peringkat 1)",  # a title is shown as written, not as markup
        "  keluar B (sebelumnya di peringkat 2)",
        "  keluar (tanpa judul) — Dinas X (sebelumnya di peringkat 3)",
    ]


def test_a_run_again_names_ten_moves_on_the_shortlist_and_counts_the_rest(
    capsys: pytest.CaptureFixture[str],
) -> None:
    before = _nominees(*(f"Old {i}" for i in range(7)))
    after = _nominees(*(f"New {i}" for i in range(5)))

    run_command.shortlist_changes(before, after, Lang.EN)

    said = capsys.readouterr().out.splitlines()
    assert said[0] == "The shortlist changed since the last run that finished:"
    assert said[1:6] == [f"  in  New {i} (rank {i + 1})" for i in range(5)]
    assert said[6:11] == [f"  out Old {i} (was rank {i + 1})" for i in range(5)]
    assert said[11:] == ["  ... and 2 more changes; the whole shortlist is in shortlist.pdf"]


def test_a_proposal_whose_id_changed_with_its_file_name_stays_on_the_shortlist(
    capsys: pytest.CaptureFixture[str],
) -> None:
    before = [Nominee(id="si-dake", title="SI DAKE", agency="Dinas A", rank=1), *_nominees("B")]
    before[1] = before[1].model_copy(update={"rank": 2})
    # sent again as si-dake-revisi.yaml (its id made from the file's name), now second
    after = [
        *_nominees("B"),
        Nominee(id="si-dake-revisi", title="SI DAKE", agency="Dinas A", rank=2),
    ]
    moved = [Nominee(id="si-dake-2", title="SI DAKE", agency="Dinas B", rank=2), *_nominees("B")]

    run_command.shortlist_changes(before, after, Lang.EN)
    run_command.shortlist_changes(before, moved, Lang.EN)  # another agency's: another proposal

    assert capsys.readouterr().out.splitlines() == [
        "The shortlist holds the last finished run's proposals, in another order.",
        "The shortlist changed since the last run that finished:",
        "  in  SI DAKE — Dinas B (rank 2)",
        "  out SI DAKE — Dinas A (was rank 1)",
    ]
