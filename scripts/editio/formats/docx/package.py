"""The DOCX package pandoc wrote, finished for Word and LibreOffice.

Pandoc's DOCX has no page size (Word and LibreOffice then fall back to Letter) and no font:
where the book's face is not installed, the reader sees a substitute. This stage sets the
profile's page size and margins, read from the same page CSS as the PDF's, and embeds the
book's face as OOXML embeds fonts: each file obfuscated with a key (a GUID) that the
font table names (ECMA-376 Part 1, 17.8.1). EB Garamond's licence (OFL) allows it.
"""

from __future__ import annotations

import hashlib
import io
import time
import uuid
import zipfile
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import tinycss2
from lxml import etree

from editio.base.errors import ProjectError
from editio.formats.docx.layout import w_tag
from editio.formats.fonts import FontFace

R = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
PKG_RELS = "http://schemas.openxmlformats.org/package/2006/relationships"
FONT_REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/font"
ODTTF = "application/vnd.openxmlformats-officedocument.obfuscatedFont"
CONTENT_TYPES = "http://schemas.openxmlformats.org/package/2006/content-types"

_TWIPS = {"mm": 1440 / 25.4, "cm": 1440 / 2.54, "in": 1440.0, "pt": 20.0, "pc": 240.0,
          "px": 15.0}
_NAMED_SIZES_MM = {"a3": (297, 420), "a4": (210, 297), "a5": (148, 210), "a6": (105, 148),
                   "b5": (176, 250), "letter": (215.9, 279.4), "legal": (215.9, 355.6)}



@dataclass(frozen=True)
class PageSetup:
    """Page and margins in twips (1/1440 in); `mirrored` when verso and recto differ."""

    width: int
    height: int
    top: int
    right: int
    bottom: int
    left: int
    mirrored: bool


def _length(token: tinycss2.ast.Node, where: Path) -> float:
    if token.type == "dimension" and token.lower_unit in _TWIPS:
        return token.value * _TWIPS[token.lower_unit]
    if token.type == "number" and token.value == 0:
        return 0.0
    raise ProjectError(f"@page: '{token.serialize()}' is not a length the DOCX can use",
                       path=where)


def page_setup(page_css: Path) -> PageSetup:
    """The size and margins of the page CSS's @page rule (the recto's, when :left and
    :right mirror them)."""
    rules = tinycss2.parse_stylesheet_bytes(page_css.read_bytes(), skip_comments=True,
                                            skip_whitespace=True)[0]
    size = margins = None
    mirrored = False
    for rule in rules:
        if rule.type != "at-rule" or rule.lower_at_keyword != "page":
            continue
        selector = tinycss2.serialize(rule.prelude).strip().lower()
        if selector in (":left", ":right"):
            mirrored = True
            continue
        if selector:
            continue
        for decl in tinycss2.parse_blocks_contents(rule.content, skip_comments=True,
                                                   skip_whitespace=True):
            if decl.type != "declaration":
                continue
            values = [t for t in decl.value if t.type not in ("whitespace", "comment")]
            if decl.lower_name == "size":
                if len(values) == 1 and values[0].type == "ident" and \
                        values[0].lower_value in _NAMED_SIZES_MM:
                    mm = _NAMED_SIZES_MM[values[0].lower_value]
                    size = (mm[0] * _TWIPS["mm"], mm[1] * _TWIPS["mm"])
                elif len(values) == 2:
                    size = (_length(values[0], page_css), _length(values[1], page_css))
            elif decl.lower_name == "margin":
                sides = [_length(v, page_css) for v in values]
                if len(sides) == 3:
                    sides.append(sides[1])  # CSS: left as right
                margins = (sides * 4)[:4] if len(sides) in (1, 2, 4) else sides
    if size is None or margins is None:
        raise ProjectError("the page CSS has no @page rule with size and margin",
                           path=page_css)
    top, right, bottom, left = (round(m) for m in margins)
    return PageSetup(round(size[0]), round(size[1]), top, right, bottom, left, mirrored)


def obfuscate(font: bytes, key: str) -> bytes:
    """OOXML's font obfuscation: the first 32 bytes XORed with the key GUID's 16 bytes,
    taken from the GUID's last hex pair to its first."""
    guid = bytes.fromhex(key.strip("{}").replace("-", ""))[::-1]
    head = bytes(b ^ guid[i % 16] for i, b in enumerate(font[:32]))
    return head + font[32:]


_EMBEDS = (("embedRegular", "normal", 400), ("embedBold", "normal", 700),
           ("embedItalic", "italic", 400), ("embedBoldItalic", "italic", 700))


def _set_page(document: bytes, page: PageSetup) -> bytes:
    root = etree.fromstring(document)
    for sect in root.iter(w_tag("sectPr")):
        for old in sect.findall(w_tag("pgSz")) + sect.findall(w_tag("pgMar")):
            sect.remove(old)
        # pgSz and pgMar come after footnotePr, endnotePr and type (CT_SectPr's order)
        at = 0
        for i, child in enumerate(sect):
            if etree.QName(child).localname in ("headerReference", "footerReference",
                                                 "footnotePr", "endnotePr", "type"):
                at = i + 1
        size = etree.Element(w_tag("pgSz"))
        size.set(w_tag("w"), str(page.width))
        size.set(w_tag("h"), str(page.height))
        if page.width > page.height:
            size.set(w_tag("orient"), "landscape")
        margin = etree.Element(w_tag("pgMar"))
        for name, value in (("top", page.top), ("right", page.right),
                            ("bottom", page.bottom), ("left", page.left),
                            ("header", page.top // 2), ("footer", page.bottom // 2),
                            ("gutter", 0)):
            margin.set(w_tag(name), str(value))
        sect.insert(at, size)
        sect.insert(at + 1, margin)
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)


def _set_settings(settings: bytes, mirrored: bool) -> bytes:
    root = etree.fromstring(settings)
    # CT_Settings order: ..., embedTrueTypeFonts, embedSystemFonts, saveSubsetFonts,
    # saveFormsData, mirrorMargins, ...; before all of them comes zoom
    order = ["writeProtection", "view", "zoom", "removePersonalInformation",
             "removeDateAndTime", "doNotDisplayPageBoundaries", "displayBackgroundShape",
             "printPostScriptOverText", "printFractionalCharacterWidth", "printFormsData",
             "embedTrueTypeFonts", "embedSystemFonts", "saveSubsetFonts", "saveFormsData",
             "mirrorMargins"]
    wanted = ["embedTrueTypeFonts"] + (["mirrorMargins"] if mirrored else [])
    for name in wanted:
        if root.find(w_tag(name)) is not None:
            continue
        rank = order.index(name)
        at = 0
        for i, child in enumerate(root):
            local = etree.QName(child).localname
            if local in order and order.index(local) < rank:
                at = i + 1
        root.insert(at, etree.Element(w_tag(name)))
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)


def _embed_fonts(font_table: bytes, rels: bytes | None, family: str,
                 faces: list[FontFace]) -> tuple[bytes, bytes, dict[str, bytes]]:
    """The font table naming the embedded files, its relationships, and the files."""
    table = etree.fromstring(font_table)
    font = next((f for f in table.findall(w_tag("font")) if f.get(w_tag("name")) == family), None)
    if font is None:
        font = etree.SubElement(table, w_tag("font"))
        font.set(w_tag("name"), family)
    rel_root = etree.fromstring(rels) if rels else etree.Element(f"{{{PKG_RELS}}}Relationships",
                                                                  nsmap={None: PKG_RELS})
    files: dict[str, bytes] = {}
    for n, (element, style, weight) in enumerate(_EMBEDS, start=1):
        face = min((f for f in faces if f.style == style),
                   key=lambda f: abs(int(f.weight.split()[0]) - weight), default=None)
        if face is None:
            continue
        data = face.path.read_bytes()
        # the key is the font's own digest as a GUID: the same font, the same package
        key = "{" + str(uuid.UUID(bytes=hashlib.sha256(data).digest()[:16])).upper() + "}"
        name = f"font{n}.odttf"
        files[f"word/fonts/{name}"] = obfuscate(data, key)
        rel_id = f"rIdEditioFont{n}"
        rel = etree.SubElement(rel_root, f"{{{PKG_RELS}}}Relationship")
        rel.set("Id", rel_id)
        rel.set("Type", FONT_REL)
        rel.set("Target", f"fonts/{name}")
        embed = etree.SubElement(font, w_tag(element))
        embed.set(f"{{{R}}}id", rel_id)
        embed.set(w_tag("fontKey"), key)
    return (etree.tostring(table, xml_declaration=True, encoding="UTF-8", standalone=True),
            etree.tostring(rel_root, xml_declaration=True, encoding="UTF-8", standalone=True),
            files)


def _content_types(types: bytes) -> bytes:
    root = etree.fromstring(types)
    if not any(d.get("Extension") == "odttf" for d in root.findall(f"{{{CONTENT_TYPES}}}Default")):
        default = etree.Element(f"{{{CONTENT_TYPES}}}Default")
        default.set("Extension", "odttf")
        default.set("ContentType", ODTTF)
        root.insert(0, default)
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)


A_NS = "http://schemas.openxmlformats.org/drawingml/2006/main"


def _set_theme_fonts(theme: bytes, family: str) -> bytes:
    """The theme's heading and body faces (Aptos in pandoc's) are the book's too: styles
    that name the theme, not a font, would otherwise show a substitute."""
    root = etree.fromstring(theme)
    for latin in root.iter(f"{{{A_NS}}}latin"):
        parent = latin.getparent()
        if parent is not None and etree.QName(parent).localname in ("majorFont", "minorFont"):
            latin.set("typeface", family)
            latin.attrib.pop("panose", None)
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)


def fit_tables(document: bytes, page: PageSetup) -> bytes:
    """Each table as wide as the text block, its columns in pandoc's proportions: pandoc
    gives a table with no set widths 5.5 inches, wider than an A5 page's text."""
    root = etree.fromstring(document)
    measure = page.width - page.left - page.right
    for table in root.iter(w_tag("tbl")):
        props = table.find(w_tag("tblPr"))
        width = props.find(w_tag("tblW")) if props is not None else None
        if width is not None:
            width.set(w_tag("type"), "dxa")
            width.set(w_tag("w"), str(measure))
        cols = table.findall(f"{w_tag('tblGrid')}/{w_tag('gridCol')}")
        total = sum(int(c.get(w_tag("w"), "0")) for c in cols)
        if cols and total > measure:
            for col in cols:
                col.set(w_tag("w"), str(int(col.get(w_tag("w"), "0")) * measure // total))
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)


DCTERMS = "http://purl.org/dc/terms/"


def set_dates(core: bytes, epoch: int) -> bytes:
    """docProps/core.xml's created and modified: the build date (the edition's epoch),
    where pandoc writes 1970 for an edition whose date is no calendar date."""
    root = etree.fromstring(core)
    stamp = time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime(epoch))
    for name in ("created", "modified"):
        el = root.find(f"{{{DCTERMS}}}{name}")
        if el is None:
            el = etree.SubElement(root, f"{{{DCTERMS}}}{name}")
            el.set("{http://www.w3.org/2001/XMLSchema-instance}type", "dcterms:W3CDTF")
        el.text = stamp
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)


def finish(path: Path, page: PageSetup, family: str, faces: list[FontFace],
           edit: Callable[[dict[str, bytes]], object] | None = None,
           epoch: int | None = None) -> None:
    """Set the page and embed the font in the DOCX at `path`, in place; `edit` changes
    the package's other parts (name -> bytes) in the same pass, so it is zipped once;
    `epoch` dates the document."""
    with zipfile.ZipFile(path) as z:
        parts = {info.filename: z.read(info) for info in z.infolist()}
        order = [info.filename for info in z.infolist()]
    parts["word/document.xml"] = fit_tables(_set_page(parts["word/document.xml"], page), page)
    if epoch is not None and "docProps/core.xml" in parts:
        parts["docProps/core.xml"] = set_dates(parts["docProps/core.xml"], epoch)
    parts["word/settings.xml"] = _set_settings(parts["word/settings.xml"], page.mirrored)
    table, rels, files = _embed_fonts(parts["word/fontTable.xml"],
                                      parts.get("word/_rels/fontTable.xml.rels"), family, faces)
    parts["word/fontTable.xml"] = table
    parts["word/_rels/fontTable.xml.rels"] = rels
    parts["[Content_Types].xml"] = _content_types(parts["[Content_Types].xml"])
    for name in [n for n in parts if n.startswith("word/theme/") and n.endswith(".xml")]:
        parts[name] = _set_theme_fonts(parts[name], family)
    parts.update(files)
    if edit is not None:
        edit(parts)
    order += [name for name in parts if name not in order]
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as z:
        for name in order:
            info = zipfile.ZipInfo(name, date_time=(1980, 1, 1, 0, 0, 0))
            info.compress_type = zipfile.ZIP_DEFLATED
            z.writestr(info, parts[name])
    path.write_bytes(out.getvalue())
