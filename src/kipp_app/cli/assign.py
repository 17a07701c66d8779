"""`kipp assign`: reviewers for every eligible proposal, one scoresheet per reviewer."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path
from typing import Annotated

import typer

from kipp import pipeline
from kipp.assignment.plan import AssignPlan, check_sheets_folder
from kipp.core.i18n import Lang
from kipp.core.problems import KippError
from kipp_app.cli.app import LangOption, RubricOption, app, rubric_or_exit
from kipp_app.cli.console import Style, fail, out, say, shown


@app.command()
def assign(
    batch: Annotated[Path, typer.Argument(help="Folder holding the proposal files.")],
    panel: Annotated[
        Path | None, typer.Option(help="Reviewer panel YAML; defaults to BATCH/reviewers.yaml.")
    ] = None,
    per_proposal: Annotated[
        int | None,
        typer.Option("--per-proposal", "-k", min=1, help="Reviewers per proposal; the rubric's."),
    ] = None,
    seed: Annotated[int, typer.Option(help="Same seed, same assignment.")] = 0,
    out_dir: Annotated[
        Path | None, typer.Option("--out", "-o", help="Scoresheet folder; BATCH/_reviews.")
    ] = None,
    rubric: RubricOption = None,
    blind: Annotated[
        bool | None,
        typer.Option(
            "--blind/--no-blind",
            help="Packets without agency and innovator names, proposals under packet codes.",
        ),
    ] = None,
    force: Annotated[
        bool, typer.Option(help="Overwrite scoresheets already in the output folder.")
    ] = False,
    deadline: Annotated[
        datetime | None,
        typer.Option(
            formats=["%Y-%m-%d"],
            help="Date the sheets are due back (YYYY-MM-DD), shown on their instructions.",
        ),
    ] = None,
    corpus: Annotated[
        Path | None,
        typer.Option(help="Prior innovations CSV for the similar innovations; the bundled."),
    ] = None,
    lang: LangOption = Lang.ID,
) -> None:
    """Assign reviewers to every eligible proposal and write one scoresheet per reviewer.

    Every eligible proposal gets K reviewers, loads differ by at most one, and nobody reviews
    their own agency's proposals or a declared conflict (agencies read through the batch's
    agency registry, _agencies.yaml, when there is one). Writes REVIEWER.xlsx (scores,
    instructions with the return date, each proposal's evidence and similar innovations,
    texts), csv/REVIEWER.csv and assignments.csv (with each proposal's packet code when
    blind: keep it with the sheets). Exit status 0 when written, 2 when no assignment is
    possible.
    """
    target = out_dir or batch / "_reviews"
    given: dict[str, object] = {
        "batch_folder": batch,
        "rubric": rubric_or_exit(rubric, lang),
        "panel_path": panel,
        "per_proposal": per_proposal,
        "seed": seed,
        "blind": blind,
        "lang": lang,
        "sheets_out": target,
        "force": force,
        "deadline": deadline.date() if deadline is not None else None,
        "corpus_path": corpus,
    }
    try:
        check_sheets_folder(target)  # before any work; checked again before writing
        values = pipeline.run(("scoresheets",), given)
    except KippError as exc:
        raise fail(exc, lang) from None
    plan: AssignPlan = values["assignment"]  # type: ignore[assignment]
    loads = sorted(plan.loads.values()) or [0]
    line = say(
        lang,
        "cli.assign.plan",
        Style.BOLD,
        proposals=plan.proposals,
        per_proposal=plan.per_proposal,
        reviews=len(plan.assignments),
        reviewers=plan.reviewers,
        low=loads[0],
        high=loads[-1],
    )
    if plan.blind:
        line += " " + say(lang, "cli.assign.blind", Style.DIM)
    out.print(line)
    for reviewer, count in plan.loads.items():
        out.print(f"  {shown(reviewer)}: {count}")
    out.print(say(lang, "cli.assign.written", folder=str(target)))
