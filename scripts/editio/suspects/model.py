"""Scores from features, and their calibration to a text's own error rate (label-shift EM) and
the cut that maximises the text's expected F1."""

from __future__ import annotations

import math


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


# Raw OCR of print the model was not trained on (other newspapers, older books) has errors the
# model reads with more confidence than it should: at the expected-F1 cut about one correct
# token in thirty is flagged there. A text whose estimated error rate is that of raw OCR gets a
# higher cut, tuned on the development halves of the real-OCR sets (newspapers: false flags
# 3.42 % -> 2.82 % of correct tokens, F1 0.847 -> 0.846; older books: 7.93 % -> 7.33 %, F1
# 0.717 -> 0.706). It starts above _ADAPT_RATE, the rate a short text's estimate is shrunk to,
# so a short or a proof-read text keeps the expected-F1 cut.
_NOISY_FROM = _ADAPT_RATE
_NOISY_AT = 0.15
_NOISY_CUT = 0.5


# On the noisiest pages (a playbill, black letter read as junk: three tokens in ten wrong or
# more) a correct word stands among garbage, and the features that read a token by its
# neighbours (unknown words beside it, the bigram context) take it for more of the same: the
# cut rises on, to _JUNK_CUT at _JUNK_AT. Tuned on the development halves (older books: false
# flags 3.66 % -> 3.21 %, F1 0.777 -> 0.769; newspapers: 2.76 % -> 2.39 %, F1 0.844 -> 0.841);
# a sixth of BLN600's training documents, whose pages are seldom that noisy, score the same.
_JUNK_FROM = 0.3
_JUNK_AT = 0.6
_JUNK_CUT = 0.9


def _ramp(rate: float, start: float, end: float) -> float:
    return min(max((rate - start) / (end - start), 0.0), 1.0)


def noisy_cut(rate: float) -> float:
    """The least cut for a text of this estimated error rate: _FLOOR up to _NOISY_FROM, rising
    linearly to _NOISY_CUT at _NOISY_AT, and from _JUNK_FROM on to _JUNK_CUT at _JUNK_AT."""
    return (_FLOOR + _ramp(rate, _NOISY_FROM, _NOISY_AT) * (_NOISY_CUT - _FLOOR)
            + _ramp(rate, _JUNK_FROM, _JUNK_AT) * (_JUNK_CUT - _NOISY_CUT))
