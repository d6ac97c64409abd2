"""A development set of real OCR with ground truth, of print other than 19th-century British
newspapers: the overProof evaluation data (Evershed and Fitch, "Correcting noisy OCR: context
beats confusion", DATeCH 2014).

- dataset2: 159 articles of the Sydney Morning Herald, 1842-1954 (Australian; ABBYY FineReader
  OCR from the National Library of Australia's Trove, corrected in full by hand);
- dataset3: 49 articles of five US newspapers, 1871-1921 (Library of Congress, Chronicling
  America), corrected by hand against the page images.

Each file holds articles one after another: a header line `*$*OVERPROOF*$* <id> year <y> ...`,
then one line per printed line, `ocr||@@||ground truth||@@||overProof's correction`. The
third column (another corrector's output) is never read.

No package registry ships it. It comes from a public repository that collects post-correction
benchmarks (impresso/llm-transcript-postcorrection, data/datasets/ocr/original/overproof/
dataset2 and dataset3, rawTextAndHumanCorrectionAndOverproofCorrectionTriples/allArticles.txt);
`python -m editio_tools.real_ocr install GIT_DIR` copies the two files from a clone's git
directory into the cache (.venv/bench-data/overproof/). The bench skips this section, saying
so, when they are not there. Nothing of it is committed.

Articles are split into a development half (even positions in each file), which the finder may
be tuned on, and a test half (odd positions), which it is reported on and never tuned on.
The ICDAR 2017 data is not used here: it stays out, as the held-out measure.
"""

from __future__ import annotations

import argparse
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


@dataclass
class RealDoc:
    name: str
    ocr: list[str]  # one printed line per entry
    gt: list[str]
    period: str = "auto"

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


def install(git_dir: Path, cache: Path) -> None:
    """Copy the two files from a clone's git directory (its newest commit) into the cache."""
    target = folder(cache)
    target.mkdir(parents=True, exist_ok=True)
    for part in PARTS:
        data = subprocess.run(["git", "--git-dir", str(git_dir), "show",
                               "HEAD:" + _IN_REPO.format(part)],
                              check=True, capture_output=True).stdout
        (target / f"{part}.txt").write_bytes(data)
        print(f"{target / part}.txt: {len(parse(data.decode('utf-8'), part))} articles")


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
