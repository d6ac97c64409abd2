"""What the TEI and JATS writers both take from an Edition, text in lxml trees, and the walk
of pandoc's blocks they share."""

from __future__ import annotations

from dataclasses import dataclass

from lxml import etree

from editio.base.pandoc_ast import Node, content, stringify
from editio.base.spans import paragraph_number
from editio.edition.work import Edition


def append_text(parent: etree._Element, s: str) -> None:
    """Text at the end of `parent`: after its last child, if it has one."""
    if len(parent):
        parent[-1].tail = (parent[-1].tail or "") + s
    else:
        parent.text = (parent.text or "") + s


def regions(edition: Edition) -> tuple[list[Node], list[Node]]:
    """The note on the text and the text itself, cut from the edition's blocks by their ids."""
    blocks = edition.doc["blocks"]

    def index(identifier: str) -> int:
        for i, b in enumerate(blocks):
            a = b["c"][1] if b.get("t") == "Header" else b["c"][0] if b.get("t") == "Div" \
                else None
            if a is not None and a[0] == identifier:
                return i
        # edition.py always makes these parts: without one, editio itself is at fault
        raise RuntimeError(f"{edition.work_id}: the edition has no part '{identifier}'")

    note, text, apparatus = index("note-on-the-text"), index("text"), index("apparatus")
    return blocks[note + 1:text], blocks[text + 1:apparatus]


def bibliography_title(edition: Edition) -> str:
    """The bibliography's heading as the edition prints it (References, Works Cited, …)."""
    for block in edition.doc["blocks"]:
        if block.get("t") == "Header" and "bibliography" in block["c"][1][1]:
            return " ".join(stringify(block["c"][2]).split())
    return "Bibliography"


@dataclass(frozen=True)
class BlockNames:
    """What a vocabulary calls pandoc's blocks: TEI and JATS differ in names, not in shape."""

    quote: str  # a block quotation
    lists: tuple[dict[str, str], dict[str, str]]  # the list's attributes: bulleted, ordered
    item: str
    line_group: str  # a line block and its lines
    line: str
    code: tuple[str, dict[str, str]]  # a code block: its element and attributes
    heading: str  # a heading left among the blocks (not one that opens a section)


class BlockWriter:
    """Writes pandoc's blocks as XML: the walk is this one, the names the writer's `NAMES`;
    a writer makes its elements (`element`), inlines, numbered paragraphs and tables."""

    NAMES: BlockNames

    def element(self, parent: etree._Element, tag: str, text: str | None = None,
                **attrs: str | None) -> etree._Element:
        raise NotImplementedError

    def inlines(self, parent: etree._Element, nodes: list[Node]) -> None:
        raise NotImplementedError

    def paragraph(self, parent: etree._Element, number: str) -> etree._Element:
        """The element of the text's paragraph `number`."""
        raise NotImplementedError

    def table(self, parent: etree._Element, c: list) -> None:
        raise NotImplementedError

    def blocks(self, parent: etree._Element, nodes: list[Node]) -> None:
        for node in nodes:
            self.block(parent, node)

    def block(self, parent: etree._Element, node: Node) -> None:
        t, c, names, el = node.get("t"), content(node), self.NAMES, self.element
        if t in ("Para", "Plain"):
            self.inlines(el(parent, "p"), c)
        elif (number := paragraph_number(node)) is not None:
            self.inlines(self.paragraph(parent, number),
                         c[1][0]["c"][2:])  # after the number and its space
        elif t == "Div":
            self.blocks(parent, c[1])
        elif t == "BlockQuote":
            self.blocks(el(parent, names.quote), c)
        elif t in ("BulletList", "OrderedList"):
            ordered = t == "OrderedList"
            listed = el(parent, "list", **names.lists[ordered])
            for item in c[1] if ordered else c:
                self.blocks(el(listed, names.item), item)
        elif t == "Table":
            self.table(parent, c)
        elif t == "LineBlock":
            group = el(parent, names.line_group)
            for line in c:
                self.inlines(el(group, names.line), line)
        elif t == "CodeBlock":
            el(parent, names.code[0], c[1], **names.code[1])
        elif t == "Header":
            self.inlines(el(parent, names.heading), c[2])
