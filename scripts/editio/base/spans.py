"""The markup's vocabulary: the span classes an editor writes, their kinds and attributes,
and one test for each kind of span, for every stage that meets them in the AST.

    [Robespierre]{.corr sic="Robsepierre" kind="ocr"}   emendation   is_emendation
    []{.corr block="para"}                              structural   is_structural
    origin[]{.pb n="13"}ally                            page break   is_page_break
    []{.cb}                                             column break is_column_break

intake.markup reads these spans into typed records (Emendation, PageBreak) and refuses
malformed ones; the stages after it ask this module what a span is, never its classes, so
that a new kind of markup is added here and in the stages that must treat it.
"""

from __future__ import annotations

import re

from editio.base.pandoc_ast import Node, attr_get, attr_has

EMENDATION, PAGE_BREAK, COLUMN_BREAK = "corr", "pb", "cb"
MARKUP_CLASSES = (EMENDATION, PAGE_BREAK, COLUMN_BREAK)
KINDS = ("ocr", "compositor", "editorial", "structural")
CERTAINTIES = ("high", "medium", "low")
# the kinds of block the structural collation tells apart; "none": no block begins here
BLOCK_KINDS = ("para", "heading", "quote", "item", "verse", "none")
BLOCK_NAMES = {"para": "¶", "heading": "heading", "quote": "block quotation",
               "item": "list item", "verse": "verse", "none": "run on", "code": "code",
               "table": "table", "rule": "rule", "line": "line end"}
# a block boundary in the collation's streams (a private-use character), as the collation
# page shows it too: the boundary's kind follows it ("\ue000para")
BLOCK_MARK = "\ue000"
# Typographic quotation marks and how they are typed: one table, for the collation (which
# turns Markdown's smart quotes back into the witness's) and the OCR-suspect finder
TYPED_QUOTES = {"\u201c": '"', "\u201d": '"', "\u201e": '"', "\u2018": "'", "\u2019": "'"}
NUMBER_KEY = "emendation"  # the attribute read_markup writes on each .corr span
# a rendered page break's page, as data: HTML writes it data-page, as the EPUB reads it
PAGE_KEY = "page"
# a numbered paragraph's number, as data on its Div (data-paragraph in HTML)
PARAGRAPH_KEY = "paragraph"
# a volume's work opening: its heading's class, and the work it opens, as data (data-work)
WORK_OPENING, WORK_KEY = "work-opening", "work"
_ESCAPE = re.compile(r"\\([!-/:-@\[-`{-~])")


def _classes(node: Node) -> list[str]:
    return node["c"][0][1] if node.get("t") == "Span" else []


def is_emendation(node: Node) -> bool:
    """A .corr span (a structural one too)."""
    return EMENDATION in _classes(node)


def is_structural(node: Node) -> bool:
    """A .corr span with block=: it records the witness's paragraphing at its place."""
    return is_emendation(node) and attr_has(node["c"][0], "block")


def is_page_break(node: Node) -> bool:
    return PAGE_BREAK in _classes(node)


def is_column_break(node: Node) -> bool:
    return COLUMN_BREAK in _classes(node)


def is_break(node: Node) -> bool:
    """A page or a column break of the witness."""
    classes = _classes(node)
    return PAGE_BREAK in classes or COLUMN_BREAK in classes


def page_number(node: Node) -> str:
    """The page a .pb span begins ("" for a column break or a page without n=)."""
    return attr_get(node["c"][0], "n", "") or "" if is_page_break(node) else ""


def emendation_number(node: Node) -> int | None:
    """The number read_markup gave this .corr span; None for any other node.

    Emendations are numbered once, in reading order (notes at their call), and every later
    pass (collation, paragraph locations, apparatus links, collation page) reads the number
    from the span instead of counting again.
    """
    if is_emendation(node):
        value = attr_get(node["c"][0], NUMBER_KEY)
        return int(value) if value else None
    return None


def opened_work(node: Node) -> str | None:
    """The id of the work a volume's work-opening heading opens; None for any other node
    (the work's anchors bear it as their prefix, which is no way to find it: one work's
    id may begin another's)."""
    if node.get("t") == "Header" and WORK_OPENING in node["c"][1][1]:
        return attr_get(node["c"][1], WORK_KEY)
    return None


def paragraph_number(node: Node) -> str | None:
    """The number paragraphs.number_paragraphs gave this paragraph's Div; None for any other
    node (a volume's numbers have their work's prefix: "2.14")."""
    if node.get("t") == "Div":
        return attr_get(node["c"][0], PARAGRAPH_KEY)
    return None


def witness_characters(sic: str) -> str:
    """What a sic= value says the witness has: a Markdown escape like \\* stands for *."""
    return _ESCAPE.sub(r"\1", sic)
