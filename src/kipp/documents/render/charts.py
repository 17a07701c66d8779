"""Charts as geometry: the numbers an inline SVG needs, computed here and laid out by the
`_charts.html.j2` macros (no plotting library; SVG is text the HTML and PDF both carry).

`distribution` bins the scored proposals' totals (0-100, bins of 5 points), darkens the part of
each bar that was shortlisted and places the cut-off, the lowest total on the shortlist. A bin
above the cut-off is not shortlisted as a whole: the per-agency limit (or a coordinator) may
leave out higher totals, so the colour follows what was shortlisted, not the line. `profile`
turns one proposal's criteria into bars of level 1-5, with criteria awaiting reviewers drawn as
empty outlines.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from kipp.core.i18n import Lang, format_number, tr
from kipp.results import CriterionOut
from kipp.rubric import LEVELS

BINS = 20
TICK_EVERY = 2  # bins between labelled ticks on the total axis
TOP = 100.0
# distribution chart: canvas and plot area (SVG user units, scaled to the page width)
WIDTH, HEIGHT = 640, 244
LEFT, RIGHT, TOP_PAD, BOTTOM = 48, 16, 36, 44
FONT_SIZE, CHAR_WIDTH, LABEL_GAP = 13, 0.68, 4  # text size, bold glyph width per size, gap
# profile chart
PROFILE_WIDTH, ROW, LABEL_W, BAR_W = 640, 24, 230, 300


@dataclass(frozen=True)
class Bar:
    x: float
    y: float
    width: float
    height: float
    label: str  # printed above the bar (the count, or the level)
    label_x: float
    label_y: float
    shortlisted: int  # of the bin's proposals; drawn dark at the bottom of the bar
    shortlisted_y: float
    shortlisted_height: float


@dataclass(frozen=True)
class Tick:
    x: float
    y: float
    label: str


@dataclass(frozen=True)
class DistributionChart:
    width: int
    height: int
    title: str
    description: str
    bars: tuple[Bar, ...]
    x_ticks: tuple[Tick, ...]
    y_ticks: tuple[Tick, ...]
    plot_left: float
    plot_right: float
    plot_top: float
    plot_bottom: float
    cutoff_x: float
    has_cutoff: bool
    cutoff_label: str
    cutoff_label_x: float
    cutoff_label_anchor: str  # "end" (left of the line), "start" when that would clip
    x_label: str
    y_label: str
    empty: bool


def _scale_max(count: int) -> int:
    """A round top for the count axis: 1, 2, 5, 10, 20, 50, ... at or above `count`."""
    step = 1
    while True:
        for factor in (1, 2, 5):
            if step * factor >= count:
                return step * factor
        step *= 10


def _bins(totals: Sequence[float]) -> list[int]:
    counts = [0] * BINS
    for total in totals:
        counts[min(BINS - 1, max(0, int(total // (TOP / BINS))))] += 1
    return counts


def label_width(label: str) -> float:
    """A generous estimate of a bold label's width at the chart's font size (SVG text cannot
    be measured before it is drawn)."""
    return len(label) * FONT_SIZE * CHAR_WIDTH


def distribution(
    totals: Sequence[float], shortlisted: Sequence[float], lang: Lang
) -> DistributionChart:
    """A histogram of `totals` (0-100) in bins of 5, the shortlisted ones (`shortlisted`, a
    subset of `totals`) dark at the bottom of each bar, and the cut-off line at the lowest
    shortlisted total when there is one. The cut-off's label sits left of the line, or right
    of it when it would not fit inside the canvas."""
    plot_w = WIDTH - LEFT - RIGHT
    plot_h = HEIGHT - TOP_PAD - BOTTOM
    counts, chosen = _bins(totals), _bins(shortlisted)
    top = _scale_max(max(counts, default=0) or 1)
    slot = plot_w / BINS
    bottom = TOP_PAD + plot_h
    bars = []
    for i, count in enumerate(counts):
        height = plot_h * count / top
        chosen_height = plot_h * chosen[i] / top
        x = LEFT + i * slot + 1
        y = bottom - height
        bars.append(
            Bar(
                x=round(x, 1),
                y=round(y, 1),
                width=round(slot - 2, 1),
                height=round(height, 1),
                label=format_number(count, lang) if count else "",
                label_x=round(x + (slot - 2) / 2, 1),
                label_y=round(y - 4, 1),
                shortlisted=chosen[i],
                shortlisted_y=round(bottom - chosen_height, 1),
                shortlisted_height=round(chosen_height, 1),
            )
        )
    x_ticks = tuple(
        Tick(x=round(LEFT + i * slot, 1), y=bottom + 14, label=format_number(i * TOP / BINS, lang))
        for i in range(0, BINS + 1, TICK_EVERY)
    )
    y_ticks = tuple(
        Tick(x=LEFT - 6, y=round(bottom - plot_h * v / top, 1), label=format_number(v, lang))
        for v in (0, top // 2, top)
        if v == 0 or v == top or top % 2 == 0
    )
    cutoff = min(shortlisted, default=None)
    cutoff_text = "" if cutoff is None else format_number(cutoff, lang, decimals=2)
    cutoff_label = "" if cutoff is None else tr("rep.chart.cutoff", lang, cutoff=cutoff_text)
    cutoff_x = 0.0 if cutoff is None else round(LEFT + plot_w * min(cutoff, TOP) / TOP, 1)
    fits_left = cutoff_x - LABEL_GAP - label_width(cutoff_label) >= 0
    return DistributionChart(
        width=WIDTH,
        height=HEIGHT,
        title=tr("rep.chart.distribution", lang),
        description=(
            tr("rep.chart.distribution.desc", lang, count=len(totals), cutoff=cutoff_text or "—")
            if totals
            else tr("rep.chart.distribution.empty", lang)
        ),
        bars=tuple(bars),
        x_ticks=x_ticks,
        y_ticks=y_ticks,
        plot_left=LEFT,
        plot_right=WIDTH - RIGHT,
        plot_top=TOP_PAD,
        plot_bottom=bottom,
        cutoff_x=cutoff_x,
        has_cutoff=cutoff is not None,
        cutoff_label=cutoff_label,
        cutoff_label_x=round(cutoff_x - LABEL_GAP if fits_left else cutoff_x + LABEL_GAP, 1),
        cutoff_label_anchor="end" if fits_left else "start",
        x_label=tr("rep.chart.axis.total", lang),
        y_label=tr("rep.chart.axis.count", lang),
        empty=not totals,
    )


@dataclass(frozen=True)
class ProfileRow:
    label: str
    y: float
    text_y: float
    bar_width: float
    value: str
    value_x: float
    awaiting: bool


@dataclass(frozen=True)
class ProfileChart:
    width: int
    height: int
    title: str
    description: str
    rows: tuple[ProfileRow, ...]
    bar_x: int
    full_width: int
    grid: tuple[Tick, ...]
    row_height: int


def profile(criteria: Sequence[CriterionOut], title: str, lang: Lang) -> ProfileChart:
    """Bars of level 1-5 per criterion, in the order given; awaiting criteria as outlines."""
    rows = []
    for i, c in enumerate(criteria):
        y = 6 + i * ROW
        width = 0.0 if c.level is None else BAR_W * c.level / LEVELS
        label = f"{c.label} ({format_number(round(c.weight * 100, 1), lang)}%)"
        rows.append(
            ProfileRow(
                label=label,
                y=y,
                text_y=y + ROW / 2 + 1,
                bar_width=round(width, 1),
                value=(
                    tr("rep.chart.awaiting", lang)
                    if c.level is None
                    else tr("doc.level.value", lang, level=c.level, max=LEVELS)
                ),
                value_x=LABEL_W + (BAR_W if c.level is None else width) + 6,
                awaiting=c.level is None,
            )
        )
    height = 6 + len(rows) * ROW + 18
    grid = tuple(
        Tick(x=LABEL_W + BAR_W * level / LEVELS, y=height - 4, label=str(level))
        for level in range(LEVELS + 1)
    )
    return ProfileChart(
        width=PROFILE_WIDTH,
        height=height,
        title=tr("rep.chart.profile", lang),
        description=tr("rep.chart.profile.desc", lang, title=title),
        rows=tuple(rows),
        bar_x=LABEL_W,
        full_width=BAR_W,
        grid=grid,
        row_height=ROW - 6,
    )
