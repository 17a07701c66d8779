"""`kipp validate`: check every file of a batch against the submission format."""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Annotated, Any

import typer

from kipp import pipeline
from kipp.core.i18n import Lang, render
from kipp.core.problems import KippError, Problem, Severity
from kipp.intake import Intake, Limits, Status
from kipp.intake.proposals import PANEL_FILES
from kipp.intake.reading import MIB
from kipp.results.model import ProblemOut, UnreadOut
from kipp_app.cli.app import LangOption, RubricOption, app, rubric_or_exit
from kipp_app.cli.console import (
    EXIT_INVALID,
    EXIT_OK,
    Style,
    err,
    fail,
    out,
    say,
    shown,
    styled,
    words,
)


@app.command()
def validate(
    batch: Annotated[Path, typer.Argument(help="Folder holding the proposal files.")],
    rubric: RubricOption = None,
    as_json: Annotated[bool, typer.Option("--json", help="Print the report as JSON.")] = False,
    max_file_mb: Annotated[
        float, typer.Option(help="Largest proposal file (.yaml/.json/.md) read, in MB.")
    ] = Limits().max_text_bytes / MIB,
    max_sheet_mb: Annotated[
        float, typer.Option(help="Largest spreadsheet export (.csv/.xlsx) read, in MB.")
    ] = Limits().max_sheet_bytes / MIB,
    lang: LangOption = Lang.ID,
) -> None:
    """Check every file of a batch against the submission format; start nothing else.

    Exit status: 0 when every file is a valid proposal, 1 when some are invalid or unread
    (all are still reported), 2 for a usage problem or an unreadable rubric.
    """
    limits = Limits(
        max_text_bytes=max(1, int(max_file_mb * MIB)),
        max_sheet_bytes=max(1, int(max_sheet_mb * MIB)),
    )
    given = {
        "batch_folder": batch,
        "rubric": rubric_or_exit(rubric, lang),
        "limits": limits,
    }
    try:
        values = pipeline.run(("batch",), given)
    except KippError as exc:
        raise fail(exc, lang) from None
    intake = values["batch"].intake  # type: ignore[attr-defined]
    if as_json:
        sys.stdout.write(json.dumps(validation_json(intake), ensure_ascii=False, indent=2) + "\n")
    else:
        print_validation(intake, lang)
        # the batch's settings and agency registry: their problems stop no run, and are said
        for loaded in (values["batch"].settings_load, values["batch"].registry_load):  # type: ignore[attr-defined]
            for problem in [] if loaded is None else loaded.problems:
                err.print(styled(shown(render(problem.line_text(), lang)), Style.BAD))
    if not intake.entries:  # an empty folder, or nothing in it a proposal
        err.print(say(lang, "cli.no_proposals", Style.BAD, folder=str(batch)))
        raise typer.Exit(EXIT_INVALID)
    clean = (
        not intake.invalid
        and not intake.unread
        and not any(n.severity is Severity.ERROR for n in intake.notices)
    )
    raise typer.Exit(EXIT_OK if clean else EXIT_INVALID)


def validation_json(intake: Intake) -> dict[str, Any]:
    """The `kipp validate --json` document: problems as in results.json."""
    problems = intake.problems()
    return {
        "batch": intake.folder,
        "summary": _summary(intake)
        | {
            "errors": sum(p.severity is Severity.ERROR for p in problems),
            "warnings": sum(p.severity is Severity.WARNING for p in problems),
        },
        "proposals": [
            {
                "id": e.id,
                "source": e.source,
                "title": e.title,
                "agency": e.agency,
                "status": e.status.value,
                "problems": [
                    ProblemOut.of(p).model_dump(mode="json", exclude={"path"}) for p in e.problems
                ],
            }
            for e in intake.entries
        ],
        "notices": [ProblemOut.of(n).model_dump(mode="json") for n in intake.notices],
        "unread": [UnreadOut.of(u).model_dump(mode="json") for u in intake.unread],
        "ignored": intake.ignored,
    }


def _summary(intake: Intake) -> dict[str, int]:
    return {
        "files": intake.file_count,
        "proposals": len(intake.entries),
        "valid": len(intake.valid),
        "invalid": len(intake.invalid),
        "unread": len(intake.unread),
        "ignored": len(intake.ignored),
    }


def print_validation(intake: Intake, lang: Lang) -> None:
    """The readable report: every file, its proposals, and each problem on one line."""
    out.print(say(lang, "cli.validate.batch", Style.BOLD, folder=intake.folder))
    by_path: dict[str, list[Any]] = {}
    for entry in intake.entries:
        by_path.setdefault(entry.path, []).append(entry)
    notices: dict[str, list[Problem]] = {}
    for notice in intake.notices:
        notices.setdefault(notice.path, []).append(notice)
    labels = {
        key: say(lang, key) for key in ("cli.valid", "cli.invalid", "cli.unread", "cli.ignored")
    }
    width = max(len(label) for label in labels.values())

    def mark(key: str, style: Style) -> str:
        return styled(labels[key].ljust(width), style)

    for path in sorted(set(by_path) | set(notices)):
        for notice in notices.get(path, []):
            problem_line(notice, lang, indent="  ")
        for entry in by_path.get(path, []):
            ok = entry.status is Status.VALID
            status = mark("cli.valid", Style.GOOD) if ok else mark("cli.invalid", Style.BAD)
            label = shown(entry.title) if entry.title else say(lang, "cli.untitled")
            out.print(f"  {status} {shown(entry.source)}  [dim]{shown(entry.id)}[/]  {label}")
            for problem in entry.problems:
                problem_line(problem, lang, indent="      ")
    unread = mark("cli.unread", Style.NOTE)
    for item in intake.unread:
        out.print(f"  {unread} {shown(item.path)}: {shown(words(item.reason, lang))}")
    for ignored in intake.ignored:
        why = (
            "cli.validate.ignored_panel"
            if Path(ignored).name in PANEL_FILES
            else "cli.validate.ignored_name"
        )
        out.print(
            f"  [dim]{labels['cli.ignored'].ljust(width)} {shown(ignored)} ({say(lang, why)})[/]"
        )
    warnings = sum(p.severity is Severity.WARNING for p in intake.problems())
    key = "cli.validate.summary_warnings" if warnings else "cli.validate.summary"
    out.print(say(lang, key, Style.BOLD, warnings=warnings, **_summary(intake)))


def problem_line(problem: Problem, lang: Lang, indent: str) -> None:
    """Print `problem` on one line, located, after its severity."""
    error = problem.severity is Severity.ERROR
    label = say(lang, "cli.error" if error else "cli.warning", Style.BAD if error else Style.NOTE)
    out.print(f"{indent}{label}: {shown(problem.render(lang))}")
