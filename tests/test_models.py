"""The proposal models: lenient about how values are spelt, strict about what they mean, and
every message says what would be right."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest
from builders import CATEGORIES, DROP, GROUPS, proposal_data, said
from pydantic import ValidationError

from kipp.core.i18n import Lang
from kipp.core.keys import display_path
from kipp.core.models import CallChoices, Proposal, Stage
from kipp.core.problems import written_field
from kipp.core.validation import describe

PLAIN = CallChoices(groups=GROUPS, categories=CATEGORIES)


def build(choices: CallChoices | None = PLAIN, **overrides: Any) -> Proposal:
    """A proposal from `proposal_data(**overrides)` (with an id, as intake gives it)."""
    data = proposal_data(**{"id": "layanan-sehat", **overrides})
    return Proposal.model_validate(data, context={"choices": choices} if choices else None)


def messages(
    choices: CallChoices | None = PLAIN, lang: Lang = Lang.EN, **overrides: Any
) -> list[str]:
    """`FIELD: message` for every problem, as intake renders them in `lang` (without the
    file: the field as a person writes it in `lang`)."""
    try:
        build(choices, **overrides)
    except ValidationError as exc:
        return [
            f"{written_field(display_path(tuple(e['loc'])), lang)}: {said(describe(e), lang)}"
            for e in exc.errors()
        ]
    return []


def test_choices_fixture_is_the_bundled_call(choices: CallChoices) -> None:
    assert choices == PLAIN


def test_proposal_valid_data_builds_a_model(choices: CallChoices) -> None:
    proposal = build(choices)
    assert proposal.id == "layanan-sehat"
    assert proposal.title == "Layanan Kesehatan Keliling"
    assert proposal.started_on == date(2019, 7, 1)
    assert proposal.stage is Stage.PENERAPAN
    assert proposal.sdgs == [3, 10]
    assert proposal.innovators[0].email == "sri.wahyuni@example.go.id"
    assert proposal.indicators.beneficiaries == 1200.0


def test_proposal_optional_fields_default() -> None:
    proposal = build(
        pandemic_related=DROP,
        innovators=DROP,
        prior_awards=DROP,
        indicators=DROP,
        replications=DROP,
        attachments=DROP,
        region=DROP,
    )
    assert proposal.pandemic_related is False
    assert proposal.innovators == []
    assert proposal.region is None
    assert proposal.attachments.evidence == []


def test_proposal_missing_required_fields_each_named() -> None:
    assert messages(title=DROP, digital=DROP, sections=DROP) == [
        "title: required, but missing; add `title (judul):`",
        "digital: required, but missing; add `digital:`",
        "sections: required, but missing; add `sections (uraian):`",
    ]


def test_proposal_missing_required_fields_named_by_their_indonesian_key() -> None:
    assert messages(lang=Lang.ID, title=DROP, started_on=DROP, digital=DROP) == [
        "judul: wajib diisi, tetapi kosong; tambahkan `judul:`",
        "tanggal_mulai: wajib diisi, tetapi kosong; tambahkan `tanggal_mulai:`",
        "digital: wajib diisi, tetapi kosong; tambahkan `digital:`",
    ]


# --- booleans ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("ya", True),
        ("Ya", True),
        ("YES", True),
        ("benar", True),
        ("1", True),
        (1, True),
        (True, True),
        ("tidak", False),
        ("Tidak", False),
        ("no", False),
        ("0", False),
        (0, False),
        (False, False),
    ],
)
def test_flag_reads_yes_and_no_in_both_languages(value: Any, expected: bool) -> None:
    assert build(digital=value).digital is expected


def test_flag_refuses_other_words() -> None:
    assert messages(digital="mungkin") == [
        "digital: 'mungkin' is not yes or no; write true/false (or ya/tidak)"
    ]


def test_flag_refuses_other_numbers() -> None:
    assert messages(pandemic_related=2) == [
        "pandemic_related: '2' is not yes or no; write true/false (or ya/tidak)"
    ]


def test_flag_refuses_an_empty_value() -> None:
    assert messages(digital=None) == ["digital: is empty; write a value"]


def test_a_key_written_with_nothing_after_it_is_said_empty_never_none() -> None:
    # `instansi:` and `tanggal_mulai:` left blank in a YAML file: YAML reads them as null
    assert messages(agency=None, started_on=None, pandemic_related=None) == [
        "agency: is empty; write a value",
        "started_on: is empty; write a value",
        "pandemic_related: is empty; write a value",
    ]
    assert messages(PLAIN, Lang.ID, agency=None, pandemic_related=None) == [
        "instansi: kosong; tulis isinya",
        "terkait_pandemi: kosong; tulis isinya",
    ]


# --- SDGs -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("3, 5", [3, 5]),
        ("3;5", [3, 5]),
        ("3 5 17", [3, 5, 17]),
        (3, [3]),
        ("3", [3]),
        ([3, "5"], [3, 5]),
        (["3, 5", 8], [3, 5, 8]),
        ([3.0], [3]),
        ([3, None], [3]),  # `tpb: [3, ~]`: an empty item, as `3, , 5` in a text
    ],
)
def test_sdgs_read_lists_and_separated_text(value: Any, expected: list[int]) -> None:
    assert build(sdgs=value).sdgs == expected


def test_sdgs_outside_1_to_17_named() -> None:
    assert messages(sdgs=19) == ["sdgs: 19 is not an SDG number; use 1 to 17"]


def test_sdgs_zero_named() -> None:
    assert messages(sdgs="0, 3") == ["sdgs: 0 is not an SDG number; use 1 to 17"]


def test_sdgs_word_named() -> None:
    assert messages(sdgs="tiga") == ["sdgs: 'tiga' is not an SDG number; use 1 to 17"]


def test_sdgs_fraction_named() -> None:
    assert messages(sdgs=[3.5]) == ["sdgs: '3.5' is not an SDG number; use 1 to 17"]


def test_sdgs_empty_list_needs_one() -> None:
    assert messages(sdgs=[]) == ["sdgs: no SDG given; list at least one number from 1 to 17"]


def test_sdgs_blank_text_needs_one() -> None:
    assert messages(sdgs=" , ") == ["sdgs: no SDG given; list at least one number from 1 to 17"]


def test_sdgs_repeated_named() -> None:
    assert messages(sdgs="3, 5, 3") == ["sdgs: SDG 3 is listed twice; list each once"]


# --- numbers ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("Rp 50.000", 50000.0),
        ("Rp. 1.500.000", 1500000.0),
        ("rp50.000,50", 50000.5),
        ("IDR 2.000.000", 2000000.0),
        ("Rp 150.000,-", 150000.0),
        ("Rp 150.000,00", 150000.0),
        ("1.250", 1250.0),
        ("4.870", 4870.0),
        ("4,870", 4870.0),
        ("12,5", 12.5),
        ("2.5", 2.5),
        ("1 200", 1200.0),
        ("1,5 juta", 1500000.0),
        ("Rp 1,5 jt", 1500000.0),
        ("25 rb", 25000.0),
        ("2 ribu", 2000.0),
        ("1,2 M", 1200000000.0),
        ("3 miliar", 3000000000.0),
        (1200, 1200.0),
        (0, 0.0),
    ],
)
def test_number_money_reads_indonesian_spellings(value: Any, expected: float) -> None:
    assert build(indicators={"cost_before_idr": value}).indicators.cost_before_idr == expected


@pytest.mark.parametrize(
    ("field", "value", "expected"),
    [
        ("beneficiaries", "4.870", 4870.0),
        ("beneficiaries", "4.870 orang", 4870.0),
        ("beneficiaries", "1.250.000", 1250000.0),
        ("beneficiaries", "1,5 juta", 1500000.0),
        ("target_population", "5.600", 5600.0),
        ("complaints_after", "12", 12.0),
        ("service_time_before_hours", "4,5", 4.5),
        ("service_time_before_hours", "0.5", 0.5),
        ("service_time_before_hours", "1,5 jam", 1.5),
        ("satisfaction_after", "72,4", 72.4),
        ("satisfaction_after", "72.4", 72.4),
        ("satisfaction_after", "85%", 85.0),
        ("satisfaction_after", "82,375", 82.375),
    ],
)
def test_number_each_kind_reads_indonesian_spellings(
    field: str, value: str, expected: float
) -> None:
    assert getattr(build(indicators={field: value}).indicators, field) == expected


def test_number_count_refuses_a_fraction() -> None:
    assert messages(indicators={"beneficiaries": "4,87"}) == [
        "indicators.beneficiaries: '4,87' is not a whole number; a count has no fractions: "
        "write e.g. 4870 or 4.870"
    ]
    assert messages(lang=Lang.ID, indicators={"beneficiaries": 4.87}) == [
        "indikator.penerima_manfaat: '4.87' bukan bilangan bulat; jumlah ditulis tanpa "
        "pecahan, mis. 4870 atau 4.870"
    ]


def test_number_hours_that_could_mean_two_figures_refused_naming_both() -> None:
    assert messages(indicators={"service_time_before_hours": "1.250"}) == [
        "indicators.service_time_before_hours: '1.250' could mean 1250 or 1.25; so that it "
        "cannot be misread, write 1250 (no thousands separator) or 1.25"
    ]
    assert messages(lang=Lang.ID, indicators={"service_time_before_hours": "1.250"}) == [
        "indikator.waktu_layanan_sebelum_jam: '1.250' bisa berarti 1250 atau 1,25; agar tidak "
        "keliru dibaca, tulis 1250 (tanpa pemisah ribuan) atau 1,25"
    ]


def test_number_money_in_millions_that_could_mean_two_figures_refused() -> None:
    assert messages(indicators={"cost_after_idr": "1.500 juta"}) == [
        "indicators.cost_after_idr: '1.500 juta' could mean 1500000000 or 1500000; so that it "
        "cannot be misread, write 1500000000 (no thousands separator) or 1500000"
    ]


def test_number_money_with_more_than_two_decimals_refused() -> None:
    assert messages(indicators={"cost_after_idr": "Rp 12.500,755"}) == [
        "indicators.cost_after_idr: 'Rp 12.500,755' has more than two decimal places; write "
        "rupiah with at most two for sen, e.g. 150.000 or 150.000,50"
    ]
    assert messages(lang=Lang.ID, indicators={"cost_after_idr": "Rp 12.500,755"}) == [
        "indikator.biaya_sesudah: 'Rp 12.500,755' memiliki lebih dari dua angka di belakang "
        "koma; tulis rupiah dengan paling banyak dua angka sen, mis. 150.000 atau 150.000,50"
    ]


def test_number_rupiah_or_percent_where_a_count_is_asked_refused() -> None:
    assert messages(indicators={"beneficiaries": "Rp 5.000", "cost_after_idr": "85%"}) == [
        "indicators.beneficiaries: 'Rp 5.000': 'Rp' does not belong in a count (people, "
        "complaints); write the number alone, e.g. 4.870",
        "indicators.cost_after_idr: '85%': '%' does not belong in an amount in rupiah; write "
        "the number alone, e.g. Rp 150.000",
    ]
    assert messages(lang=Lang.ID, indicators={"service_time_after_hours": "2 jt"}) == [
        "indikator.waktu_layanan_sesudah_jam: '2 jt': 'jt' tidak dipakai untuk waktu dalam "
        "jam; tulis angkanya saja, mis. 1,5"
    ]


def test_number_refuses_words() -> None:
    assert messages(indicators={"beneficiaries": "banyak"}) == [
        "indicators.beneficiaries: 'banyak' is not a number; write digits, e.g. 1250"
    ]


def test_number_refuses_a_yes_or_no() -> None:
    assert messages(indicators={"beneficiaries": True}) == [
        "indicators.beneficiaries: true is not a number; write digits, e.g. 1250"
    ]


def test_number_refuses_negative_figures() -> None:
    assert messages(indicators={"complaints_after": -3}) == [
        "indicators.complaints_after: -3 is too small; the lowest allowed is 0"
    ]


def test_number_refuses_not_a_number() -> None:
    assert messages(indicators={"beneficiaries": "nan"}) == [
        "indicators.beneficiaries: 'nan' is not a number; write digits, e.g. 1250"
    ]


def test_number_satisfaction_index_stops_at_100() -> None:
    assert messages(indicators={"satisfaction_after": "101"}) == [
        "indicators.satisfaction_after: '101' is too large; the highest allowed is 100"
    ]


# --- titles -----------------------------------------------------------------------------


@pytest.mark.parametrize("length", [5, 150])
def test_title_at_the_limits_accepted(length: int) -> None:
    assert build(title="x" * length).title == "x" * length


@pytest.mark.parametrize("length", [4, 151])
def test_title_outside_the_limits_named(length: int) -> None:
    assert messages(title="x" * length) == [f"title: {length} characters; a title needs 5 to 150"]


def test_title_spacing_collapsed_before_counting() -> None:
    assert build(title="  Ab \n  cd  ").title == "Ab cd"


def test_title_of_a_list_is_not_text() -> None:
    assert messages(title=["Layanan", "Sehat"]) == ["title: a list of 2 items should be text"]


# --- ids --------------------------------------------------------------------------------


@pytest.mark.parametrize("value", ["ppdb-online", "e-surat.2022", "si_mapan", "a1"])
def test_id_slugs_accepted(value: str) -> None:
    assert build(id=value).id == value


def test_id_number_read_as_text() -> None:
    assert build(id=2022).id == "2022"


def test_id_with_spaces_and_capitals_gets_a_suggestion() -> None:
    assert messages(id="PPDB Online") == [
        "id: 'PPDB Online' is not a valid id: use lowercase letters, digits and hyphens, "
        "e.g. 'ppdb-online'"
    ]


def test_id_over_80_characters_refused() -> None:
    long_id = "a" * 81
    assert messages(id=long_id) == [
        f"id: '{long_id}' is not a valid id: use lowercase letters, digits and hyphens, "
        f"e.g. '{'a' * 80}'"
    ]


def test_id_of_punctuation_only_gets_a_placeholder_suggestion() -> None:
    assert messages(id="!!!") == [
        "id: '!!!' is not a valid id: use lowercase letters, digits and hyphens, "
        "e.g. 'innovation-name'"
    ]


# --- stages, groups, categories ---------------------------------------------------------


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("penerapan", Stage.PENERAPAN),
        ("Uji Coba", Stage.UJI_COBA),
        ("uji-coba", Stage.UJI_COBA),
        ("ujicoba", Stage.UJI_COBA),
        ("UJI_COBA", Stage.UJI_COBA),
        (" Inisiatif ", Stage.INISIATIF),
    ],
)
def test_stage_spellings_accepted(value: str, expected: Stage) -> None:
    assert build(stage=value).stage is expected


def test_stage_unknown_names_the_stages() -> None:
    assert messages(stage="selesai") == [
        "stage: 'selesai' is not a stage; use one of: inisiatif, uji_coba, penerapan"
    ]


def test_group_and_category_spellings_normalised() -> None:
    proposal = build(group="Umum", category=" Ketahanan ")
    assert (proposal.group, proposal.category) == ("umum", "ketahanan")


def test_group_outside_the_call_names_the_allowed_values(choices: CallChoices) -> None:
    assert messages(choices, group="lainnya") == [
        "group: 'lainnya' is not a group of this call; use one of: umum, khusus"
    ]


def test_category_outside_the_call_names_the_allowed_values(choices: CallChoices) -> None:
    assert messages(choices, category="Pelayanan Publik") == [
        "category: 'Pelayanan Publik' is not a category of this call; "
        "use one of: inklusif, tpb, ketahanan"
    ]


def test_category_checked_against_the_call_given() -> None:
    other_call = CallChoices(groups=("umum",), categories=("digital",))
    assert messages(other_call, category="tpb") == [
        "category: 'tpb' is not a category of this call; use one of: digital"
    ]


def test_group_without_a_call_only_normalised() -> None:
    assert build(None, group="Apa Saja").group == "apa_saja"


# --- dates, people, awards --------------------------------------------------------------


def test_started_on_indonesian_long_form() -> None:
    assert build(started_on="1 Juli 2019").started_on == date(2019, 7, 1)


def test_started_on_not_a_date_named() -> None:
    assert messages(started_on="sejak 2019") == [
        "started_on: 'sejak 2019' is not a date; write it as 2019-07-01 or 1 Juli 2019"
    ]


def test_innovator_email_checked() -> None:
    assert messages(innovators=[{"name": "Sri", "email": "sri at dinkes"}]) == [
        "innovators.1.email: 'sri at dinkes' is not an e-mail address; write it as name@domain"
    ]


def test_innovator_empty_email_means_none() -> None:
    assert build(innovators=[{"name": "Sri", "email": ""}]).innovators[0].email is None


def test_innovator_without_a_name_named() -> None:
    assert messages(innovators=[{"role": "Ketua"}]) == [
        "innovators.1.name: required, but missing; add `name (nama):`"
    ]


def test_award_year_before_1990_refused() -> None:
    assert messages(prior_awards=[{"competition": "KIPP", "year": 1980}]) == [
        "prior_awards.1.year: 1980 is too small; the lowest allowed is 1990"
    ]


def test_attachments_evidence_text_split_into_a_list() -> None:
    proposal = build(attachments={"evidence": "foto.jpg; laporan.pdf\nvideo.mp4"})
    assert proposal.attachments.evidence == ["foto.jpg", "laporan.pdf", "video.mp4"]


def test_agency_one_letter_too_short() -> None:
    assert messages(agency="D") == ["agency: 1 character; at least 2 needed"]


def test_sections_may_be_empty() -> None:
    proposal = build(sections={"summary": ""})
    assert proposal.sections.items()[0] == ("summary", "")


def test_several_problems_reported_together() -> None:
    assert messages(sdgs=19, stage="x", digital="?") == [
        "sdgs: 19 is not an SDG number; use 1 to 17",
        "stage: 'x' is not a stage; use one of: inisiatif, uji_coba, penerapan",
        "digital: '?' is not yes or no; write true/false (or ya/tidak)",
    ]


def test_several_problems_reported_together_in_indonesian() -> None:
    assert messages(lang=Lang.ID, sdgs=19, stage="x", digital="?") == [
        "tpb: 19 bukan nomor TPB; gunakan 1 sampai 17",
        "tahapan: 'x' bukan tahapan; pilih salah satu: inisiatif, uji_coba, penerapan",
        "digital: '?' bukan ya atau tidak; tulis true/false (atau ya/tidak)",
    ]


def test_nested_problems_in_indonesian_name_the_nested_keys() -> None:
    innovators = [{"name": "Sri", "email": "bukan-surel"}]
    assert messages(
        lang=Lang.ID,
        innovators=innovators,
        indicators={"beneficiaries": "banyak"},
        sections={"novelty": ["a"]},
    ) == [
        "inovator.1.email: 'bukan-surel' bukan alamat surel; tulis seperti nama@domain",
        "uraian.kebaruan: sebuah daftar berisi 1 butir harus berupa teks",
        "indikator.penerima_manfaat: 'banyak' bukan angka; tulis dengan angka, mis. 1250",
    ]


def test_stage_of_another_type_names_the_stages_with_or_in_each_language() -> None:
    assert messages(stage=5) == [
        "stage: 5 is not allowed; use one of: 'inisiatif', 'uji_coba' or 'penerapan'"
    ]
    assert messages(lang=Lang.ID, stage=5) == [
        "tahapan: 5 tidak diizinkan; pilih salah satu: 'inisiatif', 'uji_coba' atau 'penerapan'"
    ]


def test_title_length_counts_long_titles_in_digits_as_written() -> None:
    assert messages(title="x" * 1500) == ["title: 1500 characters; a title needs 5 to 150"]
    assert messages(lang=Lang.ID, title="x" * 1500) == [
        "judul: 1500 karakter; judul harus 5 sampai 150 karakter"
    ]


# --- values as forms give them ------------------------------------------------------------


@pytest.mark.parametrize(
    ("field", "value", "expected"),
    [
        ("digital", "Non Digital", False),
        ("digital", "Non-Digital", False),
        ("digital", "Digital", True),
        ("digital", "Daring", True),
        ("digital", "Iya", True),
        ("digital", "Y", True),
        ("digital", "N", False),
        ("pandemic_related", "Covid-19", True),
        ("pandemic_related", "Non Covid-19", False),
        ("pandemic_related", "Tidak", False),
    ],
)
def test_flag_reads_a_forms_answers(field: str, value: str, expected: bool) -> None:
    overrides: dict[str, Any] = {field: value}
    assert getattr(build(PLAIN, **overrides), field) is expected


def test_flag_words_of_one_question_not_taken_for_the_other() -> None:
    assert messages(digital="Covid-19") == [
        "digital: 'Covid-19' is not yes or no; write true/false (or ya/tidak)"
    ]


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("Pelayanan publik inklusif", "inklusif"),
        ("Pelayanan Publik Inklusif", "inklusif"),
        ("Inclusive public service", "inklusif"),
        ("Pelayanan Publik yang Inklusif dan Berkeadilan", "inklusif"),
        ("Kategori 1: Pelayanan Publik yang Inklusif dan berkeadilan", "inklusif"),
        ("Tujuan Pembangunan Berkelanjutan (TPB)", "tpb"),
        (
            "Efektivitas Institusi Publik untuk Mencapai Tujuan Pembangunan Berkelanjutan "
            "(TPB)/ Sustainable Development Goals (SDGs)",
            "tpb",
        ),
        ("Ketahanan instansi publik", "ketahanan"),
        (
            "Ketahanan Institusi Publik di Masa Pandemi dan Antisipasi di Masa Pasca Pandemi "
            "Covid-19",
            "ketahanan",
        ),
    ],
)
def test_category_read_from_the_label_kipp_prints_and_the_calls_wording(
    value: str, expected: str, choices: CallChoices
) -> None:
    assert build(choices, category=value).category == expected


@pytest.mark.parametrize(
    ("value", "expected"), [("Kelompok Umum", "umum"), ("General", "umum"), ("Khusus", "khusus")]
)
def test_group_read_from_its_label(value: str, expected: str, choices: CallChoices) -> None:
    assert build(choices, group=value).group == expected


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("Tahap Penerapan", Stage.PENERAPAN),
        ("Implementasi", Stage.PENERAPAN),
        ("implementation", Stage.PENERAPAN),
        ("Trial", Stage.UJI_COBA),
        ("Tahapan Uji Coba", Stage.UJI_COBA),
        ("initiative", Stage.INISIATIF),
    ],
)
def test_stage_read_from_its_label(value: str, expected: Stage) -> None:
    assert build(stage=value).stage is expected


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("TPB 3, TPB 10", [3, 10]),
        ("SDG 9: Industri, Inovasi dan Infrastruktur", [9]),
        ("3. Kehidupan Sehat dan Sejahtera, 10. Berkurangnya Kesenjangan", [3, 10]),
        ("Tujuan 4; Tujuan 14", [4, 14]),
    ],
)
def test_sdgs_read_from_a_forms_checked_options(value: str, expected: list[int]) -> None:
    assert build(sdgs=value).sdgs == expected


def test_sdgs_words_without_numbers_named() -> None:
    assert messages(sdgs="Pendidikan Berkualitas") == [
        "sdgs: 'Pendidikan' is not an SDG number; use 1 to 17"
    ]


def test_replications_in_one_text_as_agency_and_year() -> None:
    proposal = build(
        replications="Dinas Sosial Kab. Lumajang (2020); Dinas Sosial Kab. Probolinggo (2021)"
    )
    assert [(r.agency, r.region, r.year) for r in proposal.replications] == [
        ("Dinas Sosial Kab. Lumajang", None, 2020),
        ("Dinas Sosial Kab. Probolinggo", None, 2021),
    ]


def test_replications_in_one_text_with_region_and_bare_years() -> None:
    proposal = build(
        replications=["Dinas Sosial (Kab. Wanakerta, 2020)", "Puskesmas Sukamaju 2021", "RSUD X"]
    )
    assert [(r.agency, r.region, r.year) for r in proposal.replications] == [
        ("Dinas Sosial", "Kab. Wanakerta", 2020),
        ("Puskesmas Sukamaju", None, 2021),
        ("RSUD X", None, None),
    ]


@pytest.mark.parametrize("value", ["-", "Tidak ada", "belum ada", ""])
def test_replications_none_written_as_nothing(value: str) -> None:
    assert build(replications=value).replications == []


def test_awards_and_innovators_in_one_text() -> None:
    proposal = build(
        prior_awards="Top 45 KIPP 2020; Juara 1 Lomba Inovasi Daerah (2019)",
        innovators="Sri Wahyuni (Ketua; Kepala Seksi Pelayanan)\nBudi Santoso",
    )
    assert [(a.competition, a.year) for a in proposal.prior_awards] == [
        ("Top 45 KIPP", 2020),
        ("Juara 1 Lomba Inovasi Daerah", 2019),
    ]
    assert [(i.name, i.role) for i in proposal.innovators] == [
        ("Sri Wahyuni", "Ketua; Kepala Seksi Pelayanan"),
        ("Budi Santoso", None),
    ]


def test_award_in_one_text_without_a_year_named_at_its_item() -> None:
    assert messages(prior_awards="Lomba Inovasi Daerah") == [
        "prior_awards.1.year: required, but missing; add `year (tahun):`"
    ]


def test_replication_in_one_text_with_a_year_before_1990_named() -> None:
    assert messages(replications="Dinas Sosial (1985)") == [
        "replications.1.year: 1985 is too small; the lowest allowed is 1990"
    ]


def test_innovator_name_holding_two_people_refused() -> None:
    innovators = [{"name": "Sri Wahyuni; Budi Santoso"}]
    assert messages(innovators=innovators) == [
        "innovators.1.name: 'Sri Wahyuni; Budi Santoso' names more than one person; give each "
        "innovator on their own (in a form export: an `inovator` column holding 'Name (role); "
        "Name (role)', or numbered columns inovator.1.nama, inovator.2.nama)"
    ]
    assert messages(lang=Lang.ID, innovators=innovators) == [
        "inovator.1.nama: 'Sri Wahyuni; Budi Santoso' berisi lebih dari satu nama; tulis setiap "
        "inovator tersendiri (di ekspor formulir: kolom `inovator` berisi 'Nama (peran); Nama "
        "(peran)', atau kolom bernomor inovator.1.nama, inovator.2.nama)"
    ]


def test_id_holding_a_control_character_refused_showing_it_as_a_code() -> None:
    assert messages(id="si-cepat\x00") == [
        "id: 'si-cepat\\x00' is not a valid id: use lowercase letters, digits and hyphens, "
        "e.g. 'si-cepat'"
    ]
