"""The desk's state and actions without a browser (the browser's own test is
test_desk_browser.py)."""

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
