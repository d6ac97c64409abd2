"""One edition, three formats: the same text, notes, apparatus and bibliography."""

from __future__ import annotations

import re
import zipfile

import docx
from pypdf import PdfReader

from conftest import WORK, pdf_page_texts
from editio.base.project import Project
from editio.edition.cache import load_or_prepare
from editio.edition.work import prepare


def apparatus_locations_pdf(path) -> list[str]:
    text = "\n".join(pdf_page_texts(path))
    part = text.split("Textual Notes")[-1].split("Bibliography")[0]
    return re.findall(r"(?:¶ ?\d+|n\. \d)(?=, p\.\s\d+)", part)


def test_counts_come_from_the_markup(built):
    """The counts by kind are those of the spans the editor wrote, counted in text.md
    itself (without kind=, a span with block= is structural, any other an OCR emendation).
    The edition is the session's build's, as its cache holds it (prepared again, the essay
    costs seconds of CPU)."""
    edition = load_or_prepare(Project(built.root), WORK)
    written = (built.root / "source" / WORK / "text.md").read_text(encoding="utf-8")
    spans = re.findall(r"\]\{\.corr\b[^}]*\}", written)
    kinds = [m.group(1) if (m := re.search(r'kind="(\w+)"', s)) else
             "structural" if "block=" in s else "ocr" for s in spans]
    assert edition.counts == {kind: kinds.count(kind) for kind in edition.counts}
    assert sum(edition.counts.values()) == len(spans) > 60


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
    # Word has no generated text: its numbers carry the ¶ the EPUB's CSS puts before them
    assert all(n.startswith("\u00b6\u00a0") for n in docx_numbers)
    docx_numbers = [n[2:] for n in docx_numbers]
    assert docx_numbers == epub_numbers == [str(i) for i in range(1, len(epub_numbers) + 1)]
    assert len(epub_numbers) > 50


def test_pdf_has_text_notes_apparatus_bibliography(built):
    reader = PdfReader(str(built.out("pdf")))
    pages = pdf_page_texts(built.out("pdf"))
    text = "\n".join(pages)
    for needle in ("Note on the Text", "A fresh gust of wind", "Textual Notes", "Bibliography",
                   "Colophon", "History knows quite a few instances", "Robespierre"):
        assert needle in text, needle
    # the OCR's reading stands in the apparatus, never in the reading text (the note on the
    # text may quote it): the text's pages are those its outline entry begins
    parts = {o.title: reader.get_destination_page_number(o) for o in reader.outline
             if not isinstance(o, list)}
    essay = "\n".join(pages[parts["Russia in Transition"]:parts["Textual Notes"]])
    assert "Robespierre" in essay and "Robsepierre" not in essay
    assert "Robsepierre" in "\n".join(pages[parts["Textual Notes"]:parts["Bibliography"]])


def _git(cwd, *args, date=None):
    import os
    import subprocess

    env = {**os.environ, "GIT_AUTHOR_DATE": date or "", "GIT_COMMITTER_DATE": date or ""}
    subprocess.run(["git", "-c", "user.name=editio", "-c", "user.email=editio@example.org",
                    *args], cwd=cwd, check=True, capture_output=True, env=env)


def test_the_date_outside_git_is_the_newest_source_file(project, monkeypatch):
    """A zip download or `git archive`: no history, yet never 1970."""
    import os

    from editio.edition.work import build_epoch

    monkeypatch.delenv("SOURCE_DATE_EPOCH", raising=False)
    small = "bln600-3202982093"  # any work dates itself so: the smallest is quickest
    work = project / "source" / small
    for path in work.iterdir():
        os.utime(path, (1_600_000_000, 1_600_000_000))
    os.utime(work / "note.md", (1_650_000_000, 1_650_000_000))
    assert build_epoch(Project(project), [work]) == 1_650_000_000
    edition = prepare(Project(project), small)
    assert edition.build_date == "2022-04-15" and edition.epoch == 1_650_000_000
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000000")
    assert build_epoch(Project(project), [work]) == 1_700_000_000


def test_the_date_in_git_is_the_last_commit_that_touched_the_work(project, monkeypatch):
    from editio.edition.work import build_epoch

    monkeypatch.delenv("SOURCE_DATE_EPOCH", raising=False)
    _git(project, "init", "-q")
    _git(project, "add", "source/deutscher-1957", "bib", "styles")
    _git(project, "commit", "-q", "-m", "essay", date="2024-01-02T12:00:00Z")
    _git(project, "add", "-A")
    _git(project, "commit", "-q", "-m", "the rest", date="2025-03-04T12:00:00Z")
    works = project / "source"
    assert build_epoch(Project(project), [works / WORK]) == 1_704_196_800
    assert build_epoch(Project(project), [works / "bln600-3202982093"]) == 1_741_089_600
    # a work not yet committed is dated by its files, not by the last commit
    fresh = works / "fresh"
    fresh.mkdir()
    (fresh / "text.md").write_text("draft\n", encoding="utf-8")
    assert abs(build_epoch(Project(project), [fresh]) - (fresh / "text.md").stat().st_mtime) < 1
