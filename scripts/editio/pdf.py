"""PDF: the edition's AST as HTML through a Jinja2 template, typeset by WeasyPrint."""

from __future__ import annotations

import copy
import logging
from datetime import UTC, datetime
from pathlib import Path

import fontpkg
import jinja2
from weasyprint import CSS, HTML

from editio import pandoc
from editio.edition import Edition
from editio.errors import ProjectError, SandboxError, ToolError
from editio.outputs import atomic_output
from editio.pandoc_ast import LineBreak_, Node, Span, attr, walk
from editio.project import Project
from editio.sandbox import RefusedURLError, SandboxFetcher


def _inline_footnotes(blocks: list[Node]) -> list[Node]:
    """Notes become spans in place, so CSS `float: footnote` sets them at the page foot."""

    def note_to_span(node: Node) -> Node | None:
        if node.get("t") != "Note":
            return None
        inlines: list[Node] = []
        for i, block in enumerate(node["c"]):
            if i:
                inlines.append(LineBreak_())
            if block.get("t") in ("Para", "Plain"):
                inlines.extend(block["c"])
        return Span(attr("", ["footnote"]), inlines)

    return walk(blocks, note_to_span)


def font_faces(family: str) -> list[dict]:
    """@font-face data for a family installed from PyPI (a fontpkg-* package)."""
    try:
        fam = fontpkg.family(family)
    except fontpkg.FontpkgError as exc:
        raise ProjectError(f"font '{family}' is not installed: {exc}",
                           hint="add its fontpkg-* package to requirements.txt") from None
    faces = []
    for f in fam.files:
        weight = f"{f.wght_min} {f.wght_max}" if f.variable and f.wght_min else \
            str(f.weight or 400)
        faces.append({"family": fam.name, "url": Path(f.path).resolve().as_uri(),
                      "style": f.style, "weight": weight})
    return faces


def font_dirs(family: str) -> tuple[Path, ...]:
    try:
        return tuple({Path(f.path).resolve().parent for f in fontpkg.family(family).files})
    except fontpkg.FontpkgError:
        return ()


def render_html(project: Project, edition: Edition) -> str:
    doc = copy.deepcopy(edition.doc)
    doc["blocks"] = _inline_footnotes(doc["blocks"])
    body = pandoc.write(doc, "html5", None, ["--wrap=none"])
    templates = project.styles_dir / "pdf"
    env = jinja2.Environment(loader=jinja2.FileSystemLoader(templates), autoescape=True,
                             undefined=jinja2.StrictUndefined)
    try:
        template = env.get_template(edition.profile.pdf_template)
    except jinja2.TemplateNotFound:
        raise ProjectError(f"template styles/pdf/{edition.profile.pdf_template} not found") \
            from None
    created = datetime.fromtimestamp(edition.epoch, UTC).strftime("%Y-%m-%dT%H:%M:%SZ")
    return template.render(
        meta=edition.meta, title=edition.title, author=str(edition.meta["author"]),
        lang=str(edition.meta["lang"]), created=created, body=jinja2.utils.markupsafe.Markup(body),
        fonts=font_faces(edition.profile.font), profile=edition.profile,
        subject=f"A critical edition of {edition.title} by {edition.meta['author']}",
    )


def write_pdf(project: Project, edition: Edition, target: Path) -> Path:
    html = render_html(project, edition)
    fetcher = SandboxFetcher(project.readable_roots() + font_dirs(edition.profile.font))
    stylesheets = [CSS(filename=str(p), url_fetcher=fetcher) for p in edition.profile.pdf_css]
    logging.getLogger("weasyprint").setLevel(logging.ERROR)
    options = edition.profile.options.get("pdf", {}) or {}
    try:
        document = HTML(string=html, base_url=str(project.styles_dir / "pdf") + "/",
                        url_fetcher=fetcher)
        with atomic_output(target) as tmp:
            document.write_pdf(tmp, stylesheets=stylesheets, pdf_tags=True,
                               pdf_variant=options.get("variant"),
                               pdf_identifier=edition.work_id.encode())
    except RefusedURLError as exc:
        raise SandboxError(f"the document asked for {exc.url}: {exc.why}",
                           path=edition.work_id) from None
    except (OSError, ValueError) as exc:
        raise ToolError(f"WeasyPrint failed: {exc}") from None
    return target
