"""The inline apparatus markup, read from the parsed text.

Editors write, in Pandoc Markdown:

    [Robespierre]{.corr sic="Robsepierre" kind="ocr" note="…"}   an emendation
    []{.corr sic="*"}                                               a deletion
    [the]{.corr sic=""}                                             an insertion
    origin[]{.pb n="13"}ally                                        a page break
    []{.pb n="6" notes="1"}                                         …whose foot held note 1
    []{.cb}                                                         a column break
    []{.corr block="para"}                                          a structural emendation:
                                                 the witness begins a paragraph here

A structural emendation records where the witness's blocks differ from the
edition's: block= names the blocks the witness begins at the span, in order
(para, heading, quote, item, verse; "none" where the witness runs on). At the
start of one of the edition's blocks it stands for that block's own kind; its
sic, if any, is the witness's text after the first of them.

This module turns those spans into typed records, and refuses malformed ones
with the line where they stand.
"""

from __future__ import annotations

import difflib
import re
from dataclasses import dataclass
from pathlib import Path

from editio.base.errors import MarkupError
from editio.base.pandoc_ast import (
    Document,
    Node,
    attr_get,
    attr_has,
    children,
    iter_nodes,
    stringify,
)
from editio.base.spans import (  # noqa: F401 - the vocabulary, also read from here
    BLOCK_KINDS,
    BLOCK_NAMES,
    CERTAINTIES,
    KINDS,
    MARKUP_CLASSES,
    NUMBER_KEY,
    TYPED_QUOTES,
    emendation_number,
    is_break,
    is_column_break,
    is_emendation,
    is_structural,
    witness_characters,
)
from editio.intake.source import WorkSource

# The attributes each class of span takes (NUMBER_KEY is read_markup's own)
CORR_ATTRIBUTES = ("sic", "kind", "cert", "note", "block")
PB_ATTRIBUTES = ("n", "notes")


def _number(a: list, number: int) -> None:
    a[2][:] = [[k, v] for k, v in a[2] if k != NUMBER_KEY] + [[NUMBER_KEY, str(number)]]


@dataclass(frozen=True)
class Emendation:
    number: int  # 1-based, in reading order
    lemma: str  # the edition's reading; "" when the edition deletes
    sic: str  # the witness's reading; "" when the edition inserts
    kind: str
    certainty: str
    note: str
    line: int | None  # in text.md
    footnote: int | None  # the author's note it stands in, if any
    # a structural emendation: the witness's blocks at this point (block=), and the edition's
    # own there ("none" inside a block; else the kind of block the span begins)
    block: tuple[str, ...] = ()
    edition_block: str = ""

    @property
    def witness_reading(self) -> str:
        """The witness's characters, as sic= writes them escaped (\\* for *)."""
        return witness_characters(self.sic)


@dataclass(frozen=True)
class PageBreak:
    page: str  # the number of the page that begins here; "" for a column break
    notes: tuple[int, ...]  # author's notes whose text the witness prints at this page's foot
    line: int | None
    within_word: bool


@dataclass(frozen=True)
class Markup:
    emendations: tuple[Emendation, ...]
    page_breaks: tuple[PageBreak, ...]
    footnote_count: int


# The span syntax as written in a text, read here and nowhere else, for what the AST cannot
# tell (where a span stands, the reading text as lines): [content]{attributes}. The content
# may hold escaped brackets and one level of bracketed text (a note call); a quoted attribute
# value may hold braces. "[content" is optional, so that a span that lost its opening bracket
# is still found (and reported at its line); such a match has no "content".
WRITTEN_SPAN = re.compile(r'(?:\[(?P<content>(?:[^\[\]\\]|\\.|\[(?:[^\[\]\\]|\\.)*\])*))?'
                          r'\]\{(?P<attrs>(?:[^{}"]|"(?:[^"\\]|\\.)*")*)\}')
# A backtick code span as pandoc reads one: a run of backticks closed by a run as long, within
# a paragraph (it may cross a line's end, not a blank line), with the attributes written after it
CODE_SPAN = re.compile(r"(?<!`)(?P<ticks>`+)(?!`)(?:(?!\n[ \t]*\n)[\s\S])*?(?<!`)(?P=ticks)(?!`)"
                       r"(?P<attrs>\{[^{}]*\})?")


def _line_at(text: str, offset: int) -> int:
    return text[:offset].count("\n") + 1


FOOTNOTE_DEFINITION = re.compile(r"^\[\^([^\]]+)\]:")
FOOTNOTE_CALL = re.compile(r"\[\^([^\]]+)\](?!:)")


def note_of_lines(text: str) -> dict[int, int]:
    """Each line of a footnote's definition and the number of its note (notes are numbered
    as they are called). A definition runs until a line that, after a blank one, is not
    indented; the lines of the body are not in the map."""
    lines = text.split("\n")
    starts: dict[str, int] = {}
    for number, line in enumerate(lines, 1):
        match = FOOTNOTE_DEFINITION.match(line)
        if match:
            starts.setdefault(match.group(1), number)
    numbers: dict[str, int] = {}
    for line in lines:
        if not FOOTNOTE_DEFINITION.match(line):
            for match in FOOTNOTE_CALL.finditer(line):
                numbers.setdefault(match.group(1), len(numbers) + 1)
    region: dict[int, int] = {}
    for label, start in starts.items():
        if label not in numbers:
            continue
        region[start] = numbers[label]
        blank = False
        for number in range(start + 1, len(lines) + 1):
            line = lines[number - 1]
            if FOOTNOTE_DEFINITION.match(line) or (blank and line.strip()
                                                    and not line.startswith((" ", "\t"))):
                break
            region[number] = numbers[label]
            blank = not line.strip()
    return region


ANY_NOTE = -1


@dataclass(frozen=True)
class Spot:
    """Where a span is written in text.md, and how: a line with many spans needs all three."""

    line: int
    column: int  # 1-based, in characters
    written: str  # the span as it stands in the text

    @classmethod
    def at(cls, text: str, start: int, end: int) -> Spot:
        return cls(_line_at(text, start), start - text.rfind("\n", 0, start), text[start:end])

    def shown(self) -> str:
        span = " ".join(self.written.split())
        return span if len(span) <= 90 else span[:60] + " … " + span[-25:]


def markup_error(message: str, path: Path, spot: Spot | None,
                 hint: str | None = None) -> MarkupError:
    """A MarkupError at the span's line and column, quoting the span."""
    if spot is None:
        return MarkupError(message, path=path, hint=hint)
    return MarkupError(f"{message}: {spot.shown()}", path=path, line=spot.line,
                       column=spot.column, hint=hint)


class _SourceLines:
    """Finds the line of the n-th markup span of a class, by its attributes and by where it
    stands: in the body, or in which footnote's definition (pandoc reads a note's spans at
    its call, the text has them at the bottom: values alone would pair a note's span with a
    later one of the body's that has the same value)."""

    def __init__(self, source: WorkSource, cls: str, key: str):
        self.found: list[tuple[Spot, str, int | None]] = []
        self.lines = source.text.split("\n")
        notes = note_of_lines(source.text)
        for match in WRITTEN_SPAN.finditer(source.text):
            attrs = match["attrs"]
            if re.search(rf"(^|\s)\.{re.escape(cls)}(\s|$)", attrs):
                start = match.start()
                if match["content"] is None:  # its "[" lost: show the word it would hold
                    while start and not source.text[start - 1].isspace():
                        start -= 1
                spot = Spot.at(source.text, start, match.end())
                line = _line_at(source.text, match.start("attrs"))
                self.found.append((spot, attribute_value(attrs, key), notes.get(line)))
        self.used: set[int] = set()

    def check_all_read(self, path: Path, what: str) -> None:
        """Markup that pandoc did not read as a span is an editor's slip, not text."""
        for i, (spot, _, _) in enumerate(self.found):
            if i not in self.used:
                hint = "check its brackets and quotes: [text]{.corr sic=\"…\"}"
                if "![" in self.lines[spot.line - 1]:
                    hint += "; a '!' just before '[' makes an image, so put the '!' inside the span"
                raise markup_error(f"this {what} was not read as markup", path, spot, hint)

    def spot_of(self, value: str, note: int | None = ANY_NOTE) -> Spot | None:
        """Where the first span not yet claimed with this value is written, in the body
        (note None) or in note `note`'s definition."""
        value = _plain(value)
        for i, (spot, v, in_note) in enumerate(self.found):
            if i not in self.used and v == value and note in (ANY_NOTE, in_note):
                self.used.add(i)
                return spot
        return None


def attribute_value(attrs: str, key: str) -> str:
    """A key's value as written in {…}: "double", 'single' or bare, as pandoc reads them."""
    value = re.search(rf'(?:^|\s){re.escape(key)}=(?:"((?:[^"\\]|\\.)*)"|'
                      rf"'((?:[^'\\]|\\.)*)'|([^\s\"'}}]+))", attrs)
    if not value:
        return ""
    return _plain(next(g for g in value.groups() if g is not None))


def _misnamed(classes: list[str]) -> str:
    """The markup class a span with sic= probably meant, for the hint."""
    for cls in classes:
        close = difflib.get_close_matches(cls, MARKUP_CLASSES, n=1, cutoff=0.5)
        if close:
            return f"did you mean .{close[0]} (not .{cls})? write [text]{{.corr sic=\"…\"}}"
    return "an emendation is [text]{.corr sic=\"…\"}: add the class .corr"


def _plain(value: str) -> str:
    """Compare attribute values as written and as parsed: backslash escapes aside."""
    return value.replace("\\", "")


def block_kind(node: Node, container: str | None) -> str:
    """The structural kind of a block of text, as the collation compares it."""
    t = node["t"]
    if t == "Header":
        return "heading"
    if container:
        return container
    return {"Para": "para", "Plain": "para", "LineBlock": "verse", "CodeBlock": "code",
            "Table": "table", "HorizontalRule": "rule"}.get(t, "para")


structural_span = is_structural  # the name the collation knows it by


def read_markup(doc: Document, source: WorkSource) -> Markup:
    emendations: list[Emendation] = []
    page_breaks: list[PageBreak] = []
    corr_lines = _SourceLines(source, "corr", "sic")
    pb_lines = _SourceLines(source, "pb", "n")
    cb_lines = _SourceLines(source, "cb", "none")
    called_before: list[int] = []  # notes called before each page break with notes=
    footnote = 0
    path = source.text_path
    container: str | None = None  # "quote" or "item" while inside one

    def visit(nodes: list[Node], in_corr: bool, in_note: int | None,
              starts: str = "none") -> None:
        """starts: the kind of block these inlines begin ("none": not a block's start)."""
        nonlocal footnote, container
        previous: Node | None = None
        for index, node in enumerate(nodes):
            at_start = starts if index == 0 else "none"
            t = node["t"]
            if t == "Note":
                footnote += 1
                note_no = footnote
                outer, container = container, None  # a note's blocks stand on their own
                for child in children(node):
                    visit(child, in_corr, note_no)
                container = outer
                previous = node
                continue
            if is_emendation(node):
                a, content = node["c"]
                sic = attr_get(a, "sic")
                spot = corr_lines.spot_of(sic if sic is not None else "", in_note)
                number = len(emendations) + 1  # the one place emendations are numbered
                emendations.append(_emendation(node, number, spot, path, in_corr=in_corr,
                                               in_note=in_note, at_start=at_start))
                _number(a, number)
                visit(content, True, in_note)
                previous = node
                continue
            if is_break(node):
                column = is_column_break(node)
                n = "" if column else attr_get(node["c"][0], "n")
                spot = (cb_lines if column else pb_lines).spot_of(n or "", in_note)
                following = nodes[index + 1] if index + 1 < len(nodes) else None
                within = bool(previous and previous.get("t") == "Str"
                              and following and following.get("t") == "Str")
                page_breaks.append(_page_break(node, column, spot, path, within))
                if not column:
                    called_before.append(footnote)
                previous = node
                continue
            if t in ("Span", "Div") and attr_has(node["c"][0], "sic"):
                classes = node["c"][0][1]
                lines = _SourceLines(source, classes[0], "sic") if classes else None
                sic = attr_get(node["c"][0], "sic") or ""
                raise markup_error(
                    "a span with sic= but without class .corr", path,
                    lines.spot_of(sic) if lines else _spot_of_sic(source, sic),
                    hint=_misnamed(classes))
            if t in ("Para", "Plain", "Header", "LineBlock"):
                kind = block_kind(node, container)
                for child in children(node):
                    visit(child, in_corr, in_note, kind)
                    kind = "none"
            else:
                inner = {"BlockQuote": "quote", "BulletList": "item",
                         "OrderedList": "item"}.get(t)
                outer = container
                container = inner or container
                for child in children(node):
                    visit(child, in_corr, in_note)
                container = outer
            previous = node

    visit(doc["blocks"], False, None)
    for finder, what in ((corr_lines, "emendation"), (pb_lines, "page break"),
                         (cb_lines, "column break")):
        finder.check_all_read(path, what)
    _check_unclosed(source)
    _check_page_order(page_breaks, path)
    _check_note_placement([pb for pb in page_breaks if pb.page], called_before, footnote, path)
    return Markup(tuple(emendations), tuple(page_breaks), footnote)


def _check_block(block: tuple[str, ...], at_start: str, path: Path, spot: Spot | None) -> None:
    if not block or any(b not in BLOCK_KINDS for b in block):
        raise markup_error(f"block=\"{' '.join(block)}\" names no kind of block", path, spot,
                           hint=f"block= takes {', '.join(BLOCK_KINDS)}")
    if "none" in block and (len(block) > 1 or at_start == "none"):
        raise markup_error('block="none" stands alone at the start of a paragraph or heading',
                           path, spot, hint="it says that the witness runs on where the edition "
                           "begins this block")
    if block == (at_start,):
        raise markup_error(f"structural emendation block=\"{at_start}\" records no change",
                           path, spot, hint="the witness's block equals the edition's")


def _spot_of_sic(source: WorkSource, sic: str) -> Spot | None:
    """Where a span with this sic= value and no class at all is written."""
    for match in WRITTEN_SPAN.finditer(source.text):
        if "sic=" in match["attrs"] and attribute_value(match["attrs"], "sic") == _plain(sic):
            return Spot.at(source.text, match.start(), match.end())
    return None


def _emendation(node: Node, number: int, spot: Spot | None, path: Path, *, in_corr: bool,
                in_note: int | None, at_start: str) -> Emendation:
    """The emendation a .corr span records, or the MarkupError that says why it is none."""
    a, content = node["c"]
    line = spot.line if spot else None
    sic = attr_get(a, "sic")
    lemma = stringify(content)
    _check_attributes(a, CORR_ATTRIBUTES, path, spot, "an emendation")
    block = tuple((attr_get(a, "block", "") or "").split())
    if attr_has(a, "block"):
        _check_block(block, at_start, path, spot)
        sic = sic or ""
    nested = any(is_emendation(n) for n in iter_nodes(content))
    if in_corr or nested:
        raise markup_error("an emendation inside another emendation", path, spot,
                           hint="record the whole change in one span")
    if sic is None:
        raise markup_error(
            f"emendation [{lemma}] has no witness reading", path, spot,
            hint='add sic="…" with what the witness reads (sic="" for an insertion)')
    kind = attr_get(a, "kind", "structural" if block else "ocr")
    if kind not in KINDS:
        raise markup_error(f"unknown kind '{kind}'", path, spot,
                           hint=f"kinds: {', '.join(KINDS)}")
    certainty = attr_get(a, "cert", "high")
    if certainty not in CERTAINTIES:
        raise markup_error(f"unknown certainty '{certainty}'", path, spot,
                           hint=f"use one of {', '.join(CERTAINTIES)}")
    if sic == lemma and not block and not _changes_form(content):
        raise markup_error(f"emendation [{lemma}] records no change", path, spot,
                           hint="the witness reading equals the lemma")
    return Emendation(number=number, lemma=lemma, sic=sic, kind=kind, certainty=certainty,
                      note=attr_get(a, "note", "") or "", line=line, footnote=in_note,
                      block=block, edition_block=at_start if block else "")


def _page_break(node: Node, column: bool, spot: Spot | None, path: Path,
                within: bool) -> PageBreak:
    """The page (or column) break a .pb (.cb) span records, or why it is none."""
    a, content = node["c"]
    line = spot.line if spot else None
    _check_attributes(a, () if column else PB_ATTRIBUTES, path, spot,
                      "a column break" if column else "a page break")
    if column:
        if content:
            raise markup_error("a column break must be empty: []{.cb}", path, spot)
        return PageBreak(page="", notes=(), line=line, within_word=within)
    n = attr_get(a, "n")
    if not n:
        raise markup_error("page break without its page number", path, spot,
                           hint='write []{.pb n="5"}')
    if content:
        raise markup_error(f"page break {n} must be empty: []{{.pb n=\"{n}\"}}", path, spot)
    notes_attr = attr_get(a, "notes", "") or ""
    try:
        notes = tuple(int(x) for x in notes_attr.replace(",", " ").split())
    except ValueError:
        raise markup_error(f"notes=\"{notes_attr}\" must list note numbers", path,
                           spot) from None
    return PageBreak(page=n, notes=notes, line=line, within_word=within)


def _check_attributes(a: list, known: tuple[str, ...], path: Path, spot: Spot | None,
                      what: str) -> None:
    """An attribute the span's class does not take is a slip (sick= for sic=): named."""
    for key, _ in a[2]:
        if key in known or key == NUMBER_KEY:
            continue
        close = difflib.get_close_matches(key, known, n=1, cutoff=0.5)
        takes = f"{what} takes {', '.join(k + '=' for k in known)}" if known else \
            f"{what} takes no attributes"
        raise markup_error(f"unknown attribute '{key}='", path, spot,
                           hint=f"did you mean {close[0]}=? {takes}" if close else takes)


def _changes_form(nodes: list[Node]) -> bool:
    """An emendation may change only the form: italics, or a note call."""
    return any(n.get("t") in ("Note", "Emph", "Strong", "SmallCaps", "Superscript")
               for n in nodes)


_OPEN = re.compile(r"\{\s*\.(corr|pb|cb)\b")


def _check_unclosed(source: WorkSource) -> None:
    """A {.corr …} whose braces or brackets do not close is refused with its line."""
    text = source.text
    code = [span.span() for span in CODE_SPAN.finditer(text)]
    for match in _OPEN.finditer(text):
        start = match.start()
        escapes = start - len(text[:start].rstrip("\\"))
        line_start = text.rfind("\n", 0, start) + 1
        if escapes % 2 or any(a < start < b for a, b in code):
            continue  # \{.corr, or `{.corr` in code, is text as pandoc reads it
        closed = WRITTEN_SPAN.match(text, start - 1) if start else None
        if not text[:start].endswith("]") or closed is None:
            line_end = text.find("\n", start)
            end = min(line_end if line_end >= 0 else len(text), start + 80)
            opening = text.rfind("[", line_start, start)
            raise markup_error(
                f"unbalanced markup: '{{.{match.group(1)}' is not a whole [text]{{…}} span",
                source.text_path, Spot.at(text, opening if opening >= 0 else start, end),
                hint="every span is [text]{.corr sic=\"…\"}, closed on both sides: check "
                "its brackets, braces and quotes")


def _check_page_order(page_breaks: list[PageBreak], path: Path) -> None:
    last: int | None = None
    for pb in page_breaks:
        if not pb.page.isdigit():
            continue  # column breaks, roman or lettered pages carry no order we can check
        if last is not None and int(pb.page) <= last:
            raise MarkupError(f"page break {pb.page} follows page {last}: out of order",
                              path=path, line=pb.line)
        last = int(pb.page)


def _check_note_placement(page_breaks: list[PageBreak], called_before: list[int], count: int,
                          path: Path) -> None:
    seen: set[int] = set()
    for pb, called in zip(page_breaks, called_before, strict=True):
        for n in pb.notes:
            if not 1 <= n <= count:
                raise MarkupError(f"page break {pb.page} names note {n}, "
                                  f"but the text has {count} notes", path=path, line=pb.line)
            if n > called:
                raise MarkupError(f"page break {pb.page} places note {n} at its foot, "
                                  "but that note is called only later", path=path, line=pb.line)
            if n in seen:
                raise MarkupError(f"note {n} is placed at two page feet", path=path,
                                  line=pb.line)
            seen.add(n)
