"""The critical apparatus: every emendation, linked both ways, as textual notes.

In the text, each emended reading becomes a link to its entry; each entry
links back. The PDF adds the page (CSS target-counter), the EPUB and DOCX keep
the links.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field

from editio.base import pandoc
from editio.base.pandoc_ast import (
    Div,
    Emph,
    Header,
    Link,
    Node,
    Para,
    Space,
    Span,
    Str,
    attr,
    attr_get,
    children,
    iter_nodes,
    stringify,
    text,
    walk,
)
from editio.base.spans import (
    BLOCK_NAMES,
    NUMBER_KEY,
    PAGE_KEY,
    emendation_number,
    is_column_break,
    is_page_break,
    witness_characters,
)
from editio.intake.markup import Emendation, Markup

KIND_LABELS = {"ocr": "OCR", "compositor": "compositor", "editorial": "editorial",
               "structural": "structural"}


@dataclass(frozen=True)
class Entry:
    emendation: Emendation
    location: str  # "12", "n. 2", "heading before ¶ 13"
    note: list[Node] = field(default_factory=list)  # the note= text, read as Markdown


_NOTE_START = "\u2060 "  # a word joiner: a note is never read as a list, heading or quote


def parse_notes(emendations: tuple[Emendation, ...]) -> dict[str, list[Node]]:
    """Every distinct note= text as inline Markdown, in one pandoc run for the work."""
    notes = list(dict.fromkeys(" ".join(e.note.split()) for e in emendations if e.note))
    if not notes:
        return {}
    doc = pandoc.parse_markdown("\n\n".join(_NOTE_START + n for n in notes))
    paras = [b["c"] for b in doc["blocks"] if b.get("t") in ("Para", "Plain")]
    if len(paras) != len(notes):  # a note that Markdown reads as more than one paragraph
        return {n: text(n) for n in notes}
    out: dict[str, list[Node]] = {}
    for note, inlines in zip(notes, paras, strict=True):
        first = inlines[0] if inlines else None
        if first and first.get("t") == "Str" and first["c"].startswith("\u2060"):
            rest = first["c"][1:]
            inlines = ([Str(rest)] if rest else []) + inlines[1:]
        while inlines and inlines[0].get("t") in ("Space", "SoftBreak"):
            inlines = inlines[1:]
        out[note] = _formatting_only(inlines)
    return out


_FORMATTING = {"Emph", "Strong", "Underline", "Strikeout", "Superscript", "Subscript",
               "SmallCaps"}


def _formatting_only(inlines: list[Node]) -> list[Node]:
    """A note may set type (italics, quotes, code), never link, cite, embed or call a note:
    anything else keeps only its words."""
    out: list[Node] = []
    for node in inlines:
        t = node.get("t")
        if t in ("Str", "Space", "Code"):
            out.append(node)
        elif t in ("SoftBreak", "LineBreak"):
            out.append(Space())
        elif t in _FORMATTING:
            out.append({"t": t, "c": _formatting_only(node["c"])})
        elif t == "Quoted":
            out.append({"t": t, "c": [node["c"][0], _formatting_only(node["c"][1])]})
        elif t == "Note":
            continue
        else:
            words = stringify([node])
            if words:
                out.append(Str(words))
    return out


def entries(markup: Markup, locations: dict[int, str],
            notes: dict[str, list[Node]] | None = None) -> list[Entry]:
    """The apparatus entries; `notes` as parse_notes gives them (read here if not given)."""
    notes = parse_notes(markup.emendations) if notes is None else notes
    out = []
    for e in markup.emendations:
        where = f"n. {e.footnote}" if e.footnote else locations.get(e.number, "")
        note = notes.get(" ".join(e.note.split()), []) if e.note else []
        out.append(Entry(e, where, note))
    return out


def readings(e: Emendation) -> tuple[str, str]:
    """The edition's and the witness's readings as the apparatus prints them ("" for om.).

    A structural emendation reads as the blocks on either side: "¶] run on W" for a
    paragraph the witness does not break, "¶] block quotation W" and so on.
    """
    sic = witness_characters(e.sic) if e.sic else ""
    if not e.block:
        return e.lemma, spacing(e.lemma, sic) or sic
    edition = BLOCK_NAMES[e.edition_block] if e.edition_block != "none" else ""
    lemma = " ".join(x for x in (edition or BLOCK_NAMES["none"], e.lemma) if x)
    witness = [BLOCK_NAMES[e.block[0]], sic, *(BLOCK_NAMES[b] for b in e.block[1:])]
    return lemma, " ".join(x for x in witness if x)


def spacing(lemma: str, sic: str) -> str | None:
    """A witness reading that differs from the lemma in its spaces alone, in words: printed
    as it stands, "This] This W" would show no difference ("This] This, with a space before
    W"). None for any other reading."""
    if sic == lemma or sic.split() != lemma.split():
        return None
    if not sic.strip():
        return "a space" if len(sic) == 1 else "spaces"
    said = []
    for where, strip in (("before", str.lstrip), ("after", str.rstrip)):
        witness, edition = sic != strip(sic), lemma != strip(lemma)
        if witness != edition:
            said.append(f"{'a' if witness else 'no'} space {where}")
    if sic.strip() != lemma.strip():
        said.append("other spaces within")
    return f"{sic.strip()}, with {' and '.join(said)}"


def describe(entry: Entry) -> str:
    """The entry as a reader names it, for a link's description: "¶ 9 burevestnik"."""
    loc = entry.location
    return f"{'¶ ' if loc[:1].isdigit() else ''}{loc} {readings(entry.emendation)[0] or 'om.'}"


def link_emendations(blocks: list[Node], items: list[Entry] | None = None) -> None:
    """Turn each .corr span into an anchored link to its apparatus entry (in place); the
    link's title says where it goes ("Textual note: ¶ 9 burevestnik")."""
    titles = {item.emendation.number: f"Textual note: {describe(item)}"
              for item in items or ()}

    def visit(nodes: list[Node]) -> None:
        for i, node in enumerate(nodes):
            number = emendation_number(node)
            if number is not None:
                a, content = node["c"]
                kind = attr_get(a, "kind", "ocr") or "ocr"
                inner = [Link(attr("", ["corr-link"]), content, f"#app-{number}",
                              titles.get(number, ""))] if content else []
                # a structural emendation keeps the witness's blocks for the XML writers
                block = attr_get(a, "block")
                # the number stays on the span as data, for the writers (TEI's choice)
                nodes[i] = Span(attr(f"corr-{number}", ["corr", kind],
                                     {**({"block": block} if block else {}),
                                      NUMBER_KEY: str(number)}), inner)
                visit(content)
                continue
            if is_page_break(node):
                page = attr_get(node["c"][0], "n", "") or ""
                # the page as data (data-page in HTML), besides the "|5" a reader sees
                nodes[i] = Span(attr(f"pb-{page}", ["pb"], {"title": f"page {page}",
                                                             PAGE_KEY: page}),
                                [Str("|"), Span(attr("", ["pb-n"]), [Str(page)])])
                continue
            if is_column_break(node):
                nodes[i] = Span(attr("", ["cb"]), [])
                continue
            for child in children(node):
                visit(child)

    visit(blocks)


def apparatus_blocks(items: list[Entry], heading: str = "Textual Notes") -> list[Node]:
    intro = text(
        "Each entry gives the location (paragraph number, or n. for the author's notes), "
        "the reading of this edition, a bracket, and the reading of the witness (W). "
        "om. means that the reading is absent; ¶ stands for a paragraph break, and run on "
        "for none. In print, p. gives the page of this edition on which the reading stands; "
        "the original's pages, where known, are marked in the text, in the margin in print "
        "(as [5]).")
    body: list[Node] = [Header(1, attr("textual-notes", ["unnumbered"]), text(heading)),
                        Para(intro)]
    for item in items:
        e = item.emendation
        lemma, sic = readings(e)
        lemma, sic = lemma or "om.", sic or "om."
        loc = f"¶ {item.location}" if item.location[:1].isdigit() else item.location
        inlines: list[Node] = [
            Link(attr("", ["app-loc"]), [Str(loc)], f"#corr-{e.number}",
                 f"Back to the text: {describe(item)}"), Space(),
            Span(attr("", ["lemma"]), [Str(lemma)]), Str("]"), Space(),
            Span(attr("", ["sic"]), [Str(sic)]), Space(), Emph([Str("W")]),
        ]
        label = KIND_LABELS[e.kind] + ("" if e.certainty == "high" else f", {e.certainty}")
        inlines += [Space(), Span(attr("", ["app-kind"]), [Str(f"[{label}]")])]
        if item.note:
            inlines += [Space(), Str("—"), Space(), *json.loads(json.dumps(item.note))]
        body.append(Div(attr(f"app-{e.number}", ["app-entry", e.kind]), [Para(inlines)]))
    return [Div(attr("apparatus", ["apparatus"]), body)]


EMPTY_READING_MARK = "\u00b0"  # °: the apparatus sign for a place with a textual note


def link_empty_readings(blocks: list[Node]) -> list[Node]:
    """A reading with no words (a paragraph break the witness lacks, a deletion) gets a mark
    that links to its textual note, as every other reading links (in the PDF, EPUB and DOCX
    alike: a reader may follow links rather than page numbers). The blocks are changed in
    place."""
    titles = {}
    for node in iter_nodes(blocks):
        if node.get("t") == "Link" and "app-loc" in node["c"][0][1]:
            titles[node["c"][2][0].lstrip("#")] = node["c"][2][1].replace(
                "Back to the text:", "Textual note:")

    def fix(node: Node) -> None:
        number = emendation_number(node)
        if number is not None and not node["c"][1]:
            # the number is the span's data; a volume's writer has put its work's prefix
            # before both ids, so the note's id is the span's with its own tail exchanged
            ident = node["c"][0][0]
            prefix = ident.removesuffix(f"corr-{number}")
            title = titles.get(ident, "Textual note")
            node["c"][1] = [Link(attr("", ["corr-link", "corr-mark"]),
                                 [Str(EMPTY_READING_MARK)], f"#{prefix}app-{number}", title)]
        return None

    return walk(blocks, fix)
