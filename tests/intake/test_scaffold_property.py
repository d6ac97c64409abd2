"""`editio new` on any witness: its text.md collates clean at once (hypothesis).

Plain text is escaped where pandoc would read markup; a Markdown witness is read by pandoc on
both sides, so its text.md is the witness as it stands. Each example is a new work in one
project, collated as `editio collate` does."""

from __future__ import annotations

import itertools
import os
import shutil
from pathlib import Path

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from conftest import copy_project, run_editio

# CI replays the same examples on every run (a red CI names a fix to make, not a draw of
# luck); a working copy draws new ones each time, and hypothesis keeps what it finds
CI = bool(os.environ.get("CI"))

pytestmark = pytest.mark.slow

# What pandoc's Markdown reads as markup, at a line's start or inside it, and what looks like
# it: written often, among any printable character.
MARKUP = ["#", "##", ">", "1.", "1)", "(1)", "a.", "(iv)", "I.", "#.", "|", "*", "**", "_",
          "__", "\\", "[", "]", "$", "$$", "^", "~", "~~", "@", "@key", "[@key]", "<", ">",
          "&", "&lt;", "&amp;", "&#42;", "&#x2a;", "&nbsp;", "&lt;sup>2", "`", "```", "{", "}",
          "{.corr}", "-", "--", "---", "+", "=", "===", ":", "::: ", "%", "!", "![x](y)",
          "[x](http://e.org)", "<http://e.org>", "<b>", "<!--", '"', "'", "...", "\\*", "^[n]",
          "[^1]", "[^1]:", "    ", "\t", "*x*", "_x_", "| a | b |", "+---+", "- ", "* ", ". ",
          "\u00a0", "\u2014", "\u201c", "\u2026"]
PRINTABLE = st.characters(codec="utf-8").filter(str.isprintable)
PIECE = st.one_of(st.sampled_from(MARKUP), st.text(PRINTABLE, min_size=1, max_size=6),
                  st.just(" "), st.just("word"))
LINE = st.lists(PIECE, max_size=8).map("".join)
WITNESS = st.lists(LINE, min_size=1, max_size=6).map("\n".join).filter(str.strip)

_ids = itertools.count()


@pytest.fixture(scope="module")
def one_project(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return copy_project(tmp_path_factory.mktemp("new") / "project")


def _collates(project: Path, witness_text: str, suffix: str, capsys) -> None:
    work = f"w{next(_ids)}"
    scan = project / f"scan{suffix}"
    scan.write_text(witness_text, encoding="utf-8")
    try:
        assert run_editio(project, "new", work, "--witness", str(scan)) == 0, \
            capsys.readouterr().err
        capsys.readouterr()
        code = run_editio(project, "collate", work)
        said = capsys.readouterr()
        text = (project / "source" / work / "text.md").read_text(encoding="utf-8")
        assert code == 0, f"{said.err}\n--- text.md:\n{text}"
        assert "witness and reading text agree" in said.out
    finally:
        shutil.rmtree(project / "source" / work, ignore_errors=True)


@settings(max_examples=int(os.environ.get("EDITIO_EXAMPLES", "150")), deadline=None,
          derandomize=CI,
          suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
@given(witness=WITNESS)
@example(witness='"word "')  # found by this test: a quote after a space closed a quotation
@example(witness="'word ' more")
@example(witness='"word\n"')
@example(witness='"0 "0')  # found by this test: a quote after a space, before a word, closed one
@example(witness='x "a "b" c')
@example(witness='"a\nb "c')
def test_any_plain_text_witness_collates_clean(one_project, capsys, witness):
    _collates(one_project, witness, ".txt", capsys)


def test_an_entity_at_a_line_start_stays_text(one_project, capsys):
    """The BLN600 OCR writes what it read as markup in entities: `&lt;sup>2History`."""
    _collates(one_project, "&lt;sup>2History of the case\n&amp; Co. &#42;\n", ".txt", capsys)


@settings(max_examples=int(os.environ.get("EDITIO_EXAMPLES", "150")), deadline=None,
          derandomize=CI,
          suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
@given(witness=WITNESS)
@example(witness="%")  # found by this test: pandoc took it for a title block (no text)
@example(witness="]{.corr}")  # found by this test: no span (no "["), yet renamed as one
@example(witness="${.corr}$")  # found: pandoc read it as TeX math, whose content the escape changed
@example(witness="![x](y){.corr}")  # found: an image's own attributes escaped as a bare '{.corr'
@example(witness="`\n`{.corr}")  # found: a code span across a line's end, its brace escaped
@example(witness="`\n{.corr}`")  # found: '{.corr' in such a code span refused as unbalanced
def test_any_markdown_witness_collates_clean(one_project, capsys, witness):
    _collates(one_project, witness, ".md", capsys)
