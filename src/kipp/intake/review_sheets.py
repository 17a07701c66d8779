"""The reviewers' files of a batch, read once with the proposals: the panel
(`reviewers.yaml` beside the proposals), `assignments.csv` and the returned scoresheets in
`_reviews/`, each row numbered as a spreadsheet shows it. Checking the rows against the
rubric, the panel and the proposals is `kipp.reviews.ingest`'s part.

Scoresheets come back as reviewers save them: `.xlsx` (or `.xlsm`), `.xls`, `.ods` or `.csv`
(any separator, RFC 4180 quoting), all read by `kipp.intake.sheets`. In a workbook the scores
sheet is the one named as `kipp assign` names it (`Nilai`, or `Scores` in English) when it
holds anything: a copy of it that a reviewer made (`Nilai (2)`) is reported as not read.
Without it, the scores sheet is the first whose header row names a reviewer and a proposal
column, wherever it sits. When it is not the first sheet, every problem names it
(`SHEET_MARK`). Every other
file in `_reviews/` is reported, never passed over: a sheet in a format kipp does not read
loses its scores, so it is an error.

Read under the same caps as proposal intake (`kipp.intake.Limits`: file size, unpacked
workbook size, cells, rows below the header), so a hostile or padded sheet cannot stall a
run. The assignments are one file for the whole batch, so their row cap grows with the
batch (`assignments_cap`).
"""

from __future__ import annotations

import os
import re
import stat
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from pydantic import BaseModel, ConfigDict

from kipp.core.i18n import Lang, Text, text, tr
from kipp.core.keys import normalize_key
from kipp.core.problems import Problem, Severity
from kipp.intake.own_files import InputFile, NotRead, fingerprint, kind_of, not_read, read_regular
from kipp.intake.own_files import present as is_present
from kipp.intake.panel import PANEL_FILE, Panel, PanelError, load_panel
from kipp.intake.reading import Limits, Unreadable, decode_text, shown_path, size_text
from kipp.intake.sheets import (
    WORKBOOKS,
    Workbook,
    csv_rows,
    open_workbook,
    refuse_unsaved_formulas,
)

Row = tuple[int, Sequence[Any]]

REVIEWS_DIR = "_reviews"
ASSIGNMENTS_FILE = "assignments.csv"
SHEET_SUFFIXES = (".xlsx", ".xlsm", ".xls", ".ods", ".csv")
# Formats a scoresheet may come back in that kipp does not read: reported as errors, since
# the reviewer's scores are in them (any other file is reported as a warning).
OTHER_SHEET_SUFFIXES = frozenset(
    {".xlsb", ".xltx", ".xltm", ".xlt", ".ots", ".fods", ".numbers", ".tsv", ".txt", ".et",
     ".ett", ".gsheet", ".wks", ".wk1", ".dif", ".slk", ".sxc", ".uos"}
)  # fmt: skip
READ_FORMATS = ".xlsx, .xls, .ods, .csv"
# `kipp assign` writes a CSV copy of every blank sheet into `_reviews/csv/`; filled sheets
# come back directly into `_reviews/`, so that folder is passed over in silence.
BLANK_COPIES = "csv"
# The header a scores sheet is found by: a reviewer column and a proposal column, as
# `kipp assign` writes them in either language (`Juri`, `Kode proposal`; `Reviewer`,
# `Proposal code`) or as earlier versions did (`reviewer`, `proposal`); `kipp.reviews.rows`
# reads the columns by these names.
REVIEWER_HEADERS = frozenset({"reviewer", "juri", "penilai"})
PROPOSAL_HEADERS = frozenset(
    {"proposal", "proposal_id", "id", "kode", "kode_proposal", "proposal_code"}
)
COMMENT_HEADERS = frozenset({"comment", "comments", "catatan", "komentar", "notes"})
SHEET_MARK = " \u203a "  # `ani.ods \u203a Nilai`: the path, then the sheet read if not the first
# The scores sheet's name as `kipp assign` writes it, in either language.
SCORES_SHEET_NAMES = tuple(tr("scoresheets.sheet.scores", lang) for lang in Lang)


def heading(column: str) -> Text:
    """A scoresheet column's heading as the sheets kipp assign writes show it (`reviewer`:
    "Juri"), quoted, for a message naming a missing column; rendered in the reader's
    language."""
    return text("official.heading", heading=text(f"scoresheets.col.{column}"))


class Assignment(BaseModel):
    """One reviewer asked to score one proposal (a row of `assignments.csv`)."""

    model_config = ConfigDict(frozen=True)

    reviewer: str
    proposal: str


# `kipp assign` writes one row per reviewer and proposal pair: K rows for each eligible
# proposal (the rubric's `per_proposal`, 3 unless changed, or `--per-proposal`). So the file
# grows with the batch, and a national call's is over intake's `max_rows`, which is sized for
# one sheet (3,500 proposals x 3 = 10,500 rows; 7,000 x 3 = 21,000). Its cap is therefore
# this many rows per eligible proposal: far above any K a call uses, with room left for
# repeated rows and for a file written before some proposals turned ineligible; never below
# intake's cap, so a small batch keeps the familiar one. A cap is still needed: the file is
# read whole, and its byte cap alone would let in 50 million blank lines.
ASSIGNMENT_ROWS_PER_PROPOSAL = 20


def assignments_cap(proposals: int, limits: Limits | None = None) -> int:
    """The most rows below the header `assignments.csv` may have for a batch of `proposals`
    eligible proposals."""
    limits = limits or Limits()
    return max(limits.max_rows, proposals * ASSIGNMENT_ROWS_PER_PROPOSAL)


# Blind sheets name a proposal by a packet code (`PAKET-07`, kipp.assignment.blind) that
# `assignments.csv` maps back to its id in a third column, `packet`; a file of two columns
# (`reviewer,proposal`, as written for sheets that are not blind, and by kipp before packet
# codes) is read as before.
PACKET_PREFIX = "PAKET-"
PACKET_CODE = re.compile(rf"{PACKET_PREFIX}\d+", re.IGNORECASE)
PACKET_HEADER = "packet"


@dataclass(frozen=True)
class AssignmentRecord:
    """What `assignments.csv` says. `complete` is False when the file, or some row of it,
    could not be read: some assignments may then be missing, so whether every assigned
    reviewer has scored cannot be known from it. `rows` gives the row of each pair;
    `packets` the proposal id of each blind packet code (upper case)."""

    assignments: list[Assignment]
    complete: bool
    rows: dict[tuple[str, str], int] = field(default_factory=dict)
    packets: dict[str, str] = field(default_factory=dict)


def read_assignments(
    path: Path,
    problems: list[Problem],
    limits: Limits | None = None,
    proposals: int = 0,
    inputs: list[InputFile] | None = None,
) -> AssignmentRecord:
    """`assignments.csv` (`reviewer,proposal` per row, and the blind packet code in a
    `packet` column when the sheets are blind), as written by `kipp assign` for a batch of
    `proposals` eligible proposals (its row cap, `assignments_cap`). A pair repeated on a
    later row is reported and counted once, and so is a packet code given to a second
    proposal; a file or row that cannot be read is reported, naming the file (and row),
    and leaves the record incomplete."""
    cap = assignments_cap(proposals, limits)
    shown = shown_path(path)
    try:
        _, rows = _read(
            path,
            limits or Limits(),
            cap,
            reason=text("assignments.too_many_rows", count=cap),
            inputs=inputs,
        )
    except Unreadable as exc:
        problems.append(Problem(path=shown, field="(file)", message=exc.reason))
        return AssignmentRecord(assignments=[], complete=False)
    result = []
    complete = True
    first: dict[tuple[str, str], int] = {}
    packets: dict[str, tuple[str, int]] = {}
    header = (
        [str(c).strip().casefold() if c is not None else "" for c in rows[0][1]] if rows else []
    )
    packet_col = header.index(PACKET_HEADER) if PACKET_HEADER in header else None
    for number, cells in rows[1:]:
        values = [str(c).strip() if c is not None else "" for c in cells]
        if len(values) >= 2 and values[0] and values[1]:
            pair = (values[0], values[1])
            code = (
                values[packet_col].upper()
                if packet_col is not None and packet_col < len(values)
                else ""
            )
            if code and packets.setdefault(code, (pair[1], number))[0] != pair[1]:
                other, row = packets[code]
                problems.append(
                    Problem(
                        path=shown,
                        line=number,
                        field=PACKET_HEADER,
                        message=text(
                            "assignments.packet_twice",
                            code=code,
                            other=other,
                            row=row,
                            proposal=pair[1],
                        ),
                    )
                )
            if pair in first:
                problems.append(
                    Problem(
                        path=shown,
                        line=number,
                        field="(row)",
                        severity=Severity.WARNING,
                        message=text(
                            "assignments.pair_twice",
                            reviewer=pair[0],
                            proposal=pair[1],
                            row=first[pair],
                        ),
                    )
                )
                continue
            first[pair] = number
            result.append(Assignment(reviewer=pair[0], proposal=pair[1]))
        elif any(values):
            complete = False
            problems.append(
                Problem(
                    path=shown,
                    line=number,
                    field="(row)",
                    message=text("assignments.incomplete_row"),
                )
            )
    return AssignmentRecord(
        assignments=result,
        complete=complete,
        rows=first,
        packets={code: pid for code, (pid, _) in packets.items()},
    )


def read_rows(path: Path, limits: Limits | None = None) -> list[Row]:
    """Every row of a scoresheet (`.csv`, or a workbook's scores sheet), numbered from 1.
    Raises `Unreadable` for a file over `limits` (intake's defaults unless given)."""
    return read_sheet(path, limits)[1]


def read_sheet(
    path: Path,
    limits: Limits | None = None,
    problems: list[Problem] | None = None,
    inputs: list[InputFile] | None = None,
) -> tuple[str, list[Row]]:
    """Where a scoresheet's rows come from as problems name it (its path, and the sheet
    read when that is not the workbook's first), and every row, numbered from 1. Raises
    `Unreadable` for a file over `limits` (intake's defaults unless given); adds to
    `problems` a warning for each other sheet of a workbook that looks like a scores sheet
    and is not read; and to `inputs` the file's fingerprint once its bytes are read."""
    limits = limits or Limits()
    return _read(
        path,
        limits,
        limits.max_rows,
        reason=text("table.too_many_rows", count=limits.max_rows),
        problems=problems,
        inputs=inputs,
    )


def _csv_unreadable(line: int, detail: str) -> Text:
    return text("csv.unreadable", detail=detail)


def _read(
    path: Path,
    limits: Limits,
    max_rows: int,
    *,
    reason: Text,
    problems: list[Problem] | None = None,
    inputs: list[InputFile] | None = None,
) -> tuple[str, list[Row]]:
    """`read_sheet` with `max_rows` rows below the header at most, refused for `reason`."""
    cap = limits.max_sheet_bytes
    too_big = text("sheet.too_big", size=size_text(cap))
    try:  # a link or a pipe put in the sheet's place since the folder was listed is refused
        raw = read_regular(path, cap, lambda _: too_big, link="reviews.symlink")
    except NotRead as exc:
        raise Unreadable(exc.reason) from None
    if inputs is not None:
        inputs.append(fingerprint(path, raw))
    shown = shown_path(path)
    suffix = path.suffix.lower()
    if suffix in WORKBOOKS:
        with open_workbook(raw, suffix, limits) as workbook:
            return _scores_sheet(workbook, shown, max_rows, reason, problems)
    rows = csv_rows(decode_text(raw).text, limits, unreadable=_csv_unreadable)
    return shown, _capped(rows, max_rows, reason)


def _capped(rows: Iterable[tuple[int, Sequence[Any]]], max_rows: int, reason: Text) -> list[Row]:
    """Numbered rows, refusing (for `reason`) more than `max_rows` below the first row with
    content (blank rows count, so a sheet padded to a million rows is refused, not read)."""
    result: list[Row] = []
    header: int | None = None
    for number, cells in rows:
        if number > (header or 1) + max_rows:
            raise Unreadable(reason)
        if header is None and any(c is not None and str(c).strip() for c in cells):
            header = number
        result.append((number, cells))
    return result


def _is_scores_header(cells: Sequence[Any]) -> bool:
    names = {normalize_key(str(c)) for c in cells if c is not None and str(c).strip()}
    return bool(names & REVIEWER_HEADERS) and bool(names & PROPOSAL_HEADERS)


def _scores_sheet(
    workbook: Workbook,
    shown: str,
    max_rows: int,
    reason: Text,
    problems: list[Problem] | None = None,
) -> tuple[str, list[Row]]:
    """The rows of a workbook's scores sheet: the one named as `kipp assign` names it
    (`SCORES_SHEET_NAMES`, the first such in the workbook) when it holds anything, every
    other sheet whose header row names a reviewer and a proposal column then being reported
    in `problems` as not read (a reviewer's copy of the sheet, such as `Nilai (2)`, could
    hold other scores). Else the first sheet whose header row (its first row with content)
    names a reviewer and a proposal column. Without one, the only sheet holding anything is
    read (its missing columns are then reported row by row); among several, none is, and
    the file is refused naming them."""
    filled = [sheet for sheet in workbook.sheets if not sheet.empty]

    def where(sheet: Any) -> str:
        first = sheet.index == workbook.sheets[0].index
        return shown if first else f"{shown}{SHEET_MARK}{sheet.name}"

    named = next((sheet for sheet in filled if sheet.name in SCORES_SHEET_NAMES), None)
    if named is not None:
        for sheet in filled:
            if sheet is named:
                continue
            if problems is not None and _is_scores_header(_header(workbook, sheet, max_rows)):
                message = text("sheet.scores_sheet_not_read", sheet=sheet.name, read=named.name)
                problems.append(
                    Problem(path=shown, field="(file)", severity=Severity.WARNING, message=message)
                )
        return where(named), _capped(_saved_rows(workbook, named), max_rows, reason)
    for sheet in filled:
        rows = _capped(_sheet_rows(workbook, sheet), max_rows, reason)
        header = next((cells for _, cells in rows if any(c is not None for c in cells)), [])
        if _is_scores_header(header):
            refuse_unsaved_formulas(sheet)
            return where(sheet), rows
    if len(filled) > 1:
        names = [f"'{sheet.name}'" for sheet in filled]
        raise Unreadable(
            text(
                "reviews.no_score_sheet_heading",
                reviewer=heading("reviewer"),
                proposal=heading("proposal"),
                sheets=names,
            )
        )
    if not workbook.sheets:
        raise Unreadable(text("xlsx.no_sheets"))
    sheet = filled[0] if filled else workbook.sheets[0]
    return shown, _capped(_saved_rows(workbook, sheet), max_rows, reason)


def _header(workbook: Workbook, sheet: Any, max_rows: int) -> Sequence[Any]:
    """A sheet's first row with content, looked for in its first `max_rows` rows only (the
    rest of the sheet is not read); empty when there is none."""
    for number, cells in _sheet_rows(workbook, sheet):
        if any(c is not None for c in cells):
            return cells
        if number > max_rows:
            break
    return []


def _saved_rows(workbook: Workbook, sheet: Any) -> Iterable[tuple[int, Sequence[Any]]]:
    """The rows of the scores sheet read; a sheet holding formulas whose values were never
    saved is refused, naming the cells: their scores would read as not given."""
    refuse_unsaved_formulas(sheet)
    return _sheet_rows(workbook, sheet)


def _sheet_rows(workbook: Workbook, sheet: Any) -> Iterable[tuple[int, Sequence[Any]]]:
    try:
        yield from workbook.rows(sheet)
    except Unreadable:
        raise
    except Exception as exc:  # a damaged sheet: as intake reports it
        detail = f"{type(exc).__name__}: {exc}"
        raise Unreadable(text("xlsx.sheet_unreadable", sheet=sheet.name, detail=detail)) from None


@dataclass(frozen=True)
class ReviewFiles:
    """What a batch folder holds for the review: the panel (`panel_path` when the file is
    there, `panel` when it is also valid), `assignments.csv` (`assignments`, None without
    the file), the rows of every readable scoresheet, whether any scoresheet was found
    (readable or not), and the problems met while reading them."""

    expected_panel: str
    panel_path: str | None
    panel: Panel | None
    assignments_path: str
    assignments: AssignmentRecord | None
    sheets: list[tuple[str, list[Row]]]
    found_sheets: bool
    problems: list[Problem]
    # the fingerprint of every file read: the panel, assignments.csv, each scoresheet
    inputs: list[InputFile] = field(default_factory=list)


def read_review_files(
    folder: Path, limits: Limits | None = None, proposals: int = 0, panel: Path | None = None
) -> ReviewFiles:
    """The panel (`panel`, else `reviewers.yaml` in `folder`), `_reviews/assignments.csv`
    (its row cap grows with the batch's `proposals`) and every scoresheet directly in
    `_reviews/`, under intake's `limits`. Never raises for a bad file: what cannot be read
    is a problem, and everything else is kept. kipp does not follow a symbolic link in the
    batch folder, as with proposals: the batch's own `reviewers.yaml`, `_reviews/`,
    `assignments.csv` or a scoresheet that is one is reported and not read (a panel named
    with `panel` is the user's choice, and followed); nor does it open what is not a regular
    file (a folder, a device, a named pipe)."""
    problems: list[Problem] = []
    inputs: list[InputFile] = []
    panel_path = panel if panel is not None else folder / PANEL_FILE
    loaded: Panel | None = None
    present = is_present(panel_path)
    if present:
        refused = None if panel is not None else not_read(panel_path)
        if refused is not None:
            problems.append(Problem(path=shown_path(panel_path), field="(file)", message=refused))
        else:
            try:
                loaded = load_panel(panel_path, follow_links=panel is not None, inputs=inputs)
            except PanelError as exc:
                problems.extend(exc.problems)
    reviews_dir = folder / REVIEWS_DIR
    assignments_path = reviews_dir / ASSIGNMENTS_FILE
    record = None
    sheets: list[tuple[str, list[Row]]] = []
    found = False
    folder_problem = _reviews_dir_problem(reviews_dir)
    if folder_problem is not None:
        problems.append(folder_problem)
    elif reviews_dir.is_dir():
        if is_present(assignments_path):
            refused = not_read(assignments_path, link="reviews.symlink")
            if refused is None:
                record = read_assignments(assignments_path, problems, limits, proposals, inputs)
            else:
                shown = shown_path(assignments_path)
                problems.append(Problem(path=shown, field="(file)", message=refused))
                record = AssignmentRecord(assignments=[], complete=False)
        for path in sorted(reviews_dir.iterdir()):
            if path.name == ASSIGNMENTS_FILE or path.name.startswith((".", "_", "~$")):
                continue
            if path.name == BLANK_COPIES and path.is_dir() and not path.is_symlink():
                continue
            suffix = path.suffix.lower()
            if path.is_symlink() or not path.is_file() or suffix not in SHEET_SUFFIXES:
                problems.append(_not_a_sheet(path))
                sheet = suffix in SHEET_SUFFIXES and (path.is_symlink() or not path.is_dir())
                found = found or suffix in OTHER_SHEET_SUFFIXES or sheet
                continue
            found = True
            try:
                sheets.append(read_sheet(path, limits, problems, inputs))
            except Unreadable as exc:
                problems.append(Problem(path=shown_path(path), field="(file)", message=exc.reason))
    return ReviewFiles(
        expected_panel=shown_path(panel_path),
        panel_path=shown_path(panel_path) if present else None,
        panel=loaded,
        assignments_path=shown_path(assignments_path),
        assignments=record,
        sheets=sheets,
        found_sheets=found,
        problems=problems,
        inputs=inputs,
    )


def _reviews_dir_problem(reviews_dir: Path) -> Problem | None:
    """Why nothing in `_reviews/` is read, when it is there but is a symbolic link (which
    kipp does not follow) or not a folder; None when it is a folder, or is not there."""
    try:
        info = reviews_dir.lstat()
    except FileNotFoundError:
        return None
    except OSError as exc:
        message = text("file.cannot_read", reason=exc.strerror or str(exc))
        return Problem(path=shown_path(reviews_dir), field="(file)", message=message)
    if stat.S_ISLNK(info.st_mode):
        message = text("reviews.dir_symlink")
    elif not stat.S_ISDIR(info.st_mode):
        message = text("reviews.dir_not_folder", kind=kind_of(info.st_mode))
    else:
        return None
    return Problem(path=shown_path(reviews_dir) + os.sep, field="(file)", message=message)


def _not_a_sheet(path: Path) -> Problem:
    """Why a file or folder in `_reviews/` is not read as a scoresheet: an error for a sheet
    in a format kipp does not read (its scores are lost until it is saved again), and for a
    sheet that is a symbolic link (not followed) or not a regular file (a device, a named
    pipe: never opened); else a warning."""
    suffix = path.suffix.lower()
    scores = suffix in OTHER_SHEET_SUFFIXES or suffix in SHEET_SUFFIXES
    if path.is_symlink():
        message = text("reviews.symlink")
        severity = Severity.ERROR if scores else Severity.WARNING
    elif path.is_dir():
        message, severity = text("reviews.folder"), Severity.WARNING
    elif not path.is_file():
        try:
            message = text("settings.not_regular", kind=kind_of(path.lstat().st_mode))
        except OSError as exc:  # gone since the folder was listed
            message = text("file.cannot_read", reason=exc.strerror or str(exc))
        severity = Severity.ERROR if scores else Severity.WARNING
    else:
        message = text("reviews.not_a_sheet", kinds=READ_FORMATS)
        severity = Severity.ERROR if suffix in OTHER_SHEET_SUFFIXES else Severity.WARNING
    return Problem(path=shown_path(path), field="(file)", severity=severity, message=message)
