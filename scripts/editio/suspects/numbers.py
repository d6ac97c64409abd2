"""Readings of a token that is a number or a sum of money the OCR misread: letters that look
like digits (l0s. -> 10s., lOOI. -> 100l.), the pound's l read as a one (1001. -> 100l.), the
shilling's s as a letter or a digit (13a. -> 13s., l13. -> 11s.), the pound sign as a letter
(L3 -> £3). No dictionary reaches these: a newspaper's sums and dates are its own."""

from __future__ import annotations

import re
from dataclasses import dataclass

# Letters the OCR gives for digits, inside a token that is mostly digits.
_DIGIT_OF = str.maketrans({"l": "1", "I": "1", "i": "1", "|": "1", "O": "0", "o": "0",
                           "S": "5", "B": "8", "Z": "2"})
# What a unit's letter after a sum may have been read as: s (shillings) most often, l (pounds)
# for a one or a capital I, d (pence) itself. Digits among them (3, 8, 5) lead only where the
# sum has a letter besides: 53. alone may be fifty-three.
_UNIT_OF = {"s": "s", "a": "s", "e": "s", "x": "s", "X": "s", "z": "s", "S": "s", "3": "s",
            "8": "s", "5": "s", "i": "s", "t": "s", "d": "d", "l": "l", "1": "l", "I": "l"}
_DIGIT_UNITS = frozenset("385")
_ORDINAL_OF = {"st": "st", "nd": "nd", "rd": "rd", "th": "th", "tb": "th", "tli": "th"}
# A four-figure number from these centuries, then a full stop, is a year ending a sentence.
_YEAR = re.compile(r"^1[5-9]\d\d$")
# The pound sign read as a letter (L3, C600, E20), the sum's figures after it.
_POUND = re.compile(r"^[LCE£](\d[\d,]*)$")


@dataclass(frozen=True)
class NumberReading:
    """A reading of a token's core as a number (its trailing marks are the token's), and
    whether it should lead the token's readings: the shape leaves little doubt."""

    text: str
    leads: bool


def number_readings(core: str, trail: str) -> list[NumberReading]:
    """core (a token's letters and digits, its marks apart) read as a number or a sum, trail
    the marks after it; likeliest first, none where core is no number's misreading."""
    out: list[NumberReading] = []

    def add(text: str, leads: bool) -> None:
        if text != core and text not in (r.text for r in out):
            out.append(NumberReading(text, leads))

    stop = trail.startswith(".")
    m = _POUND.match(core)
    if m and not core.startswith("£"):
        add("£" + m.group(1), True)
    if re.fullmatch(r"[1-9]\d*1", core) and trail[:1] in (".", ","):
        # 100l. read 1001.: the pound's l after the sum, a full stop after it
        add(core[:-1] + "l", stop and not _YEAR.match(core))
    body, unit = core[:-1], core[-1:]
    figures = body.translate(_DIGIT_OF)
    if body and figures.isdigit() and any(c.isdigit() for c in body) and unit in _UNIT_OF \
            and stop:
        # a sum and its unit (13a. 2e. 20i. l13.: 13s. 2s. 20s. 11s.)
        letters = body != figures or not unit.isdigit()
        add(figures + _UNIT_OF[unit], letters or unit not in _DIGIT_UNITS)
        if unit in "it1I" and _UNIT_OF[unit] != "l":
            add(figures + "l", False)
    for n in (3, 2):
        body, unit = core[:-n], core[-n:]
        figures = body.translate(_DIGIT_OF)
        if unit in _ORDINAL_OF and body and figures.isdigit() and figures[0] != "0" and (
                any(c.isdigit() for c in body) or _ordinal(figures) == _ORDINAL_OF[unit]):
            add(figures + _ORDINAL_OF[unit], True)  # Ist 9tb: 1st 9th
    if len(core) > 1 and core[-1] == "I" and _figures(core[:-1]):
        add(core[:-1].translate(_DIGIT_OF) + "l", stop)  # lOOI.: 100l.
    m = re.fullmatch(r"(.+?)([sdl])?", core)
    if m and _figures(m.group(1)):
        # letters for digits where a digit or a nought shows it is a number (l0s., lOs.: 10s.)
        add(m.group(1).translate(_DIGIT_OF) + (m.group(2) or ""), True)
    return out


def _figures(body: str) -> bool:
    """body is figures with letters read for some: digits at least half of them (l0, I8: not
    1ii), or a capital O among ones and noughts only (lOs, IO: not SO, So, O)."""
    if not body.translate(_DIGIT_OF).isdigit():
        return False
    if body[0] in "Oo":
        # a figure begins with no nought the OCR read as a letter: OI. OO are a heading's
        # OF, ON misread far more often than 01. 00 (lO, IO: 10)
        return False
    digits = sum(c.isdigit() for c in body)
    if digits:
        return 2 * digits >= len(body)
    return len(body) > 1 and "O" in body and set(body) <= set("lIO")


def _ordinal(figures: str) -> str:
    """The ending an ordinal number takes (1st, 2nd, 3rd, 11th, 4th)."""
    if figures[-2:-1] == "1":
        return "th"
    return {"1": "st", "2": "nd", "3": "rd"}.get(figures[-1:], "th")
