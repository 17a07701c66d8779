"""Write a proposal (a dict with canonical keys and Python values) as each input format.

Key spellings follow `shared/spec/submission-format.md` (the contract), not kipp's code, so
the benchmark exercises what agencies may send: canonical English keys, Indonesian aliases,
or Indonesian form labels ("Tanggal Mulai"). YAML is emitted by a small writer of our own:
PyYAML's pure-Python emitter would make generating 3,500 files take most of a minute, and
hand-written proposals look like this anyway (block text for the sections).
"""

from __future__ import annotations

import csv
import io
import json
import re
import zipfile
from collections.abc import Mapping, Sequence
from datetime import date
from pathlib import Path
from typing import Any, Literal

from bench.pools import MONTHS_ID

KeyStyle = Literal["en", "id", "label"]

TOP_ID = {
    "id": "kode",
    "title": "judul",
    "agency": "instansi",
    "region": "daerah",
    "group": "kelompok",
    "category": "kategori",
    "sdgs": "tpb",
    "started_on": "tanggal_mulai",
    "pandemic_related": "terkait_pandemi",
    "stage": "tahapan",
    "digital": "digital",
    "innovators": "inovator",
    "prior_awards": "penghargaan",
    "sections": "uraian",
    "indicators": "indikator",
    "replications": "replikasi",
    "attachments": "lampiran",
}
NESTED_ID: dict[str, dict[str, str]] = {
    "innovators": {"name": "nama", "role": "peran", "email": "email", "phone": "telepon"},
    "prior_awards": {"competition": "kompetisi", "year": "tahun", "level": "tingkat"},
    "replications": {"agency": "instansi", "region": "daerah", "year": "tahun"},
    "attachments": {"decree": "sk", "video": "video", "evidence": "bukti"},
    "sections": {
        "summary": "ringkasan",
        "background": "latar_belakang",
        "novelty": "kebaruan",
        "implementation": "implementasi",
        "significance": "signifikansi",
        "adaptability": "adaptabilitas",
        "resources": "sumber_daya",
        "sustainability": "keberlanjutan",
    },
    "indicators": {
        "beneficiaries": "penerima_manfaat",
        "target_population": "populasi_sasaran",
        "service_time_before_hours": "waktu_layanan_sebelum_jam",
        "service_time_after_hours": "waktu_layanan_sesudah_jam",
        "cost_before_idr": "biaya_sebelum",
        "cost_after_idr": "biaya_sesudah",
        "satisfaction_before": "ikm_sebelum",
        "satisfaction_after": "ikm_sesudah",
        "complaints_before": "pengaduan_sebelum",
        "complaints_after": "pengaduan_sesudah",
    },
}
SECTION_ORDER = tuple(NESTED_ID["sections"])


def _label(key: str) -> str:
    """`tanggal_mulai` -> `Tanggal Mulai` (keys are case-insensitive, spaces read as `_`)."""
    return " ".join(part.capitalize() for part in key.split("_"))


def rename_keys(proposal: Mapping[str, Any], style: KeyStyle) -> dict[str, Any]:
    """The proposal with its keys spelt in `style`; values are untouched."""
    if style == "en":
        return dict(proposal)
    out: dict[str, Any] = {}
    for key, value in proposal.items():
        top = TOP_ID.get(key, key)
        name = _label(top) if style == "label" else top
        inner = NESTED_ID.get(key)
        if inner is not None and isinstance(value, Mapping):
            value = {inner.get(k, k): v for k, v in value.items()}
        elif inner is not None and isinstance(value, list):
            value = [
                {inner.get(k, k): v for k, v in item.items()} if isinstance(item, Mapping) else item
                for item in value
            ]
        out[name] = value
    return out


# --- YAML ------------------------------------------------------------------------------------

_PLAIN = re.compile(r"^[A-Za-z][A-Za-z0-9 ,.()/&'+@_-]*$")
_RESERVED = frozenset({"yes", "no", "true", "false", "on", "off", "null", "y", "n"})


def _scalar(value: Any) -> str:
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int | float):
        return repr(value)
    if isinstance(value, date):
        return value.isoformat()
    text = str(value)
    if _PLAIN.match(text) and text.lower() not in _RESERVED and not text.endswith(" "):
        return text
    return json.dumps(text, ensure_ascii=False)  # a JSON string is a YAML double-quoted one


def _is_scalar(value: Any) -> bool:
    return not isinstance(value, Mapping | list)


def _emit(data: Mapping[str, Any], indent: int, lines: list[str]) -> None:
    pad = " " * indent
    for key, value in data.items():
        head = f"{pad}{_scalar(key)}:"
        if isinstance(value, Mapping):
            if not value:
                lines.append(f"{head} {{}}")
                continue
            lines.append(head)
            _emit(value, indent + 2, lines)
        elif isinstance(value, list):
            if not value or all(_is_scalar(v) for v in value):
                lines.append(f"{head} [{', '.join(_scalar(v) for v in value)}]")
                continue
            lines.append(head)
            for item in value:
                item_lines: list[str] = []
                _emit(item, indent + 4, item_lines)
                item_lines[0] = f"{pad}  - {item_lines[0][indent + 4 :]}"
                lines.extend(item_lines)
        elif isinstance(value, str) and ("\n" in value or len(value) > 100):
            lines.append(f"{head} |")
            inner = pad + "  "
            lines.extend(inner + line if line else "" for line in value.split("\n"))
        else:
            lines.append(f"{head} {_scalar(value)}")


def dump_yaml(data: Mapping[str, Any]) -> str:
    """Block-style YAML for a proposal mapping (text longer than a line as `|` blocks)."""
    lines: list[str] = []
    _emit(data, 0, lines)
    return "\n".join(lines) + "\n"


def render_yaml(proposal: Mapping[str, Any], style: KeyStyle) -> str:
    """A `.yaml` proposal file."""
    return dump_yaml(rename_keys(proposal, style))


def render_json(proposal: Mapping[str, Any], style: KeyStyle) -> str:
    """A `.json` proposal file (dates as ISO text)."""
    return json.dumps(rename_keys(proposal, style), ensure_ascii=False, indent=2, default=str)


def render_markdown(
    proposal: Mapping[str, Any], style: KeyStyle, headings: Mapping[str, str]
) -> str:
    """A `.md` proposal: front matter without the sections, then one `## Heading` each."""
    front = {k: v for k, v in proposal.items() if k != "sections"}
    parts = ["---\n", dump_yaml(rename_keys(front, style)), "---\n\n", f"# {proposal['title']}\n"]
    sections: Mapping[str, str] = proposal.get("sections") or {}
    for name in SECTION_ORDER:
        if name in sections:
            parts.append(f"\n## {headings[name]}\n\n{sections[name]}\n")
    return "".join(parts)


# --- spreadsheets ----------------------------------------------------------------------------

MAX_INNOVATORS_IN_SHEET = 3


def sheet_header() -> list[str]:
    """Form-export column headers: Indonesian labels, dotted paths for nested fields, bare
    section names, as an online form's export has them."""
    header = [
        "Kode",
        "Judul",
        "Instansi",
        "Daerah",
        "Kelompok",
        "Kategori",
        "TPB",
        "Tanggal Mulai",
        "Terkait Pandemi",
        "Tahapan",
        "Digital",
    ]
    for i in range(1, MAX_INNOVATORS_IN_SHEET + 1):
        header += [f"Inovator.{i}.Nama", f"Inovator.{i}.Peran", f"Inovator.{i}.Email"]
    header += [_label(v) for v in NESTED_ID["indicators"].values()]
    header += ["Lampiran.SK", "Lampiran.Video"]
    header += [_label(v) for v in NESTED_ID["sections"].values()]
    return header


def sheet_row(proposal: Mapping[str, Any], *, as_text: bool) -> list[Any]:
    """One proposal as a row under `sheet_header()`. `as_text` writes what a CSV export holds
    (`3, 5` for SDGs, `ya`/`tidak`, `1 Juli 2019`, `1.250`); otherwise typed cells."""

    def flag(value: Any) -> Any:
        return ("ya" if value else "tidak") if as_text else bool(value)

    def number(value: Any) -> Any:
        if value is None or not as_text:
            return value
        return f"{int(value):,}".replace(",", ".") if float(value).is_integer() else str(value)

    started = proposal.get("started_on")
    if as_text and isinstance(started, date):
        started = f"{started.day} {MONTHS_ID[started.month - 1]} {started.year}"
    sdgs = proposal.get("sdgs")
    row: list[Any] = [
        proposal.get("id"),
        proposal.get("title"),
        proposal.get("agency"),
        proposal.get("region"),
        proposal.get("group"),
        proposal.get("category"),
        ", ".join(str(s) for s in sdgs) if isinstance(sdgs, list) else sdgs,
        started,
        flag(proposal.get("pandemic_related")),
        proposal.get("stage"),
        flag(proposal.get("digital")),
    ]
    people: Sequence[Mapping[str, Any]] = proposal.get("innovators") or []
    for i in range(MAX_INNOVATORS_IN_SHEET):
        person = people[i] if i < len(people) else {}
        row += [person.get("name"), person.get("role"), person.get("email")]
    indicators: Mapping[str, Any] = proposal.get("indicators") or {}
    row += [number(indicators.get(k)) for k in NESTED_ID["indicators"]]
    attachments: Mapping[str, Any] = proposal.get("attachments") or {}
    row += [attachments.get("decree"), attachments.get("video")]
    sections: Mapping[str, Any] = proposal.get("sections") or {}
    row += [sections.get(k) for k in SECTION_ORDER]
    return row


def render_csv(proposals: Sequence[Mapping[str, Any]], timestamps: Sequence[str]) -> str:
    """A form export as CSV, with the form's own `Cap waktu` (timestamp) column first, which
    is not a proposal field (kipp reports it once as not read)."""
    buffer = io.StringIO(newline="")
    writer = csv.writer(buffer)
    writer.writerow(["Cap waktu", *sheet_header()])
    for stamp, proposal in zip(timestamps, proposals, strict=True):
        writer.writerow([stamp, *sheet_row(proposal, as_text=True)])
    return buffer.getvalue()


def write_xlsx(path: Path, proposals: Sequence[Mapping[str, Any]]) -> None:
    """A form export as an `.xlsx` workbook (typed cells: dates, numbers, booleans)."""
    import openpyxl  # imported here: only spreadsheets need it

    workbook = openpyxl.Workbook(write_only=True)
    sheet = workbook.create_sheet("Form Responses 1")
    sheet.append(sheet_header())
    for proposal in proposals:
        sheet.append(sheet_row(proposal, as_text=False))
    buffer = io.BytesIO()
    workbook.save(buffer)
    path.write_bytes(reproducible_zip(buffer.getvalue()))


_FIXED_TIME = (2022, 4, 1, 8, 0, 0)
_CORE_TIMES = re.compile(rb"(<dcterms:(?:created|modified)[^>]*>)[^<]*")


def reproducible_zip(data: bytes) -> bytes:
    """The same archive with fixed member times and document dates, so that the same seed
    gives byte-identical workbooks and documents."""
    out = io.BytesIO()
    with (
        zipfile.ZipFile(io.BytesIO(data)) as source,
        zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target,
    ):
        for info in source.infolist():
            content = source.read(info.filename)
            if info.filename == "docProps/core.xml":
                content = _CORE_TIMES.sub(rb"\g<1>2022-04-01T08:00:00Z", content)
            member = zipfile.ZipInfo(info.filename, date_time=_FIXED_TIME)
            member.compress_type = zipfile.ZIP_DEFLATED
            member.external_attr = 0o644 << 16
            target.writestr(member, content)
    return out.getvalue()


# --- files kipp does not read ----------------------------------------------------------------


def docx_bytes(title: str, text: str) -> bytes:
    """A minimal Word document (what an agency sends instead of the form)."""

    def esc(s: str) -> str:
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")

    body = "".join(
        f"<w:p><w:r><w:t>{esc(p)}</w:t></w:r></w:p>" for p in [title, *text.split("\n")] if p
    )
    document = (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
        '<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">'
        f"<w:body>{body}</w:body></w:document>"
    )
    types = (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
        '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
        '<Default Extension="xml" ContentType="application/xml"/>'
        '<Override PartName="/word/document.xml" ContentType="application/'
        'vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>'
    )
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", types)
        archive.writestr("word/document.xml", document)
    return reproducible_zip(buffer.getvalue())


def pdf_bytes(title: str) -> bytes:
    """A tiny one-page PDF (a scanned decree dropped into the batch folder by mistake)."""
    ascii_title = title.encode("ascii", "replace").decode("ascii").replace("(", "[")
    ascii_title = ascii_title.replace(")", "]")
    stream = f"BT /F1 12 Tf 72 720 Td ({ascii_title}) Tj ET".encode()
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R "
        b"/Resources << /Font << /F1 5 0 R >> >> >>",
        b"<< /Length %d >>\nstream\n" % len(stream) + stream + b"\nendstream",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
    ]
    out = io.BytesIO()
    out.write(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(out.tell())
        out.write(b"%d 0 obj\n" % number + body + b"\nendobj\n")
    xref = out.tell()
    out.write(b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1))
    for offset in offsets:
        out.write(b"%010d 00000 n \n" % offset)
    out.write(
        b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, xref)
    )
    return out.getvalue()
