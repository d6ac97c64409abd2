"""The correction desk in real Chromium, through `editio preview WORK` as an editor starts it:
accept, a series with one place left out, a garble deleted, a word accepted, undo, confirm,
a conflicting save on disk, page status; and the server obeying its own page only."""

from __future__ import annotations

import http.client
import json
from pathlib import Path

import pytest

from conftest import CHROMIUM_FLAGS, chromium, start_preview, stop_preview
from editio.base.project import Project
from editio.desk.writer import collate_text
from editio.intake.scaffold import new_work
from editio.intake.source import load_work

WORK = "lee"
WITNESS = """THE ROBBERY AT LEE.

Edward Pring, a carpcnter, was brought up at the Greenwich Police-court, charged with stealing a wxatch of Sir Robert Cunliffe from his house in Lowndes-street, and Mrs. Kljuchevsky identified him with the help of Mr. Zgierzewski.

The prisoner called at tbe house and said that he had been sent by the landlord to see to the blinds. He was left alone in the drawing-room thanwths ol for some minutes.

A gold wxatch and a diamond brooch were afterwards missed from a table in the room; the wxatch was found at a pawnbroker's in Deptford, kept by Mr. Tapsfield.

The magistrate said tbat he would remand the prisoner for a week.
"""  # noqa: E501 - a newspaper's paragraphs, one a line


@pytest.fixture
def desk(project: Path):
    """A new work made from an OCR witness, a scan of its page, and the preview serving it."""
    from PIL import Image

    scan = project / "scan.txt"
    scan.write_text(WITNESS, encoding="utf-8")
    new_work(Project(project), WORK, scan, title="The Robbery at Lee")
    pages = project / "source" / WORK / "pages"
    pages.mkdir()
    Image.new("RGB", (60, 90), "white").save(pages / "1.png")
    proc, url = start_preview(project, WORK)
    try:
        yield url
    finally:
        code, said = stop_preview(proc)  # none left running, whatever happened
    assert code == 0
    assert "Traceback" not in said


def _to(page, token: str) -> None:
    """Move down the flags (j) until the current one is the token's."""
    page.keyboard.press("Home")  # the first flag
    for _ in range(40):
        if page.locator(".flag.current").get_attribute("data-token") == token:
            return
        page.keyboard.press("j")
    pytest.fail(f"no flag {token!r}: {page.locator('.flag').all_inner_texts()}")


def _acted(page, count: int) -> None:
    page.wait_for_function(f"document.documentElement.dataset.actions == '{count}' || "
                           "document.documentElement.dataset.error", timeout=30_000)
    error = page.get_attribute("html", "data-error")
    assert not error, error


@pytest.mark.slow
def test_the_desk_corrects_from_the_keyboard(project: Path, desk: str):
    from playwright.sync_api import sync_playwright

    folder = project / "source" / WORK
    text_md, words = folder / "text.md", folder / "accepted-words.txt"
    with sync_playwright() as driver:
        flags = [f for f in CHROMIUM_FLAGS if f != "--headless"]
        browser = driver.chromium.launch(executable_path=chromium(), args=flags)
        try:
            page = browser.new_page()
            page.goto(desk + "correct")
            page.wait_for_selector("html[data-ready='1']", timeout=60_000)
            shown = int(page.get_attribute("html", "data-flags"))
            assert shown >= 5

            # accept: one key writes the first reading, cert="low", outer punctuation outside
            _to(page, "carpcnter,")
            page.keyboard.press("Enter")
            _acted(page, 1)
            assert 'a [carpenter]{.corr sic="carpcnter" cert="low"}, was' in \
                text_md.read_text(encoding="utf-8")
            print(f"accept: {page.get_attribute('html', 'data-last-ms')} ms in the page, "
                  f"{page.get_attribute('html', 'data-server-ms')} ms in the server")
            assert page.locator(".flag[data-token='carpcnter,']").count() == 0

            # a series of the same confusion (b for h): another word, its own reading
            _to(page, "tbe")
            page.keyboard.press("e")
            assert page.locator(".series li").count() == 1
            assert "tbat → that" in page.inner_text(".series li")
            page.keyboard.press("Enter")
            _acted(page, 2)
            text = text_md.read_text(encoding="utf-8")
            assert 'at [the]{.corr sic="tbe" cert="low"} house' in text
            assert 'said [that]{.corr sic="tbat" cert="low"} he' in text

            # a series: the same wrong form at three places, the second of the others left out
            _to(page, "wxatch")
            page.keyboard.press("e")
            assert page.locator(".series li").count() == 2
            page.keyboard.press("ArrowDown")
            page.keyboard.press(" ")
            assert not page.locator(".series input").nth(1).is_checked()
            page.keyboard.press("Enter")
            _acted(page, 3)
            text = text_md.read_text(encoding="utf-8")
            assert text.count('[watch]{.corr sic="wxatch" cert="low"}') == 2
            assert "the wxatch was found" in text  # the place left out

            # a garble and the word after it deleted: + widens the run, x deletes
            _to(page, "thanwths")
            page.keyboard.press("+")
            assert page.locator(".flag.current .run").inner_text() == " ol"
            before_garble = text_md.read_bytes()
            page.keyboard.press("x")
            _acted(page, 4)
            assert 'drawing-room []{.corr sic="thanwths ol " cert="low"}for some' in \
                text_md.read_text(encoding="utf-8")

            # a word that is right: accepted, never flagged again
            _to(page, "Kljuchevsky")
            page.keyboard.press("w")
            _acted(page, 5)
            assert "Kljuchevsky" in words.read_text(encoding="utf-8").split()
            assert page.locator(".flag[data-token='Kljuchevsky']").count() == 0

            # undo, twice: the word goes from the list, the garble comes back, byte for byte
            page.keyboard.press("u")
            _acted(page, 6)
            assert "Kljuchevsky" not in words.read_text(encoding="utf-8")
            page.keyboard.press("u")
            _acted(page, 7)
            assert text_md.read_bytes() == before_garble
            assert page.locator(".flag[data-token='thanwths']").count() == 1

            # a second reading confirms the first reading of the text: its cert="low" goes
            low = page.locator("#low-list li").count()
            assert low == 5  # carpenter, the, that, watch twice
            page.keyboard.press("c")
            _acted(page, 8)
            text = text_md.read_text(encoding="utf-8")
            assert 'a [carpenter]{.corr sic="carpcnter"}, was' in text
            assert 'a [watch]{.corr sic="wxatch" cert="low"} of Sir Robert' in text
            assert page.locator("#low-list li").count() == low - 1

            # page status, beside the page's image, which stays in view at the last flag
            assert page.get_attribute("html", "data-page-status") == "not proofread"
            assert page.locator("#page-image").evaluate("i => i.naturalWidth") == 60
            # the hint for a page without an image names this page's file, not another's
            assert page.locator("#no-image-name").text_content() == "1.png"
            page.set_viewport_size({"width": 1000, "height": 400})
            for _ in range(shown):
                page.keyboard.press("j")
            image = page.locator("#page-image").bounding_box()
            assert image is not None and 0 <= image["y"] < 400 - image["height"], image
            page.keyboard.press("Home")
            page.keyboard.press("p")
            _acted(page, 9)
            assert (folder / "page-status.tsv").read_text(encoding="utf-8").endswith(
                "1\tproofread\n")
            assert page.locator("#page-status").input_value() == "proofread"

            # a conflicting save: the editor's own editor wrote text.md meanwhile; the desk
            # writes nothing over it, says so, and reads the text again
            theirs = text_md.read_text(encoding="utf-8").replace(
                "Mr. Tapsfield.", "Mr. Tapsfield. ")
            text_md.write_text(theirs, encoding="utf-8")
            saved = text_md.read_bytes()
            _to(page, "thanwths")
            page.keyboard.press("Enter")
            page.wait_for_function("document.documentElement.dataset.error", timeout=30_000)
            assert "changed on disk" in page.inner_text("#message")
            assert text_md.read_bytes() == saved
            # read again: the next action is made on the text as it is now
            _to(page, "thanwths")
            page.keyboard.press("t")  # a reading typed: the field holds the token
            assert page.locator("#typed").input_value() == "thanwths"
            page.keyboard.type("than_what")
            page.keyboard.press("Enter")
            _acted(page, 10)
            assert "Mr. Tapsfield. " in text_md.read_text(encoding="utf-8")
            assert r'[than\_what]{.corr sic="thanwths" cert="low"}' in \
                text_md.read_text(encoding="utf-8")  # typed text, escaped as Markdown
        finally:
            browser.close()
    source = load_work(Project(project), WORK)
    collate_text(source, source.text)  # every write collated: the text still does


@pytest.mark.slow
def test_a_series_writes_every_place_left_in(project: Path, desk: str):
    """A series of three places of one wrong form, in two paragraphs: the one the mouse
    leaves out stays as it was, the other two are written, and the text collates."""
    from playwright.sync_api import sync_playwright

    text_md = project / "source" / WORK / "text.md"
    with sync_playwright() as driver:
        browser = driver.chromium.launch(executable_path=chromium(), args=CHROMIUM_FLAGS)
        try:
            page = browser.new_page()
            page.goto(desk + "correct")
            page.wait_for_selector("html[data-ready='1']", timeout=60_000)
            _to(page, "wxatch")
            page.keyboard.press("e")
            places = page.locator(".series input")
            assert places.count() == 2
            assert "A gold [wxatch → watch]" in page.inner_text(".series li >> nth=0")
            places.nth(0).click()  # the first of the others left out, with the mouse
            assert not places.nth(0).is_checked() and places.nth(1).is_checked()
            page.wait_for_function("document.documentElement.dataset.edition")
            edition = page.get_attribute("html", "data-edition")
            page.keyboard.press("Enter")  # the focus is on the box clicked: still the series
            _acted(page, 1)
            assert page.inner_text("#message").count("wxatch") == 2
            # the edition is rebuilt once the desk is idle (its page hears of it)
            page.wait_for_function("document.documentElement.dataset.edition != "
                                   f"'{edition}'", timeout=30_000)
        finally:
            browser.close()
    text = text_md.read_text(encoding="utf-8")
    assert 'a [watch]{.corr sic="wxatch" cert="low"} of Sir Robert' in text
    assert "A gold wxatch and" in text  # the place left out
    assert 'the [watch]{.corr sic="wxatch" cert="low"} was found' in text
    source = load_work(Project(project), WORK)
    collated = collate_text(source, source.text)
    assert len(collated.rebuilt) == len(collated.witness)


@pytest.mark.slow
def test_the_desk_obeys_its_own_page_only(desk: str):
    host, port = desk.removeprefix("http://").rstrip("/").split(":")

    def ask(method: str, path: str, headers: dict, body: bytes | None = None) -> int:
        conn = http.client.HTTPConnection(host, int(port), timeout=30)
        conn.request(method, path, body=body, headers=headers)
        status = conn.getresponse().status
        conn.close()
        return status

    conn = http.client.HTTPConnection(host, int(port), timeout=30)
    conn.request("GET", "/correct")
    page = conn.getresponse().read().decode()
    token = page.split('name="editio-token" content="', 1)[1].split('"', 1)[0]
    act = json.dumps({"action": "rescan", "digest": ""}).encode()
    good = {"X-Editio-Token": token, "Content-Type": "application/json"}
    assert ask("GET", "/desk/state", {"X-Editio-Token": token}) == 200
    assert ask("POST", "/desk/act", good, act) == 200
    # no token, a wrong one, another origin, a name the server does not have (DNS rebinding)
    assert ask("POST", "/desk/act", {"Content-Type": "application/json"}, act) == 403
    assert ask("POST", "/desk/act", {**good, "X-Editio-Token": "x" * len(token)}, act) == 403
    assert ask("POST", "/desk/act", {**good, "Origin": "http://evil.example"}, act) == 403
    assert ask("POST", "/desk/act", {**good, "Host": f"evil.example:{port}"}, act) == 403
    assert ask("GET", "/", {"Host": f"evil.example:{port}"}) == 403
    assert ask("GET", "/desk/page/1", {}) == 403  # the page image, too, needs the token
    assert ask("GET", f"/desk/page/1?t={token}", {}) == 200
