"""One fingerprint names every file a run read: the SHA-256 of the lines `sha256sum` prints
for them, in results.json's order. The technical annex of shortlist.md and .html shows it;
the shortlist PDF, kept whole while what it shows does not change, says where it is."""

from __future__ import annotations

import hashlib
import html
import shutil
import subprocess
from pathlib import Path

import pytest
from render_builders import full_results, rubric

from kipp.core.i18n import Lang, tr
from kipp.documents.render import render_html, render_markdown
from kipp.documents.render.html import render_print_html
from kipp.documents.render.views import inputs_fingerprint
from kipp.intake.own_files import InputFile


@pytest.mark.skipif(shutil.which("sha256sum") is None, reason="needs coreutils' sha256sum")
def test_the_fingerprint_is_sha256sum_of_the_files_hashed_again(tmp_path: Path) -> None:
    files = [tmp_path / "a.yaml", tmp_path / "b dengan spasi.md"]
    files[0].write_text("judul: A\n", encoding="utf-8")
    files[1].write_text("# B\n", encoding="utf-8")
    listing = subprocess.run(
        ["sha256sum", *map(str, files)], capture_output=True, check=True
    ).stdout
    inputs = [
        InputFile(path=str(f), sha256=hashlib.sha256(f.read_bytes()).hexdigest()) for f in files
    ]

    assert inputs_fingerprint(inputs) == hashlib.sha256(listing).hexdigest()


def test_any_byte_changed_in_any_file_changes_the_fingerprint() -> None:
    inputs = [InputFile(path="a.yaml", sha256="1" * 64), InputFile(path="b.md", sha256="2" * 64)]
    changed = [inputs[0], inputs[1].model_copy(update={"sha256": "3" * 64})]

    assert inputs_fingerprint(inputs) != inputs_fingerprint(changed)
    assert inputs_fingerprint(inputs) != inputs_fingerprint(inputs[::-1])


@pytest.mark.parametrize("lang", [Lang.ID, Lang.EN])
def test_the_annex_shows_the_fingerprint_and_the_pdf_says_where_it_is(lang: Lang) -> None:
    results = full_results(lang)
    fingerprint = inputs_fingerprint(results.run.inputs)
    label = tr("doc.manifest.inputs_sha256", lang)

    assert f"| {label} | {fingerprint} |" in render_markdown(results, rubric(), lang)
    assert f'<dd class="hash">{fingerprint}</dd>' in render_html(results, rubric(), lang)
    printable = html.unescape(render_print_html(results, rubric()))
    assert fingerprint not in printable  # the same pages while what they show is the same
    assert tr("minutes.doc.technical.note_print", lang) in printable
