"""Ranking: how likely each reading of a suspect token is, for the suggestions
(suggestions.py) to order the candidates they generate. The OCR channel (the learned
confusions along an alignment), the context (the newspapers' word pairs with symspellpy's,
_PairContext), the words of the training ground truth the dictionary lacks (_CorpusWords),
and each candidate's features and their weights (_RANK_WEIGHTS)."""

from __future__ import annotations

import difflib
import functools
import math
import re
from dataclasses import dataclass
from typing import TYPE_CHECKING

from editio.suspects.dictionary import Resources

if TYPE_CHECKING:  # symspellpy ships no type hints: its class named, not checked
    from symspellpy import SymSpell

_UNSEEN_EDIT = -9.0  # channel log-prob of an edit that training never saw


class Ranker:
    """How likely a reading is (mixed into the Analyzer through the Corrector, whose
    look-ups it uses)."""

    # what the Analyzer (features.py) gives the methods below
    res: Resources
    _rule_logp: dict[tuple[str, str], float] | None

    if TYPE_CHECKING:
        def ctx(self, prev: str, w: str, nxt: str) -> float: ...

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

    def _features(self, c: str, channel: float, word: str, prev: str, nxt: str,
                  lexicon: dict[str, int] | None, local: dict[str, float],
                  forms: dict[str, int]) -> dict[str, float]:
        """What ranks candidate c of word (see candidate_features)."""
        lm = local[c] if c in local and c not in self.res.sym_count else \
            self.context(prev, c, nxt)
        longer = len(c) - len(word)
        f = {"channel": channel, "context": lm, "length": float(abs(longer)),
             "longer": float(longer), "edits": float(_edit_count(word, c))}
        if lexicon and c in lexicon:
            # a word the document itself uses again is the likelier reading (its names): as
            # often as it uses it beyond what the word's frequency (Zipf: per 10^9 words) gives
            # a text this long, so that a common word used as often as any text does gains
            # nothing from it (theb: the, not that)
            expected = sum(lexicon.values()) * 10 ** (self.res.zipf.get(c, 0.0) - 9)
            beyond = math.log(lexicon[c] / (1 + expected))
            if beyond > 0:
                f["own"] = beyond
        if forms.get(c):
            # the share of the form's readings in training that were c (air: mr)
            f["form_share"] = forms[c] / sum(forms.values())
        return f

    def _corpus_words(self) -> _CorpusWords:
        """The words of the training ground truth the dictionary lacks (Mr, Messrs, Battersea),
        with symspellpy's index of them."""
        got = self.__dict__.get("_corpus_words_")
        if got is None:
            got = _CorpusWords.of(self.res, self.res.model.get("gt_unigrams", {}))
            self.__dict__["_corpus_words_"] = got
        return got

    def context(self, prev: str, w: str, nxt: str) -> float:
        """Log-probability of w between the words prev and nxt (either may be ""): P(w | prev)
        P(nxt | w) by _PairContext, the ranking's context (the flagging's is Analyzer.ctx)."""
        if not w:
            return self.ctx(prev, w, nxt)
        pairs = self.__dict__.get("_pair_context_")
        if pairs is None:
            pairs = _PairContext.of(self.res)
            self.__dict__["_pair_context_"] = pairs
        return (pairs.logp(prev, w) if prev else math.log(pairs.unigram(w))) + \
            (pairs.logp(w, nxt) if nxt else 0.0)

    def _reading_score(self, reading: str, prev: str, nxt: str) -> float:
        """The score of the analysis's reading on the scale of scored_corrections: a split costs
        _SPLIT_COST, a mark taken off costs nothing to the letters."""
        words = reading.lower().split()
        if len(words) == 2:
            return self.split_score(prev, words, nxt)
        return self.context(prev, re.sub(r"[^a-z']", "", reading.lower()), nxt)

    @staticmethod
    def misread_score(word: str, letters: str, channel: float) -> float:
        """What reading word's letters as letters costs a reading of several words (a split),
        where they differ: the channel as it stands, and the letters added or dropped and the
        places they differ at weighed as a one-word reading's are (_RANK_WEIGHTS), so that a
        split pays for its misreadings what a word does (SLauton: Stanton, not 'a ton';
        himnolf: himself, not 'him of'); nothing more where the letters are word's own."""
        if letters == word:
            return channel
        longer = len(letters) - len(word)
        return channel + rank_score({"length": float(abs(longer)), "longer": float(longer),
                                     "edits": float(_edit_count(word, letters))})

    def split_score(self, prev: str, words: list[str], nxt: str) -> float:
        """What reading one token as words costs, on the scale of scored_corrections' context:
        a lost space each, and the words in a chain from prev to nxt (each word's
        probability after the one before it, once: a word's own frequency counted again
        would weigh against every split)."""
        score = _SPLIT_COST * (len(words) - 1) + self.context(prev, words[0], "")
        for k in range(1, len(words)):
            score += self.context(words[k - 1], words[k], nxt if k == len(words) - 1 else "")
        return score


@functools.lru_cache(maxsize=1 << 16)
def _edit_count(w: str, cand: str) -> int:
    """How many places the alignment of w and cand differs at (a run of letters one place)."""
    ops = difflib.SequenceMatcher(None, w, cand, autojunk=False).get_opcodes()
    return sum(op != "equal" for op, *_ in ops)


def rank_score(f: dict[str, float]) -> float:
    """A candidate's score from its features (Ranker._features): their weighted sum."""
    return sum(_RANK_WEIGHTS.get(k, 0.0) * v for k, v in f.items())


@dataclass
class _CorpusWords:
    """Words of the newspapers the model learned from that symspellpy's list lacks (Mr,
    Messrs, prosecutrix, Battersea), as candidates of their own: their counts, scaled to the
    dictionary's, give their likelihood."""

    counts: dict[str, float]
    index: SymSpell

    @classmethod
    def of(cls, res: Resources, gt_counts: dict[str, int]) -> _CorpusWords:
        from symspellpy import SymSpell

        total = sum(gt_counts.values()) or 1
        counts = {w: c / total for w, c in gt_counts.items()
                  if w not in res.sym_count and c >= _CORPUS_WORD_MIN and
                  _CORPUS_WORD.fullmatch(w)}
        index = SymSpell(max_dictionary_edit_distance=2)
        for w in counts:
            index.create_dictionary_entry(w, gt_counts[w])
        return cls(counts, index)


@dataclass
class _PairContext:
    """Word pairs of the training ground truth (the newspapers' own: "the prisoner", "he was")
    as a bigram model with interpolated Kneser-Ney smoothing (an unseen pair backs off to how
    many different words the second follows, and to its frequency), mixed with symspellpy's
    bigram counts from the web where it has the pair. Case-folded; a pair across a mark is no
    pair (the training tallies none)."""

    pairs: dict[tuple[str, str], int]
    after: dict[str, int]  # a -> count of the pairs a begins
    follow: dict[str, int]  # a -> how many different words follow a
    precede: dict[str, int]  # b -> how many different words precede b
    words: dict[str, int]  # the ground truth's word counts
    n_words: int
    sym: dict[str, int]  # symspellpy's word counts and pair counts
    n_sym: int
    web: dict[tuple[str, str], int]

    @classmethod
    def of(cls, res: Resources) -> _PairContext:
        pairs: dict[tuple[str, str], int] = {}
        after: dict[str, int] = {}
        follow: dict[str, int] = {}
        precede: dict[str, int] = {}
        for key, c in res.model.get("gt_bigrams", {}).items():
            a, _, b = key.partition(" ")
            pairs[(a, b)] = c
            after[a] = after.get(a, 0) + c
            follow[a] = follow.get(a, 0) + 1
            precede[b] = precede.get(b, 0) + 1
        words = res.model.get("gt_unigrams", {})
        return cls(pairs, after, follow, precede, words, sum(words.values()) or 1,
                   res.sym_count, sum(res.sym_count.values()) or 1, res.bigrams)

    def unigram(self, w: str) -> float:
        """P(w): the ground truth's count and its continuation count (how many words it
        follows), each half of _CORPUS_SHARE, mixed with symspellpy's count."""
        own = self.words.get(w, 0) / self.n_words + \
            self.precede.get(w, 0) / max(len(self.pairs), 1)
        return _CORPUS_SHARE * own / 2 + (1 - _CORPUS_SHARE) * self.sym.get(w, 0) / self.n_sym \
            + _FLOOR

    def logp(self, a: str, b: str) -> float:
        """log P(b | a)."""
        p = self.unigram(b)
        seen = self.after.get(a)
        if seen:
            c = self.pairs.get((a, b), 0)
            p = (max(c - _DISCOUNT, 0) + _DISCOUNT * self.follow[a] * p) / seen
        web, sa = self.web.get((a, b)), self.sym.get(a)
        if web and sa:
            p = _PAIR_SHARE * p + (1 - _PAIR_SHARE) * web / sa
        return math.log(p)


# What ranks a candidate (candidate_features): the channel and the context, a word the document
# uses again likelier, the letters it has more or fewer than the token (length, and longer:
# signed, so that a dropped letter costs 3 nats and an added one gains 1 before its channel),
# each place the alignment differs at (edits), and the training OCR's forms (5 nats where a form
# always stood for the word). Fitted as a softmax over the candidates of the development
# split's errors (editio_tools.fit_ranking: bench_suggestions --dev's cases' candidate_features,
# the right reading's log-likelihood with an L2 penalty), scaled to the context's 1.0 (the
# scale the other readings' scores are on) and rounded: in two folds by document the right
# candidate led 1760 times of 2102 against 1725 with the earlier hand-tuned weights (channel
# 0.7, own 2, length -3, form 6), and the finder's first reading on --dev went from 1792 to
# 1822 of 2870 right. (fit_ranking on today's candidates: 1615 of 1931 in two folds, 1608
# with these; its fit, channel 0.66, edits -1.66, form 3.9, the rest within 0.2 of these.)
_RANK_WEIGHTS = {"channel": 0.7, "context": 1.0, "own": 2.5, "length": -1.0, "longer": 2.0,
                 "edits": -1.8, "form_share": 5.0}
# A word of the training ground truth the dictionary lacks is a candidate where it is seen this
# often there, letters and inner apostrophes only, two letters at least (not the initials).
_CORPUS_WORD_MIN = 3
_CORPUS_WORD = re.compile(r"[a-z][a-z']*[a-z]")
# The ranking's context (_PairContext): the discount of a seen pair (Kneser-Ney's usual 0.75),
# the ground truth's share of a word's probability against symspellpy's, and its pairs' share
# against symspellpy's where both have the pair; a floor for a word neither knows.
_DISCOUNT = 0.75
_CORPUS_SHARE = 0.5
_PAIR_SHARE = 0.8
_FLOOR = 1e-12
# What a lost space costs, in the channel's nats: about what a learned confusion does.
_SPLIT_COST = -6.5
