"""The real EPUB: unzipped and parsed, and valid for EPUBCheck."""

from __future__ import annotations

import re
import shutil
import zipfile
from pathlib import Path

import pytest
from lxml import etree

from conftest import ROOT
from editio.base.project import Project
from editio.edition.work import prepare
from editio.formats.epub.writer import works_of
from editio.judges import epubcheck

NS = {"opf": "http://www.idpf.org/2007/opf", "dc": "http://purl.org/dc/elements/1.1/",
      "x": "http://www.w3.org/1999/xhtml", "epub": "http://www.idpf.org/2007/ops"}


@pytest.fixture(scope="module")
def epub(built):
    with zipfile.ZipFile(built.out("epub")) as z:
        names = z.namelist()
        files = {n: z.read(n) for n in names}
    container = etree.fromstring(files["META-INF/container.xml"])
    opf_path = container.xpath("//*[local-name()='rootfile']/@full-path")[0]
    opf = etree.fromstring(files[opf_path])
    base = opf_path.rsplit("/", 1)[0] + "/"
    spine = [opf.xpath(f"//opf:item[@id='{ref}']/@href", namespaces=NS)[0]
             for ref in opf.xpath("//opf:spine/opf:itemref/@idref", namespaces=NS)]
    docs = [etree.fromstring(files[base + href]) for href in spine]
    # the reading order, without the table of contents
    text = "\n".join(" ".join(d.xpath("//x:body//text()", namespaces=NS)) for d in docs
                     if not d.xpath("//x:nav", namespaces=NS))
    return {"names": names, "files": files, "opf": opf, "docs": docs, "text": text,
            "base": base}


def test_mimetype_first_and_stored(built):
    with zipfile.ZipFile(built.out("epub")) as z:
        first = z.infolist()[0]
        assert first.filename == "mimetype" and first.compress_type == zipfile.ZIP_STORED
        assert z.read("mimetype") == b"application/epub+zip"


def test_metadata(epub):
    opf = epub["opf"]
    assert opf.xpath("//dc:title/text()", namespaces=NS) == ["Russia in Transition"]
    assert opf.xpath("//dc:creator/text()", namespaces=NS) == ["Isaac Deutscher"]
    assert opf.xpath("//dc:language/text()", namespaces=NS) == ["en-GB"]
    assert opf.xpath("//dc:identifier/text()", namespaces=NS)[0].startswith("urn:uuid:")
    assert "CC BY 4.0" in " ".join(opf.xpath("//dc:rights/text()", namespaces=NS))


def test_nav_lists_the_parts(epub):
    nav = next(d for d in epub["docs"] + [etree.fromstring(v) for k, v in epub["files"].items()
                                          if k.endswith("nav.xhtml")]
               if d.xpath("//x:nav[@epub:type='toc']", namespaces=NS))
    entries = [" ".join(a.itertext()) for a in
               nav.xpath("//x:nav[@epub:type='toc']//x:a", namespaces=NS)]
    for part in ("Note on the Text", "Russia in Transition", "Textual Notes", "Bibliography",
                 "Colophon"):
        assert part in entries, entries


def test_text_apparatus_and_bibliography(epub):
    text = epub["text"]
    assert "Robespierre" in text
    assert "burevestnik" in text
    # the OCR's readings stand in the apparatus, never in the reading text (its document,
    # with the author's notes; the note on the text may quote them)
    essay = next(d for d in epub["docs"] if d.xpath("//x:section[@id='text']", namespaces=NS))
    body = " ".join(essay.xpath("//x:body//text()", namespaces=NS))
    assert "Robespierre" in body and "burevestnik" in body
    assert "Robsepierre" not in body and "bwevegtinik" not in body
    apparatus = text.split("Textual Notes")[1]
    assert re.search(r"Robespierre\s*\]\s*Robsepierre\s*W", apparatus)
    assert "Marx, Karl" in text and "The Eighteenth Brumaire" in text


def test_author_notes_are_epub_footnotes(epub):
    notes = [n for d in epub["docs"] for n in
             d.xpath("//*[@epub:type='footnote']", namespaces=NS)]
    texts = " ".join(" ".join(n.itertext()) for n in notes)
    assert "History knows quite a few instances" in texts
    assert "Nagy and his faction" in texts


def test_emended_words_link_to_their_entries_and_back(epub):
    links = [(a.get("href"), d) for d in epub["docs"]
             for a in d.xpath("//x:a[contains(@class,'corr-link')]", namespaces=NS)]
    assert len(links) > 50
    ids = {i for d in epub["docs"] for i in d.xpath("//@id")}
    for href, _ in links:
        assert href.split("#")[1] in ids
    # each entry ends with its link back (a note led by its back link breaks Kobo)
    entries = [e for d in epub["docs"]
               for e in d.xpath("//x:div[contains(@class,'app-entry')]", namespaces=NS)]
    assert len(entries) > 50
    for entry in entries:
        back = entry.xpath(".//x:a[@role='doc-backlink']", namespaces=NS)
        assert len(back) == 1 and back[0].getparent().index(back[0]) == \
            len(back[0].getparent()) - 1 and not (back[0].tail or "").strip()
        assert back[0].get("href").split("#")[1] in ids


def test_epubcheck_reports_nothing(built):
    report = epubcheck.run_epubcheck(built.out("epub"))
    assert (report.errors, report.warnings) == (0, 0), report.messages


def _golden_copy(root: Path) -> Project:
    for folder in ("bib", "styles"):
        shutil.copytree(ROOT / folder, root / folder)
    shutil.copytree(ROOT / "tests" / "golden" / "book" / "golden", root / "source" / "golden")
    return Project(root)


@pytest.mark.slow  # prepares the golden book (3 s)
def test_a_span_of_class_source_in_the_text_is_no_print_edition(tmp_path: Path):
    """The works and their print editions come from the Edition, not from the text: an
    editor's `{.source}` span in the reading text names no second work and no dc:source."""
    project = _golden_copy(tmp_path)
    text = project.source_dir / "golden" / "text.md"
    text.write_text(text.read_text(encoding="utf-8").replace(
        "The first paragraph", "[The first paragraph]{.source}"), encoding="utf-8")
    edition = prepare(project, "golden")
    [work] = works_of(edition)
    assert (work.prefix, work.title) == ("", "A Golden Book")
    # the copy-text's entry as the bibliography prints it
    assert work.source == "Anonymous. ‘Central Criminal Court’. Daily News, 10 June 1863."
