"""`.md` proposals: YAML front matter for the fields, `## Heading` blocks for the sections."""

from __future__ import annotations

from pathlib import Path

import pytest
from builders import (
    DROP,
    MD_SECTIONS,
    line_of,
    load,
    md_text,
    only_entry,
    proposal_data,
    rendered,
    write_md,
    write_text,
    yaml_text,
)

from kipp.core.models import CallChoices
from kipp.core.problems import Severity
from kipp.intake import Status
from kipp.intake.markdown_loader import section_for

ACCEPTED = (
    "Ringkasan, Latar Belakang, Kebaruan, Implementasi, Signifikansi, Adaptabilitas, "
    "Sumber Daya, Keberlanjutan"
)


def test_markdown_valid_file_reads_every_section(batch_dir: Path, choices: CallChoices) -> None:
    write_md(batch_dir, "si-mapan.md")
    entry = only_entry(load(batch_dir, choices))
    assert (entry.status, entry.id) == (Status.VALID, "si-mapan")
    assert entry.proposal is not None
    assert entry.proposal.sections.items() == [
        ("summary", "Ringkasan inovasi."),
        ("background", "Latar belakang inovasi."),
        ("novelty", "Kebaruan inovasi."),
        ("implementation", "Implementasi inovasi."),
        ("significance", "Signifikansi inovasi."),
        ("adaptability", "Adaptabilitas inovasi."),
        ("resources", "Sumber daya inovasi."),
        ("sustainability", "Keberlanjutan inovasi."),
    ]


@pytest.mark.parametrize(
    ("heading", "section"),
    [
        ("Ringkasan", "summary"),
        ("1. Ringkasan", "summary"),
        ("II. Latar Belakang dan Tujuan", "background"),
        ("b) Kebaruan / Nilai Tambah", "novelty"),
        ("Nilai Tambah", "novelty"),
        ("IMPLEMENTASI INOVASI", "implementation"),
        ("Strategi Keberlanjutan", "sustainability"),
        ("Sustainability", "sustainability"),
        ("Sumber Daya", "resources"),
        ("Penutup", None),
    ],
)
def test_section_for_matches_headings_by_prefix(heading: str, section: str | None) -> None:
    assert section_for(heading) == section


def test_markdown_section_text_keeps_paragraphs(batch_dir: Path, choices: CallChoices) -> None:
    body = "# SI MAPAN\n\n## Ringkasan\n\nParagraf satu.\n\nParagraf dua.\n\n"
    write_md(batch_dir, "p.md", sections=body)
    proposal = only_entry(load(batch_dir, choices)).proposal
    assert proposal is not None
    assert proposal.sections.summary == "Paragraf satu.\n\nParagraf dua."


def test_markdown_front_matter_problem_names_its_line(
    batch_dir: Path, choices: CallChoices
) -> None:
    path = write_md(batch_dir, "p.md", proposal_data(sections=DROP, sdgs=40))
    assert rendered(only_entry(load(batch_dir, choices))) == [
        f"{path}:{line_of(path, 'sdgs:')}: sdgs: 40 is not an SDG number; use 1 to 17"
    ]


def test_markdown_lines_count_blank_lines_before_the_front_matter(
    batch_dir: Path, choices: CallChoices
) -> None:
    text = "\n\n" + md_text(proposal_data(sections=DROP, stage="x"), MD_SECTIONS)
    path = write_text(batch_dir, "p.md", text)
    assert rendered(only_entry(load(batch_dir, choices))) == [
        f"{path}:{line_of(path, 'stage:')}: stage: 'x' is not a stage; "
        "use one of: inisiatif, uji_coba, penerapan"
    ]


def test_markdown_unknown_heading_named_with_the_accepted_ones(
    batch_dir: Path, choices: CallChoices
) -> None:
    path = write_md(batch_dir, "p.md", sections={**MD_SECTIONS, "Penutup": "Terima kasih."})
    assert rendered(only_entry(load(batch_dir, choices))) == [
        f"{path}:{line_of(path, '## Penutup')}: sections: heading 'Penutup' is not a section "
        f"of the form; use one of: {ACCEPTED}"
    ]


def test_markdown_section_given_twice_names_the_first(
    batch_dir: Path, choices: CallChoices
) -> None:
    body = "## Ringkasan\n\nA\n\n## Summary\n\nB\n"
    path = write_md(batch_dir, "p.md", sections=body)
    first = line_of(path, "## Ringkasan")
    assert rendered(only_entry(load(batch_dir, choices))) == [
        f"{path}:{first + 4}: sections: section 'summary' given twice (first at line {first}); "
        "merge them"
    ]


def test_markdown_text_before_the_first_heading_is_a_warning(
    batch_dir: Path, choices: CallChoices
) -> None:
    path = write_md(batch_dir, "p.md", sections="# Judul\n\nPengantar.\n\n## Ringkasan\n\nA\n")
    entry = only_entry(load(batch_dir, choices))
    assert entry.status is Status.VALID
    assert [(p.render(), p.severity) for p in entry.problems] == [
        (
            f"{path}:{line_of(path, 'Pengantar.')}: sections: text before the first "
            "'## Heading' is not read; move it under a section heading",
            Severity.WARNING,
        )
    ]


def test_markdown_sections_in_front_matter_and_headings_refused(
    batch_dir: Path, choices: CallChoices
) -> None:
    path = write_md(batch_dir, "p.md", proposal_data(), {"Ringkasan": "A"})
    assert rendered(only_entry(load(batch_dir, choices))) == [
        f"{path}:{line_of(path, 'sections:')}: sections: sections are given both in the front "
        "matter and as '## Heading' blocks; keep the headings"
    ]


def test_markdown_sections_in_front_matter_only_accepted(
    batch_dir: Path, choices: CallChoices
) -> None:
    write_md(batch_dir, "p.md", proposal_data(), "")
    assert only_entry(load(batch_dir, choices)).status is Status.VALID


def test_markdown_without_front_matter_refused(batch_dir: Path, choices: CallChoices) -> None:
    path = write_text(batch_dir, "p.md", "# Layanan\n\n## Ringkasan\n\nA\n")
    assert rendered(only_entry(load(batch_dir, choices))) == [
        f"{path}:1: (file): no front matter: start the file with a '---' line, the fields "
        "(judul: ...), and another '---' line"
    ]


def test_markdown_unclosed_front_matter_refused(batch_dir: Path, choices: CallChoices) -> None:
    path = write_text(batch_dir, "p.md", "---\njudul: Layanan\n\n## Ringkasan\n")
    assert rendered(only_entry(load(batch_dir, choices))) == [
        f"{path}:1: (file): front matter is not closed: add a '---' line after the fields"
    ]


def test_markdown_front_matter_syntax_error_names_its_line(
    batch_dir: Path, choices: CallChoices
) -> None:
    path = write_text(batch_dir, "p.md", "---\njudul: Layanan\ntpb: [3\n---\n")
    assert rendered(only_entry(load(batch_dir, choices))) == [
        f"{path}:3: (file): not valid YAML: the list opened with [ here is not closed with ], "
        "or its items are not separated by commas; write for example [3, 10]"
    ]


def test_markdown_front_matter_closed_with_dots(batch_dir: Path, choices: CallChoices) -> None:
    front = yaml_text(proposal_data(sections=DROP))
    write_text(batch_dir, "p.md", f"---\n{front}...\n\n## Ringkasan\n\nA\n")
    assert only_entry(load(batch_dir, choices)).status is Status.VALID


def test_markdown_windows_line_endings(batch_dir: Path, choices: CallChoices) -> None:
    text = md_text(proposal_data(sections=DROP, sdgs=40), MD_SECTIONS).replace("\n", "\r\n")
    path = write_text(batch_dir, "p.md", text)
    assert rendered(only_entry(load(batch_dir, choices))) == [
        f"{path}:{line_of(path, 'sdgs:')}: sdgs: 40 is not an SDG number; use 1 to 17"
    ]
