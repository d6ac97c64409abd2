"""The DOCX laid out as the book is: a section for each part, running heads and folios.

Pandoc writes one section and no header or footer. Here each part of the edition (title page,
contents, a volume's work opening, note on the text, text, textual notes, bibliography,
colophon) begins a new section on a new page, as in print; every section has the PDF's
running heads (the author in small capitals on the verso, the title in italics on the
recto, none on a part's first page) and a folio, a PAGE field, at the foot. The footnotes
carry Word's own numbers, through the book: no section restarts them, because LibreOffice
(7.4) reads a section's restart as a restart at each chapter heading and numbers the notes
after the first 0, 0, ... or runs on, where Word restarts; the writer makes the textual
notes cite these numbers (writer.number_notes_through).
"""

from __future__ import annotations

import copy
from dataclasses import dataclass

from lxml import etree

from editio.base.xmltree import must_find

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
R = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
PKG_RELS = "http://schemas.openxmlformats.org/package/2006/relationships"
CONTENT_TYPES = "http://schemas.openxmlformats.org/package/2006/content-types"
REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/"
WML = "application/vnd.openxmlformats-officedocument.wordprocessingml."


def w_tag(name: str) -> str:
    """A WordprocessingML element or attribute name, in lxml's {namespace}name form."""
    return f"{{{W}}}{name}"


@dataclass(frozen=True)
class RunningHeads:
    """What a section's heads say: the verso's author, the recto's title."""

    author: str
    title: str


@dataclass(frozen=True)
class Part:
    """A part of the book: the bookmark (the heading's id) where it begins, and its heads."""

    bookmark: str
    heads: RunningHeads


# CT_SectPr's children in schema order (ECMA-376 Part 1, 17.6.17)
_SECT_ORDER = ["headerReference", "footerReference", "footnotePr", "endnotePr", "type",
               "pgSz", "pgMar", "paperSrc", "pgBorders", "lnNumType", "pgNumType", "cols",
               "formProt", "vAlign", "noEndnote", "titlePg", "textDirection", "bidi",
               "rtlGutter", "docGrid", "printerSettings", "sectPrChange"]
# CT_Settings' children that come after evenAndOddHeaders
_AFTER_EVEN_ODD = {"bookFoldRevPrinting", "bookFoldPrinting", "bookFoldPrintingSheets",
                   "drawingGridHorizontalSpacing", "drawingGridVerticalSpacing",
                   "displayHorizontalDrawingGridEvery", "displayVerticalDrawingGridEvery",
                   "doNotUseMarginsForDrawingGridOrigin", "drawingGridHorizontalOrigin",
                   "drawingGridVerticalOrigin", "doNotShadeFormData", "noPunctuationKerning",
                   "characterSpacingControl", "printTwoOnOne", "strictFirstAndLastChars",
                   "noLineBreaksAfter", "noLineBreaksBefore", "savePreviewPicture",
                   "doNotValidateAgainstSchema", "saveInvalidXml", "ignoreMixedContent",
                   "alwaysShowPlaceholderText", "doNotDemarcateInvalidXml",
                   "saveXmlDataOnly", "useXSLTWhenSaving", "saveThroughXslt",
                   "showXMLTags", "alwaysMergeEmptyNamespace", "updateFields",
                   "hdrShapeDefaults", "footnotePr", "endnotePr", "compat", "docVars",
                   "rsids", "mathPr", "attachedSchema", "themeFontLang", "clrSchemeMapping",
                   "doNotIncludeSubdocsInStats", "doNotAutoCompressPictures", "forceUpgrade",
                   "captions", "readModeInkLockDown", "smartTagType", "schemaLibrary",
                   "shapeDefaults", "doNotEmbedSmartTags", "decimalSymbol", "listSeparator"}


def _xml(root: etree._Element) -> bytes:
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)


def _paragraph(parent: etree._Element, style: str | None, align: str) -> etree._Element:
    p = etree.SubElement(parent, w_tag("p"))
    ppr = etree.SubElement(p, w_tag("pPr"))
    if style:
        etree.SubElement(ppr, w_tag("pStyle")).set(w_tag("val"), style)
    etree.SubElement(ppr, w_tag("jc")).set(w_tag("val"), align)
    return p


def _run(p: etree._Element, text: str, *, italic: bool = False, small_caps: bool = False) -> None:
    r = etree.SubElement(p, w_tag("r"))
    if italic or small_caps:
        rpr = etree.SubElement(r, w_tag("rPr"))
        if small_caps:
            etree.SubElement(rpr, w_tag("smallCaps"))
        if italic:
            etree.SubElement(rpr, w_tag("i"))
    t = etree.SubElement(r, w_tag("t"))
    t.text = text
    t.set("{http://www.w3.org/XML/1998/namespace}space", "preserve")


def _page_field(p: etree._Element) -> None:
    """A PAGE field: Word and LibreOffice print the page's number in its place."""
    for kind, code in (("begin", None), (None, " PAGE "), ("separate", None),
                       (None, "1"), ("end", None)):
        r = etree.SubElement(p, w_tag("r"))
        if kind:
            etree.SubElement(r, w_tag("fldChar")).set(w_tag("fldCharType"), kind)
        elif code == " PAGE ":
            instr = etree.SubElement(r, w_tag("instrText"))
            instr.text = code
            instr.set("{http://www.w3.org/XML/1998/namespace}space", "preserve")
        else:
            etree.SubElement(r, w_tag("t")).text = code


def _header_part(kind: str, heads: RunningHeads | None, side: str) -> bytes:
    root = etree.Element(w_tag("hdr" if kind == "header" else "ftr"), nsmap={"w": W, "r": R})
    style = "Header" if kind == "header" else "Footer"
    if kind == "footer":
        p = _paragraph(root, style, "center")
        if side == "folio":
            _page_field(p)
    elif heads is None:
        _paragraph(root, style, "left")
    elif side == "even":
        _run(_paragraph(root, style, "left"), heads.author, small_caps=True)
    else:
        _run(_paragraph(root, style, "right"), heads.title, italic=True)
    return _xml(root)


class _Parts:
    """Header and footer parts added to the package, each written once."""

    def __init__(self, files: dict[str, bytes]):
        self.files = files
        self.rels = etree.fromstring(files["word/_rels/document.xml.rels"])
        self.types = etree.fromstring(files["[Content_Types].xml"])
        self.made: dict[tuple, str] = {}

    def rel_id(self, kind: str, heads: RunningHeads | None, side: str) -> str:
        key = (kind, heads, side)
        if key in self.made:
            return self.made[key]
        n = len(self.made) + 1
        name = f"{kind}{n}.xml"
        self.files[f"word/{name}"] = _header_part(kind, heads, side)
        rel_id = f"rIdEditio{kind.title()}{n}"
        rel = etree.SubElement(self.rels, f"{{{PKG_RELS}}}Relationship")
        rel.set("Id", rel_id)
        rel.set("Type", REL + kind)
        rel.set("Target", name)
        override = etree.SubElement(self.types, f"{{{CONTENT_TYPES}}}Override")
        override.set("PartName", f"/word/{name}")
        override.set("ContentType", f"{WML}{kind}+xml")
        self.made[key] = rel_id
        return rel_id

    def save(self) -> None:
        self.files["word/_rels/document.xml.rels"] = _xml(self.rels)
        self.files["[Content_Types].xml"] = _xml(self.types)


def _sect_pr(model: etree._Element, parts: _Parts, heads: RunningHeads,
             title_page: bool) -> etree._Element:
    """A section's properties: the page as the model's, a new page, its heads and folios
    (none on its first page but the folio; on the title page, nothing)."""
    sect = copy.deepcopy(model)
    for child in list(sect):
        if etree.QName(child).localname in ("headerReference", "footerReference", "type",
                                            "titlePg", "pgNumType", "footnotePr"):
            sect.remove(child)
    refs = [("header", "default", heads, "odd"), ("header", "even", heads, "even"),
            ("header", "first", None, "none"), ("footer", "default", None, "folio"),
            ("footer", "even", None, "folio"),
            ("footer", "first", None, "none" if title_page else "folio")]
    new = []
    for kind, which, said, side in refs:
        ref = etree.Element(w_tag(f"{kind}Reference"))
        ref.set(w_tag("type"), which)
        ref.set(f"{{{R}}}id", parts.rel_id(kind, said, side))
        new.append(ref)
    etree.SubElement(sect, w_tag("type")).set(w_tag("val"), "nextPage")
    etree.SubElement(sect, w_tag("titlePg"))
    new += list(sect)
    for child in list(sect):
        sect.remove(child)
    for child in sorted(new, key=lambda c: _SECT_ORDER.index(etree.QName(c).localname)):
        sect.append(child)
    return sect


# CT_Settings' children after updateFields
_AFTER_UPDATE_FIELDS = {"hdrShapeDefaults", "footnotePr", "endnotePr", "compat", "docVars",
                        "rsids", "mathPr", "attachedSchema", "themeFontLang",
                        "clrSchemeMapping", "doNotIncludeSubdocsInStats",
                        "doNotAutoCompressPictures", "forceUpgrade", "captions",
                        "readModeInkLockDown", "smartTagType", "schemaLibrary",
                        "shapeDefaults", "doNotEmbedSmartTags", "decimalSymbol",
                        "listSeparator"}
# CT_PPrBase's children that come before tabs
_BEFORE_TABS = {"pStyle", "keepNext", "keepLines", "pageBreakBefore", "framePr",
                "widowControl", "numPr", "suppressLineNumbers", "pBdr", "shd"}


def _field(p: etree._Element, instruction: str, shown: str) -> None:
    for kind, text in (("begin", None), (None, instruction), ("separate", None),
                       (None, shown), ("end", None)):
        r = etree.SubElement(p, w_tag("r"))
        if kind:
            etree.SubElement(r, w_tag("fldChar")).set(w_tag("fldCharType"), kind)
        elif text == instruction:
            instr = etree.SubElement(r, w_tag("instrText"))
            instr.text = text
            instr.set("{http://www.w3.org/XML/1998/namespace}space", "preserve")
        else:
            etree.SubElement(r, w_tag("t")).text = text


def page_references(body: etree._Element, contents: str, measure: int) -> int:
    """Each entry of the contents list (the block bookmarked `contents`) ends with a dot
    leader and a PAGEREF field to the part it links to: the page a student can cite.
    Word and LibreOffice compute the number; returns how many entries got one."""
    start = body.find(f"{w_tag('bookmarkStart')}[@{w_tag('name')}='{contents}']")
    if start is None:
        return 0
    mark = start.get(w_tag("id"))
    count = 0
    for el in start.itersiblings():
        if etree.QName(el).localname == "bookmarkEnd" and el.get(w_tag("id")) == mark:
            break
        links = el.findall(w_tag("hyperlink")) if etree.QName(el).localname == "p" else []
        if not links or not links[0].get(w_tag("anchor")):
            continue
        ppr = el.find(w_tag("pPr"))
        if ppr is None:
            ppr = etree.Element(w_tag("pPr"))
            el.insert(0, ppr)
        at = sum(1 for child in ppr if etree.QName(child).localname in _BEFORE_TABS)
        tabs = etree.Element(w_tag("tabs"))
        tab = etree.SubElement(tabs, w_tag("tab"))
        tab.set(w_tag("val"), "right")
        tab.set(w_tag("leader"), "dot")
        tab.set(w_tag("pos"), str(measure))
        ppr.insert(at, tabs)
        etree.SubElement(etree.SubElement(el, w_tag("r")), w_tag("tab"))
        _field(el, f" PAGEREF {links[0].get(w_tag('anchor'))} \\h ", "#")
        count += 1
    return count


def lay_out(files: dict[str, bytes], parts_of_book: list[Part],
            opening: RunningHeads) -> int:
    """Split the body into a section per part (each on a new page) with running heads and
    folios; `opening` heads the sections before the first part (title page, contents).
    Returns the number of sections. `files` are the package's parts, changed in place."""
    document = etree.fromstring(files["word/document.xml"])
    body = must_find(document, w_tag("body"), "pandoc's word/document.xml")
    final = must_find(body, w_tag("sectPr"), "pandoc's word/document.xml")
    starts = {p.bookmark: p for p in parts_of_book}
    # each section's part, in order, and the first block of each but the opening one
    sections: list[Part] = [Part("", opening)]
    firsts: list[etree._Element] = []
    pending: Part | None = None
    for el in body:
        local = etree.QName(el).localname
        name = el.get(w_tag("name"))
        if local == "bookmarkStart" and name in starts:
            pending = starts[name]
        elif local in ("p", "tbl") and pending is not None:
            sections.append(pending)
            firsts.append(el)
            pending = None
    size, margin = final.find(w_tag("pgSz")), final.find(w_tag("pgMar"))
    if size is not None and margin is not None:
        measure = int(size.get(w_tag("w"), 0)) - int(margin.get(w_tag("left"), 0)) - \
            int(margin.get(w_tag("right"), 0))
        page_references(body, "contents", measure)
    parts = _Parts(files)
    model = copy.deepcopy(final)
    for index, start in enumerate(firsts, start=1):
        # the section before this one ends at the last paragraph before its start
        host = start.getprevious()
        while host is not None and etree.QName(host).localname not in ("p", "tbl"):
            host = host.getprevious()
        if host is None:
            continue
        if etree.QName(host).localname == "tbl":  # a section ends in a paragraph
            paragraph = etree.Element(w_tag("p"))
            host.addnext(paragraph)
            host = paragraph
        ppr = host.find(w_tag("pPr"))
        if ppr is None:
            ppr = etree.Element(w_tag("pPr"))
            host.insert(0, ppr)
        part = sections[index - 1]
        ppr.append(_sect_pr(model, parts, part.heads, index == 1))
    part = sections[-1]
    last = _sect_pr(model, parts, part.heads, len(sections) == 1)
    body.replace(final, last)
    parts.save()
    files["word/document.xml"] = _xml(document)
    settings = etree.fromstring(files["word/settings.xml"])
    if settings.find(w_tag("evenAndOddHeaders")) is None:
        at = next((i for i, c in enumerate(settings)
                   if etree.QName(c).localname in _AFTER_EVEN_ODD), len(settings))
        settings.insert(at, etree.Element(w_tag("evenAndOddHeaders")))
    if body.find(f".//{w_tag('instrText')}") is not None and \
            settings.find(w_tag("updateFields")) is None:
        # Word computes PAGEREF when fields are updated: ask it to, on opening
        at = next((i for i, c in enumerate(settings)
                   if etree.QName(c).localname in _AFTER_UPDATE_FIELDS), len(settings))
        update = etree.Element(w_tag("updateFields"))
        update.set(w_tag("val"), "true")
        settings.insert(at, update)
    files["word/settings.xml"] = _xml(settings)
    return len(sections)
