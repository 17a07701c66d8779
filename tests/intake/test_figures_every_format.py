"""Figures written as Indonesians write them read the same in all five formats: YAML and the
front matter of Markdown (where an unquoted `4.870` is YAML's 4.87), JSON (where `4.870` is a
number too), CSV and XLSX (where it is text)."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

import pytest
from builders import (
    DROP,
    FORM_HEADERS,
    form_row,
    load,
    md_text,
    only_entry,
    proposal_data,
    rendered,
    write_csv,
    write_text,
    write_xlsx,
    yaml_text,
)

from kipp.core.i18n import Lang
from kipp.core.models import CallChoices, Indicators

# How each figure is written in the file, and what it means
WRITTEN = {
    "beneficiaries": ("4.870", 4870.0),
    "target_population": ("5.600", 5600.0),
    "cost_before_idr": ("1.250.000", 1250000.0),
    "cost_after_idr": ("150.000", 150000.0),
    "service_time_before_hours": ("4,5", 4.5),
    "satisfaction_after": ("72,4", 72.4),
}
EXPECTED = {field: value for field, (_, value) in WRITTEN.items()}


def _front_matter_figures() -> str:
    """The figures as YAML writes them unquoted: `4.870` is a YAML number, `72,4` text."""
    lines = "".join(f"  {field}: {written}\n" for field, (written, _) in WRITTEN.items())
    return "indicators:\n" + lines


def _yaml_file(folder: Path) -> None:
    text = yaml_text(proposal_data(indicators=DROP)) + _front_matter_figures()
    write_text(folder, "layanan.yaml", text)


def _markdown_file(folder: Path) -> None:
    front = yaml_text(proposal_data(indicators=DROP, sections=DROP)) + _front_matter_figures()
    write_text(folder, "layanan.md", md_text(front, {"Ringkasan": "Teks."}))


def _json_file(folder: Path) -> None:
    # JSON numbers where JSON has them (`4.870`, `1.250` would be read as 4.87 and 1.25),
    # text where it has none (`1.250.000`, `4,5`, `72,4`)
    figures = ", ".join(
        f'"{field}": {written}'
        if written.count(".") == 1 and "," not in written
        else f'"{field}": "{written}"'
        for field, (written, _) in WRITTEN.items()
    )
    data = proposal_data(indicators=DROP)
    body = json.dumps(data, ensure_ascii=False)[:-1] + f', "indicators": {{{figures}}}}}'
    write_text(folder, "layanan.json", body)


HEADERS = [*FORM_HEADERS[:-1], *(f"indikator.{field}" for field in WRITTEN)]


def _row() -> list[str]:
    return [*form_row()[:-1], *(written for written, _ in WRITTEN.values())]


def _csv_file(folder: Path) -> None:
    write_csv(folder, "form.csv", [HEADERS, _row()], delimiter=";")


def _xlsx_file(folder: Path) -> None:
    write_xlsx(folder, "form.xlsx", [HEADERS, _row()])


@pytest.mark.parametrize("write", [_yaml_file, _markdown_file, _json_file, _csv_file, _xlsx_file])
def test_figures_read_the_same_in_every_format(
    write: Callable[[Path], None], batch_dir: Path, choices: CallChoices
) -> None:
    write(batch_dir)
    entry = only_entry(load(batch_dir, choices))
    assert rendered(entry) == []
    assert entry.proposal is not None
    figures = entry.proposal.indicators.model_dump(exclude_none=True)
    assert figures == EXPECTED


def test_markdown_of_the_issue_reads_its_figures_as_meant(
    batch_dir: Path, choices: CallChoices
) -> None:
    front = yaml_text(proposal_data(indicators=DROP, sections=DROP)) + (
        "indikator:\n"
        "  penerima manfaat: 4.870\n"
        "  populasi sasaran: 5.600\n"
        "  biaya sebelum: 1.250.000\n"
        "  biaya sesudah: 150.000\n"
    )
    write_text(batch_dir, "seruling.md", md_text(front, {"Ringkasan": "Teks."}))
    entry = only_entry(load(batch_dir, choices))
    assert rendered(entry) == []
    assert entry.proposal is not None
    assert entry.proposal.indicators == Indicators(
        beneficiaries=4870, target_population=5600, cost_before_idr=1250000, cost_after_idr=150000
    )


def test_yaml_figure_that_could_mean_two_refused_at_its_line(
    batch_dir: Path, choices: CallChoices
) -> None:
    text = yaml_text(proposal_data(indicators=DROP)) + (
        "indicators:\n  service_time_before_hours: 1.250\n"
    )
    path = write_text(batch_dir, "layanan.yaml", text)
    entry = only_entry(load(batch_dir, choices))
    line = text.splitlines().index("  service_time_before_hours: 1.250") + 1
    assert [(p.render(), p.render(Lang.ID)) for p in entry.problems] == [
        (
            f"{path}:{line}: indicators.service_time_before_hours: '1.250' could mean 1250 or "
            "1.25; so that it cannot be misread, write 1250 (no thousands separator) or 1.25",
            f"{path}:{line}: indikator.waktu_layanan_sebelum_jam: '1.250' bisa berarti 1250 "
            "atau 1,25; agar tidak keliru dibaca, tulis 1250 (tanpa pemisah ribuan) atau 1,25",
        )
    ]


def test_json_count_written_with_a_fraction_refused(batch_dir: Path, choices: CallChoices) -> None:
    path = write_text(
        batch_dir,
        "layanan.json",
        '{"title": "Layanan Sehat", "agency": "Dinas Kesehatan", "group": "umum", '
        '"category": "tpb", "sdgs": [3], "started_on": "2019-07-01", "stage": "penerapan", '
        '"digital": true, "sections": {},\n"indicators": {"beneficiaries": 4.87}}',
    )
    entry = only_entry(load(batch_dir, choices))
    assert rendered(entry) == [
        f"{path}:2: indicators.beneficiaries: '4.87' is not a whole number; a count has no "
        "fractions: write e.g. 4870 or 4.870"
    ]
