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
