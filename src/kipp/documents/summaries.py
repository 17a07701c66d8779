"""Short views of a run for places with little room: Prefect artifacts and the terminal."""

from __future__ import annotations

from typing import Any

from kipp.core.i18n import Lang, format_number, tr
from kipp.documents.render.jinja import markdown_text
from kipp.documents.render.views import approval_view
from kipp.results import ProposalOut, ProposalStatus, Results
from kipp.rubric import Rubric


def _cell(value: str | None) -> str:
    return (value or "").replace("|", "\\|").replace("\n", " ")


def nominees(results: Results) -> list[ProposalOut]:
    """The shortlisted proposals, best first."""
    chosen = [p for p in results.proposals if p.status is ProposalStatus.SHORTLISTED]
    return sorted(chosen, key=lambda p: (p.rank or 0, p.id))


def counts_line(results: Results, lang: Lang) -> str:
    """`N proposals from M files: ...` in the run's language."""
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
    """The shortlist in a few lines of Markdown: counts, a provisional notice, the nominees."""
    lines = [f"# {tr('summary.heading', lang, call=rubric.title)}", "", counts_line(results, lang)]
    if results.summary.provisional:
        lines += ["", f"**{tr('summary.provisional', lang)}**"]
    cols = ["rank", "title", "agency", "category", "total"]
    lines += [
        "",
        "| " + " | ".join(tr(f"summary.col.{c}", lang) for c in cols) + " |",
        "|" + "---|" * len(cols),
    ]
    for p in nominees(results):
        total = format_number(p.total or 0.0, lang, 2)
        lines.append(
            f"| {p.rank} | {_cell(p.title)} | {_cell(p.agency)} | {_cell(p.category)} | {total} |"
        )
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


def scores_table(results: Results, rubric: Rubric) -> list[dict[str, Any]]:
    """One row per scored proposal (rank order): levels per criterion, total, status."""
    scored = [p for p in results.proposals if p.rank is not None]
    rows = []
    for p in sorted(scored, key=lambda p: (p.rank or 0, p.id)):
        row: dict[str, Any] = {"rank": p.rank, "id": p.id, "title": p.title, "agency": p.agency}
        for c in rubric.criteria:
            level = p.criteria[c.id].level if p.criteria else None
            row[c.id] = level if level is not None else ""
        row |= {"total": p.total, "status": p.status.value}
        rows.append(row)
    return rows
