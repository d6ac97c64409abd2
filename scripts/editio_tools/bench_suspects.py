"""Token-level benchmark of the OCR-suspect finder on the BLN600 corpus.

Split (fixed, shared with train_suspects): documents sorted by file name; document i (0-based)
is HELD OUT when i % N == N - 1 (N = --holdout-every, default 5: 96 of 480 documents). The
model is learned only from the other documents, and nothing is tuned on the held-out ones.

Gold labels: each OCR segment and its ground truth are split on whitespace and aligned with
difflib. An OCR token is an error when it differs from its aligned ground-truth token, or when
it lies in a replaced/inserted block that does not align one to one (split or glued words,
line-break hyphenation, garbage). Typographic variants (curly vs straight quotes, dashes) are
not differences. Two scorings are printed:
- main: a 1:1-aligned token whose ONLY difference is punctuation and/or letter case
  ("greatly." vs "greatly", "Was" vs "was") is left out of the scoring altogether, because the
  transcribers' punctuation and capitalisation are inconsistent (segment-final stops dropped,
  quotes normalised) and such tokens are mostly not OCR-readable errors either way;
- strict: every difference counts as an error.
The plain-dictionary baseline flags a token whose letters-only core, lower-cased, is not in
symspellpy's English dictionary (numbers and pure punctuation are not flagged).

Second and third sections: real OCR of other print with hand-made ground truth
(editio_tools.real_ocr): the Sydney Morning Herald 1842-1954 and US newspapers 1871-1921, then
British books printed from the 17th to the 19th century; each set's test half, scored as BLN600
is, against the dictionary in the same run; skipped, saying how to get it, when not in the cache.
One convention of the books' keyers differs from BLN600's: they kept the print's line-end
hyphens ("Prophe- sies"), where BLN600's ground truth joins the word. A segment runs on past a
printed line where the OCR lost the hyphen ("Prophe sies"): that is a word split in two, both
tokens errors as in BLN600, not one left out for punctuation and the other counted correct
(label_segment's kept_breaks; the same labels score the dictionary).
(--half dev scores the development halves instead, the ones to tune on; with --false N it
lists N false flags of each, with the line of OCR and of ground truth, to sort by kind.)
Fourth section: the synthetic set (ood_corpus: Shakespeare and Milton with generated noise),
secondary, since generated noise is not what OCR does to old print.

Last section (--essay, default the edition's deutscher-1957): a clean modern text.
- On the raw witness: the share of the edition's OCR and compositor emendations that the finder
  flags (a flag overlaps the witness reading), and the flags that touch no emendation at all.
- On the reading text (what `make check` reads): flags without and with accepted-words.txt.

With --curve: the trade-off as the cut a flag needs moves (recall on the essay's errors against
flags on its reading text, on held-out BLN600 and out of domain), one row per cut.
"""

from __future__ import annotations

import argparse
import difflib
import re
import sys
import time
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Protocol

from editio.intake.markup import WRITTEN_SPAN
from editio.suspects import finder as suspects

_DEFAULT_ESSAY = Path(__file__).resolve().parents[2] / "source" / "deutscher-1957"
_DEFAULT_CACHE = Path(__file__).resolve().parents[2] / ".venv" / "bench-data"
_ATTR = re.compile(r'([\w-]+)="((?:[^"\\]|\\.)*)"')
_UNESCAPE = re.compile(r"\\(.)")

_TYPO = suspects.TYPO  # one table of typographic marks


class Segmented(Protocol):
    """A document as the scores read it: its OCR and ground truth, one segment a line
    (a BLN600 Doc, an ood_corpus.OodDoc)."""

    @property
    def ocr(self) -> list[str]: ...
    @property
    def gt(self) -> list[str]: ...
    @property
    def text(self) -> str: ...


@dataclass
class Doc:
    name: str
    ocr: list[str]  # one segment per line
    gt: list[str]

    @property
    def text(self) -> str:
        return "\n".join(self.ocr)


def load_corpus(corpus: Path) -> list[Doc]:
    docs = []
    for path in sorted(corpus.glob("*.tsv")):
        ocr, gt = [], []
        rows = path.read_text(encoding="utf-8").split("\n")
        for row in rows[2:]:  # a comment line, then the header
            if not row.strip():
                continue
            o, _, g = row.partition("\t")
            # A segment becomes one line of text: newlines inside would shift the alignment.
            ocr.append(o.replace("\r", " "))
            gt.append(g.replace("\r", " "))
        docs.append(Doc(path.stem, ocr, gt))
    return docs


def split_docs(docs: list[Doc], every: int) -> tuple[list[Doc], list[Doc]]:
    train = [d for i, d in enumerate(docs) if i % every != every - 1]
    held = [d for i, d in enumerate(docs) if i % every == every - 1]
    return train, held


def _letters(tok: str) -> str:
    return re.sub(r"\W", "", tok).lower()


def label_segment(ocr: str, gt: str, kept_breaks: bool = False) -> list[int | None]:
    """Per OCR whitespace token: 1 error, 0 correct, None punctuation/case-only difference.

    kept_breaks: the ground truth keeps the print's line-end hyphens inside a segment ("Prophe-
    sies"). Where the OCR lost such a hyphen ("Prophe sies"), it split a word in two: both
    tokens are errors, as a split word is where the ground truth joins broken words (BLN600),
    not one left out for punctuation and the other counted correct."""
    ot = ocr.translate(_TYPO).split()
    gt_toks = gt.translate(_TYPO).split()
    labels: list[int | None] = [1] * len(ot)
    broken: list[int] = []
    sm = difflib.SequenceMatcher(None, ot, gt_toks, autojunk=False)
    for op, i1, i2, j1, j2 in sm.get_opcodes():
        if op == "equal":
            for k in range(i1, i2):
                labels[k] = 0
        elif op == "replace" and i2 - i1 == j2 - j1:
            for k in range(i1, i2):
                a, b = ot[k], gt_toks[j1 + k - i1]
                if _letters(a) == _letters(b) and _letters(a):
                    labels[k] = None
                if (kept_breaks and b[-1:] == "-" and a[-1:] != "-" and a[-1:].isalpha()
                        and k + 1 < len(ot) and labels[k] is None):
                    broken.append(k)
    for k in broken:
        # the next OCR token is the word's second half, read alike
        if k + 1 < len(labels) and labels[k + 1] == 0:
            labels[k] = labels[k + 1] = 1
    return labels


def token_spans(line: str) -> list[tuple[int, int]]:
    return [(m.start(), m.end()) for m in re.finditer(r"\S+", line)]


def flagged_tokens(doc: Segmented, found: list[suspects.Suspect]) -> set[tuple[int, int]]:
    """Map suspects (line, column) to (segment index, whitespace token index)."""
    spans = [token_spans(s) for s in doc.ocr]
    out = set()
    for s in found:
        seg = spans[s.line - 1]
        col = s.column - 1
        for k, (a, b) in enumerate(seg):
            if a <= col < b:
                out.add((s.line - 1, k))
                break
    return out


@dataclass
class Counts:
    tp: int = 0
    fp: int = 0
    fn: int = 0
    tn: int = 0

    def add(self, flagged: bool, label: int) -> None:
        if flagged and label:
            self.tp += 1
        elif flagged:
            self.fp += 1
        elif label:
            self.fn += 1
        else:
            self.tn += 1

    @property
    def false_rate(self) -> float:
        """False flags as a share of the correct tokens."""
        return self.fp / max(self.fp + self.tn, 1)

    def prf(self) -> tuple[float, float, float]:
        p = self.tp / (self.tp + self.fp) if self.tp + self.fp else 0.0
        r = self.tp / (self.tp + self.fn) if self.tp + self.fn else 0.0
        f = 2 * p * r / (p + r) if p + r else 0.0
        return p, r, f


def baseline_flags(doc: Segmented, words: dict[str, int]) -> set[tuple[int, int]]:
    out = set()
    for si, seg in enumerate(doc.ocr):
        for k, tok in enumerate(seg.split()):
            core = re.sub(r"[^A-Za-z]", "", tok).lower()
            if core and core not in words and not any(c.isdigit() for c in tok):
                out.add((si, k))
    return out


def score(docs: Sequence[Segmented], flags: list[set[tuple[int, int]]]) -> tuple[Counts, Counts]:
    main, strict = Counts(), Counts()
    for doc, fl in zip(docs, flags, strict=True):
        kept = getattr(doc, "kept_breaks", False)
        for si, (o, g) in enumerate(zip(doc.ocr, doc.gt, strict=True)):
            for k, lab in enumerate(label_segment(o, g, kept)):
                hit = (si, k) in fl
                strict.add(hit, 1 if lab is None else lab)
                if lab is not None:
                    main.add(hit, lab)
    return main, strict


def _row(name: str, c: Counts) -> str:
    p, r, f = c.prf()
    return (f"{name:<34} P={p:.3f}  R={r:.3f}  F1={f:.3f}  false={c.false_rate:.2%}"
            f"   (tp={c.tp} fp={c.fp} fn={c.fn})")


@dataclass
class Ranks:
    """How often the right reading is the first suggestion, or among the first five."""

    n: int = 0
    top1: int = 0
    top5: int = 0

    def add(self, suggestions: tuple[str, ...], right: str) -> None:
        got = [_letters(s) for s in suggestions]
        self.n += 1
        self.top1 += bool(got) and got[0] == _letters(right)
        self.top5 += _letters(right) in got[:5]

    def row(self, name: str) -> str:
        n = max(self.n, 1)
        return (f"{name:<34} top-1 {self.top1 / n:.3f}  top-5 {self.top5 / n:.3f}"
                f"   ({self.top1}, {self.top5} of {self.n} flagged errors with a 1:1 reading)")


def one_to_one(ocr: str, gt: str) -> dict[int, str]:
    """OCR token index -> its ground-truth token, where the two align one to one and the
    letters differ (the errors a suggestion can put right)."""
    ot = ocr.translate(_TYPO).split()
    gt_toks = gt.translate(_TYPO).split()
    out = {}
    sm = difflib.SequenceMatcher(None, ot, gt_toks, autojunk=False)
    for op, i1, i2, j1, j2 in sm.get_opcodes():
        if op == "replace" and i2 - i1 == j2 - j1:
            for k in range(i1, i2):
                if _letters(ot[k]) != _letters(gt_toks[j1 + k - i1]):
                    out[k] = gt_toks[j1 + k - i1]
    return out


def suggestion_ranks(doc: Segmented, found: list[suspects.Suspect]) -> Ranks:
    ranks = Ranks()
    spans = [token_spans(s) for s in doc.ocr]
    pairs = [one_to_one(o, g) for o, g in zip(doc.ocr, doc.gt, strict=True)]
    for s in found:
        for k, (a, b) in enumerate(spans[s.line - 1]):
            if a <= s.column - 1 < b:
                right = pairs[s.line - 1].get(k)
                if right is not None:
                    ranks.add(s.suggestions, right)
                break
    return ranks


def _merge(ranks: list[Ranks]) -> Ranks:
    out = Ranks()
    for r in ranks:
        out.n += r.n
        out.top1 += r.top1
        out.top5 += r.top5
    return out


def _target(name: str, ok: bool, detail: str) -> str:
    return f"TARGET {name:<44} {'met' if ok else 'NOT met'}: {detail}"


@dataclass(frozen=True)
class Emendation:
    sic: str
    kind: str
    start: int  # character offsets of the witness reading in the witness
    end: int
    reading: str = ""  # the edition's reading
    inferred: bool = False  # the kind is the bench's (emendation_kind), text.md gives none


_COUNTED = ("ocr", "compositor")  # the kinds the essay's target counts


def emendation_kind(attrs: dict[str, str], reading: str) -> tuple[str, bool]:
    """The emendation's kind, and whether the bench inferred it.

    text.md's kind= where it gives one, else "ocr" (its default), except for a change of the
    block structure alone (a block= with neither a witness reading nor a reading: a paragraph
    break the witness runs on through). That is structural: no word of the witness is wrong,
    so no token's flag could find it. It is reported apart, not counted as an OCR error.
    """
    if "kind" in attrs:
        return attrs["kind"], False
    if "block" in attrs and not attrs.get("sic", "").strip() and not reading.strip():
        return "structural", True
    return "ocr", False


def _normalise(text: str) -> tuple[str, list[int]]:
    """Whitespace runs to one space, curly quotes straight; with each char's original offset."""
    out: list[str] = []
    where: list[int] = []
    for k, ch in enumerate(text.translate(_TYPO)):
        if ch.isspace():
            if out and out[-1] == " ":
                continue
            ch = " "
        out.append(ch)
        where.append(k)
    where.append(len(text))
    return "".join(out), where


def locate_emendations(text_md: str, witness: str) -> list[Emendation]:
    """Each .corr span of text.md, located in the witness by its reading and its context.

    The text is turned back into the witness (each emendation gives its sic=, page and column
    breaks vanish) and each witness reading is searched for with as much surrounding text as
    matches exactly once; an emendation that cannot be placed is left out (none is, today).
    """
    body = text_md.split("\n---\n", 1)[1] if text_md.startswith("---") else text_md
    pieces: list[str] = []
    spans: list[tuple[int, int, str, tuple[str, bool], str]] = []
    pos = 0
    length = 0
    for m in WRITTEN_SPAN.finditer(body):
        if m["content"] is None:
            continue  # a "]{…}" without its "[": text, as pandoc reads it
        attrs = {k: _UNESCAPE.sub(r"\1", v) for k, v in _ATTR.findall(m.group(2))}
        classes = m.group(2).split()
        pieces.append(body[pos : m.start()])
        length += len(pieces[-1])
        if ".corr" in classes:
            sic = attrs.get("sic", "")
            kind = emendation_kind(attrs, m.group(1))
            spans.append((length, length + len(sic), sic, kind, m.group(1)))
            pieces.append(sic)
            length += len(sic)
        elif ".pb" not in classes and ".cb" not in classes:
            pieces.append(m.group(0))
            length += len(m.group(0))
        pos = m.end()
    pieces.append(body[pos:])
    rebuilt = "".join(pieces)
    wit, wit_at = _normalise(witness)
    found: list[Emendation] = []
    for start, end, sic, kind, reading in spans:
        left, _ = _normalise(rebuilt[max(0, start - 60) : start])
        right, _ = _normalise(rebuilt[end : end + 60])
        core, _ = _normalise(sic)
        for n in (60, 40, 25, 15, 8, 4, 0):
            lc, rc = left[len(left) - n :] if n else "", right[:n]
            hits = [m.start() for m in re.finditer(re.escape(lc + core + rc), wit)]
            if len(hits) != 1 and lc.strip() and rc.strip():
                continue
            if len(hits) != 1:
                lc_hits = [m.start() for m in re.finditer(re.escape(lc + core), wit)]
                hits = lc_hits if len(lc_hits) == 1 else []
            if len(hits) == 1:
                a = hits[0] + len(lc)
                found.append(Emendation(sic, kind[0], wit_at[a], wit_at[a + len(core)],
                                        _UNESCAPE.sub(r"\1", reading), kind[1]))
                break
    return found


def _offsets(text: str, found: list[suspects.Suspect]) -> list[tuple[int, int]]:
    starts = [0]
    for line in text.split("\n"):
        starts.append(starts[-1] + len(line) + 1)
    return [(starts[s.line - 1] + s.column - 1, starts[s.line - 1] + s.column - 1 + len(s.token))
            for s in found]


def _dictionary_suspects(text: str, words: dict[str, int]) -> list[suspects.Suspect]:
    """The plain dictionary's flags on a text, as suspects (for the essay's comparison)."""
    out = []
    for t in suspects.tokenize(text):
        core = re.sub(r"[^A-Za-z]", "", t.text).lower()
        if core and core not in words and not any(c.isdigit() for c in t.text):
            out.append(suspects.Suspect(t.line, t.column, t.raw, "", "unknown-word", 1.0))
    return out


def essay_report(work_dir: Path, words: dict[str, int]) -> list[str]:
    from editio.base.project import Project
    from editio.intake.source import load_work
    from editio.suspects.reading import reading_text

    witness = (work_dir / "witness.md").read_text(encoding="utf-8")
    emendations = locate_emendations((work_dir / "text.md").read_text(encoding="utf-8"), witness)
    wanted = [e for e in emendations if e.kind in _COUNTED]

    def overlapping(e: Emendation, found: list[suspects.Suspect]) -> list[suspects.Suspect]:
        # An insertion (empty witness reading) is found by a flag on the word it follows.
        a, b = (e.start - 1, e.start + 1) if e.start == e.end else (e.start, e.end)
        return [s for s, (fa, fb) in zip(found, _offsets(witness, found), strict=True)
                if fa < b and a < fb]

    t0 = time.perf_counter()
    found = suspects.find_suspects(witness)
    elapsed = time.perf_counter() - t0
    got = [e for e in wanted if overlapping(e, found)]
    base_got = [e for e in wanted if overlapping(e, _dictionary_suspects(witness, words))]
    ranks = Ranks()
    for e in got:
        if " " not in e.sic.strip() and _letters(e.sic) != _letters(e.reading) and e.reading:
            ranks.add(overlapping(e, found)[0].suggestions, e.reading)
    flags = _offsets(witness, found)
    false = [s for s, (fa, fb) in zip(found, flags, strict=True)
             if not any(fa < max(e.end, e.start + 1) and e.start - 1 < fb for e in emendations)]
    share = len(got) / max(len(wanted), 1)
    base_share = len(base_got) / max(len(wanted), 1)
    print(f"\n== essay {work_dir.name}: raw witness, default mode, finder {elapsed:.1f}s ==")
    print(f"emendations (ocr, compositor) flagged: {len(got)}/{len(wanted)} = {share:.3f}"
          f"   (dictionary baseline: {len(base_got)}/{len(wanted)} = {base_share:.3f})")
    # An insertion has no witness reading: it is named by what it inserts.
    missed = [e.sic or f"'' -> {e.reading!r}" for e in wanted if e not in got]
    print(f"  missed: {' | '.join(missed)}")
    apart: dict[str, list[Emendation]] = {}
    for e in emendations:
        if e.kind not in _COUNTED:
            apart.setdefault(e.kind, []).append(e)
    print("not counted (kind): " + ", ".join(
        f"{kind} {len(es)}" + (f" ({sum(e.inferred for e in es)} a block change with no kind=,"
                               " no witness text)" if any(e.inferred for e in es) else "")
        for kind, es in sorted(apart.items())))
    print(ranks.row("suggestions (recorded readings)"))
    print(f"flags {len(found)}, on no emendation (false): {len(false)}")
    print("  " + " ".join(s.token for s in sorted(false, key=lambda s: (s.line, s.column))))
    source = load_work(Project(work_dir.parent.parent), work_dir.name)
    text = reading_text(source)
    settings = suspects.settings_from_meta(source.meta, source.text_path)
    before = suspects.find_suspects(text, settings=settings)
    after = suspects.find_suspects(text, source.accepted_words, settings=settings)
    print(f"reading text: {len(before)} flags without the accepted list, {len(after)} with it "
          f"({len(source.accepted_words)} accepted words)")
    for s in sorted(after, key=lambda s: (s.line, s.column)):
        print(f"  {s.line}:{s.column} {s.token!r} -> {s.suggestion} [{s.reason}, {s.score:.2f}]")
    return [_target("essay: >= 80% of OCR/compositor errors flagged", share >= 0.8,
                    f"{share:.1%} (dictionary {base_share:.1%})")]


def real_word_recall(docs: list[Doc], flags: list[set[tuple[int, int]]],
                     words: dict[str, int]) -> tuple[int, int]:
    """Of the errors whose OCR token is itself a dictionary word (tinder for under: invisible
    to a dictionary), how many are flagged, and how many there are."""
    hit = total = 0
    for doc, fl in zip(docs, flags, strict=True):
        for si, (o, g) in enumerate(zip(doc.ocr, doc.gt, strict=True)):
            toks = o.translate(_TYPO).split()
            for k, lab in enumerate(label_segment(o, g)):
                core = suspects.split_core(toks[k])[1].lower()
                if lab == 1 and core.isalpha() and core in words:
                    total += 1
                    hit += (si, k) in fl
    return hit, total


def context_report(part: list[Doc], analyzer: suspects.Analyzer,
                   flags: list[set[tuple[int, int]]]) -> None:
    """What the context model adds: the same documents with the bigram-context features
    (symspellpy's bigram counts around each word and its likeliest confusions) weighing
    nothing."""
    import dataclasses

    weights = {k: (0.0 if k.startswith("ctx_") else v) for k, v in analyzer.res.weights.items()}
    plain = suspects.Analyzer(dataclasses.replace(analyzer.res, weights=weights))
    without = [flagged_tokens(d, suspects.find_suspects(d.text, analyzer=plain)) for d in part]
    words = analyzer.res.sym_count
    for name, fl in (("with the context model", flags), ("without it", without)):
        m, _ = score(part, fl)
        hit, total = real_word_recall(part, fl, words)
        print(_row(f"{name}", m) + f"   real-word errors flagged {hit}/{total}")


def bln600_report(label: str, part: list[Doc], analyzer: suspects.Analyzer,
                  context: bool = False) -> list[str]:
    words = analyzer.res.sym_count
    t1 = time.perf_counter()
    found = [suspects.find_suspects(d.text, analyzer=analyzer) for d in part]
    elapsed = time.perf_counter() - t1
    flags = [flagged_tokens(d, f) for d, f in zip(part, found, strict=True)]
    base = [baseline_flags(d, words) for d in part]
    m, s = score(part, flags)
    bm, bs = score(part, base)
    print(f"\n== BLN600 {label}: {len(part)} documents, finder {elapsed:.1f}s ==")
    print(_row("finder (main)", m))
    print(_row("finder (strict)", s))
    print(_row("dictionary baseline (main)", bm))
    print(_row("dictionary baseline (strict)", bs))
    ranks = _merge([suggestion_ranks(d, f) for d, f in zip(part, found, strict=True)])
    print(ranks.row("suggestions"))
    hit, total = real_word_recall(part, flags, words)
    bhit, _ = real_word_recall(part, base, words)
    print(f"{'real-word errors flagged':<34} {hit}/{total} = {hit / max(total, 1):.3f}"
          f"   (dictionary {bhit}; OCR token itself a dictionary word: tinder for under)")
    if context:
        context_report(part, analyzer, flags)
    f1, bf1 = m.prf()[2], bm.prf()[2]
    top1 = ranks.top1 / max(ranks.n, 1)
    return [_target(f"BLN600 {label}: F1 >= 0.88", f1 >= 0.88,
                    f"F1 {f1:.3f} (P {m.prf()[0]:.3f}, R {m.prf()[1]:.3f}; dictionary {bf1:.3f}; "
                    f"false flags {m.false_rate:.2%})"),
            _target(f"BLN600 {label}: first suggestion right >= 65%", top1 >= 0.65,
                    f"{top1:.1%} of {ranks.n} flagged one-for-one errors")]


def ood_report(cache: Path, analyzer: suspects.Analyzer) -> list[str]:
    from editio_tools import ood_corpus

    docs = ood_corpus.documents(ood_corpus.fetch(cache), "test")
    words = analyzer.res.sym_count
    n_tok = sum(len(line.split()) for d in docs for line in d.gt)
    print(f"\n== synthetic (secondary): {len(docs)} documents of Shakespeare (First Folio and "
          f"modern spelling) and Milton, {n_tok} tokens, synthetic OCR noise (see ood_corpus) ==")
    base_main, _ = score(docs, [baseline_flags(d, words) for d in docs])
    print(_row("dictionary baseline (main)", base_main))
    targets = []
    for mode in ("default", "declared period"):
        t1 = time.perf_counter()
        found = []
        for d in docs:
            settings = suspects.Settings(d.period) if mode != "default" else suspects.Settings()
            found.append(suspects.find_suspects(d.text, analyzer=analyzer, settings=settings))
        elapsed = time.perf_counter() - t1
        flags = [flagged_tokens(d, f) for d, f in zip(docs, found, strict=True)]
        main_c, _ = score(docs, flags)
        print(_row(f"finder, {mode} ({elapsed:.0f}s)", main_c))
        ranks = _merge([suggestion_ranks(d, f) for d, f in zip(docs, found, strict=True)])
        print(ranks.row(f"suggestions, {mode}"))
        f1, bf1 = main_c.prf()[2], base_main.prf()[2]
        targets.append(_target(
            f"synthetic, secondary ({mode}): F1 >= 1.5x dictionary",
            f1 >= 1.5 * bf1 and main_c.false_rate <= 0.03,
            f"F1 {f1:.3f} = {f1 / max(bf1, 1e-9):.2f}x dictionary's {bf1:.3f}; "
            f"false flags {main_c.false_rate:.2%} of correct tokens (<= 3%)"))
    return targets


def false_flags(docs: Sequence[Segmented], found: list[list[suspects.Suspect]],
                names: Sequence[str]) -> list[str]:
    """One line per flag on a token the ground truth reads alike (a false flag, as the main
    scoring counts it): the page, the token, the flag's reason and score, its line in the OCR
    and the ground truth's, to sort them by kind."""
    out = []
    for doc, fl, name in zip(docs, found, names, strict=True):
        kept = getattr(doc, "kept_breaks", False)
        labels = [label_segment(o, g, kept) for o, g in zip(doc.ocr, doc.gt, strict=True)]
        spans = [token_spans(s) for s in doc.ocr]
        for s in sorted(fl, key=lambda s: (s.line, s.column)):
            k = next((k for k, (a, b) in enumerate(spans[s.line - 1]) if a <= s.column - 1 < b),
                     None)
            if k is not None and labels[s.line - 1][k] == 0:
                out.append(f"{name}:{s.line} {s.token!r} [{s.reason}, {s.score:.2f}]  "
                           f"ocr: {doc.ocr[s.line - 1]}  |  gt: {doc.gt[s.line - 1]}")
    return out


def real_ocr_report(cache: Path, analyzer: suspects.Analyzer, half: str = "test",
                    limit: int | None = None, books: bool = False,
                    show_false: int = 0) -> list[str]:
    """Real OCR of other print (editio_tools.real_ocr): newspapers (overProof) or, with books,
    British books of the 17th-19th centuries (IMPACT/BL). F1 against the dictionary's, false
    flags, first-suggestion accuracy; skipped, saying why, when the data is not in the cache.
    show_false: print that many of the false flags with their lines (the dev half only: the
    test half's flags are never read, lest they be tuned on)."""
    from editio_tools import real_ocr

    title = ("older books" if books else "newspapers") + f" ({half})"
    there = real_ocr.books_available(cache) if books else real_ocr.available(cache)
    if not there:
        where = real_ocr.books_folder(cache) if books else real_ocr.folder(cache)
        print(f"\n== real OCR, {title}: SKIPPED, no data in {where} ==\n"
              f"  (it comes from {real_ocr.SOURCE_REPO} on GitHub, no registry ships it: clone it, "
              "then `python -m editio_tools.real_ocr install <its .git>`; see real_ocr.py)")
        return [_target(f"real OCR, {title}: F1 >= 1.5x dictionary", False,
                        "not measured: no data")]
    docs = (real_ocr.books(cache, half) if books else real_ocr.documents(cache, half))[:limit]
    words = analyzer.res.sym_count
    n_tok = sum(len(line.split()) for d in docs for line in d.ocr)
    about = (real_ocr.BOOKS_TITLE if books else
             ", ".join(real_ocr.PARTS.values()) + "; overProof's hand-corrected ground truth")
    left = sum(d.left_out for d in docs)
    print(f"\n== real OCR, {title}: {len(docs)} {'pages' if books else 'articles'}, {n_tok} "
          f"tokens ({about}) ==" + (f"\n  ({left} OCR tokens left out, where the data pairs "
                                    "them with another passage)" if left else ""))
    base, _ = score(docs, [baseline_flags(d, words) for d in docs])
    print(_row("dictionary baseline (main)", base))
    t1 = time.perf_counter()
    found = [suspects.find_suspects(d.text, analyzer=analyzer) for d in docs]
    elapsed = time.perf_counter() - t1
    m, s = score(docs, [flagged_tokens(d, f) for d, f in zip(docs, found, strict=True)])
    print(_row(f"finder (main, {elapsed:.0f}s)", m))
    print(_row("finder (strict)", s))
    ranks = _merge([suggestion_ranks(d, f) for d, f in zip(docs, found, strict=True)])
    print(ranks.row("suggestions"))
    if show_false and half == "dev":
        lines = false_flags(docs, found, [getattr(d, "name", "") for d in docs])
        print(f"false flags ({len(lines)}):")
        for line in lines[:show_false]:
            print("  " + line)
    f1, bf1 = m.prf()[2], base.prf()[2]
    return [_target(f"real OCR, {title}: F1 >= 1.5x dictionary, false <= 3%",
                    f1 >= 1.5 * bf1 and m.false_rate <= 0.03,
                    f"F1 {f1:.3f} = {f1 / max(bf1, 1e-9):.2f}x dictionary's {bf1:.3f} (a perfect "
                    f"F1 would be {1 / max(bf1, 1e-9):.2f}x); false flags {m.false_rate:.2%} of "
                    "correct tokens")]


_CURVE_CUTS = (None, 0.6, 0.45, 0.3, 0.2, 0.1, 0.05)


def tradeoff_curve(
    held: list[Doc], work_dir: Path, cache: Path, analyzer: suspects.Analyzer
) -> None:
    """Recall on the essay's errors against false flags elsewhere, as the cut moves.

    Each row fixes the posterior a flag needs (the default row: the text's expected-F1 cut),
    and measures in one run: the essay's OCR and compositor errors flagged, the flags on its
    reading text with the accepted words (what `make check` fails on), held-out BLN600 and the
    out-of-domain test half.
    """
    from editio.base.project import Project
    from editio.intake.source import load_work
    from editio.suspects.reading import reading_text
    from editio_tools import ood_corpus

    witness = (work_dir / "witness.md").read_text(encoding="utf-8")
    wanted = [e for e in locate_emendations((work_dir / "text.md").read_text(encoding="utf-8"),
                                            witness) if e.kind in _COUNTED]
    source = load_work(Project(work_dir.parent.parent), work_dir.name)
    reading = reading_text(source)
    settings = suspects.settings_from_meta(source.meta, source.text_path)
    ood = ood_corpus.documents(ood_corpus.fetch(cache), "test")
    print("\n== trade-off: the cut a flag needs ==")
    print(f"{'cut':<8} {'essay errors':>13} {'reading flags':>14} {'BLN600 F1':>10} "
          f"{'BLN false':>10} {'OOD F1':>7} {'OOD false':>10}")
    for cut in _CURVE_CUTS:
        def run(text: str, cut: float | None = cut, accepted: frozenset[str] = frozenset(),
                settings: suspects.Settings | None = None) -> list[suspects.Suspect]:
            return suspects.find_suspects(text, accepted, analyzer=analyzer, threshold=cut,
                                          settings=settings)

        found = run(witness)
        spans = _offsets(witness, found)
        got = sum(1 for e in wanted if any(
            fa < max(e.end, e.start + 1) and e.start - 1 < fb for fa, fb in spans))
        checked = run(reading, accepted=source.accepted_words, settings=settings)
        bln, _ = score(held, [flagged_tokens(d, run(d.text)) for d in held])
        out, _ = score(ood, [flagged_tokens(d, run(d.text)) for d in ood])
        name = "default" if cut is None else f"{cut:.2f}"
        print(f"{name:<8} {got:>6}/{len(wanted)} {got / len(wanted):>5.0%} {len(checked):>14} "
              f"{bln.prf()[2]:>10.3f} {bln.false_rate:>10.2%} {out.prf()[2]:>7.3f} "
              f"{out.false_rate:>10.2%}")


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawTextHelpFormatter)
    ap.add_argument("--corpus", type=Path, required=True)
    ap.add_argument("--holdout-every", type=int, default=5)
    ap.add_argument("--training", action="store_true",
                    help="also score the training documents (slow)")
    ap.add_argument("--essay", type=Path, default=_DEFAULT_ESSAY,
                    help="work folder for the essay section (default: %(default)s)")
    ap.add_argument("--skip-essay", action="store_true")
    ap.add_argument("--ood-cache", type=Path, default=_DEFAULT_CACHE,
                    help="where the real-OCR data and the synthetic set's package are kept "
                    "(default: %(default)s)")
    ap.add_argument("--skip-ood", action="store_true", help="skip the synthetic set")
    ap.add_argument("--skip-real", action="store_true", help="skip the real-OCR newspapers")
    ap.add_argument("--skip-books", action="store_true", help="skip the real-OCR older books")
    ap.add_argument("--skip-bln600", action="store_true", help="skip held-out BLN600")
    ap.add_argument("--half", choices=("dev", "test"), default="test",
                    help="which half of the real-OCR sets to score (tune on dev, report test)")
    ap.add_argument("--limit", type=int, default=None,
                    help="score only the first N documents of each real-OCR set and of "
                    "held-out BLN600 (for quick runs while iterating)")
    ap.add_argument("--false", type=int, default=0, metavar="N", dest="show_false",
                    help="print N false flags of each real-OCR set with their lines (with "
                    "--half dev only: the test half's flags are never read)")
    ap.add_argument("--skip-context", action="store_true",
                    help="skip held-out BLN600 again without the context model")
    ap.add_argument("--curve", action="store_true",
                    help="also print recall on the essay against false flags as the cut moves")
    args = ap.parse_args(argv)
    if args.show_false and args.half != "dev":
        ap.error("--false reads the flags of the dev half only (add --half dev)")

    t0 = time.perf_counter()
    docs = load_corpus(args.corpus)
    if not docs:
        print(f"no *.tsv documents in {args.corpus}", file=sys.stderr)
        return 2
    train, held = split_docs(docs, args.holdout_every)
    analyzer = suspects.Analyzer(suspects.default_resources())
    print(
        f"split: {len(held)} held-out documents (i % {args.holdout_every} == "
        f"{args.holdout_every - 1} by sorted name), {len(train)} training documents"
    )
    targets = [] if args.skip_bln600 else bln600_report(
        "held-out", held[:args.limit], analyzer, context=not args.skip_context)
    if args.training:
        bln600_report("training", train, analyzer)
    if not args.skip_real:
        targets += real_ocr_report(args.ood_cache, analyzer, args.half, args.limit,
                                   show_false=args.show_false)
    if not args.skip_books:
        targets += real_ocr_report(args.ood_cache, analyzer, args.half, args.limit, books=True,
                                   show_false=args.show_false)
    if not args.skip_ood:
        targets += ood_report(args.ood_cache, analyzer)
    if not args.skip_essay and (args.essay / "witness.md").is_file():
        targets += essay_report(args.essay, analyzer.res.sym_count)
    if args.curve:
        tradeoff_curve(held, args.essay, args.ood_cache, analyzer)
    print()
    for line in targets:
        print(line)
    print(f"\ntotal time {time.perf_counter() - t0:.1f}s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
