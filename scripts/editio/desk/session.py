"""The correction desk's state for one work: the flags of its reading text, what the editor
did (to undo it), the pages. The browser view (commands/preview.py, /correct) asks it for
its state as JSON and sends it actions; every action that writes goes through the writer.

The finder runs when the desk opens and when text.md was changed by someone else (its digest
differs from the one the flags were found on); after the desk's own write the flags are not
looked for again (the finder takes seconds): those written are gone and the others are moved
by what the write inserted before them. `rescan` runs the finder again on demand.
"""

from __future__ import annotations

import re
import threading
import time
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import TypedDict

from editio.base.errors import CorrectionError, EditioError
from editio.base.project import ACCEPTED_WORDS_FILE, Project
from editio.base.spans import witness_characters
from editio.desk import pages as page_files
from editio.desk.flags import Flag, confusion, moved, reading_suspects
from editio.desk.writer import (
    Collated,
    Correction,
    Planned,
    Written,
    atomic_replace,
    collate_text,
    digest,
    escape_reading,
    line_starts,
    plan,
    read_bytes,
    restore,
    rewrite,
    spans_near,
)
from editio.intake.markup import WRITTEN_SPAN, attribute_value
from editio.intake.source import WorkSource, load_work
from editio.suspects.finder import split_core
from editio.suspects.reading import Reading, line_column, read

CONTEXT = 90  # characters of the sentence shown either side of a flag, at most
_SENTENCE_END = re.compile(r"[.!?;:][\"'’”)]*\s|\n\s*\n")
_LOW = re.compile(r'\s+cert\s*=\s*"low"')
_MARKUP_CHARACTERS = re.compile(r"[\[\]{}\\^]")
_LOW_WRITTEN = re.compile(r'cert\s*=\s*"low"')  # begins with a word: found quickly


# What the desk's page is sent, as JSON (styles/preview/desk.js reads these names)

class SeriesPlace(TypedDict):
    """Another place of a flag's series: the same form, or the same confusion elsewhere."""

    id: int  # its offset in text.md
    line: int
    column: int
    before: str
    after: str
    token: str
    reading: str | None  # what it would be written as
    shown: str  # the token as the reader sees it (its Markdown escapes read: workers*)
    shown_reading: str | None
    why: str


class WitnessLine(TypedDict):
    line: int
    text: str  # around the token


class ReadingPlace(TypedDict):
    id: int  # the offset in text.md of the stretch a reading replaces
    token: str  # the stretch: the flag's token, or it and a neighbour (a word split in two)
    shown: str  # the stretch as the reader sees it


class FlagState(TypedDict):
    id: int  # the token's offset in text.md
    line: int
    column: int
    token: str  # as written in text.md, escapes and all: what a write names
    readings: list[str]  # as they will be written (Markdown)
    shown: str  # the token as the reader sees it: workers\* is shown workers*
    shown_readings: list[str]
    reason: str
    score: float
    places: list[ReadingPlace]  # per reading
    skipped: bool
    before: str
    after: str
    next: list[str]
    witness: WitnessLine | None
    page: str
    series: list[SeriesPlace]


class PageState(TypedDict):
    number: str
    status: str
    image: bool
    line: int


class LowReading(TypedDict):
    """A reading still cert="low" with no note."""

    id: int
    line: int
    column: int
    reading: str
    sic: str


class DeskState(TypedDict):
    work: str
    digest: str  # of text.md as read: an action names it, so a changed file is not written
    flags: list[FlagState]
    message: str
    low: list[LowReading]
    pages: list[PageState]
    statuses: list[str]
    undo: str  # what undo would undo ("" nothing)
    collates: bool


@dataclass
class Placed:
    """A flag where it stands in the text the desk last read or wrote."""

    flag: Flag
    offset: int
    skipped: bool = False


@dataclass
class Undo:
    what: str
    written: Written
    flags: list[Placed]  # the flags before the write, given back by undo
    flags_digest: str
    collated: Collated | None = None  # the collation before a write of text.md


@dataclass
class Desk:
    project: Project
    work_id: str
    flags: list[Placed] = field(default_factory=list)
    flags_digest: str = ""  # the digest of text.md the flags belong to
    undo: list[Undo] = field(default_factory=list)
    collated: Collated | None = None
    collated_digest: str = ""
    # held while the desk reads, acts and answers (state() again inside act()); the preview
    # waits for it before rebuilding, so a write is answered before the edition is remade
    lock: threading.RLock = field(default_factory=threading.RLock)
    acted: float = 0.0  # when the last action ended (time.monotonic())
    cached: tuple[str, WorkSource] | None = None  # the work as last read, by text.md's digest
    by_line: tuple[Collated | None, dict[int, list[int]]] = (None, {})

    # --- reading -------------------------------------------------------------------------

    def source(self) -> WorkSource:
        return load_work(self.project, self.work_id)

    def _current(self) -> tuple[WorkSource, bytes, str]:
        """The work as it is now: read again only when text.md is not what the desk last
        read or wrote (reading checks the witness's checksum, which takes a while)."""
        path = self.project.work_dir(self.work_id) / "text.md"
        data = read_bytes(path)
        now = digest(data)
        if self.cached is None or self.cached[0] != now:
            self.cached = (now, self.source())
        return self.cached[1], data, now

    def _wrote(self, source: WorkSource, written: Written) -> None:
        """What the desk's own write leaves: the work's text, its collation, its flags."""
        self._moved(written)
        self.collated, self.collated_digest = written.collated, written.digest
        self.cached = (written.digest, replace(source, text=_lf(written.after)))

    def _previous(self, now: str) -> Collated | None:
        return self.collated if self.collated_digest == now else None

    def _find(self, source: WorkSource, now: str) -> None:
        found = reading_suspects(source.text, source.body_line, source.meta,
                                 source.accepted_words, source.text_path, desk=True)
        starts = [0, *(m.end() for m in re.finditer("\n", source.text))]
        self.flags = sorted((Placed(f, starts[f.line - 1] + f.column - 1) for f in found),
                            key=lambda p: p.offset)
        self.flags_digest = now

    def state(self, message: str = "") -> DeskState:
        """Everything the desk's page shows, as JSON."""
        with self.lock:
            source, data, now = self._current()
            if now != self.flags_digest:
                self._find(source, now)
            if now != self.collated_digest:
                try:
                    self.collated = collate_text(source, source.text)
                except EditioError:
                    self.collated = None  # the text does not collate: no witness lines
                self.collated_digest = now
            return self._state(source, now, message)

    def _state(self, source: WorkSource, now: str, message: str) -> DeskState:
        reading = read(source.text, source.body_line)
        pages = page_files.work_pages(source.directory, source.text)
        witness_lines = source.witness.split("\n")
        index = _token_index(reading, {p.flag.token for p in self.flags})
        on_line = self._rebuilt_by_line()
        starts = line_starts(source.text)
        confused: dict[tuple, list[Placed]] = {}
        for placed in self.flags:
            if placed.flag.readings and placed.flag.readings[0]:
                key = confusion(placed.flag.token, placed.flag.readings[0])
                if key:
                    confused.setdefault(key, []).append(placed)
        flags: list[FlagState] = []
        for placed in self.flags:
            f = placed.flag
            before, after = _sentence(reading, placed.offset, len(f.token))
            where = self._witness_line(f, on_line)
            places = [o for o in index.get(f.token, []) if o != placed.offset]
            first = f.readings[0] if f.readings else None
            series = [self._place(source.text, reading, o, f.token, first, "the same form")
                      for o in places]
            if first == "" and len(split_core(f.token)[1]) < 2:
                # a letter asked because of its neighbours (a bled-in I or v): the same letter
                # elsewhere is no error for that, and a series would delete it everywhere
                series = []
            key = confusion(f.token, first) if first else ()
            if f.place(0)[2] != f.token:  # a stretch read as one: no series of the token
                series, key = [], ()
            for other in confused.get(key, []) if key else []:
                if other.flag.token != f.token:  # another word with the same confusion
                    what = ", ".join(f"{_shown(x)}→{_shown(y)}"
                                     + (f" after {w}" if w != "^" else " at the start")
                                     for w, x, y in key)
                    series.append(self._place(source.text, reading, other.offset,
                                              other.flag.token, other.flag.readings[0],
                                              f"the same confusion, {what}"))
            flags.append({
                "id": placed.offset, "line": f.line, "column": f.column, "token": f.token,
                "readings": list(f.readings), "shown": as_read(f.token),
                "shown_readings": [as_read(r) for r in f.readings],
                "reason": f.reason, "score": f.score,
                # where each reading reads (a stretch, for a word split in two)
                "places": [{"id": starts[line - 1] + column - 1, "token": token,
                            "shown": as_read(token)}
                           for line, column, token in map(f.place, range(len(f.readings)))],
                "skipped": placed.skipped, "before": before, "after": after,
                "next": _following(source.text, placed.offset + len(f.token)),
                "witness": None if where is None else {
                    "line": where, "text": _around(witness_lines[where - 1], f.token)},
                "page": page_files.page_at(pages, placed.offset).number,
                "series": series,
            })
        return {
            "work": self.work_id, "digest": now, "flags": flags, "message": message,
            "low": _low_readings(source),
            "pages": [{"number": p.number, "status": p.status, "image": p.image is not None,
                       "line": line_column(source.text, p.offset)[0]} for p in pages],
            "statuses": list(page_files.STATUSES),
            "undo": self.undo[-1].what if self.undo else "",
            "collates": self.collated is not None,
        }

    def _place(self, text: str, reading: Reading, offset: int, token: str,
               written: str | None, why: str) -> SeriesPlace:
        """Another place of a series: where, in its sentence, and the reading it would get."""
        line, column = line_column(text, offset)
        before, after = _sentence(reading, offset, len(token))
        return {"id": offset, "line": line, "column": column, "before": before,
                "after": after, "token": token, "reading": written, "shown": as_read(token),
                "shown_reading": None if written is None else as_read(written), "why": why}

    def _rebuilt_by_line(self) -> dict[int, list[int]]:
        """The collation's tokens turned back from the reading text, by their line."""
        if self.by_line[0] is not self.collated:
            by_line: dict[int, list[int]] = {}
            for i, t in enumerate(self.collated.rebuilt if self.collated else ()):
                by_line.setdefault(t.line, []).append(i)
            self.by_line = (self.collated, by_line)
        return self.by_line[1]

    def _witness_line(self, f: Flag, on_line: dict[int, list[int]]) -> int | None:
        """The witness's line of a flagged token: the collation pairs every token turned back
        from the reading text with the witness's, one for one."""
        if self.collated is None or not on_line.get(f.line):
            return None
        bare = f.token.replace("\\", "")
        here = on_line[f.line]
        pick = next((i for i in here if self.collated.rebuilt[i].text == bare), here[0])
        return self.collated.witness[pick].line

    # --- acting ------------------------------------------------------------------------

    def act(self, request: dict) -> DeskState:
        """Do one action the page asked for; its new state, with what was done."""
        action = str(request.get("action", ""))
        expected = str(request.get("digest", ""))
        handler = {"write": self._write, "accept-word": self._accept_word,
                   "skip": self._skip, "undo": self._undo, "confirm": self._confirm,
                   "page-status": self._page_status, "rescan": self._rescan}.get(action)
        if handler is None:
            raise CorrectionError(f"unknown action '{action}'")
        with self.lock:
            try:
                message = handler(request, expected)
                return self.state(message)
            finally:
                self.acted = time.monotonic()

    def _check(self, expected: str) -> tuple[WorkSource, str]:
        source, data, now = self._current()
        if now != expected:
            raise CorrectionError("text.md changed on disk since the desk read it; nothing was "
                                  "written", path=source.text_path,
                                  hint="the desk has read it again: look, and act again")
        if now != self.flags_digest:
            self._find(source, now)
        return source, now

    def _write(self, request: dict, expected: str) -> str:
        """Write readings at places: [{id, token, reading}] (reading "" deletes; a token may
        be a run of words from a flag on, for a garble)."""
        source, now = self._check(expected)
        places = request.get("places") or []
        if not places:
            raise CorrectionError("no place to write")
        typed = bool(request.get("typed"))
        corrections = []
        for place in places:
            offset, token = int(place["id"]), str(place["token"])
            reading = str(place.get("reading", ""))
            if typed and reading:
                reading = escape_reading(reading)
            line, column = line_column(source.text, offset)
            corrections.append(Correction(line, column, token, reading))
        before, previous = [replace(p) for p in self.flags], self._previous(now)
        written = rewrite(source, lambda text: plan(text, source.body_line, corrections),
                          expected=now, previous=previous)
        self._wrote(source, written)
        what = "; ".join(span for _, span in written.spans)
        self.undo.append(Undo(what, written, before, now, previous))
        return f"wrote {what}"

    def _moved(self, written: Written) -> None:
        """The flags after the desk's own write: those written gone, the others moved along
        their line (a write never adds or removes a line)."""
        raw = written.before.decode("utf-8").removeprefix("\ufeff")
        edits = []
        for start, stop, n in written.edits:
            line, column = line_column(raw, start)
            edits.append((line, column, column + stop - start, n - (stop - start)))
        text = _lf(written.after)
        starts = [0, *(m.end() for m in re.finditer("\n", text))]
        kept = []
        for p in self.flags:
            f = p.flag
            end = f.column + len(f.token)
            if any(line == f.line and c1 < end and f.column < c2 for line, c1, c2, _ in edits):
                continue
            column = f.column + sum(d for line, _, c2, d in edits
                                    if line == f.line and c2 <= f.column)
            kept.append(Placed(replace(moved(f, edits), column=column),
                               starts[f.line - 1] + column - 1, p.skipped))
        self.flags, self.flags_digest = kept, written.digest

    def _accept_word(self, request: dict, expected: str) -> str:
        """The token's word is right: into accepted-words.txt, never flagged again."""
        source, now = self._check(expected)
        word = split_core(str(request.get("word", "")).strip())[1]
        if not word or any(c.isspace() for c in word):
            raise CorrectionError("a word to accept is one word")
        if len(word) == 1 and word.isalpha():  # never flagged again: not even bled-in junk
            raise CorrectionError(f"a letter alone ('{word}') is not accepted as a word: it "
                                  "would go unasked everywhere; skip it (s) where it is right")
        path = source.directory / ACCEPTED_WORDS_FILE
        before = path.read_bytes() if path.exists() else b""
        text = before.decode("utf-8")
        after = (text + ("" if not text or text.endswith("\n") else "\n") + word + "\n")
        if not path.exists():
            path.write_bytes(b"")  # the file is created empty, then replaced as any other
        atomic_replace(path, after.encode("utf-8"), expected=digest(before))
        self.cached = None  # its accepted words are read again
        flags = [replace(p) for p in self.flags]
        lc = word.lower()
        self.flags = [p for p in self.flags if split_core(p.flag.token)[1].lower() != lc
                      and p.flag.token.lower() != lc]
        self.undo.append(Undo(f"accepted '{word}'", Written(path, before, after.encode("utf-8"),
                                                            ()), flags, now))
        return f"'{word}' added to {ACCEPTED_WORDS_FILE}"

    def _skip(self, request: dict, expected: str) -> str:
        self._check(expected)
        for p in self.flags:
            if p.offset == int(request.get("id", -1)):
                p.skipped = not p.skipped
                return f"skipped '{p.flag.token}'" if p.skipped else \
                    f"'{p.flag.token}' no longer skipped"
        raise CorrectionError("no such flag: the page is older than the text")

    def _undo(self, request: dict, expected: str) -> str:  # noqa: ARG002
        if not self.undo:
            raise CorrectionError("nothing to undo")
        last = self.undo[-1]
        restore(last.written)  # refused if the file changed since
        self.undo.pop()
        self.cached = None
        if last.written.path.name == "text.md":
            self.flags, self.flags_digest = last.flags, last.flags_digest
            if last.collated is not None:
                self.collated, self.collated_digest = last.collated, last.flags_digest
        else:
            self.flags = last.flags
        return f"undone: {last.what}"

    def _confirm(self, request: dict, expected: str) -> str:
        """A second reading: the reading's cert="low" goes (certainty high, the default)."""
        source, now = self._check(expected)
        line, column = int(request.get("line", 0)), int(request.get("column", 0))

        def change(text: str) -> Planned:
            starts = line_starts(text)
            at = starts[line - 1] + column - 1 if 0 < line <= len(starts) else -1
            span = WRITTEN_SPAN.match(text, at) if at >= 0 else None
            if span is None or not _LOW.search(span["attrs"]):
                raise CorrectionError("no reading cert=\"low\" there: the page is older than "
                                      "the text")
            attrs = _LOW.sub("", span["attrs"], count=1)
            start = span.start("attrs")
            new = text[:start] + attrs + text[span.end("attrs"):]
            shown = text[span.start():start] + attrs + "}"
            return Planned(new, ((line_column(text, at)[0], shown),),
                           ((start, span.end("attrs"), len(attrs)),))

        before = [replace(p) for p in self.flags]
        previous = self._previous(now)
        written = rewrite(source, change, expected=now, previous=previous)
        self._wrote(source, written)
        self.undo.append(Undo(f"confirmed {written.spans[0][1]}", written, before, now,
                              previous))
        return f"confirmed {written.spans[0][1]}"

    def _page_status(self, request: dict, expected: str) -> str:
        source, now = self._check(expected)
        number, status = str(request.get("page", "")), str(request.get("status", ""))
        if status not in page_files.STATUSES:
            raise CorrectionError(f"unknown page status '{status}'",
                                  hint=", ".join(page_files.STATUSES))
        pages = page_files.work_pages(source.directory, source.text)
        if number not in [p.number for p in pages]:
            raise CorrectionError(f"the witness has no page {number}")
        path = source.directory / page_files.STATUS_FILE
        before = path.read_bytes() if path.exists() else b""
        statuses = page_files.read_status(source.directory)
        statuses[number] = status
        after = page_files.status_text(statuses, [p.number for p in pages]).encode("utf-8")
        if not path.exists():
            path.write_bytes(b"")
        atomic_replace(path, after, expected=digest(before))
        self.undo.append(Undo(f"page {number}: {status}", Written(path, before, after, ()),
                              [replace(p) for p in self.flags], now))
        return f"page {number}: {status}"

    def _rescan(self, request: dict, expected: str) -> str:  # noqa: ARG002
        source, _, now = self._current()
        self._find(source, now)
        return f"the finder read the text again: {len(self.flags)} flag(s)"

    def page_image(self, number: str) -> Path | None:
        return page_files.page_image(self.project.work_dir(self.work_id), number)


def _lf(data: bytes) -> str:
    return data.decode("utf-8").removeprefix("\ufeff").replace("\r\n", "\n").replace("\r", "\n")


def _token_index(reading: Reading, tokens: set[str]) -> dict[str, list[int]]:
    """Where each of these tokens stands in text.md as a whitespace token of the reading
    text, for series: only where it stands in text.md as it reads (not inside or across
    markup)."""
    found: dict[str, list[int]] = {}
    text = reading.text
    for token in tokens:
        at = text.find(token)
        while at != -1:
            stop = at + len(token)
            if (at == 0 or text[at - 1].isspace()) and (stop == len(text)
                                                         or text[stop].isspace()):
                start = reading.offsets[at]
                end = reading.offsets[stop - 1] + 1
                if reading.source[start:end] == token:
                    found.setdefault(token, []).append(start)
            at = text.find(token, at + 1)
    return found


def _sentence(reading: Reading, offset: int, length: int) -> tuple[str, str]:
    """The text before and after a token, to its sentence's ends (at most CONTEXT chars),
    as the reader sees it."""
    import bisect

    i = bisect.bisect_left(reading.offsets, offset)
    j = bisect.bisect_left(reading.offsets, offset + length)
    text = reading.text
    lo = max(0, i - CONTEXT)
    ends = list(_SENTENCE_END.finditer(text, lo, i))
    start = ends[-1].end() if ends else lo
    line_start = text.rfind("\n", 0, i) + 1
    start = max(start, line_start)
    nxt = _SENTENCE_END.search(text, j, j + CONTEXT)
    stop = nxt.start() + 1 if nxt else min(len(text), j + CONTEXT)
    line_end = text.find("\n", j)
    stop = min(stop, line_end if line_end != -1 else len(text))
    # the reading text keeps text.md's escapes (the finder reads them): shown as read
    return as_read(text[start:i]), as_read(text[j:stop])


def as_read(markdown: str) -> str:
    """A token or a reading as text.md writes it, as the reader sees it: a Markdown escape
    stands for its character (workers\\* is workers*), as in the sentence around it."""
    return witness_characters(markdown)


def _shown(letters: str) -> str:
    """Letters of a confusion as the desk shows them: nothing as ·."""
    return letters or "·"


def _following(text: str, offset: int, count: int = 4) -> list[str]:
    """The next tokens on the same line after an offset, each with the space before it: how
    a run of words (a garble) is extended from a flag. The run stops before markup (an
    emendation written already, an escape): it cannot be deleted with the words."""
    end = text.find("\n", offset)
    rest = text[offset:end if end != -1 else None]
    found: list[str] = []
    for m in re.finditer(r"\s+\S+", rest):
        if len(found) == count or _MARKUP_CHARACTERS.search(m.group()):
            break
        found.append(m.group())
    return found


def _around(line: str, token: str, width: int = 70) -> str:
    """A long witness line cut to the token's neighbourhood."""
    bare = token.replace("\\", "")
    at = line.find(bare)
    if len(line) <= 2 * width or at < 0:
        return line if len(line) <= 2 * width else line[:2 * width] + " …"
    start, end = max(0, at - width), min(len(line), at + len(bare) + width)
    return ("… " if start else "") + line[start:end] + (" …" if end < len(line) else "")


def _low_readings(source: WorkSource) -> list[LowReading]:
    """The readings still cert="low" with no note: those a second reading confirms."""
    found: list[LowReading] = []
    for span in spans_near(source.text, _LOW_WRITTEN, _body_start(source)):
        attrs = span["attrs"]
        if ".corr" in attrs.split() and _LOW.search(attrs) and not attribute_value(attrs,
                                                                                    "note"):
            line, column = line_column(source.text, span.start())
            found.append({"id": span.start(), "line": line, "column": column,
                          "reading": span["content"] or "",
                          "sic": attribute_value(attrs, "sic")})
    return found


def _body_start(source: WorkSource) -> int:
    at = 0
    for _ in range(source.body_line - 1):
        at = source.text.index("\n", at) + 1
    return at
