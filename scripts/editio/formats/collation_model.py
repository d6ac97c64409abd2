"""The collation page's model: each emendation in its context, the witness against the edition.

The collation (proof.collate) proves the witness and the reading text equal and hands over both
sides as it saw them, carried on the Edition (Collation.witness, .readings, .witness_lines):
here the words around each emendation are cut from them, for collation_page to render. Nothing
is parsed or collated again.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Protocol

from editio.base.spans import BLOCK_MARK, BLOCK_NAMES

CONTEXT_WORDS = 7
_SPACE = re.compile(r"\s+")


class Side(Protocol):
    """A side as the collation carries it (proof.collate.Stream): a run of text, and where
    each emendation's pieces begin and end in it."""

    @property
    def text(self) -> str: ...

    @property
    def places(self) -> Mapping[int, tuple[int, int]]: ...


class Carried(Protocol):
    """What the collation carries for the page (proof.collate.Collation)."""

    @property
    def witness(self) -> Side: ...

    @property
    def readings(self) -> tuple[Side, ...]: ...

    @property
    def witness_lines(self) -> Mapping[int, int]: ...


@dataclass(frozen=True)
class Context:
    before: str
    reading: str  # what this side reads where the emendation stands; "" when absent
    after: str
    cut_before: bool  # context continues beyond what is shown
    cut_after: bool


EMPTY = Context("", "", "", False, False)


@dataclass(frozen=True)
class Collated:
    """One emendation as the collation saw it: the words around it on both sides."""

    number: int  # as read_markup numbered it
    witness: Context  # the reading text turned back into the witness, proved equal to it
    edition: Context  # the reading text with the emendation's reading in place
    witness_line: int | None  # its line in the witness file


def collated_contexts(collation: Carried, numbers: list[int]) -> dict[int, Collated]:
    """Emendations `numbers` in their contexts, by number."""
    out = {}
    for number in numbers:
        place = next((s for s in collation.readings if number in s.places), None)
        out[number] = Collated(
            number=number,
            witness=context(collation.witness, number, bound="\n\n") or EMPTY,
            edition=(context(place, number) if place else None) or EMPTY,
            witness_line=collation.witness_lines.get(number))
    return out


def _tail(s: str, words: int) -> tuple[str, bool]:
    s = _SPACE.sub(" ", s[-2000:]).lstrip()
    match = re.search(rf"(?<!\S)(?:\S+ ){{0,{words}}}\S*$", s)
    shown = match.group() if match else ""
    return shown, len(shown) < len(s)


def _head(s: str, words: int) -> tuple[str, bool]:
    s = _SPACE.sub(" ", s[:2000]).rstrip()
    match = re.match(rf"\S*(?: \S+){{0,{words}}}", s)
    shown = match.group() if match else ""
    return shown, len(shown) < len(s)


def context(side: Side, number: int, bound: str | None = None) -> Context | None:
    """The words around emendation `number`; `bound` cuts the context at block breaks; None
    if the emendation is not in this side."""
    if number not in side.places:
        return None
    start, end = side.places[number]
    before = _unmarked(side.text[max(0, start - 4000):start])
    after = _unmarked(side.text[end:end + 4000])
    if bound is not None:
        before = before.rsplit(bound, 1)[-1]
        after = after.split(bound, 1)[0]
    reading = _SPACE.sub(" ", side.text[start:end])
    shown_before, cut_before = _tail(before, CONTEXT_WORDS)
    shown_after, cut_after = _head(after, CONTEXT_WORDS)
    return Context(shown_before, reading, shown_after, cut_before, cut_after)


def _unmarked(s: str) -> str:
    """The collation's block boundaries as a reader sees them: ¶, heading, …, and a plain
    witness's line ends as the / of a diplomatic transcription."""
    return re.sub(f"{BLOCK_MARK}(\\w+)",
                  lambda m: "/" if m.group(1) == "line" else BLOCK_NAMES.get(m.group(1), "¶"),
                  s)
