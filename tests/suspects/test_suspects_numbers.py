"""Numbers and sums the OCR misread (editio.suspects.numbers), and their place among a flag's
readings."""

from __future__ import annotations

from editio.suspects.finder import default_analyzer
from editio.suspects.numbers import number_readings
from editio.suspects.tokens import tokenize


def _read(core: str, trail: str = "") -> list[tuple[str, bool]]:
    return [(r.text, r.leads) for r in number_readings(core, trail)]


def test_letters_read_for_digits_in_a_sum() -> None:
    assert _read("l0s", ".")[0] == ("10s", True)
    assert _read("lOs", ".")[0] == ("10s", True)  # no digit, but a nought among ones
    assert _read("I8") == [("18", True)]


def test_the_pounds_l_read_as_a_one() -> None:
    assert _read("1001", ".") == [("100l", True)]
    assert _read("51", ".,") == [("5l", True)]
    assert _read("101", ",") == [("10l", False)]  # no stop: offered, not first
    assert _read("1851", ".") == [("185l", False)]  # a year ending a sentence
    assert _read("81") == [] and _read("01", ",") == []


def test_the_shillings_s_read_as_a_letter_or_a_digit() -> None:
    assert _read("13a", ".")[0] == ("13s", True)
    assert _read("l13", ".")[0] == ("11s", True)
    assert _read("20i", ".")[:2] == [("20s", True), ("20l", False)]
    assert _read("53", ".") == [("5s", False)]  # 53. may be fifty-three
    assert _read("20X", ".") == [("20s", True)]  # an X is no pound's l
    assert _read("13a") == []  # no stop after it: no unit


def test_the_pound_sign_and_ordinals() -> None:
    assert _read("L3") == [("£3", True)]
    assert _read("C600") == [("£600", True)]
    assert _read("Ist") == [("1st", True)]
    assert _read("9tb") == [("9th", True)]
    assert _read("Oth") == []


def test_a_capital_i_read_for_the_pounds_l() -> None:
    assert _read("lOOI", ".")[0] == ("100l", True)
    assert _read("lOOI")[0] == ("100l", False)  # no stop after it: offered, not first
    assert _read("5I", ".")[0] == ("5l", True)
    assert _read("I") == [] and _read("II", ".") == []  # the pronoun, a numeral


def test_ordinals_without_a_digit_take_their_own_ending() -> None:
    assert _read("9tli") == [("9th", True)]
    assert _read("IIth") == [("11th", True)] and _read("IOth") == [("10th", True)]
    assert _read("Znd") == [("2nd", True)] and _read("ZIst") == [("21st", True)]
    assert _read("Sth") == [("5th", True)] and _read("IIIth") == [("111th", True)]
    for word in ("IInd", "IZnd", "Zrd", "Ind"):  # 11th, 12th, 2nd, 1st: not these endings
        assert _read(word) == [], word


def test_figures_need_digits_for_half_their_letters() -> None:
    assert _read("l1") == [("11", True)] and _read("1l11") == [("1111", True)]
    assert _read("lIO") == [("110", True)]
    assert _read("1ii") == [] and _read("l1ii") == []
    assert _read("£3") == []  # the sign already read
    assert _read("1851", ".,") == [("185l", False)]  # a year, though a comma follows


def test_words_are_no_numbers() -> None:
    for word in ("So", "SO", "Is", "O", "the", "lii", "Od"):
        assert _read(word) == [], word


def test_no_number_begins_with_a_nought_read_for_a_letter() -> None:
    # OI. OO: a word in capitals misread (OF, ON), no 01. or 00; lO IO are still 10
    assert _read("OI", ".") == [] and _read("OO") == [] and _read("OOl", ".") == []
    assert _read("lO") == [("10", True)] and _read("IOO") == [("100", True)]


def test_a_sum_read_as_a_number_leads_the_flags_readings() -> None:
    an = default_analyzer()
    tokens = tokenize("He was fined 1001. and costs, and paid 13a. at the office.")
    at = {t.text: k for k, t in enumerate(tokens)}
    assert an.suggest(tokens, at["1001."], "glued-punctuation", "1001,")[0] == "100l."
    assert an.suggest(tokens, at["13a."], "letter-digit", "")[0] == "13s"


def test_a_pound_sign_the_ocr_could_not_read_is_read_as_one() -> None:
    # the OCR wrote U+FFFD for the sign: the sum, not a word (of, to) nor the bare figures
    an = default_analyzer()
    tokens = tokenize("He was fined \ufffd5, and costs, and paid \ufffd2000 to the man.")
    at = {t.text: k for k, t in enumerate(tokens)}
    assert an.suggest(tokens, at["\ufffd5,"], "glued-punctuation", "")[0] == "£5,"
    assert an.suggest(tokens, at["\ufffd2000"], "glued-punctuation", "")[0] == "£2000"
