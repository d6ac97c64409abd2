"""What a Word user sees in the DOCX of the smallest work, built once (fast tier): a page
for each part with running heads and folios, tables inside the text block, the build's date,
Word's own note numbers, and the book's look rather than Word's."""

from __future__ import annotations

import time
import zipfile

import pytest
from lxml import etree

from conftest import copy_project, run_editio
from editio.base.project import Project
from editio.edition.work import build_epoch

WORK = "bln600-3202982093"
W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
R = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
NS = {"w": W, "r": R}


def w(name: str) -> str:
    return f"{{{W}}}{name}"


@pytest.fixture(scope="module")
def small(tmp_path_factory):
    root = copy_project(tmp_path_factory.mktemp("small-docx"))
    assert run_editio(root, "build", WORK, "--to", "docx", "-q") == 0
    with zipfile.ZipFile(root / "dist" / f"{WORK}.docx") as z:
        files = {n: z.read(n) for n in z.namelist()}
    rels = etree.fromstring(files["word/_rels/document.xml.rels"])
    targets = {r.get("Id"): r.get("Target") for r in rels}
    return {"root": root, "files": files, "targets": targets,
            "body": etree.fromstring(files["word/document.xml"])}


def sections(small):
    return small["body"].xpath("//w:sectPr", namespaces=NS)


def part(small, sect, kind, which):
    rid = sect.xpath(f"w:{kind}Reference[@w:type='{which}']/@r:id", namespaces=NS)[0]
    return etree.fromstring(small["files"]["word/" + small["targets"][rid]])


def test_each_part_begins_a_new_page(small):
    """Title page, note on the text, text, textual notes, bibliography, colophon."""
    sects = sections(small)
    assert len(sects) == 6
    assert all(s.xpath("string(w:type/@w:val)", namespaces=NS) == "nextPage" for s in sects)
    # each section ends just before the heading of the next part
    for sect in sects[:-1]:
        after = sect.getparent().getparent().getnext()
        while etree.QName(after).localname != "p":
            after = after.getnext()
        assert after.xpath("string(w:pPr/w:pStyle/@w:val)", namespaces=NS) == "Heading1"


def test_folios_and_running_heads_as_in_print(small):
    settings = etree.fromstring(small["files"]["word/settings.xml"])
    assert settings.find(w("evenAndOddHeaders")) is not None
    title = "Central Criminal Court: Everett Convicted of Receiving Stolen Goods"
    for n, sect in enumerate(sections(small)):
        assert sect.find(w("titlePg")) is not None  # a part's first page has no heads
        for which in ("default", "even"):
            footer = part(small, sect, "footer", which)
            assert "PAGE" in "".join(footer.xpath("//w:instrText/text()", namespaces=NS))
        recto = part(small, sect, "header", "default")
        verso = part(small, sect, "header", "even")
        assert "".join(recto.itertext()) == title and recto.xpath("//w:i", namespaces=NS)
        assert "".join(verso.itertext()) == "Anonymous" and \
            verso.xpath("//w:smallCaps", namespaces=NS)
        assert not "".join(part(small, sect, "header", "first").itertext())
        first_folio = "PAGE" in "".join(part(small, sect, "footer", "first").itertext())
        assert first_folio == (n > 0)  # the title page has no folio


def test_tables_fit_the_text_block(small):
    sect = sections(small)[-1]
    size, margin = sect.find(w("pgSz")), sect.find(w("pgMar"))
    measure = int(size.get(w("w"))) - int(margin.get(w("left"))) - int(margin.get(w("right")))
    tables = small["body"].xpath("//w:tbl", namespaces=NS)
    assert tables
    for table in tables:
        cols = [int(c) for c in table.xpath("w:tblGrid/w:gridCol/@w:w", namespaces=NS)]
        assert sum(cols) <= measure
        assert int(table.xpath("string(w:tblPr/w:tblW/@w:w)", namespaces=NS)) <= measure


def test_the_document_is_dated_by_the_build(small):
    core = etree.fromstring(small["files"]["docProps/core.xml"])
    epoch = build_epoch(Project(small["root"]), [small["root"] / "source" / WORK])
    stamp = time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime(epoch))
    dates = core.xpath("//*[local-name()='created' or local-name()='modified']/text()")
    assert dates == [stamp, stamp] and not stamp.startswith("1970")


def test_notes_are_numbered_by_word_once(small):
    """Word's own numbers (a footnoteRef in each note, no custom marks): LibreOffice printed
    hand-set marks twice ("22")."""
    body = small["body"]
    refs = body.xpath("//w:footnoteReference", namespaces=NS)
    assert refs and not body.xpath("//w:footnoteReference[@w:customMarkFollows]",
                                   namespaces=NS)
    notes = etree.fromstring(small["files"]["word/footnotes.xml"])
    for ref in refs:
        note = notes.xpath(f"//w:footnote[@w:id='{ref.get(w('id'))}']", namespaces=NS)[0]
        assert note.xpath(".//w:footnoteRef", namespaces=NS)
    # numbered through the book: no section restarts them (LibreOffice cannot read that)
    assert all(s.find(w("footnotePr")) is None for s in sections(small))


def test_the_books_look_not_words(small):
    styles = etree.fromstring(small["files"]["word/styles.xml"])

    def style(style_id):
        return styles.xpath(f"//w:style[@w:styleId='{style_id}']", namespaces=NS)[0]

    for sid in ("Heading1", "Heading2", "Heading3", "Hyperlink"):
        assert style(sid).find(f"{w('rPr')}/{w('color')}") is None, sid  # no Word blue
    assert style("Apparatus").xpath("string(w:pPr/w:ind/@w:hanging)", namespaces=NS)
    numbers = small["body"].xpath(
        "//w:r[w:rPr/w:rStyle/@w:val='ParagraphNumber']/w:t/text()", namespaces=NS)
    assert numbers and all(n.startswith("\u00b6\u00a0") and n[2:].isdigit() for n in numbers)
