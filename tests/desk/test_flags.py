"""The finder's flags on a work's text.md: its reading text read (as make check reads it),
each flag at text.md's line and column, its readings of the whole token."""

from __future__ import annotations

from pathlib import Path

import pytest

from editio.base.project import Project
from editio.cli import main
from editio.desk.flags import (
    Flag,
    confusion,
    desk_suspects,
    format_tsv,
    glued_words,
    likelier_words,
    lone_letters,
    plain_flags,
    pounds,
    read_tsv,
    reading_suspects,
    text_quotes,
    whole_reading,
)
from editio.intake.source import load_work, read_text
from editio.suspects.finder import Suspect, default_analyzer, find_suspects
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


def test_a_reading_keeps_the_token_s_punctuation_and_a_row_without_one_is_left_alone(tmp_path):
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
    table = format_tsv([Flag(3, 1, "Bejuacsein", (), "unknown-word", 0.9),
                        Flag(4, 2, '"', ("",), "stray-punctuation", 0.8)])
    corrections, kept = read_tsv(table, tmp_path / "t.tsv")
    assert kept == [2]  # no suggestion: its token, left as it is
    assert [(c.line, c.token, c.reading, c.row) for c in corrections] == [(4, '"', "", 3)]


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


def _asked(text: str, found: tuple = (), accepted: frozenset[str] = frozenset()) -> list[str]:
    """The tokens lone_letters asks, each with the text about it."""
    return [f"{s.token}@{s.line}:{s.column}" for s in lone_letters(text, list(found), accepted)]


@pytest.mark.parametrize(("text", "asked"), [
    # a small letter bled in (not a: an article)
    ("He went to another v West Bromwich grocer with a parcel.", ["v@1:20"]),
    ("that the o bodies of the men were found", ["o@1:10"]),
    # I before no small word: a heading, a new sentence, a mark, the text's end
    ("I The witness said he saw the man.", ["I@1:1"]),
    ("I MURDER AND SUICIDE AT HACKNEY", ["I@1:1"]),
    ("were remanded.\nI\nOn Tuesday the court sat.", ["I@2:1"]),
    ("and the matter ended there. I", ["I@1:29"]),
    ("and he went to I the house.", ["I@1:16"]),  # a small word that never follows I
    ("A HEADING IN CAPITALS\nI On Tuesday the court sat.", ["I@2:1"]),  # (on the line before)
    # a capital other than A, I, O between two small words
    ("She saw the father F taking the child away.", ["F@1:20"]),
    # a before a word that never follows the article
    ("likely to take a their family away", ["a@1:16"]),
])
def test_the_desk_asks_to_delete_a_letter_standing_alone(text: str, asked: list[str]):
    assert _asked(text) == asked
    [s] = lone_letters(text, [])
    assert s.suggestions == ("",) and s.reason == "bled-in"
    # a flag of the desk deletes the token: its reading writes nothing
    [flag] = plain_flags([s], text)
    assert flag.readings == ("",) and flag.token == s.token


@pytest.mark.parametrize("text", [
    "He bought a horse and a cart at the fair.",  # the article
    "I am quite sure, and I said so to him.",  # I before a verb
    "The child said, 'I don't know,' and I believe her.",
    "CHAPTER I\nThe house stood on the hill.",  # a numeral after a capital
    "What have I to live on? Am I a fool?",  # small words that may follow I
    "Inspector Judge, N division, attended.",  # a division's letter, capitals about it
    "Inspector Porter, B Division, watched the case.",
    "the price was 6 d a pound",  # money after a numeral
    "He said, \"A man came.\" A boy ran.",  # A is a word
    "the letter x.",  # a mark on it: an abbreviation, a letter named
    "à la mode",  # not an English letter
    "and I -- I mean to say so.",  # speech broken off: a stammer
    "but I \u2014 well, it was late.",
])
def test_the_desk_leaves_a_letter_that_may_be_a_word(text: str):
    assert _asked(text) == []


def test_the_desk_asks_no_letter_a_flag_reaches_or_the_editor_accepted():
    text = "He went to another v West Bromwich grocer.\nI The witness said so."
    # a flag on the letter already (the finder's), or a reading that takes it in with its
    # neighbour (another v -> anotherv... a stretch over both tokens)
    on_it = Suspect(1, 20, "v", "", "bled-in", 0.9, ("",))
    assert _asked(text, (on_it,)) == ["I@2:1"]
    over = Suspect(1, 12, "another", "another", "glued-words", 0.9, ("another",),
                   spans=((1, 12, "another v"),))
    assert _asked(text, (over,)) == ["I@2:1"]
    across = Suspect(1, 36, "grocer.", "grocer", "broken-word", 0.9, ("grocer",),
                     spans=((1, 36, "grocer.\nI"),))
    assert _asked(text, (across,)) == ["v@1:20"]
    assert _asked(text, accepted=frozenset({"i"})) == ["v@1:20"]


def test_the_desk_asks_the_finder_s_questions_and_its_own():
    text = "He went to another v West Bromwich grocer with tbe parcel he had bought."
    report = {(s.line, s.column) for s in find_suspects(text)}
    desk = {(s.line, s.column): s.token for s in desk_suspects(text)}
    assert report <= desk.keys() and desk[(1, 20)] == "v" and desk[(1, 48)] == "tbe"


def test_the_desk_reads_two_common_words_printed_as_one_as_the_two():
    analyzer = default_analyzer()
    text = "He struck the door withthe poker. Youcan see, and didnot stop forhim, then."
    asked = glued_words(text, [], analyzer)
    assert [(s.token, s.suggestions) for s in asked] == [
        ("withthe", ("with the",)), ("Youcan", ("You can",)), ("didnot", ("did not",)),
        ("forhim,", ("for him",))]
    # the reading of the whole token keeps its comma
    assert plain_flags(asked, text)[-1].readings == ("for him,",)
    # a word, a name whose halves are not both among the commonest words, one accepted or
    # one a flag reaches already
    assert glued_words("He went into the room and cannot stay; Mr. Witham of Greenway.", [],
                       analyzer) == []
    # a capital within a sentence is a name's (And over, Hadover), not two words'
    assert glued_words("They went by the coach to Andover and Hadover on Tuesday.", [],
                       analyzer) == []
    assert glued_words(text, [], analyzer, frozenset({"youcan"}))[1].token == "didnot"
    on_it = Suspect(1, 20, "withthe", "with the", "glued-words", 0.9, ("with the",))
    assert [s.token for s in glued_words(text, [on_it], analyzer)][0] == "Youcan"


def test_the_desk_reads_glued_words_in_the_letters_printed():
    # a long s is read as an s to find the words, and written as printed: never modernised
    [s] = glued_words("the reſt ofthoſe men", [], default_analyzer())
    assert (s.token, s.suggestions) == ("ofthoſe", ("of thoſe",))


def test_a_glued_word_read_as_one_word_is_labelled_a_misread_word():
    """The label says what the first reading is: doblu, which the finder took for two words
    printed as one, reads double."""
    glued = Suspect(1, 22, "doblu", "double", "glued-words", 0.9, ("double", "do blu"))
    two = Suspect(1, 22, "doblu", "do blu", "glued-words", 0.9, ("do blu", "double"))
    text = "He was hurt, and the doblu door was shut."
    assert [f.reason for f in plain_flags([glued, two], text)] == ["unknown-word", "glued-words"]


def test_the_desk_asks_a_word_its_neighbours_read_far_likelier_one_confusion_away():
    """he for be, hard for herd, the for tile, was for wats: real words or forms the web has,
    which no dictionary questions, where the corpus's word pairs want a word one learned
    confusion away."""
    analyzer = default_analyzer()
    text = ("He said that be had seen the man, without herd labour for tile defence, and "
            "there wats another man.")
    asked = likelier_words(text, [], analyzer)
    assert [(s.token, s.suggestions) for s in asked] == [
        ("be", ("he",)), ("herd", ("hard",)), ("tile", ("the",)), ("wats", ("was",))]
    assert {s.reason for s in asked} == {"real-word-context"}
    # where the words read well as they stand
    assert likelier_words("He said that he had seen the man, without hard labour for the "
                          "defence, and there was another man.", [], analyzer) == []
    # a flag on the word, or the editor's accepted word
    on_it = Suspect(1, 14, "be", "he", "real-word-context", 0.9, ("he",))
    assert [s.token for s in likelier_words(text, [on_it], analyzer)] == ["herd", "tile", "wats"]
    assert [s.token for s in likelier_words(text, [], analyzer, frozenset({"be", "wats"}))] == \
        ["herd", "tile"]


def test_the_desk_asks_a_sum_in_pounds_whose_l_was_read_as_a_figure():
    text = ("a gold watch worth 81. 10s. and a chain, value 61.; damages (751.), "
            "and in 1871. he was 21. years of age")
    asked = pounds(text, [])
    assert [(s.token, s.suggestions) for s in asked] == [
        ("81.", ("8l.",)), ("61.;", ("6l.;",)), ("(751.),", ("(75l.),",))]
    assert pounds(text, asked[:1])[0].token == "61.;"
