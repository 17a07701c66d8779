"""The forms a coordinator fills in the Prefect UI, in the coordinator's language.

A deployment's run form is drawn from its flow's parameter model; the approval form from
the model a paused run saves. Field titles and descriptions come from the catalogue
(`form.*`): Indonesian in the models themselves, and the whole form in another language
with `localised_schema` (`kipp serve --lang en`). So do the forms' sections (each model's
title and description, never its class name or docstring) and the section of the flow's
one parameter, `params`, which `kipp serve` titles from the catalogue too. Fields are plain
text, numbers and switches (an empty text or a 0 means "the default", never a text/none
toggle), languages are named, and the approval form picks proposals from the scored ones
rather than asking for typed ids.
"""

from __future__ import annotations

from collections.abc import Mapping
from enum import StrEnum
from typing import Any, Literal

from prefect.input import RunInput
from pydantic import BaseModel, ConfigDict, Field, GetJsonSchemaHandler, create_model
from pydantic.json_schema import JsonSchemaValue
from pydantic_core import CoreSchema

from kipp.core.catalogue import CATALOGUE
from kipp.core.i18n import Lang, tr
from kipp.documents.summaries import scored
from kipp.pipeline import Proposed
from kipp.shortlist.approval import Decision, Direction, Move

FORM_LANG = Lang.ID  # the models' own titles: the UI's language unless a form is localised


def title(key: str, lang: Lang = FORM_LANG) -> str:
    """A form label (`form.<key>.title`)."""
    return tr(f"form.{key}.title", lang)


def description(key: str, lang: Lang = FORM_LANG) -> str:
    """A form field's help (`form.<key>.description`)."""
    return tr(f"form.{key}.description", lang)


def section(key: str) -> ConfigDict:
    """A form model's configuration titling and describing it from the catalogue
    (`form.<key>.title`, `form.<key>.description`): the form's schema shows these in place of
    the class name and the docstring (written for developers)."""
    return ConfigDict(title=title(key), json_schema_extra={"description": description(key)})


def described(key: str, core_schema: CoreSchema, handler: GetJsonSchemaHandler) -> JsonSchemaValue:
    """The JSON schema of a choice (an enum) titled and described from the catalogue, for an
    enum's `__get_pydantic_json_schema__`: not by its class name and docstring."""
    schema = handler.resolve_ref_schema(handler(core_schema))
    schema.update(title=title(key), description=description(key))
    return schema


class DocumentLanguage(StrEnum):
    """A language by its own name, as a form's dropdown shows it."""

    ID = "Bahasa Indonesia"
    EN = "English"

    @classmethod
    def __get_pydantic_json_schema__(
        cls, core_schema: CoreSchema, handler: GetJsonSchemaHandler
    ) -> JsonSchemaValue:
        """Titled and described in the form's language (`form.language.*`)."""
        return described("language", core_schema, handler)

    @property
    def code(self) -> Lang:
        """The language's code."""
        return Lang.ID if self is DocumentLanguage.ID else Lang.EN

    @classmethod
    def of(cls, value: Any) -> Any:
        """A language given by name, by code (`id`, `en`) or as a `Lang`."""
        if isinstance(value, Lang) or value in {"id", "en"}:
            return cls.ID if Lang(value) is Lang.ID else cls.EN
        return value


def localised_schema(
    schema: dict[str, Any], form: str, lang: Lang, sections: Mapping[str, str]
) -> dict[str, Any]:
    """The JSON schema of a form (`form`: its catalogue prefix) with every field's title and
    description in `lang`; fields the catalogue does not name keep theirs. `sections` names
    the catalogue key (`form.<key>.*`) of each definition (a model or a choice, by its class
    name) that the form shows as a section: its title and description are in `lang` too,
    and the flow's parameter `params` is titled as its form (`form.<form>.params.title`)."""
    localised = dict(schema)
    definitions = {
        name: _localised_section(_localised_model(model, form, lang), sections.get(name), lang)
        for name, model in schema.get("definitions", {}).items()
    }
    if definitions:
        localised["definitions"] = definitions
    if "params" in schema.get("properties", {}):
        params = {**schema["properties"]["params"], "title": title(f"{form}.params", lang)}
        localised["properties"] = {**schema["properties"], "params": params}
    return localised


def _localised_section(model: dict[str, Any], key: str | None, lang: Lang) -> dict[str, Any]:
    if key is None:
        return model
    return {**model, "title": title(key, lang), "description": description(key, lang)}


def _localised_model(model: dict[str, Any], form: str, lang: Lang) -> dict[str, Any]:
    if "properties" not in model:
        return model
    properties = {}
    for name, field in model["properties"].items():
        # a field the form shares with the run form (the batch, the rubric) is titled as there
        shared = f"form.{form}.{name}.title" not in CATALOGUE
        key = f"form.run.{name}" if shared else f"form.{form}.{name}"
        changed = dict(field)
        if f"{key}.title" in CATALOGUE:
            changed["title"] = tr(f"{key}.title", lang)
        if f"{key}.description" in CATALOGUE:
            changed["description"] = tr(f"{key}.description", lang)
        properties[name] = changed
    return {**model, "properties": properties}


# --- the approval form --------------------------------------------------------------------


def choice(rank: int | None, title_: str | None, pid: str) -> str:
    """How the approval form lists a scored proposal: rank, title and id, so that the
    coordinator finds it by what the proposed shortlist shows."""
    return f"{rank}. {title_ or pid} [{pid}]"


def approval_form(proposed: Proposed, lang: Lang) -> type[RunInput]:
    """The approval form of a proposed shortlist, in `lang`: the coordinator's name, a note,
    and moves picked from every scored proposal (in rank order), each with a direction and a
    reason. The same proposed shortlist always gives the same form."""
    choices = tuple(choice(p.rank, p.title, p.id) for p in scored(proposed.results))
    inward, outward = tr("form.approval.in", lang), tr("form.approval.out", lang)
    picked: Any = Literal[choices] if choices else str
    direction: Any = Literal[inward, outward]
    move = create_model(
        "ApprovalMove",
        proposal=(picked, Field(title=title("approval.proposal", lang))),
        direction=(direction, Field(title=title("approval.direction", lang))),
        reason=(
            str,
            Field(
                min_length=1,
                title=title("approval.reason", lang),
                description=description("approval.reason", lang),
            ),
        ),
    )
    form = create_model(
        "ApprovalForm",
        __base__=RunInput,
        decided_by=(
            str,
            Field(
                min_length=1,
                title=title("approval.decided_by", lang),
                description=description("approval.decided_by", lang),
            ),
        ),
        note=(
            str,
            Field(
                default="",
                title=title("approval.note", lang),
                description=description("approval.note", lang),
            ),
        ),
        moves=(
            list[move],  # type: ignore[valid-type]
            Field(
                default_factory=list,
                title=title("approval.moves", lang),
                description=description("approval.moves", lang),
            ),
        ),
    )
    return form


def decision_of(answer: BaseModel, lang: Lang, decided_at: str) -> Decision:
    """The coordinator's decision from an approval form's answer: each picked proposal by
    its id, each direction as in or out."""
    data = answer.model_dump()
    inward = tr("form.approval.in", lang)
    moves = [
        Move(
            proposal_id=_picked_id(str(m["proposal"])),
            direction=Direction.IN if m["direction"] == inward else Direction.OUT,
            reason=str(m["reason"]),
        )
        for m in data.get("moves", [])
    ]
    return Decision(
        decided_by=str(data["decided_by"]).strip(),
        note=str(data.get("note", "")).strip(),
        moves=moves,
        decided_at=decided_at,
    )


def _picked_id(picked: str) -> str:
    """The id of a proposal as `choice` lists it (`3. Title [id]`); a bare id as it is."""
    if picked.endswith("]") and " [" in picked:
        return picked[picked.rindex(" [") + 2 : -1]
    return picked
