"""`.yaml` / `.yml` proposals: keys in any language, the line of every problem."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from builders import (
    DROP,
    line_of,
    load,
    only_entry,
    proposal_data,
    rendered,
    said,
    write_yaml,
    yaml_text,
)

from kipp.core.models import CallChoices
from kipp.core.problems import Location
from kipp.core.yaml_source import MAX_DEPTH, YamlProblem, parse_yaml
from kipp.intake import Limits, Status
from kipp.intake.yaml_loader import load_yaml

INDONESIAN = """\
kode: sempelmas
judul: SEMPELMAS
instansi: Kelurahan Jagalan
daerah: Kota Mojokerto
kelompok: Umum
kategori: TPB
tpb: "1, 3"
tanggal mulai: 1 Juli 2019
terkait-pandemi: tidak
tahapan: Penerapan
digital: ya
inovator:
  - nama: Sri Wahyuni
    peran: Lurah
uraian:
  Ringkasan: Sekolah perempuan untuk masyarakat.
  Latar Belakang: Teks.
indikator:
  penerima manfaat: 1.200
lampiran:
  sk: sk.pdf
"""


def test_yaml_valid_file_is_one_valid_entry(batch_dir: Path, choices: CallChoices) -> None:
    path = write_yaml(batch_dir, "layanan-sehat.yaml", proposal_data())
    entry = only_entry(load(batch_dir, choices))
    assert entry.status is Status.VALID
    assert (entry.id, entry.source, entry.path) == ("layanan-sehat", str(path), str(path))
    assert entry.title == "Layanan Kesehatan Keliling"
    assert entry.agency == "Dinas Kesehatan"
    assert entry.problems == []


def test_yaml_indonesian_keys_in_any_case_and_spacing(
    batch_dir: Path, choices: CallChoices
) -> None:
    write_yaml(batch_dir, "sempelmas.yml", INDONESIAN)
    entry = only_entry(load(batch_dir, choices))
    assert rendered(entry) == []
    proposal = entry.proposal
    assert proposal is not None
    assert (proposal.id, proposal.group, proposal.category) == ("sempelmas", "umum", "tpb")
    assert proposal.started_on == date(2019, 7, 1)
    assert proposal.sections.summary == "Sekolah perempuan untuk masyarakat."
    assert proposal.indicators.beneficiaries == 1200.0
    assert proposal.innovators[0].role == "Lurah"


def test_yaml_id_defaults_to_the_file_name_as_a_slug(batch_dir: Path, choices: CallChoices) -> None:
    write_yaml(batch_dir, "Layanan Sehat (2022).yaml", proposal_data())
    assert only_entry(load(batch_dir, choices)).id == "layanan-sehat-2022"


def test_yaml_problem_names_the_line_of_its_key(batch_dir: Path, choices: CallChoices) -> None:
    path = write_yaml(batch_dir, "p.yaml", proposal_data(sdgs=19))
    entry = only_entry(load(batch_dir, choices))
    assert entry.status is Status.INVALID
    assert rendered(entry) == [
        f"{path}:{line_of(path, 'sdgs:')}: sdgs: 19 is not an SDG number; use 1 to 17"
    ]


def test_yaml_nested_problem_names_the_line_of_the_nested_key(
    batch_dir: Path, choices: CallChoices
) -> None:
    innovators = [{"name": "Sri"}, {"name": "Budi", "email": "budi at dinkes"}]
    path = write_yaml(batch_dir, "p.yaml", proposal_data(innovators=innovators))
    assert rendered(only_entry(load(batch_dir, choices))) == [
        f"{path}:{line_of(path, 'email:')}: innovators.2.email: 'budi at dinkes' is not an "
        "e-mail address; write it as name@domain"
    ]


def test_yaml_list_item_problem_names_the_line_of_the_item(
    batch_dir: Path, choices: CallChoices
) -> None:
    text = "tpb:\n  - 3\n  - 30\n"
    path = write_yaml(batch_dir, "p.yaml", text + _yaml_without("sdgs"))
    assert rendered(only_entry(load(batch_dir, choices))) == [
        f"{path}:1: sdgs: 30 is not an SDG number; use 1 to 17"
    ]


def test_yaml_missing_field_has_no_line(batch_dir: Path, choices: CallChoices) -> None:
    path = write_yaml(batch_dir, "p.yaml", proposal_data(agency=DROP))
    assert rendered(only_entry(load(batch_dir, choices))) == [
        f"{path}: agency: required, but missing; add `agency (instansi):`"
    ]


def test_yaml_problems_of_one_file_reported_together_by_line(
    batch_dir: Path, choices: CallChoices
) -> None:
    data = proposal_data(group="lain", stage="selesai", started_on="30 Februari 2020")
    path = write_yaml(batch_dir, "p.yaml", data)
    assert rendered(only_entry(load(batch_dir, choices))) == [
        f"{path}:{line_of(path, 'group:')}: group: 'lain' is not a group of this call; "
        "use one of: umum, khusus",
        f"{path}:{line_of(path, 'started_on:')}: started_on: '30 Februari 2020' is not a real "
        "date: February 2020 has 29 days",
        f"{path}:{line_of(path, 'stage:')}: stage: 'selesai' is not a stage; "
        "use one of: inisiatif, uji_coba, penerapan",
    ]


def test_yaml_misspelt_key_named_at_its_line(batch_dir: Path, choices: CallChoices) -> None:
    path = write_yaml(batch_dir, "p.yaml", "judull: Layanan Sehat\n" + _yaml_without("title"))
    assert rendered(only_entry(load(batch_dir, choices))) == [
        f"{path}: title: required, but missing; add `title (judul):`",
        f"{path}:1: judull: unknown field 'judull'; did you mean 'judul'?",
    ]


def test_yaml_unquoted_date_read_as_a_date(batch_dir: Path, choices: CallChoices) -> None:
    write_yaml(batch_dir, "p.yaml", "started_on: 2019-07-01\n" + _yaml_without("started_on"))
    proposal = only_entry(load(batch_dir, choices)).proposal
    assert proposal is not None
    assert proposal.started_on == date(2019, 7, 1)


def test_yaml_impossible_unquoted_date_explained(batch_dir: Path, choices: CallChoices) -> None:
    path = write_yaml(batch_dir, "p.yaml", "started_on: 2019-02-30\n" + _yaml_without("started_on"))
    assert rendered(only_entry(load(batch_dir, choices))) == [
        f"{path}:1: started_on: '2019-02-30' is not a real date: February 2019 has 28 days"
    ]


def test_yaml_syntax_error_names_its_line(batch_dir: Path, choices: CallChoices) -> None:
    path = write_yaml(batch_dir, "p.yaml", "judul: Layanan\ntpb: [3, 5\ninstansi: Dinas\n")
    assert rendered(only_entry(load(batch_dir, choices))) == [
        f"{path}:2: (file): not valid YAML: the list opened with [ here is not closed with ], "
        "or its items are not separated by commas; write for example [3, 10]"
    ]


def test_yaml_colon_inside_a_value_says_to_quote_it(batch_dir: Path, choices: CallChoices) -> None:
    path = write_yaml(batch_dir, "p.yaml", "judul: MAGIS: Mojokerto\ninstansi: Dinas\n")
    assert rendered(only_entry(load(batch_dir, choices))) == [
        f"{path}:1: (file): not valid YAML: a colon and a space inside a value; if the value "
        'does hold a colon, put it in quotes (title: "MAGIS: Mojokerto ..."), if not, check '
        "this line's indentation"
    ]


def test_yaml_tab_says_to_indent_with_spaces(batch_dir: Path, choices: CallChoices) -> None:
    path = write_yaml(batch_dir, "p.yaml", "judul: Layanan\n\tinstansi: Dinas\n")
    assert rendered(only_entry(load(batch_dir, choices))) == [
        f"{path}:2: (file): not valid YAML: a tab character; indent lines with spaces"
    ]


def test_yaml_tab_indenting_a_nested_key_says_to_indent_with_spaces(
    batch_dir: Path, choices: CallChoices
) -> None:
    # libyaml's words here do not name the tab: "found character that cannot start any token"
    path = write_yaml(batch_dir, "p.yaml", "judul: Layanan\nuraian:\n\tringkasan: x\n")
    assert rendered(only_entry(load(batch_dir, choices))) == [
        f"{path}:3: (file): not valid YAML: a tab character; indent lines with spaces"
    ]


def test_yaml_brace_left_open_is_located_where_it_opened(
    batch_dir: Path, choices: CallChoices
) -> None:
    path = write_yaml(batch_dir, "p.yaml", "judul: Layanan\nindikator: {penerima_manfaat: 3\n")
    assert rendered(only_entry(load(batch_dir, choices))) == [
        f"{path}:2: (file): not valid YAML: the entry opened with {{ here is not closed with }}, "
        "or its parts are not separated by commas"
    ]


def test_yaml_quote_left_open_is_located_where_it_opened(
    batch_dir: Path, choices: CallChoices
) -> None:
    source = 'judul: "Layanan\ninstansi: Dinas\nwilayah: Kota Mojokerto\nkelompok: umum\n'
    path = write_yaml(batch_dir, "p.yaml", source)
    assert rendered(only_entry(load(batch_dir, choices))) == [
        f"{path}:1: (file): not valid YAML: the quote opened here is never closed; close it "
        "with the same quote mark"
    ]


def test_yaml_two_documents_refused(batch_dir: Path, choices: CallChoices) -> None:
    path = write_yaml(batch_dir, "p.yaml", "judul: Satu\n---\njudul: Dua\n")
    assert rendered(only_entry(load(batch_dir, choices))) == [
        f"{path}:2: (file): not valid YAML: a second document starts here (a --- line); a "
        "file holds one proposal: remove this line, or move the second proposal to a file of "
        "its own"
    ]


def test_yaml_python_tags_refused(batch_dir: Path, choices: CallChoices) -> None:
    path = write_yaml(batch_dir, "p.yaml", "judul: !!python/object:os.system ls\n")
    assert rendered(only_entry(load(batch_dir, choices))) == [
        f"{path}:1: (file): not valid YAML: kipp does not read the tag "
        "`!!python/object:os.system`; remove the tag and write the value alone"
    ]


def test_yaml_mapping_as_a_key_refused(batch_dir: Path, choices: CallChoices) -> None:
    path = write_yaml(batch_dir, "p.yaml", "judul: Layanan\n? [a, b]\n: c\n")
    assert rendered(only_entry(load(batch_dir, choices))) == [
        f"{path}:2: (file): a key must be a plain word, not a list or mapping"
    ]


def test_yaml_anchors_within_the_budget_accepted(batch_dir: Path, choices: CallChoices) -> None:
    text = "instansi: &opd Dinas Kesehatan\nreplikasi:\n  - {instansi: *opd, tahun: 2021}\n"
    write_yaml(batch_dir, "p.yaml", text + _yaml_without("agency", "replications"))
    proposal = only_entry(load(batch_dir, choices)).proposal
    assert proposal is not None
    assert proposal.replications[0].agency == "Dinas Kesehatan"


def test_yaml_merge_key_may_be_overridden(batch_dir: Path, choices: CallChoices) -> None:
    text = (
        "_base: &base {peran: Anggota, email: tim@example.go.id}\n"
        "inovator:\n"
        "  - <<: *base\n"
        "    nama: Sri Wahyuni\n"
        "    peran: Ketua\n"
    )
    parsed = parse_yaml(text + _yaml_without("innovators"))
    assert parsed.data["inovator"] == [
        {"peran": "Ketua", "email": "tim@example.go.id", "nama": "Sri Wahyuni"}
    ]


def test_yaml_scalars_keep_their_yaml_types_text_tagged_or_aliased() -> None:
    text = (
        "a: Layanan Kesehatan\n"
        "b: !!str 2021\n"
        "c: '2021'\n"
        "d: 2021\n"
        "e: 4.870\n"
        "f: ya\n"
        "g: true\n"
        "h: ~\n"
        "i: &t Dinas\n"
        "j: *t\n"
        "k: 2019-02-30\n"
    )
    assert parse_yaml(text).data == {
        "a": "Layanan Kesehatan",
        "b": "2021",
        "c": "2021",
        "d": 2021,
        "e": 4.87,
        "f": "ya",
        "g": True,
        "h": None,
        "i": "Dinas",
        "j": "Dinas",
        "k": "2019-02-30",
    }


def test_yaml_merged_mapping_reused_through_an_alias() -> None:
    text = "base: &b {peran: Anggota}\nx: &x\n  <<: *b\n  peran: Ketua\ny: *x\n"
    assert parse_yaml(text).data == {
        "base": {"peran": "Anggota"},
        "x": {"peran": "Ketua"},
        "y": {"peran": "Ketua"},
    }


def test_yaml_of_two_merged_mappings_the_first_wins() -> None:
    text = "a: &a {peran: Ketua}\nb: &b {peran: Anggota, email: x@example.id}\nc: {<<: [*a, *b]}\n"
    assert parse_yaml(text).data["c"] == {"peran": "Ketua", "email": "x@example.id"}


def test_yaml_key_written_twice_beside_a_merge_refused() -> None:
    with pytest.raises(YamlProblem) as raised:
        parse_yaml("a: &a {r: 1}\nb:\n  <<: *a\n  s: 1\n  s: 2\n")
    assert (raised.value.line, said(raised.value.message)) == (5, "key 's' appears twice; keep one")


def test_yaml_nesting_at_the_depth_limit_parses() -> None:
    text = "[" * MAX_DEPTH + "]" * MAX_DEPTH
    assert parse_yaml(text).lines[(0,) * (MAX_DEPTH - 2)] == 1


def test_parse_yaml_records_the_line_of_keys_and_items() -> None:
    parsed = parse_yaml("judul: x\ninovator:\n  - nama: Sri\n  - nama: Budi\n")
    assert parsed.lines == {
        ("judul",): 1,
        ("inovator",): 2,
        ("inovator", 0): 3,
        ("inovator", 0, "nama"): 3,
        ("inovator", 1): 4,
        ("inovator", 1, "nama"): 4,
    }


def test_parse_yaml_line_offset_shifts_every_line() -> None:
    assert parse_yaml("judul: x\n", line_offset=4).lines == {("judul",): 5}


def test_parse_yaml_empty_text_is_no_data() -> None:
    assert parse_yaml("# only a comment\n").data is None


def test_parse_yaml_problem_carries_line() -> None:
    with pytest.raises(YamlProblem) as raised:
        parse_yaml("a: 1\na: 2\n")
    assert (raised.value.line, said(raised.value.message)) == (2, "key 'a' appears twice; keep one")


def test_load_yaml_gives_one_record_with_positions() -> None:
    loaded = load_yaml(b"judul: x\ntpb: 3\n", "p.yaml", "p", Limits())
    (record,) = loaded.records
    assert record.data == {"judul": "x", "tpb": 3}
    assert record.positions == {("judul",): Location(line=1), ("tpb",): Location(line=2)}
    assert (record.default_id, record.source) == ("p", "p.yaml")
    assert loaded.notices == []


def _yaml_without(*fields: str) -> str:
    """A valid proposal's YAML text without `fields`, to append to lines a test writes."""
    return yaml_text(proposal_data(**dict.fromkeys(fields, DROP)))
