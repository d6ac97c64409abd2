"""What the correction desk saves an editor: a scripted editor on held-out BLN600, and the
desk's answer time on the essay. A bench, not a test: it prints numbers.

Scripted editor (--corpus): on each held-out document (bench_suspects' split: never seen by
the finder's training) the finder runs as the desk runs it on a new work (desk_suspects: down
to DESK_BELOW of its cut, and the lone letters and glued words the desk asks besides), and an
editor who knows the ground truth works down the flags in order, as the desk presents them:
- a flag on a wrong token whose first reading is the ground truth: Enter (one accept), and
  when the same wrong form stands elsewhere with the same truth, the series (e, Enter) puts
  all of them right in one action, the places where it should not apply left out (Space each);
- another of its readings is the truth: its number (one action);
- none is: t, the truth typed, Enter (a run of words widened with + first; a garble whose
  truth is nothing: x);
- a flag on a right token: s (skip).
The wrong tokens no flag reaches are typed by hand as spans. Wrong tokens are those
bench_suspects counts as errors (main scoring: a difference of punctuation or case alone is
left out); glued and split words and garbles are a run, put right by one action.
A reading puts right every wrong stretch it covers when it writes exactly the truth over a
stretch whose ends are where the truth's tokens begin and end (Truth.of): one accept that
deletes a garble of three tokens puts three right. A series, as the desk offers it: the same
wrong form, or the same confusion of letters after the same letter (flags.confusion).
Reported: the share of wrong tokens put right by one accept (or one series action), actions
and keystrokes per corrected token, three ways: a reading right character for character (the
headline), right as the wrong tokens are counted (a difference of punctuation or case alone
is no error: bench_suspects' main scoring), and each misaligned block one stretch; and the
same for typing every span by hand in text.md, [truth]{.corr sic="ocr"}, the way it was done
before the desk.

Latency (--latency): the preview serving a copy of the essay in which some of its OCR
emendations are undone (the text still collates: it reads as the witness there), the desk
opened in Chromium, and each flag accepted with Enter: the time from the key to the page
showing the new state (text.md written, collated, the flags moved, the page drawn), and the
server's part of it.
"""

from __future__ import annotations

import argparse
import difflib
import os
import statistics
import sys
import time
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from editio_tools.bench_suspects import Doc, load_corpus, split_docs

if TYPE_CHECKING:
    from playwright.sync_api import Page

ROOT = Path(__file__).resolve().parents[2]


@dataclass
class Run:
    """A wrong stretch of a segment: OCR tokens [start, stop) and what they should read."""

    segment: int
    start: int
    stop: int
    ocr: str
    truth: str
    wrong: int = 1  # its tokens bench_suspects counts as errors

    @property
    def kind(self) -> str:
        """What the page needs here: one word for one, a split, a join, a deletion."""
        n, words = self.stop - self.start, len(self.truth.split())
        if not self.truth:
            return "deletion"
        if n == 1:
            return "one-for-one" if words == 1 else "glued words split"
        if words == 1:
            return "hyphen join" if self.ocr.split()[0].endswith("-") else "split join"
        return "other run"


def pieces(ocr: list[str], gt: list[str]) -> list[tuple[int, int, int, int]]:
    """A block of OCR tokens that does not align one for one with its ground truth, cut into
    the smallest stretches that do correspond: (OCR start, stop, truth start, stop), relative.

    The two sides are aligned letter by letter (lower case); an OCR token and a truth token
    belong together when some of their letters are aligned, and what belongs together, with
    everything between, is one stretch ("tho pursu it5" / "the pursuits": tho | pursu it5).
    An OCR token that shares no letter with the truth is a stretch of its own that reads
    nothing (a garble to delete); a truth word no OCR token shares a letter with is a word the
    OCR left out, in no stretch (found by reading, as bench_suspects leaves it)."""
    a, b = " ".join(ocr).lower(), " ".join(gt).lower()
    owner_a = [k for k, t in enumerate(ocr) for _ in t + " "]
    owner_b = [k for k, t in enumerate(gt) for _ in t + " "]
    links: list[tuple[int, int]] = []
    for op, x1, x2, y1, y2 in difflib.SequenceMatcher(None, a, b, autojunk=False).get_opcodes():
        if op == "equal":
            links += [(owner_a[x], owner_b[y]) for x, y in zip(range(x1, x2), range(y1, y2),
                                                              strict=True)
                      if a[x] != " " and b[y] != " "]
        elif op == "replace":  # letters misread: what stands in one place belongs together
            ta = {owner_a[x] for x in range(x1, x2) if a[x] != " "}
            tb = {owner_b[y] for y in range(y1, y2) if b[y] != " "}
            links += [(i, j) for i in ta for j in tb]
    groups: list[list[int]] = []  # [ocr lo, ocr hi, gt lo, gt hi], merged where they overlap
    for i, j in sorted(set(links)):
        if groups and (i <= groups[-1][1] or j <= groups[-1][3]):
            g = groups[-1]
            g[1], g[2], g[3] = max(g[1], i), min(g[2], j), max(g[3], j)
        else:
            groups.append([i, i, j, j])
    merged: list[list[int]] = []
    for g in groups:  # a truth word linked back into an earlier stretch merges the two
        while merged and g[2] <= merged[-1][3]:
            m = merged.pop()
            g = [m[0], max(m[1], g[1]), min(m[2], g[2]), max(m[3], g[3])]
        merged.append(g)
    out: list[tuple[int, int, int, int]] = []
    at = 0
    for lo, hi, glo, ghi in merged:
        out += [(k, k + 1, glo, glo) for k in range(at, lo)]
        out.append((lo, hi + 1, glo, ghi + 1))
        at = hi + 1
    out += [(k, k + 1, len(gt), len(gt)) for k in range(at, len(ocr))]
    return out


@dataclass
class Truth:
    """A document's wrong stretches and what its OCR tokens are aligned with: per segment,
    the truth's tokens and each OCR token boundary that stands at a truth token boundary
    (OCR boundary -> truth boundary), so that any stretch between two such boundaries has a
    truth of its own (a reading over several stretches, a garble of three tokens deleted)."""

    runs: list[Run]
    wrong: int
    truth: list[list[str]]
    bounds: list[dict[int, int]]
    # per segment, an OCR boundary -> the other truth boundary a stretch may end at there: a
    # word the OCR left out at a block's edge is in no stretch (pieces), so "wst" of "the
    # wst so" / "the court was so" reads "was" as its Run says, and "court was" too
    other: list[dict[int, int]] = field(default_factory=list)

    def of(self, segment: int, start: int, stop: int) -> str | None:
        """The truth of OCR tokens [start, stop) of a segment; None where an end of the
        stretch falls inside an aligned block."""
        at = self.bounds[segment]
        if start not in at or stop not in at or at[start] > at[stop]:
            return None
        return " ".join(self.truth[segment][at[start]:at[stop]])

    def readings_of(self, segment: int, start: int, stop: int) -> list[str]:
        """Every truth of OCR tokens [start, stop): of, and with a word the OCR left out at
        either edge left out (as its Run has it)."""
        at, other = self.bounds[segment], self.other[segment] if self.other else {}
        if start not in at or stop not in at:
            return []
        out = []
        for a in {at[start], other.get(start, at[start])}:
            for b in {at[stop], other.get(stop, at[stop])}:
                if a <= b:
                    out.append(" ".join(self.truth[segment][a:b]))
        return out


def wrong_runs(doc: Doc, fine: bool = True) -> Truth:
    """The document's wrong stretches, its number of wrong tokens, and the alignment. fine: a
    block that does not align one for one is cut into the stretches that correspond
    (pieces); else it is one stretch, typed whole (the measure before the desk offered
    joins)."""
    from editio.suspects import finder as suspects
    from editio_tools.bench_suspects import label_segment

    runs, wrong, truths, bounds, others = [], 0, [], [], []
    for s, (ocr, gt) in enumerate(zip(doc.ocr, doc.gt, strict=True)):
        ot, gt_toks = ocr.translate(suspects.TYPO).split(), gt.translate(suspects.TYPO).split()
        raw = ocr.split()
        labels = label_segment(ocr, gt)
        at: dict[int, int] = {}
        other: dict[int, int] = {}
        sm = difflib.SequenceMatcher(None, ot, gt_toks, autojunk=False)
        for op, i1, i2, j1, j2 in sm.get_opcodes():
            if op == "equal":
                at.update((i1 + k, j1 + k) for k in range(i2 - i1 + 1))
                continue
            if i1 == i2:
                continue  # a word the OCR left out is found by reading, typed by hand
            if op == "replace" and i2 - i1 == j2 - j1:
                cut = [(k, k + 1, k, k + 1) for k in range(i2 - i1)]
            elif fine:
                cut = pieces(ot[i1:i2], gt_toks[j1:j2])
            else:
                cut = [(0, i2 - i1, 0, j2 - j1)]
            at.setdefault(i1, j1)
            at.setdefault(i2, j2)
            for a, b, c, d in cut:
                at.setdefault(i1 + a, j1 + c)
                at.setdefault(i1 + b, j1 + d)
                if a == 0 and c:
                    other[i1] = j1 + c  # the block begins with words the OCR left out
                if b == i2 - i1 and j1 + d < j2:
                    other[i2] = j1 + d  # ... or ends with them
                counted = sum(labels[k] == 1 for k in range(i1 + a, i1 + b))
                if counted:
                    runs.append(Run(s, i1 + a, i1 + b, " ".join(raw[i1 + a:i1 + b]),
                                    " ".join(gt_toks[j1 + c:j1 + d]), counted))
                    wrong += counted
        truths.append(gt_toks)
        bounds.append(at)
        others.append(other)
    return Truth(runs, wrong, truths, bounds, others)


@dataclass
class Tally:
    wrong: int = 0  # wrong tokens
    by_accept: int = 0  # put right by one accept or one series action
    actions: int = 0
    keys: int = 0
    hand_actions: int = 0
    hand_keys: int = 0
    flags: int = 0
    skipped: int = 0
    typed: int = 0
    picked: int = 0
    series: int = 0
    by_series: int = 0  # wrong tokens a series action put right
    one_key: int = 0  # wrong tokens put right by one key of any kind (accept, pick, x)
    # per kind of run (Run.kind): wrong tokens, flagged, put right by one accept
    kinds: dict[str, list[int]] = field(default_factory=lambda: defaultdict(lambda: [0, 0, 0]))
    # per kind of run, the flags that reached one and whose first reading did not put it
    # right: (token, its readings, the truth, the reason) -- --misses prints some
    misses: dict[str, list[tuple[str, tuple[str, ...], str, str]]] = field(
        default_factory=lambda: defaultdict(list))
    # per kind of run, the stretches reached whose first reading did not put them right, with
    # the OCR about them and every reading's stretch (Editor.miss): --misses prints those of
    # the kinds that take several tokens
    stretches: dict[str, list[str]] = field(default_factory=lambda: defaultdict(list))


def _tokens(run: Run) -> int:
    return run.stop - run.start


def same(reading: str, truth: str, exact: bool = True) -> bool:
    """A reading writes the truth: character for character (exact), or else as the wrong
    tokens are counted, word for word, a difference of punctuation or case alone being no
    error (bench_suspects' main scoring: "case," for "case." is a token put right)."""
    from editio.suspects.finder import TYPO

    reading = reading.translate(TYPO)
    if reading == truth or exact:
        return reading == truth
    ours, theirs = reading.split(), truth.split()
    return len(ours) == len(theirs) and all(
        _letters(x) == _letters(y) and _letters(x) for x, y in zip(ours, theirs, strict=True))


def _letters(token: str) -> str:
    return "".join(c for c in token.lower() if c.isalnum())


class Editor:
    """The scripted editor at the desk, on one document: knows the truth, works down the
    flags in reading order, counts its actions and keystrokes into a Tally."""

    def __init__(self, doc: Doc, analyzer, tally: Tally,  # noqa: ANN001 - no stubs
                 fine: bool = True, found: list | None = None, exact: bool = True) -> None:
        from editio.desk.flags import plain_flags
        from editio.desk.questions import desk_suspects
        from editio_tools.bench_suspects import token_spans

        self.truth = wrong_runs(doc, fine)
        self.runs, self.exact = self.truth.runs, exact
        self.tally = tally
        tally.wrong += self.truth.wrong
        for r in self.runs:
            tally.kinds[r.kind][0] += r.wrong
        self.at = {(r.segment, k): r for r in self.runs for k in range(r.start, r.stop)}
        self.spans = [token_spans(line) for line in doc.ocr]
        self.doc_ocr = doc.ocr
        if found is None:
            found = desk_suspects(doc.text, analyzer=analyzer)
        self.found = found
        self.flags = sorted(plain_flags(found, doc.text), key=lambda f: (f.line, f.column))
        tally.flags += len(self.flags)
        self.done: set[int] = set()
        self.forms: dict[tuple[str, str], list[Run]] = defaultdict(list)
        for r in self.runs:
            self.forms[(r.ocr, r.truth)].append(r)
        self.same_form: dict[str, int] = defaultdict(int)  # places of a form not yet written
        for line in doc.ocr:
            for tok in line.split():
                self.same_form[tok] += 1
        self.series_of = _series_index(self.flags)

    def run_of(self, f) -> Run | None:  # noqa: ANN001
        k = next((i for i, (a, b) in enumerate(self.spans[f.line - 1])
                  if a <= f.column - 1 < b), None)
        return self.at.get((f.line - 1, k)) if k is not None else None

    def reads(self, f, k: int) -> tuple[int, int, int]:  # noqa: ANN001
        """(segment, first token, last token + 1) that reading k of flag f replaces."""
        line, column, token = f.place(k)
        at = [i for i, (a, b) in enumerate(self.spans[line - 1])
              if a < column - 1 + len(token) and column - 1 < b]
        return (line - 1, at[0], at[-1] + 1) if at else (line - 1, -1, -1)

    def covers(self, f, k: int, run: Run) -> list[Run]:  # noqa: ANN001
        """The wrong stretches reading k of flag f puts right, run among them: it writes
        exactly the truth over a stretch of OCR tokens that holds run and begins and ends
        where the truth's tokens do (a reading over several stretches puts all right: a
        garble of three tokens deleted, tho pursu it5 read the pursuits); [] otherwise."""
        segment, start, stop = self.reads(f, k)
        if segment != run.segment or start > run.start or stop < run.stop:
            return []
        if not any(same(f.readings[k], truth, self.exact)
                   for truth in self.truth.readings_of(segment, start, stop)):
            return []
        return list({id(r): r for i in range(start, stop)
                     if (r := self.at.get((segment, i))) is not None}.values())

    def right(self, f, k: int, run: Run) -> bool:  # noqa: ANN001
        return bool(self.covers(f, k, run))

    def work(self) -> None:
        tally = self.tally
        for f in self.flags:
            run = self.run_of(f)
            if run is None:
                tally.actions += 1  # s: a right token skipped
                tally.keys += 1
                tally.skipped += 1
                continue
            if id(run) in self.done:
                continue  # put right already (a series, or a run begun at an earlier flag)
            whole = _tokens(run) == 1
            tally.actions += 1
            tally.kinds[run.kind][1] += run.wrong
            put = self.covers(f, 0, run) if f.readings else []
            if put:
                tally.keys += 1
                for r in put:
                    if id(r) in self.done:
                        continue
                    if r is not run:  # reached at this flag too
                        tally.kinds[r.kind][1] += r.wrong
                    self.done.add(id(r))
                    tally.by_accept += r.wrong
                    tally.kinds[r.kind][2] += r.wrong
                    if _tokens(r) == 1:
                        self.same_form[r.ocr] -= 1
                if whole and len(put) == 1:
                    self.series(f, run)
                continue
            tally.misses[run.kind].append((f.token, f.readings, run.truth, f.reason))
            tally.stretches[run.kind].append(self.miss(f, run))
            if whole:
                self.same_form[run.ocr] -= 1
            self.done.add(id(run))
            widen = _tokens(run) - 1
            if any(self.right(f, k, run) for k in range(1, len(f.readings))):
                tally.picked += 1
                tally.keys += 1
                tally.one_key += run.wrong
            elif not run.truth:
                tally.keys += widen + 1  # +, then x
                tally.one_key += run.wrong if not widen else 0
            else:
                tally.typed += 1
                tally.keys += widen + len(run.truth) + 2  # t, the truth, Enter
        for r in self.runs:
            span = len(f'[{r.truth}]{{.corr sic="{r.ocr}"}}')
            tally.hand_actions += 1
            tally.hand_keys += span
            if id(r) not in self.done:  # no flag reached it: typed by hand at the desk too
                tally.actions += 1
                tally.keys += span

    def miss(self, f, run: Run) -> str:  # noqa: ANN001
        """A reached run whose flag's first reading is not right, for --misses: the OCR
        about it, the flag, its readings in order (each with the stretch it replaces where that
        is not the flag's token, * where it is right), and the truth."""
        seg = self.doc_ocr[run.segment].split()
        around = " ".join(seg[max(run.start - 2, 0):run.start]) + " [" + run.ocr + "] " + \
            " ".join(seg[run.stop:run.stop + 2])
        shown = []
        for k, reading in enumerate(f.readings):
            at = f.place(k)[2]
            mark = "*" if self.right(f, k, run) else ""
            shown.append(f"{mark}{reading!r}" + (f" @{at!r}" if at != f.token else ""))
        return f"{around.strip()!r} -> {run.truth!r}; flag {f.token!r} [{f.reason}]: " + \
            (", ".join(shown) or "(no reading)")

    def series(self, f, run: Run) -> None:  # noqa: ANN001
        """After an accept: the same form elsewhere, and other words of the same confusion
        (as the desk lists them: flags.confusion), in one action (e, Enter), the places where
        it would be wrong left out (Space each)."""
        from editio.desk.flags import confusion

        others = [o for o in self.forms[(run.ocr, run.truth)] if id(o) not in self.done
                  and _tokens(o) == 1]
        left_out = self.same_form[run.ocr] - len(others)
        self.same_form[run.ocr] -= len(others)
        key = confusion(f.token, f.readings[0])
        for g in self.series_of.get(key, []) if key else []:
            other = self.run_of(g)
            if g.token == f.token or (other is not None and id(other) in self.done):
                continue
            if other is not None and _tokens(other) == 1 and \
                    same(g.readings[0], other.truth, self.exact):
                others.append(other)
                self.same_form[other.ocr] -= 1
            else:
                left_out += 1
        if not others:
            return
        self.tally.series += 1
        self.tally.keys += 1 + left_out  # e before the Enter, a Space a place left out
        self.tally.actions += left_out
        for o in others:
            self.done.add(id(o))
            self.tally.by_accept += o.wrong
            self.tally.by_series += o.wrong


def _series_index(flags: list) -> dict[tuple, list]:
    """The flags by the confusion their first reading undoes (the desk's series)."""
    from editio.desk.flags import confusion

    out: dict[tuple, list] = defaultdict(list)
    for f in flags:
        key = confusion(f.token, f.readings[0]) if f.readings and f.readings[0] else ()
        if key:
            out[key].append(f)
    return out


def scripted(corpus: Path, every: int, limit: int | None, training: int = 0,
             misses: int = 0, offset: int = 0, leave_out: bool = False) -> None:
    from editio.desk.questions import desk_suspects
    from editio.suspects.finder import default_analyzer

    docs = load_corpus(corpus)
    train, held = split_docs(docs, every)
    # --training N: every Nth training document, to tune on (the held-out ones never are)
    part, name = (train[offset::training], "training BLN600 documents") if training else \
        (held, "held-out BLN600 documents")
    part = part[:limit] if limit else part
    if training and leave_out:
        from editio_tools.bench_suggestions import dev_analyzer

        # the shipped model's word pairs and confusions are learned from every training
        # document, these among them: the context's questions read their own truth there
        analyzer = dev_analyzer(the_rest(train, training, offset))
        name = "training BLN600 documents, read with the other training documents' word " \
            "pairs, confusions and forms,"
    else:
        analyzer = default_analyzer()
    started = time.monotonic()
    found = [desk_suspects(doc.text, analyzer=analyzer) for doc in part]  # as the desk asks
    print(f"scripted editor on {len(part)} {name} (finder "
          f"{time.monotonic() - started:.0f} s)")
    report(part, found, analyzer, misses)


def the_rest(train: list[Doc], every: int, offset: int) -> list[Doc]:
    """The training documents --training every --training-offset offset leaves out."""
    return [d for i, d in enumerate(train) if i % every != offset]


def report(part: list[Doc], found: list[list], analyzer,  # noqa: ANN001
           misses: int = 0) -> None:
    """The scripted editor's tallies on documents whose flags were found: three measures."""
    measures = (
        (True, True, "a block of OCR that does not align word for word with the truth cut "
                     "into the stretches that correspond (tho pursu it5 / the pursuits: tho | "
                     "pursu it5); a reading right when it is the truth character for character"),
        (True, False, "the same, a reading right when it leaves no wrong token as they are "
                      "counted (a difference of punctuation or case alone is none)"),
        (False, True, "each such block one stretch to put right whole, character for "
                      "character (the measure of the first sessions)"),
    )
    for fine, exact, what in measures:
        tally = Tally()
        for doc, flags in zip(part, found, strict=True):
            Editor(doc, analyzer, tally, fine, flags, exact).work()
        w = tally.wrong
        if fine and exact:
            print(f"  {w} wrong tokens, {tally.flags} flags")
        print(f"  {what}:")
        print(f"  desk: {tally.by_accept / w:.1%} of the wrong tokens put right by one accept or "
              f"series action; {tally.actions / w:.2f} actions and {tally.keys / w:.2f} "
              "keystrokes per corrected token")
        print(f"        {(tally.one_key + tally.by_accept) / w:.1%} by one key of any kind (an "
              f"accept, a series, another reading picked, a token deleted with x)")
        print(f"        ({tally.series} series actions putting {tally.by_series} tokens right, "
              f"{tally.picked} other readings picked, {tally.typed} typed at a flag, "
              f"{tally.skipped} right tokens skipped)")
        print(f"  by hand: 0.0% by one accept; {tally.hand_actions / w:.2f} actions (spans "
              f"typed) and {tally.hand_keys / w:.2f} keystrokes per corrected token")
        if fine:
            # reached: a flag stands on it (a series may put it right before); first right:
            # of those reached, put right by that flag's first reading; of all: of every
            # wrong token of the kind, put right by an accept at its own flag
            print(f"  {'what the truth needs':<20} {'wrong tokens':>13} {'reached':>8} "
                  f"{'first right':>12} {'of all':>7}")
            for kind, (n, flagged, accepted) in sorted(tally.kinds.items(),
                                                       key=lambda kv: -kv[1][0]):
                print(f"  {kind:<20} {n:>13} {flagged / max(n, 1):>8.1%} "
                      f"{accepted / max(flagged, 1):>12.1%} {accepted / max(n, 1):>7.1%}")
        if fine and misses:
            import random

            # a fixed sample, the same each run: what the first reading got wrong
            for kind in ("one-for-one", "deletion"):
                got = tally.misses.get(kind, [])
                print(f"  {kind}: {min(misses, len(got))} of {len(got)} flags whose first "
                      "reading is not the truth (token -> readings | truth [reason])")
                for token, readings, truth, reason in random.Random(0).sample(
                        got, min(misses, len(got))):
                    print(f"    {token!r} -> {readings[:3]} | {truth!r} [{reason}]")
            for kind, lines in sorted(tally.stretches.items()):
                if kind not in ("one-for-one", "deletion"):
                    print(f"  {kind}: {len(lines)} stretches reached whose first reading is "
                          f"not right; {min(misses, len(lines))} of them (* a right reading):")
                    for line in lines[:misses]:
                        print(f"    {line}")


def _number(page: Page, attribute: str) -> int:
    """A number the desk's page states on its <html> (data-flags, data-last-ms, ...)."""
    value = page.get_attribute("html", attribute)
    if value is None:
        raise SystemExit(f"bench-desk: the desk's page has no {attribute}")
    return int(value)


def latency(accepts: int) -> None:
    """Accepts on the essay through the desk in Chromium: the page's and the server's times."""
    import re
    import shutil
    import signal
    import subprocess
    import tempfile

    from playwright.sync_api import sync_playwright

    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp) / "project"
        for folder in ("source", "bib", "styles"):
            shutil.copytree(ROOT / folder, root / folder, symlinks=True)
        if (ROOT / "editio.yaml").is_file():
            shutil.copy(ROOT / "editio.yaml", root / "editio.yaml")
        text = root / "source" / "deutscher-1957" / "text.md"
        body = text.read_text(encoding="utf-8")
        # undo single-word OCR emendations: the text then reads as the witness there
        span = re.compile(r'\[([A-Za-z]+)\]\{\.corr sic="([A-Za-z]+)"[^}]*\}')
        body, undone = span.subn(lambda m: m.group(2), body, count=accepts)
        text.write_text(body, encoding="utf-8")
        # its messages to a file: a pipe nobody reads fills and stops the server mid-write
        said = (Path(tmp) / "preview.err").open("w", encoding="utf-8")
        proc = subprocess.Popen([sys.executable, "-m", "editio.cli", "--root", str(root),
                                 "preview", "deutscher-1957", "--port", "0", "-q"],
                                stdout=subprocess.PIPE, stderr=said, text=True)
        assert proc.stdout is not None  # (stdout=PIPE)
        url = proc.stdout.readline().split("preview at ", 1)[1].split()[0]
        page_ms, server_ms, cpu_ms, where = [], [], [], []
        noted: list[tuple[int, int, str]] = []
        try:
            with sync_playwright() as driver:
                browser = driver.chromium.launch(executable_path=shutil.which("chromium"),
                                                 args=["--no-sandbox", "--disable-gpu"])
                page = browser.new_page()
                started = time.monotonic()
                page.goto(url + "correct")
                page.wait_for_selector("html[data-ready='1']", timeout=120_000)
                opened = time.monotonic() - started
                flags = _number(page, "data-flags")
                for n in range(1, flags + 1):
                    readings = page.locator(".flag.current .readings .reading").count()
                    at = page.locator(".flag.current .where").inner_text().split(" ", 1)[0]
                    page.keyboard.press("Enter" if readings else "s")
                    page.wait_for_function(
                        f"document.documentElement.dataset.actions == '{n}' || "
                        "document.documentElement.dataset.error", timeout=60_000)
                    if page.get_attribute("html", "data-error"):
                        break
                    if not readings:
                        continue
                    page_ms.append(_number(page, "data-last-ms"))
                    server_ms.append(_number(page, "data-server-ms"))
                    cpu_ms.append(_number(page, "data-cpu-ms"))
                    where.append(at)
                # a word written in each paragraph with a note (its call, a page break that
                # lets it out, its definition), as a typed reading is: the server's answer
                for k in range(len(_noted_words(body))):
                    # read again: each write moves what follows it
                    offset, word, line = _noted_words(text.read_text(encoding="utf-8"))[k]
                    status, ms, seconds, error = page.evaluate(_WRITE_JS, [offset, word])
                    if status != 200:
                        raise SystemExit(f"text.md:{line}: '{word}' not written: {error}")
                    noted.append((round(ms), round(seconds * 1000), f"text.md:{line}"))
                browser.close()
        finally:
            proc.send_signal(signal.SIGINT)
            try:
                proc.wait(timeout=30)
            except subprocess.TimeoutExpired:
                proc.kill()
                proc.wait()
                print("bench-desk: the preview did not stop within 30 s of Ctrl-C (killed); "
                      "it said:\n" + (Path(tmp) / "preview.err").read_text(encoding="utf-8"),
                      file=sys.stderr)
            said.close()
    print(f"desk on the essay: {undone} OCR emendations undone, {flags} flags, desk open in "
          f"{opened:.1f} s")
    if page_ms:
        print(f"  accept (Enter to the page drawn), {len(page_ms)} accepts: min "
              f"{min(page_ms)} ms, median {statistics.median(page_ms):.0f} ms, max "
              f"{max(page_ms)} ms (target < 300 ms each); the server's part: min "
              f"{min(server_ms)}, median {statistics.median(server_ms):.0f}, max "
              f"{max(server_ms)} ms, of which CPU (the server's and pandoc's) median "
              f"{statistics.median(cpu_ms):.0f} ms, max {max(cpu_ms)} ms; load average "
              f"{os.getloadavg()[0]:.1f} on {os.cpu_count()} cores")
        slowest = sorted(zip(page_ms, server_ms, where, strict=True), reverse=True)[:3]
        print("  slowest: " + ", ".join(f"{p} ms ({s} ms in the server) at {w}"
                                        for p, s, w in slowest))
    if noted:
        print(f"  a word written in each of the {len(noted)} paragraphs with a note (request to "
              f"answer): " + ", ".join(f"{w} {p} ms ({s})" for p, s, w in noted))


# one write through the desk's own page, as its keys send it, timed from the request to the
# answer: [status, milliseconds, the server's seconds, the error if any]
_WRITE_JS = """async ([id, token]) => {
  const headers = {"X-Editio-Token":
                   document.querySelector('meta[name="editio-token"]').content};
  const state = await (await fetch("/desk/state", {headers})).json();
  const started = performance.now();
  const answer = await fetch("/desk/act", {method: "POST",
    headers: {...headers, "Content-Type": "application/json"},
    body: JSON.stringify({action: "write", typed: true, digest: state.digest,
                          places: [{id, token, reading: token + "s"}]})});
  const data = await answer.json();
  return [answer.status, performance.now() - started, data.seconds || 0, data.error || ""];
}"""


def _noted_words(text: str) -> list[tuple[int, str, int]]:
    """(offset, word, line) of a word outside markup in each paragraph of text.md that calls
    a note, lets one out at a page break, or defines one."""
    import re

    from editio.intake.markup import WRITTEN_SPAN

    found = []
    for para in re.finditer(r"(?:^|\n\n)([^\n]+(?:\n[^\n]+)*)", text):
        body = para.group(1)
        if not re.search(r"\[\^|notes=", body) or body.startswith("---"):
            continue
        markup = [(m.start(), m.end()) for m in WRITTEN_SPAN.finditer(body)]
        for word in re.finditer(r"(?<= )[a-z]{6,}(?=[ ,.;])", body):
            if not any(a <= word.start() < b for a, b in markup):
                at = para.start(1) + word.start()
                found.append((at, word.group(), text.count("\n", 0, at) + 1))
                break
    return found


def main(argv: list[str] | None = None) -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    ap.add_argument("--corpus", type=Path, help="BLN600 segment files (bench-suspects')")
    ap.add_argument("--holdout-every", type=int, default=5)
    ap.add_argument("--limit", type=int, help="only the first N held-out documents")
    ap.add_argument("--training", type=int, metavar="N", default=0,
                    help="score every Nth training document instead (to tune on)")
    ap.add_argument("--training-offset", type=int, metavar="K", default=0,
                    help="with --training N: begin at the Kth training document (0 to N-1), "
                         "a development split apart from the one tuned on")
    ap.add_argument("--leave-out", action="store_true",
                    help="with --training N: the finder's word pairs, confusions and forms "
                         "learned from the other training documents only (a minute more)")
    ap.add_argument("--misses", type=int, metavar="N", default=0,
                    help="print N flags of each kind whose first reading is not the truth")
    ap.add_argument("--latency", type=int, metavar="N", default=0,
                    help="also time N accepts on the essay in Chromium")
    args = ap.parse_args(argv)
    if args.leave_out and not args.training:
        ap.error("--leave-out reads a development split: give --training N too")
    if args.corpus:
        scripted(args.corpus, args.holdout_every, args.limit, args.training, args.misses,
                 args.training_offset, args.leave_out)
    if args.latency:
        latency(args.latency)


if __name__ == "__main__":
    main()
