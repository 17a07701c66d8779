"""The prior-innovation corpus: the bundled file, a user's own CSV, the cut-off, and errors."""

from __future__ import annotations

import errno
import hashlib
from datetime import date
from pathlib import Path

import pytest
from builders import failing_open, said

from kipp.core.i18n import Lang
from kipp.measures.corpus import (
    Corpus,
    CorpusError,
    PriorInnovation,
    default_corpus_path,
    load_corpus,
)

DATA = Path(__file__).parent / "data" / "novelty"
HEADER = "id,title,agency,region,year,award,description,source"


def write(tmp_path: Path, *lines: str) -> Path:
    path = tmp_path / "corpus.csv"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def row(ident: str, title: str = "Layanan Contoh", year: str = "2020") -> str:
    return f"{ident},{title},Dinas Contoh,Kota Contoh,{year},Top 99,Uraian singkat.,https://x"


def errors(path: Path) -> list[str]:
    with pytest.raises(CorpusError) as caught:
        load_corpus(path)
    return [p.render() for p in caught.value.problems]


def entry(ident: str, year: int | None, since: int | None = None) -> PriorInnovation:
    return PriorInnovation(
        id=ident,
        title=ident,
        agency="a",
        region="r",
        year=year,
        since=since,
        award="",
        description="",
        source="",
    )


def test_load_corpus_default_reads_the_bundled_file() -> None:
    corpus = load_corpus()
    path = default_corpus_path()
    assert path.parts[-3:] == ("kipp", "data", "prior-innovations.csv")
    assert corpus.path == "kipp/data/prior-innovations.csv"  # no machine path in documents
    assert corpus.sha256 == hashlib.sha256(path.read_bytes()).hexdigest()
    assert len(corpus.entries) == 418
    assert corpus.entries[0] == PriorInnovation(
        id="pak-mawardi-kota-mojokerto-2023",
        title="Pak Mawardi (Pengurusan Akta Kematian Melalui Layanan WhatsApp Gratis "
        "Langsung Jadi)",
        agency="Dinas Kependudukan dan Pencatatan Sipil Kota Mojokerto",
        region="Kota Mojokerto, Jawa Timur",
        year=2023,
        award="KOVABLIK Jatim 2023 Finalis Top",
        description=corpus.entries[0].description,
        source="https://kabarterdepan.com/?p=12222",
    )


def test_load_corpus_custom_csv_in_any_column_order_with_bom_and_extra_column() -> None:
    corpus = load_corpus(DATA / "custom-corpus.csv")
    assert [(e.id, e.year) for e in corpus.entries] == [
        ("antar-akta-sleman", 2019),
        ("kebun-gizi-sekolah-kulon-progo", None),
        ("ambulans-desa-siaga-klaten", 2024),
    ]
    assert corpus.entries[0].title == "Layanan Antar Akta ke Rumah"
    assert corpus.entries[0].description == (
        "Akta kelahiran, KK dan KTP-el yang sudah jadi\ndiantar kurir ke rumah pemohon tanpa biaya."
    )


def test_until_keeps_awards_of_the_calls_year_or_before_and_drops_later_ones() -> None:
    corpus = Corpus(
        path="c.csv",
        sha256="abc",
        entries=(entry("a-2021", 2021), entry("b-2022", 2022), entry("c-2024", 2024)),
    )
    prior = corpus.until(date(2022, 4, 15))
    assert [e.id for e in prior.entries] == ["a-2021", "b-2022"]
    assert [e.same_year_as(date(2022, 4, 15)) for e in prior.entries] == [False, True]
    assert (prior.path, prior.sha256) == ("c.csv", "abc")


def test_until_keeps_entries_without_any_year() -> None:
    corpus = Corpus(path="c.csv", sha256="abc", entries=(entry("a", 2021), entry("b", None)))
    assert [e.id for e in corpus.until(date(2021, 12, 31)).entries] == ["a", "b"]
    assert [e.id for e in corpus.until(date(2020, 12, 31)).entries] == ["b"]


def test_until_dates_an_entry_by_its_launch_year_when_it_has_one() -> None:
    launched = entry("award-2024-since-2019", 2024, since=2019)
    late = entry("award-2022-since-2023", 2022, since=2023)
    corpus = Corpus(path="c.csv", sha256="abc", entries=(launched, late))
    prior = corpus.until(date(2022, 4, 15))
    assert [e.id for e in prior.entries] == ["award-2024-since-2019"]
    assert prior.entries[0].same_year_as(date(2022, 4, 15)) is False


def test_load_corpus_reads_the_launch_year_from_since_or_mulai(tmp_path: Path) -> None:
    for column in ("since", "mulai"):
        path = write(tmp_path, f"{HEADER},{column}", f"{row('a', year='2022')},2019")
        assert [(e.year, e.since) for e in load_corpus(path).entries] == [(2022, 2019)]


def test_load_corpus_bad_launch_year_names_the_column_and_the_fix(tmp_path: Path) -> None:
    path = write(tmp_path, f"{HEADER},since", f"{row('a')},sekitar 2019")
    assert errors(path) == [
        f"{path}:2: since: 'sekitar 2019' is not a year; write four digits from 1900 to 2100, "
        "e.g. 2021, or leave it empty",
    ]


def test_until_excludes_a_2024_entry_for_the_2022_call() -> None:
    corpus = load_corpus(DATA / "custom-corpus.csv")
    assert [e.id for e in corpus.until(date(2022, 4, 15)).entries] == [
        "antar-akta-sleman",
        "kebun-gizi-sekolah-kulon-progo",
    ]


def test_load_corpus_missing_columns_named_with_the_header_that_works(tmp_path: Path) -> None:
    path = write(tmp_path, "id,title,agency,description", "a,Layanan,Dinas,Uraian")
    assert errors(path) == [
        f"{path}:1: columns: missing columns region, year, award, source; the header row "
        f"must name the columns {HEADER}"
    ]


def test_load_corpus_bad_year_names_the_line_and_the_fix(tmp_path: Path) -> None:
    path = write(tmp_path, HEADER, row("a"), row("b", year="20x1"), row("c", year="1850"))
    assert errors(path) == [
        f"{path}:3: year: '20x1' is not a year; write four digits from 1900 to 2100, "
        "e.g. 2021, or leave it empty",
        f"{path}:4: year: '1850' is not a year; write four digits from 1900 to 2100, "
        "e.g. 2021, or leave it empty",
    ]


def test_load_corpus_duplicate_id_names_both_lines(tmp_path: Path) -> None:
    path = write(tmp_path, HEADER, row("a"), row("b"), row("a"))
    assert errors(path) == [
        f"{path}:4: id: 'a' is used already on line 2; ids must be unique",
    ]


def test_load_corpus_empty_id_and_title_reported(tmp_path: Path) -> None:
    path = write(tmp_path, HEADER, row("", title=""))
    assert errors(path) == [
        f"{path}:2: id: empty; give every row a unique id",
        f"{path}:2: title: empty; every row needs the innovation's name",
    ]


def test_load_corpus_lines_count_quoted_line_breaks(tmp_path: Path) -> None:
    path = write(
        tmp_path,
        HEADER,
        'a,Layanan,Dinas,Kota,2020,Top 99,"Baris satu',
        'baris dua",https://x',
        row("b", year="dua ribu"),
    )
    assert errors(path) == [
        f"{path}:4: year: 'dua ribu' is not a year; write four digits from 1900 to 2100, "
        "e.g. 2021, or leave it empty"
    ]


def test_load_corpus_wrong_field_count_says_to_quote(tmp_path: Path) -> None:
    path = write(tmp_path, HEADER, row("a") + ",lebih")
    assert errors(path) == [
        f"{path}:2: row: 9 fields, the header has 8; put texts that contain commas in double "
        'quotes ("...")'
    ]


def test_load_corpus_blank_lines_skipped(tmp_path: Path) -> None:
    path = write(tmp_path, HEADER, "", row("a"), ",,,,,,,")
    assert [e.id for e in load_corpus(path).entries] == ["a"]


def test_load_corpus_without_rows_is_an_error(tmp_path: Path) -> None:
    path = write(tmp_path, HEADER)
    assert errors(path) == [f"{path}: file: has no rows; add one prior innovation per row"]


def test_load_corpus_not_utf8_says_how_to_save(tmp_path: Path) -> None:
    path = tmp_path / "corpus.csv"
    path.write_bytes(f"{HEADER}\na,Layanan Kes\xe9hatan,D,K,2020,T,U,S\n".encode("latin-1"))
    assert errors(path) == [
        f"{path}: file: is not UTF-8 text; save it as 'CSV UTF-8' (comma-separated)"
    ]


def test_load_corpus_missing_file_reported_with_hint(tmp_path: Path) -> None:
    path = tmp_path / "nowhere.csv"
    with pytest.raises(CorpusError) as caught:
        load_corpus(path)
    assert said(caught.value.message) == (
        f"corpus {path} is not valid:\n{path}: file: cannot be read: No such file or directory"
    )
    assert said(caught.value.hint) == (
        "fix the rows listed, or leave out --corpus to use the bundled corpus"
    )


def test_load_corpus_problems_read_in_indonesian_with_the_hint(tmp_path: Path) -> None:
    path = write(tmp_path, "id,title\n")
    with pytest.raises(CorpusError) as caught:
        load_corpus(path)
    assert said(caught.value.message, Lang.ID) == (
        f"korpus {path} tidak sah:\n{path}:1: columns: kolom agency, region, year, award, "
        "description, source tidak ada; baris judul kolom harus menyebut kolom "
        "id,title,agency,region,year,award,description,source"
    )
    assert said(caught.value.hint, Lang.ID) == (
        "perbaiki baris yang disebut, atau jalankan tanpa --corpus untuk memakai korpus bawaan"
    )


def test_load_corpus_read_failing_transiently_raises_the_os_error_for_a_retry(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = write(tmp_path, HEADER, row("a"))
    blink = OSError(errno.EIO, "Input/output error")
    failing_open(monkeypatch, path, blink)
    with pytest.raises(OSError) as caught:
        load_corpus(path)
    assert caught.value is blink


def test_load_corpus_not_allowed_to_be_read_says_so(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = write(tmp_path, HEADER, row("a"))
    failing_open(monkeypatch, path, PermissionError(errno.EACCES, "Permission denied"))
    assert errors(path) == [f"{path}: file: cannot be read: Permission denied"]
