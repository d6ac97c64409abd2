"""What the finder reports: a Suspect, and its forms for people (format_human), for text.md
(format_markup: an emendation span ready to paste) and for tools (format_tsv)."""

from __future__ import annotations

import re
from dataclasses import dataclass

from editio.suspects.tokens import split_core


@dataclass(frozen=True)
class Suspect:
    line: int  # 1-based
    column: int  # 1-based, in characters
    token: str
    suggestion: str  # the best of suggestions, or "" when there is none
    reason: str
    score: float
    suggestions: tuple[str, ...] = ()  # ranked corrections of the whole token, best first
    # Why there is no suggestion, or what the one there is does (a deletion); "" otherwise.
    note: str = ""
    # Per suggestion, where it reads when it takes a neighbouring token with it (a word split
    # in two, polit ical -> political): (line, column, the text it replaces, a line's end in
    # it where the word was broken there); () when every suggestion reads the token alone.
    spans: tuple[tuple[int, int, str], ...] = ()

    def place(self, k: int) -> tuple[int, int, str]:
        """(line, column, text) that suggestion k replaces."""
        return self.spans[k] if self.spans else (self.line, self.column, self.token)

    @property
    def deletes(self) -> bool:
        """The best reading is no text at all: a stray mark, a garble."""
        return self.suggestions[:1] == ("",)


def format_human(suspects: list[Suspect], path: str) -> str:
    if not suspects:
        return f"{path}: no OCR suspects\n"
    lines = []
    for s in suspects:
        hint = f" -> {s.suggestion}" if s.suggestion else " -> (delete)" if s.deletes else ""
        if s.suggestions and s.place(0)[2] != s.token:
            hint += f" (read with its neighbour: {s.place(0)[2]!r})"
        if s.note:
            hint += f" ({s.note})"
        lines.append(f"{path}:{s.line}:{s.column}: {s.token!r}{hint} [{s.reason}, {s.score:.2f}]")
    return "\n".join(lines) + "\n"


_MD_SPECIAL = re.compile(r"([\\`*_\[\]{}<>#|])")


def _attr(value: str) -> str:
    return value.replace("\\", "\\\\").replace('"', '\\"')


def emendation_markup(s: Suspect) -> str:
    """The token as text.md would have it with the top suggestion taken, cert="low".

    The span holds the suggested reading, sic= the witness's; the token's ordinary leading and
    trailing punctuation stays outside the span, except where the punctuation is the error.
    """
    if s.deletes or s.reason == "stray-punctuation" and not s.suggestion:
        return f'[]{{.corr sic="{_attr(s.token)}" cert="low"}}'
    token = s.place(0)[2] if s.suggestions else s.token
    reading = _MD_SPECIAL.sub(r"\\\1", s.suggestion)
    if token != s.token:  # a stretch read as one: the reading holds its outer marks
        return f'[{reading}]{{.corr sic="{_attr(token)}" cert="low"}}'
    whole = s.reason in ("glued-punctuation", "inner-punctuation")
    lead, core, trail = ("", s.token, "") if whole else split_core(s.token)
    return f'{lead}[{reading}]{{.corr sic="{_attr(core)}" cert="low"}}{trail}'


def format_markup(suspects: list[Suspect], path: str) -> str:
    """Per flag with a suggestion: where, and the emendation span ready to paste into text.md."""
    if not suspects:
        return f"{path}: no OCR suspects\n"
    lines = []
    for s in sorted(suspects, key=lambda s: (s.line, s.column)):
        if s.suggestion or s.reason == "stray-punctuation" or s.deletes:
            line, column, _ = s.place(0) if s.suggestions else (s.line, s.column, "")
            lines.append(f"{path}:{line}:{column}: {emendation_markup(s)}")
        else:
            why = f": {s.note}" if s.note else ""
            lines.append(
                f"{path}:{s.line}:{s.column}: {s.token!r}: no suggestion{why} [{s.reason}]")
    return "\n".join(lines) + "\n"


def _tsv_cell(value: str) -> str:
    return value.replace("\\", "\\\\").replace("\t", "\\t").replace("\n", "\\n")


def format_tsv(suspects: list[Suspect]) -> str:
    rows = ["line\tcolumn\ttoken\tsuggestion\treason\tnote"]
    for s in suspects:
        rows.append(
            f"{s.line}\t{s.column}\t{_tsv_cell(s.token)}\t{_tsv_cell(s.suggestion)}\t{s.reason}"
            f"\t{_tsv_cell(s.note)}"
        )
    return "\n".join(rows) + "\n"
