"""pdf_merge.py: parts joined into one book keep one structure tree, their links and
bookmarks; a merge that does not move the parts' ParentTree keys on fails pdfcheck."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

import pikepdf
from weasyprint import HTML

from editio.formats.pdf import merge as pdf_merge
from editio.formats.pdf import tags as pdf_tags
from editio.judges.pdfcheck import check_pdf

META = pdf_tags.Metadata("Two Parts", "An Editor", "en-GB", "A test",
                         datetime(2026, 1, 1, tzinfo=UTC))
PART = """<!DOCTYPE html><html lang="en-GB"><head><title>Two Parts</title><style>
@page {{ size: 100mm 80mm; margin: 15mm; @bottom-center {{ content: counter(page) }} }}
body {{ font-family: serif; font-size: 10pt; }}
h1 {{ bookmark-level: 1; }} h2 {{ bookmark-level: 2; }}
</style></head><body><section id="{name}"><h1>Part {name}</h1>
<p>Go to <a href="#{other}" title="the other part">the other part</a>.</p>
<h2 id="{name}-more">More</h2><p>{words}</p></section></body></html>"""


def _part(folder: Path, name: str, other: str) -> pdf_merge.Source:
    """A part as pdf_parts writes it: tagged, finished, its link to the other part kept by
    a placeholder anchor on its first page."""
    html = PART.format(name=name, other=other, words="and so on, " * 150)
    document = HTML(string=html).render(pdf_tags=True)
    own = {n for page in document.pages for n in page.anchors}
    document.pages[0].anchors[other] = (0, 0, 0, 0)
    path = folder / f"{name}.pdf"
    with pdf_tags.tagging():
        document.write_pdf(path, pdf_tags=True)
    pdf_tags.finish(path, META)
    return pdf_merge.Source(path, own)


def _parts(tmp_path: Path) -> list[pdf_merge.Source]:
    return [_part(tmp_path, "one", "two"), _part(tmp_path, "two", "one")]


def test_the_merged_book_has_one_tree_and_working_links(tmp_path: Path):
    sources = _parts(tmp_path)
    book = tmp_path / "book.pdf"
    pdf_merge.merge(sources, book, META)
    assert check_pdf(book) == []
    with pikepdf.open(book) as pdf, pikepdf.open(sources[0].path) as first:
        index = {p.obj.objgen: i for i, p in enumerate(pdf.pages)}
        split = len(first.pages)
        assert len(pdf.pages) > split >= 2
        root = pdf.Root.StructTreeRoot
        assert len(root.K) == 1 and root.K[0].S == "/Document"
        keys = [int(p.obj.StructParents) for p in pdf.pages]
        keys += [int(a.StructParent) for p in pdf.pages for a in p.obj.get("/Annots", [])]
        assert len(keys) == len(set(keys)) and int(root.ParentTreeNextKey) == max(keys) + 1
        names = list(pdf.Root.Names.Dests.Names)
        dests = {str(n): index[d[0].objgen] for n, d in zip(names[::2], names[1::2],
                                                             strict=True)}
        # each part's link to the other lands on the other's first page, not on the
        # placeholder the linking part held
        assert dests["two"] == split and dests["one"] == 0
        links = [(i, str(a.Dest)) for i, p in enumerate(pdf.pages)
                 for a in p.obj.get("/Annots", [])]
        assert links == [(0, "two"), (split, "one")]
        with pdf.open_outline() as outline:
            tops = [(item.title, [c.title for c in item.children])
                    for item in outline.root]
        assert tops == [("Part one", ["More"]), ("Part two", ["More"])]
        assert index[pdf.Root.Outlines.Last.Dest[0].objgen] == split
        assert str(pdf.Root.Lang) == "en-GB" and bool(pdf.Root.MarkInfo.Marked)
        assert "Two Parts" in pdf.Root.Metadata.read_bytes().decode()


def test_a_merge_that_keeps_each_parts_keys_fails_the_check(tmp_path: Path, monkeypatch):
    """The judge, proved: a merge that does not move the second part's /StructParents on
    leads its pages into the first part's elements."""
    real = pdf_merge.join_structure
    monkeypatch.setattr(pdf_merge, "join_structure",
                        lambda out, part, doc, nums, first, _offset:
                        real(out, part, doc, nums, first, 0))
    book = tmp_path / "bad.pdf"
    pdf_merge.merge(_parts(tmp_path), book, META)
    assert "parent-tree" in {f.rule for f in check_pdf(book)}


def test_a_merge_with_a_document_per_part_fails_the_check(tmp_path: Path):
    book = tmp_path / "book.pdf"
    pdf_merge.merge(_parts(tmp_path), book, META)
    with pikepdf.open(book, allow_overwriting_input=True) as pdf:
        root = pdf.Root.StructTreeRoot
        document = root.K[0]
        kids = list(document.K)
        second = pdf.make_indirect(pikepdf.Dictionary(
            Type=pikepdf.Name.StructElem, S=pikepdf.Name.Document, P=root,
            K=pikepdf.Array(kids[len(kids) // 2:])))
        for kid in kids[len(kids) // 2:]:
            kid.P = second
        document.K = pikepdf.Array(kids[:len(kids) // 2])
        root.K = pikepdf.Array([document, second])
        pdf.save(book)
    assert "tree-root" in {f.rule for f in check_pdf(book)}


def _fonts(path: Path) -> dict[str, set[bytes]]:
    """Each embedded font's name and the programs under it."""
    import hashlib

    found: dict[str, set[bytes]] = {}
    with pikepdf.open(path) as pdf:
        for page in pdf.pages:
            for font in page.obj.Resources.Font.values():
                descriptor = font.DescendantFonts[0].FontDescriptor
                program = next(descriptor[k] for k in ("/FontFile", "/FontFile2",
                                                       "/FontFile3") if k in descriptor)
                found.setdefault(str(font.BaseFont), set()).add(
                    hashlib.sha256(program.read_bytes()).digest())
    return found


def test_each_subset_font_in_the_book_has_a_name_of_its_own(tmp_path: Path):
    """Each part names its subset of the same face alike (WeasyPrint's tag is the face's);
    joined, each distinct program has its own name, and the same program one name."""
    sources = _parts(tmp_path)
    parts = [_fonts(s.path) for s in sources]
    assert parts[0].keys() & parts[1].keys()  # the parts' names collide
    book = tmp_path / "book.pdf"
    pdf_merge.merge(sources, book, META)
    fonts = _fonts(book)
    assert all(len(programs) == 1 for programs in fonts.values()), fonts
    assert len(fonts) == len(set().union(*(p for f in parts for p in f.values())))
    assert all(name[1:7].isupper() and name[7] == "+" for name in fonts)
    assert "font-names" not in {f.rule for f in check_pdf(book)}


def test_a_merge_that_keeps_the_parts_subset_names_fails_the_check(tmp_path: Path,
                                                                 monkeypatch):
    monkeypatch.setattr(pdf_merge, "unique_subset_names", lambda _pdf: 0)
    book = tmp_path / "bad.pdf"
    pdf_merge.merge(_parts(tmp_path), book, META)
    found = [f for f in check_pdf(book) if f.rule == "font-names"]
    assert found and "2 programs" in found[0].message, found
