"""Bar charts as inline SVG, drawn on the server: figures in, markup out.

No script and no library: the admin's home page shows them as they are, and a
screen reader reads the chart's title and description (the panel puts the
figures beside it in a table). Every text given is escaped here.
"""

from collections.abc import Sequence
from dataclasses import dataclass
from html import escape

WIDTH, HEIGHT = 720, 240
LEFT, RIGHT, TOP, BOTTOM = 40, 8, 34, 28
TICKS = 4
LABEL_CHARS = 14
# Darker than the usual categorical palettes: at least 5:1 against the admin's
# white, so the bars pass WCAG's 3:1 for graphics.
COLOURS = ("#1d6fb8", "#c2410c", "#2b7a3d", "#8a3d8f", "#5c5c5c")


@dataclass(frozen=True)
class Series:
    label: str
    values: tuple[int, ...]


def bar_chart(
    *,
    chart_id: str,
    title: str,
    description: str,
    categories: Sequence[str],
    series: Sequence[Series],
) -> str:
    """A grouped bar chart: a group of bars per category, one bar per series, with
    a legend, a value axis and each bar's figure as its tooltip.

    ``chart_id`` must be unique on the page (the title and description are
    referenced by id). Returns an ``<svg role="img">`` element as a string."""
    top = _axis_top(max((value for one in series for value in one.values), default=0))
    ids = f"{chart_id}-title {chart_id}-desc"
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" id="{escape(chart_id)}" role="img" '
        f'aria-labelledby="{escape(ids)}" viewBox="0 0 {WIDTH} {HEIGHT}" width="100%" '
        'font-size="12" fill="currentColor">',
        f'<title id="{escape(chart_id)}-title">{escape(title)}</title>',
        f'<desc id="{escape(chart_id)}-desc">{escape(description)}</desc>',
        *_legend(series),
        *_value_axis(top),
        *_bars(categories, series, top),
        *_category_labels(categories),
        "</svg>",
    ]
    return "\n".join(parts)


def _axis_top(highest: int) -> int:
    """``TICKS`` times the smallest step of 1, 2 or 5 × 10ⁿ that reaches
    ``highest`` in ``TICKS`` steps: round figures on the axis."""
    magnitude = 1
    while True:
        for step in (magnitude, 2 * magnitude, 5 * magnitude):
            if step * TICKS >= highest:
                return step * TICKS
        magnitude *= 10


def _plot_height() -> int:
    return HEIGHT - TOP - BOTTOM


def _y(value: int, top: int) -> float:
    return TOP + _plot_height() * (1 - value / top)


def _legend(series: Sequence[Series]) -> list[str]:
    parts, x = [], LEFT
    for index, one in enumerate(series):
        colour = COLOURS[index % len(COLOURS)]
        parts.append(f'<rect x="{x}" y="6" width="12" height="12" fill="{colour}"/>')
        parts.append(f'<text x="{x + 16}" y="16">{escape(one.label)}</text>')
        x += 16 + 8 * len(one.label) + 20
    return parts


def _value_axis(top: int) -> list[str]:
    parts = []
    for tick in range(TICKS + 1):
        value = top * tick // TICKS
        y = f"{_y(value, top):.1f}"
        parts.append(
            f'<line x1="{LEFT}" x2="{WIDTH - RIGHT}" y1="{y}" y2="{y}" '
            'stroke="currentColor" stroke-opacity="0.2"/>'
        )
        parts.append(f'<text x="{LEFT - 6}" y="{y}" dy="4" text-anchor="end">{value}</text>')
    return parts


def _group_width(categories: Sequence[str]) -> float:
    return (WIDTH - LEFT - RIGHT) / max(len(categories), 1)


def _bars(categories: Sequence[str], series: Sequence[Series], top: int) -> list[str]:
    group = _group_width(categories)
    bar = group * 0.8 / max(len(series), 1)
    parts = []
    for index, one in enumerate(series):
        colour = COLOURS[index % len(COLOURS)]
        for position, (category, value) in enumerate(zip(categories, one.values, strict=True)):
            if not value:
                continue
            x = LEFT + position * group + group * 0.1 + index * bar
            y = _y(value, top)
            tooltip = escape(f"{one.label}, {category}: {value}")
            parts.append(
                f'<rect x="{x:.1f}" y="{y:.1f}" width="{bar:.1f}" '
                f'height="{TOP + _plot_height() - y:.1f}" fill="{colour}">'
                f"<title>{tooltip}</title></rect>"
            )
    return parts


def _category_labels(categories: Sequence[str]) -> list[str]:
    group = _group_width(categories)
    parts = []
    for position, category in enumerate(categories):
        x = LEFT + position * group + group / 2
        shown = category if len(category) <= LABEL_CHARS else category[: LABEL_CHARS - 1] + "…"
        parts.append(
            f'<text x="{x:.1f}" y="{HEIGHT - 10}" text-anchor="middle">{escape(shown)}</text>'
        )
    return parts
