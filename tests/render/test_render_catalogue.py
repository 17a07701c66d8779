"""The catalogue is complete in both languages, and the documents use only keys it holds."""

from __future__ import annotations

import re
from pathlib import Path
from typing import get_args

import pytest
from jinja2 import nodes
from render_builders import full_results, rubric

import kipp.documents.render.views
from kipp.core.catalogue import CATALOGUE
from kipp.core.catalogue.documents import DOCUMENTS
from kipp.core.i18n import Lang
from kipp.core.problems import PLACEHOLDERS
from kipp.documents.render import render_html, render_markdown
from kipp.documents.render.jinja import environment
from kipp.measures.novelty import Neighbour
from kipp.results import ProblemOut, ReviewsOut
from kipp.shortlist.approval import Direction

TEMPLATES = {"shortlist.md.j2": False, "shortlist.html.j2": True}
# Keys the view-model builds from a value (`f"doc.flag.{kind}"`), with every value it can take.
DYNAMIC = {
    "doc.flag": get_args(Neighbour.model_fields["kind"].annotation),
    "doc.neighbour": get_args(Neighbour.model_fields["kind"].annotation),
    "doc.flag.sentence": get_args(Neighbour.model_fields["kind"].annotation),
    "doc.severity": get_args(ProblemOut.model_fields["severity"].annotation),
    "doc.language": tuple(lang.value for lang in Lang),
    "doc.reviews.aggregate": get_args(ReviewsOut.model_fields["aggregate"].annotation),
    "doc.approval.move": tuple(d.value for d in Direction),
}
# Labels for a rubric's values, looked up with a fallback to the value as written.
OPTIONAL_PREFIXES = ("doc.group.", "doc.category.")


def _template_keys(name: str) -> list[str]:
    """Every key a template passes to `t(...)`; fails on a key that is not a literal."""
    env = environment(html=TEMPLATES[name])
    assert env.loader is not None
    source, _, _ = env.loader.get_source(env, name)
    keys = []
    for call in env.parse(source).find_all(nodes.Call):
        if isinstance(call.node, nodes.Name) and call.node.name == "t":
            (argument,) = call.args
            assert isinstance(argument, nodes.Const), f"{name}: t() needs a literal key"
            keys.append(argument.value)
    return keys


def test_document_keys_do_not_collide_with_evidence_keys() -> None:
    assert all(key.startswith("doc.") for key in DOCUMENTS)


@pytest.mark.parametrize("name", list(TEMPLATES))
def test_templates_reference_only_existing_keys(name: str) -> None:
    keys = _template_keys(name)

    assert len(keys) > 40
    assert sorted(k for k in set(keys) if k not in CATALOGUE) == []


def test_dynamic_keys_exist_for_every_value() -> None:
    expected = {f"{prefix}.{value}" for prefix, values in DYNAMIC.items() for value in values}
    assert sorted(expected - set(CATALOGUE)) == []


def test_every_document_key_is_used() -> None:
    folder = Path(kipp.documents.render.views.__file__).parent  # every view-model module
    views = "".join(path.read_text(encoding="utf-8") for path in sorted(folder.glob("*.py")))
    literal = set(re.findall(r'"(doc\.[a-z0-9_.]+)"', views))
    in_templates = {key for name in TEMPLATES for key in _template_keys(name)}
    dynamic = {f"{prefix}.{value}" for prefix, values in DYNAMIC.items() for value in values}
    placeholders = set(PLACEHOLDERS.values())  # a whole file's, header's or row's field
    unused = [
        key
        for key in DOCUMENTS
        if key not in literal | in_templates | dynamic | placeholders
        and not key.startswith(OPTIONAL_PREFIXES)
    ]
    assert unused == []


@pytest.mark.parametrize("lang", list(Lang))
def test_both_documents_render_in_each_language(lang: Lang) -> None:
    markdown = render_markdown(full_results(lang), rubric(), lang)
    html = render_html(full_results(lang), rubric(), lang)

    assert markdown.startswith("# ")
    assert html.endswith("</html>\n")
