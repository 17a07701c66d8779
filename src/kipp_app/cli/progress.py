"""The progress display of `kipp run` in the terminal: the stage under way, in the
command's language, and how many parts of a split stage are done. It is drawn on standard
error and cleared when the run ends, so what stays is the summary."""

from __future__ import annotations

from rich.progress import BarColumn, MofNCompleteColumn, Progress, SpinnerColumn, TaskID, TextColumn

from kipp.core.catalogue import CATALOGUE
from kipp.core.i18n import Lang, tr
from kipp_app.cli.console import err


class StageProgress:
    """A `kipp_app.flows.progress.Listener` drawing one line: the stage being run."""

    def __init__(self, lang: Lang) -> None:
        self.lang = lang
        self.display = Progress(
            SpinnerColumn(),
            TextColumn("{task.description}"),
            BarColumn(bar_width=20),
            MofNCompleteColumn(),
            console=err,
            transient=True,
        )
        self.task: TaskID | None = None

    def __enter__(self) -> StageProgress:
        if err.is_terminal:  # a log file or a pipe gets the summary alone
            self.display.start()
        return self

    def __exit__(self, *exc: object) -> None:
        if self.display.live.is_started:
            self.display.stop()

    def _label(self, stage: str) -> str:
        key = f"stage.label.{stage}"
        return tr(key, self.lang) if key in CATALOGUE else stage

    def started(self, stage: str, parts: int) -> None:
        """Show `stage` as under way."""
        label = self._label(stage)
        if self.task is None:
            self.task = self.display.add_task(label, total=parts)
        else:
            self.display.reset(self.task, total=parts, description=label)

    def advanced(self, stage: str) -> None:
        """One part more of the stage under way is done."""
        if self.task is not None:
            self.display.advance(self.task)

    def finished(self, stage: str) -> None:
        """The stage under way is done."""
        if self.task is not None:
            self.display.update(self.task, completed=self.display.tasks[0].total)
