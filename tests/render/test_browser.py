"""The HTML documents as a reader's browser loads them: headless Chromium, no console errors,
no request leaving the page, the content and the charts in the DOM. Pages built from the
render builders, the sample run's own shortlist.html (with its compliance and reviewers
sections), berita-acara.html and scorecards/index.html, and the shortlist.html of a sample
with broken scoresheets and agency registry (their problems told in words on the page, located
in the technical annex).

Skipped with a reason where Chromium is missing, except under CI (`CI=true`), which installs
it (.ci/run): there the check fails rather than pass silently."""

from __future__ import annotations

import html
import re
import subprocess
from collections.abc import Callable
from pathlib import Path

import pytest
from builders import required_tool
from render_builders import full_results, rubric

from kipp.core.i18n import Lang, format_number
from kipp.documents.compliance import compliance
from kipp.documents.render.html import render_html, render_scorecard_html
from kipp.documents.render.reports import scorecard_view
from kipp.intake.registry import REGISTRY_FILE, load_registry
from kipp.results import ProposalStatus, Results

SAMPLE = Path(__file__).resolve().parents[2] / "submissions" / "mojokerto-2022"
# a link or resource that would leave the page (the documents are read offline)
REMOTE = re.compile(r"""\b(?:src|href)\s*=\s*["']?\s*(?:https?:)?//""", re.IGNORECASE)

pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def chromium() -> str:
    """The Chromium binary; a skip (a failure under CI) where it is missing."""
    return required_tool(["chromium", "chromium-browser"], "chromium")


@pytest.fixture(scope="module")
def sample(
    written_run: Callable[[Path, Lang], tuple[Results, Path]],
) -> tuple[Results, Path]:
    """The sample batch's Indonesian run (shared with tests/test_documents.py)."""
    return written_run(SAMPLE, Lang.ID)


def _load(chromium: str, page: Path, profile: Path) -> tuple[str, str]:
    """The DOM after load and Chromium's log (console messages are logged at INFO)."""
    done = subprocess.run(
        [
            chromium,
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
def test_shortlist_html_loads_without_errors(lang: Lang, chromium: str, tmp_path: Path) -> None:
    page = tmp_path / "shortlist.html"
    page.write_text(render_html(full_results(lang), rubric(), lang), encoding="utf-8")

    dom, log = _load(chromium, page, tmp_path / "profile")

    assert _console_errors(log) == []
    assert "Layanan A" in dom
    assert dom.count("<svg") == 2  # the distribution and the nominee's profile
    assert "</html>" in dom


def test_scorecard_html_loads_without_errors(chromium: str, tmp_path: Path) -> None:
    data = full_results(Lang.EN)
    page = tmp_path / "scorecard.html"
    page.write_text(
        render_scorecard_html(scorecard_view(data.proposals[0], data, rubric())), encoding="utf-8"
    )

    dom, log = _load(chromium, page, tmp_path / "profile")

    assert _console_errors(log) == []
    assert "How to improve" in dom
    assert dom.count("<svg") == 1


def test_sample_shortlist_html_loads_without_errors_with_compliance_and_reviewers(
    chromium: str, sample: tuple[Results, Path], tmp_path: Path
) -> None:
    results, out = sample
    registry = load_registry(SAMPLE / REGISTRY_FILE)
    assert registry is not None and registry.registry is not None
    without = compliance(registry.registry, registry.path, results.proposals).without
    nominees = [p for p in results.proposals if p.status is ProposalStatus.SHORTLISTED]

    dom, log = _load(chromium, out / "shortlist.html", tmp_path / "profile")

    assert _console_errors(log) == []
    assert dom.rstrip().endswith("</html>")
    text = html.unescape(dom)
    assert 'id="compliance"' in dom
    assert 'id="reviews"' in dom
    assert len(without) == 16
    assert [name for name in without if name not in text] == []
    assert len(nominees) == 5
    for p in nominees:
        assert p.title is not None and p.total is not None
        assert p.title in text
        assert format_number(p.total, Lang.ID, 2) in text
    assert dom.count("<svg") == 1 + len(nominees)  # the distribution and a profile each
    assert REMOTE.findall(dom) == []


def test_sample_scorecard_index_loads_without_errors_and_links_every_card(
    chromium: str, sample: tuple[Results, Path], tmp_path: Path
) -> None:
    results, out = sample
    folder = out / "scorecards"

    dom, log = _load(chromium, folder / "index.html", tmp_path / "profile")

    assert _console_errors(log) == []
    text = html.unescape(dom)
    assert [p.id for p in results.proposals if (p.title or "") not in text] == []
    links = re.findall(r'href="([^"#]+)"', dom)
    assert sorted(link for link in links if link.endswith(".html")) == sorted(
        f"{p.id}.html" for p in results.proposals
    )
    assert len([link for link in links if link.endswith(".pdf")]) == len(results.proposals)
    assert [link for link in links if not (folder / link).is_file()] == []
    assert REMOTE.findall(dom) == []


def test_a_console_error_is_seen(chromium: str, tmp_path: Path) -> None:
    page = tmp_path / "broken.html"
    page.write_text(
        "<!DOCTYPE html><html><head><title>x</title></head>"
        '<body><script>console.error("kapow"); notDefined();</script></body></html>',
        encoding="utf-8",
    )

    _, log = _load(chromium, page, tmp_path / "profile")

    errors = _console_errors(log)
    assert len(errors) == 2
    assert '"kapow"' in errors[0]
    assert "Uncaught ReferenceError: notDefined is not defined" in errors[1]


def test_sample_berita_acara_html_loads_without_errors_with_nominees_and_signatures(
    chromium: str, sample: tuple[Results, Path], tmp_path: Path
) -> None:
    results, out = sample
    nominees = sorted(
        (p for p in results.proposals if p.status is ProposalStatus.SHORTLISTED),
        key=lambda p: p.rank or 0,
    )
    settings = results.run.settings
    assert settings is not None and settings.chair is not None

    dom, log = _load(chromium, out / "berita-acara.html", tmp_path / "profile")

    assert _console_errors(log) == []
    assert dom.rstrip().endswith("</html>")
    assert REMOTE.findall(dom) == []
    text = html.unescape(dom)
    start = text.index('<table class="nominees">')
    table = text[start : text.index("</table>", start)]
    assert len(nominees) == 5
    places = [table.index(f"<td>{p.title}</td>") for p in nominees]
    assert places == sorted(places)
    for p in nominees:
        assert p.total is not None and format_number(p.total, Lang.ID, 2) in table
    signatures = text[text.index('<table class="signatures-table">') :]
    for person in (settings.chair, *settings.members):
        assert f"<td>{person.name}</td>" in signatures
    assert signatures.count('<div class="block">') == 2  # the coordinator and the Sekda


def test_broken_sample_shortlist_html_loads_with_its_problems_in_words_and_in_the_annex(
    chromium: str,
    written_run: Callable[[Path, Lang], tuple[Results, Path]],
    broken_sample: Path,
    tmp_path: Path,
) -> None:
    _, out = written_run(broken_sample, Lang.ID)

    dom, log = _load(chromium, out / "shortlist.html", tmp_path / "profile")

    assert _console_errors(log) == []
    assert dom.rstrip().endswith("</html>")
    assert REMOTE.findall(dom) == []
    official, annex = dom.split('<footer class="manifest technical" id="technical">')
    assert '<p class="problems-note">Lembar penilaian yang dikembalikan juri memuat 3 masalah' in (
        official
    )
    assert "Daftar perangkat daerah pada kumpulan ini tidak dapat dipakai" in official
    assert str(broken_sample) not in official
    assert 'id="reviews-problems"' in annex and 'id="registry-problems"' in annex
    assert html.unescape(annex).count(f"{broken_sample}/_reviews/bagus-hermawan.xlsx, baris") == 2
