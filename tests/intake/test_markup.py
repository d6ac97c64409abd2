"""Malformed apparatus markup is refused with the line where it stands."""

from __future__ import annotations

from functools import partial
from pathlib import Path

import pytest

from conftest import first_case_fast, run_editio
from intake.test_source import check_error
from proof.test_collate import edit as edit_essay
from proof.test_collate import line_of as line_in_essay

# The markup is read before anything else: the smallest work shows it as well as the essay,
# whose page breaks and notes the page-break tests need.
SMALL = "bln600-3202982093"
TEXT = Path("source") / SMALL / "text.md"
edit = partial(edit_essay, text=TEXT)
line_of = partial(line_in_essay, path=TEXT)
check_error = partial(check_error, work=SMALL)
SPAN = '[had]{.corr sic="bad"'  # an emendation of the smallest work


def test_emendation_without_witness_reading(project, capsys):
    edit(project, SPAN, "[had]{.corr")
    check_error(project, capsys, 8, f"text.md:{line_of(project, '[had]{.corr')}",
                "has no witness reading")


def test_nested_emendations(project, capsys):
    edit(project, "The trial will consequently",
         'The [[trial]{.corr sic="trail"}]{.corr sic="trial"} will consequently')
    check_error(project, capsys, 8, "an emendation inside another emendation")


def test_unknown_kind(project, capsys):
    edit(project, 'kind="editorial"', 'kind="typo"')
    check_error(project, capsys, 8, "unknown kind 'typo'", "kinds: ocr, compositor")


def test_page_break_out_of_order(project, capsys):
    edit_essay(project, '[]{.pb n="7"}', '[]{.pb n="4"}')
    line = line_in_essay(project, '[]{.pb n="4"}')
    check_error(project, capsys, 8, "page break 4 follows page 6: out of order",
                f"text.md:{line}", work="deutscher-1957")


def test_a_repeated_page_number_is_out_of_order(project, capsys):
    """Two breaks to the same page are refused as firmly as a page going backwards."""
    edit_essay(project, '[]{.pb n="7"}', '[]{.pb n="6"}')
    line = line_in_essay(project, '[]{.pb n="6"}')
    check_error(project, capsys, 8, "page break 6 follows page 6: out of order",
                f"text.md:{line}", work="deutscher-1957")


def test_page_break_naming_a_missing_note(project, capsys):
    edit_essay(project, 'notes="3"', 'notes="9"')
    check_error(project, capsys, 8, "names note 9, but the text has 3 notes",
                work="deutscher-1957")


BROKEN_SPANS = {
    # name: (what the text had, what it has now, the message, where the error must point)
    "unclosed": (SPAN + "}", SPAN, "unbalanced markup", "[had]{.corr"),
    "no opening bracket": (SPAN, SPAN[1:], "was not read as markup", SPAN[1:]),
    "swallowed by an image": ("The trial will consequently",
                              'The trial![]{.corr sic="x"} will consequently',
                              "was not read as markup", "trial![]"),
}


@pytest.mark.parametrize("name", first_case_fast(sorted(BROKEN_SPANS)))
def test_broken_span_is_refused_at_its_line(project, capsys, name):
    old, new, message, needle = BROKEN_SPANS[name]
    edit(project, old, new)
    check_error(project, capsys, 8, message, f"text.md:{line_of(project, needle)}:")


def test_a_misspelt_class_is_named_at_its_line(project, capsys):
    edit(project, SPAN, '[had]{.cor sic="bad"')
    check_error(project, capsys, 8, f"text.md:{line_of(project, '{.cor sic')}:",
                "without class .corr", "did you mean .corr (not .cor)?")


def test_a_span_with_sic_and_no_class_is_named_at_its_line(project, capsys):
    edit(project, SPAN, '[had]{sic="bad"')
    check_error(project, capsys, 8, f"text.md:{line_of(project, '{sic=')}:",
                "without class .corr", "add the class .corr")


def test_single_quoted_and_bare_attributes_are_read(project, capsys):
    """pandoc reads sic='…' and sic=… as sic="…"; so does editio, with no hint about images."""
    edit(project, SPAN, "[had]{.corr sic='bad'")
    edit(project, 'kind="editorial"', "kind=editorial")
    assert run_editio(project, "collate", SMALL) == 0, capsys.readouterr().err


def test_a_broken_span_gets_the_image_hint_only_after_a_bang(project, capsys):
    old, new, message, needle = BROKEN_SPANS["no opening bracket"]
    edit(project, old, new)
    err = check_error(project, capsys, 8, message)
    assert "image" not in err and "quotes" in err


def test_a_notes_emendation_and_a_later_one_with_the_same_sic_keep_their_own_lines(tmp_path):
    """pandoc reads a note's spans at its call, the text has them at the bottom: an
    emendation of the body after the call with the same sic= must not take the note's line
    (nor the note's the body's), in errors and on the collation page."""
    from editio.base import pandoc
    from editio.intake.markup import read_markup
    from editio.intake.source import WorkSource

    text = ('The first [error]{.corr sic="errer"} and a note.[^1]\n'
            'Then a later [the]{.corr sic="teh"} word.\n'
            "\n"
            '[^1]: The note has its own [the]{.corr sic="teh"} too.\n')
    source = WorkSource(
        work_id="t", directory=tmp_path, text_path=tmp_path / "text.md", text=text, meta={},
        body_line=1, witness_path=tmp_path / "witness.txt", witness="", note_path=None,
        note="", accepted_words=frozenset())
    markup = read_markup(pandoc.parse_markdown(text), source)
    # reading order: the body's first, the note's at its call, then the body's second
    assert [(e.footnote, e.line) for e in markup.emendations] == [(None, 1), (1, 4), (None, 2)]


# line 34 of the smallest work holds nine emendations: an error must say which
MANY = '[man]{.corr sic="rian"}'


def _column(project: Path, needle: str) -> tuple[int, int]:
    line = line_of(project, needle)
    text = (project / TEXT).read_text(encoding="utf-8").split("\n")[line - 1]
    return line, text.index(needle) + 1


def test_an_error_on_a_line_of_many_spans_names_its_column_and_the_span(project, capsys):
    edit(project, MANY, MANY[1:])  # its opening bracket lost
    line, column = _column(project, MANY[1:])
    err = check_error(project, capsys, 8, "was not read as markup",
                      f"text.md:{line}:{column}:", MANY[1:])
    assert '[from]{.corr sic="froem"}' not in err  # the span, not its neighbours


def test_an_unknown_attribute_is_named_with_the_one_meant(project, capsys):
    edit(project, MANY, '[man]{.corr sick="rian"}')
    line, column = _column(project, '[man]{.corr sick="rian"}')
    check_error(project, capsys, 8, f"text.md:{line}:{column}:", "unknown attribute 'sick='",
                '[man]{.corr sick="rian"}', "did you mean sic=?")
    edit(project, '[man]{.corr sick="rian"}', '[man]{.corr sic="rian" kinf="ocr"}')
    check_error(project, capsys, 8, "unknown attribute 'kinf='", "did you mean kind=?")


def test_an_unknown_attribute_of_a_page_break_is_named(project, capsys):
    edit_essay(project, '[]{.pb n="7"}', '[]{.pb page="7"}')
    check_error(project, capsys, 8, "unknown attribute 'page='", '[]{.pb page="7"}',
                "a page break takes n=, notes=", work="deutscher-1957")


def test_an_unbalanced_bracket_names_its_column_and_the_span(project, capsys):
    edit(project, MANY, '[man{.corr sic="rian"}')
    line, column = _column(project, '[man{.corr sic="rian"}')
    check_error(project, capsys, 8, "unbalanced markup", f"text.md:{line}:{column}:",
                '[man{.corr sic="rian"}')


# --- read_markup over small texts in memory: no project, no build (make mutants runs these
# alone, EDITIO_UNIT_TESTS_ONLY in tests/conftest.py) ---------------------------------------

def read(text: str):
    """The markup of a text, as read_markup finds it in pandoc's parse of it."""
    from editio.base import pandoc
    from editio.intake.markup import read_markup
    from editio.intake.source import WorkSource

    source = WorkSource(
        work_id="t", directory=Path("t"), text_path=Path("t/text.md"), text=text, meta={},
        body_line=1, witness_path=Path("t/witness.txt"), witness="", note_path=None, note="",
        accepted_words=frozenset())
    return read_markup(pandoc.parse_markdown(text), source)


def refused(text: str, message: str = "", hint: str | None = None):
    """The MarkupError read_markup raises on a text: its message begins with `message`, its
    hint (if given) is `hint`."""
    from editio.base.errors import MarkupError

    with pytest.raises(MarkupError) as caught:
        read(text)
    assert caught.value.message.startswith(message), (message, caught.value.message)
    if hint is not None:
        assert caught.value.hint == hint, caught.value.hint
    assert str(caught.value.path) == "t/text.md"
    return caught.value


def test_an_emendation_is_read_with_every_attribute():
    from editio.intake.markup import Emendation

    markup = read('Intro.\n\nA [word]{.corr sic="wrod" kind="compositor" cert="low" '
                  'note="as in 1958"} here.\n')
    assert markup.emendations == (Emendation(
        number=1, lemma="word", sic="wrod", kind="compositor", certainty="low",
        note="as in 1958", line=3, footnote=None),)
    assert markup.page_breaks == () and markup.footnote_count == 0


def test_an_emendation_without_kind_or_certainty_is_an_ocr_one_of_high_certainty():
    (e,) = read('A [word]{.corr sic="wrod"} here.\n').emendations
    assert (e.kind, e.certainty, e.note, e.block, e.edition_block) == ("ocr", "high", "", (), "")


def test_deletions_and_insertions_are_numbered_in_reading_order_on_their_spans():
    from editio.base import pandoc
    from editio.base.pandoc_ast import iter_nodes
    from editio.intake.markup import emendation_number, read_markup
    from editio.intake.source import WorkSource

    text = ('One []{.corr sic="two"} three\n[four]{.corr sic=""} five.[^1]\n\n'
            '[^1]: A [note]{.corr sic="nota"}.\n\nSix [seven]{.corr sic="sevn"}.\n')
    doc = pandoc.parse_markdown(text)
    source = WorkSource(
        work_id="t", directory=Path("t"), text_path=Path("t/text.md"), text=text, meta={},
        body_line=1, witness_path=Path("t/w.txt"), witness="", note_path=None, note="",
        accepted_words=frozenset())
    markup = read_markup(doc, source)
    got = [(e.number, e.lemma, e.sic, e.line, e.footnote) for e in markup.emendations]
    assert got == [(1, "", "two", 1, None), (2, "four", "", 2, None), (3, "note", "nota", 4, 1),
                   (4, "seven", "sevn", 6, None)]
    assert [n for n in map(emendation_number, iter_nodes(doc["blocks"])) if n] == [1, 2, 3, 4]
    assert markup.footnote_count == 1


def test_page_and_column_breaks_are_read_with_their_notes_and_where_they_fall():
    from editio.intake.markup import PageBreak

    text = ('Word.[^1] Another.[^2]\n\norigin[]{.pb n="13" notes="1, 2"}ally said\n'
            'and []{.cb} then []{.pb n="14"} more[]{.pb n="xv"}\n\n'
            "[^1]: One.\n\n[^2]: Two.\n")
    markup = read(text)
    assert markup.page_breaks == (
        PageBreak(page="13", notes=(1, 2), line=3, within_word=True),
        PageBreak(page="", notes=(), line=4, within_word=False),
        PageBreak(page="14", notes=(), line=4, within_word=False),
        PageBreak(page="xv", notes=(), line=4, within_word=False))
    assert markup.footnote_count == 2


def test_a_break_at_the_end_of_a_word_or_at_a_paragraphs_start_is_not_within_a_word():
    (a, b, c) = read('[]{.pb n="1"}Start and end[]{.pb n="2"}\nnext[]{.pb n="3"} word\n'
                     ).page_breaks
    assert (a.within_word, b.within_word, c.within_word) == (False, False, False)


@pytest.mark.parametrize("pages", [("5", "5"), ("5", "4"), ("10", "9")])
def test_a_page_number_not_above_the_last_is_refused_at_its_line(pages):
    first, second = pages
    error = refused(f'One []{{.pb n="{first}"}} two\n\nthree []{{.pb n="{second}"}} four\n',
                    f"page break {second} follows page {first}: out of order")
    assert error.line == 3


def test_pages_that_are_not_numbers_carry_no_order():
    assert len(read('a []{.pb n="5"} b []{.pb n="iv"} c []{.pb n="6"} d\n').page_breaks) == 3
    # but the numbered pages after one are still checked
    refused('a []{.pb n="5"} b []{.pb n="iv"} []{.cb} c\n\nd []{.pb n="4"} e\n',
            "page break 4 follows page 5: out of order")


@pytest.mark.parametrize(("notes", "message"), [
    ("3", "page break 7 names note 3, but the text has 2 notes"),
    ("0", "page break 7 names note 0, but the text has 2 notes"),
    ("2", "page break 7 places note 2 at its foot, but that note is called only later"),
])
def test_a_page_break_must_name_a_note_called_before_it(notes, message):
    error = refused(f'Word.[^1] a\n\nb []{{.pb n="7" notes="{notes}"}} c.[^2]\n\n'
                    "[^1]: One.\n\n[^2]: Two.\n", message)
    assert error.line == 3


def test_a_note_placed_at_two_page_feet_is_refused():
    error = refused('Word.[^1] a []{.pb n="7" notes="1"}\n\nb []{.pb n="8" notes="1"} c\n\n'
                    "[^1]: One.\n", "note 1 is placed at two page feet")
    assert error.line == 3


def test_the_last_note_may_be_placed_at_a_page_foot():
    (pb,) = read('Word.[^1] Two.[^2]\n\nb []{.pb n="8" notes="2 1"} c\n\n'
                 "[^1]: One.\n\n[^2]: Two.\n").page_breaks
    assert pb.notes == (2, 1)


PB_TAKES = "a page break takes n=, notes="
CORR_TAKES = "an emendation takes sic=, kind=, cert=, note=, block="


@pytest.mark.parametrize(("text", "message", "hint", "line"), [
    ('a []{.pb} b\n', "page break without its page number: []{.pb}", 'write []{.pb n="5"}', 1),
    ('a\n[x]{.pb n="4"} b\n', 'page break 4 must be empty: []{.pb n="4"}: [x]{.pb n="4"}', None,
     2),
    ('a\n\n[x]{.cb} b\n', "a column break must be empty: []{.cb}: [x]{.cb}", None, 3),
    ('a []{.cb n="2"} b\n', "unknown attribute 'n=': []{.cb", "a column break takes no "
     "attributes", 1),
    ('a []{.pb n="2" note="1"} b\n', "unknown attribute 'note=': []{.pb",
     f"did you mean notes=? {PB_TAKES}", 1),
    ('a []{.pb n="2" zzz="1"} b\n', "unknown attribute 'zzz=': []{.pb", PB_TAKES, 1),
    ('a []{.pb num="2"} b\n', "unknown attribute 'num=': []{.pb",
     f"did you mean n=? {PB_TAKES}", 1),
    ('a []{.pb n="2" notes="one"} b\n', 'notes="one" must list note numbers: []{.pb', None, 1),
    ('a [b]{.corr sic="b"} c\n', 'emendation [b] records no change: [b]{.corr sic="b"}',
     "the witness reading equals the lemma", 1),
    ('a [b]{.corr sic="c" cert="sure"} c\n', "unknown certainty 'sure': [b]",
     "use one of high, medium, low", 1),
    ('a [b]{.corr sic="c" kind="typo"} c\n', "unknown kind 'typo': [b]",
     "kinds: ocr, compositor, editorial, structural", 1),
    ('a\n[b]{.corr}\n', "emendation [b] has no witness reading: [b]{.corr}",
     'add sic="…" with what the witness reads (sic="" for an insertion)', 2),
    ('a [[b]{.corr sic="c"}]{.corr sic="d"}\n', "an emendation inside another emendation: [[b]",
     "record the whole change in one span", 1),
    ('a [b]{.corr sic="c" sick="d"}\n', "unknown attribute 'sick=': [b]",
     f"did you mean sic=? {CORR_TAKES}", 1),
    ('a [b]{.corr sic="c" zzz="d"}\n', "unknown attribute 'zzz=': [b]", CORR_TAKES, 1),
])
def test_malformed_markup_is_refused_at_its_line(text, message, hint, line):
    assert refused(text, message, hint).line == line


def test_a_change_of_form_alone_is_an_emendation():
    """Italics, bold, small capitals, a superscript or a note call may be all it changes."""
    text = ('a [*b*]{.corr sic="b"} [**c**]{.corr sic="c"} [[d]{.smallcaps}]{.corr sic="d"} '
            '[^e^]{.corr sic="e"} [f[^1]]{.corr sic="f"}\n\n[^1]: N.\n')
    assert [e.lemma for e in read(text).emendations] == ["b", "c", "d", "e", "f"]


def test_a_structural_emendation_records_the_witness_blocks_and_the_editions():
    text = ('# []{.corr block="para"}Heading\n\n> []{.corr block="para heading" sic="x"}Quoted\n\n'
            'A paragraph []{.corr block="para" note="n"}runs on.\n\n'
            '[]{.corr block="none"}Joined.\n\n- []{.corr block="quote"}Item\n')
    got = [(e.block, e.edition_block, e.kind, e.sic, e.note, e.line)
           for e in read(text).emendations]
    assert got == [(("para",), "heading", "structural", "", "", 1),
                   (("para", "heading"), "quote", "structural", "x", "", 3),
                   (("para",), "none", "structural", "", "n", 5),
                   (("none",), "para", "structural", "", "", 7),
                   (("quote",), "item", "structural", "", "", 9)]


def test_a_structural_emendation_may_have_another_kind():
    (e,) = read('[]{.corr block="none" kind="editorial"}Joined.\n').emendations
    assert e.kind == "editorial"


NO_KIND = "block= takes para, heading, quote, item, verse, none"
ALONE = ('block="none" stands alone at the start of a paragraph or heading',
         "it says that the witness runs on where the edition begins this block")


@pytest.mark.parametrize(("span", "message", "hint"), [
    ('[]{.corr block="chapter"}', 'block="chapter" names no kind of block: []', NO_KIND),
    ('[]{.corr block=""}', 'block="" names no kind of block: []', NO_KIND),
    ('[]{.corr block="para chapter"}', 'block="para chapter" names no kind of block', NO_KIND),
    ('[]{.corr block="none para"}', *ALONE),
    ('[]{.corr block="para"}', 'structural emendation block="para" records no change: []',
     "the witness's block equals the edition's"),
])
def test_a_malformed_structural_emendation_is_refused_at_its_line(span, message, hint):
    assert refused(f"First.\n\n{span}Second paragraph.\n", message, hint).line == 3


def test_block_none_inside_a_paragraph_is_refused():
    assert refused('A paragraph []{.corr block="none"}runs on.\n', *ALONE).column == 13


def test_an_emendation_in_a_note_knows_its_note_even_with_the_same_sic_in_the_body():
    text = ('One.[^a] Two.[^b] [x]{.corr sic="y"}\n\n[^a]: First.\n\n'
            '[^b]: Second [x]{.corr sic="y"}.\n')
    assert [(e.footnote, e.line) for e in read(text).emendations] == [(2, 5), (None, 1)]


def test_the_kind_of_block_each_span_begins():
    from editio.intake.markup import block_kind

    assert block_kind({"t": "Header"}, "quote") == "heading"
    assert block_kind({"t": "Para"}, "item") == "item"
    assert [block_kind({"t": t}, None) for t in (
        "Para", "Plain", "LineBlock", "CodeBlock", "Table", "HorizontalRule", "Div")] == [
        "para", "para", "verse", "code", "table", "rule", "para"]


def test_a_verse_line_begins_a_verse_block():
    (e,) = read('| []{.corr block="para"}A line of verse\n| and another\n').emendations
    assert e.edition_block == "verse"


def test_a_notes_definition_runs_on_lazily_and_over_tab_indented_paragraphs():
    from editio.intake.markup import note_of_lines

    text = ("Body.[^a] More.[^b]\n\n[^x]: Never called.\n\n[^a]: First line\nruns on\n\n"
            "\tits second paragraph\n\nBody again.\n\n[^b]: B.\n")
    assert note_of_lines(text) == {5: 1, 6: 1, 7: 1, 8: 1, 9: 1, 12: 2, 13: 2}


def test_each_line_of_a_notes_definition_belongs_to_its_note():
    from editio.intake.markup import note_of_lines

    text = ("Body.[^b] More.[^a] [^b]\n\n[^a]: First line\n    and its second\n\n"
            "    a second paragraph\n\nBody again.\n\n[^b]: Other.\n\n[^c]: Never called.\n")
    assert note_of_lines(text) == {3: 2, 4: 2, 5: 2, 6: 2, 7: 2, 10: 1, 11: 1}


def test_an_error_names_the_column_and_shows_the_span():
    error = refused('Some words [b]{.corr sic="b"} c\n')
    assert (error.line, error.column) == (1, 12)
    assert error.message.endswith(': [b]{.corr sic="b"}')


def test_a_long_span_is_shown_cut_in_the_middle():
    from editio.intake.markup import Spot

    span = "[" + "word " * 30 + ']{.corr sic="x"}'
    shown = Spot(1, 1, span).shown()
    assert shown == span[:60] + " … " + span[-25:]
    assert Spot(1, 1, "[a\n  b]{.pb}").shown() == "[a b]{.pb}"
    exact = "[" + "w" * 88 + "]"
    assert Spot(1, 1, exact).shown() == exact  # ninety characters are shown whole
    longer = "[" + "w" * 89 + "]"
    assert Spot(1, 1, longer).shown() == longer[:60] + " … " + longer[-25:]


def test_a_span_pandoc_did_not_read_is_refused_with_its_line_and_a_hint():
    brackets = 'check its brackets and quotes: [text]{.corr sic="…"}'
    error = refused('a\nb]{.corr sic="x"} c\n', "this emendation was not read as markup: "
                    'b]{.corr sic="x"}', brackets)
    assert (error.line, error.column) == (2, 1)
    image = brackets + "; a '!' just before '[' makes an image, so put the '!' inside the span"
    error = refused('a\n\nc![]{.pb n="2"} d\n', "this page break was not read as markup", image)
    assert error.line == 3
    refused('a\n\nc![]{.cb} d\n', "this column break was not read as markup: []{.cb}", image)


def test_attribute_values_are_read_as_pandoc_reads_them():
    from editio.intake.markup import attribute_value

    attrs = ' .corr sic="a \\"b\\" c" kind=\'ocr\' cert=low xsic="no"'
    assert attribute_value(attrs, "sic") == 'a "b" c'
    assert attribute_value(attrs, "kind") == "ocr"
    assert attribute_value(attrs, "cert") == "low"
    assert attribute_value(attrs, "note") == ""
    assert attribute_value('xsic="no"', "sic") == ""
    assert attribute_value('sic=a\\*b', "sic") == "a*b"


def test_a_span_with_sic_and_a_misspelt_class_is_named_with_the_class_meant():
    without = "a span with sic= but without class .corr"
    error = refused('a\n[b]{.cor sic="c"} d\n', f'{without}: [b]{{.cor sic="c"}}',
                    'did you mean .corr (not .cor)? write [text]{.corr sic="…"}')
    assert error.line == 2
    refused('a [b]{.kor sic="c"} d\n', without,  # "kor" is as near "corr" as cutoff 0.5
            'did you mean .corr (not .kor)? write [text]{.corr sic="…"}')
    refused('a [b]{.zzzzz sic="c"} d\n', without,
            'an emendation is [text]{.corr sic="…"}: add the class .corr')
    # a span with no class at all, after an emendation with a sic= of its own
    error = refused('[x]{.corr sic="y"}\n\n[b]{sic="c"} d\n', f'{without}: [b]{{sic="c"}}',
                    'an emendation is [text]{.corr sic="…"}: add the class .corr')
    assert error.message == f'{without}: [b]{{sic="c"}}'
    assert (error.line, error.column) == (3, 1)


@pytest.mark.parametrize("text", ['a \\{.corr sic="x"} b\n', 'a `[b]{.corr` c\n',
                                  'a `x` `{.pb n="2"}` b\n'])
def test_markup_written_as_text_is_text(text):
    assert read(text).emendations == ()


@pytest.mark.parametrize(("text", "line", "column", "shown"), [
    ('a\nb [c]{.corr sic="d" c\n', 2, 3, '[c]{.corr sic="d" c'),
    ('a\nb [c {.corr sic="d"} e\n', 2, 3, '[c {.corr sic="d"} e'),
    ('a\nb{.pb n="3"} e\n', 2, 2, '{.pb n="3"} e'),
    ('{.cb} e\n', 1, 1, "{.cb} e"),
    # shown to its line's end, from the last "[" before it on its own line
    ('a\nb [c {.corr sic="d"} e\nnext line\n', 2, 3, '[c {.corr sic="d"} e'),
    ('a [x] [c {.corr sic="d"} e', 1, 7, '[c {.corr sic="d"} e'),
    ('x [y]\nb{.pb n="3"} [e] f\n', 2, 2, '{.pb n="3"} [e] f'),
    ('[c {.corr sic="d"} e\n', 1, 1, '[c {.corr sic="d"} e'),
    # an escaped backslash escapes no brace, and code closed before it is no code
    ('a \\\\{.corr sic="x"} b\n', 1, 5, '{.corr sic="x"} b'),
    ('a `code` b{.corr sic="x"} c\n', 1, 11, '{.corr sic="x"} c'),
    ('`x` b{.corr sic="x"} c\n', 1, 6, '{.corr sic="x"} c'),
    # just after code: code's own attributes would close there, and these do not
    ('a `code`{.corr sic="x" b\n', 1, 9, '{.corr sic="x" b'),
    ('a `b\n\nc [d {.corr sic="e"} f\n', 3, 3, '[d {.corr sic="e"} f'),
    ('x\n`a [b\nc {.corr sic="e"} f\n', 3, 3, '{.corr sic="e"} f'),
    # one escaped, the next broken
    ('a \\{.corr} b\n\nc [d {.pb n="2"} e\n', 3, 3, '[d {.pb n="2"} e'),
])
def test_an_unbalanced_span_is_refused_with_where_it_begins(text, line, column, shown):
    cls = shown.split("{.", 1)[1].split()[0].rstrip("}")
    error = refused(text, f"unbalanced markup: '{{.{cls}' is not a whole [text]{{…}} span: "
                    f"{shown}", 'every span is [text]{.corr sic="…"}, closed on both sides: '
                    "check its brackets, braces and quotes")
    assert (error.line, error.column) == (line, column)
    assert error.message.endswith(": " + shown)


def test_an_unbalanced_span_is_shown_to_eighty_characters_from_its_brace():
    error = refused("a [b {.corr " + "x" * 100 + "\n")
    assert error.message.endswith(": [b {.corr " + "x" * 73)


def test_a_span_written_as_html_has_no_line_but_is_read():
    """pandoc reads <span class="pb"> as a span, which the text has in no [..]{..} form."""
    markup = read('a <span class="pb" n="5"></span> b <span class="corr" sic="q">r</span>\n')
    assert [(pb.page, pb.line) for pb in markup.page_breaks] == [("5", None)]
    assert [(e.lemma, e.sic, e.line) for e in markup.emendations] == [("r", "q", None)]
    error = refused('a <span class="corr" sic="q">q</span>\n', "emendation [q] records no "
                    "change", "the witness reading equals the lemma")
    assert (error.message, error.line) == ("emendation [q] records no change", None)
    error = refused('a <span class="pb" n="5" x="1"></span>\n', "unknown attribute 'x='",
                    PB_TAKES)
    assert (error.message, error.line) == ("unknown attribute 'x='", None)


def test_a_structural_emendation_inside_emphasis_begins_no_block():
    (e,) = read('A *[]{.corr block="para"}c* d.\n').emendations
    assert (e.block, e.edition_block) == (("para",), "none")


def test_a_span_after_a_blank_first_line_is_at_its_own_column():
    error = refused('\n[b]{.corr sic="b"} c\n', "emendation [b] records no change")
    assert (error.line, error.column) == (2, 1)


def test_a_break_inside_the_last_word_of_a_paragraph_is_within_it():
    (pb,) = read('Words origin[]{.pb n="13"}ally\n').page_breaks
    assert pb.within_word


def test_a_note_inside_a_quotation_leaves_the_quotations_later_blocks_in_it():
    (e,) = read('> One.[^1]\n>\n> []{.corr block="para"}Two.\n\n[^1]: N.\n').emendations
    assert (e.block, e.edition_block) == (("para",), "quote")


def test_breaks_in_a_note_take_the_notes_lines_not_the_bodys():
    markup = read('A[^1] b.\n\nC []{.cb} d.\n\n[^1]: Note []{.cb} e.\n')
    assert [(pb.page, pb.line) for pb in markup.page_breaks] == [("", 5), ("", 3)]


def test_a_misnamed_span_is_found_by_its_class_not_an_emendation_with_its_sic():
    error = refused('[x]{.corr sic="c"}\n\n[b]{.cor sic="c"} d\n',
                    'a span with sic= but without class .corr: [b]{.cor sic="c"}')
    assert error.line == 3


def test_a_div_with_sic_but_no_corr_is_refused():
    refused('Text.\n\n::: {.cor sic="x"}\nA block.\n:::\n',
            "a span with sic= but without class .corr",
            'did you mean .corr (not .cor)? write [text]{.corr sic="…"}')


@pytest.mark.parametrize(("text", "edition_block"), [
    ('1. []{.corr block="para"}An item\n', "item"),
    ('| A line\n| []{.corr block="para"}the second\n', "none"),
    ('- An item\n\n    > quoted\n\n    []{.corr block="para"}after the quote\n', "item"),
])
def test_the_edition_block_a_structural_emendation_stands_at(text, edition_block):
    (e,) = read(text).emendations
    assert (e.block, e.edition_block) == (("para",), edition_block)


def test_an_emendation_in_emphasis_or_a_quotation_in_a_note_knows_its_note():
    text = 'A.[^1]\n\n[^1]: *a [x]{.corr sic="y"}*\n\n    > b [z]{.corr sic="w"}\n'
    assert [(e.lemma, e.footnote) for e in read(text).emendations] == [("x", 1), ("z", 1)]


def test_a_misnamed_span_with_an_empty_sic_is_found_at_its_line():
    assert refused('a\n\n[b]{.cor sic=""} d\n', "a span with sic= but without class .corr: "
                   '[b]{.cor sic=""}').line == 3
