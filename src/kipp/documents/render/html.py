"""The HTML documents: `shortlist.html` (screen, prints to A4), its print variant for the
PDF, and the agencies' scorecards. Each is one self-contained, autoescaped HTML file."""

from __future__ import annotations

from dataclasses import dataclass

from kipp.core.i18n import Lang
from kipp.documents.render.jinja import environment, labels
from kipp.documents.render.minutes import minutes_view
from kipp.documents.render.reports import (
    ScorecardView,
    annexes,
    compliance_view,
    technical_annexes,
)
from kipp.documents.render.views import DocumentView, document_view
from kipp.intake.registry import RegistryLoad
from kipp.results import Results
from kipp.rubric import Rubric

TEMPLATE = "shortlist.html.j2"
PRINT_TEMPLATE = "shortlist.pdf.html.j2"
SCORECARD_TEMPLATE = "scorecard.html.j2"
INDEX_TEMPLATE = "scorecards.html.j2"
MINUTES_TEMPLATE = "berita-acara.html.j2"


def render_html(
    results: Results,
    rubric: Rubric,
    lang: Lang | None = None,
    registry: RegistryLoad | None = None,
    view: DocumentView | None = None,
) -> str:
    """The HTML shortlist of a run, in `lang` (the run's language by default), with the
    compliance table when `registry` is given; from `view` when the caller built it already
    (`document_view`, where its lists may be cut).

    Pure: returns the text, writes nothing. Inline CSS and SVG only (no fonts, scripts or
    images to fetch), one page per nominee when printed; every value escaped. Raises
    `ValueError` when `lang` or `rubric` are not the run's."""
    view = view or document_view(results, rubric, lang)
    template = environment(html=True).get_template(TEMPLATE)
    return template.render(
        doc=view,
        t=labels(Lang(view.lang)),
        compliance=compliance_view(registry, results, Lang(view.lang)),
    )


def render_print_html(
    results: Results,
    rubric: Rubric,
    registry: RegistryLoad | None = None,
    annex_limit: int | None = None,
    view: DocumentView | None = None,
) -> str:
    """The print variant of the shortlist (the PDF's source): a cover page, the nominees, one
    page per nominee, the compliance table and the annexes as compact tables of at most
    `annex_limit` rows each (all rows when None)."""
    view = view or document_view(results, rubric)
    lang = Lang(view.lang)
    compliance = compliance_view(registry, results, lang)
    return (
        environment(html=True)
        .get_template(PRINT_TEMPLATE)
        .render(
            doc=view,
            t=labels(lang),
            compliance=compliance,
            annexes=annexes(results, lang, annex_limit),
            technical=technical_annexes(results, lang, annex_limit, view.reviews, compliance),
        )
    )


def render_minutes_html(results: Results, rubric: Rubric) -> str:
    """The minutes of the selection (Berita Acara Hasil Seleksi) as a self-contained HTML
    page, in the run's language; its PDF is this page printed."""
    view = minutes_view(results, rubric)
    template = environment(html=True).get_template(MINUTES_TEMPLATE)
    return template.render(m=view, t=labels(Lang(view.lang)))


def render_scorecard_html(card: ScorecardView) -> str:
    """One proposal's scorecard as a self-contained HTML page."""
    template = environment(html=True).get_template(SCORECARD_TEMPLATE)
    return template.render(card=card, t=labels(Lang(card.lang)))


@dataclass(frozen=True)
class IndexEntry:
    title: str
    agency: str
    status: str
    total: str
    html: str
    pdf: str


def render_scorecard_index(view: DocumentView, entries: list[IndexEntry]) -> str:
    """`scorecards/index.html`: every scorecard of the run, linked."""
    template = environment(html=True).get_template(INDEX_TEMPLATE)
    return template.render(doc=view, entries=entries, t=labels(Lang(view.lang)))
