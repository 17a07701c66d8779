"""Pydantic's error records in plain language, each saying what would be right."""

from __future__ import annotations

import re
from typing import Any

from pydantic_core import ErrorDetails

_FIELD_HINTS = {
    "id": "id (kode)",
    "title": "title (judul)",
    "agency": "agency (instansi)",
    "group": "group (kelompok)",
    "category": "category (kategori)",
    "sdgs": "sdgs (tpb)",
    "started_on": "started_on (tanggal_mulai)",
    "stage": "stage (tahapan)",
    "digital": "digital",
    "sections": "sections (uraian)",
    "name": "name (nama)",
    "competition": "competition (kompetisi)",
    "year": "year (tahun)",
}


def _shown(value: Any) -> str:
    text = repr(value) if not isinstance(value, str) else f"'{value}'"
    return text if len(text) <= 60 else text[:57] + "...'"


def _chars(count: int) -> str:
    return f"{count} character" + ("" if count == 1 else "s")


def describe(error: ErrorDetails, *, in_sheet: bool = False) -> str:
    """One sentence for one pydantic error, naming the limit or the expected form.
    `in_sheet`: the value comes from a spreadsheet row, where fields are columns."""
    kind = error["type"]
    ctx = error.get("ctx") or {}
    value = error.get("input")
    leaf = next((p for p in reversed(error["loc"]) if isinstance(p, str)), "")
    if kind == "missing":
        hint = _FIELD_HINTS.get(leaf, leaf)
        if in_sheet:
            return f"required, but missing; fill in the `{hint}` column"
        return f"required, but missing; add `{hint}:`"
    if kind in {"string_type", "str_type"}:
        return f"{_shown(value)} should be text"
    if kind == "string_too_short":
        if ctx.get("min_length") == 1 or not value:
            return "is empty; write a value"
        return f"{_chars(len(value))}; at least {ctx['min_length']} needed"
    if kind == "string_too_long":
        return f"{_chars(len(value))}; at most {ctx['max_length']} allowed"
    if kind in {"int_parsing", "int_type", "int_from_float"}:
        return f"{_shown(value)} is not a whole number"
    if kind in {"float_parsing", "float_type"}:
        return f"{_shown(value)} is not a number; write digits, e.g. 1250"
    if kind in {"greater_than_equal", "greater_than"}:
        lowest = ctx.get("ge", ctx.get("gt"))
        return f"{_shown(value)} is too small; the lowest allowed is {lowest}"
    if kind in {"less_than_equal", "less_than"}:
        return (
            f"{_shown(value)} is too large; the highest allowed is {ctx.get('le', ctx.get('lt'))}"
        )
    if kind in {"list_type", "tuple_type"}:
        return f"{_shown(value)} should be a list (one '- item' per line)"
    if kind in {"model_type", "dict_type", "model_attributes_type"}:
        return f"{_shown(value)} should be a mapping of fields (key: value)"
    if kind in {"bool_parsing", "bool_type"}:
        return f"{_shown(value)} is not yes or no; write true/false (or ya/tidak)"
    if kind in {"date_type", "date_parsing", "date_from_datetime_parsing"}:
        return f"{_shown(value)} is not a date; write it as 2019-07-01 or 1 Juli 2019"
    if kind == "enum":
        return f"{_shown(value)} is not allowed; use one of: {ctx.get('expected', '')}"
    if kind == "extra_forbidden":
        return "unknown field"
    return str(error["msg"])


# Indonesian renderings of the problem messages, for the documents (`kipp validate` and the
# intake itself keep the English text above, which tests and users' scripts rely on). The
# documents show the messages of proposal intake, of the review panel and scoresheets
# (`kipp.reviews`) and of the agency registry (`kipp.intake.registry`); each English form is
# matched whole, and its named parts (values, counts, names) are carried over, some of them
# converted (`_CONVERTERS`). A message no pattern knows is shown in English, as written;
# tests/test_message_translations.py checks every message those modules write has a pattern.
#
# The messages carry what users wrote (keys, names, cell values, sheet titles), so a pattern
# must not backtrack without bound on a long message it does not match: a value between two
# literal parts that a later value follows is written `(?:(?!<the literal after it>).)*`,
# so it runs up to the first occurrence of that literal and never across it (a value may
# hold apostrophes, as in 'Jum'at', but not the literal that ends it); only the last value
# may be a plain `.*`. Every pattern then fails in time linear in the message's length, and
# `MAX_TRANSLATED_LENGTH` bounds that length (tests/test_message_patterns_performance.py).
_EXPECTED_DATE = "write it as 2019-07-01 or 1 Juli 2019"
_PHRASES_ID = {
    _EXPECTED_DATE: "tulis seperti 2019-07-01 atau 1 Juli 2019",
    "save it as .xlsx": "simpan sebagai .xlsx",
    "copy its content into a .md or .yaml proposal": "salin isinya ke proposal .md atau .yaml",
    "attachments belong under `lampiran`, not in the batch folder": (
        "lampiran dicantumkan di `lampiran`, bukan diletakkan di folder kumpulan"
    ),
    "rename it .md with front matter, or .yaml": (
        "ganti namanya menjadi .md dengan bagian depan (front matter), atau .yaml"
    ),
    "rename it .md": "ganti namanya menjadi .md",
}
_PHRASE_PATTERNS_ID = [(re.compile(r"kipp reads (?P<list>.+)"), "kipp membaca {list}")]

_PATTERNS_ID: list[tuple[str, str]] = [
    # proposal fields (kipp.core.validation.describe, kipp.core.models, kipp.core.dates,
    # kipp.core.keys)
    (
        r"required, but missing; add `(?P<hint>[^`]+):`",
        "wajib diisi, tetapi kosong; tambahkan `{hint}:`",
    ),
    (
        r"required, but missing; fill in the `(?P<hint>[^`]+)` column",
        "wajib diisi, tetapi kosong; isi kolom `{hint}`",
    ),
    (r"(?P<v>.+) should be text", "{v} harus berupa teks"),
    (r"is empty; write a value", "kosong; tulis isinya"),
    (
        r"(?P<n>\d+) characters?; at least (?P<min>\d+) needed",
        "{n} karakter; minimal {min} karakter",
    ),
    (
        r"(?P<n>\d+) characters?; at most (?P<max>\d+) allowed",
        "{n} karakter; maksimal {max} karakter",
    ),
    (
        r"(?P<n>\d+) characters?; a title needs (?P<min>\d+) to (?P<max>\d+)",
        "{n} karakter; judul harus {min} sampai {max} karakter",
    ),
    (r"(?P<v>.+) is not a whole number", "{v} bukan bilangan bulat"),
    (
        r"(?P<v>.+) is not a number; write digits, e\.g\. 1250",
        "{v} bukan angka; tulis dengan angka, mis. 1250",
    ),
    (
        r"(?P<v>.+) is too small; the lowest allowed is (?P<low>.+)",
        "{v} terlalu kecil; nilai terendah yang diizinkan {low}",
    ),
    (
        r"(?P<v>.+) is too large; the highest allowed is (?P<high>.+)",
        "{v} terlalu besar; nilai tertinggi yang diizinkan {high}",
    ),
    (
        r"(?P<v>.+) should be a list \(one '- item' per line\)",
        "{v} harus berupa daftar (satu '- butir' per baris)",
    ),
    (
        r"(?P<v>.+) should be a mapping of fields \(key: value\)",
        "{v} harus berupa kumpulan isian (kunci: nilai)",
    ),
    (
        r"(?P<v>.+) is not yes or no; write true/false \(or ya/tidak\)",
        "{v} bukan ya atau tidak; tulis true/false (atau ya/tidak)",
    ),
    (r"(?P<v>.+) is not a date; (?P<p>.+)", "{v} bukan tanggal; {p}"),
    (
        r"(?P<v>.+) is not allowed; use one of: (?P<list>.*)",
        "{v} tidak diizinkan; pilih salah satu: {list}",
    ),
    (r"unknown field", "isian tidak dikenal"),
    (
        r"unknown field '(?P<k>[^']*)'; did you mean '(?P<m>[^']*)'\?",
        "isian '{k}' tidak dikenal; mungkin maksudnya '{m}'?",
    ),
    (
        r"unknown field '(?P<k>[^']*)'; known fields here: (?P<list>.*)",
        "isian '{k}' tidak dikenal; isian yang dikenal di sini: {list}",
    ),
    (
        r"given twice, as '(?P<a>(?:(?!' and as ').)*)' and as '(?P<b>.*)'; keep one",
        "ditulis dua kali, sebagai '{a}' dan sebagai '{b}'; pertahankan satu",
    ),
    (
        r"'(?P<v>[^']*)' is not a valid id: use lowercase letters, digits and hyphens, "
        r"e\.g\. '(?P<e>[^']*)'",
        "'{v}' bukan kode yang sah: gunakan huruf kecil, angka dan tanda hubung, mis. '{e}'",
    ),
    (
        r"'(?P<v>[^']*)' is not a (?P<f>\w+) of this call; use one of: (?P<list>.*)",
        "'{v}' bukan {f} dalam kompetisi ini; pilih salah satu: {list}",
    ),
    (
        r"'(?P<v>[^']*)' is not a stage; use one of: (?P<list>.*)",
        "'{v}' bukan tahapan; pilih salah satu: {list}",
    ),
    (
        r"'(?P<v>[^']*)' is not an e-mail address; write it as name@domain",
        "'{v}' bukan alamat surel; tulis seperti nama@domain",
    ),
    (
        r"SDG (?P<n>\d+) is listed twice; list each once",
        "TPB {n} ditulis dua kali; tulis sekali saja",
    ),
    (
        r"no SDG given; list at least one number from 1 to 17",
        "TPB belum diisi; tulis minimal satu nomor dari 1 sampai 17",
    ),
    (r"(?P<v>.+) is not an SDG number; use 1 to 17", "{v} bukan nomor TPB; gunakan 1 sampai 17"),
    (
        r"'(?P<v>[^']*)' is not a real date: (?P<m>\w+) (?P<y>\d+) has (?P<d>\d+) days",
        "'{v}' bukan tanggal yang ada: {m} {y} hanya {d} hari",
    ),
    (
        r"'(?P<v>[^']*)' is not a real date: "
        r"there is no (?P<what>year|month) (?P<n>\d+); (?P<p>.+)",
        "'{v}' bukan tanggal yang ada: tidak ada {what} {n}; {p}",
    ),
    (
        r"'(?P<v>[^']*)': '(?P<m>[^']*)' is not a month name; (?P<p>.+)",
        "'{v}': '{m}' bukan nama bulan; {p}",
    ),
    # proposal files (kipp.intake)
    (
        r"is a symbolic link, which kipp does not follow; copy what it points to into the folder",
        "berupa tautan simbolik, yang tidak diikuti kipp; salin berkas yang ditunjuknya ke "
        "folder ini",
    ),
    (r"cannot be read: (?P<why>.+)", "tidak dapat dibaca: {why}"),
    (r"is not a regular file", "bukan berkas biasa"),
    (
        r"unsupported file type (?P<t>'[^']*'|\(no extension\)|\S+); (?P<p>.+)",
        "jenis berkas {t} tidak didukung; {p}",
    ),
    (
        r"internal error while reading \((?P<err>.+)\); please report it",
        "galat internal saat membaca ({err}); mohon laporkan",
    ),
    (
        r"same title as (?P<others>.+); each proposal needs its own title "
        r"\(the same innovation is proposed once\)",
        "judul sama dengan {others}; setiap proposal perlu judul sendiri "
        "(satu inovasi hanya diusulkan sekali)",
    ),
    (
        r"same title as (?P<others>.+); each proposal needs its own title",
        "judul sama dengan {others}; setiap proposal perlu judul sendiri",
    ),
    (
        r"id '(?P<v>[^']*)' is also used by (?P<others>.+); give each proposal its own id",
        "kode '{v}' juga dipakai oleh {others}; beri setiap proposal kode sendiri",
    ),
    (
        r"is empty; write one proposal \(see `kipp schema`\)",
        "kosong; tulis satu proposal (lihat `kipp schema`)",
    ),
    (
        r"holds (?P<kind>a list|a single value \(.*\)), not one proposal; write the fields as "
        r"a mapping \(key: value\), one proposal per file, or use \.csv/\.xlsx for many",
        "berisi {kind}, bukan satu proposal; tulis isian sebagai kumpulan (kunci: nilai), satu "
        "proposal per berkas, atau gunakan .csv/.xlsx untuk banyak proposal",
    ),
    (
        r"file is (?P<size>(?:(?!, over the ).)+), over the (?P<cap>.+) limit for this kind "
        r"of file; split it, or raise the limit with (?P<option>\S+)",
        "berkas berukuran {size}, melebihi batas {cap} untuk jenis berkas ini; pecah "
        "berkasnya, atau naikkan batasnya dengan {option}",
    ),
    (
        r"starts with a (?P<enc>\S+) byte-order mark but is not valid (?P<enc2>\S+) "
        r"\(byte (?P<n>\d+)\); save it again as UTF-8",
        "diawali penanda urutan byte (BOM) {enc} tetapi bukan {enc2} yang sah (byte {n}); "
        "simpan ulang sebagai UTF-8",
    ),
    (
        r"binary content, not text; save the proposal again as a text file \(UTF-8\)",
        "isi biner, bukan teks; simpan ulang proposal sebagai berkas teks (UTF-8)",
    ),
    (
        r"not UTF-8 text \(invalid byte (?P<b>0x[0-9a-f]+) at offset (?P<n>\d+)\) "
        r"and not Windows-1252 either; save it as UTF-8",
        "bukan teks UTF-8 (byte {b} tidak sah di posisi {n}) dan juga bukan Windows-1252; "
        "simpan sebagai UTF-8",
    ),
    (
        r"not UTF-8 \(invalid byte (?P<b>0x[0-9a-f]+) at offset (?P<n>\d+)\); read as "
        r"Windows-1252: check accented letters, and save the file as UTF-8",
        "bukan UTF-8 (byte {b} tidak sah di posisi {n}); dibaca sebagai Windows-1252: periksa "
        "huruf beraksen, dan simpan berkas sebagai UTF-8",
    ),
    (r"not UTF-8 text; save it as UTF-8", "bukan teks UTF-8; simpan sebagai UTF-8"),
    (r"not valid YAML: (?P<err>.+)", "bukan YAML yang sah: {err}"),
    (r"not valid JSON: (?P<err>.+)", "bukan JSON yang sah: {err}"),
    (r"key '(?P<k>.*)' appears twice; keep one", "kunci '{k}' muncul dua kali; pertahankan satu"),
    (
        r"a key must be a plain word, not a list or mapping",
        "kunci harus berupa kata biasa, bukan daftar atau kumpulan isian",
    ),
    (
        r"nested more than (?P<n>\d+) levels deep, too deep to be a proposal",
        "bersarang lebih dari {n} tingkat, terlalu dalam untuk sebuah proposal",
    ),
    (
        r"more than (?P<count>[\d,]+) values, counting each alias \(\*name\) expanded; "
        r"a proposal holds far fewer: write the values out instead of referencing anchors",
        "lebih dari {count} nilai, setiap alias (*nama) dihitung setelah diuraikan; sebuah "
        "proposal memuat jauh lebih sedikit: tulis nilainya langsung, jangan merujuk jangkar",
    ),
    (
        r"an alias \(\*name\) refers to the value it stands in, a loop that never ends; "
        r"write the values out instead",
        "sebuah alias (*nama) merujuk ke nilai tempatnya berada, putaran yang tidak pernah "
        "selesai; tulis nilainya langsung",
    ),
    (
        r"no front matter: start the file with a '---' line, the fields \(judul: \.\.\.\), "
        r"and another '---' line",
        "tidak ada bagian depan (front matter): awali berkas dengan baris '---', lalu isian "
        "(judul: ...), lalu baris '---' lagi",
    ),
    (
        r"front matter is not closed: add a '---' line after the fields",
        "bagian depan (front matter) belum ditutup: tambahkan baris '---' setelah isian",
    ),
    (
        r"sections are given both in the front matter and as '## Heading' blocks; "
        r"keep the headings",
        "uraian ditulis di bagian depan (front matter) dan juga sebagai blok '## Judul "
        "bagian'; pertahankan yang berjudul bagian",
    ),
    (
        r"heading '(?P<h>.*)' is not a section of the form; use one of: (?P<list>.*)",
        "judul bagian '{h}' bukan bagian formulir; gunakan salah satu: {list}",
    ),
    (
        r"section '(?P<s>.*)' given twice \(first at line (?P<n>\d+)\); merge them",
        "bagian '{s}' ditulis dua kali (pertama di baris {n}); gabungkan keduanya",
    ),
    (
        r"text before the first '## Heading' is not read; move it under a section heading",
        "teks sebelum '## Judul bagian' yang pertama tidak dibaca; pindahkan ke bawah judul bagian",
    ),
    (
        r"column is not a proposal field, so it is not read",
        "kolom ini bukan isian proposal, jadi tidak dibaca",
    ),
    (
        r"column is not a proposal field, so it is not read; number each one, "
        r"e\.g\. '(?P<e>[^']*)'",
        "kolom ini bukan isian proposal, jadi tidak dibaca; beri nomor pada setiap butir, "
        "mis. '{e}'",
    ),
    (
        r"column is not a proposal field, so it is not read; did you mean '(?P<m>[^']*)'\?",
        "kolom ini bukan isian proposal, jadi tidak dibaca; mungkin maksudnya '{m}'?",
    ),
    (
        r"same field as column (?P<c>\S+); keep one of the two columns",
        "isian yang sama dengan kolom {c}; pertahankan salah satu kolom",
    ),
    (
        r"not readable as CSV \(line (?P<n>\d+)\): (?P<err>.+); export it again",
        "tidak terbaca sebagai CSV (baris {n}): {err}; ekspor ulang",
    ),
    (
        r"not readable as CSV: (?P<err>.+); export it again",
        "tidak terbaca sebagai CSV: {err}; ekspor ulang",
    ),
    (
        r"more than (?P<count>[\d,]+) rows below the header \(blank rows count too\); "
        r"split the export into smaller files",
        "lebih dari {count} baris di bawah baris judul kolom (baris kosong ikut dihitung); "
        "pecah ekspornya menjadi beberapa berkas yang lebih kecil",
    ),
    (
        r"the header row \(row (?P<n>\d+)\) names no proposal field; "
        r"put headers such as judul, instansi, kategori in the first row",
        "baris judul kolom (baris {n}) tidak menyebut satu pun isian proposal; tulis judul "
        "kolom seperti judul, instansi, kategori di baris pertama",
    ),
    (
        r"holds no rows; put the column headers in the first row and one proposal per row "
        r"below",
        "tidak berisi baris; tulis judul kolom di baris pertama dan satu proposal per baris "
        "di bawahnya",
    ),
    (
        r"has a header row \(row (?P<n>\d+)\) but no proposal rows below it",
        "memiliki baris judul kolom (baris {n}) tetapi tidak ada baris proposal di bawahnya",
    ),
    (
        r"not a valid \.xlsx workbook \(not a zip archive\); "
        r"export it again from the spreadsheet program as \.xlsx",
        "bukan buku kerja .xlsx yang sah (bukan arsip zip); ekspor ulang dari program lembar "
        "kerja sebagai .xlsx",
    ),
    (
        r"workbook unpacks to (?P<size>(?:(?!, over the ).)+), over the (?P<cap>.+) limit; "
        r"split the export",
        "buku kerja berukuran {size} setelah diekstrak, melebihi batas {cap}; pecah ekspornya",
    ),
    (
        r"not a readable \.xlsx workbook \((?P<err>.+)\); "
        r"export it again from the spreadsheet program",
        "buku kerja .xlsx tidak terbaca ({err}); ekspor ulang dari program lembar kerja",
    ),
    (
        r"not a readable \.xlsx workbook \((?P<err>.+)\); save it again as \.xlsx",
        "buku kerja .xlsx tidak terbaca ({err}); simpan ulang sebagai .xlsx",
    ),
    (r"workbook has no sheets", "buku kerja tidak memiliki lembar"),
    (
        r"sheet '(?P<s>(?:(?!' could not be read \().)*)' could not be read \((?P<err>.+)\); "
        r"export it again",
        "lembar '{s}' tidak dapat dibaca ({err}); ekspor ulang",
    ),
    (
        r"only the first sheet \('(?P<s>.*)'\) is read; sheets not read: (?P<list>.*)",
        "hanya lembar pertama ('{s}') yang dibaca; lembar yang tidak dibaca: {list}",
    ),
    # the review panel (kipp.intake.panel)
    (
        r"a panel is a mapping with `reviewers:`, a list of id, name, agency, conflicts",
        "panel juri berupa kumpulan isian dengan `reviewers:`, daftar berisi id, name, "
        "agency, conflicts",
    ),
    (
        r"unknown setting; known settings here: (?P<list>.*)",
        "pengaturan tidak dikenal; pengaturan yang dikenal di sini: {list}",
    ),
    (
        r"unknown setting; known settings: (?P<list>.*)",
        "pengaturan tidak dikenal; pengaturan yang dikenal: {list}",
    ),
    (
        r"'(?P<v>[^']*)' is not a valid reviewer id: use lowercase letters, digits and "
        r"hyphens, e\.g\. '(?P<e>[^']*)'",
        "'{v}' bukan kode juri yang sah: gunakan huruf kecil, angka dan tanda hubung, mis. '{e}'",
    ),
    (
        r"reviewer id (?P<ids>.+) used twice; give each reviewer their own id",
        "kode juri {ids} dipakai dua kali; beri setiap juri kode sendiri",
    ),
    # the scoresheets (kipp.reviews.ingest, kipp.intake.review_sheets)
    (
        r"file is larger than (?P<size>.+); a scoresheet is far smaller",
        "berkas lebih besar dari {size}; lembar penilaian jauh lebih kecil",
    ),
    (r"sheet is empty; no scores read", "lembar kosong; tidak ada nilai yang dibaca"),
    (
        r"no (?P<cols>.+) column; row (?P<n>\d+) must hold the headers of the scoresheet "
        r"kipp assign wrote \(reviewer, proposal, criteria\)",
        "tidak ada kolom {cols}; baris {n} harus memuat judul kolom lembar penilaian yang "
        "ditulis kipp assign (reviewer, proposal, kriteria)",
    ),
    (
        r"no column for this criterion; add a column headed `(?P<c>[^`]*)`",
        "tidak ada kolom untuk kriteria ini; tambahkan kolom berjudul `{c}`",
    ),
    (r"empty; write the reviewer's id", "kosong; tulis kode juri"),
    (r"empty; write the proposal's id", "kosong; tulis kode proposal"),
    (
        r"'(?P<r>[^']*)' is not on the panel \((?P<f>[^)]*)\); use one of: (?P<list>.*)",
        "'{r}' tidak ada dalam panel juri ({f}); gunakan salah satu: {list}",
    ),
    (
        r"'(?P<p>[^']*)' is not an eligible proposal of this batch; "
        r"copy the id from the scoresheet kipp assign wrote",
        "'{p}' bukan proposal yang memenuhi syarat dalam kumpulan ini; salin kodenya dari "
        "lembar penilaian yang ditulis kipp assign",
    ),
    (
        r"'(?P<r>[^']*)' works at (?P<a>.+), the proposal's agency; "
        r"these scores are not used, ask another reviewer",
        "'{r}' bekerja di {a}, instansi pengusul proposal ini; nilai ini tidak dipakai, "
        "mintalah juri lain",
    ),
    (
        r"'(?P<r>[^']*)' declared a conflict of interest with it; "
        r"these scores are not used, ask another reviewer",
        "'{r}' menyatakan konflik kepentingan dengan proposal ini; nilai ini tidak dipakai, "
        "mintalah juri lain",
    ),
    (
        r"(?P<v>(?:(?! is not a score on the scale ).)+) is not a score on the scale "
        r"(?P<scale>(?:(?!; give a whole number from ).)+); give a whole number from "
        r"(?P<scale2>.+)",
        "{v} bukan nilai pada skala {scale}; berikan bilangan bulat dari {scale2}",
    ),
    (
        r"not scored yet; give a whole number from (?P<scale>.+)",
        "belum dinilai; berikan bilangan bulat dari {scale}",
    ),
    (
        r"'(?P<r>[^']*)' already scored '(?P<p>[^']*)' in (?P<where>.+); this row is not used",
        "'{r}' sudah menilai '{p}' di {where}; baris ini tidak dipakai",
    ),
    (
        r"'(?P<r>[^']*)' already has a row for '(?P<p>[^']*)' in (?P<where>.+); "
        r"this row is not used",
        "'{r}' sudah punya baris untuk '{p}' di {where}; baris ini tidak dipakai",
    ),
    (
        r"'(?P<p>[^']*)' was not assigned to '(?P<r>[^']*)' \(assignments\.csv\); the scores "
        r"are used, check the assignment was changed on purpose",
        "'{p}' tidak ditugaskan kepada '{r}' (assignments.csv); nilainya tetap dipakai, "
        "pastikan penugasan itu memang sengaja diubah",
    ),
    (
        r"more than (?P<count>[\d,]+) rows below the header \(blank rows count too\), far more "
        r"than this batch's assignments; write it again with kipp assign",
        "lebih dari {count} baris di bawah baris judul kolom (baris kosong ikut dihitung), jauh "
        "melebihi jumlah penugasan kumpulan ini; tulis ulang dengan kipp assign",
    ),
    (
        r"needs a reviewer id and a proposal id; write them as `reviewer,proposal`",
        "perlu kode juri dan kode proposal; tulis sebagai `reviewer,proposal`",
    ),
    (
        r"'(?P<r>[^']*)' is assigned '(?P<p>[^']*)' on row (?P<n>\d+) already; "
        r"this row is not counted",
        "'{r}' sudah ditugaskan '{p}' di baris {n}; baris ini tidak dihitung",
    ),
    (
        r"'(?P<r>[^']*)' is assigned '(?P<p>[^']*)' but "
        r"(?P<reason>(?:(?!, so their scores cannot be used).)*), so their scores cannot be "
        r"used and the total of '(?P<p2>[^']*)' stays provisional; run kipp assign again with "
        r"the panel, or (?P<fix>.*)",
        "'{r}' ditugaskan menilai '{p}', tetapi {reason}, sehingga nilainya tidak dapat "
        "dipakai dan total '{p2}' tetap sementara; jalankan kipp assign lagi dengan panel "
        "juri ini, atau {fix}",
    ),
    (
        r"packet '(?P<c>[^']*)' stands for '(?P<a>[^']*)' on row (?P<n>\d+) already, not for "
        r"'(?P<b>[^']*)'; sheets with this code are read as '(?P<a2>[^']*)', put back the "
        r"assignments\.csv that kipp assign wrote",
        "paket '{c}' sudah mewakili '{a}' di baris {n}, bukan '{b}'; lembar dengan kode ini "
        "dibaca sebagai '{a2}', kembalikan assignments.csv yang ditulis kipp assign",
    ),
    (
        r"'(?P<v>[^']*)' is a blind packet code that assignments\.csv does not map to a "
        r"proposal; put back the assignments\.csv that kipp assign wrote with these sheets",
        "'{v}' adalah kode paket anonim yang tidak dipetakan assignments.csv ke proposal mana "
        "pun; kembalikan assignments.csv yang ditulis kipp assign bersama lembar-lembar ini",
    ),
    (
        r"no review panel beside the proposals, so the reviewers of the scoresheets and "
        r"assignments\.csv are not checked against the panel, their agencies or their "
        r"declared conflicts; put the panel given to kipp assign in the batch folder as "
        r"(?P<file>.*)",
        "tidak ada panel juri di samping proposal, sehingga juri pada lembar penilaian dan "
        "assignments.csv tidak diperiksa terhadap panel, instansinya, maupun konflik "
        "kepentingan yang dinyatakannya; letakkan panel juri yang dipakai kipp assign di "
        "folder kumpulan sebagai {file}",
    ),
    # the coordinator's decision (kipp.shortlist.approval): message and hint apart
    (
        r"approval: proposal '(?P<p>[^']*)' is not among the scored proposals",
        "persetujuan: proposal '{p}' tidak termasuk proposal yang dinilai",
    ),
    (
        r"move only proposals listed in scores\.csv with a rank",
        "pindahkan hanya proposal yang tercantum di scores.csv dengan peringkat",
    ),
    (
        r"approval: proposal '(?P<p>[^']*)' is moved more than once",
        "persetujuan: proposal '{p}' dipindahkan lebih dari sekali",
    ),
    (r"give one move per proposal", "berikan satu pemindahan per proposal"),
    (
        r"approval: proposal '(?P<p>[^']*)' is already in the shortlist",
        "persetujuan: proposal '{p}' sudah ada di daftar pendek",
    ),
    (
        r"approval: proposal '(?P<p>[^']*)' is already out of the shortlist",
        "persetujuan: proposal '{p}' sudah di luar daftar pendek",
    ),
    (
        r"move in only proposals outside the shortlist, and out only those in it",
        "masukkan hanya proposal di luar daftar pendek, dan keluarkan hanya yang ada di dalamnya",
    ),
    (
        r"approval: moving proposal '(?P<p>[^']*)' needs a reason",
        "persetujuan: memindahkan proposal '{p}' perlu alasan",
    ),
    (r"say why in the move's reason", "tuliskan alasannya pada kolom alasan pemindahan"),
    (
        r"approval: the scores changed while the run was paused \(a proposal, a review or the "
        r"agency registry was edited\), so the decision was given on another shortlist than "
        r"the one now proposed",
        "persetujuan: nilai berubah selama proses dijeda (ada proposal, penilaian juri, atau "
        "daftar instansi yang diubah), sehingga keputusan diberikan atas daftar pendek lain "
        "dari yang kini diusulkan",
    ),
    (
        r"read the proposed shortlist again and decide on it",
        "baca lagi daftar pendek yang diusulkan dan putuskan atasnya",
    ),
    # the agency registry (kipp.intake.registry)
    (
        r"(?P<n>\d+) bytes; a registry may hold at most (?P<max>\d+)",
        "{n} byte; daftar instansi paling besar {max} byte",
    ),
    (
        r"a registry is a mapping with `region:` and `agencies:`",
        "daftar instansi berupa kumpulan isian dengan `region:` dan `agencies:`",
    ),
    (
        r"an empty name; remove it or write the name",
        "ada nama yang kosong; hapus atau tulis namanya",
    ),
    (
        r"'(?P<name>(?:(?!' names both ').)*)' names both '(?P<a>(?:(?!' and ').)*)' "
        r"and '(?P<b>.*)'; a name or alias may belong to one agency only",
        "'{name}' menamai '{a}' sekaligus '{b}'; satu nama atau alias hanya boleh milik satu "
        "instansi",
    ),
]
_COMPILED_ID = [(re.compile(pattern, re.DOTALL), template) for pattern, template in _PATTERNS_ID]
_WORDS_ID = {"year": "tahun", "month": "bulan", "category": "kategori", "group": "kelompok"}


def _phrase_id(text: str) -> str:
    for pattern, template in _PHRASE_PATTERNS_ID:
        match = pattern.fullmatch(text)
        if match:
            return template.format(**match.groupdict())
    return _PHRASES_ID.get(text, text)


def _word_id(word: str) -> str:
    return _WORDS_ID.get(word, word)


def _size_id(size: str) -> str:
    """`2.0 MB` -> `2,0 MB`, `512 bytes` -> `512 byte` (kipp.intake.reading.human_size)."""
    number, _, unit = size.partition(" ")
    unit = "byte" if unit == "bytes" else unit
    return f"{number.replace('.', ',')} {unit}".rstrip()


def _count_id(count: str) -> str:
    """`10,000` -> `10.000`."""
    return count.replace(",", ".")


def _where_id(where: str) -> str:
    """`_reviews/ani.csv row 3` -> `_reviews/ani.csv baris 3`."""
    return re.sub(r" row (\d+)$", r" baris \1", where)


def _kind_id(kind: str) -> str:
    """What a file holds instead of one proposal: `a list`, `a single value (int)`."""
    if kind == "a list":
        return "sebuah daftar"
    return re.sub(r"^a single value ", "satu nilai ", kind)


def _scale_id(scale: str) -> str:
    """`1 to 5` -> `1 sampai 5` (kipp.rubric.ReviewScale.describe)."""
    return re.sub(r"^(\S+) to (\S+)$", r"\1 sampai \2", scale)


def _type_id(kind: str) -> str:
    return "(tanpa ekstensi)" if kind == "(no extension)" else kind


def _columns_id(columns: str) -> str:
    return columns.replace(" or ", " atau ")


_ASSIGNED_REASONS_ID = [
    (re.compile(r"is not on the panel \((?P<f>[^)]*)\)"), "tidak ada dalam panel juri ({f})"),
    (
        re.compile(r"works at (?P<a>.*), the proposal's agency", re.DOTALL),
        "bekerja di {a}, instansi pengusul proposal ini",
    ),
    (
        re.compile(r"declared a conflict of interest with it"),
        "menyatakan konflik kepentingan dengan proposal ini",
    ),
    (re.compile(r"add them to (?P<f>.*)", re.DOTALL), "tambahkan juri itu ke {f}"),
    (re.compile(r"correct their agency in the panel"), "perbaiki instansinya di panel juri"),
    (
        re.compile(r"drop the conflict from the panel if it was declared by mistake"),
        "hapus konflik itu dari panel juri bila keliru dinyatakan",
    ),
]


def _assigned_id(part: str) -> str:
    """Why an assigned reviewer's scores cannot be used, and the fix (kipp.reviews.ingest)."""
    for pattern, template in _ASSIGNED_REASONS_ID:
        match = pattern.fullmatch(part)
        if match:
            return template.format(**match.groupdict())
    return part


# The named parts converted on their way into the Indonesian sentence; others are kept.
_CONVERTERS = {
    "p": _phrase_id,
    "what": _word_id,
    "f": _word_id,
    "size": _size_id,
    "cap": _size_id,
    "count": _count_id,
    "where": _where_id,
    "kind": _kind_id,
    "scale": _scale_id,
    "scale2": _scale_id,
    "t": _type_id,
    "cols": _columns_id,
    "reason": _assigned_id,
    "fix": _assigned_id,
}


# Messages longer than this are shown as written (English), without trying the patterns: a
# defence in depth should a pattern ever backtrack badly on a long message. The longest real
# messages quote a few hundred characters (a value is cut to 60, a list of allowed values or
# sheet names, a whole title of a few hundred words) or name the files sharing a title
# (`same title as a.yaml, b.md, ...`); 10,000 characters leaves room for a title repeated in
# a few hundred files, while a pattern gone quadratic would still answer in well under a
# second at this length.
MAX_TRANSLATED_LENGTH = 10_000


def in_indonesian(message: str) -> str:
    """The Indonesian rendering of a problem message (intake, review panel and scoresheets,
    agency registry); the message as written (English) when it is not one of the known
    forms, or is longer than `MAX_TRANSLATED_LENGTH`."""
    if len(message) > MAX_TRANSLATED_LENGTH:
        return message
    for pattern, template in _COMPILED_ID:
        match = pattern.fullmatch(message)
        if match:
            parts = {
                name: _CONVERTERS.get(name, str)(value or "")
                for name, value in match.groupdict().items()
            }
            return template.format(**parts)
    return message


def is_translated(message: str) -> bool:
    """True when `in_indonesian` knows the form of `message` (and would translate it)."""
    if len(message) > MAX_TRANSLATED_LENGTH:
        return False
    return any(pattern.fullmatch(message) for pattern, _ in _COMPILED_ID)
