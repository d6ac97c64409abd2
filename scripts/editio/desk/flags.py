"""The finder's flags on a work's reading text, placed in text.md, with their readings.

One function (reading_suspects) is what `make check`, `editio suspects text.md` and the desk
all read, so they cannot disagree: the reading text (front matter, markup, note calls and
attribute values left out, suspects/reading.py) goes to the finder, and each flag's line and
column are mapped back to text.md's. A flag's readings are readings of the whole token as it
stands (its outer punctuation included), so that a TSV row or a desk action writes exactly
what it shows. The desk asks every question the report asks and more (desk/questions.py): at
the desk a question costs a key, in `make check` it fails the check. The flags' text forms
(TSV, the report's lines) are desk/forms.py's.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, replace
from pathlib import Path

from editio.desk.questions import desk_suspects
from editio.suspects.finder import (
    Suspect,
    find_suspects,
    settings_from_meta,
    split_core,
)
from editio.suspects.reading import Reading, line_column, read

# reasons whose suggestion is already a reading of the whole token, punctuation and all (a
# mark inside a word is read as a letter or a space: its closing marks stay, wi!h, -> with,)
_WHOLE = ("stray-punctuation", "glued-punctuation")


@dataclass(frozen=True)
class Flag:
    """A suspect token of the reading text where it stands in text.md, with whole readings."""

    line: int
    column: int
    token: str
    readings: tuple[str, ...]  # best first; "" deletes the token
    reason: str
    score: float
    # per reading, where it reads when it takes a neighbouring token with it (polit ical ->
    # political): (line, column, the stretch of text.md it replaces); () when every reading
    # reads the token alone
    places: tuple[tuple[int, int, str], ...] = ()

    @property
    def suggestion(self) -> str | None:
        """The best reading; None when the finder has none."""
        return self.readings[0] if self.readings else None

    def place(self, k: int = 0) -> tuple[int, int, str]:
        """(line, column, the text it replaces) of reading k."""
        return self.places[k] if self.places else (self.line, self.column, self.token)


def whole_reading(token: str, suggestion: str, reason: str, quotes: str = "'\"") -> str:
    """The finder's suggestion as a reading of the whole token: a word's correction keeps
    the token's outer punctuation ("Lverett," -> "Everett,"), unless it has its own. quotes:
    the marks the text quotes with; in a text that quotes with double ones only, an
    apostrophe before a misread word or after it (not after its s: the prisoners') is a
    speck ('sbe, meii' -> she, men: on training BLN600 the truth drops 659 of 675)."""
    if reason in _WHOLE or reason == "dash-spacing" or not suggestion:
        return suggestion  # (a dash spaced off: its readings read the dash, -as -> was)
    lead, core, trail = split_core(token)
    s_lead, _, s_trail = split_core(suggestion)
    if (lead, trail) == (s_lead, s_trail) or s_trail:
        return suggestion
    if s_lead:  # a sign the reading sets before it (L3, -> £3,): the token's closing marks
        return _OPENING.sub("", lead) + suggestion + trail  # and its bracket: (L3 -> (£3
    if "'" not in quotes:
        if suggestion.lower() not in _ELIDED:  # ('tis, 'twas: the apostrophe is the word's)
            lead = lead.replace("'", "")
        if not core.endswith(("s", "S")):
            trail = trail.replace("'", "")
    return lead + suggestion + trail


# what of a token's opening marks a sign's reading keeps (the rest the sign stands for: the
# OCR's U+FFFD for £); words that open with an apostrophe of their own
_OPENING = re.compile(r"[^(\[{\"\u201c]")
_ELIDED = frozenset(("tis", "twas", "twere", "twill", "twould", "em", "gainst", "neath"))


def text_quotes(text: str) -> str:
    """The marks a text quotes with: double ones alone where it has them (an apostrophe at
    a word's edge is then no quote), else single ones too."""
    return '"' if any(q in text for q in '"\u201c\u201d') else "'\""


def confusion(token: str, reading: str) -> tuple[tuple[str, str, str], ...]:
    """The letter confusion a word's reading undoes, in its context, as PoCoTo's error series
    group them: per place, (the letter before it, or ^ at the word's start; what the OCR
    read; what the reading has), one or two places of one or two letters ("tbe" -> "the" and
    "tbat" -> "that": b for h after t; "tlie" -> "the": li for h after t). () where the
    reading is no such confusion: a space lost or put in (heldat -> held at is no confusion
    of letters, and every glued pair would be one series), a mark, more than that."""
    import difflib

    a, b = split_core(token)[1].lower(), split_core(reading)[1].lower()
    if not a or not b or a == b or not (a + b).replace("'", "").isalpha():
        return ()
    ops = [(a[i1 - 1] if i1 else "^", a[i1:i2], b[j1:j2]) for op, i1, i2, j1, j2 in
           difflib.SequenceMatcher(None, a, b, autojunk=False).get_opcodes() if op != "equal"]
    if len(ops) > 2 or any(len(x) > 2 or len(y) > 2 or not (x or y) for _, x, y in ops):
        return ()
    return tuple(ops)


def flag_of(s: Suspect, reading: Reading | None, quotes: str = "'\"") -> Flag:
    line, column, token = s.line, s.column, s.token
    if reading is not None:
        # the token as it stands in text.md (its escapes included), where it stands
        start, end = reading.written(s.line, s.column, len(s.token))
        line, column = line_column(reading.source, start)
        token = reading.source[start:end]
    ranked = s.suggestions or ((s.suggestion,) if s.suggestion or s.reason in _WHOLE else ())
    readings: list[str] = []
    places: list[tuple[int, int, str]] = []
    for k, r in enumerate(ranked):
        at = (line, column, token)
        if s.spans and s.spans[k][2] != s.token:  # a stretch, its outer marks in the reading
            at = _written(*s.spans[k], reading)
            whole = r
        else:
            whole = whole_reading(token, r, s.reason, quotes)
        if whole != at[2] and (whole, at) not in zip(readings, places, strict=True):
            readings.append(whole)
            places.append(at)
    if s.reason == "stray-punctuation" and "" not in readings:
        readings.append("")
        places.append((line, column, token))
    spans = tuple(places) if any(p != (line, column, token) for p in places) else ()
    return Flag(line, column, token, tuple(readings), _label(s.reason, readings), s.score,
                spans)


def _label(reason: str, readings: list[str]) -> str:
    """The reason as its first reading has it: a token the finder took for two words printed
    as one whose likeliest reading is one word (doblu: double) is a misread word."""
    if reason == "glued-words" and readings and readings[0] and \
            len(split_core(readings[0])[1].split()) == 1:
        return "unknown-word"
    return reason


def moved(f: Flag, edits: list[tuple[int, int, int, int]]) -> Flag:
    """A flag's readings after a write on its lines, edits being (line, first column, column
    past the end, change in length): the stretches a reading takes moved along their line,
    and a reading whose stretch the write touched dropped (its text is no longer there)."""
    if not f.places:
        return f
    readings, places = [], []
    for reading, (line, column, token) in zip(f.readings, f.places, strict=True):
        end = column + len(token)
        if any(ln == line and c1 < end and column < c2 for ln, c1, c2, _ in edits):
            continue
        shift = sum(d for ln, _, c2, d in edits if ln == line and c2 <= column)
        readings.append(reading)
        places.append((line, column + shift, token))
    return replace(f, readings=tuple(readings), places=tuple(places))


def _written(line: int, column: int, text: str, reading: Reading | None) -> tuple[int, int, str]:
    """A stretch of the reading text where it stands in text.md: (line, column, text)."""
    if reading is None:
        return line, column, text
    start, end = reading.written(line, column, len(text))
    return (*line_column(reading.source, start), reading.source[start:end])


def reading_suspects(text: str, body_line: int, meta: dict, accepted: frozenset[str],
                     path: Path | None = None, *, adapt: bool = True,
                     desk: bool = False) -> list[Flag]:
    """The finder on the reading text of a text.md, most likely first, at text.md's places;
    desk: the desk's questions, the report's and more (desk_suspects: those the finder scores
    under its cut down to DESK_BELOW of it, lone_letters, glued_words, pounds,
    likelier_words)."""
    reading = read(text, body_line)
    settings = settings_from_meta(meta, path)
    found = desk_suspects(reading.text, accepted, adapt=adapt, settings=settings) if desk \
        else find_suspects(reading.text, accepted, adapt=adapt, settings=settings)
    quotes = text_quotes(reading.text)
    return [flag_of(s, reading, quotes) for s in found]


def plain_flags(found: Iterable[Suspect], text: str | None = None) -> list[Flag]:
    """Flags of a file that is not a work's text.md (a witness): its lines are its own; text,
    where given, the file's (what it quotes with: text_quotes)."""
    quotes = "'\"" if text is None else text_quotes(text)
    return [flag_of(s, None, quotes) for s in found]
