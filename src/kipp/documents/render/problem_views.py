"""How a problem found in an input is shown in a document: its field as a label in the
document's language, where it stands in its file, how serious it is, and the message."""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, replace

from kipp.core.catalogue import CATALOGUE
from kipp.core.i18n import Lang, render, tr
from kipp.core.problems import PLACEHOLDERS
from kipp.results import (
    ProblemOut,
)

MISSING = "—"


@dataclass(frozen=True)
class ProblemView:
    field: str
    location: str
    severity: str
    message: str
    error: bool


def _location(problem: ProblemOut, lang: Lang) -> str:
    if problem.line is None:
        return MISSING
    if problem.column is None:
        return tr("doc.location.line", lang, line=str(problem.line))
    return tr("doc.location.cell", lang, line=str(problem.line), column=problem.column)


FIELD_SEPARATOR = " \u203a "  # `Uraian \u203a Kebaruan`


def field_label(field: str, lang: Lang, criteria: Mapping[str, str] | None = None) -> str:
    """A problem's field (its machine key, `sections.novelty`) as a label in the document's
    language (`Uraian` and `Kebaruan`, joined by `FIELD_SEPARATOR`), from the `field.<key>`
    entries of the catalogue. List positions read as items (`innovators.2.name`: `Inovator
    2` and `Nama`); a whole file, header or row reads as such; `criteria` (a criterion's id
    -> its label) name a scoresheet's score columns. From a key the catalogue does not know
    on, the field is shown as written (an unknown key, a spreadsheet's own header)."""
    placeholder = PLACEHOLDERS.get(field)
    if placeholder is not None:
        return tr(placeholder, lang)
    if criteria and field in criteria:
        return criteria[field]
    parts = field.split(".")
    labels: list[str] = []
    path: list[str] = []
    for index, part in enumerate(parts):
        if part.isdecimal() and labels:
            item = "field." + ".".join(path) + ".item"
            if item in CATALOGUE:
                labels[-1] = tr(item, lang, n=part)
            else:
                labels.append(part)
            continue
        key = "field." + ".".join([*path, part])
        if key not in CATALOGUE:
            labels.append(".".join(parts[index:]))
            break
        path.append(part)
        labels.append(tr(key, lang))
    return FIELD_SEPARATOR.join(labels)


def problem_view(
    problem: ProblemOut,
    lang: Lang,
    with_path: bool = False,
    criteria: Mapping[str, str] | None = None,
) -> ProblemView:
    """One problem as a table row, its field labelled and its sentence rendered in the
    document's language; `with_path` for file-level notices, which are not listed under a
    proposal that names the file; `criteria` label a scoresheet's score columns."""
    location = _location(problem, lang)
    if with_path:
        location = problem.path if location == MISSING else f"{problem.path}, {location}"
    return ProblemView(
        field=field_label(problem.field, lang, criteria),
        location=location,
        severity=tr(f"doc.severity.{problem.severity}", lang),
        message=render(problem.text, lang),
        error=problem.severity == "error",
    )


_CODE = re.compile(r"`([^`]*)`")


def quoted(view: ProblemView) -> ProblemView:
    """`view` for a page officials and agencies read: what a message sets as code (a column
    to fill in, `instansi`) in quotation marks instead (“instansi”)."""
    return replace(view, message=_CODE.sub("“\\1”", view.message))
