"""A batch of any size gives a shortlist a person reads: every list but the nominees is cut
at the documents' limit, with a line saying how many rows there are and where they all are."""

from __future__ import annotations

from pathlib import Path

from render_builders import proposal, results, rubric, workbook_texts

from kipp.core.i18n import Lang
from kipp.documents.outputs import write_run
from kipp.documents.render import document_view, render_html, render_markdown
from kipp.documents.render.reports import annexes
from kipp.results import ProposalStatus, Results


def _batch(lang: Lang = Lang.ID) -> Results:
    nominee = proposal(ProposalStatus.SHORTLISTED)
    scored = [
        proposal(
            ProposalStatus.SCORED,
            id=f"layanan-{i:02d}",
            source=f"batch/layanan-{i:02d}.yaml",
            title=f"Layanan Nomor {i:02d}",
            total=70.0 - i,
            rank=i + 1,
        )
        for i in range(1, 6)
    ]
    ineligible = [
        proposal(
            ProposalStatus.INELIGIBLE,
            id=f"muda-{i}",
            source=f"batch/muda-{i}.yaml",
            title=f"Inovasi Muda {i}",
        )
        for i in range(1, 4)
    ]
    return results([nominee, *scored, *ineligible], lang)


def test_document_view_cuts_each_list_at_the_limit_and_says_how_many_there_are() -> None:
    view = document_view(_batch(), rubric(), limit=2)

    assert [s.title for s in view.scored] == ["Layanan Nomor 01", "Layanan Nomor 02"]
    assert [p.title for p in view.ineligible] == ["Inovasi Muda 1", "Inovasi Muda 2"]
    assert len(view.sources) == 2
    assert len(view.nominees) == 1  # never cut
    assert view.cut == {
        "scored": "2 dari 5 baris ditampilkan; daftar lengkapnya ada di results.xlsx.",
        "ineligible": "2 dari 3 baris ditampilkan; daftar lengkapnya ada di results.xlsx.",
        "invalid": "",
        "unread": "",
        "notices": "",
        "sources": "2 dari 9 baris ditampilkan; daftar lengkapnya ada di results.xlsx.",
    }


def test_document_view_without_a_limit_lists_everything() -> None:
    view = document_view(_batch(), rubric())

    assert len(view.scored) == 5
    assert len(view.ineligible) == 3
    assert len(view.sources) == 9
    assert set(view.cut.values()) == {""}


def test_shortlist_markdown_and_html_show_the_cut_rows_and_the_line_in_english() -> None:
    batch = _batch(Lang.EN)
    view = document_view(batch, rubric(), limit=3)
    markdown = render_markdown(batch, rubric(), view=view)
    html = render_html(batch, rubric(), view=view)
    line = "3 of 5 rows shown; the full list is in results.xlsx."

    for page in (markdown, html):
        assert "Layanan Nomor 03" in page
        assert "Layanan Nomor 04" not in page
        assert "Inovasi Muda 3" in page
        assert page.count(line) == 1
        assert page.count("3 of 9 rows shown; the full list is in results.xlsx.") == 1


def test_a_run_writes_the_markdown_and_html_shortlists_cut_and_the_workbook_whole(
    tmp_path: Path,
) -> None:
    write_run(_batch(), rubric(), tmp_path, annex_limit=2)

    line = "2 dari 5 baris ditampilkan; daftar lengkapnya ada di results.xlsx."
    for name in ("shortlist.md", "shortlist.html"):
        page = (tmp_path / name).read_text(encoding="utf-8")
        assert line in page, name
        assert "Layanan Nomor 03" not in page, name
    titles = workbook_texts(tmp_path / "results.xlsx")
    assert {f"Layanan Nomor {i:02d}" for i in range(1, 6)} <= titles


def test_every_shortlist_lists_and_cuts_the_unranked_proposals_in_one_order() -> None:
    # the results hold them in the order of their files; the PDF's annexes listed them by
    # id and the Markdown and HTML in file order, so the cut kept other rows
    unranked = [
        proposal(status, id=code, source=f"batch/{i}-{code}.yaml", title=title)
        for i, (status, code, title) in enumerate(
            [
                (ProposalStatus.INELIGIBLE, "ppdb-online", "PPDB Online"),
                (ProposalStatus.INVALID, "sapa-warga", "Sapa Warga"),
                (ProposalStatus.INELIGIBLE, "pendaftaran-sekolah", "PPDB online"),
                (ProposalStatus.INVALID, "antre-sehat", "Antre Sehat"),
                (ProposalStatus.INELIGIBLE, "akta-cepat", "Akta Cepat"),
            ]
        )
    ]
    batch = results([proposal(ProposalStatus.SHORTLISTED), *unranked])
    view = document_view(batch, rubric(), limit=2)
    pdf_annexes = {a.anchor: a for a in annexes(batch, Lang.ID, 2)}

    assert [p.title for p in view.ineligible] == ["Akta Cepat", "PPDB online"]
    assert [p.title for p in view.invalid] == ["Antre Sehat", "Sapa Warga"]
    assert [row.cells[0] for row in pdf_annexes["annex-ineligible"].rows] == [
        "Akta Cepat",
        "PPDB online",
    ]
    assert [row.cells[0] for row in pdf_annexes["annex-invalid"].rows] == [
        "Antre Sehat",
        "Sapa Warga",
    ]
