"""EPUB 3: pandoc's writer, our CSS, full metadata and a stable identifier."""

from __future__ import annotations

from pathlib import Path

from editio import pandoc
from editio.edition import Edition, identifier
from editio.outputs import atomic_output
from editio.pandoc_ast import Node
from editio.project import Project
from editio.sandbox import check_resources


def _meta_string(value: str) -> Node:
    return {"t": "MetaString", "c": value}


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
    doc["meta"] = meta
    work_dir = project.source_dir / edition.work_id
    check_resources(doc, project.readable_roots(), work_dir, work_dir / "text.md")
    args = ["--split-level=1", f"--resource-path={work_dir}", "--epub-title-page=false",
            "--toc", "--toc-depth=1", f"--css={edition.profile.epub_css}"]
    with atomic_output(target) as tmp:
        pandoc.write(doc, "epub3", tmp, args, epoch=edition.epoch, sandbox=False,
                     background=True)
    return target
