"""The desk's own questions beyond the finder's report, as the finder's suspects.

The finder leaves under its cut what is little evidence alone; at the desk a question costs a
key, so the desk asks more (desk_suspects): the finder's flags down to DESK_BELOW of its cut,
and questions of its own that no flag reaches: a letter standing alone (lone_letters), two
common words printed as one (glued_words), a sum in pounds whose l was read as a figure
(pounds) and a word its neighbours read far likelier one learned confusion away
(likelier_words). `make check` and `editio suspects` ask none of these (desk/flags.py).
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from editio.suspects.evidence import pair_model, reads_early_modern
from editio.suspects.finder import (
    DESK_BELOW,
    TYPO,
    Analyzer,
    Settings,
    Suspect,
    default_analyzer,
    find_suspects,
    split_core,
    tokenize,
)
from editio.suspects.tokens import _match_case


def lone_letters(text: str, found: Iterable[Suspect],
                 accepted: frozenset[str] = frozenset()) -> list[Suspect]:
    """The desk's own questions besides the finder's: a letter standing alone, no mark on
    it, that no flag reaches and that the sentence reads on without, asked with its deletion
    first (bled in from a neighbouring column, a speck read as a letter). The finder leaves
    most of these under its cut, each alone being little evidence; at the desk a question
    costs a key. Four shapes, none of them English: a small letter other than a (the v of
    "to another v West"; not after a numeral: 6 d, 10 l); a before a word that never
    follows the article (_NOT_AFTER_A: "was a made the", "take a their"); I before no small
    word (a heading or a new sentence: "I The witness", "I MURDER AND SUICIDE", or a small
    word that never follows it: _NOT_AFTER_I; not after a capital on its line: Chapter I,
    George I; nor before a dash and a word: "I -- I mean", speech broken off); a capital
    other than A, I or O between two small words ("the father F taking"; not N division).
    On a quarter of the training BLN600 documents, beside the finder's flags: 69 questions,
    58 tokens to delete, 10 misread or half a split word, 1 right; beside its questions down
    to DESK_BELOW of the cut: 45, 40 to delete, 1 right; the a before such a word, 6 more
    (read with the others' pairs), 4 to delete, 2 right."""
    taken = _reached(found)
    acc = {w.lower() for w in accepted}
    tokens = tokenize(text)
    lines = text.split("\n")
    out = []
    for i, t in enumerate(tokens):
        core = t.text.translate(TYPO)
        if len(core) != 1 or not (core.isascii() and core.isalpha()) or \
                (t.line, t.column) in taken or core.lower() in acc:
            continue
        prev = split_core(tokens[i - 1].text.translate(TYPO)) if i else ("", "", "")
        nxt = split_core(tokens[i + 1].text.translate(TYPO)) if i + 1 < len(tokens) else None
        small = nxt is not None and nxt[1][:1].islower()
        if core == "a":  # the article, but never before another or a pronoun
            ask = nxt is not None and not nxt[0] and nxt[1].lower() in _NOT_AFTER_A
        elif core.islower():
            ask = not prev[1][:1].isdigit()
        elif core == "I":  # (a capital before it on its line: a numeral, Chapter I)
            ask = (not small or nxt is not None and nxt[1] in _NOT_AFTER_I) and \
                not (i and tokens[i - 1].line == t.line and prev[1][:1].isupper()) and \
                not _BROKEN_OFF.match("\n".join(lines[t.line - 1:t.line + 1]),
                                      t.column - 1 + len(t.raw))  # (the dash may open the next)
        else:
            ask = core not in "AO" and small and nxt is not None and not nxt[0] and \
                nxt[1].lower() != "division" and not prev[2] and prev[1][:1].islower()
        if ask:
            out.append(Suspect(t.line, t.column, t.raw, "", "bled-in", 0.0, ("",),
                               _LONE_NOTE))
    return out


def _reached(found: Iterable[Suspect]) -> set[tuple[int, int]]:
    """(line, column) of each token a flag stands on or a flag's reading takes in with it."""
    taken = set()
    for s in found:
        taken.add((s.line, s.column))
        for line, column, stretch in s.spans:
            for k, part in enumerate(stretch.split("\n")):
                at = column if k == 0 else 1
                for m in re.finditer(r"\S+", part):
                    taken.add((line + k, at + m.start()))
    return taken


def glued_words(text: str, found: Iterable[Suspect], analyzer: Analyzer,
                accepted: frozenset[str] = frozenset()) -> list[Suspect]:
    """The desk's own questions besides the finder's: two common words printed as one (withthe,
    didnot, Youcan) that no flag reaches, read as the two. The finder's web counts have many
    such forms from the web's typing slips, and score them as rare words; a form no dictionary
    and no corpus text of ours has, cut where both halves (two letters each at least) are
    among the commonest words, is none (Witham, Greenway: am, green are not so common); nor
    is a capitalised word within a sentence, a name's (Andover, not And over). On
    a quarter of the training BLN600 documents, beside the desk's other questions: 8
    questions, 7 read right, 1 a misread word (weat: went); on another quarter, 6: 3 read
    right, 3 misread words (hean: hearing)."""
    taken = _reached(found)
    acc = {w.lower() for w in accepted}
    res = analyzer.res
    out = []
    tokens = tokenize(text)
    for i, t in enumerate(tokens):
        lead, core, _ = split_core(t.text.translate(TYPO))
        w = core.lower()
        if len(w) < 4 or not w.isalpha() or not w.isascii() or (t.line, t.column) in taken \
                or w in acc or w in res.sym_count or w in analyzer.gt_counts:
            continue
        if core[0].isupper() and not core.isupper() and not lead and i and \
                not split_core(tokens[i - 1].text.translate(TYPO))[2].endswith(_ENDS):
            continue  # a capital within a sentence: a name (Andover, Greenhill), not two words
        cuts = [(min(analyzer.zipf(w[:k]), analyzer.zipf(w[k:])), k) for k in range(2, len(w) - 1)]
        best, k = max(cuts)
        if best >= _GLUED_COMMON:
            # cut as printed: the translation is letter for letter, and a long s stays one
            core = split_core(t.text)[1]
            reading = core[:k] + " " + core[k:]
            out.append(Suspect(t.line, t.column, t.raw, reading, "glued-words", 0.0, (reading,)))
    return out


# the marks a sentence or a clause that a capital may open ends with
_ENDS = (".", "!", "?", ":", ";", '"', "'")
# a word this common (zipf) or more: the, with, into, did, not, can, him, way; not am, wish
_GLUED_COMMON = 5.9
_LONE_NOTE = "a letter standing alone that the sentence reads on without: delete it"
# I, a dash, a word: speech broken off ("I -- I mean", "I — well"), no letter bled in
_BROKEN_OFF = re.compile(r"\s*(?:-{1,3}|[–—])\s*[A-Za-z]")
# words that never follow the article a ("was a made the happy", "take a their")
_NOT_AFTER_A = frozenset(("the", "their", "his", "him", "them", "its", "this", "these", "those",
                          "an", "a", "my", "our", "your", "also"))
# small words that never follow I ("went to I the house", "but I with little success"; not
# a, to: am I a fool, what have I to do)
_NOT_AFTER_I = frozenset(("the", "of", "as", "with", "from", "by", "at", "this", "his"))


def likelier_words(text: str, found: Iterable[Suspect], analyzer: Analyzer,
                   accepted: frozenset[str] = frozenset()) -> list[Suspect]:
    """The desk's own questions besides the finder's: a word that no flag reaches and that
    one learned confusion away reads far likelier between its neighbours (he for be in "that
    be had", hard for herd in "without herd labour", the for tile in "for tile defence"), by
    more than _LIKELIER in log-probability after the confusion's cost, in the corpus's own
    word pairs (the neighbours it has: a mark between two words parts them). The finder asks
    such a word only where neither of its pairs is had anywhere and its model agrees; the
    web's pairs have "the tile", "be had" from other sentences. On a quarter of the training
    BLN600 documents, each read with the pairs and confusions of the others: 20 questions,
    17 read right, 2 misread otherwise (eat: out), 1 right word (larger: large)."""
    taken = _reached(found)
    acc = {w.lower() for w in accepted}
    model = pair_model(analyzer)
    if not model.pairs:
        return []
    tokens = tokenize(text)
    parts = [split_core(t.text.translate(TYPO)) for t in tokens]
    out = []
    for i, t in enumerate(tokens):
        lead, core, trail = parts[i]
        w = core.lower()
        if len(w) < 2 or not w.isalpha() or not w.isascii() or (t.line, t.column) in taken \
                or w in acc or not (core.islower() or core.istitle()):
            continue
        if "-" in lead + trail:  # half of a word broken at a hyphen (tele- / graphists)
            continue
        # a neighbour with no mark between: its letters, lower case; else none
        p = parts[i - 1][1].lower() if i and not lead and not parts[i - 1][2] and \
            tokens[i - 1].line == t.line and parts[i - 1][1].isalpha() else ""
        n = parts[i + 1][1].lower() if i + 1 < len(tokens) and not trail and \
            not parts[i + 1][0] and tokens[i + 1].line == t.line and \
            parts[i + 1][1].isalpha() else ""
        if not p and not n:
            continue

        def fits(x: str, p: str = p, n: str = n) -> float:
            return (model.logp(p, x) if p else 0.0) + (model.logp(x, n) if n else 0.0)

        base = fits(w)
        best, gain = "", _LIKELIER
        for cand, cost in analyzer.candidates(w):
            if cand + "s" == w or w + "s" == cand:  # grammar, not a misreading of print
                continue
            if _within(cand, w) and analyzer.zipf(w) >= _COMMON_WORD:
                continue  # a common word with letters taken away: another (dare, are; any, an)
            g = fits(cand) - base + cost
            if g > gain:
                best, gain = cand, g
        if best:
            reading = _match_case(best, core)
            out.append(Suspect(t.line, t.column, t.raw, reading, "real-word-context", 0.0,
                               (reading,)))
    return out


def pounds(text: str, found: Iterable[Suspect],
           accepted: frozenset[str] = frozenset()) -> list[Suspect]:
    """The desk's own questions besides the finder's: a sum in pounds whose l the OCR read as
    a figure (worth 81. 10s.: 8l.; value 61.; damages 751.), that no flag reaches: a number of
    two or three figures ending in 1, 7 or I and a stop, before shillings or pence or after
    a word of price in its sentence. On a quarter of the training BLN600 documents: 6
    questions, all read right (on the same quarter the finder reaches 13 more such sums
    itself)."""
    taken = _reached(found)
    acc = {w.lower() for w in accepted}
    tokens = tokenize(text)
    out = []
    for i, t in enumerate(tokens):
        m = _POUNDS.match(t.text)
        if not m or (t.line, t.column) in taken or t.text.lower() in acc:
            continue
        # the word before, in the same sentence and paragraph (not "DAMAGES. / 17.")
        prev = split_core(tokens[i - 1].text) if i and tokens[i].line - tokens[i - 1].line < 2 \
            else ("", "", "")
        before = "" if any(c in prev[2] for c in ".!?:;") else \
            prev[1].lower().rsplit("-", 1)[-1]
        after = tokens[i + 1].text if i + 1 < len(tokens) else ""
        if before in _PRICED or _SHILLINGS.match(after):
            reading = m["lead"] + m["figures"] + "l." + m["trail"]
            out.append(Suspect(t.line, t.column, t.raw, reading, "letter-digit", 0.0,
                               (reading,)))
    return out


_POUNDS = re.compile(r"^(?P<lead>[(]?)(?P<figures>\d{1,2})[17I]\.(?P<trail>[,;:)]{0,2})$")
_SHILLINGS = re.compile(r"^\d+[sd]\.")
_PRICED = frozenset(("worth", "value", "valued", "damages", "cost", "costs", "fined", "paid",
                     "penalty", "amount"))
# log-probability a learned confusion's word must gain between its neighbours (the finder's
# confusion_context asks 3.0 where neither pair is had at all); at 3.0 here the quarter above
# has 36 questions, 24 read right, 7 right words; at 5.0, 8, all read right
_LIKELIER = 4.0
# a word this common (Zipf) is asked for no word it holds (dare: are), a garble is (wats: was)
_COMMON_WORD = 3.0


def _within(short: str, word: str) -> bool:
    """short is word with letters taken away, none changed."""
    if len(short) >= len(word):
        return False
    rest = iter(word)
    return all(c in rest for c in short)


def desk_suspects(text: str, accepted: frozenset[str] = frozenset(), *,
                  analyzer: Analyzer | None = None, adapt: bool = True,
                  settings: Settings | None = None) -> list[Suspect]:
    """The questions the desk asks of a text: the finder's down to DESK_BELOW of its cut
    (analyzer, adapt, settings: find_suspects'), then lone_letters, glued_words, pounds and,
    in a text not early-modern, likelier_words."""
    an = analyzer or default_analyzer()
    found = find_suspects(text, accepted, analyzer=an, adapt=adapt, settings=settings,
                          below=DESK_BELOW)
    found += lone_letters(text, found, accepted)
    found += glued_words(text, found, an, accepted)
    found += pounds(text, found, accepted)
    if reads_early_modern(an, tokenize(text), settings or Settings()):
        return found  # (early-modern grammar is not the corpus's pairs' grammar)
    return found + likelier_words(text, found, an, accepted)
