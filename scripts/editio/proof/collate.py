"""The collation check: no difference between witness and reading text goes unrecorded.

The reading text is turned back into the witness: every emendation gives back
its witness reading, every page break splits again (with its hyphen, when it
fell inside a word) and lets out the footnote text the witness printed at that
page's foot. The result must equal the witness token for token, and block for
block: each paragraph, heading, block quotation, list item and stanza begins
with a boundary token of its kind, so a split, a merge or a paragraph turned
into a heading is a difference like a changed word, unless a structural
emendation (block=) records it. What remains is a silent change, and the build
stops on it.

The silent normalisations this check allows are the classes below; collate()
returns those it applied to a work, with their counts, and the note on the
text prints them, so the declaration cannot drift from the check.
"""

from __future__ import annotations

import bisect
import difflib
import itertools
import re
from collections import Counter
from dataclasses import dataclass, field

from editio.base import pandoc
from editio.base.errors import CollationError
from editio.base.pandoc_ast import (
    Document,
    Node,
    attr_get,
    children,
    content,
    iter_nodes,
    stringify,
    table_rows,
)
from editio.base.spans import (
    BLOCK_MARK,
    BLOCK_NAMES,
    TYPED_QUOTES,
    emendation_number,
    is_break,
    is_emendation,
    is_structural,
    witness_characters,
)
from editio.intake.markup import FOOTNOTE_CALL, FOOTNOTE_DEFINITION, Markup, block_kind
from editio.intake.source import WorkSource

# The classes of silent normalisation, by the kind of witness; the note on the text prints
# those of its work, each with the number of times the collation applied it.
PAGE_BREAKS = ("Paragraphs cut by the original’s page and column breaks are rejoined; the "
               "breaks stay as markers.")
DIVIDED_WORDS = ("A word divided by a page or column break is printed whole, without the "
                 "division hyphen; the break’s marker records the division.")
PLACED_NOTES = ("Footnotes that the witness prints at the foot of a page are printed as notes "
                "at their calls.")
HEADING_LEVELS = ("Headings are set at one level, and the bold type of some is not kept; their "
                  "words and their place are the witness’s.")
TYPOGRAPHY = ("Straight quotation marks and apostrophes are printed as typographic ones, and "
              "so are dashes and ellipses typed as -- or ---, and ...")
PLAIN_LINES = ("The witness is plain text, one OCR line per segment, with no paragraph or "
               "heading marks: the edition’s paragraphs and headings begin only where a line "
               "of the witness begins, and its lines are joined within a paragraph.")


@dataclass(frozen=True)
class Normalisation:
    """One declared class of silent normalisation, as applied to one work."""

    text: str
    count: int


# What Markdown's smart typography turns straight marks into, turned back
_QUOTES = str.maketrans({**TYPED_QUOTES, "\u00a0": " ", "\u2026": "...", "\u2014": "---",
                         "\u2013": "--"})
MARK = BLOCK_MARK  # a block boundary in the token stream
_TYPOGRAPHIC = re.compile(f"[{''.join(TYPED_QUOTES)}\u2026\u2014\u2013]")


@dataclass(frozen=True)
class Token:
    text: str
    line: int
    emendation: int | None  # which emendation's witness reading it comes from


@dataclass(frozen=True)
class Difference:
    witness_line: int
    witness: str
    reading_line: int
    reading: str
    emendation: int | None

    def describe(self, witness_name: str, text_name: str) -> str:
        structural = _structural(self.witness, self.reading)
        if structural and self.emendation is None:
            w, r = _blocks_named(self.witness), _blocks_named(self.reading)
            if not self.witness:
                return (f"{text_name}:{self.reading_line}: the reading text begins {r} where "
                        f"{witness_name}:{self.witness_line} runs on: an unrecorded split")
            if not self.reading:
                return (f"{text_name}:{self.reading_line}: the reading text runs on where "
                        f"{witness_name}:{self.witness_line} begins {w}: an unrecorded merge")
            return (f"{text_name}:{self.reading_line}: the reading text has {r} where "
                    f"{witness_name}:{self.witness_line} has {w}: an unrecorded change of "
                    "block")
        w = _shown(self.witness) or "(nothing)"
        r = _shown(self.reading) or "(nothing)"
        if self.emendation is not None:
            return (f"{text_name}:{self.reading_line}: emendation {self.emendation} gives the "
                    f"witness reading '{r}', but {witness_name}:{self.witness_line} reads '{w}'")
        return (f"{text_name}:{self.reading_line}: reading text differs from "
                f"{witness_name}:{self.witness_line} with no emendation: witness '{w}', "
                f"reading text rebuilds to '{r}'")


def _structural(*sides: str) -> bool:
    """Whether a difference is of block boundaries only."""
    tokens = " ".join(sides).split()
    return bool(tokens) and all(t.startswith(MARK) for t in tokens)


def _blocks_named(side: str) -> str:
    names = {"para": "a paragraph", "heading": "a heading", "quote": "a block quotation",
             "item": "a list item", "line": "a line"}
    kinds = [t[len(MARK):] for t in side.split()]
    return " and ".join(names.get(k, f"a block ({BLOCK_NAMES.get(k, k)})") for k in kinds)


def _shown(side: str) -> str:
    """Tokens as a message shows them: a block boundary as [¶], [heading], …"""
    return " ".join(f"[{BLOCK_NAMES.get(t[len(MARK):], t[len(MARK):])}]"
                    if t.startswith(MARK) else t for t in side.split())


_CODE_FENCE = re.compile(r" {0,3}(`{3,}|~{3,})")
_DIV_FENCE = re.compile(r" {0,3}(:{3,})(.*)")


def block_start_lines(text: str, first_line: int = 1) -> list[int]:
    """Lines where top-level Markdown blocks begin (footnote definitions left out).

    A block begins after a blank line, at a heading, after a heading, and at a
    fence: pandoc needs no blank line before a fenced code block or div, nor
    after one, and what a fence holds is inside its block, not a block of its own.
    """
    lines = text.split("\n")
    starts: list[int] = []
    in_footnote = False
    previous_blank = True
    previous_heading = False
    code_fence = ""  # the open code fence's marks
    divs = 0  # open divs
    after_fence = False  # the line before was a fence: this line begins a block
    for number in range(first_line, len(lines) + 1):
        line = lines[number - 1]
        if code_fence:
            closing = _CODE_FENCE.match(line)
            if closing and closing.group(1)[0] == code_fence[0] and \
                    len(closing.group(1)) >= len(code_fence) and \
                    not line[closing.end():].strip():
                code_fence, after_fence = "", True
            continue
        if not line.strip():
            previous_blank = True
            continue
        if FOOTNOTE_DEFINITION.match(line):
            in_footnote = True
        elif previous_blank and not line.startswith(("    ", "\t")):
            in_footnote = False
        heading = line.startswith("#")
        begins = previous_blank or heading or previous_heading or after_fence
        code = _CODE_FENCE.match(line) if not in_footnote else None
        # a div opens only where a block may begin; it closes anywhere inside one
        div = _DIV_FENCE.match(line) if not in_footnote else None
        opens = bool(div and div.group(2).strip() and begins)
        closes = bool(div and not div.group(2).strip() and divs)
        if divs == 0 and not in_footnote and not closes and (begins or code):
            starts.append(number)
        if code:
            code_fence = code.group(1)
        divs += opens - closes
        previous_blank, previous_heading = False, heading
        after_fence = opens or closes
    return starts


def footnote_lines(text: str) -> list[int]:
    """Line of each footnote's definition, in the order the notes are called."""
    definitions: dict[str, int] = {}
    for number, line in enumerate(text.split("\n"), 1):
        match = FOOTNOTE_DEFINITION.match(line)
        if match:
            definitions[match.group(1)] = number
    order: list[int] = []
    for number, line in enumerate(text.split("\n"), 1):
        if FOOTNOTE_DEFINITION.match(line):
            continue
        for match in FOOTNOTE_CALL.finditer(line):
            order.append(definitions.get(match.group(1), number))
    return order


class Flattener:
    """Turns an AST into witness-like text pieces, each with its source line.

    Each block of text begins with a boundary token naming its kind (paragraph,
    heading, block quotation, …), so that a split, a merge or a change of kind
    is a difference like a changed word. A structural emendation (block=) gives
    back the witness's boundaries at its place; a page or column break inside a
    block gives back the boundary at which the witness's OCR cut it.
    """

    def __init__(self, markup: Markup | None, note_lines: list[int], lines_only: bool = False):
        self.markup = markup
        self.note_lines = note_lines
        self.lines_only = lines_only  # a plain-text witness: its only boundaries are lines
        self.pieces: list[tuple[str, int, int | None]] = []
        self.notes: list[Node] = []
        self.page_break = 0
        self.placed = {n for pb in markup.page_breaks for n in pb.notes} if markup else set()
        self.container: str | None = None  # "quote" or "item" while inside one
        self.block_now = "para"  # the witness's kind of the block being read
        self.pending: str | None = None  # a block the witness begins at the next word
        self.since_mark = False  # words since the last block boundary
        self.applied: Counter[str] = Counter()  # silent normalisations, by class
        # lines down from the block's first line: pandoc keeps a paragraph's line ends as
        # SoftBreaks, so a difference is reported at its own line, not its paragraph's
        self.shift = 0

    def emit(self, s: str, line: int, emendation: int | None = None) -> None:
        if self.pending and s.strip():
            self.mark(self.pending, line)
            self.applied[PAGE_BREAKS] += 1
        self.pieces.append((s, line + self.shift, emendation))
        self.since_mark = self.since_mark or bool(s.strip())

    def mark(self, kind: str, line: int, emendation: int | None = None) -> None:
        """A block of `kind` begins here ("none": no block begins)."""
        self.pending = None
        if kind == "none":
            return
        self.block_now = kind
        self.emit(f" {MARK}{'line' if self.lines_only else kind} ", line, emendation)
        self.since_mark = False

    def blocks(self, blocks: list[Node], lines: list[int] | None, line: int) -> None:
        for i, block in enumerate(blocks):
            if lines is not None:
                line = lines[min(i, len(lines) - 1)] if lines else line
            self.node(block, line)
            self.emit("\n", line)

    def inlines(self, nodes: list[Node], line: int) -> None:
        for node in nodes:
            self.node(node, line)

    def contained(self, container: str, blocks: list[Node], line: int) -> None:
        outer, self.container = self.container, container
        self.blocks(blocks, None, line)
        self.container = outer

    def leaf(self, node: Node, line: int) -> None:
        """A block of text: its boundary, then its words."""
        t, c = node["t"], content(node)  # a HorizontalRule has no content
        self.shift = 0
        words = c[2] if t == "Header" else c if t in ("Para", "Plain") else []
        if not (self.markup and words and is_structural(words[0])):
            self.mark(block_kind(node, self.container), line)
        if t in ("Para", "Plain", "Header"):
            self.inlines(words, line)
        elif t == "LineBlock":
            for verse_line in c:
                self.inlines(verse_line, line)
                self.emit(" ", line)
        elif t in ("CodeBlock", "RawBlock"):
            self.emit(c[1], line)
        elif t == "Table":
            self.table(node, line)
        else:
            self.generic(node, line)
        self.emit("\n", line)
        self.shift = 0

    def table(self, node: Node, line: int) -> None:
        """A table's words, a row to a line (as a plain witness has them), so that a change
        in a cell is a difference like any other."""
        head_rows = len(node["c"][3][1])
        for i, row in enumerate(table_rows(node)):
            if i:
                self.line_break(line)
            if i and i == head_rows:
                self.shift += 1  # the rule under a pipe table's head is a line of its own
            for cell in row:
                for block in cell:
                    if block.get("t") in ("Para", "Plain"):
                        self.inlines(block["c"], line)
                    else:  # a list or a quotation in a grid table's cell: its own lines
                        shift = self.shift
                        self.node(block, line)
                        self.shift = shift
                    self.emit(" ", line)

    def generic(self, node: Node, line: int) -> None:
        for child in children(node):
            if child and isinstance(child[0], dict) and child[0].get("t") in BLOCKS:
                self.blocks(child, None, line)
            else:
                self.inlines(child, line)

    def node(self, node: Node, line: int) -> None:
        t, c = node.get("t"), content(node)
        if t == "Str":
            self.emit(c, line)
        elif t == "Space":
            self.emit(" ", line)
        elif t in ("SoftBreak", "LineBreak"):
            self.line_break(line)
        elif t in ("RawInline", "Code", "Math"):
            self.emit(c[1], line)
        elif t == "Quoted":
            mark = '"' if c[0]["t"] == "DoubleQuote" else "'"
            self.emit(mark, line)
            self.inlines(c[1], line)
            self.emit(mark, line)
        elif t == "Note":
            self.notes.append(node)
            number = len(self.notes)
            if number not in self.placed:
                self.note(number, line)
        elif self.markup and is_emendation(node):
            self.emendation(node, line)
        elif self.markup and is_break(node):
            self.split_at_break(line)
        elif t in LEAVES:
            self.leaf(node, line)
        elif t == "BlockQuote":
            self.contained("quote", c, line)
        elif t in ("BulletList", "OrderedList"):
            for item in c if t == "BulletList" else c[1]:
                self.contained("item", item, line)
        else:
            self.generic(node, line)

    def line_break(self, line: int) -> None:
        """A line end of text.md: a space, and the next words stand on the next line (for a
        plain witness, its next line: the boundary is there)."""
        self.emit(" ", line)
        self.shift += 1
        if self.lines_only:
            self.mark("line", line)

    def emendation(self, node: Node, line: int) -> None:
        """An emendation gives back the witness's reading (and blocks, if structural)."""
        a, content = node["c"]
        # the number read_markup wrote on the span: notes are flattened where the
        # witness prints them, not where they are called, so counting here would differ
        emendation = emendation_number(node)
        block = (attr_get(a, "block", "") or "").split()
        if block:
            self.mark(block[0], line, emendation)
        self.emit(witness_characters(attr_get(a, "sic", "") or ""), line, emendation)
        for kind in block[1:]:
            self.mark(kind, line, emendation)
        # notes called inside an emendation still stand in the text
        for inner in content:
            if inner.get("t") == "Note":
                self.node(inner, line)

    def split_at_break(self, line: int) -> None:
        """A page or column break splits the text again and lets out its foot's notes."""
        assert self.markup is not None  # breaks are read as breaks only with the markup
        pb = self.markup.page_breaks[self.page_break]
        self.page_break += 1
        cut, continued = self.since_mark, self.block_now
        self.emit("-\n" if pb.within_word else "\n", line)
        self.applied[DIVIDED_WORDS] += pb.within_word
        for number in pb.notes:
            self.note(number, line)
            self.applied[PLACED_NOTES] += 1
        if cut:
            # the witness's OCR cut the block here: its next words begin a block
            self.pending = continued

    def note(self, number: int, fallback_line: int) -> None:
        line = self.note_lines[number - 1] if number - 1 < len(self.note_lines) else fallback_line
        outer, self.container = self.container, None
        shift, self.shift = self.shift, 0  # the note has lines of its own
        self.emit("\n", line)
        self.blocks(self.notes[number - 1]["c"], None, line)
        self.container, self.shift = outer, shift

    def tokens(self) -> list[Token]:
        self.applied[TYPOGRAPHY] += len(_TYPOGRAPHIC.findall("".join(p for p, _, _ in self.pieces)))
        texts = [piece.translate(_QUOTES) for piece, _, _ in self.pieces]
        starts = list(itertools.accumulate((len(t) for t in texts), initial=0))[:-1]
        out: list[Token] = []
        for match in re.finditer(r"\S+", "".join(texts)):
            i = bisect.bisect_right(starts, match.start()) - 1
            _, line, emendation = self.pieces[i]
            if emendation is None and i + 1 < len(starts) and starts[i + 1] < match.end():
                # a token may begin just before an emendation's witness reading
                j = bisect.bisect_left(starts, match.end()) - 1
                emendation = next((self.pieces[k][2] for k in range(i, j + 1)
                                   if self.pieces[k][2] is not None), None)
            out.append(Token(match.group(), line, emendation))
        return out


LEAVES = {"Para", "Plain", "Header", "LineBlock", "CodeBlock", "RawBlock", "HorizontalRule",
          "Table", "DefinitionList", "Figure"}
BLOCKS = {"Para", "Plain", "Header", "BlockQuote", "Div", "BulletList", "OrderedList",
           "CodeBlock", "RawBlock", "HorizontalRule", "Table", "LineBlock", "DefinitionList",
           "Figure"}


def markdown_witness(source: WorkSource) -> str | None:
    """The witness's text if pandoc must read it, else None."""
    return source.witness if source.witness_kind == "markdown" else None


def witness_tokens(source: WorkSource, parsed: Document | None = None) -> list[Token]:
    """The witness as tokens with their true lines.

    A Markdown witness (OCR engines that emit Markdown) is read as pandoc reads
    it (`parsed`, when the caller has already parsed it), so that its markup is
    not taken for words; any other witness is plain text, split on white space
    as it stands.
    """
    if markdown_witness(source) is not None:
        flat = Flattener(None, footnote_lines(source.witness))
        flat.blocks((parsed or pandoc.parse_markdown(source.witness))["blocks"],
                    block_start_lines(source.witness), 1)
        return flat.tokens()
    tokens: list[Token] = []
    for number, line in enumerate(source.witness.translate(_QUOTES).split("\n"), 1):
        words = [Token(m.group(), number, None) for m in re.finditer(r"\S+", line)]
        if words:  # each line of a plain witness may begin a block, and no other place
            tokens.append(Token(f"{MARK}line", number, None))
        tokens += words
    return tokens


def rebuild_witness(doc: Document, markup: Markup, source: WorkSource) -> Flattener:
    """The reading text turned back into the witness, as a flattener's pieces."""
    flat = Flattener(markup, footnote_lines(source.text),
                     lines_only=markdown_witness(source) is None)
    flat.blocks(doc["blocks"], block_start_lines(source.text, source.body_line),
                source.body_line)
    return flat


_WINDOW = 400  # tokens looked ahead to resynchronise after a difference
_ANCHOR = 4  # equal tokens in a row that count as being back in step


def _opcodes(a: list[str], b: list[str]) -> list[tuple[int, int, int, int]]:
    """The unequal regions of two token lists, in linear time.

    difflib over a whole long text is quadratic on common words; the two lists
    agree almost everywhere, so walk them together and call difflib only on a
    window where they part, until a few tokens agree again.
    """
    regions: list[tuple[int, int, int, int]] = []
    i = j = 0
    while i < len(a) or j < len(b):
        if i < len(a) and j < len(b) and a[i] == b[j]:
            i += 1
            j += 1
            continue
        wa, wb = a[i : i + _WINDOW], b[j : j + _WINDOW]
        matcher = difflib.SequenceMatcher(a=wa, b=wb, autojunk=False)
        anchor = next((m for m in matcher.get_matching_blocks()
                       if m.size >= _ANCHOR or (m.size and m.a + m.size == len(wa)
                                                and m.b + m.size == len(wb))), None)
        if anchor is None or anchor.size == 0:
            regions.append((i, i + len(wa), j, j + len(wb)))
            i, j = i + len(wa), j + len(wb)
            continue
        local = difflib.SequenceMatcher(a=wa[: anchor.a], b=wb[: anchor.b], autojunk=False)
        for op, i1, i2, j1, j2 in local.get_opcodes():
            if op != "equal":
                regions.append((i + i1, i + i2, j + j1, j + j2))
        i, j = i + anchor.a, j + anchor.b
    return regions


def differences(witness: list[Token], rebuilt: list[Token]) -> list[Difference]:
    found: list[Difference] = []
    for i1, i2, j1, j2 in _opcodes([t.text for t in witness], [t.text for t in rebuilt]):
        w_line = witness[min(i1, len(witness) - 1)].line if witness else 0
        r_line = rebuilt[min(j1, len(rebuilt) - 1)].line if rebuilt else 0
        emendation = next((t.emendation for t in rebuilt[j1:j2] if t.emendation), None)
        witness_text = " ".join(t.text for t in witness[i1:i2])
        if emendation is None and j1 == j2 and 0 < j1 < len(rebuilt) \
                and not _structural(witness_text):
            # the witness has words where an emendation's reading ends: blame it
            # (a block boundary missing beside an emendation is a merge, not its fault)
            for t in (rebuilt[j1 - 1], rebuilt[j1]):
                emendation = emendation or t.emendation
        found.append(Difference(
            witness_line=w_line, witness=witness_text,
            reading_line=r_line, reading=" ".join(t.text for t in rebuilt[j1:j2]),
            emendation=emendation))
    return found


def collate(doc: Document, markup: Markup, source: WorkSource,
            witness_doc: Document | None = None) -> Collation:
    """Raise CollationError listing every unrecorded difference.

    Returns what the collation found: each emendation in its context on both sides, and the
    silent normalisations the edition applies to this witness, each with the number of
    times it was applied (every other difference is an emendation).
    """
    markdown = markdown_witness(source) is not None
    if markdown and witness_doc is None:
        witness_doc = pandoc.parse_markdown(source.witness)
    rebuilt = rebuild_witness(doc, markup, source)
    witness = witness_tokens(source, witness_doc)
    found = differences(witness, rebuilt.tokens())
    if found:
        witness_name = source.witness_path.name
        text_name = str(source.text_path)
        shown = "\n  ".join(d.describe(witness_name, text_name) for d in found[:12])
        more = f"\n  … and {len(found) - 12} more" if len(found) > 12 else ""
        structural = any(_structural(d.witness, d.reading) for d in found)
        hint = "mark each change as [reading]{.corr sic=\"witness reading\"}"
        if structural:
            hint += ('; a change of paragraphing or of a block\'s kind as []{.corr '
                     'block="para" note="…"} (block="none" where the witness runs on)')
        raise CollationError(
            f"{len(found)} difference(s) between witness and reading text are not recorded:"
            f"\n  {shown}{more}",
            path=source.text_path, line=found[0].reading_line, hint=hint)
    applied = rebuilt.applied
    if markdown and witness_doc is not None:  # parsed above
        applied[HEADING_LEVELS] = _headings_normalised(witness_doc["blocks"], doc["blocks"])
        classes = [PAGE_BREAKS, DIVIDED_WORDS, PLACED_NOTES, HEADING_LEVELS, TYPOGRAPHY]
    else:
        applied[PLAIN_LINES] = sum(n.get("t") == "SoftBreak" for n in iter_nodes(doc["blocks"]))
        classes = [PAGE_BREAKS, DIVIDED_WORDS, PLACED_NOTES, PLAIN_LINES, TYPOGRAPHY]
    witness_side, readings, lines = _sides([(s, n) for s, _, n in rebuilt.pieces], doc, witness)
    return Collation(
        normalisations=tuple(Normalisation(c, applied[c]) for c in classes if applied[c]),
        witness=witness_side, readings=readings, witness_lines=lines)


def _headings_normalised(witness: list[Node], reading: list[Node]) -> int:
    """Witness headings set at another level than the edition's, or in bold."""
    levels = {_heading_words(h): h["c"][0] for h in reading if h.get("t") == "Header"}
    count = 0
    for h in witness:
        if h.get("t") != "Header":
            continue
        bold = any(n.get("t") == "Strong" for n in iter_nodes(h["c"][2]))
        level = levels.get(_heading_words(h))
        count += bold or (level is not None and level != h["c"][0])
    return count


def _heading_words(heading: Node) -> str:
    return " ".join(stringify(heading["c"][2]).split())


# --- the result: both sides as the collation saw them, for the collation page -------------

_SUPERSCRIPT = str.maketrans("0123456789", "\u2070\u00b9\u00b2\u00b3\u2074\u2075\u2076"
                             "\u2077\u2078\u2079")


@dataclass(frozen=True)
class Stream:
    """A run of text, and where each emendation's pieces begin and end in it."""

    text: str
    places: dict[int, tuple[int, int]]


@dataclass(frozen=True)
class Collation:
    """What a passed collation found: the silent normalisations it applied, and both sides as
    it saw them, from which formats.collation_model cuts each emendation's context."""

    normalisations: tuple[Normalisation, ...]
    witness: Stream = Stream("", {})  # the reading text turned back into the witness: equal
    # the reading text's paragraphs, headings and notes that hold an emendation, in order,
    # each emendation's reading in place
    readings: tuple[Stream, ...] = ()
    witness_lines: dict[int, int] = field(default_factory=dict)  # each emendation's, in W


Piece = tuple[str, int | None]  # text, and the emendation it belongs to


def stream(pieces: list[Piece]) -> Stream:
    text = "".join(s for s, _ in pieces)
    places: dict[int, tuple[int, int]] = {}
    offset = 0
    for s, n in pieces:
        if n is not None:
            start = places.get(n, (offset, offset))[0]
            places[n] = (start, offset + len(s))
        offset += len(s)
    return Stream(text, places)


def _sides(witness_pieces: list[Piece], doc: Document,
           witness: list[Token]) -> tuple[Stream, tuple[Stream, ...], dict[int, int]]:
    readings = tuple(stream(s) for s in _reading_streams(doc["blocks"]) if _places(s))
    return stream(witness_pieces), readings, _witness_lines(witness_pieces, witness)


def _places(pieces: list[Piece]) -> set[int]:
    return {n for _, n in pieces if n is not None}


def _reading_streams(doc_blocks: list[Node]) -> list[list[Piece]]:
    """The reading text, one stream per paragraph, heading or note; notes stand apart."""
    streams: list[list[Piece]] = []
    note_count = 0

    def inlines(nodes: list[Node], out: list[Piece], number: int | None) -> None:
        nonlocal note_count
        for node in nodes:
            t, c = node.get("t"), content(node)
            mine = emendation_number(node)
            if t in ("Str", "Code", "Math"):
                out.append((c if t == "Str" else c[1], number))
            elif t in ("Space", "SoftBreak", "LineBreak"):
                out.append((" ", number))
            elif t == "Quoted":
                q = "\u201c\u201d" if c[0]["t"] == "DoubleQuote" else "\u2018\u2019"
                out.append((q[0], number))
                inlines(c[1], out, number)
                out.append((q[1], number))
            elif t == "Note":
                note_count += 1
                out.append((str(note_count).translate(_SUPERSCRIPT), number))
                blocks(c)
            elif mine is not None:
                out.append(("", mine))  # marks the place even when the edition omits
                inlines(c[1], out, mine)
            elif t == "RawInline" or is_break(node):
                continue  # page and column breaks are not words
            else:
                for child in children(node):
                    inlines(child, out, number)

    def blocks(nodes: list[Node]) -> None:
        if nodes and nodes[0].get("t") not in BLOCKS:
            out: list[Piece] = []  # inlines in a block's place: a line block's line, a term
            streams.append(out)
            inlines(nodes, out, None)
            return
        for node in nodes:
            if node.get("t") in ("Para", "Plain", "Header"):
                out = []
                streams.append(out)
                inlines(next(children(node)), out, None)
            else:
                for child in children(node):
                    blocks(child)

    blocks(doc_blocks)
    return streams


def _witness_lines(pieces: list[Piece], witness: list[Token]) -> dict[int, int]:
    """Each emendation's line in the witness, through the token-for-token equality."""
    text = "".join(s for s, _ in pieces)
    starts: dict[int, int] = {}
    lengths: dict[int, int] = {}
    offset = 0
    for s, n in pieces:
        if n is not None:
            starts.setdefault(n, offset)
            lengths[n] = lengths.get(n, 0) + len(s)
        offset += len(s)
    ends = [m.end() for m in re.finditer(r"\S+", text)]
    lines: dict[int, int] = {}
    index = 0
    for n, start in sorted(starts.items(), key=lambda item: item[1]):
        # an insertion (nothing in the witness) glued to the word before it is at that
        # word's line: where that word ends a line, the next word is on the next
        glued = lengths[n] == 0 and 0 < start <= len(text) and not text[start - 1].isspace()
        while index < len(ends) and (ends[index] < start or ends[index] == start and not glued):
            index += 1
        if witness:
            lines[n] = witness[min(index, len(witness) - 1)].line
    return lines
