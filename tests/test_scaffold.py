"""`editio new`: a work from a witness, ready to edit, collating clean from the start."""

from __future__ import annotations

import hashlib
from pathlib import Path

import pytest

from conftest import run_editio

SHARED = Path(__file__).resolve().parents[2] / "shared" / "witness"
WITNESSES = sorted(SHARED.glob("*-ocr.*")) if SHARED.is_dir() else []


@pytest.mark.skipif(not WITNESSES, reason="../shared/witness is not beside the project")
@pytest.mark.parametrize("witness", WITNESSES, ids=lambda p: p.name)
def test_a_new_work_collates_clean(project, capsys, witness):
    assert run_editio(project, "new", "fresh", "--witness", str(witness),
                      "--title", "A Title") == 0
    folder = project / "source" / "fresh"
    copied = next(folder.glob("witness.*"))
    assert copied.read_bytes() == witness.read_bytes()
    text = (folder / "text.md").read_text(encoding="utf-8")
    assert hashlib.sha256(witness.read_bytes()).hexdigest() in text
    assert 'title: "A Title"' in text
    assert run_editio(project, "collate", "fresh") == 0
    assert "witness and reading text agree" in capsys.readouterr().out


def test_a_scaffolded_line_that_looks_like_markdown_stays_text(project, tmp_path, capsys):
    raw = tmp_path / "scan.txt"
    raw.write_text("1. Not a list\n- not a bullet\n# not a heading *nor* _emphasis_\n"
                   "    not code\n====\nprice 5s. <b>\n", encoding="utf-8")
    assert run_editio(project, "new", "odd", "--witness", str(raw)) == 0
    assert run_editio(project, "collate", "odd") == 0, capsys.readouterr().err


def test_an_existing_work_is_not_overwritten(project, capsys, tmp_path):
    raw = tmp_path / "scan.txt"
    raw.write_text("text\n", encoding="utf-8")
    assert run_editio(project, "new", "deutscher-1957", "--witness", str(raw)) == 3
    assert "exists already" in capsys.readouterr().err


def test_a_bad_work_id(project, capsys, tmp_path):
    raw = tmp_path / "scan.txt"
    raw.write_text("text\n", encoding="utf-8")
    assert run_editio(project, "new", "../escape", "--witness", str(raw)) == 3
    assert "not a usable work id" in capsys.readouterr().err
