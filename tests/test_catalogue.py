"""The catalogue of sentences: every entry whole in both languages, and every key the code
names present in it; a sentence's parameters survive results.json."""

from __future__ import annotations

import ast
import string
from datetime import date
from pathlib import Path

import pytest

import kipp
import kipp_app
from kipp.core import i18n
from kipp.core.catalogue import CATALOGUE, PARTS
from kipp.core.i18n import Lang, Text, render, text
from kipp.results import ProblemOut

SOURCES = [Path(kipp.__file__).parent, Path(kipp_app.__file__).parent]

# calls whose first argument is a catalogue key (and, for `.of`, the second: the hint's)
KEY_CALLS = {"text", "tr", "of", "invalid", "PydanticCustomError"}


def placeholders(template: str) -> set[str]:
    """The parameters a template names: `{n:p:file/files}` and `{items:j:; }` name `n` and
    `items`; `{{` is a brace, not a parameter."""
    return {name for _, name, _, _ in string.Formatter().parse(template) if name is not None}


def literal_keys() -> list[tuple[str, str]]:
    """(where, key) of every string literal given as a key to `text(`, `tr(`, `.of(`,
    `invalid(` or `PydanticCustomError(` in the sources."""
    found = []
    for root in SOURCES:
        for path in sorted(root.rglob("*.py")):
            tree = ast.parse(path.read_text(encoding="utf-8"))
            for node in ast.walk(tree):
                if not isinstance(node, ast.Call):
                    continue
                func = node.func
                name = func.id if isinstance(func, ast.Name) else getattr(func, "attr", "")
                if name not in KEY_CALLS:
                    continue
                positions = node.args[:2] if name == "of" else node.args[:1]
                for arg in positions:
                    if isinstance(arg, ast.Constant) and isinstance(arg.value, str):
                        where = f"{path.relative_to(root.parent)}:{node.lineno}"
                        found.append((where, arg.value))
    return found


def test_catalogue_entries_have_both_languages_with_the_same_placeholders() -> None:
    wrong = []
    for part, entries in PARTS.items():
        for key, entry in entries.items():
            if set(entry) != {"id", "en"}:
                wrong.append(f"{part}: {key}: languages {sorted(entry)}")
                continue
            if not all(entry[lang].strip() for lang in ("id", "en")):
                wrong.append(f"{part}: {key}: empty text")
            if placeholders(entry["id"]) != placeholders(entry["en"]):
                wrong.append(
                    f"{part}: {key}: id names {sorted(placeholders(entry['id']))}, "
                    f"en names {sorted(placeholders(entry['en']))}"
                )
    assert wrong == []


def test_catalogue_keys_are_each_defined_in_one_part() -> None:
    owners: dict[str, list[str]] = {}
    for part, entries in PARTS.items():
        for key in entries:
            owners.setdefault(key, []).append(part)

    assert {key: parts for key, parts in owners.items() if len(parts) > 1} == {}
    assert len(CATALOGUE) == sum(len(entries) for entries in PARTS.values())


def test_catalogue_holds_every_key_the_sources_name() -> None:
    named = literal_keys()

    assert [f"{where}: {key}" for where, key in named if key not in CATALOGUE] == []
    assert len(named) > 300  # the scan finds the calls (a broken scan finds none)


def test_placeholders_read_plural_and_join_specs_as_their_parameter() -> None:
    assert placeholders("{n:p:file/files} in {folder}; {items:j:; } {{not}}") == {
        "n",
        "folder",
        "items",
    }


def test_render_counts_digits_as_written_joins_lists_and_formats_numbers_per_language() -> None:
    item = text("value.too_long", length="1500", max="200")
    one = text("value.too_long", length="1", max="200")
    joined = text("assign.short", items=[text("sheet.no_reviewer"), text("sheet.no_proposal")])
    size = text("size.mb", n=2.0)

    assert render(item, Lang.EN) == "1500 characters; at most 200 allowed"
    assert render(one, Lang.EN) == "1 character; at most 200 allowed"
    assert render(item, Lang.ID) == "1500 karakter; maksimal 200 karakter"
    assert render(joined, Lang.EN) == (
        "cannot assign reviewers: empty; write the reviewer's id; empty; write the proposal's id"
    )
    assert (render(size, Lang.EN), render(size, Lang.ID)) == ("2.0 MB", "2,0 MB")


def test_a_format_with_a_field_of_its_own_is_filled_before_use_in_both_languages() -> None:
    level = text("criterion.level", score=3.14159, places=2, level=3, thresholds=[1.5, 2.25])
    whole = text("criterion.level", score=7.0, places=0, level=1, thresholds=[1.0])

    assert render(level, Lang.ID) == (
        "Skor 3,14 → level otomatis 3 dari 5 (ambang level 2-5: 1,50; 2,25)."
    )
    assert render(level, Lang.EN) == (
        "Score 3.14 → automatic level 3 of 5 (level 2-5 thresholds: 1.50, 2.25)."
    )
    assert render(whole, Lang.ID) == "Skor 7 → level otomatis 1 dari 5 (ambang level 2-5: 1)."


def test_every_catalogue_sentence_renders_without_the_slow_general_formatter() -> None:
    for key, languages in CATALOGUE.items():
        for lang in Lang:
            assert i18n._fields(languages[lang.value]) is not None, (key, lang)


def _sample(spec: str, value: int) -> object:
    """A parameter value the format `spec` takes: a count, a list, a number or a text."""
    if spec.startswith("p:"):
        return value
    if spec.startswith("j:"):
        return [f"butir {value}", 1234.5, value]
    if spec in ("d", "g") or spec.endswith(("f", "g")):
        return 1234.5678 + value if spec != "d" else 1234 + value
    return [f"nilai {value}", 0.25, 12_500, date(2022, 6, 30), True][value % 5]


@pytest.mark.parametrize("lang", list(Lang))
def test_every_catalogue_sentence_renders_as_the_general_formatter_would(lang: Lang) -> None:
    general = i18n._FORMATTERS[lang]
    for key, languages in CATALOGUE.items():
        template = languages[lang.value]
        params: dict[str, object] = {}
        for value, (_, name, spec, _) in enumerate(string.Formatter().parse(template)):
            if name is not None and name not in params:
                params[name] = _sample(spec or "", value)
        if "{places}" in template:  # a format's own field (`{score:.{places}f}`)
            params["places"] = 2
        assert i18n._fill(template, params, lang) == general.vformat(template, (), params), key


def test_text_with_a_date_parameter_survives_a_json_round_trip() -> None:
    sentence = text(
        "gate.min_age.after",
        started=date(2022, 5, 2),
        deadline=date(2022, 4, 15),
        rule=text("gate.min_age.rule", required=24),
    )

    again = Text.model_validate_json(sentence.model_dump_json())

    assert again == sentence
    assert again.params["started"] == date(2022, 5, 2)
    assert render(again, Lang.ID) == render(sentence, Lang.ID)


def test_problem_text_with_a_date_reads_back_from_results_json_as_a_date() -> None:
    problem = ProblemOut(
        path="a.yaml",
        field="started_on",
        message="x",
        line=3,
        column=None,
        severity="error",
        text=Text(key="message.as_written", params={"message": date(2019, 7, 1)}),
    )

    again = ProblemOut.model_validate_json(problem.model_dump_json())

    assert again.text.params == {"message": date(2019, 7, 1)}
    assert render(again.text, Lang.ID) == "1 Juli 2019"
    assert render(again.text, Lang.EN) == "1 July 2019"


@pytest.mark.parametrize("written", ['{"date": "2019-07-01"}', '"2019-07-01"'])
def test_a_date_param_is_written_tagged_and_text_stays_text(written: str) -> None:
    dumped = text("message.as_written", message=date(2019, 7, 1)).model_dump(mode="json")
    read = Text.model_validate_json(
        f'{{"key": "message.as_written", "params": {{"message": {written}}}}}'
    )

    assert dumped == {"key": "message.as_written", "params": {"message": {"date": "2019-07-01"}}}
    assert read.params["message"] == (date(2019, 7, 1) if "date" in written else "2019-07-01")
