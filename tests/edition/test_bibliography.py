"""The .bib is validated with bibtexparser before anything is rendered."""

from __future__ import annotations

from pathlib import Path

from conftest import ROOT
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


def test_missing_required_field(project, capsys):
    line = append(project, "\n@article{nojournal,\n  author = {A, B},\n  title = {T},\n"
                  "  year = {2000},\n}\n")
    check_error(project, capsys, 6, f"references.bib:{line}", "lacks the field journal")


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
