"""The batch's agency registry: the region's agencies (OPD) and every name they go by.

The registry is `_agencies.yaml` in the batch folder (intake skips `_` names, so it is never
read as a proposal). Each entry names an agency (OPD) with the other names it goes by
(`aliases`: abbreviations, older names) and the units whose proposals count for it: named
ones (`units`: the kelurahan of a kecamatan) and families of them by the start of their
name (`unit_prefixes`: `UPT Puskesmas` for the health office, `SMP Negeri` for the
education office). Matching ignores case, punctuation, spacing, `&`/`dan` and the region's
own name (`Dinas Kesehatan Kota Mojokerto` is `Dinas Kesehatan`), and tries a name's
parenthesised abbreviation on its own (`... (Bappeda Litbang)`).

`load_registry` reads and validates the file, returning every problem located by line like
a proposal's; `Matcher` finds the registry agency a proposal's agency name belongs to (the
per-agency gate and limit, reviewers' conflicts, blind packets and the compliance counts of
`kipp.documents.compliance` all read agencies through it).
"""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path
from typing import Any

from pydantic import AliasChoices, BaseModel, ConfigDict, Field, field_validator

from kipp.core.i18n import Text, text
from kipp.core.problems import Problem
from kipp.core.validation import describe, invalid
from kipp.intake.own_files import InputFile, not_read, present
from kipp.intake.yaml_file import read_yaml_model

REGISTRY_FILE = "_agencies.yaml"
MAX_REGISTRY_BYTES = 1024 * 1024

# a proposal's agency name -> the registry agency it belongs to (None: not in the registry)
AgencyOf = Callable[[str], str | None]


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class Agency(_Model):
    """One agency of the region (`name`, or `nama` as in the batch settings: the fix for a
    missing name says both), the other names it goes by and the units counted for it."""

    name: str = Field(min_length=2, validation_alias=AliasChoices("name", "nama"))
    aliases: list[str] = Field(default_factory=list)
    units: list[str] = Field(default_factory=list)
    unit_prefixes: list[str] = Field(default_factory=list)

    @field_validator("aliases", "units", "unit_prefixes")
    @classmethod
    def _filled(cls, values: list[str]) -> list[str]:
        if any(not v.strip() for v in values):
            raise invalid("registry.empty_name")
        return values


class Registry(_Model):
    """A region's agencies (`_agencies.yaml`)."""

    region: str = Field(min_length=2)
    agencies: list[Agency] = Field(min_length=1)

    @field_validator("agencies")
    @classmethod
    def _unique(cls, agencies: list[Agency]) -> list[Agency]:
        seen: dict[str, str] = {}
        for agency in agencies:
            for name in (agency.name, *agency.aliases):
                key = _squash(name)
                if key in seen and seen[key] != agency.name:
                    raise invalid(
                        "registry.names_both", name=name, first=seen[key], second=agency.name
                    )
                seen[key] = agency.name
        return agencies


class RegistryLoad(BaseModel):
    """The outcome of reading a registry: the registry, or the problems that stop it."""

    model_config = ConfigDict(frozen=True)

    path: str
    registry: Registry | None
    problems: list[Problem]
    read: InputFile | None = None  # the file's fingerprint, when its bytes were read


def load_registry(path: Path) -> RegistryLoad | None:
    """Read `path` (`<batch>/_agencies.yaml`); None when there is no such file. A broken file
    is not an error for the run: its problems are returned for the documents to show, and so
    is a file that is not read at all: a symbolic link (kipp does not follow one in the batch
    folder) or something that is not a regular file (a folder, a device, a pipe)."""
    if not present(path):
        return None
    reason = not_read(path)
    if reason is not None:
        problem = Problem(path=str(path), field="(file)", message=reason)
        return RegistryLoad(path=str(path), registry=None, problems=[problem])
    read: list[InputFile] = []
    registry, problems = read_yaml_model(
        path,
        Registry,
        max_bytes=MAX_REGISTRY_BYTES,
        too_big="registry.too_big",
        not_mapping="registry.not_mapping",
        message=_message,
        inputs=read,
    )
    return RegistryLoad(
        path=str(path), registry=registry, problems=problems, read=read[0] if read else None
    )


def _message(error: Any) -> Text:
    if error["type"] == "extra_forbidden":
        return text("settings.unknown", known=list(Agency.model_fields))
    return describe(error, aliases=False)


_PARENS = re.compile(r"\(([^()]*)\)")
_NOT_WORD = re.compile(r"[^\w]+", re.UNICODE)


def _squash(name: str) -> str:
    """`Dinas  Kesehatan, P2KB.` -> `dinas kesehatan p2kb`; `&` reads as `dan`."""
    words = _NOT_WORD.sub(" ", name.casefold().replace("&", " dan ")).split()
    return " ".join(words)


def _forms(name: str, region: str) -> set[str]:
    """The squashed forms a name may match by: whole, without the region's name, without
    its parenthesised part, and that part alone."""
    region_key = _squash(region)
    outer = _PARENS.sub(" ", name)
    inner = [m.group(1) for m in _PARENS.finditer(name)]
    forms = set()
    for candidate in (name, outer, *inner):
        key = _squash(candidate)
        if region_key:
            key = " ".join(f" {key} ".replace(f" {region_key} ", " ").split())
        if key:
            forms.add(key)
    return forms


class Matcher:
    """Finds the registry agency a proposal's agency name belongs to."""

    def __init__(self, registry: Registry) -> None:
        self._exact: dict[str, str] = {}
        self._prefixes: list[tuple[str, str]] = []
        for agency in registry.agencies:
            for name in (agency.name, *agency.aliases, *agency.units):
                for form in _forms(name, registry.region):
                    self._exact.setdefault(form, agency.name)
            for prefix in agency.unit_prefixes:
                self._prefixes.extend((p, agency.name) for p in _forms(prefix, registry.region))
        self._prefixes.sort(key=lambda item: -len(item[0]))  # the most specific prefix wins
        self._region = registry.region

    def match(self, name: str) -> str | None:
        """The registry name of the agency `name` belongs to, or None."""
        forms = _forms(name, self._region)
        for form in sorted(forms, key=lambda f: (-len(f), f)):
            if form in self._exact:
                return self._exact[form]
        for prefix, agency in self._prefixes:
            if any(form == prefix or form.startswith(prefix + " ") for form in forms):
                return agency
        return None


def registry_matcher(registry: Registry | None) -> AgencyOf | None:
    """`Matcher.match` of `registry`, or None without one."""
    return None if registry is None else Matcher(registry).match
