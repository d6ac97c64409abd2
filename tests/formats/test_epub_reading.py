"""What a reader sees in the EPUB of the smallest work, built once (fast tier): a cover made
by the build, a spine that opens on the title page, one title, numbered notes with
superscript calls, and who made the book."""

from __future__ import annotations

import io
import posixpath
import zipfile

import pytest
from lxml import etree
from PIL import Image

from conftest import copy_project, run_editio

WORK = "bln600-3202982093"
NS = {"opf": "http://www.idpf.org/2007/opf", "dc": "http://purl.org/dc/elements/1.1/",
      "x": "http://www.w3.org/1999/xhtml", "epub": "http://www.idpf.org/2007/ops"}


@pytest.fixture(scope="module")
def small(tmp_path_factory):
    root = copy_project(tmp_path_factory.mktemp("small"))
    assert run_editio(root, "build", WORK, "--to", "epub", "-q") == 0
    with zipfile.ZipFile(root / "dist" / f"{WORK}.epub") as z:
        files = {n: z.read(n) for n in z.namelist()}
    opf = etree.fromstring(files["EPUB/content.opf"])
    items = {i.get("id"): i for i in opf.xpath("//opf:manifest/opf:item", namespaces=NS)}
    spine = [(items[r.get("idref")], r) for r in
             opf.xpath("//opf:spine/opf:itemref", namespaces=NS)]
    docs = {i.get("href"): etree.fromstring(files[posixpath.join("EPUB", i.get("href"))])
            for i, _ in spine}
    return {"files": files, "opf": opf, "items": items, "spine": spine, "docs": docs}


def test_the_cover_is_drawn_from_the_title_page(small):
    covers = small["opf"].xpath("//opf:item[@properties='cover-image']", namespaces=NS)
    assert len(covers) == 1 and covers[0].get("media-type") == "image/png"
    assert small["opf"].xpath("//opf:meta[@name='cover']/@content", namespaces=NS) == \
        [covers[0].get("id")]
    image = Image.open(io.BytesIO(small["files"]["EPUB/" + covers[0].get("href")]))
    # the print edition's proportions (A5: 1.414), wide enough for a tablet's shelf
    assert image.width >= 1000 and abs(image.height / image.width - 210 / 148) < 0.01
    # ink on the paper: the title is set, not an empty page
    darkest, lightest = image.convert("L").getextrema()
    assert darkest < 60 and lightest > 230


def test_the_spine_opens_on_the_title_page_and_puts_the_contents_last(small):
    first, _ = small["spine"][0]
    assert small["docs"][first.get("href")].xpath(
        "//*[@epub:type='titlepage']", namespaces=NS)
    nav, ref = small["spine"][-1]
    assert "nav" in nav.get("properties").split() and ref.get("linear") == "no"
    assert all("nav" not in (i.get("properties") or "") for i, _ in small["spine"][:-1])


def test_the_title_is_printed_once(small):
    first, _ = small["spine"][0]
    doc = small["docs"][first.get("href")]
    title = "Central Criminal Court: Everett Convicted of Receiving Stolen Goods"
    body = " ".join(doc.xpath("//x:body//text()", namespaces=NS))
    assert body.count(title) == 1  # (the source line cites the article by its short title)
    assert doc.xpath("string(//x:h1)", namespaces=NS) == title
    nav = next(d for h, d in small["docs"].items() if h == small["spine"][-1][0].get("href"))
    toc = [" ".join(a.itertext()) for a in
           nav.xpath("//x:nav[@epub:type='toc']//x:a", namespaces=NS)]
    assert toc.count(title) == 1  # the text's heading; the title page is not listed


def test_notes_are_numbered_where_they_stand_and_called_in_superscript(small):
    notes = [(h, a) for h, d in small["docs"].items()
             for a in d.xpath("//x:aside[@epub:type='footnote']", namespaces=NS)]
    assert notes
    for href, aside in notes:
        doc = small["docs"][href]
        call = doc.xpath(f"//x:a[@href='#{aside.get('id')}']", namespaces=NS)[0]
        number = "".join(call.itertext())
        assert call.xpath("x:sup", namespaces=NS) and number.isdigit()
        first = aside.xpath("(.//x:p)[1]", namespaces=NS)[0]
        assert first[0].get("class") == "note-number" and first[0].text == f"{number}."
        # under a "Notes" heading, at the end of the part that calls it
        section = aside.getparent()
        assert section.get("class") == "footnotes"
        assert section.xpath("string(x:h2|x:h3)", namespaces=NS) == "Notes"
        assert section.get("data-notes-of") in {s.get("id") for s in call.iterancestors()}


def test_the_work_names_its_author_and_says_what_it_is(small):
    opf = small["opf"]
    creator = opf.xpath("//dc:creator", namespaces=NS)
    assert [c.text for c in creator] == ["Anonymous"]
    role = opf.xpath(f"//opf:meta[@refines='#{creator[0].get('id')}'][@property='role']",
                     namespaces=NS)
    assert [r.text for r in role] == ["aut"]
    assert opf.xpath("string(//dc:description)", namespaces=NS).startswith(
        "A critical edition of Central Criminal Court")
