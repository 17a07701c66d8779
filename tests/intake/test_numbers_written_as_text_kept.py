"""A number where text is expected is that text, exactly as written in the file: the title
and agency of the parsed proposal and of its intake entry (what results.json and the
documents show) are never lost nor re-spelled by the parser's reading of the number."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from builders import load, only_entry, proposal_data, write_md, write_text, yaml_text

from kipp.core.models import CallChoices
from kipp.intake import Status


def _yaml_with(title: str, agency: str) -> str:
    """A valid proposal whose `judul` and `instansi` lines hold the values unquoted."""
    rest = yaml_text(proposal_data(title=None, agency=None))
    rest = rest.replace("title: null\n", "").replace("agency: null\n", "")
    return f"judul: {title}\ninstansi: {agency}\n{rest}"


@pytest.mark.parametrize(
    ("title", "agency"),
    [
        ("1234567", "112"),
        ("1234567", "12:30:00"),  # YAML 1.1 reads it as the number 45000
        ("1234567", "1_000"),  # YAML reads 1000
        ("1234567", ".inf"),  # YAML reads infinity
        ("1234567", "1.10"),  # YAML reads 1.1
        ("2019.10", "0755"),  # YAML reads 2019.1 and 493 (octal)
        ("0x1F000", "+12"),
    ],
)
def test_yaml_number_as_title_or_agency_is_its_text_as_written(
    batch_dir: Path, choices: CallChoices, title: str, agency: str
) -> None:
    (batch_dir / "p.yaml").write_text(_yaml_with(title, agency), encoding="utf-8")

    entry = only_entry(load(batch_dir, choices))

    assert entry.status is Status.VALID, [p.render() for p in entry.problems]
    assert entry.proposal is not None
    assert (entry.proposal.title, entry.proposal.agency) == (title, agency)
    assert (entry.title, entry.agency) == (title, agency)


def test_markdown_front_matter_number_as_title_is_its_text(
    batch_dir: Path, choices: CallChoices
) -> None:
    front = yaml_text(proposal_data(title=None, agency=None, sections={}))
    front = front.replace("title: null\n", "judul: 1234567.50\n")
    front = front.replace("agency: null\n", "instansi: 1_000\n")
    write_md(batch_dir, "p.md", front)

    entry = only_entry(load(batch_dir, choices))

    assert entry.proposal is not None, [p.render() for p in entry.problems]
    assert (entry.proposal.title, entry.proposal.agency) == ("1234567.50", "1_000")
    assert (entry.title, entry.agency) == ("1234567.50", "1_000")


def test_json_number_as_title_is_its_text(batch_dir: Path, choices: CallChoices) -> None:
    data = proposal_data()
    del data["title"], data["agency"]
    body = json.dumps(data, ensure_ascii=False)
    write_text(batch_dir, "p.json", '{"judul": 1234567.10, "instansi": 112, ' + body[1:])

    entry = only_entry(load(batch_dir, choices))

    assert entry.proposal is not None, [p.render() for p in entry.problems]
    assert (entry.proposal.title, entry.proposal.agency) == ("1234567.10", "112")
    assert (entry.title, entry.agency) == ("1234567.10", "112")


def test_number_as_id_is_its_text(batch_dir: Path, choices: CallChoices) -> None:
    (batch_dir / "p.yaml").write_text("kode: 1.10\n" + yaml_text(proposal_data()), encoding="utf-8")

    entry = only_entry(load(batch_dir, choices))

    assert entry.proposal is not None, [p.render() for p in entry.problems]
    assert (entry.id, entry.proposal.id) == ("1.10", "1.10")
