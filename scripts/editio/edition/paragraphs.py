"""Paragraph numbers: one sequence per work, the same in every format.

A number names a paragraph of the reading text, so that an apparatus entry or
a classroom reference ("¶ 23") finds the same place in print, on an e-reader
and in Word.
"""

from __future__ import annotations

from editio.base.pandoc_ast import Div, Node, Space, Span, Str, attr, iter_nodes
from editio.base.spans import PARAGRAPH_KEY, emendation_number


def number_paragraphs(blocks: list[Node], prefix: str = "") -> tuple[list[Node], dict[int, str]]:
    """Number the top-level paragraphs; say where each emendation stands.

    Returns the new blocks and, for each emendation's number (as read_markup gave it), its
    location label ("12", or "heading before 12").
    """
    out: list[Node] = []
    locations: dict[int, str] = {}
    count = 0
    pending_heading: list[int] = []
    for block in blocks:
        numbers = [n for n in map(emendation_number, iter_nodes([block])) if n is not None]
        if block.get("t") == "Para":
            count += 1
            label = f"{prefix}{count}"
            for n in pending_heading:
                locations[n] = f"heading before ¶ {label}"
            pending_heading = []
            for n in numbers:
                locations[n] = label
            number = Span(attr(f"pn-{label}", ["pnum"]), [Str(label)])
            block = Div(attr(f"p-{label}", ["para"], {PARAGRAPH_KEY: label}), [
                {"t": "Para", "c": [number, Space(), *block["c"]]}])
        elif block.get("t") == "Header":
            pending_heading.extend(numbers)
        else:
            # block quotes and the like belong to the paragraph before them
            for n in numbers:
                locations[n] = f"{prefix}{count}" if count else "start"
        out.append(block)
    for n in pending_heading:
        locations[n] = "end"
    return out, locations
