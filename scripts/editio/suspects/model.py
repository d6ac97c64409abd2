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
