"""The reading text as plain lines, for tools that read words (the OCR-suspect finder).

Markup is replaced by what a reader sees, line by line, so that a finding's
line number is the line of text.md where the editor must look.
"""

from __future__ import annotations

import re

from editio.source import WorkSource

# [content]{attributes}: content may hold escaped brackets, attribute values braces
_SPAN = re.compile(r'\[((?:[^\[\]\\]|\\.)*)\]'
                   r'\{((?:[^{}"]|"(?:[^"\\]|\\.)*")*\.(?:corr|pb|cb)\b(?:[^{}"]|"(?:[^"\\]|\\.)*")*)\}')
_ESCAPE = re.compile(r"\\([\[\]])")
_NOTE_CALL = re.compile(r"\[\^[^\]]+\](?!:)")
_NOTE_DEF = re.compile(r"^\[\^[^\]]+\]:\s?", re.MULTILINE)


def reading_text(source: WorkSource) -> str:
    lines = source.text.split("\n")
    # blank the front matter but keep its lines, so line numbers stay true
    body = "\n" * (source.body_line - 1) + "\n".join(lines[source.body_line - 1:])
    body = _SPAN.sub(lambda m: _ESCAPE.sub(r"\1", m.group(1)), body)
    body = _NOTE_CALL.sub("", body)
    return _NOTE_DEF.sub("", body)
