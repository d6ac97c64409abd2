"""Course readers: several works in one book, from a manifest and a profile only."""

from __future__ import annotations

import re
import shutil
import zipfile
from pathlib import Path

import docx
import pytest
from pypdf import PdfReader

from conftest import ROOT, copy_project, pdf_page_texts, run_editio
from editio.judges import ace as ace_run

WORKS = {"deutscher-1957": "Russia in Transition",
         "bln600-3206211949": "Trial of Capt. Wilson for Murder",
         "bln600-3202982093": "Central Criminal Court"}


@pytest.fixture(scope="module")
def reader(tmp_path_factory) -> Path:
    root = copy_project(tmp_path_factory.mktemp("volume"))
    # the formats read here (the teiCorpus is tests/test_tei.py's)
    assert run_editio(root, "volume", "reader", "--to", "pdf,epub,docx", "-q") == 0
    return root


def epub_xhtml(path: Path) -> dict[str, str]:
    with zipfile.ZipFile(path) as z:
        return {n: z.read(n).decode() for n in sorted(z.namelist()) if n.endswith(".xhtml")}


def pdf_pages(path: Path) -> list[str]:
    return list(pdf_page_texts(path))


def test_contents_points_to_each_opening(reader):
    pages = pdf_pages(reader / "dist" / "reader.pdf")
    contents = next(p for p in pages if p.lstrip().startswith("Contents"))
    for title in WORKS.values():
        match = re.search(re.escape(title) + r"[^\n]*?[\s.]+(\d+)\s*$", contents, re.MULTILINE)
        assert match, (title, contents)
        page = int(match.group(1))
        assert pages[page - 1].lstrip().startswith(title), (title, page)


def test_pages_are_numbered_continuously(reader):
    folios = []
    # the title page has no folio
    for index, text in enumerate(pdf_pages(reader / "dist" / "reader.pdf")[1:], 1):
        lines = [line.strip() for line in text.splitlines() if line.strip()]
        if lines and lines[-1].isdigit():
            folios.append((index + 1, int(lines[-1])))
    assert len(folios) > 30
    assert all(printed == physical for physical, printed in folios)


def test_each_work_keeps_its_own_apparatus(reader):
    xhtml = " ".join(epub_xhtml(reader / "dist" / "reader.epub").values())
    assert len(re.findall(r"<h\d[^>]*>Textual Notes</h\d>", xhtml)) == 3
    for work in WORKS:
        ids = re.findall(rf'id="{work}-app-(\d+)"', xhtml)
        text = (reader / "source" / work / "text.md").read_text(encoding="utf-8")
        assert len(ids) == text.count(".corr") > 40
        # emended words link to their own work's entries
        assert len(re.findall(rf'href="[^"]*#{work}-app-\d+"', xhtml)) > 40


def test_anchors_are_unique_across_the_book(reader):
    """Unique in the whole book, not just in each EPUB file (pandoc's own note ids aside)."""
    pandoc_own = re.compile(r"fn(ref)?\d+$|footnotes$")
    ids = [i for page in epub_xhtml(reader / "dist" / "reader.epub").values()
           for i in re.findall(r' id="([^"]+)"', page) if not pandoc_own.match(i)]
    duplicates = {i for i in ids if ids.count(i) > 1}
    assert not duplicates
    assert sum(i.startswith("bln600-3206211949-p-") for i in ids) > 5


def test_merged_bibliography_lists_each_work_once(reader):
    xhtml = " ".join(v for k, v in epub_xhtml(reader / "dist" / "reader.epub").items()
                     if not k.endswith("nav.xhtml"))
    refs = re.findall(r'id="ref-([^"]+)"', xhtml)
    assert len(refs) == len(set(refs)) >= 3
    assert {"deutscher1957russia", "lloyds1861wilson", "dailynews1863court"} <= set(refs)
    assert len(re.findall(r"<h\d[^>]*>Bibliography<", xhtml)) == 1


def test_docx_has_every_part(reader):
    d = docx.Document(str(reader / "dist" / "reader.docx"))
    paragraphs = [p.text for p in d.paragraphs]
    assert paragraphs.count("Textual Notes") == 3
    assert paragraphs.count("Note on the Text") == 3
    with zipfile.ZipFile(reader / "dist" / "reader.docx") as z:
        assert z.read("word/document.xml").count(b"<w:footnoteReference") > 3


@pytest.mark.slow
def test_per_work_bibliographies_when_the_profile_says_so(tmp_path):
    root = copy_project(tmp_path / "p")
    profile = root / "styles" / "profiles" / "course-a4.yaml"
    profile.write_text(profile.read_text(encoding="utf-8").replace(
        "volume-bibliography: merged", "volume-bibliography: per-work"), encoding="utf-8")
    assert run_editio(root, "volume", "reader", "--to", "epub", "-q") == 0
    xhtml = " ".join(v for k, v in epub_xhtml(root / "dist" / "reader.epub").items()
                     if not k.endswith("nav.xhtml"))
    assert xhtml.count(">Bibliography<") == 3
    refs = re.findall(r' id="([^"]*ref-[^"]+)"', xhtml)
    assert len(refs) == len(set(refs))


def test_a_manifest_naming_a_missing_work(tmp_path, capsys):
    root = copy_project(tmp_path / "p")
    manifest = root / "source" / "volumes" / "reader.yaml"
    manifest.write_text(manifest.read_text(encoding="utf-8").replace(
        "- deutscher-1957", "- deutscher-1975"), encoding="utf-8")
    assert run_editio(root, "volume", "reader") == 3
    err = capsys.readouterr().err
    assert "reader.yaml:" in err and "missing work 'deutscher-1975'" in err
    assert "did you mean deutscher-1957" in err


def test_unknown_volume_suggests(tmp_path, capsys):
    root = copy_project(tmp_path / "p")
    assert run_editio(root, "volume", "raeder") == 3
    assert "did you mean reader" in capsys.readouterr().err


def test_the_volume_epub_is_valid(reader):
    from editio.judges.epubcheck import run_epubcheck

    report = run_epubcheck(reader / "dist" / "reader.epub")
    assert (report.errors, report.warnings) == (0, 0), report.messages


def _top_level_bookmarks(path: Path) -> dict[str, int]:
    pdf = PdfReader(str(path))
    return {item.title: pdf.get_destination_page_number(item) + 1
            for item in pdf.outline if not isinstance(item, list)}


def test_every_work_opens_on_a_recto(reader):
    openings = _top_level_bookmarks(reader / "dist" / "reader.pdf")
    for title in WORKS.values():
        page = next(p for t, p in openings.items() if t.startswith(title))
        assert page % 2 == 1, f"{title} opens on p. {page}, a verso"


def test_contents_list_the_back_matter_with_spaced_leaders(reader):
    pages = pdf_pages(reader / "dist" / "reader.pdf")
    contents = next(p for p in pages if p.lstrip().startswith("Contents"))
    openings = _top_level_bookmarks(reader / "dist" / "reader.pdf")
    for title in ("Bibliography", "Colophon"):
        match = re.search(rf"^{title}\s\.[\s.]+(\d+)\s*$", contents, re.MULTILINE)
        assert match, (title, contents)
        assert int(match.group(1)) == openings[title]
    # a space between the title and the first leader dot, and before the page number
    assert re.search(r"Transition\s\.", contents)
    assert re.search(r"\.\s+3\s*$", contents, re.MULTILINE)


def test_the_reader_pdf_passes_the_structure_check(reader):
    """Three works in one tree: every note a Note after its call, every page's content
    tagged or an artifact, every link owned and described."""
    import pikepdf

    from editio.judges.pdfcheck import check_pdf

    path = reader / "dist" / "reader.pdf"
    assert check_pdf(path) == []
    with pikepdf.open(path) as pdf:
        kinds: dict[str, int] = {}

        def visit(elem):
            kids = elem.get("/K")
            for kid in [] if kids is None else list(kids) if isinstance(kids, pikepdf.Array) \
                    else [kids]:
                if isinstance(kid, pikepdf.Dictionary) and "/S" in kid:
                    kinds[str(kid.S)] = kinds.get(str(kid.S), 0) + 1
                    visit(kid)

        visit(pdf.Root.StructTreeRoot)
    assert kinds["/Note"] == kinds["/Reference"] > 0
    # one Sect per work's text: the page ends do not cut it
    assert kinds["/Sect"] < 60


def test_each_works_notes_count_from_1_as_its_apparatus_cites_them(reader):
    """The EPUB numbers the notes of each work's text from 1, as the PDF does, so that "n. 2"
    in a work's textual notes is the note called 2 in its text; the DOCX's textual notes
    cite the numbers its notes have there."""
    from lxml import etree

    ns = {"x": "http://www.w3.org/1999/xhtml", "epub": "http://www.idpf.org/2007/ops",
          "w": "http://schemas.openxmlformats.org/wordprocessingml/2006/main"}
    pages = {k.rsplit("/", 1)[-1]: etree.fromstring(v.encode())
             for k, v in epub_xhtml(reader / "dist" / "reader.epub").items()}
    essay = next(p for p in pages.values()
                 if p.xpath("//x:section[@id='deutscher-1957-text']", namespaces=ns))
    calls = essay.xpath("//x:section[@id='deutscher-1957-text']"
                        "//x:a[@epub:type='noteref']", namespaces=ns)
    assert ["".join(c.itertext()) for c in calls] == ["1", "2", "3"]
    # every "n. K" entry of the apparatus leads back into the note called K
    cited = {}  # corr id -> K
    for entry in essay.xpath("//x:div[contains(@class,'app-entry')]", namespaces=ns):
        loc = entry.xpath("string(.//*[@class='app-loc'])", namespaces=ns)
        if loc.startswith("n. "):
            back = entry.xpath(".//x:a[@role='doc-backlink']/@href", namespaces=ns)[0]
            cited[back.split("#")[1]] = loc[3:]
    assert set(cited.values()) == {"1", "2", "3"}
    for corr, number in cited.items():
        note = essay.xpath(f"//x:aside[.//*[@id='{corr}']]", namespaces=ns)[0]
        ref = essay.xpath(f"//x:a[@href='#{note.get('id')}']", namespaces=ns)[0]
        assert "".join(ref.itertext()) == number, corr
        # the note says its number itself, where a reading system shows it in the flow
        assert note.xpath("string(.//*[@class='note-number'])", namespaces=ns) == \
            f"{number}.", corr

    # The DOCX numbers its notes through the book with Word's own numbers (no section
    # restarts them: LibreOffice cannot read a per-section restart), and its textual notes
    # cite those: each "n. K" entry leads into the book's K-th note
    with zipfile.ZipFile(reader / "dist" / "reader.docx") as z:
        notes = etree.fromstring(z.read("word/footnotes.xml"))
        body = etree.fromstring(z.read("word/document.xml"))
    w = "{" + ns["w"] + "}"
    assert not body.xpath("//w:sectPr/w:footnotePr", namespaces=ns)
    assert not body.xpath("//w:footnoteReference[@w:customMarkFollows]", namespaces=ns)
    calls = [r.get(w + "id") for r in body.iter(w + "footnoteReference")]
    found = 0
    for link in body.xpath("//w:hyperlink[starts-with(w:r/w:t, 'n. ')]", namespaces=ns):
        number = int("".join(link.itertext())[3:])
        note = notes.xpath(f"//w:footnote[.//w:bookmarkStart[@w:name='{link.get(w + 'anchor')}']]",
                           namespaces=ns)[0]
        assert note.xpath(".//w:footnoteRef", namespaces=ns)
        assert calls.index(note.get(w + "id")) + 1 == number, link.get(w + "anchor")
        found += 1
    assert found >= len(cited)


@pytest.mark.slow  # LibreOffice lays the book out (about 15 s)
def test_libreoffice_prints_the_docx_notes_numbers_once_and_in_order(reader, tmp_path):
    """Opened in LibreOffice the reader's notes read 1, 2, ... through the book, each number
    once: with a restart in each work's text section (as Word reads it) LibreOffice 7.4
    printed 10, 11, 12 for the essay's notes and 0 for the next works', and this fails."""
    import shutil
    import subprocess

    from conftest import missing

    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    if soffice is None:
        missing("LibreOffice", "this test opens the DOCX in its word processor",
                "libreoffice-writer-nogui")
    subprocess.run([soffice, f"-env:UserInstallation={(tmp_path / 'lo').as_uri()}",
                    "--headless", "--convert-to", "pdf", "--outdir", str(tmp_path),
                    str(reader / "dist" / "reader.docx")], check=True, capture_output=True,
                   timeout=300)
    from lxml import etree

    w = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
    with zipfile.ZipFile(reader / "dist" / "reader.docx") as z:
        notes = etree.fromstring(z.read("word/footnotes.xml"))
        body = etree.fromstring(z.read("word/document.xml"))
    texts = {n.get(w + "id"): "".join(t.text or "" for t in n.iter(w + "t")).strip()
             for n in notes.iter(w + "footnote")}
    order = [texts[r.get(w + "id")] for r in body.iter(w + "footnoteReference")]
    laid_out = "\n".join(pdf_pages(tmp_path / "reader.pdf"))
    printed = []
    for text in order:  # each note's text, after the number LibreOffice prints for it
        head = " ".join(text.lstrip("\u00b0").split()[:4])
        found = re.search(r"(\d+)\s*\u00b0?\s*" + re.escape(head), laid_out)
        printed.append(found.group(1) if found else None)
    assert printed == [str(k) for k in range(1, len(order) + 1)], printed


def test_page_list_labels_are_the_page_numbers(reader):
    """Only the essay carries page numbers in the reader: its labels are the numbers as
    printed, from its first page (a work's short title would lead them only where two works
    share a number; test_epub_package tests that)."""
    nav = next(v for k, v in epub_xhtml(reader / "dist" / "reader.epub").items()
               if k.endswith("nav.xhtml"))
    page_list = re.search(r'<nav epub:type="page-list".*?</nav>', nav, re.S).group(0)
    labels = re.findall(r">([^<>]+)</a>", page_list)
    assert labels == [str(n) for n in range(4, 13)]


@pytest.mark.slow
def test_daisy_ace_finds_no_violation_in_the_volume(reader):
    report = ace_run.run_ace(ROOT, reader / "dist" / "reader.epub",
                             reader / "dist" / "reader.ace")
    assert report.report.is_file()
    assert report.violations == (), report.violations[:5]


def _page_texts(path: Path) -> list[str]:
    """Each page's text as pdfium extracts it: two builds' books are compared page by page,
    and pdfium reads the reader's text in 0.3 s of CPU (pypdf, in pure Python: 3.4 s)."""
    import pypdfium2 as pdfium

    pdf = pdfium.PdfDocument(str(path))
    texts = []
    try:
        for index in range(len(pdf)):
            page = pdf[index]
            text_page = page.get_textpage()
            texts.append(text_page.get_text_bounded())
            text_page.close()
            page.close()
    finally:
        pdf.close()
    return texts


def _book(path: Path) -> dict:
    """What a reader of the PDF meets: each page's text, page labels, the outline (title,
    level, page, height, open), the links (page, rectangle, target page or URI, words),
    the structure tree (element types in order, MCIDs per page), ParentTree keys."""
    import pikepdf

    with pikepdf.open(path) as pdf:
        index = {p.obj.objgen: i for i, p in enumerate(pdf.pages)}
        names = pdf.Root.get("/Names", {}).get("/Dests")
        flat = list(names.Names) if names is not None else []
        dests = {str(n): (index[d[0].objgen], round(float(d[3]), 1))
                 for n, d in zip(flat[::2], flat[1::2], strict=True)}
        outline = []

        def bookmarks(item, level):
            while item is not None:
                outline.append((level, str(item.Title), index[item.Dest[0].objgen],
                                round(float(item.Dest[3]), 1), int(item.get("/Count", 0))))
                bookmarks(item.get("/First"), level + 1)
                item = item.get("/Next")

        bookmarks(pdf.Root.Outlines.get("/First"), 1)
        links = [(i, tuple(round(float(x), 1) for x in a.Rect),
                  dests[str(a.Dest)] if "/Dest" in a else str(a.A.URI), str(a.Contents))
                 for i, p in enumerate(pdf.pages) for a in p.obj.get("/Annots", [])]
        types: list[str] = []
        mcids: dict[int, list[int]] = {}

        def visit(elem, page):
            page = elem.get("/Pg", page)
            types.append(str(elem.S))
            kids = elem.get("/K")
            for kid in [] if kids is None else kids if isinstance(kids, pikepdf.Array) \
                    else [kids]:
                if isinstance(kid, int):
                    mcids.setdefault(index[page.objgen], []).append(int(kid))
                elif kid.get("/Type") == "/MCR":
                    mcids.setdefault(index[kid.get("/Pg", page).objgen], []).append(
                        int(kid.MCID))
                elif kid.get("/Type") == "/OBJR":
                    types.append("OBJR")
                else:
                    visit(kid, page)

        root = pdf.Root.StructTreeRoot
        assert len(root.K) == 1
        visit(root.K[0], None)
        return {"text": _page_texts(path), "labels": repr(pdf.Root.get("/PageLabels")),
                "outline": outline, "links": links, "types": types,
                "mcids": {k: sorted(v) for k, v in mcids.items()}}


@pytest.mark.slow
def test_the_reader_built_in_parts_equals_one_built_whole(reader, tmp_path, monkeypatch):
    """Built (the module's reader, in parts), changed by one word in one work, built again:
    of the works only that one is laid out again, and the book is the one a single layout
    of the whole makes."""
    import shutil

    from editio.base.project import Project
    from editio.edition.volume import prepare_volume
    from editio.formats.pdf import book as pdf
    from editio.judges.pdfcheck import check_pdf

    root = tmp_path / "project"
    shutil.copytree(reader, root)
    parts = root / "dist" / ".cache" / "reader"
    before = {p.name: p.stat().st_mtime_ns for p in parts.glob("*.pdf")}
    assert sorted(before) == sorted(["front.pdf", "back.pdf", *(f"{w}.pdf" for w in WORKS)])
    text = root / "source" / "deutscher-1957" / "text.md"
    text.write_text(text.read_text(encoding="utf-8").replace(
        "[Robespierre]{", "[Robespierres]{", 1), encoding="utf-8")
    # one date for this build and the whole book's (the front and back matter print it)
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1767225600")
    assert run_editio(root, "volume", "reader", "--to", "pdf", "-q") == 0
    after = {p.name: p.stat().st_mtime_ns for p in parts.glob("*.pdf")}
    again = {n for n in after if after[n] != before[n]}
    assert again - {"front.pdf", "back.pdf"} == {"deutscher-1957.pdf"}

    incremental = root / "dist" / "reader.pdf"
    whole = tmp_path / "whole.pdf"
    pdf.write_pdf(Project(root), prepare_volume(Project(root), "reader"), whole,
                  in_parts=False)
    got, want = _book(incremental), _book(whole)
    assert any("Robespierres" in page for page in got["text"])
    for key in want:
        assert got[key] == want[key], key
    assert check_pdf(incremental) == []


@pytest.mark.slow
def test_a_new_build_time_alone_lays_out_no_part_again(reader, tmp_path, monkeypatch):
    """Outside git the build's time is the newest file's, which every edit moves; the pages
    do not show it (the day only), so no part is laid out again for it, and the book's
    document info and XMP still carry this build's time."""
    import shutil

    import pikepdf

    root = tmp_path / "project"
    shutil.copytree(reader, root)
    parts = root / "dist" / ".cache" / "reader"
    first, later = 1767225600, 1767225600 + 3 * 3600 + 7  # the same day
    monkeypatch.setenv("SOURCE_DATE_EPOCH", str(first))
    assert run_editio(root, "volume", "reader", "--to", "pdf", "-q") == 0
    before = {p.name: p.stat().st_mtime_ns for p in parts.glob("*.pdf")}
    book = _book(root / "dist" / "reader.pdf")
    monkeypatch.setenv("SOURCE_DATE_EPOCH", str(later))
    assert run_editio(root, "volume", "reader", "--to", "pdf", "-q") == 0
    assert {p.name: p.stat().st_mtime_ns for p in parts.glob("*.pdf")} == before
    assert _book(root / "dist" / "reader.pdf") == book
    with pikepdf.open(root / "dist" / "reader.pdf") as pdf:
        assert str(pdf.trailer.Info.CreationDate) == "D:20260101030007Z"
        assert str(pdf.trailer.Info.ModDate) == "D:20260101030007Z"
        with pdf.open_metadata() as xmp:
            assert xmp["xmp:CreateDate"] == "2026-01-01T03:00:07Z"


def test_the_docx_contents_give_each_works_page(reader):
    """A student working from reader.docx can cite a page: the contents list ends each
    entry with a PAGEREF to the work's opening, and every part has a PAGE-field folio."""
    from lxml import etree

    w = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
    with zipfile.ZipFile(reader / "dist" / "reader.docx") as z:
        body = etree.fromstring(z.read("word/document.xml"))
        footers = " ".join(z.read(n).decode() for n in z.namelist() if "footer" in n)
    refs = " ".join(body.xpath("//w:instrText/text()", namespaces={"w": w})).split()
    assert [refs[i + 1] for i, r in enumerate(refs) if r == "PAGEREF"][:3] == \
        [f"{work}-opening" for work in WORKS]
    assert "PAGE" in footers


def test_each_works_headings_keep_their_order_of_size(reader):
    """In the book each work's headings are one level down (its h1 an h2): the stylesheet
    sets them as in the work alone, so the note's heading is larger than its sections', and
    a newspaper's sub-heading (an h4 here) is not the heaviest type on its page."""
    import pdfplumber

    path = reader / "dist" / "reader.pdf"
    # pdfplumber reads the characters of a page only on the pages that hold the words
    # (pdfium's text finds them): every page of the book costs it about 8 s of CPU
    texts = [" ".join(text.replace("\u00ad", "").split()) for text in _page_texts(path)]

    def heading(pdf, words: str) -> tuple[float, str]:
        """The largest setting of `words` in the book (the heading, not a mention)."""
        found = [(round(m["chars"][0]["size"], 1), m["chars"][0]["fontname"])
                 for index, text in enumerate(texts) if words in text
                 for m in pdf.pages[index].search(words, regex=False)]
        assert found, words
        return max(found)

    with pdfplumber.open(path) as pdf:
        note, section = heading(pdf, "Note on the Text"), heading(pdf, "The copy-text")
        headline, subhead = heading(pdf, "CENTRAL CRIMINAL COURT."), heading(pdf, "OLD COURT.")
    # a part's heading, as in the work alone (1.43rem), over a section's (1.05rem)
    assert note[0] > 1.25 * section[0] and "Italic" in section[1], (note, section)
    assert headline[0] >= subhead[0] and "Bold" not in subhead[1], (headline, subhead)


def test_no_page_holds_a_single_textual_note(reader):
    """A page of textual notes holds two entries or more: neither a work's first entry alone
    at the foot of a page nor its last alone on the next (each was, in the reader)."""
    entry = re.compile(r"^(¶\s?\d+|n\.\s?\d+)[^\n]*, p\.\s?\d+", re.MULTILINE)
    counts = {i: len(entry.findall(text))
              for i, text in enumerate(_page_texts(reader / "dist" / "reader.pdf"), 1)}
    entries = {page: n for page, n in counts.items() if n}
    assert len(entries) >= 6 and all(n >= 2 for n in entries.values()), entries


def _twins(root: Path) -> Path:
    """A volume of the golden book and a second copy of it whose id begins with the first's
    ('golden', 'golden-ii'): its anchors ('golden-ii-pb-2') begin with the first's prefix."""
    for folder in ("bib", "styles"):
        shutil.copytree(ROOT / folder, root / folder)
    golden = ROOT / "tests" / "golden" / "book" / "golden"
    shutil.copytree(golden, root / "source" / "golden")
    shutil.copytree(golden, root / "source" / "golden-ii")
    text = root / "source" / "golden-ii" / "text.md"
    text.write_text(text.read_text(encoding="utf-8").replace(
        "title: A Golden Book", "title: A Second Book"), encoding="utf-8")
    (root / "source" / "volumes").mkdir()
    (root / "source" / "volumes" / "twins.yaml").write_text(
        "title: Twins\neditor: The editio editors\nworks: [golden, golden-ii]\n",
        encoding="utf-8")
    return root


@pytest.mark.slow  # prepares two works and writes an EPUB (about 8 s)
def test_each_part_is_its_own_works_though_one_id_begins_another(tmp_path):
    """Which work a heading or a page break belongs to is the opening's data, not its id's
    prefix: the second work's page breaks and running heads are its own."""
    from editio.base.project import Project
    from editio.edition.volume import prepare_volume
    from editio.formats.docx.writer import book_parts
    from editio.formats.epub.writer import write_epub

    project = Project(_twins(tmp_path))
    edition = prepare_volume(project, "twins")
    parts, _ = book_parts(edition, edition.doc["blocks"])
    heads = {p.bookmark: p.heads.title for p in parts}
    assert heads["golden-opening"] == "A Golden Book"
    assert heads["golden-ii-opening"] == heads["golden-ii-textual-notes"] == "A Second Book"
    target = write_epub(project, edition, tmp_path / "twins.epub")
    nav = next(v for k, v in epub_xhtml(target).items() if k.endswith("nav.xhtml"))
    page_list = re.search(r'<nav epub:type="page-list".*?</nav>', nav, re.S).group(0)
    # both works have pages 2 and 3: each label names its own work
    assert re.findall(r">([^<>]+)</a>", page_list) == [
        "A Golden Book 1", "A Golden Book 2", "A Golden Book 3",
        "A Second Book 1", "A Second Book 2", "A Second Book 3"]
