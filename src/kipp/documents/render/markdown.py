"""`shortlist.md`: the shortlist as Markdown, every value escaped so a title cannot break it."""

from __future__ import annotations

from kipp.core.i18n import Lang
from kipp.documents.render.jinja import environment, labels
from kipp.documents.render.reports import compliance_view
from kipp.documents.render.views import DocumentView, document_view
from kipp.intake.registry import RegistryLoad
from kipp.results import Results
from kipp.rubric import Rubric

TEMPLATE = "shortlist.md.j2"


def render_markdown(
    results: Results,
    rubric: Rubric,
    lang: Lang | None = None,
    registry: RegistryLoad | None = None,
    view: DocumentView | None = None,
) -> str:
    """The Markdown shortlist of a run, in `lang` (the run's language by default), with the
    compliance table when `registry` is given.

    Pure: returns the text, writes nothing. Raises `ValueError` when `lang` or `rubric` are not
    the run's (the document would mix languages or misname the criteria). From `view` when the
    caller built it already (`document_view`, where its lists may be cut)."""
    view = view or document_view(results, rubric, lang)
    template = environment(html=False).get_template(TEMPLATE)
    return template.render(
        doc=view,
        t=labels(Lang(view.lang)),
        compliance=compliance_view(registry, results, Lang(view.lang)),
    )
