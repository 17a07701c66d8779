"""The HTML documents as a reader's browser loads them: headless Chromium, no console errors,
no request leaving the page, the content and the charts in the DOM."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest
from render_builders import full_results, rubric

from kipp.i18n import Lang
from kipp.render.html import render_html, render_scorecard_html
from kipp.render.reports import scorecard_view

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")

pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(
        CHROMIUM is None,
        reason="headless Chromium is not installed (apt-get install chromium); CI installs it",
    ),
]


def _load(page: Path, profile: Path) -> tuple[str, str]:
    """The DOM after load and Chromium's log (console messages are logged at INFO)."""
    assert CHROMIUM is not None
    done = subprocess.run(
        [
            CHROMIUM,
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--disable-quic",
            "--no-first-run",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            f"--user-data-dir={profile}",
            "--enable-logging=stderr",
            "--v=0",
            "--dump-dom",
            page.as_uri(),
        ],
        capture_output=True,
        text=True,
        timeout=90,
        check=False,
    )
    assert done.returncode == 0, done.stderr[-2000:]
    return done.stdout, done.stderr


def _console_errors(log: str) -> list[str]:
    return [
        line
        for line in log.splitlines()
        if "CONSOLE" in line or "Uncaught" in line or "net::ERR_" in line
    ]


@pytest.mark.parametrize("lang", list(Lang))
def test_shortlist_html_loads_without_errors(lang: Lang, tmp_path: Path) -> None:
    page = tmp_path / "shortlist.html"
    page.write_text(render_html(full_results(lang), rubric(), lang), encoding="utf-8")

    dom, log = _load(page, tmp_path / "profile")

    assert _console_errors(log) == []
    assert "Layanan A" in dom
    assert dom.count("<svg") == 2  # the distribution and the nominee's profile
    assert "</html>" in dom


def test_scorecard_html_loads_without_errors(tmp_path: Path) -> None:
    data = full_results(Lang.EN)
    page = tmp_path / "scorecard.html"
    page.write_text(
        render_scorecard_html(scorecard_view(data.proposals[0], data, rubric())), encoding="utf-8"
    )

    dom, log = _load(page, tmp_path / "profile")

    assert _console_errors(log) == []
    assert "How to improve" in dom
    assert dom.count("<svg") == 1
