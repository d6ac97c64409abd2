"""One PDF from a volume's parts (pdf_parts), as if the book had been laid out whole.

Each part is a finished, tagged PDF of its own. Joined here with pikepdf:
- the pages, in order (each part's fonts, subset, come with them); each part was laid out
  alone and names its subsets with the same prefixes ("HBJCDR+EB-Garamond-Italic" in
  every part, a different program in each), so each subset is renamed after its own
  program: one name, one font program, as prepress checks and RIPs expect;
- one outline: each part's bookmarks in order, their levels, open or closed, kept;
- links: each part's named destinations for the ids it holds (a part also names the ids
  of other parts it links to, as placeholders; those are left out), so a link from the
  contents to a work's opening lands where the work's part put it;
- one structure tree: one Document holding each part's elements in order; each page's
  /StructParents and each annotation's /StructParent moved on by the keys of the parts
  before it, with one ParentTree (and ParentTreeNextKey); IDs made unique in the book;
- the catalog's MarkInfo, Lang, ViewerPreferences (and any output intent a PDF variant
  adds), the document info and the XMP metadata once, from the first part (its times
  this build's, so a front matter kept from an earlier build of the same pages serves).
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import UTC
from pathlib import Path

import pikepdf

from editio.base.errors import ToolError
from editio.formats.pdf import tags as pdf_tags

# Catalog entries the merge builds itself; every other one is the first part's.
_BUILT = {"/Type", "/Pages", "/Names", "/StructTreeRoot", "/Outlines", "/Dests", "/PageMode"}


@dataclass(frozen=True)
class Source:
    """A part's PDF and the ids it holds (its own named destinations)."""

    path: Path
    anchors: set[str]


class MergeError(ToolError):
    """A part's PDF is not what pdf_parts writes (a ParentTree with Kids, no tree)."""


def _copy(out: pikepdf.Pdf, part: pikepdf.Pdf, obj: pikepdf.Object) -> pikepdf.Object:
    """`obj` of `part` in `out`: pages and objects already copied are shared (qpdf keeps
    one copier per source file), so references into the part land on its pages here."""
    if isinstance(obj, pikepdf.Object) and not obj.is_indirect:
        obj = part.make_indirect(obj)
    return out.copy_foreign(obj)


def _pairs(array: Iterable[pikepdf.Object]) -> list[tuple[pikepdf.Object, pikepdf.Object]]:
    items = list(array)
    return list(zip(items[::2], items[1::2], strict=True))


def _next_key(root: pikepdf.Object) -> int:
    if "/ParentTreeNextKey" in root:
        return int(root.ParentTreeNextKey)
    nums = root.ParentTree.get("/Nums")
    return max((int(k) for k, _ in _pairs(nums or [])), default=-1) + 1


def join_structure(out: pikepdf.Pdf, part: pikepdf.Pdf, document: pikepdf.Object,
                   nums: list[int | pikepdf.Object], first_page: int, offset: int) -> int:
    """The part's elements under `document`, its keys moved on by `offset`; its key count."""
    root = part.Root.get("/StructTreeRoot")
    if root is None or "/Kids" in root.ParentTree or "/Nums" not in root.ParentTree:
        raise MergeError("a volume's part has no structure tree with a flat ParentTree")
    kids = root.K if isinstance(root.K, pikepdf.Array) else [root.K]
    if len(kids) != 1 or kids[0].get("/S") != "/Document":
        raise MergeError("a volume's part has no single Document element")
    part_doc = kids[0]
    del part_doc.P  # copying the Document must not copy the part's root along with it
    copied_doc = _copy(out, part, part_doc)
    for kid in list(copied_doc.get("/K") or []):
        if isinstance(kid, pikepdf.Dictionary) and "/P" in kid:
            kid.P = document
        document.K.append(kid)
    for key, value in _pairs(_copy(out, part, root.ParentTree.Nums)):
        if isinstance(value, pikepdf.Dictionary) and value.objgen == copied_doc.objgen:
            value = document
        nums += [int(key) + offset, value]
    count = _next_key(root)
    for page in out.pages[first_page:]:
        if "/StructParents" in page.obj:
            page.obj.StructParents = int(page.obj.StructParents) + offset
        for annot in page.obj.get("/Annots") or []:
            if "/StructParent" in annot:
                annot.StructParent = int(annot.StructParent) + offset
    return count


def _outline_items(outline: pikepdf.Object) -> list[pikepdf.Object]:
    items: list[pikepdf.Object] = []
    item = outline.get("/First")
    while item is not None:
        items.append(item)
        item = item.get("/Next")
    return items


def _join_outlines(out: pikepdf.Pdf, roots: list[pikepdf.Object]) -> None:
    """The parts' top-level bookmarks, in order, under one outline root."""
    outline = out.make_indirect(pikepdf.Dictionary(Type=pikepdf.Name.Outlines))
    items, count = [], 0
    for root in roots:
        items += _outline_items(root)
        count += int(root.get("/Count", 0))
    if not items:
        return
    for prev, item in zip([None, *items], items, strict=False):
        item.Parent = outline
        if prev is None:
            if "/Prev" in item:
                del item.Prev
        else:
            prev.Next, item.Prev = item, prev
    if "/Next" in items[-1]:
        del items[-1].Next
    outline.First, outline.Last, outline.Count = items[0], items[-1], count
    out.Root.Outlines = outline


_SUBSET = re.compile(r"^[A-Z]{6}\+")
_FONT_FILES = ("/FontFile", "/FontFile2", "/FontFile3")


def _font_program(font: pikepdf.Object) -> pikepdf.Object | None:
    """The embedded program of a font dictionary (a Type0's descendant's, or its own)."""
    described = font.DescendantFonts[0] if "/DescendantFonts" in font else font
    descriptor = described.get("/FontDescriptor")
    if descriptor is None:
        return None
    return next((descriptor[k] for k in _FONT_FILES if k in descriptor), None)


def _subset_tag(program: pikepdf.Object) -> str:
    """Six capitals from the program's digest (ISO 32000 9.6.4's tag): the same program
    gets the same tag, in any part and any build."""
    digest = hashlib.sha256(program.read_bytes()).digest()
    return "".join(chr(ord("A") + b % 26) for b in digest[:6])


def unique_subset_names(pdf: pikepdf.Pdf) -> int:
    """Each subset font renamed after its program's digest; how many fonts were renamed."""
    renamed = 0
    seen: set[tuple[int, int]] = set()
    for page in pdf.pages:
        for font in pdf_tags.page_fonts(page):
            if font.objgen in seen or "/BaseFont" not in font:
                continue
            seen.add(font.objgen)
            program = _font_program(font)
            name = str(font.BaseFont)[1:]
            if program is None or not _SUBSET.match(name):
                continue
            new = pikepdf.Name("/" + _subset_tag(program) + name[6:])
            font.BaseFont = new
            if "/DescendantFonts" in font:
                font.DescendantFonts[0].BaseFont = new
                font.DescendantFonts[0].FontDescriptor.FontName = new
            elif "/FontDescriptor" in font:
                font.FontDescriptor.FontName = new
            renamed += 1
    return renamed


def merge(sources: list[Source], target: Path, meta: pdf_tags.Metadata) -> None:
    """Join the parts' PDFs into `target` (see the module's docstring)."""
    out = pikepdf.new()
    parts = [pikepdf.open(s.path) for s in sources]
    try:
        first = parts[0]
        document = out.make_indirect(pikepdf.Dictionary(
            Type=pikepdf.Name.StructElem, S=pikepdf.Name.Document, K=pikepdf.Array()))
        root = out.make_indirect(pikepdf.Dictionary(
            Type=pikepdf.Name.StructTreeRoot, K=pikepdf.Array([document])))
        document.P = root
        spaces = first.Root.StructTreeRoot.get("/Namespaces")
        if spaces is not None:  # PDF 2.0's standard namespace, once
            root.Namespaces = _copy(out, first, spaces)
            document.NS = root.Namespaces[0]
        nums: list[int | pikepdf.Object] = []
        dests: dict[str, pikepdf.Object] = {}
        outlines: list[pikepdf.Object] = []
        key = 0
        for source, part in zip(sources, parts, strict=True):
            first_page = len(out.pages)
            # page by page: the named destinations are joined below, from each part's
            # own ids only (add_pages_from would carry the placeholders too, and rename
            # the real destination that comes later)
            for page in part.pages:
                out.pages.append(page)
            key += join_structure(out, part, document, nums, first_page, key)
            names = part.Root.get("/Names", pikepdf.Dictionary()).get("/Dests")
            if names is not None:
                for named, dest in _pairs(_copy(out, part, names.Names)):
                    if str(named) in source.anchors:
                        dests[str(named)] = dest
            if "/Outlines" in part.Root:
                outlines.append(_copy(out, part, part.Root.Outlines))
        root.ParentTree = out.make_indirect(pikepdf.Dictionary(Nums=pikepdf.Array(nums)))
        root.ParentTreeNextKey = key
        out.Root.StructTreeRoot = root
        pdf_tags.unique_ids(root)  # each part numbered its unnamed elements from 1
        pdf_tags.write_id_tree(out, root)
        if dests:
            flat = pikepdf.Array()
            for name in sorted(dests, key=lambda n: n.encode("utf-8")):  # a name tree's order
                flat.append(pikepdf.String(name))
                flat.append(dests[name])
            out.Root.Names = pikepdf.Dictionary(Dests=pikepdf.Dictionary(Names=flat))
        _join_outlines(out, outlines)
        pdf_tags.open_outline(out)
        for name, value in first.Root.items():
            if name not in _BUILT:
                out.Root[name] = _copy(out, first, value) if isinstance(
                    value, pikepdf.Object) else value
        out.trailer.Info = _copy(out, first, first.trailer.Info)
        # the front part may be from an earlier build of the same pages: the book's time
        # is this build's, as WeasyPrint writes it from the HTML's dcterms dates
        stamp = pikepdf.String(meta.created.astimezone(UTC).strftime("D:%Y%m%d%H%M%SZ"))
        for date in ("/CreationDate", "/ModDate"):
            if date in out.trailer.Info:
                out.trailer.Info[date] = stamp
        unique_subset_names(out)
        pdf_tags.write_xmp(out, meta)
        # object streams, as WeasyPrint writes them: the tree's thousands of small
        # dictionaries would otherwise make the book three times its size
        out.save(target, compress_streams=True, deterministic_id=True,
                 min_version=first.pdf_version,
                 object_stream_mode=pikepdf.ObjectStreamMode.generate)
    finally:
        for part in parts:
            part.close()
