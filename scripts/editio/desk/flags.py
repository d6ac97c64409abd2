"""The finder's flags on a work's reading text, placed in text.md, and their TSV form.

One function (reading_suspects) is what `make check`, `editio suspects text.md` and the desk
all read, so they cannot disagree: the reading text (front matter, markup, note calls and
attribute values left out, suspects/reading.py) goes to the finder, and each flag's line and
column are mapped back to text.md's. A flag's readings are readings of the whole token as it
stands (its outer punctuation included), so that a TSV row or a desk action writes exactly
what it shows. The desk asks every question the report asks and more (desk_suspects): at the
desk a question costs a key, in `make check` it fails the check.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, replace
from pathlib import Path

from editio.base.errors import CorrectionError
from editio.desk.writer import Correction, emendation
from editio.suspects.evidence import pair_model, reads_early_modern
from editio.suspects.finder import (
    DESK_BELOW,
    TYPO,
    Analyzer,
    Settings,
    Suspect,
    default_analyzer,
    find_suspects,
    settings_from_meta,
    split_core,
    tokenize,
)
from editio.suspects.reading import Reading, line_column, read
from editio.suspects.tokens import _match_case

# reasons whose suggestion is already a reading of the whole token, punctuation and all (a
# mark inside a word is read as a letter or a space: its closing marks stay, wi!h, -> with,)
_WHOLE = ("stray-punctuation", "glued-punctuation")
HEADER = ("line", "column", "token", "suggestion", "reason")


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
                not _BROKEN_OFF.match(lines[t.line - 1], t.column - 1 + len(t.raw))
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
    three figures at most ending in 1, 7 or I and a stop, before shillings or pence or after
    a word of price. On a quarter of the training BLN600 documents: 6 questions, all read
    right (on the same quarter the finder reaches 13 more such sums itself)."""
    taken = _reached(found)
    acc = {w.lower() for w in accepted}
    tokens = tokenize(text)
    out = []
    for i, t in enumerate(tokens):
        m = _POUNDS.match(t.text)
        if not m or (t.line, t.column) in taken or t.text.lower() in acc:
            continue
        before = split_core(tokens[i - 1].text)[1].lower().rsplit("-", 1)[-1] if i else ""
        after = tokens[i + 1].text if i + 1 < len(tokens) else ""
        if before in _PRICED or _SHILLINGS.match(after):
            reading = m["lead"] + m["figures"] + "l." + m["trail"]
            out.append(Suspect(t.line, t.column, t.raw, reading, "letter-digit", 0.0,
                               (reading,)))
    return out


_POUNDS = re.compile(r"^(?P<lead>[(]?)(?P<figures>\d{0,2})[17I]\.(?P<trail>[,;:)]{0,2})$")
_SHILLINGS = re.compile(r"^\d+[sd]\.")
_PRICED = frozenset(("worth", "value", "valued", "damages", "cost", "costs", "fined", "paid",
                     "penalty", "amount"))
# log-probability a learned confusion's word must gain between its neighbours (the finder's
# confusion_context asks 3.0 where neither pair is had at all); at 3.0 here the quarter above
# has 36 questions, 24 read right, 7 right words; at 5.0, 8, all read right
_LIKELIER = 4.0


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


def _cell(value: str) -> str:
    return value.replace("\\", "\\\\").replace("\t", "\\t").replace("\n", "\\n")


def _uncell(value: str) -> str:
    out, i = [], 0
    while i < len(value):
        if value[i] == "\\" and i + 1 < len(value):
            out.append({"t": "\t", "n": "\n", "\\": "\\"}.get(value[i + 1], value[i:i + 2]))
            i += 2
        else:
            out.append(value[i])
            i += 1
    return "".join(out)


def format_tsv(flags: Iterable[Flag]) -> str:
    """One row per flag. `suggestion` is the reading of the whole token that --apply writes;
    a flag without one has its token there, a row --apply leaves as it is, and so has a flag
    whose token an earlier row's reading takes in already."""
    rows = ["\t".join(HEADER)]
    taken: list[tuple[int, int, int]] = []  # (line, first, last column) of the rows' readings
    for f in flags:
        line, column, token = f.place(0)
        reading = f.suggestion if f.suggestion is not None else token
        end = column + len(token)
        if any(ln == line and a < end and column < b for ln, a, b in taken):
            # a stretch another row reads already (the other half of a word split in two)
            line, column, token, reading = f.line, f.column, f.token, f.token
        elif reading != token:
            taken.append((line, column, end))
        rows.append(f"{line}\t{column}\t{_cell(token)}\t{_cell(reading)}\t{f.reason}")
    return "\n".join(rows) + "\n"


def format_human(flags: list[Flag], path: str) -> str:
    if not flags:
        return f"{path}: no OCR suspects\n"
    lines = []
    for f in flags:
        hint = "" if f.suggestion is None else \
            f" -> {f.suggestion!r}" if f.suggestion else " -> (delete)"
        if f.place(0)[2] != f.token:
            hint += f" (with its neighbour: {f.place(0)[2]!r})"
        lines.append(f"{path}:{f.line}:{f.column}: {f.token!r}{hint} [{f.reason}, {f.score:.2f}]")
    return "\n".join(lines) + "\n"


def format_markup(flags: list[Flag], path: str) -> str:
    """Per flag with a reading: where, and the emendation span that --apply would write."""
    if not flags:
        return f"{path}: no OCR suspects\n"
    lines = []
    for f in sorted(flags, key=lambda f: (f.line, f.column)):
        if f.suggestion is None:
            lines.append(f"{path}:{f.line}:{f.column}: {f.token!r}: no suggestion [{f.reason}]")
        else:
            line, column, token = f.place(0)
            head, _, rest = token.partition("\n")
            lead, span, trail = emendation(head.rstrip(), f.suggestion)
            if rest:  # broken at the line's end: the next line's half omitted (the writer's)
                trail += f" + {path}:{line + 1}: " + emendation(rest.strip(), "")[1]
            lines.append(f"{path}:{line}:{column}: {lead}{span}{trail}")
    return "\n".join(lines) + "\n"


def read_tsv(text: str, path: Path) -> tuple[list[Correction], list[int]]:
    """The corrections of a TSV file (rows as format_tsv writes them, edited), and the lines of
    the rows left as they are (suggestion = token). A malformed row is refused by its line."""
    lines = text.split("\n")
    header = lines[0].rstrip("\r").split("\t") if lines else []
    missing = [c for c in ("line", "column", "token", "suggestion") if c not in header]
    if missing:
        raise CorrectionError(f"the header lacks {', '.join(missing)}", path=path, line=1,
                              hint="the header row is " + "\\t".join(HEADER)
                              + ", as 'editio suspects --format tsv' writes it")
    at = {name: header.index(name) for name in ("line", "column", "token", "suggestion")}
    corrections, kept = [], []
    for number, row in enumerate(lines[1:], start=2):
        row = row.rstrip("\r")
        if not row.strip() or row.startswith("#"):
            continue
        cells = row.split("\t")
        if len(cells) < len(header) - (1 if header[-1] not in at else 0):
            raise CorrectionError(f"row has {len(cells)} cells, the header {len(header)}",
                                  path=path, line=number, hint="cells are separated by tabs")
        try:
            line, column = int(cells[at["line"]]), int(cells[at["column"]])
        except ValueError:
            raise CorrectionError("line and column must be numbers", path=path,
                                  line=number) from None
        token, reading = _uncell(cells[at["token"]]), _uncell(cells[at["suggestion"]])
        if reading == token:
            kept.append(number)
            continue
        corrections.append(Correction(line, column, token, reading, row=number))
    return corrections, kept
