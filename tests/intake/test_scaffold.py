"""`editio new`: a work from a witness, ready to edit, collating clean from the start."""

from __future__ import annotations

import hashlib
from pathlib import Path

import pytest

from conftest import ROOT, run_editio

# The OCR witnesses the project ships, each byte for byte as received (source/*/witness.*:
# the same files as ../shared/witness/*-ocr.*, which the corpus's readme lists)
WITNESSES = sorted(ROOT.glob("source/*/witness.*"))
SHARED = ROOT.parent / "shared" / "witness"


def test_the_shipped_witnesses_are_the_shared_corpus():
    assert len(WITNESSES) == 3
    if SHARED.is_dir():  # beside a checkout of the project; not in a bare clone
        shared = {hashlib.sha256(p.read_bytes()).hexdigest() for p in SHARED.glob("*-ocr.*")}
        assert {hashlib.sha256(p.read_bytes()).hexdigest() for p in WITNESSES} <= shared


@pytest.mark.parametrize("witness", WITNESSES, ids=lambda p: p.parent.name)
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
                   "    not code\n====\nprice 5s. <b>\n"
                   "he said \"no \" and 'so '.\n", encoding="utf-8")
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


def _bom_witness(tmp_path: Path) -> Path:
    """A BLN600 witness (one paragraph per line) as a Windows editor may save it."""
    from conftest import ROOT

    raw = (ROOT / "source" / "bln600-3206211949" / "witness.txt").read_bytes()
    scan = tmp_path / "scan.txt"
    scan.write_bytes(b"\xef\xbb\xbf" + raw.replace(b"\n", b"\r\n"))
    return scan


@pytest.mark.slow
def test_a_new_work_builds_at_once_as_a_draft(project, capsys, tmp_path):
    from pypdf import PdfReader

    scan = _bom_witness(tmp_path)
    assert run_editio(project, "new", "fresh", "--witness", str(scan), "--title", "Trial",
                      "--date", "1863") == 0
    out = capsys.readouterr().out
    assert "draft" in out and "next:" in out
    folder = project / "source" / "fresh"
    assert (folder / "witness.txt").read_bytes() == scan.read_bytes()  # BOM and CRLF kept
    assert run_editio(project, "build", "fresh", "-q") == 0
    err = capsys.readouterr().err
    assert "text.md:8: warning: no source: the edition is a draft" in err  # at # source:
    for ext in ("pdf", "epub", "docx", "tei.xml", "jats.xml"):
        assert (project / "dist" / f"fresh.{ext}").stat().st_size > 1000
    tei = (project / "dist" / "fresh.tei.xml").read_text(encoding="utf-8")
    assert "Source not yet recorded." in tei and "to-be-added" not in tei
    pdf = "\n".join(page.extract_text() for page in PdfReader(project / "dist" / "fresh.pdf")
                    .pages)
    assert "Source: not yet recorded" in pdf and "A draft" in pdf
    assert "Edited by" not in pdf and "to-be-added" not in pdf
    # the witness's paragraphs are the edition's: one per OCR line of this witness
    assert pdf.count("¶") >= 50


def test_a_new_work_keeps_the_witness_paragraphs(project, tmp_path):
    from editio.base.project import Project
    from editio.intake.scaffold import new_work

    scan = _bom_witness(tmp_path)
    made = new_work(Project(project), "fresh", scan)
    lines = [line for line in scan.read_bytes().decode("utf-8-sig").splitlines() if line]
    assert made.draft and made.paragraphs == len(lines)
    # blank lines part paragraphs where the witness has them; its lines stay lines
    short = tmp_path / "short.txt"
    short.write_text("A first paragraph\nin two lines.\n\nA second.\n", encoding="utf-8")
    made = new_work(Project(project), "short", short)
    assert made.paragraphs == 2
    text = made.text_path.read_text(encoding="utf-8")
    assert text.endswith("---\n\nA first paragraph\nin two lines.\n\nA second.\n")


def test_a_new_work_with_its_source(project, capsys, tmp_path):
    raw = tmp_path / "scan.txt"
    raw.write_text("Some text.\n", encoding="utf-8")
    assert run_editio(project, "new", "a", "--witness", str(raw), "--source",
                      "deutscher1957rusia") == 7
    assert "did you mean deutscher1957russia" in capsys.readouterr().err
    assert not (project / "source" / "a").exists()
    assert run_editio(project, "new", "a", "--witness", str(raw), "--source",
                      "deutscher1957russia") == 0
    assert "draft" not in capsys.readouterr().out
    text = (project / "source" / "a" / "text.md").read_text(encoding="utf-8")
    assert "\nsource: deutscher1957russia\n" in text


def test_one_rule_for_work_ids(project, capsys):
    """A folder made by hand with a space or a capital is named, with a usable id."""
    import shutil

    shutil.copytree(project / "source" / "bln600-3202982093", project / "source" / "Lloyds 1865")
    assert run_editio(project, "build", "Lloyds 1865") == 3
    err = capsys.readouterr().err
    assert "source/Lloyds 1865" in err and "'Lloyds 1865' is not a usable work id" in err
    assert "'lloyds-1865'" in err
    assert run_editio(project, "collate") == 3  # every work: the bad folder stops it
    assert "not a usable work id" in capsys.readouterr().err
    shutil.copy(project / "source" / "volumes" / "reader.yaml",
                project / "source" / "volumes" / "My Reader.yaml")
    assert run_editio(project, "volume", "My Reader") == 3
    assert "'My Reader' is not a usable volume id" in capsys.readouterr().err
    assert not (project / "dist" / "Lloyds 1865.pdf").exists()


def test_make_names_a_folder_that_breaks_the_id_rule(project):
    """The Makefile's rule is editio's: the folder is named, never split at its space."""
    import os
    import shutil
    import subprocess

    from conftest import ROOT

    shutil.copy2(ROOT / "Makefile", project / "Makefile")
    env = {k: v for k, v in os.environ.items() if not k.startswith("MAKE")}

    def make(*args: str) -> subprocess.CompletedProcess:
        return subprocess.run(["make", "-s", *args], cwd=project, capture_output=True,
                              text=True, env=env, timeout=60)

    assert make("ids").returncode == 0
    shutil.copytree(project / "source" / "bln600-3202982093", project / "source" / "Lloyds 1865")
    done = make("ids")
    assert done.returncode != 0
    assert "not usable as ids: source/Lloyds 1865;" in done.stderr and "lloyds-1865" in done.stderr
    listed = make("-p", "-n", "ids").stdout
    works = next(line for line in listed.splitlines() if line.startswith("WORKS :="))
    assert "Lloyds" not in works and "1865" not in works and "deutscher-1957" in works
