"""pdfcheck.py: the structure check fails on a PDF with WeasyPrint's tagging alone, and
passes the same document once pdf_tags.py has completed its tree."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

import pytest
from weasyprint import HTML

from editio.formats.pdf import tags as pdf_tags
from editio.judges.pdfcheck import check_pdf, claims

# A tiny book with what the real one has: a running head and folio, a footnote, a link to
# a textual note, a paragraph number in the margin, a paragraph across a page end, a
# citation whose link holds a span and an emphasis, a table with header cells.
SMALL_BOOK = """<!DOCTYPE html><html lang="en-GB"><head><title>A Small Book</title>
<style>
@page { size: 100mm 80mm; margin: 15mm;
        @top-center { content: "A Small Book" } @bottom-center { content: counter(page) } }
body { font-family: serif; font-size: 10pt; }
.footnote { float: footnote; }
.pnum { position: absolute; right: -10mm; }
</style></head><body>
<section id="text"><h1>A Small Book</h1>
<p style="position: relative"><span class="pnum">1</span>Words that go on
<a href="#app-1" title="Textual note: ¶ 1 words">and on</a><span class="footnote"
id="fn-1">A note.</span> {more}</p></section>
<div id="app-1"><p><a href="#text">¶ 1</a> words ] wrods W</p>
<p>See <a href="#text">Anon., <span>‘A Trial’</span>, <em>A Paper</em></a>.</p></div>
<table><thead><tr><th>kind</th><th>n</th></tr></thead>
<tbody><tr><td>ocr</td><td>3</td></tr></tbody></table>
</body></html>""".replace("{more}", "and on, " * 120)


def _weasyprint_only(path: Path) -> Path:
    HTML(string=SMALL_BOOK).write_pdf(path, pdf_tags=True)
    return path


def test_weasyprints_own_tagging_fails(tmp_path: Path):
    found = check_pdf(_weasyprint_only(tmp_path / "old.pdf"))
    rules = {f.rule for f in found}
    # no XMP; running head and folio in no element; links described by their target id;
    # the paragraph with a margin number a P in a P (on each page it stands on); the
    # header cells found by no IDTree and saying nothing of what they head; the outline
    # closed
    assert {"06-001", "01-005", "28-004", "nesting", "id-tree", "table-headers",
            "page-mode"} <= rules, found
    nesting = {f.message: f.count for f in found if f.rule == "nesting"}
    assert nesting["P elements inside a P"] >= 1
    unreached = next(f for f in found if f.rule == "01-005")
    assert unreached.count >= 4  # head and folio on each of at least two pages


def _completed(path: Path, variant: str | None = None) -> Path:
    """The small book as editio writes it: links as the writer leaves them, tagged, finished."""
    from editio.formats.pdf.writer import _link_note_calls

    document = HTML(string=SMALL_BOOK).render(pdf_tags=True, pdf_variant=variant)
    _link_note_calls(document)  # which also keeps only the outermost box of a link
    with pdf_tags.tagging():
        document.write_pdf(path, pdf_tags=True, pdf_variant=variant)
    pdf_tags.finish(path, pdf_tags.Metadata("A Small Book", "An Author", "en-GB", "A test",
                                            datetime(2026, 1, 1, tzinfo=UTC)))
    assert len(document.pages) >= 2
    return path


def test_the_completed_tree_passes(tmp_path: Path):
    assert check_pdf(_completed(tmp_path / "new.pdf")) == []


def test_a_link_annotation_on_each_box_of_a_link_nests_links(tmp_path: Path, monkeypatch):
    """Each box inside a link has an annotation of its own in WeasyPrint; owned by a Link
    each (as the tagging makes them), the citation's span and emphasis are Links inside
    its Link, which the check finds."""
    from editio.formats.pdf import writer

    monkeypatch.setattr(writer, "_outermost_links", lambda _box, links: links)
    found = check_pdf(_completed(tmp_path / "nested.pdf"))
    assert {f.message: f.count for f in found if f.rule == "nesting"} == {
        "Link elements inside a Link": 2}, found


def test_the_second_checker_passes_the_completed_tree_only(tmp_path: Path):
    """pdfua (PyPI) warns of header cells that say nothing of what they head (UA-15-003)
    in WeasyPrint's own tree, and finds nothing in ours."""
    from editio.judges.pdfua_judge import judge

    old = judge(_weasyprint_only(tmp_path / "old.pdf")).findings
    assert any(f.startswith("UA-15-003") for f in old), old
    assert judge(_completed(tmp_path / "new.pdf")).findings == []


def test_the_pdfua_variant_identifies_itself_as_the_second_checker_reads_it(tmp_path: Path):
    import pikepdf
    from pdfua import validate

    path = _completed(tmp_path / "ua.pdf", "pdf/ua-1")
    with pikepdf.open(path) as pdf, pdf.open_metadata() as xmp:
        assert xmp.get("pdfuaid:part") == "1"
    assert [f.rule_id for f in validate(str(path)).findings] == []


def test_an_untagged_pdf_fails(tmp_path: Path):
    path = tmp_path / "untagged.pdf"
    HTML(string=SMALL_BOOK).write_pdf(path)
    assert "01-005" in {f.rule for f in check_pdf(path)}


@pytest.mark.parametrize(("variant", "claimed"), [("pdf/a-3b", {"pdf/a-3b"}),
                                                  ("pdf/ua-1", {"pdf/ua-1"})])
def test_claims_are_read_from_the_xmp(tmp_path: Path, variant, claimed):
    import pikepdf

    path = tmp_path / "claim.pdf"
    HTML(string=SMALL_BOOK).write_pdf(path, pdf_variant=variant)
    with pikepdf.open(path) as pdf:
        assert claims(pdf) == claimed


def test_a_table_across_pages_keeps_one_header(tmp_path: Path):
    """WeasyPrint repeats a table's header on each page; joined, the table has one THead
    and every cell's /Headers names a header cell that exists."""
    import pikepdf

    rows = "".join(f"<tr><td>{n}</td><td>row {n}</td></tr>" for n in range(60))
    html = (f'<html lang="en"><head><title>T</title><style>@page {{ size: 100mm 80mm }}'
            f'</style></head><body><table><thead><tr><th>n</th><th>what</th></tr></thead>'
            f'<tbody>{rows}</tbody></table></body></html>')
    path = tmp_path / "table.pdf"
    document = HTML(string=html).render(pdf_tags=True)
    assert len(document.pages) >= 3
    with pdf_tags.tagging():
        document.write_pdf(path, pdf_tags=True)
    pdf_tags.finish(path, pdf_tags.Metadata("T", "A", "en", "t", datetime(2026, 1, 1,
                                                                          tzinfo=UTC)))
    assert check_pdf(path) == []
    with pikepdf.open(path) as pdf:
        def find(elem, kind):
            kids = elem.get("/K")
            kids = [] if kids is None else list(kids) if isinstance(kids, pikepdf.Array) \
                else [kids]
            for kid in kids:
                if isinstance(kid, pikepdf.Dictionary) and "/S" in kid:
                    if str(kid.S) == kind:
                        yield kid
                    yield from find(kid, kind)

        tables = list(find(pdf.Root.StructTreeRoot, "/Table"))
        assert len(tables) == 1
        assert len([k for k in tables[0].K if k.get("/S") == "/THead"]) == 1


def test_the_second_checker_runs_every_rule_and_finds_an_empty_heading(tmp_path: Path):
    """pdfua 0.1.3's empty-heading rule (UA-14-001) raised inside the checker on a heading
    whose /K is an array (pikepdf's ValueError); with the judge's shim it runs on the tree
    as we write it, passes its headings, and finds one emptied."""
    import pikepdf

    from editio.judges.pdfua_judge import judge

    path = _completed(tmp_path / "book.pdf")
    verdict = judge(path)
    assert verdict.skipped == [] and verdict.findings == [], verdict
    with pikepdf.open(path) as pdf:
        headings = [e for e in _elements(pdf.Root.StructTreeRoot) if e.get("/S") == "/H1"]
        assert headings and isinstance(headings[0].K, pikepdf.Array)
        headings[0].K = pikepdf.Array()
        pdf.save(tmp_path / "empty.pdf")
    assert [f.split()[0] for f in judge(tmp_path / "empty.pdf").findings] == ["UA-14-001"]


def _elements(node):
    """The structure elements under a node, depth first."""
    import pikepdf

    kids = node.get("/K")
    for kid in kids if isinstance(kids, pikepdf.Array) else [kids]:
        if isinstance(kid, pikepdf.Dictionary) and "/S" in kid:
            yield kid
            yield from _elements(kid)
