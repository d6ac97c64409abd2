"""The desk's own questions beyond the report: a letter standing alone, two words printed as
one, a word its neighbours read far likelier, a sum in pounds; and the finder's besides."""

from __future__ import annotations

import pytest

from editio.desk.flags import plain_flags
from editio.desk.questions import desk_suspects, glued_words, likelier_words, lone_letters, pounds
from editio.suspects.finder import Suspect, default_analyzer, find_suspects


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
    "and I \u2014 The witness was gone.",  # (before a capital: broken off all the same)
    "and then said I\n-- I mean to say so.",  # the dash on the next line
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


@pytest.mark.parametrize("text", [
    "the positions of tele-\ngraphists in the service.",  # half a word broken at a hyphen
    "William Floyd Leslie Vin-\ncent and his brother",
    "they dare not say so",  # a word with letters taken away is another word: are
    "must behave like the others",
    "remove any additional permissions",
])
def test_the_desk_asks_no_likelier_word_of_english_that_reads_well(text: str) -> None:
    assert likelier_words(text, [], default_analyzer()) == []


def test_the_desk_asks_a_sum_in_pounds_whose_l_was_read_as_a_figure():
    text = ("a gold watch worth 81. 10s. and a chain, value 61.; damages (751.), "
            "and in 1871. he was 21. years of age")
    asked = pounds(text, [])
    assert [(s.token, s.suggestions) for s in asked] == [
        ("81.", ("8l.",)), ("61.;", ("6l.;",)), ("(751.),", ("(75l.),",))]
    assert pounds(text, asked[:1])[0].token == "61.;"
    # a numbered paragraph after a price word's sentence, or a figure alone, is no sum
    assert pounds("SUCH DAMAGES.\n\n17. Interpretation of the terms", []) == []
    assert pounds("What will it cost?\n\n7. The second chapter", []) == []
