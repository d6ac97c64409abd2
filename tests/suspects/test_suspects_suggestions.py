"""Suggestions (editio.suspects.suggestions): the candidates a flag's reading is chosen from
and how they are ranked."""

from __future__ import annotations

from editio.suspects.finder import Suspect, find_suspects


def _flag(text: str, token: str) -> Suspect:
    found = {s.token: s for s in find_suspects(text)}
    assert token in found, sorted(found)
    return found[token]


def test_a_word_of_the_newspapers_the_dictionary_lacks_is_a_candidate() -> None:
    # Messrs and Mr are not in symspellpy's list; the training ground truth has them often
    s = _flag("The goods were supplied by Mesers. Brinsmead and Sons of the Strand.", "Mesers.")
    assert s.suggestion == "Messrs"
    s = _flag("The prisoner, who was a butcher, went to see Mlr. Smith at the office.", "Mlr.")
    assert s.suggestion == "Mr"


def test_the_analysis_reading_is_ranked_with_the_other_corrections() -> None:
    # the analysis's reading (me: two letters dropped) no longer leads a likelier one
    s = _flag("He had worked in the miae within three months of the accident.", "miae")
    assert s.suggestions[:2] == ("mine", "me")
