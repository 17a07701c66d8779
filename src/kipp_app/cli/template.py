"""`kipp template`: the submission templates an agency fills in (an XLSX form and a Markdown
proposal), in the call's terms and the command's language."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from kipp.core.i18n import Lang
from kipp.core.problems import KippError
from kipp.documents.template import write_templates
from kipp_app.cli.app import LangOption, RubricOption, app, rubric_or_exit
from kipp_app.cli.console import fail, out, say


@app.command()
def template(
    out_dir: Annotated[
        Path, typer.Argument(help="Folder to write the templates in (made when missing).")
    ],
    rubric: RubricOption = None,
    lang: LangOption = Lang.ID,
) -> None:
    """Write formulir-usulan-inovasi.xlsx (one proposal per row, with dropdowns and an
    instructions sheet) and usulan-inovasi.md (a Markdown proposal) into OUT_DIR, in --lang.
    Existing files are never overwritten: kipp stops with exit 2 and writes nothing."""
    loaded = rubric_or_exit(rubric, lang)
    try:
        written = write_templates(out_dir, loaded.rubric, lang)
    except KippError as exc:
        raise fail(exc, lang) from None
    out.print(
        say(
            lang,
            "cli.template.written",
            folder=str(written.folder),
            files=[path.name for path in written.files],
        )
    )
