"""Per-token features: dictionary look-ups, character plausibility, punctuation and case shape,
learned OCR confusions and bigram context (the Analyzer), with a first reason and suggestion."""

from __future__ import annotations

import math
import re
from dataclasses import dataclass

from editio.suspects.dictionary import Resources
from editio.suspects.ranking import _UNSEEN_EDIT
from editio.suspects.suggestions import Corrector
from editio.suspects.tokens import (
    _ABBR,
    _DERIV_PREFIXES,
    _DERIV_SUFFIXES,
    _DIGIT_LOOKALIKE,
    _FUNCTION,
    _NORMAL_LEAD,
    _NORMAL_TRAIL,
    _NUMBER,
    _ORDINAL,
    _PREFIXES,
    _PRIOR_PSEUDO,
    _ROMAN,
    _SHORT_OK,
    _STOP_ABBREVIATIONS,
    _SUFFIXES,
    DASH_TOKENS,
    TYPO,
    Token,
    _edits1,
    _match_case,
    _odd_mixed_case,
    _shape,
    prior_key,
    spaced_dash,
    split_core,
)

# --- features ---------------------------------------------------------------------------------

_STEM_ZIPF = 1.7  # a stem rarer than this is no evidence (enthrall 1.74, cohere 1.99)
_SYM_TOTAL = 1.0e12  # rough token total behind symspellpy's counts
_CURRENCY = ("£", "$")
_COMMON_CHARS = frozenset(
    "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789.,;:'\"()!?&-£$%/"
)


class Analyzer(Corrector):
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
        if core[:1].isdigit() and lead[-1:] in _CURRENCY:
            lead = lead[:-1]  # £400, $25: the sign belongs to the number
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
    if i > 0 and tokens[i - 1].text.endswith("-") and core[:1].islower() and not (
            tokens[i - 1].text in DASH_TOKENS
            and (tokens[i - 1].text != "-" or spaced_dash(tokens, i - 1))):
        # (a dash standing alone, or doubled, is no line's hyphen: "He was -- well")
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
