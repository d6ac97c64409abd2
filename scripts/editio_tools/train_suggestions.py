"""Learns from the BLN600 training documents what the suggestions know of the OCR's habits
beyond its character confusions, and writes the table the package ships
(scripts/editio/data/suspects-suggestions.json.gz).

python -m editio_tools.train_suggestions --corpus DIR --holdout-every 5 --out FILE

Only the training documents (see bench_suspects for the split) are read. The table's "forms":
each OCR form of a word whose one-for-one ground-truth reading differs, and the words it was a
misreading of, counted, where seen at least twice (aboat: about, air: mr, ad: and). A form is a
candidate's evidence (Corrector.candidate_features) and makes the words it stood for
candidates where symspellpy's edits do not reach them.
"""

from __future__ import annotations

import argparse
import gzip
import json
import re
import sys
import time
from collections import Counter, defaultdict
from pathlib import Path

from editio.suspects import finder as suspects
from editio_tools.bench_suspects import Doc, load_corpus, one_to_one, split_docs

FORM_MIN = 2  # a form seen once is as often a one-off garble as a habit of the OCR


def _word(token: str) -> str:
    """A token as the suggestions read it: its core's letters, lower case."""
    core = suspects.split_core(token.translate(suspects.TYPO))[1].lower()
    return re.sub(r"[^a-z']", "", core).strip("'")


def learn_forms(docs: list[Doc], least: int = FORM_MIN) -> dict[str, dict[str, int]]:
    """OCR form -> {the word it was a misreading of: how often}, from the ground truth."""
    seen: dict[str, Counter[str]] = defaultdict(Counter)
    for doc in docs:
        for o, g in zip(doc.ocr, doc.gt, strict=True):
            toks = o.translate(suspects.TYPO).split()
            for k, right in one_to_one(o, g).items():
                if any(ch.isdigit() for ch in toks[k]):
                    continue
                form, word = _word(toks[k]), _word(right)
                if form and word and form != word and word.isalpha():
                    seen[form][word] += 1
    return {f: {w: n for w, n in c.items() if n >= least}
            for f, c in sorted(seen.items()) if any(n >= least for n in c.values())}


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawTextHelpFormatter)
    ap.add_argument("--corpus", type=Path, required=True)
    ap.add_argument("--holdout-every", type=int, default=5)
    ap.add_argument("--out", type=Path, required=True)
    args = ap.parse_args(argv)

    t0 = time.perf_counter()
    train, held = split_docs(load_corpus(args.corpus), args.holdout_every)
    print(f"{len(train)} training documents ({len(held)} held out, never read)")
    table = {"forms": learn_forms(train)}
    blob = json.dumps(table, separators=(",", ":"), sort_keys=True).encode("utf-8")
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_bytes(gzip.compress(blob, mtime=0))
    print(f"wrote {args.out} ({args.out.stat().st_size} bytes, {len(table['forms'])} forms, "
          f"{time.perf_counter() - t0:.0f}s)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
