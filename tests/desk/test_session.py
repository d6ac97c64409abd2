"""The desk's state and actions without a browser (the browser's own test is
test_desk_browser.py); a reading of a word split in two is written over its stretch."""

from __future__ import annotations

from pathlib import Path

from editio.base.project import Project
from editio.desk.session import Desk
from editio.intake.scaffold import new_work


def test_a_garble_is_widened_over_words_only_never_into_markup(project: Path):
    """The run a deletion may take (+) is the words after the flag on its line, and ends
    before an emendation already written: the desk never offers to delete across one."""
    scan = project / "scan.txt"
    scan.write_text("He was left alone in the drawing-room thanwths ol for some minutes.\n\n"
                    "The prisoner was seen at ohort,llned lOs the house of Mr. Pring.\n",
                    encoding="utf-8")
    made = new_work(Project(project), "lee", scan, title="Lee")
    text = made.text_path.read_text(encoding="utf-8")
    made.text_path.write_text(text.replace("lOs the", '[les]{.corr sic="lOs"} the'),
                              encoding="utf-8")
    flags = {f["token"]: f for f in Desk(Project(project), "lee").state()["flags"]}
    assert flags["thanwths"]["next"] == [" ol", " for", " some", " minutes."]
    assert flags["ohort,llned"]["next"] == []  # not ' [les]{.corr'


SPLIT = ("THE MEETING.\n\nThe polit ical question was raised by the member for the borough, "
           "who spoke of the tbe new road and the bridge.\n")


def test_a_reading_of_a_split_word_is_written_over_its_stretch_and_the_other_flags_move(
        project: Path) -> None:
    scan = project / "scan.txt"
    scan.write_text(SPLIT, encoding="utf-8")
    text_md = new_work(Project(project), "meeting", scan, title="Meeting").text_path
    desk = Desk(Project(project), "meeting")
    state = desk.state()
    [flag] = [f for f in state["flags"] if f["readings"][:1] == ["political"]][:1]
    place = flag["places"][0]
    assert place["token"] == "polit ical"
    text = text_md.read_text(encoding="utf-8")
    assert text[place["id"]:].startswith("polit ical question")
    state = desk.act({"action": "write", "digest": state["digest"],
                      "places": [{**place, "reading": "political"}]})
    text = text_md.read_text(encoding="utf-8")
    assert 'The [political]{.corr sic="polit ical" cert="low"} question' in text
    # neither half is flagged any more, and a flag after it is where its token now stands
    assert not [f for f in state["flags"] if f["token"] in ("polit", "ical")]
    [tbe] = [f for f in state["flags"] if f["token"] == "tbe"]
    assert text[tbe["id"]:].startswith("tbe new road")
    assert all(text[p["id"]:].startswith(p["token"]) for p in tbe["places"])


def test_a_flag_is_shown_as_the_reader_sees_it_and_written_as_text_md_has_it(project: Path):
    """A token text.md writes with Markdown escapes (mill\\_hands, \\[masters\\]) is shown in
    its sentence, in its readings and in a series as the reader sees it; the write still
    names it as text.md has it."""
    scan = project / "scan.txt"
    scan.write_text("THE STRIKE.\n\nThe men of the mill came out on Monday, and the [masters] "
                    "said tbe mill_hands would be paid.\n", encoding="utf-8")
    text_md = new_work(Project(project), "strike", scan, title="Strike").text_path
    state = Desk(Project(project), "strike").state()
    flags = {f["token"]: f for f in state["flags"]}
    hands = flags["mill\\_hands"]
    assert hands["shown"] == "mill_hands"
    sentence = hands["before"] + hands["shown"] + hands["after"]
    assert "said tbe mill_hands would be paid." in sentence
    assert "\\" not in sentence
    masters = flags["\\[masters\\]"]
    assert masters["shown"] == "[masters]"
    assert all("\\" not in r for r in masters["shown_readings"])
    assert all(p["shown"] == "[masters]" for p in masters["places"])
    text = text_md.read_text(encoding="utf-8")
    assert text[hands["id"]:].startswith("mill\\_hands")


def test_a_word_broken_at_a_line_s_end_is_read_as_one_and_written_line_by_line(
        project: Path) -> None:
    """A reading over a line's end (mem|ber -> member) is written as the collation keeps the
    witness's lines: the reading over the first half, the second half omitted on its line;
    the text collates and the flags after it are where their tokens stand."""
    from editio.desk.writer import Correction, collate_text, plan
    from editio.intake.source import load_work

    scan = project / "scan.txt"
    scan.write_text("THE MEETING.\n\nThe question was raised by the member for the borough, "
                    "who had been a mem\nber for some years, and tbe maa\ngistrate.\n",
                    encoding="utf-8")
    text_md = new_work(Project(project), "meeting", scan, title="Meeting").text_path
    desk = Desk(Project(project), "meeting")
    state = desk.state()
    [flag] = [f for f in state["flags"] if f["token"] == "ber"]
    assert (flag["readings"][0], flag["places"][0]["token"]) == ("member", "mem\nber")
    lines = text_md.read_text(encoding="utf-8").count("\n")
    # each span is reported at its own line (as --apply says where it wrote)
    text, at = text_md.read_text(encoding="utf-8"), flag["places"][0]["id"]
    line, column = text.count("\n", 0, at) + 1, at - text.rfind("\n", 0, at)
    planned = plan(text, 1, [Correction(line, column, "mem\nber", "member")])
    assert [n for n, _ in planned.spans] == [line, line + 1]
    state = desk.act({"action": "write", "digest": state["digest"],
                      "places": [{**flag["places"][0], "reading": "member"}]})
    text = text_md.read_text(encoding="utf-8")
    assert 'a [member]{.corr sic="mem" cert="low"}\n[]{.corr sic="ber " cert="low"}for some' \
        in text
    assert text.count("\n") == lines
    source = load_work(Project(project), "meeting")
    assert collate_text(source, source.text).witness
    assert not [f for f in state["flags"] if f["token"] in ("mem", "ber")]
    assert [f for f in state["flags"] if f["token"] == "tbe"]
    for f in state["flags"]:
        assert text[f["id"]:].startswith(f["token"])
        assert all(text[p["id"]:].startswith(p["token"]) for p in f["places"])


def test_a_letter_asked_for_its_neighbours_has_no_series_and_is_no_accepted_word(
        project: Path) -> None:
    """A lone I the desk asks to delete (bled in from a column) is an error where it stands
    only: no series offers to delete the work's other I's, and `w` cannot put a letter into
    accepted-words.txt, where every I would go unasked, junk included."""
    import pytest

    from editio.base.errors import CorrectionError

    scan = project / "scan.txt"
    scan.write_text("THE COURT.\n\nThe clerk applied to I the court to postpone the trial, and "
                    "I said that the witness was ill.\n", encoding="utf-8")
    text_md = new_work(Project(project), "court", scan, title="Court").text_path
    desk = Desk(Project(project), "court")
    state = desk.state()
    [lone] = [f for f in state["flags"] if f["token"] == "I"]
    assert lone["readings"][0] == "" and lone["series"] == []
    before = text_md.read_bytes()
    with pytest.raises(CorrectionError, match="letter alone"):
        desk.act({"action": "accept-word", "digest": state["digest"], "word": "I"})
    assert not (text_md.parent / "accepted-words.txt").exists() or \
        "I" not in (text_md.parent / "accepted-words.txt").read_text(encoding="utf-8").split()
    assert text_md.read_bytes() == before
