"""A batch folder in, every file accounted for exactly once out."""

from __future__ import annotations

import builtins
import errno
import os
from pathlib import Path
from typing import Any

import pytest
from builders import (
    DROP,
    FORM_HEADERS,
    form_row,
    line_of,
    load,
    proposal_data,
    rendered,
    said,
    write_bytes,
    write_csv,
    write_json,
    write_md,
    write_text,
    write_xlsx,
    write_yaml,
)

from kipp.core.i18n import Lang
from kipp.core.models import CallChoices
from kipp.core.problems import BatchError, Severity
from kipp.intake import Intake, Limits, Status, title_key


def accounted(batch: Intake) -> list[str]:
    """Every file the batch reports, once per file, in the order reported."""
    files = [e.path for e in batch.entries if e.row is None]
    sheets = {e.path for e in batch.entries if e.row is not None}
    return sorted([*files, *sheets, *(u.path for u in batch.unread)])


def test_batch_accounts_for_every_file_once(batch_dir: Path, choices: CallChoices) -> None:
    valid = write_yaml(batch_dir, "gayatri.yaml", proposal_data(title="Gayatri Dinkes"))
    invalid = write_json(batch_dir, "magis.json", proposal_data(title="MAGIS", sdgs=19))
    sheet = write_csv(
        batch_dir, "form.csv", [FORM_HEADERS, form_row("PPDB Online"), form_row("E-Surat")]
    )
    nested = write_md(
        batch_dir, "dinkes/si-mapan.md", proposal_data(title="Si Mapan RSUD", sections=DROP)
    )
    stray = write_bytes(batch_dir, "surat.docx", b"PK\x03\x04")
    batch = load(batch_dir, choices)
    assert [(e.source, e.status) for e in batch.entries] == [
        (str(nested), Status.VALID),
        (f"{sheet}#2", Status.VALID),
        (f"{sheet}#3", Status.VALID),
        (str(valid), Status.VALID),
        (str(invalid), Status.INVALID),
    ]
    assert [u.path for u in batch.unread] == [str(stray)]
    assert accounted(batch) == sorted(map(str, [valid, invalid, sheet, nested, stray]))
    assert [i.path for i in batch.inputs] == [str(nested), str(sheet), str(valid), str(invalid)]


def test_batch_ignores_names_starting_with_dot_or_underscore(
    batch_dir: Path, choices: CallChoices
) -> None:
    write_yaml(batch_dir, "_draft.yaml", "judul: [rusak\n")
    write_yaml(batch_dir, ".hidden.yaml", "judul: [rusak\n")
    write_yaml(batch_dir, "_arsip/lama.yaml", "judul: [rusak\n")
    write_yaml(batch_dir, ".git/config.yaml", "judul: [rusak\n")
    kept = write_yaml(batch_dir, "ok.yaml", proposal_data())
    batch = load(batch_dir, choices)
    assert [e.path for e in batch.entries] == [str(kept)]
    assert batch.unread == []
    assert batch.ignored == [
        f"{batch_dir}{os.sep}.git{os.sep}",
        f"{batch_dir}{os.sep}.hidden.yaml",
        f"{batch_dir}{os.sep}_arsip{os.sep}",
        f"{batch_dir}{os.sep}_draft.yaml",
    ]


def test_batch_reads_subfolders_in_path_order(batch_dir: Path, choices: CallChoices) -> None:
    paths = [
        write_yaml(batch_dir, "b/z.yaml", proposal_data(title="Inovasi Zeta")),
        write_yaml(batch_dir, "a.yaml", proposal_data(title="Inovasi Alfa")),
        write_yaml(batch_dir, "b/a/y.yaml", proposal_data(title="Inovasi Ypsilon")),
    ]
    batch = load(batch_dir, choices)
    assert [e.path for e in batch.entries] == [str(paths[1]), str(paths[2]), str(paths[0])]


def test_batch_empty_folder_is_an_empty_batch(batch_dir: Path, choices: CallChoices) -> None:
    batch = load(batch_dir, choices)
    assert (batch.entries, batch.unread, batch.ignored, batch.inputs) == ([], [], [], [])


def test_batch_missing_folder_raises(tmp_path: Path, choices: CallChoices) -> None:
    with pytest.raises(BatchError) as raised:
        load(tmp_path / "tidak-ada", choices)
    assert (said(raised.value.message), said(raised.value.hint)) == (
        f"batch folder {tmp_path / 'tidak-ada'} does not exist",
        "check the path",
    )
    assert (said(raised.value.message, Lang.ID), said(raised.value.hint, Lang.ID)) == (
        f"folder kumpulan proposal {tmp_path / 'tidak-ada'} tidak ada",
        "periksa jalurnya",
    )


def test_batch_file_instead_of_folder_raises(tmp_path: Path, choices: CallChoices) -> None:
    path = write_yaml(tmp_path, "p.yaml", proposal_data())
    with pytest.raises(BatchError) as raised:
        load(path, choices)
    assert (said(raised.value.message), said(raised.value.hint)) == (
        f"{path} is not a folder",
        "give the folder that holds the proposals",
    )


def test_batch_duplicate_ids_reported_on_both_files(batch_dir: Path, choices: CallChoices) -> None:
    first = write_yaml(batch_dir, "a.yaml", proposal_data(id="ppdb", title="PPDB Online"))
    second = write_yaml(batch_dir, "b.yaml", proposal_data(id="ppdb", title="PPDB Luring"))
    batch = load(batch_dir, choices)
    assert [rendered(e) for e in batch.entries] == [
        [
            f"{first}:{line_of(first, 'id:')}: id: id 'ppdb' is also used by b.yaml; "
            "give each proposal its own id"
        ],
        [
            f"{second}:{line_of(second, 'id:')}: id: id 'ppdb' is also used by a.yaml; "
            "give each proposal its own id"
        ],
    ]
    assert [e.status for e in batch.entries] == [Status.INVALID, Status.INVALID]


def test_batch_default_ids_from_the_same_file_name_clash(
    batch_dir: Path, choices: CallChoices
) -> None:
    first = write_yaml(batch_dir, "dinkes/gayatri.yaml", proposal_data(title="Gayatri Satu"))
    second = write_md(batch_dir, "gayatri.md", proposal_data(title="Gayatri Dua", sections=DROP))
    assert [rendered(e) for e in load(batch_dir, choices).entries] == [
        [f"{first}: id: id 'gayatri' is also used by gayatri.md; give each proposal its own id"],
        [
            f"{second}: id: id 'gayatri' is also used by dinkes/gayatri.yaml; "
            "give each proposal its own id"
        ],
    ]


def test_batch_duplicate_titles_ignore_case_spacing_and_punctuation(
    batch_dir: Path, choices: CallChoices
) -> None:
    first = write_yaml(batch_dir, "a.yaml", proposal_data(title="Curhat Ning Ita!"))
    second = write_json(batch_dir, "b.json", proposal_data(title="curhat  ning-ita"))
    third = write_yaml(batch_dir, "c.yaml", proposal_data(title="Curhat Ning Ita (2)"))
    batch = load(batch_dir, choices)
    same = "each proposal needs its own title (the same innovation is proposed once)"
    second_line = next(
        i for i, text in enumerate(second.read_text().splitlines(), 1) if '"title"' in text
    )
    assert [rendered(e) for e in batch.entries] == [
        [f"{first}:{line_of(first, 'title:')}: title: same title as b.json; {same}"],
        [f"{second}:{second_line}: title: same title as a.yaml; {same}"],
        [],
    ]
    assert batch.entries[2].path == str(third)
    # a repeated title is a warning at intake; the rubric's unique_title gate rules on it
    assert [e.status for e in batch.entries] == [Status.VALID, Status.VALID, Status.VALID]
    assert {p.severity for e in batch.entries for p in e.problems} == {Severity.WARNING}


def test_batch_title_shared_by_three_names_both_others(
    batch_dir: Path, choices: CallChoices
) -> None:
    paths = [
        write_yaml(batch_dir, f"{n}.yaml", proposal_data(title="Brantas Tuntas")) for n in "abc"
    ]
    messages = [rendered(e)[0] for e in load(batch_dir, choices).entries]
    assert messages[1] == (
        f"{paths[1]}:1: title: same title as a.yaml, c.yaml; each proposal needs its own "
        "title (the same innovation is proposed once)"
    )


def test_batch_duplicate_in_a_spreadsheet_names_row_and_column(
    batch_dir: Path, choices: CallChoices
) -> None:
    yaml_path = write_yaml(batch_dir, "a.yaml", proposal_data(title="PPDB Online"))
    sheet = write_xlsx(
        batch_dir, "form.xlsx", [FORM_HEADERS, form_row("E-Surat"), form_row("PPDB online")]
    )
    batch = load(batch_dir, choices)
    same = "each proposal needs its own title (the same innovation is proposed once)"
    assert [rendered(e) for e in batch.entries] == [
        [f"{yaml_path}:1: title: same title as form.xlsx#3; {same}"],
        [],
        [f"{sheet}:3:A: title: same title as a.yaml; {same}"],
    ]


def test_batch_duplicates_within_one_spreadsheet(batch_dir: Path, choices: CallChoices) -> None:
    rows = [
        ["kode", *FORM_HEADERS],
        ["ppdb", *form_row("PPDB Online")],
        ["ppdb", *form_row("E-Surat")],
    ]
    sheet = write_csv(batch_dir, "form.csv", rows)
    assert [rendered(e) for e in load(batch_dir, choices).entries] == [
        [f"{sheet}:2:A: id: id 'ppdb' is also used by form.csv#3; give each proposal its own id"],
        [f"{sheet}:3:A: id: id 'ppdb' is also used by form.csv#2; give each proposal its own id"],
    ]


def test_batch_problems_lists_notices_then_entries(batch_dir: Path, choices: CallChoices) -> None:
    sheet = write_csv(batch_dir, "form.csv", [["Cap waktu", *FORM_HEADERS], ["x", *form_row()]])
    bad = write_yaml(batch_dir, "z.yaml", proposal_data(title="Lain Lagi", digital="?"))
    assert [p.render() for p in load(batch_dir, choices).problems()] == [
        f"{sheet}:1:A: Cap waktu: column is not a proposal field, so it is not read",
        f"{bad}:{line_of(bad, 'digital:')}: digital: '?' is not yes or no; "
        "write true/false (or ya/tidak)",
    ]


def test_batch_records_the_hash_of_every_file_read(batch_dir: Path, choices: CallChoices) -> None:
    path = write_text(batch_dir, "p.yaml", "judul: x\n")
    assert [(i.path, i.sha256) for i in load(batch_dir, choices).inputs] == [
        (str(path), "74bd08d48496ba9627e1cda68e2409bcc69b4a238be153718d195bf7d7d9025d")
    ]


EIO = OSError(errno.EIO, "Input/output error")
NO_WAIT = Limits(reread_delays_s=(0, 0))


def fail_reads(
    monkeypatch: pytest.MonkeyPatch, call: str, path: Path, times: int, error: OSError = EIO
) -> list[int]:
    """Make the OS call `call` (`open`, `os.lstat` or `os.stat`) fail `times` times on `path`
    (then work again); the list returned counts the attempts on `path`."""
    module, name = (builtins, "open") if call == "open" else (os, call.removeprefix("os."))
    real = getattr(module, name)
    attempts: list[int] = []

    def flaky(file: Any, *args: Any, **kwargs: Any) -> Any:
        if os.fspath(file) == str(path):
            attempts.append(1)
            if len(attempts) <= times:
                raise error
        return real(file, *args, **kwargs)

    monkeypatch.setattr(module, name, flaky)
    return attempts


@pytest.mark.parametrize("call", ["open", "os.lstat", "os.stat"])
def test_batch_reads_again_a_file_whose_read_failed_once_transiently(
    batch_dir: Path, choices: CallChoices, monkeypatch: pytest.MonkeyPatch, call: str
) -> None:
    path = write_yaml(batch_dir, "gayatri.yaml", proposal_data(title="Gayatri Dinkes"))
    attempts = fail_reads(monkeypatch, call, path, times=1)
    batch = load(batch_dir, choices)
    assert ([(e.source, e.status) for e in batch.valid], batch.unread) == (
        [(str(path), Status.VALID)],
        [],
    )
    assert len(attempts) == 2


def test_batch_reports_unread_a_file_that_still_fails_after_two_more_tries(
    batch_dir: Path, choices: CallChoices, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = write_yaml(batch_dir, "gayatri.yaml", proposal_data(title="Gayatri Dinkes"))
    other = write_yaml(batch_dir, "magis.yaml", proposal_data(title="MAGIS"))
    attempts = fail_reads(monkeypatch, "open", path, times=3)
    batch = load(batch_dir, choices, NO_WAIT)
    assert [(u.path, said(u.reason)) for u in batch.unread] == [
        (str(path), "cannot be read: Input/output error")
    ]
    assert ([e.source for e in batch.valid], len(attempts)) == ([str(other)], 3)


def test_batch_does_not_read_again_a_file_it_may_not_read(
    batch_dir: Path, choices: CallChoices, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = write_yaml(batch_dir, "gayatri.yaml", proposal_data(title="Gayatri Dinkes"))
    denied = PermissionError(errno.EACCES, "Permission denied")
    attempts = fail_reads(monkeypatch, "open", path, times=1, error=denied)
    batch = load(batch_dir, choices, NO_WAIT)
    assert [(u.path, said(u.reason)) for u in batch.unread] == [
        (str(path), "cannot be read: Permission denied")
    ]
    assert len(attempts) == 1


def test_batch_stops_waiting_to_read_again_once_its_budget_is_spent(
    batch_dir: Path, choices: CallChoices, monkeypatch: pytest.MonkeyPatch
) -> None:
    first = write_yaml(batch_dir, "a.yaml", proposal_data(title="Gayatri Dinkes"))
    second = write_yaml(batch_dir, "b.yaml", proposal_data(title="MAGIS"))
    first_attempts = fail_reads(monkeypatch, "open", first, times=3)
    second_attempts = fail_reads(monkeypatch, "open", second, times=3)
    limits = Limits(reread_delays_s=(0.05, 1.0), reread_budget_s=0.08)
    batch = load(batch_dir, choices, limits)
    assert [(u.path, said(u.reason)) for u in batch.unread] == [
        (str(first), "cannot be read: Input/output error"),
        (str(second), "cannot be read: Input/output error"),
    ]
    # the first waits 0.05 s once; the 0.03 s left cannot pay for another wait
    assert (len(first_attempts), len(second_attempts)) == (2, 1)


def test_title_key_ignores_case_spacing_and_punctuation() -> None:
    assert title_key("Curhat  Ning-Ita!") == title_key("curhat ning ita") == "curhatningita"


def test_title_key_keeps_letters_of_any_script() -> None:
    assert title_key("Inovasi Café 2022") == "inovasicafé2022"
