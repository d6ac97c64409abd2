"""The finder's flags on a work's text.md: its reading text read (as make check reads it),
each flag at text.md's line and column, its readings of the whole token."""

from __future__ import annotations

from pathlib import Path

import pytest

from editio.base.project import Project
from editio.cli import main
from editio.desk.flags import (
    confusion,
    plain_flags,
    reading_suspects,
    text_quotes,
    whole_reading,
)
from editio.intake.source import load_work, read_text
from editio.suspects.finder import Suspect, find_suspects
from editio.suspects.reading import read, reading_text

SMALL = "bln600-3202982093"


def test_every_character_of_the_reading_text_is_read_from_its_place_in_text_md():
    project = Project(Path(__file__).resolve().parents[2])
    for work in project.work_ids():
        source = load_work(project, work)
        reading = read(source.text, source.body_line)
        assert reading.text == reading_text(source)
        body = reading.offsets[source.body_line - 1:]
        assert all(source.text[o] == c for c, o in
                   zip(reading.text[source.body_line - 1:], body, strict=True))
        assert list(body) == sorted(body)


@pytest.mark.slow  # test-fast's budget: the finder twice over a whole work, 3 s
def test_suspects_of_a_text_md_are_those_make_check_finds(project: Path, capsys):
    text_md = project / "source" / SMALL / "text.md"
    # read raw, the front matter, the markup and the notes' quotes would be flagged
    assert find_suspects(read_text(text_md))
    assert main(["suspects", str(text_md)]) == 0
    assert "no OCR suspects" in capsys.readouterr().out


@pytest.mark.slow  # test-fast's budget: the finder three times over a whole work, 5 s
def test_the_desk_s_own_questions_stay_out_of_the_report(project: Path, capsys):
    """The desk asks a lone letter and two words printed as one; `editio suspects` and make
    check (reading_suspects as they call it) do not: there a question fails the check."""
    text_md = project / "source" / SMALL / "text.md"
    text = read_text(text_md).replace("applied to the court to postpone the trial, on",
                                      "applied to I the court to postpone the trial, didnot", 1)
    text_md.write_text(text, encoding="utf-8")
    source = load_work(Project(project), SMALL)
    args = (source.text, source.body_line, source.meta, source.accepted_words, source.text_path)
    asked = {f.token: f.readings for f in reading_suspects(*args, desk=True)}
    assert asked["I"] == ("",) and asked["didnot"] == ("did not",)
    assert reading_suspects(*args) == []
    assert main(["suspects", str(text_md)]) == 0
    assert "no OCR suspects" in capsys.readouterr().out


@pytest.mark.slow  # test-fast's budget: 0.6-1.6 s (a build, a work prepared)
def test_a_flag_stands_at_text_md_s_line_and_column(project: Path, capsys):
    text_md = project / "source" / SMALL / "text.md"
    text = read_text(text_md)
    # a misprint after an emendation span on the same line: reading and text.md columns differ
    text = text.replace("applied to the court to postpone", "applied to tbe court to postpone")
    text_md.write_text(text, encoding="utf-8")
    source = load_work(Project(project), SMALL)
    flags = reading_suspects(source.text, source.body_line, source.meta, source.accepted_words)
    found = [f for f in flags if f.token == "tbe"]
    assert found and found[0].readings[0] == "the"
    line = text.split("\n")[found[0].line - 1]
    assert line[found[0].column - 1:].startswith("tbe court")
    assert main(["suspects", str(text_md), "--format", "tsv"]) == 1
    rows = capsys.readouterr().out.splitlines()
    assert f"{found[0].line}\t{found[0].column}\ttbe\tthe\t" in "\n".join(rows)


def test_a_reading_keeps_the_token_s_punctuation():
    assert whole_reading("Lverett,", "Everett", "unknown-word") == "Everett,"
    assert whole_reading("Lverett,", "Everett,", "unknown-word") == "Everett,"
    assert whole_reading("201.", "201,", "glued-punctuation") == "201,"
    # a reading with a sign before it keeps the token's closing marks (L3, -> £3,)
    assert whole_reading("L3,", "£3", "letter-digit") == "£3,"
    # ... and its sign stands for the token's opening mark (the OCR's U+FFFD for £)
    assert whole_reading("\ufffd5,", "£5", "letter-digit") == "£5,"
    # ... but an opening bracket stays before the sign
    assert whole_reading("(L3,", "£3", "letter-digit") == "(£3,"
    # a mark inside the word read as a letter or a space: the closing marks stay
    assert whole_reading("wi!h,", "with", "inner-punctuation") == "with,"
    assert whole_reading("seventeen.years'", "seventeen years",
                         "inner-punctuation") == "seventeen years'"
    # a text that quotes with double marks: an apostrophe at a misread word's edge is a speck
    assert whole_reading("'sbe", "she", "unknown-word", text_quotes('He said "no".')) == "she"
    assert whole_reading("meii',", "men", "unknown-word", '"') == "men,"
    assert whole_reading("prisonrs'", "prisoners", "unknown-word", '"') == "prisoners'"
    # ... not an elision's apostrophe, which is the word's own
    assert whole_reading("'tia", "tis", "unknown-word", '"') == "'tis"
    # ... but in one that quotes with single marks it may close a quotation
    assert whole_reading("meii'", "men", "unknown-word", text_quotes("He said 'no'.")) == "men'"


def test_a_series_is_one_confusion_of_letters_in_its_context():
    """The same learned confusion is a confusion of letters after the same letter (PoCoTo's
    tbe -> the, tbat -> that: b for h after t), not any change of the same shape: c for e
    after b is not c for e after h, and a space lost or put in is no confusion at all
    (every glued pair, every word split in two would be one series)."""
    assert confusion("tbe", "the") == confusion("tbat,", "that,") == (("t", "b", "h"),)
    assert confusion("bcen", "been") == (("b", "c", "e"),)
    assert confusion("bcen", "been") != confusion("hcr", "her")
    assert confusion("tlie", "the") == (("t", "li", "h"),)
    assert confusion("heldat", "held at") == confusion("wasat", "was at") == ()
    assert confusion("polit", "political") == confusion("l0s.", "10s.") == ()


def test_a_glued_word_read_as_one_word_is_labelled_a_misread_word():
    """The label says what the first reading is: doblu, which the finder took for two words
    printed as one, reads double."""
    glued = Suspect(1, 22, "doblu", "double", "glued-words", 0.9, ("double", "do blu"))
    two = Suspect(1, 22, "doblu", "do blu", "glued-words", 0.9, ("do blu", "double"))
    text = "He was hurt, and the doblu door was shut."
    assert [f.reason for f in plain_flags([glued, two], text)] == ["unknown-word", "glued-words"]
