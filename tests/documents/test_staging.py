"""Runs writing to the same output folder take turns: the folder always holds one run's
complete set of documents, and a failed render leaves nothing behind."""

from __future__ import annotations

import hashlib
import json
import os
import socket
import threading
import time
from pathlib import Path

import pytest
from builders import said

from kipp.core import interrupts
from kipp.documents import staging as staging_module
from kipp.documents.outfolder import ForeignFilesError, listed_files
from kipp.documents.staging import LinkInOutputError, lock_path, locked, write_staged


def _sha(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def _writer(label: str) -> object:
    return _run_writer({name: label for name in ("results.json", "scores.csv", "shortlist.md")})


def _contents(folder: Path) -> dict[str, str]:
    return {
        p.name: p.read_text(encoding="utf-8")
        for p in sorted(folder.iterdir())
        if p.is_file() and p.name not in (".kipp-files.json", ".kipp.lock")
    }


def test_a_second_run_waits_for_the_first_to_finish_moving_its_documents_in(
    tmp_path: Path,
) -> None:
    out = tmp_path / "out"
    write_staged(_writer("A"), out)  # type: ignore[arg-type]
    moved = threading.Event()

    def second() -> None:
        write_staged(_writer("B"), out)  # type: ignore[arg-type]
        moved.set()

    with locked(lock_path(out)):  # the first run is moving its files in
        thread = threading.Thread(target=second)
        thread.start()
        time.sleep(0.3)
        assert not moved.is_set()
        assert _contents(out) == {"results.json": "A", "scores.csv": "A", "shortlist.md": "A"}
    thread.join(timeout=10)
    assert _contents(out) == {"results.json": "B", "scores.csv": "B", "shortlist.md": "B"}
    assert sorted(p.name for p in tmp_path.iterdir()) == ["out"]  # nothing beside it


def test_a_render_that_fails_leaves_the_previous_documents_and_no_staging(
    tmp_path: Path,
) -> None:
    out = tmp_path / "out"
    write_staged(_writer("A"), out)  # type: ignore[arg-type]

    def broken(staging: Path) -> list[Path]:
        (staging / "results.json").write_text("half", encoding="utf-8")
        raise OSError("disk full")

    with pytest.raises(OSError, match="disk full"):
        write_staged(broken, out)
    assert _contents(out) == {"results.json": "A", "scores.csv": "A", "shortlist.md": "A"}
    assert sorted(p.name for p in tmp_path.iterdir()) == ["out"]  # nothing beside it


def _files(folder: Path) -> list[str]:
    """The files in `folder` but its lock file (`.kipp.lock`, there after every write)."""
    return sorted(
        p.relative_to(folder).as_posix()
        for p in folder.rglob("*")
        if p.is_file() and p.name != ".kipp.lock"
    )


def _run_writer(files: dict[str, str]) -> object:
    """A writer that writes the given files (paths relative to the staging folder) and
    returns the top-level entries, folders whole, as `write_run` does."""

    def write(staging: Path) -> list[Path]:
        tops: list[Path] = []
        for name, content in files.items():
            path = staging / name
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(content, encoding="utf-8")
            top = staging / Path(name).parts[0]
            if top not in tops:
                tops.append(top)
        return tops

    return write


def test_a_second_run_that_writes_fewer_files_leaves_none_of_the_old_ones(
    tmp_path: Path,
) -> None:
    out = tmp_path / "out"
    first = {
        "results.json": "A",
        "compliance.csv": "A",
        "scorecards/index.html": "A",
        "scorecards/withdrawn.html": "A",
        "scorecards/withdrawn.pdf": "A",
    }
    write_staged(_run_writer(first), out)  # type: ignore[arg-type]
    (out / "notes-of-the-coordinator.txt").write_text("mine", encoding="utf-8")

    write_staged(_run_writer({"results.json": "B", "scorecards/index.html": "B"}), out)  # type: ignore[arg-type]

    assert _files(out) == [
        ".kipp-files.json",
        "notes-of-the-coordinator.txt",  # not kipp's: kept
        "results.json",
        "scorecards/index.html",
    ]
    assert (out / "results.json").read_text(encoding="utf-8") == "B"


def test_a_partial_write_replaces_only_the_folder_it_writes(tmp_path: Path) -> None:
    out = tmp_path / "out"
    whole = {"results.json": "A", "scorecards/a.html": "A", "scorecards/b.html": "A"}
    write_staged(_run_writer(whole), out)  # type: ignore[arg-type]

    write_staged(_run_writer({"scorecards/a.html": "B"}), out, partial=True)  # type: ignore[arg-type]

    assert _files(out) == [".kipp-files.json", "results.json", "scorecards/a.html"]
    write_staged(_run_writer({"results.json": "C"}), out)  # type: ignore[arg-type]
    assert _files(out) == [".kipp-files.json", "results.json"]  # the manifest kept a.html


def test_files_kipp_did_not_write_stay_in_the_scorecards_folder_too(tmp_path: Path) -> None:
    out = tmp_path / "out"
    write_staged(_run_writer({"scorecards/a.html": "A", "scorecards/b.html": "A"}), out)  # type: ignore[arg-type]
    (out / "scorecards" / "catatan-koordinator.txt").write_text("mine", encoding="utf-8")
    (out / "summary-for-the-mayor.docx").write_text("mine", encoding="utf-8")

    write_staged(_run_writer({"scorecards/a.html": "B"}), out)  # type: ignore[arg-type]

    assert _files(out) == [
        ".kipp-files.json",
        "scorecards/a.html",
        "scorecards/catatan-koordinator.txt",
        "summary-for-the-mayor.docx",
    ]


def test_a_scorecards_folder_that_is_a_link_stops_the_run_before_any_file_moves(
    tmp_path: Path,
) -> None:
    out = tmp_path / "out"
    write_staged(_run_writer({"results.json": "A"}), out)  # type: ignore[arg-type]
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    (out / "scorecards").symlink_to(elsewhere)

    with pytest.raises(LinkInOutputError) as caught:
        write_staged(_run_writer({"results.json": "B", "scorecards/a.html": "B"}), out)  # type: ignore[arg-type]

    assert said(caught.value.message) == (
        f"{out / 'scorecards'} is a symbolic link; kipp does not write scorecards through links"
    )
    assert list(elsewhere.iterdir()) == []
    assert (out / "results.json").read_text(encoding="utf-8") == "A"
    assert sorted(p.name for p in out.iterdir()) == [
        ".kipp-files.json",
        ".kipp.lock",
        "results.json",
        "scorecards",
    ]


def test_an_interrupt_during_the_moves_waits_until_every_file_is_in(tmp_path: Path) -> None:
    out = tmp_path / "out"
    write_staged(_run_writer({"results.json": "A", "scores.csv": "A"}), out)  # type: ignore[arg-type]
    seen: list[dict[str, str]] = []
    real = os.replace

    def interrupted_replace(source: object, target: object) -> None:
        real(source, target)  # type: ignore[arg-type]
        if Path(str(target)).name == "results.json":  # Ctrl-C right after the first move
            interrupts.later(lambda: seen.append(_contents(out)))

    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(os, "replace", interrupted_replace)
        write_staged(_run_writer({"results.json": "B", "scores.csv": "B"}), out)  # type: ignore[arg-type]

    assert seen == [{"results.json": "B", "scores.csv": "B"}]


def test_a_doctored_manifest_cannot_remove_files_outside_the_folder(tmp_path: Path) -> None:
    out = tmp_path / "out"
    outside = tmp_path / "precious.txt"
    outside.write_text("keep", encoding="utf-8")
    out.mkdir()
    (out / ".kipp-files.json").write_text(
        f'["../precious.txt", "{outside}", "results.json"]', encoding="utf-8"
    )

    write_staged(_run_writer({"scores.csv": "B"}), out)  # type: ignore[arg-type]

    assert outside.read_text(encoding="utf-8") == "keep"


def test_staging_left_by_a_killed_run_on_this_machine_is_removed(tmp_path: Path) -> None:
    from kipp.documents.staging import _host

    out = tmp_path / "out"
    dead_pid = 999_999_999  # above Linux's largest pid: no such process
    abandoned = out / f".kipp-staging-{_host()}@{dead_pid}-x1"
    elsewhere = out / ".kipp-staging-othermachine@12-x2"
    alive = out / f".kipp-staging-{_host()}@{os.getpid()}-x3"
    for folder in (abandoned, elsewhere, alive):
        folder.mkdir(parents=True)

    write_staged(_run_writer({"results.json": "A"}), out)  # type: ignore[arg-type]

    assert not abandoned.exists()
    assert elsewhere.exists()  # another machine's run may still be rendering into it
    assert alive.exists()  # a live process's


class _Killed(BaseException):
    """Stands for SIGKILL: nothing after it in the run gets to happen."""


def test_a_run_killed_between_moves_leaves_its_moved_files_for_the_next_run_to_remove(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    out = tmp_path / "out"
    write_staged(_run_writer({"results.json": "A", "compliance.csv": "A"}), out)  # type: ignore[arg-type]
    (out / "notes-of-the-coordinator.txt").write_text("mine", encoding="utf-8")
    replace = os.replace
    moves: list[str] = []

    def killed_at_the_third_move(source: str | Path, target: str | Path) -> None:
        if ".kipp-staging-" in str(source):
            if len(moves) == 2:
                raise _Killed
            moves.append(Path(target).name)
        replace(source, target)

    monkeypatch.setattr(os, "replace", killed_at_the_third_move)
    killed = {"extra.csv": "B", "results.json": "B", "never-moved.csv": "B"}
    with pytest.raises(_Killed):
        write_staged(_run_writer(killed), out)  # type: ignore[arg-type]
    monkeypatch.setattr(os, "replace", replace)
    assert moves == ["extra.csv", "results.json"]
    assert (out / "extra.csv").is_file()  # moved in before the kill
    assert listed_files(out) == {  # a replaced file with either content is kipp's
        "compliance.csv": (_sha(b"A"),),
        "extra.csv": (_sha(b"B"),),
        "never-moved.csv": (_sha(b"B"),),
        "results.json": (_sha(b"A"), _sha(b"B")),
    }

    write_staged(_run_writer({"results.json": "C"}), out)  # type: ignore[arg-type]

    assert _files(out) == [".kipp-files.json", "notes-of-the-coordinator.txt", "results.json"]
    assert (out / "results.json").read_text(encoding="utf-8") == "C"


def test_staging_folder_names_keep_host_and_pid_apart_when_the_host_has_hyphens(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from kipp.documents import staging as module

    monkeypatch.setattr(socket, "gethostname", lambda: "web-01")
    out = tmp_path / "out"
    seen: list[str] = []

    def write(staging: Path) -> list[Path]:
        seen.append(staging.name)
        (staging / "results.json").write_text("A", encoding="utf-8")
        return [staging / "results.json"]

    write_staged(write, out)

    assert seen[0].startswith(f".kipp-staging-web-01@{os.getpid()}-")
    assert module._staging_owner(seen[0]) == ("web-01", os.getpid())
    assert module._staging_owner(".kipp-staging-web-01@123-abc_9") == ("web-01", 123)
    assert module._staging_owner(".kipp-staging-web@123-abc") == ("web", 123)
    assert module._staging_owner(".kipp-staging-web-01-123-abc") is None  # no `@`
    assert module._staging_owner(".kipp-staging-web@12x-abc") is None
    assert module._staging_owner(".out.staging-web@123-abc") is None  # an older kipp's name


def test_only_this_hosts_abandoned_staging_is_removed_when_host_names_share_a_prefix(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:

    monkeypatch.setattr(socket, "gethostname", lambda: "web")
    out = tmp_path / "out"
    dead_pid = 999_999_999
    mine = out / f".kipp-staging-web@{dead_pid}-x1"
    other_host = out / f".kipp-staging-web-01@{dead_pid}-x2"
    for folder in (mine, other_host):
        folder.mkdir(parents=True)

    write_staged(_run_writer({"results.json": "A"}), out)  # type: ignore[arg-type]

    assert not mine.exists()
    assert other_host.exists()  # host "web-01" is another machine, though it starts "web"


def test_an_output_folder_named_with_glob_characters_still_clears_its_own_abandoned_staging(
    tmp_path: Path,
) -> None:
    from kipp.documents.staging import _host

    out = tmp_path / "out[1]"
    dead_pid = 999_999_999
    mine = out / f".kipp-staging-{_host()}@{dead_pid}-x1"
    mine.mkdir(parents=True)
    (tmp_path / "out1").mkdir()  # what `out[1]` would match as a pattern
    of_out1 = tmp_path / "out1" / f".kipp-staging-{_host()}@{dead_pid}-x2"
    of_out1.mkdir()

    write_staged(_run_writer({"results.json": "A"}), out)  # type: ignore[arg-type]

    assert not mine.exists()
    assert of_out1.exists()  # another output folder's
    assert _files(out) == [".kipp-files.json", "results.json"]


def test_a_manifest_entry_climbing_out_of_the_folder_does_not_delete_its_target(
    tmp_path: Path,
) -> None:
    out = tmp_path / "out"
    outside = tmp_path / "outside.txt"
    outside.write_text("keep", encoding="utf-8")
    out.mkdir()
    (out / ".kipp-files.json").write_text(
        '["../outside.txt", "sub/../../outside.txt"]', encoding="utf-8"
    )

    write_staged(_run_writer({"results.json": "B"}), out)  # type: ignore[arg-type]

    assert outside.read_text(encoding="utf-8") == "keep"
    assert _files(out) == [".kipp-files.json", "results.json"]


def test_a_symlink_in_the_folder_cannot_make_a_manifest_entry_delete_outside_it(
    tmp_path: Path,
) -> None:
    out = tmp_path / "out"
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    (elsewhere / "a.html").write_text("keep", encoding="utf-8")
    (tmp_path / "outside.txt").write_text("keep", encoding="utf-8")
    out.mkdir()
    (out / "linked").symlink_to(elsewhere, target_is_directory=True)
    (out / "link.txt").symlink_to(tmp_path / "outside.txt")
    (out / ".kipp-files.json").write_text('["linked/a.html", "link.txt"]', encoding="utf-8")

    write_staged(_run_writer({"results.json": "B"}), out)  # type: ignore[arg-type]

    assert (elsewhere / "a.html").read_text(encoding="utf-8") == "keep"
    assert (tmp_path / "outside.txt").read_text(encoding="utf-8") == "keep"
    assert (out / "link.txt").is_symlink()  # resolves outside: not kipp's to remove
    assert json.loads((out / ".kipp-files.json").read_text(encoding="utf-8")) == {
        "results.json": _sha(b"B")
    }


def test_a_run_ending_at_once_removes_its_unfinished_staging_folder_first(tmp_path: Path) -> None:
    out = tmp_path / "out"
    out.mkdir()
    (out / "kept.txt").write_text("the previous run's", encoding="utf-8")
    folders: list[Path] = []

    def interrupted(staging: Path) -> list[Path]:
        (staging / "scorecards").mkdir()
        (staging / "scorecards" / "half.html").write_text("<p>", encoding="utf-8")
        staging_module.remove_unfinished()  # what Ctrl-C does before the process ends
        folders.append(staging)  # gone at once, not only when the write returns
        assert not staging.exists()
        return []

    write_staged(interrupted, out)

    assert len(folders) == 1
    assert sorted(p.name for p in tmp_path.iterdir()) == ["out"]  # nothing beside it
    assert (out / "kept.txt").read_text(encoding="utf-8") == "the previous run's"


def test_a_run_writes_nothing_beside_the_output_folder_it_creates(tmp_path: Path) -> None:
    out = tmp_path / "documents" / "2022"
    staged: list[Path] = []

    def write(staging: Path) -> list[Path]:
        staged.append(staging)
        (staging / "results.json").write_text("A", encoding="utf-8")
        return [staging / "results.json"]

    write_staged(write, out)

    assert staged[0].parent == out
    assert sorted(p.name for p in tmp_path.iterdir()) == ["documents"]
    assert sorted(p.name for p in (tmp_path / "documents").iterdir()) == ["2022"]
    assert sorted(p.name for p in out.iterdir()) == [
        ".kipp-files.json",
        ".kipp.lock",
        "results.json",
    ]


def test_a_lock_file_that_is_a_link_stops_the_run_and_its_target_is_untouched(
    tmp_path: Path,
) -> None:
    out = tmp_path / "out"
    out.mkdir()
    target = tmp_path / "precious.txt"
    target.write_text("keep", encoding="utf-8")
    (out / ".kipp.lock").symlink_to(target)

    with pytest.raises(LinkInOutputError) as caught:
        write_staged(_run_writer({"results.json": "B"}), out)  # type: ignore[arg-type]

    assert said(caught.value.message) == (
        f"{out / '.kipp.lock'} is a symbolic link; kipp does not write its lock file through links"
    )
    assert target.read_text(encoding="utf-8") == "keep"
    assert sorted(p.name for p in out.iterdir()) == [".kipp.lock"]  # no staging left behind


def test_a_file_kipp_did_not_write_where_a_run_writes_stops_it_before_any_file_moves(
    tmp_path: Path,
) -> None:
    out = tmp_path / "out"
    write_staged(_run_writer({"results.json": "A"}), out)  # type: ignore[arg-type]
    (out / "scorecards").mkdir()
    (out / "scorecards" / "a.html").write_text("mine", encoding="utf-8")

    with pytest.raises(ForeignFilesError) as caught:
        write_staged(_run_writer({"results.json": "B", "scorecards/a.html": "B"}), out)  # type: ignore[arg-type]

    assert said(caught.value.message) == (
        f"the output folder {out} already holds files that kipp did not write, where kipp "
        "writes its documents: scorecards/a.html"
    )
    assert (out / "scorecards" / "a.html").read_text(encoding="utf-8") == "mine"
    assert (out / "results.json").read_text(encoding="utf-8") == "A"  # nothing moved in
    assert sorted(p.name for p in out.iterdir()) == [
        ".kipp-files.json",
        ".kipp.lock",
        "results.json",
        "scorecards",
    ]


HINT = (
    "kipp does not overwrite files it did not write or that were changed since it wrote them: "
    "move those files elsewhere or rename them, or give another output folder with --out"
)
CARDS_HINT = (
    "kipp does not overwrite files it did not write or that were changed since it wrote them: "
    "move those files elsewhere or rename them, and those in scorecards/ out of that folder "
    "(kipp writes every .html and .pdf there, whatever its name; other files may stay); or "
    "give another output folder with --out"
)


def test_the_manifest_records_the_sha256_of_every_file_written_and_reads_back(
    tmp_path: Path,
) -> None:
    out = tmp_path / "out"
    files = {"results.json": "A", "scores.csv": "skor", "scorecards/a.html": "<p>a</p>"}

    write_staged(_run_writer(files), out)  # type: ignore[arg-type]

    expected = {name: _sha(content.encode("utf-8")) for name, content in files.items()}
    assert json.loads((out / ".kipp-files.json").read_text(encoding="utf-8")) == expected
    assert listed_files(out) == {name: (sha,) for name, sha in expected.items()}


def test_the_writers_sha256s_are_what_the_manifest_records(tmp_path: Path) -> None:
    out = tmp_path / "out"
    given = {"scorecards/a.html": _sha(b"as the writer hashed it")}

    write_staged(
        _run_writer({"results.json": "A", "scorecards/a.html": "B"}),  # type: ignore[arg-type]
        out,
        digests=lambda: given,
    )

    assert listed_files(out) == {
        "results.json": (_sha(b"A"),),  # read from the staging folder: the writer gave none
        "scorecards/a.html": (given["scorecards/a.html"],),
    }


def test_an_unchanged_folder_is_run_again_as_before(tmp_path: Path) -> None:
    out = tmp_path / "out"
    first = {"results.json": "A", "shortlist.md": "A", "scorecards/a.html": "A"}
    write_staged(_run_writer({**first, "scorecards/b.html": "A"}), out)  # type: ignore[arg-type]

    write_staged(_run_writer({name: "B" for name in first}), out)  # type: ignore[arg-type]

    assert _files(out) == [".kipp-files.json", "results.json", "scorecards/a.html", "shortlist.md"]
    assert {name: (out / name).read_text(encoding="utf-8") for name in first} == {
        name: "B" for name in first
    }
    assert listed_files(out) == {name: (_sha(b"B"),) for name in first}


@pytest.mark.parametrize(
    "name", ["results.xlsx", "shortlist.md", "scorecards/a.html"], ids=lambda name: name
)
def test_a_listed_document_edited_by_hand_stops_the_run_and_is_left_byte_identical(
    tmp_path: Path, name: str
) -> None:
    out = tmp_path / "out"
    first = {
        "results.json": "A",
        "results.xlsx": "A",
        "shortlist.md": "A",
        "scorecards/a.html": "A",
    }
    write_staged(_run_writer(first), out)  # type: ignore[arg-type]
    edited = b"PK\x03\x04 saved by a spreadsheet program \xff"
    (out / name).write_bytes(edited)
    manifest = (out / ".kipp-files.json").read_bytes()

    with pytest.raises(ForeignFilesError) as caught:
        write_staged(_run_writer({n: "B" for n in first}), out)  # type: ignore[arg-type]

    assert said(caught.value.message) == (
        f"the output folder {out} already holds files that kipp did not write, where kipp "
        f"writes its documents: {name} (changed since kipp wrote it)"
    )
    assert said(caught.value.hint) == (CARDS_HINT if name.startswith("scorecards/") else HINT)
    assert (out / name).read_bytes() == edited
    assert (out / "results.json").read_text(encoding="utf-8") == "A"  # nothing moved in
    assert (out / ".kipp-files.json").read_bytes() == manifest


def test_a_document_edited_by_hand_that_a_run_no_longer_writes_stays_and_is_unlisted(
    tmp_path: Path,
) -> None:
    out = tmp_path / "out"
    write_staged(_run_writer({"results.json": "A", "compliance.csv": "A"}), out)  # type: ignore[arg-type]
    (out / "compliance.csv").write_text("A, with the coordinator's notes", encoding="utf-8")

    write_staged(_run_writer({"results.json": "B"}), out)  # type: ignore[arg-type]

    assert _files(out) == [".kipp-files.json", "compliance.csv", "results.json"]
    assert (out / "compliance.csv").read_text(encoding="utf-8") == (
        "A, with the coordinator's notes"
    )
    assert listed_files(out) == {"results.json": (_sha(b"B"),)}


@pytest.mark.parametrize(
    "manifest",
    [
        pytest.param('["notes.docx", "scorecards/mine.html"]', id="an older kipp's list"),
        pytest.param('{"notes.docx": null, "scorecards/mine.html": null}', id="no sha256"),
        pytest.param(
            json.dumps(dict.fromkeys(["notes.docx", "scorecards/mine.html"], _sha(b"other"))),
            id="another sha256",
        ),
    ],
)
def test_a_doctored_manifest_listing_a_persons_files_does_not_remove_them(
    tmp_path: Path, manifest: str
) -> None:
    out = tmp_path / "out"
    (out / "scorecards").mkdir(parents=True)
    (out / "notes.docx").write_bytes(b"the coordinator's notes")
    (out / "scorecards" / "mine.html").write_bytes(b"<p>my own page</p>")
    (out / ".kipp-files.json").write_text(manifest, encoding="utf-8")

    write_staged(_run_writer({"results.json": "B", "scorecards/a.html": "B"}), out)  # type: ignore[arg-type]

    assert (out / "notes.docx").read_bytes() == b"the coordinator's notes"
    assert (out / "scorecards" / "mine.html").read_bytes() == b"<p>my own page</p>"
    assert listed_files(out) == {
        "results.json": (_sha(b"B"),),
        "scorecards/a.html": (_sha(b"B"),),
    }


def test_a_document_an_older_kipp_listed_stops_the_run_where_the_run_writes(
    tmp_path: Path,
) -> None:
    out = tmp_path / "out"
    out.mkdir()
    (out / "results.json").write_text("A", encoding="utf-8")
    (out / ".kipp-files.json").write_text('["results.json"]', encoding="utf-8")

    with pytest.raises(ForeignFilesError) as caught:
        write_staged(_run_writer({"results.json": "B"}), out)  # type: ignore[arg-type]

    assert said(caught.value.message) == (
        f"the output folder {out} holds documents listed without a fingerprint (sha256), by an "
        "older kipp or in an edited .kipp-files.json, so kipp cannot tell whether they were "
        "changed since they were written: results.json"
    )
    assert (out / "results.json").read_text(encoding="utf-8") == "A"
    assert (out / ".kipp-files.json").read_text(encoding="utf-8") == '["results.json"]'
