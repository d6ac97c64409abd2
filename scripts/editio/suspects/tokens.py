"""Tokens of a Markdown-ish text and the shape of a word: its core without leading and trailing
punctuation, case, digits, affixes; and the small word lists the other modules share."""

from __future__ import annotations

import re
from dataclasses import dataclass

from editio.intake.markup import TYPED_QUOTES, WRITTEN_SPAN


@dataclass(frozen=True)
class Token:
    line: int
    column: int
    raw: str  # as it stands in the text, markup inside the span included
    text: str  # with Markdown markup removed


# --- tokenising Markdown-ish text -------------------------------------------------------------

_TAG_WITH_BODY = re.compile(r"<(sup|sub)>.*?</\1>", re.IGNORECASE)
_TAG = re.compile(r"</?[A-Za-z][A-Za-z0-9]*(\s[^<>]*)?/?>")
_HEADING = re.compile(r"^\s{0,3}#{1,6}(?=\s|$)")
_EMPH = re.compile(r"(?<![\w*\\])(\*{1,3}|_{1,3})(?=\S)(.+?)(?<=\S)\1(?![\w*])")
_LIST = re.compile(r"^\s*(?:[-*+]|\d+[.)])\s+")
_QUOTE = re.compile(r"^\s*>+\s?")


def _markup_mask(line: str) -> list[bool]:
    """True for characters that are Markdown/HTML syntax rather than text."""
    mask = [False] * len(line)

    def hide(a: int, b: int) -> None:
        for k in range(a, b):
            mask[k] = True

    # Footnote markers and their numbers are editorial apparatus, not OCR text.
    for m in _TAG_WITH_BODY.finditer(line):
        hide(m.start(), m.end())
    for m in _TAG.finditer(line):
        hide(m.start(), m.end())
    # a bracketed span "[text]{.class key="value"}": its brackets and attributes are markup
    for m in WRITTEN_SPAN.finditer(line):
        if m["content"] is not None:
            hide(m.start(), m.start("content"))
            hide(m.end("content"), m.end())
    opening = _HEADING.match(line) or _QUOTE.match(line)
    if opening:
        hide(opening.start(), opening.end())
    for m in _EMPH.finditer(line):
        d = len(m.group(1))
        hide(m.start(), m.start() + d)
        hide(m.end() - d, m.end())
    k = 0
    while k < len(line) - 1:
        # A backslash escape is markup; the escaped character is text.
        if line[k] == "\\" and not line[k + 1].isalnum() and not line[k + 1].isspace():
            mask[k] = True
            # An escaped asterisk is a footnote mark: apparatus, like <sup>.
            mask[k + 1] = line[k + 1] == "*"
            k += 2
            continue
        k += 1
    return mask


_DOUBLE_DASH = re.compile(r"(?<=\S)--+(?=\S)")


def tokenize(text: str) -> list[Token]:
    tokens: list[Token] = []
    for lineno, line in enumerate(text.split("\n"), start=1):
        line = line.rstrip("\r")
        mask = _markup_mask(line)
        # A dash typed as two hyphens joins no words either: "so.--But" is two tokens.
        dashes = {k for m in _DOUBLE_DASH.finditer(line) for k in range(m.start(), m.end())}
        start = -1
        chars: list[str] = []
        last = -1
        for k in range(len(line) + 1):
            ch = line[k] if k < len(line) else " "
            # An em dash joins no words: "axis—a" is two tokens, as a reader sees it.
            if ch.isspace() or ch == "\u2014" or k in dashes:
                if chars:
                    tokens.append(Token(lineno, start + 1, line[start : last + 1], "".join(chars)))
                chars = []
                start = -1
                continue
            if mask[k]:
                continue
            if start < 0:
                start = k
            chars.append(ch)
            last = k
    return tokens


# --- word-level helpers -----------------------------------------------------------------------

TYPO = str.maketrans({**TYPED_QUOTES, "–": "-", "—": "-", "ſ": "s"})
_CORE = re.compile(r"^([^\w]*)(.*?)([^\w]*)$", re.DOTALL)
_ABBR = re.compile(r"^(?:[A-Za-z]\.)+[A-Za-z]?$")
_ORDINAL = re.compile(r"^\d+(?:st|nd|rd|th|d|'?s|vo|to|mo)$", re.IGNORECASE)
_ROMAN = re.compile(r"^(?=[MDCLXVI]{2,})M*(?:C[MD]|D?C{0,3})(?:X[CL]|L?X{0,3})(?:I[XV]|V?I{0,3})$")
# Derivational prefixes: prefix+word is usually a real derived word, not two glued words.
_PREFIXES = frozenset(
    (
        "re",
        "in",
        "un",
        "de",
        "anti",
        "over",
        "under",
        "non",
        "pre",
        "dis",
        "sub",
        "super",
        "inter",
        "counter",
        "out",
        "up",
        "mis",
        "co",
        "semi",
    )
)
_NUMBER = re.compile(r"^\d+(?:[.,:/\-]\d+)*$")
_SUFFIXES = frozenset(("ness", "ism", "ist", "less", "ful", "ship", "hood", "ment", "able", "ties"))
# Productive affixes: a rare word made of a known stem and one of these is usually real
# (wishfulness, subverters, disenthrall, Bukharinist); OCR damage seldom yields such a shape.
_DERIV_SUFFIXES = tuple(
    sorted(
        (
            "ness", "nesses", "less", "ful", "fulness", "er", "ers", "ed", "ing", "ist",
            "ists", "ism", "isms", "ian", "ians", "ite", "ites", "ization", "isation",
            "izations", "ized", "ised", "ize", "ise", "izing", "ising", "ly", "ity", "ment",
            "ments", "able", "ably", "s", "es", "ic", "ical", "ation", "ations",
        ),
        key=len,
        reverse=True,
    )
)
_DERIV_PREFIXES = tuple(
    sorted(
        _PREFIXES
        | {"post", "self", "pro", "ex", "neo", "pan", "quasi", "pseudo", "ultra", "multi", "en"},
        key=len,
        reverse=True,
    )
)
_NORMAL_LEAD = re.compile(r"^[(\[\"'*]{0,2}$")
_NORMAL_TRAIL = re.compile(
    r"^(?:[.!?]?[)\]\"']{0,2}[.,;:!?]?[)\]\"']{0,2}|[.!?]?\.\.\.?|[.!?]\"?-+|-{1,2})$"
)
_FUNCTION = frozenset(
    [
        "a",
        "an",
        "the",
        "of",
        "to",
        "in",
        "on",
        "at",
        "by",
        "for",
        "with",
        "from",
        "and",
        "or",
        "but",
        "as",
        "is",
        "was",
        "be",
        "he",
        "she",
        "it",
        "we",
        "they",
        "i",
        "his",
        "her",
        "its",
        "our",
        "their",
        "that",
        "this",
        "these",
        "those",
        "not",
        "no",
        "so",
    ]
)
_DIGIT_LOOKALIKE = str.maketrans({"0": "o", "1": "l", "5": "s", "8": "b", "6": "b", "4": "a"})
_SHORT_OK = frozenset({"a", "i", "o", "&"})


_PRIOR_PSEUDO = 10


def prior_key(core: str) -> str:
    """The key of a word's own OCR error rate: lower case, except single letters (I, i; O, o)."""
    return core if len(core) == 1 else core.lower()


def split_core(text: str) -> tuple[str, str, str]:
    m = _CORE.match(text)
    assert m is not None
    return m.group(1), m.group(2), m.group(3)


# A dash typed as a token of its own between two words of a line ("I -- I mean", "was - well",
# "gone --- and", "so — then"): canonical Markdown's dash (pandoc makes -- an en dash, --- an em
# dash), as an editor and many OCR engines write it. A line-end hyphen is glued to its word.
DASH_TOKENS = frozenset(("-", "--", "---", "\u2013", "\u2014"))
_DASH_PREV_TRAIL = frozenset(("", ",", ";", ":", "!", "?", "'", '"', "\u2019", "\u201d"))
_DASH_NEXT_LEAD = frozenset(("", "'", '"', "(", "\u2018", "\u201c"))
# A text that sets this many dashes so does it by rule, or this many typed as two or three
# hyphens or as a dash (BLN600's training documents: of 384, two have three or more between
# words, nine two, 27 one, all lone hyphens and all OCR's; none has two of the others).
_SPACED_DASHES_SEEN = 3
_TYPED_DASHES_SEEN = 2


def spaced_dash(tokens: list[Token], i: int) -> bool:
    """Token i is a dash standing alone between two words on its line."""
    if i < 1 or i + 1 >= len(tokens) or tokens[i].text not in DASH_TOKENS:
        return False
    prev, nxt = tokens[i - 1], tokens[i + 1]
    if not prev.line == tokens[i].line == nxt.line:
        return False
    _, pcore, ptrail = split_core(prev.text)
    nlead, ncore, _ = split_core(nxt.text)
    return pcore[-1:].isalpha() and ptrail in _DASH_PREV_TRAIL and \
        ncore[:1].isalnum() and nlead in _DASH_NEXT_LEAD


def spaced_dashes(tokens: list[Token]) -> set[int]:
    """The dashes standing alone between words of a text that sets its dashes so:
    _SPACED_DASHES_SEEN of them, or _TYPED_DASHES_SEEN not typed as one hyphen."""
    out = {i for i in range(1, len(tokens) - 1) if spaced_dash(tokens, i)}
    typed = sum(tokens[i].text != "-" for i in out)
    return out if len(out) >= _SPACED_DASHES_SEEN or typed >= _TYPED_DASHES_SEEN else set()


def _shape(core: str) -> str:
    letters = [c for c in core if c.isalpha()]
    if not letters:
        return "none"
    if all(c.islower() for c in letters):
        return "lower"
    if all(c.isupper() for c in letters):
        return "upper"
    if letters[0].isupper() and all(c.islower() for c in letters[1:]):
        return "title"
    return "mixed"


def _odd_mixed_case(core: str) -> bool:
    """Lower-to-upper switch inside a word, except name patterns like McCarthy or O'Connor."""
    for part in re.split(r"['\-]", core):
        name = re.match(r"^(?:Mc|Mac|De|Di|La|Le)[A-Z][a-z]+$", part)
        if re.search(r"[a-z][A-Z]", part) and not name:
            return True
        if len(part) > 1 and part[0].islower() and part[1:].isupper():
            return True
    return False



# Words a full stop ends as an abbreviation, also before a lower-case word ("etc. and", "cf. the").
_STOP_ABBREVIATIONS = frozenset(
    (
        "etc", "viz", "cf", "vs", "ibid", "id", "op", "cit", "loc", "esp", "approx", "ca", "vol",
        "vols", "ed", "eds", "trans", "pp", "ch", "chap", "fig", "nos", "co", "esq", "messrs",
        "jun", "sen", "jr", "sr", "inst", "ult", "prox", "al", "seq", "sq", "ff", "mr", "mrs",
        "dr", "st", "rev", "gen", "col", "capt", "lieut", "hon", "prof", "jan", "feb", "mar",
        "apr", "aug", "sept", "sep", "oct", "nov", "dec", "ft", "lb", "lbs", "oz", "yds", "yd",
        "hr", "hrs", "min", "sec", "do", "i.e", "e.g", "&c", "ult", "inst", "bart", "govt",
    )
)

_ALPHABET = "abcdefghijklmnopqrstuvwxyz"

def _edits1(w: str) -> set[str]:
    splits = [(w[:i], w[i:]) for i in range(len(w) + 1)]
    out = {a + b[1:] for a, b in splits if b}
    out |= {a + b[1] + b[0] + b[2:] for a, b in splits if len(b) > 1}
    out |= {a + c + b[1:] for a, b in splits if b for c in _ALPHABET}
    out |= {a + c + b for a, b in splits for c in _ALPHABET}
    return out


def _match_case(word: str, like: str) -> str:
    """word in like's case: capitals for a word in capitals (also one the OCR gave a lower-case
    letter or two: CIEhLD), a capital for a capitalised word, else as it is."""
    if not word:
        return ""
    letters = [c for c in like if c.isalpha()]
    upper = sum(c.isupper() for c in letters)
    if len(letters) > 1 and (like.isupper() or len(letters) > 3 and upper >= 0.75 * len(letters)):
        return word.upper()
    if like[:1].isupper():
        return word[:1].upper() + word[1:]
    return word
