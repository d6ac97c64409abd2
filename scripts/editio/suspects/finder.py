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

import re
from functools import lru_cache

from editio.suspects.dictionary import (
    MODEL_RESOURCE,
    Resources,
    build_resources,
    cache_dir,
    default_resources,
    load_dictionaries,
    load_symspell,
)
from editio.suspects.evidence import (
    bled_in,
    confusion_context,
    consistent_spellings,
    document_lexicon,
    elided_spelling,
    evidence_adjustments,
    period_spelling,
    period_words,
    reads_early_modern,
    shows_old_print,
    skeleton_spelling,
)
from editio.suspects.features import Analyzer
from editio.suspects.model import (
    _logit,
    _sigmoid,
    document_shift,
    f1_cut,
    noisy_cut,
    score_features,
)
from editio.suspects.page import _PAGE_WEIGHT, page_evidence
from editio.suspects.report import (
    Suspect,
    emendation_markup,
    format_human,
    format_markup,
    format_tsv,
)
from editio.suspects.settings import PERIODS, Settings, settings_from_meta
from editio.suspects.tokens import TYPO, Token, prior_key, split_core, tokenize

# The finder's public face: what the command line, `make check`, the correction desk and the
# tools import from here, wherever it is defined.
__all__ = [
    "DESK_BELOW", "MODEL_RESOURCE", "PERIODS", "TYPO", "Analyzer", "Resources", "Settings",
    "Suspect", "Token",
    "bled_in", "build_resources", "cache_dir", "confusion_context", "consistent_spellings",
    "default_analyzer", "default_resources", "document_lexicon", "elided_spelling",
    "emendation_markup", "find_suspects",
    "format_human", "format_markup", "format_tsv", "load_dictionaries", "load_symspell",
    "page_evidence", "period_spelling", "period_words", "prior_key", "score_features",
    "settings_from_meta", "skeleton_spelling",
    "split_core", "tokenize",
]


# The share of the finder's cut down to which the correction desk asks (find_suspects' below):
# a skip costs the editor a key, a wrong token no flag reaches is typed as a span (some 25).
# On a quarter of the training BLN600 documents (bench_desk --training 4) half the cut asks
# 746 more questions, 457 of them on right tokens: 49.4 % of the wrong tokens put right by one
# accept instead of 47.9 %, 0.98 actions per corrected token instead of 0.92, 5.46 keystrokes
# instead of 6.03. A third of the cut: 50.0 %, 1.07 actions; a fifth: 50.3 %, 1.18.
DESK_BELOW = 0.5


@lru_cache(maxsize=1)
def default_analyzer() -> Analyzer:
    return Analyzer(default_resources())


def _scores(an: Analyzer, tokens: list[Token], analysed: list, page: list[bool],
            period: tuple[bool, bool], adapt: bool, threshold: float | None
            ) -> tuple[list[float], float, list[bool]]:
    """Each token's posterior, the cut a flag needs (see find_suspects), and whether the
    model flags the token without the page's evidence. period: (early-modern, old print)."""
    ceiling = an.res.threshold if threshold is None else threshold
    weights = an.res.weights
    base = float(an.res.model["prior_base"])
    logits = [sum(v * weights.get(k, 0.0) for k, v in f.items()) for f, _, _ in analysed]
    shift = document_shift(logits, base) if adapt else 0.0
    rate = _sigmoid(_logit(base) + shift)
    early, old_print = period
    adjust = evidence_adjustments(an, tokens, analysed, rate, early, old_print or early)
    logits = [z + a for z, a in zip(logits, adjust, strict=True)]
    # The text's error rate again, now that its own conventions no longer count as errors.
    shift = document_shift(logits, base) if adapt else 0.0
    probs = [_sigmoid(z + shift) for z in logits]
    cut = f1_cut(probs, ceiling) if adapt and threshold is None else ceiling
    if adapt and threshold is None:
        cut = max(cut, noisy_cut(_sigmoid(_logit(base) + shift)))
    alone = [p >= cut for p in probs]
    # The page's evidence comes on top: it neither moves the estimated error rate nor the cut.
    probs = [_sigmoid(max(z, 0.0) + _PAGE_WEIGHT + shift) if hit else p
             for z, p, hit in zip(logits, probs, page, strict=True)]
    return probs, cut, alone


def _spans(starts: list[int], text: str, tokens: list[Token], i: int,
           readings: list[tuple[str, int, int]]) -> tuple[tuple[int, int, str], ...]:
    """Suspect.spans: where each reading reads, when one takes a neighbour with it: (line,
    column, the text it replaces), a line's end within it where the stretch crosses one."""
    if all(before == after == 0 for _, before, after in readings):
        return ()
    out = []
    for _, before, after in readings:
        first, last = tokens[i - before], tokens[i + after]
        start = starts[first.line - 1] + first.column - 1
        end = starts[last.line - 1] + last.column - 1 + len(last.raw)
        out.append((first.line, first.column, text[start:end]))
    return tuple(out)


def find_suspects(
    text: str,
    accepted: frozenset[str] = frozenset(),
    *,
    analyzer: Analyzer | None = None,
    threshold: float | None = None,
    adapt: bool = True,
    settings: Settings | None = None,
    below: float = 1.0,
) -> list[Suspect]:
    """Likely OCR errors in text, most likely first. Accepted words (any case) are never flagged.

    With adapt (the default) scores are recalibrated to the text's own estimated error rate
    (document_shift) and the cut is the one that maximises the text's expected F1 (f1_cut).
    Evidence from the document itself (consistent spellings, spacing conventions) and the
    period in settings lower the scores of what the text shows to be normal.

    adapt=False (`editio suspects --sensitive`) asks every question the adapted run asks and,
    besides, every one the model asks at its own cut before any recalibration: a text whose
    estimated error rate is high gets a lower cut from f1_cut than the model's, so neither
    reading alone flags all the other does.

    below: the share of the cut a token's score needs (1, the report's flags): the correction
    desk asks down to DESK_BELOW of it, those under the cut only where they have a reading (a
    question without one costs a key and saves none), the cut itself unchanged.
    """
    an = analyzer or default_analyzer()
    settings = settings or Settings()
    acc = {w.lower() for w in accepted}
    tokens = tokenize(text)
    analysed = an.analyse(tokens)
    early = reads_early_modern(an, tokens, settings)
    page, page_reasons = page_evidence(an, text, tokens, analysed, early)
    bled = [False] * len(tokens)
    if not early:
        # A known word its neighbours take for another (tinder for under): the model reads the
        # word alone and misses most of these. Early-modern grammar is not the pairs' grammar.
        for i, wanted in enumerate(confusion_context(an, tokens)):
            if wanted and not page[i]:
                page[i] = True
                page_reasons[i] = ("real-word-context", wanted)
        # ... nor a token the sentence reads on without (the the, by rs medical)
        bled = [hit and not page[i] for i, hit in enumerate(bled_in(an, tokens, text=text))]
        page = [a or b for a, b in zip(page, bled, strict=True)]
    period = (early, shows_old_print(tokens, settings))
    if any(period):
        # the page's evidence reads a spelling of old print as a slip of the modern word
        words = period_words()
        for i, t in enumerate(tokens):
            if page[i] and split_core(t.text.translate(TYPO))[1].lower() in words:
                page[i], page_reasons[i], bled[i] = False, None, False
    probs, cut, alone = _scores(an, tokens, analysed, page, period, True, threshold)
    passed = [p >= cut for p in probs]
    asked = [p >= cut * below for p in probs]
    if not adapt:
        raw, raw_cut, raw_alone = _scores(an, tokens, analysed, page, period, False, threshold)
        passed = [a or r >= raw_cut for a, r in zip(passed, raw, strict=True)]
        asked = [a or r >= raw_cut * below for a, r in zip(asked, raw, strict=True)]
        probs = [max(p, r) for p, r in zip(probs, raw, strict=True)]
        alone = [a or r for a, r in zip(alone, raw_alone, strict=True)]
    for i, hit in enumerate(bled):
        if hit and not alone[i]:
            # the model's reading stands where the model flags the token itself: a misread
            # word more often than a token to delete
            page_reasons[i] = ("bled-in", "")
    lexicon = document_lexicon(tokens)
    starts = [0, *(m.end() for m in re.finditer("\n", text))]
    found: list[Suspect] = []
    for i, (tok, (f, reason, sug), score) in enumerate(zip(tokens, analysed, probs, strict=True)):
        reason, sug = page_reasons[i] or (reason, sug)
        _, core, _ = split_core(tok.text)
        if acc and (tok.text.lower() in acc or core.lower() in acc) or "ellipsis" in f:
            continue
        if not asked[i]:
            continue
        readings = an.readings(tokens, i, reason, sug, lexicon)
        ranked = [text for text, _, _ in readings]
        if not passed[i] and not ranked:
            continue
        found.append(Suspect(tok.line, tok.column, tok.raw, ranked[0] if ranked else "", reason,
                             round(score, 4), tuple(ranked), an.note(tokens, i, reason, ranked),
                             _spans(starts, text, tokens, i, readings)))
    found.sort(key=lambda s: (-s.score, s.line, s.column))
    return found
