"""Hostile documents: nothing outside the project is read, nothing runs in any output."""

from __future__ import annotations

import zipfile
from pathlib import Path

import docx
import pytest

from conftest import run_editio

# The smallest work: what a hostile note reaches for does not depend on the text around it.
WORK = "bln600-3202982093"

NOTE = Path("source") / WORK / "note.md"


def add_to_note(root: Path, markdown: str) -> int:
    path = root / NOTE
    text = path.read_text(encoding="utf-8")
    path.write_text(text + "\n" + markdown + "\n", encoding="utf-8")
    return text.count("\n") + 2


@pytest.mark.parametrize("target", [
    "file:///etc/passwd", "/etc/passwd", "../../../../../etc/passwd",
    "http://example.invalid/x.png", "https://example.invalid/x.png",
])
def test_images_from_outside_are_refused(project, capsys, target):
    line = add_to_note(project, f"![a picture]({target})")
    assert run_editio(project, "build", WORK, "--to", "epub") == 10
    err = capsys.readouterr().err
    assert f"note.md:{line}" in err and "sandbox error" in err and "Traceback" not in err
    assert not (project / "dist" / f"{WORK}.epub").exists()


@pytest.mark.parametrize("url", ["javascript:alert(1)", "vbscript:msgbox", "data:text/html,x",
                                 "file:///etc/passwd"])
def test_script_links_are_refused(project, capsys, url):
    line = add_to_note(project, f"[click]({url})")
    assert run_editio(project, "build", WORK, "--to", "docx") == 10
    err = capsys.readouterr().err
    assert f"note.md:{line}" in err and "is not allowed" in err


@pytest.mark.slow
def test_raw_html_and_event_attributes_are_inert(project):
    add_to_note(project, '<script>alert("x")</script> <iframe src="http://example.invalid">'
                '</iframe> <object data="x"></object> [hover]{onclick="alert(1)" '
                'onmouseover="alert(2)" style="background:url(http://example.invalid)"}')
    assert run_editio(project, "build", WORK, "-q") == 0
    with zipfile.ZipFile(project / "dist" / f"{WORK}.epub") as z:
        xhtml = " ".join(z.read(n).decode() for n in z.namelist() if n.endswith(".xhtml"))
    for bad in ("<script", "<iframe", "<object", "onclick", "onmouseover", "example.invalid)"):
        assert bad not in xhtml, bad
    assert "&lt;script&gt;" in xhtml  # shown as text, not run
    text = "\n".join(p.text for p in docx.Document(str(project / "dist" / f"{WORK}.docx"))
                     .paragraphs)
    assert '<script>alert(' in text


def test_stylesheet_reaching_for_the_network_is_refused(project, capsys):
    css = project / "styles" / "pdf" / "edition.css"
    css.write_text('@import url("http://example.invalid/x.css");\n' + css.read_text(),
                   encoding="utf-8")
    assert run_editio(project, "build", WORK, "--to", "pdf") == 10
    err = capsys.readouterr().err
    assert "example.invalid" in err and "network access is not allowed" in err
    assert "Traceback" not in err
    assert not list((project / "dist").glob("*.pdf"))
