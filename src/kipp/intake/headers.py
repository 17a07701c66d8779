"""Spreadsheet headers as coordinators' forms write them, and what each one names.

A form export's headers are the form's questions: `Judul Inovasi`, `Nama Instansi`,
`Kabupaten/Kota`, `TPB yang Didukung`, `Terkait Pandemi COVID-19?`, `Kebaruan / Nilai Tambah:
jelaskan ...`, `Biaya Sebelum (Rp)`. A header is read as a field when it is a key or dotted
path (`kipp.intake.table`), a label kipp prints for the field (`Tanggal mulai`, `Start date`,
`Biaya sebelum (Rp)`), one of the form wordings below, the start of a section's question
(the KIPP proposal's eight aspects), or a list's item named in words (`Nama Inovator 2`,
`Email Inovator`, `Replikasi 1`). Any other header either resembles a field (a close
spelling, or a field's key among its words: `Judull`, `Biaya Operasional`), and a value in
it makes the row's proposal invalid with a "did you mean", or names nothing a proposal
holds (a timestamp, an e-mail address, a score a coordinator added), and is a warning.

Where the wordings come from: the aspects of a KIPP proposal as the guides to writing one
list them (Ringkasan, Latar Belakang dan Tujuan, Kebaruan/Nilai Tambah, Implementasi
Inovasi, Signifikansi, Adaptabilitas, Sumber Daya, Strategi Keberlanjutan), the Indeks
Inovasi Daerah proposal form (Nama Inovasi Daerah, Tahapan Inovasi, Jenis Inovasi, Covid-19,
Waktu Penerapan, Nama OPD/UPTD/Puskesmas), the export in the issue that asked for this
(Judul Inovasi, Kabupaten/Kota, TPB yang Didukung, Link SK Inovasi, Instansi yang
Mereplikasi, ...), and the columns Google Forms adds to an export (its timestamp, the
respondent's e-mail address, a quiz's score).

Long by nature: the wordings are data, one per line, so that adding one is one line.
"""

from __future__ import annotations

import difflib
import functools
import re
import unicodedata

from pydantic import BaseModel

from kipp.core.answers import words
from kipp.core.catalogue import CATALOGUE
from kipp.core.keys import RawPath, field_kind, key_table
from kipp.core.models import Attachments, Indicators, Proposal, Sections

LEAF_GROUPS: tuple[tuple[str, type[BaseModel]], ...] = (
    ("sections", Sections),
    ("indicators", Indicators),
    ("attachments", Attachments),
)

# The sections as the KIPP form names its aspects, matched at the start of a Markdown
# heading or a form's question (after numbering and punctuation are dropped).
SECTION_HEADINGS: tuple[tuple[str, str], ...] = (
    ("ringkasan", "summary"),
    ("summary", "summary"),
    ("latar belakang", "background"),
    ("background", "background"),
    ("kebaruan", "novelty"),
    ("nilai tambah", "novelty"),
    ("novelty", "novelty"),
    ("implementasi", "implementation"),
    ("implementation", "implementation"),
    ("signifikansi", "significance"),
    ("significance", "significance"),
    ("adaptabilitas", "adaptability"),
    ("adaptability", "adaptability"),
    ("sumber daya", "resources"),
    ("resources", "resources"),
    ("strategi keberlanjutan", "sustainability"),
    ("keberlanjutan", "sustainability"),
    ("sustainability", "sustainability"),
)
# Form wordings, matched as whole headers (after `words`): a field, or a part of one.
_FORM: dict[RawPath, tuple[str, ...]] = {
    ("title",): (
        "judul inovasi",
        "judul inovasi pelayanan publik",
        "judul proposal",
        "judul proposal inovasi",
        "nama inovasi",
        "nama inovasi daerah",
        "nama inovasi pelayanan publik",
        "innovation title",
        "title of the innovation",
        "innovation name",
        "name of the innovation",
    ),
    ("agency",): (
        "nama instansi",
        "instansi pengusul",
        "nama instansi pengusul",
        "instansi unit kerja",
        "nama opd",
        "opd",
        "opd pengusul",
        "nama opd uptd puskesmas",
        "perangkat daerah",
        "nama perangkat daerah",
        "perangkat daerah pengusul",
        "unit kerja",
        "nama unit kerja",
        "agency name",
        "proposing agency",
    ),
    ("region",): (
        "kabupaten kota",
        "kab kota",
        "kota kabupaten",
        "nama kabupaten kota",
        "kabupaten",
        "kota",
        "nama daerah",
        "asal daerah",
        "pemerintah daerah",
        "pemda",
    ),
    ("group",): ("kelompok inovasi", "kelompok kompetisi", "kelompok kipp"),
    ("category",): ("kategori inovasi", "kategori kompetisi", "kategori kipp"),
    ("sdgs",): (
        "tpb yang didukung",
        "tpb yang didukung inovasi",
        "nomor tpb",
        "tpb sdgs",
        "sdgs tpb",
        "sdg",
        "sdgs yang didukung",
        "tujuan pembangunan berkelanjutan",
        "tujuan pembangunan berkelanjutan yang didukung",
    ),
    ("started_on",): (
        "tanggal mulai diterapkan",
        "tanggal mulai penerapan",
        "tanggal mulai implementasi",
        "tanggal mulai dilaksanakan",
        "tanggal mulai inovasi",
        "tanggal penerapan",
        "tanggal implementasi",
        "mulai diterapkan",
        "waktu penerapan",
        "waktu penerapan inovasi",
        "waktu penerapan inovasi daerah",
        "date started",
    ),
    ("pandemic_related",): (
        "terkait pandemi covid 19",
        "terkait covid 19",
        "inovasi terkait pandemi",
        "inovasi terkait pandemi covid 19",
        "inovasi terkait covid 19",
        "covid 19",
        "related to the pandemic",
    ),
    ("stage",): ("tahapan inovasi", "tahap inovasi", "innovation stage"),
    ("digital",): (
        "inovasi digital",
        "jenis inovasi",
        "digital atau non digital",
        "digital non digital",
    ),
    ("innovators",): (
        "tim inovator",
        "nama tim inovator",
        "anggota tim inovator",
        "nama nama inovator",
    ),
    ("prior_awards",): (
        "penghargaan yang pernah diterima",
        "penghargaan yang pernah diraih",
        "penghargaan sebelumnya",
        "prestasi",
        "awards received",
    ),
    ("replications",): (
        "instansi yang mereplikasi",
        "instansi yang telah mereplikasi",
        "daerah yang mereplikasi",
        "replikasi inovasi",
        "direplikasi oleh",
        "sudah direplikasi oleh",
    ),
    ("indicators", "beneficiaries"): (
        "jumlah penerima manfaat",
        "jumlah penerima manfaat inovasi",
        "penerima manfaat inovasi",
        "jumlah masyarakat penerima manfaat",
    ),
    ("indicators", "target_population"): (
        "jumlah populasi sasaran",
        "jumlah sasaran",
        "jumlah target sasaran",
        "sasaran",
        "populasi sasaran inovasi",
    ),
    ("attachments", "decree"): (
        "link sk inovasi",
        "link sk",
        "tautan sk",
        "tautan sk inovasi",
        "sk inovasi",
        "sk penetapan inovasi",
        "surat keputusan",
        "surat keputusan inovasi",
        "dokumen sk",
        "unggah sk",
        "unggah sk inovasi",
        "upload sk",
        "upload sk inovasi",
    ),
    ("attachments", "video"): (
        "link video",
        "link video inovasi",
        "tautan video",
        "tautan video inovasi",
        "video inovasi",
        "video profil inovasi",
        "link youtube",
        "unggah video",
        "upload video",
    ),
    ("attachments", "evidence"): (
        "bukti dukung",
        "link bukti dukung",
        "tautan bukti dukung",
        "data dukung",
        "link data dukung",
        "data pendukung",
        "dokumen pendukung",
        "unggah bukti dukung",
        "upload bukti dukung",
        "unggah data dukung",
    ),
}
# Before/after figures: each base wording with each word for before and after.
_BEFORE_AFTER: dict[str, tuple[str, ...]] = {
    "service_time": ("waktu layanan", "waktu pelayanan", "lama layanan", "lama pelayanan"),
    "cost": ("biaya", "biaya layanan", "biaya pelayanan"),
    "satisfaction": ("ikm", "nilai ikm", "indeks kepuasan masyarakat", "kepuasan"),
    "complaints": ("pengaduan", "jumlah pengaduan", "jumlah aduan", "aduan"),
}
_FIELD_OF = {
    ("service_time", "before"): "service_time_before_hours",
    ("service_time", "after"): "service_time_after_hours",
    ("cost", "before"): "cost_before_idr",
    ("cost", "after"): "cost_after_idr",
    ("satisfaction", "before"): "satisfaction_before",
    ("satisfaction", "after"): "satisfaction_after",
    ("complaints", "before"): "complaints_before",
    ("complaints", "after"): "complaints_after",
}
_WHEN = {
    "before": ("sebelum", "sebelum inovasi", "sebelum ada inovasi"),
    "after": ("sesudah", "setelah", "sesudah inovasi", "setelah inovasi"),
}
# Wordings that long questions start with (`Judul inovasi yang diusulkan`), beside the
# sections' headings.
_PREFIXES: dict[str, RawPath] = {
    "judul inovasi": ("title",),
    "nama inovasi": ("title",),
    "jumlah penerima manfaat": ("indicators", "beneficiaries"),
    "instansi yang mereplikasi": ("replications",),
    "penghargaan yang pernah": ("prior_awards",),
    "tanggal mulai diterapkan": ("started_on",),
    "link sk": ("attachments", "decree"),
    "tautan sk": ("attachments", "decree"),
    "link video": ("attachments", "video"),
    "tautan video": ("attachments", "video"),
    "bukti dukung": ("attachments", "evidence"),
    "data dukung": ("attachments", "evidence"),
}
# Item keys of the lists, in words as forms write them (`Jabatan Inovator`, `No. HP`).
_ITEM_WORDS: dict[str, str] = {
    "jabatan": "role",
    "no hp": "phone",
    "nomor hp": "phone",
    "hp": "phone",
    "no wa": "phone",
    "nomor wa": "phone",
    "no telepon": "phone",
    "nomor telepon": "phone",
    "telp": "phone",
    "e mail": "email",
    "surel": "email",
    "alamat email": "email",
}
# Columns that name nothing a proposal holds: what a form adds (its timestamp, the
# respondent's e-mail address, a quiz score) and what a coordinator adds (a number, a score,
# a note). Never a field, however close their spelling.
_OTHER = {
    "timestamp",
    "cap waktu",
    "stempel waktu",
    "email address",
    "alamat email",
    "email",
    "e mail",
    "surel",
    "score",
    "total score",
    "skor",
    "skor total",
    "total skor",
    "nilai",
    "nilai akhir",
    "total",
    "no",
    "nomor",
    "no urut",
    "nomor urut",
    "tanggal pengisian",
    "waktu pengisian",
    "nama lengkap",
    "nama responden",
}
_OTHER_WORDS = {
    "skor",
    "score",
    "bobot",
    "poin",
    "peringkat",
    "ranking",
    "verifikasi",
    "verifikator",
    "catatan",
    "komentar",
    "juri",
    "penilai",
    "reviewer",
}
# Words in a header's brackets that change what its figures mean (`Waktu Layanan (hari)` is
# not in hours, `Biaya (juta rupiah)` not in rupiah): such brackets are kept, so the header
# is not read as the field and a value in it asks for the field's own unit.
_UNITS = {
    "hari", "menit", "minggu", "bulan", "tahun", "detik", "day", "days", "minute", "minutes",
    "week", "weeks", "month", "months", "year", "years", "persen", "percent", "ribu", "rb",
    "juta", "jt", "miliar", "milyar", "usd", "dollar",
}  # fmt: skip


def _bracket(found: re.Match[str]) -> str:
    return found[0] if set(words(found[1]).split()) & _UNITS else " "


def _first_line(header: str) -> str:
    """A question's first line, before a `:`, without a leading number or letter (`1.`,
    `B)`, `IV.`)."""
    first = unicodedata.normalize("NFKC", header).strip().splitlines()[0] if header.strip() else ""
    first = re.sub(r"^\(?(?:\d+|[ivxIVX]+|[a-hA-H])[.)]\s*(?=\S)", "", first)
    before, colon, _ = first.partition(":")
    return before if colon and words(before) else first


def core_words(header: str) -> str:
    """The words that name a field in a form's question: its first line, before a `:`,
    without brackets that only explain (`(Rp)`, `(wajib)`, `(maks. 200 kata)`), without a
    leading number or letter (`1.`, `B.`, `IV.`)."""
    return words(re.sub(r"\(([^()]*)\)", _bracket, _first_line(header)))


def _has_unit(header: str) -> bool:
    """Whether a header names a unit its figures are in (`(hari)`, `(juta rupiah)`)."""
    inside = re.findall(r"\(([^()]*)\)", _first_line(header))
    return any(set(words(part).split()) & _UNITS for part in inside)


def _spelled(key: str) -> str:
    return key.replace("_", " ")


@functools.cache
def _phrases() -> dict[str, RawPath]:
    """Every whole-header wording of a field: its keys in words, the labels kipp prints for
    it (Indonesian and English), and the form wordings."""
    table: dict[str, RawPath] = {}

    def add(phrase: str, path: RawPath) -> None:
        table.setdefault(core_words(phrase), path)

    for spelling, name in key_table(Proposal).items():
        add(_spelled(spelling), (name,))
    for name in Proposal.model_fields:
        for label in CATALOGUE.get(f"field.{name}", {}).values():
            add(label, (name,))
    for parent, model in LEAF_GROUPS:
        for spelling, name in key_table(model).items():
            add(_spelled(spelling), (parent, name))
        for name in model.model_fields:
            for label in CATALOGUE.get(f"field.{parent}.{name}", {}).values():
                add(label, (parent, name))
    for path, phrases in _FORM.items():
        for phrase in phrases:
            add(phrase, path)
    for base, wordings in _BEFORE_AFTER.items():
        for when, said in _WHEN.items():
            field = _FIELD_OF[base, when]
            for wording in wordings:
                for word in said:
                    add(f"{wording} {word}", ("indicators", field))
                    if base == "complaints":  # counted per month, as the field is
                        add(f"{wording} {word} per bulan", ("indicators", field))
    return table


@functools.cache
def _prefixes() -> list[tuple[str, RawPath]]:
    """Wordings a long question starts with, longest first: the sections' headings and
    `_PREFIXES`."""
    found: list[tuple[str, RawPath]] = [
        (prefix, ("sections", name)) for prefix, name in SECTION_HEADINGS
    ]
    found += list(_PREFIXES.items())
    return sorted(found, key=lambda item: -len(item[0]))


@functools.cache
def _lists() -> dict[str, tuple[str, type[BaseModel]]]:
    """The lists' keys in words (`inovator`, `prior awards`), with the list and its item."""
    found: dict[str, tuple[str, type[BaseModel]]] = {}
    for spelling, name in key_table(Proposal).items():
        kind, item = field_kind(Proposal, name)
        if kind == "list" and item is not None:
            found[_spelled(spelling)] = (name, item)
    return found


def _item_key(written: str, item: type[BaseModel]) -> str | None:
    table = key_table(item)
    return table.get(written.replace(" ", "_")) or (
        _ITEM_WORDS.get(written) if _ITEM_WORDS.get(written) in table else None
    )


def _list_item(core: str) -> RawPath | None:
    """A list or one of its items named in words: `Inovator` (the list in one cell),
    `Replikasi 2` (an item in one cell), `Nama Inovator 2`, `Inovator 2 Email`, `Email
    Inovator` (an item's key; without a number, the first item)."""
    tokens = core.split()
    for spelling, (name, item) in _lists().items():
        size = len(spelling.split())
        for start in range(len(tokens) - size + 1):
            if " ".join(tokens[start : start + size]) != spelling:
                continue
            rest = [t for t in tokens[:start] + tokens[start + size :] if t != "ke"]
            numbers = [t for t in rest if t.isdecimal()]
            others = " ".join(t for t in rest if not t.isdecimal())
            if len(numbers) > 1 or (numbers and int(numbers[0]) < 1):
                return None
            position = int(numbers[0]) - 1 if numbers else None
            if not others:
                return (name,) if position is None else (name, position)
            key = _item_key(others, item)
            if key is not None:
                return (name, position or 0, key)
    return None


def _is_other(core: str) -> bool:
    """Whether a header names what a form or a coordinator adds (`Skor Juri`, `Nilai
    Kebaruan`: a score, not the section), not a field."""
    scored = core.startswith("nilai ") and not core.startswith(("nilai tambah", "nilai ikm"))
    return core in _OTHER or scored or bool(set(core.split()) & _OTHER_WORDS)


def read_as(header: str) -> RawPath | None:
    """The path a header's cells fill when it is a form's wording of a field (not a key or
    dotted path: `kipp.intake.table` reads those first); None otherwise."""
    core = core_words(header)
    if not core:
        return None
    found = _phrases().get(core) or _list_item(core)
    if found is not None:
        return found
    if _is_other(core) or _has_unit(header):
        return None
    return next((path for prefix, path in _prefixes() if core.startswith(prefix + " ")), None)


@functools.cache
def _distinctive() -> dict[str, RawPath]:
    """Words and phrases that name one field wherever they stand in a header (`Judul
    Kegiatan`, `Biaya Operasional`, `Biaya Sesudah (juta rupiah)`): the wordings of more than
    one word, and the one-word ones of more than three letters that are not common words."""
    common = {"digital", "daerah", "video", "uraian", "indikator", "lampiran", "kode"}
    found: dict[str, RawPath] = {}
    for phrase, path in _phrases().items():
        if len(phrase.split()) > 1 or (len(phrase) > 3 and phrase not in common):
            found.setdefault(phrase, path)
    for prefix, name in SECTION_HEADINGS:
        found.setdefault(prefix, ("sections", name))
    found.update(
        {
            "biaya": ("indicators", "cost_before_idr"),
            "ikm": ("indicators", "satisfaction_before"),
            "pengaduan": ("indicators", "complaints_before"),
            "penerima manfaat": ("indicators", "beneficiaries"),
            "populasi sasaran": ("indicators", "target_population"),
        }
    )
    return found


def suggestion_for(path: RawPath) -> str:
    """The header kipp reads for `path`, as a person writes it in Indonesian: `judul`,
    `penerima_manfaat`, `replikasi`."""
    leaf = str(path[-1])
    key = f"written.{leaf}"
    return CATALOGUE[key]["id"] if key in CATALOGUE else leaf


def resembles(header: str) -> str | None:
    """How to write a header kipp reads, when `header` resembles a field without naming one
    (a close spelling, or a field's key among its words); None when it names nothing a
    proposal holds (`Cap waktu`, `Email Address`, `Skor Juri`)."""
    core = core_words(header)
    if not core or _is_other(core):
        return None
    padded = f" {core} "
    for phrase, path in sorted(_distinctive().items(), key=lambda item: -len(item[0])):
        if f" {phrase} " in padded:
            return suggestion_for(path)
    close = difflib.get_close_matches(core, list(_phrases()), n=1, cutoff=0.85)
    return suggestion_for(_phrases()[close[0]]) if close else None
