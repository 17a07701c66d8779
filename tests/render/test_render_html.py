"""`render_html`: escaped, self-contained, printable, every section in both languages."""

from __future__ import annotations

import re
from html.parser import HTMLParser

import pytest
from render_builders import INPUT_SHA, criteria, full_results, neighbour, novelty, proposal, results
from render_builders import rubric as make_rubric

from kipp.core.i18n import Lang
from kipp.documents.render import render_html
from kipp.results import ProposalStatus

VOID = {"meta", "link", "br", "hr", "img", "col", "input", "source", "wbr"}


class _Tags(HTMLParser):
    """Collects the text of chosen tags and checks every element is closed in order."""

    def __init__(self) -> None:
        super().__init__()
        self.open: list[str] = []
        self.errors: list[str] = []
        self.texts: dict[str, list[str]] = {}
        self._capture: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag not in VOID:
            self.open.append(tag)
        if tag in ("h1", "h2", "h3", "h4"):
            self._capture = [tag]

    def handle_endtag(self, tag: str) -> None:
        if not self.open or self.open[-1] != tag:
            self.errors.append(f"</{tag}> closes {self.open[-1:] or 'nothing'}")
            return
        self.open.pop()
        if self._capture and self._capture[0] == tag:
            self.texts.setdefault(tag, []).append("".join(self._capture[1:]).strip())
            self._capture = []

    def handle_data(self, data: str) -> None:
        if self._capture:
            self._capture.append(data)


def _parse(html: str) -> _Tags:
    tags = _Tags()
    tags.feed(html)
    tags.close()
    return tags


def test_html_in_indonesian_has_every_section() -> None:
    tags = _parse(render_html(full_results(Lang.ID), make_rubric(), Lang.ID))

    assert tags.texts["h1"] == ["Daftar Pendek Nominasi Inovasi"]
    assert tags.texts["h2"] == [
        "Nominasi",
        "Dinilai tetapi tidak masuk daftar pendek",
        "Tidak memenuhi syarat",
        "Proposal tidak valid",
        "Berkas tidak terbaca",
        "Lampiran teknis",
    ]
    assert tags.texts["h3"] == [
        "1. Layanan A",
        "Layanan C",
        "Proposal dan berkas sumbernya",
        "Proposal tidak valid",
        "Berkas tidak terbaca",
        "Catatan pembacaan berkas",
        "Sengaja dilewati",
        "Catatan proses",
    ]
    assert tags.texts["h4"] == [
        "Penilaian per kriteria",
        "Cara nilai dihitung",
        "Kebaruan: inovasi dan proposal paling mirip",
        "Syarat yang dipenuhi",
        "Catatan pembacaan berkas",
        "batch/sip.md",  # in the technical annex, with the file's problems
        "Berkas masukan",
    ]


def test_html_in_english_has_every_section() -> None:
    tags = _parse(render_html(full_results(Lang.EN), make_rubric(), Lang.EN))

    assert tags.texts["h1"] == ["Innovation nomination shortlist"]
    assert tags.texts["h2"] == [
        "Nominees",
        "Scored but not shortlisted",
        "Ineligible",
        "Invalid proposals",
        "Unread files",
        "Technical annex",
    ]


@pytest.mark.parametrize("lang", list(Lang))
def test_html_elements_are_all_closed(lang: Lang) -> None:
    tags = _parse(render_html(full_results(lang), make_rubric(), lang))

    assert tags.errors == []
    assert tags.open == []


@pytest.mark.parametrize("lang", list(Lang))
def test_html_declares_the_run_language(lang: Lang) -> None:
    html = render_html(full_results(lang), make_rubric(), lang)

    assert html.startswith(f'<!DOCTYPE html>\n<html lang="{lang.value}">\n')


def test_html_escapes_script_in_title() -> None:
    title = "<script>alert(1)</script>"
    html = render_html(results([proposal(title=title)]), make_rubric(), Lang.ID)

    assert "<script" not in html
    # the nominee table and page, the profile chart's label, title and caption, the
    # technical annex's list of proposals, and the provisional notice naming it
    assert html.count("&lt;script&gt;alert(1)&lt;/script&gt;") == 7
    assert "<h3>1. &lt;script&gt;alert(1)&lt;/script&gt;</h3>" in html


def test_html_escapes_attribute_quotes_in_neighbour_title() -> None:
    sneaky = neighbour(title='"><img src=x onerror=alert(1)>')
    html = render_html(results([proposal(novelty=novelty([sneaky]))]), make_rubric(), Lang.ID)

    assert "<img" not in html
    assert "<td>&#34;&gt;&lt;img src=x onerror=alert(1)&gt;</td>" in html


def test_html_is_self_contained() -> None:
    html = render_html(full_results(Lang.ID), make_rubric(), Lang.ID)

    for fetch in ("<script", "<link", "<img", "<iframe", "src=", "url(", "@import", "http"):
        assert fetch not in html, fetch
    assert html.count("<style>") == 1


def test_html_prints_on_a4_with_a_page_per_nominee() -> None:
    second = proposal(id="layanan-b", title="Layanan B", rank=2, source="batch/b.yaml")
    html = render_html(results([proposal(), second]), make_rubric(), Lang.ID)

    assert "@page { size: A4;" in html
    assert ".nominee { break-before: page; page-break-before: always; }" in html
    assert re.findall(r'<article class="nominee" id="([^"]+)">', html) == [
        "nominee-1",
        "nominee-2",
    ]
    assert re.findall(r'<a href="#(nominee-\d)">', html) == ["nominee-1", "nominee-2"]


def test_html_provisional_notice_present_when_a_total_is_provisional() -> None:
    html = render_html(full_results(Lang.EN), make_rubric(), Lang.EN)

    assert re.findall(r'<div class="notice provisional" role="note">(.*?)</div>', html) == [
        "<strong>PROVISIONAL</strong> Not yet scored by reviewers for 2 proposals (Layanan A, "
        "Layanan B): "
        "Sustainability; their totals are computed from the 60% of the weight scored so far."
    ]


def test_html_provisional_notice_absent_when_every_total_is_final() -> None:
    final = proposal(
        criteria=criteria(sustainability_level=3), provisional=False, scored_weight=1.0
    )
    html = render_html(results([final], lang=Lang.EN), make_rubric(), Lang.EN)

    assert "provisional" not in html.lower()


def test_html_highlights_flagged_and_review_neighbours() -> None:
    html = render_html(full_results(Lang.EN), make_rubric(), Lang.EN)

    rows = re.findall(r'<tr class="(flag|review)"><td>[^<]*</td><td>([^<]*)</td>', html)
    assert rows == [("flag", "Layanan Serupa"), ("review", "Layanan B")]
    assert re.findall(r"<li>(.*?)</li>", html) == [
        "Possible replication of Layanan Serupa (Pemerintah Kota Lain, 2019): similarity 0.62.",
        "<code>batch/_catatan.txt</code>",
    ]
    assert (
        "<p><strong>Flags for reviewers</strong> A flag is evidence, not a verdict: replication "
        "is legitimate when declared. Reviewers should check the proposal.</p>"
    ) in html


def test_html_manifest_shows_short_hash_with_full_hash_in_title() -> None:
    html = render_html(full_results(Lang.ID), make_rubric(), Lang.ID)

    assert (
        f'<tr><td><code>batch/layanan-a.yaml</code></td><td class="hash" title="{INPUT_SHA}">'
        f"{INPUT_SHA[:12]}…</td></tr>"
    ) in html


def test_html_lists_failed_gates_with_figures() -> None:
    html = render_html(full_results(Lang.ID), make_rubric(), Lang.ID)

    assert (
        '<tr><td>Lama penerapan</td><td class="failed">tidak terpenuhi</td>'
        "<td>Mulai 1 September 2021: 7 bulan.</td></tr>"
    ) in html


def test_html_of_results_without_proposals_renders_none_everywhere() -> None:
    html = render_html(results([], lang=Lang.EN), make_rubric(), Lang.EN)

    assert html.count("<p>None.</p>") == 5  # nominees, scored, ineligible, invalid, unread
    assert _parse(html).errors == []


def test_html_ineligible_without_novelty_renders() -> None:
    bare = proposal(ProposalStatus.INELIGIBLE, novelty=None)
    html = render_html(results([bare]), make_rubric(), Lang.ID)

    assert "<h3>Layanan A</h3>" in html
