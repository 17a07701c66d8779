"""The JSON Schema of a proposal file, for editors that complete and check while people write."""

from __future__ import annotations

import copy
from typing import Any

from pydantic import BaseModel

from kipp.core.keys import key_table
from kipp.core.models import (
    Attachments,
    Award,
    Indicators,
    Innovator,
    Proposal,
    Replication,
    Sections,
)
from kipp.rubric import Call

_MODELS: dict[str, type[BaseModel]] = {
    model.__name__: model
    for model in (Proposal, Innovator, Award, Replication, Attachments, Sections, Indicators)
}


def proposal_schema(call: Call | None = None) -> dict[str, Any]:
    """JSON Schema (draft 2020-12) of one proposal file, accepting canonical keys and their
    Indonesian aliases. With a call, group and category are limited to its lists."""
    schema = Proposal.model_json_schema(mode="validation")
    _written_forms(schema)
    schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    schema["title"] = "KIPP innovation proposal"
    schema["required"] = [r for r in schema.get("required", []) if r != "id"]
    _add_aliases(schema, Proposal)
    for name, definition in schema.get("$defs", {}).items():
        if name in _MODELS:
            _add_aliases(definition, _MODELS[name])
    _standard_bounds(schema)
    props = schema["properties"]
    props["sdgs"] = {
        "title": "Sdgs",
        "description": "SDG numbers the innovation serves (1-17)",
        "type": "array",
        "items": {"type": "integer", "minimum": 1, "maximum": 17},
        "minItems": 1,
    }
    props["started_on"] = {
        "title": "Started On",
        "type": "string",
        "description": "2019-07-01 or 1 Juli 2019",
    }
    if call is not None:
        props["group"] = {"title": "Group", "enum": list(call.groups)}
        props["category"] = {"title": "Category", "enum": list(call.categories)}
    for alias, canonical in Proposal.ALIASES.items():
        if canonical in ("sdgs", "started_on", "group", "category"):
            props[alias] = copy.deepcopy(props[canonical])
    return schema


def _written_forms(schema: dict[str, Any]) -> None:
    """What a proposal may also write as text: a figure as Indonesians write it (`4.870`,
    `Rp 1,5 juta`), and a list of people, awards or places in one line (`Dinas Sosial Kab.
    Lumajang (2020); Dinas Sosial Kab. Probolinggo (2021)`)."""
    figure = {"type": "string", "description": "as written: 4.870, 72,4, Rp 1,5 juta"}
    indicators = schema.get("$defs", {}).get("Indicators", {}).get("properties", {})
    for prop in indicators.values():
        options = prop.get("anyOf")
        if isinstance(options, list) and options and options[0].get("type") == "number":
            options.insert(1, dict(figure))
    props = schema["properties"]
    for name in ("innovators", "prior_awards", "replications"):
        listed = props[name]
        one_line = {"type": "string", "description": "items separated by ';': Name (2020); ..."}
        props[name] = {
            "title": listed.pop("title", name),
            "anyOf": [listed, one_line],
        }


def _add_aliases(schema: dict[str, Any], model: type[BaseModel]) -> None:
    """Each alias is a property of its own with the canonical key's schema; one of the two
    spellings is enough for a required field."""
    props: dict[str, Any] = schema.get("properties", {})
    for spelling, canonical in key_table(model).items():
        if spelling != canonical and canonical in props:
            props[spelling] = {**props[canonical], "description": f"Indonesian for '{canonical}'"}
    required = schema.pop("required", [])
    aliases = {c: [s for s, c2 in key_table(model).items() if c2 == c and s != c] for c in required}
    all_of = [
        {"anyOf": [{"required": [c]}, *({"required": [a]} for a in aliases[c])]} for c in required
    ]
    if all_of:
        schema["allOf"] = all_of
    schema["additionalProperties"] = False


_BOUNDS = {"ge": "minimum", "le": "maximum", "gt": "exclusiveMinimum", "lt": "exclusiveMaximum"}


def _standard_bounds(node: Any) -> None:
    """Pydantic writes the bounds of an annotated number inside `X | None` as `ge`/`le`,
    which JSON Schema ignores; rename them so editors check them."""
    if isinstance(node, dict):
        if node.get("type") in ("number", "integer"):
            for short, keyword in _BOUNDS.items():
                if short in node:
                    node[keyword] = node.pop(short)
        for value in node.values():
            _standard_bounds(value)
    elif isinstance(node, list):
        for value in node:
            _standard_bounds(value)
