"""Figures as people write them, read the same way from every format.

Indonesians write `4.870` for four thousand eight hundred and seventy and `72,4` for seventy-two
point four; English writers the other way round. A text (or the text a YAML or JSON number was
written as, kept by `as_written`) is read both ways where it can be, and the reading that fits
the kind of figure the field holds is taken:

| kind | holds | a reading fits when |
| --- | --- | --- |
| `count` | people, households, complaints | it has no decimal part |
| `money` | rupiah | it has at most two decimals (sen) |
| `hours` | a duration in hours | always |
| `score` | an index from 0 to 100 (IKM), or a percentage | it is at most 100 |

One fitting reading (or two that agree) is the value; two that differ are refused, naming
both, never guessed. A count's reading with a written decimal part (`4.000` read the English
way) counts only when no other reading fits. `Rp`/`IDR` and `,-` belong to money, `%` to a
score, `rb`/`ribu`/`K`, `jt`/`juta`, `M`/`miliar` and `T`/`triliun` to counts and money; a
number typed into a spreadsheet cell is taken as it is (a count must still be whole).
"""

from __future__ import annotations

import math
import re
import unicodedata
from dataclasses import dataclass
from decimal import Decimal
from enum import StrEnum
from typing import Any, Self

from kipp.core.i18n import Lang, Text, render, text
from kipp.core.validation import shown


class Kind(StrEnum):
    """The kind of figure a field holds; it decides how a written number is read."""

    COUNT = "count"
    MONEY = "money"
    HOURS = "hours"
    SCORE = "score"


class WrittenInt(int):
    """An integer read from YAML or JSON that remembers the text it was written as."""

    written: str

    def __new__(cls, value: int, written: str) -> Self:
        number = super().__new__(cls, value)
        number.written = written
        return number

    def __reduce__(self) -> tuple[Any, ...]:
        return (WrittenInt, (int(self), self.written))

    def __repr__(self) -> str:
        return self.written

    __str__ = __repr__


class WrittenFloat(float):
    """A float read from YAML or JSON that remembers the text it was written as (`4.870`,
    which the float itself holds as 4.87)."""

    written: str

    def __new__(cls, value: float, written: str) -> Self:
        number = super().__new__(cls, value)
        number.written = written
        return number

    def __reduce__(self) -> tuple[Any, ...]:
        return (WrittenFloat, (float(self), self.written))

    def __repr__(self) -> str:
        return self.written

    __str__ = __repr__


def as_written(value: Any, written: str) -> Any:
    """`value` (a number a parser built from `written`) carrying its text; anything else (a
    bool, a text) as it is."""
    if isinstance(value, bool):
        return value
    if isinstance(value, int):
        return WrittenInt(value, written.strip())
    if isinstance(value, float):
        return WrittenFloat(value, written.strip())
    return value


def written_text(value: Any) -> str | None:
    """The text a number was written as, if it remembers one."""
    return value.written if isinstance(value, WrittenInt | WrittenFloat) else None


class NumberError(ValueError):
    """A written figure that is not one of its field's kind; `text` says what to write (its
    English rendering is the exception's text)."""

    def __init__(self, message: Text) -> None:
        super().__init__(render(message, Lang.EN))
        self.text = message


@dataclass(frozen=True)
class _Reading:
    value: Decimal
    decimals: int | None  # digits written after the decimal mark; None without one


_SCALES = {
    "rb": 3, "ribu": 3, "k": 3,
    "jt": 6, "juta": 6,
    "m": 9, "miliar": 9, "milyar": 9,
    "t": 12, "triliun": 12,
}  # fmt: skip
_UNITS = {
    Kind.COUNT: ("orang", "jiwa", "kk", "keluarga", "warga", "pengaduan", "aduan"),
    Kind.HOURS: ("jam", "hours", "hour"),
}
_CURRENCY = re.compile(r"^(?:rp\.?|idr)\s*", re.IGNORECASE)
_SCALE = re.compile(r"(?<=[\d\s])(rb|ribu|k|jt|juta|m|miliar|milyar|t|triliun)\.?$", re.IGNORECASE)
_SPACES = re.compile(r"[\s\u00a0\u202f\u2009]+")
# Indonesian: `.` groups thousands, `,` marks decimals; English the other way round. A group
# of thousands never starts with 0 (`0.875` is a decimal, not 875).
_ID = re.compile(r"^(?P<whole>\d+|[1-9]\d{0,2}(?:\.\d{3})+)?(?:,(?P<part>\d+))?$")
_EN = re.compile(
    r"^(?P<whole>\d+|[1-9]\d{0,2}(?:,\d{3})+)?(?:\.(?P<part>\d+))?(?P<exp>[eE][+-]?\d+)?$"
)
_EXAMPLES = {Kind.COUNT: "4.870", Kind.MONEY: "Rp 150.000", Kind.HOURS: "1,5", Kind.SCORE: "72,4"}


def read_figure(value: Any, kind: Kind) -> Any:
    """The number `value` means as a figure of `kind`, as a float. Raises `NumberError` for a
    text that is no such figure, or that could mean two; a value of another type (a list, a
    date) is returned as it is, for validation to name its type."""
    if isinstance(value, bool):
        raise NumberError(text("value.not_a_number", value=shown(value)))
    written = written_text(value)
    if written is None and isinstance(value, int):
        return float(value)
    if written is None and isinstance(value, float):
        if not math.isfinite(value):
            raise NumberError(text("value.not_a_number", value=f"'{value}'"))
        if kind is Kind.COUNT and not value.is_integer():
            raise NumberError(text("number.not_whole", value=f"'{_plain(value)}'"))
        return value
    if written is None and not isinstance(value, str):
        return value
    return _read_text(written if written is not None else str(value), kind)


def _plain(value: float) -> str:
    return format(value, ".15g")


def _read_text(written: str, kind: Kind) -> float:
    shown = f"'{written.strip()}'"
    body = unicodedata.normalize("NFKC", written).strip()
    body, negative = _sign(body)
    body, scale = _words(body, kind, shown)
    body = _SPACES.sub("", body)
    readings = _readings(body)
    if not readings:
        raise NumberError(text("value.not_a_number", value=shown))
    value = _choose(readings, scale, kind, shown)
    number = float(-value if negative else value)
    if not math.isfinite(number):
        raise NumberError(text("value.not_a_number", value=shown))
    return number


def _sign(body: str) -> tuple[str, bool]:
    """A leading minus (kept, so that the range check names a negative figure as too small)."""
    if body[:1] in ("-", "\u2212"):
        return body[1:].lstrip(), True
    return body, False


def _words(body: str, kind: Kind, shown: str) -> tuple[str, int]:
    """`body` without the currency, unit, scale and percent words its kind allows, and the
    power of ten the scale word stands for. A word of another kind is refused, naming it."""
    currency = _CURRENCY.match(body)
    if currency:
        _allowed(currency.group(0).strip(), kind is Kind.MONEY, kind, shown)
        body = body[currency.end() :]
    if kind is Kind.MONEY:
        body = re.sub(r"[.,]-$", "", body)
    if body.endswith("%"):
        _allowed("%", kind is Kind.SCORE, kind, shown)
        body = body[:-1].rstrip()
    lowered = body.lower()
    for unit in _UNITS.get(kind, ()):
        if lowered.endswith(unit) and not lowered[: -len(unit)][-1:].isalpha():
            body = body[: -len(unit)].rstrip()
            break
    scale = _SCALE.search(body)
    if scale is None:
        return body, 0
    word = scale.group(1)
    if word in ("m", "t"):  # single letters are scales only as capitals (`1,5 M`)
        raise NumberError(text("value.not_a_number", value=shown))
    _allowed(word, kind in (Kind.COUNT, Kind.MONEY), kind, shown)
    return body[: scale.start()].rstrip(), _SCALES[word.lower()]


def _allowed(word: str, allowed: bool, kind: Kind, shown: str) -> None:
    if not allowed:
        raise NumberError(
            text(
                "number.word_here",
                value=shown,
                word=word,
                kind=text(f"number.kind.{kind.value}"),
                example=_EXAMPLES[kind],
            )
        )


def _readings(body: str) -> list[_Reading]:
    """The number `body` is, read the Indonesian way and the English way (where each fits)."""
    readings: list[_Reading] = []
    for grammar, group in ((_ID, "."), (_EN, ",")):
        match = grammar.match(body)
        if match is None or not (match["whole"] or match["part"]):
            continue
        whole = (match["whole"] or "0").replace(group, "")
        part = match["part"]
        number = Decimal(f"{whole}.{part}" if part else whole)
        exponent = match.groupdict().get("exp")
        if exponent:
            number = number.scaleb(int(exponent[1:]))
        readings.append(_Reading(number, None if part is None else len(part)))
    return readings


def _choose(readings: list[_Reading], scale: int, kind: Kind, shown: str) -> Decimal:
    """The one value the readings that fit `kind` agree on; else the reason none can be taken."""
    values = [(r.value.scaleb(scale), r.decimals) for r in readings]
    if kind is Kind.COUNT:
        fitting = [v for v, decimals in values if decimals is None and v == v.to_integral_value()]
        if not fitting:  # `1930.0`: a decimal part counts only when nothing else fits
            fitting = [v for v, _ in values if v == v.to_integral_value()]
        if not fitting:
            raise NumberError(text("number.not_whole", value=shown))
    elif kind is Kind.MONEY:
        # sen are two decimals as written (`4.870` is not 4.87); `1,5 juta` is whole rupiah
        fitting = [v for v, decimals in values if _sen(v) and (scale or (decimals or 0) <= 2)]
        if not fitting:
            raise NumberError(text("number.money_decimals", value=shown))
    elif kind is Kind.SCORE:
        fitting = [v for v, _ in values if v <= 100] or [min(v for v, _ in values)]
    else:
        fitting = [v for v, _ in values]
    distinct = sorted(set(fitting))
    if len(distinct) > 1:
        small, large = distinct[0], distinct[-1]
        raise NumberError(
            text("number.ambiguous", value=shown, large=float(large), small=float(small))
        )
    return distinct[0]


def _sen(amount: Decimal) -> bool:
    """Whether a rupiah amount has at most two decimals."""
    return amount == amount.quantize(Decimal("0.01"))
