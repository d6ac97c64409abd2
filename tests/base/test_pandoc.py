"""pandoc.py: one binary, sandboxed; parses side by side; background writers write the same file."""

from __future__ import annotations

import json
import threading

import pytest

from editio.base import pandoc
from editio.base.errors import ToolError


@pytest.fixture(autouse=True)
def pandoc_itself(monkeypatch):
    """These tests are of running pandoc: never the answers conftest keeps for the others."""
    monkeypatch.setattr(pandoc, "run", getattr(pandoc.run, "__wrapped__", pandoc.run))


def test_parses_run_at_once_and_keep_their_order(monkeypatch):
    started = []
    real = pandoc.run
    together = threading.Barrier(3, timeout=10)  # one after another, this would time out

    def run(args, stdin=None, **kwargs):
        started.append(stdin)
        together.wait()
        return real(args, stdin, **kwargs)

    monkeypatch.setattr(pandoc, "run", run)
    texts = ["*one*", None, "two", "three"]
    docs = pandoc.parse_markdown_all(texts)
    assert docs[1] is None
    assert [pandoc_ast_text(d).strip() for d in (docs[0], docs[2], docs[3])] == \
        ["one", "two", "three"]
    assert sorted(started) == ["*one*", "three", "two"]


def pandoc_ast_text(doc: dict) -> str:
    from editio.base.pandoc_ast import stringify

    return stringify(doc["blocks"])


def test_lines_beginning_with_a_percent_sign_are_text_not_a_title_block():
    """A witness (or note) may begin with '%': its words, never metadata pandoc drops from
    the text (editio's metadata is the YAML front matter)."""
    doc = pandoc.parse_markdown("% 5 per cent.\n% of the vote\n\nThe rest.")
    assert pandoc_ast_text(doc).split() == ["%", "5", "per", "cent.", "%", "of", "the",
                                            "vote", "The", "rest."]
    assert "title" not in doc["meta"]
    assert pandoc_ast_text(pandoc.parse_markdown("%")).strip() == "%"


def test_dollars_are_text_not_math():
    """An OCR'd price ('$4 or $5') or a witness's '$x$' is words: pandoc's TeX math would make
    it a Math node, whose content the collation and editio new's escaping do not see alike."""
    doc = pandoc.parse_markdown("It cost $4 or $5, not $x$.")
    assert pandoc_ast_text(doc).split() == ["It", "cost", "$4", "or", "$5,", "not", "$x$."]
    assert '"Math"' not in json.dumps(doc)


def test_a_background_writer_writes_what_a_foreground_one_does(tmp_path):
    """EPUB and DOCX are written in the background, beside the PDF's typesetting (at a lower
    priority, only a matter of time); the file is the same as in the foreground."""
    doc = pandoc.parse_markdown("Some *text*.")
    pandoc.write(doc, "docx", tmp_path / "a.docx", epoch=1700000000, background=True)
    pandoc.write(doc, "docx", tmp_path / "b.docx", epoch=1700000000)
    assert (tmp_path / "a.docx").read_bytes() == (tmp_path / "b.docx").read_bytes()
    assert "<em>text</em>" in pandoc.write(doc, "html5", None)


def test_a_failing_pandoc_is_a_tool_error_with_its_message():
    with pytest.raises(ToolError, match="pandoc failed while testing: Unknown output format"):
        pandoc.run(["-f", "markdown", "-t", "no-such-format"], "x", what="testing")


def test_citeproc_sees_only_the_blocks_it_reads_and_changes_nothing_else(monkeypatch):
    """Blocks without a citation, note or #refs div wait outside pandoc; the document that
    comes back is the one a run over every block gives."""
    from conftest import ROOT
    from editio.base.csl import style_path

    source = (
        "Plain words before.\n\n"
        "A claim.[^1]\n\n[^1]: An author's note.\n\n"
        "As @deutscher1957russia says, and again [@marx1852brumaire, 3].\n\n"
        "::: apparatus\nEntry one.\n:::\n\n"
        "Plain words after.\n\n"
        "::: {#refs}\n:::\n"
    )
    doc = pandoc.parse_markdown(source)
    bib = ROOT / "bib" / "references.bib"
    csl = style_path("chicago-notes-bibliography")
    sent = []
    real = pandoc.run
    monkeypatch.setattr(pandoc, "run", lambda args, stdin=None, **k: (sent.append(stdin),
                                                                      real(args, stdin, **k))[1])
    pandoc.clear_caches()  # an earlier test's result for the same input would answer
    held_back = pandoc.citeproc(doc, bib, csl, "en-GB")
    assert "Plain" not in sent[0] and "Entry" not in sent[0] and "claim" in sent[0]

    whole = pandoc.run(["-f", "json", "-t", "json", "--citeproc", f"--bibliography={bib}",
                        f"--csl={csl}", "--metadata=lang:en-GB"], json.dumps(doc),
                       what="testing")
    assert held_back == json.loads(whole)
    assert "Brumaire" in pandoc_ast_text(held_back)  # citations and bibliography made


def test_citeproc_results_are_kept_but_never_outlive_the_bib(tmp_path, monkeypatch):
    """The preview formats citations at every save: the same input is answered from the
    last results, but an edited .bib (or style) is a new input, formatted again."""
    from editio.base.csl import style_path

    bib = tmp_path / "refs.bib"
    bib.write_text("@book{doe1900, author = {Doe, Jane}, title = {The First Title},\n"
                   "  year = {1900}, publisher = {Press}}\n", encoding="utf-8")
    csl = style_path("chicago-author-date")
    doc = pandoc.parse_markdown("As @doe1900 says.\n\n::: {#refs}\n:::\n")
    runs = []
    real = pandoc.run
    monkeypatch.setattr(pandoc, "run", lambda *a, **k: (runs.append(1), real(*a, **k))[1])
    pandoc.clear_caches()
    first = pandoc_ast_text(pandoc.citeproc(doc, bib, csl, "en-GB"))
    again = pandoc_ast_text(pandoc.citeproc(doc, bib, csl, "en-GB"))
    assert "The First Title" in first and again == first and len(runs) == 1
    bib.write_text(bib.read_text(encoding="utf-8").replace("First", "Second"),
                   encoding="utf-8")
    edited = pandoc_ast_text(pandoc.citeproc(doc, bib, csl, "en-GB"))
    assert "The Second Title" in edited and len(runs) == 2
