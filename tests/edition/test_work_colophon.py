"""The colophon's first line names who made the book: a work's author, a volume's editors."""

from __future__ import annotations

from conftest import ROOT
from editio.base.pandoc_ast import stringify
from editio.base.project import Project, load_profile
from editio.edition.work import colophon

META = {"title": "Reports and Reflections", "author": "The editio editors",
        "editor": "The editio editors", "rights": "As stated.", "version": "1"}


def _first_line(meta: dict) -> str:
    profile = load_profile(Project(ROOT), "default")
    div = colophon(meta, profile, {"ocr": 1}, "2026-12-07")[0]
    return stringify(div["c"][1][1]["c"])


def test_a_volumes_colophon_names_its_editors_as_its_title_page_does():
    line = _first_line({**META, "contents": []})
    assert line.startswith("Reports and Reflections, edited by the editio editors. ")


def test_a_works_colophon_names_its_author():
    line = _first_line({**META, "title": "Russia in Transition", "author": "Isaac Deutscher"})
    assert line.startswith("Russia in Transition, by Isaac Deutscher. ")
