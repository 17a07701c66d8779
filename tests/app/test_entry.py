"""Ctrl-C or SIGTERM while the `kipp` command is still loading its modules: the command's
one line, in its language, and exit 130 or 143, never a Python traceback."""

from __future__ import annotations

import os
import subprocess
import sys
import tomllib
from pathlib import Path

import pytest

from kipp_app.entry import language

ROOT = Path(__file__).resolve().parents[2]
STOPPED_ID = (
    "Dihentikan. Tahap yang sudah selesai tersimpan: jalankan perintah yang sama untuk "
    "melanjutkan. Folder keluaran tetap utuh."
)
STOPPED_EN = (
    "Stopped. The stages already done are kept: run the same command again to go on. "
    "The output folder is left whole."
)
# the command, signalled by itself the moment it starts importing its command-line modules
# (what a Ctrl-C in the first seconds of `kipp run` meets)
SIGNALLED_WHILE_LOADING = """
import os, signal, sys, time

class SignalWhenTheCommandLoads:
    def find_spec(self, name, path=None, target=None):
        if name == "kipp_app.cli":
            os.kill(os.getpid(), signal.{signal})
            time.sleep(30)
        return None

sys.meta_path.insert(0, SignalWhenTheCommandLoads())
sys.argv = ["kipp", *sys.argv[1:]]
from kipp_app.entry import main
main()
"""


def _signalled(
    number: str, *argv: str, lang: str | None = None
) -> subprocess.CompletedProcess[str]:
    env = {key: value for key, value in os.environ.items() if key != "KIPP_LANG"}
    if lang is not None:
        env["KIPP_LANG"] = lang
    script = SIGNALLED_WHILE_LOADING.replace("{signal}", number)
    return subprocess.run(
        [sys.executable, "-c", script, *argv],
        capture_output=True,
        text=True,
        env=env,
        cwd=ROOT,
        timeout=60,
        check=False,
    )


def test_ctrl_c_while_the_command_loads_says_it_stopped_in_indonesian_and_exits_130() -> None:
    done = _signalled("SIGINT", "validate", "submissions/mojokerto-2022")
    assert (done.returncode, done.stderr, done.stdout) == (130, STOPPED_ID + "\n", "")


def test_sigterm_while_the_command_loads_speaks_the_language_asked_for_and_exits_143() -> None:
    done = _signalled("SIGTERM", "run", "--lang", "en", "submissions/mojokerto-2022")
    assert (done.returncode, done.stderr, done.stdout) == (143, STOPPED_EN + "\n", "")


def test_ctrl_c_while_the_command_loads_speaks_kipp_lang() -> None:
    done = _signalled("SIGINT", "validate", "submissions/mojokerto-2022", lang="en")
    assert (done.returncode, done.stderr) == (130, STOPPED_EN + "\n")


@pytest.mark.parametrize(
    ("argv", "environ", "expected"),
    [
        ([], {}, "id"),
        ([], {"KIPP_LANG": "en"}, "en"),
        (["run", "--lang", "en", "batch"], {}, "en"),
        (["run", "--lang=en", "batch"], {"KIPP_LANG": "id"}, "en"),
        (["--lang", "en", "run", "--lang", "id"], {}, "id"),  # the last one, as the option
        (["run", "--lang", "fr"], {"KIPP_LANG": "en"}, "id"),  # unknown: Indonesian
        (["run", "--lang"], {"KIPP_LANG": "en"}, "en"),  # no value given
    ],
)
def test_the_language_before_the_options_are_parsed(
    argv: list[str], environ: dict[str, str], expected: str
) -> None:
    assert language(argv, environ) == expected


def test_the_kipp_command_starts_at_the_guarded_entry_point() -> None:
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    assert project["project"]["scripts"] == {"kipp": "kipp_app.entry:main"}
    main_module = (ROOT / "src" / "kipp_app" / "__main__.py").read_text(encoding="utf-8")
    assert "from kipp_app.entry import main" in main_module


def test_signals_are_ended_quietly_before_the_catalogue_loads() -> None:
    # the bare handler covers the catalogue's import: a signal then ends the process, no
    # traceback (the catalogue's line cannot be made yet)
    script = (
        "import os, signal, sys, time\n"
        "class SignalWhenTheCatalogueLoads:\n"
        "    def find_spec(self, name, path=None, target=None):\n"
        "        if name == 'kipp.core.i18n':\n"
        "            os.kill(os.getpid(), signal.SIGINT)\n"
        "            time.sleep(30)\n"
        "        return None\n"
        "sys.meta_path.insert(0, SignalWhenTheCatalogueLoads())\n"
        "from kipp_app.entry import guard\n"
        "guard()\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, cwd=ROOT, timeout=60
    )
    assert (done.returncode, done.stderr, done.stdout) == (130, "", "")


def test_the_command_stops_in_the_language_asked_for_after_loading_too() -> None:
    # the command's own handler (once loaded) speaks the language the entry point's did
    script = (
        "import sys\n"
        "sys.argv = ['kipp', 'validate', 'batch', '--lang', 'en']\n"
        "from kipp_app.cli.app import state\n"
        "print(state.lang.value)\n"
    )
    env = {key: value for key, value in os.environ.items() if key != "KIPP_LANG"}
    done = subprocess.run(
        [sys.executable, "-c", script],
        capture_output=True,
        text=True,
        env=env,
        cwd=ROOT,
        timeout=60,
    )
    assert done.stdout == "en\n", done.stderr
