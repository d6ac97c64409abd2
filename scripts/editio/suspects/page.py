"""Evidence of the page: marks that break the sentence, dashes and note calls spaced off, one-off
variants of the document's own words, and slips (misspellings of common words)."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from editio.suspects.features import Analyzer, _paired_quotes
from editio.suspects.tokens import (
    _ABBR,
    _STOP_ABBREVIATIONS,
    TYPO,
    Token,
    _edits1,
    _match_case,
    split_core,
)

if TYPE_CHECKING:  # symspellpy ships no type hints: its class named, not checked
    from symspellpy.editdistance import EditDistance

# --- evidence of the page: marks that break the sentence, one-off variants of its own words ------

_ODD_LEAD_MARKS = frozenset(",;:!?{}|")
# A dash spaced off on one side only ("result —it", "despair -such", "oppositions— Trotskyist"):
# printers close dashes up or space them on both sides. The group is the spaced-off word's end.
_DASH_SPACED_BEFORE = re.compile(r"(\w)[ \t]+(?P<dash>--|[-\u2013\u2014])(?=\w)")
_DASH_SPACED_AFTER = re.compile(r"(?<=\w)(?:[\u2013\u2014]|--)[ \t]+(\w)")
_NOTE_CALL = re.compile(r"(?<=[\w.,;:!?\"'])\\\*")
_NOTE_TEXT = re.compile(r"^\s{0,3}\\\*", re.MULTILINE)


def _sentence_mark_break(tokens: list[Token], parts: list[tuple[str, str, str]], i: int) -> bool:
    """A full stop ends a word that no abbreviation explains, and the sentence runs on in lower
    case on the same line ("Writers. artists", "outlook. too"). (After ? and ! a lower-case
    word is common in verse and older prose: "O Son! but nourish them".)"""
    _, core, trail = parts[i]
    if trail != "." or i + 1 >= len(tokens) or not core:
        return False
    if tokens[i + 1].line != tokens[i].line:
        return False
    nlead, ncore, _ = parts[i + 1]
    if not ncore[:1].islower() or nlead.strip("\"'("):
        return False
    lc = core.lower()
    return not (len(core) == 1 or _ABBR.match(core) or lc in _STOP_ABBREVIATIONS)


# Words a clause cannot end in: a mark after one, before a lower-case word, is the OCR's or
# the compositor's ("to! work", "It; threatened"). Determiners take no mark at all; these
# prepositions and conjunctions may close a clause ("spoken to; and", "comes in; there's"),
# but not an exclamation or a question; a subject pronoun cannot stand as a sentence alone.
_NO_MARK_AFTER = frozenset(("the", "a", "an", "its", "their", "our", "my", "your"))
_NO_CRY_AFTER = _NO_MARK_AFTER | frozenset(
    ("to", "at", "with", "from", "into", "upon", "and", "or", "nor", "than")
)
_SUBJECTS = frozenset(("it", "he", "she", "they", "we", "there"))
# Phrases set off between commas; a comma before one and none after it, with the sentence
# running on in lower case, has lost the closing comma ("has, in fact arisen").
_PARENTHETICALS = (
    ("in", "fact"), ("of", "course"), ("for", "instance"), ("for", "example"), ("in", "short"),
    ("after", "all"), ("in", "particular"), ("in", "effect"), ("as", "it", "were"),
    ("so", "to", "speak"),
)


def _ends_sentence(trail: str) -> bool:
    return trail.rstrip("\"')")[-1:] in (".", "!", "?")


def _clause_mark_break(tokens: list[Token], parts: list[tuple[str, str, str]], i: int) -> bool:
    """A semicolon, colon, ! or ? after a word no clause ends in, the sentence running on in
    lower case on the same line."""
    _, core, trail = parts[i]
    if not trail or trail[0] not in ";:!?" or i + 1 >= len(tokens):
        return False
    if tokens[i + 1].line != tokens[i].line:
        return False
    nlead, ncore, _ = parts[i + 1]
    if not ncore[:1].islower() or nlead.strip():
        return False
    lc = core.lower()
    starts = i == 0 or tokens[i - 1].line != tokens[i].line or _ends_sentence(parts[i - 1][2])
    return (lc in _NO_MARK_AFTER or lc in _NO_CRY_AFTER and trail[0] in "!?"
            or starts and core[:1].isupper() and lc in _SUBJECTS)


def _open_parenthetical(tokens: list[Token], parts: list[tuple[str, str, str]], i: int) -> bool:
    """Token i ends a parenthetical phrase that a comma opens and none closes ("has, in fact
    arisen"): the mark is missing after it."""
    for phrase in _PARENTHETICALS:
        first = i - len(phrase) + 1
        if first < 1 or i + 1 >= len(tokens) or parts[first - 1][2] != ",":
            continue
        if [parts[first + k][1].lower() for k in range(len(phrase))] != list(phrase):
            continue
        if any(parts[first + k][0] or parts[first + k][2] for k in range(len(phrase))):
            continue
        nlead, ncore, _ = parts[i + 1]
        if tokens[i + 1].line == tokens[i].line and ncore[:1].islower() and not nlead.strip():
            return True
    return False


def _odd_lead(lead: str, core: str) -> bool:
    """A word that starts with a mark no word starts with (";at", "{restrict")."""
    return bool(core) and not core[:1].isdigit() and bool(set(lead) & _ODD_LEAD_MARKS)


def punctuation_breaks(
    tokens: list[Token], parts: list[tuple[str, str, str]], early: bool = False
) -> list[str]:
    """Per token: how its punctuation breaks the sentence or the paragraph, or "".

    "stop": a stop before a lower-case word (no abbreviation); "clause": a mark after a word
    no clause ends in (_clause_mark_break); "comma": a parenthetical phrase a comma opens and
    none closes; "lead": a word that begins with a comma, semicolon or brace; "quote",
    "bracket": a closing quotation mark or an opening bracket with no partner in the paragraph
    (a line, as Markdown and the OCR give paragraphs).
    """
    paired = _paired_quotes(tokens, parts)
    ends = _paragraph_ends(tokens, parts)
    out = []
    for i, (lead, core, trail) in enumerate(parts):
        qlead, qtrail = paired[i]
        # A quotation of several sentences or verse lines closes after its last mark ("it.\"")
        unpaired_close = trail == '"' and qtrail != '"' and '"' not in lead
        # A bracket left open where the line ends its sentence (verse lines run on).
        unpaired_open = "(" in lead and qlead != "(" and ")" not in trail and tokens[i].line in ends
        stop = not early and _sentence_mark_break(tokens, parts, i)
        kinds = (("stop", stop), ("clause", _clause_mark_break(tokens, parts, i)),
                 ("comma", _open_parenthetical(tokens, parts, i)),
                 ("lead", _odd_lead(lead, core)), ("quote", unpaired_close),
                 ("bracket", unpaired_open))
        out.append(next((k for k, hit in kinds if hit), "") if core else "")
    return out


def _paragraph_ends(tokens: list[Token], parts: list[tuple[str, str, str]]) -> set[int]:
    """Lines whose last token ends a sentence: there a paragraph (or a segment) is complete."""
    last: dict[int, str] = {}
    for t, (_, _, trail) in zip(tokens, parts, strict=True):
        last[t.line] = trail
    return {line for line, trail in last.items() if _ends_sentence(trail)}


def _token_at(by_line: dict[int, list[tuple[int, Token]]], line: int, col0: int) -> int | None:
    for k, t in by_line.get(line, []):
        if t.column - 1 <= col0 < t.column - 1 + len(t.raw):
            return k
    return None


def spacing_breaks(text: str, tokens: list[Token]) -> dict[int, str]:
    """Tokens beside a dash spaced off on one side only ("dash"), and words with an asterisk
    note call in a text that has no asterisk note ("note": a stray mark, not a call)."""
    by_line: dict[int, list[tuple[int, Token]]] = {}
    for k, t in enumerate(tokens):
        by_line.setdefault(t.line, []).append((k, t))
    has_notes = bool(_NOTE_TEXT.search(text))
    out: dict[int, str] = {}
    for lineno, line in enumerate(text.split("\n"), start=1):
        if lineno not in by_line:
            continue
        # "despair -such": the mark is on the word after it; "result —it": the em dash
        # belongs to no token, the word spaced off it is flagged.
        hits = [(m.start(1) if m["dash"] == "\u2014" else m.start("dash"), "dash")
                for m in _DASH_SPACED_BEFORE.finditer(line)]
        hits += [(m.start(1), "dash") for m in _DASH_SPACED_AFTER.finditer(line)]
        if not has_notes:
            hits += [(m.start() - 1, "note") for m in _NOTE_CALL.finditer(line)]
        for col0, kind in hits:
            at = _token_at(by_line, lineno, col0)
            if at is not None:
                out[at] = kind
    return out


# Prefixes a compound keeps apart with a hyphen where the document does so (anti-Stalinism).
_HYPHEN_PREFIXES = frozenset(
    ("anti", "counter", "self", "all", "non", "semi", "quasi", "pseudo", "ex", "neo", "ultra",
     "half", "well")
)
_VARIANT_MIN = 2  # uses of the document's word that make a one-off near it a variant
_VARIANT_LONG = 10  # letters from which a variant may be two edits away


def _doc_forms(tokens: list[Token]) -> tuple[dict[str, int], dict[str, str], dict[str, int]]:
    """The document's words and compound parts with their counts, its hyphenated compounds
    (by their joined-up form), and how often it hyphenates each prefix."""
    words: dict[str, int] = {}
    compounds: dict[str, str] = {}
    prefixes: dict[str, int] = {}
    for t in tokens:
        core = _possessive_stem(split_core(t.text.translate(TYPO))[1].lower())
        parts = core.split("-")
        for part in parts:
            if len(part) > 3 and part.isalpha():
                words[part] = words.get(part, 0) + 1
        if len(parts) > 1 and all(p.isalpha() for p in parts):
            compounds["".join(parts)] = core
            if parts[0] in _HYPHEN_PREFIXES:
                prefixes[parts[0]] = prefixes.get(parts[0], 0) + 1
    return words, compounds, prefixes


def _possessive_stem(lc: str) -> str:
    return lc[:-2] if lc.endswith("'s") else lc


def document_variants(an: Analyzer, tokens: list[Token], reasons: list[str]) -> list[str]:
    """Per token: the document's own form of an unknown word that is a one-off variant of it,
    or "".

    A form used once that is one edit (two for long words) from a word the document uses
    repeatedly, or from a long dictionary word it uses (intelligensia beside intelligentsia,
    de-Stlainization beside de-Stalinization, democraticization beside democratization), or a
    joined compound that the document hyphenates (counterrevolution beside
    counter-revolution; antiegalitarian where anti- compounds are hyphenated), is the
    compositor's or the OCR's slip rather than the author's spelling.
    """
    from symspellpy.editdistance import DistanceAlgorithm, EditDistance

    distance = EditDistance(DistanceAlgorithm.DAMERAU_OSA)
    words, compounds, prefixes = _doc_forms(tokens)
    by_length: dict[int, list[str]] = {}
    for w, c in words.items():
        # A long dictionary word once is as good a witness as a word used repeatedly.
        if c >= _VARIANT_MIN or len(w) >= _VARIANT_LONG and an.known(w):
            by_length.setdefault(len(w), []).append(w)
    out = []
    for t, reason in zip(tokens, reasons, strict=True):
        core = split_core(t.text.translate(TYPO))[1]
        stem = core[:-2] if core.lower().endswith("'s") else core
        form = ""
        if reason in _VARIANT_REASONS:
            form = _joined_compound(an, stem.lower(), compounds, prefixes)
            form = _match_case(form, stem) if form else _variant_of_parts(
                an, distance, stem, words, by_length)
        out.append(form + core[len(stem):] if form else "")
    return out


def _variant_of_parts(an: Analyzer, distance: EditDistance, stem: str, words: dict[str, int],
                      by_length: dict[int, list[str]]) -> str:
    """The stem with its one unknown part that is a variant of a document word replaced."""
    parts = stem.split("-")
    for k, part in enumerate(parts):
        lc = part.lower()
        w = "" if an.known(lc) else _near_variant(distance, lc, words, by_length,
                                                  part.islower())
        if w:
            return "-".join([*parts[:k], _match_case(w, part), *parts[k + 1 :]])
    return ""


_VARIANT_REASONS = frozenset(("unknown-word", "glued-words", "unlikely-word"))

# A word a compound does not end in: "wage-but" is a dash read as a hyphen.
_NOT_COMPOUND_END = frozenset(
    ("but", "and", "or", "the", "a", "an", "which", "who", "that", "is", "are", "was", "were",
     "it", "he", "she", "they", "we", "if")
)
_SLIP_MIN = 7  # letters of a misspelt word: shorter ones have too many real neighbours
_SLIP_RARE = 2.0  # zipf below which a word is rare enough to be a slip
_SLIP_COMMON = 3.0  # zipf of the word it is a slip of
_SLIP_GAIN = 1.5  # ... at least this much commoner (thirty times)
_SLIP_NAME = 2.5  # zipf of a name a capitalised word is a transposition of


def word_slips(an: Analyzer, tokens: list[Token], early: bool, dashes: bool) -> list[str]:
    """Per token: the kind of slip its spelling shows, or "".

    "misspelling": a lower-case word used once, rare, not a derivation, and one edit from a
    word thirty times commoner (analagous beside analogous); not in early-modern print, which
    spelled freely. "suffix": the same, but a derivation whose ending has the wrong vowel
    (conquerer beside conqueror). "transposition": a capitalised one-off, unknown, that is a
    known name with two neighbouring letters swapped (Robsepierre). "hyphen": a kept
    line-break hyphen (in-dividuals: the parts are no words, the whole is common), or a hyphen
    for a dash before a word no compound ends in (wage-but), where the document sets its
    dashes as dashes. "split": an unknown lower-case fragment that, with the word after it,
    is a common word or one edit from one (conr trolled); not in early-modern print either.
    """
    parts = [split_core(t.text.translate(TYPO)) for t in tokens]
    counts: dict[str, int] = {}
    for _, core, _ in parts:
        counts[core.lower()] = counts.get(core.lower(), 0) + 1
    out = []
    for i, (_, core, _) in enumerate(parts):
        lc = core.lower()
        once = not early and counts[lc] == 1
        if "-" in lc:
            out.append("hyphen" if _hyphen_slip(an, lc, dashes) else "")
        elif once and core.islower() and _misspelling(an, lc):
            out.append("misspelling")
        elif once and core.islower() and _suffix_slip(an, lc):
            out.append("suffix")
        elif once and core[:1].isupper() and _transposed(an, lc):
            out.append("transposition")
        elif not early and _split_slip(an, tokens, parts, i):
            out.append("split")
        else:
            out.append("")
    return out


def _split_slip(an: Analyzer, tokens: list[Token], parts: list[tuple[str, str, str]],
                i: int) -> bool:
    if i + 1 >= len(parts) or tokens[i + 1].line != tokens[i].line:
        return False
    (_, a, trail), (lead, b, _) = parts[i], parts[i + 1]
    if trail or lead or not (a.isalpha() and b.isalpha() and a.islower() and b.islower()):
        return False
    joined = a + b
    if len(a) < 2 or len(joined) < _SLIP_MIN or an.known(a):
        return False
    return an.zipf(joined) >= _SLIP_COMMON or any(
        an.zipf(v) >= _SLIP_COMMON for v in _edits1(joined))


def _hyphen_slip(an: Analyzer, lc: str, dashes: bool) -> bool:
    parts = lc.split("-")
    if len(parts) != 2 or not all(p.isalpha() for p in parts):
        return False
    if dashes and parts[1] in _NOT_COMPOUND_END and len(parts[0]) > 2:
        return True
    return not all(an.part_known(p) for p in parts) and an.zipf("".join(parts)) >= _SLIP_COMMON


def _transposed(an: Analyzer, lc: str) -> bool:
    """Two neighbouring letters swapped (Robsepierre): the compositor's slip, which a real
    name seldom is of another known name."""
    if len(lc) < _SLIP_MIN - 1 or not lc.isalpha() or an.known(lc):
        return False
    swaps = {lc[:k] + lc[k + 1] + lc[k] + lc[k + 2 :] for k in range(len(lc) - 1)} - {lc}
    return any(an.zipf(v) >= _SLIP_NAME for v in swaps)


def _misspelling(an: Analyzer, lc: str) -> bool:
    if len(lc) < _SLIP_MIN or not lc.isalpha():
        return False
    z = an.zipf(lc)
    if z >= _SLIP_RARE or an.derived(lc):
        return False
    near = max((an.zipf(v) for v in _edits1(lc) if v != lc), default=0.0)
    return near >= max(_SLIP_COMMON, z + _SLIP_GAIN)


_VOWELS = "aeiou"


def _suffix_slip(an: Analyzer, lc: str) -> bool:
    """A rare word whose ending, one vowel changed, is a word thirty times commoner: -er/-or,
    -ance/-ence, -able/-ible confused (conquerer). The derivation that _misspelling lets pass
    is no excuse here: the common word shares its stem."""
    if len(lc) < _SLIP_MIN or not lc.isalpha():
        return False
    z = an.zipf(lc)
    if z >= _SLIP_RARE:
        return False
    want = max(_SLIP_COMMON, z + _SLIP_GAIN)
    return any(an.zipf(lc[:k] + v + lc[k + 1 :]) >= want
               for k in range(len(lc) - 4, len(lc)) if lc[k] in _VOWELS
               for v in _VOWELS if v != lc[k])


def _near_variant(distance: EditDistance, part: str, words: dict[str, int],
                  by_length: dict[int, list[str]], lower: bool = True) -> str:
    # A one-off, or a lower-case word used twice one edit from a form the document uses at
    # least twice as often (intelligensia x2 beside intelligentsia x9). A name used twice may
    # be a spelling the document keeps (Krushchev in the essay's notes beside Khrushchev).
    uses = words.get(part, 0)
    if len(part) < 6 or not part.isalpha() or not (uses == 1 or uses == 2 and lower):
        return ""
    reach = 2 if len(part) >= _VARIANT_LONG and uses == 1 else 1
    for n in range(len(part) - reach, len(part) + reach + 1):
        for w in by_length.get(n, ()):
            # -isation beside -ization is a spelling, not a slip
            spelling = part.replace("s", "z") == w.replace("s", "z")
            if uses == 2 and words.get(w, 0) < 2 * uses:
                continue
            if not spelling and 0 < distance.compare(part, w, reach) <= reach:
                return w
    return ""


def _joined_compound(an: Analyzer, core: str, compounds: dict[str, str],
                     prefixes: dict[str, int]) -> str:
    """The hyphenated form the document gives a joined compound, or ""."""
    if "-" in core or not core.isalpha() or an.zipf(core) >= 2.0:
        return ""
    if core in compounds:
        return compounds[core]
    for pre, n in prefixes.items():
        rest = core[len(pre):]
        if n >= 2 and core.startswith(pre) and len(rest) >= 4 and an.zipf(rest) >= 2.5:
            return pre + "-" + rest
    return ""




# What a break of the page's conventions adds to a token's logit, counted from even odds: on
# held-out BLN600 each kind is right about nine times in ten or better, and a clean text's low
# error rate (document_shift) still weighs against it.
_PAGE_WEIGHT = 4.0
# Word-level reasons of a word that is fine, where the page's evidence says its marks are not.
_MARK_REASONS = frozenset(("unlikely-word", "real-word-context", "odd-case"))
# The reasons of marks out of place that no other mark puts right: a dash spaced off (read as
# the letter it may be, or left out: Corrector._dash_readings) and a note call (no reading).
_MARK_KINDS = {"dash": "dash-spacing", "note": "note-call"}


def page_evidence(
    an: Analyzer,
    text: str,
    tokens: list[Token],
    analysed: list[tuple[dict[str, float], str, str]],
    early: bool = False,
) -> tuple[list[bool], list[tuple[str, str] | None]]:
    """Per token: whether the page's own evidence makes it a suspect (punctuation_breaks,
    spacing_breaks, document_variants, word_slips), and the reason and suggestion that replace
    the word-level ones where the word is fine and its marks are at fault.

    Early-modern print spelled and stopped as it pleased: there one-off variants and a stop
    before a lower-case word are no evidence.
    """
    parts = [split_core(t.text.translate(TYPO)) for t in tokens]
    marks = punctuation_breaks(tokens, parts, early)
    spacing = spacing_breaks(text, tokens)
    reasons_in = [reason for _, reason, _ in analysed]
    variants = [""] * len(tokens) if early else document_variants(an, tokens, reasons_in)
    dashes = "\u2014" in text or "--" in text
    slips = word_slips(an, tokens, early, dashes=dashes)
    hits: list[bool] = []
    reasons: list[tuple[str, str] | None] = []
    for i, (_, reason, _) in enumerate(analysed):
        kind = marks[i] or spacing.get(i, "")
        hits.append(bool(kind) or bool(variants[i]) or bool(slips[i]))
        if kind and (reason in _MARK_REASONS or reason == "glued-punctuation"):
            # A stop before a lower-case word is most often a comma misread (its tail lost);
            # an open parenthetical wants its closing comma; other marks go.
            fixed = parts[i][1] + ("," if kind in ("stop", "comma") else "")
            if kind == "dash":
                # a text that prints no dashes has none spaced off a word: the word without
                # it (-whilst); one that does has its dash there, no reading of it
                fixed = "" if dashes or parts[i][0] != "-" else parts[i][1] + parts[i][2]
            reasons.append((_MARK_KINDS.get(kind, "glued-punctuation"), fixed))
        elif variants[i]:
            # The document's own form is the likeliest reading of its one-off variant.
            reasons.append((reason, variants[i]))
        else:
            reasons.append(None)
    return hits, reasons
