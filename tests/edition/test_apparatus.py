"""The apparatus: notes are inline Markdown, read once per work."""

from __future__ import annotations

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
