"""Every template's words come from the catalogue: no untranslated prose is written in one."""

from __future__ import annotations

import re

import pytest
from jinja2 import nodes

from kipp.core.catalogue import CATALOGUE
from kipp.core.catalogue.reports import REPORTS
from kipp.documents.render.jinja import environment

HTML_TEMPLATES = [
    "shortlist.html.j2",
    "shortlist.pdf.html.j2",
    "scorecard.html.j2",
    "scorecards.html.j2",
    "_nominee.html.j2",
    "_charts.html.j2",
    "_compliance.html.j2",
]
# Words a template may hold literally: markup, not language.
ALLOWED_WORDS = {"HTML", "PDF"}
_TAG = re.compile(r"<[^>]*>", re.DOTALL)
_STYLE = re.compile(r"<style>.*?</style>", re.DOTALL)
_WORD = re.compile(r"[^\W\d_]{2,}")


def _literal_text(name: str) -> tuple[list[str], list[str]]:
    """The words printed by a template's literal text (outside tags and styles), and the keys
    it passes to `t()`."""
    env = environment(html=True)
    assert env.loader is not None
    source, _, _ = env.loader.get_source(env, name)
    tree = env.parse(source)
    text = "".join(node.data for node in tree.find_all(nodes.TemplateData))
    text = _TAG.sub(" ", _STYLE.sub(" ", text))
    words = [w for w in _WORD.findall(text) if w not in ALLOWED_WORDS]
    keys = [
        call.args[0].value
        for call in tree.find_all(nodes.Call)
        if isinstance(call.node, nodes.Name)
        and call.node.name == "t"
        and isinstance(call.args[0], nodes.Const)
    ]
    return words, keys


@pytest.mark.parametrize("name", HTML_TEMPLATES)
def test_template_holds_no_untranslated_prose(name: str) -> None:
    words, _ = _literal_text(name)
    assert words == []


@pytest.mark.parametrize("name", HTML_TEMPLATES)
def test_template_uses_only_catalogue_keys(name: str) -> None:
    _, keys = _literal_text(name)
    assert sorted({k for k in keys if k not in CATALOGUE}) == []


def test_report_labels_are_complete_in_both_languages() -> None:
    incomplete = [
        key
        for key, entry in REPORTS.items()
        if set(entry) != {"id", "en"} or not all(v.strip() for v in entry.values())
    ]
    assert incomplete == []
    assert all(key.startswith("rep.") for key in REPORTS)
