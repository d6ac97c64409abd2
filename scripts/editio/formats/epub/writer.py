"""EPUB 3: pandoc's writer, our CSS, full metadata and a stable identifier; finished by
epub_package for navigation and accessibility."""

from __future__ import annotations

from pathlib import Path

from editio.base import pandoc
from editio.base.outputs import atomic_output
from editio.base.pandoc_ast import Node, iter_nodes, stringify
from editio.base.project import Project
from editio.base.sandbox import check_resources
from editio.edition.work import Edition, identifier
from editio.formats.epub.package import WorkFacts, finish_epub

# The TOC lists every heading: a work's text is level 1, its sections 2 and 3; in a volume
# each work is a part, one level above.
TOC_DEPTH = {False: 3, True: 4}


def _meta_string(value: str) -> Node:
    return {"t": "MetaString", "c": value}


def works_of(edition: Edition) -> list[WorkFacts]:
    """The works the book holds, each with its print edition (the title page's source line)."""
    works: list[WorkFacts] = []
    prefix, title = "", edition.title
    for node in iter_nodes(edition.doc["blocks"]):
        t = node.get("t")
        if t == "Header" and "work-opening" in node["c"][1][1]:
            prefix = node["c"][1][0].removesuffix("-opening")
            title = stringify(node["c"][2])
        elif t == "Span" and "source" in node["c"][0][1]:
            source = stringify(node["c"][1]).strip().removeprefix("Source:").strip()
            works.append(WorkFacts(prefix=prefix, title=title, source=source))
    return works or [WorkFacts(prefix="", title=edition.title, source="")]


def write_epub(project: Project, edition: Edition, target: Path) -> Path:
    doc = dict(edition.doc)
    meta = dict(doc["meta"])
    meta["identifier"] = _meta_string(identifier(edition))
    meta["date"] = _meta_string(edition.build_date)
    meta["rights"] = _meta_string(" ".join(str(edition.front_matter["rights"]).split()))
    if edition.front_matter.get("editor"):
        meta["publisher"] = _meta_string(str(edition.front_matter["editor"]))
    meta["description"] = _meta_string(
        f"A critical edition of {edition.title} by {edition.front_matter['author']}, "
        f"{edition.front_matter['date']}, with textual notes.")
    meta["toc-title"] = _meta_string("Contents")
    meta.pop("source", None)  # a bibliography key; the package names the print edition itself
    doc["meta"] = meta
    work_dir = project.source_dir / edition.work_id
    check_resources(doc, project.readable_roots(), work_dir, work_dir / "text.md")
    works = works_of(edition)
    depth = TOC_DEPTH[any(w.prefix for w in works)]
    args = ["--split-level=1", f"--resource-path={work_dir}", "--epub-title-page=false",
            "--toc", f"--toc-depth={depth}", f"--css={edition.profile.epub_css}"]
    with atomic_output(target) as tmp:
        pandoc.write(doc, "epub3", tmp, args, epoch=edition.epoch, sandbox=False,
                     background=True)
        finish_epub(tmp, works, edition.profile.epub_accessibility)
    return target
