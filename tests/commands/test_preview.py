"""editio preview: the page, the error page, and a real browser following saves."""

from __future__ import annotations

import re
import signal
import time
from pathlib import Path

import pytest

from conftest import CHROMIUM_FLAGS, chromium, start_preview, stop_preview
from editio.base.errors import CollationError
from editio.base.project import Project
from editio.commands.preview import Preview, build_error

WORK = "deutscher-1957"
SOVIET = "the Soviet universe did move"  # in the reading text and the witness alike
JULY = "stand over to the July session"  # so in the smallest work's


def _edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


@pytest.mark.slow  # test-fast's budget: 0.6-1.6 s (a build, a work prepared)
def test_the_page_has_the_reading_text_its_notes_and_the_emendations(project: Path):
    preview = Preview(Project(project), WORK)
    preview.rebuild()
    assert preview.status()["ok"] and preview.status()["version"] == 1
    page = preview.page
    assert 'class="pnum"' in page  # paragraph numbers
    assert 'id="apparatus"' in page and 'class="app-entry' in page  # textual notes
    assert 'id="refs"' in page and "Deutscher, Isaac" in page  # the bibliography
    assert 'class="footnotes' in page  # the author's notes
    # an emendation, with the witness's characters (sic="workers\\*" is escaped Markdown)
    assert re.search(r'class="corr ocr" data-emendation="\d+" data-sic="workers\*" '
                     r'title="W: workers\*"', page)
    assert 'new EventSource("/events")' in page


def test_a_collation_error_is_shown_with_file_and_line_then_recovers(project: Path):
    work = "bln600-3202982093"  # the smallest: what is tested is the error page
    text = project / "source" / work / "text.md"
    preview = Preview(Project(project), work)
    _edit(text, JULY, JULY.replace("July", "Juli"))
    preview.rebuild()
    assert not preview.status()["ok"]
    assert f"source/{work}/text.md</code>, line <b class=\"line\">28</b>" in preview.page
    assert "collation error" in preview.page and "Juli" in preview.page
    _edit(text, JULY.replace("July", "Juli"), JULY)
    preview.rebuild()
    assert preview.status() == {**preview.status(), "ok": True, "version": 2}
    assert "build-error" not in preview.page.split("<main", 1)[1][:40]


@pytest.mark.slow  # prepares the essay three times
def test_the_first_page_comes_from_the_last_build_while_its_sources_are_unchanged(
        project: Path, monkeypatch):
    from editio.commands import preview as preview_module
    from editio.edition import cache

    proj = Project(project)
    cache.load_or_prepare(proj, WORK)  # what a build leaves in dist/.cache
    made = []
    real = preview_module.prepare
    monkeypatch.setattr(preview_module, "prepare", lambda *a: (made.append(1), real(*a))[1])
    first = Preview(proj, WORK)
    first.rebuild(from_cache=True)
    assert first.status()["ok"] and made == [] and 'class="pnum"' in first.page
    assert first.from_cache
    fresh = Preview(proj, WORK)
    fresh.rebuild()
    assert _without_timing(first.page) == _without_timing(fresh.page)

    _edit(project / "source" / WORK / "text.md", SOVIET, SOVIET.replace("did", "did indeed"))
    stale = Preview(proj, WORK)
    stale.rebuild(from_cache=True)  # the cache is older than the text: prepared again
    assert made == [1, 1] and not stale.status()["ok"]  # (an unrecorded addition)
    assert not stale.from_cache


def _without_timing(page: str) -> str:
    import re

    return re.sub(r"built in [0-9.]+ s", "", page)


@pytest.mark.slow  # prepares the essay twice
def test_after_a_save_only_new_blocks_go_to_pandoc_and_the_page_is_the_same(
        project: Path, monkeypatch):
    """The page is written block by block, each block kept for the next save; it must be
    the page one pandoc run over the whole document writes, the author's notes numbered
    over the whole page."""
    import re

    from editio.base import pandoc
    from editio.base.pandoc_ast import iter_nodes
    from editio.commands import preview as preview_module
    from editio.edition.work import prepare

    sent = []
    real = pandoc.write
    monkeypatch.setattr(pandoc, "write", lambda doc, *a, **k: (
        sent.append(len(doc["blocks"])), real(doc, *a, **k))[1])
    proj = Project(project)
    preview = Preview(proj, WORK)
    preview.rebuild()
    # a new reading of an emendation: the witness is left as it is, the collation holds
    _edit(project / "source" / WORK / "text.md", "[Robespierre]{.corr", "[Robespierres]{.corr")
    preview.rebuild()
    assert preview.status()["ok"] and "Robespierres" in preview.page
    assert sent[1] < sent[0] / 4  # a paragraph, the note-bearing blocks, the markers

    def bare(html: str) -> str:
        html = re.sub(rf"<!--{preview_module.CUT} \d+-->", "", html)
        return re.sub(r">\s+<", "><", html).strip()

    edition = prepare(proj, WORK)
    whole = preview_module.edition_html(edition)
    # every note called once: the author's, and the editors' (the note on the text's citations)
    notes = sum(1 for n in iter_nodes(edition.doc["blocks"]) if n.get("t") == "Note")
    assert whole.count('role="doc-noteref"') == notes > 3
    body = preview.page.split("<main", 1)[1].split(">", 1)[1].rsplit("</main>", 1)[0]
    assert bare(body) == bare(whole)


def test_an_error_names_the_file_relative_to_the_project(project: Path):
    error = build_error(Project(project), CollationError(
        "x", path=project / "source" / WORK / "text.md", line=2))
    assert error.path == f"source/{WORK}/text.md"
    assert [n for n, _ in error.excerpt] == [1, 2, 3, 4, 5]


# --- in a browser, through the server -------------------------------------------------

@pytest.fixture
def server(project: Path):
    """`editio preview` as a user starts it, on a free port; stopped with Ctrl-C."""
    proc, url = start_preview(project, WORK)
    try:
        yield url
    finally:
        code, said = stop_preview(proc)
    assert code == 0
    assert "Traceback" not in said


@pytest.mark.slow  # test-fast's budget: a whole build or a subprocess over a second
def test_the_terminal_shows_the_error_and_ctrl_c_stops_it_where_sigint_is_ignored(
        project: Path):
    work = "bln600-3202982093"  # the smallest
    _edit(project / "source" / work / "text.md", JULY, JULY.replace("July", "Juli"))
    ignored = signal.signal(signal.SIGINT, signal.SIG_IGN)  # as `nohup ... &` leaves it
    try:
        proc, _url = start_preview(project, work)
    finally:
        signal.signal(signal.SIGINT, ignored)
    code, said = stop_preview(proc)
    assert code == 0, said
    # the error itself, as `editio build` would print it, not only "see the page"
    assert f"source/{work}/text.md:28: collation error" in said, said
    assert "Juli" in said


@pytest.mark.slow
def test_the_browser_follows_each_save(project: Path, server: str):
    from playwright.sync_api import sync_playwright

    text = project / "source" / WORK / "text.md"
    with sync_playwright() as driver:
        # Playwright adds --headless itself
        flags = [f for f in CHROMIUM_FLAGS if f != "--headless"]
        browser = driver.chromium.launch(executable_path=chromium(), args=flags)
        try:
            page = browser.new_page()
            page.goto(server)
            assert page.locator(".corr").count() > 50
            assert page.locator("#apparatus .app-entry").count() == page.locator(".corr").count()
            first = page.locator("html").get_attribute("data-version")

            # a correction: the page shows it without being asked to reload
            started = time.monotonic()
            _edit(text, "[Robespierre]{.corr", "[Maximilien Robespierre]{.corr")
            page.wait_for_function(
                "document.querySelector('main.edition') && "
                "document.body.innerText.includes('Maximilien Robespierre')", timeout=30_000)
            assert page.locator("html").get_attribute("data-version") != first
            print(f"save to page: {time.monotonic() - started:.2f} s")

            # a collation error: shown in the page, with the file and the line
            _edit(text, SOVIET, SOVIET.replace("Soviet", "Sovjet"))
            page.wait_for_selector("#build-error", timeout=30_000)
            where = page.inner_text("#build-error .where")
            assert f"source/{WORK}/text.md, line 18" in where, where

            # fixed and saved: the edition comes back
            _edit(text, SOVIET.replace("Soviet", "Sovjet"), SOVIET)
            page.wait_for_selector("main.edition", timeout=30_000)
            assert "Maximilien Robespierre" in page.inner_text("main.edition")
        finally:
            browser.close()
