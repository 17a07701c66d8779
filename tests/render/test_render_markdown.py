"""`render_markdown`: every section in both languages, values that cannot break the document."""

from __future__ import annotations

import re

import pytest
from render_builders import (
    CORPUS_SHA,
    INPUT_SHA,
    RUBRIC_SHA,
    criteria,
    full_results,
    proposal,
    results,
    rubric,
)

from kipp.core.i18n import Lang
from kipp.documents.render import render_markdown
from kipp.results import ProposalStatus


def _headings(markdown: str, level: str) -> list[str]:
    return [line for line in markdown.splitlines() if line.startswith(level + " ")]


def _cells(row: str) -> list[str]:
    """The cells of a Markdown table row, split on pipes that are not escaped."""
    return [cell.strip() for cell in re.split(r"(?<!\\)\|", row)[1:-1]]


def _row(markdown: str, starts: str) -> str:
    rows = [line for line in markdown.splitlines() if line.startswith(starts)]
    assert len(rows) == 1, rows
    return rows[0]


def test_markdown_in_indonesian_has_every_section() -> None:
    markdown = render_markdown(full_results(Lang.ID), rubric(), Lang.ID)

    assert _headings(markdown, "#") == ["# Daftar Pendek Nominasi Inovasi"]
    assert _headings(markdown, "##") == [
        "## Nominasi",
        "## Dinilai tetapi tidak masuk daftar pendek",
        "## Tidak memenuhi syarat",
        "## Proposal tidak valid",
        "## Berkas tidak terbaca",
        "## Lampiran teknis",
    ]
    assert _headings(markdown, "###") == [
        "### 1. Layanan A",
        "### Layanan C",
        "### Proposal dan berkas sumbernya",
        "### Proposal tidak valid",
        "### Berkas tidak terbaca",
        "### Catatan pembacaan berkas",
        "### Sengaja dilewati",
        "### Catatan proses",
    ]
    assert _headings(markdown, "####") == [
        "#### Penilaian per kriteria",
        "#### Cara nilai dihitung",
        "#### Kebaruan: inovasi dan proposal paling mirip",
        "#### Syarat yang dipenuhi",
        "#### Catatan pembacaan berkas",
        "#### batch/sip.md",  # in the technical annex, with the file's problems
        "#### Berkas masukan",
    ]


def test_markdown_in_english_has_every_section() -> None:
    markdown = render_markdown(full_results(Lang.EN), rubric(), Lang.EN)

    assert _headings(markdown, "#") == ["# Innovation nomination shortlist"]
    assert _headings(markdown, "##") == [
        "## Nominees",
        "## Scored but not shortlisted",
        "## Ineligible",
        "## Invalid proposals",
        "## Unread files",
        "## Technical annex",
    ]
    assert _headings(markdown, "####") == [
        "#### Criteria",
        "#### How the numbers are computed",
        "#### Novelty: the closest innovations and proposals",
        "#### Gates passed",
        "#### Notes from reading the file",
        "#### batch/sip.md",
        "#### Input files",
    ]


def test_markdown_heading_names_call_date_and_counts_never_the_batch_folder() -> None:
    markdown = render_markdown(full_results(Lang.ID), rubric(), Lang.ID)

    assert markdown.splitlines()[2:10] == [
        "**Kompetisi:** Kompetisi Uji 2022  ",
        "**Tanggal proses:** 20 April 2022",
        "",
        "4 proposal dari 4 berkas, dan 1 berkas tidak terbaca; 2 di antaranya dinilai.",
        "",
        "| Masuk daftar pendek | Dinilai tetapi tidak masuk daftar pendek | Tidak memenuhi syarat "
        "| Tidak valid | Tidak terbaca |",
        "| ---: | ---: | ---: | ---: | ---: |",
        "| 1 | 1 | 1 | 1 | 1 |",
    ]


def test_markdown_nominee_row_uses_indonesian_numbers() -> None:
    markdown = render_markdown(full_results(Lang.ID), rubric(), Lang.ID)

    assert _row(markdown, "| 1 | Layanan A") == (
        "| 1 | Layanan A | Dinas Kesehatan | Tujuan Pembangunan Berkelanjutan (TPB) "
        "| 80,00 (sementara: 60% bobot dinilai) |"
    )


def test_markdown_nominee_row_uses_english_numbers() -> None:
    markdown = render_markdown(full_results(Lang.EN), rubric(), Lang.EN)

    assert _row(markdown, "| 1 | Layanan A") == (
        "| 1 | Layanan A | Dinas Kesehatan | Sustainable Development Goals (SDGs) "
        "| 80.00 (provisional: 60% of the weight scored) |"
    )


def test_markdown_nominee_shows_criteria_neighbours_flags_and_gates() -> None:
    markdown = render_markdown(full_results(Lang.ID), rubric(), Lang.ID)

    assert _row(markdown, "| Kebaruan | 60% |") == (
        "| Kebaruan | 60% | 4/5 | Level 4 | Skor 0,75 → level 4 dari 5. |"
    )
    assert _row(markdown, "| Keberlanjutan | 40% |") == (
        "| Keberlanjutan | 40% | menunggu juri | — | Menunggu penilaian juri. |"
    )
    assert _row(markdown, "| inovasi terdahulu | Layanan Serupa |") == (
        "| inovasi terdahulu | Layanan Serupa | Pemerintah Kota Lain | 2019 "
        "| 0,62 | **kemungkinan replikasi** |"
    )
    assert _row(markdown, "| proposal lain dalam kumpulan ini | Layanan B |") == (
        "| proposal lain dalam kumpulan ini | Layanan B | Dinas Sosial | 2018 | 0,31 "
        "| mirip: perlu ditinjau |"
    )
    assert _row(markdown, "| inovasi terdahulu | Inovasi Jauh |") == (
        "| inovasi terdahulu | Inovasi Jauh | Pemerintah Kota Lain | — | 0,08 | — |"
    )
    assert _row(markdown, "> - ⚠") == (
        "> - ⚠ Kemungkinan replikasi dari Layanan Serupa (Pemerintah Kota Lain, 2019): "
        "kemiripan 0,62."
    )
    assert _row(markdown, "> **Tanda untuk juri:**") == (
        "> **Tanda untuk juri:** Tanda adalah bahan pemeriksaan, bukan putusan: replikasi sah "
        "bila dinyatakan. Juri perlu memeriksa uraian proposal."
    )
    assert _row(markdown, "| Lama penerapan | Mulai 1 Juli") == (
        "| Lama penerapan | Mulai 1 Juli 2019: 33 bulan. |"
    )


def test_markdown_lists_scored_ineligible_invalid_and_unread() -> None:
    markdown = render_markdown(full_results(Lang.ID), rubric(), Lang.ID)

    assert _row(markdown, "| 2 |") == (
        "| 2 | Layanan B | Dinas Sosial | 60,00 (sementara: 60% bobot dinilai) "
        "| Peringkat 2 dari 2; daftar pendek memuat 1 proposal. |"
    )
    assert _row(markdown, "| Lama penerapan | Mulai 1 September") == (
        "| Lama penerapan | Mulai 1 September 2021: 7 bulan. |"
    )
    assert _row(markdown, "| SIP | Dinas") == "| SIP | Dinas Kesehatan | Judul |"
    assert _row(markdown, "| SIP | sip") == "| SIP | sip | batch/sip.md | Tidak valid |"
    assert _row(markdown, "| Judul | baris 3 |") == (
        "| Judul | baris 3 | kesalahan | 3 karakter; judul harus 5 sampai 150 karakter |"
    )
    assert _row(markdown, "| batch/surat.docx |") == (
        "| batch/surat.docx | jenis berkas '.docx' tidak didukung; salin isinya ke proposal .md "
        "atau .yaml |"
    )
    assert _row(markdown, "| (berkas) |") == (
        "| (berkas) | batch/ekspor.xlsx | peringatan | hanya lembar pertama ('Sheet1') yang "
        "dibaca; lembar yang tidak dibaca: 'Sheet2' |"
    )
    assert _row(markdown, "- batch/") == "- batch/\\_catatan.txt"


def test_markdown_manifest_has_full_hashes() -> None:
    markdown = render_markdown(full_results(Lang.EN), rubric(), Lang.EN)

    assert _row(markdown, "| Rubric SHA-256 |") == f"| Rubric SHA-256 | {RUBRIC_SHA} |"
    assert _row(markdown, "| Corpus SHA-256 |") == f"| Corpus SHA-256 | {CORPUS_SHA} |"
    assert _row(markdown, "| Corpus entries |") == (
        "| Corpus entries | 225 of 418 entries used (innovations up to 15 April 2022) |"
    )
    assert _row(markdown, "| batch/layanan-a.yaml |") == f"| batch/layanan-a.yaml | {INPUT_SHA} |"
    assert _row(markdown, "| Run started |") == "| Run started | 2022-04-20T09:00:00+07:00 |"
    assert markdown.endswith("\n\nProduced by kipp 0.1.0.\n")


def test_markdown_pipe_and_newline_in_title_stay_in_their_cell() -> None:
    nominee = proposal(title="Antrean | Online\nbaru", agency="Dinas | Kesehatan")
    markdown = render_markdown(results([nominee]), rubric(), Lang.ID)

    row = _row(markdown, "| 1 | Antrean")
    assert row == (
        "| 1 | Antrean \\| Online baru | Dinas \\| Kesehatan "
        "| Tujuan Pembangunan Berkelanjutan (TPB) | 80,00 (sementara: 60% bobot dinilai) |"
    )
    assert _cells(row) == [
        "1",
        "Antrean \\| Online baru",
        "Dinas \\| Kesehatan",
        "Tujuan Pembangunan Berkelanjutan (TPB)",
        "80,00 (sementara: 60% bobot dinilai)",
    ]


def test_markdown_syntax_in_title_is_shown_literally() -> None:
    title = "**Tebal** [tautan](http://x) <script>alert(1)</script> _miring_ #1\n# Judul palsu"
    markdown = render_markdown(results([proposal(title=title)]), rubric(), Lang.ID)

    escaped = (
        "\\*\\*Tebal\\*\\* \\[tautan\\](http://x) \\<script>alert(1)\\</script> "
        "\\_miring\\_ \\#1 \\# Judul palsu"
    )
    assert _headings(markdown, "###") == [
        f"### 1. {escaped}",
        "### Proposal dan berkas sumbernya",
        "### Catatan proses",
    ]
    assert _headings(markdown, "#") == ["# Daftar Pendek Nominasi Inovasi"]
    assert re.findall(r"(?<!\\)<", markdown) == []


def test_markdown_provisional_notice_present_when_a_total_is_provisional() -> None:
    markdown = render_markdown(full_results(Lang.ID), rubric(), Lang.ID)

    notices = [line for line in markdown.splitlines() if line.startswith("> **SEMENTARA:**")]
    assert notices == [
        "> **SEMENTARA:** Belum dinilai juri pada 2 proposal (Layanan A, Layanan B): "
        "Keberlanjutan; totalnya dihitung "
        "dari 60% bobot yang sudah dinilai."
    ]


def test_markdown_provisional_notice_absent_when_every_total_is_final() -> None:
    final = proposal(
        criteria=criteria(sustainability_level=3), provisional=False, scored_weight=1.0
    )
    markdown = render_markdown(results([final]), rubric(), Lang.ID)

    assert "SEMENTARA" not in markdown
    assert "sementara" not in markdown
    assert _row(markdown, "| 1 | Layanan A") == (
        "| 1 | Layanan A | Dinas Kesehatan | Tujuan Pembangunan Berkelanjutan (TPB) | 80,00 |"
    )


def test_markdown_empty_sections_say_none() -> None:
    markdown = render_markdown(results([], lang=Lang.EN), rubric(), Lang.EN)

    lines = markdown.splitlines()
    for heading in ("## Nominees", "## Scored but not shortlisted", "## Ineligible"):
        assert lines[lines.index(heading) + 2] == "None."
    assert lines[lines.index("## Invalid proposals") + 2] == "None."
    assert lines[lines.index("## Unread files") + 2] == "None."


@pytest.mark.parametrize("lang", list(Lang))
def test_markdown_of_untitled_invalid_proposal_renders(lang: Lang) -> None:
    untitled = proposal(ProposalStatus.INVALID, title=None, agency=None)
    markdown = render_markdown(results([untitled], lang=lang), rubric(), lang)

    expected = {Lang.ID: "- **Judul:** (tanpa judul)", Lang.EN: "- **Title:** (untitled)"}
    assert _row(markdown, "- **") == expected[lang]


def test_markdown_nominee_page_shows_how_its_total_is_computed() -> None:
    markdown = render_markdown(full_results(Lang.ID), rubric(), Lang.ID)
    lines = markdown.splitlines()
    start = lines.index("#### Cara nilai dihitung")
    section = lines[start : lines.index("#### Kebaruan: inovasi dan proposal paling mirip")]

    assert [line for line in section if line.startswith("| ")][2:] == [
        "| Kebaruan | Level otomatis 4 (skor kebaruan 0,75). | 4,0000 (level 4) | 60% | 48,0000 |",
        "| Keberlanjutan | Menunggu nilai juri; belum masuk nilai total. | — "
        "| 0% (bobot 40% menunggu juri) | — |",
    ]
    assert (
        "Nilai total = jumlah poin ÷ bobot yang sudah dihitung (60%) = (48,0000) ÷ 0,6 = 80,00."
    ) in section
    assert (
        "**Nilai total sementara. Belum dinilai juri: Keberlanjutan; total dihitung dari 60% "
        "bobot yang sudah dinilai.**"
    ) in section
