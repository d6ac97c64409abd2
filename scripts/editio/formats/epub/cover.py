"""The EPUB's cover image, drawn by the build from the title page.

Reading systems show a book by its cover on the shelf; without one calibre draws the first
page it finds. The cover is the title page's lines (title, subtitle, author or editor, date)
set in the book's face on a page of the print edition's proportions, by Pillow (already
installed for WeasyPrint) with FreeType: nothing outside Python, the same bytes at every
build.
"""

from __future__ import annotations

import io

from PIL import Image, ImageDraw, ImageFont

from editio.edition.work import TitleLine, TitlePage
from editio.formats.fonts import FontFace

WIDTH = 1400  # px: sharp on a tablet's shelf, some 100 KB
PAPER = (251, 248, 241)
INK = (34, 30, 26)
RULE = (150, 40, 30)

# title-page line class -> (size as a share of the width, italic)
LINES = {"title": (0.075, False), "subtitle": (0.042, True), "author": (0.045, False),
         "date": (0.036, True), "editor": (0.032, False)}


def cover_lines(page: TitlePage | None) -> list[TitleLine]:
    """The title page's lines, in order, without the source (a citation is no cover's)."""
    return [TitleLine(line.kind, " ".join(line.text.split()))
            for line in (page.lines if page else ()) if line.kind in LINES]


def _face(faces: list[FontFace], italic: bool) -> FontFace:
    style = "italic" if italic else "normal"
    return min([f for f in faces if f.style == style] or faces,
               key=lambda f: abs(int(f.weight.split()[0]) - 400))


def _wrap(draw: ImageDraw.ImageDraw, text: str, font: ImageFont.FreeTypeFont,
          width: float) -> list[str]:
    lines: list[str] = []
    for word in text.split():
        if lines and draw.textlength(f"{lines[-1]} {word}", font=font) <= width:
            lines[-1] = f"{lines[-1]} {word}"
        else:
            lines.append(word)
    return lines


def render_cover(lines: list[TitleLine], faces: list[FontFace], ratio: float) -> bytes:
    """A PNG of the cover: `ratio` is the page's height over its width."""
    height = round(WIDTH * ratio)
    image = Image.new("RGB", (WIDTH, height), PAPER)
    draw = ImageDraw.Draw(image)
    measure = WIDTH * 0.76
    set_lines: list[tuple[str, ImageFont.FreeTypeFont, float]] = []  # text, font, gap above
    for n, line in enumerate(lines):
        share, italic = LINES[line.kind]
        font = ImageFont.truetype(str(_face(faces, italic).path), round(WIDTH * share))
        gap = 0.0 if n == 0 else font.size * (1.6 if line.kind in ("author", "date") else 0.8)
        for k, part in enumerate(_wrap(draw, line.text, font, measure)):
            set_lines.append((part, font, gap if k == 0 else font.size * 0.25))
    total = sum(font.size * 1.15 + gap for _, font, gap in set_lines)
    y = max(height * 0.22, (height - total) / 2.4)
    draw.rectangle((WIDTH * 0.12, y - WIDTH * 0.06, WIDTH * 0.88, y - WIDTH * 0.056), fill=RULE)
    for text, font, gap in set_lines:
        y += gap
        draw.text((WIDTH / 2, y), text, font=font, fill=INK, anchor="ma")
        y += font.size * 1.15
    draw.rectangle((WIDTH * 0.12, y + WIDTH * 0.05, WIDTH * 0.88, y + WIDTH * 0.054), fill=RULE)
    out = io.BytesIO()
    image.save(out, format="PNG", optimize=True)
    return out.getvalue()
