"""The PDF's structure, checked: the machine-checkable Matterhorn Protocol conditions that
apply to these books, read with pikepdf, and the PDF/UA-1 and (when claimed) PDF/A-3b rules
of `page`, a validator of the veraPDF kind from PyPI.

`page` checks each object against its profile; what it cannot see is whether the tree
reaches what the page shows, so that part is ours: every marked-content sequence tagged
(reached from the structure tree) or an artifact, link annotations owned by Link elements
with a description a person can read, notes as Note with an ID, headings in order.
"""

from __future__ import annotations

import hashlib
import re
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

import page as page_validator
import pikepdf

from editio.base.errors import CheckError

# Painting operators: content a reader sees, so it must be tagged or an artifact.
_PAINTS = {"Tj", "TJ", "'", '"', "Do", "f", "F", "f*", "S", "s", "B", "B*", "b", "b*",
           "sh", "EI"}
# A description that is an internal id (corr-12, app-46, fn3), not words.
_ID_LIKE = re.compile(r"^#?[A-Za-z]+[-_]?\d+$")
_STANDARD = {
    "Document", "Part", "Art", "Sect", "Div", "BlockQuote", "Caption", "TOC", "TOCI", "Index",
    "NonStruct", "Private", "P", "H", "H1", "H2", "H3", "H4", "H5", "H6", "L", "LI", "Lbl",
    "LBody", "Table", "TR", "TH", "TD", "THead", "TBody", "TFoot", "Span", "Quote", "Note",
    "Reference", "BibEntry", "Code", "Link", "Annot", "Ruby", "Warichu", "RB", "RT", "RP",
    "WT", "WP", "Figure", "Formula", "Form",
}


@dataclass(frozen=True)
class Finding:
    """One failed condition, with how often it occurs."""

    rule: str  # a Matterhorn failure condition ("01-005") or a validator's rule id
    message: str
    count: int = 1

    def __str__(self) -> str:
        times = f" ({self.count}x)" if self.count > 1 else ""
        return f"{self.rule}: {self.message}{times}"


@dataclass
class _Tree:
    """What the structure tree reaches."""

    mcids: set[tuple[tuple[int, int], int]]  # (page objgen, MCID)
    annotations: dict[tuple[int, int], str]  # annotation objgen -> its owner's type
    elements: list[pikepdf.Object]  # in reading order
    # what owns each: (page objgen, MCID) or annotation objgen -> the element's objgen
    mcid_owners: dict[tuple[tuple[int, int], int], tuple[int, int]] = field(default_factory=dict)
    annotation_owners: dict[tuple[int, int], tuple[int, int]] = field(default_factory=dict)


def _objgen(obj: pikepdf.Object) -> tuple[int, int]:
    return obj.objgen


def _walk_tree(root: pikepdf.Object) -> _Tree:
    tree = _Tree(set(), {}, [])
    seen: set[tuple[int, int]] = set()

    def visit(elem: pikepdf.Object, page: pikepdf.Object | None) -> None:
        if elem.is_indirect:
            if elem.objgen in seen:
                return
            seen.add(elem.objgen)
        tree.elements.append(elem)
        page = elem.get("/Pg", page)
        kids = elem.get("/K")
        if kids is None:
            return
        for kid in (kids if isinstance(kids, pikepdf.Array) else [kids]):
            if isinstance(kid, int):
                if page is not None:
                    tree.mcids.add((_objgen(page), int(kid)))
                    tree.mcid_owners[(_objgen(page), int(kid))] = _objgen(elem)
            elif isinstance(kid, pikepdf.Dictionary):
                kind = kid.get("/Type")
                if kind == "/MCR":
                    owner = kid.get("/Pg", page)
                    if owner is not None:
                        tree.mcids.add((_objgen(owner), int(kid.MCID)))
                        tree.mcid_owners[(_objgen(owner), int(kid.MCID))] = _objgen(elem)
                elif kind == "/OBJR":
                    tree.annotations[_objgen(kid.Obj)] = str(elem.get("/S", ""))[1:]
                    tree.annotation_owners[_objgen(kid.Obj)] = _objgen(elem)
                else:
                    visit(kid, page)

    kids = root.get("/K")
    for kid in (kids if isinstance(kids, pikepdf.Array) else [kids] if kids else []):
        visit(kid, None)
    return tree


def _marked_content(page: pikepdf.Page) -> tuple[set[int], int, int]:
    """The page's MCIDs, its painting operators outside any marked content, and those of
    tagged content inside an artifact (01-004) or an artifact inside tagged content (01-003)."""
    mcids: set[int] = set()
    stack: list[str] = []  # "artifact", "tagged" or "other"
    untagged = nested = 0
    for instruction in pikepdf.parse_content_stream(page):
        operands, op = instruction.operands, str(instruction.operator)
        if op in ("BDC", "BMC"):
            tag = str(operands[0])
            props = operands[1] if op == "BDC" and len(operands) > 1 else None
            if tag == "/Artifact":
                kind = "artifact"
            elif isinstance(props, pikepdf.Dictionary) and "/MCID" in props:
                kind = "tagged"
                mcids.add(int(props.MCID))
            else:
                kind = "other"
            if (kind == "artifact" and "tagged" in stack) or \
                    (kind == "tagged" and "artifact" in stack):
                nested += 1
            stack.append(kind)
        elif op == "EMC":
            if stack:
                stack.pop()
        elif op in _PAINTS and not ({"artifact", "tagged"} & set(stack)):
            untagged += 1
    return mcids, untagged, nested


def _fonts(page: pikepdf.Page) -> list[pikepdf.Object]:
    """The fonts of a page's resources (none if it has no /Resources or no /Font)."""
    resources = page.obj.get("/Resources")
    fonts = resources.get("/Font") if resources is not None else None
    return list(fonts.values()) if fonts else []


def _xmp_text(pdf: pikepdf.Pdf) -> str:
    meta = pdf.Root.get("/Metadata")
    if meta is None:
        return ""
    try:
        return meta.read_bytes().decode("utf-8", "replace")
    except pikepdf.PdfError:
        return ""


def _structure(pdf: pikepdf.Pdf) -> list[Finding]:
    root = pdf.Root.get("/StructTreeRoot")
    mark = pdf.Root.get("/MarkInfo")
    if root is None or mark is None or not bool(mark.get("/Marked", False)):
        return [Finding("01-005", "the document is not tagged (no structure tree or "
                                  "MarkInfo /Marked true)")]
    tree = _walk_tree(root)
    role_map = root.get("/RoleMap") or pikepdf.Dictionary()
    return (_root_findings(root) + _parent_tree_findings(pdf, root, tree)
            + _content_findings(pdf, tree) + _link_findings(pdf, tree)
            + _element_findings(tree, role_map) + _nesting_findings(root, role_map)
            + _header_findings(root, tree, role_map))


def _root_findings(root: pikepdf.Object) -> list[Finding]:
    """One Document element at the root of the tree (as PDF/UA-2 asks; a book joined from
    parts that kept each part's Document has several)."""
    k = root.get("/K")
    kids = list(k) if isinstance(k, pikepdf.Array) else [k] if k else []
    if len(kids) == 1 and str(kids[0].get("/S", "")) == "/Document":
        return []
    return [Finding("tree-root", f"the structure tree root holds {len(kids)} element(s) "
                                 "instead of one Document")]


def _number_tree(node: pikepdf.Object,
                 found: dict[int, object] | None = None) -> dict[int, object]:
    """A number tree's entries, flat or with /Kids."""
    found = {} if found is None else found
    nums = list(node.get("/Nums") or [])
    for key, value in zip(nums[::2], nums[1::2], strict=False):
        found[int(key)] = value
    for kid in node.get("/Kids") or []:
        _number_tree(kid, found)
    return found


def _parent_tree_findings(pdf: pikepdf.Pdf, root: pikepdf.Object,
                          tree: _Tree) -> list[Finding]:
    """ISO 32000 14.7.4.4: from a page's /StructParents and an annotation's /StructParent,
    the ParentTree leads back to the element that holds the content; each key is one
    page's or annotation's. (A book joined from parts whose keys were not moved on leads
    from one part's pages into another's elements.)"""
    parents = _number_tree(root.get("/ParentTree") or pikepdf.Dictionary())
    keys: Counter = Counter()
    wrong = missing = 0
    by_page: dict = {}
    for (pg, mcid), owner in tree.mcid_owners.items():
        by_page.setdefault(pg, {})[mcid] = owner
    for page in pdf.pages:
        owned = by_page.get(page.obj.objgen, {})
        key = page.obj.get("/StructParents")
        if key is None:
            missing += bool(owned)
            continue
        keys[int(key)] += 1
        entry = parents.get(int(key))
        table = list(entry) if isinstance(entry, pikepdf.Array) else []
        wrong += sum(1 for mcid, owner in owned.items()
                     if mcid >= len(table) or not isinstance(table[mcid], pikepdf.Dictionary)
                     or table[mcid].objgen != owner)
        for annot in page.obj.get("/Annots") or []:
            annot_owner = tree.annotation_owners.get(annot.objgen)
            if annot_owner is None:
                continue
            if "/StructParent" not in annot:
                missing += 1
                continue
            keys[int(annot.StructParent)] += 1
            value = parents.get(int(annot.StructParent))
            wrong += not (isinstance(value, pikepdf.Dictionary) and value.objgen == annot_owner)
    found = []
    if wrong:
        found.append(Finding("parent-tree", "the ParentTree leads marked content or an "
                                            "annotation to an element that does not hold it",
                             wrong))
    if missing:
        found.append(Finding("parent-tree", "tagged pages or annotations without "
                                            "/StructParents or /StructParent", missing))
    shared = sum(n - 1 for n in keys.values() if n > 1)
    if shared:
        found.append(Finding("parent-tree", "ParentTree keys shared by several pages or "
                                            "annotations", shared))
    return found


def _content_findings(pdf: pikepdf.Pdf, tree: _Tree) -> list[Finding]:
    """Every page's marked content: reached by the tree, or an artifact, never both."""
    found: list[Finding] = []
    unreached = untagged = nested = 0
    for page in pdf.pages:
        mcids, outside, inside = _marked_content(page)
        unreached += sum((page.obj.objgen, m) not in tree.mcids for m in mcids)
        untagged += outside
        nested += inside
    if unreached:
        found.append(Finding("01-005", "marked content the structure tree does not reach "
                                       "(neither tagged nor artifact)", unreached))
    if untagged:
        found.append(Finding("01-005", "painting operators outside any marked content "
                                       "(neither tagged nor artifact)", untagged))
    if nested:
        found.append(Finding("01-003", "artifact and tagged content nested in each other",
                             nested))
    return found


def _link_findings(pdf: pikepdf.Pdf, tree: _Tree) -> list[Finding]:
    """Link annotations: owned by a Link element, described in words."""
    found: list[Finding] = []
    unowned = not_link = no_contents = id_like = 0
    examples: list[str] = []
    for page in pdf.pages:
        for annot in page.obj.get("/Annots") or []:
            if annot.get("/Subtype") != "/Link":
                continue
            owner = tree.annotations.get(annot.objgen)
            if owner is None:
                unowned += 1
            elif owner != "Link":
                not_link += 1
            contents = str(annot.get("/Contents", "")).strip()
            if not contents:
                no_contents += 1
            elif _ID_LIKE.match(contents) or contents == str(annot.get("/Dest", "")):
                id_like += 1
                if len(examples) < 3:
                    examples.append(contents)
    if unowned:
        found.append(Finding("28-011", "link annotations not owned by any structure element",
                             unowned))
    if not_link:
        found.append(Finding("28-011", "link annotations owned by an element other than "
                                       "Link", not_link))
    if no_contents:
        found.append(Finding("28-004", "link annotations without a /Contents description",
                             no_contents))
    if id_like:
        found.append(Finding("28-004", "link descriptions that are internal ids, not words "
                                       f"(e.g. {', '.join(examples)})", id_like))
    return found


def _standard_type(elem: pikepdf.Object, role_map: pikepdf.Object) -> str:
    """The element's type, followed through the role map to a standard one where it leads."""
    s = str(elem.get("/S", ""))[1:]
    while s not in _STANDARD and f"/{s}" in role_map:
        s = str(role_map[f"/{s}"])[1:]
    return s


def _element_findings(tree: _Tree, role_map: pikepdf.Object) -> list[Finding]:
    """The elements themselves: standard types, headings in order, notes with unique IDs."""
    found: list[Finding] = []
    types: Counter[str] = Counter()
    headings: list[int] = []
    note_ids: Counter = Counter()
    for elem in tree.elements:
        s = _standard_type(elem, role_map)
        types[s] += 1
        if re.fullmatch(r"H[1-6]", s):
            headings.append(int(s[1]))
        if s == "Note":
            note_ids[bytes(elem.get("/ID", b""))] += 1
    unknown = sorted(t for t in types if t not in _STANDARD)
    if unknown:
        found.append(Finding("02-001", f"structure types not mapped to a standard type: "
                                       f"{', '.join(unknown)}", sum(types[t] for t in unknown)))
    if headings and headings[0] != 1:
        found.append(Finding("14-002", f"the first heading is H{headings[0]}, not H1"))
    skips = sum(1 for a, b in zip(headings, headings[1:], strict=False) if b > a + 1)
    if skips:
        found.append(Finding("14-003", "heading levels skipped", skips))
    if note_ids.get(b"", 0):
        found.append(Finding("19-003", "Note elements without an ID", note_ids[b""]))
    dupes = sum(n - 1 for key, n in note_ids.items() if key and n > 1)
    if dupes:
        found.append(Finding("19-004", "Note IDs not unique", dupes))
    return found


def _nesting_findings(root: pikepdf.Object, role_map: pikepdf.Object) -> list[Finding]:
    """A paragraph is one P, not a P in a P (an anonymous box of the same paragraph tagged
    again), and a Link holds no Link (every box inside a link given an annotation of its
    own): a screen reader announces each level."""
    p_in_p = link_in_link = 0
    seen: set = set()

    def visit(elem: pikepdf.Object, inside: frozenset[str]) -> None:
        nonlocal p_in_p, link_in_link
        if elem.is_indirect:
            if elem.objgen in seen:
                return
            seen.add(elem.objgen)
        s = _standard_type(elem, role_map)
        p_in_p += s == "P" and "P" in inside
        link_in_link += s == "Link" and "Link" in inside
        kids = elem.get("/K")
        for kid in (kids if isinstance(kids, pikepdf.Array) else [kids] if kids else []):
            if isinstance(kid, pikepdf.Dictionary) and kid.get("/Type") not in ("/MCR",
                                                                               "/OBJR"):
                visit(kid, inside | {s})

    kids = root.get("/K")
    for kid in (kids if isinstance(kids, pikepdf.Array) else [kids] if kids else []):
        visit(kid, frozenset())
    found = []
    if p_in_p:
        found.append(Finding("nesting", "P elements inside a P", p_in_p))
    if link_in_link:
        found.append(Finding("nesting", "Link elements inside a Link", link_in_link))
    return found


def _name_tree(node: pikepdf.Object,
               found: dict[bytes, object] | None = None) -> dict[bytes, object]:
    """A name tree's entries, flat or with /Kids."""
    found = {} if found is None else found
    names = list(node.get("/Names") or [])
    for key, value in zip(names[::2], names[1::2], strict=False):
        found[bytes(key)] = value
    for kid in node.get("/Kids") or []:
        _name_tree(kid, found)
    return found


def _header_findings(root: pikepdf.Object, tree: _Tree,
                     role_map: pikepdf.Object) -> list[Finding]:
    """Table cells' /Headers name header cells that the IDTree leads to (ISO 32000
    14.8.5.7: the IDs are looked up there), and each TH says what it heads (/Scope) or is
    named by the cells it heads."""
    ids = _name_tree(root.get("/IDTree") or pikepdf.Dictionary())
    unresolved = unscoped = 0
    for elem in tree.elements:
        s = _standard_type(elem, role_map)
        if s not in ("TD", "TH"):
            continue
        given = elem.get("/A")
        attrs = [a for a in (list(given) if isinstance(given, pikepdf.Array)
                             else [given] if given else [])
                 if isinstance(a, pikepdf.Dictionary)]
        for header in (h for a in attrs for h in a.get("/Headers") or []):
            target = ids.get(bytes(header))
            unresolved += not (isinstance(target, pikepdf.Dictionary)
                               and _standard_type(target, role_map) == "TH")
        unscoped += s == "TH" and not any("/Scope" in a for a in attrs)
    found = []
    if unresolved:
        found.append(Finding("id-tree", "table cells' /Headers that no IDTree entry leads to "
                                        "a header cell", unresolved))
    if unscoped:
        found.append(Finding("table-headers", "header cells (TH) without /Scope", unscoped))
    return found


def _document(pdf: pikepdf.Pdf) -> list[Finding]:
    found: list[Finding] = []
    xmp = _xmp_text(pdf)
    if not xmp:
        found.append(Finding("06-001", "no XMP metadata stream in the catalog"))
    elif "dc:title" not in xmp:
        found.append(Finding("06-003", "the XMP metadata has no dc:title"))
    prefs = pdf.Root.get("/ViewerPreferences") or pikepdf.Dictionary()
    if not bool(prefs.get("/DisplayDocTitle", False)):
        found.append(Finding("07-001", "ViewerPreferences /DisplayDocTitle is not true"))
    outline = pdf.Root.get("/Outlines")
    if outline is not None and "/First" in outline and \
            pdf.Root.get("/PageMode") != "/UseOutlines":
        found.append(Finding("page-mode", "the book has bookmarks but does not open with "
                                          "them shown (/PageMode /UseOutlines)"))
    if not str(pdf.Root.get("/Lang", "")).strip():
        found.append(Finding("11-001", "the catalog has no /Lang"))
    unembedded, no_unicode = set(), set()
    for page in pdf.pages:
        for font in _fonts(page):
            name = str(font.get("/BaseFont", "?"))
            descendants = font.get("/DescendantFonts")
            descriptor: pikepdf.Object | None = (
                descendants[0] if descendants else font).get("/FontDescriptor")
            if font.get("/Subtype") != "/Type3" and (descriptor is None or not any(
                    k in descriptor for k in ("/FontFile", "/FontFile2", "/FontFile3"))):
                unembedded.add(name)
            if "/ToUnicode" not in font:
                no_unicode.add(name)
    found += _font_name_findings(pdf)
    if unembedded:
        found.append(Finding("31-001", f"fonts not embedded: {', '.join(sorted(unembedded))}",
                             len(unembedded)))
    if no_unicode:
        found.append(Finding("10-001", f"fonts without a ToUnicode map: "
                                       f"{', '.join(sorted(no_unicode))}", len(no_unicode)))
    return found


def _font_name_findings(pdf: pikepdf.Pdf) -> list[Finding]:
    """One font name, one font program: a book joined from parts laid out alone can give
    one subset name ("HBJCDR+EB-Garamond-Italic") to several different subsets, and a RIP
    or an imposition tool that finds fonts by name then sets one part's glyphs from
    another's (prepress checks refuse such a file)."""
    programs: dict[str, set[bytes]] = {}
    seen: set = set()
    for page in pdf.pages:
        for font in _fonts(page):
            if font.objgen in seen:
                continue
            seen.add(font.objgen)
            described = font.DescendantFonts[0] if "/DescendantFonts" in font else font
            descriptor = described.get("/FontDescriptor") or pikepdf.Dictionary()
            program = next((descriptor[k] for k in ("/FontFile", "/FontFile2", "/FontFile3")
                            if k in descriptor), None)
            if program is not None:
                programs.setdefault(str(font.get("/BaseFont", "?"))[1:], set()).add(
                    hashlib.sha256(program.read_bytes()).digest())
    shared = sorted(name for name, found in programs.items() if len(found) > 1)
    if not shared:
        return []
    return [Finding("font-names", "one font name for different embedded font programs: "
                    + ", ".join(f"{n} ({len(programs[n])} programs)" for n in shared),
                    len(shared))]


def claims(pdf: pikepdf.Pdf) -> set[str]:
    """The conformances the XMP claims: "pdf/ua-1", "pdf/a-3b", ..."""
    xmp = _xmp_text(pdf)
    out = set()
    ua = re.search(r"pdfuaid:part\W{0,3}(\d)", xmp)
    if ua:
        out.add(f"pdf/ua-{ua[1]}")
    part = re.search(r"pdfaid:part\W{0,3}(\d)", xmp)
    level = re.search(r"pdfaid:conformance\W{0,3}([ABUabu])", xmp)
    if part:
        out.add(f"pdf/a-{part[1]}{level[1].lower() if level else ''}")
    return out


def _validator(path: Path, claimed: set[str]) -> list[Finding]:
    """`page`'s rules: PDF/UA-1 always (its identification only when claimed), PDF/A-3b
    when claimed."""
    profiles = ["ua1"] + (["3b"] if "pdf/a-3b" in claimed else [])
    found: list[Finding] = []
    for profile in profiles:
        report = page_validator.validate_pdf(str(path), profile=profile)
        for failure in report.failures:
            if profile == "ua1" and "pdf/ua-1" not in claimed and \
                    failure.rule_id.startswith("PDFUA1-ID-"):
                continue  # it does not claim PDF/UA: nothing to identify
            found.append(Finding(failure.rule_id, failure.message))
    return found


def check_pdf(path: Path) -> list[Finding]:
    """Every finding for the PDF at `path`; an empty list is a pass."""
    with pikepdf.open(path) as pdf:
        claimed = claims(pdf)
        found = _document(pdf) + _structure(pdf)
    return found + _validator(path, claimed)


def require_clean(path: Path) -> None:
    found = check_pdf(path)
    if found:
        raise CheckError(f"{len(found)} PDF structure finding(s):\n  "
                         + "\n  ".join(str(f) for f in found), path=path)


def main(argv: list[str] | None = None) -> int:
    """python -m editio.judges.pdfcheck FILE...: the findings, one a line; exit 1 if any."""
    import sys

    bad = 0
    for name in (argv if argv is not None else sys.argv[1:]):
        found = check_pdf(Path(name))
        print(f"{name}: {len(found)} finding(s)")
        for finding in found:
            print(f"  {finding}")
        bad += bool(found)
    return 1 if bad else 0


if __name__ == "__main__":
    raise SystemExit(main())
