"""Short views of a run for places with little room: Prefect artifacts and the terminal."""

from __future__ import annotations

from typing import Any

from kipp.core.catalogue import CATALOGUE
from kipp.core.i18n import Lang, format_number, tr
from kipp.documents.render.explanation_views import provisional_notice
from kipp.documents.render.jinja import markdown_text
from kipp.documents.render.review_views import approval_view
from kipp.results import ProposalOut, ProposalStatus, Results
from kipp.rubric import Rubric


def _cell(value: str | None) -> str:
    return markdown_text(value or "").replace("|", "\\|").replace("\n", " ")


def category_label(code: str | None, lang: Lang) -> str:
    """A category's label in `lang` (the code as written when the catalogue does not know
    it)."""
    if code is None:
        return ""
    key = f"doc.category.{code}"
    return tr(key, lang) if key in CATALOGUE else code


def nominees(results: Results) -> list[ProposalOut]:
    """The shortlisted proposals, best first."""
    chosen = [p for p in results.proposals if p.status is ProposalStatus.SHORTLISTED]
    return sorted(chosen, key=lambda p: (p.rank or 0, p.id))


def counts_line(results: Results, lang: Lang) -> str:
    """`N proposals from M files: ...` in the run's language, each status in the words the
    documents use (`status.label.*`)."""
    s = results.summary
    return tr(
        "summary.counts",
        lang,
        proposals=s.proposals,
        files=s.files,
        shortlisted=s.shortlisted,
        scored=s.scored,
        ineligible=s.ineligible,
        invalid=s.invalid,
        unread=s.unread,
    )


def summary_markdown(results: Results, rubric: Rubric, lang: Lang) -> str:
    """The shortlist in a few lines of Markdown: counts, the provisional notice the documents
    show (how many reviews are in, what can still change), the nominees."""
    lines = [f"# {tr('summary.heading', lang, call=rubric.title)}", "", counts_line(results, lang)]
    notice = provisional_notice(results, rubric, lang)
    if notice:
        title = tr("doc.provisional.title", lang)
        lines += ["", f"**{title}:** {markdown_text(notice)}"]
    cols = ["rank", "title", "agency", "category", "total"]
    lines += [
        "",
        "| " + " | ".join(tr(f"summary.col.{c}", lang) for c in cols) + " |",
        "|" + "---|" * len(cols),
    ]
    for p in nominees(results):
        total = format_number(p.total or 0.0, lang, 2)
        category = category_label(p.category, lang)
        lines.append(
            f"| {p.rank} | {_cell(p.title)} | {_cell(p.agency)} | {_cell(category)} | {total} |"
        )
    return "\n".join(lines) + "\n"


def scored(results: Results) -> list[ProposalOut]:
    """Every scored proposal, in rank order."""
    ranked = [p for p in results.proposals if p.rank is not None]
    return sorted(ranked, key=lambda p: (p.rank or 0, p.id))


def scored_markdown(results: Results, lang: Lang) -> str:
    """Every scored proposal in rank order, for a coordinator deciding on the shortlist:
    rank, title, id (what the approval form names), total, category, and where it stands and
    why (a rank skipped by a quota says which)."""
    cols = ["rank", "title", "id", "total", "category", "status", "reason"]
    lines = [
        f"## {tr('summary.scored_heading', lang)}",
        "",
        "| " + " | ".join(tr(f"summary.col.{c}", lang) for c in cols) + " |",
        "|" + "---|" * len(cols),
    ]
    for p in scored(results):
        row = [
            str(p.rank),
            _cell(p.title),
            f"`{p.id}`",
            format_number(p.total or 0.0, lang, 2),
            _cell(category_label(p.category, lang)),
            _cell(tr(f"status.label.{p.status.value}", lang)),
            _cell(p.reason),
        ]
        lines.append("| " + " | ".join(row) + " |")
    return "\n".join(lines) + "\n"


def decision_markdown(results: Results, lang: Lang) -> str:
    """The coordinator's decision on the shortlist (who, when, each move and why), as the
    documents say it; empty when the run had no approval step."""
    view = approval_view(results, lang)
    if view is None:
        return ""
    blocks = [f"**{markdown_text(view.summary)}**"]
    if view.note:
        blocks.append(markdown_text(view.note))
    if view.moves:
        blocks.append("\n".join(f"- {markdown_text(move)}" for move in view.moves))
    return "\n\n".join(blocks) + "\n"


def scores_table(results: Results, lang: Lang) -> list[dict[str, Any]]:
    """One row per scored proposal in rank order, narrow enough to read in the Prefect UI:
    rank, title, agency, category, total, status (every criterion's level is in the
    workbook), headed in `lang`."""
    header = {c: tr(f"summary.col.{c}", lang) for c in ("rank", "title", "agency", "category")}
    header |= {c: tr(f"summary.col.{c}", lang) for c in ("total", "status")}
    return [
        {
            header["rank"]: p.rank,
            header["title"]: p.title or "",
            header["agency"]: p.agency or "",
            header["category"]: category_label(p.category, lang),
            header["total"]: format_number(p.total or 0.0, lang, 2),
            header["status"]: tr(f"status.label.{p.status.value}", lang),
        }
        for p in scored(results)
    ]
