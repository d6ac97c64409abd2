"""The print edition, checked on the real PDF: pages, fonts, heads, notes, numbers, apparatus.

Each profile is built once per session into a copy of the project (about 5 s each).
"""

from __future__ import annotations

import io
import re
import shutil
from pathlib import Path

import fontpkg
import pdfplumber
import pypdf
import pytest
from fontTools.ttLib import TTFont

from editio import cli
from editio.base.pandoc_ast import iter_nodes, stringify
from editio.base.project import Project
from editio.edition.cache import load_or_prepare

ROOT = Path(__file__).resolve().parents[2]
WORK = "deutscher-1957"
SMALL = "bln600-3202982093"  # the smallest work
MM = 72 / 25.4
SIZES = {  # trim size in pt
    "default": (148 * MM, 210 * MM),
    "trade-6x9": (432.0, 648.0),
    "course-a4": (210 * MM, 297 * MM),
    "course-letter": (612.0, 792.0),
    "press-test": (148 * MM, 210 * MM),
}
# A test-only profile: A5 for a press, as PDF/A-3b with 3 mm bleed and crop marks.
PRESS_TEST = {"page": "a5", "pdf": "pdf:\n  variant: pdf/a-3b\n  bleed: 3mm\n  marks: crop\n"}
OPENING_PARTS = ("Note on the Text", "Russia in Transition", "Textual Notes", "Bibliography",
                 "Colophon")


def letters(text: str) -> str:
    """Only the letters: line ends, hyphens and margin numbers do not matter."""
    return re.sub(r"[^a-z]", "", text.lower())


class Built:
    def __init__(self, root: Path, work: str = WORK):
        self.root = root
        self.path = root / "dist" / f"{work}.pdf"
        self.reader = pypdf.PdfReader(self.path)
        self._plumber: list | None = None

    def plumber_pages(self) -> list:
        """Per page: (text, chars); read once."""
        if self._plumber is None:
            with pdfplumber.open(self.path) as pdf:
                # a tight x_tolerance keeps the narrow spaces of the apparatus
                self._plumber = [(p.extract_text(x_tolerance=1.5) or "", p.chars,
                                  float(p.width))
                                 for p in pdf.pages]
        return self._plumber

    def outline(self) -> list[tuple[int, str, int]]:
        """(level, title, 1-based page) for every bookmark."""
        out: list[tuple[int, str, int]] = []

        def walk(items: list, level: int) -> None:
            for item in items:
                if isinstance(item, list):
                    walk(item, level + 1)
                else:
                    out.append((level, item.title,
                                self.reader.get_destination_page_number(item) + 1))

        walk(self.reader.outline, 1)
        return out


def _profile(work: str) -> str:
    found = re.search(r"(?m)^profile: (.*)$", (ROOT / "source" / work / "text.md").read_text(
        encoding="utf-8"))
    assert found
    return found.group(1).strip()


@pytest.fixture(scope="session")
def build(tmp_path_factory, built):
    cache: dict[tuple[str, str], Built] = {}

    def make(profile: str, work: str = WORK) -> Built:
        if (profile, work) not in cache and work == WORK and profile == _profile(WORK):
            # the essay in its own profile is the session's build (tests/conftest.py, which
            # puts this file in its worker): the same PDF, byte for byte, not typeset again
            cache[profile, work] = Built(built.root, work)
        if (profile, work) not in cache:
            root = tmp_path_factory.mktemp(profile)
            # only this work: other works in source/ may be half-edited
            for folder in (f"source/{work}", "bib", "styles"):
                shutil.copytree(ROOT / folder, root / folder)
            if profile == "press-test":
                base = (root / "styles/profiles/default.yaml").read_text(encoding="utf-8")
                base = re.sub(r"(?ms)^pdf:\n(  .*\n)*", "", base) + PRESS_TEST["pdf"]
                (root / "styles/profiles/press-test.yaml").write_text(base, encoding="utf-8")
            text = root / "source" / work / "text.md"
            src = text.read_text(encoding="utf-8")
            assert re.search(r"(?m)^profile: ", src)
            text.write_text(re.sub(r"(?m)^profile: .*$", f"profile: {profile}", src, count=1),
                            encoding="utf-8")
            assert cli.main(["--root", str(root), "build", work, "--to", "pdf", "-q"]) == 0
            cache[profile, work] = Built(root, work)
        return cache[profile, work]

    return make


@pytest.fixture(scope="session")
def a5(build) -> Built:
    return build("default")


@pytest.mark.parametrize("profile", list(SIZES))
def test_page_size_and_fonts(build, profile):
    # the essay in its own profile (the session's build), the smallest work in the others:
    # a page size and its fonts are the profile's, whatever the work
    built = build(profile, WORK if profile == "default" else SMALL)
    width, height = SIZES[profile]
    for page in built.reader.pages:
        trim = page.trimbox
        assert float(trim.width) == pytest.approx(width, abs=0.6)
        assert float(trim.height) == pytest.approx(height, abs=0.6)
    fonts = set()
    for page in built.reader.pages:
        for font in (page["/Resources"].get("/Font") or {}).values():
            font = font.get_object()
            descendant = font["/DescendantFonts"][0].get_object() if "/DescendantFonts" in \
                font else font
            descriptor = descendant["/FontDescriptor"].get_object()
            assert any(k in descriptor for k in ("/FontFile", "/FontFile2", "/FontFile3")), \
                f"{font['/BaseFont']} is not embedded"
            fonts.add(str(font["/BaseFont"]))
    assert fonts
    for name in fonts:
        assert re.match(r"^/[A-Z]{6}\+", name), f"{name} is not a subset"
        assert "EB-Garamond" in name or "EBGaramond" in name, f"{name} is a fallback"


def test_bleed_crop_marks_and_pdfa(build):
    built = build("press-test", SMALL)  # the profile's, in any work: the quickest
    page = built.reader.pages[0]
    bleed = 3 * MM
    assert float(page.mediabox.width) == pytest.approx(float(page.trimbox.width) + 2 * bleed,
                                                       abs=0.6)
    assert "/TrimBox" in page and "/BleedBox" in page
    xmp = built.reader.xmp_metadata
    assert xmp is not None
    raw = xmp.stream.get_data().decode("utf-8")
    assert re.search(r"pdfaid:part[^0-9]{0,3}3", raw)
    assert re.search(r"pdfaid:conformance[^A-Z]{0,3}B", raw)
    assert "/OutputIntents" in built.reader.trailer["/Root"]


def test_metadata_and_tags(a5):
    meta = a5.reader.metadata
    assert meta.title == "Russia in Transition"
    assert meta.author == "Isaac Deutscher"
    assert "Russia in Transition" in (meta.subject or "")
    root = a5.reader.trailer["/Root"]
    assert root["/Lang"] == "en-GB"
    assert bool(root["/MarkInfo"]["/Marked"])
    assert "/StructTreeRoot" in root


def test_outline_has_the_headings(a5):
    outline = a5.outline()
    top = [title for level, title, _ in outline if level == 1]
    assert top == list(OPENING_PARTS)
    second = {title for level, title, _ in outline if level == 2}
    assert {"The copy-text", "A fresh gust of wind", "Despair and hope"} <= second
    pages = a5.plumber_pages()
    for _, title, page in outline:
        assert letters(title) in letters(pages[page - 1][0]), f"{title} is not on p. {page}"


def _head(chars: list, height_limit: float) -> str:
    return "".join(c["text"] for c in chars if c["top"] < height_limit).strip()


def test_running_heads(a5):
    openings = {1} | {page for level, _, page in a5.outline() if level == 1}
    pages = a5.plumber_pages()
    top_margin = 18 * MM  # page-a5.css
    seen_left = seen_right = 0
    for number, (_, chars, _) in enumerate(pages, start=1):
        head = _head(chars, top_margin - 2)
        if number in openings or not chars:
            assert head == "", f"p. {number} is an opening or blank page but has '{head}'"
        elif number % 2 == 0:
            assert head == "IsaacDeutscher" or head == "Isaac Deutscher", f"p. {number}: {head}"
            seen_left += 1
        else:
            assert head.replace(" ", "") == "RussiainTransition", f"p. {number}: {head}"
            seen_right += 1
    assert seen_left > 10 and seen_right > 10


def test_small_caps_are_the_fonts_own(a5):
    """The author on the title page is set with the smcp glyphs, not shrunk capitals."""
    font = TTFont(fontpkg.family("EB Garamond").files[0].path)
    upm = font["head"].unitsPerEm
    smcp = {}
    gsub = font["GSUB"].table
    for record in gsub.FeatureList.FeatureRecord:
        if record.FeatureTag == "smcp":
            for index in record.Feature.LookupListIndex:
                for sub in gsub.LookupList.Lookup[index].SubTable:
                    smcp.update(getattr(sub, "mapping", {}) or {})
    cmap = font.getBestCmap()
    _, chars, _ = a5.plumber_pages()[0]
    author = [c for c in chars if c["text"] in "Isaac Deutscher"
              and 12.5 < c["size"] < 14]
    assert "".join(c["text"] for c in author).replace(" ", "") == "IsaacDeutscher"
    for c in author:
        if c["text"].islower():
            glyph = smcp[cmap[ord(c["text"])]]
            assert (c["x1"] - c["x0"]) / c["size"] == pytest.approx(
                font["hmtx"][glyph][0] / upm, abs=0.005), c["text"]
            assert font["hmtx"][glyph][0] != font["hmtx"][cmap[ord(c["text"])]][0]


def _notes_and_calls(root: Path) -> list[tuple[int, str, str]]:
    """(number, letters just before the call, first letters of the note) per author's note."""
    edition = load_or_prepare(Project(root), WORK)
    out = []
    for node in iter_nodes(edition.doc["blocks"]):
        if node.get("t") != "Para":
            continue
        before = ""
        for inline in node["c"]:
            if inline.get("t") == "Note":
                note = letters(stringify(inline["c"]))[:40]
                out.append((len(out) + 1, letters(before)[-30:], note))
            before += stringify([inline]) if inline.get("t") != "Note" else ""
    return out


def test_footnotes_stand_on_the_page_of_their_call(a5):
    pages = [letters(text) for text, _, _ in a5.plumber_pages()]
    text_start = dict((t, p) for _, t, p in a5.outline())["Russia in Transition"]
    notes = [n for n in _notes_and_calls(a5.root)]
    author_notes = [(n, call, note) for n, call, note in notes
                    if any(note in page for page in pages[text_start - 1:])]
    assert len(author_notes) >= 3
    raw = [text for text, _, _ in a5.plumber_pages()]
    for _, call, note in author_notes:
        call_pages = [i for i, page in enumerate(pages) if call in page]
        note_pages = [i for i, page in enumerate(pages) if note in page]
        assert len(call_pages) == 1 and len(note_pages) == 1, (call, note)
        assert call_pages == note_pages, f"call on p. {call_pages[0] + 1}, note on " \
            f"p. {note_pages[0] + 1}"
    # the author's notes are numbered from 1 in the essay
    essay = "\n".join(raw[text_start - 1:])
    # (its ° links the textual note on the note number the OCR misread)
    assert re.search(r"^1\. \u00b0?It is difficult", essay, re.M)


def test_margin_numbers_stand_in_the_outer_margin(a5):
    pages = a5.plumber_pages()
    width = pages[0][2]
    inner, outer = 17 * MM, 21 * MM  # page-a5.css
    paragraphs = set()
    originals = set()
    parts = dict((t, p) for _, t, p in a5.outline())
    essay = range(parts["Russia in Transition"], parts["Textual Notes"])
    for number, (text, chars, _) in enumerate(pages, start=1):
        if number not in essay:
            continue
        recto = number % 2 == 1
        left_edge = inner if recto else outer
        right_edge = width - (outer if recto else inner)
        # margin numbers are the only text under 8 pt outside the notes' marker lines
        marks = [c for c in chars if c["text"] in "¶[" and c["size"] < 8]
        for mark in marks:
            if recto:
                assert mark["x0"] >= right_edge, f"p. {number}: margin number inside the text"
            else:
                assert mark["x1"] <= left_edge, f"p. {number}: margin number inside the text"
        paragraphs.update(int(n) for n in re.findall(r"¶\s?(\d+)", text))
        for n in re.findall(r"\[(\d+)\]", text):
            originals.add(int(n))
            assert "|" in text, f"p. {number}: the page-break bar of p. [{n}] is missing"
    last = max(paragraphs)
    assert last > 40 and paragraphs >= set(range(1, last + 1))
    source = (a5.root / "source" / WORK / "text.md").read_text(encoding="utf-8")
    assert originals == {int(n) for n in re.findall(r'\.pb n="(\d+)"', source)}


def test_apparatus_pages_point_at_the_emended_words(a5):
    pages = a5.plumber_pages()
    notes_page = dict((t, p) for _, t, p in a5.outline())["Textual Notes"]
    bib_page = dict((t, p) for _, t, p in a5.outline())["Bibliography"]
    apparatus = "\n".join(text for text, _, _ in pages[notes_page - 1:bib_page - 1])
    printed = [int(n) for n in re.findall(
        r"(?m)^(?:¶|n\.|start|end|heading)[^,\n]*,\sp\.\s?(\d+)\s", apparatus)]
    destinations = a5.reader.named_destinations
    expected = []
    for i in range(1, len(printed) + 1):
        expected.append(a5.reader.get_destination_page_number(destinations[f"corr-{i}"]) + 1)
    assert len(printed) == len([k for k in destinations if k.startswith("corr-")])
    assert printed == expected
    # and by eye, as it were: two emended words stand on the page the entry names
    for lemma in ("burevestnik", "Kardelj"):
        entry = re.search(rf"(?m)^.*,\sp\.\s?(\d+)\s{lemma}\]", apparatus)
        assert entry, lemma
        assert letters(lemma) in letters(pages[int(entry.group(1)) - 1][0])


def test_every_textual_note_is_reached_from_the_text(a5):
    """Each textual note is the target of a link in the text that a reader can click (an
    area, not a line): an emended word's, or for a reading with no words (a paragraph break
    the witness lacks, a deletion) a raised ° as in the EPUB and DOCX, where the summary
    says each note links to its reading. Without the ° the five structural notes are
    reached from nowhere in the PDF, and this fails."""
    import pikepdf

    with pikepdf.open(a5.path) as pdf:
        notes = {k for k in pikepdf.NameTree(pdf.Root.Names.Dests)
                 if re.fullmatch(r"app-\d+", k)}
        reached = set()
        for page in pdf.pages:
            for link in page.get("/Annots", []):
                target = str(link.get("/Dest", ""))
                if link.get("/Subtype") != "/Link" or target not in notes:
                    continue
                x0, y0, x1, y1 = (float(v) for v in link.Rect)
                assert abs(x1 - x0) > 1 and abs(y1 - y0) > 3, (target, list(link.Rect))
                reached.add(target)
    assert len(notes) > 60 and reached == notes
    text = "".join(t for t, _, _ in a5.plumber_pages())
    assert text.count("\u00b0") >= 5


def test_patterns_read_ahead_hyphenate_as_weasyprint_alone(monkeypatch):
    """The build reads the first work's hyphenation patterns while the edition is prepared
    (only a saving of time): the words break where WeasyPrint alone breaks them, and a
    language with no patterns is no error."""
    import pyphen
    from weasyprint import HTML

    from editio.formats.pdf.writer import load_hyphenation

    page = HTML(string='<html lang="en-GB"><p style="hyphens: auto; width: 4em">'
                       "internationalisation characteristically</p>")

    def lines() -> list[str]:
        return pypdf.PdfReader(io.BytesIO(page.write_pdf())).pages[0].extract_text().split("\n")

    monkeypatch.setattr(pyphen, "hdcache", {})  # patterns not yet read in this process
    alone = lines()
    assert [line for line in alone if line.endswith("\u2010")], alone  # words are broken
    monkeypatch.setattr(pyphen, "hdcache", {})
    load_hyphenation("en-GB")
    assert lines() == alone
    load_hyphenation("tlh")  # no patterns for Klingon: nothing to read, nothing raised


@pytest.mark.weasyprint_warns  # its point
def test_a_weasyprint_warning_fails_the_build(project: Path, capsys):
    """WeasyPrint logs, never raises, for CSS it ignores: the build turns that into an error
    that names the stylesheet and line (`font-weight: 650` would print as regular)."""
    css = project / "styles/pdf/edition.css"
    text = css.read_text(encoding="utf-8")
    assert "font-weight: 600;" in text
    css.write_text(text.replace("font-weight: 600;", "font-weight: 650;"), encoding="utf-8")
    line = text[:text.index("font-weight: 600;")].count("\n") + 1
    small = "bln600-3202982093"  # the stylesheet is every work's: the smallest one is set
    target = project / "dist" / f"{small}.pdf"
    assert cli.main(["--root", str(project), "build", small, "--to", "pdf", "-q"]) == 11
    err = capsys.readouterr().err
    assert f"edition.css:{line}:" in err and "font-weight: 650" in err
    assert not target.exists()


@pytest.mark.weasyprint_warns  # logs as WeasyPrint would
def test_weasyprint_warnings_are_collected_in_their_own_thread():
    import logging
    import threading

    from editio.formats.pdf.writer import weasyprint_warnings

    logger = logging.getLogger("weasyprint")
    with weasyprint_warnings() as messages:
        logger.warning("seen")
        logger.info("below the level")
        other = threading.Thread(target=lambda: logger.warning("another build's"))
        other.start()
        other.join()
    logger.warning("after the block")
    assert messages == ["seen"]


def _struct(path: Path):
    """(type, ID, kid types) of every structure element, in reading order."""
    import pikepdf

    out = []
    with pikepdf.open(path) as pdf:
        def kids(elem):
            k = elem.get("/K")
            return [] if k is None else list(k) if isinstance(k, pikepdf.Array) else [k]

        def visit(elem):
            sub = [k for k in kids(elem) if isinstance(k, pikepdf.Dictionary) and "/S" in k]
            out.append((str(elem.S)[1:], bytes(elem.get("/ID", b"")).decode(),
                        [str(k.S)[1:] for k in sub],
                        [str(k.Obj.get("/Contents", "")) for k in kids(elem)
                         if isinstance(k, pikepdf.Dictionary) and k.get("/Type") == "/OBJR"]))
            for k in sub:
                visit(k)

        for k in kids(pdf.Root.StructTreeRoot):
            visit(k)
    return out


def test_the_structure_tree_is_complete(a5):
    """Notes are Note (label first, after their call), links are owned by Link and say
    where they go, a section or paragraph cut by a page end is one element."""
    from editio.judges.pdfcheck import check_pdf

    assert check_pdf(a5.path) == []
    tree = _struct(a5.path)
    notes = [(ident, kids) for s, ident, kids, _ in tree if s == "Note"]
    calls = [ident for s, ident, _, _ in tree if s == "Reference"]
    # one Note per note of the edition (the author's, and the citations' in a note style)
    edition = load_or_prepare(Project(a5.root), WORK)
    count = sum(1 for n in iter_nodes(edition.doc["blocks"]) if n.get("t") == "Note")
    assert len(notes) == count >= 10 and all(kids[0] == "Lbl" for _, kids in notes)
    assert calls == [f"{ident}::footnote-call" for ident, _ in notes]
    ids = [ident for _, ident, _, _ in tree if ident]
    assert len(ids) == len(set(ids))
    # WeasyPrint cuts the tree at every page end; joined, each part is one element
    document = tree[0]
    assert document[0] == "Document" and document[2].count("Sect") == 3  # note, text, bib
    assert sum(1 for s, ident, _, _ in tree if s == "Sect" and ident == "text") == 1
    described = [c for s, _, _, contents in tree if s == "Link" for c in contents]
    assert "Textual note: ¶ 9 burevestnik" in described
    assert any(c.startswith("Back to the text: ¶ ") for c in described)
    assert any(re.fullmatch(r"Note \d+", c) for c in described)


def test_the_pdfa_variant_passes_the_check(build):
    from editio.judges.pdfcheck import check_pdf

    # the variant's own (its metadata, output intent, bleed) in the smallest work, which
    # has links, a citation, the apparatus and a table; the essay's footnotes are checked
    # in its own profile (tests/commands/test_check.py)
    assert check_pdf(build("press-test", SMALL).path) == []


def test_line_end_hyphens_are_soft(a5):
    """A hyphenation's hyphen is printed, but reads as U+00AD, which extraction drops:
    copied or read aloud, "cer- tainly" is "certainly"."""
    import pikepdf

    chars = [c["text"] for _, page_chars, _ in a5.plumber_pages() for c in page_chars]
    assert "\u2010" not in chars
    with pikepdf.open(a5.path) as pdf:
        maps = {f.ToUnicode.objgen: f.ToUnicode.read_bytes() for page in pdf.pages
                for f in page.Resources.Font.values() if "/ToUnicode" in f}
    assert sum(m.count(b"<00AD>") for m in maps.values()) >= 2  # roman and italic


def test_the_smallest_works_tree_reads_as_its_html(build):
    """Read from the smallest work's PDF: it opens on its outline; each paragraph is one P
    (not a P in a P), no Link holds a Link (its citation note's <a> holds a <span> and an
    <em>); the table's header cells say what they head, and its cells' /Headers lead
    through the IDTree to them; each embedded font program has a name of its own."""
    import hashlib

    import pikepdf

    with pikepdf.open(build("default", SMALL).path) as pdf:
        assert pdf.Root.PageMode == "/UseOutlines"
        root = pdf.Root.StructTreeRoot
        names = list(root.IDTree.Names)
        ids = {bytes(k): v for k, v in zip(names[::2], names[1::2], strict=True)}
        found = {"P in P": 0, "Link in Link": 0, "P": 0, "TH": 0, "headers": 0}

        def visit(elem, above: frozenset) -> None:
            s = str(elem.S)[1:]
            found["P in P"] += s == "P" and "P" in above
            found["Link in Link"] += s == "Link" and "Link" in above
            found["P"] += s == "P"
            if s == "TH":
                found["TH"] += 1
                assert elem.A.Scope == "/Column" and ids[bytes(elem.ID)].objgen == elem.objgen
            if s == "TD":
                for header in elem.A.get("/Headers", []):
                    assert ids[bytes(header)].S == "/TH"
                    found["headers"] += 1
            kids = elem.get("/K")
            for kid in kids if isinstance(kids, pikepdf.Array) else [kids]:
                if isinstance(kid, pikepdf.Dictionary) and "/S" in kid:
                    visit(kid, above | {s})

        visit(root.K[0], frozenset())
        assert found["P in P"] == 0 and found["Link in Link"] == 0, found
        assert found["P"] > 10 and found["TH"] == 2 and found["headers"] >= 10, found
        programs: dict[str, set] = {}
        for page in pdf.pages:
            for font in page.obj.Resources.Font.values():
                descriptor = font.DescendantFonts[0].FontDescriptor
                program = descriptor.get("/FontFile2") or descriptor.get("/FontFile3")
                programs.setdefault(str(font.BaseFont), set()).add(
                    hashlib.sha256(program.read_bytes()).digest())
        assert all(len(p) == 1 for p in programs.values())
