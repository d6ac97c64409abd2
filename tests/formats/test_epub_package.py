"""The finished EPUB: print-page navigation, landmarks, titles, notes linked both ways, and
accessibility metadata that states what the book has."""

from __future__ import annotations

import posixpath
import re
import shutil
import zipfile

import pytest
from lxml import etree

from editio.base import pandoc
from editio.base.project import EpubAccessibility
from editio.formats.epub.package import WorkFacts, finish_epub

NS = {"opf": "http://www.idpf.org/2007/opf", "dc": "http://purl.org/dc/elements/1.1/",
      "x": "http://www.w3.org/1999/xhtml", "epub": "http://www.idpf.org/2007/ops"}
TYPE = "{http://www.idpf.org/2007/ops}type"


def read_epub(path):
    with zipfile.ZipFile(path) as z:
        files = {n: z.read(n) for n in z.namelist()}
    opf_name = etree.fromstring(files["META-INF/container.xml"]).xpath(
        "//*[local-name()='rootfile']/@full-path")[0]
    base = posixpath.dirname(opf_name)
    opf = etree.fromstring(files[opf_name])
    items = {i.get("id"): i for i in opf.xpath("//opf:manifest/opf:item", namespaces=NS)}
    nav_href = next(i.get("href") for i in items.values()
                    if "nav" in (i.get("properties") or ""))
    docs = {}
    for ref in opf.xpath("//opf:spine/opf:itemref/@idref", namespaces=NS):
        href = items[ref].get("href")
        if href != nav_href:
            docs[href] = etree.fromstring(files[posixpath.join(base, href)])
    nav = etree.fromstring(files[posixpath.join(base, nav_href)])
    return {"opf": opf, "docs": docs, "nav": nav, "nav_dir": posixpath.dirname(nav_href)}


def resolve(book, href_from_nav):
    """The element a nav link points at."""
    path, _, frag = href_from_nav.partition("#")
    doc = book["docs"][posixpath.normpath(posixpath.join(book["nav_dir"], path))]
    found = doc.xpath(f"//*[@id='{frag}']")
    assert len(found) == 1, href_from_nav
    return found[0]


def nav_links(book, kind):
    return [(a.get("href"), " ".join(a.itertext()), a.get(TYPE)) for a in
            book["nav"].xpath(f"//x:nav[@epub:type='{kind}']//x:a", namespaces=NS)]


@pytest.fixture(scope="module")
def book(built):
    return read_epub(built.out("epub"))


def metas(book, prop):
    return book["opf"].xpath(f"//opf:meta[@property='{prop}']/text()", namespaces=NS)


def test_page_list_links_every_page_break(book, built):
    breaks = [el for d in book["docs"].values()
              for el in d.xpath("//*[@epub:type='pagebreak']", namespaces=NS)]
    text = (built.root / "source" / "deutscher-1957" / "text.md").read_text(encoding="utf-8")
    # the essay begins on p. 4 of the journal, before its first marked break
    pages = ["4", *re.findall(r'\{\.pb n="(\d+)"', text)]
    assert [b.get("aria-label") for b in breaks] == pages == [str(n) for n in range(4, 13)]
    entries = nav_links(book, "page-list")
    assert [label for _, label, _ in entries] == pages
    for href, label, _ in entries:
        target = resolve(book, href)
        assert target.get(TYPE) == "pagebreak" and target.get("role") == "doc-pagebreak"
        assert target.get("aria-label") == label
    assert book["nav"].xpath("//x:nav[@epub:type='page-list']/@role", namespaces=NS) == \
        ["doc-pagelist"]


def test_landmarks_point_at_the_parts(book):
    expected = {"toc": None, "titlepage": None, "foreword": "doc-foreword",
                "bodymatter": "doc-chapter", "endnotes": "doc-endnotes",
                "bibliography": "doc-bibliography", "colophon": "doc-colophon"}
    links = {kind: href for href, _, kind in nav_links(book, "landmarks")}
    assert set(links) == set(expected)
    for kind, role in expected.items():
        if kind == "toc":
            continue
        target = resolve(book, links[kind])
        assert target.get("role") == role
        assert kind in (target.get(TYPE) or "").split() or \
            (kind == "bodymatter" and target.get(TYPE) == "chapter")


def test_documents_are_titled_by_their_heading(book):
    for href, doc in book["docs"].items():
        title = doc.xpath("string(//x:head/x:title)", namespaces=NS)
        heading = doc.xpath("(//x:h1|//x:h2)[1]", namespaces=NS)[0]
        assert title == " ".join("".join(heading.itertext()).split()), href
        assert not re.match(r"ch\d+", title)


def test_toc_lists_every_heading(book):
    toc = {href for href, _, _ in nav_links(book, "toc")}
    for href, doc in book["docs"].items():
        for h in doc.xpath("//x:h1|//x:h2|//x:h3", namespaces=NS):
            if "unlisted" in (h.get("class") or "").split():
                continue  # the title page's title: the contents name the title at the text
            section = h.getparent()
            assert f"{href}#{section.get('id')}" in toc, " ".join(h.itertext())
    assert len(toc) > 20  # the essay's fifteen sections among them


def test_parts_carry_epub_types_and_roles(book):
    bodies = [d.xpath("string(//x:body/@epub:type)", namespaces=NS)
              for d in book["docs"].values()]
    assert bodies == ["frontmatter", "frontmatter", "bodymatter", "backmatter", "backmatter",
                      "backmatter"]


def test_notes_link_both_ways_with_the_back_link_last(book):
    notes = 0
    for doc in book["docs"].values():
        for aside in doc.xpath("//x:aside[@epub:type='footnote']", namespaces=NS):
            notes += 1
            refs = doc.xpath(f"//x:a[@href='#{aside.get('id')}']", namespaces=NS)
            assert len(refs) == 1 and refs[0].get(TYPE) == "noteref"
            back = aside.xpath(".//x:a[@role='doc-backlink']", namespaces=NS)
            assert len(back) == 1 and back[0].get("href") == f"#{refs[0].get('id')}"
            # the note's words come first, its back link last: Kobo takes a note that
            # begins with its back link for no note (jgm/pandoc#9851)
            words = "".join(aside.itertext()).strip()
            assert words.endswith(back[0].text) and len(words) > 20
            assert back[0] is aside.xpath(".//x:a", namespaces=NS)[-1]
            assert not (back[0].tail or "").strip()
    assert notes >= 3


def test_a_note_of_two_paragraphs_ends_its_last_with_the_back_link(tmp_path):
    """The back link closes the note's last paragraph, not its first (no note of the essay
    has two)."""
    path = tmp_path / "two.epub"
    pandoc.run(["--from=markdown", "--to=epub3", "--split-level=1", f"--output={path}"],
               "---\ntitle: T\nlang: en\n---\n\n# One\n\nText.[^1]\n\n"
               "[^1]: The note's first paragraph.\n\n    And its second.\n",
               what="making a test EPUB")
    finish_epub(path, [WorkFacts(prefix="", title="T", source="")], EpubAccessibility())
    asides = [a for doc in read_epub(path)["docs"].values()
              for a in doc.xpath("//x:aside[@epub:type='footnote']", namespaces=NS)]
    assert len(asides) == 1
    first, last = asides[0].findall("x:p", namespaces=NS)
    assert first.xpath(".//x:a", namespaces=NS) == []
    back = last.xpath("x:a[@role='doc-backlink']", namespaces=NS)
    assert len(back) == 1 and back[0].get("href").startswith("#fnref")
    assert "".join(last.itertext()).startswith("And its second.")


def test_the_essays_notes_are_numbered_as_its_apparatus_cites_them(book):
    text = next(d for d in book["docs"].values()
                if d.xpath("//x:section[@id='text']", namespaces=NS))
    calls = text.xpath("//x:a[@epub:type='noteref']", namespaces=NS)
    assert ["".join(c.itertext()) for c in calls] == ["1", "2", "3"]


def test_accessibility_metadata_states_what_the_book_has(book):
    features = metas(book, "schema:accessibilityFeature")
    assert set(features) == {"tableOfContents", "structuralNavigation", "readingOrder",
                             "displayTransformability", "ARIA", "printPageNumbers",
                             "pageNavigation"}
    assert "alternativeText" not in features  # there is no image
    assert metas(book, "schema:accessMode") == ["textual"]
    assert metas(book, "schema:accessibilityHazard") == ["none"]
    summary = metas(book, "schema:accessibilitySummary")[0]
    assert "9 pages of the print edition" in summary and "Universities" in summary
    entries = sum(len(d.xpath("//x:div[contains(@class,'app-entry')]", namespaces=NS))
                  for d in book["docs"].values())
    assert f"Each of the {entries} textual notes links to the emended reading and back" \
        in summary
    source = book["opf"].xpath("//dc:source/text()", namespaces=NS)
    assert source == metas(book, "pageBreakSource")
    assert "Universities & Left Review" in source[0]
    assert metas(book, "dcterms:conformsTo") == ["EPUB Accessibility 1.1 - WCAG 2.1 Level AA"]
    assert metas(book, "a11y:certifiedBy") == ["The editio editors"]


def test_no_conformance_claim_when_the_pages_have_no_source(built, tmp_path):
    """The claim is withheld when the book does not meet it: here, page numbers whose print
    edition cannot be named."""
    path = tmp_path / "copy.epub"
    shutil.copy(built.out("epub"), path)
    claims = EpubAccessibility(conforms_to="EPUB Accessibility 1.1 - WCAG 2.1 Level AA",
                           certified_by="Someone")
    found = finish_epub(path, [WorkFacts(prefix="", title="T", source="")], claims)
    assert found.problems
    copy = read_epub(path)
    assert metas(copy, "dcterms:conformsTo") == [] == metas(copy, "a11y:certifiedBy")
    assert "meets" not in metas(copy, "schema:accessibilitySummary")[0]


def test_every_textual_note_is_linked_from_the_text(book):
    """The structural emendations (a paragraph break the witness lacks) read as no words:
    each gets a mark that links to its note, as every other reading does."""
    entries = {e.get("id") for d in book["docs"].values()
               for e in d.xpath("//x:div[contains(@class,'app-entry')]", namespaces=NS)}
    linked = {a.get("href").split("#")[1] for d in book["docs"].values()
              for a in d.xpath("//x:a[contains(@class,'corr-link')]", namespaces=NS)}
    assert len(entries) > 60 and entries <= linked
    marks = [a for d in book["docs"].values()
             for a in d.xpath("//x:a[contains(@class,'corr-mark')]", namespaces=NS)]
    assert len(marks) >= 5 and all(a.text == "\u00b0" and a.get("title") for a in marks)


def test_the_first_page_is_marked_where_the_text_begins(book):
    text = next(d for d in book["docs"].values()
                if d.xpath("//x:section[@id='text']", namespaces=NS))
    first = text.xpath("//*[@epub:type='pagebreak']", namespaces=NS)[0]
    assert first.get("id") == "pb-4" and first.get("aria-label") == "4"
    # straight after the text's heading, before its first paragraph
    assert first.getprevious().tag == f"{{{NS['x']}}}h1"
    assert first.getnext().get("id") == "p-1"


def test_page_labels_name_the_work_only_where_two_works_share_a_number():
    from editio.formats.epub.package import Finished, label_pages

    essay = WorkFacts(prefix="essay", title="Russia in Transition: An Essay", source="S1")
    paper = WorkFacts(prefix="paper", title="Trial", source="S2")
    found = Finished()
    spans = []
    for work, number in ((essay, "4"), (essay, "5"), (paper, "5"), (paper, "6")):
        span = etree.Element("span", id=f"{work.prefix}-pb-{number}")
        spans.append(span)
        found.pending_pages.append((span, "text/ch003.xhtml", work, number))
    label_pages(found)
    assert [label for _, label in found.page_breaks] == \
        ["4", "Russia in Transition 5", "Trial 5", "6"]
    assert [s.get("aria-label") for s in spans] == [label for _, label in found.page_breaks]


def test_a_page_break_is_read_from_its_data_not_its_text(tmp_path):
    """The page a break begins is the span's data-page (apparatus.link_emendations writes
    it), never recovered from the "|5" a reader sees: here the text says 7, the data 5."""
    path = tmp_path / "pages.epub"
    pandoc.run(["--from=markdown", "--to=epub3", "--split-level=1", f"--output={path}"],
               "---\ntitle: T\nlang: en\n---\n\n# One\n\n"
               "Text origin[|[7]{.pb-n}]{#pb-5 .pb page=5}ally.\n",
               what="making a test EPUB")
    finish_epub(path, [WorkFacts(prefix="", title="T", source="S")], EpubAccessibility())
    book = read_epub(path)
    breaks = [el for d in book["docs"].values()
              for el in d.xpath("//*[@epub:type='pagebreak']", namespaces=NS)]
    assert [b.get("aria-label") for b in breaks] == ["5"]
    assert [text for _, text, _ in nav_links(book, "page-list")] == ["5"]
