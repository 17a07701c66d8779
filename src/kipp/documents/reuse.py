"""Reusing the previous run's scorecards, shortlist PDF and workbook when what they show has
not changed.

A national batch has thousands of scorecards, and rendering them is a noticeable part of a
run (figures: bench/README.md). A re-run after one edited file changes one or a few of them.
Each scorecard's content is a function of its proposal's results, the rubric, the run's
language, batch folder, day and code, and of the libraries that render it: `scorecard_key`
hashes those inputs. A run records, per output folder, each scorecard's key and the sha256
of the bytes it wrote; the next run into the same folder takes a scorecard from that folder
instead of rendering it when its key is the same and the file there is still a regular file
with the recorded sha256 (a file edited, replaced by another run or by a link, or missing is
rendered again; one edited or replaced by a link is no longer kipp's, so the run then stops
rather than replace it: `kipp.documents.outfolder`): it is hard-linked into the new run's
folder, or copied where the file system cannot link. The record lives in the cache dir
(`<cache dir>/documents/`), never in the output folder, so deleting the cache only costs a
full render. `written` gives the sha256s this run recorded, for the output folder's manifest
(`kipp.documents.staging.write_staged`).

The shortlist PDF, the workbook and the minutes' PDF are reused too (`take_document`: their
bytes are read and written anew), keyed by what they show: the PDFs by their print HTML and
the native libraries that render them, the workbook by its cells
(`kipp.documents.workbook.workbook_key`). Both show the run's date, not its time, and
neither lists the input files' digests (times and digests are in results.json), so a re-run
that changes nothing they show copies them: the same day, or after an edit that moves no
result they show.
"""

from __future__ import annotations

import hashlib
import importlib.metadata
import json
import os
import stat
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path

from kipp.core.atomic import write_atomic
from kipp.core.caching import code_version, digest
from kipp.documents.render.pdf import native_libraries
from kipp.results import Results
from kipp.rubric import Rubric

RECORD_VERSION = 1


def renderers(pdf: bool, natives: str | None = None) -> str:
    """The versions of the libraries that turn a scorecard's view into bytes: Jinja2 and
    MarkupSafe, and for PDFs WeasyPrint, pydyf and the HarfBuzz and Pango it loaded
    (`natives` when the PDF's child process said so, else loaded here to ask). The
    installed fonts are not part of it: a font installed or removed since is not noticed
    until the proposal's results or the code change (delete the cache dir to render all)."""
    names = ("jinja2", "markupsafe", *(("weasyprint", "pydyf") if pdf else ()))
    found = [f"{name} {_version(name)}" for name in names]
    if pdf:
        found.append(native_libraries() if natives is None else natives)
    return "; ".join(found)


def _version(name: str) -> str:
    try:
        return importlib.metadata.version(name)
    except importlib.metadata.PackageNotFoundError:
        return "?"


def scorecards_context(results: Results, rubric: Rubric, pdf: bool) -> str:
    """What every scorecard of a run shows besides its proposal: code (templates and
    translations included), rubric, language, batch folder and settings (the region and the
    call in the header), the run's day and version, and whether PDFs are written; and what
    renders them (`renderers`)."""
    run = results.run
    day = datetime.fromisoformat(run.finished_at).date().isoformat()
    return digest(
        code_version(),
        renderers(pdf),
        rubric.model_dump_json(),
        run.lang.value,
        run.batch,
        "" if run.settings is None else run.settings.model_dump_json(),
        day,
        run.code_version,
        str(pdf),
    )


def scorecard_key(context: str, proposal: str) -> str:
    """The key of one scorecard: its run's context and its proposal's results, given as the
    sha256 of the proposal as results.json holds it (`proposal_digest`), which writing
    results.json computes anyway."""
    return digest(context, proposal)


def proposal_digest(proposal_json: bytes) -> str:
    """The sha256 of a proposal's JSON as results.json holds it."""
    return hashlib.sha256(proposal_json).hexdigest()


def _sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


@dataclass
class ScorecardReuse:
    """The scorecards an output folder holds from its previous run, and the record of this
    run's. `place` puts a scorecard's files into the new run's folder when they can be
    reused; `keep_digests` records what this run rendered; `save` writes the record (after
    the documents are moved in, so a run that failed leaves the previous record, whose
    files are still checked by sha256)."""

    folder: Path  # the previous run's scorecards folder (`<out>/scorecards`)
    record: Path  # this output folder's record in the cache dir
    previous: dict[str, dict[str, object]] = field(default_factory=dict)
    current: dict[str, dict[str, object]] = field(default_factory=dict)
    hits: int = 0
    misses: int = 0
    # the run's documents of the output folder itself (`shortlist.pdf`, `results.xlsx`)
    previous_documents: dict[str, dict[str, object]] = field(default_factory=dict)
    current_documents: dict[str, dict[str, object]] = field(default_factory=dict)
    documents_reused: list[str] = field(default_factory=list)

    @classmethod
    def for_output(cls, out_dir: Path, cache: Path) -> ScorecardReuse:
        """The reuse of the output folder `out_dir`, its record under `cache`."""
        resolved = out_dir.resolve()
        record = cache / "documents" / f"{digest(str(resolved))[:32]}.json"
        reuse = cls(folder=resolved / "scorecards", record=record)
        reuse.previous = _read_record(record, resolved)
        reuse.previous_documents = _read_record(record, resolved, "documents")
        return reuse

    def take_document(self, name: str, key: str) -> bytes | None:
        """The previous run's document `name` in the output folder when it was made from the
        inputs `key` and still has its recorded sha256; else None."""
        entry = self.previous_documents.get(name)
        if entry is None or entry.get("key") != key:
            return None
        try:
            data = (self.folder.parent / name).read_bytes()
        except OSError:
            return None
        if entry.get("sha256") != _sha256(data):
            return None
        self.documents_reused.append(name)
        return data

    def keep_document(self, name: str, key: str, data: bytes) -> None:
        """Record that this run wrote the document `name`, made from the inputs `key`."""
        self.current_documents[name] = {"key": key, "sha256": _sha256(data)}

    def place(self, name: str, key: str, suffixes: tuple[str, ...], into: Path) -> bool:
        """Put the previous run's files `name + suffix` of the scorecard `key` into the
        folder `into` (a run's staging folder), when the record has that key for `name` and
        every file still has its recorded sha256; whether it did
        (counted in `hits` or `misses`). Each file is hard-linked, not copied (writing thousands
        of files is much of a re-run's documents): the link is checked to be a regular file
        with the recorded sha256 before it counts. Where a link cannot be made (another
        file system, one without links), the bytes are copied. Nothing is kept in `into`
        when the scorecard cannot be reused."""
        entry = self.previous.get(name)
        hashes = entry.get("sha256") if entry is not None and entry.get("key") == key else None
        placed: list[Path] = []
        if isinstance(hashes, dict):
            for suffix in suffixes:
                target = into / f"{name}{suffix}"
                if not _linked_or_copied(self.folder / f"{name}{suffix}", target):
                    break
                placed.append(target)
                if hashes.get(suffix) != _file_sha256(target):
                    break
            else:
                self.hits += 1
                self.keep_digests(name, key, {suffix: str(hashes[suffix]) for suffix in suffixes})
                return True
        for target in placed:
            target.unlink(missing_ok=True)
        self.misses += 1
        return False

    def keep_digests(self, name: str, key: str, digests: dict[str, str]) -> None:
        """Record that this run wrote files of these sha256 (suffix -> hex digest) for the
        scorecard `key`."""
        self.current[name] = {"key": key, "sha256": dict(digests)}

    def written(self) -> dict[str, str]:
        """The sha256 of each file this run recorded (`keep_digests`, `keep_document`), by
        its path relative to the run's folder (`scorecards/<name>.html`, `results.xlsx`): the
        digests of the bytes as they were written or checked, which `write_staged` records in
        the output folder's manifest without reading the files again."""
        found = {name: str(entry["sha256"]) for name, entry in self.current_documents.items()}
        for name, entry in self.current.items():
            hashes = entry["sha256"]
            if isinstance(hashes, dict):
                found.update(
                    (f"{self.folder.name}/{name}{suffix}", str(sha))
                    for suffix, sha in hashes.items()
                )
        return found

    def save(self) -> None:
        """Write this run's record (atomically; a record that cannot be written is skipped:
        the next run renders everything)."""
        body = {
            "version": RECORD_VERSION,
            "folder": str(self.folder.parent),
            "scorecards": self.current,
            "documents": self.current_documents,
        }
        try:
            write_atomic(self.record, json.dumps(body, separators=(",", ":")))
        except OSError:
            return


def _linked_or_copied(source: Path, target: Path) -> bool:
    """`source` hard-linked as `target`, or its bytes written there when no link can be made;
    False, with nothing left at `target`, when `source` is not a regular file (a symbolic
    link is never linked: kipp never writes one into an output folder, nor through one) or
    cannot be read."""
    try:
        if not stat.S_ISREG(source.lstat().st_mode):
            return False
        try:
            os.link(source, target, follow_symlinks=False)
        except OSError:
            target.write_bytes(source.read_bytes())
        if stat.S_ISREG(target.lstat().st_mode):  # a link swapped in meanwhile is not taken
            return True
    except OSError:
        pass
    target.unlink(missing_ok=True)
    return False


def _file_sha256(path: Path) -> str | None:
    try:
        return _sha256(path.read_bytes())
    except OSError:
        return None


def _read_record(
    record: Path, folder: Path, part: str = "scorecards"
) -> dict[str, dict[str, object]]:
    """The scorecards (or the documents) recorded for `folder`, or none when the record is
    missing, unreadable, of another version or of another folder (two folders whose names
    hash alike)."""
    try:
        body = json.loads(record.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    if not isinstance(body, dict) or body.get("version") != RECORD_VERSION:
        return {}
    if body.get("folder") != str(folder):
        return {}
    cards = body.get(part)
    if not isinstance(cards, dict):
        return {}
    return {name: entry for name, entry in cards.items() if isinstance(entry, dict)}
