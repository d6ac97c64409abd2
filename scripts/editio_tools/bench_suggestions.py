"""The finder's suggestions alone, measured fast: how often the first is the right reading of a
flagged one-for-one error (bench_suspects' measure, suggestion_ranks), and the misses.

python -m editio_tools.bench_suggestions --corpus DIR [--dev] [--misses N]

The finder runs once over the documents and each flag on an error with a one-for-one reading is
kept (the tokens, the reason, the analysis's reading, the document's lexicon, the ground truth)
in .venv/bench-data; later runs only rank the readings again, in seconds, so that a change to
suggestions.py is measured without flagging every document again (--refresh flags again: do so
after a change to what is flagged).

Held-out BLN600 (the default) is the number to report. --dev is the one to tune on: every
fourth training document, with the learned OCR confusions (and the suggestion table,
train_suggestions) learned again from the other training documents only, so that nothing it
is scored on was learned from.
"""

from __future__ import annotations

import argparse
import hashlib
import pickle
import sys
import time
from dataclasses import dataclass
from pathlib import Path

from editio.suspects import finder as suspects
from editio_tools.bench_suspects import (
    _DEFAULT_CACHE,
    Doc,
    Ranks,
    load_corpus,
    one_to_one,
    split_docs,
    token_spans,
)

DEV_EVERY = 4  # every fourth training document is the development split


@dataclass
class Case:
    """A flagged error with a one-for-one reading: what the finder asked readings for."""

    doc: str
    tokens: list[suspects.Token]
    i: int
    reason: str
    first: str
    lexicon: dict[str, int] | None
    right: str


def dev_split(train: list[Doc]) -> tuple[list[Doc], list[Doc]]:
    """(the rest of the training documents, the development ones)."""
    rest = [d for i, d in enumerate(train) if i % DEV_EVERY != DEV_EVERY - 1]
    dev = [d for i, d in enumerate(train) if i % DEV_EVERY == DEV_EVERY - 1]
    return rest, dev


def dev_analyzer(rest: list[Doc]) -> suspects.Analyzer:
    """The shipped model, its learned confusions, its ground truth's words and word pairs and its
    forms table (train_suggestions) from rest alone."""
    from editio_tools.train_suggestions import learn_forms
    from editio_tools.train_suspects import build_stats

    res = suspects.default_resources()
    stats = build_stats(rest)
    model = dict(res.model, rules=stats["rules"], gt_unigrams=stats["gt_unigrams"],
                 gt_bigrams=stats["gt_bigrams"])
    dev_res = suspects.build_resources(model, (res.zipf, res.sym_count, res.bigrams))
    table = {"forms": learn_forms(rest)}
    dev_res.suggestions = table
    return suspects.Analyzer(dev_res)


def collect(docs: list[Doc], analyzer: suspects.Analyzer) -> list[Case]:
    """Run the finder over docs; the cases it asked readings for that have a right reading."""
    cases: list[Case] = []
    asked: dict[tuple[int, int], tuple] = {}
    readings = analyzer.readings

    def record(tokens, i, reason, first, lexicon=None):  # noqa: ANN001, ANN202
        asked[(tokens[i].line, tokens[i].column)] = (tokens, i, reason, first, lexicon)
        return readings(tokens, i, reason, first, lexicon)

    analyzer.readings = record  # type: ignore[method-assign]
    try:
        for doc in docs:
            asked.clear()
            suspects.find_suspects(doc.text, analyzer=analyzer)
            pairs = [one_to_one(o, g) for o, g in zip(doc.ocr, doc.gt, strict=True)]
            for (line, column), (tokens, i, reason, first, lexicon) in asked.items():
                for k, (a, b) in enumerate(token_spans(doc.ocr[line - 1])):
                    if a <= column - 1 < b:
                        right = pairs[line - 1].get(k)
                        if right is not None:
                            cases.append(Case(doc.name, tokens, i, reason, first, lexicon, right))
                        break
    finally:
        del analyzer.readings
    return cases


def rank(cases: list[Case], analyzer: suspects.Analyzer) -> tuple[Ranks, list[tuple]]:
    ranks = Ranks()
    misses = []
    for c in cases:
        got = analyzer.suggest(c.tokens, c.i, c.reason, c.first, c.lexicon)
        top1 = ranks.top1
        ranks.add(tuple(got), c.right)
        if ranks.top1 == top1:
            misses.append((c, got))
    return ranks, misses


def _cache_file(cache: Path, name: str, docs: list[Doc]) -> Path:
    digest = hashlib.sha256("\n".join(d.name for d in docs).encode()).hexdigest()[:12]
    return cache / f"suggestion-cases-{name}-{digest}.pickle"


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawTextHelpFormatter)
    ap.add_argument("--corpus", type=Path, required=True)
    ap.add_argument("--holdout-every", type=int, default=5)
    ap.add_argument("--dev", action="store_true", help="score the development split instead")
    ap.add_argument("--cache", type=Path, default=_DEFAULT_CACHE)
    ap.add_argument("--refresh", action="store_true", help="flag the documents again")
    ap.add_argument("--misses", type=int, default=0, help="print this many misses")
    args = ap.parse_args(argv)

    t0 = time.perf_counter()
    train, held = split_docs(load_corpus(args.corpus), args.holdout_every)
    if args.dev:
        rest, docs = dev_split(train)
        analyzer = dev_analyzer(rest)
        name = "dev"
    else:
        docs, analyzer, name = held, suspects.Analyzer(suspects.default_resources()), "held-out"
    path = _cache_file(args.cache, name, docs)
    cases = None
    if path.is_file() and not args.refresh:
        cases = pickle.loads(path.read_bytes())
    if cases is None:
        cases = collect(docs, analyzer)
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(pickle.dumps(cases, protocol=pickle.HIGHEST_PROTOCOL))
    t1 = time.perf_counter()
    ranks, misses = rank(cases, analyzer)
    print(ranks.row(f"suggestions, {name} ({len(docs)} documents)") +
          f"   [{time.perf_counter() - t1:.1f}s ranking, {time.perf_counter() - t0:.1f}s in all]")
    for c, got in misses[: args.misses]:
        tok = c.tokens[c.i]
        around = " ".join(t.text for t in c.tokens[max(0, c.i - 3): c.i + 4]
                          if t.line == tok.line)
        print(f"{tok.text!r:>18} -> {c.right!r:<16} {c.reason:<18} got {list(got)}   | {around}")
    return 0


if __name__ == "__main__":
    sys.exit(main())

