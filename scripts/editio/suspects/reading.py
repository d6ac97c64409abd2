"""The reading text as plain lines, for tools that read words (the OCR-suspect finder).

Markup is replaced by what a reader sees, line by line, so that a finding's
line number is the line of text.md where the editor must look.
"""

from __future__ import annotations

import re

from editio.intake.markup import MARKUP_CLASSES, WRITTEN_SPAN
from editio.intake.source import WorkSource

_ESCAPE = re.compile(r"\\([\[\]])")
_NOTE_CALL = re.compile(r"\[\^[^\]]+\](?!:)")
_NOTE_DEF = re.compile(r"^\[\^[^\]]+\]:\s?", re.MULTILINE)


def reading_text(source: WorkSource) -> str:
    lines = source.text.split("\n")
    # blank the front matter but keep its lines, so line numbers stay true
    body = "\n" * (source.body_line - 1) + "\n".join(lines[source.body_line - 1:])
    body = WRITTEN_SPAN.sub(_as_read, body)
    body = _NOTE_CALL.sub("", body)
    return _NOTE_DEF.sub("", body)


def _as_read(span: re.Match) -> str:
    """An apparatus span as a reader sees it: its content; any other span as written."""
    classes = {c[1:] for c in span["attrs"].split() if c.startswith(".")}
    if span["content"] is None:
        return span.group(0)
    content = WRITTEN_SPAN.sub(_as_read, span["content"])  # an emendation in a small-caps span
    if not classes & set(MARKUP_CLASSES):
        return f"[{content}]{{{span['attrs']}}}"
    return _ESCAPE.sub(r"\1", content)
