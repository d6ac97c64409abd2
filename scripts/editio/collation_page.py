"""The collation page: every emendation in its context, the witness against the edition.

One self-contained HTML file (dist/<work>-collation.html) for readers who want to
see what the editors changed. Both contexts come from the source AST, so they
agree with the apparatus by construction:

- the witness side is the reading text turned back into the witness by the
  collation's own flattener (collate.py), which the build proves equal to
  witness.md token for token; its line in witness.md comes from that equality;
- the reading side is the same AST with each emendation's reading in place.

Presentation (markup, CSS, JavaScript) lives in styles/collation/.
"""

from __future__ import annotations

import copy
import re
from dataclasses import dataclass, replace
from pathlib import Path

import jinja2
import markupsafe

from editio import pandoc
from editio.apparatus import KIND_LABELS, readings
from editio.cache import load_or_prepare
from editio.collate import (
    BLOCKS,
    MARK,
    Flattener,
    block_start_lines,
    footnote_lines,
    markdown_witness,
    witness_tokens,
)
from editio.edition import Edition
from editio.errors import ProjectError
from editio.markup import BLOCK_NAMES, KINDS, read_markup, witness_characters
from editio.outputs import atomic_output
from editio.pandoc_ast import Node, attr_get, children, iter_nodes
from editio.project import Project
from editio.source import WorkSource, load_work

CONTEXT_WORDS = 7
TEMPLATE_DIR = "collation"
TEMPLATE = "page.html.j2"
_NUMBER_KEY = "editio-emendation"  # tags each .corr span of a private copy of the AST
_SPACE = re.compile(r"\s+")
_SUPERSCRIPT = str.maketrans("0123456789", "\u2070\u00b9\u00b2\u00b3\u2074\u2075\u2076"
                             "\u2077\u2078\u2079")


@dataclass(frozen=True)
class Context:
    before: str
    reading: str  # what this side reads where the emendation stands; "" when absent
    after: str
    cut_before: bool  # context continues beyond what is shown
    cut_after: bool


@dataclass(frozen=True)
class Row:
    number: int
    location: str  # as in the apparatus: "¶ 12", "n. 2", "heading before ¶ 13"
    kind: str
    kind_label: str
    certainty: str
    note: str  # HTML: the note as the apparatus sets it
    lemma: str
    sic: str  # unescaped, as the apparatus prints it
    witness: Context
    edition: Context
    text_line: int | None
    witness_line: int | None


# --- the two streams --------------------------------------------------------------------

def _tag_emendations(doc: dict) -> int:
    """Write each .corr span's apparatus number into its attributes; return the count.

    Document order with notes visited at their call is the order read_markup numbers
    in. The collation's flattener counts in its own order (notes where the witness
    prints them), so its numbers are not used.
    """
    number = 0
    for node in iter_nodes(doc["blocks"]):
        if node.get("t") == "Span" and "corr" in node["c"][0][1]:
            number += 1
            node["c"][0][2].append([_NUMBER_KEY, str(number)])
    return number


def _span_number(node: Node) -> int | None:
    if node.get("t") == "Span" and "corr" in node["c"][0][1]:
        value = attr_get(node["c"][0], _NUMBER_KEY)
        return int(value) if value else None
    return None


class _WitnessRebuilder(Flattener):
    """The collation's flattener, each witness reading tagged with its apparatus number."""

    def __init__(self, markup, note_lines: list[int]):
        super().__init__(markup, note_lines)
        self.current: int | None = None

    def node(self, node: Node, line: int) -> None:
        number = _span_number(node)
        if number is None:
            super().node(node, line)
            return
        outer, self.current = self.current, number
        try:
            super().node(node, line)
        finally:
            self.current = outer

    def emit(self, s: str, line: int, emendation: int | None = None) -> None:
        super().emit(s, line, self.current if emendation is not None else None)


Piece = tuple[str, int | None]  # text, and the emendation it belongs to


def _witness_pieces(doc: dict, markup, source: WorkSource) -> list[Piece]:
    """The witness, rebuilt from the reading text exactly as the collation rebuilds it."""
    flat = _WitnessRebuilder(markup, footnote_lines(source.text))
    flat.number_emendations(doc["blocks"])
    flat.blocks(doc["blocks"], block_start_lines(source.text, source.body_line),
                source.body_line)
    return [(s, n) for s, _, n in flat.pieces]


def _reading_streams(doc_blocks: list[Node]) -> list[list[Piece]]:
    """The reading text, one stream per paragraph, heading or note; notes stand apart."""
    streams: list[list[Piece]] = []
    note_count = 0

    def inlines(nodes: list[Node], out: list[Piece], number: int | None) -> None:
        nonlocal note_count
        for node in nodes:
            t, c = node.get("t"), node.get("c")
            mine = _span_number(node)
            if t == "Str":
                out.append((c, number))
            elif t in ("Space", "SoftBreak", "LineBreak"):
                out.append((" ", number))
            elif t in ("Code", "Math"):
                out.append((c[1], number))
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
            elif t == "Span" and {"pb", "cb"} & set(c[0][1]):
                continue  # page and column breaks are not words
            elif t == "RawInline":
                continue
            else:
                for child in children(node):
                    inlines(child, out, number)

    def blocks(nodes: list[Node]) -> None:
        if nodes and not _is_block(nodes[0]):
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


def _is_block(node: Node) -> bool:
    return node.get("t") in BLOCKS


# --- context ------------------------------------------------------------------------------

def _tail(s: str, words: int) -> tuple[str, bool]:
    s = _SPACE.sub(" ", s[-2000:]).lstrip()
    match = re.search(rf"(?<!\S)(?:\S+ ){{0,{words}}}\S*$", s)
    shown = match.group() if match else ""
    return shown, len(shown) < len(s)


def _head(s: str, words: int) -> tuple[str, bool]:
    s = _SPACE.sub(" ", s[:2000]).rstrip()
    match = re.match(rf"\S*(?: \S+){{0,{words}}}", s)
    shown = match.group() if match else ""
    return shown, len(shown) < len(s)


def _unmarked(s: str) -> str:
    """The collation's block boundaries as a reader sees them: ¶, [heading], …"""
    return re.sub(f"{MARK}(\\w+)", lambda m: BLOCK_NAMES.get(m.group(1), "¶"), s)


def _context(pieces: list[Piece], number: int, bound: str | None = None) -> Context | None:
    """The words around emendation `number`; `bound` cuts the context at block breaks."""
    places = [i for i, (_, n) in enumerate(pieces) if n == number]
    if not places:
        return None
    first, last = places[0], places[-1]
    before = _unmarked("".join(s for s, _ in pieces[:first]))
    after = _unmarked("".join(s for s, _ in pieces[last + 1:]))
    if bound is not None:
        before = before.rsplit(bound, 1)[-1]
        after = after.split(bound, 1)[0]
    reading = _SPACE.sub(" ", "".join(s for s, _ in pieces[first:last + 1]))
    shown_before, cut_before = _tail(before, CONTEXT_WORDS)
    shown_after, cut_after = _head(after, CONTEXT_WORDS)
    return Context(shown_before, reading, shown_after, cut_before, cut_after)


def _witness_lines(pieces: list[Piece], source: WorkSource,
                   witness_doc: dict | None) -> dict[int, int]:
    """Each emendation's line in witness.md, through the token-for-token equality."""
    text = "".join(s for s, _ in pieces)
    starts: dict[int, int] = {}
    offset = 0
    for s, n in pieces:
        if n is not None and n not in starts:
            starts[n] = offset
        offset += len(s)
    witness = witness_tokens(source, witness_doc)
    ends = [m.end() for m in re.finditer(r"\S+", text)]
    if len(ends) != len(witness):
        return {}  # not collated (cannot happen after a build): better no line than a wrong one
    lines: dict[int, int] = {}
    index = 0
    for n, start in sorted(starts.items(), key=lambda item: item[1]):
        while index < len(ends) and ends[index] <= start:
            index += 1
        if witness:
            lines[n] = witness[min(index, len(witness) - 1)].line
    return lines


def collation_rows(project: Project,
                   work_id: str) -> tuple[Edition, WorkSource, list[Row]]:
    edition = load_or_prepare(project, work_id)  # collated: the build stops on a difference
    source = load_work(project, work_id)
    doc, witness_doc = pandoc.parse_markdown_all([source.text, markdown_witness(source)])
    markup = read_markup(doc, source)
    tagged = copy.deepcopy(doc)
    if _tag_emendations(tagged) != len(edition.entries):
        raise ProjectError(f"{work_id}: the text has changed since the edition was prepared",
                           hint="build again")
    witness_pieces = _witness_pieces(tagged, markup, source)
    streams = _reading_streams(tagged["blocks"])
    witness_lines = _witness_lines(witness_pieces, source, witness_doc)

    rows: list[Row] = []
    empty = Context("", "", "", False, False)
    notes = _notes_html(edition)
    for entry in edition.entries:
        e = entry.emendation
        witness = _context(witness_pieces, e.number, bound="\n\n") or empty
        reading = next((c for c in (_context(s, e.number) for s in streams) if c), empty)
        if e.block:  # a change of paragraphing reads as the apparatus gives it
            lemma, sic = readings(e)
            witness, reading = replace(witness, reading=sic), replace(reading, reading=lemma)
        location = f"¶ {entry.location}" if entry.location[:1].isdigit() else entry.location
        rows.append(Row(
            number=e.number, location=location, kind=e.kind, kind_label=KIND_LABELS[e.kind],
            certainty=e.certainty, note=notes.get(e.number, ""), lemma=e.lemma,
            sic=witness_characters(e.sic), witness=witness, edition=reading,
            text_line=e.line, witness_line=witness_lines.get(e.number)))
    return edition, source, rows


def _notes_html(edition: Edition) -> dict[int, markupsafe.Markup]:
    """Each entry's note as the apparatus sets it (italics, quotes), by one pandoc run.

    The notes hold only type (apparatus.parse_notes keeps nothing else), and pandoc
    escapes their text, so the HTML is safe to insert."""
    numbered = [(item.emendation.number, item.note) for item in edition.entries if item.note]
    if not numbered:
        return {}
    doc = {"pandoc-api-version": edition.doc["pandoc-api-version"], "meta": {},
           "blocks": [{"t": "Para", "c": note} for _, note in numbered]}
    html = pandoc.write(doc, "html", None, ["--wrap=none"])
    paras = re.findall(r"<p>(.*?)</p>", html, re.S)
    if len(paras) != len(numbered):
        raise ProjectError("pandoc did not give one paragraph per apparatus note")
    return {n: markupsafe.Markup(p) for (n, _), p in zip(numbered, paras, strict=True)}


# --- the page -----------------------------------------------------------------------------

def render_collation_page(project: Project, work_id: str) -> str:
    edition, source, rows = collation_rows(project, work_id)
    folder = project.styles_dir / TEMPLATE_DIR
    env = jinja2.Environment(loader=jinja2.FileSystemLoader(folder), autoescape=True,
                             undefined=jinja2.StrictUndefined, keep_trailing_newline=True)

    def asset(name: str) -> markupsafe.Markup:
        # CSS and JS are inlined verbatim: read as data, so braces in them are not Jinja's
        path = (folder / name).resolve()
        if not path.is_relative_to(folder.resolve()) or not path.is_file():
            raise ProjectError(f"styles/{TEMPLATE_DIR}/{name} not found")
        return markupsafe.Markup(path.read_text(encoding="utf-8"))

    try:
        template = env.get_template(TEMPLATE)
    except jinja2.TemplateNotFound:
        raise ProjectError(f"template styles/{TEMPLATE_DIR}/{TEMPLATE} not found") from None
    counts = {kind: sum(1 for r in rows if r.kind == kind) for kind in KINDS}
    return template.render(
        title=edition.title, author=str(edition.meta["author"]),
        date=str(edition.meta.get("date", "")), lang=str(edition.meta["lang"]),
        version=str(edition.meta.get("version", "")), build_date=edition.build_date,
        work_id=work_id, witness_name=source.witness_path.name,
        witness_sha256=str(source.meta["witness"]["sha256"]),
        rows=rows, kinds=[(k, KIND_LABELS[k], counts[k]) for k in KINDS],
        total=len(rows), asset=asset,
    )


def collation_path(project: Project, work_id: str) -> Path:
    return project.dist_dir / f"{work_id}-collation.html"


def write_collation_page(project: Project, work_id: str, target: Path) -> Path:
    html = render_collation_page(project, work_id)
    with atomic_output(target) as tmp:
        tmp.write_text(html, encoding="utf-8")
    return target
