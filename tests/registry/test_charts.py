"""Server-drawn bar charts: valid SVG, named and described for screen readers, every number written in words."""

import re
import xml.etree.ElementTree as ET

import pytest

from registry.charts import WIDTH, Bar, Series, bar_chart

SVG = "{http://www.w3.org/2000/svg}"
LEGS = (Series("open", "#1a7f37"), Series("partial", "#9a6700"), Series("closed", "#b42318"))


def parse(svg: str) -> ET.Element:
    return ET.fromstring(svg)


def texts(root: ET.Element) -> list[str]:
    return [element.text for element in root.iter(f"{SVG}text")]


def test_a_chart_is_an_image_named_by_its_title_and_described_by_every_number():
    svg = bar_chart(chart_id="legs", title="Openness by leg", description="Families per value.", series=LEGS,
                    bars=[Bar("Open code", (7, 15, 0)), Bar("Open model", (20, 15, 1))], unit=("family", "families"))
    root = parse(svg)

    assert root.get("role") == "img"
    assert root.get("aria-labelledby") == "legs-title legs-desc"
    assert root.find(f"{SVG}title").text == "Openness by leg"
    assert root.find(f"{SVG}desc").text == (
        "Families per value. Open code: 7 open, 15 partial. Open model: 20 open, 15 partial, 1 closed.")


def test_a_stacked_chart_writes_each_bars_numbers_next_to_it_so_colour_is_never_needed():
    root = parse(bar_chart(chart_id="c", title="t", description="", series=LEGS,
                           bars=[Bar("Open code", (7, 15, 0))], unit=("family", "families")))

    assert texts(root) == ["open", "partial", "closed", "Open code", "22 families",
                           "7 open · 15 partial"]


def test_stacked_segments_are_proportional_and_zero_values_draw_nothing():
    root = parse(bar_chart(chart_id="c", title="t", description="", series=LEGS,
                           bars=[Bar("a", (1, 3, 0)), Bar("b", (2, 0, 0))]))
    segments = [rect for rect in root.iter(f"{SVG}rect") if rect.get("stroke") == "#fff"]

    assert [(float(rect.get("width")), rect.get("fill")) for rect in segments] == [
        (WIDTH / 4, "#1a7f37"), (WIDTH * 3 / 4, "#9a6700"), (WIDTH / 2, "#1a7f37")]


def test_a_long_line_of_numbers_wraps_within_the_chart():
    series = tuple(Series(f"series number {n}", "#000") for n in range(6))
    root = parse(bar_chart(chart_id="c", title="t", description="", series=series, bars=[Bar("x", (1,) * 6)]))
    number_lines = [text for text in texts(root) if text.startswith("1 series")]

    assert len(number_lines) > 1
    assert " · ".join(number_lines) == " · ".join(f"1 series number {n}" for n in range(6))


def test_a_one_series_chart_puts_each_number_after_its_bar():
    root = parse(bar_chart(chart_id="c", title="Projects by country", description="", series=(Series("p", "#00f"),),
                           bars=[Bar("France", (12,)), Bar("Malta", (1,))], unit=("project", "projects")))

    assert texts(root) == ["France", "12", "Malta", "1"]
    assert root.find(f"{SVG}desc").text == "France: 12 projects; Malta: 1 project."
    bars = [float(rect.get("width")) for rect in root.iter(f"{SVG}rect")]
    assert bars[0] == pytest.approx(12 * bars[1], rel=0.01)


def test_large_numbers_are_grouped_in_thousands():
    svg = bar_chart(chart_id="c", title="t", description="", series=(Series("downloads", "#00f"),),
                    bars=[Bar("2026-12-01", (1234567,))])

    assert "1,234,567" in texts(parse(svg))


def test_every_text_is_escaped():
    svg = bar_chart(chart_id="c", title="<script>", description="a & b", series=(Series("<s>", "#00f"),),
                    bars=[Bar("<b>", (1,))])

    assert "<script>" not in svg and "<b>" not in svg
    assert parse(svg).find(f"{SVG}title").text == "<script>"


def test_an_empty_chart_is_still_valid_svg():
    root = parse(bar_chart(chart_id="c", title="t", description="Nothing yet.", series=LEGS, bars=[]))

    assert root.find(f"{SVG}desc").text == "Nothing yet."
    assert re.fullmatch(r"0 0 \d+ \d+", root.get("viewBox"))


def test_each_bar_needs_one_value_per_series():
    with pytest.raises(ValueError):
        bar_chart(chart_id="c", title="t", description="", series=LEGS, bars=[Bar("a", (1, 2))])
