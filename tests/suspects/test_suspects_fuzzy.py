"""Words sharing most of a garbled token's letter pairs (editio.suspects.fuzzy), and the long
garbles they give readings to."""

from __future__ import annotations

from editio.suspects.finder import default_analyzer
from editio.suspects.fuzzy import PairIndex, dice, letter_pairs


def test_letter_pairs_and_dice() -> None:
    assert letter_pairs("ab") == {"^a", "ab", "b$"}
    assert dice(letter_pairs("ab"), letter_pairs("ab")) == 1.0
    assert dice(letter_pairs("ab"), letter_pairs("cd")) == 0.0
    assert dice(letter_pairs("abc"), letter_pairs("abd")) == 0.5
    assert dice(set(), set()) == 0.0  # no pairs at all: nothing shared, no division by nought


def test_the_index_finds_the_nearest_words_within_reach_of_the_length() -> None:
    index = PairIndex(["commission", "commissions", "connection", "omission", "cat"])
    got = index.nearest("crmmnsiion", 0.5, 2, 3)
    assert got[0][0] == "commission" and all(d >= 0.5 for _, d in got)
    assert "cat" not in dict(index.nearest("catx", 0.0, 0, 9))  # beyond reach of its length
    assert index.nearest("commission", 0.5, 2, 9)[0][0] == "commissions"  # not itself


def test_the_nearest_words_best_first_then_by_letter_within_reach_both_ways() -> None:
    index = PairIndex(["abe", "abd", "zabc", "abcde", "a"])
    # abd and abe share half the pairs of abc exactly (a Dice of 0.5 is enough), zabc more
    assert index.nearest("abc", 0.5, 1, 9) == [
        ("zabc", 2 / 3), ("abd", 0.5), ("abe", 0.5)]
    assert "abcde" not in dict(index.nearest("abc", 0.0, 1, 9))  # two letters longer
    assert ("a", 0.4) in index.nearest("ab", 0.3, 1, 9)  # a word of one letter is in reach


def test_a_long_garble_no_edit_search_reaches_gets_the_word_it_shares_most_with() -> None:
    an = default_analyzer()
    assert an.corrections("crmmnsiion", "", "")[0] == "commission"
    assert an.corrections("neizotiatiorns", "", "")[0] == "negotiations"
    # a name the document itself uses twice, three misreadings away
    assert "macdermott" not in an.corrections("mcadermnott", "", "")
    assert an.corrections("mcadermnott", "", "", {"macdermott": 2})[0] == "macdermott"
