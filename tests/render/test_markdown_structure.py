"""`shortlist.md` line by line and as a Markdown parser reads it: the coordinator's decision
as a block of its own, values that cannot change the document's structure, and the
decision's time in the document's language."""

from __future__ import annotations

import html
import re
from typing import Any

import pytest
from render_builders import full_results, rubric

from kipp.core.i18n import Lang, format_timestamp, tr
from kipp.documents.render import render_html, render_markdown
from kipp.documents.render.html import render_print_html
from kipp.documents.render.jinja import markdown_text
from kipp.results import ProposalStatus, Results
from kipp.shortlist.approval import Decision, Direction, Move

markdown_it = pytest.importorskip("markdown_it")

DECIDED_AT = "2022-04-21T02:30:07+00:00"  # as the server records it
FORMATTED = {
    Lang.ID: "21 April 2022 pukul 02.30 UTC",
    Lang.EN: "21 April 2022 at 02:30 UTC",
}
# as the documents show it: in the time zone of the run (the sample run's: UTC+7)
SHOWN = {
    Lang.ID: "21 April 2022 pukul 09.30 UTC+7",
    Lang.EN: "21 April 2022 at 09:30 UTC+7",
}


def _with_decision(results: Results, **decision: Any) -> Results:
    return results.model_copy(update={"approval": Decision(**decision)})


def _decided(lang: Lang, note: str = "cek ulang", moves: bool = True) -> Results:
    """`full_results` with a decision moving the scored proposal in and the nominee out."""
    chosen = [
        Move(proposal_id="layanan-b", direction=Direction.IN, reason="melayani desa"),
        Move(proposal_id="layanan-a", direction=Direction.OUT, reason="uji coba selesai"),
    ]
    return _with_decision(
        full_results(lang),
        decided_by="Rina Kartika",
        note=note,
        decided_at=DECIDED_AT,
        moves=chosen if moves else [],
    )


def _lines(markdown: str) -> list[str]:
    return markdown.split("\n")


def _index(lines: list[str], start: str) -> int:
    found = [i for i, line in enumerate(lines) if line.startswith(start)]
    assert len(found) == 1, (start, found)
    return found[0]


@pytest.mark.parametrize("lang", list(Lang))
def test_coordinator_decision_is_a_block_with_one_line_per_move(lang: Lang) -> None:
    lines = _lines(render_markdown(_decided(lang), rubric(), lang))
    at = tr("doc.approval.at", lang, at=SHOWN[lang])
    moved = tr("doc.approval.moved", lang, by="Rina Kartika", at=at, count=2)
    note = tr("doc.approval.note", lang, note="cek ulang")

    head = _index(lines, f"> **{tr('doc.approval.title', lang)}:**")
    assert lines[head - 1] == ""
    assert lines[head - 2].startswith(f"> **{tr('doc.provisional.title', lang)}:**")
    assert lines[head : head + 5] == [
        f"> **{tr('doc.approval.title', lang)}:** {moved} {note}",
        ">",
        "> - " + tr("doc.approval.move.in", lang, title="Layanan B", why="melayani desa"),
        "> - " + tr("doc.approval.move.out", lang, title="Layanan A", why="uji coba selesai"),
        "",
    ]
    assert lines[head + 5] == f"## {tr('doc.section.nominees', lang)}"


@pytest.mark.parametrize("lang", list(Lang))
def test_decision_approving_as_ranked_is_one_line_followed_by_a_blank_one(lang: Lang) -> None:
    lines = _lines(render_markdown(_decided(lang, note="", moves=False), rubric(), lang))
    at = tr("doc.approval.at", lang, at=SHOWN[lang])

    head = _index(lines, f"> **{tr('doc.approval.title', lang)}:**")
    assert lines[head - 1 : head + 3] == [
        "",
        f"> **{tr('doc.approval.title', lang)}:** "
        + tr("doc.approval.as_ranked", lang, by="Rina Kartika", at=at),
        "",
        f"## {tr('doc.section.nominees', lang)}",
    ]


def test_parser_reads_the_decision_as_its_own_quote_holding_a_list_of_moves() -> None:
    tokens = markdown_it.MarkdownIt("commonmark").parse(
        render_markdown(_decided(Lang.ID), rubric(), Lang.ID)
    )
    quotes = []  # the token types and texts inside each top-level quote
    for i, token in enumerate(tokens):
        if token.type == "blockquote_open" and token.level == 0:
            end = next(j for j in range(i, len(tokens)) if tokens[j].type == "blockquote_close")
            quotes.append(tokens[i + 1 : end])
    provisional, decision = quotes[:2]

    assert next(t.content for t in provisional if t.type == "inline").startswith("**SEMENTARA:**")
    assert [t.type for t in decision if t.type.endswith("_open")] == [
        "paragraph_open",
        "bullet_list_open",
        "list_item_open",
        "paragraph_open",
        "list_item_open",
        "paragraph_open",
    ]
    texts = [t.content for t in decision if t.type == "inline"]
    assert texts[0].startswith("**Keputusan koordinator:**")
    assert texts[0].endswith("Catatan: cek ulang")
    assert texts[1:] == [
        "Layanan B: dimasukkan. Alasan: melayani desa",
        "Layanan A: dikeluarkan. Alasan: uji coba selesai",
    ]


@pytest.mark.parametrize(
    ("value", "escaped"),
    [
        ("- Layanan", "\\- Layanan"),
        ("+ Layanan", "\\+ Layanan"),
        ("1. Inovasi", "1\\. Inovasi"),
        ("2) Inovasi", "2\\) Inovasi"),
        ("> kutipan", "\\> kutipan"),
        (">kutipan", "\\>kutipan"),
        ("===", "\\==="),
        ("= Judul", "\\= Judul"),
        ("---", "\\---"),
        ("--", "\\--"),
        ("-", "\\-"),
        ("# Judul", "\\# Judul"),
        ("\n- Layanan\n> kutipan", "\\- Layanan > kutipan"),
        # not a block start: kept as written
        ("-5 pengaduan", "-5 pengaduan"),
        ("+62 321 123", "+62 321 123"),
        ("1.250 pengguna", "1.250 pengguna"),
        ("2022. Tahun", "2022\\. Tahun"),
        ("1234567890. Nomor", "1234567890. Nomor"),
        ("Layanan - Online > 1. cepat", "Layanan - Online > 1. cepat"),
    ],
)
def test_markdown_text_escapes_what_would_start_a_block(value: str, escaped: str) -> None:
    assert markdown_text(value) == escaped


PLAIN = "Layanan Biasa"
BLOCK_STARTS = ["- Layanan", "+ Layanan", "1. Inovasi", "2) Inovasi", "> kutipan", "===", "---"]


def _document(value: str) -> str:
    """The Indonesian shortlist with `value` where the templates start a line or an item
    with a value: a heading (the ineligible proposal's title), list items (the nominee's
    reason, an ignored file), a move in the decision's quote (the moved proposal's title)."""
    base = full_results(Lang.ID)
    proposals = [
        p.model_copy(update={"reason": value})
        if p.status is ProposalStatus.SHORTLISTED
        else p.model_copy(update={"title": value})
        if p.status in (ProposalStatus.INELIGIBLE, ProposalStatus.SCORED)
        else p
        for p in base.proposals
    ]
    results = base.model_copy(update={"proposals": proposals, "ignored": [value]})
    decided = _with_decision(
        results,
        decided_by="Rina Kartika",
        decided_at=DECIDED_AT,
        moves=[Move(proposal_id="layanan-b", direction=Direction.IN, reason="melayani desa")],
    )
    return render_markdown(decided, rubric(), Lang.ID)


def _structure(markdown: str) -> list[tuple[str, int]]:
    return [
        (t.type, t.level)
        for t in markdown_it.MarkdownIt("commonmark").enable("table").parse(markdown)
        if t.type != "inline"
    ]


def _text(markdown: str) -> str:
    page = markdown_it.MarkdownIt("commonmark").enable("table").render(markdown)
    return html.unescape(re.sub(r"<[^>]+>", " ", page))


@pytest.mark.parametrize("value", BLOCK_STARTS)
def test_a_value_starting_like_a_block_leaves_the_document_structure_as_it_is(
    value: str,
) -> None:
    markdown = _document(value)

    assert _structure(markdown) == _structure(_document(PLAIN))
    shown = _text(markdown)
    assert shown.count(value) >= 4  # heading, reason, ignored file, move
    assert shown.count(value) == _text(_document(PLAIN)).count(PLAIN)


@pytest.mark.parametrize("lang", list(Lang))
def test_decision_time_is_formatted_in_every_document(lang: Lang) -> None:
    results = _decided(lang)
    documents = {
        "markdown": render_markdown(results, rubric(), lang),
        "html": html.unescape(render_html(results, rubric(), lang)),
        "pdf": html.unescape(render_print_html(results, rubric())),
    }

    for name, text in documents.items():
        assert DECIDED_AT not in text, name
        assert tr("doc.approval.at", lang, at=SHOWN[lang]) in text, name


@pytest.mark.parametrize(
    ("stamp", "indonesian", "english"),
    [
        (DECIDED_AT, FORMATTED[Lang.ID], FORMATTED[Lang.EN]),
        (
            "2022-04-21T09:05:00+07:00",
            "21 April 2022 pukul 09.05 UTC+7",
            "21 April 2022 at 09:05 UTC+7",
        ),
        (
            "2022-04-21T09:05:00+05:30",
            "21 April 2022 pukul 09.05 UTC+5:30",
            "21 April 2022 at 09:05 UTC+5:30",
        ),
        ("2022-04-21T09:05:00Z", "21 April 2022 pukul 09.05 UTC", "21 April 2022 at 09:05 UTC"),
        ("2022-04-21T09:05:00", "21 April 2022 pukul 09.05", "21 April 2022 at 09:05"),
        ("2022-04-21", "21 April 2022", "21 April 2022"),
        ("kemarin sore", "kemarin sore", "kemarin sore"),
    ],
)
def test_timestamps_read_in_each_language_and_others_as_written(
    stamp: str, indonesian: str, english: str
) -> None:
    assert format_timestamp(stamp, Lang.ID) == indonesian
    assert format_timestamp(stamp, Lang.EN) == english
