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


# Indonesian renderings of the intake messages, for the documents (`kipp validate` and the
# intake itself keep the English text above, which tests and users' scripts rely on). Each
# English form is matched whole; the named parts (values, counts, names) are carried over.
# A message no pattern knows is shown in English, as written.
_EXPECTED_DATE = "write it as 2019-07-01 or 1 Juli 2019"
_PHRASES_ID = {
    _EXPECTED_DATE: "tulis seperti 2019-07-01 atau 1 Juli 2019",
    "save it as .xlsx": "simpan sebagai .xlsx",
    "copy its content into a .md or .yaml proposal": "salin isinya ke proposal .md atau .yaml",
    "attachments belong under `lampiran`, not in the batch folder": (
        "lampiran dicantumkan di `lampiran`, bukan diletakkan di folder kumpulan"
    ),
}
_PATTERNS_ID: list[tuple[str, str]] = [
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
    (
        r"column is not a proposal field, so it is not read",
        "kolom ini bukan isian proposal, jadi tidak dibaca",
    ),
    (
        r"same field as column (?P<c>\S+); keep one of the two columns",
        "isian yang sama dengan kolom {c}; pertahankan salah satu kolom",
    ),
    (
        r"unsupported file type (?P<t>\S+); (?P<p>.+)",
        "jenis berkas {t} tidak didukung; {p}",
    ),
    (
        r"same title as (?P<others>.+); each proposal needs its own title(?P<rest>.*)",
        "judul sama dengan {others}; setiap proposal perlu judul sendiri{rest}",
    ),
    (
        r"id '(?P<v>[^']*)' is also used by (?P<others>.+); give each proposal its own id",
        "kode '{v}' juga dipakai oleh {others}; beri setiap proposal kode sendiri",
    ),
    (
        r"front matter is not closed: add a '---' line after the fields",
        "bagian depan (front matter) belum ditutup: tambahkan baris '---' setelah isian",
    ),
    (
        r"binary content, not text; save the proposal again as a text file \(UTF-8\)",
        "isi biner, bukan teks; simpan ulang proposal sebagai berkas teks (UTF-8)",
    ),
]
_COMPILED_ID = [(re.compile(pattern, re.DOTALL), template) for pattern, template in _PATTERNS_ID]
_WORDS_ID = {"year": "tahun", "month": "bulan", "category": "kategori", "group": "kelompok"}


def _phrase_id(text: str) -> str:
    return _PHRASES_ID.get(text, text)


def in_indonesian(message: str) -> str:
    """The Indonesian rendering of an intake message; the message as written (English) when
    it is not one of the known forms."""
    for pattern, template in _COMPILED_ID:
        match = pattern.fullmatch(message)
        if match:
            parts = {k: _phrase_id(v or "") for k, v in match.groupdict().items()}
            for name in ("what", "f"):
                if name in parts:
                    parts[name] = _WORDS_ID.get(parts[name], parts[name])
            return template.format(**parts)
    return message
