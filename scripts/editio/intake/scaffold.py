"""`editio new`: a new work from an OCR witness, ready for the editor.

It copies the witness byte for byte, records its checksum, and writes text.md
with front matter and the witness's text, which collates clean from the start:
every correction the editor then makes is one emendation span.
"""

from __future__ import annotations

import re
import shutil
import statistics
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from editio.base.errors import ProjectError, SourceError
from editio.base.project import Project, check_work_id, witness_kind
from editio.base.textfile import read_text
from editio.edition import bibliography
from editio.intake.markup import CODE_SPAN, WRITTEN_SPAN
from editio.intake.source import sha256

# Characters pandoc's Markdown reads as markup anywhere in a line (emphasis, code, links and
# spans, autolinks, math, super- and subscript, citations, line blocks and tables, entities):
# each is written backslash-escaped, which pandoc reads as the character itself.
_MARKDOWN = re.compile(r"([\\`*_{}\[\]<>#+|~^$@&])")
# What begins a block only at a line's start: a list's number or letter (1. 1) (1) a. iv.),
# a bullet, a heading rule, a definition, a fenced div, a title block.
_LIST_MARKER = re.compile(r"^(\(?)(\d+|[a-zA-Z]|[ivxlcdmIVXLCDM]+)([.)])(?=\s|$)")
_LINE_START = re.compile(r"^([-=:%])")
# A quote mark after a space or a line's end and before no word: pandoc's smart quotes may take
# it to close a quotation ('"word "') and drop the space before it: written escaped, as itself
_LONE_QUOTE = re.compile(r"(?:(?<=\s)|^)([\"'])(?!\w)")
# editio's span classes in a written attribute block, and an opening brace of one that no
# span holds (escaped braces aside)
_EDITIO_CLASS = re.compile(r"(^|\s)\.(corr|pb|cb)\b")
_LINK_ATTRS = re.compile(r"(\]\([^()\s]*\))\{([^{}]*)\}")
_BARE_OPEN = re.compile(r"(?<![\]\\])\{(?=\s*\.(?:corr|pb|cb)\b)")
# A plain witness without blank lines whose lines are this long (the median) writes one
# paragraph per line, as BLN600's OCR does; shorter lines are the lines of the print.
PARAGRAPH_LINE = 100
# what a new work's rights say until the editor states them (editio check: still a draft)
DEFAULT_RIGHTS = "Not yet stated."


@dataclass(frozen=True)
class NewWork:
    text_path: Path
    draft: bool  # no source recorded yet
    paragraphs: int


def new_work(project: Project, work_id: str, witness: Path, title: str = "Untitled",
             author: str = "Anonymous", date: str = "undated",
             source: str | None = None) -> NewWork:
    check_work_id(work_id)
    folder = project.source_dir / work_id
    if folder.exists():
        raise ProjectError(f"source/{work_id} exists already", hint="choose another id")
    if not witness.is_file():
        raise SourceError("witness file not found", path=witness)
    if source:
        bib = bibliography.load(project.bib_dir)
        bibliography.check_citations([], bib, witness, "", extra={source: ""})
    markdown = witness_kind(witness) == "markdown"
    body = read_text(witness)  # a BOM or CRLF is read through; the copy keeps them
    name = "witness.md" if markdown else "witness.txt"
    if markdown:
        body = _markdown_body(body)
    else:
        # plain OCR: escape what Markdown would read as markup, so the first draft
        # says exactly what the witness says
        lines = [_plain_line(line) for line in body.split("\n")]
        body = "\n".join(lines)
        if _one_paragraph_per_line(lines):
            body = "\n\n".join(line for line in lines if line)
        body = "\n\n".join(_quotes_kept_apart(p) for p in body.split("\n\n"))
    folder.mkdir(parents=True)
    target = folder / name
    shutil.copyfile(witness, target)  # byte for byte: the witness is never edited
    source_line = (f"source: {source}\n" if source else
                   "# source: KEY   # the copy-text's key in bib/references.bib; until then "
                   "a draft\n")
    text = (
        "---\n"
        f"title: {_yaml(title)}\n"
        f"author: {_yaml(author)}\n"
        f"date: {_yaml(date)}\n"
        "lang: en-GB\n"
        "# editor: Your Name   # printed as \"Edited by …\"\n"
        f"rights: \"{DEFAULT_RIGHTS}\"\n"
        f"{source_line}"
        "version: 0.1.0\n"
        "profile: default\n"
        "witness:\n"
        f"  path: {name}\n"
        f"  sha256: {sha256(target)}\n"
        "---\n\n" + body.strip("\n") + "\n"
    )
    path = folder / "text.md"
    path.write_text(text, encoding="utf-8")
    paragraphs = sum(1 for block in body.split("\n\n") if block.strip())
    return NewWork(text_path=path, draft=not source, paragraphs=paragraphs)


def _one_paragraph_per_line(lines: list[str]) -> bool:
    text_lines = [line for line in lines if line]
    if not text_lines or len(text_lines) < len(lines) - 1:
        return False  # blank lines: they already part the paragraphs
    return statistics.median(len(line) for line in text_lines) >= PARAGRAPH_LINE


def _plain_line(line: str) -> str:
    """One line of a plain witness as Markdown that pandoc reads back as the same text."""
    line = _MARKDOWN.sub(r"\\\1", line.strip())  # leading blanks would make code blocks
    line = _LIST_MARKER.sub(lambda m: ("\\(" if m[1] else "") + m[2] + "\\" + m[3], line)
    line = _LONE_QUOTE.sub(r"\\\1", line)
    return _LINE_START.sub(r"\\\1", line)


def _quotes_kept_apart(paragraph: str) -> str:
    """A paragraph whose double quote after a space, while an earlier one is open, is escaped:
    pandoc would take it to close the quotation ('"a "b' reads as "a"b), dropping the space."""
    pieces = re.split(r'((?<!\\)")', paragraph)
    opened = False
    for k in range(1, len(pieces), 2):
        before = pieces[k - 1]
        if opened and (not before or before[-1].isspace()):
            pieces[k] = '\\"'
        else:
            opened = not opened
    return "".join(pieces)


def _markdown_body(text: str) -> str:
    """A Markdown witness's text as text.md's body: pandoc reads both alike, so it stands as
    it is, except where it holds what editio would read as its own markup (a span with class
    .corr, .pb or .cb, or sic=, which OCR does not write but a witness may hold): there the
    span keeps its words and loses its meaning to editio, and a bare '{.corr' is escaped."""
    def unmarked(match: re.Match) -> str:
        attrs = match["attrs"]
        if not (_EDITIO_CLASS.search(attrs) or re.search(r"(^|\s)sic=", attrs)):
            return match[0]
        before = match.string[:match.start()]
        line = before[before.rfind("\n") + 1:]
        if match["content"] is None and "[" not in before[before.rfind("\n\n") + 1:] \
                and line.count("`") % 2 == 0:
            # no "[" in its paragraph: pandoc reads "]{.corr}" as text, and so it must stay
            # (its brace escaped, editio does not take it for a span that lost its bracket)
            return "]\\{" + match[0][2:]
        return match[0][: match.start("attrs") - match.start()] + _unmarked_attrs(attrs) + "}"

    text = WRITTEN_SPAN.sub(unmarked, text)
    # a link's or an image's own attributes ('![x](y){.corr}') are pandoc's, never a span
    text = _LINK_ATTRS.sub(lambda m: f"{m[1]}{{{_unmarked_attrs(m[2])}}}", text)
    # what remains is text: '{.corr' outside code, escaped, reads as itself
    return _outside_code(text, lambda part: _BARE_OPEN.sub(r"\\{", part))


def _unmarked_attrs(attrs: str) -> str:
    """A witness's attributes with editio's classes and sic= renamed: kept, but not editio's."""
    attrs = _EDITIO_CLASS.sub(lambda m: f"{m[1]}.witness-{m[2]}", attrs)
    return re.sub(r"(^|\s)sic=", r"\1data-witness-sic=", attrs)


def _outside_code(text: str, change: Callable[[str], str]) -> str:
    """`change` applied to the parts of a text outside backtick code spans; a code span's own
    attributes ('`x`{.corr}') are pandoc's, never a span: editio's classes in them renamed."""
    out, last = [], 0
    for match in CODE_SPAN.finditer(text):
        out.append(change(text[last:match.start()]))
        code = match[0]
        if match["attrs"]:
            code = code[: match.start("attrs") - match.start()] \
                + "{" + _unmarked_attrs(match["attrs"][1:-1]) + "}"
        out.append(code)
        last = match.end()
    out.append(change(text[last:]))
    return "".join(out)


def _yaml(value: str) -> str:
    return '"' + value.replace("\\", "\\\\").replace('"', '\\"') + '"'
