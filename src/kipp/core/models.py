"""The proposal: the contract of `shared/spec/submission-format.md` as pydantic models.

Models take canonical keys (see `keys.canonicalize`, which maps Indonesian aliases and
spellings first) and are lenient about value spellings that people and spreadsheets really
produce (`ya`/`tidak`, `3, 5`, `1 Juli 2019`, `Rp 50.000`), strict about meaning. Every
custom error message says what was wrong and what would be right.
"""

from __future__ import annotations

import math
import re
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from enum import StrEnum
from typing import Annotated, Any, ClassVar

from pydantic import (
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    ValidationInfo,
    field_validator,
)

from kipp.core.dates import DateFormatError, parse_date
from kipp.core.i18n import text
from kipp.core.keys import normalize_key, slugify
from kipp.core.validation import invalid

SLUG = re.compile(r"^[a-z0-9]+(?:[-_.][a-z0-9]+)*$")
EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")
TITLE_MIN, TITLE_MAX = 5, 150
SECTION_NAMES = (
    "summary",
    "background",
    "novelty",
    "implementation",
    "significance",
    "adaptability",
    "resources",
    "sustainability",
)

_TRUE = {"true", "ya", "yes", "y", "1", "benar", "iya", "on"}
_FALSE = {"false", "tidak", "no", "n", "0", "salah", "bukan", "off"}


@dataclass(frozen=True)
class CallChoices:
    """The lists a proposal's choices are checked against; they come from the rubric's call."""

    groups: Sequence[str]
    categories: Sequence[str]


def _to_bool(value: Any) -> Any:
    if isinstance(value, bool) or value is None:
        return value
    if isinstance(value, int | float) and value in (0, 1):
        return bool(value)
    normal = normalize_key(value)
    if normal in _TRUE:
        return True
    if normal in _FALSE:
        return False
    raise invalid("value.not_yes_no", value=f"'{value}'")


def _to_text(value: Any) -> Any:
    if isinstance(value, bool):
        return value
    if isinstance(value, int | float):
        return str(value)
    if isinstance(value, str):
        return value.strip()
    return value


def _to_text_list(value: Any) -> Any:
    if isinstance(value, str):
        return [part.strip() for part in re.split(r"[;\n]", value) if part.strip()]
    return value


_ID_THOUSANDS = re.compile(r"^\d{1,3}(\.\d{3})+(,\d+)?$")


def _to_number(value: Any) -> Any:
    if isinstance(value, bool) or (isinstance(value, float) and not math.isfinite(value)):
        raise invalid("value.not_a_number", value=f"'{value}'")
    if not isinstance(value, str):
        return value
    written = re.sub(r"^(rp\.?|idr)\s*", "", value.strip().lower()).replace(" ", "")
    written = written.rstrip("%")
    if _ID_THOUSANDS.match(written):
        written = written.replace(".", "").replace(",", ".")
    elif written.count(",") == 1 and "." not in written:
        written = written.replace(",", ".")
    try:
        number = float(written)
    except ValueError:
        raise invalid("value.not_a_number", value=f"'{value}'") from None
    if not math.isfinite(number):  # 'nan' and 'inf' parse as floats but are not figures
        raise invalid("value.not_a_number", value=f"'{value}'")
    return number


Text = Annotated[str, BeforeValidator(_to_text)]
Number = Annotated[float, BeforeValidator(_to_number), Field(ge=0, allow_inf_nan=False)]
Flag = Annotated[bool, BeforeValidator(_to_bool)]


class Stage(StrEnum):
    """How far the innovation has come (the IGA stages)."""

    INISIATIF = "inisiatif"
    UJI_COBA = "uji_coba"
    PENERAPAN = "penerapan"


class KippModel(BaseModel):
    """Common settings: unknown keys are reported by `keys.canonicalize` before validation."""

    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True, frozen=True)
    ALIASES: ClassVar[dict[str, str]] = {}


class Innovator(KippModel):
    """A person behind the innovation (invented in the samples)."""

    ALIASES: ClassVar[dict[str, str]] = {"nama": "name", "peran": "role", "telepon": "phone"}

    name: Text = Field(min_length=1, max_length=200)
    role: Text | None = None
    email: Text | None = None
    phone: Text | None = None

    @field_validator("email")
    @classmethod
    def _email(cls, value: str | None) -> str | None:
        if value and not EMAIL.match(value):
            raise invalid("proposal.email", value=value)
        return value or None


class Award(KippModel):
    """A competition the innovation already placed in."""

    ALIASES: ClassVar[dict[str, str]] = {
        "kompetisi": "competition",
        "tahun": "year",
        "tingkat": "level",
    }

    competition: Text = Field(min_length=1)
    year: int = Field(ge=1990, le=2100)
    level: Text | None = None


class Replication(KippModel):
    """Somewhere the innovation has been copied."""

    ALIASES: ClassVar[dict[str, str]] = {"instansi": "agency", "daerah": "region", "tahun": "year"}

    agency: Text = Field(min_length=1)
    region: Text | None = None
    year: int | None = Field(default=None, ge=1990, le=2100)


class Attachments(KippModel):
    """Supporting documents, as paths in the batch or URLs."""

    ALIASES: ClassVar[dict[str, str]] = {"sk": "decree", "bukti": "evidence"}

    decree: Text | None = None
    video: Text | None = None
    evidence: Annotated[list[Text], BeforeValidator(_to_text_list)] = Field(default_factory=list)


class Sections(KippModel):
    """The proposal's prose, one text per section of the KIPP form. Empty texts are kept:
    whether a section may be empty is an eligibility gate, not a format rule."""

    ALIASES: ClassVar[dict[str, str]] = {
        "ringkasan": "summary",
        "latar_belakang": "background",
        "latar_belakang_dan_tujuan": "background",
        "kebaruan": "novelty",
        "kebaruan_nilai_tambah": "novelty",
        "nilai_tambah": "novelty",
        "implementasi": "implementation",
        "implementasi_inovasi": "implementation",
        "signifikansi": "significance",
        "adaptabilitas": "adaptability",
        "sumber_daya": "resources",
        "keberlanjutan": "sustainability",
        "strategi_keberlanjutan": "sustainability",
    }

    summary: Text | None = None
    background: Text | None = None
    novelty: Text | None = None
    implementation: Text | None = None
    significance: Text | None = None
    adaptability: Text | None = None
    resources: Text | None = None
    sustainability: Text | None = None

    def items(self) -> list[tuple[str, str | None]]:
        """Sections in form order, with their text (None when not given)."""
        return [(name, getattr(self, name)) for name in SECTION_NAMES]


class Indicators(KippModel):
    """Optional figures; `_before`/`_after` pairs are measured the same way."""

    ALIASES: ClassVar[dict[str, str]] = {
        "penerima_manfaat": "beneficiaries",
        "populasi_sasaran": "target_population",
        "waktu_layanan_sebelum_jam": "service_time_before_hours",
        "waktu_layanan_sesudah_jam": "service_time_after_hours",
        "biaya_sebelum": "cost_before_idr",
        "biaya_sesudah": "cost_after_idr",
        "ikm_sebelum": "satisfaction_before",
        "ikm_sesudah": "satisfaction_after",
        "pengaduan_sebelum": "complaints_before",
        "pengaduan_sesudah": "complaints_after",
    }

    beneficiaries: Number | None = None
    target_population: Number | None = None
    service_time_before_hours: Number | None = None
    service_time_after_hours: Number | None = None
    cost_before_idr: Number | None = None
    cost_after_idr: Number | None = None
    satisfaction_before: Number | None = Field(default=None, le=100)
    satisfaction_after: Number | None = Field(default=None, le=100)
    complaints_before: Number | None = None
    complaints_after: Number | None = None


class Proposal(KippModel):
    """One innovation proposal, validated. `id` is always set (defaulted by intake)."""

    ALIASES: ClassVar[dict[str, str]] = {
        "kode": "id",
        "judul": "title",
        "instansi": "agency",
        "daerah": "region",
        "kelompok": "group",
        "kategori": "category",
        "tpb": "sdgs",
        "tanggal_mulai": "started_on",
        "terkait_pandemi": "pandemic_related",
        "tahapan": "stage",
        "inovator": "innovators",
        "penghargaan": "prior_awards",
        "uraian": "sections",
        "indikator": "indicators",
        "replikasi": "replications",
        "lampiran": "attachments",
    }

    id: str
    title: Text
    agency: Text = Field(min_length=2, max_length=200)
    region: Text | None = None
    group: str
    category: str
    sdgs: list[int]
    started_on: date
    pandemic_related: Flag = False
    stage: Stage
    digital: Flag
    innovators: list[Innovator] = Field(default_factory=list)
    prior_awards: list[Award] = Field(default_factory=list)
    sections: Sections
    indicators: Indicators = Field(default_factory=Indicators)
    replications: list[Replication] = Field(default_factory=list)
    attachments: Attachments = Field(default_factory=Attachments)

    @field_validator("id", mode="before")
    @classmethod
    def _id(cls, value: Any) -> Any:
        written = str(value).strip() if isinstance(value, str | int) else value
        if isinstance(written, str) and not (SLUG.match(written) and len(written) <= 80):
            hint = slugify(written) or "innovation-name"
            raise invalid("proposal.id", value=written, example=hint)
        return written

    @field_validator("title", mode="after")
    @classmethod
    def _title(cls, value: str) -> str:
        value = " ".join(value.split())
        if not TITLE_MIN <= len(value) <= TITLE_MAX:
            raise invalid(
                "proposal.title_length", length=str(len(value)), min=TITLE_MIN, max=TITLE_MAX
            )
        return value

    @field_validator("group", "category", mode="before")
    @classmethod
    def _choice(cls, value: Any, info: ValidationInfo) -> Any:
        if not isinstance(value, str):
            return value
        choices: CallChoices | None = (info.context or {}).get("choices")
        allowed = (
            (choices.groups if info.field_name == "group" else choices.categories)
            if choices
            else None
        )
        normal = normalize_key(value)
        if allowed is not None and normal not in allowed:
            field = text(f"proposal.choice.{info.field_name}")
            raise invalid("proposal.choice", value=value, field=field, choices=list(allowed))
        return normal

    @field_validator("sdgs", mode="before")
    @classmethod
    def _sdgs(cls, value: Any) -> Any:
        if isinstance(value, int | str) and not isinstance(value, bool):
            value = [value]
        if not isinstance(value, list):
            return value
        numbers: list[int] = []
        for item in value:
            parts = re.split(r"[,;\s]+", item.strip()) if isinstance(item, str) else [item]
            for part in parts:
                if part == "":
                    continue
                number = _sdg_number(part)
                if number in numbers:
                    raise invalid("proposal.sdg_twice", number=number)
                numbers.append(number)
        if not numbers:
            raise invalid("proposal.sdg_none")
        return numbers

    @field_validator("started_on", mode="before")
    @classmethod
    def _started_on(cls, value: Any) -> Any:
        try:
            return parse_date(value)
        except DateFormatError as exc:
            raise invalid(exc.text.key, **exc.text.params) from None

    @field_validator("stage", mode="before")
    @classmethod
    def _stage(cls, value: Any) -> Any:
        if not isinstance(value, str):
            return value
        allowed = [s.value for s in Stage]
        # `uji coba` is also written `ujicoba`: compare without the word breaks
        by_letters = {s.replace("_", ""): s for s in allowed}
        normal = by_letters.get(normalize_key(value).replace("_", ""))
        if normal is None:
            raise invalid("proposal.stage", value=value, stages=allowed)
        return normal


def _sdg_number(part: object) -> int:
    written = str(part).strip()
    if isinstance(part, float) and part.is_integer():
        written = str(int(part))
    if not re.fullmatch(r"\d{1,3}", written):
        raise invalid("proposal.sdg", value=f"'{part}'")
    number = int(written)
    if not 1 <= number <= 17:
        raise invalid("proposal.sdg", value=str(number))
    return number
