"""The shortlist PDF rendered by a child process, started early (`PdfRenderer.start`) so that
importing WeasyPrint is done by the time the HTML is ready."""

from __future__ import annotations

import signal
import subprocess
import sys
import threading
from collections.abc import Iterator

import pytest

from kipp.documents.render import pdf

HTML = "<!doctype html><html><body><h1>Daftar Pendek</h1><p>Satu halaman.</p></body></html>"


@pytest.fixture
def renderer() -> Iterator[pdf.PdfRenderer]:
    started = pdf.PdfRenderer.start()
    yield started
    started.close()


def test_a_started_renderer_renders_the_next_pdf(
    renderer: pdf.PdfRenderer, monkeypatch: pytest.MonkeyPatch
) -> None:
    def no_second_child() -> None:
        raise AssertionError("a second child was started")

    monkeypatch.setattr(pdf, "_spawn", no_second_child)
    with pdf.pdf_in_background(HTML, renderer) as rendering:
        data = rendering.pdf()

    assert data.startswith(b"%PDF-")
    assert renderer.take() is None  # used once


def test_a_renderer_child_never_given_html_ends_quietly(renderer: pdf.PdfRenderer) -> None:
    child = renderer.take()
    assert child is not None

    out, errors = child.communicate(b"", timeout=60)

    # the native libraries it loaded, and no PDF
    assert (child.returncode, out) == (0, pdf.native_libraries().encode() + b"\n"), errors


def test_a_renderer_whose_child_died_is_replaced_by_a_new_child(
    renderer: pdf.PdfRenderer, monkeypatch: pytest.MonkeyPatch
) -> None:
    dead = renderer._child
    assert dead is not None
    dead.kill()
    dead.wait()
    spawned: list[object] = []
    spawn = pdf._spawn

    def counted() -> object:
        spawned.append(True)
        return spawn()

    monkeypatch.setattr(pdf, "_spawn", counted)
    with pdf.pdf_in_background(HTML, renderer) as rendering:
        data = rendering.pdf()

    assert data.startswith(b"%PDF-")
    assert len(spawned) == 1
    assert dead.stdout is not None and dead.stdout.closed  # its pipes were closed


def test_closing_a_renderer_ends_a_child_that_was_never_used(renderer: pdf.PdfRenderer) -> None:
    child = renderer._child
    assert child is not None

    renderer.close()

    assert child.poll() is not None
    assert renderer.take() is None


def test_without_a_renderer_a_child_is_started_for_the_pdf() -> None:
    with pdf.pdf_in_background(HTML) as rendering:
        data = rendering.pdf()

    assert data.startswith(b"%PDF-")


def test_the_child_tells_the_native_libraries_it_renders_with_before_its_pdf(
    renderer: pdf.PdfRenderer,
) -> None:
    with pdf.pdf_in_background(HTML, renderer) as rendering:
        natives = rendering.natives()
        data = rendering.pdf()

    assert natives == pdf.native_libraries()
    assert natives.startswith("pango ")
    assert data.startswith(b"%PDF-")


def test_a_process_whose_child_said_its_libraries_knows_them_at_its_next_pdf(
    renderer: pdf.PdfRenderer, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(pdf, "_LAST_NATIVES", [])
    with pdf.pdf_in_background(HTML, renderer) as first:
        assert first.known_natives is None  # nothing said yet: its child is asked
        natives = first.natives()
    with pdf.pdf_in_background(HTML) as second:  # `kipp run --watch`'s next run
        assert second.known_natives == natives
        second.stop()  # the previous run's PDF holds: this child is not needed


def test_a_pdf_not_asked_for_is_not_waited_for_its_child_is_ended(
    renderer: pdf.PdfRenderer,
) -> None:
    child = renderer._child
    assert child is not None
    long = HTML.replace("<p>Satu halaman.</p>", "<p>Satu halaman.</p>" * 20_000)
    with pdf.pdf_in_background(long, renderer) as rendering:
        rendering.natives()  # it has started; its many pages are not

    assert child.returncode == -signal.SIGKILL


def test_where_no_child_can_start_the_pdf_and_its_libraries_come_from_this_process(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(pdf, "_spawn", lambda: None)
    with pdf.pdf_in_background(HTML) as rendering:
        assert rendering.natives() == pdf.native_libraries()
        assert rendering.pdf().startswith(b"%PDF-")


def _fake_child(script: str) -> subprocess.Popen[bytes]:
    return subprocess.Popen(
        [sys.executable, "-c", script],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    )


def test_a_child_writing_much_error_output_before_its_first_line_does_not_stop_the_run(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    script = (
        "import sys\n"
        "sys.stderr.write('warning ' * 100_000); sys.stderr.flush()\n"  # beyond a pipe's buffer
        "sys.stdout.write('pango 15000\\n'); sys.stdout.flush()\n"
        "html = sys.stdin.buffer.read()\n"
        "sys.stdout.buffer.write(b'%PDF-' + str(len(html)).encode())\n"
    )
    monkeypatch.setattr(pdf, "_spawn", lambda: _fake_child(script))
    monkeypatch.setattr(pdf, "_LAST_NATIVES", [])  # what this fake child says stays in this test
    found: dict[str, object] = {}

    def render() -> None:
        with pdf.pdf_in_background(HTML) as rendering:
            found["natives"] = rendering.natives()
            found["pdf"] = rendering.pdf()

    worker = threading.Thread(target=render, daemon=True)
    worker.start()
    worker.join(timeout=60)

    assert not worker.is_alive(), "the child and this process waited for each other"
    assert found == {"natives": "pango 15000", "pdf": b"%PDF-" + str(len(HTML)).encode()}


def test_a_first_line_that_is_not_the_childs_own_is_not_taken_for_its_libraries(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    script = "import sys\nprint('hello from a library')\nsys.stdin.buffer.read()\n"
    monkeypatch.setattr(pdf, "_spawn", lambda: _fake_child(script))
    with pdf.pdf_in_background(HTML) as rendering:
        assert rendering.natives() == pdf.native_libraries()
