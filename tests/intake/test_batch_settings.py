"""The batch settings (`_kumpulan.yaml`): read once into the batch, every problem located by
line with its field and its fix, never read as a proposal."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from builders import write_text

from kipp.core.i18n import Lang, render
from kipp.intake import load_batch
from kipp.intake.settings import (
    MAX_SETTINGS_BYTES,
    SETTINGS_FILE,
    BatchSettings,
    Person,
    load_settings,
)
from kipp.rubric import load_rubric

SAMPLE = Path(__file__).resolve().parents[2] / "submissions" / "mojokerto-2022"


def problems(path: Path, lang: Lang = Lang.EN) -> list[str]:
    loaded = load_settings(path)
    assert loaded is not None and loaded.settings is None
    return [render(p.line_text(), lang) for p in loaded.problems]


def test_settings_read_people_and_dates_as_written(batch_dir: Path) -> None:
    path = write_text(
        batch_dir,
        SETTINGS_FILE,
        "region: Pemerintah Kota Contoh\n"
        "chair: {name: Ir. Sari Dewi, position: Asisten Administrasi Umum}\n"
        "officials:\n"
        "  - {name: Budi Santoso, position: Sekretaris Daerah, nip: 19700101 199501 1 000}\n"
        "meeting_date: 25 April 2022\n"
        "review_deadline: 2022-04-22\n",
    )

    loaded = load_settings(path)

    assert loaded is not None and loaded.problems == []
    assert loaded.settings == BatchSettings(
        region="Pemerintah Kota Contoh",
        chair=Person(name="Ir. Sari Dewi", position="Asisten Administrasi Umum"),
        officials=[
            Person(name="Budi Santoso", position="Sekretaris Daerah", nip="19700101 199501 1 000")
        ],
        meeting_date=date(2022, 4, 25),
        review_deadline=date(2022, 4, 22),
    )


def test_people_may_be_written_with_indonesian_keys(batch_dir: Path) -> None:
    path = write_text(
        batch_dir,
        SETTINGS_FILE,
        "region: Pemerintah Kota Contoh\nchair: {nama: Ir. Sari Dewi, jabatan: Asisten}\n",
    )

    loaded = load_settings(path)

    assert loaded is not None and loaded.settings is not None
    assert loaded.settings.chair == Person(name="Ir. Sari Dewi", position="Asisten")


def test_no_settings_file_is_no_settings(batch_dir: Path) -> None:
    assert load_settings(batch_dir / SETTINGS_FILE) is None


def test_settings_problems_name_line_field_and_fix(batch_dir: Path) -> None:
    path = write_text(
        batch_dir,
        SETTINGS_FILE,
        "unit: Bagian Organisasi\n"
        "chair:\n"
        "  name: Ir. Sari Dewi\n"
        "  gelar: Asisten\n"
        "officials:\n"
        "  - name: Budi Santoso\n"
        "    nip: 1970 0101\n"
        "meeting_date: 31 Juni 2022\n",
    )

    assert problems(path) == [
        f"{path}: region: required, but missing; add `region:`",
        f"{path}:4: chair.gelar: unknown setting; known settings here: name, position, nip",
        f"{path}:7: officials.1.nip: '1970 0101' is not a NIP; a NIP has 18 digits (spaces "
        "between the groups are allowed)",
        f"{path}:8: meeting_date: '31 Juni 2022' is not a real date: June 2022 has 30 days",
    ]
    assert problems(path, Lang.ID)[2] == (
        f"{path}:7: officials.1.nip: '1970 0101' bukan NIP; NIP terdiri atas 18 angka (spasi "
        "di antara kelompok angka boleh)"
    )


def test_settings_that_are_not_a_mapping_say_what_they_hold(batch_dir: Path) -> None:
    path = write_text(batch_dir, SETTINGS_FILE, "- Pemerintah Kota Contoh\n")

    assert problems(path) == [
        f"{path}: (file): the batch settings are a mapping, with at least region: (the "
        "region's name)"
    ]


def test_settings_too_big_are_refused_unread(batch_dir: Path) -> None:
    path = write_text(batch_dir, SETTINGS_FILE, "# " + "x" * MAX_SETTINGS_BYTES + "\n")

    assert problems(path) == [
        f"{path}: (file): {MAX_SETTINGS_BYTES + 3} bytes; the batch settings may hold at most "
        f"{MAX_SETTINGS_BYTES}"
    ]


def test_sample_batch_reads_its_settings_once_and_not_as_a_proposal() -> None:
    batch = load_batch(SAMPLE, load_rubric().rubric.call.choices())

    assert batch.settings is not None
    assert batch.settings.region == "Pemerintah Kota Mojokerto"
    assert batch.settings.chair == Person(
        name="Ir. Retno Wulandari, M.T.", position="Asisten Administrasi Umum Sekretariat Daerah"
    )
    assert batch.settings.meeting_date == date(2022, 4, 25)
    assert str(SAMPLE / SETTINGS_FILE) in batch.intake.ignored
    assert all(SETTINGS_FILE not in e.path for e in batch.intake.entries)


def test_a_time_zone_is_read_by_its_indonesian_name_or_its_iana_name(batch_dir: Path) -> None:
    read = {}
    for written in ("WIB", "wita", "WIT", "Asia/Jakarta"):
        path = write_text(batch_dir, SETTINGS_FILE, f"region: Kota Contoh\ntime_zone: {written}\n")
        loaded = load_settings(path)
        assert loaded is not None and loaded.settings is not None
        read[written] = loaded.settings.time_zone

    assert read == {
        "WIB": "Asia/Jakarta",
        "wita": "Asia/Makassar",
        "WIT": "Asia/Jayapura",
        "Asia/Jakarta": "Asia/Jakarta",
    }


def test_an_unknown_time_zone_is_located_under_the_key_written_with_its_fix(
    batch_dir: Path,
) -> None:
    path = write_text(batch_dir, SETTINGS_FILE, "region: Kota Contoh\nzona_waktu: Jawa Timur\n")

    assert problems(path) == [
        f"{path}:2: zona_waktu: 'Jawa Timur' is not a time zone; write WIB, WITA or WIT, or a "
        "zone's name such as Asia/Jakarta"
    ]
    assert problems(path, Lang.ID) == [
        f"{path}:2: zona_waktu: 'Jawa Timur' bukan zona waktu; tulis WIB, WITA atau WIT, atau "
        "nama zona seperti Asia/Jakarta"
    ]
