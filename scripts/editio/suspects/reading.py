"""The reading text as plain lines, for tools that read words (the OCR-suspect finder).

Markup is replaced by what a reader sees, line by line, so that a finding's
line number is the line of text.md where the editor must look. Each character
of the reading text keeps the offset in text.md it was read from (Reading), so
a finding's column, too, is text.md's, and a correction can be written there.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from editio.intake.markup import MARKUP_CLASSES, WRITTEN_SPAN
from editio.intake.source import WorkSource

_ESCAPE = re.compile(r"\\([\[\]])")
_NOTE_CALL = re.compile(r"\[\^[^\]]+\](?!:)")
_NOTE_DEF = re.compile(r"^\[\^[^\]]+\]:\s?", re.MULTILINE)


@dataclass(frozen=True)
class Reading:
    """The reading text, and for each of its characters the offset in text.md it stands at."""

    text: str
    offsets: tuple[int, ...]
    source: str  # text.md as read

    def index(self, line: int, column: int) -> int:
        """The reading text's offset of its line and column (1-based)."""
        start = 0
        for _ in range(line - 1):
            start = self.text.index("\n", start) + 1
        return start + column - 1

    def place(self, line: int, column: int) -> int:
        """The offset in text.md of the reading text's line and column (1-based)."""
        return self.offsets[self.index(line, column)]

    def written(self, line: int, column: int, length: int) -> tuple[int, int]:
        """(start, end) in text.md of the reading text's characters at line and column: what
        stands there as written, a backslash that escapes the first of them included."""
        first = self.index(line, column)
        start, end = self.offsets[first], self.offsets[first + length - 1] + 1
        if start and self.source[start - 1] == "\\" and self.text[first] != "\\":
            start -= 1
        return start, end


def line_column(text: str, offset: int) -> tuple[int, int]:
    line = text.count("\n", 0, offset) + 1
    return line, offset - (text.rfind("\n", 0, offset) + 1) + 1


def reading_text(source: WorkSource) -> str:
    return read(source.text, source.body_line).text


def read(text: str, body_line: int) -> Reading:
    """text.md as a reader reads it: front matter blanked (its lines kept), apparatus spans
    as their readings, note calls and note markers left out; every character mapped."""
    chars: list[str] = []
    offsets: list[int] = []
    # blank the front matter but keep its lines, so line numbers stay true
    body = 0
    for _ in range(body_line - 1):
        body = text.index("\n", body) + 1
        chars.append("\n")
        offsets.append(body - 1)
    _walk(text, body, len(text), chars, offsets)
    for pattern in (_NOTE_CALL, _NOTE_DEF):
        joined = "".join(chars)
        for match in reversed(list(pattern.finditer(joined))):
            del chars[match.start():match.end()]
            del offsets[match.start():match.end()]
    return Reading("".join(chars), tuple(offsets), text)


def _walk(text: str, start: int, end: int, chars: list[str], offsets: list[int]) -> None:
    """Append text[start:end] as read, each character with its offset."""
    at = start
    for span in WRITTEN_SPAN.finditer(text, start, end):
        _copy(text, at, span.start(), chars, offsets)
        at = span.end()
        if span["content"] is None:
            _copy(text, span.start(), span.end(), chars, offsets)
            continue
        classes = {c[1:] for c in span["attrs"].split() if c.startswith(".")}
        markup = bool(classes & set(MARKUP_CLASSES))
        if not markup:
            _copy(text, span.start(), span.start("content"), chars, offsets)
        mark = len(chars)
        # an emendation in a small-caps span
        _walk(text, span.start("content"), span.end("content"), chars, offsets)
        if markup:
            # an escaped bracket reads as the bracket
            inner = "".join(chars[mark:])
            for escape in reversed(list(_ESCAPE.finditer(inner))):
                del chars[mark + escape.start()]
                del offsets[mark + escape.start()]
        else:
            _copy(text, span.end("content"), span.end(), chars, offsets)
    _copy(text, at, end, chars, offsets)


def _copy(text: str, start: int, end: int, chars: list[str], offsets: list[int]) -> None:
    chars.extend(text[start:end])
    offsets.extend(range(start, end))
