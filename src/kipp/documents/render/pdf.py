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
and importing WeasyPrint takes about a second more; a `PdfRenderer` starts it early (the
pipeline does so once the shortlist is decided, while it builds the results), so that it
waits, WeasyPrint imported, for the HTML.

The child first writes one line: the native libraries it loaded (`native_libraries`, which a
reused PDF's key names). The caller learns them from the child (`Rendering.natives`) instead
of loading those libraries itself, which takes about as long as the child's start.
"""

from __future__ import annotations

import os
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


NATIVES_PREFIXES = ("pango ", "native libraries unknown")
"""How `native_libraries` begins: a child's first line that does not is not taken for it."""


def native_libraries() -> str:
    """The native libraries WeasyPrint renders with, as a PDF's reuse key names them: Pango's
    version and whether HarfBuzz subsets the fonts."""
    try:
        from weasyprint.text.ffi import harfbuzz, harfbuzz_subset, pango

        subset = bool(harfbuzz_subset) and bool(harfbuzz.hb_version_atleast(4, 1, 0))
        return f"pango {pango.pango_version()}; harfbuzz subsetting {subset}"
    except Exception:  # no native libraries: PDFs cannot be rendered anyway
        return "native libraries unknown"


def html_to_pdf(html: str) -> bytes:
    """The PDF of one self-contained HTML document."""
    from weasyprint import HTML

    fonts = _fonts()
    document = HTML(string=html, url_fetcher=_refuse).render(font_config=fonts)
    data: bytes = document.write_pdf()
    return data


def _spawn() -> subprocess.Popen[bytes] | None:
    try:
        return subprocess.Popen(
            [sys.executable, "-m", "kipp.documents.render.pdf"],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
        )
    except OSError:
        return None


class PdfRenderer:
    """A child Python started ahead of its PDF: it imports WeasyPrint, then waits for its
    HTML (`pdf_in_background`). Used once; `close` ends it when it was never used (a run
    that failed before its PDF), else it would wait, with WeasyPrint's memory, until this
    process ends (its stdin then closes and it ends quietly)."""

    def __init__(self, child: subprocess.Popen[bytes] | None) -> None:
        self._lock = threading.Lock()
        self._child = child

    @classmethod
    def start(cls) -> PdfRenderer:
        """A renderer whose child starts now."""
        return cls(_spawn())

    def take(self) -> subprocess.Popen[bytes] | None:
        """The waiting child, once; None when it was taken or died (its pipes closed)."""
        with self._lock:
            child, self._child = self._child, None
        if child is not None and child.poll() is not None:
            child.communicate()  # it died (killed, out of memory): close its pipes
            return None
        return child

    def close(self) -> None:
        """End the child if it is still waiting."""
        child = self.take()
        if child is not None:
            child.kill()
            child.communicate()


class Rendering:
    """A PDF being rendered: `natives()` the native libraries it is rendered with (the
    child's first line), `pdf()` its bytes; both wait as long as needed. `stop()` ends the
    rendering at once (the PDF is not needed after all); `pdf()` may not be asked then.
    `known_natives` is what `natives()` gives when this process knows it without waiting:
    an earlier child of this process said it (`kipp run --watch` runs again; the children
    of one process start the same interpreter and load the same libraries: a library
    upgraded while the process runs is not noticed until it starts again); else None."""

    def __init__(
        self,
        natives: Callable[[], str],
        pdf: Callable[[], bytes],
        stop: Callable[[], None] = lambda: None,
        known_natives: str | None = None,
    ) -> None:
        self.natives = natives
        self.pdf = pdf
        self.stop = stop
        self.known_natives = known_natives


# the native libraries the last child of this process said it loaded (`known_natives`)
_LAST_NATIVES: list[str] = []


def _read_line(child: subprocess.Popen[bytes]) -> str:
    """The child's first line, read from its pipe byte-wise (nothing it writes later is
    consumed: the PDF follows only once the HTML is sent); empty when it ended first."""
    assert child.stdout is not None
    fd = child.stdout.fileno()
    line = bytearray()
    while not line.endswith(b"\n"):
        chunk = os.read(fd, 1)
        if not chunk:
            return ""
        line += chunk
    return line[:-1].decode("utf-8", "replace")


@contextmanager
def pdf_in_background(html: str, renderer: PdfRenderer | None = None) -> Iterator[Rendering]:
    """Render `html` to PDF in a child Python (`python -m kipp.documents.render.pdf`: a fresh
    interpreter, so nothing of this process, its threads or its `__main__`, is copied or
    re-run), `renderer`'s when it has one waiting; yield the `Rendering`. Where the child
    cannot be started, the PDF is rendered in this process when asked for. A failed child
    raises with its error output. A PDF not asked for by the end of the block is not waited
    for: its child is ended."""
    known_natives = _LAST_NATIVES[0] if _LAST_NATIVES else None
    child = (renderer.take() if renderer is not None else None) or _spawn()
    if child is None:
        yield Rendering(native_libraries, lambda: html_to_pdf(html), known_natives=known_natives)
        return
    output: dict[str, bytes] = {}
    natives: dict[str, str] = {}
    started = threading.Event()

    assert child.stdin is not None and child.stdout is not None and child.stderr is not None
    stdin, stdout, stderr = child.stdin, child.stdout, child.stderr  # `_spawn`'s pipes

    def drain() -> None:  # its error output, read from the start: a full pipe would stop it
        output["errors"] = stderr.read()

    def talk() -> None:
        draining = threading.Thread(target=drain, name="kipp-pdf-errors", daemon=True)
        draining.start()
        try:
            natives["line"] = line = _read_line(child)
            if line.startswith(NATIVES_PREFIXES):
                _LAST_NATIVES[:] = [line]
        finally:
            started.set()
        try:  # it reads all of the HTML before it writes any of the PDF
            stdin.write(html.encode("utf-8"))
            stdin.close()
        except OSError:  # it ended: its exit status and error output say why
            pass
        output["pdf"] = stdout.read()
        draining.join()
        child.wait()
        stdout.close()
        stderr.close()

    feeder = threading.Thread(target=talk, name="kipp-pdf", daemon=True)
    feeder.start()

    def libraries() -> str:
        started.wait()
        line = natives.get("line", "")
        # a child that failed to start (no line), or whose first line is not its own
        return line if line.startswith(NATIVES_PREFIXES) else native_libraries()

    def wait() -> bytes:
        feeder.join()
        if child.returncode != 0:
            errors = output.get("errors", b"").decode("utf-8", "replace")[-2000:]
            raise RuntimeError(f"rendering the PDF failed (exit {child.returncode}): {errors}")
        return output["pdf"]

    def stop() -> None:
        if child.poll() is None:
            child.kill()

    try:
        yield Rendering(libraries, wait, stop, known_natives)
    finally:
        stop()
        feeder.join()


def main() -> None:
    """`python -m kipp.documents.render.pdf`: HTML (UTF-8) on stdin; on stdout the native
    libraries loaded (`native_libraries`, one line), then the PDF. WeasyPrint is imported
    before the HTML is read (a prestarted child waits with it imported); no input at all (a
    prestarted child whose parent never needed it) writes no PDF."""
    _fonts()
    sys.stdout.buffer.write(native_libraries().encode("utf-8") + b"\n")
    sys.stdout.buffer.flush()
    html = sys.stdin.buffer.read()
    if not html:
        return
    sys.stdout.buffer.write(html_to_pdf(html.decode("utf-8")))
    sys.stdout.buffer.flush()


if __name__ == "__main__":
    main()
