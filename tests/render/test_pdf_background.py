"""The shortlist PDF rendered by a child process, started early (`prestart`) so that
importing WeasyPrint is done by the time the HTML is ready."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from kipp.render import pdf

HTML = "<!doctype html><html><body><h1>Daftar Pendek</h1><p>Satu halaman.</p></body></html>"


@pytest.fixture(autouse=True)
def no_child_left() -> Iterator[None]:
    yield
    child = pdf._take_prestarted()
    if child is not None:
        child.kill()
        child.communicate()


def test_a_prestarted_child_renders_the_next_pdf(monkeypatch: pytest.MonkeyPatch) -> None:
    pdf.prestart()

    def no_second_child() -> None:
        raise AssertionError("a second child was started")

    monkeypatch.setattr(pdf, "_spawn", no_second_child)
    with pdf.pdf_in_background(HTML) as wait:
        data = wait()

    assert data.startswith(b"%PDF-")
    assert pdf._take_prestarted() is None  # used once


def test_prestarting_twice_keeps_one_child() -> None:
    pdf.prestart()
    first = pdf._warm
    pdf.prestart()

    assert pdf._warm is first


def test_a_prestarted_child_never_given_html_ends_quietly() -> None:
    pdf.prestart()
    child = pdf._take_prestarted()
    assert child is not None

    out, errors = child.communicate(b"", timeout=60)

    assert (child.returncode, out) == (0, b""), errors.decode("utf-8", "replace")


def test_a_prestarted_child_that_died_is_replaced_by_a_new_one(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    pdf.prestart()
    dead = pdf._warm
    assert dead is not None
    dead.kill()
    dead.wait()
    spawned: list[object] = []
    spawn = pdf._spawn

    def counted() -> object:
        spawned.append(True)
        return spawn()

    monkeypatch.setattr(pdf, "_spawn", counted)
    with pdf.pdf_in_background(HTML) as wait:
        data = wait()

    assert data.startswith(b"%PDF-")
    assert len(spawned) == 1
    assert dead.stdout is not None and dead.stdout.closed  # its pipes were closed


def test_discarding_ends_a_prestarted_child_that_was_never_used() -> None:
    pdf.prestart()
    child = pdf._warm
    assert child is not None

    pdf.discard_prestarted()

    assert child.poll() is not None
    assert pdf._take_prestarted() is None
