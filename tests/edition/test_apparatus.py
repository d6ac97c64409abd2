"""The apparatus: notes are inline Markdown, read once per work."""

from __future__ import annotations

from pathlib import Path

import pytest

from editio.base.pandoc_ast import stringify
from editio.edition.apparatus import parse_notes
from editio.intake.markup import Emendation


def emendation(note: str) -> Emendation:
    return Emendation(number=1, lemma="a", sic="b", kind="ocr", certainty="high", note=note,
                      line=1, footnote=None)


def test_a_note_is_read_as_inline_markdown():
    notes = parse_notes((emendation('glossed as "the storm-finch"'),
                         emendation("as *The Times* has it, 1--3"),
                         emendation("- 1. # not a list, a number or a heading"),
                         emendation('"quoted" at the start')))
    glossed = notes['glossed as "the storm-finch"']
    assert any(n["t"] == "Quoted" for n in glossed)  # typographic quotes in every format
    times = notes["as *The Times* has it, 1--3"]
    assert any(n["t"] == "Emph" and stringify(n["c"]) == "The Times" for n in times)
    assert stringify(times).endswith("1\u20133")
    assert stringify(notes["- 1. # not a list, a number or a heading"]) == \
        "- 1. # not a list, a number or a heading"
    assert notes['"quoted" at the start'][0]["t"] == "Quoted"


def test_no_notes_no_pandoc_run():
    assert parse_notes((emendation(""),)) == {}


def test_a_note_cannot_link_embed_or_cite():
    note = "see ![x](/etc/passwd) and [here](javascript:alert) or [@key] or `code`"
    inlines = parse_notes((emendation(note),))[note]
    kinds = {n["t"] for n in inlines}
    assert kinds <= {"Str", "Space", "Code"}, kinds
    assert "here" in stringify(inlines) and "passwd" not in stringify(inlines)


def test_a_change_of_spaces_alone_is_printed_in_words():
    """`[This]{.corr sic="\\ This"}` printed as it stands reads "This] This W": no difference
    a reader can see."""
    from editio.edition.apparatus import readings

    def read(lemma: str, sic: str) -> tuple[str, str]:
        return readings(Emendation(number=1, lemma=lemma, sic=sic, kind="editorial",
                                   certainty="high", note="", line=1, footnote=None))

    assert read("This", " This") == ("This", "This, with a space before")
    assert read("the end.", "the end. ") == ("the end.", "the end., with a space after")
    assert read(" This", "This") == (" This", "This, with no space before")
    assert read("a b", "a  b") == ("a b", "a  b, with other spaces within")
    assert read("", " ") == ("", "a space")
    assert read("words", "wor ds") == ("words", "wor ds")  # a divided word shows itself


def _emendation(number: int = 1, lemma: str = "a", sic: str = "b", kind: str = "ocr",
                certainty: str = "high", note: str = "", footnote: int | None = None,
                block: tuple[str, ...] = (), edition_block: str = "") -> Emendation:
    return Emendation(number=number, lemma=lemma, sic=sic, kind=kind, certainty=certainty,
                      note=note, line=1, footnote=footnote, block=block,
                      edition_block=edition_block)


def test_a_notes_paragraphs_and_breaks_keep_their_words_and_their_type():
    notes = parse_notes((_emendation(note="one\nline *and*  **strong** ^sup^ [sc]{.smallcaps}"
                                          " ~sub~ ~~gone~~ [u]{.underline} a^[inline note]"),))
    (inlines,) = notes.values()
    assert "one\nline" not in notes and "one line *and* **strong** ^sup^ [sc]{.smallcaps} " \
        "~sub~ ~~gone~~ [u]{.underline} a^[inline note]" in notes
    assert [n["t"] for n in inlines if n["t"] not in ("Str", "Space")] == [
        "Emph", "Strong", "Superscript", "SmallCaps", "Subscript", "Strikeout", "Underline"]
    assert stringify(inlines) == "one line and strong sup sc sub gone u a"


def test_a_note_in_quotes_or_starting_with_a_space_keeps_its_words():
    notes = parse_notes((_emendation(note="a 'quoted *word*' here"),
                         _emendation(note="  spaced start")))
    quoted = notes["a 'quoted *word*' here"]
    (q,) = [n for n in quoted if n["t"] == "Quoted"]
    assert q["c"][0]["t"] == "SingleQuote" and q["c"][1][-1]["t"] == "Emph"
    assert notes["spaced start"][0] == {"t": "Str", "c": "spaced"}


def test_entries_are_located_by_paragraph_or_note_and_carry_their_notes():
    from editio.edition.apparatus import entries
    from editio.intake.markup import Markup

    markup = Markup((_emendation(1, note="a  note"), _emendation(2, footnote=3),
                     _emendation(3)), (), 3)
    found = entries(markup, {1: "12", 2: "99"})
    assert [(e.emendation.number, e.location, stringify(e.note)) for e in found] == [
        (1, "12", "a note"), (2, "n. 3", ""), (3, "", "")]
    given = entries(markup, {}, notes={"a note": [{"t": "Str", "c": "given"}]})
    assert given[0].note == [{"t": "Str", "c": "given"}]


def test_a_structural_emendation_reads_as_the_blocks_on_either_side():
    from editio.edition.apparatus import readings

    assert readings(_emendation(lemma="", sic="", kind="structural", block=("para",),
                                edition_block="none")) == ("run on", "¶")
    assert readings(_emendation(lemma="", sic="x\\*", kind="structural",
                                block=("para", "heading"), edition_block="quote")) == (
        "block quotation", "¶ x* heading")
    assert readings(_emendation(lemma="Word", sic="", block=("none",),
                                edition_block="para")) == ("¶ Word", "run on")
    assert readings(_emendation(lemma="a", sic="\\*")) == ("a", "*")
    assert readings(_emendation(lemma="a", sic="")) == ("a", "")


def test_spaces_alone_are_named_in_the_plural_and_on_both_sides():
    from editio.edition.apparatus import spacing

    assert spacing("", "  ") == "spaces"
    assert spacing("a", " a ") == "a, with a space before and a space after"
    assert spacing(" a ", "a") == "a, with no space before and no space after"
    assert spacing("a", "a") is None and spacing("a", "b") is None


def test_an_entry_is_described_by_its_paragraph_or_its_place():
    from editio.edition.apparatus import Entry, describe

    assert describe(Entry(_emendation(lemma="word"), "9")) == "¶ 9 word"
    assert describe(Entry(_emendation(lemma=""), "n. 2")) == "n. 2 om."
    assert describe(Entry(_emendation(lemma="x"), "")) == " x"


def test_each_emendation_becomes_a_link_to_its_entry_and_each_break_a_marker():
    from editio.base import pandoc
    from editio.edition.apparatus import Entry, link_emendations
    from editio.intake.markup import read_markup
    from editio.intake.source import WorkSource

    text = ('A [word]{.corr sic="wrod" kind="editorial"} and []{.corr sic="x"} *[it]{.corr '
            'sic="ti"}* []{.pb n="5"} []{.cb}\n\n[]{.corr block="none"}Runs on.\n')
    source = WorkSource(work_id="t", directory=Path("t"), text_path=Path("t/text.md"),
                        text=text, meta={}, body_line=1, witness_path=Path("t/w.txt"),
                        witness="", note_path=None, note="", accepted_words=frozenset())
    doc = pandoc.parse_markdown(text)
    markup = read_markup(doc, source)
    link_emendations(doc["blocks"], [Entry(markup.emendations[0], "4")])
    para = doc["blocks"][0]["c"]
    spans = [n for n in para if n["t"] in ("Span", "Emph")]
    spans.insert(2, doc["blocks"][1]["c"][0])
    assert spans[0] == {"t": "Span", "c": [["corr-1", ["corr", "editorial"],
                                            [["emendation", "1"]]], [
        {"t": "Link", "c": [["", ["corr-link"], []], [{"t": "Str", "c": "word"}],
                            ["#app-1", "Textual note: ¶ 4 word"]]}]]}
    assert spans[1] == {"t": "Span", "c": [["corr-2", ["corr", "ocr"], [["emendation", "2"]]],
                                           []]}
    # (the span of a structural emendation is classed by its kind= as written: "ocr" when
    # none is, though the emendation's kind is then "structural")
    assert spans[2] == {"t": "Span", "c": [["corr-4", ["corr", "ocr"], [
        ["block", "none"], ["emendation", "4"]]], []]}
    assert spans[3]["c"][0]["c"][1][0]["c"][2] == ["#app-3", ""]
    assert spans[4] == {"t": "Span", "c": [["pb-5", ["pb"], [["title", "page 5"], ["page", "5"]]], [
        {"t": "Str", "c": "|"}, {"t": "Span", "c": [["", ["pb-n"], []],
                                                     [{"t": "Str", "c": "5"}]]}]]}
    assert spans[5] == {"t": "Span", "c": [["", ["cb"], []], []]}


def test_the_apparatus_lists_each_entry_linked_back_with_its_kind_and_note():
    from editio.edition.apparatus import Entry, apparatus_blocks

    (div,) = apparatus_blocks([
        Entry(_emendation(1, lemma="word", sic="wrod"), "4"),
        Entry(_emendation(2, lemma="", sic="x", kind="compositor", certainty="low"), "n. 1",
              [{"t": "Str", "c": "a"}, {"t": "Space"}, {"t": "Emph", "c": [
                  {"t": "Str", "c": "note"}]}]),
        Entry(_emendation(3, lemma="y", sic="", kind="editorial", certainty="medium"), "")],
        heading="Notes on the Text")
    assert div["c"][0] == ["apparatus", ["apparatus"], []]
    head, intro, *items = div["c"][1]
    assert head == {"t": "Header", "c": [1, ["textual-notes", ["unnumbered"], []], [
        {"t": "Str", "c": "Notes"}, {"t": "Space"}, {"t": "Str", "c": "on"}, {"t": "Space"},
        {"t": "Str", "c": "the"}, {"t": "Space"}, {"t": "Str", "c": "Text"}]]}
    assert stringify(intro["c"]).startswith("Each entry gives the location (paragraph number")
    assert stringify(intro["c"]).endswith("in the margin in print (as [5]).")
    assert [item["c"][0] for item in items] == [["app-1", ["app-entry", "ocr"], []],
                                                ["app-2", ["app-entry", "compositor"], []],
                                                ["app-3", ["app-entry", "editorial"], []]]
    first = items[0]["c"][1][0]["c"]
    assert first[0] == {"t": "Link", "c": [["", ["app-loc"], []], [{"t": "Str", "c": "¶ 4"}],
                                           ["#corr-1", "Back to the text: ¶ 4 word"]]}
    assert [stringify([n]) for n in items[0]["c"][1][0]["c"]] == [
        "¶ 4", " ", "word", "]", " ", "wrod", " ", "W", " ", "[OCR]"]
    assert first[2]["c"][0][1] == ["lemma"] and first[5]["c"][0][1] == ["sic"]
    assert first[7]["t"] == "Emph" and first[-1]["c"][0][1] == ["app-kind"]
    second = items[1]["c"][1][0]["c"]
    assert " ".join(stringify([n]) for n in second if n["t"] != "Space") == \
        "n. 1 om. ] x W [compositor, low] — a note"
    assert second[-1] == {"t": "Emph", "c": [{"t": "Str", "c": "note"}]}
    third = items[2]["c"][1][0]["c"]
    assert " ".join(stringify([n]) for n in third if n["t"] != "Space") == \
        " y ] om. W [editorial, medium]".strip() or stringify(third)
    assert stringify(third) == " y] om. W [editorial, medium]"


def test_an_empty_reading_gets_a_mark_linking_to_its_note():
    from editio.base.spans import NUMBER_KEY
    from editio.edition.apparatus import (
        EMPTY_READING_MARK,
        Entry,
        apparatus_blocks,
        link_empty_readings,
    )

    def number(n: int) -> list[list[str]]:
        return [[NUMBER_KEY, str(n)]]

    body = [{"t": "Para", "c": [
        {"t": "Span", "c": [["corr-2", ["corr", "ocr"], number(2)], []]},
        {"t": "Span", "c": [["w1-corr-7", ["corr", "ocr"], number(7)], []]},
        {"t": "Span", "c": [["corr-3", ["corr", "ocr"], number(3)], [{"t": "Str", "c": "kept"}]]},
        # the number is the span's data, never read out of its id
        {"t": "Span", "c": [["corr-4", ["corr"], []], []]},
        {"t": "Span", "c": [["corr-9", ["pb"], []], []]}]}]
    blocks = body + apparatus_blocks([Entry(_emendation(2, lemma=""), "5")])
    link_empty_readings(blocks)
    spans = blocks[0]["c"]
    assert spans[0]["c"][1] == [{"t": "Link", "c": [
        ["", ["corr-link", "corr-mark"], []], [{"t": "Str", "c": EMPTY_READING_MARK}],
        ["#app-2", "Textual note: ¶ 5 om."]]}]
    assert spans[1]["c"][1][0]["c"][2] == ["#w1-app-7", "Textual note"]
    assert spans[2]["c"][1] == [{"t": "Str", "c": "kept"}]
    assert spans[3]["c"][1] == [] and spans[4]["c"][1] == []


def test_a_notes_words_keep_their_spaces_as_spaces():
    (inlines,) = parse_notes((_emendation(note="two words"),)).values()
    assert inlines == [{"t": "Str", "c": "two"}, {"t": "Space"}, {"t": "Str", "c": "words"}]


def test_an_emendation_whose_note_was_not_read_has_none():
    from editio.edition.apparatus import entries
    from editio.intake.markup import Markup

    markup = Markup((_emendation(1, note="unread"),), (), 0)
    assert entries(markup, {1: "3"}, notes={})[0].note == []


@pytest.mark.parametrize("brk", [[["", ["cb"], []], []], [["", ["pb"], [["n", "5"]]], []]])
def test_spans_after_a_column_or_page_break_are_linked_too(brk):
    from editio.edition.apparatus import link_emendations

    blocks = [{"t": "Para", "c": [
        {"t": "Span", "c": brk},
        {"t": "Span", "c": [["", ["corr"], [["sic", "y"], ["emendation", "1"]]],
                            [{"t": "Str", "c": "x"}]]}]}]
    link_emendations(blocks)
    assert blocks[0]["c"][1]["c"][0][0] == "corr-1"


def test_the_apparatus_says_how_to_read_it_under_its_default_heading():
    """Its heading and introduction word for word; a volume's location (work 2, paragraph 14)
    is a paragraph's too; the lemma, witness reading and kind are spans with no id."""
    from editio.edition.apparatus import Entry, apparatus_blocks, describe

    entry = Entry(_emendation(1, lemma="word", sic="wrod"), "2.14")
    (div,) = apparatus_blocks([entry])
    head, intro, item = div["c"][1]
    assert stringify(head["c"][2]) == "Textual Notes"
    assert stringify(intro["c"]) == (
        "Each entry gives the location (paragraph number, or n. for the author's notes), the "
        "reading of this edition, a bracket, and the reading of the witness (W). om. means "
        "that the reading is absent; ¶ stands for a paragraph break, and run on for none. In "
        "print, p. gives the page of this edition on which the reading stands; the original's "
        "pages, where known, are marked in the text, in the margin in print (as [5]).")
    first = item["c"][1][0]["c"]
    assert stringify([first[0]]) == "¶ 2.14" and describe(entry) == "¶ 2.14 word"
    assert [n["c"][0] for n in first if n["t"] == "Span"] == [
        ["", ["lemma"], []], ["", ["sic"], []], ["", ["app-kind"], []]]


def test_a_notes_code_stays_code_and_a_footnote_in_it_goes_alone():
    note = "the `x` form^[a note in a note] is kept"
    inlines = parse_notes((emendation(note),))[note]
    assert [n["t"] for n in inlines if n["t"] != "Space"] == ["Str", "Code", "Str", "Str", "Str"]
    assert stringify(inlines) == "the x form is kept"
