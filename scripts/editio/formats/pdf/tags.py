"""The PDF's structure tree made complete: WeasyPrint's own tagging, and what it leaves out.

Two steps, both usable on any PDF WeasyPrint writes (a volume's too):

- `tagging()`, around WeasyPrint's `write_pdf`: each structure element WeasyPrint makes gets
  the ID of the HTML element (or pseudo-element) it comes from, so that what a page end cut
  in two can be joined; footnotes become `Note` (their number a `Lbl`, their call a
  `Reference`); every link annotation is owned by a `Link` element and described by its
  link's title (or its text), not by its target id; margin numbers leave the tree.
- `finish()`, a pikepdf pass over the written file: elements cut at a page end are joined
  (WeasyPrint builds the tree page by page), marked content the tree does not reach (running
  heads and folios in page-margin boxes, the margin numbers) becomes a pagination artifact,
  and the XMP metadata is written.
"""

from __future__ import annotations

import re
import uuid
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from xml.etree.ElementTree import Element

import pikepdf
import pydyf
from weasyprint.formatting_structure.boxes import Box
from weasyprint.layout.absolute import AbsolutePlaceholder
from weasyprint.pdf import tags as weasy_tags

from editio import __version__

# Numbers in the margin (paragraphs, the original's pages) and the break marker: they help
# a reader of the page find a place; read aloud or copied, they would cut the sentence.
MARGIN_CLASSES = frozenset({"pnum", "pb"})
_ROLES = {"span::footnote-call": "Reference", "span::footnote-marker": "Lbl"}

# WeasyPrint and pydyf ship no type hints (mypy sees their classes as Any); named here all
# the same. An annotation is (the structure element or page that owns it, the annotation).
Annotations = list[tuple[bytes, pydyf.Dictionary]]
BuildBoxTree = Callable[..., Iterable[pydyf.Dictionary]]  # weasy_tags._build_box_tree
Moved = dict[tuple[int, int], pikepdf.Object]  # a joined element's objgen -> where it went
Reached = set[tuple[tuple[int, int], int]]  # (page objgen, MCID) the tree reaches


def _classes(element: Element | None) -> set[str]:
    return set((element.get("class") or "").split()) if element is not None else set()


def _text(element: Element) -> str:
    return " ".join("".join(element.itertext()).split())


def _box_text(box: Box) -> str:
    """The text a box shows (a pseudo-element's generated number, say)."""
    if hasattr(box, "text"):
        return box.text
    return "".join(_box_text(child) for child in getattr(box, "children", ()))


class _Tagger:
    """What the wrapped `_build_box_tree` adds to each element WeasyPrint makes."""

    def __init__(self, original: BuildBoxTree) -> None:
        self.original = original
        self.ids: dict[tuple[int, str], str] = {}

    def element_id(self, box: Box) -> str:
        key = (id(box.element), box.element_tag)
        if key not in self.ids:
            own = box.element.get("id")
            base = own or f"e{len(self.ids) + 1}"
            pseudo = box.element_tag.partition("::")[2]
            self.ids[key] = f"{base}::{pseudo}" if pseudo else base
        return self.ids[key]

    def build(self, box: Box, parent: pydyf.Dictionary, pdf: pydyf.PDF, page_number: int,
              nums: dict[int, object], annotations: Annotations,
              tags: dict[object, object]) -> Iterator[pydyf.Dictionary]:
        real = box._box if isinstance(box, AbsolutePlaceholder) else box
        made = list(self.original(box, parent, pdf, page_number, nums, annotations, tags))
        if real.element is None or real.element_tag in ("html", "body"):
            yield from made
            return
        if _classes(real.element) & MARGIN_CLASSES and "::" not in real.element_tag:
            return  # out of the tree: finish() makes its content an artifact
        for element in made:
            self.describe(element, real, pdf, annotations)
            yield element

    def describe(self, element: pydyf.Dictionary, box: Box, pdf: pydyf.PDF,
                 annotations: Annotations) -> None:
        element["ID"] = pydyf.String(self.element_id(box))
        if box.element_tag == "th" and isinstance(element.get("A"), pydyf.Dictionary):
            # what the header heads, said on the header itself (PDF/UA-1 7.5): its cells'
            # /Headers name it too, through the IDTree finish() writes
            element["A"]["Scope"] = "/Row" if box.element.get("scope") == "row" \
                else "/Column"
        role = _ROLES.get(box.element_tag)
        if role:
            element["S"] = f"/{role}"
        elif box.element_tag == "span" and "footnote" in _classes(box.element):
            element["S"] = "/Note"
        annotation = box.link_annotation
        if annotation is None:
            if element["S"] == "/Link":
                # an <a>'s ::before or ::after, or a box inside the link: the link's words,
                # whose one annotation the enclosing Link owns (not a Link in a Link)
                element["S"] = "/Span"
            return
        html = box.element
        annotation["Contents"] = pydyf.String(
            html.get("title") or (f"Note {_box_text(box).strip()}" if role == "Reference" else "")
            or _text(html) or "link")
        if element["S"] == "/Link":
            return
        # the annotation's owner must be a Link: move its object reference into one
        link = pydyf.Dictionary({"Type": "/StructElem", "S": "/Link", "K": pydyf.Array(),
                                 "P": element.reference, "Pg": element["Pg"]})
        pdf.add_object(link)
        objrs = [i for i, (ref, annot) in enumerate(annotations)
                 if annot is annotation and ref == element.reference]
        for i in objrs:
            annotations[i] = (link.reference, annotation)
        for i, kid in enumerate(list(element["K"])):
            if _is_objr_of(pdf, kid, annotation):
                link["K"].append(kid)
                element["K"][i] = link.reference


def _is_objr_of(pdf: pydyf.PDF, kid: object, annotation: pydyf.Dictionary) -> bool:
    """Whether `kid` (a reference, b"12 0 R", in a K array) is the OBJR of `annotation`."""
    if not isinstance(kid, bytes):
        return False
    obj = pdf.objects[int(kid.split()[0])]
    return isinstance(obj, pydyf.Dictionary) and obj.get("Type") == "/OBJR" and \
        obj.get("Obj") == annotation.reference


@contextmanager
def tagging() -> Iterator[None]:
    """WeasyPrint's tagging, with the additions above, while the block writes a PDF.

    WeasyPrint 70 builds the tree in `weasyprint.pdf.tags._build_box_tree`, recursively
    through the module's name, so wrapping that name reaches every element. One PDF is
    written at a time in a process (cli.py's builds), so swapping it is safe.
    """
    original = weasy_tags._build_box_tree
    tagger = _Tagger(original)
    weasy_tags._build_box_tree = tagger.build
    try:
        yield
    finally:
        weasy_tags._build_box_tree = original


@dataclass(frozen=True)
class Metadata:
    """What the XMP says about the book."""

    title: str
    creator: str
    lang: str
    subject: str
    created: datetime
    producer: str = f"editio {__version__} (WeasyPrint, pikepdf)"


def _kids(elem: pikepdf.Object) -> list[pikepdf.Object]:
    kids = elem.get("/K")
    if kids is None:
        return []
    return list(kids) if isinstance(kids, pikepdf.Array) else [kids]


def _is_elem(obj: object) -> bool:
    return isinstance(obj, pikepdf.Dictionary) and obj.get("/Type") in (None, "/StructElem") \
        and "/S" in obj


_REPEATED = ("/THead", "/TFoot")


def _header_ids(elem: pikepdf.Object) -> list[bytes]:
    """The IDs of the TH cells below `elem`, in order."""
    out = []
    for kid in _kids(elem):
        if _is_elem(kid):
            if kid.get("/S") == "/TH" and "/ID" in kid:
                out.append(bytes(kid.ID))
            out += _header_ids(kid)
    return out


def _point_headers(elem: pikepdf.Object, old: list[bytes], new: list[bytes]) -> None:
    """TD cells' /Headers that name `old` IDs name the `new` ones, position by position."""
    mapping = dict(zip(old, new, strict=False))
    for kid in _kids(elem):
        if not _is_elem(kid):
            continue
        attrs = kid.get("/A")
        for a in (attrs if isinstance(attrs, pikepdf.Array) else [attrs] if attrs else []):
            if isinstance(a, pikepdf.Dictionary) and "/Headers" in a:
                a.Headers = pikepdf.Array([pikepdf.String(mapping.get(bytes(h), bytes(h)))
                                           for h in a.Headers])
        _point_headers(kid, old, new)


def _join_split_elements(elem: pikepdf.Object, moved: Moved) -> None:
    """Join adjacent kids that are one HTML element cut at a page end (same /S and /ID)."""
    kids = _kids(elem)
    if not kids:
        return
    out: list = []
    for kid in kids:
        prev = out[-1] if out else None
        if _is_elem(kid) and prev is not None and _is_elem(prev) and \
                "/ID" in kid and kid.get("/ID") == prev.get("/ID") and \
                kid.get("/S") == prev.get("/S"):
            page = kid.get("/Pg")
            repeated = {(str(k.S), bytes(k.ID)) for k in _kids(prev)
                        if _is_elem(k) and k.get("/S") in _REPEATED and "/ID" in k}
            for sub in _kids(kid):
                if _is_elem(sub) and (str(sub.get("/S")), bytes(sub.get("/ID", b""))) \
                        in repeated:
                    # a table's header repeated on the next page: an artifact, and the
                    # cells below it point at the first page's header cells instead
                    _point_headers(kid, _header_ids(sub), _header_ids(next(
                        k for k in _kids(prev) if _is_elem(k) and k.get("/ID") == sub.ID)))
                    continue
                if isinstance(sub, int):  # an MCID on the second part's page
                    sub = pikepdf.Dictionary(Type=pikepdf.Name.MCR, MCID=sub, Pg=page)
                elif _is_elem(sub):
                    sub.P = prev
                prev_kids = _kids(prev)
                prev_kids.append(sub)
                prev.K = pikepdf.Array(prev_kids)
            moved[kid.objgen] = prev
            continue
        out.append(kid)
    if len(out) != len(kids):
        elem.K = pikepdf.Array(out)
    for kid in out:
        if _is_elem(kid):
            _join_split_elements(kid, moved)


def _unwrap_anonymous(elem: pikepdf.Object, moved: Moved) -> None:
    """An element inside one of its own type and ID is an anonymous box of the same HTML
    element (WeasyPrint wraps a paragraph's lines in one when the paragraph also holds a
    block, such as its absolutely placed margin number): its kids go to the outer one, so a
    paragraph is one P, not a P in a P."""
    out: list = []
    changed = False
    for kid in _kids(elem):
        if _is_elem(kid) and "/ID" in kid and kid.get("/ID") == elem.get("/ID") and \
                kid.get("/S") == elem.get("/S"):
            changed = True
            _unwrap_anonymous(kid, moved)
            page = kid.get("/Pg")
            for sub in _kids(kid):
                if isinstance(sub, int) and page is not None:  # its MCIDs keep their page
                    sub = pikepdf.Dictionary(Type=pikepdf.Name.MCR, MCID=sub, Pg=page)
                elif _is_elem(sub):
                    sub.P = elem
                out.append(sub)
            moved[kid.objgen] = elem
        else:
            out.append(kid)
    if changed:
        elem.K = pikepdf.Array(out)
    for kid in out:
        if _is_elem(kid):
            _unwrap_anonymous(kid, moved)


def _place_notes(root: pikepdf.Object) -> int:
    """Each Note follows its call (a Reference with the note's ID and ::footnote-call), as
    the text reads it, instead of standing in the page's footnote area between the two
    parts of a section; footnote areas left empty go."""
    calls: dict[bytes, tuple[pikepdf.Object, pikepdf.Object]] = {}  # id -> (parent, call)
    notes: list[tuple[pikepdf.Object, pikepdf.Object, bytes]] = []  # (area, note, id)

    def visit(elem: pikepdf.Object) -> None:
        for kid in _kids(elem):
            if not _is_elem(kid):
                continue
            s, ident = kid.get("/S"), bytes(kid.get("/ID", b""))
            if s == "/Reference" and ident.endswith(b"::footnote-call"):
                calls[ident.removesuffix(b"::footnote-call")] = (elem, kid)
            elif s == "/Note":
                notes.append((elem, kid, ident))
            visit(kid)

    visit(root)
    placed = 0
    for area, note, ident in notes:
        if ident not in calls:
            continue
        parent, call = calls[ident]
        area.K = pikepdf.Array([k for k in _kids(area) if not (_is_elem(k) and
                                                              k.objgen == note.objgen)])
        kids = _kids(parent)
        at = next(i for i, k in enumerate(kids) if _is_elem(k) and k.objgen == call.objgen)
        kids.insert(at + 1, note)
        parent.K = pikepdf.Array(kids)
        note.P = parent
        placed += 1
    _drop_empty(root)
    return placed


def _drop_empty(elem: pikepdf.Object) -> None:
    kids = _kids(elem)
    kept = [k for k in kids if not (_is_elem(k) and k.get("/S") == "/NonStruct"
                                    and not _kids(k))]
    for kid in kept:
        if _is_elem(kid):
            _drop_empty(kid)
    if len(kept) != len(kids):
        elem.K = pikepdf.Array(kept)


def _reached(root: pikepdf.Object) -> Reached:
    found: Reached = set()

    def visit(elem: pikepdf.Object, page: pikepdf.Object | None) -> None:
        page = elem.get("/Pg", page)
        for kid in _kids(elem):
            if isinstance(kid, int):
                assert page is not None, "a marked-content id on no page"  # PDF 14.7.5.1
                found.add((page.objgen, int(kid)))
            elif isinstance(kid, pikepdf.Dictionary):
                if kid.get("/Type") == "/MCR":
                    on = kid.get("/Pg", page)
                    assert on is not None, "a marked-content reference on no page"
                    found.add((on.objgen, int(kid.MCID)))
                elif _is_elem(kid):
                    visit(kid, page)

    for kid in _kids(root):
        if _is_elem(kid):
            visit(kid, None)
    return found


def _artifact_unreached(pdf: pikepdf.Pdf, reached: Reached) -> int:
    """Marked content the tree does not reach becomes a pagination artifact."""
    changed = 0
    bdc = pikepdf.Operator("BDC")  # compared as it is, not as str(): a tenth of a second
    for page in pdf.pages:
        key = page.obj.objgen
        out = []
        dirty = False
        for instruction in pikepdf.parse_content_stream(page):
            operands, operator = instruction.operands, instruction.operator
            if operator == bdc and len(operands) == 2 and \
                    isinstance(operands[1], pikepdf.Dictionary) and "/MCID" in operands[1] and \
                    (key, int(operands[1].MCID)) not in reached:
                out.append(pikepdf.ContentStreamInstruction(
                    [pikepdf.Name.Artifact, pikepdf.Dictionary(Type=pikepdf.Name.Pagination)],
                    operator))
                dirty = True
                changed += 1
                continue
            # every instruction made anew, as before: unparsed, its numbers are written
            # the same way ("480", not the "480." WeasyPrint wrote), so the PDF is unchanged
            out.append(pikepdf.ContentStreamInstruction(operands, operator))
        if dirty:
            page.obj.Contents = pdf.make_stream(pikepdf.unparse_content_stream(out))
    return changed


def page_fonts(page: pikepdf.Page) -> list[pikepdf.Object]:
    """The fonts of a page's resources (none if it has no /Resources or no /Font)."""
    resources = page.obj.get("/Resources")
    fonts = resources.get("/Font") if resources else None
    return list(fonts.values()) if fonts else []


def _rebuild_parent_tree(pdf: pikepdf.Pdf, root: pikepdf.Object, moved: Moved,
                         reached: Reached) -> None:
    """The ParentTree points at the joined elements, and only at what the tree reaches."""
    def target(objgen: tuple[int, int], elem: pikepdf.Object) -> pikepdf.Object:
        while objgen in moved:  # joined, then unwrapped: follow the moves to the end
            elem = moved[objgen]
            objgen = elem.objgen
        return elem

    nums = list(root.ParentTree.Nums)
    for i in range(0, len(nums), 2):
        key, value = int(nums[i]), nums[i + 1]
        if isinstance(value, pikepdf.Array):  # a page's MCIDs, by MCID
            page = pdf.pages[key].obj if key < len(pdf.pages) else None
            nums[i + 1] = pikepdf.Array([
                target(elem.objgen, elem) if page is not None and
                (page.objgen, mcid) in reached and isinstance(elem, pikepdf.Dictionary)
                else None  # an artifact now: no parent
                for mcid, elem in enumerate(value)])
        elif isinstance(value, pikepdf.Dictionary):
            nums[i + 1] = target(value.objgen, value)
    root.ParentTree.Nums = pikepdf.Array(nums)


def unique_ids(root: pikepdf.Object) -> None:
    """Each element's ID unique in the file (a volume's parts each numbered theirs from 1);
    a table's cells keep naming their header cells in /Headers when these are renamed."""
    seen: dict[bytes, int] = {}

    def visit(elem: pikepdf.Object, renamed: dict[bytes, bytes] | None) -> None:
        if elem.get("/S") == "/Table":
            renamed = {}
        if "/ID" in elem:
            key = bytes(elem.ID)
            seen[key] = seen.get(key, 0) + 1
            if seen[key] > 1:
                new = key + f"~{seen[key]}".encode()
                elem.ID = pikepdf.String(new)
                if renamed is not None:
                    renamed[key] = new
        for kid in _kids(elem):
            if _is_elem(kid):
                visit(kid, renamed)
        if elem.get("/S") == "/Table" and renamed:
            _point_headers(elem, list(renamed), list(renamed.values()))

    for kid in _kids(root):
        if _is_elem(kid):
            visit(kid, None)


def write_id_tree(pdf: pikepdf.Pdf, root: pikepdf.Object) -> int:
    """The structure tree's IDTree (ISO 32000 14.7.2): every element's ID leads to it, so a
    table cell's /Headers find their header cells. One flat name tree, sorted by bytes."""
    found: dict[bytes, pikepdf.Object] = {}

    def visit(elem: pikepdf.Object) -> None:
        if "/ID" in elem and elem.is_indirect:
            found.setdefault(bytes(elem.ID), elem)
        for kid in _kids(elem):
            if _is_elem(kid):
                visit(kid)

    for kid in _kids(root):
        if _is_elem(kid):
            visit(kid)
    names = pikepdf.Array()
    for key in sorted(found):
        names.append(pikepdf.String(key))
        names.append(found[key])
    root.IDTree = pdf.make_indirect(pikepdf.Dictionary(Names=names))
    return len(found)


def open_outline(pdf: pikepdf.Pdf) -> None:
    """A book with bookmarks opens with the outline pane shown (its contents at a glance)."""
    if "/Outlines" in pdf.Root and "/First" in pdf.Root.Outlines:
        pdf.Root.PageMode = pikepdf.Name.UseOutlines


def write_xmp(pdf: pikepdf.Pdf, meta: Metadata) -> None:
    stamp = meta.created.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")
    with pdf.open_metadata(set_pikepdf_as_editor=False, update_docinfo=False) as xmp:
        xmp["dc:title"] = meta.title
        xmp["dc:creator"] = [meta.creator]
        xmp["dc:language"] = [meta.lang]
        xmp["dc:description"] = meta.subject
        xmp["xmp:CreateDate"] = stamp
        xmp["xmp:ModifyDate"] = stamp
        xmp["xmp:MetadataDate"] = stamp
        xmp["xmp:CreatorTool"] = f"editio {__version__}"
        xmp["pdf:Producer"] = meta.producer
        if xmp.get("xmpMM:DocumentID"):
            # PDF/X-4's document id, which WeasyPrint draws at random: from the book and its
            # build time instead, so a rebuild of the same book is the same file
            xmp["xmpMM:DocumentID"] = "uuid:" + str(uuid.uuid5(
                uuid.NAMESPACE_URL, f"editio:{meta.title}:{stamp}"))
    # PDF/A: the metadata stream is not compressed, and the Info dictionary agrees with it
    pdf.Root.Metadata.Type = pikepdf.Name.Metadata
    pdf.Root.Metadata.Subtype = pikepdf.Name.XML
    pdf.docinfo["/Producer"] = meta.producer


_HYPHEN_TARGET = re.compile(rb"(<[0-9A-Fa-f]+>\s*)<2010>")


def _soften_hyphens(pdf: pikepdf.Pdf) -> int:
    """Line-end hyphens read as soft hyphens (U+00AD), which text extraction drops.

    WeasyPrint sets the hyphenation hyphen as U+2010, and each font's ToUnicode map gives
    that glyph back as U+2010: copied or read aloud, "cer- tainly" keeps its hyphen. Only
    for a document whose own text has no U+2010, so every one of these glyphs is a
    hyphenation's; the glyph printed is the same.
    """
    changed = 0
    seen: set = set()
    for page in pdf.pages:
        for font in page_fonts(page):
            cmap = font.get("/ToUnicode")
            if cmap is None or cmap.objgen in seen:
                continue
            seen.add(cmap.objgen)
            data, n = _HYPHEN_TARGET.subn(rb"\1<00AD>", cmap.read_bytes())
            if n:
                cmap.write(data)
                changed += n
    return changed


def finish(path: Path, meta: Metadata, soft_hyphens: bool = False) -> None:
    """The pikepdf pass over a PDF WeasyPrint wrote with `tagging()`, in place;
    `soft_hyphens` when the document's text has no U+2010 of its own."""
    with pikepdf.open(path, allow_overwriting_input=True) as pdf:
        if soft_hyphens:
            _soften_hyphens(pdf)
        root = pdf.Root.get("/StructTreeRoot")
        if root is not None:
            _place_notes(root)
            moved: dict = {}
            for kid in _kids(root):
                if _is_elem(kid):
                    _join_split_elements(kid, moved)
                    _unwrap_anonymous(kid, moved)
            reached = _reached(root)
            _artifact_unreached(pdf, reached)
            _rebuild_parent_tree(pdf, root, moved, reached)
            unique_ids(root)
            write_id_tree(pdf, root)
        open_outline(pdf)
        write_xmp(pdf, meta)
        pdf.save(path, compress_streams=True, object_stream_mode=pikepdf.ObjectStreamMode.preserve,
                 deterministic_id=True)  # /ID from the content, so rebuilds are identical

