"""The prior-innovation corpus: innovations already awarded or reported, read from CSV.

The package ships one (`kipp/data/prior-innovations.csv`, see its README); a user with the
national data points the pipeline at their own CSV in the same columns (`--corpus`). The
file is read once, here, at the edge; every problem is reported with its line and the fix.
"""

from __future__ import annotations

import csv
import hashlib
import io
from datetime import date
from importlib import resources
from pathlib import Path

from pydantic import BaseModel, ConfigDict

from kipp.core.i18n import Text, text
from kipp.core.problems import KippError, Problem
from kipp.core.transient import is_transient

COLUMNS = ("id", "title", "agency", "region", "year", "award", "description", "source")
# the launch year, when the source says when the innovation began (`mulai` in Indonesian)
SINCE = "since"
SINCE_NAMES = (SINCE, "mulai")
YEAR_MIN, YEAR_MAX = 1900, 2100


class PriorInnovation(BaseModel):
    """One innovation already awarded or reported somewhere; `year` is the award's or
    report's (None when the source gives none), `since` the year it began, when known."""

    model_config = ConfigDict(frozen=True)

    id: str
    title: str
    agency: str
    region: str
    year: int | None
    award: str
    description: str
    source: str
    since: int | None = None

    def same_year_as(self, cutoff: date) -> bool:
        """Whether the entry is known only by an award or report of the call's own year: it
        existed when the call closed or soon after (compared, and said so)."""
        return self.since is None and self.year == cutoff.year


class Corpus(BaseModel):
    """Prior innovations with the file they came from and that file's sha256."""

    model_config = ConfigDict(frozen=True)

    path: str
    sha256: str
    entries: tuple[PriorInnovation, ...]

    def until(self, cutoff: date) -> Corpus:
        """The prior art as of `cutoff` (the call's deadline): what existed by then.

        An entry's launch year (`since`) says when it began: it is prior art when it began
        in the call's year or before. Without one, its award or report year stands in: an
        innovation is awarded after it began, so an entry of the call's own year or before
        is compared (one of the call's year is marked `same_year_as` the call), and one of a
        later year is not. Entries without any year are kept: dropping them would hide a
        possible replication. The sha256 stays the file's.
        """
        year = cutoff.year
        kept = tuple(
            e
            for e in self.entries
            if (e.since <= year if e.since is not None else e.year is None or e.year <= year)
        )
        return self.model_copy(update={"entries": kept})


class CorpusError(KippError):
    """The corpus file cannot be read or has invalid rows; carries every problem found."""

    def __init__(self, path: Path | str, problems: list[Problem]) -> None:
        self.path = str(path)
        self.problems = problems
        lines = [p.line_text() for p in problems]
        super().__init__(
            text("corpus.invalid", path=self.path, problems=lines), text("corpus.invalid.hint")
        )


def default_corpus_path() -> Path:
    """Where the bundled corpus is installed (inside the `kipp` package)."""
    return Path(str(resources.files("kipp").joinpath("data", "prior-innovations.csv")))


BUNDLED_NAME = "kipp/data/prior-innovations.csv"
"""How results and documents name the bundled corpus: inside the package, not where this
machine happens to have it installed."""


def load_corpus(path: Path | None = None) -> Corpus:
    """Read and validate a corpus CSV (the bundled one when `path` is None, then named
    `BUNDLED_NAME` in the corpus and every document).

    Raises CorpusError naming every problem: an unreadable file, missing columns (and the
    header that would work), and rows with an empty id or title, a duplicate id, a wrong
    number of fields or a year (or launch year, the optional column `since` or `mulai`) that
    is not a year. Extra columns are ignored. A read that
    failed transiently (`kipp.core.transient.is_transient`) raises its `OSError` as it is, for the
    caller to try again.
    """
    given = path is not None
    path = path or default_corpus_path()
    shown = str(path)  # problems name the file where it is, to be found and fixed
    try:
        data = path.read_bytes()
    except OSError as exc:
        if is_transient(exc):
            raise  # may pass: the caller (a retried task) tries again
        reason = exc.strerror or str(exc)
        cannot = text("file.cannot_read", reason=reason)
        raise CorpusError(shown, [_problem(shown, "file", cannot)]) from None
    try:
        decoded = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise CorpusError(shown, [_problem(shown, "file", text("corpus.not_utf8"))]) from None
    entries, problems = _parse(shown, decoded)
    if problems:
        raise CorpusError(shown, problems)
    named = shown if given else BUNDLED_NAME
    return Corpus(path=named, sha256=hashlib.sha256(data).hexdigest(), entries=tuple(entries))


def _problem(path: str, field: str, message: Text, line: int | None = None) -> Problem:
    return Problem(path=path, field=field, message=message, line=line)


def _parse(path: str, source: str) -> tuple[list[PriorInnovation], list[Problem]]:
    reader = csv.reader(io.StringIO(source, newline=""))
    header = next(reader, None)
    if header is None:
        return [], [_problem(path, "file", text("corpus.empty", columns=",".join(COLUMNS)))]
    names = [h.strip().lower() for h in header]
    missing = [c for c in COLUMNS if c not in names]
    if missing:
        key = "corpus.missing_columns" if len(missing) > 1 else "corpus.missing_column"
        message = text(key, missing=missing, columns=",".join(COLUMNS))
        return [], [_problem(path, "columns", message, line=1)]
    position = {name: names.index(name) for name in COLUMNS}
    since_at = next((names.index(n) for n in SINCE_NAMES if n in names), None)
    if since_at is not None:
        position[SINCE] = since_at
    columns = tuple(position.items())
    width = len(header)
    entries: list[PriorInnovation] = []
    problems: list[Problem] = []
    first_line: dict[str, int] = {}
    end = reader.line_num
    for row in reader:
        # csv counts physical lines; a quoted field may span several, so a record starts
        # on the line after the previous record ended.
        line, end = end + 1, reader.line_num
        if len(row) != width:
            if "".join(row).strip():  # a blank line is no record
                message = text("corpus.fields", count=len(row), header=width)
                problems.append(_problem(path, "row", message, line))
            continue
        values = {name: row[i].strip() for name, i in columns}
        year, since = _year(values["year"]), _year(values.get(SINCE, ""))
        fine = values["id"] and values["title"] and values["id"] not in first_line
        if (
            fine
            and (year is not None or not values["year"])
            and (since is not None or not values.get(SINCE))
        ):
            first_line[values["id"]] = line
            # every field checked here: built without validating again (a national
            # corpus has hundreds of thousands of rows)
            values["year"], values[SINCE] = year, since  # type: ignore[assignment]
            entries.append(PriorInnovation.model_construct(**values))  # type: ignore[arg-type]
            continue
        if not "".join(row).strip():
            continue
        problems.extend(_check_row(path, values, line, first_line))
    if not entries and not problems:
        problems.append(_problem(path, "file", text("corpus.no_rows")))
    return entries, problems


def _check_row(
    path: str, values: dict[str, str], line: int, first_line: dict[str, int]
) -> list[Problem]:
    found: list[Problem] = []
    ident = values["id"]
    if not ident:
        found.append(_problem(path, "id", text("corpus.empty_id"), line))
    elif ident in first_line:
        message = text("corpus.id_twice", id=ident, line=first_line[ident])
        found.append(_problem(path, "id", message, line))
    if not values["title"]:
        found.append(_problem(path, "title", text("corpus.empty_title"), line))
    for column in ("year", SINCE):
        written = values.get(column, "")
        if written and _year(written) is None:
            message = text("corpus.year", year=written, min=YEAR_MIN, max=YEAR_MAX)
            found.append(_problem(path, column, message, line))
    return found


def _year(written: str) -> int | None:
    if not written:
        return None
    # spreadsheets export whole numbers as "2021.0"
    digits = written[:-2] if written.endswith(".0") else written
    if (
        len(digits) == 4
        and digits.isascii()
        and digits.isdigit()
        and YEAR_MIN <= int(digits) <= YEAR_MAX
    ):
        return int(digits)
    return None
