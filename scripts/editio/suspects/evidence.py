"""Evidence from the document itself: spellings it uses consistently, its spacing conventions,
and the period (early-modern print) whose conventions are not errors."""

from __future__ import annotations

import bisect
import gzip
import importlib.resources
import math
import re
from dataclasses import dataclass
from functools import lru_cache

from editio.suspects.features import Analyzer
from editio.suspects.settings import Settings
from editio.suspects.tokens import (
    _FUNCTION,
    TYPO,
    Token,
    _edits1,
    _match_case,
    prior_key,
    spaced_dashes,
    split_core,
)

# --- evidence from the document itself, and the period's conventions ----------------------------

# Reasons that rest on the word's identity (not on its punctuation, digits or case).
_WORD_REASONS = frozenset(("unknown-word", "real-word-context", "unlikely-word"))
# Of a word's OCR errors, the share that turn it into one particular other form.
_DOC_SHARE = 0.25
_ARCHAIC = frozenset(
    (
        "thou", "thee", "thy", "thine", "ye", "hath", "doth", "dost", "hast", "art", "wilt",
        "shalt", "shouldst", "wouldst", "couldst", "canst", "didst", "hadst", "wast", "wert",
        "'tis", "'twas", "o'er", "e'er", "ne'er", "oft", "ere", "nay", "yea", "aye", "hither",
        "thither", "whither", "hence", "thence", "whence", "wherefore", "whereof", "thereof",
        "herein", "therein", "anon", "alas", "methinks", "prithee", "sirrah", "sirra", "haply",
        "mayst", "mightst", "unto", "hee", "shee", "wee", "mee", "bee", "doe", "goe", "whan",
        "tis", "twas", "twere", "gainst", "em", "th", "gan",
        "o", "lo", "fie", "tho", "thro", "wo", "woe", "sith",
        "eke", "ay",
    )
)
# Middle English words and spellings that no rewrite makes a modern word of (ne: nor, se: see,
# ony: any, al: all, yf: if, hem: them, quod: quoth, ayenst: against), read as the period's in
# early-modern print only: in a modern text most of them are OCR errors (se, al, ne, bot).
_MIDDLE_WORDS = frozenset(
    (
        "ne", "nat", "nought", "noght", "se", "sey", "ony", "al", "alle", "yf", "yef", "eek",
        "ech", "eche", "moche", "muche", "suche", "swich", "whiche", "hem", "hir", "hire",
        "hys", "thei", "thanne", "thenne", "whanne", "ayen", "ayein", "ayenst", "agayn",
        "agaynst", "togyder", "togider", "syth", "sythe", "quod", "coude", "couthe", "shulde",
        "myght", "mote", "moot", "ben", "bene", "beth", "nys", "nas", "nere", "wol", "wyl",
        "thilke", "yow", "hyt", "withouten", "amonge", "amonges", "eft", "erst", "gonne",
        "highte", "yclept", "eyen", "eyn", "moost", "lyte", "lytel", "ful", "wel", "wele",
        "ywis", "iwis", "certes", "parde", "pardee",
    )
)
# Early-modern spellings of modern words: rewrites tried up to twice (haue -> have,
# vpon -> upon, iust -> just, hym -> him, olde -> old, citie -> city, winne -> win,
# goeth -> goes, thinkest -> think, smother'd -> smothered, warres -> wars).
_SWAPS = (("v", "u"), ("u", "v"), ("j", "i"), ("i", "j"), ("y", "i"), ("i", "y"), ("vv", "w"),
          ("ee", "e"), ("ee", "ie"), ("oo", "o"), ("aun", "an"))
# Middle English vowels, for words of four letters and more (spere, drede, thre, soner: spear,
# dread, three, sooner); a shorter form is as likely an OCR error (fo, bo: so, be).
_LONG_SWAPS = (("e", "ea"), ("e", "ee"), ("o", "oo"))
# (the sixteenth century's -ynge and -aunt too: thynkynge, commaunded, valyauntly)
_ENDINGS = (("e", ""), ("es", "s"), ("ely", "ly"), ("ie", "y"), ("ck", "c"), ("eth", "es"),
            ("eth", "s"), ("est", ""), ("st", ""), ("'d", "ed"), ("'d", "d"), ("'st", ""),
            ("'n", "en"), ("'t", "ed"), ("ynge", "ing"), ("yng", "ing"), ("ynges", "ings"),
            ("ynge", "ying"))
# More of Middle English and the sixteenth century, as the vowels above (streyght, emperoure,
# thrughe, sholde, heards, compleated, royalte, strokt: straight, emperor, through, should,
# herds, completed, royalty, stroked).
_MIDDLE_SWAPS = (("ey", "ai"), ("our", "or"), ("u", "ou"), ("ol", "oul"), ("ea", "e"))
_MIDDLE_ENDINGS = (("e", "y"), ("kt", "ked"))
_PERIOD_ZIPF = 2.5
_DOUBLED = re.compile(r"([b-df-hj-np-tv-z])\1")


def _period_rewrites(w: str, middle: bool = True) -> set[str]:
    out: set[str] = set()
    for a, b in _SWAPS + (_LONG_SWAPS + _MIDDLE_SWAPS if middle and len(w) >= 4 else ()):
        k = w.find(a)
        while k >= 0:
            out.add(w[:k] + b + w[k + len(a) :])
            k = w.find(a, k + 1)
    for a, b in _ENDINGS + (_MIDDLE_ENDINGS if middle and len(w) >= 4 else ()):
        if w.endswith(a) and len(w) > len(a) + 1:
            out.add(w[: len(w) - len(a)] + b)
    for m in _DOUBLED.finditer(w):
        out.add(w[: m.start()] + w[m.start() + 1 :])
    out.discard(w)
    return out


# Two-letter early-modern spellings, too short for the rewrites' dictionary test (vp: up).
_SHORT_SPELLINGS = {"vp": "up", "vs": "us", "yt": "that", "wt": "with"}


def period_spelling(an: Analyzer, lc: str, middle: bool = True) -> str:
    """The modern word an early-modern spelling stands for, or "" when lc is no such spelling.

    middle=False leaves out the Middle English vowels (_LONG_SWAPS): OCR noise makes such forms
    of common words too often (bere: here) for them to tell a text's period."""
    if lc in _ARCHAIC:
        return lc
    if lc in _SHORT_SPELLINGS:
        return _SHORT_SPELLINGS[lc]
    first = _period_rewrites(lc, middle)
    for level in (first, {v for w in first for v in _period_rewrites(w, middle)} - {lc}):
        # A common dictionary word of three letters or more: wordfreq alone knows junk (fh).
        known = [w for w in level if w in _ARCHAIC or
                 len(w) > 2 and w in an.res.sym_count and an.zipf(w) >= _PERIOD_ZIPF]
        if known:
            return max(known, key=an.zipf)
    return ""


# An elided past tense or participle (apply'd, deign'd, debas'd, ty'd): the printers' spelling
# from the seventeenth century into the nineteenth, whatever else the text shows of its period.
# OCR does not put an apostrophe before the d of a known word, so such a form is never noise.
_ELIDED = re.compile(r"^([a-z]{2,})['’]d$")


# Spellings of print before about 1700 that no modern dictionary has (themselues, euen, stuffe,
# windes), with their counts: the First Folio and Milton, built by editio_tools.period_words.
PERIOD_WORDS_RESOURCE = "period-words.txt.gz"


@lru_cache(maxsize=1)
def period_words() -> frozenset[str]:
    data = importlib.resources.files("editio") / "data" / PERIOD_WORDS_RESOURCE
    rows = gzip.decompress(data.read_bytes()).decode("utf-8").splitlines()
    return frozenset(row.partition(" ")[0] for row in rows if row)


def elided_spelling(an: Analyzer, lc: str) -> str:
    """The full form of an elided -ed (apply'd: applied, deign'd: deigned), or ""."""
    m = _ELIDED.match(lc)
    if not m:
        return ""
    stem = m.group(1)
    forms = [stem + "ed"]
    if stem.endswith("y"):
        forms.insert(0, stem[:-1] + "ied")
    if stem.endswith("e"):
        forms.append(stem + "d")
    # a rare full form (distempered) counts when its verb is common (distemper)
    return next((w for w in forms if an.known(w) or an.zipf(stem) >= _PERIOD_ZIPF), "")


def consistent_spellings(an: Analyzer, lcs: list[str], rate: float) -> dict[str, int]:
    """Forms the document uses too often to be OCR errors of the words it also has.

    An OCR error of word v turns up about count(v) * rate * _DOC_SHARE times; a form seen at
    least twice and well above that for all its neighbours (one edit, or one learned confusion,
    away) is the author's or the period's spelling ("haue" beside "have"), not noise ("tbe"
    beside a hundred "the").
    """
    counts: dict[str, int] = {}
    for w in lcs:
        if len(w) > 1 and w.replace("'", "").isalpha():
            counts[w] = counts.get(w, 0) + 1
    out: dict[str, int] = {}
    for w, c in counts.items():
        if c < 2 or _always_misread(an, w):
            continue
        near = (_edits1(w) | {v for v, _ in an.candidates(w)}) if len(w) < 20 else set()
        expected = sum(counts.get(v, 0) for v in near if v != w) * rate * _DOC_SHARE
        if c >= 2 * expected + 2:
            out[w] = c
    return out


# A form the training corpus saw at least this often, and as an OCR error nearly every time
# (tho, ho, bo: the, he, be), is the OCR's however often a text has it.
_MISREAD_SEEN = 10
_MISREAD_SHARE = 0.9


def _always_misread(an: Analyzer, w: str) -> bool:
    seen = an.prior.get(prior_key(w))
    if not seen:
        return False
    return seen[1] >= _MISREAD_SEEN and seen[0] >= _MISREAD_SHARE * seen[1]


# Marks older printers set off with spaces ("deep ! The", "proposed , Gaius", "( as").
_SPACED_MARKS = "!?;:,()"


def spacing_conventions(tokens: list[Token], early_modern: bool) -> set[str]:
    """Marks the printer sets off with spaces ("deep ! The"), when the document does it often
    (all of them in early-modern print, which spaces commas and brackets too)."""
    spaced: dict[str, int] = {}
    total: dict[str, int] = {}
    for t in tokens:
        for ch in t.text:
            if ch in _SPACED_MARKS:
                total[ch] = total.get(ch, 0) + 1
        if len(t.text) == 1 and t.text in _SPACED_MARKS:
            spaced[t.text] = spaced.get(t.text, 0) + 1
    if early_modern:
        return set(_SPACED_MARKS)
    return {m for m, n in spaced.items() if n >= 3 and n >= 0.3 * total[m]}


# A stop set off with spaces between two words ("the Beholder ; as surely", "my Soul ? She",
# "Harbour , to avoid"): older print sets them so, and a page that does it twice does it by
# rule, even where the spaced marks are of different kinds and each too rare for
# spacing_conventions (a page of old print once is enough). A mark that ends a sentence needs a
# capital after it; a mark amid junk ("a.;> ; - i") or after a lone letter is no such stop.
# (BLN600's ground truth closes every stop up: of its training documents 21 in 384 have two
# such, 55 tokens in all, a few hundredths of a percent of its errors.)
_SPACED_STOPS = ",;:?!."
_SPACED_STOPS_SEEN = 2


def spaced_stops(tokens: list[Token], parts: list[tuple[str, str, str]],
                 old_print: bool) -> set[int]:
    """The stops standing alone between two words, when the page sets _SPACED_STOPS_SEEN of
    them (one in old print)."""
    out: set[int] = set()
    for i in range(1, len(tokens) - 1):
        mark, prev, (nlead, ncore, _) = tokens[i].text, parts[i - 1], parts[i + 1]
        if (len(mark) != 1 or mark not in _SPACED_STOPS or prev[2] or len(prev[1]) < 2
                or not prev[1].replace("'", "").isalpha() or nlead.strip("\"'(")
                or not ncore[:1].isalnum() or mark in ".?!" and not ncore[:1].isupper()):
            continue
        if tokens[i - 1].line == tokens[i].line == tokens[i + 1].line:
            out.add(i)
    return out if len(out) >= (1 if old_print else _SPACED_STOPS_SEEN) else set()


# Old print's spacing of two more marks. An ampersand standing alone after a name, before a
# name or an article ("Sadhusing & a Lion", "Severadroog, & Seringapatam", "Smith & Co."), is
# the word and, in any print; after a word in lower case or a function word it is as often an a
# misread ("speaking & very", "MURDER OF & WExr": four of BLN600's five lone ampersands in its
# training documents, none after a name). A double
# quote standing alone before a word, whose partner closes the quotation a few words on on the
# same line ("will sing, “ Aus Der Alma.”"), is old print's spaced quotation mark: its keyers
# kept the space (BLN600's close every quote up, and a lone quote there is nearly always an
# error: 258 of 263 in its training documents, so old print only).
_QUOTE_REACH = 12  # tokens within which the quotation must close
_ARTICLES = frozenset(("a", "an", "the"))


def spaced_marks(tokens: list[Token], parts: list[tuple[str, str, str]],
                 old_print: bool) -> set[int]:
    """Lone ampersands after a name, and (in old print) lone opening quotes whose
    quotation closes on the same line."""
    out: set[int] = set()
    for i in range(1, len(tokens) - 1):
        mark, (_, pcore, ptrail), (nlead, ncore, _) = tokens[i].text, parts[i - 1], parts[i + 1]
        if not tokens[i - 1].line == tokens[i].line == tokens[i + 1].line:
            continue
        if (mark == "&" and pcore.isalpha() and pcore[:1].isupper() and len(pcore) > 2
                and pcore.lower() not in _FUNCTION and ptrail in ("", ",") and not nlead
                and ncore.isalpha() and (ncore[:1].isupper() or ncore in _ARTICLES)):
            out.add(i)
        elif old_print and mark.translate(TYPO) == '"' and not nlead and ncore[:1].isalnum():
            ahead = tokens[i + 1 : i + 1 + _QUOTE_REACH]
            if any('"' in p[2] for t, p in zip(ahead, parts[i + 1 :], strict=False)
                   if t.line == tokens[i].line):
                out.add(i)
    return out


# Dotted leaders ("Scene 3 .... PALACE"): runs of dots standing alone. One run is more often a
# speck or a mangled mark than a leader (BLN600 never has two on a page); a page with several
# is set with leaders, as playbills, contents and lists are.
_LEADER = re.compile(r"^\.{2,}$")
_LEADERS_SEEN = 3


def dotted_leaders(tokens: list[Token]) -> set[int]:
    """The dot-run tokens of a page that sets leaders (at least _LEADERS_SEEN of them), and on
    such a page the lone dots that stand in a row on one line: a leader set with spaces, or
    read so ("MYSORE . . Marinari", ". . Andrews" where the print has "...." runs)."""
    runs = {k for k, t in enumerate(tokens) if _LEADER.match(t.text)}
    if len(runs) < _LEADERS_SEEN:
        return set()
    dots = {k for k, t in enumerate(tokens) if t.text == "."}
    return runs | {k for k in dots for j in (k - 1, k + 1)
                   if j in dots and tokens[j].line == tokens[k].line}


_CONSISTENT_WEIGHT = 1.5
_PERIOD_WEIGHT = 8.0
_MODERN_WEIGHT = 8.0
# Distinct spellings of period_words() that make a text old print for them: one "haue" in a
# modern text is as likely a misreading as the period's spelling.
_OLD_PRINT_SPELLINGS = 2
_EARLY_CONTEXT_WEIGHT = 1.5
_SPACING_WEIGHT = 4.0
_ET_CETERA = re.compile(r"^\(?&[cC]\.?[,;:)]*$")
# Two words joined at a comma ("Bulles,and", "forfeiture,that"): older printers set the comma
# close to the next word often enough that their keyers kept it so. When both halves are words
# of the text's period and the second runs on in lower case, the join is the print's; an OCR
# comma inside a word leaves a half no dictionary has (length,osa; vs,andjsel).
_COMMA_JOINED = re.compile(r"^([A-Za-z]+),([a-z]+)$")


# A sum set with spaces, as older books print them ("17 l. 10 s. per annum", "124 l. 18 s. 8 d."):
# a lone l., s. or d. after a figure is the unit of pounds, shillings or pence, not a stray
# letter. (Newspapers close the unit up, "10s. 6d.", and BLN600's OCR keeps it so: of a quarter
# of its training documents none has a lone unit after a figure.)
_SPACED_UNIT = re.compile(r"^[lsd]\.[,;:]?$")
_FIGURES = re.compile(r"^\d+$")


def _spaced_unit(before: str, text: str) -> bool:
    return bool(_SPACED_UNIT.match(text) and _FIGURES.match(before))


def looks_early_modern(an: Analyzer, lcs: list[str]) -> bool:
    """The document shows its period itself: several archaic words (thou, hath, 'tis) or
    several unknown forms that are early-modern spellings of common words (haue, vpon)."""
    types = {w for w in lcs if w}
    archaic = sum(1 for w in types if w in _ARCHAIC)
    spelled = 0
    for w in types:
        if w.replace("'", "").isalpha() and not an.known(w) and period_spelling(an, w, False):
            spelled += 1
            if spelled >= _DETECT_SPELLINGS:
                return True
    return archaic >= _DETECT_ARCHAIC


_DETECT_ARCHAIC = 3
_DETECT_SPELLINGS = 4
# Reasons the period's conventions can explain: the word itself, a "split" of an unknown
# spelling (heere: he ere), a question or exclamation mark before a lower-case word.
_PERIOD_REASONS = _WORD_REASONS | {"glued-words"}


# The skeleton of a spelling: what early printers varied at will taken out (u/v, i/j/y, w for
# vv, doubled letters, a final e), so that vylayne, deuyll, wyfe, Loyn and benigne meet villain,
# devil, wife, loin and benign, however many of those liberties a form takes at once.
_SKELETON = str.maketrans("vjy", "uii")
_SKELETON_ZIPF = 3.0
_SKELETON_MIN = 4  # letters; a shorter form meets too many words (hele: hell, heel)


def _skeleton(lc: str) -> str:
    return _DOUBLED.sub(r"\1", lc.replace("vv", "w").translate(_SKELETON))


def skeleton_spelling(an: Analyzer, lc: str) -> str:
    """The common word (zipf _SKELETON_ZIPF or more) whose skeleton lc shares, or ""."""
    if len(lc) < _SKELETON_MIN or not lc.isalpha():
        return ""
    index = an.res.skeletons
    if index is None:
        index = an.res.skeletons = {}
        for w in an.res.sym_count:
            if len(w) >= 3 and w.isalpha() and an.zipf(w) >= _SKELETON_ZIPF:
                k = _skeleton(w)
                if k not in index or an.zipf(w) > an.zipf(index[k]):
                    index[k] = w
    # a final e added (olde, benigne), never one taken away (deceiv: a word's broken half)
    return index.get(_skeleton(lc)) or (index.get(_skeleton(lc[:-1]), "") if lc[-1] == "e"
                                         else "")


def _word_adjustment(an: Analyzer, lc: str, reason: str, consistent: dict[str, int],
                     early: bool, old_print: bool = False, suggestion: str = "") -> float:
    adj = 0.0
    c = consistent.get(lc, 0)
    if c and reason in _WORD_REASONS:
        adj -= _CONSISTENT_WEIGHT * (1 + min(math.log2(c), 3))
    if reason in _WORD_REASONS and elided_spelling(an, lc):
        return adj - _PERIOD_WEIGHT
    # A spelling of the period's print, in a text that shows itself old print (early-modern, or
    # several such spellings: a page too short to show its period otherwise).
    if (early or old_print) and reason in _PERIOD_REASONS and lc in period_words():
        return adj - _PERIOD_WEIGHT
    if (early or old_print) and reason == "unknown-word" and _period_compound(an, lc, early):
        return adj - _PERIOD_WEIGHT
    if early and reason in _PERIOD_REASONS:
        modern = period_spelling(an, lc) or skeleton_spelling(an, lc)
        if modern or lc in _MIDDLE_WORDS:
            adj -= _PERIOD_WEIGHT
            if modern and modern == suggestion and not doubles_added(lc, modern):
                # the flag's reading would be the modern word itself (wyll: will, euen: even):
                # it would modernise the author, and the features that find the word likelier
                # in its place (its context, its candidates' frequency) say only that. Not
                # where the form doubles a letter the word has once (andd, thatt, casee): OCR
                # doubles letters, and BLN600's pages read as early-modern have such misreadings.
                adj -= _MODERN_WEIGHT
        elif reason in ("real-word-context", "unlikely-word"):
            adj -= _EARLY_CONTEXT_WEIGHT
    return adj


def doubles_added(lc: str, modern: str) -> bool:
    """lc doubles a letter that modern has single (andd: and, wyll: will has its ll)."""
    return any(m.group(0) not in modern for m in _DOUBLED_ANY.finditer(lc))


_DOUBLED_ANY = re.compile(r"([a-z])\1")


def _period_compound(an: Analyzer, lc: str, early: bool = False) -> bool:
    """lc is a compound of old print's hyphens, each part a word of the period (inn-keeper's,
    Play-House, Beef-Steaks, crimson-sattin): older printers hyphenated what today's
    dictionaries close up or keep apart."""
    parts = lc.removesuffix("'s").split("-")
    # each part a listed word of three letters or more: rewrites make words of an OCR's
    # fragments (tton: ton) and a short word hyphened to the next is a lost space (he-had)
    return len(parts) > 1 and all(len(p) > 2 and p.isalpha() and (
        p in an.res.sym_count or p in period_words()
        or early and bool(period_spelling(an, p))) for p in parts)


def _comma_joined(an: Analyzer, text: str) -> bool:
    """text is two words of the period joined at a comma, the second in lower case."""
    m = _COMMA_JOINED.match(split_core(text.translate(TYPO))[1])
    return m is not None and all(_period_known(an, w.lower()) for w in m.groups())


def _period_known(an: Analyzer, lc: str) -> bool:
    """A word of symspellpy's dictionary (not a lone letter: wordfreq alone knows junk such as
    osa) or a spelling of old print (listed, or by period_spelling's rules)."""
    if len(lc) < 2:
        return False
    return lc in an.res.sym_count or lc in period_words() or bool(period_spelling(an, lc))


def evidence_adjustments(
    an: Analyzer,
    tokens: list[Token],
    analysed: list[tuple[dict[str, float], str, str]],
    rate: float,
    early: bool,
    old_print: bool = False,
) -> list[float]:
    """Per token, the logit change that the document's own usage and its period call for.
    old_print (shows_old_print): the spellings of period_words() are the text's own."""
    parts = [split_core(t.text.translate(TYPO)) for t in tokens]
    lcs = [core.lower() for _, core, _ in parts]
    consistent = consistent_spellings(an, lcs, rate)
    spacing = spacing_conventions(tokens, early)
    broken = line_end_hyphenations(an, tokens, parts, early, old_print)
    heads = line_end_heads(an, tokens, parts)
    split = split_words(an, tokens, parts)
    spaced = letterspaced_words(an, tokens, parts)
    long_s = long_s_brackets(an, tokens, parts)
    leaders = dotted_leaders(tokens)
    stops = spaced_stops(tokens, parts, old_print)
    marks = spaced_marks(tokens, parts, old_print)
    dashes = spaced_dashes(tokens)
    out = []
    for k, (tok, (_, _, trail), lc, (_, reason, sug)) in enumerate(
            zip(tokens, parts, lcs, analysed, strict=True)):
        adj = _word_adjustment(an, lc, reason, consistent, early, old_print, sug.lower())
        if k in broken:
            adj -= _LINE_BREAK_WEIGHT
        elif k in heads:
            adj -= _HEAD_WEIGHT
        if k in split:
            adj += _SPLIT_WEIGHT
        if k in spaced:
            adj += _LETTERSPACED_WEIGHT
        if k in long_s:
            adj += _LONG_S_WEIGHT
        if reason == "stray-punctuation" and (tok.text in spacing or k in stops):
            adj -= _SPACING_WEIGHT
        if k in leaders or reason == "stray-punctuation" and (k in marks or k in dashes):
            adj -= _PERIOD_WEIGHT
        if old_print and reason == "glued-punctuation" and trail[:1] in ("?", "!"):
            # "Tut! tut! said she", "all Strasburg! is it not": old print's, not only
            # early-modern print's
            adj -= _PERIOD_WEIGHT
        if old_print and reason == "inner-punctuation" and _comma_joined(an, tok.text):
            adj -= _PERIOD_WEIGHT
        if _ET_CETERA.match(tok.text):
            adj -= _PERIOD_WEIGHT  # "&c." is every period's etc., not a stray ampersand
        if k and _spaced_unit(tokens[k - 1].text, tok.text):
            adj -= _PERIOD_WEIGHT
        out.append(adj)
    return out


# A word the printer broke at a line's end ("com-" / "mission"), where the text keeps the
# printed lines: both halves are the print's, not the OCR's, when they join into a word (the
# weight outweighs any the model gives a hyphen before a lower-case word).
_LINE_BREAK_WEIGHT = 25.0


def line_end_hyphenations(an: Analyzer, tokens: list[Token], parts: list[tuple[str, str, str]],
                          early: bool = False, old_print: bool = False) -> set[int]:
    """The tokens of words broken by a hyphen at a line's end whose halves make a known word
    (or a known compound broken at its own hyphen: north- / east), or an older spelling of one
    (Pane- / gyricks; in early-modern print Middle English's too: wyl- / lyngly, no- / thynge),
    in old print only: on a modern page such halves are a misreading (gi- / uen: given)."""
    out: set[int] = set()
    for i in range(len(tokens) - 1):
        tok, nxt = tokens[i], tokens[i + 1]
        (_, core, trail), (nlead, ncore, _) = parts[i], parts[i + 1]
        if (trail != "-" or nxt.line != tok.line + 1 or nlead or not ncore[:1].islower()
                or not core[-1:].isalpha()):
            continue
        joined = (core + ncore).lower()
        letters = joined.replace("-", "")
        if an.known(letters, 2.0) or letters.isalpha() and an.derived(letters) or all(
                an.part_known(p) for p in (core + "-" + ncore).split("-") if p) or (
                (early or old_print) and letters.isalpha()
                and period_spelling(an, letters, early)):
            out |= {i, i + 1}
    return out | (_broken_across_margin(an, tokens, parts) if old_print else set())


# A word broken at a line's end with a side-note's or a margin's OCR read in between ("dan-
# BIew boot »> gerous", "innume-" / "un 1C, ‘ rable"): the second half comes a few tokens on,
# on the same line or the next. It must join the first into a common word and be no word
# itself, which chance seldom gives. (Halves side by side on one line are a break the OCR
# failed to join: the OCR's, not the print's.) Old print only, whose side-notes the OCR reads
# into the text: in a newspaper the tokens between are a column's bleed and its ground truth
# joins the word (BLN600's held-out documents: 16 true flags lost, none false gained).
_MARGIN_REACH = 4  # tokens between the halves, at most
_MARGIN_JOINED_ZIPF = 3.0


def _broken_across_margin(an: Analyzer, tokens: list[Token],
                          parts: list[tuple[str, str, str]]) -> set[int]:
    out: set[int] = set()
    for i, (lead, core, trail) in enumerate(parts):
        if trail != "-" or lead or not core.isalpha():
            continue
        for j in range(i + 2, min(i + 2 + _MARGIN_REACH, len(tokens))):
            if tokens[j].line > tokens[i].line + 1:
                break
            nlead, ncore, _ = parts[j]
            if nlead or not ncore.isalpha() or not ncore.islower() or an.known(ncore, 2.0):
                continue
            if an.zipf((core + ncore).lower()) >= _MARGIN_JOINED_ZIPF:
                out |= {i, j}
                break
    return out


# A long s read as an opening bracket: "(he", "(hall", "(hou'd" for she, shall, shou'd. The
# bracket closes nowhere near, and an s before the word makes a common one.
_LONG_S_WEIGHT = 6.0
_LONG_S_REACH = 15  # tokens a bracket's close may come after
_LONG_S_ZIPF = 3.0


def long_s_brackets(an: Analyzer, tokens: list[Token],
                    parts: list[tuple[str, str, str]]) -> set[int]:
    """Tokens that open a bracket no close follows, before a lower-case word that an s in the
    bracket's place makes a common word."""
    out: set[int] = set()
    for i, (lead, core, trail) in enumerate(parts):
        if lead != "(" or not core[:1].islower() or not core.replace("'", "").isalpha():
            continue
        if ")" in trail or any(")" in t.text for t in tokens[i + 1 : i + 1 + _LONG_S_REACH]):
            continue
        if an.zipf("s" + core.lower()) >= _LONG_S_ZIPF:
            out.add(i)
    return out


# A word the OCR split in two on one line, where a line-end hyphen was lost ("Prophe sies",
# "fre quently", "Sur face"): the halves join into a common word and one of them is not common
# itself ("of ten", "up on" are two words as often as one).
_SPLIT_WEIGHT = 3.0
_SPLIT_JOINED_ZIPF = 3.0
_SPLIT_HALF_ZIPF = 4.0


def split_words(an: Analyzer, tokens: list[Token], parts: list[tuple[str, str, str]]) -> set[int]:
    """Both tokens of each pair on one line whose letters join into a common word, the second
    in lower case, one of them rarer than _SPLIT_HALF_ZIPF."""
    out: set[int] = set()
    for i in range(len(tokens) - 1):
        (_, a, trail), (lead, b, _) = parts[i], parts[i + 1]
        if (trail or lead or tokens[i + 1].line != tokens[i].line or not a.isalpha()
                or not b.isalpha() or not b.islower()):
            continue
        if (an.zipf((a + b).lower()) >= _SPLIT_JOINED_ZIPF
                and min(an.zipf(a.lower()), an.zipf(b)) < _SPLIT_HALF_ZIPF):
            out |= {i, i + 1}
    return out


# A word set letterspaced, as old print set headings and names ("S C E N E", "L 0 N D 0 N"):
# the OCR read each letter as a word. Single letters on one line, capitals (or the
# digits OCR reads for O and I) that join into a common word, are one word split apart (four
# letters at least: "A B C", "I A M" are as often letters as a word).
# (BLN600's training documents have no such run: its ground truth and OCR agree on spacing.)
_LETTERSPACED_WEIGHT = 6.0
_LETTERSPACED_MIN = 4
_LETTERSPACED_ZIPF = 3.0
_LETTER_LOOKALIKE = str.maketrans("01", "OI")


def letterspaced_words(an: Analyzer, tokens: list[Token],
                       parts: list[tuple[str, str, str]]) -> set[int]:
    """The tokens of runs of single capitals on one line that join into a common word."""
    out: set[int] = set()
    i = 0
    while i < len(tokens):
        j = i
        while (j < len(tokens) and tokens[j].line == tokens[i].line and not parts[j][0]
               and len(parts[j][1]) == 1 and parts[j][1] in "01ABCDEFGHIJKLMNOPQRSTUVWXYZ"
               and (j == i or not parts[j - 1][2])):
            j += 1
        joined = "".join(p[1] for p in parts[i:j]).translate(_LETTER_LOOKALIKE).lower()
        # the longest word the run begins with ("S C E N E V.": the scene's number follows)
        end = next((e for e in range(j, i + _LETTERSPACED_MIN - 1, -1)
                    if an.zipf(joined[:e - i]) >= _LETTERSPACED_ZIPF), i)
        out |= set(range(i, end))
        i = max(j, i + 1)
    return out


# The first half of a word broken at a line's end whose halves make no known word: when that
# half begins a known word ("offe-" / "redj", "no-" / "tbynge"), the misreading is more likely
# in the second half, or the whole is the period's spelling ("Pane-" / "gyricks").
_HEAD_WEIGHT = 8.0
_HEAD_MIN = 2  # letters; "a-" begins everything


def line_end_heads(an: Analyzer, tokens: list[Token],
                   parts: list[tuple[str, str, str]]) -> set[int]:
    """The tokens that end a line with a hyphen, a clean beginning of a known word, before a
    line that starts in lower case."""
    out: set[int] = set()
    for i in range(len(tokens) - 1):
        (lead, core, trail), (nlead, ncore, _) = parts[i], parts[i + 1]
        if (trail != "-" or lead or tokens[i + 1].line != tokens[i].line + 1 or nlead
                or not ncore[:1].islower() or not core.isalpha() or len(core) < _HEAD_MIN):
            continue
        if begins_word(an, core.lower()):
            out.add(i)
    return out


def begins_word(an: Analyzer, head: str) -> bool:
    """head begins a symspellpy word and leaves two letters or more of it."""
    words = an.res.sorted_words
    if words is None:
        words = an.res.sorted_words = sorted(an.res.sym_count)
    for k in range(bisect.bisect_left(words, head), len(words)):
        w = words[k]
        if not w.startswith(head):
            return False
        if len(w) >= len(head) + 2:
            return True
    return False


def shows_old_print(tokens: list[Token], settings: Settings) -> bool:
    """The text has several spellings of period_words() (and declares no period): old print,
    whether or not it shows enough else to be read as early-modern."""
    if settings.period != "auto":
        return settings.early_modern
    found = {split_core(t.text.translate(TYPO))[1].lower() for t in tokens} & period_words()
    return len(found) >= _OLD_PRINT_SPELLINGS


def reads_early_modern(an: Analyzer, tokens: list[Token], settings: Settings) -> bool:
    """The period the settings declare, or (auto) the one the document shows."""
    if settings.period != "auto":
        return settings.early_modern
    return looks_early_modern(an, [split_core(t.text.translate(TYPO))[1].lower() for t in tokens])


def document_lexicon(tokens: list[Token]) -> dict[str, int]:
    """The document's own words (letters only, hyphenated parts apart) used at least twice."""
    counts: dict[str, int] = {}
    for t in tokens:
        for part in split_core(t.text.translate(TYPO))[1].lower().split("-"):
            if len(part) > 3 and part.isalpha():
                counts[part] = counts.get(part, 0) + 1
    return {w: c for w, c in counts.items() if c >= 2}


# --- real-word errors: a known word whose neighbours want another one ---------------------------

# The context check reads the ground truth's own word pairs (BLN600's training documents, kept in
# the model as gt_bigrams): symspellpy's bigram list keeps only pairs common on the web, so a
# pair missing from it says little ("a groom and" is as missing as "should lie committed").
# A known word is a suspect when a word one learned confusion away (tinder: under, lie: be)
# makes both its pairs far likelier, by more than _CONFUSION_GAIN in log-probability after the
# confusion's own cost. Tuned on a sixth of the training documents with the pairs of the rest:
# flagged 9 of their real-word errors the model missed, and 4 correct words.
_CONFUSION_GAIN = 3.0
_BACKOFF = 0.4


@dataclass(frozen=True)
class _PairModel:
    pairs: dict[str, int]
    words: dict[str, int]
    total: int

    def seen(self, a: str, b: str) -> bool:
        return f"{a} {b}" in self.pairs

    def logp(self, a: str, b: str) -> float:
        """log P(b | a), backing off to b's own share (add-one) for a pair never seen."""
        c = self.pairs.get(f"{a} {b}")
        if c:
            return math.log(c / self.words.get(a, c))
        return math.log(_BACKOFF * (self.words.get(b, 0) + 1) / (self.total + len(self.words)))


def pair_model(an: Analyzer) -> _PairModel:
    words: dict[str, int] = an.gt_counts
    return _PairModel(an.res.model.get("gt_bigrams", {}), words, sum(words.values()))


def confusion_context(an: Analyzer, tokens: list[Token],
                      model: _PairModel | None = None) -> list[str]:
    """Per token: the word its neighbours ask for instead (a known word misread as another known
    word, which no dictionary sees), or ""."""
    model = model or pair_model(an)
    out = [""] * len(tokens)
    if not model.pairs:
        return out
    parts = [split_core(t.text.translate(TYPO)) for t in tokens]
    for i in range(1, len(tokens) - 1):
        (plead, prev, ptrail), (lead, core, trail), (nlead, nxt, _) = parts[i - 1:i + 2]
        if (ptrail or lead or trail or nlead or not prev.isalpha() or not nxt.isalpha()
                or tokens[i - 1].line != tokens[i].line or tokens[i + 1].line != tokens[i].line):
            continue
        w = core.lower()
        if not w.isalpha() or w not in an.res.sym_count or not (core.islower() or core.istitle()):
            continue
        p, n = prev.lower(), nxt.lower()
        if (model.seen(p, w) or model.seen(w, n) or (p, w) in an.res.bigrams
                or (w, n) in an.res.bigrams):
            continue  # the corpus or the web has the word in one of these pairs: no evidence
        base = model.logp(p, w) + model.logp(w, n)
        best, gain = "", _CONFUSION_GAIN
        for cand, cost in an.candidates(w):
            # a plural or a verb's -s is grammar, not a misreading of print
            if cand + "s" == w or w + "s" == cand:
                continue
            g = model.logp(p, cand) + model.logp(cand, n) - base + cost
            if g > gain:
                best, gain = cand, g
        out[i] = _match_case(best, core) if best else ""
    return out


# --- tokens the sentence reads on without: a word printed twice, letters bled in --------------

# A token of this many letters at most (or a word printed twice) may be deleted where its
# neighbours make a pair the corpus or the web has and neither pair with it is had ("by rs
# medical", "several h times", "to the the sad news"), by at least _BLEED_GAIN in
# log-probability; a common word of three letters is left alone (red, cut), and a name or a
# numeral (Fay, the XX Congress).
# A lone letter needs no pair of its neighbours, but a larger gain and the corpus's pairs
# alone. On a quarter of the training documents (each read with the pairs of the others) the
# model missed 47 such tokens: 41 to be deleted, 3 misread words, 3 right words.
_BLEED_LETTERS = 3
_BLEED_GAIN = 4.0
_BLEED_LONE_GAIN = 8.0
_BLEED_COMMON = 3.0
# A word the training text has this often, never twice in a row, is a slip when repeated.
_TWICE_SEEN = 400


def bled_in(an: Analyzer, tokens: list[Token], model: _PairModel | None = None,
            text: str | None = None) -> list[bool]:
    """Per token: the sentence reads on without it (a word printed twice, letters bled in from
    a neighbouring column, a stray letter); its deletion is the likeliest reading. A word
    printed twice that the corpus's own text repeats (had had, that that) stays; so does one
    with a dash between (text, where given: "I — I mean", a stammer; tokenize drops the dash)."""
    model = model or pair_model(an)
    out = [False] * len(tokens)
    if not model.pairs:
        return out
    lines = text.split("\n") if text is not None else None
    sym = an.res.sym_count
    parts = [split_core(t.text.translate(TYPO)) for t in tokens]

    def seen(a: str, b: str, web: bool = True) -> bool:
        return model.seen(a, b) or web and (a, b) in an.res.bigrams

    for i in range(1, len(tokens) - 1):
        (_, prev, ptrail), (lead, core, trail), (nlead, nxt, _) = parts[i - 1:i + 2]
        if (ptrail or lead or trail or nlead or not (prev + core + nxt).isalpha()
                or not tokens[i - 1].line == tokens[i].line == tokens[i + 1].line):
            continue
        p, w, n = prev.lower(), core.lower(), nxt.lower()
        twice = w == p
        if twice and lines is not None and set(lines[tokens[i].line - 1][
                tokens[i - 1].column - 1 + len(tokens[i - 1].raw):tokens[i].column - 1]) & \
                set("-\u2013\u2014"):
            continue  # a dash between: said twice, not printed twice
        if p not in sym or n not in sym or not twice and (
                len(w) > _BLEED_LETTERS or not core.islower() and len(core) > 1
                or len(w) == _BLEED_LETTERS and an.zipf(w) >= _BLEED_COMMON):
            continue
        if twice:
            # a common word the corpus's own text never repeats (the the, of of; not had had,
            # that that): the web's pairs have "the the", its own typing slips
            out[i] = model.words.get(w, 0) >= _TWICE_SEEN and not model.seen(w, w)
        elif len(w) == 1:
            # a lone letter: the web pairs every letter with everything; the corpus's text
            # alone, and a larger gain (it has "the e" nowhere, "I" before most verbs)
            out[i] = not model.seen(p, w) and not model.seen(w, n) and \
                model.logp(p, n) - model.logp(p, w) - model.logp(w, n) > _BLEED_LONE_GAIN
        elif seen(p, n) and not seen(p, w) and not seen(w, n):
            out[i] = model.logp(p, n) - model.logp(p, w) - model.logp(w, n) > _BLEED_GAIN
    return out
