"""Pathological spreadsheets, each timed alone as `kipp validate` in a child process (part of
`python -m bench.intake`, and so of `make bench`), and kipp's spreadsheet reader compared
with openpyxl, the reader it replaced.

Target: **any single file under the documented limits read in <= 5 s and <= 500 MB** (the
child's peak RSS, Python and kipp's imports included) on the 2-core machine. Each file is
written into a folder of its own under `bench/generated/hostile/`, deterministically:

- a 128 KB CSV whose first line holds 32,000 quote characters (CSV dialect sniffing over
  the whole first line was quadratic: 71 s);
- an `.xlsx` of a few hundred KB unpacking to ~190 MB (under the 200 MB limit) of tiny cells
  written without references, 16,384 to a row (openpyxl: 107 s and 4.8 GB);
- the same tiny cells written with references (`<c r="A1">`), 100 to a row;
- an `.xlsx` with one value in A1 and one in XFD1048576, and one whose shared-string table
  declares four billion entries (python-calamine asks for hundreds of GB, and the process is
  aborted, unless the file is measured first);
- an `.ods` of 1 KB repeating a row of 1,000 values 20,000 times, and one repeating the
  whole 1,048,576 x 16,384 grid;
- an `.xls` declaring the whole 65,536 x 256 grid (python-calamine sets 1 GB aside);
- an `.xlsx` at the cell limit, 20,000 rows x 100 columns of short text: a legitimate file
  as large as kipp reads, to show what one costs.

The comparison reads the generated batch's `.xlsx` exports and the tiny-cells workbook, each
in a child process, with openpyxl (read-only, values only, every row, as intake did) and
with `kipp.intake.sheets` (measured first, then python-calamine), wall time and peak RSS.
"""

from __future__ import annotations

import io
import os
import subprocess
import sys
import time
import zipfile
from collections.abc import Callable
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any

from bench.intake import GENERATED, BenchFailed, ChildRun, kipp_command, run_child, time_startup

HOSTILE = GENERATED / "hostile"
TARGET_SECONDS = 5.0
TARGET_RSS_MB = 500.0
OPENPYXL_TIMEOUT_S = 180

_TYPES = (
    '<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/'
    'package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.'
    'openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType='
    '"application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.'
    'openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/'
    'worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.'
    'spreadsheetml.worksheet+xml"/></Types>'
)
_RELS = (
    '<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.'
    'org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.'
    'openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook'
    '.xml"/></Relationships>'
)
_WORKBOOK = (
    '<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="http://schemas.openxmlformats.org/'
    'spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/'
    'relationships"><sheets><sheet name="Form" sheetId="1" r:id="rId1"/></sheets></workbook>'
)
_WORKBOOK_RELS = (
    '<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.'
    'org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.'
    'openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1'
    '.xml"/>{shared}</Relationships>'
)
_SHARED_REL = (
    '<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/'
    'relationships/sharedStrings" Target="sharedStrings.xml"/>'
)
_SHEET = (
    '<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="http://schemas.openxmlformats.org/'
    'spreadsheetml/2006/main"><sheetData>'
)
_HEADERS = ["judul", "instansi", "kelompok", "kategori", "tpb", "tanggal_mulai"]


def _column(index: int) -> str:
    letters = ""
    index += 1
    while index:
        index, rest = divmod(index - 1, 26)
        letters = chr(65 + rest) + letters
    return letters


def _xlsx(rows: list[bytes] | Callable[[], Any], shared: str | None = None) -> bytes:
    """A workbook of one sheet whose `<sheetData>` is the concatenation of `rows`."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", _TYPES)
        archive.writestr("_rels/.rels", _RELS)
        archive.writestr("xl/workbook.xml", _WORKBOOK)
        more = _SHARED_REL if shared is not None else ""
        archive.writestr("xl/_rels/workbook.xml.rels", _WORKBOOK_RELS.format(shared=more))
        with archive.open("xl/worksheets/sheet1.xml", "w", force_zip64=True) as sheet:
            sheet.write(_SHEET.encode())
            for row in rows if isinstance(rows, list) else rows():
                sheet.write(row)
            sheet.write(b"</sheetData></worksheet>")
        if shared is not None:
            archive.writestr("xl/sharedStrings.xml", shared)
    return buffer.getvalue()


def _header_row() -> bytes:
    cells = "".join(
        f'<c r="{_column(i)}1" t="inlineStr"><is><t>{h}</t></is></c>'
        for i, h in enumerate(_HEADERS)
    )
    return f'<row r="1">{cells}</row>'.encode()


def quotes_csv() -> bytes:
    """128 KB: a first line of 32,000 quotes, then a form export separated by `;`."""
    lines = ['"' * 32_000, ";".join(_HEADERS)]
    row = ";".join(["Layanan Contoh", "Dinas Contoh", "umum", "tpb", "3, 10", "2019-07-01"])
    while sum(len(line) + 2 for line in lines) < 128 * 1024:
        lines.append(row)
    return ("\r\n".join(lines) + "\r\n").encode()


def tiny_cells_unreferenced() -> bytes:
    """~190 MB unpacked: rows of 16,384 cells `<c><v>1</v></c>`, no references."""
    row_cells = b"<c><v>1</v></c>" * 16_384

    def rows() -> Any:
        yield _header_row()
        size, number = 0, 1
        while size < 190_000_000:
            number += 1
            row = b'<row r="%d">' % number + row_cells + b"</row>"
            size += len(row)
            yield row

    return _xlsx(rows)


def tiny_cells_referenced() -> bytes:
    """~190 MB unpacked: rows of 100 cells `<c r="A7"><v>1</v></c>`."""
    columns = [_column(i).encode() for i in range(100)]

    def rows() -> Any:
        yield _header_row()
        size, number = 0, 1
        while size < 190_000_000:
            number += 1
            digits = b"%d" % number
            row = b"".join(b'<c r="' + c + digits + b'"><v>1</v></c>' for c in columns)
            row = b'<row r="' + digits + b'">' + row + b"</row>"
            size += len(row)
            yield row

    return _xlsx(rows)


def far_corner_xlsx() -> bytes:
    """A value in A1 and one in XFD1048576."""
    return _xlsx([_header_row(), b'<row r="1048576"><c r="XFD1048576"><v>1</v></c></row>'])


def lying_shared_strings_xlsx() -> bytes:
    """A shared-string table declaring 4,000,000,000 entries, holding one."""
    shared = (
        '<?xml version="1.0"?><sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/'
        'main" count="1" uniqueCount="4000000000"><si><t>judul</t></si></sst>'
    )
    return _xlsx([b'<row r="1"><c r="A1" t="s"><v>0</v></c></row>'], shared)


def at_the_cell_limit_xlsx() -> bytes:
    """20,000 rows x 100 columns of short text (2,000,000 cells, the default limit)."""
    columns = [_column(i).encode() for i in range(100)]

    def rows() -> Any:
        header = b"".join(
            b'<c r="' + c + b'1" t="inlineStr"><is><t>kolom' + c + b"</t></is></c>" for c in columns
        )
        yield b'<row r="1">' + header + b"</row>"
        for number in range(2, 20_001):
            digits = b"%d" % number
            row = b"".join(
                b'<c r="' + c + digits + b'" t="inlineStr"><is><t>n' + digits + b"</t></is></c>"
                for c in columns
            )
            yield b'<row r="' + digits + b'">' + row + b"</row>"

    return _xlsx(rows)


_ODS_MANIFEST = (
    '<?xml version="1.0" encoding="UTF-8"?><manifest:manifest xmlns:manifest="urn:oasis:names:'
    'tc:opendocument:xmlns:manifest:1.0" manifest:version="1.2"><manifest:file-entry manifest:'
    'full-path="/" manifest:media-type="application/vnd.oasis.opendocument.spreadsheet"/>'
    '<manifest:file-entry manifest:full-path="content.xml" manifest:media-type="text/xml"/>'
    "</manifest:manifest>"
)
_ODS_CONTENT = (
    '<?xml version="1.0" encoding="UTF-8"?><office:document-content xmlns:office="urn:oasis:'
    'names:tc:opendocument:xmlns:office:1.0" xmlns:table="urn:oasis:names:tc:opendocument:'
    'xmlns:table:1.0" xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" office:'
    'version="1.2"><office:body><office:spreadsheet><table:table table:name="Form">'
    '<table:table-row><table:table-cell office:value-type="string"><text:p>judul</text:p>'
    '</table:table-cell></table:table-row><table:table-row table:number-rows-repeated="{rows}">'
    '<table:table-cell table:number-columns-repeated="{columns}" office:value-type="float" '
    'office:value="1"/></table:table-row></table:table></office:spreadsheet></office:body>'
    "</office:document-content>"
)


def repeated_ods(rows: int, columns: int) -> bytes:
    """A row of `columns` values repeated `rows` times, in one table."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr(
            zipfile.ZipInfo("mimetype"), "application/vnd.oasis.opendocument.spreadsheet"
        )
        archive.writestr("META-INF/manifest.xml", _ODS_MANIFEST)
        archive.writestr("content.xml", _ODS_CONTENT.format(rows=rows, columns=columns))
    return buffer.getvalue()


def declaring_xls() -> bytes:
    """An `.xls` (written by xlwt) whose DIMENSIONS record declares 65,536 x 256."""
    # a development dependency: the writer of kipp's own `.xls` test files (no type hints)
    import xlwt  # type: ignore[import-untyped, import-not-found, unused-ignore]

    book = xlwt.Workbook()
    sheet = book.add_sheet("Form")
    for column, header in enumerate(_HEADERS):
        sheet.write(0, column, header)
    buffer = io.BytesIO()
    book.save(buffer)
    raw = bytearray(buffer.getvalue())
    at = raw.find(b"\x00\x02\x0e\x00")  # DIMENSIONS, BIFF8: 14 bytes
    raw[at + 4 : at + 18] = (
        (0).to_bytes(4, "little") + (65_536).to_bytes(4, "little") + b"\x00\x00\x00\x01\x00\x00"
    )
    return bytes(raw)


@dataclass(frozen=True)
class Case:
    """One pathological file: what it is, its name, how it is made."""

    label: str
    name: str
    make: Callable[[], bytes]


CASES = [
    Case("csv, first line of 32,000 quotes (128 KB)", "quotes.csv", quotes_csv),
    Case("xlsx, 190 MB of tiny cells, no references", "tiny-cells.xlsx", tiny_cells_unreferenced),
    Case("xlsx, 190 MB of tiny cells, referenced", "tiny-referenced.xlsx", tiny_cells_referenced),
    Case("xlsx, values in A1 and XFD1048576", "far-corner.xlsx", far_corner_xlsx),
    Case("xlsx, shared strings declaring 4e9", "shared-strings.xlsx", lying_shared_strings_xlsx),
    Case(
        "ods, 20,000 x 1,000 repeated values", "repeated.ods", lambda: repeated_ods(20_000, 1_000)
    ),
    Case(
        "ods, the whole grid repeated",
        "whole-grid.ods",
        lambda: repeated_ods(1_048_576, 16_384),
    ),
    Case("xls, declaring 65,536 x 256", "declaring.xls", declaring_xls),
    Case("xlsx at the cell limit (20,000 x 100)", "at-the-limit.xlsx", at_the_cell_limit_xlsx),
]


def ensure_cases() -> list[tuple[Case, Path]]:
    """Each case's file in a folder of its own (written unless already there)."""
    made = []
    for case in CASES:
        folder = HOSTILE / case.name.replace(".", "-")
        path = folder / case.name
        if not path.exists():
            folder.mkdir(parents=True, exist_ok=True)
            path.write_bytes(case.make())
        made.append((case, path))
    return made


@dataclass
class Measured:
    """One pathological file under `kipp validate`: its size, the best of the runs, what
    kipp said about it, and `read_proposals` on its folder alone (in a fresh child, after
    the imports: the file's own cost, whatever the machine's start-up time)."""

    label: str
    file: str
    bytes: int
    seconds: float
    peak_rss_mb: float
    verdict: str
    read_s: float
    read_peak_rss_mb: float


_READ = """
import sys, time
from pathlib import Path
from kipp.intake import read_proposals
from kipp.rubric import load_rubric
choices = load_rubric().rubric.call.choices()
started = time.perf_counter()
read_proposals(Path(sys.argv[1]), choices)
print(time.perf_counter() - started)
"""


def _read_alone(folder: Path) -> tuple[float, float]:
    """Seconds of `read_proposals(folder)` in a fresh child, and the child's peak RSS."""
    child = subprocess.Popen(
        [sys.executable, "-c", _READ, str(folder)], stdout=subprocess.PIPE, text=True
    )
    assert child.stdout is not None
    out = child.stdout.read()
    _, status, usage = os.wait4(child.pid, 0)
    child.returncode = os.waitstatus_to_exitcode(status)
    if child.returncode != 0:
        raise BenchFailed(f"read_proposals failed on {folder}")
    return float(out.strip().splitlines()[-1]), usage.ru_maxrss / 1024


def measure(reps: int = 1) -> list[Measured]:
    """`kipp validate FOLDER --json` on each case's folder, `reps` times (the fastest kept)."""
    found = []
    for case, path in ensure_cases():
        report = path.parent.with_suffix(".validate.json")
        runs: list[ChildRun] = [
            run_child([*kipp_command(), "validate", str(path.parent), "--json"], report)
            for _ in range(max(1, reps))
        ]
        best = min(runs, key=lambda r: r.seconds)
        read_s, read_rss = _read_alone(path.parent)
        found.append(
            Measured(
                label=case.label,
                file=str(path.relative_to(GENERATED.parent.parent)),
                bytes=path.stat().st_size,
                seconds=best.seconds,
                peak_rss_mb=max(r.peak_rss_mb for r in runs),
                verdict=_verdict(report),
                read_s=read_s,
                read_peak_rss_mb=read_rss,
            )
        )
    return found


def _verdict(report: Path) -> str:
    import json

    try:
        data = json.loads(report.read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        raise BenchFailed(f"kipp validate gave no readable report for {report}: {exc}") from None
    unread = data.get("unread", [])
    if unread:
        return "unread: " + str(unread[0].get("reason", ""))[:90]
    statuses = sorted({p.get("status") for p in data.get("proposals", [])})
    return f"{len(data.get('proposals', []))} proposals ({', '.join(map(str, statuses))})"


# --- kipp's reader against openpyxl ------------------------------------------------------------

_OPENPYXL = """
import sys, openpyxl
book = openpyxl.load_workbook(sys.argv[1], read_only=True, data_only=True)
sheet = book.worksheets[0]
sheet.reset_dimensions()
cells = 0
for row in sheet.iter_rows(values_only=True):
    cells += len(row)
print(cells)
"""
_KIPP = """
import sys
from pathlib import Path
from kipp.intake.reading import Limits, Unreadable
from kipp.intake.sheets import open_workbook
path = Path(sys.argv[1])
cells = 0
try:
    with open_workbook(path.read_bytes(), path.suffix, Limits()) as book:
        for _, row in book.rows(book.sheets[0]):
            cells += len(row)
except Unreadable as exc:
    print("refused:", exc)
print(cells)
"""


@dataclass
class ReaderRun:
    """One reader on one file, in a child process."""

    reader: str
    file: str
    seconds: float
    peak_rss_mb: float
    finished: bool


def _read_in_child(reader: str, script: str, path: Path, timeout: float) -> ReaderRun:
    started = time.perf_counter()
    child = subprocess.Popen(
        [sys.executable, "-c", script, str(path)],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    finished = True
    while True:
        pid, status, usage = os.wait4(child.pid, os.WNOHANG)
        if pid:
            break
        if time.perf_counter() - started > timeout:
            child.kill()
            pid, status, usage = os.wait4(child.pid, 0)
            finished = False
            break
        time.sleep(0.02)
    child.returncode = os.waitstatus_to_exitcode(status)
    seconds = time.perf_counter() - started
    return ReaderRun(reader, path.name, seconds, usage.ru_maxrss / 1024, finished)


def compare_readers(batch: Path) -> list[ReaderRun]:
    """openpyxl and kipp's reader on the batch's `.xlsx` exports and the tiny-cells file."""
    files = [*sorted(batch.glob("*.xlsx")), HOSTILE / "tiny-cells-xlsx" / "tiny-cells.xlsx"]
    runs = []
    for path in files:
        runs.append(_read_in_child("kipp (measure + python-calamine)", _KIPP, path, 600))
        runs.append(_read_in_child("openpyxl (read-only)", _OPENPYXL, path, OPENPYXL_TIMEOUT_S))
    return runs


def startup_floor(reps: int = 3) -> float:
    """`kipp validate` on an empty folder, the fastest of `reps` runs: what every file's
    figure includes before kipp reads anything."""
    return min(r.seconds for r in time_startup(reps))


def report(measured: list[Measured], readers: list[ReaderRun], floor: float) -> dict[str, Any]:
    """Print the two tables; the figures as the results file keeps them. A file passes when
    its run takes at most `TARGET_SECONDS` and `TARGET_RSS_MB`."""
    print(
        "\n  pathological files, kipp validate on each alone (child process, best run; "
        f"an empty folder takes {floor:.2f} s):"
    )
    width = max(len(m.label) for m in measured)
    for m in measured:
        ok = m.seconds <= TARGET_SECONDS and m.peak_rss_mb <= TARGET_RSS_MB
        print(
            f"    {m.label:<{width}}  {m.bytes / 1024:9.1f} KB  {m.seconds:6.2f} s "
            f"{m.peak_rss_mb:5.0f} MB  {'PASS' if ok else 'FAIL'}  read alone {m.read_s:5.2f} s "
            f"{m.read_peak_rss_mb:4.0f} MB  {m.verdict[:60]}"
        )
    print("\n  reading a workbook's first sheet, child process per run:")
    for r in readers:
        state = "" if r.finished else f" (killed after {OPENPYXL_TIMEOUT_S} s)"
        print(f"    {r.file:<36} {r.reader:<34} {r.seconds:7.2f} s  {r.peak_rss_mb:7.0f} MB{state}")
    return {
        "target": {"seconds": TARGET_SECONDS, "peak_rss_mb": TARGET_RSS_MB},
        "startup_floor_s": round(floor, 3),
        "files": [asdict(m) for m in measured],
        "readers": [asdict(r) for r in readers],
    }
