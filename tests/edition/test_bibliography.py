"""The .bib is validated with bibtexparser before anything is rendered."""

from __future__ import annotations

from pathlib import Path

import pytest

from conftest import ROOT, run_editio
from editio.edition import bibliography
from intake.test_source import check_error

BIB = Path("bib") / "references.bib"
SMALL = "bln600-3202982093"  # the smallest work: what is checked is the .bib and the citations


def append(root: Path, entry: str) -> int:
    path = root / BIB
    text = path.read_text(encoding="utf-8")
    path.write_text(text + entry, encoding="utf-8")
    return text.count("\n") + entry[: len(entry) - len(entry.lstrip("\n"))].count("\n") + 1


def test_syntax_error_names_the_entry_line(project, capsys):
    line = append(project, "\n@book{broken,\n  title = {No closing brace,\n  year = 1999,\n")
    check_error(project, capsys, 6, f"references.bib:{line}", "cannot parse entry")


def test_duplicate_key(project, capsys):
    line = append(project, "\n@book{marx1852brumaire,\n  author = {Marx, Karl},\n"
                  "  title = {Again},\n  year = {1852},\n}\n")
    check_error(project, capsys, 6, f"references.bib:{line}", "duplicate key 'marx1852brumaire'",
                "first at line")


def test_a_cited_entry_without_a_required_field_stops_the_build(project, capsys):
    line = append(project, "\n@article{nojournal,\n  author = {A, B},\n  title = {T},\n"
                  "  year = {2000},\n}\n")
    note = project / "source" / SMALL / "note.md"
    note.write_text(note.read_text(encoding="utf-8") + "\nSee [@nojournal].\n",
                    encoding="utf-8")
    check_error(project, capsys, 6, f"references.bib:{line}", "lacks the field journal",
                work=SMALL)


@pytest.mark.slow  # test-fast's budget: a whole build or a subprocess over a second
def test_an_uncited_entry_without_a_required_field_is_named_in_a_warning(project, capsys):
    line = append(project, "\n@article{nojournal,\n  author = {A, B},\n  title = {T},\n"
                  "  year = {2000},\n}\n")
    assert run_editio(project, "build", SMALL, "--to", "tei") == 0
    err = capsys.readouterr().err
    assert f"references.bib:{line}: warning: @article{{nojournal}} lacks the field journal" \
        in err, err
    assert err.count("nojournal") == 1


@pytest.mark.slow  # a make, and a build of the smallest work
def test_make_fails_on_a_broken_bib(project):
    """make remakes the .d files when the .bib changes (`editio deps`): a .bib it cannot read
    stops make there, as it would stop the build."""
    import os
    import shutil
    import subprocess

    from conftest import ROOT

    for name in ("Makefile", "requirements.txt", "pyproject.toml"):
        shutil.copy2(ROOT / name, project / name)
    (project / ".venv").symlink_to(ROOT / ".venv")
    env = {k: v for k, v in os.environ.items() if not k.startswith("MAKE")}

    def make(*args: str) -> subprocess.CompletedProcess:
        return subprocess.run(["make", "-o", ".venv/.installed", *args], cwd=project, env=env,
                              capture_output=True, text=True, timeout=300)

    assert make(f"dist/{SMALL}.tei.xml").returncode == 0  # its .d is written
    for broken in ("\n@book{broken,\n  title = {No closing brace,\n  year = 1999,\n",
                   "\n@book{dailynews1863court,\n  title = {Again},\n  year = {1863},\n}\n"):
        bib = project / BIB
        good = bib.read_text(encoding="utf-8")
        line = append(project, broken)
        done = make(f"dist/{SMALL}.tei.xml")
        assert done.returncode != 0, done.stdout + done.stderr
        assert f"references.bib:{line}: bibliography error" in done.stderr
        bib.write_text(good, encoding="utf-8")


def test_unknown_citation_key_in_the_note(project, capsys):
    note = project / "source" / SMALL / "note.md"
    note.write_text(note.read_text(encoding="utf-8") + "\nSee [@marx1853brumaire].\n",
                    encoding="utf-8")
    lines = note.read_text(encoding="utf-8").count("\n")
    check_error(project, capsys, 7, f"note.md:{lines}", "unknown citation key 'marx1853brumaire'",
                "did you mean marx1852brumaire", work=SMALL)


def test_unknown_source_key_in_front_matter(project, capsys):
    text = project / "source" / SMALL / "text.md"
    text.write_text(text.read_text(encoding="utf-8").replace(
        "source: dailynews1863court", "source: dailynews1863cour"), encoding="utf-8")
    check_error(project, capsys, 7, "unknown citation key 'dailynews1863cour'", "text.md:",
                work=SMALL)


def test_entries_are_structured_and_decoded_for_the_xml_outputs():
    entries = bibliography.entries(ROOT / "bib")
    chapter = entries["rakovsky1980dangers"]
    assert chapter.entry_type == "incollection"
    assert chapter.fields["title"] == "The \u201cProfessional Dangers\u201d of Power"
    assert chapter.fields["publisher"] == "Allison & Busby"
    assert chapter.names["editor"] == (bibliography.Name("Gus", "Fagan"),)
    assert entries["deutscher1966ironies"].full_title == \
        "Ironies of History: Essays on Contemporary Communism"
    assert entries["lloyds1861wilson"].names["author"] == (bibliography.Name("", "Anonymous"),)
    assert entries["lloyds1861wilson"].date == "1861-08-25"
    assert entries["deutscher1957russia"].fields["pages"] == "4\u201312"  # from 4--12


# Deutscher's books as the essay's bibliography files them under his name: by title, 'The
# Prophet Armed' under P (its sorttitle), as a library files it, not under T after 'Russia'.
FILED = ("Ironies of History", "Prophet Armed", "Russia After Stalin", "Russia in Transition")
FILED_KEYS = ("deutscher1966ironies", "deutscher1954prophet", "deutscher1953after",
              "deutscher1957transition")


def _order(text: str, names=FILED) -> list[str]:
    """The names in the order they stand in `text`'s bibliography (after its heading)."""
    text = " ".join(text.split()).replace("\u00ad", "")
    text = text[text.rindex("Bibliography"):]
    return sorted(names, key=lambda n: text.index(n) if n in text else len(text))


def test_the_style_sorts_by_the_sort_title_in_every_format(built):
    """PDF, EPUB and DOCX print the entries in one order, TEI's listBibl and JATS's ref-list
    hold them in it: the sorttitle's (with the sort title undone, 'The Prophet Armed' is
    filed after 'Russia: What Next?', and this fails)."""
    import zipfile

    import pypdf
    from lxml import etree

    pdf = pypdf.PdfReader(built.out("pdf"))
    assert _order("\n".join(p.extract_text() for p in pdf.pages[-6:])) == list(FILED)
    with zipfile.ZipFile(built.out("epub")) as z:
        refs = next(z.read(n).decode() for n in z.namelist()
                    if n.endswith(".xhtml") and 'id="refs"' in z.read(n).decode())
    assert _order(etree.tostring(etree.fromstring(refs.encode()), method="text",
                                 encoding="unicode")) == list(FILED)
    with zipfile.ZipFile(built.out("docx")) as z:
        body = etree.fromstring(z.read("word/document.xml"))
    words = "".join(t.text or "" for t in body.iter(
        "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}t"))
    assert _order(words.replace("Colophon", "")) == list(FILED)
    ids = {
        "tei": [e.get("{http://www.w3.org/XML/1998/namespace}id") for e in etree.parse(
            built.out("tei.xml")).iterfind(
            ".//{http://www.tei-c.org/ns/1.0}back//{http://www.tei-c.org/ns/1.0}biblStruct")],
        "jats": [e.get("id") for e in etree.parse(
            built.out("jats.xml")).iterfind(".//back/ref-list/ref")]}
    for found in ids.values():
        assert [i for i in found if i[4:] in FILED_KEYS] == [f"bib-{k}" for k in FILED_KEYS]


def test_a_sort_title_is_for_sorting_only():
    """The .bib the style sorts from has each sorttitle as its title; the entries printed
    keep their titles (entries() reads the .bib itself)."""
    sorting = bibliography.with_sort_titles(ROOT / BIB)
    assert "title = {Prophet Armed}" in sorting and "{The Prophet Armed}" not in sorting
    assert bibliography.sort_titles(ROOT / BIB)["deutscher1954prophet"] == "Prophet Armed"
    assert bibliography.entries(ROOT / "bib")["deutscher1954prophet"].fields["title"] == \
        "The Prophet Armed"


def test_a_build_parses_the_bib_once(tmp_path, monkeypatch):
    """One build of the golden book, every reader of the .bib in it (the check, citeproc's
    path, the entries the TEI and JATS set, make's extract), parses the file once; the
    writers take the entries from the Edition."""
    import bibtexparser

    from editio.judges import schemas
    from formats.test_golden_book import EPOCH, WORK, _copy

    root = _copy(tmp_path)
    parses: list[str] = []
    real = bibtexparser.parse_string
    monkeypatch.setattr(bibtexparser, "parse_string",
                        lambda text, *a, **k: parses.append(text) or real(text, *a, **k))
    monkeypatch.setattr(schemas, "check_tei_file", lambda *_: None)  # tei_all: 15 s
    monkeypatch.setenv("SOURCE_DATE_EPOCH", EPOCH)
    assert run_editio(root, "build", WORK, "--to", "tei,jats", "-q") == 0
    assert (root / "dist" / ".deps" / f"{WORK}.bib").is_file()  # the extract was written
    assert parses == [(root / BIB).read_text(encoding="utf-8")]


TWO_OF_1954 = """
@book{d1954prophet,
  author = {Deutscher, Isaac}, title = {The Prophet Armed}, sorttitle = {Prophet Armed},
  publisher = {Oxford University Press}, year = {1954},
}
@book{d1954russia,
  author = {Deutscher, Isaac}, title = {Russia in Transition}, publisher = {Coward-McCann},
  year = {1954},
}
"""


@pytest.mark.parametrize("style, listed", [
    # the style letters the two by their printed titles (R before T): 1954a is listed first,
    # though the sort title would file 'Prophet' before 'Russia'
    ("chicago-author-date", ["1954a. Russia in Transition", "1954b. The Prophet Armed"]),
    pytest.param("apa", ["(1954a). Russia in transition", "(1954b). The prophet armed"],
                 marks=pytest.mark.slow),  # test-fast's budget: three citeproc runs each
    # no letters: the sort title files them
    pytest.param("chicago-notes-bibliography", ["The Prophet Armed", "Russia in Transition"],
                 marks=pytest.mark.slow),
])
def test_year_letters_follow_the_order_the_bibliography_prints(tmp_path, style, listed):
    """An author-date style's 1954a and 1954b, in the text's citations and in the list, are
    the order the list prints them in, in every format (they all print the one list)."""
    from editio.base import pandoc
    from editio.base.csl import style_path
    from editio.base.pandoc_ast import iter_nodes, stringify
    from editio.edition.work import _file_by_sort_titles

    bib = tmp_path / "references.bib"
    bib.write_text(TWO_OF_1954, encoding="utf-8")
    doc = pandoc.parse_markdown("See [@d1954prophet] and [@d1954russia].\n\n::: {#refs}\n:::\n")
    csl = style_path(style)
    full = pandoc.citeproc(doc, bib, csl, "en-GB")
    _file_by_sort_titles(full, doc, bib, csl, "en-GB")
    entries = [stringify([n]) for n in iter_nodes(full["blocks"])
               if n.get("t") == "Div" and n["c"][0][0].startswith("ref-")]
    assert len(entries) == 2
    for entry, expected in zip(entries, listed, strict=True):
        assert expected in entry, entries
