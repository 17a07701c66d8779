"""Answers as forms give them, read into a proposal's values: a flag's own words (`Non
Digital`, `Covid-19`), a choice by the label kipp prints for it or by the call's wording of it
(`Pelayanan Publik yang Inklusif dan Berkeadilan`), SDGs among words (`TPB 3, TPB 10`), and a
list of people, awards or places in one text (`Dinas Sosial Kab. Lumajang (2020); Dinas
Sosial Kab. Probolinggo (2021)`). `kipp.core.models` applies them before validating.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable, Sequence
from typing import Any

from kipp.core.catalogue import CATALOGUE
from kipp.core.keys import normalize_key

# the answers a form gives a question about one flag (the Indeks Inovasi Daerah form asks
# "Jenis Inovasi: Digital / Non Digital" and "Covid-19: Covid-19 / Non Covid-19")
DIGITAL = (
    {"digital", "daring", "online"},
    {"non_digital", "nondigital", "bukan_digital", "tidak_digital", "luring", "offline"},
)
PANDEMIC = (
    {"covid_19", "covid19", "covid", "terkait_pandemi", "terkait_covid_19"},
    {"non_covid_19", "non_covid19", "non_covid", "tidak_terkait_pandemi", "tidak_terkait"},
)
# what a list cell holds when there is nothing to list
NOTHING = {"", "-", "tidak_ada", "belum_ada", "nihil", "none", "n/a", "tidak", "belum"}


_YEAR = re.compile(r"\b((?:19|20)\d{2})\b")
_LAST_BRACKETS = re.compile(r"\(([^()]*)\)\s*$")
_TRAILING_YEAR = re.compile(r"[\s,;\-]+(?:tahun\s+)?((?:19|20)\d{2})\s*$", re.IGNORECASE)


def _name_and_year(item: str) -> tuple[str, str | None, str | None]:
    """`Dinas Sosial Kab. Lumajang (2020)` -> the name, the year and any other text in the
    closing brackets (`Dinas Sosial (Kab. Lumajang, 2020)`: the region)."""
    brackets = _LAST_BRACKETS.search(item)
    year = _YEAR.search(brackets[1]) if brackets is not None else None
    if brackets is not None and year is not None:
        rest = (brackets[1][: year.start()] + brackets[1][year.end() :]).strip(" ,;-")
        return item[: brackets.start()].strip(" ,;-"), year[1], rest or None
    trailing = _TRAILING_YEAR.search(item)
    if trailing is not None and item[: trailing.start()].strip():
        return item[: trailing.start()].strip(" ,;-"), trailing[1], None
    return item.strip(), None, None


def split_outside_brackets(written: str) -> list[str]:
    """`A (Ketua; Kepala Bidang); B (Anggota)` -> the two items: `;` and line breaks
    separate items, except inside brackets."""
    parts: list[str] = []
    depth, start = 0, 0
    for index, char in enumerate(written):
        if char == "(":
            depth += 1
        elif char == ")":
            depth = max(0, depth - 1)
        elif char in ";\n" and depth == 0:
            parts.append(written[start:index])
            start = index + 1
    parts.append(written[start:])
    return parts


def listed(value: Any, item: Callable[[str], dict[str, Any]]) -> Any:
    """A list written in one cell (`A (2020); B (2021)`, one item per `;` or line) as items;
    in a list, a text item as one item."""
    if isinstance(value, str):
        if normalize_key(value) in NOTHING:
            return []
        parts = [part.strip() for part in split_outside_brackets(value)]
        return [item(part) for part in parts if normalize_key(part) not in NOTHING]
    if isinstance(value, list):
        return [item(part) if isinstance(part, str) else part for part in value]
    return value


def one_item(item: Callable[[str], dict[str, Any]]) -> Callable[[Any], Any]:
    return lambda value: item(value) if isinstance(value, str) else value


def innovator_of(written: str) -> dict[str, Any]:
    """`Sri Wahyuni (Ketua tim)`: the name, and the role in closing brackets."""
    brackets = _LAST_BRACKETS.search(written)
    if brackets is not None and written[: brackets.start()].strip():
        return {"name": written[: brackets.start()].strip(), "role": brackets[1].strip() or None}
    return {"name": written.strip()}


def award_of(written: str) -> dict[str, Any]:
    """`Top 45 KIPP (2020)` or `Top 45 KIPP 2020`: the competition and the year."""
    name, year, level = _name_and_year(written)
    found: dict[str, Any] = {"competition": name}
    if year is not None:
        found["year"] = int(year)
    if level is not None:
        found["level"] = level
    return found


def replication_of(written: str) -> dict[str, Any]:
    """`Dinas Sosial Kab. Lumajang (2020)`: the agency and the year (and a region written
    beside the year in the brackets)."""
    name, year, region = _name_and_year(written)
    found: dict[str, Any] = {"agency": name}
    if year is not None:
        found["year"] = int(year)
    if region is not None:
        found["region"] = region
    return found


_SDG_NAMED = re.compile(r"\b(?:tpb|sdgs?|tujuan|goal)\s*(?:ke\s*)?[-#:.]?\s*(\d{1,3})\b", re.I)
_SDG_LEADING = re.compile(r"(?:^|[;,\n])\s*(\d{1,3})\s*[.:)\-]")


def sdg_parts(item: str) -> list[str]:
    """The SDG numbers a text names: `3, 10`; `TPB 3, TPB 10`; or a form's checked options
    joined by commas, each starting with its number (`3. Kehidupan Sehat dan Sejahtera, 10.
    Berkurangnya Kesenjangan`)."""
    if re.search(r"[^\W\d_]", item):  # words around the numbers
        found = _SDG_NAMED.findall(item) or _SDG_LEADING.findall(item)
        if found:
            return list(found)
    return [part for part in re.split(r"[,;\s]+", item.strip()) if part]


def words(written: str) -> str:
    """`Pelayanan Publik yang Inklusif & Berkeadilan` -> `pelayanan publik yang inklusif
    berkeadilan`: lowercase words, punctuation and underscores dropped."""
    normal = unicodedata.normalize("NFKC", written).casefold()
    return " ".join(re.sub(r"[\W_]+", " ", normal).split())


# Choice values as forms name them, matched at the start of the answer; the labels kipp
# prints (the documents' `doc.group.*`, `doc.category.*` and `stage.*`) are added below.
# Category names: KIPP 2022 (KepmenPANRB 50/2022, as menpan.go.id reports them).
_CHOICE_NAMES: dict[tuple[str, str], tuple[str, ...]] = {
    ("group", "umum"): ("kelompok umum", "general"),
    ("group", "khusus"): ("kelompok khusus", "special"),
    ("category", "inklusif"): (
        "pelayanan publik yang inklusif",
        "pelayanan publik inklusif",
        "inclusive public service",
    ),
    ("category", "tpb"): (
        "efektivitas institusi publik",
        "tujuan pembangunan berkelanjutan",
        "sustainable development goals",
    ),
    ("category", "ketahanan"): (
        "ketahanan institusi publik",
        "ketahanan instansi publik",
        "public institution resilience",
    ),
    ("stage", "inisiatif"): ("tahap inisiatif", "initiative"),
    ("stage", "uji_coba"): ("tahap uji coba", "trial"),
    ("stage", "penerapan"): ("tahap penerapan", "implementasi", "implementation"),
}
_LABEL_KEYS = {"group": "doc.group", "category": "doc.category", "stage": "stage"}
_NUMBERING = re.compile(r"^(?:(?:kategori|kelompok|tahap|tahapan)\b\s*)?(?:(?:\d+|[a-h])\b\s*)?")


def choice_named(value: str, field: str, allowed: Sequence[str]) -> str | None:
    """The code of `allowed` that `value` names by a label kipp prints (`Pelayanan publik
    inklusif`, `Uji coba`, `General`) or by a form's wording (`Pelayanan Publik yang Inklusif
    dan Berkeadilan`, `Kategori 1: Pelayanan Publik ...`); None when it names none or more
    than one."""
    answer = words(value)
    stripped = _NUMBERING.sub("", answer, count=1).strip()
    found: set[str] = set()
    for code in allowed:
        label = CATALOGUE.get(f"{_LABEL_KEYS[field]}.{code}", {})
        exact = {words(code), *(words(name) for name in label.values())}
        prefixes = _CHOICE_NAMES.get((field, code), ())
        for candidate in (answer, stripped):
            if candidate in exact or any(
                candidate == p or candidate.startswith(p + " ") for p in prefixes
            ):
                found.add(code)
    return found.pop() if len(found) == 1 else None
