"""Key spellings: normalisation, slugs, paths, and canonicalising a user's mapping."""

from __future__ import annotations

from typing import Any

import pytest
from builders import said

from kipp.core.catalogue import CATALOGUE
from kipp.core.i18n import Lang
from kipp.core.keys import (
    Canonical,
    canonicalize,
    display_path,
    escape_controls,
    key_table,
    model_of,
    nearest,
    normalize_key,
    slugify,
    title_slug,
    unknown_key_message,
)
from kipp.core.models import (
    Attachments,
    Award,
    Indicators,
    Innovator,
    KippModel,
    Proposal,
    Replication,
    Sections,
)

PROPOSAL_FIELDS = (
    "agency, attachments, category, digital, group, id, indicators, innovators, "
    "pandemic_related, prior_awards, region, replications, sdgs, sections, stage, "
    "started_on, title"
)
MODELS = (Proposal, Innovator, Award, Replication, Attachments, Sections, Indicators)


def problems(result: Canonical, lang: Lang = Lang.EN) -> list[tuple[Any, str, str]]:
    """The key problems found, each message as read in `lang`."""
    return [(p.raw_path, p.field, said(p.message, lang)) for p in result.problems]


@pytest.mark.parametrize(
    ("key", "expected"),
    [
        ("Tanggal Mulai", "tanggal_mulai"),
        ("tanggal-mulai", "tanggal_mulai"),
        ("  TANGGAL   MULAI  ", "tanggal_mulai"),
        ("tanggal__mulai", "tanggal_mulai"),
        ("Tanggal - Mulai", "tanggal_mulai"),
        ("_judul_", "judul"),
        ("\uff2a\uff35\uff24\uff35\uff2c", "judul"),  # full-width letters
        (3, "3"),
    ],
)
def test_normalize_key_reads_spaces_and_hyphens_as_underscores(key: object, expected: str) -> None:
    assert normalize_key(key) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("PPDB Online 2022", "ppdb-online-2022"),
        ("Curhat Ning Ita!", "curhat-ning-ita"),
        ("Gelai Sang Ratu (SMPN 7)", "gelai-sang-ratu-smpn-7"),
        ("Kafé Ñusantara", "kafe-nusantara"),
        ("---", ""),
        ("", ""),
    ],
)
def test_slugify_makes_lowercase_ascii_slugs(text: str, expected: str) -> None:
    assert slugify(text) == expected


def test_slugify_cuts_long_text_at_80_characters_without_a_trailing_hyphen() -> None:
    text = "a" * 79 + " b" + " c" * 20
    assert slugify(text) == "a" * 79


def test_display_path_counts_positions_from_one() -> None:
    assert display_path(("innovators", 0, "email")) == "innovators.1.email"


def test_display_path_of_the_whole_file() -> None:
    assert display_path(()) == "(file)"


def test_nearest_walks_up_to_the_closest_known_parent() -> None:
    table: dict[tuple[str | int, ...], int] = {(): 1, ("innovators",): 7, ("innovators", 0): 8}
    assert nearest(table, ("innovators", 0, "email")) == 8
    assert nearest(table, ("innovators", 1, "email")) == 7
    assert nearest(table, ("title",)) == 1


def test_nearest_without_any_known_parent_is_none() -> None:
    assert nearest({("title",): 3}, ("agency",)) is None


def test_key_table_maps_aliases_and_canonical_names() -> None:
    table = key_table(Proposal)
    assert table["tpb"] == "sdgs"
    assert table["sdgs"] == "sdgs"
    assert table["tanggal_mulai"] == "started_on"
    assert table["kode"] == "id"


def test_canonicalize_accepts_aliases_in_any_mix_and_case() -> None:
    result = canonicalize(
        {
            "Judul": "Layanan",
            "agency": "Dinas",
            "Tanggal Mulai": "1 Juli 2019",
            "TERKAIT-PANDEMI": "ya",
            "inovator": [{"Nama": "Sri", "peran": "Ketua", "Email": "sri@example.id"}],
            "uraian": {"Ringkasan": "teks", "latar belakang dan tujuan": "teks 2"},
            "indikator": {"Penerima Manfaat": 10},
            "lampiran": {"SK": "sk.pdf", "bukti": ["a.jpg"]},
            "penghargaan": [{"kompetisi": "KIPP", "tahun": 2021, "tingkat": "top99"}],
            "replikasi": [{"instansi": "Dinas", "daerah": "Jombang", "tahun": 2020}],
        },
        Proposal,
    )
    assert result.problems == []
    assert result.data == {
        "title": "Layanan",
        "agency": "Dinas",
        "started_on": "1 Juli 2019",
        "pandemic_related": "ya",
        "innovators": [{"name": "Sri", "role": "Ketua", "email": "sri@example.id"}],
        "sections": {"summary": "teks", "background": "teks 2"},
        "indicators": {"beneficiaries": 10},
        "attachments": {"decree": "sk.pdf", "evidence": ["a.jpg"]},
        "prior_awards": [{"competition": "KIPP", "year": 2021, "level": "top99"}],
        "replications": [{"agency": "Dinas", "region": "Jombang", "year": 2020}],
    }


def test_canonicalize_remembers_the_path_the_user_wrote() -> None:
    result = canonicalize({"inovator": [{"Nama": "Sri"}], "Judul": "x"}, Proposal)
    assert result.raw_paths[("innovators", 0, "name")] == ("inovator", 0, "Nama")
    assert result.raw_paths[("title",)] == ("Judul",)
    assert result.raw_paths[()] == ()


def test_canonicalize_reports_a_misspelt_key_with_the_closest_spelling() -> None:
    result = canonicalize({"judull": "Layanan"}, Proposal)
    assert result.data == {}
    assert problems(result) == [
        (("judull",), "judull", "unknown field 'judull'; did you mean 'judul'?")
    ]
    assert problems(result, Lang.ID) == [
        (("judull",), "judull", "isian 'judull' tidak dikenal; mungkin maksudnya 'judul'?")
    ]


def test_canonicalize_reports_an_unknown_key_listing_the_known_fields() -> None:
    result = canonicalize({"anggaran": 5}, Proposal)
    assert problems(result) == [
        (
            ("anggaran",),
            "anggaran",
            f"unknown field 'anggaran'; known fields here: {PROPOSAL_FIELDS}",
        )
    ]


def test_canonicalize_reports_unknown_nested_keys_at_their_path() -> None:
    result = canonicalize({"inovator": [{"nama": "Sri", "jabatan": "Ketua"}]}, Proposal)
    assert result.data == {"innovators": [{"name": "Sri"}]}
    assert problems(result) == [
        (
            ("inovator", 0, "jabatan"),
            "innovators.1.jabatan",
            "unknown field 'jabatan'; known fields here: email, name, phone, role",
        )
    ]
    assert problems(result, Lang.ID) == [
        (
            ("inovator", 0, "jabatan"),
            "innovators.1.jabatan",
            "isian 'jabatan' tidak dikenal; isian yang dikenal di sini: email, nama, telepon, "
            "peran",
        )
    ]


def test_canonicalize_reports_a_field_given_twice_and_keeps_the_first() -> None:
    result = canonicalize({"title": "Pertama", "judul": "Kedua"}, Proposal)
    assert result.data == {"title": "Pertama"}
    assert problems(result) == [
        (("judul",), "title", "given twice, as 'title' and as 'judul'; keep one")
    ]
    assert problems(result, Lang.ID) == [
        (
            ("judul",),
            "title",
            "ditulis dua kali, sebagai 'title' dan sebagai 'judul'; pertahankan satu",
        )
    ]


def test_canonicalize_leaves_a_non_mapping_as_it_is() -> None:
    result = canonicalize(["a", "b"], Proposal)
    assert result.data == ["a", "b"]
    assert result.problems == []


def test_canonicalize_leaves_a_non_list_where_a_list_of_models_belongs() -> None:
    result = canonicalize({"inovator": "Sri"}, Proposal)
    assert result.data == {"innovators": "Sri"}


def test_unknown_key_message_for_a_nested_model() -> None:
    message = unknown_key_message("nma", key_table(Innovator))
    assert said(message) == "unknown field 'nma'; did you mean 'nama'?"


@pytest.mark.parametrize("model", MODELS, ids=[m.__name__ for m in MODELS])
def test_every_key_has_its_written_form_in_both_languages(model: type[KippModel]) -> None:
    # `written.<key>`: English the key itself, Indonesian its first alias (else the key)
    for name in model.model_fields:
        aliases = [alias for alias, canonical in model.ALIASES.items() if canonical == name]
        assert CATALOGUE[f"written.{name}"] == {"en": name, "id": (aliases or [name])[0]}


@pytest.mark.parametrize(
    ("title", "expected"),
    [
        ("PPDB Online (Penerimaan Peserta Didik Baru Secara Daring)", "ppdb-online"),
        ("Gelai Sang Ratu (Gerakan Literasi Anak)", "gelai-sang-ratu"),
        ("(Sapa Warga)", "sapa-warga"),
        (
            "Layanan Administrasi Kependudukan Terpadu Jemput Bola untuk Warga Lansia",
            "layanan-administrasi-kependudukan-terpadu-jemput",
        ),
        ("MAGIS \x01 Mojokerto", "magis-mojokerto"),
    ],
)
def test_title_slug_is_the_name_before_its_explanation_cut_between_words(
    title: str, expected: str
) -> None:
    assert title_slug(title) == expected


def test_escape_controls_shows_every_control_character_as_a_code() -> None:
    assert escape_controls("a\x00b\tc\x7f\x85é") == "a\\x00b\\x09c\\x7f\\x85é"


def test_canonicalize_names_a_key_holding_a_control_character_escaped() -> None:
    result = canonicalize({"judul\x00": "x"}, Proposal)
    assert problems(result) == [
        (
            ("judul\x00",),
            "judul\\x00",
            "unknown field 'judul\\x00'; did you mean 'judul'?",
        )
    ]


def test_model_of_sees_through_annotated_lists() -> None:
    assert model_of(Proposal.model_fields["replications"].annotation) == ("list", Replication)
