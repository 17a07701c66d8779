"""The submission templates an agency fills in: an XLSX form (one proposal per row) and a
Markdown proposal, in the call's terms (its groups, categories, word caps, minimum age).

The form's headers are the wordings the intake reads (`kipp.intake.headers.read_as`); every
header is checked to read back as its own field when the form is built, so the template and
the reader cannot drift apart. Choices are offered as the labels the intake accepts.

One module over ~400 lines on purpose: the form's columns are data, one per field, with its
header, note, width and check side by side.
"""

from __future__ import annotations

import io
import os
from dataclasses import dataclass
from enum import Enum
from pathlib import Path

from openpyxl import Workbook
from openpyxl.comments import Comment
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.datavalidation import DataValidation
from openpyxl.worksheet.worksheet import Worksheet

from kipp.core.catalogue import CATALOGUE
from kipp.core.i18n import Lang, Text, render, text, tr
from kipp.core.keys import RawPath
from kipp.core.models import SECTION_NAMES, Stage
from kipp.core.problems import KippError
from kipp.intake.headers import read_as
from kipp.rubric import GateKind, Rubric

XLSX_NAME = "formulir-usulan-inovasi.xlsx"
MARKDOWN_NAME = "usulan-inovasi.md"
ROWS = 500  # rows of the form the dropdowns and formats cover
# how many of each list the form has columns for (more fit in one cell: `A; B`)
LIST_SLOTS = {"innovators": 3, "prior_awards": 2, "replications": 3}
ITEM_KEYS = {
    "innovators": ("name", "role", "email", "phone"),
    "prior_awards": ("competition", "year", "level"),
    "replications": ("agency", "region", "year"),
}
INDICATORS = (
    "beneficiaries",
    "target_population",
    "service_time_before_hours",
    "service_time_after_hours",
    "cost_before_idr",
    "cost_after_idr",
    "satisfaction_before",
    "satisfaction_after",
    "complaints_before",
    "complaints_after",
)
ATTACHMENTS = ("decree", "video", "evidence")


class Kind(Enum):
    """What a column holds, for its width, format and validation."""

    TEXT = "text"
    LONG = "long"
    DATE = "date"
    CHOICE = "choice"
    YEAR = "year"
    NUMBER = "number"


@dataclass(frozen=True)
class Column:
    """One column of the form: the field it fills, its header, what to write in it."""

    path: RawPath
    header: Text
    note: Text
    kind: Kind
    required: bool
    choices: tuple[str, ...] = ()
    cap: int | None = None


def _label(key: str, lang: Lang) -> str:
    written = tr(key, lang)
    return written[:1].upper() + written[1:]


def choice_labels(field: str, codes: list[str], lang: Lang) -> tuple[str, ...]:
    """The labels kipp prints for a group, category or stage (the intake reads them back);
    a code without a label (a call's own category) as itself."""
    prefix = {"group": "doc.group", "category": "doc.category", "stage": "stage"}[field]
    return tuple(
        _label(f"{prefix}.{code}", lang) if f"{prefix}.{code}" in CATALOGUE else code
        for code in codes
    )


def _required_sections(rubric: Rubric) -> set[str]:
    return {
        name
        for gate in rubric.gates
        if gate.kind is GateKind.REQUIRED_SECTIONS
        for name in gate.sections or []
    }


def _list_columns(*names: str) -> list[Column]:
    """The columns of the lists `names`, an item's keys together (`Nama Inovator 1`,
    `Jabatan Inovator 1`, ..., `Nama Inovator 2`)."""
    return [
        Column(
            (listed, position, key),
            text(f"tpl.col.{listed}.{key}", n=str(position + 1)),
            text(f"tpl.note.{listed}.{key}"),
            Kind.YEAR if key == "year" else Kind.TEXT,
            False,
        )
        for listed in names
        for position in range(LIST_SLOTS[listed])
        for key in ITEM_KEYS[listed]
    ]


def columns(rubric: Rubric, lang: Lang) -> tuple[Column, ...]:
    """The form's columns in the order a proposal is written, for the call of `rubric`."""
    call = rubric.call
    yes_no = (tr("tpl.yes", lang), tr("tpl.no", lang))
    stages = [s.value for s in Stage]

    def col(name: str, kind: Kind, required: bool, choices: tuple[str, ...] = ()) -> Column:
        note = text(f"tpl.note.{name}")
        if name == "started_on":
            note = text(
                "tpl.note.started_on",
                deadline=call.deadline,
                months=call.min_months,
                pandemic=call.min_months_pandemic,
            )
        return Column((name,), text(f"tpl.col.{name}"), note, kind, required, choices)

    found = [
        col("title", Kind.TEXT, True),
        col("agency", Kind.TEXT, True),
        col("region", Kind.TEXT, False),
        col("group", Kind.CHOICE, True, choice_labels("group", call.groups, lang)),
        col("category", Kind.CHOICE, True, choice_labels("category", call.categories, lang)),
        col("sdgs", Kind.TEXT, True),
        col("started_on", Kind.DATE, True),
        col("pandemic_related", Kind.CHOICE, False, yes_no),
        col("stage", Kind.CHOICE, True, choice_labels("stage", stages, lang)),
        col("digital", Kind.CHOICE, True, yes_no),
    ]
    required = _required_sections(rubric)
    found += _list_columns("innovators")
    for name in SECTION_NAMES:
        cap = call.word_caps.get(name)
        section = text(f"tpl.section.{name}")
        header = section if cap is None else text("tpl.col.section", section=section, cap=cap)
        found.append(
            Column(
                ("sections", name),
                header,
                text(f"tpl.note.sections.{name}"),
                Kind.LONG,
                name in required,
                cap=cap,
            )
        )
    for name in INDICATORS:
        found.append(
            Column(
                ("indicators", name),
                text(f"tpl.col.indicators.{name}"),
                text(f"tpl.note.indicators.{name}"),
                Kind.NUMBER,
                False,
            )
        )
    found += _list_columns("prior_awards", "replications")
    for name in ATTACHMENTS:
        found.append(
            Column(
                ("attachments", name),
                text(f"tpl.col.attachments.{name}"),
                text(f"tpl.note.attachments.{name}"),
                Kind.TEXT,
                name in call.required_attachments,
            )
        )
    for column in found:
        written = render(column.header, lang)
        read = read_as(written)
        if read != column.path:  # the reader changed: the template must follow it
            raise RuntimeError(f"template header {written!r} reads as {read}, not {column.path}")
    return tuple(found)


def column_note(column: Column, lang: Lang, required: bool = True) -> str:
    """What to write in `column`: its note, its choices and word cap, and (unless told not
    to) whether it is required."""
    parts = [render(column.note, lang)]
    if column.choices:
        parts.append(tr("tpl.choose", lang, choices=list(column.choices)))
    if column.cap is not None:
        parts.append(tr("tpl.cap", lang, cap=column.cap))
    if required:
        parts.append(tr("tpl.required" if column.required else "tpl.optional", lang) + ".")
    return " ".join(parts)


_WIDTHS = {Kind.LONG: 60, Kind.TEXT: 28, Kind.DATE: 16, Kind.CHOICE: 24, Kind.YEAR: 12}
_HEADER_FILL = PatternFill("solid", fgColor="DDEBF7")
_REQUIRED_FILL = PatternFill("solid", fgColor="FCE4D6")


def _validation(column: Column, lang: Lang) -> DataValidation | None:
    if column.kind is Kind.CHOICE:
        items = ",".join(column.choices)
        rule = DataValidation(type="list", formula1=f'"{items}"', allow_blank=True)
        rule.errorTitle, rule.error = tr("tpl.dv.choice.title", lang), tr("tpl.dv.choice", lang)
    elif column.kind is Kind.DATE:
        rule = DataValidation(
            type="date", operator="between", formula1="DATE(1990,1,1)", formula2="DATE(2100,12,31)"
        )
        rule.errorTitle, rule.error = tr("tpl.dv.date.title", lang), tr("tpl.dv.date", lang)
    elif column.kind is Kind.YEAR:
        rule = DataValidation(type="whole", operator="between", formula1="1990", formula2="2100")
        rule.errorTitle, rule.error = tr("tpl.dv.year.title", lang), tr("tpl.dv.year", lang)
    elif column.kind is Kind.NUMBER:
        rule = DataValidation(type="decimal", operator="greaterThanOrEqual", formula1="0")
        rule.errorTitle, rule.error = tr("tpl.dv.number.title", lang), tr("tpl.dv.number", lang)
    else:
        return None
    rule.allow_blank = True
    rule.showErrorMessage = True
    return rule


def _form_sheet(sheet: Worksheet, found: tuple[Column, ...], lang: Lang) -> None:
    for index, column in enumerate(found, start=1):
        letter = get_column_letter(index)
        cell = sheet.cell(row=1, column=index, value=render(column.header, lang))
        cell.font = Font(bold=True)
        cell.fill = _REQUIRED_FILL if column.required else _HEADER_FILL
        cell.alignment = Alignment(wrap_text=True, vertical="top")
        comment = Comment(column_note(column, lang), "kipp")
        comment.width, comment.height = 320, 140
        cell.comment = comment
        sheet.column_dimensions[letter].width = _WIDTHS.get(column.kind, 20)
        cells = f"{letter}2:{letter}{ROWS + 1}"
        rule = _validation(column, lang)
        if rule is not None:
            sheet.add_data_validation(rule)
            rule.add(cells)
        number_format = {Kind.DATE: "DD/MM/YYYY", Kind.YEAR: "0"}.get(column.kind)
        if column.path == ("sdgs",):
            number_format = "@"  # `3, 10` stays text, never a number
        if number_format is not None:
            for row in range(2, ROWS + 2):
                sheet.cell(row=row, column=index).number_format = number_format
    sheet.row_dimensions[1].height = 45
    sheet.freeze_panes = "B2"


def _guide_sheet(sheet: Worksheet, found: tuple[Column, ...], rubric: Rubric, lang: Lang) -> None:
    sheet.cell(row=1, column=1, value=tr("tpl.guide.title", lang, call=rubric.call.name))
    sheet.cell(row=1, column=1).font = Font(bold=True, size=13)
    intro = tr("tpl.guide.intro", lang, sheet=tr("tpl.sheet.form", lang))
    sheet.cell(row=2, column=1, value=intro).alignment = Alignment(wrap_text=True)
    sheet.merge_cells(start_row=2, start_column=1, end_row=2, end_column=3)
    sheet.row_dimensions[2].height = 45
    for index, key in enumerate(("column", "required", "what"), start=1):
        cell = sheet.cell(row=4, column=index, value=tr(f"tpl.guide.col.{key}", lang))
        cell.font = Font(bold=True)
        cell.fill = _HEADER_FILL
    for row, column in enumerate(found, start=5):
        sheet.cell(row=row, column=1, value=render(column.header, lang))
        required = tr("tpl.required" if column.required else "tpl.optional", lang)
        sheet.cell(row=row, column=2, value=required)
        what = sheet.cell(row=row, column=3, value=column_note(column, lang, required=False))
        what.alignment = Alignment(wrap_text=True, vertical="top")
    for letter, width in (("A", 40), ("B", 14), ("C", 90)):
        sheet.column_dimensions[letter].width = width
    sheet.freeze_panes = "A5"


def workbook_bytes(rubric: Rubric, lang: Lang) -> bytes:
    """The XLSX form: the proposals sheet (first, the one the intake reads) and the
    instructions sheet."""
    found = columns(rubric, lang)
    book = Workbook()
    form = book.active
    assert form is not None
    form.title = tr("tpl.sheet.form", lang)
    _form_sheet(form, found, lang)
    _guide_sheet(book.create_sheet(tr("tpl.sheet.guide", lang)), found, rubric, lang)
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def _comment(sentence: str, indent: str = "") -> list[str]:
    return [f"{indent}# {sentence}"]


def _key(name: str, lang: Lang) -> str:
    return tr(f"written.{name}", lang)


def markdown_text(rubric: Rubric, lang: Lang) -> str:
    """The Markdown proposal: front matter with every field and a comment on what to write,
    then the sections under their headings with their word caps."""
    found = {column.path: column for column in columns(rubric, lang)}
    codes = {
        "group": rubric.call.groups,
        "category": rubric.call.categories,
        "stage": [s.value for s in Stage],
    }

    def note(path: RawPath) -> str:
        column = found[path]
        parts = [render(column.note, lang)]
        name = str(path[0])
        if name in codes:
            parts.append(tr("tpl.choose", lang, choices=list(codes[name])))
        elif column.choices:
            parts.append(tr("tpl.choose", lang, choices=list(column.choices)))
        parts.append(tr("tpl.required" if column.required else "tpl.optional", lang) + ".")
        return " ".join(parts)

    lines = ["---", *_comment(tr("tpl.md.intro", lang, call=rubric.call.name))]
    lines += _comment(tr("tpl.md.id", lang))
    for name in (
        "title",
        "agency",
        "region",
        "group",
        "category",
        "sdgs",
        "started_on",
        "pandemic_related",
        "stage",
        "digital",
    ):
        lines += _comment(note((name,)))
        default = f" {tr('tpl.no', lang)}" if name == "pandemic_related" else ""
        lines.append(f"{_key(name, lang)}:{default}")
    # the innovators: one stub to fill in; awards and replications: an example in comments
    lines += _comment(tr("tpl.md.list", lang))
    lines.append(f"{_key('innovators', lang)}:")
    for position, key in enumerate(ITEM_KEYS["innovators"]):
        lines += _comment(note(("innovators", 0, key)), "  ")
        lines.append(f"  {'- ' if position == 0 else '  '}{_key(key, lang)}:")
    for listed, example in (
        ("prior_awards", ("Top 45 KIPP Jawa Timur", "2021", "provinsi")),
        ("replications", ("Dinas Kesehatan Kabupaten Jombang", "Kabupaten Jombang", "2021")),
    ):
        for key in ITEM_KEYS[listed]:
            lines += _comment(note((listed, 0, key)))
        lines += _comment(f"{tr('tpl.md.list', lang)} {tr('tpl.md.example', lang)}")
        lines += _comment(f"{_key(listed, lang)}:")
        for position, (key, value) in enumerate(zip(ITEM_KEYS[listed], example, strict=True)):
            lines += _comment(f"  {'- ' if position == 0 else '  '}{_key(key, lang)}: {value}")
        lines.append(f"{_key(listed, lang)}: []")
    lines.append(f"{_key('indicators', lang)}:")
    for name in INDICATORS:
        lines += _comment(note(("indicators", name)), "  ")
        lines.append(f"  {_key(name, lang)}:")
    lines.append(f"{_key('attachments', lang)}:")
    for name in ATTACHMENTS:
        lines += _comment(note(("attachments", name)), "  ")
        lines.append(f"  {_key(name, lang)}:" + (" []" if name == "evidence" else ""))
    lines += _comment(tr("tpl.md.sections", lang))
    lines += ["---", ""]
    for name in SECTION_NAMES:
        column = found[("sections", name)]
        lines.append(f"## {render(column.header, lang)}")
        lines.append("")
        guidance = tr("tpl.md.section_note", lang, note=render(column.note, lang))
        lines.append(f"<!-- {' '.join(guidance.split())} -->")
        lines.append("")
    return "\n".join(lines)


@dataclass(frozen=True)
class Written:
    """The templates written, in the order written."""

    folder: Path
    files: tuple[Path, ...]


def _create(path: Path, content: bytes) -> None:
    """Write `path` only if nothing is there (no file, no link), in one exclusive create:
    a file that appears meanwhile is never overwritten."""
    with path.open("xb") as stream:
        try:
            stream.write(content)
            stream.flush()
            os.fsync(stream.fileno())
        except BaseException:
            path.unlink(missing_ok=True)
            raise


def write_templates(folder: Path, rubric: Rubric, lang: Lang) -> Written:
    """Write the XLSX form and the Markdown proposal into `folder` (made when missing).
    Nothing is overwritten: when either file exists, neither is written and the error names
    what is in the way."""
    if folder.exists() and not folder.is_dir():
        raise KippError.of(
            "error.template.not_folder", "hint.template.not_folder", folder=str(folder)
        )
    targets = (folder / XLSX_NAME, folder / MARKDOWN_NAME)
    taken = [str(path) for path in targets if path.exists() or path.is_symlink()]
    if taken:
        raise KippError.of("error.template.exists", "hint.template.exists", paths=taken)
    contents = (workbook_bytes(rubric, lang), markdown_text(rubric, lang).encode("utf-8"))
    written: list[Path] = []
    try:
        folder.mkdir(parents=True, exist_ok=True)
        for path, content in zip(targets, contents, strict=True):
            _create(path, content)
            written.append(path)
    except FileExistsError as exc:  # made by someone else since the check: leave it be
        for path in written:
            path.unlink(missing_ok=True)
        raise KippError.of(
            "error.template.exists", "hint.template.exists", paths=[str(exc.filename)]
        ) from None
    except OSError as exc:
        for path in written:
            path.unlink(missing_ok=True)
        raise KippError.of(
            "error.template.unwritable",
            "hint.template.unwritable",
            folder=str(folder),
            reason=exc.strerror or str(exc),
        ) from None
    return Written(folder=folder, files=targets)


__all__ = [
    "MARKDOWN_NAME",
    "XLSX_NAME",
    "Column",
    "Kind",
    "Written",
    "columns",
    "markdown_text",
    "workbook_bytes",
    "write_templates",
]
