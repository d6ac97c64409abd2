"""EPUB 3: pandoc's writer, our CSS, full metadata and a stable identifier; finished by
epub_package for navigation and accessibility."""

from __future__ import annotations

from pathlib import Path

from editio.base import pandoc
from editio.base.outputs import atomic_output
from editio.base.pandoc_ast import Header, Node, attr, copy_doc, walk
from editio.base.project import Project
from editio.base.sandbox import check_resources
from editio.edition.apparatus import link_empty_readings
from editio.edition.work import Edition, WorkFacts, description, identifier, rights_statement
from editio.formats.docx.package import page_setup
from editio.formats.epub.cover import cover_lines, render_cover
from editio.formats.epub.package import finish_epub
from editio.formats.fonts import book_faces

# The TOC lists every heading: a work's text is level 1, its sections 2 and 3; in a volume
# each work is a part, one level above.
TOC_DEPTH = {False: 3, True: 4}


def _meta_string(value: str) -> Node:
    return {"t": "MetaString", "c": value}


def works_of(edition: Edition) -> list[WorkFacts]:
    """The works the book holds, each with its print edition (the title page's source line)."""
    return list(edition.work_facts) or [WorkFacts(prefix="", title=edition.title, source="")]


def title_as_heading(blocks: list[Node]) -> list[Node]:
    """The title page's title becomes the heading of its document. Pandoc heads a document
    that begins without a heading with the book's title, which the title page then printed
    again; the heading is `unlisted`, so the contents name the title once, at the text."""

    def fix(node: Node) -> Node | list[Node] | None:
        if node.get("t") != "Div" or "title-page" not in node["c"][0][1]:
            return None
        body = node["c"][1]
        first = body[0] if body else None
        if not (first and first.get("t") == "Para" and first["c"]
                and first["c"][0].get("t") == "Span" and "title" in first["c"][0]["c"][0][1]):
            return None
        heading = Header(1, attr("title-page-title", ["unnumbered", "unlisted", "title"]),
                         first["c"][0]["c"][1])
        return [heading, {"t": "Div", "c": [node["c"][0], body[1:]]}]

    return walk(blocks, fix)


def creators(edition: Edition) -> Node:
    """dc:creator: a work's author (aut); a volume's editor, who edited, not wrote it (edt)."""
    role = "edt" if edition.works else "aut"
    names = [str(edition.front_matter["editor" if edition.works else "author"])]
    return {"t": "MetaList", "c": [{"t": "MetaMap", "c": {
        "role": _meta_string(role), "text": _meta_string(name)}} for name in names]}


def cover_png(edition: Edition) -> bytes:
    page = page_setup(edition.profile.page_css)
    return render_cover(cover_lines(edition.title_page),
                        book_faces(edition.profile.font, []), page.height / page.width)


def write_epub(project: Project, edition: Edition, target: Path) -> Path:
    doc = copy_doc(edition.doc)  # the Edition is shared by the writers: change a copy
    meta = dict(doc["meta"])
    meta["identifier"] = _meta_string(identifier(edition))
    meta["date"] = _meta_string(edition.build_date)
    meta["rights"] = _meta_string(rights_statement(edition))
    if edition.front_matter.get("editor"):
        meta["publisher"] = _meta_string(str(edition.front_matter["editor"]))
    meta.pop("author", None)
    meta["creator"] = creators(edition)
    meta["description"] = _meta_string(description(edition))
    meta["toc-title"] = _meta_string("Contents")
    meta.pop("source", None)  # a bibliography key; the package names the print edition itself
    doc["meta"] = meta
    doc["blocks"] = link_empty_readings(title_as_heading(doc["blocks"]))
    work_dir = project.source_dir / edition.work_id
    check_resources(doc, project.readable_roots(), work_dir, work_dir / "text.md")
    works = works_of(edition)
    depth = TOC_DEPTH[any(w.prefix for w in works)]
    args = ["--split-level=1", f"--resource-path={work_dir}", "--epub-title-page=false",
            "--toc", f"--toc-depth={depth}", f"--css={edition.profile.epub_css}"]
    with atomic_output(target) as tmp:
        pandoc.write(doc, "epub3", tmp, args, epoch=edition.epoch, sandbox=False,
                     background=True)
        finish_epub(tmp, works, edition.profile.epub_accessibility, cover_png(edition))
    return target
