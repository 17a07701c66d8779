"""A word longer than the page (a title or an agency written without spaces) breaks inside
the page in the printed documents, never runs off its right edge and out of sight."""

from __future__ import annotations

from typing import Any

import pytest
from render_builders import proposal, results, rubric

from kipp.documents.render.html import render_minutes_html, render_scorecard_html
from kipp.documents.render.reports import scorecard_view
from kipp.results import ProposalStatus

weasyprint = pytest.importorskip("weasyprint")

TITLE = "Layanan" + "X" * 150
AGENCY = "Dinas" + "Y" * 200


def _widest(html: str) -> tuple[float, float]:
    """The right edge of the widest box on any page, and the page's width (CSS pixels)."""
    document = weasyprint.HTML(string=html).render()
    edge = 0.0

    def walk(box: Any) -> None:
        nonlocal edge
        if getattr(box, "width", None):
            edge = max(edge, box.position_x + box.width)
        for child in getattr(box, "children", []):
            walk(child)

    for page in document.pages:
        walk(page._page_box)
    return edge, document.pages[0].width


def test_a_scorecard_keeps_a_title_and_agency_without_spaces_inside_the_page() -> None:
    shown = proposal(ProposalStatus.SHORTLISTED, title=TITLE, agency=AGENCY)
    html = render_scorecard_html(scorecard_view(shown, results([shown]), rubric()))
    edge, width = _widest(html)
    assert TITLE in html and AGENCY in html
    assert edge <= width


def test_the_minutes_keep_a_title_without_spaces_inside_the_page() -> None:
    shown = proposal(ProposalStatus.SHORTLISTED, title=TITLE, agency=AGENCY)
    edge, width = _widest(render_minutes_html(results([shown]), rubric()))
    assert edge <= width
