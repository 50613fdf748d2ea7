"""Openness badges: the short label with the three legs, as data for templates and as standalone SVG images.

Pure (no Django, no database). The SVG is a complete image document served as image/svg+xml, so it uses
presentation attributes rather than a stylesheet; every text in it is XML-escaped, and it is accessible
(`role="img"`, a `<title>`, and words on every segment, never colour alone).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from xml.sax.saxutils import escape, quoteattr

from registry.openness import Label, Leg
from registry.openness.labels import label_for

CAPTION = "E2E openness"
LEG_ORDER = (Leg.CODE, Leg.MODEL, Leg.CORPUS)
CAPTION_COLOUR = "#3b4252"
VALUE_COLOURS = {"open": "#1a7f37", "partial": "#9a6700", "closed": "#b42318", "unknown": "#5b6478"}
LABEL_COLOURS = {
    Label.E2E_OPEN: "#1a7f37",
    Label.OPEN_WEIGHTS: "#0e7490",
    Label.RESTRICTED_WEIGHTS: "#9a6700",
    Label.CLOSED: "#b42318",
    Label.UNKNOWN: "#5b6478",
}
HEIGHT, PADDING, FONT_SIZE = 20, 6, 11
# Approximate advance widths of Verdana at 11px; `textLength` makes the real font fit exactly.
_NARROW, _MEDIUM, _WIDE = set("iIl.:;,'|!·"), set("fjrt -()"), set("mwMW")


@dataclass(frozen=True)
class BadgeLeg:
    leg: str
    value: str


@dataclass(frozen=True)
class Badge:
    """The effective values of a subject's three legs; the label follows from them."""

    code: str = "unknown"
    model: str = "unknown"
    corpus: str = "unknown"

    @classmethod
    def from_legs(cls, rows: Iterable) -> Badge:
        """From objects with `leg` and `value` (LegAssessment rows); a missing leg is unknown."""
        return cls(**{row.leg: row.value for row in rows})

    @classmethod
    def of_project(cls, project) -> Badge:
        """From a project's leg columns, which the openness recompute keeps equal to its legs' effective values."""
        return cls(code=project.code_leg, model=project.model_leg, corpus=project.corpus_leg)

    @property
    def label(self) -> Label:
        return label_for(code=self.code, model=self.model, corpus=self.corpus)

    @property
    def slug(self) -> str:
        """The label as a CSS-friendly word: e2e-open, open-weights, restricted-weights, closed, unknown."""
        return self.label.value.lower().replace(" ", "-")

    @property
    def legs(self) -> tuple[BadgeLeg, ...]:
        return tuple(BadgeLeg(leg.value, getattr(self, leg.value)) for leg in LEG_ORDER)

    @property
    def legs_text(self) -> str:
        return " · ".join(f"{leg.leg}: {leg.value}" for leg in self.legs)

    def describe(self, name: str) -> str:
        return f"{CAPTION} of {name}: {self.label} ({self.legs_text})"


def badge_svg(badge: Badge, *, name: str) -> str:
    """The project badge: caption, label, then one segment per leg."""
    segments = [(CAPTION, CAPTION_COLOUR), (str(badge.label), LABEL_COLOURS[badge.label])]
    segments += [(f"{leg.leg}: {leg.value}", VALUE_COLOURS[leg.value]) for leg in badge.legs]
    return _svg(segments, title=badge.describe(name))


def leg_svg(badge: Badge, leg: str, *, name: str) -> str:
    """One leg's badge: "E2E model" then its value."""
    value = getattr(badge, Leg(leg).value)
    title = f"{CAPTION} of {name}, {leg} leg: {value}"
    return _svg([(f"E2E {leg}", CAPTION_COLOUR), (value, VALUE_COLOURS[value])], title=title)


def text_width(text: str) -> int:
    return round(sum(_char_width(char) for char in text))


def _char_width(char: str) -> float:
    if char in _NARROW:
        return 3.4
    if char in _MEDIUM:
        return 4.4
    if char in _WIDE:
        return 10.6
    return 7.6 if char.isupper() or char.isdigit() else 6.6


def _svg(segments: list[tuple[str, str]], *, title: str) -> str:
    widths = [text_width(text) + 2 * PADDING for text, _ in segments]
    total = sum(widths)
    starts = [sum(widths[:index]) for index in range(len(widths))]
    rects = "".join(
        f'<rect x="{x}" width="{width}" height="{HEIGHT}" fill="{colour}"/>'
        for x, width, (_, colour) in zip(starts, widths, segments, strict=True)
    )
    # Hairlines keep neighbouring segments of the same colour apart.
    rects += "".join(f'<rect x="{x}" width="1" height="{HEIGHT}" fill="#fff" fill-opacity=".4"/>' for x in starts[1:])
    texts = "".join(
        f'<text x="{x + width / 2:g}" y="14" textLength="{width - 2 * PADDING}">{escape(text)}</text>'
        for x, width, (text, _) in zip(starts, widths, segments, strict=True)
    )
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{total}" height="{HEIGHT}" viewBox="0 0 {total} {HEIGHT}" '
        f'role="img" aria-label={quoteattr(title)}><title>{escape(title)}</title>'
        f'<clipPath id="round"><rect width="{total}" height="{HEIGHT}" rx="3"/></clipPath>'
        f'<g clip-path="url(#round)">{rects}</g>'
        f'<g fill="#fff" text-anchor="middle" font-family="Verdana,DejaVu Sans,Geneva,sans-serif" '
        f'font-size="{FONT_SIZE}">{texts}</g></svg>'
    )
