"""DOCX: pandoc's writer with the profile's reference.docx and named Word styles.

Which Word style each part of the edition gets is presentation, so it is read
from styles/ (the profile's docx-styles mapping), never decided here.
"""

from __future__ import annotations

from pathlib import Path

import yaml

from editio.base import pandoc
from editio.base.errors import ProjectError
from editio.base.outputs import atomic_output
from editio.base.pandoc_ast import Node, Str, copy_doc, iter_nodes, stringify, walk
from editio.base.project import Project
from editio.base.spans import opened_work
from editio.edition.apparatus import link_empty_readings
from editio.edition.work import Edition
from editio.formats.docx import package as docx_package
from editio.formats.docx.layout import Part, RunningHeads, lay_out
from editio.formats.fonts import book_faces


def load_style_map(edition: Edition) -> dict[str, dict[str, str]]:
    path = edition.profile.docx_styles  # which Word style each class gets
    if not path.is_file():
        raise ProjectError("DOCX style map not found", path=path)
    data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    return {"paragraph": dict(data.get("paragraph", {})),
            "character": dict(data.get("character", {}))}


def for_word(blocks: list[Node], styles: dict[str, dict[str, str]]) -> list[Node]:
    """Give classes their Word style names."""

    def fix(node: Node) -> Node | list[Node] | None:
        t = node.get("t")
        if t == "Para" and node["c"] and node["c"][0].get("t") == "Span" and \
                set(node["c"][0]["c"][0][1]) & {"title", "author", "date"}:
            return []  # Word's own title block, from the metadata, already says these
        if t in ("Div", "Span"):
            kinds = styles["paragraph"] if t == "Div" else styles["character"]
            a = node["c"][0]
            for cls in a[1]:
                if cls in kinds:
                    a[2] = [kv for kv in a[2] if kv[0] != "custom-style"]
                    a[2].append(["custom-style", kinds[cls]])
                    break
        return None

    return walk(blocks, fix)


PARAGRAPH_SIGN = "\u00b6\u00a0"  # "¶ 12": a paragraph's number, never read as a note call


def sign_paragraph_numbers(blocks: list[Node]) -> list[Node]:
    """Word has no generated text: the ¶ that the EPUB's CSS puts before a paragraph's
    number is written into it, so that the number is not taken for a note's."""

    def fix(node: Node) -> None:
        if node.get("t") == "Span" and "pnum" in node["c"][0][1] and node["c"][1] and \
                node["c"][1][0].get("t") == "Str" and \
                not node["c"][1][0]["c"].startswith(PARAGRAPH_SIGN):
            node["c"][1][0] = Str(PARAGRAPH_SIGN + node["c"][1][0]["c"])
        return None

    return walk(blocks, fix)


def book_parts(edition: Edition, blocks: list[Node]) -> tuple[list[Part], RunningHeads]:
    """Where each part of the book begins (its heading's id), with its running heads: a
    work's author and title; a volume's front and back matter, its editor and title."""
    meta = edition.front_matter
    book = RunningHeads(author=str(meta["editor" if edition.works else "author"]),
                        title=edition.title)
    works = {str(w["id"]): RunningHeads(author=str(w["author"]), title=str(w["title"]))
             for w in meta.get("contents", ())}
    parts = []
    heads = book  # a work's from its opening to the next top-level heading
    for node in iter_nodes(blocks):
        if node.get("t") != "Header":
            continue
        level, (ident, classes, _) = node["c"][0], node["c"][1]
        if level == 1:
            work = opened_work(node)
            heads = works[work] if work else book
        if not ident or "unlisted" in classes:
            continue
        part = level == 1 or {"note-on-text", "work-text", "bibliography"} & set(classes) \
            or ident.endswith("textual-notes")
        if part:
            parts.append(Part(ident, heads))
    return parts, book


def number_notes_through(blocks: list[Node]) -> int:
    """The textual notes cite an author's note by the number Word and LibreOffice print: the
    DOCX numbers its footnotes through the book (layout.py says why), so "n. 2" of the
    essay's text is the essay's 2nd note there but, after the note on the text's nine,
    the book's 11th. Each entry's location is the number of the footnote that holds its
    reading (the entry links to it); returns how many entries were renumbered."""
    held: dict[str, int] = {}  # a reading's id -> the number of the footnote holding it
    count = 0
    for node in iter_nodes(blocks):  # in document order, as Word counts
        if node.get("t") == "Note":
            count += 1
            for inner in iter_nodes(node["c"]):
                if inner.get("t") == "Span" and inner["c"][0][0]:
                    held[inner["c"][0][0]] = count
    renumbered = 0
    for node in iter_nodes(blocks):
        if node.get("t") != "Link" or "app-loc" not in node["c"][0][1]:
            continue
        number = held.get(node["c"][2][0].lstrip("#"))
        label = stringify(node["c"][1])
        if number is None or not label.startswith("n. "):
            continue
        node["c"][1] = [Str(f"n. {number}")]
        node["c"][2][1] = node["c"][2][1].replace(label, f"n. {number}", 1)
        renumbered += 1
    return renumbered


def write_docx(_project: Project, edition: Edition, target: Path) -> Path:
    doc = copy_doc(edition.doc)
    number_notes_through(doc["blocks"])
    blocks = link_empty_readings(sign_paragraph_numbers(doc["blocks"]))
    doc["blocks"] = for_word(blocks, load_style_map(edition))
    args = [f"--reference-doc={edition.profile.reference_docx}"]
    profile = edition.profile
    # the page CSS the PDF is set with gives the DOCX its page too
    page = docx_package.page_setup(profile.page_css)
    parts, book = book_parts(edition, doc["blocks"])
    with atomic_output(target) as tmp:
        pandoc.write(doc, "docx", tmp, args, epoch=edition.epoch, background=True)
        docx_package.finish(tmp, page, profile.font, book_faces(profile.font, []),
                            lambda files: lay_out(files, parts, book), epoch=edition.epoch)
    return target
