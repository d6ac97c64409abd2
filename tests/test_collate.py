"""The collation check: it passes on the edition and catches every silent change."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from conftest import WORK, run_editio

TEXT = Path("source") / WORK / "text.md"


def edit(root: Path, old: str, new: str, count: int = 1) -> None:
    path = root / TEXT
    text = path.read_text(encoding="utf-8")
    assert old in text, old
    path.write_text(text.replace(old, new, count), encoding="utf-8")


def line_of(root: Path, needle: str) -> int:
    text = (root / TEXT).read_text(encoding="utf-8")
    return text[: text.index(needle)].count("\n") + 1


def test_the_edition_collates(project, capsys):
    assert run_editio(project, "collate", WORK) == 0
    assert "witness and reading text agree" in capsys.readouterr().out


MUTATIONS = {
    "added word": ("A fresh gust of wind is blowing", "A fresh gust of new wind is blowing"),
    "removed word": ("Gone are the days when the whole", "Gone are the days when whole"),
    "changed letter": ("the new Leviathan state", "the new Leviathen state"),
    "changed punctuation": ("It becomes subject to checks and balances.",
                            "It becomes subject to checks and balances!"),
    "split word": ("The stupendous machine of terror", "The stupen dous machine of terror"),
}


@pytest.mark.parametrize("name", sorted(MUTATIONS))
def test_a_silent_change_stops_the_build(project, capsys, name):
    old, new = MUTATIONS[name]
    edit(project, old, new)
    assert run_editio(project, "collate", WORK) == 9
    err = capsys.readouterr().err
    assert "collation error" in err
    assert f"text.md:{line_of(project, new)}" in err
    assert re.search(r"witness\.md:\d+", err)
    assert "Traceback" not in err


def test_a_moved_sentence_is_caught(project, capsys):
    sentence = " It becomes subject to checks and balances."
    edit(project, sentence, "")
    edit(project, "It is not only Caesar's head that has vanished.",
         "It is not only Caesar's head that has vanished." + sentence)
    assert run_editio(project, "collate", WORK) == 9
    err = capsys.readouterr().err
    assert "2 difference(s)" in err


def test_an_emendation_with_a_wrong_witness_reading_is_named(project, capsys):
    edit(project, 'sic="Robsepierre"', 'sic="Robespiere"')
    assert run_editio(project, "collate", WORK) == 9
    err = capsys.readouterr().err
    assert "emendation" in err and "gives the witness reading 'Robespiere,'" in err
    assert "reads 'Robsepierre,'" in err


def test_an_unrecorded_correction_is_caught(project, capsys):
    """Correcting the witness without the span is exactly what the check is for."""
    edit(project, '[Robespierre]{.corr sic="Robsepierre" kind="compositor"', "[Robespierre]{")
    text = (project / TEXT).read_text(encoding="utf-8")
    (project / TEXT).write_text(re.sub(r"\[Robespierre\]\{[^}]*\}", "Robespierre", text),
                                encoding="utf-8")
    assert run_editio(project, "collate", WORK) == 9
    assert "witness 'Robsepierre,'" in capsys.readouterr().err
