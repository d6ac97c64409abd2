"""editio_tools.period_words: the early-modern spellings the finder ships."""

from __future__ import annotations

from editio.suspects.evidence import period_words as shipped
from editio_tools.period_words import period_words


def test_spellings_seen_often_enough_in_lower_case_and_unknown_to_the_dictionary_are_kept():
    texts = ["I haue seene the King, and haue spoken vnto Hamlet. Hamlet, Hamlet!",
             "They haue gone vnto the towne; the towne is theirs. haue vnto"]
    words = period_words(texts, {"the", "king", "towne"})
    assert words == {"haue": 4, "vnto": 3}  # seene once, Hamlet capitalised, towne known


def test_the_shipped_list_has_the_periods_spellings_and_no_modern_word():
    words = shipped()
    assert {"haue", "vpon", "themselues", "euen", "stuffe"} <= words
    assert not {"have", "upon", "the", "even"} & words
