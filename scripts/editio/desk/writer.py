"""The one writer of corrections into text.md, for `editio suspects --apply` and the desk.

A correction names a token where it stands in text.md (line, column, the token as written)
and the reading the edition gives it; it is written as an emendation span,
`[reading]{.corr sic="token" cert="low"}`, with the token's outer punctuation left outside
the span when the reading keeps it; an empty reading deletes the token (the span takes a
space with it, so the witness rebuilds word for word). A write is all or nothing:

- the file is read as bytes and its digest compared with the digest of the bytes the
  corrections were made against: an edit saved meanwhile (the editor's own text editor) is
  never overwritten;
- every byte outside the corrected tokens is kept (line ends, a byte-order mark);
- the new text is collated against the witness before it is kept (proof/collate.py): a
  write that would leave a difference unrecorded is refused, and nothing is written;
- the file is replaced atomically, and the bytes it had are returned, so the write can be
  undone (restore), again only if nobody changed the file since.
"""

from __future__ import annotations

import bisect
import dataclasses
import hashlib
import os
import re
import tempfile
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

from editio.base.errors import CorrectionError, EditioError
from editio.intake.markup import MARKUP_CLASSES, WRITTEN_SPAN
from editio.intake.source import BOM, WorkSource

LOW = "low"
# what a reading typed at the desk may not hold as it is: Markdown would read it as markup
_MD_SPECIAL = re.compile(r"([\\`*_\[\]{}<>#|])")


@dataclass(frozen=True)
class Correction:
    """One token of text.md and the edition's reading of it ("" deletes the token)."""

    line: int  # 1-based, in text.md
    column: int  # 1-based, in characters
    token: str  # as it stands in text.md there; a run of words (a garble) may hold spaces
    reading: str
    row: int | None = None  # where the correction was asked for (a TSV row's line)

    def where(self) -> str:
        at = f"line {self.line}, column {self.column}"
        return f"row {self.row} ({at})" if self.row is not None else at


@dataclass(frozen=True)
class Written:
    """What one write did: the file's bytes before and after, and the spans it wrote."""

    path: Path
    before: bytes
    after: bytes
    spans: tuple[tuple[int, str], ...]  # (line in text.md, the span as written)
    edits: tuple[tuple[int, int, int], ...] = ()  # (start, end, new length) in the old text
    collated: Collated | None = None

    @property
    def digest(self) -> str:
        return digest(self.after)


def digest(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def read_bytes(path: Path) -> bytes:
    try:
        return path.read_bytes()
    except OSError as exc:
        raise CorrectionError(f"cannot read: {exc.strerror}", path=path) from None


def _decode(data: bytes, path: Path) -> tuple[str, str]:
    """The file's text as it is (line ends kept), and its byte-order mark if any."""
    bom = BOM.decode("utf-8") if data.startswith(BOM) else ""
    try:
        return data[len(BOM) if bom else 0:].decode("utf-8"), bom
    except UnicodeDecodeError:
        raise CorrectionError("not UTF-8", path=path, hint="convert the file to UTF-8") from None


def _attr(value: str) -> str:
    return value.replace('"', '\\"')


def escape_reading(reading: str) -> str:
    """A reading as typed, written so that Markdown reads it back as that text."""
    return _MD_SPECIAL.sub(r"\\\1", reading)


def emendation(token: str, reading: str, cert: str = LOW) -> tuple[str, str, str]:
    """(lead, span, trail): the span for token -> reading, the punctuation both share at
    either end outside it. `reading` is Markdown as text.md would hold it."""
    cert_attr = f' cert="{cert}"' if cert != "high" else ""
    if not reading:
        return "", f'[]{{.corr sic="{_attr(token)}"{cert_attr}}}', ""
    lead = 0
    while (lead < min(len(token), len(reading)) - 1 and token[lead] == reading[lead]
           and not token[lead].isalnum()):
        lead += 1
    trail = 0
    while (trail < min(len(token), len(reading)) - lead - 1
           and token[-1 - trail] == reading[-1 - trail] and not token[-1 - trail].isalnum()):
        trail += 1
    end = len(token) - trail
    sic, lemma = token[lead:end], reading[lead:len(reading) - trail]
    return (token[:lead], f'[{lemma}]{{.corr sic="{_attr(sic)}"{cert_attr}}}',
            token[end:])


@dataclass(frozen=True)
class Planned:
    """A change to text.md's text, before it is collated and kept."""

    text: str
    spans: tuple[tuple[int, str], ...]  # (line, what was written there)
    edits: tuple[tuple[int, int, int], ...]  # (start, end, length of what replaced it)


def line_starts(text: str) -> list[int]:
    starts = [0]
    starts.extend(m.end() for m in re.finditer("\n", text))
    return starts


def _markup_spans(text: str, start: int = 0,
                  end: int | None = None) -> list[tuple[int, int, int, int]]:
    """(start, end, content start, content end) of each apparatus span written in text (or
    in text[start:end])."""
    found = []
    for span in WRITTEN_SPAN.finditer(text, start, len(text) if end is None else end):
        classes = {c[1:] for c in span["attrs"].split() if c.startswith(".")}
        if classes & set(MARKUP_CLASSES):
            content = span.start("content") if span["content"] is not None else span.start()
            found.append((span.start(), span.end(), content,
                          span.end("content") if span["content"] is not None else span.start()))
    return found


def _edits_for(text: str, starts: list[int], body_line: int,
               spans: list[tuple[int, int, int, int]], c: Correction,
               cert: str) -> list[tuple[int, int, str]]:
    """(start, end, replacement) in text for one correction, or why it cannot be written; two
    for a word broken at a line's end and read as one (con-|cerned -> concerned): the
    collation keeps the witness's lines, so the reading is written on the first line over its
    first half, and the second half, on the next line, is written as omitted."""
    if "\n" not in c.token:
        return [_edit_for(text, starts, body_line, spans, c, cert)]
    head, _, rest = c.token.partition("\n")
    if "\n" in rest or not head.strip() or not rest.strip() or not c.reading:
        raise CorrectionError(f"{c.where()}: '{c.token}' is more than a word broken at a "
                              "line's end", hint="correct each line by hand")
    start = starts[c.line - 1] + c.column - 1
    if text[start:start + len(c.token)] != c.token:
        _edit_for(text, starts, body_line, spans, c, cert)  # says what stands there
    # the reading with what ends the second half ("con-|cerned," -> "concerned,") over the
    # first half; the second half omitted whole
    first = _edit_for(text, starts, body_line, spans,
                      dataclasses.replace(c, token=head.rstrip()), cert)
    column = len(rest) - len(rest.lstrip()) + 1
    second = _edit_for(text, starts, body_line, spans,
                       Correction(c.line + 1, column, rest.lstrip(), "", c.row), cert)
    return [first, second]


def _edit_for(text: str, starts: list[int], body_line: int,
              spans: list[tuple[int, int, int, int]], c: Correction,
              cert: str) -> tuple[int, int, str]:
    """(start, end, replacement) in text for one correction, or why it cannot be written."""
    if c.line < body_line or c.line > len(starts):
        raise CorrectionError(f"{c.where()}: not a line of the text's body", hint="the front "
                              "matter is edited by hand; lines and columns are text.md's")
    if not c.token or c.token != c.token.strip():
        raise CorrectionError(f"{c.where()}: the token '{c.token}' is empty or begins or ends "
                              "with a space")
    start = starts[c.line - 1] + c.column - 1
    end = start + len(c.token)
    there = text[start:end]
    line_end = text.find("\n", start)
    if c.column < 1 or there != c.token or (line_end != -1 and end > line_end):
        found = text[start:line_end if line_end != -1 else None][:len(c.token) + 10]
        raise CorrectionError(
            f"{c.where()}: text.md has '{found}' there, not '{c.token}'",
            hint="the row was made from another version of the text, or its token stands "
            "across markup; run 'editio suspects' again, or correct that place by hand")
    for s_start, s_end, c_start, c_end in spans:
        if start < s_end and end > s_start:
            inside = c_start <= start and end <= c_end
            raise CorrectionError(
                f"{c.where()}: '{c.token}' stands "
                + ("in an emendation already" if inside else "across an apparatus span"),
                hint="change that span's reading by hand")
    if c.reading == c.token:
        raise CorrectionError(f"{c.where()}: the reading equals the token: nothing to correct")
    if c.reading:
        lead, span, trail = emendation(c.token, c.reading, cert)
        return start, end, lead + span + trail
    # a deletion takes one space with it, so the witness rebuilds with single spaces
    if text[end:end + 1] == " ":
        return start, end + 1, emendation(c.token + " ", "", cert)[1]
    if start > 0 and text[start - 1] == " ":
        return start - 1, end, emendation(" " + c.token, "", cert)[1]
    return start, end, emendation(c.token, "", cert)[1]


_BLANK_LINE = re.compile(r"\n[ \t]*\n")


def _paragraph_at(text: str, at: int) -> tuple[int, int]:
    """Where the paragraph holding offset `at` begins and ends (a span never crosses a blank
    line: Markdown ends a paragraph there)."""
    before = [m.end() for m in _BLANK_LINE.finditer(text, max(0, at - 20_000), at)]
    after = _BLANK_LINE.search(text, at)
    start = before[-1] if before else 0
    if not before and at > 20_000:
        start = 0  # a paragraph longer than the look back: read from the top
    return start, after.start() if after else len(text)


def spans_near(text: str, pattern: re.Pattern, start: int = 0) -> Iterator[re.Match]:
    """The spans written in the paragraphs of text where pattern is found (from start on),
    in order: a look at a few paragraphs instead of every span of the text."""
    done = start
    for found in pattern.finditer(text, start):
        if found.start() < done:
            continue
        first, last = _paragraph_at(text, found.start())
        yield from WRITTEN_SPAN.finditer(text, max(first, done), last)
        done = last


def plan(text: str, body_line: int, corrections: Iterable[Correction],
         cert: str = LOW) -> Planned:
    """The text with the corrections written, and (line, span) of each; refuses the first
    correction that does not fit, by its row."""
    starts = line_starts(text)
    spans: dict[tuple[int, int], list] = {}  # the spans of each paragraph corrected
    edits: list[tuple[int, int, str, Correction]] = []
    for c in corrections:
        around = _paragraph_at(text, starts[min(c.line, len(starts)) - 1])
        if around not in spans:
            spans[around] = _markup_spans(text, *around)
        for start, end, new in _edits_for(text, starts, body_line, spans[around], c, cert):
            edits.append((start, end, new, c))
    edits.sort(key=lambda e: e[0])
    for (_, a1, _, first), (b0, _, _, second) in zip(edits, edits[1:], strict=False):
        if b0 < a1:
            raise CorrectionError(f"{second.where()}: overlaps {first.where()}",
                                  hint="one correction per token; a run of words is one row")
    out, at, written = [], 0, []
    for start, end, new, _ in edits:
        out += [text[at:start], new]
        at = end
        # its own line: a word broken at a line's end is written on two
        written.append((bisect.bisect_right(starts, start), new.strip()))
    out.append(text[at:])
    return Planned("".join(out), tuple(written),
                   tuple((start, end, len(new)) for start, end, new, _ in edits))


@dataclass(frozen=True)
class Collated:
    """A text that collates: its tokens turned back into the witness's, each with its line in
    text.md, and the witness's own, one for one."""

    rebuilt: tuple
    witness: tuple
    text: str = ""  # the text that collates so


def collate_text(source: WorkSource, text: str) -> Collated:
    """The collation of the text as the work's text.md, or the markup or collation error it
    would have. The proof is collate()'s (the reading text turned back into the witness,
    compared token for token), with the witness's tokens made once and kept."""
    from editio.base import pandoc
    from editio.intake.markup import read_markup
    from editio.proof.collate import collate, differences, rebuild_witness

    changed = dataclasses.replace(source, text=text.removeprefix("\ufeff")
                                  .replace("\r\n", "\n").replace("\r", "\n"))
    doc = pandoc.parse_markdown(changed.text)
    markup = read_markup(doc, changed)
    rebuilt = rebuild_witness(doc, markup, changed).tokens()
    witness = _witness(source)
    if differences(list(witness), rebuilt):
        collate(doc, markup, changed)  # raises, saying what differs and where
    return Collated(tuple(rebuilt), witness, text)


# what may stand in a paragraph proved on its own: apparatus spans aside, no brackets (a
# link reads differently beside its definition), no HTML, no code, no tables
_NEEDS_CONTEXT = re.compile(r"[\[\]^<>`|]")
_NOTES_ATTR = re.compile(r"""\s+notes=(?:"[^"]*"|'[^']*'|[^\s}]+)""")


def collate_blocks(source: WorkSource, previous: Collated, text: str,
                   lines: Iterable[int]) -> Collated | None:
    """The collation of a text that differs from one known to collate (previous) only within
    the paragraphs at these lines, proved paragraph by paragraph: each changed paragraph,
    read on its own, must turn back into the very tokens it turned back into before, so the
    whole still equals the witness. None when a paragraph cannot be read on its own (a link,
    a note whose text stands at its call, an indented or a structural block): then the whole
    text is collated.

    Notes are read on their own too. A footnote's definition turns back into its note's
    tokens, wherever the witness prints them. A note printed at a page's foot (the page
    break's notes=) gives nothing at its call, so the call is left out of the paragraph read
    alone; the break gives the note's tokens, which stand between the paragraph's and are
    kept as they were (the break itself may not change)."""
    from editio.base import pandoc
    from editio.intake.markup import read_markup
    from editio.proof.collate import rebuild_witness

    if "\r" in text or "\r" in previous.text:
        return None
    new_lines, old_lines = text.split("\n"), previous.text.split("\n")
    if len(new_lines) != len(old_lines):
        return None
    rebuilt = list(previous.rebuilt)
    context: _NoteContext | None = None
    for first, last in sorted({_paragraph(new_lines, n) for n in lines}):
        if first < source.body_line or any(
                old_lines[n - 1] != new_lines[n - 1] for n in (first - 1, last + 1)
                if 0 < n <= len(new_lines)):
            return None
        block = "\n".join(new_lines[first - 1:last])
        # a structural emendation (a byline read as a heading) may stand in the paragraph if
        # the change left it as it was: the paragraph's tokens, compared below, are the proof
        if block[:1].isspace() or _structural(block) != _structural(
                "\n".join(old_lines[first - 1:last])):
            return None
        marks = _note_marks(block)
        if marks != _note_marks("\n".join(old_lines[first - 1:last])):
            return None  # a note called, defined or let out anew: read the whole
        made: tuple[str, set[int]] | None = (block, set())
        if any(marks):  # the whole text's notes are looked at only for a paragraph with one
            context = context or _NoteContext.of(previous.text)
            made = context.alone(block, new_lines[last:])
        if made is None or _NEEDS_CONTEXT.search(WRITTEN_SPAN.sub("", made[0])):
            return None
        alone, here = made
        inside = [i for i, t in enumerate(rebuilt) if first <= t.line <= last]
        if not inside:
            return None
        between = set(range(inside[0], inside[-1] + 1)) - set(inside)
        if between and (context is None or any(
                context.note_lines.get(rebuilt[i].line) not in here for i in between)):
            return None  # only the text of the notes its breaks let out stands between
        try:
            own = dataclasses.replace(source, text=alone, body_line=1)
            doc = pandoc.parse_markdown(alone)
            tokens = rebuild_witness(doc, read_markup(doc, own), own).tokens()
        except EditioError:
            return None  # the whole text's collation says what is wrong, and where
        if [t.text for t in tokens] != [rebuilt[i].text for i in inside]:
            return None
        for i, t in zip(inside, tokens, strict=True):
            rebuilt[i] = dataclasses.replace(t, line=t.line + first - 1)
    return Collated(tuple(rebuilt), previous.witness, text)


_PB_CLASS = re.compile(r"(^|\s)\.pb(\s|$)")


def _notes_of(attrs: str) -> list[int]:
    from editio.intake.markup import attribute_value

    value = attribute_value(attrs, "notes").replace(",", " ").split()
    return [int(n) for n in value if n.isdigit()]


def _note_marks(block: str) -> tuple[list[str], list[str]]:
    """A paragraph's note calls and definitions, and its page breaks that let out notes."""
    from editio.intake.markup import FOOTNOTE_CALL, FOOTNOTE_DEFINITION

    return ([m.group() for m in FOOTNOTE_CALL.finditer(block)]
            + [m.group() for m in FOOTNOTE_DEFINITION.finditer(block)],
            [m.group() for m in WRITTEN_SPAN.finditer(block)
             if _PB_CLASS.search(m["attrs"]) and _notes_of(m["attrs"])])


@dataclass(frozen=True)
class _NoteContext:
    """What a paragraph read on its own needs to know of the whole text's notes."""

    numbers: dict[str, int]  # a note's label -> its number (notes are numbered as called)
    placed: set[int]  # the notes the witness prints at a page's foot (a break's notes=)
    note_lines: dict[int, int]  # a line of a footnote's definition -> its note's number

    @classmethod
    def of(cls, text: str) -> _NoteContext:
        from editio.intake.markup import FOOTNOTE_CALL, FOOTNOTE_DEFINITION, note_of_lines

        numbers: dict[str, int] = {}
        for line in text.split("\n"):
            if not FOOTNOTE_DEFINITION.match(line):
                for call in FOOTNOTE_CALL.finditer(line):
                    numbers.setdefault(call.group(1), len(numbers) + 1)
        placed = {n for m in WRITTEN_SPAN.finditer(text) if _PB_CLASS.search(m["attrs"])
                  for n in _notes_of(m["attrs"])}
        return cls(numbers, placed, note_of_lines(text))

    def alone(self, block: str, following: list[str]) -> tuple[str, set[int]] | None:
        """The paragraph as it reads on its own, and the notes its breaks let out; None if
        it cannot be read on its own. A footnote's definition is its note's paragraph. A
        call of a note printed at a page's foot gives nothing (the break gives the note),
        so it is left out; a call of a note that stands at its call cannot be."""
        from editio.intake.markup import FOOTNOTE_CALL, FOOTNOTE_DEFINITION

        definition = FOOTNOTE_DEFINITION.match(block)
        if definition:
            after = next((line for line in following if line.strip()), "")
            if after[:1].isspace():
                return None  # the note goes on in another paragraph: read it whole
            block = block[definition.end():].lstrip(" \t")
        calls = list(FOOTNOTE_CALL.finditer(block))
        # a break just after a call would divide a word once the call is gone
        if any(self.numbers.get(c.group(1)) not in self.placed
               or block.startswith("[]{", c.end()) for c in calls):
            return None
        block = FOOTNOTE_CALL.sub("", block)
        here: set[int] = set()

        def unplaced(m: re.Match) -> str:
            if not _PB_CLASS.search(m["attrs"]):
                return m.group()
            here.update(_notes_of(m["attrs"]))
            at = m.start("attrs") - m.start()
            return m.group()[:at] + _NOTES_ATTR.sub("", m["attrs"]) + "}"

        return WRITTEN_SPAN.sub(unplaced, block), here


def _paragraph(lines: list[str], number: int) -> tuple[int, int]:
    """The first and last line of the paragraph holding line `number` (1-based)."""
    first = last = number
    while first > 1 and lines[first - 2].strip():
        first -= 1
    while last < len(lines) and lines[last].strip():
        last += 1
    return first, last


def _structural(block: str) -> list[str]:
    """The paragraph's apparatus spans other than plain emendations of words and breaks."""
    return [m.group() for m in WRITTEN_SPAN.finditer(block) if not _plain_emendation(m["attrs"])]


def _plain_emendation(attrs: str) -> bool:
    """An emendation of words, or a page or column break."""
    classes = {c for c in attrs.split() if c.startswith(".")}
    if classes in ({".pb"}, {".cb"}):
        return True
    return classes == {".corr"} and not re.search(r"(^|\s)block=", attrs)


_WITNESSES: dict[tuple[Path, str], tuple] = {}


def _witness(source: WorkSource) -> tuple:
    """The witness's tokens, made once per witness (it is never edited) and kept."""
    from editio.proof.collate import witness_tokens

    key = (source.witness_path, source.witness)
    if key not in _WITNESSES:
        _WITNESSES.clear()  # one work at a time is corrected
        _WITNESSES[key] = tuple(witness_tokens(source))
    return _WITNESSES[key]


def write(source: WorkSource, corrections: Iterable[Correction], *, expected: str | None = None,
          cert: str = LOW) -> Written:
    """Write the corrections into the work's text.md, collated, atomically; or refuse.

    expected: the digest of the bytes the corrections were made against (None: the file's
    bytes as they are now; each correction's token is checked where it stands anyway)."""
    return rewrite(source, lambda text: plan(text, source.body_line, corrections, cert),
                   expected=expected)


def rewrite(source: WorkSource, change: Callable[[str], Planned], *,
            expected: str | None = None, previous: Collated | None = None) -> Written:
    """text.md changed by change(text): compared with the expected digest, collated, kept
    atomically; or refused, nothing written. previous: the collation of the text as it is
    now, if known: a change within paragraphs is then proved paragraph by paragraph."""
    path = source.text_path
    before = read_bytes(path)
    if expected is not None:
        _same(path, before, expected)
    text, bom = _decode(before, path)
    planned = change(text)
    after = (bom + planned.text).encode("utf-8")
    try:
        collated = None
        if previous is not None and previous.text == text:
            changed = {text.count("\n", 0, start) + 1 for start, _, _ in planned.edits}
            collated = collate_blocks(source, previous, planned.text, changed)
        collated = collated or collate_text(source, planned.text)
    except EditioError as exc:
        raise CorrectionError(f"the corrected text would not collate, so nothing was written: "
                              f"{exc.message}", path=path, line=exc.line, hint=exc.hint) \
            from None
    atomic_replace(path, after, expected=digest(before))
    return Written(path, before, after, planned.spans, planned.edits, collated)


def _same(path: Path, data: bytes, expected: str) -> None:
    if digest(data) != expected:
        raise CorrectionError(
            "the file changed on disk since it was read; nothing was written", path=path,
            hint="reload, and make the correction again on the text as it is now")


def atomic_replace(path: Path, data: bytes, *, expected: str) -> None:
    """Replace the file's bytes by data, if its bytes still have the expected digest; the
    file's mode is kept, and a reader sees the old file or the new one, never a part."""
    fd, name = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".part", dir=path.parent)
    tmp = Path(name)
    try:
        with os.fdopen(fd, "wb") as out:
            out.write(data)
            out.flush()
            os.fsync(out.fileno())
        if path.exists():
            os.chmod(tmp, path.stat().st_mode & 0o7777)
            # compared again at the last moment: a save between the read and now wins
            _same(path, read_bytes(path), expected)
        else:
            os.chmod(tmp, 0o644)
        os.replace(tmp, path)
    finally:
        tmp.unlink(missing_ok=True)


def restore(written: Written) -> None:
    """Undo a write: the file gets back the bytes it had, if nobody changed it since."""
    atomic_replace(written.path, written.before, expected=digest(written.after))
