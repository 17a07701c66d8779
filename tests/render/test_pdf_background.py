"""The shortlist PDF rendered by a child process, started early (`PdfRenderer.start`) so that
importing WeasyPrint is done by the time the HTML is ready."""

from __future__ import annotations

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
    with pdf.pdf_in_background(HTML, renderer) as wait:
        data = wait()

    assert data.startswith(b"%PDF-")
    assert renderer.take() is None  # used once


def test_a_renderer_child_never_given_html_ends_quietly(renderer: pdf.PdfRenderer) -> None:
    child = renderer.take()
    assert child is not None

    out, errors = child.communicate(b"", timeout=60)

    assert (child.returncode, out) == (0, b""), errors.decode("utf-8", "replace")


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
    with pdf.pdf_in_background(HTML, renderer) as wait:
        data = wait()

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
    with pdf.pdf_in_background(HTML) as wait:
        data = wait()

    assert data.startswith(b"%PDF-")
