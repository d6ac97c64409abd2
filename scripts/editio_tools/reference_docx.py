"""Make styles/docx/reference.docx: pandoc's default plus the edition's named styles.

A maintenance tool, run once when the set of styles changes
(`python -m editio_tools.reference_docx styles/docx/reference.docx [STYLE-MAP]`). After that the
file is presentation: an editor restyles it in Word, with no Python.
"""

from __future__ import annotations

import sys
import tempfile
from pathlib import Path

import yaml
from docx import Document
from docx.enum.style import WD_STYLE_TYPE
from docx.shared import Pt, RGBColor

from editio.base import pandoc

PARAGRAPH_STYLES = {
    # name: (based on, size pt, italic, hanging indent pt)
    "Title Page": ("Normal", 12, False, 0),
    "Apparatus": ("Normal", 9, False, 14),  # the location hangs, as in print
    "Colophon": ("Normal", 9, False, 0),
}
# The book's look, not Word's: headings in black in the book's face, ranked as the PDF's
# (part, section, subhead), links in the text's colour (pt size, italic, small caps)
HEADINGS = {"Heading 1": (16, False, False), "Heading 2": (12, True, False),
            "Heading 3": (11, False, True), "Heading 4": (11, True, False),
            "Heading 5": (11, True, False), "Heading 6": (11, True, False),
            "Title": (24, False, False), "TOC Heading": (16, False, False)}
CHARACTER_STYLES = {
    "Paragraph Number": (7, False, "666666"),
    "Page Marker": (8, False, "888888"),
    "Apparatus Location": (9, False, None),
    "Lemma": (9, False, None),
    "Witness Reading": (9, True, None),
}


def book_look(styles) -> None:
    """Headings and links in the book's colours and ranks, not Word's."""
    names = {st.name: st for st in styles}
    for name, (size, italic, small_caps) in HEADINGS.items():
        for style in (names.get(name), names.get(f"{name} Char")):
            if style is None:
                continue
            style.font.color.rgb = None  # Word's blue (accent1) goes: the text's colour
            style.font.size = Pt(size)
            style.font.italic = italic
            style.font.small_caps = small_caps
            style.font.bold = False
    for name in ("Hyperlink", "Followed Hyperlink"):
        if name in names:
            names[name].font.color.rgb = None
            names[name].font.underline = False


def build(target: Path, style_map: Path | None = None) -> None:
    """Write a reference.docx; with a style map, also define every style it names."""
    paragraph, character = dict(PARAGRAPH_STYLES), dict(CHARACTER_STYLES)
    if style_map is not None:
        data = yaml.safe_load(style_map.read_text(encoding="utf-8")) or {}
        for cls, name in (data.get("paragraph") or {}).items():
            paragraph.setdefault(name, ("Normal", 10, False, 14 if cls == "app-entry" else 0))
        for name in (data.get("character") or {}).values():
            character.setdefault(name, (10, False, None))
    with tempfile.TemporaryDirectory() as tmp:
        default = Path(tmp) / "default.docx"
        pandoc.run(["-o", str(default), "--print-default-data-file", "reference.docx"],
                   what="extracting the default reference.docx", sandbox=False)
        doc = Document(str(default))
    styles = doc.styles
    existing = {st.name for st in styles}
    for name, (base, size, italic, hanging) in paragraph.items():
        if name in existing:
            continue
        style = styles.add_style(name, WD_STYLE_TYPE.PARAGRAPH)
        style.base_style = styles[base]
        style.font.size = Pt(size)
        style.font.italic = italic
        if hanging:
            style.paragraph_format.left_indent = Pt(hanging)
            style.paragraph_format.first_line_indent = Pt(-hanging)
        style.quick_style = True
    for name, (size, italic, colour) in character.items():
        if name in existing:
            continue
        style = styles.add_style(name, WD_STYLE_TYPE.CHARACTER)
        style.font.size = Pt(size)
        style.font.italic = italic
        if colour:
            style.font.color.rgb = RGBColor.from_string(colour)
        style.quick_style = True
    for name in ("Normal", "Body Text", "First Paragraph", "Footnote Text"):
        if name in [s.name for s in styles]:
            styles[name].font.name = "EB Garamond"
    book_look(styles)
    doc.save(str(target))


if __name__ == "__main__":
    build(Path(sys.argv[1] if len(sys.argv) > 1 else "styles/docx/reference.docx"),
          Path(sys.argv[2]) if len(sys.argv) > 2 else None)
