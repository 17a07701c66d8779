"""Rendering a run's `Results` into the documents coordinators read (pure: text in, text out).

`render_markdown` and `render_html` take the results, the run's rubric and the language;
the caller writes the returned text (atomically, see `kipp.core.atomic.write_atomic`).
"""

from kipp.documents.render.html import render_html
from kipp.documents.render.markdown import render_markdown
from kipp.documents.render.views import DocumentView, document_view

__all__ = ["DocumentView", "document_view", "render_html", "render_markdown"]
