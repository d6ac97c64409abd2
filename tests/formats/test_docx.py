"""The real DOCX: Word footnotes, named styles, the same text and apparatus."""

from __future__ import annotations

import re
import zipfile

import docx
import pytest
from lxml import etree

from conftest import missing

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
    # the reading text: from the heading after the note on the text's (which may quote the
    # OCR's readings) to the textual notes
    note = paragraphs.index("Note on the Text")
    text = next(i for i in range(note + 1, start)
                if document.paragraphs[i].style.name == "Heading 1")
    body, apparatus = "\n".join(paragraphs[text:start]), "\n".join(paragraphs[start:])
    assert "Robespierre" in body and "Robsepierre" not in body
    assert "Robespierre] Robsepierre W" in apparatus
    assert "Bibliography" in paragraphs and "Colophon" in paragraphs


def test_core_properties(document):
    assert document.core_properties.title == "Russia in Transition"
    assert document.core_properties.author == "Isaac Deutscher"


def test_text_links_to_its_textual_notes(built):
    """Each emended word links to its entry in the textual notes, which links back; every
    entry is linked from the text or its footnotes (a reading with no words by its °)."""
    with zipfile.ZipFile(built.out("docx")) as z:
        body = etree.fromstring(z.read("word/document.xml"))
        notes = etree.fromstring(z.read("word/footnotes.xml"))
    anchors = [h.get(f"{W}anchor") for part in (body, notes) for h in part.iter(f"{W}hyperlink")]
    marks = {b.get(f"{W}name") for b in body.iter(f"{W}bookmarkStart")}
    to_notes = [a for a in anchors if a and a.startswith("app-")]
    back = [a for a in anchors if a and a.startswith("corr-")]
    assert len(to_notes) > 50 and len(back) > 50
    assert set(to_notes) == {m for m in marks if re.fullmatch(r"app-\d+", m or "")}


def test_page_and_font_are_in_the_package(built):
    with zipfile.ZipFile(built.out("docx")) as z:
        body = etree.fromstring(z.read("word/document.xml"))
        table = etree.fromstring(z.read("word/fontTable.xml"))
        names = set(z.namelist())
    size = body.find(f".//{W}sectPr/{W}pgSz")
    assert (int(size.get(f"{W}w")), int(size.get(f"{W}h"))) == (8391, 11906)  # A5 in twips
    font = next(f for f in table.iter(f"{W}font") if f.get(f"{W}name") == "EB Garamond")
    embeds = [e for e in font if etree.QName(e).localname.startswith("embed")]
    assert len(embeds) == 4 and all(e.get(f"{W}fontKey") for e in embeds)
    assert sum(n.startswith("word/fonts/") for n in names) == 4


@pytest.mark.slow
def test_libreoffice_sets_the_docx_in_the_book_face_on_a5(built, tmp_path):
    """LibreOffice, as a real word processor (and without EB Garamond installed), prints
    the DOCX on A5, in the embedded EB Garamond, with the footnotes and the links."""
    import shutil
    import subprocess

    import pdfplumber
    import pikepdf

    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    if soffice is None:
        missing("LibreOffice", "this test opens the DOCX in its word processor",
                "libreoffice-writer-nogui")
    profile = tmp_path / "lo-profile"
    subprocess.run([soffice, f"-env:UserInstallation={profile.as_uri()}", "--headless",
                    "--convert-to", "pdf", "--outdir", str(tmp_path), str(built.out("docx"))],
                   check=True, capture_output=True, timeout=300)
    out = tmp_path / "deutscher-1957.pdf"
    with pikepdf.open(out) as pdf:
        sizes = {tuple(round(float(v)) for v in page.mediabox[2:]) for page in pdf.pages}
        fonts = {str(f.BaseFont).split("+")[-1] for page in pdf.pages
                 for f in (page.Resources.get("/Font") or {}).values()}
        links = sum(1 for page in pdf.pages for a in page.obj.get("/Annots") or []
                    if a.get("/Subtype") == "/Link")
    assert sizes == {(420, 595)}  # A5
    text_faces = {f for f in fonts if "Mono" not in f and "Symbol" not in f}
    assert {"EBGaramond-Regular", "EBGaramond-Italic"} <= text_faces
    assert all(f.startswith("EBGaramond") for f in text_faces), fonts
    assert links > 100
    with pdfplumber.open(out) as pdf:
        page = next(p for p in pdf.pages
                    if "History knows quite a few instances" in (p.extract_text() or ""))
        # a real footnote: below the end of the text, under the line of its call
        note = page.search("History knows quite a few instances")[0]
        call_line = page.search("the wonder is that it is done at all")[0]
        assert note["top"] > call_line["bottom"]
        texts = [p.extract_text() or "" for p in pdf.pages]
    # a folio (the PAGE field) at the foot of every page but the title page
    assert [t.strip().splitlines()[-1] for t in texts[1:]] == \
        [str(n) for n in range(2, len(texts) + 1)]
    assert texts[0].strip().splitlines()[-1] != "1"
    # Word's own note numbers, printed once ("11 History", not "1111"), through the book:
    # the text's three notes follow the note on the text's nine citations, and the textual
    # notes cite them so
    heads = re.findall(r"(?m)^(\d+) \u00b0?(It is difficult|History knows|Nagy and)",
                       "\n".join(texts))
    assert [n for n, _ in heads] == ["10", "11", "12"]
    assert re.search(r"(?m)^n\. 10 om\.\]", "\n".join(texts))
