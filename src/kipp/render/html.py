"""`shortlist.html`: one self-contained, autoescaped HTML file that prints to A4."""

from __future__ import annotations

from kipp.i18n import Lang
from kipp.render.jinja import environment, labels
from kipp.render.views import document_view
from kipp.results import Results
from kipp.rubric import Rubric

TEMPLATE = "shortlist.html.j2"


def render_html(results: Results, rubric: Rubric, lang: Lang | None = None) -> str:
    """The HTML shortlist of a run, in `lang` (the run's language by default).

    Pure: returns the text, writes nothing. Inline CSS only (no fonts, scripts or images to
    fetch), one page per nominee when printed; every value escaped. Raises `ValueError` when
    `lang` or `rubric` are not the run's."""
    view = document_view(results, rubric, lang)
    template = environment(html=True).get_template(TEMPLATE)
    return template.render(doc=view, t=labels(Lang(view.lang)))
