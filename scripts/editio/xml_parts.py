"""What the TEI and JATS writers both take from an Edition, and text in lxml trees."""

from __future__ import annotations

from lxml import etree

from editio.edition import Edition
from editio.pandoc_ast import Node, iter_nodes, stringify


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


def cited_keys(edition: Edition) -> list[str]:
    """The bibliography's keys in its order: what the work cites, and its source."""
    keys = [n["c"][0][0][4:] for n in iter_nodes(edition.doc["blocks"])
            if n.get("t") == "Div" and n["c"][0][0].startswith("ref-")]
    source = str(edition.front_matter.get("source") or "")  # none yet: a draft
    return keys if not source or source in keys else [source, *keys]
