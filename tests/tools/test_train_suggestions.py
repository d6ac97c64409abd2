"""train_suggestions: the OCR forms learned from aligned OCR and ground truth."""

from __future__ import annotations

from editio_tools.bench_suspects import Doc
from editio_tools.train_suggestions import learn_forms


def test_forms_count_one_for_one_misreadings_seen_often_enough() -> None:
    docs = [
        Doc("a", ["He bad tbe money,", "tbe man and tbe boy"],
            ["He had the money,", "the man and the boy"]),
        Doc("b", ["Tbe prisoner l0st it", "a garbleword here"],
            ["The prisoner lost it", "a word here"]),
    ]
    forms = learn_forms(docs)
    # case and marks are not the form's; a form seen once (bad: had) is left out, so is a
    # token with a digit (l0st: the letter-digit reading's), and the reading must be letters
    assert forms == {"tbe": {"the": 4}}
    assert learn_forms(docs, least=1) == {"bad": {"had": 1}, "garbleword": {"word": 1},
                                          "tbe": {"the": 4}}
