"""The batch's settings (`_kumpulan.yaml`): who runs the selection and who signs its minutes.

Optional. With it, every document names the region and the call instead of a folder, and
the minutes of the selection (Berita Acara) carry the meeting's date and place and the
signature blocks of the panel and the officials. The file is in the batch folder (intake
skips `_` names, so it is never read as a proposal) and is read once, like the agency
registry: `load_settings` returns every problem located by line, and a broken file does not
stop the run (its problems are listed in the technical annex).

```yaml
region: Pemerintah Kota Mojokerto
unit: Bagian Organisasi Sekretariat Daerah
call: Kompetisi Inovasi Pelayanan Publik 2022     # default: the rubric's call
basis: Keputusan Wali Kota Mojokerto Nomor 188.45/12/417.101/2022
coordinator: {name: ..., position: ..., nip: ...}
chair: {name: ..., position: ...}
members: [{name: ..., position: ...}]             # default: the review panel's names
officials: [{name: ..., position: ..., nip: ...}]  # who acknowledge (mengetahui)
meeting_date: 2022-04-25                          # or 25 April 2022, 25/04/2022
place: Ruang Rapat Bagian Organisasi, Kantor Pemerintah Kota Mojokerto
city: Mojokerto                                   # where the minutes are signed
review_deadline: 2022-04-22
time_zone: WIB                                    # or WITA, WIT, or a name like Asia/Jakarta
```
"""

from __future__ import annotations

import re
from datetime import date, tzinfo
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from pydantic import AliasChoices, BaseModel, ConfigDict, Field, field_validator

from kipp.core.dates import DateFormatError, parse_date
from kipp.core.i18n import Text, text
from kipp.core.problems import Problem
from kipp.core.validation import describe, invalid
from kipp.intake.own_files import InputFile, not_read, present
from kipp.intake.yaml_file import read_yaml_model

SETTINGS_FILE = "_kumpulan.yaml"
MAX_SETTINGS_BYTES = 256 * 1024
NIP_DIGITS = 18
# Indonesia's three time zones by the names people use for them
INDONESIAN_ZONES = {"WIB": "Asia/Jakarta", "WITA": "Asia/Makassar", "WIT": "Asia/Jayapura"}

_SPACES = re.compile(r"[\s.]+")


class _Model(BaseModel):
    model_config = ConfigDict(
        extra="forbid", frozen=True, str_strip_whitespace=True, populate_by_name=True
    )


class Person(_Model):
    """Someone named in the minutes: their name (`nama` too), position (`jabatan` too) and,
    for a civil servant, their NIP (18 digits; spaces between the groups are allowed)."""

    name: str = Field(min_length=1, max_length=200, validation_alias=AliasChoices("name", "nama"))
    position: str | None = Field(
        default=None, max_length=300, validation_alias=AliasChoices("position", "jabatan")
    )
    nip: str | None = None

    @field_validator("nip")
    @classmethod
    def _nip(cls, value: str | None) -> str | None:
        if value is None:
            return None
        digits = _SPACES.sub("", value)
        if not digits.isdigit() or len(digits) != NIP_DIGITS:
            raise invalid("batch_settings.nip", value=value, digits=NIP_DIGITS)
        return value


class BatchSettings(_Model):
    """A batch's `_kumpulan.yaml`."""

    region: str = Field(min_length=2, max_length=200)
    unit: str | None = Field(default=None, max_length=300)
    call: str | None = Field(default=None, max_length=300)
    basis: str | None = Field(default=None, max_length=500)
    coordinator: Person | None = None
    chair: Person | None = None
    members: list[Person] = Field(default_factory=list)
    officials: list[Person] = Field(default_factory=list)
    meeting_date: date | None = None
    place: str | None = Field(default=None, max_length=300)
    city: str | None = Field(default=None, max_length=100)
    review_deadline: date | None = None
    time_zone: str | None = Field(
        default=None, validation_alias=AliasChoices("time_zone", "zona_waktu")
    )

    @field_validator("meeting_date", "review_deadline", mode="before")
    @classmethod
    def _date(cls, value: Any) -> Any:
        """Dates as proposals write them: `2022-04-25`, `25/04/2022` or `25 April 2022`."""
        if value is None:
            return None
        try:
            return parse_date(value)
        except DateFormatError as exc:
            raise invalid(exc.text.key, **exc.text.params) from None

    @field_validator("time_zone")
    @classmethod
    def _time_zone(cls, value: str | None) -> str | None:
        """`WIB`, `WITA` or `WIT`, or a time zone's IANA name (`Asia/Jakarta`); kept as the
        IANA name."""
        if value is None:
            return None
        name = INDONESIAN_ZONES.get(value.upper(), value)
        try:
            ZoneInfo(name)
        except (ZoneInfoNotFoundError, ValueError):
            raise invalid("batch_settings.time_zone", value=value) from None
        return name

    def zone(self) -> tzinfo | None:
        """The time zone the run's dates are in, if the settings name one."""
        return ZoneInfo(self.time_zone) if self.time_zone else None


class SettingsLoad(BaseModel):
    """The outcome of reading the settings: the settings, or the problems that stop them."""

    model_config = ConfigDict(frozen=True)

    path: str
    settings: BatchSettings | None
    problems: list[Problem]
    read: InputFile | None = None  # the file's fingerprint, when its bytes were read


def load_settings(path: Path) -> SettingsLoad | None:
    """Read `path` (`<batch>/_kumpulan.yaml`); None when there is no such file. A broken
    file is not an error for the run: its problems are returned for the documents to show,
    and so is a file that is not read at all: a symbolic link (kipp does not follow one in
    the batch folder) or something that is not a regular file (a folder, a device, a pipe)."""
    if not present(path):
        return None
    reason = not_read(path)
    if reason is not None:
        problem = Problem(path=str(path), field="(file)", message=reason)
        return SettingsLoad(path=str(path), settings=None, problems=[problem])
    read: list[InputFile] = []
    settings, problems = read_yaml_model(
        path,
        BatchSettings,
        max_bytes=MAX_SETTINGS_BYTES,
        too_big="batch_settings.too_big",
        not_mapping="batch_settings.not_mapping",
        message=_message,
        inputs=read,
    )
    return SettingsLoad(
        path=str(path), settings=settings, problems=problems, read=read[0] if read else None
    )


def _message(error: Any) -> Text:
    if error["type"] == "extra_forbidden":
        model: type[BaseModel] = Person if len(error["loc"]) > 1 else BatchSettings
        return text("settings.unknown_here", known=list(model.model_fields))
    return describe(error, aliases=False)
