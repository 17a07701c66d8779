"""The output folder is checked before any work: every refusal names the folder and the fix."""

from __future__ import annotations

import hashlib
import json
import os
import threading
import time
from pathlib import Path

import pytest
from builders import said

from kipp.core import caching
from kipp.core.i18n import Lang
from kipp.documents import outfolder
from kipp.documents.outfolder import (
    Foreign,
    OutputFolderError,
    Why,
    check_output_folder,
    default_out_dir,
    foreign_files,
    hash_documents_ahead,
    listed_files,
)

SHA_KIPP = hashlib.sha256(b"kipp").hexdigest()
HINT = (
    "kipp does not overwrite files it did not write or that were changed since it wrote them: "
    "move those files elsewhere or rename them, or give another output folder with --out"
)
# when one of them is in scorecards/, where renaming it to another .html would not help
CARDS_HINT = (
    "kipp does not overwrite files it did not write or that were changed since it wrote them: "
    "move those files elsewhere or rename them, and those in scorecards/ out of that folder "
    "(kipp writes every .html and .pdf there, whatever its name; other files may stay); or "
    "give another output folder with --out"
)


def refusal(out: Path, batch: Path) -> tuple[str, str]:
    with pytest.raises(OutputFolderError) as caught:
        check_output_folder(out, batch)
    return said(caught.value.message), said(caught.value.hint)


@pytest.fixture
def batch(tmp_path: Path) -> Path:
    folder = tmp_path / "kumpulan"
    folder.mkdir()
    return folder


def test_output_folder_beside_the_batch_is_accepted_and_nothing_is_created(
    tmp_path: Path, batch: Path
) -> None:
    check_output_folder(tmp_path / "hasil", batch)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["kumpulan"]


def test_output_folder_that_is_the_batch_is_refused(batch: Path) -> None:
    assert refusal(batch, batch) == (
        f"the output folder {batch} is inside the batch folder {batch}",
        "write the documents outside the batch folder, e.g. --out outputs/batch-name",
    )


def test_output_folder_inside_the_batch_is_refused(batch: Path) -> None:
    out = batch / "_hasil"
    assert refusal(out, batch)[0] == f"the output folder {out} is inside the batch folder {batch}"


def test_output_folder_holding_the_batch_is_refused(tmp_path: Path, batch: Path) -> None:
    assert refusal(tmp_path, batch)[0] == (
        f"the output folder {tmp_path} holds the batch folder {batch}"
    )


def test_output_folder_that_is_a_file_is_refused(tmp_path: Path, batch: Path) -> None:
    out = tmp_path / "hasil.txt"
    out.write_text("catatan", encoding="utf-8")
    assert refusal(out, batch) == (
        f"the output folder {out} is a file, not a folder",
        "give a folder (existing or not) with --out",
    )
    assert out.read_text(encoding="utf-8") == "catatan"


def test_output_folder_at_the_root_or_home_is_refused(batch: Path) -> None:
    assert refusal(Path("/"), batch)[0] == "the output folder / is the root or the home folder"
    home = Path.home()
    assert refusal(home, batch)[0] == f"the output folder {home} is the root or the home folder"


def test_output_folder_that_is_a_link_is_refused(tmp_path: Path, batch: Path) -> None:
    real = tmp_path / "asli"
    real.mkdir()
    link = tmp_path / "hasil"
    link.symlink_to(real)
    assert refusal(link, batch) == (
        f"the output folder {link} is a symbolic link; kipp does not write through links",
        "give the folder it points to with --out",
    )


def test_output_folder_whose_scorecards_folder_is_a_link_is_refused(
    tmp_path: Path, batch: Path
) -> None:
    out = tmp_path / "hasil"
    out.mkdir()
    elsewhere = tmp_path / "di-luar"
    elsewhere.mkdir()
    (out / "scorecards").symlink_to(elsewhere)
    assert refusal(out, batch)[0] == (
        f"{out / 'scorecards'} is a symbolic link; kipp does not write scorecards through links"
    )


def test_output_folder_whose_lock_file_is_a_link_is_refused(tmp_path: Path, batch: Path) -> None:
    out = tmp_path / "hasil"
    out.mkdir()
    (out / ".kipp.lock").symlink_to(tmp_path / "di-luar.txt")
    assert refusal(out, batch) == (
        f"{out / '.kipp.lock'} is a symbolic link; kipp does not write its lock file through links",
        "remove the link or give another output folder with --out",
    )
    assert not (tmp_path / "di-luar.txt").exists()


def test_an_existing_output_folder_is_accepted_when_only_its_parent_cannot_be_written(
    tmp_path: Path, batch: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    parent = tmp_path / "bersama"
    out = parent / "hasil"
    out.mkdir(parents=True)
    asked: list[Path] = []

    def writable(folder: Path) -> bool:  # stands for a parent without write permission
        asked.append(folder)
        return folder != parent

    monkeypatch.setattr(outfolder, "_writable", writable)
    check_output_folder(out, batch)  # kipp writes nothing beside the output folder
    assert asked == [out]


@pytest.mark.skipif(not Path("/proc/self").is_dir(), reason="needs Linux's /proc")
def test_output_folder_where_no_file_can_be_made_is_refused(batch: Path) -> None:
    # /proc takes no new file, not even from root (as a read-only mount would not)
    out = Path("/proc/hasil-kipp")
    assert refusal(out, batch) == (
        f"the output folder {out} cannot be written (no file can be made in /proc)",
        "give a folder you may write to with --out",
    )


def test_default_output_folder_is_the_batch_name_under_outputs(batch: Path) -> None:
    assert default_out_dir(batch) == Path("outputs") / "kumpulan"


def test_output_folder_holding_a_document_kipp_did_not_write_is_refused_and_kept(
    tmp_path: Path, batch: Path
) -> None:
    out = tmp_path / "hasil"
    (out / "scorecards").mkdir(parents=True)
    (out / "shortlist.pdf").write_text("daftar pendek versi saya", encoding="utf-8")
    (out / "scorecards" / "gayatri.html").write_text("catatan saya", encoding="utf-8")
    (out / "scorecards" / "catatan.txt").write_text("bukan dokumen kipp", encoding="utf-8")
    assert refusal(out, batch) == (
        f"the output folder {out} already holds files that kipp did not write, where kipp "
        "writes its documents: shortlist.pdf, scorecards/gayatri.html",
        CARDS_HINT,
    )
    assert (out / "shortlist.pdf").read_text(encoding="utf-8") == "daftar pendek versi saya"


def test_a_page_of_ones_own_in_scorecards_is_refused_with_a_fix_that_works(
    tmp_path: Path, batch: Path
) -> None:
    out = tmp_path / "hasil"
    (out / "scorecards").mkdir(parents=True)
    (out / "scorecards" / "catatan-saya.html").write_text("<p>catatan</p>", encoding="utf-8")

    assert refusal(out, batch) == (
        f"the output folder {out} already holds files that kipp did not write, where kipp "
        "writes its documents: scorecards/catatan-saya.html",
        CARDS_HINT,
    )
    (out / "scorecards" / "catatan-saya.html").rename(out / "catatan-saya.html")  # the fix
    check_output_folder(out, batch)


def test_a_document_of_ones_own_at_the_top_may_be_renamed(tmp_path: Path, batch: Path) -> None:
    out = tmp_path / "hasil"
    out.mkdir()
    (out / "shortlist.pdf").write_text("daftar pendek versi saya", encoding="utf-8")

    assert refusal(out, batch)[1] == HINT
    (out / "shortlist.pdf").rename(out / "shortlist-saya.pdf")  # the fix
    check_output_folder(out, batch)


def test_output_folder_whose_documents_kipp_wrote_is_accepted(tmp_path: Path, batch: Path) -> None:
    out = tmp_path / "hasil"
    (out / "scorecards").mkdir(parents=True)
    for name in ("results.json", "shortlist.pdf", "scorecards/gayatri.html"):
        (out / name).write_text("kipp", encoding="utf-8")
    (out / "catatan-koordinator.txt").write_text("milik koordinator", encoding="utf-8")
    listed = {name: SHA_KIPP for name in ("results.json", "scorecards/gayatri.html")}
    # a file kipp replaced in a run killed while moving its files in: either content is kipp's
    listed["shortlist.pdf"] = [SHA_KIPP, hashlib.sha256(b"baru").hexdigest()]
    (out / ".kipp-files.json").write_text(json.dumps(listed), encoding="utf-8")
    check_output_folder(out, batch)


def test_the_refusal_names_five_files_kipp_did_not_write_and_counts_the_rest(
    tmp_path: Path, batch: Path
) -> None:
    out = tmp_path / "hasil"
    out.mkdir()
    names = ["results.json", "scores.csv", "shortlist.md", "shortlist.html", "shortlist.pdf"]
    for name in [*names, "results.xlsx", "reviews.csv"]:
        (out / name).write_text("milik orang lain", encoding="utf-8")
    assert refusal(out, batch)[0] == (
        f"the output folder {out} already holds files that kipp did not write, where kipp "
        f"writes its documents: {', '.join(names)}, and 2 more"
    )


def _kipps_folder(out: Path, names: list[str]) -> None:
    """`out` as a run of kipp left it: each of `names` holding `kipp`, listed with its sha256."""
    for name in names:
        (out / name).parent.mkdir(parents=True, exist_ok=True)
        (out / name).write_text("kipp", encoding="utf-8")
    listed = dict.fromkeys(names, SHA_KIPP)
    (out / ".kipp-files.json").write_text(json.dumps(listed), encoding="utf-8")


def test_output_folder_with_a_listed_document_changed_since_kipp_wrote_it_is_refused_and_kept(
    tmp_path: Path, batch: Path
) -> None:
    out = tmp_path / "hasil"
    _kipps_folder(out, ["results.json", "results.xlsx", "scorecards/gayatri.html"])
    (out / "results.xlsx").write_bytes(b"saved from Excel")
    (out / "scorecards" / "gayatri.html").write_text("kipp, dengan catatan", encoding="utf-8")

    with pytest.raises(OutputFolderError) as caught:
        check_output_folder(out, batch)

    assert said(caught.value.message) == (
        f"the output folder {out} already holds files that kipp did not write, where kipp "
        "writes its documents: results.xlsx (changed since kipp wrote it), "
        "scorecards/gayatri.html (changed since kipp wrote it)"
    )
    assert said(caught.value.hint) == CARDS_HINT
    assert said(caught.value.message, Lang.ID) == (
        f"folder keluaran {out} sudah memuat berkas yang tidak ditulis kipp, di tempat kipp "
        "akan menulis dokumennya: results.xlsx (diubah sesudah kipp menulisnya), "
        "scorecards/gayatri.html (diubah sesudah kipp menulisnya)"
    )
    assert said(caught.value.hint, Lang.ID) == (
        "kipp tidak menimpa berkas yang tidak ditulisnya atau yang diubah sesudah ditulisnya: "
        "pindahkan berkas itu ke folder lain atau ganti namanya; yang di scorecards/ pindahkan "
        "ke luar folder itu (kipp menulis setiap berkas .html dan .pdf di sana, apa pun "
        "namanya; berkas lain boleh tinggal); atau sebutkan folder keluaran lain dengan --out"
    )
    assert (out / "results.xlsx").read_bytes() == b"saved from Excel"


def test_output_folder_whose_manifest_has_no_sha256s_is_refused_naming_the_files(
    tmp_path: Path, batch: Path
) -> None:
    out = tmp_path / "hasil"
    _kipps_folder(out, ["results.json", "shortlist.md"])
    # an older kipp's manifest: the paths alone
    (out / ".kipp-files.json").write_text('["results.json", "shortlist.md"]', encoding="utf-8")

    with pytest.raises(OutputFolderError) as caught:
        check_output_folder(out, batch)

    assert said(caught.value.message) == (
        f"the output folder {out} holds documents listed without a fingerprint (sha256), by an "
        "older kipp or in an edited .kipp-files.json, so kipp cannot tell whether they were "
        "changed since they were written: results.json, shortlist.md"
    )
    assert said(caught.value.hint) == (
        "kipp does not overwrite files it did not write or that were changed since it wrote "
        "them, and cannot check files listed by an older kipp or in an edited .kipp-files.json: "
        "move those files (or the whole folder) elsewhere or rename them, or give another "
        "output folder with --out"
    )
    assert said(caught.value.message, Lang.ID) == (
        f"folder keluaran {out} memuat dokumen yang dicatat tanpa sidik berkas (sha256), oleh "
        "kipp versi lama atau di .kipp-files.json yang diubah, sehingga kipp tidak dapat "
        "memastikan dokumen itu belum diubah sejak ditulis: results.json, shortlist.md"
    )
    assert said(caught.value.hint, Lang.ID) == (
        "kipp tidak menimpa berkas yang tidak ditulisnya atau yang diubah sesudah ditulisnya, "
        "dan tidak dapat memeriksa berkas yang dicatat kipp versi lama atau tercatat di "
        ".kipp-files.json yang diubah: pindahkan berkas itu (atau seluruh folder) ke tempat lain "
        "atau ganti namanya, atau sebutkan folder keluaran lain dengan --out"
    )
    assert (out / "results.json").read_text(encoding="utf-8") == "kipp"


def test_output_folder_with_unchecked_and_unlisted_files_says_why_of_each(
    tmp_path: Path, batch: Path
) -> None:
    out = tmp_path / "hasil"
    _kipps_folder(out, ["results.json"])
    (out / ".kipp-files.json").write_text('["results.json"]', encoding="utf-8")
    (out / "shortlist.pdf").write_bytes(b"%PDF mine")

    with pytest.raises(OutputFolderError) as caught:
        check_output_folder(out, batch)

    assert said(caught.value.message) == (
        f"the output folder {out} already holds files that kipp did not write, where kipp "
        "writes its documents: results.json (kipp cannot tell whether it was changed), "
        "shortlist.pdf"
    )


@pytest.mark.parametrize(
    "entry",
    [
        pytest.param(None, id="null"),
        pytest.param("not a sha256", id="text"),
        pytest.param(SHA_KIPP.upper(), id="upper case"),
        pytest.param([], id="empty list"),
        pytest.param([SHA_KIPP, 7], id="list with a number"),
    ],
)
def test_a_manifest_entry_that_is_not_a_sha256_checks_nothing(
    tmp_path: Path, entry: object
) -> None:
    out = tmp_path / "hasil"
    _kipps_folder(out, ["results.json"])
    (out / ".kipp-files.json").write_text(json.dumps({"results.json": entry}), encoding="utf-8")

    assert listed_files(out) == {"results.json": ()}
    assert foreign_files(out, ["results.json"], listed_files(out)) == [
        Foreign("results.json", Why.UNCHECKED)
    ]


def test_a_file_edited_after_the_check_before_work_is_seen_as_changed_by_the_next_check(
    tmp_path: Path, batch: Path
) -> None:
    out = tmp_path / "hasil"
    _kipps_folder(out, ["shortlist.md"])
    hour_ago = time.time_ns() - 3_600 * 10**9
    os.utime(out / "shortlist.md", ns=(hour_ago, hour_ago))  # settled: its sha256 is kept
    check_output_folder(out, batch)

    with (out / "shortlist.md").open("r+b") as stream:  # edited in place, the same size
        stream.write(b"KIPP")

    assert foreign_files(out, ["shortlist.md"], listed_files(out)) == [
        Foreign("shortlist.md", Why.CHANGED)
    ]
    assert (out / "shortlist.md").read_bytes() == b"KIPP"


def _settled_at_once(monkeypatch: pytest.MonkeyPatch) -> None:
    """A file counts as settled as soon as it was written (the tests cannot wait 2 s)."""
    monkeypatch.setattr(caching, "SETTLED_NS", 0)
    time.sleep(0.02)  # past the file system's coarse clock


def _reads_counted(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """Every file hashed from now on, as the name of its digest."""
    read: list[str] = []
    digest = hashlib.file_digest

    def counted(stream: object, name: str) -> object:
        read.append(name)
        return digest(stream, name)  # type: ignore[arg-type]

    monkeypatch.setattr(outfolder.hashlib, "file_digest", counted)
    return read


@pytest.mark.parametrize("first", ["the command's check", "remembered while a watch waits"])
def test_the_checks_of_one_process_read_a_settled_document_once(
    tmp_path: Path, batch: Path, monkeypatch: pytest.MonkeyPatch, first: str
) -> None:
    out = tmp_path / "hasil"
    _kipps_folder(out, ["shortlist.md", "results.json"])
    _settled_at_once(monkeypatch)
    read = _reads_counted(monkeypatch)
    if first == "the command's check":
        check_output_folder(out, batch)
    else:  # `kipp run --watch` between its runs
        hash_documents_ahead(out, threading.Event())
    check_output_folder(out, batch)  # the flow's

    assert read == ["sha256", "sha256"]  # each of the two documents, by the first read


def test_hashing_ahead_stops_when_the_next_run_begins_first(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    out = tmp_path / "hasil"
    _kipps_folder(out, ["shortlist.md"])
    _settled_at_once(monkeypatch)
    read: list[str] = []
    monkeypatch.setattr(outfolder.hashlib, "file_digest", lambda *args: read.append("sha256"))
    begun = threading.Event()
    begun.set()
    hash_documents_ahead(out, begun)
    assert read == []


def test_a_document_edited_and_given_its_old_time_back_is_seen_as_changed(
    tmp_path: Path, batch: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    out = tmp_path / "hasil"
    _kipps_folder(out, ["shortlist.md"])
    _settled_at_once(monkeypatch)
    written = (out / "shortlist.md").stat()
    check_output_folder(out, batch)  # its sha256 is remembered

    with (out / "shortlist.md").open("r+b") as stream:  # the same size, the same time
        stream.write(b"KIPP")
    os.utime(out / "shortlist.md", ns=(written.st_atime_ns, written.st_mtime_ns))

    assert (out / "shortlist.md").stat().st_mtime_ns == written.st_mtime_ns
    assert foreign_files(out, ["shortlist.md"], listed_files(out)) == [
        Foreign("shortlist.md", Why.CHANGED)
    ]
