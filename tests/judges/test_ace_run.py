"""DAISY Ace, the EPUB accessibility judge: it passes the essay, and fails a broken copy."""

from __future__ import annotations

import re
import zipfile

import pytest

from conftest import ROOT, chromium
from editio.base.errors import CheckError, ToolError
from editio.judges import ace as ace_run


def break_epub(good, bad):
    """The essay with no accessibility summary and pale page numbers (2.3:1 on white)."""
    with zipfile.ZipFile(good) as src, zipfile.ZipFile(bad, "w") as out:
        for info in src.infolist():
            data = src.read(info.filename)
            if info.filename.endswith(".opf"):
                data = re.sub(rb'<meta property="schema:accessibilitySummary">[^<]*</meta>',
                              b"", data)
            elif info.filename.endswith(".css"):
                data += b"\n.pb, .pb-n { color: #aaa; }\n"
            out.writestr(info, data, compress_type=info.compress_type)


@pytest.mark.slow
def test_the_essay_has_no_violation(built):
    chromium()  # Ace drives it
    report = ace_run.run_ace(ROOT, built.out("epub"), built.root / "dist" / "essay.ace")
    assert report.report.is_file()
    assert report.violations == (), report.violations[:5]


@pytest.mark.slow
def test_ace_fails_a_broken_epub(built, tmp_path):
    chromium()
    bad = tmp_path / "bad.epub"
    break_epub(built.out("epub"), bad)
    with pytest.raises(CheckError) as caught:
        ace_run.require_clean(ROOT, bad, tmp_path / "bad.ace")
    rules = {v.rule for v in ace_run.read_report(bad, tmp_path / "bad.ace" / "report.json")
             .violations}
    assert {"metadata-accessibilitysummary", "color-contrast"} <= rules
    assert "bad.epub" in str(caught.value)


def test_a_missing_browser_is_named(monkeypatch):
    monkeypatch.setenv("PUPPETEER_EXECUTABLE_PATH", "/nonexistent/chromium")
    with pytest.raises(ToolError, match="PUPPETEER_EXECUTABLE_PATH"):
        ace_run.chromium()
    monkeypatch.delenv("PUPPETEER_EXECUTABLE_PATH")
    monkeypatch.setenv("PATH", "/nonexistent")
    with pytest.raises(ToolError, match="Chromium"):
        ace_run.chromium()


def test_missing_node_is_named(monkeypatch, tmp_path):
    monkeypatch.setenv("PATH", "/nonexistent")
    with pytest.raises(ToolError, match="Node.js"):
        ace_run.ace_command(tmp_path)


def test_make_check_runs_ace():
    from editio.commands.check import CHECKS

    assert "ace" in [c.name for c in CHECKS]


@pytest.mark.slow  # starts Ace (Node.js)
def test_when_the_browser_cannot_start_the_error_says_why(built, tmp_path, monkeypatch):
    """A Chromium that cannot start (here, a library it cannot load): Ace says only "Re-run
    Ace using the --verbose option" unless asked; the error must carry the browser's reason."""
    browser = tmp_path / "chromium"
    browser.write_text("#!/bin/sh\necho 'chromium: error while loading shared libraries: "
                       "libeditio-test.so.3: cannot open shared object file' >&2\nexit 127\n",
                       encoding="utf-8")
    browser.chmod(0o755)
    monkeypatch.setenv("PUPPETEER_EXECUTABLE_PATH", str(browser))
    with pytest.raises(ToolError, match="libeditio-test.so.3") as caught:
        ace_run.run_ace(ROOT, built.out("epub"), tmp_path / "essay.ace")
    assert "Re-run Ace" not in str(caught.value)
    print(caught.value)
