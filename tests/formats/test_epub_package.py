"""The finished EPUB: print-page navigation, landmarks, titles, notes linked both ways, and
accessibility metadata that states what the book has."""

from __future__ import annotations

import os
import posixpath
import re
import shutil
import zipfile
from pathlib import Path

import pytest
from lxml import etree

from editio.base import pandoc
from editio.base.project import EpubAccessibility
from editio.edition.work import WorkFacts
from editio.formats.epub.package import BACK, finish_epub

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


# --- finish_epub over a small book pandoc makes in a moment: each part, note, page and
# metadata checked exactly (make mutants runs these alone, EDITIO_UNIT_TESTS_ONLY in
# tests/conftest.py) --------------------------------------------------------------------------

SMALL_BOOK = """---
title: T
lang: en
---

::: {.title-page #title-page}
T, an edition
:::

# Note on the Text {#note .note-on-text}

A note on it.[^n1]

# The Text {#text .work-text}

Text origin[|[5]{.pb-n}]{#pb-5 .pb data-page=5}ally and a call.[^t1] More
[word](#app-1){.corr-link} [|[6]{.pb-n}]{#pb-6 .pb data-page=6} on.[^t2]

::: {#apparatus .apparatus}
# Textual Notes {#textual-notes}

::: {#app-1 .app-entry}
[¶ 1](#corr-1){.app-loc} word] wrod *W*
:::

::: {#app-2 .app-entry}
no location here
:::
:::

::: {.bibliography}
# Bibliography {#bib}

S.
:::

::: {#colophon .colophon}
# Colophon {#colophon-h}

Set in a face.
:::

[^n1]: The note's note.
[^t1]: The text's note.
[^t2]: A second.
"""


def _small_epub(tmp_path: Path, markdown: str = SMALL_BOOK, works=None,
                claims: EpubAccessibility | None = None, cover: bytes | None = None):
    path = tmp_path / "small.epub"
    pandoc.run(["--from=markdown", "--to=epub3", "--split-level=1", f"--output={path}"],
               markdown, what="making a test EPUB")
    found = finish_epub(path, works or [WorkFacts(prefix="", title="T: a book", source="S")],
                        claims or EpubAccessibility(), cover)
    return found, read_epub(path), path


def _once_but_for_mutants(fixture_name: str, config: pytest.Config) -> str:  # noqa: ARG001
    """Made once for the module, but for each test under `make mutants`: made once, it would
    reach finish_epub from the first test alone, and mutmut would try each mutant against
    that test only (it runs the tests it saw reach a function)."""
    return "function" if os.environ.get("EDITIO_UNIT_TESTS_ONLY") else "module"


@pytest.fixture(scope=_once_but_for_mutants)
def small(tmp_path_factory: pytest.TempPathFactory):
    """The small book, finished, for the tests that only read it."""
    return _small_epub(tmp_path_factory.mktemp("small"))


def _doc(book, name: str):
    return book["docs"][f"text/{name}.xhtml"]


def test_each_part_is_typed_with_its_role_and_its_document_titled_by_its_heading(small):
    found, book, _ = small
    assert found.landmarks == {
        "titlepage": "text/ch001.xhtml#title-page", "foreword": "text/ch002.xhtml#note",
        "bodymatter": "text/ch003.xhtml#text", "endnotes": "text/ch004.xhtml#textual-notes",
        "bibliography": "text/ch005.xhtml#bib", "colophon": "text/ch006.xhtml#colophon-h"}
    bodies = [d.find("x:body", namespaces=NS).get(TYPE) for d in book["docs"].values()]
    assert bodies == ["bodymatter", "frontmatter", "frontmatter", "bodymatter", "backmatter",
                      "backmatter", "backmatter"]
    typed = {(el.get("id"), el.get(TYPE), el.get("role")) for d in book["docs"].values()
             for el in d.xpath("//*[@id][@epub:type]", namespaces=NS)
             if el.tag.endswith(("section", "div"))}
    assert {("title-page", "titlepage", None), ("note", "foreword", "doc-foreword"),
            ("text", "chapter", "doc-chapter"), ("textual-notes", "endnotes", "doc-endnotes"),
            ("bib", "bibliography", "doc-bibliography"),
            ("colophon-h", "colophon", "doc-colophon")} <= typed
    titles = [d.findtext("x:head/x:title", namespaces=NS) for d in book["docs"].values()]
    assert titles[1:] == ["T", "Note on the Text", "The Text", "Textual Notes", "Bibliography",
                          "Colophon"]


def test_the_landmarks_and_pages_are_listed_in_the_nav(small):
    _, book, _ = small
    assert nav_links(book, "landmarks") == [
        ("#toc", "Contents", "toc"), ("text/ch001.xhtml#title-page", "Title page", "titlepage"),
        ("text/ch002.xhtml#note", "Note on the text", "foreword"),
        ("text/ch003.xhtml#text", "Text", "bodymatter"),
        ("text/ch004.xhtml#textual-notes", "Textual notes", "endnotes"),
        ("text/ch005.xhtml#bib", "Bibliography", "bibliography"),
        ("text/ch006.xhtml#colophon-h", "Colophon", "colophon")]
    assert nav_links(book, "page-list") == [("text/ch003.xhtml#pb-4", "4", None),
                                            ("text/ch003.xhtml#pb-5", "5", None),
                                            ("text/ch003.xhtml#pb-6", "6", None)]
    (pages,) = book["nav"].xpath("//x:nav[@epub:type='page-list']", namespaces=NS)
    assert (pages.get("role"), pages.get("hidden"), pages.findtext("x:h2", namespaces=NS)) == \
        ("doc-pagelist", "hidden", "Pages")
    (marks,) = book["nav"].xpath("//x:nav[@epub:type='landmarks']", namespaces=NS)
    assert (marks.get("role"), marks.findtext("x:h2", namespaces=NS)) == (None, "Landmarks")
    toc = [(a.get("href"), a.text) for a in book["nav"].xpath(
        "//x:nav[@epub:type='toc']//x:a", namespaces=NS)]
    assert ("text/ch002.xhtml#note-notes", "Notes") in toc
    assert toc.index(("text/ch003.xhtml#text-notes", "Notes")) == \
        toc.index(("text/ch003.xhtml#text", "The Text")) + 1


def test_the_first_page_is_marked_after_the_heading_and_every_page_labelled(small):
    _, book, _ = small
    text = _doc(book, "ch003")
    heading = text.find(".//x:h1", namespaces=NS)
    first = heading.getnext()
    assert (first.get("id"), first.get("class"), first.get("data-page"), first.get(TYPE),
            first.get("role"), first.get("aria-label"), first.get("title")) == (
        "pb-4", "pb pb-first", "4", "pagebreak", "doc-pagebreak", "4", "page 4")
    assert heading.tail is None and first.tail == "\n"
    breaks = text.xpath("//*[@epub:type='pagebreak']", namespaces=NS)
    assert [(b.get("id"), b.get("aria-label"), b.get("role")) for b in breaks] == [
        ("pb-4", "4", "doc-pagebreak"), ("pb-5", "5", "doc-pagebreak"),
        ("pb-6", "6", "doc-pagebreak")]


@pytest.mark.parametrize(("first", "marked"), [("2", ["1", "2"]), ("1", ["1"]),
                                               ("iv", ["iv"])])
def test_the_page_before_the_first_break_is_marked_only_if_it_is_a_page(tmp_path, first,
                                                                          marked):
    markdown = (f"# The Text {{#text .work-text}}\n\nText [|]{{#pb-{first} .pb "
                f"data-page={first}}} on.\n")
    found, _, _ = _small_epub(tmp_path, "---\ntitle: T\nlang: en\n---\n\n" + markdown)
    assert [label for _, label in found.page_breaks] == marked


def test_a_break_with_no_page_or_no_id_is_no_page(tmp_path):
    markdown = ("---\ntitle: T\nlang: en\n---\n\n# The Text {#text .work-text}\n\n"
                "A [|]{.pb data-page=7} b [|]{#pb-x .pb} c [|]{#pb-9 .other data-page=9}.\n")
    found, book, _ = _small_epub(tmp_path, markdown)
    assert found.page_breaks == [] and found.paged_works == []
    assert nav_links(book, "page-list") == []
    assert "printPageNumbers" not in metas(book, "schema:accessibilityFeature")


def test_a_heading_below_the_first_level_takes_the_first_page_after_it(tmp_path):
    markdown = ("---\ntitle: T\nlang: en\n---\n\n# Part {.work-opening}\n\nx\n\n"
                "## The Text {#text .work-text}\n\nText [|]{#pb-3 .pb data-page=3} on.\n")
    _, book, _ = _small_epub(tmp_path, markdown)
    (marker,) = [el for d in book["docs"].values()
                 for el in d.xpath("//*[@id='pb-2']", namespaces=NS)]
    assert etree.QName(marker.getprevious()).localname == "h2"


def test_notes_count_from_one_in_each_part_filed_under_notes_and_linked_both_ways(small):
    found, book, _ = small
    assert found.footnotes == 3
    assert found.notes_sections == [("text/ch002.xhtml", "note", "note-notes"),
                                    ("text/ch003.xhtml", "text", "text-notes")]
    calls = [(a.get("aria-label"), a.findtext("x:sup", namespaces=NS), a.text)
             for d in book["docs"].values()
             for a in d.xpath("//x:a[contains(@class, 'footnote-ref')]", namespaces=NS)]
    assert calls == [("note 1", "1", None), ("note 1", "1", None), ("note 2", "2", None)]
    text = _doc(book, "ch003")
    (section,) = text.xpath("//x:section[@data-notes-of='text']", namespaces=NS)
    assert (section.get("id"), section.get("class"), section.get(TYPE)) == (
        "text-notes", "footnotes", "footnotes")
    heading = section[0]
    assert (etree.QName(heading).localname, heading.get("class"), heading.text) == (
        "h2", "notes-heading", "Notes")
    asides = section.findall("x:aside", namespaces=NS)
    assert ["".join(a.itertext()).split() for a in asides] == [
        ["1.", "The", "text’s", "note.", BACK], ["2.", "A", "second.", BACK]]
    back = asides[1].find(".//x:a[@role='doc-backlink']", namespaces=NS)
    assert (back.get("href"), back.get("aria-label"), back.get("class")) == (
        "#fnref2", "back to note 2", "backlink")
    assert asides[1].find(".//x:span[@class='note-number']", namespaces=NS).tail == \
        " A second. "
    # pandoc's own list at the document's end, emptied, is gone
    assert not text.xpath("//x:section[contains(@class, 'footnotes-end-of-document')]",
                          namespaces=NS)


def test_each_textual_note_leads_with_its_place_and_ends_with_a_link_back(small):
    found, book, _ = small
    assert (found.textual_notes, found.app_entries, found.app_links) == (
        2, {"app-1", "app-2"}, {"app-1"})
    entry = _doc(book, "ch004").xpath("//x:div[@id='app-1']", namespaces=NS)[0]
    loc = entry.find(".//x:span[@class='app-loc']", namespaces=NS)
    assert loc is not None and loc.get("href") is None and loc.text == "¶ 1"
    back = entry.xpath(".//x:a[@role='doc-backlink']", namespaces=NS)
    assert [(a.get("href"), a.get("aria-label"), a.text) for a in back] == [
        ("#corr-1", "back to ¶ 1 in the text", BACK)]
    assert back[0].getprevious().tail == " "
    other = _doc(book, "ch004").xpath("//x:div[@id='app-2']", namespaces=NS)[0]
    assert other.xpath(".//x:a", namespaces=NS) == []


def test_the_metadata_states_what_the_book_has(small):
    _, book, path = small
    assert book["opf"].xpath("//dc:source/text()", namespaces=NS) == ["S"]
    assert metas(book, "schema:accessMode") == ["textual"]
    assert metas(book, "schema:accessModeSufficient") == ["textual"]
    assert metas(book, "schema:accessibilityFeature") == [
        "tableOfContents", "structuralNavigation", "readingOrder", "displayTransformability",
        "ARIA", "printPageNumbers", "pageNavigation"]
    assert metas(book, "schema:accessibilityHazard") == ["none"]
    assert metas(book, "pageBreakSource") == ["S"]
    assert metas(book, "dcterms:conformsTo") == [] and metas(book, "a11y:certifiedBy") == []
    assert metas(book, "schema:accessibilitySummary") == [
        "This edition is text only, with no images, audio or video, and reflows to the "
        "reader's own font and size. A table of contents, landmarks and headings for every "
        "section lead through the title page, note on the text, text, textual notes, "
        "bibliography and colophon, in reading order. The 3 pages of the print edition (S) "
        "are marked in the text, from the first, and listed for page navigation by their "
        "numbers. The 3 notes are numbered, follow the part that calls them under the heading "
        "Notes, and link to the text and back. The 2 textual notes link back to the text; 1 "
        "of them are linked from it."]
    with zipfile.ZipFile(path) as z:
        opf = z.read("EPUB/content.opf")
        assert b"<opf:meta" not in opf and b"</opf:meta>" not in opf
        assert z.namelist()[0] == "mimetype"
        assert z.getinfo("mimetype").compress_type == zipfile.ZIP_STORED
        xhtml = z.read("EPUB/text/ch003.xhtml")
        assert xhtml.startswith(b"<?xml version='1.0' encoding='UTF-8'?>\n<!DOCTYPE html>")
        assert b"<span" in xhtml and b"/>" not in xhtml.replace(b"<br/>", b"").split(
            b"<body", 1)[1]


def test_a_claim_is_made_only_when_the_book_meets_it(tmp_path):
    claims = EpubAccessibility(conforms_to="EPUB Accessibility 1.1 - WCAG 2.1 Level AA",
                               certified_by="The editors")
    _, book, _ = _small_epub(tmp_path, claims=claims)
    assert metas(book, "dcterms:conformsTo") == [claims.conforms_to]
    assert metas(book, "a11y:certifiedBy") == ["The editors"]
    assert f"It meets {claims.conforms_to}." in metas(book, "schema:accessibilitySummary")[0]
    (tmp_path / "unsourced").mkdir()
    found, book, _ = _small_epub(tmp_path / "unsourced", claims=claims,
                                 works=[WorkFacts(prefix="", title="T", source="")])
    assert found.problems == ["page breaks without a print edition to name as their source"]
    assert metas(book, "dcterms:conformsTo") == [] and metas(book, "a11y:certifiedBy") == []
    assert book["opf"].xpath("//dc:source", namespaces=NS) == []
    (tmp_path / "uncertified").mkdir()
    _, book, _ = _small_epub(tmp_path / "uncertified", claims=EpubAccessibility(
        conforms_to="X", summary="Said by the profile."))
    assert metas(book, "a11y:certifiedBy") == []
    assert metas(book, "schema:accessibilitySummary") == ["Said by the profile."]


def test_an_image_without_a_text_alternative_withholds_the_claim(tmp_path):
    import base64

    png = base64.b64encode(COVER_PNG).decode()
    markdown = ("---\ntitle: T\nlang: en\n---\n\n# The Text {#text .work-text}\n\n"
                f"![](data:image/png;base64,{png})\n\n| a | b |\n|---|---|\n| 1 | 2 |\n")
    found, book, _ = _small_epub(tmp_path, markdown, claims=EpubAccessibility(conforms_to="X"))
    assert (found.images, found.tables) == (1, 1)
    assert found.problems == ["text/ch001.xhtml: an image without a text alternative"]
    assert "alternativeText" in metas(book, "schema:accessibilityFeature")
    assert metas(book, "dcterms:conformsTo") == []
    assert metas(book, "schema:accessibilitySummary")[0].endswith("Tables have header rows.")


# a 1x1 PNG
COVER_PNG = bytes.fromhex("89504e470d0a1a0a0000000d4948445200000001000000010806000000"
                          "1f15c4890000000d49444154789c6360000002000001e221bc330000000049"
                          "454e44ae426082")


def test_a_cover_is_listed_for_reading_systems_and_stored_as_it_is(tmp_path):
    found, book, path = _small_epub(tmp_path, cover=COVER_PNG)
    assert found.cover
    (item,) = book["opf"].xpath("//opf:item[@id='cover-image']", namespaces=NS)
    assert (item.get("href"), item.get("media-type"), item.get("properties")) == (
        "media/cover.png", "image/png", "cover-image")
    (meta,) = book["opf"].xpath("//opf:meta[@name='cover']", namespaces=NS)
    assert meta.get("content") == "cover-image"
    assert metas(book, "schema:accessibilitySummary")[0].startswith(
        "Apart from a cover image that repeats its title page, this edition is text only")
    with zipfile.ZipFile(path) as z:
        info = z.getinfo("EPUB/media/cover.png")
        assert z.read(info) == COVER_PNG and info.compress_type == zipfile.ZIP_STORED
        assert info.date_time == z.infolist()[-2].date_time


VOLUME = """---
title: V
lang: en
---

# One {#a-opening .work-opening work=a}

x

# One's Text {#a-text .work-text}

A [|]{#a-pb-5 .pb data-page=5} b [|]{#a-pb-6 .pb data-page=6} c.[^1]

# Two {#b-opening .work-opening work=b}

x

# Two's Text {#b-text .work-text}

A [|]{#b-pb-6 .pb data-page=6} b.[^2]

# Three {#c-opening .work-opening work=c}

No pages.

[^1]: First work's note.
[^2]: Second work's note.
"""


def test_a_volume_labels_pages_by_work_where_they_share_a_number_and_says_so(tmp_path):
    works = [WorkFacts(prefix="a", title="One: Essay", source="SA"),
             WorkFacts(prefix="b", title="Two", source="SB"),
             WorkFacts(prefix="c", title="Three", source="SC")]
    found, book, _ = _small_epub(tmp_path, VOLUME, works=works)
    assert [label for _, label in found.page_breaks] == ["4", "One 5", "One 6", "Two 5",
                                                         "Two 6"]
    assert found.paged_works == ["a", "b"]
    spans = {el.get("id"): el for d in book["docs"].values()
             for el in d.xpath("//*[@epub:type='pagebreak']", namespaces=NS)}
    assert spans["a-pb-4"].get("title") == "One: Essay, page 4"
    assert spans["b-pb-5"].get("class") == "pb pb-first"
    calls = [a.get("aria-label") for d in book["docs"].values()
             for a in d.xpath("//x:a[contains(@class, 'footnote-ref')]", namespaces=NS)]
    assert calls == ["note 1", "note 1"]
    assert metas(book, "pageBreakSource") == ["SA", "SB"]
    assert book["opf"].xpath("//dc:source/text()", namespaces=NS) == ["SA", "SB", "SC"]
    summary = metas(book, "schema:accessibilitySummary")[0]
    assert summary.startswith("This volume is text only")
    assert ("It binds 3 works. A table of contents, landmarks and headings for every section "
            "lead through the title page and contents, then each work's opening, note on the "
            "text, text and textual notes, then the bibliography and colophon, in reading "
            "order.") in summary
    assert ("(One: Essay, 3 pages of SA; Two, 2 pages of SB). Three has no page numbers."
            in summary)
    assert found.landmarks["bodymatter"] == "text/ch002.xhtml#a-text"


def test_several_works_without_pages_are_named_together():
    from editio.formats.epub.package import Finished, summary_of

    works = [WorkFacts(prefix=p, title=p.upper(), source="S") for p in ("a", "b", "c", "d")]
    found = Finished(page_breaks=[("x#a-pb-1", "1")], paged_works=["a"])
    found.pending_pages.append((etree.Element("span"), "x", works[0], "1"))
    assert "(A, 1 pages of S). B, C and D have no page numbers." in summary_of(found, works,
                                                                             None)
    found.textual_notes, found.app_entries, found.app_links = 2, {"x", "y"}, {"x", "y", "z"}
    assert summary_of(found, works, None).endswith(
        "Each of the 2 textual notes links to the emended reading and back.")


def test_the_spine_opens_on_the_title_page_with_the_nav_last_and_not_linear():
    from editio.formats.epub.package import OPF, _order_spine

    opf = etree.fromstring(
        f'<package xmlns="{OPF}"><spine>\n    <itemref idref="nav"/>\n    '
        '<itemref idref="a"/>\n    <itemref idref="b"/>\n  </spine></package>')
    _order_spine(opf, "nav")
    refs = opf.find(f"{{{OPF}}}spine")
    assert [(r.get("idref"), r.get("linear")) for r in refs] == [
        ("a", None), ("b", None), ("nav", "no")]
    assert [r.tail for r in refs] == ["\n    ", "\n    ", "\n  "]
    _order_spine(opf, "gone")  # no nav in the spine: nothing moves
    assert [r.get("idref") for r in refs] == ["a", "b", "nav"]


def test_an_epub_finished_twice_is_finished_once(tmp_path):
    found, book, path = _small_epub(tmp_path)
    finish_epub(path, [WorkFacts(prefix="", title="T: a book", source="S")],
                EpubAccessibility())
    again = read_epub(path)
    for prop in ("schema:accessMode", "schema:accessibilityFeature", "pageBreakSource",
                 "schema:accessibilitySummary"):
        assert metas(again, prop) == metas(book, prop), prop
    assert again["opf"].xpath("//dc:source/text()", namespaces=NS) == ["S"]
    assert nav_links(again, "page-list") == nav_links(book, "page-list")
    assert [a.get("aria-label") for d in again["docs"].values()
            for a in d.xpath("//x:a[@role='doc-backlink']", namespaces=NS)] == \
        [a.get("aria-label") for d in book["docs"].values()
         for a in d.xpath("//x:a[@role='doc-backlink']", namespaces=NS)]
