"""Fits the ranking's weights (suspects/ranking.py, _RANK_WEIGHTS) on the development split:
a softmax over each flagged error's candidates (Corrector.candidate_features), the right
reading's log-likelihood with an L2 penalty, scaled so that the context weighs 1.0 (the
scale the other readings' scores are on: splits, the analysis's reading).

python -m editio_tools.fit_ranking --corpus DIR [--l2 X]

The cases are bench_suggestions --dev's (run it once first: it caches them), with the
learned confusions and the forms table learned again from the other training documents:
nothing is fitted on a case it was learned from, and held-out documents are never read.
Prints the weights, and how often the right candidate leads among the candidates in two
folds by document (fitted on one half, counted on the other) against the shipped weights.
"""

from __future__ import annotations

import argparse
import pickle
import re
import sys
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from editio.suspects import finder as suspects
from editio.suspects.ranking import _RANK_WEIGHTS
from editio.suspects.tokens import _DIGIT_LOOKALIKE
from editio_tools.bench_suggestions import Case, _cache_file, dev_analyzer, dev_split
from editio_tools.bench_suspects import _DEFAULT_CACHE, _letters, load_corpus, split_docs

# the reasons whose readings are candidate_features' (Corrector._scored_readings)
_FITTED_REASONS = frozenset(("unknown-word", "real-word-context", "unlikely-word",
                             "glued-punctuation", "letter-digit", "glued-words"))


@dataclass
class Choice:
    """One case's candidates as a matrix of features (rows), the right one's row, its document."""

    doc: str
    x: np.ndarray
    right: int


def choices(cases: list[Case], analyzer: suspects.Analyzer, names: list[str]) -> list[Choice]:
    """The cases whose right reading is among their candidates, as feature matrices."""
    out = []
    for c in cases:
        if c.reason not in _FITTED_REASONS:
            continue
        core = suspects.split_core(c.tokens[c.i].text.translate(suspects.TYPO))[1].lower()
        if c.reason == "letter-digit":
            core = core.translate(_DIGIT_LOOKALIKE)
        word = re.sub(r"[^a-z']", "", core).strip("'")
        prev, nxt = analyzer.neighbours(c.tokens, c.i)
        feats = analyzer.candidate_features(word, prev, nxt, c.lexicon)
        right = _letters(c.right)
        keys = list(feats)
        if right not in keys or len(keys) < 2:
            continue
        x = np.array([[feats[k].get(n, 0.0) for n in names] for k in keys])
        out.append(Choice(c.doc, x, keys.index(right)))
    return out


def fit(data: list[Choice], l2: float, steps: int = 1500) -> np.ndarray:
    """The weights that maximise the right candidates' softmax log-likelihood (Adam, on all
    candidates at once: each case a run of rows, its softmax by np.add.reduceat)."""
    x = np.vstack([ch.x for ch in data])
    starts = np.cumsum([0] + [len(ch.x) for ch in data[:-1]])
    group = np.repeat(np.arange(len(data)), [len(ch.x) for ch in data])
    target = x[starts + np.array([ch.right for ch in data])].sum(axis=0)
    w = np.zeros(x.shape[1])
    m, v = np.zeros_like(w), np.zeros_like(w)
    for t in range(1, steps + 1):
        s = x @ w
        s -= np.maximum.reduceat(s, starts)[group]
        p = np.exp(s)
        p /= np.add.reduceat(p, starts)[group]
        g = 2 * l2 * w - (target - p @ x) / len(data)
        m = 0.9 * m + 0.1 * g
        v = 0.999 * v + 0.001 * g * g
        w -= 0.05 * (m / (1 - 0.9 ** t)) / (np.sqrt(v / (1 - 0.999 ** t)) + 1e-8)
    return w


def leads(data: list[Choice], w: np.ndarray) -> int:
    """How many of data's right candidates score highest."""
    return sum(int(np.argmax(ch.x @ w) == ch.right) for ch in data)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawTextHelpFormatter)
    ap.add_argument("--corpus", type=Path, required=True)
    ap.add_argument("--holdout-every", type=int, default=5)
    ap.add_argument("--cache", type=Path, default=_DEFAULT_CACHE)
    ap.add_argument("--l2", type=float, default=1e-3)
    ap.add_argument("--steps", type=int, default=1500)
    args = ap.parse_args(argv)

    train, _ = split_docs(load_corpus(args.corpus), args.holdout_every)
    rest, docs = dev_split(train)
    path = _cache_file(args.cache, "dev", docs)
    if not path.is_file():
        print(f"no cases at {path}: run bench_suggestions --dev first", file=sys.stderr)
        return 2
    cases = pickle.loads(path.read_bytes())
    names = sorted({n for n in _RANK_WEIGHTS} | {"context"})
    data = choices(cases, dev_analyzer(rest), names)
    shipped = np.array([_RANK_WEIGHTS.get(n, 0.0) for n in names])
    names_of_docs = sorted({ch.doc for ch in data})
    halves = [[ch for ch in data if names_of_docs.index(ch.doc) % 2 == k] for k in (0, 1)]
    folds = sum(leads(halves[1 - k], fit(halves[k], args.l2, args.steps)) for k in (0, 1))
    print(f"{len(data)} cases with the right reading among their candidates; it leads "
          f"{leads(data, shipped)} times with the shipped weights, {folds} in two folds by "
          f"document with weights fitted on the other half")
    w = fit(data, args.l2, args.steps)
    w /= w[names.index("context")]
    fitted = {n: round(float(x), 2) for n, x in zip(names, w, strict=True)}
    print("fitted on all (context 1.0):", fitted)
    print(f"it leads {leads(data, w)} times with these")
    return 0


if __name__ == "__main__":
    sys.exit(main())
