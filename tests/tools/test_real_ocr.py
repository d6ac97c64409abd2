"""editio_tools.real_ocr: the older books' pages (ICDAR's aligned format) become segments of
OCR and ground truth that score only what the OCR got wrong."""

from __future__ import annotations

from editio_tools import real_ocr
from editio_tools.bench_suspects import label_segment


def _page(ocr: str, gt: str) -> str:
    assert len(ocr) == len(gt)
    return (f"[OCR_toInput] {ocr.replace('@', '')}\n[OCR_aligned] {ocr}\n"
            f"[ GS_aligned] {gt}\n")


def test_a_page_is_cut_into_line_sized_segments_between_words_on_both_sides():
    words = " ".join(f"word{k}" for k in range(40))
    doc = real_ocr.parse_aligned(_page(words, words), "p")
    assert len(doc.ocr) > 3 and all(50 <= len(o) <= 80 for o in doc.ocr[:-1])
    assert doc.ocr == doc.gt and " ".join(doc.ocr) == words and doc.left_out == 0


def test_the_conversion_faults_of_the_ground_truth_are_undone():
    ocr = "and confess sincerely the ar- dor I felt@; briefly"
    gt_ = "and confess ffncerely the ar\u2011 dor I felt ; brie\ufb02@y"
    doc = real_ocr.parse_aligned(_page(ocr, gt_), "p")
    assert doc.gt == ["and confess sincerely the ar-", "dor I felt; briefly"]
    assert [label_segment(o, g) for o, g in zip(doc.ocr, doc.gt, strict=True)] == [[0] * 5,
                                                                                   [0] * 4]


def test_a_segment_paired_with_another_passage_is_left_out():
    same = "There was twelve purges, and twenty clysters. I don't wonder"
    other = ("if I am not so well this month as the last. I shall tell Mr.",
             "soure blackes ; whereof the one was a boy, or young youth, who")
    ocr = f"{same} {other[0]}"
    gt_ = f"{same} {other[1]}"
    doc = real_ocr.parse_aligned(_page(ocr, gt_[:len(ocr)].ljust(len(ocr), "@")), "p")
    assert doc.ocr == [same] and doc.left_out == len(other[0].split())


def test_a_word_broken_by_a_hyphen_ends_its_segment_as_it_ended_the_printed_line():
    text = "rable store, and where they are, they doe goe in heards, a- bout the riuer"
    doc = real_ocr.parse_aligned(_page(text, text), "p")
    assert doc.ocr == ["rable store, and where they are, they doe goe in heards, a-",
                       "bout the riuer"]


def test_a_word_broken_by_the_keyers_hyphen_ends_its_segment_too():
    # The keyers wrote the line-end hyphen as U+2010 or U+2011 as often as "-".
    ocr = "rable store, and where they are, they doe goe in heards, a- bout the riuer"
    for hyphen in ("\u2010", "\u2011"):
        doc = real_ocr.parse_aligned(_page(ocr, ocr.replace("a- ", f"a{hyphen} ")), "p")
        assert doc.ocr == ["rable store, and where they are, they doe goe in heards, a-",
                           "bout the riuer"]
        assert doc.gt == doc.ocr


def test_a_line_end_hyphen_the_ocr_lost_makes_both_halves_errors_where_the_keyers_kept_it():
    # The keyers kept "Prophe- sies" (a printed line's end inside the segment); the OCR read
    # "Prophe sies", a word split in two, as a split word is scored where the ground truth
    # joins broken words. Without kept_breaks, "Prophe" is left out and "sies" counted right.
    ocr, gt_ = "the Prophe sies, which had been", "the Prophe- sies, which had been"
    assert label_segment(ocr, gt_, kept_breaks=True) == [0, 1, 1, 0, 0, 0]
    assert label_segment(ocr, gt_) == [0, None, 0, 0, 0, 0]
    # a hyphen the OCR kept is no error; the books' pages are read with kept_breaks
    assert label_segment(gt_, gt_, kept_breaks=True) == [0] * 6
    page = real_ocr.parse_aligned(_page("a word", "a word"), "p")
    assert page.kept_breaks


def test_the_false_flags_listed_are_the_flags_on_tokens_the_ground_truth_reads_alike():
    from editio.suspects.report import Suspect
    from editio_tools.bench_suspects import false_flags

    doc = real_ocr.RealDoc("EN1/0", ["the duke of Bourgone, which gaue hym", "tbe wyfe"],
                           ["the duke of Bourgone, which gaue hym", "the wyfe"])
    found = [Suspect(1, 13, "Bourgone,", "", "unknown-word", 0.58),
             Suspect(2, 1, "tbe", "the", "unknown-word", 0.99)]
    lines = false_flags([doc], [found], [doc.name])
    # the misread "tbe" is a true flag; the duke's name, read right, is the false one
    assert len(lines) == 1
    assert lines[0].startswith("EN1/0:1 'Bourgone,' [unknown-word, 0.58]")
    assert "gt: the duke of Bourgone" in lines[0]


def test_the_false_flags_of_a_test_half_are_never_printed():
    import pytest

    from editio_tools import bench_suspects

    with pytest.raises(SystemExit):
        bench_suspects.main(["--corpus", "x", "--false", "5"])
