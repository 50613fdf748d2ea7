"""A model family's preview image for social sites (OpenGraph, Twitter cards), which do not show SVG: a
1200×630 PNG with the family's name, its E2E label and its three legs, each in words beside its colour.

Pure (no Django, no database), drawn with Pillow's bundled font, so it needs no font installed on the machine.
"""

from io import BytesIO

from PIL import Image, ImageDraw, ImageFont

from registry.badges import LABEL_COLOURS, VALUE_COLOURS, Badge

WIDTH, HEIGHT, MARGIN = 1200, 630, 72
SITE_NAME = "European Open LLM Registry"
LEG_TITLES = {"code": "Open code", "model": "Open model", "corpus": "Open corpus"}
INK, MUTED, BACKGROUND, WHITE = "#1f2328", "#57606a", "#f6f8fa", "#ffffff"


def preview_png(badge: Badge, *, name: str) -> bytes:
    image = Image.new("RGB", (WIDTH, HEIGHT), BACKGROUND)
    draw = ImageDraw.Draw(image)
    draw.text((MARGIN, 56), SITE_NAME, font=_font(30), fill=MUTED)
    title_font = _font(72)
    draw.text((MARGIN, 120), _fitted(name, title_font, WIDTH - 2 * MARGIN), font=title_font, fill=INK)
    _pill(draw, (MARGIN, 238), f"E2E openness: {badge.label}", LABEL_COLOURS[badge.label], _font(40))

    column = (WIDTH - 2 * MARGIN - 2 * 24) // 3
    for index, leg in enumerate(badge.legs):
        left = MARGIN + index * (column + 24)
        box = (left, 360, left + column, 540)
        draw.rounded_rectangle(box, radius=16, fill=WHITE, outline=VALUE_COLOURS[leg.value], width=6)
        draw.text((left + 28, 390), LEG_TITLES[leg.leg], font=_font(34), fill=INK)
        draw.rounded_rectangle((left + 28, 452, left + 28 + 24, 476), radius=4, fill=VALUE_COLOURS[leg.value])
        draw.text((left + 68, 444), leg.value, font=_font(38), fill=VALUE_COLOURS[leg.value])

    output = BytesIO()
    image.save(output, format="PNG", optimize=True)
    return output.getvalue()


def _font(size: int) -> ImageFont.FreeTypeFont | ImageFont.ImageFont:
    return ImageFont.load_default(size=size)


def _fitted(text: str, font, width: int) -> str:
    """`text`, cut with an ellipsis where it would run past `width` pixels."""
    if font.getlength(text) <= width:
        return text
    while text and font.getlength(f"{text}…") > width:
        text = text[:-1]
    return f"{text.rstrip()}…"


def _pill(draw: ImageDraw.ImageDraw, origin: tuple[int, int], text: str, colour: str, font) -> None:
    left, top = origin
    right = left + int(font.getlength(text)) + 56
    draw.rounded_rectangle((left, top, right, top + 72), radius=36, fill=colour)
    draw.text((left + 28, top + 14), text, font=font, fill=WHITE)
