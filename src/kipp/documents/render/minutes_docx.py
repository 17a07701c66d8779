"""The minutes of the selection (Berita Acara Hasil Seleksi) as a Word document
(`berita-acara.docx`), for coordinators who put the minutes on their office's letterhead
or edit them before signing.

Built from the same `MinutesView` as the HTML page and its PDF (`kipp.documents.render.minutes`
holds what the minutes say): the letterhead, the title, the opening, the panel, what was
received, checked and scored, the nominees in rank order with their totals (a table), the
skipped proposals and the coordinator's decisions on moves with their reasons, the closing,
the place and date, and the signature blocks (tables). A4, one serif face, page numbers in
the footer; the same labels as the HTML's.
"""

from __future__ import annotations

import io
from collections.abc import Sequence
from datetime import UTC, datetime

from docx import Document
from docx.document import Document as DocxDocument
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Mm, Pt
from docx.text.paragraph import Paragraph

from kipp.core.i18n import Lang, tr
from kipp.documents.render.minutes import MinutesView, Signature, minutes_view
from kipp.results import Results
from kipp.rubric import Rubric

FONT = "Times New Roman"
SIZE = Pt(11)
TABLE_SIZE = Pt(10)
NUMBER_LINE = "." * 44  # the minutes' number, written in by hand
SIGN_LINE = "." * 18  # a panel member's signature, beside their number
SIGN_SPACE = 4  # empty lines above an official's name, for the signature and the stamp


def _styles(doc: DocxDocument) -> None:
    """One serif face in black for the text, the headings and the lists."""
    for name in ("Normal", "Heading 1", "Heading 2", "List Bullet", "Table Grid"):
        style = doc.styles[name]
        font = style.font
        font.name = FONT
        font.color.rgb = None
        if name == "Normal":
            font.size = SIZE
            style.paragraph_format.space_after = Pt(4)
        # East Asian and complex scripts in the same face (Word otherwise falls back)
        fonts = style.element.get_or_add_rPr().get_or_add_rFonts()
        for attribute in ("w:ascii", "w:hAnsi", "w:eastAsia", "w:cs"):
            fonts.set(qn(attribute), FONT)
    for name, size in (("Heading 1", Pt(13)), ("Heading 2", SIZE)):
        font = doc.styles[name].font
        font.size = size
        font.bold = True
        font.italic = False
        font.color.rgb = None


def _page(doc: DocxDocument, lang: Lang) -> None:
    """A4 portrait, the HTML's margins, `Halaman N` at the foot of every page."""
    section = doc.sections[0]
    section.page_width, section.page_height = Mm(210), Mm(297)
    section.top_margin = section.bottom_margin = section.right_margin = Mm(20)
    section.left_margin = Mm(25)
    footer = section.footer.paragraphs[0]
    footer.alignment = WD_ALIGN_PARAGRAPH.RIGHT
    run = footer.add_run(f"{tr('official.docx.page', lang)} ")
    run.font.size = Pt(8)
    _field(footer, "PAGE")


def _field(paragraph: Paragraph, code: str) -> None:
    """A Word field (`PAGE`) at the end of `paragraph`, shown as `1` until Word updates it."""
    run = paragraph.add_run()
    run.font.size = Pt(8)
    begin, instruction, separate, shown, end = (
        OxmlElement("w:fldChar"),
        OxmlElement("w:instrText"),
        OxmlElement("w:fldChar"),
        OxmlElement("w:t"),
        OxmlElement("w:fldChar"),
    )
    begin.set(qn("w:fldCharType"), "begin")
    instruction.set(qn("xml:space"), "preserve")
    instruction.text = f" {code} "
    separate.set(qn("w:fldCharType"), "separate")
    shown.text = "1"
    end.set(qn("w:fldCharType"), "end")
    for element in (begin, instruction, separate, shown, end):
        run._r.append(element)


def _centred(doc: DocxDocument, text: str, bold: bool = False, size: Pt | None = None) -> None:
    paragraph = doc.add_paragraph()
    paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
    paragraph.paragraph_format.space_after = Pt(0)
    run = paragraph.add_run(text)
    run.bold = bold
    if size is not None:
        run.font.size = size


def _text(doc: DocxDocument, text: str) -> Paragraph:
    paragraph = doc.add_paragraph(text)
    paragraph.alignment = WD_ALIGN_PARAGRAPH.JUSTIFY
    return paragraph


def _bullets(doc: DocxDocument, items: Sequence[str]) -> None:
    for item in items:
        doc.add_paragraph(item, style="List Bullet")


def _bottom_border(paragraph: Paragraph) -> None:
    """The letterhead's rule under the region's name."""
    borders = OxmlElement("w:pBdr")
    bottom = OxmlElement("w:bottom")
    for attribute, value in (("w:val", "single"), ("w:sz", "12"), ("w:space", "1")):
        bottom.set(qn(attribute), value)
    bottom.set(qn("w:color"), "000000")
    borders.append(bottom)
    paragraph._p.get_or_add_pPr().append(borders)


def _table(
    doc: DocxDocument,
    headers: Sequence[str],
    rows: Sequence[Sequence[str]],
    numeric: Sequence[bool],
    widths: Sequence[float],
) -> None:
    """A bordered table, its header row bold and repeated on every page, numbers right."""
    table = doc.add_table(rows=1 + len(rows), cols=len(headers))
    table.style = doc.styles["Table Grid"]
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    header_row = table.rows[0]
    header_properties = header_row._tr.get_or_add_trPr()
    repeat = OxmlElement("w:tblHeader")
    repeat.set(qn("w:val"), "true")
    header_properties.append(repeat)
    for cells, values, bold in [
        (header_row.cells, headers, True),
        *((table.rows[i + 1].cells, row, False) for i, row in enumerate(rows)),
    ]:
        for cell, value, number, width in zip(cells, values, numeric, widths, strict=True):
            cell.width = Mm(width)
            paragraph = cell.paragraphs[0]
            paragraph.paragraph_format.space_after = Pt(0)
            if number:
                paragraph.alignment = WD_ALIGN_PARAGRAPH.RIGHT
            run = paragraph.add_run(value)
            run.bold = bold
            run.font.size = TABLE_SIZE


def _blocks(doc: DocxDocument, officials: Sequence[Signature]) -> None:
    """The officials' signature blocks, two to a row, in a table without borders: role,
    position, room to sign, the name (bold, underlined) and the NIP."""
    table = doc.add_table(rows=(len(officials) + 1) // 2, cols=2)
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    for index, person in enumerate(officials):
        cell = table.rows[index // 2].cells[index % 2]
        cell.width = Mm(80)
        cell.paragraphs[0].add_run(person.role)
        for line in [*([person.position] if person.position else []), *[""] * SIGN_SPACE]:
            cell.add_paragraph(line)
        name = cell.add_paragraph().add_run(person.name)
        name.bold = True
        name.underline = True
        if person.nip:
            cell.add_paragraph(person.nip)
        for paragraph in cell.paragraphs:
            paragraph.paragraph_format.space_after = Pt(0)


# the language Word checks the spelling of the text in (python-docx's template says en-US)
PROOFING = {Lang.ID: "id-ID", Lang.EN: "en-GB"}


def _proofing_language(doc: DocxDocument, lang: Lang) -> None:
    """Set the document's default language, which Word checks the spelling in: an
    Indonesian document marked English has every word underlined as misspelt."""
    defaults = doc.styles.element.find(qn("w:docDefaults"))
    run = defaults.find(qn("w:rPrDefault")).find(qn("w:rPr"))
    language = run.find(qn("w:lang"))
    if language is None:
        language = OxmlElement("w:lang")
        run.append(language)
    language.set(qn("w:val"), PROOFING[lang])
    language.set(qn("w:eastAsia"), PROOFING[lang])


def minutes_docx(view: MinutesView, written: datetime | None = None) -> bytes:
    """The minutes in `view` as a DOCX file's bytes; `written` (the run's end) is the
    document's creation and modification time, which a word processor shows."""
    lang = Lang(view.lang)
    doc = Document()
    _styles(doc)
    _page(doc, lang)
    _properties(doc, view, written)
    _proofing_language(doc, lang)
    if view.region:
        _centred(doc, view.region.upper(), bold=True, size=Pt(14))
        if view.unit:
            _centred(doc, view.unit, size=Pt(12))
        _bottom_border(doc.paragraphs[-1])
        doc.add_paragraph()
    doc.add_heading(
        tr("minutes.title", lang).upper(), level=1
    ).alignment = WD_ALIGN_PARAGRAPH.CENTER
    _centred(doc, view.call)
    _centred(doc, f"{tr('minutes.number', lang)}: {NUMBER_LINE}")
    doc.add_paragraph()
    _text(doc, view.opening)

    doc.add_heading(f"1. {tr('minutes.section.panel', lang)}", level=2)
    _text(doc, view.panel_intro)
    _table(
        doc,
        [tr(f"minutes.col.{c}", lang) for c in ("number", "name", "role", "position")],
        [(str(i), p.name, p.role, p.position) for i, p in enumerate(view.panel, start=1)],
        (True, False, False, False),
        (12, 60, 30, 58),
    )

    doc.add_heading(f"2. {tr('minutes.section.received', lang)}", level=2)
    _text(doc, view.received)
    _table(
        doc,
        [tr("minutes.col.item", lang), tr("minutes.col.count", lang)],
        [(c.label, c.value) for c in view.counts],
        (False, True),
        (120, 40),
    )

    doc.add_heading(f"3. {tr('minutes.section.nominees', lang)}", level=2)
    _text(doc, view.nominees_intro)
    if view.nominees:
        _table(
            doc,
            [
                tr("minutes.col.number", lang),
                *(tr(f"doc.col.{c}", lang) for c in ("rank", "title", "agency", "total")),
            ],
            [(n.number, n.rank, n.title, n.agency, n.total_shown) for n in view.nominees],
            (True, True, False, False, True),
            (10, 18, 68, 46, 18),
        )
    else:
        _text(doc, tr("doc.none", lang))
    if view.skipped:
        _text(doc, tr("minutes.skipped.intro", lang))
        _bullets(doc, view.skipped)
    if view.provisional:
        _text(doc, view.provisional)

    doc.add_heading(f"4. {tr('minutes.section.decision', lang)}", level=2)
    _text(doc, view.decision)
    if view.moves:
        _text(doc, view.decision_note)
        _bullets(doc, view.moves)

    _text(doc, view.closing)
    doc.add_paragraph(view.place_date).alignment = WD_ALIGN_PARAGRAPH.RIGHT

    doc.add_heading(tr("minutes.section.signatures", lang), level=2)
    _table(
        doc,
        [tr(f"minutes.col.{c}", lang) for c in ("number", "name", "role", "signature")],
        [
            (str(i), p.name, p.role, f"{i}. {SIGN_LINE}")
            for i, p in enumerate(view.signatures, start=1)
        ],
        (True, False, False, False),
        (12, 68, 35, 45),
    )
    if view.officials:
        doc.add_paragraph()
        _blocks(doc, view.officials)

    buffer = io.BytesIO()
    doc.save(buffer)
    return buffer.getvalue()


PROPERTY_CHARS = 255  # the most python-docx writes in one document property


def _properties(doc: DocxDocument, view: MinutesView, written: datetime | None) -> None:
    """The document's properties (what File > Info shows): its title, language and author,
    and when it was written, in place of the blank template's (a date in 2013, "generated by
    python-docx")."""
    properties = doc.core_properties
    # the format holds at most 255 characters in a property; the call may be longer
    properties.title = view.title[:PROPERTY_CHARS]
    properties.language = view.lang
    properties.author = properties.last_modified_by = (view.region or view.call)[:PROPERTY_CHARS]
    properties.subject = view.call[:PROPERTY_CHARS]
    properties.comments = properties.keywords = properties.category = ""
    properties.revision = 1
    if written is not None:  # stored as UTC, as the format wants
        moment = written.astimezone(UTC).replace(tzinfo=None)
        properties.created = properties.modified = moment


def render_minutes_docx(results: Results, rubric: Rubric) -> bytes:
    """The minutes of the selection as a DOCX, in the run's language, from the same view
    as `render_minutes_html`."""
    written = datetime.fromisoformat(results.run.finished_at)
    return minutes_docx(minutes_view(results, rubric), written)
