"""The proposal: the contract of `docs/submission-format.md` as pydantic models.

Models take canonical keys (see `keys.canonicalize`, which maps Indonesian aliases and
spellings first) and are lenient about value spellings that people and spreadsheets really
produce (`ya`/`tidak`, `Non Digital`, `3, 5`, `TPB 3`, `1 Juli 2019`, `Rp 50.000`, the labels
kipp itself prints for a category or a stage, a list of places in one cell), strict about
meaning: a figure is read by the kind of figure it is (`kipp.core.numbers`), and one that
could mean two things is refused. Every custom error message says what was wrong and what
would be right.

One module over ~400 lines on purpose: it is the contract, field by field, kept whole so that
it can be read against `docs/submission-format.md`.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
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

from kipp.core.answers import (
    DIGITAL,
    PANDEMIC,
    award_of,
    choice_named,
    innovator_of,
    listed,
    one_item,
    replication_of,
    sdg_parts,
)
from kipp.core.dates import DateFormatError, parse_date
from kipp.core.i18n import text
from kipp.core.keys import escape_controls, normalize_key, slugify
from kipp.core.numbers import Kind, NumberError, read_figure
from kipp.core.validation import invalid, number_text, shown

SLUG = re.compile(r"^[a-z0-9]+(?:[-_.][a-z0-9]+)*$")
EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")
TITLE_MIN, TITLE_MAX = 5, 150
ID_MAX = 80
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


def _to_bool(value: Any, words: tuple[set[str], set[str]] = (set(), set())) -> Any:
    if isinstance(value, bool) or value is None:
        return value
    if isinstance(value, int | float) and value in (0, 1):
        return bool(value)
    written = text_of(value)
    if written is None:  # a date, a list: named by `shown`, never as Python prints it
        raise invalid("value.not_yes_no", value=shown(value))
    normal = normalize_key(written)
    if normal in _TRUE or normal in words[0]:
        return True
    if normal in _FALSE or normal in words[1]:
        return False
    raise invalid("value.not_yes_no", value=f"'{written}'")


def _flag(words: tuple[set[str], set[str]]) -> Callable[[Any], Any]:
    return lambda value: _to_bool(value, words)


def text_of(value: Any) -> str | None:
    """The text a field that holds text is given by `value`: a text without the spaces at
    either end; a number as the text it was written as (`1.10`, `1_000`, `0755`, `12:30:00`
    in YAML, `kipp.core.numbers.as_written`), or a spreadsheet's number as typed (`1885`, not
    `1885.0`). None for anything else (yes/no, a date, a list): no text."""
    if isinstance(value, str):
        return value.strip()
    if isinstance(value, bool) or not isinstance(value, int | float):
        return None
    return number_text(value)


def _to_text(value: Any) -> Any:
    written = text_of(value)
    return value if written is None else written


def _to_text_list(value: Any) -> Any:
    if isinstance(value, str):
        return [part.strip() for part in re.split(r"[;\n]", value) if part.strip()]
    return value


def _figure(kind: Kind) -> Callable[[Any], Any]:
    """The validator of a figure of `kind`, read with `kipp.core.numbers`' rules."""

    def read(value: Any) -> Any:
        try:
            return read_figure(value, kind)
        except NumberError as exc:
            raise invalid(exc.text.key, **exc.text.params) from None

    return read


Text = Annotated[str, BeforeValidator(_to_text)]
_NOT_NEGATIVE = Field(ge=0, allow_inf_nan=False)
Count = Annotated[float, BeforeValidator(_figure(Kind.COUNT)), _NOT_NEGATIVE]
Money = Annotated[float, BeforeValidator(_figure(Kind.MONEY)), _NOT_NEGATIVE]
Hours = Annotated[float, BeforeValidator(_figure(Kind.HOURS)), _NOT_NEGATIVE]
Score = Annotated[float, BeforeValidator(_figure(Kind.SCORE)), _NOT_NEGATIVE]
Flag = Annotated[bool, BeforeValidator(_to_bool)]
DigitalFlag = Annotated[bool, BeforeValidator(_flag(DIGITAL))]
PandemicFlag = Annotated[bool, BeforeValidator(_flag(PANDEMIC))]


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

    @field_validator("name")
    @classmethod
    def _one_name(cls, value: str) -> str:
        if ";" in value:  # `Nama Inovator: A; B`: two people read as one would be a misread
            raise invalid("proposal.names_in_one", value=value)
        return value

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
    """Optional figures; `_before`/`_after` pairs are measured the same way. Each is read as
    its kind of figure (`kipp.core.numbers`): counts, rupiah, hours, a 0-100 score."""

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

    beneficiaries: Count | None = None
    target_population: Count | None = None
    service_time_before_hours: Hours | None = None
    service_time_after_hours: Hours | None = None
    cost_before_idr: Money | None = None
    cost_after_idr: Money | None = None
    satisfaction_before: Score | None = Field(default=None, le=100)
    satisfaction_after: Score | None = Field(default=None, le=100)
    complaints_before: Count | None = None
    complaints_after: Count | None = None


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
    pandemic_related: PandemicFlag = False
    stage: Stage
    digital: DigitalFlag
    innovators: Annotated[
        list[Annotated[Innovator, BeforeValidator(one_item(innovator_of))]],
        BeforeValidator(lambda value: listed(value, innovator_of)),
    ] = Field(default_factory=list)
    prior_awards: Annotated[
        list[Annotated[Award, BeforeValidator(one_item(award_of))]],
        BeforeValidator(lambda value: listed(value, award_of)),
    ] = Field(default_factory=list)
    sections: Sections
    indicators: Indicators = Field(default_factory=Indicators)
    replications: Annotated[
        list[Annotated[Replication, BeforeValidator(one_item(replication_of))]],
        BeforeValidator(lambda value: listed(value, replication_of)),
    ] = Field(default_factory=list)
    attachments: Attachments = Field(default_factory=Attachments)

    @field_validator("id", mode="before")
    @classmethod
    def _id(cls, value: Any) -> Any:
        written = text_of(value)
        if written is None:
            return value  # not a text: named by `kipp.core.validation.describe`
        if not (SLUG.match(written) and len(written) <= ID_MAX):
            hint = slugify(written) or "innovation-name"
            raise invalid("proposal.id", value=escape_controls(written), example=hint)
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
            named = choice_named(value, str(info.field_name), allowed)
            if named is not None:
                return named
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
            parts = sdg_parts(item) if isinstance(item, str) else [item]
            for part in parts:
                if part == "" or part is None:  # an empty item (`[3, ~]`, `[3, ]`)
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
            normal = choice_named(value, "stage", allowed)
        if normal is None:
            raise invalid("proposal.stage", value=value, stages=allowed)
        return normal


def _sdg_number(part: object) -> int:
    written = str(part).strip()
    if isinstance(part, float) and part.is_integer():
        written = str(int(part))
    if not isinstance(part, str | int | float) or isinstance(part, bool):
        raise invalid("proposal.sdg", value=shown(part))
    if not re.fullmatch(r"\d{1,3}", written):
        raise invalid("proposal.sdg", value=f"'{part}'")
    number = int(written)
    if not 1 <= number <= 17:
        raise invalid("proposal.sdg", value=str(number))
    return number
