"""Development sets of real OCR with ground truth, of print other than 19th-century British
newspapers. Both come from one public repository that collects post-correction benchmarks
(impresso/llm-transcript-postcorrection); no package registry ships either.

The first is the overProof evaluation data (Evershed and Fitch, "Correcting noisy OCR: context
beats confusion", DATeCH 2014):

- dataset2: 159 articles of the Sydney Morning Herald, 1842-1954 (Australian; ABBYY FineReader
  OCR from the National Library of Australia's Trove, corrected in full by hand);
- dataset3: 49 articles of five US newspapers, 1871-1921 (Library of Congress, Chronicling
  America), corrected by hand against the page images.

Each file holds articles one after another: a header line `*$*OVERPROOF*$* <id> year <y> ...`,
then one line per printed line, `ocr||@@||ground truth||@@||overProof's correction`. The
third column (another corrector's output) is never read.

(in the repository: data/datasets/ocr/original/overproof/dataset2 and dataset3,
rawTextAndHumanCorrectionAndOverproofCorrectionTriples/allArticles.txt).

The second is older print, closer to the books of the held-out measure: the English pages of
the ICDAR 2019 post-OCR competition's evaluation set (EN1: 48 pages of books printed in Britain
from the 17th to the 19th century, from the IMPACT project's British Library ground truth,
keyed by hand; the OCR is the British Library's). Each file holds the OCR, the OCR aligned
character by character with the ground truth ('@' pads a gap), and the aligned ground truth
('#' marks a character with no ground truth). It is not ICDAR 2017 data (which stays out, as
the held-out measure): of its 10,863 six-word shingles one occurs in the ICDAR 2017 evaluation
set's English pages.
A page is one line of text in the file; it is cut into printed-line-sized segments (about 60
characters, always between words in both the OCR and the ground truth, and after a word broken
by a hyphen, which ended a printed line) so that the finder reads it as it reads a page. Left
out: a segment whose ground truth has a '#', and one whose two sides are not the same text (on a
few pages the ground truth covers another part of the page, or has a passage elsewhere, and the
alignment pairs unrelated lines). The keyers kept the print's line-end hyphens; where the OCR
lost one ("Prophe sies" for "Prophe- sies") the segment runs on past the printed line, and the
bench scores the two halves as a split word (bench_suspects.label_segment). Two conversion
faults of the ground truth are undone: the long-s ligatures became 'ff' (where the OCR reads
"si"), and the other ligatures are spelt out (see parse_aligned).

`python -m editio_tools.real_ocr install GIT_DIR` copies the files of both from a clone's git
directory into the cache (.venv/bench-data/overproof/ and .venv/bench-data/impact-bl/). The
bench skips a set, saying so, when it is not there. Nothing of either is committed.

Articles and pages are split into a development half (even positions in each file or folder),
which the finder may be tuned on, and a test half (odd positions), which it is reported on and
never tuned on.
"""

from __future__ import annotations

import argparse
import difflib
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

SOURCE_REPO = "impresso/llm-transcript-postcorrection"
_IN_REPO = ("data/datasets/ocr/original/overproof/{}/"
            "rawTextAndHumanCorrectionAndOverproofCorrectionTriples/allArticles.txt")
PARTS = {"dataset2": "Sydney Morning Herald 1842-1954", "dataset3": "US newspapers 1871-1921"}
_HEADER = "*$*OVERPROOF*$*"
_SEP = "||@@||"


_BOOKS_IN_REPO = ("data/datasets/ocr/original/icdar-2019/ICDAR2019-POCR-ground-truth/"
                  "evaluation_4M_without_Finnish/EN/EN1")
BOOKS_TITLE = "British books 17th-19th c. (IMPACT/BL pages of ICDAR 2019's English set)"
_SEGMENT = 60  # characters: about a printed line
_STOPS = set(";:!?,.")
_SAME_TEXT = 0.45
_HYPHENS = "-\u2010\u2011"
_SPELT = str.maketrans({"ﬀ": "ff", "ﬁ": "fi", "ﬂ": "fl", "ﬃ": "ffi", "ﬄ": "ffl", "ﬅ": "st",
                        "ﬆ": "st", "\u2010": "-", "\u2011": "-"})


@dataclass
class RealDoc:
    name: str
    ocr: list[str]  # one printed line per entry
    gt: list[str]
    period: str = "auto"
    left_out: int = 0  # OCR tokens of segments not scored (an alignment the data got wrong)
    # The ground truth keeps the print's line-end hyphens where a segment runs on past a
    # printed line (the books' keyers did; see bench_suspects.label_segment).
    kept_breaks: bool = False

    @property
    def text(self) -> str:
        return "\n".join(self.ocr)


def folder(cache: Path) -> Path:
    return cache / "overproof"


def available(cache: Path) -> bool:
    return all((folder(cache) / f"{part}.txt").is_file() for part in PARTS)


def parse(text: str, part: str) -> list[RealDoc]:
    docs: list[RealDoc] = []
    for line in text.split("\n"):
        if line.startswith(_HEADER):
            fields = line[len(_HEADER):].split()
            docs.append(RealDoc(f"{part}/{fields[0] if fields else len(docs)}", [], []))
            continue
        if not docs or _SEP not in line:
            continue
        ocr, gt = line.split(_SEP)[:2]
        if not ocr.strip() and not gt.strip():
            continue
        docs[-1].ocr.append(ocr.replace("\r", " "))
        docs[-1].gt.append(gt.replace("\r", " "))
    return [d for d in docs if d.ocr]


def documents(cache: Path, half: str = "test") -> list[RealDoc]:
    """The articles of one half ("dev" or "test"), of both parts."""
    out: list[RealDoc] = []
    for part in PARTS:
        docs = parse((folder(cache) / f"{part}.txt").read_text(encoding="utf-8"), part)
        out += [d for k, d in enumerate(docs) if (k % 2 == 1) == (half == "test")]
    return out


def books_folder(cache: Path) -> Path:
    return cache / "impact-bl"


def books_available(cache: Path) -> bool:
    return any(books_folder(cache).glob("*.txt"))


def parse_aligned(text: str, name: str) -> RealDoc:
    """One page of the ICDAR format: cut the aligned OCR and ground truth at common spaces."""
    rows = {}
    for line in text.split("\n"):
        tag, _, rest = line.partition("] ")
        rows[tag.strip("[ ")] = rest
    ocr, gt = rows.get("OCR_aligned", ""), list(rows.get("GS_aligned", ""))
    if len(ocr) != len(gt):
        raise ValueError(f"{name}: the aligned OCR and ground truth differ in length")
    # The keyers spaced the stops ("clysters ;") where the OCR mostly did not: a space before a
    # stop that one side has and the other lacks is no word's error, so the ground truth
    # follows the OCR there.
    for i, (o, g) in enumerate(zip(ocr, gt, strict=True)):
        if o != g and {o, g} == {" ", "@"}:
            k = next((j for j in range(i + 1, len(ocr)) if ocr[j] != "@"), len(ocr))
            if k < len(ocr) and ocr[k] in _STOPS and gt[k] == ocr[k]:
                gt[i] = o
    # IMPACT's keyers wrote the long-s ligatures as single characters, which the competition's
    # conversion made 'ff': where the OCR reads "si" there, so does the page (ffncerely,
    # beffdes). The other ligatures and the hyphens are spelt out (segment by segment: that
    # changes lengths).
    for i in range(len(gt) - 1):
        if gt[i] == gt[i + 1] == "f" and ocr[i:i + 2] == "si":
            gt[i], gt[i + 1] = "s", "i"
    doc = RealDoc(name, [], [], kept_breaks=True)
    start = 0
    for i in range(len(ocr) + 1):
        end = i == len(ocr)
        # A word hyphenated and spaced on both sides ("a- bout") was broken at a printed line's
        # end: the segment ends there too, as the line did.
        # (the keyers' hyphen is often U+2010 or U+2011, spelt "-" only once cut)
        broken = i > start and ocr[i - 1] == "-" and gt[i - 1] in _HYPHENS
        if not end and not (ocr[i] == gt[i] == " " and (i - start >= _SEGMENT or broken)):
            continue
        o = ocr[start:i].replace("@", "").strip()
        g = "".join(gt[start:i]).replace("@", "").strip().translate(_SPELT)
        start = i + 1
        # Where the two sides are not the same text the alignment failed (on a few pages the
        # ground truth covers another part of the page, or puts a passage elsewhere): such a
        # segment's words are not OCR errors. Even black-letter OCR at its worst keeps half the
        # characters of its line (a ratio of 0.5 and more); two unrelated lines share 0.1-0.4.
        same = difflib.SequenceMatcher(None, o.lower(), g.lower(), autojunk=False).ratio()
        if (o or g) and "#" not in g and same >= _SAME_TEXT:
            doc.ocr.append(o)
            doc.gt.append(g)
        else:
            doc.left_out += len(o.split())
    return doc


def books(cache: Path, half: str = "test") -> list[RealDoc]:
    """The pages of one half ("dev" or "test") of the older books, in the files' numeric order."""
    paths = sorted(books_folder(cache).glob("*.txt"), key=lambda p: int(p.stem))
    docs = [parse_aligned(p.read_text(encoding="utf-8"), f"EN1/{p.stem}") for p in paths]
    return [d for k, d in enumerate(docs) if (k % 2 == 1) == (half == "test") and d.ocr]


def _git(git_dir: Path, *args: str) -> bytes:
    return subprocess.run(["git", "--git-dir", str(git_dir), *args],
                          check=True, capture_output=True).stdout


def install(git_dir: Path, cache: Path) -> None:
    """Copy both sets' files from a clone's git directory (its newest commit) into the cache."""
    target = folder(cache)
    target.mkdir(parents=True, exist_ok=True)
    for part in PARTS:
        data = _git(git_dir, "show", "HEAD:" + _IN_REPO.format(part))
        (target / f"{part}.txt").write_bytes(data)
        print(f"{target / part}.txt: {len(parse(data.decode('utf-8'), part))} articles")
    target = books_folder(cache)
    target.mkdir(parents=True, exist_ok=True)
    names = _git(git_dir, "ls-tree", "--name-only", "HEAD", _BOOKS_IN_REPO + "/").decode().split()
    for name in names:
        (target / name.rsplit("/", 1)[-1]).write_bytes(_git(git_dir, "show", "HEAD:" + name))
    print(f"{target}: {len(names)} pages")


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawTextHelpFormatter)
    sub = ap.add_subparsers(dest="cmd", required=True)
    inst = sub.add_parser("install", help="copy the data from a clone's git directory")
    inst.add_argument("git_dir", type=Path)
    inst.add_argument("--cache", type=Path,
                      default=Path(__file__).resolve().parents[2] / ".venv" / "bench-data")
    args = ap.parse_args(argv)
    install(args.git_dir, args.cache)
    return 0


if __name__ == "__main__":
    sys.exit(main())
