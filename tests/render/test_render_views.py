"""The view-model (`document_view`) and the strict, escaping Jinja environments."""

from __future__ import annotations

from dataclasses import fields, is_dataclass
from typing import Any

import jinja2
import pytest
from render_builders import (
    criteria,
    full_results,
    neighbour,
    novelty,
    proposal,
    results,
    rubric,
)

from kipp.core.i18n import Lang
from kipp.documents.render import document_view
from kipp.documents.render.jinja import environment, markdown_text
from kipp.documents.render.minutes import minutes_view
from kipp.documents.render.views import percent
from kipp.results import ProposalStatus


def _strings_and_nones(value: Any, path: str = "doc") -> list[str]:
    """Paths of every None in a view, except optional sub-views (a nominee's novelty; the
    reviews section and the coordinator's decision, which a run without a panel or without
    approval does not have)."""
    found: list[str] = []
    if is_dataclass(value):
        for f in fields(value):
            found += _strings_and_nones(getattr(value, f.name), f"{path}.{f.name}")
    elif isinstance(value, tuple):
        for i, item in enumerate(value):
            found += _strings_and_nones(item, f"{path}[{i}]")
    elif value is None and path not in ("doc.reviews", "doc.approval"):
        found.append(path)
    return found


@pytest.mark.parametrize("lang", list(Lang))
def test_view_of_full_results_holds_no_none(lang: Lang) -> None:
    assert _strings_and_nones(document_view(full_results(lang), rubric(), lang)) == []


def test_view_refuses_a_language_other_than_the_runs() -> None:
    with pytest.raises(ValueError) as error:
        document_view(full_results(Lang.ID), rubric(), Lang.EN)

    assert str(error.value) == (
        "the results were rendered in 'id', not 'en'; run again with --lang en for a document "
        "in that language"
    )


def test_view_refuses_a_rubric_other_than_the_runs() -> None:
    with pytest.raises(ValueError) as error:
        document_view(full_results(), rubric(id="kipp-2023"), Lang.ID)

    assert str(error.value) == (
        "the results come from rubric 'kipp-test', not 'kipp-2023'; render with the rubric of "
        "the run"
    )


def test_view_language_defaults_to_the_runs() -> None:
    assert document_view(full_results(Lang.EN), rubric()).lang == "en"


def test_view_lists_criteria_in_rubric_order() -> None:
    swapped = dict(reversed(list(criteria().items())))
    view = document_view(results([proposal(criteria=swapped)]), rubric(), Lang.ID)

    assert [c.label for c in view.nominees[0].criteria] == ["Kebaruan", "Keberlanjutan"]


def test_view_orders_nominees_and_scored_by_rank() -> None:
    listed = [
        proposal(ProposalStatus.SCORED, id="c", rank=5, title="Kelima"),
        proposal(ProposalStatus.SHORTLISTED, id="b", rank=2, title="Kedua"),
        proposal(ProposalStatus.SCORED, id="d", rank=3, title="Ketiga"),
        proposal(ProposalStatus.SHORTLISTED, id="a", rank=1, title="Pertama"),
    ]
    view = document_view(results(listed), rubric(), Lang.ID)

    assert [(n.rank, n.title, n.anchor) for n in view.nominees] == [
        ("1", "Pertama", "nominee-1"),
        ("2", "Kedua", "nominee-2"),
    ]
    assert [(s.rank, s.title) for s in view.scored] == [("3", "Ketiga"), ("5", "Kelima")]


def test_view_notes_each_neighbour_by_its_band() -> None:
    nearest = [
        neighbour("batch", "copy", 0.45),
        neighbour("prior", "close", 0.25),
        neighbour("prior", "far", 0.2499),
    ]
    view = document_view(
        results([proposal(novelty=novelty(nearest))], lang=Lang.EN), rubric(), Lang.EN
    )

    shown = view.nominees[0].novelty
    assert shown is not None
    assert [(n.id, n.note, n.flagged, n.review) for n in shown.neighbours] == [
        ("copy", "possible duplicate", True, False),
        ("close", "similar: worth a look", False, True),
        ("far", "—", False, False),
    ]
    assert shown.flags == (
        "Possible duplicate of proposal Inovasi Terdahulu (Pemerintah Kota Lain): similarity 0.45.",
    )


def test_provisional_notice_gives_a_range_when_shares_differ() -> None:
    listed = [
        proposal(id="a", scored_weight=0.6),
        proposal(ProposalStatus.SCORED, id="b", rank=2, scored_weight=0.85),
        proposal(
            ProposalStatus.SCORED,
            id="c",
            rank=3,
            criteria=criteria(sustainability_level=2),
            provisional=False,
            scored_weight=1.0,
        ),
    ]
    view = document_view(results(listed), rubric(), Lang.ID)

    assert view.provisional == (
        "Belum dinilai juri pada 2 proposal (Layanan A, Layanan A): Keberlanjutan; totalnya "
        "dihitung dari "
        "60%\u201385% bobot yang sudah dinilai."
    )


def test_provisional_notice_names_a_few_proposals_awaiting_reviewers_and_counts_many() -> None:
    few = [proposal(id=f"p{n}", title=f"Layanan {n}", rank=n + 1) for n in range(2)]
    notice = document_view(results(few, lang=Lang.EN), rubric(), Lang.EN).provisional
    assert notice.startswith(
        "Not yet scored by reviewers for 2 proposals (Layanan 0, Layanan 1): Sustainability;"
    )
    many = [proposal(id=f"p{n}", title=f"Layanan {n}", rank=n + 1) for n in range(6)]
    notice = document_view(results(many, lang=Lang.EN), rubric(), Lang.EN).provisional
    assert notice.startswith("Not yet scored by reviewers for 6 proposals: Sustainability;")


def test_minutes_mark_a_provisional_total_beside_it() -> None:
    listed = [
        proposal(id="a", title="Layanan A", rank=1),  # awaiting reviewers: 60% scored
        proposal(
            id="b",
            title="Layanan B",
            rank=2,
            criteria=criteria(sustainability_level=2),
            provisional=False,
            scored_weight=1.0,
        ),
    ]
    view = minutes_view(results(listed), rubric())
    assert [(n.title, n.provisional) for n in view.nominees] == [
        ("Layanan A", "sementara: 60% bobot dinilai"),
        ("Layanan B", ""),
    ]
    assert (
        view.nominees[0].total_shown == f"{view.nominees[0].total} (sementara: 60% bobot dinilai)"
    )
    assert view.nominees[1].total_shown == view.nominees[1].total


def test_provisional_notice_is_empty_when_every_total_is_final() -> None:
    final = proposal(
        criteria=criteria(sustainability_level=3), provisional=False, scored_weight=1.0
    )

    assert document_view(results([final]), rubric(), Lang.ID).provisional == ""


@pytest.mark.parametrize(
    ("share", "lang", "shown"),
    [
        (0.6, Lang.ID, "60%"),
        (0.125, Lang.ID, "12,5%"),
        (0.125, Lang.EN, "12.5%"),
        (1, Lang.EN, "100%"),
    ],
)
def test_percent_follows_the_language(share: float, lang: Lang, shown: str) -> None:
    assert percent(share, lang) == shown


def test_view_shows_unknown_category_as_written_and_known_one_translated() -> None:
    listed = [proposal(id="a", category="lainnya"), proposal(id="b", rank=2, group="khusus")]
    view = document_view(results(listed, lang=Lang.EN), rubric(), Lang.EN)

    assert [(n.category, n.group) for n in view.nominees] == [
        ("lainnya", "General"),
        ("Sustainable Development Goals (SDGs)", "Special"),
    ]


def test_view_locates_problems_by_line_and_cell() -> None:
    view = document_view(full_results(Lang.EN), rubric(), Lang.EN)

    assert [(p.field, p.location, p.severity) for p in view.invalid[0].problems] == [
        ("Title", "line 3", "error")
    ]
    assert [(p.field, p.location, p.severity) for p in view.nominees[0].notes] == [
        ("Cap waktu", "row 2, column A", "warning")
    ]


@pytest.mark.parametrize(
    ("value", "escaped"),
    [
        ("Antrean | Online", "Antrean \\| Online"),
        ("baris\nbaru\r\n  lagi", "baris baru lagi"),
        ("**tebal** `kode` [a](b) ~coret~", "\\*\\*tebal\\*\\* \\`kode\\` \\[a\\](b) \\~coret\\~"),
        ("<script>x</script>", "\\<script>x\\</script>"),
        ("_miring_ dinas_kesehatan.yaml", "\\_miring\\_ dinas_kesehatan.yaml"),
        ("C# #1 file.xlsx#3", "C# \\#1 file.xlsx#3"),
        ("Bappeda & Litbang &amp; &#60;", "Bappeda & Litbang \\&amp; \\&#60;"),
        ("a \\ b", "a \\\\ b"),
        ("1. > - +", "1\\. > - +"),  # a leading "1. " would start a list; the rest stays
        (42, "42"),
    ],
)
def test_markdown_text_escapes_only_what_would_become_syntax(value: object, escaped: str) -> None:
    assert markdown_text(value) == escaped


@pytest.mark.parametrize("html", [True, False])
def test_templates_refuse_to_print_none(html: bool) -> None:
    template = environment(html=html).from_string("{{ value }}")

    with pytest.raises(TypeError) as error:
        template.render(value=None)

    assert str(error.value) == "a template printed None; the view-model must give a text"


@pytest.mark.parametrize("html", [True, False])
def test_templates_refuse_undefined_names(html: bool) -> None:
    template = environment(html=html).from_string("{{ doc.missing }}")

    with pytest.raises(jinja2.UndefinedError):
        template.render(doc=document_view(full_results(), rubric(), Lang.ID))


def test_html_environment_autoescapes_and_markdown_environment_does_not_use_html() -> None:
    assert environment(html=True).from_string("{{ v }}").render(v="<b>&") == "&lt;b&gt;&amp;"
    assert environment(html=False).from_string("{{ v }}").render(v="<b>&") == "\\<b>&"
