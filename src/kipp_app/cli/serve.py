"""`kipp serve` and `kipp schema`: the deployments for the Prefect UI, and the JSON Schema
of a proposal for editors."""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Annotated

import typer

from kipp.core.i18n import Lang
from kipp.core.problems import KippError
from kipp.intake.schema import proposal_schema
from kipp_app.cli.app import LangOption, RubricOption, app, rubric_or_exit
from kipp_app.cli.console import err, fail, say


@app.command()
def serve(
    batch: Annotated[
        str, typer.Option(help="Batch folder the run forms start with.")
    ] = "submissions/mojokerto-2022",
    approval: Annotated[
        bool, typer.Option(help="Coordinator approval on by default in the score form.")
    ] = True,
    limit: Annotated[
        int | None, typer.Option(min=1, help="Most flow runs at once in this process.")
    ] = None,
    lang: LangOption = Lang.ID,
) -> None:
    """Serve the validate, score and assign deployments to the Prefect server of
    PREFECT_API_URL, their forms in --lang, and run what is triggered from its UI until
    interrupted (Ctrl-C)."""
    from kipp_app.flows.deployments import serve_kipp

    try:
        serve_kipp(batch, approval, limit, lang)
    except KippError as exc:  # no server configured, or it does not answer
        raise fail(exc, lang) from None


@app.command()
def schema(
    output: Annotated[
        Path | None, typer.Option("--out", "-o", help="Write to this file instead of stdout.")
    ] = None,
    rubric: RubricOption = None,
    lang: LangOption = Lang.ID,
) -> None:
    """Write the JSON Schema of a proposal file (for editor completion and checks)."""
    call = rubric_or_exit(rubric, lang).rubric.call
    content = json.dumps(proposal_schema(call), ensure_ascii=False, indent=2) + "\n"
    if output is None:
        sys.stdout.write(content)
    else:
        output.write_text(content, encoding="utf-8")
        err.print(say(lang, "cli.schema.written", path=str(output)))
