"""The output folder, checked before any work: a run writes its documents only where it can
do so without reading its own output as proposals, without writing through a symbolic link,
and without touching the system's or the user's top folders.

kipp writes nothing outside the output folder: the documents, the staging folder they are
rendered in and the folder's lock file all live inside it (created with its missing parents
when it does not exist). It refuses, with the fix, an output folder that:
- is `/` or the user's home folder;
- is a file, or a symbolic link (give the folder it points to);
- is the batch folder, lies inside it, or contains it (a second run would read the first
  run's documents as proposals, and a run would replace files of the batch);
- holds a symbolic link where kipp writes a folder of its own (`scorecards/`) or its lock
  file (`.kipp.lock`);
- holds, where kipp writes a document, a file that kipp did not write (not listed in the
  folder's manifest, `.kipp-files.json`): kipp never overwrites what it did not write. The
  run's own staging write checks every file again before moving anything in
  (`kipp.documents.staging`);
- cannot be written (or, when it does not exist, its nearest existing parent).
"""

from __future__ import annotations

import contextlib
import json
import os
import tempfile
from pathlib import Path

from kipp.core.problems import KippError

# the folders kipp writes inside an output folder (a link there would be written through)
OWN_FOLDERS = ("scorecards",)
LOCK = ".kipp.lock"  # the output folder's lock file (`kipp.documents.staging`)
MANIFEST = ".kipp-files.json"  # what kipp wrote in the folder (`kipp.documents.staging`)
# the documents a run writes at the top of its output folder (`kipp.documents.outputs`)
DOCUMENTS = (
    "results.json",
    "scores.csv",
    "shortlist.md",
    "shortlist.html",
    "shortlist.pdf",
    "results.xlsx",
    "compliance.csv",
    "reviews.csv",
    "berita-acara.html",
    "berita-acara.pdf",
    "berita-acara.docx",
)
SCORECARD_SUFFIXES = (".html", ".pdf")
SHOWN_FOREIGN = 5  # files named in the refusal; the rest counted


class OutputFolderError(KippError):
    """The output folder cannot hold a run's documents."""


def default_out_dir(batch: Path | str) -> Path:
    """`outputs/<batch folder name>/`, the output folder when none is given."""
    return Path("outputs") / Path(batch).resolve().name


def _nearest_existing(path: Path) -> Path:
    for candidate in (path, *path.parents):
        if candidate.exists():
            return candidate
    return Path(path.anchor or ".")


def _writable(folder: Path) -> bool:
    """Whether a file can be created in `folder` (tried, then removed: permissions alone do
    not tell for root or a read-only mount)."""
    try:
        handle, name = tempfile.mkstemp(dir=folder, prefix=".kipp-probe-")
    except OSError:
        return False
    os.close(handle)
    with contextlib.suppress(OSError):
        os.unlink(name)
    return True


def check_output_folder(out: Path, batch: Path) -> None:
    """Raise `OutputFolderError` (with the fix) when `out` cannot receive the documents of a
    run of the batch folder `batch`; return quietly otherwise. Creates nothing."""
    shown = str(out)
    if out.is_symlink():
        raise OutputFolderError.of("error.out.link", "hint.out.link", folder=shown)
    resolved = out.resolve()
    home = Path.home().resolve()
    if resolved == Path(resolved.anchor) or resolved == home:
        raise OutputFolderError.of("error.out.top", "hint.out.top", folder=shown)
    if resolved.exists() and not resolved.is_dir():
        raise OutputFolderError.of("error.out.file", "hint.out.file", folder=shown)
    source = batch.resolve()
    if resolved == source or resolved.is_relative_to(source):
        raise OutputFolderError.of(
            "error.out.in_batch", "hint.out.batch", folder=shown, batch=str(batch)
        )
    if source.is_relative_to(resolved):
        raise OutputFolderError.of(
            "error.out.holds_batch", "hint.out.batch", folder=shown, batch=str(batch)
        )
    for name in OWN_FOLDERS:
        inner = resolved / name
        if inner.is_symlink():
            raise OutputFolderError.of(
                "error.out.inner_link", "hint.out.inner_link", folder=str(out / name)
            )
    foreign = foreign_files(resolved, _documents_in(resolved), listed_files(resolved))
    if foreign:
        raise foreign_error(out, foreign)
    lock = resolved / LOCK
    if lock.is_symlink():
        raise OutputFolderError.of(
            "error.out.lock_link", "hint.out.inner_link", file=str(out / LOCK)
        )
    existing = _nearest_existing(resolved)
    if not _writable(existing):
        raise OutputFolderError.of(
            "error.out.read_only", "hint.out.read_only", folder=shown, where=str(existing)
        )


class ForeignFilesError(OutputFolderError):
    """The output folder holds, where kipp writes, files that kipp did not write."""


def listed_files(out_dir: Path) -> set[str]:
    """The files the manifest of `out_dir` lists as kipp's (relative, `/`-separated); empty
    when there is no readable manifest. Entries are not checked here: a caller that removes
    files checks that each lies inside the folder."""
    try:
        listed = json.loads((out_dir / MANIFEST).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return set()
    if not isinstance(listed, list):
        return set()
    return {p for p in listed if isinstance(p, str)}


def _documents_in(folder: Path) -> list[str]:
    """What a run of kipp may write that is already in `folder`: its top-level documents and
    the scorecards in `scorecards/` (relative paths)."""
    found = [name for name in DOCUMENTS if _occupied(folder / name)]
    cards = folder / OWN_FOLDERS[0]
    if cards.is_dir() and not cards.is_symlink():
        found += [
            f"{OWN_FOLDERS[0]}/{entry.name}"
            for entry in sorted(cards.iterdir())
            if entry.suffix.lower() in SCORECARD_SUFFIXES
        ]
    return found


def _occupied(path: Path) -> bool:
    return path.exists() or path.is_symlink()


def foreign_files(out_dir: Path, relatives: list[str], listed: set[str]) -> list[str]:
    """Those of `relatives` (relative to `out_dir`) that exist there but that kipp did not
    write: not `listed` in the folder's manifest (`listed_files`)."""
    return [r for r in relatives if r not in listed and _occupied(out_dir / r)]


def foreign_error(out: Path, foreign: list[str]) -> ForeignFilesError:
    """The refusal naming the first files kipp did not write and how many there are."""
    shown = ", ".join(foreign[:SHOWN_FOREIGN])
    more = len(foreign) - SHOWN_FOREIGN
    return ForeignFilesError.of(
        "error.out.foreign_more" if more > 0 else "error.out.foreign",
        "hint.out.foreign",
        folder=str(out),
        files=shown,
        more=max(more, 0),
    )
