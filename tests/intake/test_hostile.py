"""Hostile and broken input: each case ends valid, invalid with a located problem, or unread
with the reason, and never stops or stalls the batch."""

from __future__ import annotations

import io
import os
import sys
import zipfile
from pathlib import Path

import pytest
from builders import (
    FORM_HEADERS,
    csv_text,
    form_row,
    load,
    only_entry,
    proposal_data,
    rendered,
    said,
    write_bytes,
    write_csv,
    write_json,
    write_text,
    write_xlsx,
    write_yaml,
    yaml_text,
)
from sheet_writers import xlsx_bytes

from kipp.core.i18n import Lang
from kipp.core.models import CallChoices
from kipp.core.problems import Severity
from kipp.intake import Intake, Limits, Status

TOO_DEEP = "nested more than 100 levels deep, too deep to be a proposal"
NOT_A_PROPOSAL = (
    "holds a list, not one proposal; write the fields as a mapping (key: value), one proposal "
    "per file, or use .csv/.xlsx for many"
)


def unread(batch: Intake, lang: Lang = Lang.EN) -> list[tuple[str, str]]:
    assert batch.entries == []
    return [(u.path, said(u.reason, lang)) for u in batch.unread]


# --- size caps ---------------------------------------------------------------------------


def test_hostile_text_file_over_the_size_cap(
    batch_dir: Path, choices: CallChoices, small_limits: Limits
) -> None:
    path = write_text(batch_dir, "p.yaml", "judul: " + "x" * 994)
    batch = load(batch_dir, choices, small_limits)
    assert unread(batch) == [
        (
            str(path),
            "file is 1001 bytes, over the 1000 bytes limit for this kind of file; split it, "
            "or raise the limit with --max-file-mb",
        )
    ]
    assert unread(batch, Lang.ID) == [
        (
            str(path),
            "berkas berukuran 1001 byte, melebihi batas 1000 byte untuk jenis berkas ini; pecah "
            "berkasnya, atau naikkan batasnya dengan --max-file-mb",
        )
    ]


def test_hostile_text_file_at_the_size_cap_read(
    batch_dir: Path, choices: CallChoices, small_limits: Limits
) -> None:
    write_text(batch_dir, "p.yaml", "judul: " + "x" * 993)
    assert load(batch_dir, choices, small_limits).unread == []


def _looked_at_smaller(monkeypatch: pytest.MonkeyPatch, path: Path, size: int) -> None:
    """`path` as if it were `size` bytes when intake looked at it, then grew before the read."""
    real = os.lstat

    def lstat(target: str | os.PathLike[str]) -> os.stat_result:
        info = real(target)
        if Path(target) != path:
            return info
        return os.stat_result((*info[:6], size, *info[7:10]))

    monkeypatch.setattr(os, "lstat", lstat)


def test_hostile_text_file_grown_over_the_size_cap_after_it_was_looked_at(
    batch_dir: Path, choices: CallChoices, small_limits: Limits, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = write_text(batch_dir, "p.yaml", "judul: " + "x" * 1500)
    _looked_at_smaller(monkeypatch, path, 10)
    assert unread(load(batch_dir, choices, small_limits)) == [
        (
            str(path),
            "file is 1.5 KB, over the 1000 bytes limit for this kind of file; split it, "
            "or raise the limit with --max-file-mb",
        )
    ]


def test_hostile_text_file_grown_under_the_size_cap_after_it_was_looked_at_read_whole(
    batch_dir: Path, choices: CallChoices, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = write_yaml(batch_dir, "p.yaml", proposal_data(title="Layanan Antar Jemput Lansia"))
    assert 10 < path.stat().st_size <= 4000
    _looked_at_smaller(monkeypatch, path, 10)
    entry = only_entry(load(batch_dir, choices, Limits(max_text_bytes=4000)))
    assert (entry.title, entry.status) == ("Layanan Antar Jemput Lansia", Status.VALID)


def test_hostile_spreadsheet_over_its_size_cap_names_its_option(
    batch_dir: Path, choices: CallChoices
) -> None:
    path = write_csv(batch_dir, "form.csv", [FORM_HEADERS, form_row()])
    size = path.stat().st_size
    limits = Limits(max_sheet_bytes=size - 1)
    assert unread(load(batch_dir, choices, limits)) == [
        (
            str(path),
            f"file is {size} bytes, over the {size - 1} bytes limit for this kind of file; "
            "split it, or raise the limit with --max-sheet-mb",
        )
    ]


def test_hostile_xlsx_unpacking_over_the_cap(
    batch_dir: Path, choices: CallChoices, small_limits: Limits
) -> None:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("xl/worksheets/sheet1.xml", "<a/>" + " " * 100_000)
    assert len(buffer.getvalue()) < small_limits.max_sheet_bytes
    path = write_bytes(batch_dir, "bomb.xlsx", buffer.getvalue())
    batch = load(batch_dir, choices, small_limits)
    assert unread(batch) == [
        (str(path), "workbook unpacks to 97.7 KB, over the 4.9 KB limit; split the export")
    ]
    assert unread(batch, Lang.ID) == [
        (
            str(path),
            "buku kerja berukuran 97,7 KB setelah diekstrak, melebihi batas 4,9 KB; pecah "
            "ekspornya",
        )
    ]


def test_hostile_fake_xlsx_that_is_not_a_zip(batch_dir: Path, choices: CallChoices) -> None:
    path = write_text(batch_dir, "form.xlsx", "judul,instansi\nLayanan,Dinas\n")
    assert unread(load(batch_dir, choices)) == [
        (
            str(path),
            "not a valid .xlsx workbook (not a zip archive); export it again from the "
            "spreadsheet program as .xlsx",
        )
    ]


# --- YAML aliases and nesting ------------------------------------------------------------


def _billion_laughs() -> str:
    lines = ['a: &a ["lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol"]']
    for level in range(1, 10):
        name, previous = chr(ord("a") + level), chr(ord("a") + level - 1)
        lines.append(f"{name}: &{name} [{', '.join([f'*{previous}'] * 9)}]")
    return "\n".join(lines) + "\n"


def test_hostile_yaml_alias_bomb_refused_before_expansion(
    batch_dir: Path, choices: CallChoices
) -> None:
    path = write_yaml(batch_dir, "bomb.yaml", _billion_laughs())
    assert rendered(only_entry(load(batch_dir, choices))) == [
        f"{path}:1: (file): more than 100,000 values, counting each alias (*name) expanded; "
        "a proposal holds far fewer: write the values out instead of referencing anchors"
    ]


def test_hostile_yaml_node_budget_follows_the_limits(
    batch_dir: Path, choices: CallChoices, small_limits: Limits
) -> None:
    path = write_yaml(
        batch_dir,
        "p.yaml",
        "tpb: &x [1, 2, 3, 4, 5, 6, 7, 8, 9]\nb: [" + ", ".join(["*x"] * 30) + "]\n",
    )
    assert rendered(only_entry(load(batch_dir, choices, small_limits))) == [
        f"{path}:1: (file): more than 200 values, counting each alias (*name) expanded; "
        "a proposal holds far fewer: write the values out instead of referencing anchors"
    ]


def test_hostile_yaml_self_referencing_alias(batch_dir: Path, choices: CallChoices) -> None:
    path = write_yaml(batch_dir, "loop.yaml", "judul: Layanan\ninovator: &a\n  - *a\n")
    assert rendered(only_entry(load(batch_dir, choices))) == [
        f"{path}:2: (file): an alias (*name) refers to the value it stands in, a loop that "
        "never ends; write the values out instead"
    ]


def test_hostile_yaml_deep_nesting(batch_dir: Path, choices: CallChoices) -> None:
    path = write_yaml(batch_dir, "deep.yaml", "judul: " + "[" * 101 + "]" * 101 + "\n")
    assert rendered(only_entry(load(batch_dir, choices))) == [f"{path}:1: (file): {TOO_DEEP}"]


def test_hostile_yaml_nesting_past_the_parser_limit(batch_dir: Path, choices: CallChoices) -> None:
    path = write_yaml(batch_dir, "deep.yaml", "[" * 100_000 + "]" * 100_000)
    assert rendered(only_entry(load(batch_dir, choices))) == [f"{path}:1: (file): {TOO_DEEP}"]


def test_hostile_json_deep_nesting(batch_dir: Path, choices: CallChoices) -> None:
    path = write_json(batch_dir, "deep.json", '{"judul": ' + "[" * 101 + "]" * 101 + "}")
    assert rendered(only_entry(load(batch_dir, choices))) == [f"{path}: (file): {TOO_DEEP}"]


def test_hostile_json_nesting_past_the_recursion_limit(
    batch_dir: Path, choices: CallChoices
) -> None:
    depth = sys.getrecursionlimit() + 10
    path = write_json(batch_dir, "deep.json", "[" * depth + "]" * depth)
    assert rendered(only_entry(load(batch_dir, choices))) == [f"{path}: (file): {TOO_DEEP}"]


def test_hostile_markdown_front_matter_deep_nesting(batch_dir: Path, choices: CallChoices) -> None:
    path = write_text(batch_dir, "deep.md", "---\njudul: " + "[" * 101 + "]" * 101 + "\n---\n")
    assert rendered(only_entry(load(batch_dir, choices))) == [f"{path}:2: (file): {TOO_DEEP}"]


# --- encodings ---------------------------------------------------------------------------


def test_hostile_utf8_bom_accepted(batch_dir: Path, choices: CallChoices) -> None:
    write_bytes(batch_dir, "p.yaml", b"\xef\xbb\xbf" + yaml_text(proposal_data()).encode())
    entry = only_entry(load(batch_dir, choices))
    assert (entry.status, entry.problems) == (Status.VALID, [])


@pytest.mark.parametrize("encoding", ["utf-16", "utf-16-be", "utf-32"])
def test_hostile_utf16_and_utf32_with_bom_accepted(
    batch_dir: Path, choices: CallChoices, encoding: str
) -> None:
    text = yaml_text(proposal_data(agency="Dinas Pendidikan dan Kebudayaan \u2013 Café"))
    bom = {"utf-16-be": b"\xfe\xff"}.get(encoding, b"")
    write_bytes(batch_dir, "p.yaml", bom + text.encode(encoding))
    entry = only_entry(load(batch_dir, choices))
    assert (entry.status, entry.problems) == (Status.VALID, [])
    assert entry.agency == "Dinas Pendidikan dan Kebudayaan \u2013 Café"


def test_hostile_utf16_bom_with_broken_content_refused(
    batch_dir: Path, choices: CallChoices
) -> None:
    path = write_bytes(batch_dir, "p.yaml", b"\xff\xfej\x00u\x00\x00\xd8")
    assert unread(load(batch_dir, choices)) == [
        (
            str(path),
            "starts with a UTF-16-LE byte-order mark but is not valid UTF-16-LE (byte 4); "
            "save it again as UTF-8",
        )
    ]


def test_hostile_cp1252_text_decoded_with_a_warning(batch_dir: Path, choices: CallChoices) -> None:
    text = yaml_text(proposal_data(agency="Dinas Pendidikan \u2013 Café"))
    path = write_bytes(batch_dir, "p.yaml", text.encode("cp1252"))
    offset = text.encode("cp1252").index(b"\x96")
    entry = only_entry(load(batch_dir, choices))
    assert entry.status is Status.VALID
    assert entry.agency == "Dinas Pendidikan \u2013 Café"
    assert [(p.render(), p.severity) for p in entry.problems] == [
        (
            f"{path}: (file): not UTF-8 (invalid byte 0x96 at offset {offset}); read as "
            "Windows-1252: check accented letters, and save the file as UTF-8",
            Severity.WARNING,
        )
    ]


def test_hostile_cp1252_csv_warns_once_for_the_file(batch_dir: Path, choices: CallChoices) -> None:
    text = csv_text([FORM_HEADERS, form_row(Instansi="Dinas Kesehatan \u2013 Café")], delimiter=";")
    path = write_bytes(batch_dir, "form.csv", text.encode("cp1252"))
    batch = load(batch_dir, choices)
    offset = text.encode("cp1252").index(b"\x96")
    assert [n.render() for n in batch.notices] == [
        f"{path}: (file): not UTF-8 (invalid byte 0x96 at offset {offset}); read as "
        "Windows-1252: check accented letters, and save the file as UTF-8"
    ]
    assert [e.agency for e in batch.entries] == ["Dinas Kesehatan \u2013 Café"]


def test_hostile_bytes_neither_utf8_nor_cp1252_refused(
    batch_dir: Path, choices: CallChoices
) -> None:
    path = write_bytes(batch_dir, "p.yaml", b"judul: Layanan \x81\x8d\n")
    assert unread(load(batch_dir, choices)) == [
        (
            str(path),
            "not UTF-8 text (invalid byte 0x81 at offset 15) and not Windows-1252 either; "
            "save it as UTF-8",
        )
    ]


@pytest.mark.parametrize("name", ["foto.yaml", "foto.json", "foto.md", "foto.csv"])
def test_hostile_binary_file_with_a_supported_extension(
    batch_dir: Path, choices: CallChoices, name: str
) -> None:
    png = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01"
    path = write_bytes(batch_dir, name, png)
    assert unread(load(batch_dir, choices)) == [
        (str(path), "binary content, not text; save the proposal again as a text file (UTF-8)")
    ]


# --- file types and shapes ---------------------------------------------------------------


READS = "kipp reads .csv, .json, .md, .ods, .xls, .xlsm, .xlsx, .yaml, .yml"


@pytest.mark.parametrize(
    ("name", "reason"),
    [
        (
            "proposal.docx",
            "unsupported file type '.docx'; copy its content into a .md or .yaml proposal",
        ),
        (
            "SK Kepala Dinas.PDF",
            "unsupported file type '.pdf'; attachments belong under `lampiran`, "
            "not in the batch folder",
        ),
        ("catatan.txt", "unsupported file type '.txt'; rename it .md with front matter, or .yaml"),
        ("foto.jpg", f"unsupported file type '.jpg'; {READS}"),
        ("README", f"unsupported file type (no extension); {READS}"),
    ],
)
def test_hostile_unsupported_extension(
    batch_dir: Path, choices: CallChoices, name: str, reason: str
) -> None:
    path = write_bytes(batch_dir, name, b"PK\x03\x04 not read")
    assert unread(load(batch_dir, choices)) == [(str(path), reason)]


@pytest.mark.parametrize("name", ["p.yaml", "p.yml", "p.json", "p.md"])
def test_hostile_empty_proposal_file(batch_dir: Path, choices: CallChoices, name: str) -> None:
    path = write_bytes(batch_dir, name, b"")
    assert rendered(only_entry(load(batch_dir, choices))) == [
        f"{path}: (file): is empty; write one proposal (see `kipp schema`)"
    ]


def test_hostile_whitespace_only_yaml_is_empty(batch_dir: Path, choices: CallChoices) -> None:
    path = write_text(batch_dir, "p.yaml", "\n  \n# belum diisi\n")
    assert rendered(only_entry(load(batch_dir, choices))) == [
        f"{path}: (file): is empty; write one proposal (see `kipp schema`)"
    ]


def test_hostile_empty_csv_is_unread(batch_dir: Path, choices: CallChoices) -> None:
    path = write_bytes(batch_dir, "form.csv", b"")
    assert unread(load(batch_dir, choices)) == [
        (
            str(path),
            "holds no rows; put the column headers in the first row and one proposal per row below",
        )
    ]


def test_hostile_yaml_top_level_list(batch_dir: Path, choices: CallChoices) -> None:
    path = write_yaml(batch_dir, "p.yaml", [proposal_data(), proposal_data()])
    assert rendered(only_entry(load(batch_dir, choices))) == [f"{path}: (file): {NOT_A_PROPOSAL}"]


def test_hostile_json_top_level_list(batch_dir: Path, choices: CallChoices) -> None:
    path = write_json(batch_dir, "p.json", [proposal_data()])
    assert rendered(only_entry(load(batch_dir, choices))) == [f"{path}: (file): {NOT_A_PROPOSAL}"]


def test_hostile_yaml_single_value(batch_dir: Path, choices: CallChoices) -> None:
    path = write_yaml(batch_dir, "p.yaml", "Layanan Kesehatan Keliling\n")
    assert rendered(only_entry(load(batch_dir, choices))) == [
        f"{path}: (file): holds a single value (str), not one proposal; write the fields as a "
        "mapping (key: value), one proposal per file, or use .csv/.xlsx for many"
    ]


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no FIFOs on this platform")
def test_hostile_fifo_in_the_folder_not_read(batch_dir: Path, choices: CallChoices) -> None:
    path = batch_dir / "pipe.yaml"
    os.mkfifo(path)
    assert unread(load(batch_dir, choices)) == [(str(path), "is not a regular file")]


def _symlink(target: Path, link: Path) -> None:
    try:
        link.symlink_to(target)
    except (OSError, NotImplementedError):
        pytest.skip("cannot create symbolic links here")


SYMLINK = "is a symbolic link, which kipp does not follow; copy what it points to into the folder"


def test_hostile_symlink_to_a_file_not_followed(
    tmp_path: Path, batch_dir: Path, choices: CallChoices
) -> None:
    secret = write_text(tmp_path, "secret.yaml", "judul: rahasia\n")
    _symlink(secret, batch_dir / "p.yaml")
    assert unread(load(batch_dir, choices)) == [(str(batch_dir / "p.yaml"), SYMLINK)]


def test_hostile_broken_symlink_reported(batch_dir: Path, choices: CallChoices) -> None:
    _symlink(batch_dir / "missing.yaml", batch_dir / "p.yaml")
    assert unread(load(batch_dir, choices)) == [(str(batch_dir / "p.yaml"), SYMLINK)]


def test_hostile_symlink_to_a_folder_reported(
    tmp_path: Path, batch_dir: Path, choices: CallChoices
) -> None:
    elsewhere = tmp_path / "elsewhere"
    write_yaml(elsewhere, "p.yaml", proposal_data())
    _symlink(elsewhere, batch_dir / "dinas")
    assert unread(load(batch_dir, choices)) == [(str(batch_dir / "dinas"), SYMLINK)]


# --- spreadsheets ------------------------------------------------------------------------


def test_hostile_csv_with_semicolons_from_indonesian_excel(
    batch_dir: Path, choices: CallChoices
) -> None:
    row = form_row(**{"Penerima Manfaat": "1.250", "TPB": "3, 10"})
    write_csv(batch_dir, "form.csv", [FORM_HEADERS, row], delimiter=";")
    batch = load(batch_dir, choices)
    assert [e.status for e in batch.entries] == [Status.VALID]
    proposal = batch.entries[0].proposal
    assert proposal is not None
    assert (proposal.indicators.beneficiaries, proposal.sdgs) == (1250, [3, 10])


def test_hostile_csv_field_over_the_csv_module_limit_read_whole(
    batch_dir: Path, choices: CallChoices
) -> None:
    long_text = "Kata " * 40_000  # 200,000 characters, over the csv module's 131,072
    write_csv(batch_dir, "form.csv", [FORM_HEADERS, form_row(Ringkasan=long_text)])
    proposal = load(batch_dir, choices).entries[0].proposal
    assert proposal is not None
    assert proposal.sections.summary == long_text.strip()


def test_hostile_xlsx_written_as_csv_text_inside(batch_dir: Path, choices: CallChoices) -> None:
    path = write_xlsx(batch_dir, "form.xlsx", [["judul"], ["Layanan Sehat"]])
    write_bytes(batch_dir, "form.xlsx", path.read_bytes()[:200])
    assert unread(load(batch_dir, choices)) == [
        (
            str(path),
            "not a valid .xlsx workbook (not a zip archive); export it again from the "
            "spreadsheet program as .xlsx",
        )
    ]


# --- keys given twice --------------------------------------------------------------------


def test_hostile_yaml_duplicate_key(batch_dir: Path, choices: CallChoices) -> None:
    path = write_yaml(batch_dir, "p.yaml", "judul: Satu Dua\ninstansi: Dinas\njudul: Tiga\n")
    assert rendered(only_entry(load(batch_dir, choices))) == [
        f"{path}:3: (file): key 'judul' appears twice; keep one"
    ]


def test_hostile_json_duplicate_key(batch_dir: Path, choices: CallChoices) -> None:
    text = '{\n  "judul": "Satu Dua",\n  "instansi": "Dinas",\n  "judul": "Tiga"\n}\n'
    path = write_json(batch_dir, "p.json", text)
    assert rendered(only_entry(load(batch_dir, choices))) == [
        f"{path}:4: (file): key 'judul' appears twice; keep one"
    ]


def test_hostile_key_given_as_title_and_judul(batch_dir: Path, choices: CallChoices) -> None:
    text = yaml_text(proposal_data()) + "judul: Judul Lain Lagi\n"
    path = write_yaml(batch_dir, "p.yaml", text)
    line = len(text.splitlines())
    entry = only_entry(load(batch_dir, choices))
    assert entry.title == "Layanan Kesehatan Keliling"
    assert rendered(entry) == [
        f"{path}:{line}: title: given twice, as 'title' and as 'judul'; keep one"
    ]


def test_hostile_empty_cp1252_file_still_reported_empty(
    batch_dir: Path, choices: CallChoices
) -> None:
    path = write_bytes(batch_dir, "p.yaml", b"# belum diisi, caf\xe9\n")
    assert rendered(only_entry(load(batch_dir, choices))) == [
        f"{path}: (file): not UTF-8 (invalid byte 0xe9 at offset 18); read as Windows-1252: "
        "check accented letters, and save the file as UTF-8",
        f"{path}: (file): is empty; write one proposal (see `kipp schema`)",
    ]


# --- names that are not text, folders nested too deep ----------------------------------------

NAME_NOT_TEXT = (
    "the name of this file (or of a folder above it) holds bytes that are not text or control "
    "characters, written here as \\xNN; rename it"
)


def _raw_name(folder: Path, name: bytes, content: bytes) -> Path:
    path = Path(os.fsdecode(os.fsencode(folder) + b"/" + name))
    try:
        path.write_bytes(content)
    except (OSError, UnicodeEncodeError):
        pytest.skip("this file system refuses such names")
    return path


def test_hostile_file_name_not_utf8_read_and_shown_escaped(
    batch_dir: Path, choices: CallChoices
) -> None:
    _raw_name(batch_dir, b"caf\xe9.yaml", yaml_text(proposal_data(id="kafe")).encode())
    batch = load(batch_dir, choices)
    shown = f"{batch_dir}/caf\\xe9.yaml"
    assert [(e.path, e.id, e.status) for e in batch.entries] == [(shown, "kafe", Status.VALID)]
    assert [(n.render(), n.severity) for n in batch.notices] == [
        (f"{shown}: (file): {NAME_NOT_TEXT}", Severity.WARNING)
    ]
    assert batch.model_dump_json()  # results can hold it
    assert said(batch.notices[0].message, Lang.ID) == (
        "nama berkas ini (atau nama folder di atasnya) memuat bait yang bukan teks atau karakter "
        "kendali, yang di sini ditulis sebagai \\xNN; ganti namanya"
    )


def test_hostile_escape_sequence_in_a_folder_name_shown_escaped(
    batch_dir: Path, choices: CallChoices
) -> None:
    folder = _raw_name(batch_dir, b"dinas\x1b[31m", b"")
    folder.unlink()
    folder.mkdir()
    write_yaml(folder, "p.yaml", proposal_data(id="merah"))
    batch = load(batch_dir, choices)
    shown = f"{batch_dir}/dinas\\x1b[31m/p.yaml"
    assert [(e.path, e.status) for e in batch.entries] == [(shown, Status.VALID)]
    assert [n.render() for n in batch.notices] == [f"{shown}: (file): {NAME_NOT_TEXT}"]


def _remove_deep(top: Path) -> None:
    """Delete a folder tree bottom-up, without recursion."""
    folders = []
    pending = [top]
    while pending:
        folder = pending.pop()
        folders.append(folder)
        for entry in folder.iterdir():
            if entry.is_dir() and not entry.is_symlink():
                pending.append(entry)
            else:
                entry.unlink()
    for folder in reversed(folders):
        folder.rmdir()


def test_hostile_folders_nested_past_the_depth_limit_one_unread_entry(
    batch_dir: Path, choices: CallChoices
) -> None:
    deep = batch_dir
    for _ in range(1_100):
        deep = deep / "a"
        deep.mkdir()
    write_yaml(deep, "p.yaml", proposal_data())
    write_yaml(batch_dir / "a", "dekat.yaml", proposal_data(id="dekat"))
    try:
        batch = load(batch_dir, choices)
    finally:
        _remove_deep(batch_dir / "a")  # pytest's own clean-up would recurse past the limit
    assert [e.id for e in batch.entries] == ["dekat"]
    too_deep = batch_dir.joinpath(*["a"] * 33)
    assert [(u.path, said(u.reason)) for u in batch.unread] == [
        (
            str(too_deep),
            "this folder is more than 32 levels below the batch folder, so nothing in it is "
            "read; move its files further up",
        )
    ]


def test_hostile_depth_limit_follows_the_limits(batch_dir: Path, choices: CallChoices) -> None:
    write_yaml(batch_dir / "a" / "b", "p.yaml", proposal_data())
    batch = load(batch_dir, choices, Limits(max_depth=1))
    assert [(u.path, said(u.reason, Lang.ID)) for u in batch.unread] == [
        (
            str(batch_dir / "a" / "b"),
            "folder ini berada lebih dari 1 tingkat di bawah folder kumpulan, sehingga isinya "
            "tidak dibaca; pindahkan berkasnya ke tingkat yang lebih atas",
        )
    ]


# --- spreadsheets that would stall intake ---------------------------------------------------


def test_hostile_csv_first_line_of_quotes_read_without_sniffing_it_whole(
    batch_dir: Path, choices: CallChoices
) -> None:
    rows = csv_text([FORM_HEADERS, form_row()], delimiter=";")
    write_text(batch_dir, "form.csv", rows)
    path = write_text(batch_dir, "quotes.csv", '"' * 32_000 + "\r\n" + rows)
    batch = load(batch_dir, choices)
    assert [e.source for e in batch.entries] == [f"{batch_dir / 'form.csv'}#2"]
    assert unread(Intake.model_construct(entries=[], unread=batch.unread)) == [
        (
            str(path),
            "the header row (row 1) names no proposal field; put headers such as judul, "
            "instansi, kategori in the first row",
        )
    ]


def test_hostile_xlsx_of_millions_of_tiny_cells_refused(
    batch_dir: Path, choices: CallChoices
) -> None:
    row = "".join(f'<c r="{c}{{r}}"><v>1</v></c>' for c in "ABCDEFGHIJ")
    data = "".join(f'<row r="{r}">' + row.format(r=r) + "</row>" for r in range(1, 302))
    path = write_bytes(batch_dir, "form.xlsx", xlsx_bytes(data))
    batch = load(batch_dir, choices, Limits(max_sheet_cells=3_000))
    assert unread(batch) == [
        (
            str(path),
            "sheet 'Form' reaches row 301 and column J: more than 3,000 cells counted "
            "from A1, more than a sheet may hold; delete what lies beyond the data, or split "
            "the export into several files",
        )
    ]
