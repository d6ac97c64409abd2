"""pdf_parts.py: how a volume is cut into parts, and the contents' numbers as text."""

from __future__ import annotations

from pathlib import Path

import pytest

from editio.base.pandoc_ast import Div, Header, Para, attr, text
from editio.edition.work import Edition
from editio.formats.pdf.parts import PROBE_ID, PartsError, literal_target_counters, split_volume


def _volume(blocks, works=("a", "b")) -> Edition:
    return Edition(work_id="v", front_matter={}, profile=None, doc={"blocks": blocks},
                   entries=(), counts={}, build_date="", epoch=0, works=works)


def _opening(work: str):
    """As edition.volume opens a work: its id prefixed, the work it opens as data."""
    return Header(1, attr(f"{work}-opening", ["work-opening"], {"work": work}), text(work))


def test_a_volume_is_cut_at_its_works_and_back_matter():
    front = [Div(attr("title-page"), [Para(text("T"))]),
             Div(attr("contents"), [Header(1, attr("contents-heading"), text("Contents"))])]
    a = [_opening("a"), Para(text("one")), Header(2, attr("a-x"), text("x"))]
    b = [_opening("b"), Para(text("two"))]
    back = [Header(1, attr("bibliography"), text("Bibliography")), Para(text("refs")),
            Div(attr("colophon"), [Header(1, attr(""), text("Colophon"))])]
    parts = split_volume(_volume(front + a + b + back))
    assert [p.name for p in parts] == ["front", "a", "b", "back"]
    assert [p.blocks for p in parts] == [front, a, b, back]
    # each part is followed by the next one's first heading, emptied and renamed
    probes = [p.probe for p in parts]
    assert [p["c"][1][0] for p in probes[:3]] == [PROBE_ID] * 3 and probes[3] is None
    assert probes[0]["c"][1][1] == ["work-opening"] and probes[0]["c"][2] == []
    assert [p.note_prefix for p in parts] == ["", "a-", "b-", "back-"]


def test_a_volume_without_front_matter_is_refused():
    with pytest.raises(PartsError):
        split_volume(_volume([_opening("a"), _opening("b")]))


def test_target_counters_become_the_known_folios(tmp_path: Path):
    css = tmp_path / "book.css"
    css.write_text(".contents a.toc-entry::after, .x a::after {\n"
                   '  content: "\\2002" leader(". ") target-counter(attr(href), page);\n}\n'
                   ".other::after { content: counter(page); }\n"
                   "a.plain { content: target-counter(attr(href), page, lower-roman); }\n",
                   encoding="utf-8")
    rules = literal_target_counters([css], {"w-opening": 13}).splitlines()
    assert rules == ['.contents a.toc-entry[href="#w-opening"]::after, '
                     '.x a[href="#w-opening"]::after { content: "\u2002" leader(". ") '
                     '"13"; }']
