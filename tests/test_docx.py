"""The real DOCX: Word footnotes, named styles, the same text and apparatus."""

from __future__ import annotations

import zipfile

import docx
import pytest
from lxml import etree

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


@pytest.fixture(scope="module")
def document(built):
    return docx.Document(str(built.out("docx")))


def test_real_word_footnotes(built):
    with zipfile.ZipFile(built.out("docx")) as z:
        notes = etree.fromstring(z.read("word/footnotes.xml"))
        body = z.read("word/document.xml").decode()
    real = [n for n in notes.iter(f"{W}footnote") if n.get(f"{W}type") is None]
    texts = ["".join(t.text or "" for t in n.iter(f"{W}t")) for n in real]
    assert any("History knows quite a few instances" in t for t in texts)
    assert any("Nagy and his faction" in t for t in texts)
    assert body.count("<w:footnoteReference") == len(real)


def test_named_styles_are_defined_and_used(document):
    defined = {s.name for s in document.styles}
    for name in ("Apparatus", "Paragraph Number", "Page Marker", "Footnote Text", "Heading 2"):
        assert name in defined
    used = {p.style.name for p in document.paragraphs}
    assert "Apparatus" in used and "Heading 2" in used
    runs = {r.style.name for p in document.paragraphs for r in p.runs if r.style is not None}
    assert "Paragraph Number" in runs


def test_text_and_apparatus(document):
    paragraphs = [p.text for p in document.paragraphs]
    start = paragraphs.index("Textual Notes")
    body, apparatus = "\n".join(paragraphs[:start]), "\n".join(paragraphs[start:])
    assert "Robespierre" in body and "Robsepierre" not in body
    assert "Robespierre] Robsepierre W" in apparatus
    assert "Bibliography" in paragraphs and "Colophon" in paragraphs


def test_core_properties(document):
    assert document.core_properties.title == "Russia in Transition"
    assert document.core_properties.author == "Isaac Deutscher"
