"""`kipp --help` and `kipp COMMAND --help`: every command and parameter has its help in the
catalogue, shown in the command's language (Indonesian by default, English with `--lang en`
or `KIPP_LANG=en`), with no sentence of the other language."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
import typer
from typer.core import TyperArgument, TyperCommand, TyperGroup
from typer.testing import CliRunner, Result

from kipp.core.catalogue import CATALOGUE, PARTS
from kipp.core.i18n import Lang
from kipp_app.cli import app
from kipp_app.cli.helptext import (
    ROOT,
    about_key,
    command_key,
    help_lang,
    help_params,
    param_keys,
)

# wide enough that no help text is wrapped: each is on one line of the output
WIDE = {"COLUMNS": "1000"}
HELP_PREFIXES = ("cli.help.", "cli.about.", "cli.option.", "cli.panel.")


@pytest.fixture(autouse=True)
def no_language_variable(monkeypatch: pytest.MonkeyPatch) -> None:
    """The tests choose the language themselves; the machine's KIPP_LANG does not."""
    monkeypatch.delenv("KIPP_LANG", raising=False)


def commands() -> dict[str, TyperCommand | TyperGroup]:
    """`kipp` (as `ROOT`) and each of its commands, by the name their help keys use."""
    root = typer.main.get_command(app)
    assert isinstance(root, TyperGroup)
    found: dict[str, TyperCommand | TyperGroup] = {ROOT: root}
    for name, command in root.commands.items():
        assert isinstance(command, TyperCommand | TyperGroup)
        found[name] = command
    return found


def keys_of(name: str, command: TyperCommand | TyperGroup) -> list[str]:
    """The help keys `command`'s help shows: its summary, what follows it, each parameter's
    (its own or the shared one) and the panel titles."""
    keys = [command_key(name)]
    if about_key(name) in CATALOGUE:
        keys.append(about_key(name))
    for param in help_params(command):
        own, shared = param_keys(name, param)
        keys.append(own if own in CATALOGUE else shared)
    keys.append("cli.panel.options")
    if any(isinstance(param, TyperArgument) for param in help_params(command)):
        keys.append("cli.panel.arguments")
    if isinstance(command, TyperGroup):
        keys.append("cli.panel.commands")
    return keys


def kipp(*args: str, env: dict[str, str] | None = None) -> Result:
    return CliRunner().invoke(app, list(args), env={**WIDE, **(env or {})})


def lines(output: str) -> list[str]:
    """The help's lines without the panels' borders, each run of spaces as one space."""
    return [" ".join(line.strip(" │").split()) for line in output.splitlines()]


def flat(output: str) -> str:
    return "\n".join(lines(output))


def shows(output: str, key: str, lang: Lang) -> bool:
    """Whether `output` holds entry `key` in `lang`: a panel's title as the title (`Argumen`
    is in `Arguments`), any other as a sentence on one line."""
    words = CATALOGUE[key][lang.value]
    if key.startswith("cli.panel."):
        return f"╭─ {words} ─" in output
    return words in flat(output)


def test_every_command_and_parameter_has_help_in_both_languages() -> None:
    missing = []
    for name, command in commands().items():
        wanted = [command_key(name)]
        for param in help_params(command):
            own, shared = param_keys(name, param)
            if own not in CATALOGUE and shared not in CATALOGUE:
                missing.append(f"{name} {param.opts or param.name}: {own} or {shared}")
            else:
                wanted.append(own if own in CATALOGUE else shared)
        missing += [key for key in wanted if key not in CATALOGUE]
        for key in wanted:
            if key in CATALOGUE and not all(CATALOGUE[key].get(lang, "").strip() for lang in Lang):
                missing.append(f"{key}: a language is missing")
    assert missing == []
    assert len(commands()) == 8  # kipp and its seven commands: the walk finds them


def test_every_help_key_belongs_to_a_command_or_parameter_kipp_has() -> None:
    used = {key for name, command in commands().items() for key in keys_of(name, command)}
    help_keys = {key for key in PARTS["help"] if key.startswith(HELP_PREFIXES)}

    assert sorted(help_keys - used) == []
    assert set(PARTS["help"]) == help_keys


def test_kipp_help_lists_the_commands_in_indonesian_by_default() -> None:
    result = kipp("--help")

    assert result.exit_code == 0
    shown = lines(result.stdout)
    assert (
        "Mengolah folder berisi proposal inovasi menjadi daftar pendek KIPP yang berperingkat "
        "dan disertai penjelasan."
    ) in shown
    assert (
        "run Pekerjaan utama: memeriksa, menyaring, menilai dan menyusun daftar pendek "
        "kumpulan proposal, lalu menulis dokumennya."
    ) in shown
    assert "--help <bool> Tampilkan bantuan ini lalu keluar." in shown
    assert "╭─ Perintah ─" in result.stdout
    assert "╭─ Opsi ─" in result.stdout


def test_kipp_run_help_shows_the_run_and_out_help_in_indonesian() -> None:
    result = kipp("run", "--help")

    assert result.exit_code == 0
    shown = lines(result.stdout)
    assert (
        "Pekerjaan utama: memeriksa, menyaring, menilai dan menyusun daftar pendek kumpulan "
        "proposal, lalu menulis dokumennya."
    ) in shown
    assert (
        "--out -o <path> Folder keluaran; bila tidak disebut, "
        "outputs/<nama folder kumpulan proposal>."
    ) in shown
    assert "* batch <path> Folder yang berisi berkas proposal. [required]" in shown
    assert "╭─ Argumen ─" in result.stdout


@pytest.mark.parametrize(
    ("args", "env"),
    [
        (("run", "--lang", "en", "--help"), {}),
        (("run", "--help", "--lang", "en"), {}),
        (("run", "--lang=en", "--help"), {}),
        (("run", "--help"), {"KIPP_LANG": "en"}),
    ],
)
def test_kipp_run_help_is_english_with_lang_en_anywhere_or_kipp_lang_en(
    args: tuple[str, ...], env: dict[str, str]
) -> None:
    result = kipp(*args, env=env)

    assert result.exit_code == 0
    shown = lines(result.stdout)
    assert (
        "The main job: validate, gate, score and shortlist a batch, and write the documents."
    ) in shown
    assert "--out -o <path> Output folder; when not given, outputs/<batch folder name>." in shown
    assert "--help <bool> Show this message and exit." in shown
    assert "╭─ Arguments ─" in result.stdout


def test_lang_id_on_the_command_line_wins_over_kipp_lang_en() -> None:
    result = kipp("run", "--lang", "id", "--help", env={"KIPP_LANG": "en"})

    assert "Tampilkan bantuan ini lalu keluar." in result.stdout
    assert "Show this message and exit." not in result.stdout


@pytest.mark.parametrize("name", list(commands()))
@pytest.mark.parametrize("lang", list(Lang))
def test_each_help_shows_every_sentence_of_its_language_and_none_of_the_other(
    name: str, lang: Lang
) -> None:
    if name == ROOT:  # `kipp` has no --lang of its own: its language comes from KIPP_LANG
        result = kipp("--help", env={"KIPP_LANG": lang.value})
    else:
        result = kipp(name, "--help", "--lang", lang.value)
    other = Lang.EN if lang is Lang.ID else Lang.ID

    assert result.exit_code == 0
    keys = keys_of(name, commands()[name])
    assert [key for key in keys if not shows(result.stdout, key, lang)] == []
    assert [key for key in keys if shows(result.stdout, key, other)] == []


@pytest.mark.parametrize("name", list(commands()))
def test_indonesian_help_shows_none_of_the_developers_english_help(name: str) -> None:
    command = commands()[name]  # as Typer builds it: docstrings and help= strings
    developers = [(command.help or "").splitlines()[0]]
    developers += [param.help for param in help_params(command) if param.help]
    args = ["--help"] if name == ROOT else [name, "--help"]

    shown = flat(kipp(*args).stdout)

    assert len(developers) > 1
    assert [words for words in developers if words in shown] == []


@pytest.mark.parametrize(
    ("args", "environ", "lang"),
    [
        ([], {}, Lang.ID),
        (["run", "--help"], {"KIPP_LANG": "en"}, Lang.EN),
        (["run", "--lang", "en", "--help"], {}, Lang.EN),
        (["run", "--lang=en"], {"KIPP_LANG": "id"}, Lang.EN),
        (["run", "--lang", "id"], {"KIPP_LANG": "en"}, Lang.ID),
        (["run", "--lang", "fr", "--help"], {"KIPP_LANG": "en"}, Lang.EN),
        (["run", "--help"], {"KIPP_LANG": "fr"}, Lang.ID),
        (["run", "--lang"], {}, Lang.ID),
        (["run", "--", "--lang", "en"], {}, Lang.ID),
    ],
)
def test_help_lang_reads_the_last_lang_of_the_command_line_then_kipp_lang(
    args: list[str], environ: dict[str, str], lang: Lang
) -> None:
    assert help_lang(args, environ) is lang


def test_python_m_kipp_app_help_is_indonesian_and_english_with_lang_en(tmp_path: Path) -> None:
    src = Path(__file__).resolve().parents[2] / "src"
    env = {
        **os.environ,
        **WIDE,
        "PYTHONPATH": f"{src}{os.pathsep}{os.environ.get('PYTHONPATH', '')}",
    }
    env.pop("KIPP_LANG", None)

    def help_of(*args: str) -> list[str]:
        done = subprocess.run(
            [sys.executable, "-m", "kipp_app", *args],
            capture_output=True,
            text=True,
            env=env,
            cwd=tmp_path,
            timeout=120,
            check=True,
        )
        return lines(done.stdout)

    assert "--help <bool> Tampilkan bantuan ini lalu keluar." in help_of("schema", "--help")
    assert "--out -o <path> Write to this file instead of standard output." in help_of(
        "schema", "--lang", "en", "--help"
    )
