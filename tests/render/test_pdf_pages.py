"""The PDF pages as a printer or a PDF viewer draws them: poppler's `pdftoppm` rasterises the
sample run's shortlist cover, its first nominee page and a scorecard at 40 dpi, and each PNG
is A4-shaped, not blank, and has its text inside the page margins, where the layout puts it.

Skipped with a reason where pdftoppm is missing, except under CI (`CI=true`), which installs
poppler-utils (.ci/run): there the check fails rather than pass silently. The PNGs are read
with Pillow, which WeasyPrint depends on."""

from __future__ import annotations

import subprocess
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pytest
from builders import required_tool
from PIL import Image
from pypdf import PdfReader

from kipp.core.i18n import Lang
from kipp.documents.render.pdf import html_to_pdf
from kipp.results import ProposalStatus, Results

SAMPLE = Path(__file__).resolve().parents[2] / "submissions" / "mojokerto-2022"
DPI = 40
A4_MM = (210.0, 297.0)
# the page margins of `_style.html.j2` (`@page { margin: 18mm 15mm 20mm 15mm }`)
TOP, SIDE, BOTTOM = 18.0, 15.0, 20.0
INK = 200  # a grey level darker than this is ink (text, rules, bars), not paper
SLACK = 1.5  # mm: anti-aliasing and glyph side bearings at 40 dpi


@pytest.fixture(scope="module")
def pdftoppm() -> str:
    """The pdftoppm binary; a skip (a failure under CI) where it is missing."""
    return required_tool(["pdftoppm"], "poppler-utils")


@pytest.fixture(scope="module")
def sample(
    written_run: Callable[[Path, Lang], tuple[Results, Path]],
) -> tuple[Results, Path]:
    """The sample batch's Indonesian run (shared with tests/test_documents.py)."""
    return written_run(SAMPLE, Lang.ID)


class Blank(AssertionError):
    """A rasterised page without a single pixel of ink."""


@dataclass(frozen=True)
class Raster:
    """One rasterised page: its size in pixels and where its ink is, in mm from each edge."""

    width: int
    height: int
    ink_share: float
    left: float
    top: float
    right: float
    bottom: float
    footer_ink: tuple[float, float]  # the ink share of the bottom margin's left and right half


def _rasterise(pdftoppm: str, pdf: Path, page: int, folder: Path) -> Raster:
    """Page `page` (1-based) of `pdf` as a greyscale PNG at `DPI`, measured."""
    stem = folder / f"{pdf.stem}-{page}"
    pages = ["-f", str(page), "-l", str(page)]
    subprocess.run(
        [pdftoppm, "-r", str(DPI), "-gray", "-png", "-singlefile", *pages, str(pdf), str(stem)],
        check=True,
        capture_output=True,
        timeout=60,
    )
    png = stem.with_suffix(".png")
    assert png.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    with Image.open(png) as image:
        grey = image.convert("L")
    ink = grey.point(lambda v: 255 if v < INK else 0)
    box = ink.getbbox()
    if box is None:
        raise Blank(f"page {page} of {pdf.name} is blank")
    width, height = grey.size
    mm = DPI / 25.4
    histogram = ink.histogram()
    margin = round(BOTTOM * mm)

    def share(region: tuple[int, int, int, int]) -> float:
        part = ink.crop(region).histogram()
        return part[255] / sum(part)

    return Raster(
        width=width,
        height=height,
        ink_share=histogram[255] / (width * height),
        left=box[0] / mm,
        top=box[1] / mm,
        right=(width - box[2]) / mm,
        bottom=(height - box[3]) / mm,
        footer_ink=(
            share((0, height - margin, width // 2, height)),
            share((width // 2, height - margin, width, height)),
        ),
    )


def _assert_a4(page: Raster) -> None:
    expected = tuple(round(side / 25.4 * DPI) for side in A4_MM)
    assert abs(page.width - expected[0]) <= 1 and abs(page.height - expected[1]) <= 1
    assert abs(page.height / page.width - A4_MM[1] / A4_MM[0]) < 0.01


def _assert_inside_the_side_and_top_margins(page: Raster) -> None:
    assert page.left >= SIDE - SLACK
    assert page.right >= SIDE - SLACK
    assert page.top >= TOP - SLACK


def _first_nominee_page(results: Results, pdf: Path) -> int:
    """The 1-based page that opens with the first nominee's heading ("1. title")."""
    (first,) = [
        p for p in results.proposals if p.status is ProposalStatus.SHORTLISTED and p.rank == 1
    ]
    heading = " ".join(f"1. {first.title}".split())
    for number, page in enumerate(PdfReader(pdf).pages, 1):
        if " ".join(page.extract_text().split()).startswith(heading):
            return number
    raise AssertionError(f"no page of {pdf.name} opens with {heading!r}")


def test_shortlist_cover_is_an_a4_page_with_its_text_in_the_upper_half_and_no_footer(
    pdftoppm: str, sample: tuple[Results, Path], tmp_path: Path
) -> None:
    _, out = sample

    cover = _rasterise(pdftoppm, out / "shortlist.pdf", 1, tmp_path)

    _assert_a4(cover)
    assert cover.ink_share > 0.01  # the title, the facts and the counts table
    _assert_inside_the_side_and_top_margins(cover)
    assert cover.top < A4_MM[1] / 2
    assert cover.footer_ink == (0.0, 0.0)  # no running title or page number on the cover
    assert cover.bottom >= BOTTOM


def test_first_nominee_page_opens_at_the_top_margin_with_a_footer(
    pdftoppm: str, sample: tuple[Results, Path], tmp_path: Path
) -> None:
    results, out = sample
    number = _first_nominee_page(results, out / "shortlist.pdf")

    page = _rasterise(pdftoppm, out / "shortlist.pdf", number, tmp_path)

    assert number == 3  # after the cover and the nominees' table
    _assert_a4(page)
    assert page.ink_share > 0.03  # a page full of text, a chart and tables
    _assert_inside_the_side_and_top_margins(page)
    assert page.top <= TOP + 4  # the nominee's heading opens the page
    left, right = page.footer_ink
    assert left > 0.001 and right > 0.001  # the running call title and "3 / N"


def test_scorecard_pdf_page_is_a4_with_text_from_the_top_margin_and_a_footer(
    pdftoppm: str, sample: tuple[Results, Path], tmp_path: Path
) -> None:
    _, out = sample

    card = _rasterise(pdftoppm, out / "scorecards" / "gayatri.pdf", 1, tmp_path)

    _assert_a4(card)
    assert card.ink_share > 0.03
    _assert_inside_the_side_and_top_margins(card)
    assert card.top <= TOP + 4
    assert card.footer_ink[1] > 0.001  # the page number


def test_a_blank_a4_page_is_seen_as_blank(pdftoppm: str, tmp_path: Path) -> None:
    pdf = tmp_path / "blank.pdf"
    pdf.write_bytes(html_to_pdf("<!DOCTYPE html><html><head><style>@page { size: A4 }</style>"))

    with pytest.raises(Blank, match=r"^page 1 of blank.pdf is blank$"):
        _rasterise(pdftoppm, pdf, 1, tmp_path)


# the minutes' page margins (`berita-acara.html.j2`: `@page { margin: 20mm 20mm 20mm 25mm }`)
MINUTES_TOP, MINUTES_RIGHT, MINUTES_LEFT = 20.0, 20.0, 25.0


def test_berita_acara_pdf_has_three_a4_pages_none_blank_each_numbered(
    pdftoppm: str, sample: tuple[Results, Path], tmp_path: Path
) -> None:
    _, out = sample
    pdf = out / "berita-acara.pdf"

    count = len(PdfReader(pdf).pages)
    pages = [_rasterise(pdftoppm, pdf, number, tmp_path) for number in range(1, count + 1)]

    assert count == 3  # opening and panel; counts to the closing; the signatures
    for page in pages:
        _assert_a4(page)
        assert page.ink_share > 0.002
        assert page.left >= MINUTES_LEFT - SLACK
        assert page.right >= MINUTES_RIGHT - SLACK
        assert page.top >= MINUTES_TOP - SLACK
        assert page.footer_ink[0] == 0.0 and page.footer_ink[1] > 0.0005  # "N / 3"
    assert pages[0].ink_share > 0.03  # the letterhead, the opening and the panel table
