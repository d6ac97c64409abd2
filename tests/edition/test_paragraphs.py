"""paragraphs.py: one number per paragraph of the reading text, and where each emendation
stands by those numbers."""

from __future__ import annotations

from editio.base import pandoc
from editio.base.pandoc_ast import stringify
from editio.edition.paragraphs import number_paragraphs

# read_markup writes each emendation's number on its span as emendation="n"
TEXT = """> A quotation before any paragraph, [one]{.corr emendation="1"}.

# A heading with [two]{.corr emendation="2"}

The first paragraph, [three]{.corr emendation="3"}.

> Its quotation, [four]{.corr emendation="4"}.

The second paragraph.

# A last heading, [five]{.corr emendation="5"}
"""


def test_each_paragraph_is_numbered_and_each_emendation_placed() -> None:
    blocks, locations = number_paragraphs(pandoc.parse_markdown(TEXT)["blocks"], prefix="w-")
    assert locations == {1: "start", 2: "heading before ¶ w-1", 3: "w-1", 4: "w-1", 5: "end"}
    paragraphs = [b for b in blocks if b["t"] == "Div"]
    assert [b["c"][0][0] for b in paragraphs] == ["p-w-1", "p-w-2"]
    assert [b["c"][0][1] for b in paragraphs] == [["para"], ["para"]]
    number = paragraphs[0]["c"][1][0]["c"][0]
    assert number["c"][0] == ["pn-w-1", ["pnum"], []]
    assert stringify([paragraphs[1]]).startswith("w-2 The second paragraph.")
    assert len(blocks) == 6  # nothing dropped, nothing added
