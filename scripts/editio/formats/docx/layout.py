"""The DOCX laid out as the book is: a section for each part, running heads and folios.

Pandoc writes one section and no header or footer. Here each part of the edition (title page,
contents, a volume's work opening, note on the text, text, textual notes, bibliography,
colophon) begins a new section on a new page, as in print; every section has the PDF's
running heads (the author in small capitals on the verso, the title in italics on the
recto, none on a part's first page) and a folio, a PAGE field, at the foot. Word numbers the
footnotes again in each section (pandoc's numRestart eachSect), so each work's notes count
from 1 in its text, as its textual notes cite them ("n. 2"), with Word's own numbers.
"""

from __future__ import annotations

import copy
from dataclasses import dataclass

from lxml import etree

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
R = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
PKG_RELS = "http://schemas.openxmlformats.org/package/2006/relationships"
CONTENT_TYPES = "http://schemas.openxmlformats.org/package/2006/content-types"
REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/"
WML = "application/vnd.openxmlformats-officedocument.wordprocessingml."


def _w(name: str) -> str:
    return f"{{{W}}}{name}"


@dataclass(frozen=True)
class RunningHeads:
    """What a section's heads say: the verso's author, the recto's title."""

    author: str
    title: str


@dataclass(frozen=True)
class Part:
    """A part of the book: the bookmark (the heading's id) where it begins, and its heads;
    `restart`: its footnotes count from 1 (a work's text, as its textual notes cite them)."""

    bookmark: str
    heads: RunningHeads
    restart: bool = False


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
    p = etree.SubElement(parent, _w("p"))
    ppr = etree.SubElement(p, _w("pPr"))
    if style:
        etree.SubElement(ppr, _w("pStyle")).set(_w("val"), style)
    etree.SubElement(ppr, _w("jc")).set(_w("val"), align)
    return p


def _run(p: etree._Element, text: str, *, italic=False, small_caps=False) -> None:
    r = etree.SubElement(p, _w("r"))
    if italic or small_caps:
        rpr = etree.SubElement(r, _w("rPr"))
        if small_caps:
            etree.SubElement(rpr, _w("smallCaps"))
        if italic:
            etree.SubElement(rpr, _w("i"))
    t = etree.SubElement(r, _w("t"))
    t.text = text
    t.set("{http://www.w3.org/XML/1998/namespace}space", "preserve")


def _page_field(p: etree._Element) -> None:
    """A PAGE field: Word and LibreOffice print the page's number in its place."""
    for kind, code in (("begin", None), (None, " PAGE "), ("separate", None),
                       (None, "1"), ("end", None)):
        r = etree.SubElement(p, _w("r"))
        if kind:
            etree.SubElement(r, _w("fldChar")).set(_w("fldCharType"), kind)
        elif code == " PAGE ":
            instr = etree.SubElement(r, _w("instrText"))
            instr.text = code
            instr.set("{http://www.w3.org/XML/1998/namespace}space", "preserve")
        else:
            etree.SubElement(r, _w("t")).text = code


def _header_part(kind: str, heads: RunningHeads | None, side: str) -> bytes:
    root = etree.Element(_w("hdr" if kind == "header" else "ftr"), nsmap={"w": W, "r": R})
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
             title_page: bool, restart: bool) -> etree._Element:
    """A section's properties: the page as the model's, a new page, its heads and folios
    (none on its first page but the folio; on the title page, nothing)."""
    sect = copy.deepcopy(model)
    for child in list(sect):
        if etree.QName(child).localname in ("headerReference", "footerReference", "type",
                                            "titlePg", "pgNumType", "footnotePr"):
            sect.remove(child)
    if restart:
        # only where numbering must begin again: LibreOffice (7.4) numbers the notes of a
        # second restarting section 0, 0, 0 when every section restarts, as pandoc writes
        props = etree.SubElement(sect, _w("footnotePr"))
        etree.SubElement(props, _w("numRestart")).set(_w("val"), "eachSect")
    refs = [("header", "default", heads, "odd"), ("header", "even", heads, "even"),
            ("header", "first", None, "none"), ("footer", "default", None, "folio"),
            ("footer", "even", None, "folio"),
            ("footer", "first", None, "none" if title_page else "folio")]
    new = []
    for kind, which, said, side in refs:
        ref = etree.Element(_w(f"{kind}Reference"))
        ref.set(_w("type"), which)
        ref.set(f"{{{R}}}id", parts.rel_id(kind, said, side))
        new.append(ref)
    etree.SubElement(sect, _w("type")).set(_w("val"), "nextPage")
    etree.SubElement(sect, _w("titlePg"))
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
        r = etree.SubElement(p, _w("r"))
        if kind:
            etree.SubElement(r, _w("fldChar")).set(_w("fldCharType"), kind)
        elif text == instruction:
            instr = etree.SubElement(r, _w("instrText"))
            instr.text = text
            instr.set("{http://www.w3.org/XML/1998/namespace}space", "preserve")
        else:
            etree.SubElement(r, _w("t")).text = text


def page_references(body: etree._Element, contents: str, measure: int) -> int:
    """Each entry of the contents list (the block bookmarked `contents`) ends with a dot
    leader and a PAGEREF field to the part it links to: the page a student can cite.
    Word and LibreOffice compute the number; returns how many entries got one."""
    start = body.find(f"{_w('bookmarkStart')}[@{_w('name')}='{contents}']")
    if start is None:
        return 0
    mark = start.get(_w("id"))
    count = 0
    for el in start.itersiblings():
        if etree.QName(el).localname == "bookmarkEnd" and el.get(_w("id")) == mark:
            break
        links = el.findall(_w("hyperlink")) if etree.QName(el).localname == "p" else []
        if not links or not links[0].get(_w("anchor")):
            continue
        ppr = el.find(_w("pPr"))
        if ppr is None:
            ppr = etree.Element(_w("pPr"))
            el.insert(0, ppr)
        at = sum(1 for child in ppr if etree.QName(child).localname in _BEFORE_TABS)
        tabs = etree.Element(_w("tabs"))
        tab = etree.SubElement(tabs, _w("tab"))
        tab.set(_w("val"), "right")
        tab.set(_w("leader"), "dot")
        tab.set(_w("pos"), str(measure))
        ppr.insert(at, tabs)
        etree.SubElement(etree.SubElement(el, _w("r")), _w("tab"))
        _field(el, f" PAGEREF {links[0].get(_w('anchor'))} \\h ", "#")
        count += 1
    return count


def lay_out(files: dict[str, bytes], parts_of_book: list[Part],
            opening: RunningHeads) -> int:
    """Split the body into a section per part (each on a new page) with running heads and
    folios; `opening` heads the sections before the first part (title page, contents).
    Returns the number of sections. `files` are the package's parts, changed in place."""
    document = etree.fromstring(files["word/document.xml"])
    body = document.find(_w("body"))
    final = body.find(_w("sectPr"))
    starts = {p.bookmark: p for p in parts_of_book}
    # (first block of a section, its part), in order
    sections: list[tuple[etree._Element | None, Part]] = [(None, Part("", opening))]
    pending: Part | None = None
    for el in body:
        local = etree.QName(el).localname
        if local == "bookmarkStart" and el.get(_w("name")) in starts:
            pending = starts[el.get(_w("name"))]
        elif local in ("p", "tbl") and pending is not None:
            sections.append((el, pending))
            pending = None
    size, margin = final.find(_w("pgSz")), final.find(_w("pgMar"))
    if size is not None and margin is not None:
        measure = int(size.get(_w("w"))) - int(margin.get(_w("left"))) - \
            int(margin.get(_w("right")))
        page_references(body, "contents", measure)
    parts = _Parts(files)
    model = copy.deepcopy(final)
    for index, (start, _) in enumerate(sections[1:], start=1):
        # the section before this one ends at the last paragraph before its start
        host = start.getprevious()
        while host is not None and etree.QName(host).localname not in ("p", "tbl"):
            host = host.getprevious()
        if host is None:
            continue
        if etree.QName(host).localname == "tbl":  # a section ends in a paragraph
            host.addnext(etree.Element(_w("p")))
            host = host.getnext()
        ppr = host.find(_w("pPr"))
        if ppr is None:
            ppr = etree.Element(_w("pPr"))
            host.insert(0, ppr)
        part = sections[index - 1][1]
        ppr.append(_sect_pr(model, parts, part.heads, index == 1, part.restart))
    part = sections[-1][1]
    last = _sect_pr(model, parts, part.heads, len(sections) == 1, part.restart)
    body.replace(final, last)
    parts.save()
    files["word/document.xml"] = _xml(document)
    settings = etree.fromstring(files["word/settings.xml"])
    if settings.find(_w("evenAndOddHeaders")) is None:
        at = next((i for i, c in enumerate(settings)
                   if etree.QName(c).localname in _AFTER_EVEN_ODD), len(settings))
        settings.insert(at, etree.Element(_w("evenAndOddHeaders")))
    if body.find(f".//{_w('instrText')}") is not None and \
            settings.find(_w("updateFields")) is None:
        # Word computes PAGEREF when fields are updated: ask it to, on opening
        at = next((i for i, c in enumerate(settings)
                   if etree.QName(c).localname in _AFTER_UPDATE_FIELDS), len(settings))
        update = etree.Element(_w("updateFields"))
        update.set(_w("val"), "true")
        settings.insert(at, update)
    files["word/settings.xml"] = _xml(settings)
    return len(sections)
