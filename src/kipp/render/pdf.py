"""HTML to PDF with WeasyPrint: A4, page numbers from the templates' `@page` rules.

Nothing is fetched while rendering: the documents are self-contained (inline CSS and SVG),
and the URL fetcher refuses every URL, so a value that slipped into a link or style could
not make the renderer reach the network or the file system.

Measured on the 2-core development machine (WeasyPrint 70, CPU seconds): the sample batch's
shortlist PDF (21 pages) ~1.7 s; a scorecard ~0.19 s (2-3 pages). At 3,500 proposals the
screen HTML as it stands took ~61 s (668 pages), the print variant with every annex row
~21 s (182 pages), and with annexes cut at 100 rows ~5 s (67 pages): hence the compact,
capped annexes, and scorecard PDFs only on request for large batches.

`pdf_in_background` renders one PDF in a child process while the caller writes the other
documents: WeasyPrint is single-threaded Python, and at national scale (3,500 proposals) the
shortlist PDF alone costs ~5 s of CPU that the second core can absorb. Starting that child
and importing WeasyPrint takes ~1 s more; `prestart` starts it early (`kipp run` does so once
the shortlist is decided, while it builds the results), so that it waits, WeasyPrint
imported, for the HTML.
"""

from __future__ import annotations

import subprocess
import sys
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from functools import cache
from typing import Any, NoReturn


def _refuse(url: str, *args: Any, **kwargs: Any) -> NoReturn:
    raise ValueError(f"documents are self-contained; refusing to fetch {url[:80]}")


@cache
def _fonts() -> Any:
    from weasyprint.text.fonts import FontConfiguration

    return FontConfiguration()


def html_to_pdf(html: str) -> bytes:
    """The PDF of one self-contained HTML document."""
    from weasyprint import HTML

    fonts = _fonts()
    document = HTML(string=html, url_fetcher=_refuse).render(font_config=fonts)
    data: bytes = document.write_pdf()
    return data


_WARM_LOCK = threading.Lock()
_warm: subprocess.Popen[bytes] | None = None


def _spawn() -> subprocess.Popen[bytes] | None:
    try:
        return subprocess.Popen(
            [sys.executable, "-m", "kipp.render.pdf"],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
        )
    except OSError:
        return None


def prestart() -> None:
    """Start the child of the next `pdf_in_background` now: it imports WeasyPrint, then waits
    for its HTML. A child never used ends when this process does (its stdin closes)."""
    global _warm
    with _WARM_LOCK:
        if _warm is None or _warm.poll() is not None:
            _warm = _spawn()


def _take_prestarted() -> subprocess.Popen[bytes] | None:
    global _warm
    with _WARM_LOCK:
        child, _warm = _warm, None
    if child is not None and child.poll() is not None:
        child.communicate()  # it died (killed, out of memory): close its pipes, start anew
        return None
    return child


def discard_prestarted() -> None:
    """End the prestarted child, if one is still waiting (a run that failed before its PDF
    was rendered): it would otherwise wait, with WeasyPrint's memory, until this process
    ends."""
    child = _take_prestarted()
    if child is not None:
        child.kill()
        child.communicate()


@contextmanager
def pdf_in_background(html: str) -> Iterator[Callable[[], bytes]]:
    """Render `html` to PDF in a child Python (`python -m kipp.render.pdf`: a fresh
    interpreter, so nothing of this process, its threads or its `__main__`, is copied or
    re-run), the one `prestart` started if any; yield a function that waits for the bytes.
    Where the child cannot be started, the PDF is rendered in this process when asked for. A
    failed child raises with its error output."""
    child = _take_prestarted() or _spawn()
    if child is None:
        yield lambda: html_to_pdf(html)
        return
    output: dict[str, bytes] = {}

    def talk() -> None:
        output["pdf"], output["errors"] = child.communicate(html.encode("utf-8"))

    feeder = threading.Thread(target=talk, name="kipp-pdf", daemon=True)
    feeder.start()

    def wait() -> bytes:
        feeder.join()
        if child.returncode != 0:
            errors = output.get("errors", b"").decode("utf-8", "replace")[-2000:]
            raise RuntimeError(f"rendering the PDF failed (exit {child.returncode}): {errors}")
        return output["pdf"]

    try:
        yield wait
    finally:
        if child.poll() is None:
            child.kill()
        feeder.join()


def main() -> None:
    """`python -m kipp.render.pdf`: HTML (UTF-8) on stdin, its PDF on stdout. WeasyPrint is
    imported before the HTML is read (a prestarted child waits with it imported); no input at
    all (a prestarted child whose parent never needed it) writes nothing."""
    _fonts()
    html = sys.stdin.buffer.read()
    if not html:
        return
    sys.stdout.buffer.write(html_to_pdf(html.decode("utf-8")))
    sys.stdout.buffer.flush()


if __name__ == "__main__":
    main()
