"""Bar charts as inline SVG, drawn on the server: no script, no stylesheet, no library.

Pure (no Django, no database). A chart is a list of bars, each the sum of one value per series (stacked when
there are several). It is accessible: `role="img"` named by its `<title>` and described by a `<desc>` that
reads out every number; every bar has its label and its numbers written next to it in words, so colour is
never the only way to tell the series apart. Every text is XML-escaped.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from xml.sax.saxutils import escape, quoteattr

from django.utils.formats import number_format
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from registry.badges import text_width
from registry.vocabulary import label_separator

WIDTH, FONT_SIZE, PAD = 360, 14, 8
BAR_HEIGHT = 16
FONT = "system-ui, -apple-system, Segoe UI, Roboto, sans-serif"
TEXT_COLOUR, GRID_COLOUR = "#1d2433", "#d9dde6"
LINE = 18
# `badges.text_width` estimates Verdana at 11px; a sans-serif at 14px is at most this much wider.
TEXT_SCALE = 1.3


@dataclass(frozen=True)
class Series:
    label: str
    colour: str
    # How a count of this series reads ("7 open"); languages whose words agree with the count need it.
    count_text: Callable[[int], str] | None = None


@dataclass(frozen=True)
class Bar:
    label: str
    values: tuple[int, ...]

    @property
    def total(self) -> int:
        return sum(self.values)


def bar_chart(*, chart_id: str, title: str, description: str, series: tuple[Series, ...] | list[Series],
              bars: tuple[Bar, ...] | list[Bar], unit: tuple[str, str] = ("", "")) -> str:
    """A horizontal bar chart as an `<svg>` element to put inline in a page.

    One series: a label column, then each bar with its number after it. Several series: a legend, then for each
    bar its label and total, the stacked bar, and its numbers per series in legend order. `unit`, (singular,
    plural), follows each total ("1 project", "12 projects"). `chart_id` must be unique in the page (it prefixes the title and desc ids).
    Raises ValueError when a bar has not one value per series.
    """
    if any(len(bar.values) != len(series) for bar in bars):
        raise ValueError("Each bar needs one value per series.")
    draw = _single if len(series) == 1 else _stacked
    body, height = draw(series, bars, unit)
    words = _describe(series, bars, unit)
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" class="chart" viewBox="0 0 {WIDTH} {height}" role="img" '
        f'aria-labelledby="{chart_id}-title {chart_id}-desc" font-family={quoteattr(FONT)} font-size="{FONT_SIZE}" '
        f'fill="{TEXT_COLOUR}"><title id="{chart_id}-title">{escape(title)}</title>'
        f'<desc id="{chart_id}-desc">{escape(" ".join(filter(None, [description, words])))}</desc>{body}</svg>'
    )


def _single(series, bars, unit) -> tuple[str, int]:
    label_width = min(170, max((_width(bar.label) for bar in bars), default=0) + PAD)
    number_width = max((_width(_number(bar.total)) for bar in bars), default=0) + PAD
    scale = _scale(bars, WIDTH - label_width - number_width)
    row, parts = BAR_HEIGHT + 8, []
    for index, bar in enumerate(bars):
        y = index * row
        length = _length(bar.total, scale)
        parts.append(
            f'<text x="0" y="{y + 13}">{escape(bar.label)}</text>'
            f'<rect x="{label_width}" y="{y}" width="{length}" height="{BAR_HEIGHT}" fill="{series[0].colour}"/>'
            f'<text x="{label_width + length + 4}" y="{y + 13}">{_number(bar.total)}</text>'
        )
    return "".join(parts), max(len(bars) * row, 1)


def _stacked(series, bars, unit) -> tuple[str, int]:
    legend, y = _legend(series)
    scale = _scale(bars, WIDTH)
    parts = [legend]
    for bar in bars:
        lines = _wrap(_numbers(series, bar))
        parts.append(
            f'<text x="0" y="{y + 14}" font-weight="600">{escape(bar.label)}</text>'
            f'<text x="{WIDTH}" y="{y + 14}" text-anchor="end">{_number(bar.total)}{_unit(unit, bar.total)}</text>'
            f'<rect x="0" y="{y + 20}" width="{WIDTH}" height="{BAR_HEIGHT}" fill="{GRID_COLOUR}" fill-opacity=".35"/>'
            f'{_segments(series, bar, y + 20, scale)}'
            + "".join(f'<text x="0" y="{y + 52 + n * LINE}">{escape(line)}</text>' for n, line in enumerate(lines))
        )
        y += 62 + LINE * (len(lines) - 1)
    return "".join(parts), y


def _legend(series) -> tuple[str, int]:
    """Swatches with their names, wrapping onto new lines; returns the SVG and the height it takes."""
    x, y, parts = 0, 0, []
    for one in series:
        width = 18 + _width(one.label) + 14
        if x and x + width > WIDTH:
            x, y = 0, y + 22
        parts.append(f'<rect x="{x}" y="{y + 2}" width="12" height="12" fill="{one.colour}"/>'
                     f'<text x="{x + 18}" y="{y + 13}">{escape(one.label)}</text>')
        x += width
    return "".join(parts), y + 32


def _segments(series, bar, y, scale) -> str:
    x, parts = 0.0, []
    for one, value in zip(series, bar.values, strict=True):
        if not value:
            continue
        length = _length(value, scale)
        # A white hairline keeps neighbouring segments apart whatever their colours.
        parts.append(f'<rect x="{x:g}" y="{y}" width="{length:g}" height="{BAR_HEIGHT}" fill="{one.colour}" '
                     f'stroke="#fff" stroke-width="1"/>')
        x += length
    return "".join(parts)


def _numbers(series, bar) -> list[str]:
    """"7 open", "15 partial", ... in series order, leaving out the zeros."""
    return [one.count_text(value) if one.count_text else f"{_number(value)} {one.label}"
            for one, value in zip(series, bar.values, strict=True) if value]


def _wrap(items: list[str]) -> list[str]:
    """The items joined by " · " into as few lines as fit the chart's width."""
    lines: list[str] = []
    for item in items:
        if lines and _width(f"{lines[-1]} · {item}") <= WIDTH:
            lines[-1] = f"{lines[-1]} · {item}"
        else:
            lines.append(item)
    return lines or [_("none")]


def _describe(series, bars, unit) -> str:
    if len(series) == 1:
        words = "; ".join(f"{bar.label}{label_separator()} {_number(bar.total)}{_unit(unit, bar.total)}" for bar in bars)
        return f"{words}." if words else ""
    return " ".join(f"{bar.label}{label_separator()} {', '.join(_numbers(series, bar)) or _('none')}." for bar in bars)


def _scale(bars, room: float) -> float:
    largest = max((bar.total for bar in bars), default=0)
    return room / largest if largest else 0.0


def _length(value: int, scale: float) -> float:
    """A bar's length; at least 2 units for any value above zero, so that it shows."""
    return round(max(value * scale, 2.0 if value else 0.0), 1)


def _width(text: str) -> int:
    return round(text_width(text) * TEXT_SCALE)


def _number(value: int) -> str:
    return number_format(value, force_grouping=True)


def _unit(unit: tuple[str, str], value: int) -> str:
    word = ngettext(unit[0], unit[1], value) if unit[0] else ""
    return f" {word}" if word else ""
