"""editio_tools.bench_desk's scripted editor: what counts as a wrong token put right by one
accept (the issue's measure), on flags made by hand."""

from __future__ import annotations

import pytest

from editio.suspects.finder import Suspect
from editio_tools.bench_desk import Editor, Tally, main, same, the_rest
from editio_tools.bench_suspects import Doc

OCR = "He was left w _ T alone in tbe room, and the dogr was shut."
GT = "He was left alone in the room, and the door was shut."


def _flag(token: str, readings: tuple[str, ...], stretch: str = "") -> Suspect:
    column = f" {OCR} ".index(f" {token} ") + 1  # the whole token
    spans = ((1, column, stretch),) if stretch else ()
    return Suspect(1, column, token, readings[0], "unknown-word", 0.9, readings, "", spans)


def _tally(flags: list[Suspect], exact: bool = True) -> Tally:
    tally = Tally()
    Editor(Doc("d", [OCR], [GT]), None, tally, True, flags, exact).work()
    return tally


def test_one_accept_over_several_wrong_stretches_puts_each_right():
    # w, _ and T are three wrong tokens (the truth has nothing there): one deletion of the
    # run puts all three right; the word after it, right, is not taken with them
    tally = _tally([_flag("w", ("",), "w _ T"), _flag("tbe", ("the",))])
    assert (tally.wrong, tally.by_accept) == (5, 4)  # dogr: no flag, typed by hand
    tally = _tally([_flag("w", ("",), "w _ T alone")])
    assert tally.by_accept == 0  # it would delete a right word too


def test_a_reading_right_but_for_punctuation_counts_only_where_the_measure_says():
    flags = [_flag("dogr", ("door.",))]
    assert _tally(flags).by_accept == 0
    assert _tally(flags, exact=False).by_accept == 1
    assert same("door.", "door", exact=False) and not same("do or", "door", exact=False)
    assert not same("", ",", exact=False)


def test_a_word_the_ocr_left_out_beside_a_wrong_token_is_no_part_of_its_truth():
    # "court" is left out (found by reading, typed by hand: no wrong token); wst is read
    # "was", which is its stretch's truth, and "court was" puts it right as well
    ocr, gt = "but the wst so satisfied", "but the court was so satisfied"
    for reading in ("was", "court was"):
        flag = Suspect(1, ocr.index("wst") + 1, "wst", reading, "unknown-word", 0.9,
                       (reading,))
        tally = Tally()
        Editor(Doc("d", [ocr], [gt]), None, tally, True, [flag]).work()
        assert (tally.wrong, tally.by_accept) == (1, 1), reading


def test_a_first_reading_that_misses_is_kept_for_misses():
    tally = _tally([_flag("tbe", ("she", "the")), _flag("dogr", ("door",))])
    assert tally.misses["one-for-one"] == [("tbe", ("she", "the"), "the", "unknown-word")]


def test_a_development_split_s_leave_out_analyzer_learns_from_the_other_documents_alone():
    train = [Doc(str(i), [], []) for i in range(10)]
    rest = the_rest(train, 4, 1)
    assert [d.name for d in rest] == ["0", "2", "3", "4", "6", "7", "8"]
    assert not {d.name for d in rest} & {d.name for d in train[1::4]}


def test_leave_out_without_a_development_split_is_refused(capsys) -> None:
    # the held-out documents are never read with a leave-out analyzer: it was silently ignored
    with pytest.raises(SystemExit) as exit_:
        main(["--corpus", "nowhere", "--leave-out"])
    assert exit_.value.code == 2 and "--training" in capsys.readouterr().err
