"""DOCX: pandoc's writer with the profile's reference.docx and named Word styles.

Which Word style each part of the edition gets is presentation, so it is read
from styles/ (the profile's docx-styles mapping), never decided here.
"""

from __future__ import annotations

from pathlib import Path

import yaml
from lxml import etree

from editio.base import pandoc
from editio.base.errors import ProjectError
from editio.base.outputs import atomic_output
from editio.base.pandoc_ast import Node, copy_doc, iter_nodes, walk
from editio.base.project import Project
from editio.edition.work import Edition
from editio.formats.docx import package as docx_package
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


W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"


def number_notes_by_work(files: dict[str, bytes], restarts: set[str]) -> None:
    """Number each work's notes from 1, and again in its text, as the PDF and EPUB do.

    Word numbers footnotes through the whole document; a volume's second work would call
    its first note 8 while its textual notes say "n. 1". Each note gets its number as a
    custom mark instead, restarting at the bookmarks of the headings named in `restarts`.
    `files` are the package's parts (name -> bytes), changed in place.
    """
    if "word/footnotes.xml" not in files:
        return
    document = etree.fromstring(files["word/document.xml"])
    numbers: dict[str, int] = {}
    count = 0
    for el in document.iter(f"{{{W}}}bookmarkStart", f"{{{W}}}footnoteReference"):
        if el.tag == f"{{{W}}}bookmarkStart":
            if el.get(f"{{{W}}}name") in restarts:
                count = 0
            continue
        count += 1
        numbers[el.get(f"{{{W}}}id")] = count
        el.set(f"{{{W}}}customMarkFollows", "1")
        mark = etree.Element(f"{{{W}}}t")
        mark.text = str(count)
        el.addnext(mark)
    notes = etree.fromstring(files["word/footnotes.xml"])
    for note in notes.iterfind(f"{{{W}}}footnote"):
        ref = note.find(f".//{{{W}}}footnoteRef")
        if ref is not None and note.get(f"{{{W}}}id") in numbers:
            mark = etree.Element(f"{{{W}}}t")
            mark.text = str(numbers[note.get(f"{{{W}}}id")])
            ref.getparent().replace(ref, mark)
    files["word/document.xml"] = etree.tostring(document, xml_declaration=True,
                                                encoding="UTF-8", standalone=True)
    files["word/footnotes.xml"] = etree.tostring(notes, xml_declaration=True,
                                                 encoding="UTF-8", standalone=True)


def write_docx(_project: Project, edition: Edition, target: Path) -> Path:
    doc = copy_doc(edition.doc)
    doc["blocks"] = for_word(doc["blocks"], load_style_map(edition))
    args = [f"--reference-doc={edition.profile.reference_docx}"]
    profile = edition.profile
    # the page CSS the PDF is set with gives the DOCX its page too
    page = docx_package.page_setup(profile.page_css)
    restarts = {n["c"][1][0] for n in iter_nodes(doc["blocks"])
                if n.get("t") == "Header" and {"work-opening", "work-text"} & set(n["c"][1][1])}
    with atomic_output(target) as tmp:
        pandoc.write(doc, "docx", tmp, args, epoch=edition.epoch, background=True)
        docx_package.finish(tmp, page, profile.font, book_faces(profile.font, []),
                            lambda parts: number_notes_by_work(parts, restarts))
    return target
