"""OCR-suspect finder: ranks the tokens of an OCR text that are likely OCR errors.

The finder flags, it never corrects. Each whitespace token is described by a few dozen
features (dictionary look-ups in wordfreq and symspellpy's shipped lists, character n-gram
plausibility, punctuation and case shape, learned OCR confusion patterns, bigram context) and
scored by a logistic model learned from the BLN600 training split (see
editio_tools/train_suspects.py).
The scores are then recalibrated to the text's own estimated error rate (document_shift):
BLN600 OCR has about one wrong token in six, a proof-read modern text almost none.
"""

from __future__ import annotations

import difflib
import gzip
import importlib.resources
import json
import math
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import TypeVar

from editio.base.outputs import atomic_output, user_cache
from editio.intake.markup import TYPED_QUOTES, WRITTEN_SPAN

MODEL_RESOURCE = "suspects-model.json.gz"
T = TypeVar("T")


@dataclass(frozen=True)
class Suspect:
    line: int  # 1-based
    column: int  # 1-based, in characters
    token: str
    suggestion: str  # the best of suggestions, or "" when there is none
    reason: str
    score: float
    suggestions: tuple[str, ...] = ()  # ranked corrections of the whole token, best first


# What a work's front matter may say to the finder: `suspects: {period: early-modern}`.
PERIODS = ("auto", "modern", "early-modern")


@dataclass(frozen=True)
class Settings:
    """The finder's reading of a text: which period's spelling and grammar count as normal.

    auto (the default): modern, unless the document shows itself to be early-modern (several
    archaic words such as thou, hath, 'tis, or several early-modern spellings of common words).
    modern: today's dictionaries decide what is unknown, except for spellings the document
    itself uses consistently. early-modern (print before about 1800): u/v, i/j and y/i
    interchange, final -e, doubled consonants, -eth/-est endings and elisions are spellings, not
    errors; archaic function words (thee, hath, ye) are never called errors from context; the
    context model's real-word suspicions count for less; spaced punctuation ("deep ! The") is
    the printer's convention.
    """

    period: str = "auto"

    @property
    def early_modern(self) -> bool:
        return self.period == "early-modern"


def settings_from_meta(meta: dict, path: object = None) -> Settings:
    """The `suspects:` mapping of a work's front matter, checked."""
    from editio.base.errors import SourceError

    raw = meta.get("suspects")
    if raw is None:
        return Settings()
    if not isinstance(raw, dict):
        raise SourceError("'suspects' must be a mapping, such as {period: early-modern}",
                          path=path, hint="suspects: {period: early-modern}")
    unknown = sorted(str(k) for k in raw if k != "period")
    if unknown:
        raise SourceError(f"'suspects' has no field {', '.join(unknown)}", path=path,
                          hint="the one field is period: " + " or ".join(PERIODS))
    period = str(raw.get("period", "auto"))
    if period not in PERIODS:
        raise SourceError(f"suspects period '{period}' is not known", path=path,
                          hint="period: " + " or ".join(PERIODS))
    return Settings(period)


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
    m = _HEADING.match(line)
    if m:
        hide(m.start(), m.end())
    else:
        m = _QUOTE.match(line)
        if m:
            hide(m.start(), m.end())
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


# --- resources --------------------------------------------------------------------------------


@dataclass
class Resources:
    model: dict
    zipf: dict[str, float]
    sym_count: dict[str, int]
    bigrams: dict[tuple[str, str], int]
    rules: dict[str, list[tuple[str, float]]]
    weights: dict[str, float]
    _symspell: object = field(default=None, repr=False)

    @property
    def threshold(self) -> float:
        return float(self.model["threshold"])

    def symspell(self):  # noqa: ANN201 - symspellpy has no type stubs
        if self._symspell is None:
            self._symspell = load_symspell()
        return self._symspell


# Building symspellpy's index of deletes takes seconds, and so do wordfreq's lists: each is
# kept pickled in the user's cache, named by everything it is made from (the word lists, the
# libraries' versions, the code that makes it), written atomically, and made again when it is
# missing or unreadable. Without a cache to write to, everything is made at every run.
_SYMSPELL_WORDS = "frequency_dictionary_en_82_765.txt"


def cache_dir() -> Path:
    """$XDG_CACHE_HOME/editio/suspects, or ~/.cache/editio/suspects (a relative one is ignored)."""
    return user_cache("suspects")


def _cache_path(name: str, *made_from: bytes | str) -> Path:
    import hashlib
    import sys

    digest = hashlib.sha256(repr(sys.version_info[:2]).encode())
    for part in made_from:
        digest.update(part if isinstance(part, bytes) else part.encode())
        digest.update(b"\0")
    return cache_dir() / f"{name}-{digest.hexdigest()[:16]}.pickle"


def _from_cache(path: Path, load: Callable[[bytes], T | None]) -> T | None:
    import gc

    try:
        data = path.read_bytes()
    except OSError:
        return None
    collecting = gc.isenabled()
    gc.disable()  # a million small objects at once: the collector would walk them over and over
    try:
        return load(data)
    except Exception:  # a truncated or foreign file, whatever it raises: made again
        return None
    finally:
        if collecting:
            gc.enable()


def _to_cache(path: Path, data: bytes) -> None:

    try:
        with atomic_output(path) as tmp:
            tmp.write_bytes(data)
        for old in path.parent.glob(f"{path.name.rsplit('-', 1)[0]}-*.pickle"):
            if old != path:  # made from what is no longer installed
                old.unlink(missing_ok=True)
    except OSError:
        pass  # no cache to write to: made again at the next run


def load_symspell(words: Path | None = None):  # -> symspellpy.SymSpell (it has no type stubs)
    """symspellpy's index of a word list (`word count` lines; its English list unless
    given), edits up to two."""
    import inspect
    from importlib.metadata import version

    from symspellpy import SymSpell

    sym = SymSpell(max_dictionary_edit_distance=2)
    words = words or importlib.resources.files("symspellpy") / _SYMSPELL_WORDS
    path = _cache_path("symspell", words.read_bytes(), version("symspellpy"),
                       inspect.getsource(load_symspell))
    if _from_cache(path, lambda data: sym.load_pickle(data, from_bytes=True) or None):
        return sym
    with importlib.resources.as_file(words) as p:
        sym.load_dictionary(str(p), 0, 1)
    _to_cache(path, sym.save_pickle(to_bytes=True))
    return sym


def _read_symspell_list(name: str) -> list[str]:
    res = importlib.resources.files("symspellpy") / name
    return res.read_text(encoding="utf-8").splitlines()


Dictionaries = tuple[dict[str, float], dict[str, int], dict[tuple[str, str], int]]


def load_dictionaries() -> Dictionaries:
    """wordfreq's Zipf frequencies, symspellpy's word counts and its bigram counts."""
    import inspect
    import pickle
    from importlib.metadata import version

    path = _cache_path("dictionaries", version("wordfreq"), version("symspellpy"),
                       inspect.getsource(_read_symspell_list), inspect.getsource(_dictionaries))
    found = _from_cache(path, pickle.loads)
    if found is None:
        found = _dictionaries()
        _to_cache(path, pickle.dumps(found, protocol=pickle.HIGHEST_PROTOCOL))
    return found


def _dictionaries() -> Dictionaries:
    import wordfreq

    zipf = {w: math.log10(f * 1e9) for w, f in wordfreq.get_frequency_dict("en", "large").items()}
    sym_count: dict[str, int] = {}
    for row in _read_symspell_list("frequency_dictionary_en_82_765.txt"):
        w, _, c = row.partition(" ")
        if c:
            sym_count[w] = int(c)
    bigrams: dict[tuple[str, str], int] = {}
    for row in _read_symspell_list("frequency_bigramdictionary_en_243_342.txt"):
        parts = row.split(" ")
        if len(parts) == 3:
            bigrams[(parts[0], parts[1])] = int(parts[2])
    return zipf, sym_count, bigrams


def build_resources(model: dict, dictionaries: tuple | None = None) -> Resources:
    zipf, sym_count, bigrams = dictionaries or load_dictionaries()
    rules: dict[str, list[tuple[str, float]]] = {}
    for src, dst, logp in model["rules"]:
        rules.setdefault(src, []).append((dst, logp))
    return Resources(model, zipf, sym_count, bigrams, rules, dict(model.get("weights", {})))


@lru_cache(maxsize=1)
def default_resources() -> Resources:
    data = (importlib.resources.files("editio") / "data" / MODEL_RESOURCE).read_bytes()
    return build_resources(json.loads(gzip.decompress(data)))


# --- features ---------------------------------------------------------------------------------

_STEM_ZIPF = 1.7  # a stem rarer than this is no evidence (enthrall 1.74, cohere 1.99)
_SYM_TOTAL = 1.0e12  # rough token total behind symspellpy's counts
_UNSEEN_EDIT = -9.0  # channel log-prob of an edit that training never saw
_ALPHABET = "abcdefghijklmnopqrstuvwxyz"
_COMMON_CHARS = frozenset(
    "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789.,;:'\"()!?&-£$%/"
)


def _edits1(w: str) -> set[str]:
    splits = [(w[:i], w[i:]) for i in range(len(w) + 1)]
    out = {a + b[1:] for a, b in splits if b}
    out |= {a + b[1] + b[0] + b[2:] for a, b in splits if len(b) > 1}
    out |= {a + c + b[1:] for a, b in splits if b for c in _ALPHABET}
    out |= {a + c + b for a, b in splits for c in _ALPHABET}
    return out


class Analyzer:
    """Computes per-token features; caches word-level work since words repeat a lot."""

    def __init__(self, res: Resources) -> None:
        self.res = res
        self.char_lp: dict[str, float] = res.model["char3"]
        self.char_floor = float(res.model["char3_floor"])
        self.gt_counts: dict[str, int] = res.model["gt_unigrams"]
        self.prior: dict[str, list[int]] = res.model["token_prior"]
        self.prior_base = float(res.model["prior_base"])
        self._word_cache: dict[str, dict[str, float]] = {}
        self._cand_cache: dict[str, list[tuple[str, float]]] = {}
        self._rule_logp: dict[tuple[str, str], float] | None = None

    def zipf(self, w: str) -> float:
        z = self.res.zipf.get(w)
        if z is None and w.endswith("'s"):
            z = self.res.zipf.get(w[:-2])
        return z or 0.0

    def known(self, w: str, min_zipf: float = 1.5) -> bool:
        return self.zipf(w) >= min_zipf or w in self.res.sym_count or w in self.gt_counts

    def derived(self, lc: str, depth: int = 0) -> bool:
        """lc is a known stem plus a productive suffix, or a known prefix plus a word."""
        if len(lc) < 6:
            return False
        for suf in _DERIV_SUFFIXES:
            stem = lc[: -len(suf)]
            if not lc.endswith(suf) or len(stem) < 4:
                continue
            undoubled = stem[:-1] if stem[-1] == stem[-2] else ""
            variants = (stem, stem + "e", stem[:-1] + "y", undoubled)
            if any(v and self.zipf(v) >= _STEM_ZIPF for v in variants):
                return True
        for pre in _DERIV_PREFIXES:
            rest = lc[len(pre) :]
            # "reresuscitate": a doubled prefix is a slip, not a derivation.
            if not lc.startswith(pre) or len(rest) < 4 or rest.startswith(pre):
                continue
            if self.zipf(rest) >= _STEM_ZIPF or (depth == 0 and self.derived(rest, 1)):
                return True
        return False

    def part_known(self, part: str) -> bool:
        """A part of a hyphenated compound: a word, a number, a prefix or a derived word."""
        lc = part.lower()
        if lc.isdigit() or self.known(lc, 2.5) or lc in _DERIV_PREFIXES:
            return True
        return lc.isalpha() and self.derived(lc)

    def char_score(self, w: str) -> tuple[float, float]:
        s = "^" + w + "$"
        lps = [self.char_lp.get(s[k : k + 3], self.char_floor) for k in range(len(s) - 2)]
        if not lps:
            return 0.0, 0.0
        return sum(lps) / len(lps), min(lps)

    def candidates(self, w: str) -> list[tuple[str, float]]:
        """Known words reachable from w by one learned OCR confusion (with channel log-prob)."""
        got = self._cand_cache.get(w)
        if got is not None:
            return got
        out: dict[str, float] = {}
        rules = self.res.rules
        sym = self.res.sym_count
        for i in range(len(w) + 1):
            for ln in (0, 1, 2, 3):
                if i + ln > len(w):
                    break
                src = w[i : i + ln]
                if ln == 0:
                    # Insertion rules are keyed by the preceding character.
                    src = "+" + (w[i - 1] if i else "^")
                for dst, logp in rules.get(src, ()):
                    cand = w[:i] + dst + w[i + ln :]
                    if cand != w and cand in sym and (cand not in out or out[cand] < logp):
                        out[cand] = logp
        # Edits never seen in training still happen: back off to any single-letter edit.
        for cand in _edits1(w):
            if cand != w and cand in sym and cand not in out:
                out[cand] = _UNSEEN_EDIT
        ranked = sorted(out.items(), key=lambda kv: -(kv[1] + math.log(sym[kv[0]])))[:6]
        self._cand_cache[w] = ranked
        return ranked

    def _logp_next(self, a: str, b: str) -> float:
        sym = self.res.sym_count
        c = self.res.bigrams.get((a, b))
        ca = sym.get(a)
        if c and ca:
            return math.log(c / ca)
        cb = sym.get(b, 0) + 1
        return math.log(0.1 * cb / _SYM_TOTAL)

    def ctx(self, prev: str, w: str, nxt: str) -> float:
        s = 0.0
        if prev:
            s += self._logp_next(prev, w)
        else:
            s += math.log((self.res.sym_count.get(w, 0) + 1) / _SYM_TOTAL)
        if nxt:
            s += self._logp_next(w, nxt)
        return s

    def word_features(self, core: str) -> dict[str, float]:
        got = self._word_cache.get(core)
        if got is not None:
            return got
        f: dict[str, float] = {}
        lc = core.lower()
        alpha = re.sub(r"[^a-z]", "", lc)
        z = self.zipf(lc)
        self._frequency_features(f, core, lc, z)
        has_alpha = any(c.isalpha() for c in core)
        ordinal = self._digit_features(f, core, lc, has_alpha)
        self._punctuation_features(f, core, lc)
        parts_known = self._hyphen_features(f, core, has_alpha)
        shape = _shape(core)
        avg = self._shape_features(f, core, lc, alpha, shape)
        unknown = z < 0.01 and lc not in self.res.sym_count
        if z < 1.5 and len(alpha) >= 6 and alpha == lc.replace("'", "") and self.derived(alpha):
            f["derived"] = 1.0
        plain = parts_known or ordinal or _ABBR.match(core) or "slash_words" in f
        if unknown and has_alpha and not plain:
            f["unknown"] = 1.0
            if shape in ("title", "upper"):
                f["unknown_cap"] = 1.0
            f["unknown_char_avg"] = avg / 5
        if alpha == lc:
            self._neighbour_features(f, lc, z)
        self._word_cache[core] = f
        return f

    def _frequency_features(self, f: dict[str, float], core: str, lc: str, z: float) -> None:
        f["zipf"] = z / 8
        for lo, hi in ((0, 0.01), (0.01, 2), (2, 3), (3, 4), (4, 5)):
            if lo <= z < hi:
                f[f"zipf_{lo}"] = 1.0
        f["in_sym"] = 1.0 if lc in self.res.sym_count else 0.0
        f["gt_log"] = math.log1p(self.gt_counts.get(lc, 0)) / 5
        pr = self.prior.get(prior_key(core))
        if pr:
            err, tot = pr
            # Shrunk towards the corpus rate: a word's own rate counts only on much evidence.
            p = (err + _PRIOR_PSEUDO * self.prior_base) / (tot + _PRIOR_PSEUDO)
            f["prior_logit"] = math.log(p / (1 - p))
            f["prior_seen"] = min(tot, 20) / 20
        else:
            f["prior_unseen"] = 1.0

    def _digit_features(self, f: dict[str, float], core: str, lc: str, has_alpha: bool) -> bool:
        """Numbers, ordinals, Roman numerals, letters mixed with digits; True for an ordinal."""
        has_digit = any(c.isdigit() for c in core)
        ordinal = bool(_ORDINAL.match(core))
        if ordinal:
            f["ordinal"] = 1.0
        if _ROMAN.match(core):
            f["roman"] = 1.0
        if has_digit and has_alpha and not ordinal:
            f["letter_digit"] = 1.0
            if self.known(lc.translate(_DIGIT_LOOKALIKE), 2.5):
                f["digit_lookalike"] = 1.0
        if has_digit and not has_alpha:
            f["number"] = 1.0 if _NUMBER.match(core) else 0.0
            f["odd_number"] = 0.0 if _NUMBER.match(core) else 1.0
        return ordinal

    def _punctuation_features(self, f: dict[str, float], core: str, lc: str) -> None:
        inner = set(re.sub(r"[\w'\-]", "", core))
        if "\ufffd" in core:
            f["replacement_char"] = 1.0
        if inner == {"/"} and all(self.known(p, 2.5) for p in lc.split("/")):
            f["slash_words"] = 1.0  # and/or, his/her
        elif inner:
            f["abbr" if _ABBR.match(core) else "inner_punct"] = 1.0
        if "_" in core:
            f["inner_punct"] = 1.0

    def _hyphen_features(self, f: dict[str, float], core: str, has_alpha: bool) -> bool:
        """A hyphenated word: known parts, a known word broken, or neither; True for the first."""
        if "-" not in core or not has_alpha:
            return False
        parts = [p for p in core.split("-") if p]
        joined = "".join(parts).lower()
        parts_known = all(self.part_known(p) for p in parts)
        if parts_known:
            f["hyph_parts_known"] = 1.0
        elif self.zipf(joined) >= 2.5:
            f["hyph_joined_known"] = 1.0
        else:
            f["hyph_unknown"] = 1.0
        return parts_known

    def _shape_features(
        self, f: dict[str, float], core: str, lc: str, alpha: str, shape: str
    ) -> float:
        """Case, length and character-trigram plausibility; returns the trigram average."""
        f["shape_" + shape] = 1.0
        if _odd_mixed_case(core):
            f["odd_case"] = 1.0
        n = len(alpha)
        if n == 1 and lc not in _SHORT_OK:
            f["single_letter"] = 1.0
        elif n == 2:
            f["two_letters"] = 1.0
        f["long"] = min(n, 20) / 20
        avg, mn = self.char_score(alpha) if alpha else (0.0, 0.0)
        f["char_avg"] = avg / 5
        f["char_min"] = mn / 10
        return avg

    def _neighbour_features(self, f: dict[str, float], lc: str, z: float) -> None:
        """Glued words, common words one edit away, learned confusions (for a letters-only lc)."""
        n = len(lc)
        if z < 2.5 and n >= 5:
            split = self.best_split(lc)
            if split:
                f["glued"] = 1.0
                f["glued_zipf"] = split[1] / 8
        if z < 2.5 and 3 < n < 20:
            # A rare form one edit from a common word is a likely misreading (Robsepierre,
            # analagous); a rare form with no such neighbour is more likely a rare real word.
            near = max((self.zipf(c) for c in _edits1(lc)), default=0.0)
            f["near_zipf"] = near / 8
            if near < 2.0:
                f["no_near"] = 1.0
                if "unknown" in f:
                    f["unknown_no_near"] = 1.0
        cands = self.candidates(lc) if 1 < n < 20 else []
        if cands:
            best, logp = max(cands, key=lambda kv: kv[1] + self.zipf(kv[0]) * 2.3)
            f["cand_channel"] = logp / 5
            f["cand_uni_gain"] = (self.zipf(best) - z) / 4

    def best_split(self, lc: str) -> tuple[str, float] | None:
        best: tuple[str, float] | None = None
        for k in range(1, len(lc)):
            a, b = lc[:k], lc[k:]
            if (len(a) == 1 and a not in ("a", "i")) or (len(b) == 1 and b not in ("a",)):
                continue
            if a in _PREFIXES or b in _SUFFIXES or len(b) < 3:
                continue
            za, zb = self.zipf(a), self.zipf(b)
            if a not in self.res.sym_count or b not in self.res.sym_count:
                continue
            m = min(za, zb)
            if m >= 3.0 and (best is None or m > best[1]):
                best = (a + " " + b, m)
        return best

    def analyse(self, tokens: list[Token]) -> list[tuple[dict[str, float], str, str]]:
        """For each token: features, reason, suggestion."""
        doc = _Document.of(self, tokens)
        return [self._analyse_token(doc, i) for i in range(len(tokens))]

    def _analyse_token(self, doc: _Document, i: int) -> tuple[dict[str, float], str, str]:
        tok = doc.tokens[i]
        lead, core, trail = doc.parts[i]
        qlead, qtrail = doc.quoted[i]
        if qlead:
            lead = lead.replace(qlead, "", 1)
        if qtrail:
            trail = trail.replace(qtrail, "", 1)
        f = {"bias": 1.0}
        if not core:
            if tok.text == "." and _in_spaced_ellipsis(doc.tokens, i):
                # ". . ." is typography, not a stray mark: never a suspect.
                return {"ellipsis": 1.0}, "stray-punctuation", ""
            f["pure_punct"] = 1.0
            if len(tok.text) == 1:
                f["punct_single"] = 1.0
            if tok.text in ("-", "--", "&", '"', "'"):
                f["punct_common"] = 1.0
            return f, "stray-punctuation", ""
        f.update(self.word_features(core))
        if qlead or qtrail:
            f["quoted"] = 1.0
        if qtrail == "'" and not qlead and core[-1:] in "sS":
            f["possessive"] = 1.0  # workers'
        count = doc.counts[doc.lcs[i]]
        if count > 1 and any(ch.isalpha() for ch in core):
            rep = min(count - 1, 4) / 4
            f["repeated"] = rep
            if "unknown" in f or "derived" in f or "hyph_unknown" in f:
                f["unknown_repeated"] = rep
        if any(c not in _COMMON_CHARS and not c.isalpha() for c in tok.text):
            f["rare_char"] = 1.0
        _mark_features(f, lead, trail)
        _neighbourhood_features(f, doc, i, core, trail)
        suggestion = self._context_features(f, doc, i, core, trail) if "cand_channel" in f else ""
        reason, suggestion = self._reason(f, core, doc.lcs[i], suggestion)
        return f, reason, suggestion

    def _context_features(
        self, f: dict[str, float], doc: _Document, i: int, core: str, trail: str
    ) -> str:
        """How much likelier a learned confusion's source is here; returns the best one."""
        lc = doc.lcs[i]
        prev = doc.lcs[i - 1] if i > 0 and not doc.parts[i - 1][2] else ""
        nxt = doc.lcs[i + 1] if i + 1 < len(doc.tokens) and not trail else ""
        base = self.ctx(prev, lc, nxt)
        best_gain, best = -99.0, ""
        for cand, logp in self.candidates(lc):
            gain = self.ctx(prev, cand, nxt) - base + logp
            if gain > best_gain:
                best_gain, best = gain, cand
        f["ctx_gain"] = max(-10.0, min(15.0, best_gain)) / 5
        for cut in (0, 3, 6):
            if best_gain > cut:
                f[f"ctx_gt{cut}"] = 1.0
        return _match_case(best, core)

    def _reason(self, f: dict[str, float], core: str, lc: str, sug: str) -> tuple[str, str]:
        if "replacement_char" in f or "inner_punct" in f:
            return "inner-punctuation", re.sub(r"[^\w'\-]", "", core)
        if "letter_digit" in f:
            fixed = lc.translate(_DIGIT_LOOKALIKE)
            return "letter-digit", _match_case(fixed, core) if self.known(fixed, 2.5) else ""
        if "hyph_joined_known" in f:
            return "inner-hyphen", core.replace("-", "")
        if "linebreak_hyphen" in f or "after_hyphen" in f:
            return "broken-word", ""
        if "glued" in f:
            split = self.best_split(lc)
            return "glued-words", _match_case(split[0], core) if split else ""
        if "lead_odd" in f or "trail_odd" in f or "stop_before_lower" in f:
            return "glued-punctuation", core
        if "unknown" in f or f.get("zipf", 0) * 8 < 2.0:
            return "unknown-word", sug
        if "odd_case" in f:
            return "odd-case", ""
        if f.get("ctx_gain", -1) > 0:
            return "real-word-context", sug
        return "unlikely-word", sug

    def channel_logp(self, w: str, cand: str) -> float:
        """Log-probability that OCR read cand as w: the learned confusions along an alignment."""
        if self._rule_logp is None:
            self._rule_logp = {
                (src, dst): logp for src, pairs in self.res.rules.items() for dst, logp in pairs
            }
        total = 0.0
        ops = difflib.SequenceMatcher(None, w, cand, autojunk=False).get_opcodes()
        for op, x1, x2, y1, y2 in ops:
            if op == "equal":
                continue
            src, dst = w[x1:x2], cand[y1:y2]
            key = src or "+" + (w[x1 - 1] if x1 else "^")
            logp = self._rule_logp.get((key, dst))
            total += logp if logp is not None else _UNSEEN_EDIT * max(len(src), len(dst))
        return total

    def corrections(
        self, word: str, prev: str, nxt: str, lexicon: dict[str, int] | None = None
    ) -> list[str]:
        """Known words that word may be a misreading of, most likely first.

        Candidates are the learned one-confusion neighbours and symspellpy's words within two
        edits; each is scored by the OCR channel (channel_logp) plus its log-probability in
        context (the bigrams with the neighbouring words, or its frequency alone). Words the
        document itself uses (lexicon: word -> count) one edit away are candidates too, scored
        by their share of the document where the dictionary does not know them (Stalinization).
        """
        if not word or len(word) > 25:
            return []
        from symspellpy import Verbosity

        cands = dict(self.candidates(word))
        # Two edits from a short word reach hundreds of words: one edit is enough there. The
        # channel model then weighs only the likeliest few by edit distance and frequency.
        reach = 2 if len(word) > 4 else 1
        hits = self.res.symspell().lookup(word, Verbosity.ALL, max_edit_distance=reach)
        hits = sorted(hits, key=lambda h: h.distance * _EDIT_COST - math.log(h.count))
        for hit in hits[:_SPELL_CANDIDATES]:
            if hit.term != word and hit.term not in cands:
                cands[hit.term] = self.channel_logp(word, hit.term)
        local: dict[str, float] = {}
        if lexicon:
            total = sum(lexicon.values())
            for v in _edits1(word) & lexicon.keys():
                local[v] = math.log(lexicon[v] / total)
                cands.setdefault(v, self.channel_logp(word, v))

        def fit(c: str) -> float:
            lm = local[c] if c in local and c not in self.res.sym_count else self.ctx(prev, c, nxt)
            return cands[c] + lm

        return sorted(cands, key=fit, reverse=True)[:_MAX_SUGGESTIONS]

    def suggest(
        self,
        tokens: list[Token],
        i: int,
        reason: str,
        first: str,
        lexicon: dict[str, int] | None = None,
    ) -> list[str]:
        """Ranked corrections of token i's core (of the whole token for glued punctuation)."""
        if reason in ("stray-punctuation", "dash-spacing", "note-call"):
            return []
        _, core, trail = split_core(tokens[i].text.translate(TYPO))
        word = re.sub(r"[^a-z]", "", core.lower())
        prev = ""
        if i > 0 and not split_core(tokens[i - 1].text)[2]:
            prev = split_core(tokens[i - 1].text.translate(TYPO))[1].lower()
        nxt = ""
        if i + 1 < len(tokens) and not trail:
            nxt = split_core(tokens[i + 1].text.translate(TYPO))[1].lower()
        out = [first] if first else []
        if "-" in core.strip("-") and reason == "unknown-word":
            out += self._hyphenated_corrections(core, lexicon)
        elif reason not in ("glued-words", "glued-punctuation", "inner-hyphen"):
            out += [_match_case(c, core) for c in self.corrections(word, prev, nxt, lexicon)]
        seen: set[str] = set()
        ranked = []
        for sug in out:
            if sug and sug not in seen and (sug != core or reason == "glued-punctuation"):
                seen.add(sug)
                ranked.append(sug)
        return ranked[:_MAX_SUGGESTIONS]


    def _hyphenated_corrections(self, core: str, lexicon: dict[str, int] | None) -> list[str]:
        """A compound keeps its hyphens: only its unknown part is corrected (De-Stalinizatioo)."""
        parts = core.split("-")
        for k, part in enumerate(parts):
            lc = part.lower()
            if lc.isalpha() and not self.part_known(lc):
                return ["-".join([*parts[:k], _match_case(c, part), *parts[k + 1 :]])
                        for c in self.corrections(lc, "", "", lexicon)]
        return []


_MAX_SUGGESTIONS = 5
_SPELL_CANDIDATES = 30
_EDIT_COST = 4.5  # nats per edit when symspellpy's candidates are pre-ranked


def _in_spaced_ellipsis(tokens: list[Token], i: int) -> bool:
    run = [
        j
        for j in range(max(0, i - 2), min(len(tokens), i + 3))
        if tokens[j].text == "." and tokens[j].line == tokens[i].line
    ]
    return any(all(k in run for k in (a, a + 1, a + 2)) for a in range(i - 2, i + 1))


def _paired_quotes(tokens: list[Token], parts: list[tuple[str, str, str]]) -> list[tuple[str, str]]:
    """Quote marks and parentheses that open and close on one line (a paragraph in Markdown).

    Per token: the opening mark in its lead and the closing mark in its trail, if paired.
    A closing apostrophe after s with no open single quote is a plural possessive (workers').
    Unpaired quotes stay in the lead/trail: stray quotes are a common OCR error.
    """
    out = [("", "")] * len(tokens)
    open_at: dict[str, int] = {}
    line = 0
    for i, (tok, (lead, core, trail)) in enumerate(zip(tokens, parts, strict=True)):
        if tok.line != line:
            line, open_at = tok.line, {}
        if not core:
            continue
        qlead = next((q for q in "\"'(" if q in lead), "")
        if qlead:
            open_at[qlead] = i
        for q, close in (('"', '"'), ("'", "'"), ("(", ")")):
            if close in trail and q in open_at:
                j = open_at.pop(q)
                out[j] = (q, out[j][1])
                out[i] = (out[i][0], close)
                break
        else:
            if trail.startswith("'") and core[-1:] in "sS" and "'" not in open_at:
                out[i] = (out[i][0], "'")
    return out


@dataclass
class _Document:
    """What analysing one token needs to know about the others."""

    tokens: list[Token]
    parts: list[tuple[str, str, str]]  # lead, core, trail
    lcs: list[str]
    unknown: list[bool]
    quoted: list[tuple[str, str]]
    counts: dict[str, int]

    @classmethod
    def of(cls, an: Analyzer, tokens: list[Token]) -> _Document:
        parts = [split_core(t.text.translate(TYPO)) for t in tokens]
        cores = [p[1] for p in parts]
        lcs = [c.lower() for c in cores]
        unknown = [
            bool(c) and any(ch.isalpha() for ch in c) and not an.known(c.lower()) for c in cores
        ]
        # OCR errors are random: the same odd form again and again is the author's or a name.
        counts: dict[str, int] = {}
        for lc in lcs:
            counts[lc] = counts.get(lc, 0) + 1
        return cls(tokens, parts, lcs, unknown, _paired_quotes(tokens, parts), counts)


_LEAD_KIND = {'"': "dq", "(": "paren", "'": "sq"}
_TRAIL_KIND = {";": "semi", ":": "colon", ",": "comma", ".": "stop", "?": "quest", "!": "excl"}


def _mark_features(f: dict[str, float], lead: str, trail: str) -> None:
    """The punctuation before and after the word (paired quotes already taken off)."""
    if lead:
        f["has_lead"] = 1.0
        f["lead_" + _LEAD_KIND.get(lead[-1], "other")] = 1.0
        if not _NORMAL_LEAD.match(lead):
            f["lead_odd"] = 1.0
    if trail:
        f["has_trail"] = 1.0
        f["trail_" + _TRAIL_KIND.get(trail[0], "other")] = 1.0
        if not _NORMAL_TRAIL.match(trail):
            f["trail_odd"] = 1.0


def _neighbourhood_features(
    f: dict[str, float], doc: _Document, i: int, core: str, trail: str
) -> None:
    """Line breaks, hyphens, sentence stops and unknown words around token i."""
    tokens = doc.tokens
    tok = tokens[i]
    same_line_prev = i > 0 and tokens[i - 1].line == tok.line
    same_line_next = i + 1 < len(tokens) and tokens[i + 1].line == tok.line
    nxt_text = tokens[i + 1].text if i + 1 < len(tokens) else ""
    next_lower = bool(nxt_text) and nxt_text[0].islower()
    if trail.endswith("-") and next_lower:
        f["linebreak_hyphen"] = 1.0
    if i > 0 and tokens[i - 1].text.endswith("-") and core[:1].islower():
        f["after_hyphen"] = 1.0
    abbreviation = (_ABBR.match(core) or len(core) <= 3 and core[:1].isupper()
                    or doc.lcs[i] in _STOP_ABBREVIATIONS)
    if trail[:1] in (".", "!", "?") and next_lower and same_line_next and not abbreviation:
        f["stop_before_lower"] = 1.0
        if doc.lcs[i] in _FUNCTION:
            f["stop_after_function"] = 1.0
    if same_line_prev and doc.unknown[i - 1]:
        f["prev_unknown"] = 1.0
    if same_line_next and doc.unknown[i + 1]:
        f["next_unknown"] = 1.0
    if not same_line_prev:
        f["line_start"] = 1.0
    elif core[:1].isupper():
        ptrail = doc.parts[i - 1][2]
        if not ptrail or ptrail[-1] not in ".!?:\"'":
            f["cap_midsentence"] = 1.0


def _match_case(word: str, like: str) -> str:
    if not word:
        return ""
    if like.isupper() and len(like) > 1:
        return word.upper()
    if like[:1].isupper():
        return word[:1].upper() + word[1:]
    return word


def _sigmoid(x: float) -> float:
    if x < -30:
        return 0.0
    return 1.0 / (1.0 + math.exp(-x))


def score_features(f: dict[str, float], weights: dict[str, float]) -> float:
    return _sigmoid(sum(v * weights.get(k, 0.0) for k, v in f.items()))


def _logit(p: float) -> float:
    return math.log(p / (1 - p))


# A short text has too little evidence of its own error rate: its estimate is shrunk towards a
# general rate, lower than the training corpus's (one token in six is newspaper OCR at its worst).
_ADAPT_PSEUDO = 100
_ADAPT_RATE = 0.08
# The least error rate assumed: even a proof-read text keeps a few errors, and the EM estimate
# of a clean text's rate feeds on itself (every shift makes its errors look rarer still).
_MIN_RATE = 0.006
# The least posterior a flag needs, however few errors the text seems to have.
_FLOOR = 0.3


def document_shift(logits: list[float], base: float) -> float:
    """Logit shift for this document's own error rate, estimated by label-shift EM.

    The model's bias encodes the training corpus's error rate (about one token in six). A clean
    modern text has far fewer errors, so the same evidence is worth less there (Saerens et al.
    2002): re-estimate the rate as the mean adjusted posterior, shift every logit by the change
    in prior log-odds, repeat. The estimate is shrunk towards a general rate for short texts.
    """
    n = len(logits)
    if not n:
        return 0.0
    p = base
    shift = 0.0
    for _ in range(100):
        shift = _logit(p) - _logit(base)
        mean = sum(_sigmoid(z + shift) for z in logits)
        new = min(max((mean + _ADAPT_PSEUDO * _ADAPT_RATE) / (n + _ADAPT_PSEUDO), _MIN_RATE), 0.9)
        if abs(new - p) < 1e-6:
            break
        p = new
    return shift


def f1_cut(probs: list[float], ceiling: float) -> float:
    """The posterior above which flags maximise the expected F1 of this text.

    The F1-optimal threshold on calibrated posteriors is half the best achievable F1 (Lipton et
    al. 2014); the expected F1 of the k most likely tokens is 2 * (sum of their posteriors) /
    (k + sum of all posteriors). A text with few errors gets a lower cut than the training
    corpus, so that the errors it has are still flagged; never below _FLOOR.
    """
    total = sum(probs)
    best = cum = 0.0
    for k, p in enumerate(sorted(probs, reverse=True), start=1):
        if p < _FLOOR:
            break
        cum += p
        best = max(best, 2 * cum / (k + total))
    return min(ceiling, max(_FLOOR, best / 2))


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
# Early-modern spellings of modern words: rewrites tried up to twice (haue -> have,
# vpon -> upon, iust -> just, hym -> him, olde -> old, citie -> city, winne -> win,
# goeth -> goes, thinkest -> think, smother'd -> smothered, warres -> wars).
_SWAPS = (("v", "u"), ("u", "v"), ("j", "i"), ("i", "j"), ("y", "i"), ("i", "y"), ("vv", "w"),
          ("ee", "e"), ("ee", "ie"), ("oo", "o"))
_ENDINGS = (("e", ""), ("es", "s"), ("ely", "ly"), ("ie", "y"), ("ck", "c"), ("eth", "es"),
            ("eth", "s"), ("est", ""), ("st", ""), ("'d", "ed"), ("'d", "d"), ("'st", ""),
            ("'n", "en"), ("'t", "ed"))
_PERIOD_ZIPF = 2.5
_DOUBLED = re.compile(r"([b-df-hj-np-tv-z])\1")


def _period_rewrites(w: str) -> set[str]:
    out: set[str] = set()
    for a, b in _SWAPS:
        k = w.find(a)
        while k >= 0:
            out.add(w[:k] + b + w[k + len(a) :])
            k = w.find(a, k + 1)
    for a, b in _ENDINGS:
        if w.endswith(a) and len(w) > len(a) + 1:
            out.add(w[: len(w) - len(a)] + b)
    for m in _DOUBLED.finditer(w):
        out.add(w[: m.start()] + w[m.start() + 1 :])
    out.discard(w)
    return out


def period_spelling(an: Analyzer, lc: str) -> str:
    """The modern word an early-modern spelling stands for, or "" when lc is no such spelling."""
    if lc in _ARCHAIC:
        return lc
    first = _period_rewrites(lc)
    for level in (first, {v for w in first for v in _period_rewrites(w)} - {lc}):
        # A common dictionary word of three letters or more: wordfreq alone knows junk (fh).
        known = [w for w in level if w in _ARCHAIC or
                 len(w) > 2 and w in an.res.sym_count and an.zipf(w) >= _PERIOD_ZIPF]
        if known:
            return max(known, key=an.zipf)
    return ""


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
        if c < 2:
            continue
        near = (_edits1(w) | {v for v, _ in an.candidates(w)}) if len(w) < 20 else set()
        expected = sum(counts.get(v, 0) for v in near if v != w) * rate * _DOC_SHARE
        if c >= 2 * expected + 2:
            out[w] = c
    return out


def spacing_conventions(tokens: list[Token], early_modern: bool) -> set[str]:
    """Marks the printer sets off with spaces ("deep ! The"), when the document does it often."""
    spaced: dict[str, int] = {}
    total: dict[str, int] = {}
    for t in tokens:
        for ch in t.text:
            if ch in "!?;:":
                total[ch] = total.get(ch, 0) + 1
        if t.text in ("!", "?", ";", ":"):
            spaced[t.text] = spaced.get(t.text, 0) + 1
    if early_modern:
        return {"!", "?", ";", ":"}
    return {m for m, n in spaced.items() if n >= 3 and n >= 0.3 * total[m]}


_CONSISTENT_WEIGHT = 1.5
_PERIOD_WEIGHT = 8.0
_EARLY_CONTEXT_WEIGHT = 1.5
_SPACING_WEIGHT = 4.0


def looks_early_modern(an: Analyzer, lcs: list[str]) -> bool:
    """The document shows its period itself: several archaic words (thou, hath, 'tis) or
    several unknown forms that are early-modern spellings of common words (haue, vpon)."""
    types = {w for w in lcs if w}
    archaic = sum(1 for w in types if w in _ARCHAIC)
    spelled = 0
    for w in types:
        if w.replace("'", "").isalpha() and not an.known(w) and period_spelling(an, w):
            spelled += 1
            if spelled >= _DETECT_SPELLINGS:
                return True
    return archaic >= _DETECT_ARCHAIC


_DETECT_ARCHAIC = 3
_DETECT_SPELLINGS = 4
# Reasons the period's conventions can explain: the word itself, a "split" of an unknown
# spelling (heere: he ere), a question or exclamation mark before a lower-case word.
_PERIOD_REASONS = _WORD_REASONS | {"glued-words"}


def _word_adjustment(an: Analyzer, lc: str, reason: str, consistent: dict[str, int],
                     early: bool) -> float:
    adj = 0.0
    c = consistent.get(lc, 0)
    if c and reason in _WORD_REASONS:
        adj -= _CONSISTENT_WEIGHT * (1 + min(math.log2(c), 3))
    if early and reason in _PERIOD_REASONS:
        if period_spelling(an, lc):
            adj -= _PERIOD_WEIGHT
        elif reason in ("real-word-context", "unlikely-word"):
            adj -= _EARLY_CONTEXT_WEIGHT
    return adj


def evidence_adjustments(
    an: Analyzer,
    tokens: list[Token],
    analysed: list[tuple[dict[str, float], str, str]],
    rate: float,
    early: bool,
) -> list[float]:
    """Per token, the logit change that the document's own usage and its period call for."""
    parts = [split_core(t.text.translate(TYPO)) for t in tokens]
    lcs = [core.lower() for _, core, _ in parts]
    consistent = consistent_spellings(an, lcs, rate)
    spacing = spacing_conventions(tokens, early)
    out = []
    for tok, (_, _, trail), lc, (_, reason, _) in zip(tokens, parts, lcs, analysed, strict=True):
        adj = _word_adjustment(an, lc, reason, consistent, early)
        if reason == "stray-punctuation" and tok.text in spacing:
            adj -= _SPACING_WEIGHT
        if early and reason == "glued-punctuation" and trail[:1] in ("?", "!"):
            adj -= _PERIOD_WEIGHT
        out.append(adj)
    return out


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


# --- evidence of the page: marks that break the sentence, one-off variants of its own words ------

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
            k = _token_at(by_line, lineno, col0)
            if k is not None:
                out[k] = kind
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


def _variant_of_parts(an: Analyzer, distance, stem: str, words: dict[str, int],  # noqa: ANN001
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


def _near_variant(distance, part: str, words: dict[str, int],  # noqa: ANN001 - no stubs
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
# Reasons for marks that no change of the token's own text puts right: no suggestion.
_MARK_KINDS = {"dash": ("dash-spacing", ""), "note": ("note-call", "")}


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
    slips = word_slips(an, tokens, early, dashes="\u2014" in text or "--" in text)
    hits: list[bool] = []
    reasons: list[tuple[str, str] | None] = []
    for i, (_, reason, _) in enumerate(analysed):
        kind = marks[i] or spacing.get(i, "")
        hits.append(bool(kind) or bool(variants[i]) or bool(slips[i]))
        if kind and (reason in _MARK_REASONS or reason == "glued-punctuation"):
            # A stop before a lower-case word is most often a comma misread (its tail lost);
            # an open parenthetical wants its closing comma; other marks go.
            fixed = parts[i][1] + ("," if kind in ("stop", "comma") else "")
            reasons.append(_MARK_KINDS.get(kind) or ("glued-punctuation", fixed))
        elif variants[i]:
            # The document's own form is the likeliest reading of its one-off variant.
            reasons.append((reason, variants[i]))
        else:
            reasons.append(None)
    return hits, reasons

@lru_cache(maxsize=1)
def default_analyzer() -> Analyzer:
    return Analyzer(default_resources())


def find_suspects(
    text: str,
    accepted: frozenset[str] = frozenset(),
    *,
    analyzer: Analyzer | None = None,
    threshold: float | None = None,
    adapt: bool = True,
    settings: Settings | None = None,
) -> list[Suspect]:
    """Likely OCR errors in text, most likely first. Accepted words (any case) are never flagged.

    With adapt (the default) scores are recalibrated to the text's own estimated error rate
    (document_shift) and the cut is the one that maximises the text's expected F1 (f1_cut).
    Evidence from the document itself (consistent spellings, spacing conventions) and the
    period in settings lower the scores of what the text shows to be normal.
    """
    an = analyzer or default_analyzer()
    settings = settings or Settings()
    ceiling = an.res.threshold if threshold is None else threshold
    acc = {w.lower() for w in accepted}
    tokens = tokenize(text)
    analysed = an.analyse(tokens)
    weights = an.res.weights
    base = float(an.res.model["prior_base"])
    logits = [sum(v * weights.get(k, 0.0) for k, v in f.items()) for f, _, _ in analysed]
    shift = document_shift(logits, base) if adapt else 0.0
    rate = _sigmoid(_logit(base) + shift)
    early = reads_early_modern(an, tokens, settings)
    adjust = evidence_adjustments(an, tokens, analysed, rate, early)
    logits = [z + a for z, a in zip(logits, adjust, strict=True)]
    # The text's error rate again, now that its own conventions no longer count as errors.
    shift = document_shift(logits, base) if adapt else 0.0
    probs = [_sigmoid(z + shift) for z in logits]
    cut = f1_cut(probs, ceiling) if adapt and threshold is None else ceiling
    # The page's evidence comes on top: it neither moves the estimated error rate nor the cut.
    page, page_reasons = page_evidence(an, text, tokens, analysed, early)
    probs = [_sigmoid(max(z, 0.0) + _PAGE_WEIGHT + shift) if hit else p
             for z, p, hit in zip(logits, probs, page, strict=True)]
    lexicon = document_lexicon(tokens)
    found: list[Suspect] = []
    for i, (tok, (f, reason, sug), score) in enumerate(zip(tokens, analysed, probs, strict=True)):
        reason, sug = page_reasons[i] or (reason, sug)
        _, core, _ = split_core(tok.text)
        if acc and (tok.text.lower() in acc or core.lower() in acc) or "ellipsis" in f:
            continue
        if score < cut:
            continue
        ranked = an.suggest(tokens, i, reason, sug, lexicon)
        found.append(Suspect(tok.line, tok.column, tok.raw, ranked[0] if ranked else "", reason,
                             round(score, 4), tuple(ranked)))
    found.sort(key=lambda s: (-s.score, s.line, s.column))
    return found


def format_human(suspects: list[Suspect], path: str) -> str:
    if not suspects:
        return f"{path}: no OCR suspects\n"
    lines = []
    for s in suspects:
        hint = f" -> {s.suggestion}" if s.suggestion else ""
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
    if s.reason == "stray-punctuation":
        return f'[]{{.corr sic="{_attr(s.token)}" cert="low"}}'
    whole = s.reason in ("glued-punctuation", "inner-punctuation")
    lead, core, trail = ("", s.token, "") if whole else split_core(s.token)
    reading = _MD_SPECIAL.sub(r"\\\1", s.suggestion)
    return f'{lead}[{reading}]{{.corr sic="{_attr(core)}" cert="low"}}{trail}'


def format_markup(suspects: list[Suspect], path: str) -> str:
    """Per flag with a suggestion: where, and the emendation span ready to paste into text.md."""
    if not suspects:
        return f"{path}: no OCR suspects\n"
    lines = []
    for s in sorted(suspects, key=lambda s: (s.line, s.column)):
        if s.suggestion or s.reason == "stray-punctuation":
            lines.append(f"{path}:{s.line}:{s.column}: {emendation_markup(s)}")
        else:
            lines.append(f"{path}:{s.line}:{s.column}: {s.token!r}: no suggestion [{s.reason}]")
    return "\n".join(lines) + "\n"


def _tsv_cell(value: str) -> str:
    return value.replace("\\", "\\\\").replace("\t", "\\t").replace("\n", "\\n")


def format_tsv(suspects: list[Suspect]) -> str:
    rows = ["line\tcolumn\ttoken\tsuggestion\treason"]
    for s in suspects:
        rows.append(
            f"{s.line}\t{s.column}\t{_tsv_cell(s.token)}\t{_tsv_cell(s.suggestion)}\t{s.reason}"
        )
    return "\n".join(rows) + "\n"
