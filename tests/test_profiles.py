"""A journal reprint is a profile: its Word style names, its citation style, an offprint."""

from __future__ import annotations

import re

import docx
import pytest
from pypdf import PdfReader

from conftest import ROOT, WORK, copy_project, run_editio


@pytest.fixture(scope="module")
def reprint(tmp_path_factory):
    root = copy_project(tmp_path_factory.mktemp("reprint"))
    text = root / "source" / WORK / "text.md"
    text.write_text(text.read_text(encoding="utf-8").replace(
        "profile: default", "profile: journal-reprint"), encoding="utf-8")
    assert run_editio(root, "build", WORK, "--to", "pdf,docx", "-q") == 0  # those read here
    return root / "dist"


def test_docx_uses_the_journals_style_names(reprint):
    d = docx.Document(str(reprint / f"{WORK}.docx"))
    used = {p.style.name for p in d.paragraphs}
    assert "JNL Textual Note" in used and "Apparatus" not in used
    runs = {r.style.name for p in d.paragraphs for r in p.runs if r.style is not None}
    assert "JNL Paragraph Number" in runs
    entries = [p for p in d.paragraphs if p.style.name == "JNL Textual Note"]
    text = (ROOT / "source" / WORK / "text.md").read_text(encoding="utf-8")
    # the whole apparatus, in one style an editor can keep or drop
    assert len(entries) == text.count("{.corr") > 60


def test_author_date_citations(reprint):
    d = docx.Document(str(reprint / f"{WORK}.docx"))
    body = "\n".join(p.text for p in d.paragraphs)
    # the copy-text cited as (Author Year), the year as the reference list gives it: with the
    # letter CSL adds where the author has two works of one year (the essay, its reprint)
    year = re.search(r"^Deutscher, Isaac\. (1957[a-z]?)\. ‘Russia in Transition’", body, re.M)
    assert year, body
    assert f"(Deutscher {year[1]})" in body


def test_offprint_first_page(reprint):
    pdf = PdfReader(str(reprint / f"{WORK}.pdf"))
    first = pdf.pages[0].extract_text()
    assert "Offprint" in first and "Reprinted" in first
    assert "Universities & Left Review" in first
    width, height = float(pdf.pages[0].mediabox.width), float(pdf.pages[0].mediabox.height)
    assert (round(width), round(height)) == (612, 792)  # US Letter
    text = "\n".join(p.extract_text() for p in pdf.pages)
    assert "[5]" in text and "[12]" in text  # the original's page numbers in the margin
