"""Malformed apparatus markup is refused with the line where it stands."""

from __future__ import annotations

from pathlib import Path

from conftest import WORK
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


def test_unclosed_span(project, capsys):
    edit(project, 'kind="compositor" note="letters transposed"}',
         'kind="compositor" note="letters transposed"')
    check_error(project, capsys, 8, "unbalanced markup",
                f"text.md:{line_of(project, '[Robespierre]{.corr')}")


def test_span_without_opening_bracket(project, capsys):
    edit(project, '[Robespierre]{.corr sic="Robsepierre"', 'Robespierre]{.corr sic="Robsepierre"')
    check_error(project, capsys, 8, "text.md:")


def test_markup_swallowed_by_an_image(project, capsys):
    edit(project, "the new Leviathan state", 'the new Leviathan![]{.corr sic="x"} state')
    check_error(project, capsys, 8, "was not read as markup",
                f"text.md:{line_of(project, 'Leviathan![]')}")
