"""Whatever a file holds, intake returns: the file is accounted for exactly once, as entries
or as unread, and no bug of ours surfaces as an `internal error`."""

from __future__ import annotations

import codecs
import io
import json
import shutil
import tempfile
from datetime import date
from pathlib import Path
from typing import Any

import openpyxl
import pytest
import yaml
from builders import FORM_HEADERS, csv_text, form_row, proposal_data, said, write_xlsx, yaml_text
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sheet_writers import ods_bytes, write_xls

from kipp.core.keys import key_table
from kipp.core.models import (
    Attachments,
    Award,
    CallChoices,
    Indicators,
    Innovator,
    Proposal,
    Replication,
    Sections,
)
from kipp.intake import Intake, Limits, read_proposals

CHOICES = CallChoices(groups=("umum", "khusus"), categories=("inklusif", "tpb", "ketahanan"))
EXTENSIONS = [".yaml", ".yml", ".json", ".md", ".csv", ".xlsx", ".xls", ".ods"]
SPREADSHEETS = {".csv", ".xlsx", ".xls", ".ods"}
# Small caps, so that examples also go over them, and each example stays fast.
LIMITS = Limits(
    max_text_bytes=20_000,
    max_sheet_bytes=20_000,
    max_sheet_unpacked_bytes=200_000,
    max_rows=50,
    max_yaml_nodes=2_000,
)
PROPERTY = settings(
    max_examples=200,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)


def check_one_file(folder: Path, name: str, content: bytes) -> Intake:
    """Write `content` as the only file of `folder`, load the batch, and check the promise."""
    shutil.rmtree(folder, ignore_errors=True)
    folder.mkdir(parents=True)
    path = folder / name
    path.write_bytes(content)
    batch = read_proposals(folder, CHOICES, LIMITS)
    reasons = [said(u.reason) for u in batch.unread]
    assert not any(r.startswith("internal error") for r in reasons), reasons
    assert [u.path for u in batch.unread] in ([], [str(path)])
    assert all(e.path == str(path) for e in batch.entries)
    if batch.unread:
        assert batch.entries == []
    elif path.suffix in SPREADSHEETS:
        assert len(batch.entries) >= 1
        assert len({e.row for e in batch.entries}) == len(batch.entries)
    else:
        assert len(batch.entries) == 1
    for entry in batch.entries:
        assert entry.status.value in ("valid", "invalid")
        assert (entry.proposal is not None) or entry.errors
        for problem in entry.problems:
            assert problem.render().startswith(str(path))
    for notice in batch.notices:
        assert notice.render().startswith(str(path))
    return batch


BOMS = st.sampled_from(
    [b"", codecs.BOM_UTF8, codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE, codecs.BOM_UTF32_LE]
)
TEXTISH = st.text(max_size=400).flatmap(
    lambda text: st.sampled_from(["utf-8", "utf-16", "cp1252", "latin-1"]).map(
        lambda encoding: text.encode(encoding, errors="replace")
    )
)


def _proposal_like_bytes(ext: str) -> st.SearchStrategy[bytes]:
    """Valid files of the extension, then cut and spliced with random bytes."""
    data = proposal_data(started_on=date(2019, 7, 1))
    if ext in (".yaml", ".yml"):
        base = yaml_text(data).encode()
    elif ext == ".json":
        base = yaml.safe_dump(data, default_flow_style=True, width=10**6).encode()
    elif ext == ".md":
        base = (
            "---\n" + yaml_text(proposal_data(sections={})) + "---\n\n## Ringkasan\n\nA\n"
        ).encode()
    else:
        base = csv_text([FORM_HEADERS, form_row(), form_row("Layanan Dua")]).encode()
    return _spliced(base)


def _spliced(base: bytes) -> st.SearchStrategy[bytes]:
    @st.composite
    def build(draw: st.DrawFn) -> bytes:
        start = draw(st.integers(0, len(base)))
        end = draw(st.integers(start, min(len(base), start + 40)))
        middle = draw(st.binary(max_size=20) | st.text(max_size=20).map(str.encode))
        return base[:start] + middle + base[end:]

    return build()


def _xlsx_base() -> bytes:
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    for row in [FORM_HEADERS, form_row(), form_row("Layanan Dua")]:
        sheet.append(row)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def _workbook_base(ext: str) -> bytes:
    rows = [FORM_HEADERS, form_row(), form_row("Layanan Dua")]
    if ext == ".ods":
        return ods_bytes({"Form": rows})
    path = write_xls(Path(tempfile.mkdtemp()), "form.xls", rows)
    return path.read_bytes()


def bytes_for(ext: str) -> st.SearchStrategy[bytes]:
    """Random bytes, text in several encodings, and near-valid files of the extension."""
    if ext == ".xlsx":
        near = _spliced(_xlsx_base())
    elif ext in (".xls", ".ods"):
        near = _spliced(_workbook_base(ext))
    else:
        near = _proposal_like_bytes(ext)
    any_bytes = st.tuples(BOMS, st.binary(max_size=400) | TEXTISH).map(lambda t: t[0] + t[1])
    return st.one_of(any_bytes, near)


@pytest.mark.parametrize("ext", EXTENSIONS)
def test_property_any_bytes_accounted_for_once(tmp_path: Path, ext: str) -> None:
    @PROPERTY
    @given(content=bytes_for(ext))
    def run(content: bytes) -> None:
        check_one_file(tmp_path / "batch", f"proposal{ext}", content)

    run()


# --- near-valid proposals, to exercise validation rather than parsing ---------------------

LEAF_VALUES: st.SearchStrategy[Any] = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(-5, 10**12),
    st.floats(allow_nan=True, allow_infinity=True),
    st.dates(),
    st.text(max_size=30),
    st.sampled_from(["ya", "tidak", "3, 5", "19", "1 Juli 2019", "Rp 50.000", "umum", "tpb",
                     "uji coba", "penerapan", "2019-02-30", "nan", "", " ", "x" * 151]),
)  # fmt: skip


def _keys(model: type[Any]) -> st.SearchStrategy[str]:
    spellings = sorted(key_table(model))
    cased = st.sampled_from(spellings).flatmap(
        lambda k: st.sampled_from([k, k.upper(), k.replace("_", " "), k.replace("_", "-").title()])
    )
    return st.one_of(cased, st.text(min_size=1, max_size=8))


def _mapping(model: type[Any], values: st.SearchStrategy[Any]) -> st.SearchStrategy[Any]:
    return st.dictionaries(_keys(model), values, max_size=6)


VALUES: st.SearchStrategy[Any] = st.one_of(
    LEAF_VALUES,
    st.lists(LEAF_VALUES, max_size=4),
    _mapping(Sections, LEAF_VALUES),
    _mapping(Indicators, LEAF_VALUES),
    _mapping(Attachments, LEAF_VALUES | st.lists(LEAF_VALUES, max_size=3)),
    st.lists(_mapping(Innovator, LEAF_VALUES), max_size=3),
    st.lists(_mapping(Award, LEAF_VALUES), max_size=2),
    st.lists(_mapping(Replication, LEAF_VALUES), max_size=2),
)


@st.composite
def near_valid_proposals(draw: st.DrawFn) -> dict[str, Any]:
    """A valid proposal with some keys dropped, respelt or given random values."""
    data: dict[str, Any] = proposal_data()
    for key in draw(st.lists(st.sampled_from(sorted(data)), max_size=4, unique=True)):
        del data[key]
    extra = draw(st.dictionaries(_keys(Proposal), VALUES, max_size=4))
    data.update(extra)
    return data


@PROPERTY
@given(data=near_valid_proposals())
def test_property_near_valid_yaml_validated_without_internal_errors(
    tmp_path: Path, data: dict[str, Any]
) -> None:
    text = yaml.safe_dump(data, allow_unicode=True, sort_keys=False)
    check_one_file(tmp_path / "batch", "proposal.yaml", text.encode())


@PROPERTY
@given(data=near_valid_proposals())
def test_property_near_valid_json_validated_without_internal_errors(
    tmp_path: Path, data: dict[str, Any]
) -> None:
    text = json.dumps(data, default=str, ensure_ascii=False)
    check_one_file(tmp_path / "batch", "proposal.json", text.encode())


# Text a spreadsheet cell can hold (openpyxl refuses control characters).
CELL_TEXT = st.text(st.characters(blacklist_categories=("Cc", "Cs")), max_size=20)
CELLS: st.SearchStrategy[Any] = st.one_of(
    st.none(), CELL_TEXT, st.integers(-3, 10**6), st.floats(allow_nan=False), st.dates()
)
HEADERS = st.one_of(
    st.sampled_from(
        [*FORM_HEADERS, "kode", "title", "Summary", "inovator.2.nama", "inovator.x.nama",
         "uraian.kebaruan", "indikator.ikm_sesudah", "lampiran.bukti", "judul.x", "1.2", "..."]
    ),
    CELL_TEXT,
)  # fmt: skip


@PROPERTY
@given(
    headers=st.lists(HEADERS, min_size=1, max_size=8),
    rows=st.lists(st.lists(CELLS, max_size=9), max_size=5),
)
def test_property_near_valid_spreadsheets_without_internal_errors(
    tmp_path: Path, headers: list[Any], rows: list[list[Any]]
) -> None:
    folder = tmp_path / "sheets"
    check_one_file(folder / "csv", "form.csv", csv_text([headers, *rows]).encode())
    shutil.rmtree(folder / "xlsx", ignore_errors=True)
    path = write_xlsx(folder / "xlsx", "form.xlsx", [headers, *rows])
    check_one_file(folder / "xlsx", "form.xlsx", path.read_bytes())


# Scalars as written in YAML text, unquoted: the typed ones that PyYAML resolves itself
# (dates, numbers, tags) are where a parser raises errors of its own.
RAW_SCALARS = st.sampled_from(
    ["2019-07-01", "2019-02-30", "2019-13-45", "2019-07-01 25:61:00", "!!int abc", "!!float x",
     "!!timestamp kemarin", "!!binary ###", "!!str 3", "!!python/none ''", ".nan", "-.inf",
     "0x1F", "0o17", "1_000", "1e400", "9" * 5000, "~", "null", "yes", "Off", "&a 3", "*a",
     "*b", "[1, 2]", "{a: 1}", "[", "{", "'", '"\\x"', "|", ">", "- x", "? x", "@x", "`x`",
     "%x", "Rp 50.000", "1 Juli 2019", "3, 5", "ya"]
)  # fmt: skip


@PROPERTY
@given(
    lines=st.lists(
        st.tuples(_keys(Proposal), RAW_SCALARS, st.sampled_from(["", "  ", "- "])),
        min_size=1,
        max_size=8,
    )
)
def test_property_raw_yaml_scalars_without_internal_errors(
    tmp_path: Path, lines: list[tuple[str, str, str]]
) -> None:
    text = "".join(f"{indent}{key}: {value}\n" for key, value, indent in lines)
    check_one_file(tmp_path / "batch", "proposal.yaml", text.encode())
    check_one_file(tmp_path / "batch", "proposal.md", f"---\n{text}---\n".encode())
