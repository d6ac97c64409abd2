"""The critical apparatus: every emendation, linked both ways, as textual notes.

In the text, each emended reading becomes a link to its entry; each entry
links back. The PDF adds the page (CSS target-counter), the EPUB and DOCX keep
the links.
"""

from __future__ import annotations

from dataclasses import dataclass

from editio.markup import Emendation, Markup, witness_characters
from editio.pandoc_ast import (
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
    text,
)

KIND_LABELS = {"ocr": "OCR", "compositor": "compositor", "editorial": "editorial",
               "structural": "structural"}


@dataclass(frozen=True)
class Entry:
    emendation: Emendation
    location: str  # "12", "n. 2", "heading before ¶ 13"


def entries(markup: Markup, locations: dict[int, str]) -> list[Entry]:
    out = []
    for e in markup.emendations:
        where = f"n. {e.footnote}" if e.footnote else locations.get(e.number, "")
        out.append(Entry(e, where))
    return out


def link_emendations(blocks: list[Node]) -> None:
    """Turn each .corr span into an anchored link to its apparatus entry (in place)."""
    number = 0
    page_break = 0

    def visit(nodes: list[Node]) -> None:
        nonlocal number, page_break
        for i, node in enumerate(nodes):
            t = node.get("t")
            if t == "Span" and "corr" in node["c"][0][1]:
                number += 1
                a, content = node["c"]
                kind = attr_get(a, "kind", "ocr") or "ocr"
                inner = [Link(attr("", ["corr-link"]), content, f"#app-{number}")] if content \
                    else []
                nodes[i] = Span(attr(f"corr-{number}", ["corr", kind]), inner)
                visit(content)
                continue
            if t == "Span" and "pb" in node["c"][0][1]:
                page_break += 1
                page = attr_get(node["c"][0], "n", "")
                nodes[i] = Span(attr(f"pb-{page}", ["pb"], {"title": f"page {page}"}),
                                [Str("|"), Span(attr("", ["pb-n"]), [Str(page)])])
                continue
            if t == "Span" and "cb" in node["c"][0][1]:
                nodes[i] = Span(attr("", ["cb"]), [])
                continue
            for child in children(node):
                visit(child)

    visit(blocks)


def apparatus_blocks(items: list[Entry], heading: str = "Textual Notes") -> list[Node]:
    intro = text(
        "Each entry gives the location (paragraph number, or n. for the author's notes), "
        "the reading of this edition, a bracket, and the reading of the witness (W). "
        "om. means that the reading is absent.")
    body: list[Node] = [Header(1, attr("textual-notes", ["unnumbered"]), text(heading)),
                        Para(intro)]
    for item in items:
        e = item.emendation
        lemma = e.lemma or "om."
        sic = witness_characters(e.sic) if e.sic else "om."
        loc = f"¶ {item.location}" if item.location[:1].isdigit() else item.location
        inlines: list[Node] = [
            Link(attr("", ["app-loc"]), [Str(loc)], f"#corr-{e.number}"), Space(),
            Span(attr("", ["lemma"]), [Str(lemma)]), Str("]"), Space(),
            Span(attr("", ["sic"]), [Str(sic)]), Space(), Emph([Str("W")]),
        ]
        label = KIND_LABELS[e.kind] + ("" if e.certainty == "high" else f", {e.certainty}")
        inlines += [Space(), Span(attr("", ["app-kind"]), [Str(f"[{label}]")])]
        if e.note:
            inlines += [Space(), Str("—"), Space(), *text(e.note)]
        body.append(Div(attr(f"app-{e.number}", ["app-entry", e.kind]), [Para(inlines)]))
    return [Div(attr("apparatus", ["apparatus"]), body)]
