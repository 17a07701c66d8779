"""What a run shows in the Prefect UI, in the run's language: progress, the shortlist,
scores, validation problems and where the documents are. Built from the domain's views
(`kipp.documents.summaries`, `kipp.documents.render.views`); these helpers only choose keys
and shapes."""

import time
from collections.abc import Sequence
from pathlib import Path
from typing import Any, cast
from uuid import UUID

from prefect.artifacts import (
    create_markdown_artifact,
    create_progress_artifact,
    create_table_artifact,
    update_progress_artifact,
)

from kipp.core.catalogue import CATALOGUE
from kipp.core.i18n import Lang, render, tr
from kipp.documents.render.jinja import markdown_text
from kipp.documents.render.problem_views import field_label
from kipp.intake import Intake
from kipp.results import ProblemOut, UnreadOut

UPDATE_EVERY_S = 0.5
"""The least time between two moves of a progress artifact (the first and the last part
always move it)."""


class Progress:
    """A progress artifact that moves from 0 to 100 as `total` parts of `stage` finish. Each
    move is a call to the server, so parts that finish together (a re-run takes most of
    them from the cache; a national batch has over a hundred quick parts) move it at most
    once every `every_s` seconds. The first part always moves it, so a stage under way
    shows it, and the last, so a finished stage shows 100%; in between it may show fewer
    parts than are done, until the next part finishes."""

    def __init__(
        self, total: int, stage: str, lang: Lang = Lang.ID, every_s: float = UPDATE_EVERY_S
    ) -> None:
        self.total = total
        self.stage = stage
        self.lang = lang
        self.every_s = every_s
        self.done = 0
        self.shown_at = time.monotonic()
        created = create_progress_artifact(  # nothing to do is done: 100%
            progress=0.0 if total else 100.0, key="kipp-progress", description=self._describe()
        )
        self.id = cast(UUID, created)  # sync context: the call ran, not a coroutine

    def _describe(self) -> str:
        label = f"stage.label.{self.stage}"
        stage = tr(label, self.lang) if label in CATALOGUE else self.stage
        return tr("ui.progress", self.lang, stage=stage, done=self.done, total=self.total)

    def step(self) -> None:
        """One more part finished."""
        self.done += 1
        now = time.monotonic()
        if 1 < self.done < self.total and now - self.shown_at < self.every_s:
            return
        self.shown_at = now
        update_progress_artifact(
            self.id,
            progress=100.0 * min(self.done / self.total, 1.0) if self.total else 100.0,
            description=self._describe(),
        )


def _place(problem: ProblemOut) -> str:
    if problem.line is None:
        return ""
    return str(problem.line) if problem.column is None else f"{problem.line}:{problem.column}"


def problems_rows(intake: Intake, lang: Lang) -> list[dict[str, Any]]:
    """One row per validation problem (file notices first, then each proposal's) and one per
    unread file, in folder order, headed and worded in `lang`."""
    header = {c: tr(f"ui.problems.{c}", lang) for c in ("file", "place", "field", "kind")}
    header["message"] = tr("ui.problems.message", lang)
    rows: list[dict[str, Any]] = [
        {
            header["file"]: p.path,
            header["place"]: _place(p),
            header["field"]: field_label(p.field, lang),
            header["kind"]: tr(f"doc.severity.{p.severity}", lang),
            header["message"]: render(p.text, lang),
        }
        for p in map(ProblemOut.of, intake.problems())
    ]
    rows += [
        {
            header["file"]: u.path,
            header["place"]: "",
            header["field"]: "",
            header["kind"]: tr("ui.problems.unread", lang),
            header["message"]: render(u.text, lang),
        }
        for u in map(UnreadOut.of, intake.unread)
    ]
    return rows


def problems_table(intake: Intake, lang: Lang) -> None:
    """The validation problems as a table artifact (an empty table says: none)."""
    rows = problems_rows(intake, lang)
    empty = [tr(f"ui.problems.{c}", lang) for c in ("file", "place", "field", "kind", "message")]
    table: list[dict[str, Any]] | dict[str, list[Any]] = rows or {c: [] for c in empty}
    create_table_artifact(
        key="kipp-problems", table=table, description=tr("ui.problems", lang, count=len(rows))
    )


def files_markdown(folder: Path, paths: Sequence[str], lang: Lang) -> str:
    """Where the run's documents are: the folder and each file's path, as text (a browser
    cannot open a link to another machine's files)."""
    lines = [f"# {tr('ui.documents.heading', lang)}", ""]
    lines.append(markdown_text(tr("ui.documents.where", lang, folder=str(folder.resolve()))))
    lines.append("")
    scorecards = [p for p in paths if Path(p).parent.name == "scorecards"]
    for path in paths:
        if path not in scorecards:
            lines.append(f"- `{Path(path).resolve()}`")
    if scorecards:
        lines.append(f"- `{Path(scorecards[-1]).parent.resolve()}/` ({len(scorecards)})")
    return "\n".join(lines) + "\n"


def files_links(folder: Path, paths: Sequence[str], lang: Lang) -> None:
    """Where the documents are, as a markdown artifact."""
    create_markdown_artifact(
        key="kipp-documents",
        markdown=files_markdown(folder, paths, lang),
        description=tr("ui.documents", lang),
    )
