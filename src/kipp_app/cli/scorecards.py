"""`kipp scorecards`: the agencies' scorecards of a finished run, written again."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from kipp import pipeline
from kipp.core.i18n import Lang
from kipp.core.problems import KippError
from kipp.pipeline import Written
from kipp.results import Results
from kipp_app.cli.app import LangOption, RubricOption, app, rubric_or_exit
from kipp_app.cli.console import fail, out, say


@app.command()
def scorecards(
    out_dir: Annotated[Path, typer.Argument(help="Output folder of a run (holds results.json).")],
    rubric: RubricOption = None,
    pdf: Annotated[
        bool, typer.Option("--pdf/--html-only", help="Also write each scorecard as PDF.")
    ] = True,
    lang: LangOption = Lang.ID,
) -> None:
    """Write the agencies' scorecards of a finished run into OUT/scorecards/ (HTML, and PDF
    unless --html-only), without running the pipeline again. `kipp run` writes PDFs itself
    only for small batches."""
    loaded = rubric_or_exit(rubric, lang)
    source = out_dir / "results.json"
    try:
        results = Results.model_validate_json(source.read_bytes())
    except (OSError, ValueError) as exc:
        error = KippError.of(
            "error.results_unreadable",
            "hint.results_unreadable",
            path=str(source),
            reason=str(exc),
        )
        raise fail(error, lang) from None
    if results.run.rubric != loaded.rubric.id:
        error = KippError.of(
            "error.results_rubric",
            "hint.results_rubric",
            path=str(source),
            found=results.run.rubric,
            given=loaded.rubric.id,
        )
        raise fail(error, lang)
    if results.run.rubric_sha256 != loaded.sha256:  # the same id, other levels or weights
        error = KippError.of(
            "error.results_rubric_content",
            "hint.results_rubric",
            path=str(source),
            rubric=loaded.rubric.id,
            found=results.run.rubric_sha256[:12],
            given=loaded.sha256[:12],
        )
        raise fail(error, lang)
    given = {"results": results, "rubric": loaded, "out": out_dir, "pdf_scorecards": pdf}
    written: Written = pipeline.run(("scorecard_files",), given)["scorecard_files"]  # type: ignore[assignment]
    out.print(
        say(
            lang,
            "cli.scorecards.written",
            count=len(results.proposals),
            folder=str(written.files[-1].parent),
            reused=written.reused,
            rendered=written.rendered,
        )
    )
