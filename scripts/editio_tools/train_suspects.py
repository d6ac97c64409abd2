"""Learns the OCR-suspect model from the BLN600 corpus and writes it as gzipped JSON.

python -m editio_tools.train_suspects --corpus DIR --holdout-every 5 --out FILE

Only the training documents (see bench_suspects for the split) are read. What is learned:
character trigrams and word counts of the ground truth, OCR confusion rules (character
substitutions seen in aligned word pairs), per-word OCR error rates, and the weights of a
logistic model over the finder's features. The weights are fitted on cross-fitted features
(statistics from the other folds) so that the per-word error rates do not leak their own labels.
Needs numpy (training only; the finder itself does not).
"""

from __future__ import annotations

import argparse
import difflib
import gzip
import json
import math
import re
import sys
import time
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from editio.suspects import finder as suspects
from editio_tools.bench_suspects import Doc, label_segment, load_corpus, split_docs, token_spans

FOLDS = 4
_WORD = re.compile(r"^[a-z]+$")


def _core_lc(tok: str) -> str:
    return suspects.split_core(tok.translate(suspects.TYPO))[1].lower()


@dataclass
class _Tally:
    """The counts build_stats learns from, gathered segment by segment."""

    gt_words: Counter[str] = field(default_factory=Counter)
    gt_pairs: Counter[str] = field(default_factory=Counter)
    char3: Counter[str] = field(default_factory=Counter)
    char2: Counter[str] = field(default_factory=Counter)
    prior_err: Counter[str] = field(default_factory=Counter)
    prior_tot: Counter[str] = field(default_factory=Counter)
    rule_n: Counter[tuple[str, str]] = field(default_factory=Counter)
    sub_n: Counter[str] = field(default_factory=Counter)
    n_err: int = 0
    n_tok: int = 0

    def ground_truth(self, g: str) -> None:
        parts = [suspects.split_core(w.translate(suspects.TYPO)) for w in g.split()]
        for (_, a, trail), (lead, b, _) in zip(parts, parts[1:], strict=False):
            # two words with no mark between them: what the context check reads
            if a and b and not trail and not lead:
                self.gt_pairs[f"{a.lower()} {b.lower()}"] += 1
        for w in g.split():
            lc = _core_lc(w)
            if lc:
                self.gt_words[lc] += 1
            letters = re.sub(r"[^a-z]", "", lc)
            if letters:
                s = "^" + letters + "$"
                for k in range(len(s) - 2):
                    self.char3[s[k : k + 3]] += 1
                    self.char2[s[k : k + 2]] += 1

    def ocr_tokens(self, otoks: list[str], labels: list[int | None]) -> None:
        for tok, lab in zip(otoks, labels, strict=True):
            lc = _core_lc(tok)
            if lab is None or not lc:
                continue
            key = suspects.prior_key(suspects.split_core(tok.translate(suspects.TYPO))[1])
            self.prior_tot[key] += 1
            self.prior_err[key] += lab
            self.n_tok += 1
            self.n_err += lab
            for ln in (1, 2, 3):
                for k in range(len(lc) - ln + 1):
                    self.sub_n[lc[k : k + ln]] += 1

    def confusions(self, otoks: list[str], gtoks: list[str]) -> None:
        sm = difflib.SequenceMatcher(None, otoks, gtoks, autojunk=False)
        for op, i1, i2, j1, j2 in sm.get_opcodes():
            if op != "replace" or i2 - i1 != j2 - j1:
                continue
            for a, b in zip(otoks[i1:i2], gtoks[j1:j2], strict=True):
                a, b = _core_lc(a), _core_lc(b)
                if a == b or not _WORD.match(a) or not _WORD.match(b) or abs(len(a) - len(b)) > 2:
                    continue
                self.word_pair(a, b)

    def word_pair(self, a: str, b: str) -> None:
        cm = difflib.SequenceMatcher(None, a, b, autojunk=False)
        for cop, x1, x2, y1, y2 in cm.get_opcodes():
            src, dst = a[x1:x2], b[y1:y2]
            if cop == "equal" or len(src) > 3 or len(dst) > 3:
                continue
            if not src:
                src = "+" + (a[x1 - 1] if x1 else "^")
            self.rule_n[(src, dst)] += 1

    def rules(self) -> list[list]:
        rules = []
        for (src, dst), n in self.rule_n.items():
            if n < 2:
                continue
            sub_n = self.sub_n
            base = sub_n[src[1:]] if src.startswith("+") and src[1:] != "^" else sub_n[src]
            if src == "+^":
                base = self.n_tok
            rules.append([src, dst, round(math.log(n / max(base, n)), 3)])
        return rules


def build_stats(docs: list[Doc]) -> dict:
    t = _Tally()
    for doc in docs:
        for o, g in zip(doc.ocr, doc.gt, strict=True):
            t.ground_truth(g)
            otoks = o.translate(suspects.TYPO).split()
            t.ocr_tokens(otoks, label_segment(o, g))
            t.confusions(otoks, g.translate(suspects.TYPO).split())
    gt_words, char2, prior_err, prior_tot = t.gt_words, t.char2, t.prior_err, t.prior_tot
    n_err, n_tok, rules = t.n_err, t.n_tok, t.rules()
    char3_lp = {
        k: round(math.log((c + 0.1) / (char2[k[:2]] + 2.7)), 3)
        for k, c in t.char3.items() if c >= 2
    }
    return {
        "gt_unigrams": {w: c for w, c in gt_words.items() if c >= 2},
        "gt_bigrams": {p: c for p, c in t.gt_pairs.items() if c >= 2},
        "char3": char3_lp,
        "char3_floor": -8.0,
        "token_prior": {w: [prior_err[w], t] for w, t in prior_tot.items() if t >= 3},
        "prior_base": n_err / max(n_tok, 1),
        "rules": sorted(rules),
        "threshold": 0.5,
        "weights": {},
    }


def extract(docs: list[Doc], analyzer: suspects.Analyzer) -> tuple[list[dict], list[int]]:
    feats, labels = [], []
    for doc in docs:
        tokens = suspects.tokenize(doc.text)
        analysed = analyzer.analyse(tokens)
        spans = [token_spans(s) for s in doc.ocr]
        seg_labels = [label_segment(o, g) for o, g in zip(doc.ocr, doc.gt, strict=True)]
        for tok, (f, _, _) in zip(tokens, analysed, strict=True):
            for k, (a, b) in enumerate(spans[tok.line - 1]):
                if a <= tok.column - 1 < b:
                    lab = seg_labels[tok.line - 1][k]
                    if lab is not None:
                        feats.append(f)
                        labels.append(lab)
                    break
    return feats, labels


def fit_logistic(feats: list[dict], labels: list[int], l2: float = 1e-4) -> dict[str, float]:
    import numpy as np

    names = sorted({k for f in feats for k in f})
    index = {n: i for i, n in enumerate(names)}
    x = np.zeros((len(feats), len(names)))
    for r, f in enumerate(feats):
        for k, v in f.items():
            x[r, index[k]] = v
    y = np.asarray(labels, dtype=float)
    w = np.zeros(len(names))
    m = np.zeros_like(w)
    v = np.zeros_like(w)
    # Adam on the full batch: a few hundred steps converge for ~200k rows and ~50 features.
    for step in range(1, 1501):
        z = np.clip(x @ w, -30, 30)
        p = 1 / (1 + np.exp(-z))
        grad = x.T @ (p - y) / len(y) + l2 * w
        m = 0.9 * m + 0.1 * grad
        v = 0.999 * v + 0.001 * grad * grad
        w -= 0.05 * (m / (1 - 0.9**step)) / (np.sqrt(v / (1 - 0.999**step)) + 1e-8)
    return {n: round(float(w[i]), 4) for i, n in enumerate(names)}


def best_threshold(scores: list[float], labels: list[int]) -> tuple[float, float]:
    pairs = sorted(zip(scores, labels, strict=True), reverse=True)
    total_pos = sum(labels)
    tp = fp = 0
    best = (0.0, 0.5)
    for s, lab in pairs:
        tp += lab
        fp += 1 - lab
        f1 = 2 * tp / (tp + fp + total_pos)
        if f1 > best[0]:
            best = (f1, s)
    return best


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--corpus", type=Path, required=True)
    ap.add_argument("--holdout-every", type=int, default=5)
    ap.add_argument("--out", type=Path, required=True)
    ap.add_argument("--real-dev", type=Path, default=None, metavar="CACHE",
                    help="also learn from the development halves of the real-OCR sets in this "
                    "cache (editio_tools.real_ocr; their test halves are never read)")
    args = ap.parse_args(argv)

    t0 = time.perf_counter()
    train, held = split_docs(load_corpus(args.corpus), args.holdout_every)
    print(f"{len(train)} training documents ({len(held)} held out, never read)")
    if args.real_dev:
        from editio_tools import real_ocr

        extra = real_ocr.documents(args.real_dev, "dev") + real_ocr.books(args.real_dev, "dev")
        print(f"and {len(extra)} of the real-OCR development halves (test halves never read)")
        # The folds take every fourth document, so each has some of these.
        train = train + extra  # type: ignore[operator]
    dictionaries = suspects.load_dictionaries()
    feats: list[dict] = []
    labels: list[int] = []
    for fold in range(FOLDS):
        rest = [d for i, d in enumerate(train) if i % FOLDS != fold]
        part = [d for i, d in enumerate(train) if i % FOLDS == fold]
        analyzer = suspects.Analyzer(suspects.build_resources(build_stats(rest), dictionaries))
        f, y = extract(part, analyzer)
        feats += f
        labels += y
        print(f"fold {fold}: {len(y)} tokens, {sum(y)} errors ({time.perf_counter() - t0:.0f}s)")
    weights = fit_logistic(feats, labels)
    scores = [suspects.score_features(f, weights) for f in feats]
    f1, cut = best_threshold(scores, labels)
    print(f"cross-fitted training F1 {f1:.3f} at threshold {cut:.3f}")
    model = build_stats(train)
    model["weights"] = weights
    model["threshold"] = round(cut, 4)
    model["holdout_every"] = args.holdout_every
    args.out.parent.mkdir(parents=True, exist_ok=True)
    blob = json.dumps(model, separators=(",", ":"), sort_keys=True).encode("utf-8")
    args.out.write_bytes(gzip.compress(blob, mtime=0))
    print(f"wrote {args.out} ({args.out.stat().st_size} bytes, {time.perf_counter() - t0:.0f}s)")
    for name, wt in sorted(weights.items(), key=lambda kv: -abs(kv[1])):
        print(f"  {name:<22} {wt:+.3f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
