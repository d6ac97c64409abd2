"""At most N hyphenated line ends in a row: CSS Text 4's `hyphenate-limit-lines`, which
WeasyPrint 70 does not implement (it would ignore the property, and a build refuses what
WeasyPrint ignores), set in the stylesheet as the custom property `--hyphenate-limit-lines`.

WeasyPrint lays out a paragraph's lines one after another in `iter_line_boxes`
(weasyprint.layout.inline, called through weasyprint.layout.block's name); each line's text
is fitted by `split_first_line`. While a document is laid out inside `limit_hyphen_runs()`,
the lines of each paragraph are counted as they come: after N lines in a row that end in
the hyphenation character, the next line is fitted with `hyphens: manual` (it breaks at a
space or at a hyphen written in the text), and the count starts again.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from weasyprint.css import Style as ComputedStyle
from weasyprint.formatting_structure.boxes import Box, LineBox, TextBox
from weasyprint.layout import LayoutContext
from weasyprint.layout import block as weasy_block
from weasyprint.layout import inline as weasy_inline

PROPERTY = "__hyphenate_limit_lines"  # how WeasyPrint keys `--hyphenate-limit-lines`


def _limit(style: ComputedStyle) -> int | None:
    """The paragraph's `--hyphenate-limit-lines`, a whole number, or None (no limit)."""
    try:
        value = style[PROPERTY]
    except (KeyError, TypeError):
        return None
    tokens = value if isinstance(value, (list, tuple)) else [value]
    for token in tokens:
        number = getattr(token, "int_value", None)
        if number is not None and number >= 1:
            return number
    return None


def _last_text(box: Box) -> TextBox | None:
    """The line's last text box (hyphenation puts its character at its end)."""
    for child in reversed(getattr(box, "children", ())):
        if hasattr(child, "text"):
            return child
        found = _last_text(child)
        if found is not None:
            return found
    return None


def ends_hyphenated(line: LineBox) -> bool:
    text = _last_text(line)
    if text is None or not text.text:
        return False
    mark = text.style["hyphenate_character"]
    return bool(mark) and text.text.endswith(mark) and text.style["hyphens"] != "none"


class _State:
    """Whether the line being fitted may end in a hyphenation (one paragraph at a time:
    a footnote laid out inside a line has its own count, and gives the flag back)."""

    def __init__(self) -> None:
        self.no_hyphen = False
        self.prevented = 0


@contextmanager
def limit_hyphen_runs() -> Iterator[_State]:
    """WeasyPrint's line layout, with `--hyphenate-limit-lines` kept, inside the block.

    One document is laid out at a time in a process (cli.py's builds), so swapping the
    module names is safe, as pdf_tags.tagging() does.
    """
    state = _State()
    original_lines = weasy_block.iter_line_boxes
    original_split = weasy_inline.split_first_line

    def split_first_line(text: str, style: ComputedStyle, *args: Any, **kwargs: Any) -> Any:
        if state.no_hyphen and style["hyphens"] == "auto":
            style = style.copy()
            style["hyphens"] = "manual"
        return original_split(text, style, *args, **kwargs)

    def iter_line_boxes(context: LayoutContext, box: Box, *args: Any,
                        **kwargs: Any) -> Iterator[tuple[LineBox, Any]]:
        limit = _limit(box.style)
        lines = original_lines(context, box, *args, **kwargs)
        if limit is None:
            yield from lines
            return
        run = 0
        while True:
            outer, state.no_hyphen = state.no_hyphen, run >= limit
            try:
                line, resume_at = next(lines)
            except StopIteration:
                return
            finally:
                blocked, state.no_hyphen = state.no_hyphen, outer
            if blocked:
                state.prevented += 1
                run = 0
            else:
                run = run + 1 if ends_hyphenated(line) else 0
            yield line, resume_at

    weasy_block.iter_line_boxes = iter_line_boxes
    weasy_inline.split_first_line = split_first_line
    try:
        yield state
    finally:
        weasy_block.iter_line_boxes = original_lines
        weasy_inline.split_first_line = original_split
