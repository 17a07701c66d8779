"""Indonesian-aware normalisation: what counts as a word of an idea."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from kipp.measures.text import (
    ADMIN_WORDS,
    STOPWORDS,
    agency_phrase,
    fold,
    mask_of,
    place_words,
    remove_phrase,
    split_acronym_title,
    stem,
    title_tokens,
    tokens,
    units,
)

MOJOKERTO = mask_of([("Kota Mojokerto, Jawa Timur", "Dinas Kesehatan Kota Mojokerto")])


def test_tokens_drop_stopwords_digits_punctuation_and_case() -> None:
    text = "Layanan ini dapat diakses 24 jam melalui WhatsApp, dan GRATIS!"
    assert tokens(text) == ["layanan", "diakses", "whatsapp", "gratis"]


def test_tokens_keep_no_stopword_from_the_required_list() -> None:
    required = (
        "yang dan di ke dari untuk dengan dalam pada ini itu adalah serta atau oleh agar "
        "sehingga juga akan telah sudah dapat bisa lebih para setiap melalui tersebut"
    )
    assert tokens(required) == []


def test_fold_removes_accents_and_other_scripts() -> None:
    assert fold("Omasiô Ibu Hamil Risti") == "omasio ibu hamil risti"
    assert tokens("Omasiô — ibu hamil") == ["omasio", "ibu", "hamil"]


def test_stem_strips_nya_only_when_four_letters_remain() -> None:
    assert [stem(w) for w in ("pelayanannya", "datanya", "tanya", "punya")] == [
        "pelayanan",
        "data",
        "tanya",
        "punya",
    ]


def test_tokens_collapse_reduplication_and_glue_prefixed_acronyms() -> None:
    text = "anak-anak mengurus e-KTP dan KTP-el"
    assert tokens(text) == ["anak", "mengurus", "ektp", "ktp", "ktpel", "ktp"]


def test_tokens_keep_hyphenated_compounds_as_words() -> None:
    assert tokens("bio-psiko-sosial real-time") == ["bio", "psiko", "sosial", "real", "time"]


def test_tokens_mask_region_and_administrative_words() -> None:
    text = "Dinas Kesehatan Pemerintah Kota Mojokerto, Jawa Timur, menurunkan stunting"
    assert tokens(text, MOJOKERTO) == ["kesehatan", "menurunkan", "stunting"]


def test_place_words_take_the_region_and_names_after_place_markers() -> None:
    words = place_words(
        "Kota Mojokerto, Jawa Timur", "Puskesmas Kedundung, Dinas Kesehatan Kota Mojokerto"
    )
    assert words == frozenset({"mojokerto", "jawa", "timur", "kedundung"})


def test_place_words_leave_the_field_of_work_of_an_agency() -> None:
    assert place_words(None, "Dinas Kependudukan dan Pencatatan Sipil") == frozenset()
    assert place_words(None, "RSJ Menur, Pemerintah Provinsi Jawa Timur") == frozenset(
        {"menur", "jawa", "timur"}
    )


def test_mask_of_always_holds_the_administrative_words() -> None:
    assert mask_of([]) == ADMIN_WORDS
    assert {"kota", "kabupaten", "pemerintah", "dinas", "mojokerto"} <= MOJOKERTO


def test_split_acronym_title_acronym_first() -> None:
    title = "PAK MAWARDI (Pengurusan Akta Kematian Melalui Layanan WhatsApp Gratis Langsung Jadi)"
    assert split_acronym_title(title) == (
        "PAK MAWARDI",
        "Pengurusan Akta Kematian Melalui Layanan WhatsApp Gratis Langsung Jadi",
    )


def test_split_acronym_title_expansion_first() -> None:
    assert split_acronym_title("Sistem Informasi Tata Ruang (SIMTARU)") == (
        "SIMTARU",
        "Sistem Informasi Tata Ruang",
    )


def test_split_acronym_title_plain_title() -> None:
    assert split_acronym_title("Samsat 4.0") is None


def test_title_tokens_count_both_the_acronym_and_its_expansion() -> None:
    title = "PAK MAWARDI (Pengurusan Akta Kematian Melalui Layanan WhatsApp Gratis Langsung Jadi)"
    assert title_tokens(title) == [
        "pak",
        "mawardi",
        "pengurusan",
        "akta",
        "kematian",
        "layanan",
        "whatsapp",
        "gratis",
        "langsung",
        "pakmawardi",
    ]


def test_title_tokens_glued_acronym_matches_the_name_written_as_one_word() -> None:
    glued = title_tokens("PAKMAWARDI (Pengurusan Akta Kematian)")
    spaced = title_tokens("Pak Mawardi (Pengurusan Akta Kematian)")
    assert glued == ["pakmawardi", "pengurusan", "akta", "kematian"]
    assert "pakmawardi" in spaced


def test_title_tokens_single_word_acronym_counts_once() -> None:
    assert title_tokens("SIRINDU (Sistem Informasi Harian Terpadu)") == [
        "sirindu",
        "sistem",
        "informasi",
        "harian",
        "terpadu",
    ]


def test_title_tokens_masked_acronym_parts_stay_out() -> None:
    assert title_tokens("Palapa Mojo (Portal Layanan Publik)", frozenset({"mojo"})) == [
        "palapa",
        "portal",
        "layanan",
        "publik",
        "palapamojo",
    ]


def test_units_split_at_sentence_ends_brackets_and_line_breaks() -> None:
    text = "Satu kalimat. Dua (catatan); tiga!\nempat? lima 1.250 orang"
    assert units(text) == ["Satu kalimat", "Dua", "catatan", "tiga", "empat", "lima 1", "250 orang"]


def test_agency_phrase_keeps_the_field_of_work_words() -> None:
    agency = "Dinas Kependudukan dan Pencatatan Sipil Kota Mojokerto"
    assert agency_phrase(agency, MOJOKERTO) == ("kependudukan", "pencatatan", "sipil")
    assert agency_phrase(None, MOJOKERTO) == ()


def test_remove_phrase_removes_each_contiguous_occurrence() -> None:
    words = ["kependudukan", "pencatatan", "sipil", "menerbitkan", "akta", "kependudukan"]
    phrase = ("kependudukan", "pencatatan", "sipil")
    assert remove_phrase(words, phrase) == ["menerbitkan", "akta", "kependudukan"]


def test_remove_phrase_takes_occurrences_left_to_right_without_overlap() -> None:
    words = ["a", "a", "a", "b", "a", "b", "a"]
    assert remove_phrase(words, ("a", "a")) == ["a", "b", "a", "b", "a"]
    assert remove_phrase(words, ("a", "b")) == ["a", "a", "a"]
    assert remove_phrase(["a", "b"], ("a", "b")) == []


def _removed_one_word_at_a_time(words: list[str], phrase: tuple[str, ...]) -> list[str]:
    # the rule spelled out: at each word, skip the phrase if it starts there, else keep it
    out, i = [], 0
    while i < len(words):
        if tuple(words[i : i + len(phrase)]) == phrase:
            i += len(phrase)
        else:
            out.append(words[i])
            i += 1
    return out


@given(
    st.lists(st.sampled_from("abc"), max_size=30),
    st.lists(st.sampled_from("abc"), min_size=2, max_size=4),
)
def test_remove_phrase_is_the_word_by_word_rule(words: list[str], phrase: list[str]) -> None:
    assert remove_phrase(words, tuple(phrase)) == _removed_one_word_at_a_time(words, tuple(phrase))


def test_remove_phrase_leaves_single_words_alone() -> None:
    words = ["kesehatan", "ibu", "kesehatan"]
    assert remove_phrase(words, ("kesehatan",)) == words


@given(st.text())
def test_tokens_are_lowercase_ascii_words_never_stopwords(text: str) -> None:
    for word in tokens(text):
        assert word.isascii() and word.isalpha() and word.islower()
        assert len(word) >= 2 and word not in STOPWORDS
