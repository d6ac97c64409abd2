"""One edition, three formats: the same text, notes, apparatus and bibliography."""

from __future__ import annotations

import re
import zipfile

import docx
from pypdf import PdfReader

from conftest import ROOT, WORK
from editio.edition import prepare
from editio.project import Project


def apparatus_locations_pdf(path) -> list[str]:
    text = "\n".join(p.extract_text() for p in PdfReader(str(path)).pages)
    part = text.split("Textual Notes")[-1].split("Bibliography")[0]
    return re.findall(r"(?:¶ ?\d+|n\. \d)(?=, p\.\s\d+)", part)


def test_counts_come_from_the_markup():
    edition = prepare(Project(ROOT), WORK)
    assert sum(edition.counts.values()) == len(edition.entries) > 60
    assert edition.counts["structural"] == 8  # the byline, 6 note calls and numbers, a ¶


def test_same_apparatus_in_all_formats(built):
    d = docx.Document(str(built.out("docx")))
    docx_entries = [p.text for p in d.paragraphs if p.style.name == "Apparatus"]
    with zipfile.ZipFile(built.out("epub")) as z:
        xhtml = " ".join(z.read(n).decode() for n in z.namelist() if n.endswith(".xhtml"))
    epub_entries = re.findall(r'class="app-entry', xhtml)
    pdf_entries = apparatus_locations_pdf(built.out("pdf"))
    assert len(docx_entries) == len(epub_entries) == len(pdf_entries) > 60


def test_same_paragraph_numbers_everywhere(built):
    d = docx.Document(str(built.out("docx")))
    docx_numbers = [r.text for p in d.paragraphs for r in p.runs
                    if r.style is not None and r.style.name == "Paragraph Number"]
    with zipfile.ZipFile(built.out("epub")) as z:
        xhtml = " ".join(z.read(n).decode() for n in sorted(z.namelist())
                         if n.endswith(".xhtml"))
    epub_numbers = re.findall(r'<span[^>]*class="pnum"[^>]*>(\d+)</span>', xhtml)
    assert docx_numbers == epub_numbers == [str(i) for i in range(1, len(epub_numbers) + 1)]
    assert len(epub_numbers) > 50


def test_pdf_has_text_notes_apparatus_bibliography(built):
    text = "\n".join(p.extract_text() for p in PdfReader(str(built.out("pdf"))).pages)
    for needle in ("Note on the Text", "A fresh gust of wind", "Textual Notes", "Bibliography",
                   "Colophon", "History knows quite a few instances", "Robespierre"):
        assert needle in text, needle
    body = text.split("Textual Notes")[0]
    assert "Robsepierre" not in body
    assert "Robsepierre" in text.split("Textual Notes")[1]
