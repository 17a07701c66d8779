"""Key and value spelling rules shared by every input format.

Keys are case-insensitive; spaces and hyphens count as underscores; every canonical key has
Indonesian aliases. This module turns a user's mapping into one with canonical keys while
remembering, for every canonical path, the path the user wrote, so that a problem found
later can be located in the file.
"""

from __future__ import annotations

import difflib
import functools
import re
import types
import typing
import unicodedata
from dataclasses import dataclass, field
from typing import Any, ClassVar, Protocol, TypeVar

from pydantic import BaseModel

from kipp.core.catalogue import CATALOGUE
from kipp.core.i18n import Text, text

PathKey = str | int
RawPath = tuple[PathKey, ...]
V = TypeVar("V")

_SEPARATORS = re.compile(r"[\s\-]+")
_UNDERSCORES = re.compile(r"_+")
# Characters no document can hold: C0 controls but tab and line breaks, DEL, and C1 controls.
CONTROLS = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")
# the invisible characters that override the direction of the text after them (U+202A-E,
# U+2066-9): a title can show reversed (`\u202e...`) while another text is checked
DIRECTION_CONTROLS = re.compile("[\u202a-\u202e\u2066-\u2069]")
_ANY_CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f]")


@functools.lru_cache(maxsize=8192)
def _normalize_text(written: str) -> str:
    normal = unicodedata.normalize("NFKC", written).strip().lower()
    normal = _SEPARATORS.sub("_", normal)
    return _UNDERSCORES.sub("_", normal).strip("_")


def normalize_key(key: object) -> str:
    """`Tanggal Mulai` -> `tanggal_mulai`; the one spelling rule for keys and choice values."""
    return _normalize_text(str(key))


def escape_controls(written: str) -> str:
    """`written` with every control character (tab and line breaks too) shown as `\\xNN`, so
    that a message can quote a value that holds one."""
    return _ANY_CONTROL.sub(lambda found: f"\\x{ord(found[0]):02x}", written)


def slugify(name: str) -> str:
    """A lowercase ASCII slug: `PPDB Online 2022` -> `ppdb-online-2022`."""
    ascii_text = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode("ascii")
    return re.sub(r"[^a-z0-9]+", "-", ascii_text.lower()).strip("-")[:80].strip("-")


def title_slug(title: str, limit: int = 48) -> str:
    """An id made from a title: its name without the explanation in brackets, as a slug of
    at most `limit` characters cut between words (`PPDB Online (Penerimaan Peserta Didik
    Baru Secara Daring)` -> `ppdb-online`); the whole title when the name alone makes none."""
    name = re.sub(r"\([^()]*\)", " ", title)
    slug = slugify(name) or slugify(title)
    if len(slug) <= limit:
        return slug
    cut = slug[: limit + 1].rfind("-")
    return slug[: cut if cut > 0 else limit].strip("-")


def display_path(path: tuple[PathKey, ...]) -> str:
    """`('innovators', 0, 'email')` -> `innovators.1.email`: positions count from 1."""
    return ".".join(str(p + 1) if isinstance(p, int) else p for p in path) or "(file)"


def nearest(table: dict[tuple[PathKey, ...], V], path: tuple[PathKey, ...]) -> V | None:
    """The value at `path`, or at its closest ancestor present in `table`."""
    for end in range(len(path), -1, -1):
        found = table.get(path[:end])
        if found is not None:
            return found
    return None


class Aliased(Protocol):
    """A model that declares its Indonesian (and other accepted) key spellings."""

    ALIASES: ClassVar[dict[str, str]]


@dataclass
class KeyProblem:
    """A key-level finding: unknown key, key given twice, key of the wrong type."""

    raw_path: RawPath
    field: str
    message: Text


@dataclass
class Canonical:
    """A mapping rewritten with canonical keys, with the way back to what the user wrote."""

    data: Any
    raw_paths: dict[tuple[PathKey, ...], RawPath] = field(default_factory=dict)
    problems: list[KeyProblem] = field(default_factory=list)


def _unwrap(annotation: Any) -> Any:
    """Strip `X | None` and `Annotated[X, ...]` down to `X`."""
    if typing.get_origin(annotation) is typing.Annotated:
        annotation = typing.get_args(annotation)[0]
    if typing.get_origin(annotation) in (typing.Union, types.UnionType):
        args = [a for a in typing.get_args(annotation) if a is not type(None)]
        if len(args) == 1:
            return args[0]
    return annotation


def model_of(annotation: Any) -> tuple[str, type[BaseModel] | None]:
    """What a field holds: ('model', M), ('list', M) for a list of models, or ('leaf', None)."""
    annotation = _unwrap(annotation)
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return "model", annotation
    if typing.get_origin(annotation) is list:
        (item,) = typing.get_args(annotation)
        item = _unwrap(item)
        if isinstance(item, type) and issubclass(item, BaseModel):
            return "list", item
    return "leaf", None


@functools.cache
def field_kind(model: type[BaseModel], name: str) -> tuple[str, type[BaseModel] | None]:
    """`model_of` the annotation of `model`'s field `name` (kept: it is asked for every key
    of every record read)."""
    return model_of(model.model_fields[name].annotation)


@functools.cache
def key_table(model: type[BaseModel]) -> dict[str, str]:
    """Every accepted normalised spelling of a model's keys, mapped to the canonical name."""
    table = {name: name for name in model.model_fields}
    for alias, canonical in getattr(model, "ALIASES", {}).items():
        table[normalize_key(alias)] = canonical
    return table


def canonicalize(data: Any, model: type[BaseModel]) -> Canonical:
    """Rewrite `data` with `model`'s canonical keys, recursing into nested models.

    Unknown keys are dropped from the result and reported with the closest known spelling;
    a field given twice (say `title` and `judul`) is reported and the first one kept.
    """
    result = Canonical(data=None)
    result.data = _canon(data, model, (), (), result)
    return result


def _canon(
    data: Any,
    model: type[BaseModel],
    raw_path: RawPath,
    canon_path: tuple[PathKey, ...],
    out: Canonical,
) -> Any:
    out.raw_paths[canon_path] = raw_path
    if not isinstance(data, dict):
        return data
    table = key_table(model)
    seen: dict[str, object] = {}
    canonical_data: dict[str, Any] = {}
    for raw_key, value in data.items():
        key_path = (*raw_path, raw_key)
        name = table.get(normalize_key(raw_key))
        if name is None:
            shown = escape_controls(str(raw_key))  # a key may hold what no document can
            out.problems.append(
                KeyProblem(
                    key_path,
                    display_path((*canon_path, shown)),
                    unknown_key_message(raw_key, table),
                )
            )
            continue
        if name in seen:
            out.problems.append(
                KeyProblem(
                    key_path,
                    display_path((*canon_path, name)),
                    text("key.twice", first=str(seen[name]), second=str(raw_key)),
                )
            )
            continue
        seen[name] = raw_key
        kind, inner = field_kind(model, name)
        child_canon = (*canon_path, name)
        if kind == "model" and inner is not None:
            canonical_data[name] = _canon(value, inner, key_path, child_canon, out)
        elif kind == "list" and inner is not None and isinstance(value, list):
            out.raw_paths[child_canon] = key_path
            canonical_data[name] = [
                _canon(item, inner, (*key_path, i), (*child_canon, i), out)
                for i, item in enumerate(value)
            ]
        else:
            out.raw_paths[child_canon] = key_path
            canonical_data[name] = value
    return canonical_data


def closest_key(raw_key: object, table: dict[str, str]) -> str | None:
    """The spelling of `table` closest to `raw_key` (`judull` -> `judul`), if one is close."""
    close = difflib.get_close_matches(normalize_key(raw_key), list(table), n=1, cutoff=0.75)
    return close[0] if close else None


def unknown_key_message(raw_key: object, table: dict[str, str]) -> Text:
    """`unknown field 'judull'; did you mean 'judul'?`, or the list of known fields, each as
    a person writes it in the reader's language (`written.<key>`) when all have an entry. A
    control character in the key is shown as a code (`judul\\x00`)."""
    shown = escape_controls(str(raw_key))
    close = closest_key(_ANY_CONTROL.sub("", str(raw_key)), table)
    if close is not None:
        return text("key.unknown.close", key=shown, close=close)
    names = sorted(set(table.values()))
    known: list[Text] | list[str] = names
    if all(f"written.{name}" in CATALOGUE for name in names):
        known = [text(f"written.{name}") for name in names]
    return text("key.unknown.known", key=shown, known=known)
