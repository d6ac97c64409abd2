"""Malformed apparatus markup is refused with the line where it stands."""

from __future__ import annotations

from pathlib import Path

import pytest

from conftest import WORK, first_case_fast
from test_collate import edit, line_of
from test_source import check_error

TEXT = Path("source") / WORK / "text.md"


def test_emendation_without_witness_reading(project, capsys):
    edit(project, '[Robespierre]{.corr sic="Robsepierre"', "[Robespierre]{.corr")
    check_error(project, capsys, 8, f"text.md:{line_of(project, '[Robespierre]{.corr')}",
                "has no witness reading")


def test_nested_emendations(project, capsys):
    edit(project, "the new Leviathan state",
         'the new [[Leviathan]{.corr sic="Leviathen"}]{.corr sic="Leviathan"} state')
    check_error(project, capsys, 8, "an emendation inside another emendation")


def test_unknown_kind(project, capsys):
    edit(project, 'kind="compositor"', 'kind="typo"')
    check_error(project, capsys, 8, "unknown kind 'typo'", "kinds: ocr, compositor")


def test_page_break_out_of_order(project, capsys):
    edit(project, '[]{.pb n="7"}', '[]{.pb n="4"}')
    line = line_of(project, '[]{.pb n="4"}')
    check_error(project, capsys, 8, "page break 4 follows page 6: out of order",
                f"text.md:{line}")


def test_page_break_naming_a_missing_note(project, capsys):
    edit(project, 'notes="3"', 'notes="9"')
    check_error(project, capsys, 8, "names note 9, but the text has 3 notes")


BROKEN_SPANS = {
    # name: (what the text had, what it has now, the message, where the error must point)
    "unclosed": ('kind="compositor" note="letters transposed"}',
                 'kind="compositor" note="letters transposed"', "unbalanced markup",
                 "[Robespierre]{.corr"),
    "no opening bracket": ('[Robespierre]{.corr sic="Robsepierre"',
                           'Robespierre]{.corr sic="Robsepierre"', "was not read as markup",
                           'Robespierre]{.corr sic="Robsepierre"'),
    "swallowed by an image": ("the new Leviathan state",
                              'the new Leviathan![]{.corr sic="x"} state',
                              "was not read as markup", "Leviathan![]"),
}


@pytest.mark.parametrize("name", first_case_fast(sorted(BROKEN_SPANS)))
def test_broken_span_is_refused_at_its_line(project, capsys, name):
    old, new, message, needle = BROKEN_SPANS[name]
    edit(project, old, new)
    check_error(project, capsys, 8, message, f"text.md:{line_of(project, needle)}:")


def test_a_misspelt_class_is_named_at_its_line(project, capsys):
    edit(project, '[Robespierre]{.corr sic="Robsepierre"', '[Robespierre]{.cor sic="Robsepierre"')
    check_error(project, capsys, 8, f"text.md:{line_of(project, '{.cor sic')}:",
                "without class .corr", "did you mean .corr (not .cor)?")


def test_a_span_with_sic_and_no_class_is_named_at_its_line(project, capsys):
    edit(project, '[Robespierre]{.corr sic="Robsepierre"', '[Robespierre]{sic="Robsepierre"')
    check_error(project, capsys, 8, f"text.md:{line_of(project, '{sic=')}:",
                "without class .corr", "add the class .corr")


def test_single_quoted_and_bare_attributes_are_read(project, capsys):
    """pandoc reads sic='…' and sic=… as sic="…"; so does editio, with no hint about images."""
    edit(project, '[Robespierre]{.corr sic="Robsepierre"', "[Robespierre]{.corr sic='Robsepierre'")
    edit(project, 'kind="compositor"', "kind=compositor")
    from conftest import run_editio

    assert run_editio(project, "collate", WORK) == 0, capsys.readouterr().err


def test_a_broken_span_gets_the_image_hint_only_after_a_bang(project, capsys):
    old, new, message, needle = BROKEN_SPANS["no opening bracket"]
    edit(project, old, new)
    err = check_error(project, capsys, 8, message)
    assert "image" not in err and "quotes" in err
